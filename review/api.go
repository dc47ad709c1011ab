package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// writeJSON answers v as JSON with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) // The client went away: nothing more to do.
}

// apiError is the body of every error of the API.
type apiError struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, apiError{Error: msg})
}

// apiFail answers a Backend error with its status.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	code := errStatus(err)
	if code == http.StatusInternalServerError {
		s.log.Error("review: request failed", "by", who(r), "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeError(w, code, err.Error())
}

// readJSON decodes the request's JSON body into v; an empty body leaves v
// as it is. A body of another type is refused: a page of another site can
// post a form, not JSON without a preflight.
func readJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return invalid("the body must be application/json")
		}
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return invalid("body: %v", err)
	}
	return nil
}

// weekID returns the request's week, or answers 400.
func weekID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%q is not a week (2014-W40)", id))
		return "", false
	}
	return id, true
}

// apiHealth answers the Backend's Health: 200 when ok, 503 when
// degraded, so that a monitor that looks only at the status code hears
// it. The reasons are told only to whom may read the page (the socket,
// loopback without a token, the token): they name sources and weeks.
func (s *Server) apiHealth(w http.ResponseWriter, r *http.Request) {
	h := Health{Status: HealthOK}
	if hc, ok := s.b.(HealthChecker); ok {
		var err error
		if h, err = hc.Health(r.Context()); err != nil {
			s.apiFail(w, r, err)
			return
		}
	}
	if !s.mayRead(r) {
		h.Reasons = nil
	}
	code := http.StatusOK
	if h.Status != HealthOK {
		code = http.StatusServiceUnavailable
	}
	writeJSON(w, code, h)
}

// mayRead reports whether r may read the page: what guard lets through
// to the pages, for the health check that is open to all.
func (s *Server) mayRead(r *http.Request) bool {
	switch {
	case trusted(r):
		return true
	case s.opts.Token == "":
		return onLoopback(r) && loopbackHost(r.Host)
	default:
		return s.bearerOK(r) || s.sessionOK(r)
	}
}

func (s *Server) apiStatus(w http.ResponseWriter, r *http.Request) {
	st, err := s.b.Status(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) apiWeeks(w http.ResponseWriter, r *http.Request) {
	ws, err := s.b.Weeks(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if ws == nil {
		ws = []WeekSummary{}
	}
	writeJSON(w, http.StatusOK, ws)
}

func (s *Server) apiWeek(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	v, err := s.b.Week(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiMarkdown(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	v, err := s.b.Week(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	io.WriteString(w, v.Markdown)
}

func (s *Server) apiChange(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	var c Change
	if err := readJSON(r, &c); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if err := s.change(r, id, c); err != nil {
		s.apiFail(w, r, err)
		return
	}
	v, err := s.b.Week(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// change checks c and hands it to the Backend, logging it.
func (s *Server) change(r *http.Request, id string, c Change) error {
	c.By = who(r)
	err := CheckChange(c)
	if err == nil {
		err = s.b.Edit(r.Context(), id, c)
	}
	s.logChange(r, id, c.Action, c.Entry, err)
	return err
}

func (s *Server) apiUndo(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	err := s.b.Undo(r.Context(), id, who(r))
	s.logChange(r, id, "undo", "", err)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	v, err := s.b.Week(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// RegenerateRequest is the body of POST /api/weeks/{id}/regenerate.
type RegenerateRequest struct {
	Refresh bool `json:"refresh,omitempty"`
	Force   bool `json:"force,omitempty"`
}

func (s *Server) apiRegenerate(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	var req RegenerateRequest
	if err := readJSON(r, &req); err != nil {
		s.apiFail(w, r, err)
		return
	}
	v, err := s.b.Regenerate(r.Context(), id, req.Refresh, req.Force, who(r))
	s.logChange(r, id, "regenerate", "", err)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiPublish(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	p, err := s.b.Publish(r.Context(), id, who(r))
	s.logChange(r, id, "publish", "", err)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// ScrapeRequest is the body of POST /api/scrape.
type ScrapeRequest struct {
	URLs    []string `json:"urls"`
	Refresh bool     `json:"refresh,omitempty"`
	NoStore bool     `json:"no_store,omitempty"`
}

// maxScrape bounds the URLs of one scrape request.
const maxScrape = 1000

func (s *Server) apiScrape(w http.ResponseWriter, r *http.Request) {
	var req ScrapeRequest
	if err := readJSON(r, &req); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if len(req.URLs) == 0 || len(req.URLs) > maxScrape {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("urls: give 1 to %d URLs", maxScrape))
		return
	}
	for _, u := range req.URLs {
		if !httpURL(u) {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("%q is not an http(s) URL", u))
			return
		}
	}
	pages, err := s.b.Scrape(r.Context(), req.URLs, req.Refresh, req.NoStore)
	s.log.Info("review: scrape", "by", who(r), "urls", len(req.URLs), "refresh", req.Refresh, "no_store", req.NoStore, "err", err)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pages)
}

// ImportRequest is the body of POST /api/import.
type ImportRequest struct {
	Path string `json:"path"`
}

func (s *Server) apiImport(w http.ResponseWriter, r *http.Request) {
	var req ImportRequest
	if err := readJSON(r, &req); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if strings.TrimSpace(req.Path) == "" {
		writeError(w, http.StatusBadRequest, "path: give the archive's path")
		return
	}
	res, err := s.b.Import(r.Context(), req.Path)
	s.log.Info("review: import", "by", who(r), "path", req.Path, "err", err)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
