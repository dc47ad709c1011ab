package target_test

import (
	"fmt"
	"strings"

	"github.com/golang-jwt/jwt/v5"

	"github.com/moisson/moisson/publish/target"
)

// The token Ghost's Admin API wants: HS256, the key's id as kid,
// audience /admin/.
func ExampleGhost_Token() {
	g := &target.Ghost{Key: "6748592f4b9b7700010f6564:b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5"}
	tok, err := g.Token()
	if err != nil {
		fmt.Println(err)
		return
	}
	parsed, _, err := jwt.NewParser().ParseUnverified(tok, &jwt.RegisteredClaims{})
	if err != nil {
		fmt.Println(err)
		return
	}
	aud, _ := parsed.Claims.GetAudience()
	fmt.Println(parsed.Header["alg"], parsed.Header["kid"], strings.Join(aud, ","))
	// Output: HS256 6748592f4b9b7700010f6564 /admin/
}
