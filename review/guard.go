package review

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The cookies of the page. Both are HttpOnly and SameSite=Strict: a page
// of another site can neither read them nor have them sent.
const (
	csrfCookie    = "moisson_csrf"
	sessionCookie = "moisson_session"
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
)

type ctxKey int

const csrfKey ctxKey = iota

// trusted reports whether r came on a unix socket: the CLI, which the
// socket's file mode lets in.
func trusted(r *http.Request) bool {
	a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	return ok && (a.Network() == "unix" || a.Network() == "unixgram" || a.Network() == "unixpacket")
}

// onLoopback reports whether r came on a loopback address. A request with
// no local address (a handler called directly) is not.
func onLoopback(r *http.Request) bool {
	a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackHost reports whether the Host a request names is a loopback
// one: a page of another site that rebinds its own name to 127.0.0.1
// names its own host, and is refused.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sessionValue is the session cookie's value for a token: a MAC of the
// token, so that the cookie is not the token itself and the token is
// not kept anywhere but in the options.
func sessionValue(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("moisson review session v1"))
	return hex.EncodeToString(m.Sum(nil))
}

// equal compares two secrets in constant time.
func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// guard wraps h with the checks of the package comment: who may ask
// (auth, when needs is true), and for a POST, where it comes from and
// its CSRF token.
func (s *Server) guard(needs bool, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if trusted(r) {
			h(w, r)
			return
		}
		if s.opts.Token == "" && (!onLoopback(r) || !loopbackHost(r.Host)) {
			s.refuse(w, r, "not on loopback and no MOISSON_UI_TOKEN set")
			return
		}
		bearer := false
		if s.opts.Token != "" && needs {
			switch {
			case s.bearerOK(r):
				bearer = true
			case s.sessionOK(r):
			case r.Method == http.MethodGet && !isAPI(r):
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			default:
				s.refuse(w, r, "missing or wrong token")
				return
			}
		}
		csrf := s.csrfToken(w, r)
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !bearer {
			// A bearer token cannot be sent by another site's page: the
			// header needs a CORS preflight, which is never granted.
			if why := s.crossSite(r, csrf); why != "" {
				s.refuse(w, r, why)
				return
			}
		}
		h(w, r.WithContext(context.WithValue(r.Context(), csrfKey, csrf)))
	}
}

func (s *Server) bearerOK(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	return ok && equal(strings.TrimSpace(tok), s.opts.Token)
}

func (s *Server) sessionOK(r *http.Request) bool {
	c, err := r.Cookie(sessionCookie)
	return err == nil && equal(c.Value, s.sess)
}

// csrfToken returns the request's CSRF token, from its cookie, setting a
// new one when it has none.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	b := make([]byte, 32)
	rand.Read(b) // crypto/rand.Read never fails (Go 1.24+).
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name: csrfCookie, Value: tok, Path: "/",
		HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode,
	})
	return tok
}

// crossSite says why a state-changing request is refused, or "" when it
// comes from the page itself: an Origin (or, without one, a Referer)
// naming the Host, and the CSRF token of its cookie in the form or in
// the X-CSRF-Token header.
func (s *Server) crossSite(r *http.Request, cookie string) string {
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" {
		return "no Origin nor Referer"
	}
	u, err := url.Parse(from)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Host, r.Host) {
		return "cross-site request (Origin " + originOf(from) + ")"
	}
	sent := r.Header.Get(csrfHeader)
	if sent == "" && !isAPI(r) {
		sent = r.PostFormValue(csrfField)
	}
	if _, err := r.Cookie(csrfCookie); err != nil || sent == "" || !equal(sent, cookie) {
		return "missing or wrong CSRF token"
	}
	return ""
}

// originOf is an Origin or Referer shortened to its scheme and host, for
// the logs.
func originOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "unparsable"
	}
	return u.Scheme + "://" + u.Host
}

// refuse answers 403 and logs why, with who asked (never a token).
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, why string) {
	s.log.Warn("review: request refused", "by", who(r), "method", r.Method, "path", r.URL.Path, "why", why)
	if isAPI(r) {
		writeError(w, http.StatusForbidden, "forbidden: "+why)
		return
	}
	http.Error(w, "403 forbidden: "+why, http.StatusForbidden)
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token == "" || s.sessionOK(r) {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", s.opts.Lang, loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

type loginData struct {
	Next  string
	Wrong bool
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	next := safeNext(r.PostFormValue("next"))
	if !equal(r.PostFormValue("token"), s.opts.Token) {
		s.log.Warn("review: wrong token at login", "by", who(r))
		s.render(w, r, http.StatusForbidden, "login", s.opts.Lang, loginData{Next: next, Wrong: true})
		return
	}
	s.log.Info("review: login", "by", who(r))
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: s.sess, Path: "/", MaxAge: 30 * 24 * 3600,
		HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.opts.Secure, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// safeNext keeps a redirect after login on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
