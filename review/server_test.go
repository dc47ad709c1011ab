package review_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

const weekID = "2014-W40"

var (
	keySSL  = "https://blog.cloudflare.com/introducing-universal-ssl/"
	keySHA1 = "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know"
)

func newBackend() *reviewtest.MemBackend {
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.SampleEntries(), reviewtest.SampleCategories)
	b.Now = func() time.Time { return time.Date(2014, 10, 3, 19, 0, 0, 0, time.UTC) }
	return b
}

// session is a browser-like client of a test server: cookies kept,
// redirects not followed, Origin set on POSTs.
type session struct {
	t      *testing.T
	srv    *httptest.Server
	c      *http.Client
	origin string
}

func start(t *testing.T, b review.Backend, opts review.Options) *session {
	t.Helper()
	srv := httptest.NewServer(review.New(b, opts).Handler())
	t.Cleanup(srv.Close)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &session{t: t, srv: srv, c: c, origin: srv.URL}
}

func (s *session) do(req *http.Request) (*http.Response, string) {
	s.t.Helper()
	resp, err := s.c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, string(b)
}

func (s *session) get(path string) (*http.Response, string) {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.srv.URL+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return s.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf loads the week's page and returns the CSRF token of its forms.
func (s *session) csrf() string {
	s.t.Helper()
	resp, body := s.get("/weeks/" + weekID)
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("GET week: %d %s", resp.StatusCode, body)
	}
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		s.t.Fatal("no CSRF token in the page")
	}
	return m[1]
}

func (s *session) post(path string, form url.Values) (*http.Response, string) {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if s.origin != "" {
		req.Header.Set("Origin", s.origin)
	}
	return s.do(req)
}

