package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// EntryID is the HTML id of the entry whose key is key on the week's page
// ("e-" and a hash): the browser tests find entries by it.
func EntryID(key string) string { return "e-" + shortHash(key) }

// SectionID is the HTML id of the section named name on the week's page.
func SectionID(name string) string { return "s-" + shortHash(strings.ToLower(name)) }

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// pageData is what every template gets.
type pageData struct {
	Lang   string
	CSRF   string
	Asset  string
	Title  string
	Auth   bool // a token is in use: show the logout button
	Active string
	Body   any
	// Loc is the zone every time is said in (MOISSON_TZ).
	Loc *time.Location
}

// T translates key into the page's language.
func (p pageData) T(key string, args ...any) string { return msg(p.Lang, key, args...) }

// N is a count and its noun, singular for 1 ("1 lien", "2 liens"): the
// singular is the key's "_1" form.
func (p pageData) N(n int, key string) string { return count(p.Lang, n, key) }

// Date and Time format t in the page's language and zone.
func (p pageData) Date(t time.Time) string {
	if t.IsZero() {
		return msg(p.Lang, "none")
	}
	t = p.in(t)
	if p.Lang == "fr" {
		return fmt.Sprintf("%d %s %d", t.Day(), monthsFR[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

func (p pageData) Time(t time.Time) string {
	if t.IsZero() {
		return msg(p.Lang, "none")
	}
	return p.Date(t) + " " + p.in(t).Format("15:04")
}

// Day is t's weekday, date and time: "ven. 3 octobre 2014 18:00".
func (p pageData) Day(t time.Time) string {
	if t.IsZero() {
		return msg(p.Lang, "none")
	}
	return weekday(p.Lang, p.in(t)) + " " + p.Time(t)
}

func (p pageData) in(t time.Time) time.Time {
	if p.Loc != nil {
		return t.In(p.Loc)
	}
	return t
}

// render executes the template name into a buffer first, so that a
// failure answers 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name, lang string, body any) {
	csrf, _ := r.Context().Value(csrfKey).(string)
	if csrf == "" && name == "login" {
		csrf = s.csrfToken(w, r)
	}
	d := pageData{Lang: lang, CSRF: csrf, Asset: s.asset, Auth: s.opts.Token != "" && !trusted(r), Active: name, Body: body, Loc: s.loc}
	var buf bytes.Buffer
	buf.Grow(int(s.lastSize.Load()) + 4096)
	if err := s.tmpl[name].ExecuteTemplate(&buf, "layout", d); err != nil {
		s.log.Error("review: render", "template", name, "err", err)
		http.Error(w, "500 internal error", http.StatusInternalServerError)
		return
	}
	s.lastSize.Store(int64(buf.Len()))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	buf.WriteTo(w)
}

// fail shows a Backend error on a page, with its status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, lang string, err error) {
	code := errStatus(err)
	if code == http.StatusInternalServerError {
		s.log.Error("review: request failed", "by", who(r), "method", r.Method, "path", r.URL.Path, "err", err)
	}
	back := "/"
	if id := r.PathValue("id"); weekIDOK(id) {
		back = "/weeks/" + id
	}
	sentence, detail := say(lang, err)
	s.render(w, r, code, "error", lang, errorData{Code: code, Message: sentence, Detail: moisson.RedactText(detail), Back: back})
}

// errorData is the error page: the sentence in the page's language, and
// the technical detail when the error is not one of the page's own.
type errorData struct {
	Code    int
	Message string
	Detail  string
	Back    string
}

func (s *Server) weeksPage(w http.ResponseWriter, r *http.Request) {
	ws, err := s.b.Weeks(r.Context())
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	s.render(w, r, http.StatusOK, "weeks", s.opts.Lang, weeksData{Weeks: ws, Now: s.now()})
}

type weeksData struct {
	Weeks []WeekSummary
	Now   time.Time
}

// Current reports whether w is the week under way.
func (d weeksData) Current(w WeekSummary) bool {
	return !d.Now.Before(w.Week.Start) && d.Now.Before(w.Week.End)
}

func (s *Server) statusPage(w http.ResponseWriter, r *http.Request) {
	st, err := s.b.Status(r.Context())
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	s.render(w, r, http.StatusOK, "status", s.opts.Lang, st)
}

// weekData is the week's page.
type weekData struct {
	View     WeekView
	Preview  template.HTML
	Sections []sectionData
	Hidden   []entryData
	Done     string
	// Closed: the week's cutoff has passed.
	Closed bool
	// Categories are the view's, with every section of the week.
	Categories []string
}

type sectionData struct {
	Name    string
	ID      string
	Entries []entryData
}

// entryData is one entry with what its forms need.
type entryData struct {
	EntryView
	ID          string
	Section     string
	Hidden      bool
	First, Last bool
	// State is the page's state: "ok", "failed", "wayback" or "none".
	State string
	// Source is the post's source, secrets hidden.
	Source string
	// StateText, Shared and Via are the sentences shown of the page's
	// state, the post and the credit; Options the section list, the
	// entry's selected. They are made here rather than in the template:
	// a week has hundreds of entries.
	StateText, Shared, Via string
	Options                template.HTML
	C                      *entryCommon
}

// entryCommon is what every entry of a page shares.
type entryCommon struct {
	L    labels
	CSRF string
	Week string
	// Action is the URL the entry's forms post to.
	Action string
	cats   []string
	opts   map[string]template.HTML
}

// labels are the words of an entry's forms, in the page's language.
type labels struct {
	Edited, Hide, Show, Up, Down, Edit, Title, Save, Lead, Paragraphs, Use,
	Section, NewSection, Move, Comment string
}

func newLabels(lang string) labels {
	return labels{
		Edited: msg(lang, "edited"), Hide: msg(lang, "hide"), Show: msg(lang, "show"), Up: msg(lang, "up"),
		Down: msg(lang, "down"), Edit: msg(lang, "edit"), Title: msg(lang, "title"), Save: msg(lang, "save"),
		Lead: msg(lang, "lead"), Paragraphs: msg(lang, "paragraphs"), Use: msg(lang, "use"),
		Section: msg(lang, "section"), NewSection: msg(lang, "new_section"), Move: msg(lang, "move"),
		Comment: msg(lang, "comment"),
	}
}

// options is the <option> list of the sections with section selected,
// made once per section and page.
func (c *entryCommon) options(section string) template.HTML {
	if h, ok := c.opts[section]; ok {
		return h
	}
	var b strings.Builder
	for _, name := range c.cats {
		b.WriteString("<option")
		if name == section {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		b.WriteString(template.HTMLEscapeString(name))
		b.WriteString("</option>")
	}
	h := template.HTML(b.String()) // every name escaped above.
	c.opts[section] = h
	return h
}

func (s *Server) weekPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	v, err := s.b.Week(r.Context(), id)
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	lang := s.weekLang(v)
	d := weekData{View: v, Preview: renderMarkdown(v.Markdown), Closed: !s.now().Before(v.Summary.Week.End)}
	csrf, _ := r.Context().Value(csrfKey).(string)
	if done := r.URL.Query().Get("done"); hasMsg("done_" + done) {
		d.Done = done
	}
	d.Categories = append(d.Categories, v.Categories...)
	for _, sec := range v.Sections {
		if !slices.Contains(d.Categories, sec.Name) {
			d.Categories = append(d.Categories, sec.Name)
		}
	}
	common := &entryCommon{L: newLabels(lang), CSRF: csrf, Week: id, Action: "/weeks/" + id + "/change", cats: d.Categories, opts: map[string]template.HTML{}}
	p := pageData{Lang: lang, Loc: s.loc}
	for _, sec := range v.Sections {
		sd := sectionData{Name: sec.Name, ID: SectionID(sec.Name)}
		for i, e := range sec.Entries {
			ed := newEntryData(p, common, e, sec.Name, false)
			ed.First, ed.Last = i == 0, i == len(sec.Entries)-1
			sd.Entries = append(sd.Entries, ed)
		}
		d.Sections = append(d.Sections, sd)
	}
	for _, e := range v.Hidden {
		d.Hidden = append(d.Hidden, newEntryData(p, common, e, e.Entry.Category, true))
	}
	s.render(w, r, http.StatusOK, "week", lang, d)
}

func (s *Server) weekLang(v WeekView) string {
	if v.Lang == "fr" || v.Lang == "en" {
		return v.Lang
	}
	return s.opts.Lang
}

func newEntryData(p pageData, c *entryCommon, e EntryView, section string, hidden bool) entryData {
	d := entryData{EntryView: e, ID: EntryID(e.Entry.Key), Section: section, Hidden: hidden,
		Source: sourceLabel(p.Lang, e.Entry.Link.PostKey), C: c, Options: c.options(section)}
	if d.Source == "" {
		d.Source = sourceLabel(p.Lang, e.Post.Key())
	}
	switch {
	case e.Page.URL == "" && e.Page.FetchedAt.IsZero():
		d.State, d.StateText = "none", p.T("page_none")
	case e.Page.Snapshot != "" && e.Page.Snapshot != moisson.NoSnapshot && e.Page.OK():
		d.State, d.StateText = "wayback", p.T("page_wayback")
	case !e.Page.OK():
		d.State, d.StateText = "failed", p.T("page_failed", e.Page.Error)
	default:
		d.State, d.StateText = "ok", p.T("page_ok")
		if e.Page.LeadFromMeta {
			d.StateText += " · " + p.T("page_meta")
		}
	}
	if !e.Post.CreatedAt.IsZero() {
		d.Shared = p.T("shared", p.Time(e.Post.CreatedAt), d.Source)
	}
	if e.Entry.Via != "" {
		d.Via = p.T("via", e.Entry.Via)
	}
	return d
}

// formChange applies the change of one of the week page's forms, then
// sends the browser back to the entry (Post/Redirect/Get).
func (s *Server) formChange(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	c := Change{
		Action:   r.PostFormValue("action"),
		Entry:    r.PostFormValue("entry"),
		Value:    strings.TrimSpace(normalizeNewlines(r.PostFormValue("value"))),
		Category: strings.TrimSpace(r.PostFormValue("category")),
		Comment:  strings.TrimSpace(normalizeNewlines(r.PostFormValue("comment"))),
	}
	// A section is picked in a list or typed: the typed one wins.
	if c.Action == "category" {
		if n := strings.TrimSpace(r.PostFormValue("new")); n != "" {
			c.Value = n
		}
	}
	if c.Action == "add" {
		if n := strings.TrimSpace(r.PostFormValue("new")); n != "" {
			c.Category = n
		}
	}
	if err := s.change(r, id, c); err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	anchor := ""
	switch {
	case c.Entry != "":
		anchor = "#" + EntryID(c.Entry)
	case c.Action == "add":
		anchor = "#" + EntryID(c.Value)
	}
	s.back(w, r, id, c.Action, anchor)
}

// back redirects to the week's page after a change, saying what was done.
func (s *Server) back(w http.ResponseWriter, r *http.Request, id, done, anchor string) {
	http.Redirect(w, r, "/weeks/"+id+"?done="+url.QueryEscape(done)+anchor, http.StatusSeeOther)
}

func normalizeNewlines(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

func (s *Server) formUndo(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	err := s.b.Undo(r.Context(), id, who(r))
	s.logChange(r, id, "undo", "", err)
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	s.back(w, r, id, "undo", "")
}

func (s *Server) formRegenerate(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	_, err := s.b.Regenerate(r.Context(), id, r.PostFormValue("refresh") != "", r.PostFormValue("force") != "", who(r))
	s.logChange(r, id, "regenerate", "", err)
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	s.back(w, r, id, "regenerate", "")
}

func (s *Server) formPublish(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	_, err := s.b.Publish(r.Context(), id, who(r))
	s.logChange(r, id, "publish", "", err)
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	s.back(w, r, id, "publish", "")
}
