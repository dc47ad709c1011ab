// Package review serves the author's review page and the local JSON API of
// moisson: the weeks as they will be published, the author's edits
// (hide, title, lead, section, order, comment, links added by hand),
// regeneration and publication, and the bot's state.
//
// The page is server-rendered HTML (html/template), its templates, CSS and
// a small script embedded in the binary; every action is a plain POST form
// that redirects back, the script only saves the reload. The API is the
// same handlers answering JSON; the command line talks to it over a unix
// socket next to the store with Client.
//
// The page is for the author alone. A Server refuses a request unless it
// came on the unix socket (trusted: the socket's file mode protects it),
// or carries the token (Options.Token, in the session cookie set by the
// login form or as "Authorization: Bearer"), or, when no token is set,
// came on a loopback address with a loopback Host (no DNS rebinding).
// Every state-changing request is a POST carrying a CSRF token tied to a
// SameSite=Strict cookie, with its Origin (or Referer) checked against
// the Host.
//
// The rest of moisson is behind Backend, implemented elsewhere with the
// store and the digest: an edit made on the page, through the API or by a
// command is the same call.
package review

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/moisson/moisson"
)

// ErrInvalid and ErrConflict are what a Backend wraps to say that a change
// is malformed (answered 400) or cannot be made in the week's state
// (answered 409: a week already published, a file edited by hand).
// moisson.ErrNotFound is answered 404.
var (
	ErrInvalid  = errors.New("invalid request")
	ErrConflict = errors.New("conflict")
)

//go:embed templates/*.html templates/parts/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server.
type Options struct {
	// Lang is the language of the page, "fr" (default) or "en"; a week's
	// page follows the post's language (WeekView.Lang) when it has one.
	Lang string
	// Token is MOISSON_UI_TOKEN. When set, every request but the health
	// check and the login form must carry it (except on the unix socket);
	// when empty, only loopback requests are served.
	Token string
	// Log receives one line per change and per refused request; nil
	// discards them.
	Log *slog.Logger
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Location is the zone the page says times in (MOISSON_TZ); UTC when
	// nil.
	Location *time.Location
	// Secure marks the cookies Secure (the page is served over HTTPS by
	// a proxy in front of it).
	Secure bool
}

// Server is the review page and the API. It holds no state of its own
// beyond its options and templates: everything shown comes from Backend.
type Server struct {
	b     Backend
	opts  Options
	log   *slog.Logger
	now   func() time.Time
	loc   *time.Location
	tmpl  map[string]*template.Template
	mux   *http.ServeMux
	sess  string // the session cookie's value, derived from the token
	asset string // the static files' version, for cache busting
	// lastSize is the size of the last page rendered: the next page's
	// buffer starts that big (a week of 300 links is megabytes).
	lastSize atomic.Int64
}

// New returns the Server of b.
func New(b Backend, opts Options) *Server {
	if opts.Lang != "en" {
		opts.Lang = "fr"
	}
	s := &Server{b: b, opts: opts, log: opts.Log, now: opts.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.loc = opts.Location
	if s.loc == nil {
		s.loc = time.UTC
	}
	if opts.Token != "" {
		s.sess = sessionValue(opts.Token)
	}
	s.asset = assetVersion()
	s.tmpl = parseTemplates()
	s.mux = s.routes()
	return s
}

// Handler returns the page and the API.
func (s *Server) Handler() http.Handler { return s }

// ServeHTTP answers one request, after the checks of the package comment.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	s.mux.ServeHTTP(w, r)
}

// maxBody bounds a request's body: forms and changes are small.
const maxBody = 1 << 20

func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	// Open to all: the health check, the static files, the login form.
	m.HandleFunc("GET /api/health", s.apiHealth)
	m.Handle("GET /static/", http.StripPrefix("/static/", s.static()))
	m.HandleFunc("GET /login", s.guard(false, s.loginPage))
	m.HandleFunc("POST /login", s.guard(false, s.login))

	page := func(pattern string, h http.HandlerFunc) { m.HandleFunc(pattern, s.guard(true, h)) }
	page("GET /{$}", s.weeksPage)
	page("GET /status", s.statusPage)
	page("GET /weeks/{id}", s.weekPage)
	page("GET /weeks/{id}/entries/{entry}", s.entryPage)
	page("GET /weeks/{id}/preview", s.previewPage)
	page("GET /t/{name}", s.thumbnail)
	page("POST /weeks/{id}/change", s.formChange)
	// The entries' forms post to the page's own address.
	page("POST /weeks/{id}", s.formChange)
	page("POST /weeks/{id}/undo", s.formUndo)
	page("POST /weeks/{id}/regenerate", s.formRegenerate)
	page("POST /weeks/{id}/publish", s.formPublish)
	page("POST /logout", s.logout)

	page("GET /api/status", s.apiStatus)
	page("GET /api/weeks", s.apiWeeks)
	page("GET /api/weeks/{id}", s.apiWeek)
	page("GET /api/weeks/{id}/markdown", s.apiMarkdown)
	page("POST /api/weeks/{id}/changes", s.apiChange)
	page("POST /api/weeks/{id}/undo", s.apiUndo)
	page("POST /api/weeks/{id}/regenerate", s.apiRegenerate)
	page("POST /api/weeks/{id}/publish", s.apiPublish)
	page("POST /api/scrape", s.apiScrape)
	page("POST /api/import", s.apiImport)
	s.conflictRoutes(page)
	m.HandleFunc("/", s.notFound)
	return m
}

func (s *Server) static() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // "static" is embedded: fs.Sub cannot fail.
	}
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The URL carries the assets' version: they can be cached.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	http.NotFound(w, r)
}

// isAPI reports whether r is a request of the JSON API.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// who says who made a request, for the logs and the edit log: the CLI on
// the unix socket (or what it says of itself), the page or the API with
// the remote address.
func who(r *http.Request) string {
	if trusted(r) {
		if by := strings.TrimSpace(r.Header.Get(byHeader)); by != "" && len(by) <= 64 {
			return by
		}
		return "cli"
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if isAPI(r) {
		return "api " + host
	}
	return "page " + host
}

// byHeader carries, on the unix socket only, who the CLI says made a
// change.
const byHeader = "X-Moisson-By"

// logChange logs one change with who, what and when; values are not
// logged in full (a lead can be long), and never a token.
func (s *Server) logChange(r *http.Request, week, action, entry string, err error) {
	attrs := []any{"by", who(r), "week", week, "action", action, "at", s.now().Format(time.RFC3339)}
	if entry != "" {
		attrs = append(attrs, "entry", entry)
	}
	if err != nil {
		s.log.Warn("review: change refused", append(attrs, "err", err)...)
		return
	}
	s.log.Info("review: change", attrs...)
}

// weekIDOK reports whether id looks like an ISO week, "2014-W40".
func weekIDOK(id string) bool {
	if len(id) != 8 || id[4] != '-' || id[5] != 'W' {
		return false
	}
	for _, i := range []int{0, 1, 2, 3, 6, 7} {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// errStatus is the HTTP status of a Backend error.
func errStatus(err error) int {
	switch {
	case errors.Is(err, moisson.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, ErrConflict):
		return http.StatusConflict
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// invalid wraps ErrInvalid with what is wrong.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}