// TestForms sends every action of the page as a plain form (no
// JavaScript) and checks the redirect back and the change the Backend
// got.
func TestForms(t *testing.T) {
	b := newBackend()
	s := start(t, b, review.Options{})
	tok := s.csrf()
	tests := []struct {
		name   string
		path   string
		form   url.Values
		want   review.Change
		anchor string
	}{
		{"hide", "change", url.Values{"action": {"hide"}, "entry": {keySSL}}, review.Change{Action: "hide", Entry: keySSL}, review.EntryID(keySSL)},
		{"show", "change", url.Values{"action": {"show"}, "entry": {keySSL}}, review.Change{Action: "show", Entry: keySSL}, review.EntryID(keySSL)},
		{"title", "change", url.Values{"action": {"title"}, "entry": {keySSL}, "value": {"  Universal SSL  "}}, review.Change{Action: "title", Entry: keySSL, Value: "Universal SSL"}, ""},
		{"lead with CRLF", "change", url.Values{"action": {"lead"}, "entry": {keySHA1}, "value": {"One.\r\nTwo."}}, review.Change{Action: "lead", Entry: keySHA1, Value: "One.\nTwo."}, ""},
		{"section picked", "change", url.Values{"action": {"category"}, "entry": {keySSL}, "value": {"PHP"}, "new": {""}}, review.Change{Action: "category", Entry: keySSL, Value: "PHP"}, ""},
		{"section typed wins", "change", url.Values{"action": {"category"}, "entry": {keySSL}, "value": {"PHP"}, "new": {"Sécurité"}}, review.Change{Action: "category", Entry: keySSL, Value: "Sécurité"}, ""},
		{"comment", "change", url.Values{"action": {"comment"}, "entry": {keySHA1}, "value": {"À lire *avant* 2016."}}, review.Change{Action: "comment", Entry: keySHA1, Value: "À lire *avant* 2016."}, ""},
		{"down", "change", url.Values{"action": {"down"}, "entry": {keySHA1}}, review.Change{Action: "down", Entry: keySHA1}, ""},
		{"up", "change", url.Values{"action": {"up"}, "entry": {keySHA1}}, review.Change{Action: "up", Entry: keySHA1}, ""},
		{"add", "change", url.Values{"action": {"add"}, "value": {"https://go.dev/blog/"}, "category": {""}, "new": {"Go"}, "comment": {"Le blog de Go."}}, review.Change{Action: "add", Value: "https://go.dev/blog/", Category: "Go", Comment: "Le blog de Go."}, review.EntryID("https://go.dev/blog/")},
		{"save every field", "change", url.Values{"action": {"save"}, "entry": {keySSL}, "title": {" Universal SSL "}, "lead": {"Un.\r\nDeux."},
			"comment": {"Enfin."}, "category": {"SSL"}, "position": {"2"}, "do": {"save"}},
			review.Change{Action: "save", Entry: keySSL, Title: "Universal SSL", Lead: "Un.\nDeux.", Comment: "Enfin.", Category: "SSL", Position: 2}, review.EntryID(keySSL)},
		{"save, hide button", "change", url.Values{"action": {"save"}, "entry": {keySSL}, "title": {"T"}, "category": {"SSL"}, "position": {"2"}, "do": {"hide"}},
			review.Change{Action: "save", Entry: keySSL, Title: "T", Category: "SSL", Position: 2, Hidden: true}, review.EntryID(keySSL)},
		{"save, show button", "change", url.Values{"action": {"save"}, "entry": {keySSL}, "title": {"T"}, "category": {"SSL"}, "hidden": {"1"}, "do": {"show"}},
			review.Change{Action: "save", Entry: keySSL, Title: "T", Category: "SSL"}, review.EntryID(keySSL)},
		{"save, up button", "change", url.Values{"action": {"save"}, "entry": {keySHA1}, "title": {"T"}, "category": {"SSL"}, "position": {"2"}, "do": {"up"}},
			review.Change{Action: "save", Entry: keySHA1, Title: "T", Category: "SSL", Position: 1}, review.EntryID(keySHA1)},
		{"save, hidden box", "change", url.Values{"action": {"save"}, "entry": {keySSL}, "title": {"T"}, "category": {"SSL"}, "hidden": {"1"}},
			review.Change{Action: "save", Entry: keySSL, Title: "T", Category: "SSL", Hidden: true}, review.EntryID(keySSL)},
		{"save, a paragraph picked", "change", url.Values{"action": {"save"}, "entry": {keySHA1}, "title": {"T"}, "lead": {"typed"}, "para": {"2"}, "category": {"SSL"}, "do": {"save"}},
			review.Change{Action: "save", Entry: keySHA1, Title: "T", Category: "SSL", Lead: "Google announced that Chrome will warn about SHA1 certificates expiring in 2016."}, review.EntryID(keySHA1)},
		{"hold", "change", url.Values{"action": {"hold"}}, review.Change{Action: "hold"}, ""},
		{"release", "change", url.Values{"action": {"release"}}, review.Change{Action: "release"}, ""},
		{"intro", "change", url.Values{"action": {"intro"}, "value": {"Une semaine chargée."}}, review.Change{Action: "intro", Value: "Une semaine chargée."}, ""},
		{"undo", "undo", url.Values{}, review.Change{Action: "undo"}, ""},
		{"regenerate", "regenerate", url.Values{"refresh": {"1"}, "force": {"1"}}, review.Change{Action: "regenerate", Value: "refresh force"}, ""},
		{"publish", "publish", url.Values{}, review.Change{Action: "publish"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(b.Changes())
			tc.form.Set("csrf", tok)
			resp, body := s.post("/weeks/"+weekID+"/"+tc.path, tc.form)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d, want 303: %s", resp.StatusCode, body)
			}
			loc := resp.Header.Get("Location")
			if !strings.HasPrefix(loc, "/weeks/"+weekID+"?done=") {
				t.Errorf("Location %q", loc)
			}
			if tc.anchor != "" && !strings.HasSuffix(loc, "#"+tc.anchor) {
				t.Errorf("Location %q, want the anchor #%s", loc, tc.anchor)
			}
			got := b.Changes()
			if len(got) != before+1 {
				t.Fatalf("%d changes recorded, want %d", len(got), before+1)
			}
			c := got[len(got)-1]
			if !strings.HasPrefix(c.By, "page 127.0.0.1") {
				t.Errorf("By = %q, want the page and the remote address", c.By)
			}
			c.By = ""
			if c != tc.want {
				t.Errorf("change = %+v, want %+v", c, tc.want)
			}
			// The page the browser is sent back to shows the message where
			// the action was made: in the entry, else under the toolbar.
			resp, body = s.get(loc)
			where := `id="week-msg"`
			if tc.want.Entry != "" || tc.want.Action == "add" {
				where = `id="m-` + loc[strings.LastIndex(loc, "#")+1:] + `"`
			}
			if m := regexp.MustCompile(where + `[^>]*>([^<]+)</p>`).FindStringSubmatch(body); resp.StatusCode != http.StatusOK || m == nil || !strings.HasSuffix(m[1], ".") {
				t.Errorf("GET %s: %d, message %q at %s", loc, resp.StatusCode, m, where)
			}
		})
	}
	// The week is published now: a change is a conflict, shown on a page.
	resp, body := s.post("/weeks/"+weekID+"/change", url.Values{"csrf": {tok}, "action": {"hide"}, "entry": {keySSL}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "published") {
		t.Errorf("change after publication: %d %s", resp.StatusCode, body)
	}
	// Next to the entry, in French, and what was typed is kept.
	resp, body = s.post("/weeks/"+weekID+"/change", url.Values{"csrf": {tok}, "action": {"save"}, "entry": {keySSL}, "title": {"Un titre tapé"}, "comment": {"Un commentaire tapé"}})
	m := regexp.MustCompile(`id="m-` + review.EntryID(keySSL) + `"[^>]*>([^<]+)</p>`).FindStringSubmatch(body)
	if resp.StatusCode != http.StatusConflict || m == nil || !strings.HasPrefix(m[1], "Impossible dans l&#39;état de la semaine") {
		t.Errorf("save after publication: %d, message %q", resp.StatusCode, m)
	}
	for _, typed := range []string{`value="Un titre tapé"`, ">Un commentaire tapé</textarea>"} {
		if !strings.Contains(body, typed) {
			t.Errorf("the refused form lost %s", typed)
		}
	}
}

