package target

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// fakeMicropub is a Micropub endpoint checking requests as the
// specification's examples make them (form and JSON create, JSON update).
type fakeMicropub struct {
	t     *testing.T
	srv   *httptest.Server
	token string
	mu    sync.Mutex
	// posts maps a post's URL to its properties.
	posts map[string]map[string]any
	calls []string
}

func newFakeMicropub(t *testing.T) *fakeMicropub {
	f := &fakeMicropub{t: t, token: "mp-secret-token", posts: map[string]map[string]any{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeMicropub) fail(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

func (f *fakeMicropub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/micropub" {
		f.fail(w, http.StatusNotFound, "not_found", r.Method+" "+r.URL.Path)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		f.fail(w, http.StatusUnauthorized, "unauthorized", "no or bad token")
		return
	}
	ct := r.Header.Get("Content-Type")
	switch {
	case strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
		if err := r.ParseForm(); err != nil {
			f.fail(w, http.StatusBadRequest, "invalid_request", err.Error())
			return
		}
		if r.PostForm.Get("h") != "entry" || r.PostForm.Get("content") == "" {
			f.fail(w, http.StatusBadRequest, "invalid_request", "want h=entry and content")
			return
		}
		props := map[string]any{"name": r.PostForm["name"], "content": r.PostForm["content"], "category": r.PostForm["category[]"]}
		f.create(w, "form", props)
	case strings.HasPrefix(ct, "application/json"):
		var req struct {
			Type       []string                   `json:"type"`
			Properties map[string]json.RawMessage `json:"properties"`
			Action     string                     `json:"action"`
			URL        string                     `json:"url"`
			Replace    map[string]json.RawMessage `json:"replace"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			f.fail(w, http.StatusBadRequest, "invalid_request", err.Error())
			return
		}
		if req.Action == "update" {
			post, ok := f.posts[req.URL]
			if !ok {
				f.fail(w, http.StatusBadRequest, "invalid_request", "no post at "+req.URL)
				return
			}
			if len(req.Replace) == 0 {
				f.fail(w, http.StatusBadRequest, "invalid_request", "update without replace")
				return
			}
			for k, v := range req.Replace {
				var val any
				json.Unmarshal(v, &val)
				post[k] = val
			}
			f.calls = append(f.calls, "update "+strings.TrimPrefix(req.URL, f.srv.URL))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if len(req.Type) != 1 || req.Type[0] != "h-entry" {
			f.fail(w, http.StatusBadRequest, "invalid_request", "want type [h-entry]")
			return
		}
		props := map[string]any{}
		for k, v := range req.Properties {
			var vals []any
			if err := json.Unmarshal(v, &vals); err != nil {
				f.fail(w, http.StatusBadRequest, "invalid_request", k+": property values must be arrays")
				return
			}
			props[k] = vals
		}
		f.create(w, "json", props)
	default:
		f.fail(w, http.StatusUnsupportedMediaType, "invalid_request", ct)
	}
}

func (f *fakeMicropub) create(w http.ResponseWriter, how string, props map[string]any) {
	u := fmt.Sprintf("/posts/%d", len(f.posts)+1)
	f.posts[f.srv.URL+u] = props
	f.calls = append(f.calls, "create "+how+" "+u)
	w.Header().Set("Location", u) // relative: resolved against the endpoint
	w.WriteHeader(http.StatusCreated)
}

// fakeWordPress answers /wp-json/wp/v2/ as WordPress does.
type fakeWordPress struct {
	srv        *httptest.Server
	user, pass string
	mu         sync.Mutex
	terms      map[string][]wpTerm // "categories", "tags"
	posts      map[int64]map[string]any
	nextID     int64
	calls      []string
}

type wpTerm struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func newFakeWordPress(t *testing.T) *fakeWordPress {
	f := &fakeWordPress{user: "editor", pass: "abcd EFGH 1234 ijkl MNOP 6789", nextID: 40,
		terms: map[string][]wpTerm{
			"categories": {{ID: 5, Name: "Veille"}, {ID: 6, Name: "Veille technique"}},
			"tags":       {{ID: 7, Name: "Go &amp; Rust"}, {ID: 8, Name: "hidden"}},
		},
		posts: map[int64]map[string]any{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func wpError(w http.ResponseWriter, status int, code, msg string, data map[string]any) {
	if data == nil {
		data = map[string]any{}
	}
	data["status"] = status
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg, "data": data})
}

func (f *fakeWordPress) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	user, pass, ok := r.BasicAuth()
	if !ok || user != f.user || pass != f.pass {
		wpError(w, http.StatusUnauthorized, "rest_not_logged_in", "You are not currently logged in.", nil)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/wp-json/wp/v2/")
	if !ok {
		wpError(w, http.StatusNotFound, "rest_no_route", "No route was found matching the URL and request method.", nil)
		return
	}
	kind, id, _ := strings.Cut(rest, "/")
	switch {
	case (kind == "categories" || kind == "tags") && r.Method == http.MethodGet:
		search := strings.ToLower(r.URL.Query().Get("search"))
		found := []wpTerm{}
		// WordPress compares with the stored (escaped) name, in part.
		for _, t := range f.terms[kind] {
			if strings.Contains(strings.ToLower(html.UnescapeString(t.Name)), search) && search != "hidden" {
				found = append(found, t)
			}
		}
		json.NewEncoder(w).Encode(found)
	case (kind == "categories" || kind == "tags") && r.Method == http.MethodPost:
		var req struct {
			Name string `json:"name"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		for _, t := range f.terms[kind] {
			if strings.EqualFold(html.UnescapeString(t.Name), req.Name) {
				wpError(w, http.StatusBadRequest, "term_exists", "A term with the name provided already exists with this parent.", map[string]any{"term_id": t.ID})
				return
			}
		}
		f.nextID++
		t := wpTerm{ID: f.nextID, Name: html.EscapeString(req.Name)}
		f.terms[kind] = append(f.terms[kind], t)
		f.calls = append(f.calls, "create "+kind+" "+req.Name)
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(t)
	case kind == "posts" && r.Method == http.MethodPost:
		if r.Header.Get("Content-Type") != "application/json" {
			wpError(w, http.StatusBadRequest, "rest_invalid_json", "want JSON", nil)
			return
		}
		var req map[string]any
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			wpError(w, http.StatusBadRequest, "rest_invalid_json", err.Error(), nil)
			return
		}
		if s := req["status"]; s != "publish" && s != "draft" {
			wpError(w, http.StatusBadRequest, "rest_invalid_param", "Invalid parameter(s): status", nil)
			return
		}
		status := http.StatusOK
		var pid int64
		if id == "" {
			f.nextID++
			pid, status = f.nextID, http.StatusCreated
			f.posts[pid] = req
			f.calls = append(f.calls, fmt.Sprintf("create post %d %s", pid, req["status"]))
		} else {
			pid, _ = strconv.ParseInt(id, 10, 64)
			if _, ok := f.posts[pid]; !ok {
				wpError(w, http.StatusNotFound, "rest_post_invalid_id", "Invalid post ID.", nil)
				return
			}
			f.posts[pid] = req
			f.calls = append(f.calls, fmt.Sprintf("update post %d %s", pid, req["status"]))
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{
			"id": pid, "link": fmt.Sprintf("%s/?p=%d", f.srv.URL, pid), "status": req["status"],
			"title": map[string]string{"raw": fmt.Sprint(req["title"]), "rendered": fmt.Sprint(req["title"])},
		})
	default:
		wpError(w, http.StatusNotFound, "rest_no_route", "No route was found matching the URL and request method.", nil)
	}
}

// fakeGhost answers /ghost/api/admin/posts/ as Ghost does, verifying the
// JWT of every request.
type fakeGhost struct {
	t        *testing.T
	srv      *httptest.Server
	id       string
	secret   []byte
	mu       sync.Mutex
	posts    map[string]map[string]any
	updated  map[string]string
	calls    []string
	tokenErr error
	clock    time.Time
}

func newFakeGhost(t *testing.T) *fakeGhost {
	secret, _ := hex.DecodeString("b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1")
	f := &fakeGhost{t: t, id: "6748592f4b9b7700010f6564", secret: secret, posts: map[string]map[string]any{}, updated: map[string]string{},
		clock: time.Date(2014, 10, 3, 18, 0, 0, 0, time.UTC)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeGhost) key() string { return f.id + ":" + hex.EncodeToString(f.secret) }

func ghostError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]string{{"message": msg, "type": typ}}})
}

