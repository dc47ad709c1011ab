package target

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Ghost publishes through Ghost's Admin API (/ghost/api/admin/posts/),
// authenticated with a custom integration's Admin API key. The content is
// sent as HTML (?source=html), which Ghost converts to its own format.
type Ghost struct {
	// Site is the admin address, https://blog.example.org (Ghost(Pro):
	// https://site.ghost.io).
	Site string
	// Key is the Admin API key, "id:secret", the secret in hex.
	Key string
	// Client makes the requests. Default: a client with DefaultTimeout.
	Client *http.Client
	// Now dates the tokens. Default time.Now.
	Now func() time.Time
}

// Name is "ghost".
func (g *Ghost) Name() string { return "ghost" }

// Drafts is true: a draft week is a Ghost draft.
func (g *Ghost) Drafts() bool { return true }

// ErrGhostKey is returned for an Admin API key that is not "id:secret"
// with a hex secret.
var ErrGhostKey = errors.New("ghost: the Admin API key is not id:secret with a hex secret")

// Token returns the JWT that authenticates one request: HS256, signed
// with the key's secret, the key's id as kid, audience "/admin/", valid
// five minutes, as Ghost's documentation asks.
func (g *Ghost) Token() (string, error) {
	id, secret, ok := strings.Cut(strings.TrimSpace(g.Key), ":")
	if !ok || id == "" {
		return "", ErrGhostKey
	}
	key, err := hex.DecodeString(secret)
	if err != nil || len(key) == 0 {
		return "", ErrGhostKey
	}
	now := time.Now()
	if g.Now != nil {
		now = g.Now()
	}
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.RegisteredClaims{
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)),
		Audience:  jwt.ClaimStrings{"/admin/"},
	})
	t.Header["kid"] = id
	s, err := t.SignedString(key)
	if err != nil {
		return "", fmt.Errorf("ghost: token: %w", err)
	}
	return s, nil
}

func (g *Ghost) header() (http.Header, error) {
	tok, err := g.Token()
	if err != nil {
		return nil, err
	}
	h := jsonHeader("Ghost " + tok)
	h.Set("Accept-Version", "v5.0")
	return h, nil
}

func (g *Ghost) api(path string) string {
	return strings.TrimRight(g.Site, "/") + "/ghost/api/admin/" + path
}

// ghostPost is a post as the Admin API answers it.
type ghostPost struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	UpdatedAt string `json:"updated_at"`
}

// Create creates the post, status "draft" for a draft week, else
// "published".
func (g *Ghost) Create(ctx context.Context, e Entry) (Remote, error) {
	return g.save(ctx, http.MethodPost, g.api("posts/?source=html"), e, "", "create")
}

// Update replaces the post; Ghost refuses it (409) when the post was
// changed in Ghost since r.Version (its updated_at): the author's edit is
// kept, and the error says so.
func (g *Ghost) Update(ctx context.Context, r Remote, e Entry) (Remote, error) {
	if r.ID == "" || strings.ContainsAny(r.ID, "/?#") {
		return Remote{}, fmt.Errorf("ghost: update: bad post id %q", r.ID)
	}
	rem, err := g.save(ctx, http.MethodPut, g.api("posts/"+r.ID+"/?source=html"), e, r.Version, "update")
	var he *HTTPError
	if errors.As(err, &he) && he.StatusCode == http.StatusConflict {
		return Remote{}, fmt.Errorf("ghost: update: %w (%w)", ErrEditedThere, err)
	}
	return rem, err
}

func (g *Ghost) save(ctx context.Context, method, u string, e Entry, version, what string) (Remote, error) {
	h, err := g.header()
	if err != nil {
		return Remote{}, err
	}
	status := "published"
	if e.Draft {
		status = "draft"
	}
	post := map[string]any{"title": e.Title, "html": e.HTML, "status": status}
	var tags []map[string]string
	for _, t := range labels(e) {
		tags = append(tags, map[string]string{"name": t})
	}
	if tags != nil {
		post["tags"] = tags
	}
	if !e.Published.IsZero() && !e.Draft {
		post["published_at"] = e.Published.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	if version != "" {
		post["updated_at"] = version
	}
	body, err := json.Marshal(map[string]any{"posts": []any{post}})
	if err != nil {
		return Remote{}, fmt.Errorf("ghost: %s: %w", what, err)
	}
	a, err := do(ctx, g.Client, method, u, h, body)
	if err != nil {
		return Remote{}, fmt.Errorf("ghost: %s: %w", what, err)
	}
	var out struct {
		Posts []ghostPost `json:"posts"`
	}
	if err := json.Unmarshal(a.body, &out); err != nil || len(out.Posts) == 0 || out.Posts[0].ID == "" {
		return Remote{}, fmt.Errorf("ghost: %s: an answer with no post", what)
	}
	p := out.Posts[0]
	return Remote{ID: p.ID, URL: p.URL, Version: p.UpdatedAt}, nil
}