// TestPageShows checks what the week's page shows of an entry, and that
// the headers forbid inline script.
func TestPageShows(t *testing.T) {
	s := start(t, newBackend(), review.Options{Lang: "en"})
	resp, body := s.get("/weeks/" + weekID)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`).MatchString(body) || strings.Contains(body, " onclick=") {
		t.Error("the page has inline script")
	}
	for _, want := range []string{
		`lang="fr"`, // the post's language wins over Options.Lang
		"Introducing Universal SSL",
		"The team at CloudFlare is excited",
		"échec : la page répond 404",    // a failed page, with why
		"prise dans la Wayback Machine", // a rescued one
		"Universal SSL chez CloudFlare", // the post that shared it
		`href="/weeks/2014-W40/entries/` + review.EntryID(keySHA1) + `#paras"`, // the lead candidates, on the entry's page
		`href="/weeks/2014-W40/preview"`,                                       // the preview, loaded apart
		`id="` + review.SectionID("MySQL") + `"`,
		`id="` + review.EntryID(keySSL) + `"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, path := range []string{"/", "/status", "/static/style.css", "/static/app.js"} {
		if resp, _ := s.get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
	}
	// The entry's own page offers the page's paragraphs; the preview page
	// renders the post.
	for path, want := range map[string]string{
		"/weeks/2014-W40/entries/" + review.EntryID(keySHA1): `<input type="radio" name="para" value="2"> <span>Google announced that Chrome`,
		"/weeks/2014-W40/preview":                            `<dt><a href="https://blog.cloudflare.com/introducing-universal-ssl/">Introducing Universal SSL</a></dt>`,
	} {
		if resp, body := s.get(path); resp.StatusCode != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, lacks %q", path, resp.StatusCode, want)
		}
	}
	if resp, _ := s.get("/weeks/2014-W40/entries/e-000000000000"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown entry: %d, want 404", resp.StatusCode)
	}
	if resp, _ := s.get("/weeks/2014-W41"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown week: %d, want 404", resp.StatusCode)
	}
	if resp, _ := s.get("/weeks/nope"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad week: %d, want 400", resp.StatusCode)
	}
}

