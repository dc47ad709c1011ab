package review

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ErrHandEdited is what a Backend wraps when a week cannot be written
// because its post file was edited by hand: the page then shows the
// file's diff and the author's choices (Conflict, Resolve). It wraps
// ErrConflict (answered 409 by the API).
var ErrHandEdited = fmt.Errorf("%w: post file edited by hand", ErrConflict)

// toConflict sends the browser to the week's conflict page when err says
// its post file was edited by hand, and reports whether it did.
func (s *Server) toConflict(w http.ResponseWriter, r *http.Request, id string, err error) bool {
	if !errors.Is(err, ErrHandEdited) {
		return false
	}
	s.goTo(w, r, "/weeks/"+id+"/conflict")
	return true
}

// goTo sends the browser to another page: a redirect, or for the page's
// script (which would otherwise read the answer as the same page) the
// address in the X-Moisson-Go header, which it follows.
func (s *Server) goTo(w http.ResponseWriter, r *http.Request, to string) {
	if scripted(r) {
		w.Header().Set("X-Moisson-Go", to)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// ConflictView is a week's post file as the author edited it by hand,
// against what moisson would write: what the page shows before the
// author chooses to keep the file or to overwrite it.
type ConflictView struct {
	Week string `json:"week"`
	// Path is the file, relative to the blog directory.
	Path string `json:"path"`
	// Reason is why publishing stopped (moisson.Publication.Conflict);
	// empty when the file was not found edited yet.
	Reason string `json:"reason,omitempty"`
	// Edited is true when the file on disk is not what moisson last
	// wrote there.
	Edited bool `json:"edited"`
	// Frozen is true when the author kept a file moisson could not read
	// back: moisson writes it no more until the author overwrites it.
	Frozen bool `json:"frozen,omitempty"`
	// Diff is the file against what moisson would write: "-" lines are
	// moisson's only, "+" lines the file's only.
	Diff []DiffLine `json:"diff"`
	// Added and Removed count the file's lines only in the file and the
	// lines only in moisson's version.
	Added   int `json:"added"`
	Removed int `json:"removed"`
	// ReadBack says what keeping the file reads back into the week's
	// edits ("title: https://…", "hidden: https://…", "intro").
	ReadBack []string `json:"read_back,omitempty"`
	// Exact is true when those edits make the file again: keeping it
	// loses nothing. When false, keeping it freezes the week, and
	// Unmapped is the file against the post the edits make (what could
	// not be read back).
	Exact    bool       `json:"exact"`
	Unmapped []DiffLine `json:"unmapped,omitempty"`
}

// DiffLine is one line of a diff.
type DiffLine struct {
	// Op is " " for a line in both, "-" for a line of moisson's version
	// only, "+" for a line of the file only, "…" for unchanged lines left
	// out.
	Op string `json:"op"`
	// Old and New are the line's numbers in moisson's version and in the
	// file (0 when it is not in it).
	Old  int    `json:"old,omitempty"`
	New  int    `json:"new,omitempty"`
	Text string `json:"text"`
}

// The author's choices on a post file edited by hand.
const (
	// ChoiceKeep keeps the file: its text becomes the week's edits where
	// they map, or the week is frozen.
	ChoiceKeep = "keep"
	// ChoiceOverwrite writes moisson's version over the file (and
	// unfreezes a frozen week).
	ChoiceOverwrite = "overwrite"
)

// ResolveRequest is the body of POST /api/weeks/{id}/resolve.
type ResolveRequest struct {
	// Choice is ChoiceKeep or ChoiceOverwrite.
	Choice string `json:"choice"`
}

// Conflict asks GET /api/weeks/{id}/conflict.
func (c *Client) Conflict(ctx context.Context, id string) (ConflictView, error) {
	var v ConflictView
	err := c.do(ctx, http.MethodGet, "/api/weeks/"+url.PathEscape(id)+"/conflict", "", nil, &v)
	return v, err
}

// Resolve sends POST /api/weeks/{id}/resolve.
func (c *Client) Resolve(ctx context.Context, id, choice, by string) error {
	return c.do(ctx, http.MethodPost, "/api/weeks/"+url.PathEscape(id)+"/resolve", by, ResolveRequest{Choice: choice}, nil)
}

// conflictRoutes adds the pages and API of a post file edited by hand.
func (s *Server) conflictRoutes(page func(string, http.HandlerFunc)) {
	page("GET /weeks/{id}/conflict", s.conflictPage)
	page("POST /weeks/{id}/resolve", s.formResolve)
	page("GET /api/weeks/{id}/conflict", s.apiConflict)
	page("POST /api/weeks/{id}/resolve", s.apiResolve)
	page("POST /weeks/{id}/sections", s.formSections)
}

// checkChoice refuses a choice that is neither keep nor overwrite.
func checkChoice(choice string) error {
	if choice != ChoiceKeep && choice != ChoiceOverwrite {
		return invalid("choice %q: want %q or %q", choice, ChoiceKeep, ChoiceOverwrite)
	}
	return nil
}

// conflictData is the conflict page.
type conflictData struct {
	View ConflictView
	Week string
	Lang string
}

// diffData is a diff as the "diff" template shows it.
type diffData struct {
	Lines []DiffLine
	L     struct{ Old, New, Line string }
}

func (d conflictData) diff(lines []DiffLine, p pageData) diffData {
	dd := diffData{Lines: lines}
	dd.L.Old, dd.L.New, dd.L.Line = p.T("conflict_old"), p.T("conflict_new"), p.T("conflict_line")
	return dd
}

// ReadBack says what keeping the file reads back, in the page's
// language: "title: URL" becomes "titre : URL".
func (d conflictData) ReadBack(p pageData) []string {
	out := make([]string, 0, len(d.View.ReadBack))
	for _, line := range d.View.ReadBack {
		kind, rest, _ := strings.Cut(line, ": ")
		key := "rb_" + strings.ReplaceAll(kind, " ", "_")
		if strings.HasPrefix(kind, "section ") && kind != "section renamed" && kind != "sections order" {
			rest, key = strings.TrimPrefix(kind, "section ")+" ← "+rest, "rb_section"
		}
		if !hasMsg(key) {
			out = append(out, line)
			continue
		}
		if rest == "" {
			out = append(out, p.T(key))
		} else {
			out = append(out, p.T(key)+p.T("rb_colon")+rest)
		}
	}
	return out
}

// Diff and Unmapped are the two diffs of the page, with their labels.
func (d conflictData) Diff(p pageData) diffData     { return d.diff(d.View.Diff, p) }
func (d conflictData) Unmapped(p pageData) diffData { return d.diff(d.View.Unmapped, p) }

func (s *Server) conflictPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	v, err := s.b.Conflict(r.Context(), id)
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	s.render(w, r, http.StatusOK, "conflict", s.opts.Lang, conflictData{View: v, Week: id})
}

// formResolve applies the choice of the conflict page, then goes back to
// the week saying what was done.
func (s *Server) formResolve(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	choice := r.PostFormValue("choice")
	err := checkChoice(choice)
	if err == nil {
		err = s.b.Resolve(r.Context(), id, choice, who(r))
	}
	s.logChange(r, id, choice, "", err)
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	s.goTo(w, r, "/weeks/"+id+"?done="+url.QueryEscape(choice)+"#week-msg")
}

func (s *Server) apiConflict(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	v, err := s.b.Conflict(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiResolve(w http.ResponseWriter, r *http.Request) {
	id, ok := weekID(w, r)
	if !ok {
		return
	}
	var req ResolveRequest
	err := readJSON(r, &req)
	if err == nil {
		err = checkChoice(req.Choice)
	}
	if err == nil {
		err = s.b.Resolve(r.Context(), id, req.Choice, who(r))
	}
	s.logChange(r, id, req.Choice, "", err)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	v, err := s.b.Conflict(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}
