package target

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Micropub publishes on a Micropub server (https://www.w3.org/TR/micropub/):
// micro.blog, Indiekit, WordPress with the IndieWeb plugin. The post's id
// is the URL the server answers in Location.
type Micropub struct {
	// Endpoint is the server's Micropub endpoint.
	Endpoint string
	// Token is the access token (IndieAuth's, or one the server gives).
	Token string
	// HTML sends the content as HTML ({"html": ...}, in a JSON request);
	// otherwise the content is the Markdown text, sent form-encoded, for
	// servers that render Markdown themselves (micro.blog).
	HTML bool
	// Client makes the requests. Default: a client with DefaultTimeout.
	Client *http.Client
}

// Name is "micropub".
func (m *Micropub) Name() string { return "micropub" }

// Drafts is false: post-status is no part of Micropub's core, and a
// server that ignores it would publish the draft.
func (m *Micropub) Drafts() bool { return false }

func (m *Micropub) auth() string { return "Bearer " + m.Token }

// Create creates an h-entry: JSON with the content as HTML, or a form
// with the Markdown content. The server answers 201 or 202 with the
// post's URL in Location.
func (m *Micropub) Create(ctx context.Context, e Entry) (Remote, error) {
	var a answer
	var err error
	if m.HTML {
		body, merr := json.Marshal(map[string]any{
			"type":       []string{"h-entry"},
			"properties": m.properties(e),
		})
		if merr != nil {
			return Remote{}, fmt.Errorf("micropub: create: %w", merr)
		}
		a, err = do(ctx, m.Client, http.MethodPost, m.Endpoint, jsonHeader(m.auth()), body)
	} else {
		form := url.Values{"h": {"entry"}, "name": {e.Title}, "content": {e.Markdown}}
		for _, c := range m.categories(e) {
			form.Add("category[]", c)
		}
		if !e.Published.IsZero() {
			form.Set("published", e.Published.Format("2006-01-02T15:04:05-07:00"))
		}
		h := http.Header{}
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		h.Set("Accept", "application/json")
		h.Set("Authorization", m.auth())
		a, err = do(ctx, m.Client, http.MethodPost, m.Endpoint, h, []byte(form.Encode()))
	}
	if err != nil {
		return Remote{}, fmt.Errorf("micropub: create: %w", err)
	}
	loc := a.header.Get("Location")
	if loc == "" {
		return Remote{}, errors.New("micropub: create: the server gave no Location: the post cannot be updated later")
	}
	u, err := resolveLocation(m.Endpoint, loc)
	if err != nil {
		return Remote{}, fmt.Errorf("micropub: create: %w", err)
	}
	return Remote{ID: u, URL: u}, nil
}

// Update replaces the post's name, content and categories (a JSON
// "update" action). A server that moved the post answers 201 with its new
// URL.
func (m *Micropub) Update(ctx context.Context, r Remote, e Entry) (Remote, error) {
	props := m.properties(e)
	delete(props, "published")
	replace := map[string]any{}
	for k, v := range props {
		replace[k] = v
	}
	if _, ok := replace["category"]; !ok {
		replace["category"] = []string{}
	}
	body, err := json.Marshal(map[string]any{"action": "update", "url": r.ID, "replace": replace})
	if err != nil {
		return Remote{}, fmt.Errorf("micropub: update: %w", err)
	}
	a, err := do(ctx, m.Client, http.MethodPost, m.Endpoint, jsonHeader(m.auth()), body)
	if err != nil {
		return Remote{}, fmt.Errorf("micropub: update: %w", err)
	}
	if loc := a.header.Get("Location"); a.status == http.StatusCreated && loc != "" {
		if u, err := resolveLocation(m.Endpoint, loc); err == nil {
			return Remote{ID: u, URL: u}, nil
		}
	}
	return r, nil
}

// properties are the h-entry's properties in Micropub's JSON syntax.
func (m *Micropub) properties(e Entry) map[string]any {
	props := map[string]any{"name": []string{e.Title}}
	if m.HTML {
		props["content"] = []any{map[string]string{"html": e.HTML}}
	} else {
		props["content"] = []string{e.Markdown}
	}
	if c := m.categories(e); len(c) > 0 {
		props["category"] = c
	}
	if !e.Published.IsZero() {
		props["published"] = []string{e.Published.Format("2006-01-02T15:04:05-07:00")}
	}
	return props
}

// categories are the post's categories then its tags: Micropub has only
// categories.
func (m *Micropub) categories(e Entry) []string { return labels(e) }

// labels are the post's categories then its tags, once each, for the
// platforms that have one kind of label (Micropub, Ghost).
func labels(e Entry) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range append(append([]string{}, e.Categories...), e.Tags...) {
		if k := strings.ToLower(c); c != "" && !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

// resolveLocation resolves a Location header against the endpoint.
func resolveLocation(endpoint, loc string) (string, error) {
	base, err := url.Parse(endpoint)
	if err != nil {
		return "", err
	}
	u, err := base.Parse(loc)
	if err != nil {
		return "", fmt.Errorf("location %q: %w", loc, err)
	}
	return u.String(), nil
}