// TestMarkdownHTMLNotRendered: raw HTML and javascript: links in a post
// are not rendered by the preview.
func TestMarkdownHTMLNotRendered(t *testing.T) {
	entries := reviewtest.SampleEntries()
	entries[0].Entry.Title = `<script>alert(1)</script>`
	entries[0].Entry.Lead = `<img src=x onerror=alert(1)> [x](javascript:alert(1))`
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", entries, nil)
	s := start(t, b, review.Options{})
	_, body := s.get("/weeks/" + weekID)
	for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`} {
		if strings.Contains(body, bad) {
			t.Errorf("the page has %q", bad)
		}
	}
}

// TestCrossSite: a state-changing request without the CSRF token, from
// another Origin, with no Origin, or to a page not on loopback is refused
// and the Backend records nothing.
func TestCrossSite(t *testing.T) {
	b := newBackend()
	s := start(t, b, review.Options{})
	tok := s.csrf()
	hide := func(tok string) url.Values {
		return url.Values{"csrf": {tok}, "action": {"hide"}, "entry": {keySSL}}
	}
	tests := []struct {
		name   string
		origin string
		host   string
		form   url.Values
	}{
		{"no CSRF token", s.srv.URL, "", hide("")},
		{"wrong CSRF token", s.srv.URL, "", hide(strings.Repeat("x", 43))},
		{"other Origin", "https://evil.example", "", hide(tok)},
		{"null Origin", "null", "", hide(tok)},
		{"no Origin nor Referer", "", "", hide(tok)},
		{"DNS rebinding (Host not loopback)", "http://evil.example:80", "evil.example:80", hide(tok)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, s.srv.URL+"/weeks/"+weekID+"/change", strings.NewReader(tc.form.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			if tc.host != "" {
				req.Host = tc.host
			}
			resp, body := s.do(req)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403: %s", resp.StatusCode, body)
			}
			if n := len(b.Changes()); n != 0 {
				t.Errorf("%d changes recorded", n)
			}
		})
	}
	// The API from a page of another site: JSON with the CSRF token but
	// another Origin, and a form-encoded body.
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/api/weeks/"+weekID+"/publish", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("X-CSRF-Token", tok)
	if resp, _ := s.do(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site API POST: %d, want 403", resp.StatusCode)
	}
	// A GET changes nothing even when asked to.
	s.get("/weeks/" + weekID + "/change?action=hide&entry=" + url.QueryEscape(keySSL))
	s.get("/api/weeks/" + weekID + "/publish")
	if n := len(b.Changes()); n != 0 {
		t.Errorf("%d changes recorded", n)
	}
	// A Referer of the page does instead of an Origin; the same form
	// then goes through.
	req, _ = http.NewRequest(http.MethodPost, s.srv.URL+"/weeks/"+weekID+"/change", strings.NewReader(hide(tok).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", s.srv.URL+"/weeks/"+weekID)
	if resp, body := s.do(req); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("same-site POST with Referer: %d %s", resp.StatusCode, body)
	}
}

// TestNotLoopback: served on an address that is not loopback, with no
// token the page refuses everything but the health check; with one it
// asks for it.
func TestNotLoopback(t *testing.T) {
	b := newBackend()
	h := review.New(b, review.Options{}).Handler()
	remote := &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 7080}
	req := httptest.NewRequest(http.MethodGet, "http://192.0.2.10:7080/weeks/"+weekID, nil)
	req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.Addr(remote)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("no token, not loopback: %d, want 403", rec.Code)
	}
	req = httptest.NewRequest(http.MethodGet, "http://192.0.2.10:7080/api/health", nil)
	req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.Addr(remote)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != "{\n  \"status\": \"ok\"\n}" {
		t.Errorf("health: %d %q", rec.Code, rec.Body.String())
	}
}

// TestToken: with MOISSON_UI_TOKEN set, the page wants the login and the
// API the bearer token; neither is ever logged.
func TestToken(t *testing.T) {
	const token = "s3cret-token-of-the-author"
	var logs strings.Builder
	b := newBackend()
	s := start(t, b, review.Options{Token: token, Log: slog.New(slog.NewTextHandler(&logs, nil))})

	resp, _ := s.get("/weeks/" + weekID)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("GET without the token: %d %s, want a redirect to the login", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := s.get("/api/weeks"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("API without the token: %d, want 403", resp.StatusCode)
	}
	// A change without the token is refused even with a CSRF token.
	_, body := s.get("/login")
	tok := csrfRE.FindStringSubmatch(body)[1]
	if resp, _ := s.post("/weeks/"+weekID+"/change", url.Values{"csrf": {tok}, "action": {"hide"}, "entry": {keySSL}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST without the token: %d, want 403", resp.StatusCode)
	}
	// Wrong token, then the right one.
	if resp, _ := s.post("/login", url.Values{"csrf": {tok}, "token": {"guess"}, "next": {"/weeks/" + weekID}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("wrong token: %d, want 403", resp.StatusCode)
	}
	resp, _ = s.post("/login", url.Values{"csrf": {tok}, "token": {token}, "next": {"/weeks/" + weekID}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/weeks/"+weekID {
		t.Fatalf("login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var sc *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "moisson_session" {
			sc = c
		}
	}
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteStrictMode || strings.Contains(sc.Value, token) {
		t.Errorf("session cookie %+v", sc)
	}
	if resp, _ := s.post("/weeks/"+weekID+"/change", url.Values{"csrf": {s.csrf()}, "action": {"hide"}, "entry": {keySSL}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("POST after login: %d", resp.StatusCode)
	}
	if n := len(b.Changes()); n != 1 {
		t.Errorf("%d changes, want 1", n)
	}
	// The API with the bearer token, from a client with no cookies: no
	// CSRF token needed.
	c, err := review.DialTCP(s.srv.URL, token)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Edit(context.Background(), weekID, review.Change{Action: "show", Entry: keySSL}); err != nil {
		t.Errorf("API with the token: %v", err)
	}
	bad, _ := review.DialTCP(s.srv.URL, "guess")
	if _, err := bad.Weeks(context.Background()); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("API with a wrong token: %v", err)
	}
	if err := bad.Edit(context.Background(), weekID, review.Change{Action: "hide", Entry: keySSL}); err == nil {
		t.Error("a change with a wrong token went through")
	}
	if n := len(b.Changes()); n != 2 {
		t.Errorf("%d changes, want 2", n)
	}
	if strings.Contains(logs.String(), token) {
		t.Error("the token is in the logs")
	}
	if !strings.Contains(logs.String(), "wrong token") {
		t.Error("a wrong token is not logged")
	}
}

// TestAPI calls every endpoint through the client on a unix socket, as
// the CLI does: trusted, no CSRF token.
func TestAPI(t *testing.T) {
	ctx := context.Background()
	b := newBackend()
	b.StatusValue = review.Status{Store: "moisson.db", Daemon: true, Posts: 12, Warnings: []string{"source x: 401"}}
	c := serveUnix(t, b)

	if h, err := c.Health(ctx); err != nil || h.Status != review.HealthOK {
		t.Fatal(err)
	}
	st, err := c.Status(ctx)
	if err != nil || st.Posts != 12 || len(st.Warnings) != 1 {
		t.Errorf("Status = %+v, %v", st, err)
	}
	ws, err := c.Weeks(ctx)
	if err != nil || len(ws) != 1 || ws[0].Week.ID != weekID || ws[0].Links != 8 {
		t.Errorf("Weeks = %+v, %v", ws, err)
	}
	v, err := c.Week(ctx, weekID)
	if err != nil || len(v.Sections) != 5 || v.Sections[0].Entries[0].Entry.Key != keySHA1 {
		t.Fatalf("Week: %v, %+v", err, v.Sections)
	}
	md, err := c.Markdown(ctx, weekID)
	if err != nil || !strings.Contains(md, "[Introducing Universal SSL](https://blog.cloudflare.com/introducing-universal-ssl/)") {
		t.Errorf("Markdown = %q, %v", md, err)
	}
	if err := c.Edit(ctx, weekID, review.Change{Action: "hide", Entry: keySSL}); err != nil {
		t.Fatal(err)
	}
	c.By = "cli digest"
	if err := c.Edit(ctx, weekID, review.Change{Action: "comment", Entry: keySHA1, Value: "Bien."}); err != nil {
		t.Fatal(err)
	}
	if err := c.Undo(ctx, weekID, "cli undo"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Regenerate(ctx, weekID, true, false, ""); err != nil {
		t.Fatal(err)
	}
	p, err := c.Publish(ctx, weekID, "")
	if err != nil || p.Path != "_posts/2014-10-03-compilation-veille.md" {
		t.Errorf("Publish = %+v, %v", p, err)
	}
	pages, err := c.Scrape(ctx, []string{"https://a.example/", "https://b.example/"}, true, true)
	if err != nil || len(pages) != 2 || pages[1].URL != "https://b.example/" {
		t.Errorf("Scrape = %+v, %v", pages, err)
	}
	res, err := c.Import(ctx, "/tmp/x.zip")
	if err != nil || res.Posts != len("/tmp/x.zip") {
		t.Errorf("Import = %+v, %v", res, err)
	}
	var by []string
	for _, ch := range b.Changes() {
		by = append(by, ch.Action+":"+ch.By)
	}
	want := "hide:cli comment:cli digest undo:cli undo regenerate:cli digest publish:cli digest"
	if strings.Join(by, " ") != want {
		t.Errorf("changes %q, want %q", strings.Join(by, " "), want)
	}

	// Errors: their status, and errors.Is through the client.
	if _, err := c.Week(ctx, "2014-W41"); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("unknown week: %v", err)
	}
	if err := c.Edit(ctx, weekID, review.Change{Action: "explode", Entry: keySSL}); !errors.Is(err, review.ErrInvalid) {
		t.Errorf("bad action: %v", err)
	}
	if _, err := c.Publish(ctx, weekID, ""); !errors.Is(err, review.ErrConflict) {
		t.Errorf("publish twice: %v", err)
	}
	if _, err := c.Scrape(ctx, []string{"ftp://x"}, false, false); !errors.Is(err, review.ErrInvalid) {
		t.Errorf("bad URL: %v", err)
	}
	if _, err := c.Week(ctx, "W40"); !errors.Is(err, review.ErrInvalid) {
		t.Errorf("bad week id: %v", err)
	}
}

// TestAPIErrorsJSON checks the error body and the status codes on TCP.
func TestAPIErrorsJSON(t *testing.T) {
	s := start(t, newBackend(), review.Options{})
	tok := s.csrf()
	post := func(path, ct, body string) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, s.srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Origin", s.srv.URL)
		req.Header.Set("X-CSRF-Token", tok)
		return s.do(req)
	}
	tests := []struct {
		name, path, ct, body string
		code                 int
	}{
		{"change", "/api/weeks/" + weekID + "/changes", "application/json", `{"action":"hide","entry":"` + keySSL + `"}`, 200},
		{"unknown week", "/api/weeks/2014-W41/changes", "application/json", `{"action":"hide","entry":"x"}`, 404},
		{"bad JSON", "/api/weeks/" + weekID + "/changes", "application/json", `{"action":`, 400},
		{"unknown field", "/api/weeks/" + weekID + "/changes", "application/json", `{"action":"hide","by":"me"}`, 400},
		{"form body", "/api/weeks/" + weekID + "/changes", "application/x-www-form-urlencoded", `action=hide`, 400},
		{"no entry", "/api/weeks/" + weekID + "/changes", "application/json", `{"action":"hide"}`, 400},
		{"import without path", "/api/import", "application/json", `{}`, 400},
		{"scrape nothing", "/api/scrape", "application/json", `{"urls":[]}`, 400},
		{"publish", "/api/weeks/" + weekID + "/publish", "application/json", ``, 200},
		{"publish again", "/api/weeks/" + weekID + "/publish", "application/json", ``, 409},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := post(tc.path, tc.ct, tc.body)
			if resp.StatusCode != tc.code {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.code, body)
			}
			if tc.code != 200 {
				var e struct{ Error string }
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error == "" {
					t.Errorf("error body %q", body)
				}
			}
		})
	}
	if resp, body := s.get("/api/nothing"); resp.StatusCode != 404 || !strings.Contains(body, `"error"`) {
		t.Errorf("unknown endpoint: %d %s", resp.StatusCode, body)
	}
}

// serveUnix serves b on a unix socket in a temporary directory and dials
// it.
func serveUnix(t *testing.T, b review.Backend) *review.Client {
	t.Helper()
	path := filepath.Join(t.TempDir(), "moisson.sock")
	l, err := review.ListenUnix(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- review.New(b, review.Options{}).Serve(ctx, l) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("Serve did not stop")
		}
	})
	c, err := review.Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestUnixSocket(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "moisson.sock")
	if _, err := review.Dial(path); !errors.Is(err, review.ErrNoDaemon) {
		t.Errorf("Dial with no socket: %v, want ErrNoDaemon", err)
	}
	// A stale socket file: a listener closed without removing it.
	l, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	l.(*net.UnixListener).SetUnlinkOnClose(false)
	l.Close()
	if _, err := review.Dial(path); !errors.Is(err, review.ErrNoDaemon) {
		t.Errorf("Dial on a stale socket: %v, want ErrNoDaemon", err)
	}
	l, err = review.ListenUnix(path)
	if err != nil {
		t.Fatalf("ListenUnix over a stale socket: %v", err)
	}
	defer l.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode %v, want 0600", fi.Mode().Perm())
	}
	if _, err := review.ListenUnix(path); !errors.Is(err, review.ErrDaemonRunning) {
		t.Errorf("second ListenUnix: %v, want ErrDaemonRunning", err)
	}
	notSock := filepath.Join(dir, "file")
	os.WriteFile(notSock, nil, 0o600)
	if _, err := review.ListenUnix(notSock); err == nil {
		t.Error("ListenUnix replaced a regular file")
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:7080", "", true},
		{"[::1]:7080", "", true},
		{"localhost:7080", "", true},
		{":7080", "", false},
		{"0.0.0.0:7080", "", false},
		{"192.168.1.2:7080", "", false},
		{"0.0.0.0:7080", "tok", true},
		{":7080", "tok", true},
		{"nonsense", "tok", false},
	}
	for _, tc := range tests {
		err := review.CheckAddr(tc.addr, tc.token)
		if (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok %v", tc.addr, tc.token, err, tc.ok)
		}
	}
}

func TestServeShutsDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- review.New(newBackend(), review.Options{}).Serve(ctx, l) }()
	resp, err := http.Get("http://" + l.Addr().String() + "/api/health")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health: %v", err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not stop")
	}
}

// TestPublishedWeekOffersNoApprove: a draft offers "approve and publish";
// once published, the button is gone and the date is said as a publication.
func TestPublishedWeekOffersNoApprove(t *testing.T) {
	b := newBackend()
	s := start(t, b, review.Options{})
	if _, body := s.get("/weeks/" + weekID); !strings.Contains(body, `id="b-publish"`) {
		t.Fatal("a draft week offers no publish form")
	}
	if _, err := b.Publish(context.Background(), weekID, "test"); err != nil {
		t.Fatal(err)
	}
	_, body := s.get("/weeks/" + weekID)
	if strings.Contains(body, `id="b-publish"`) {
		t.Error("a published week still offers approve and publish")
	}
	if !strings.Contains(body, "publiée le") {
		t.Error("a published week does not say when it was published")
	}
}

// TestTimesInZone: the page says times in Options.Location (MOISSON_TZ),
// with the week's cutoff, whatever the zone of the times it is given.
func TestTimesInZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		loc  *time.Location
		want []string
	}{
		// 18:00 in Paris is 12:00 in New York; the first post was shared
		// on Monday 09:00 Paris (07:00 UTC).
		{ny, []string{"clôture ven. 3 octobre 2014 12:00", "Partagé le 29 septembre 2014 03:00 (X)"}},
		{time.UTC, []string{"clôture ven. 3 octobre 2014 16:00", "Partagé le 29 septembre 2014 07:00 (X)"}},
	} {
		b := newBackend()
		b.Now = func() time.Time { return time.Date(2014, 10, 2, 12, 0, 0, 0, time.UTC) } // the week still open
		s := start(t, b, review.Options{Location: tc.loc, Now: b.Now})
		_, body := s.get("/weeks/" + weekID)
		for _, want := range tc.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page lacks %q", tc.loc, want)
			}
		}
	}
}

// TestPublishOpenWeekAsks: publishing the week still open is not done at
// once: without the script, the page asks on a step of its own with the
// week's cutoff (in MOISSON_TZ), and only the confirmation closes the
// week and publishes it.
func TestPublishOpenWeekAsks(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	b := newBackend()
	b.Now = func() time.Time { return time.Date(2014, 10, 2, 12, 0, 0, 0, time.UTC) }
	s := start(t, b, review.Options{Location: paris, Now: b.Now})
	tok := s.csrf()
	_, page := s.get("/weeks/" + weekID)
	if !strings.Contains(page, `data-confirm="La semaine se clôt ven. 3 octobre 2014 18:00 ; la publier maintenant et la clore ?"`) {
		t.Error("the publish button of the open week does not ask the script to confirm with the cutoff")
	}
	resp, body := s.post("/weeks/"+weekID+"/publish", url.Values{"csrf": {tok}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/weeks/"+weekID+"?confirm=close#confirm-close" {
		t.Fatalf("publish of the open week: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	for _, c := range b.Changes() {
		if c.Action == "publish" || c.Action == "publish_early" {
			t.Fatalf("the open week was published without confirmation: %+v", c)
		}
	}
	_, body = s.get(resp.Header.Get("Location"))
	for _, want := range []string{`id="confirm-close"`, "La semaine se clôt ven. 3 octobre 2014 18:00 ; la publier maintenant et la clore ?",
		`name="close_early" value="1" formaction="/weeks/2014-W40/publish"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the confirmation step lacks %q", want)
		}
	}
	resp, _ = s.post("/weeks/"+weekID+"/publish", url.Values{"csrf": {tok}, "close_early": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=publish_early") {
		t.Fatalf("confirmed: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := b.Changes(); got[len(got)-1].Action != "publish_early" {
		t.Errorf("last change %+v, want publish_early", got[len(got)-1])
	}
	_, body = s.get(resp.Header.Get("Location"))
	if !strings.Contains(body, "Semaine close et publiée.") || strings.Contains(body, `id="b-publish"`) || strings.Contains(body, `id="b-hold"`) {
		t.Error("after publication: no message, or publish/hold still offered")
	}
}

// TestStatesSaidRight: each state of a week says itself and offers the
// actions it allows.
func TestStatesSaidRight(t *testing.T) {
	for _, tc := range []struct {
		name       string
		sum        func(*review.WeekSummary)
		want, lack []string
	}{
		{"draft", func(s *review.WeekSummary) { s.State = review.StateDraft }, []string{`data-state="draft"`, ">brouillon<", `id="b-publish"`, `id="b-hold"`, "Approuver et publier"}, []string{"programmée"}},
		{"scheduled", func(s *review.WeekSummary) {
			s.State, s.PublishAt = review.StateDraft, time.Date(2014, 10, 5, 16, 0, 0, 0, time.UTC)
		}, []string{`data-state="scheduled"`, ">programmée<", "se publie seule le 5 octobre 2014 16:00", `id="b-hold"`}, nil},
		{"held", func(s *review.WeekSummary) {
			s.State, s.PublishAt, s.Held, s.Reason = review.StateDraft, time.Date(2014, 10, 5, 16, 0, 0, 0, time.UTC), true, "held"
		}, []string{`data-state="draft"`, `id="b-release"`, "retenue par l&#39;auteur"}, []string{">programmée<", "Pourquoi : held"}},
		{"published", func(s *review.WeekSummary) {
			s.State = review.StatePublished
			s.Publication = &moisson.Publication{Week: weekID, Path: "_posts/x.md", PublishedAt: time.Date(2014, 10, 3, 18, 5, 0, 0, time.UTC)}
		}, []string{`data-state="published"`, "publiée le 3 octobre 2014 18:05", `id="b-regenerate"`}, []string{`id="b-publish"`, `id="b-hold"`, `id="b-release"`}},
		{"written, not pushed", func(s *review.WeekSummary) {
			s.State = review.StateUnpushed
			s.Reason = "written, not pushed (3 attempts, the last 2014-10-03 18:10:00; tried again by itself from 2014-10-03 18:40:00): git push: ! [remote rejected] main -> main (refused by policy)"
			s.Publication = &moisson.Publication{Week: weekID, Path: "_posts/x.md", PublishedAt: time.Date(2014, 10, 3, 18, 5, 0, 0, time.UTC)}
		}, []string{`data-state="unpushed"`, ">écrite, pas poussée<", "git a refusé l&#39;envoi (3 tentatives, nouvel essai automatique) : git push: ! [remote rejected] main -&gt; main (refused by policy)", `id="b-regenerate"`},
			[]string{`id="b-publish"`, `id="b-hold"`, "written, not pushed"}},
		{"file edited by hand", func(s *review.WeekSummary) {
			s.State = review.StateConflict
			s.Publication = &moisson.Publication{Week: weekID, Path: "_posts/x.md", PublishedAt: time.Date(2014, 10, 3, 18, 5, 0, 0, time.UTC),
				Conflict: "_posts/x.md was edited by hand since moisson wrote it (2014-10-04 09:00:00): kept as it is"}
		}, []string{`data-state="conflict"`, "_posts/x.md a été modifié à la main depuis que moisson l&#39;a écrit (2014-10-04 09:00:00) : gardé tel quel", `id="conflict-link"`},
			[]string{"was edited by hand"}},
		{"file changed on the remote", func(s *review.WeekSummary) {
			s.State = review.StateConflict
			s.Publication = &moisson.Publication{Week: weekID, Path: "_posts/x.md", PublishedAt: time.Date(2014, 10, 3, 18, 5, 0, 0, time.UTC),
				Conflict: "_posts/x.md was changed on the remote and conflicted with moisson's new version (2014-10-04 09:00:00): the remote's version kept as a hand edit"}
		}, []string{"_posts/x.md a été modifié sur le dépôt distant, en conflit avec la nouvelle version de moisson (2014-10-04 09:00:00) : la version du dépôt distant est gardée comme modification à la main"},
			[]string{"changed on the remote"}},
		{"pending", func(s *review.WeekSummary) {
			s.State, s.Reason = review.StatePending, "not everything could be done (tried again next time): x: 503"
		}, []string{`data-state="pending"`, "tout n&#39;a pas pu être fait (nouvel essai au prochain tour) : x: 503", `id="b-publish"`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBackend()
			b.Summary = tc.sum
			s := start(t, b, review.Options{Now: b.Now})
			_, body := s.get("/weeks/" + weekID)
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("lacks %q", want)
				}
			}
			for _, no := range tc.lack {
				if strings.Contains(body, no) {
					t.Errorf("has %q", no)
				}
			}
		})
	}
}

