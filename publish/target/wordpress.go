package target

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// WordPress publishes through WordPress's REST API
// (/wp-json/wp/v2/posts), authenticated with an application password
// (Users → Profile → Application Passwords). Categories and tags are
// found by name, and created when missing.
type WordPress struct {
	// Site is the site's address, https://blog.example.org (the REST API
	// is under /wp-json/).
	Site string
	// User is the user name; Password the application password.
	User, Password string
	// Client makes the requests. Default: a client with DefaultTimeout.
	Client *http.Client
}

// Name is "wordpress".
func (w *WordPress) Name() string { return "wordpress" }

// Drafts is true: a draft week is a WordPress draft.
func (w *WordPress) Drafts() bool { return true }

func (w *WordPress) auth() string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(w.User+":"+w.Password))
}

func (w *WordPress) api(path string) string {
	return strings.TrimRight(w.Site, "/") + "/wp-json/wp/v2/" + path
}

// wpPost is a post as the REST API answers it.
type wpPost struct {
	ID     int64  `json:"id"`
	Link   string `json:"link"`
	Status string `json:"status"`
}

// Create creates the post (status "draft" for a draft week, else
// "publish") with its categories and tags.
func (w *WordPress) Create(ctx context.Context, e Entry) (Remote, error) {
	return w.save(ctx, w.api("posts"), e, "create")
}

// Update replaces the post's title, content, status, categories and tags.
func (w *WordPress) Update(ctx context.Context, r Remote, e Entry) (Remote, error) {
	if _, err := strconv.ParseInt(r.ID, 10, 64); err != nil {
		return Remote{}, fmt.Errorf("wordpress: update: post id %q is not a number", r.ID)
	}
	return w.save(ctx, w.api("posts/"+r.ID), e, "update")
}

func (w *WordPress) save(ctx context.Context, u string, e Entry, what string) (Remote, error) {
	cats, err := w.terms(ctx, "categories", e.Categories)
	if err != nil {
		return Remote{}, fmt.Errorf("wordpress: %s: %w", what, err)
	}
	tags, err := w.terms(ctx, "tags", e.Tags)
	if err != nil {
		return Remote{}, fmt.Errorf("wordpress: %s: %w", what, err)
	}
	status := "publish"
	if e.Draft {
		status = "draft"
	}
	post := map[string]any{
		"title":      e.Title,
		"content":    e.HTML,
		"status":     status,
		"categories": cats,
		"tags":       tags,
	}
	if !e.Published.IsZero() {
		post["date_gmt"] = e.Published.UTC().Format("2006-01-02T15:04:05")
	}
	body, err := json.Marshal(post)
	if err != nil {
		return Remote{}, fmt.Errorf("wordpress: %s: %w", what, err)
	}
	a, err := do(ctx, w.Client, http.MethodPost, u, jsonHeader(w.auth()), body)
	if err != nil {
		return Remote{}, fmt.Errorf("wordpress: %s: %w", what, err)
	}
	var p wpPost
	if err := json.Unmarshal(a.body, &p); err != nil || p.ID == 0 {
		return Remote{}, fmt.Errorf("wordpress: %s: an answer with no post id", what)
	}
	return Remote{ID: strconv.FormatInt(p.ID, 10), URL: p.Link}, nil
}

// terms returns the ids of the categories or tags named, creating those
// that do not exist yet.
func (w *WordPress) terms(ctx context.Context, kind string, names []string) ([]int64, error) {
	ids := []int64{}
	seen := map[int64]bool{}
	for _, name := range names {
		if strings.TrimSpace(name) == "" {
			continue
		}
		id, err := w.term(ctx, kind, name)
		if err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// term finds a category or tag by name (the API's search matches parts
// of names; the name must match whole, in any case), or creates it.
func (w *WordPress) term(ctx context.Context, kind, name string) (int64, error) {
	q := url.Values{"search": {name}, "per_page": {"100"}}
	a, err := do(ctx, w.Client, http.MethodGet, w.api(kind)+"?"+q.Encode(), jsonHeader(w.auth()), nil)
	if err != nil {
		return 0, fmt.Errorf("%s %q: %w", kind, name, err)
	}
	var found []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal(a.body, &found); err != nil {
		return 0, fmt.Errorf("%s %q: %w", kind, name, err)
	}
	for _, t := range found {
		// Names come back HTML-escaped ("Go &amp; Rust").
		if strings.EqualFold(html.UnescapeString(t.Name), name) {
			return t.ID, nil
		}
	}
	body, _ := json.Marshal(map[string]string{"name": name})
	a, err = do(ctx, w.Client, http.MethodPost, w.api(kind), jsonHeader(w.auth()), body)
	var he *HTTPError
	if errors.As(err, &he) && he.StatusCode == http.StatusBadRequest {
		// A term whose name differs only by what search missed:
		// {"code":"term_exists","data":{"status":400,"term_id":12}}.
		var exists struct {
			Code string `json:"code"`
			Data struct {
				TermID int64 `json:"term_id"`
			} `json:"data"`
		}
		if json.Unmarshal(a.body, &exists) == nil && exists.Code == "term_exists" && exists.Data.TermID != 0 {
			return exists.Data.TermID, nil
		}
	}
	if err != nil {
		return 0, fmt.Errorf("create %s %q: %w", kind, name, err)
	}
	var t struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(a.body, &t); err != nil || t.ID == 0 {
		return 0, fmt.Errorf("create %s %q: an answer with no id", kind, name)
	}
	return t.ID, nil
}