// verify checks the Authorization header as Ghost does: "Ghost <jwt>",
// HS256 signed with the secret of the key named by kid, audience
// "/admin/", at most five minutes of validity.
func (f *fakeGhost) verify(r *http.Request) error {
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Ghost ")
	if !ok {
		return fmt.Errorf("no Ghost token")
	}
	claims := &jwt.RegisteredClaims{}
	tok, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		if t.Header["kid"] != f.id {
			return nil, fmt.Errorf("unknown kid %v", t.Header["kid"])
		}
		return f.secret, nil
	}, jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience("/admin/"), jwt.WithIssuedAt(),
		jwt.WithTimeFunc(func() time.Time { return f.clock }), jwt.WithExpirationRequired())
	if err != nil {
		return err
	}
	if tok.Header["typ"] != "JWT" {
		return fmt.Errorf("typ %v", tok.Header["typ"])
	}
	if life := claims.ExpiresAt.Sub(claims.IssuedAt.Time); life > 5*time.Minute {
		return fmt.Errorf("token valid %v, more than 5 minutes", life)
	}
	return nil
}

func (f *fakeGhost) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.verify(r); err != nil {
		f.tokenErr = err
		ghostError(w, http.StatusUnauthorized, "UnauthorizedError", "Invalid token: "+err.Error())
		return
	}
	if r.Header.Get("Accept-Version") == "" {
		ghostError(w, http.StatusBadRequest, "BadRequestError", "no Accept-Version")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/ghost/api/admin/posts/")
	if !ok {
		ghostError(w, http.StatusNotFound, "NotFoundError", "Resource not found")
		return
	}
	if r.URL.Query().Get("source") != "html" {
		ghostError(w, http.StatusBadRequest, "ValidationError", "html sent without ?source=html would be lost")
		return
	}
	var req struct {
		Posts []map[string]any `json:"posts"`
	}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &req); err != nil || len(req.Posts) != 1 {
		ghostError(w, http.StatusBadRequest, "ValidationError", "want {\"posts\":[{...}]}")
		return
	}
	p := req.Posts[0]
	id := strings.TrimSuffix(rest, "/")
	status := http.StatusOK
	switch {
	case r.Method == http.MethodPost && id == "":
		id = fmt.Sprintf("5ddc9141c35e7700383b29%02d", len(f.posts)+1)
		status = http.StatusCreated
		f.calls = append(f.calls, fmt.Sprintf("create %v", p["status"]))
	case r.Method == http.MethodPut && f.posts[id] != nil:
		if p["updated_at"] != f.updated[id] {
			ghostError(w, http.StatusConflict, "UpdateCollisionError", "Saving failed! Someone else is editing this post.")
			return
		}
		f.calls = append(f.calls, fmt.Sprintf("update %s %v", id, p["status"]))
	default:
		ghostError(w, http.StatusNotFound, "NotFoundError", "Post not found.")
		return
	}
	f.posts[id] = p
	f.clock = f.clock.Add(time.Second)
	f.updated[id] = f.clock.Format("2006-01-02T15:04:05.000Z")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"posts": []map[string]any{{
		"id": id, "uuid": "d52c42ae-2755-455c-80ec-70b2ec55c903", "title": p["title"], "html": p["html"], "status": p["status"],
		"url": f.srv.URL + "/p/" + id + "/", "updated_at": f.updated[id],
	}}})
}

// basic is the Authorization header of user and pass, for messages.
func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}