// TestLowConfidenceMarked: an entry whose title or lead is a guess says
// so ("titre à vérifier"), and the page filters to them.
func TestLowConfidenceMarked(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		entries := reviewtest.SampleEntries()
		entries[1].Entry.TitleSource, entries[1].Entry.TitleConfidence = "title-cut", moisson.ConfidenceLow
		entries[3].Page.LeadConfidence = moisson.ConfidenceLow
		b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), lang, entries, nil)
		s := start(t, b, review.Options{})
		_, body := s.get("/weeks/" + weekID)
		word := map[string][2]string{"fr": {"titre à vérifier", "chapeau à vérifier"}, "en": {"check this title", "check this lead"}}[lang]
		if n := strings.Count(body, `<span class="tocheck">`+word[0]+`</span>`); n != 1 {
			t.Errorf("%s: %d titles marked %q, want 1", lang, n, word[0])
		}
		if n := strings.Count(body, `<span class="tocheck">`+word[1]+`</span>`); n != 1 {
			t.Errorf("%s: %d leads marked %q, want 1", lang, n, word[1])
		}
		if !strings.Contains(body, `href="/weeks/2014-W40?check=1" id="filter-check">`) || !strings.Contains(body, "(2)</a>") {
			t.Errorf("%s: no filter to the 2 entries to check", lang)
		}
		_, body = s.get("/weeks/" + weekID + "?check=1")
		if n := strings.Count(body, `<article class="entry`); n != 2 {
			t.Errorf("%s: the filter shows %d entries, want 2", lang, n)
		}
		for _, e := range []review.EntryView{entries[1], entries[3]} {
			if !strings.Contains(body, `id="`+review.EntryID(e.Entry.Key)+`"`) {
				t.Errorf("%s: the filter lacks %s", lang, e.Entry.Key)
			}
		}
		if !strings.Contains(body, `id="filter-all"`) {
			t.Errorf("%s: the filtered page has no way back to every link", lang)
		}
	}
}
