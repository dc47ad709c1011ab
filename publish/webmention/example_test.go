package webmention_test

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/moisson/moisson/publish/webmention"
)

// A page naming its endpoint in a <link> element, relative to the page.
func ExampleDiscover() {
	page, _ := url.Parse("https://example.org/2014/10/article")
	body := []byte(`<html><head><link rel="webmention" href="/webmention?v=1"></head></html>`)
	endpoint, ok := webmention.Discover(page, http.Header{}, body)
	fmt.Println(endpoint, ok)

	// An HTTP Link header comes first.
	h := http.Header{"Link": {`<https://webmention.io/example.org/webmention>; rel="webmention"`}}
	endpoint, ok = webmention.Discover(page, h, body)
	fmt.Println(endpoint, ok)
	// Output:
	// https://example.org/webmention?v=1 true
	// https://webmention.io/example.org/webmention true
}
