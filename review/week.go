package review

import (
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/moisson/moisson"
)

// weekData is the week's page.
type weekData struct {
	View     WeekView
	Sections []sectionData
	Hidden   []entryData
	// Preview is the rendered post, on the page only when asked (the
	// answer to the script's save, the preview page): the week's page
	// loads it apart, to stay light.
	Preview template.HTML
	// Msg is the message of the last action on the week (its toolbar),
	// Bad when it failed.
	Msg string
	Bad bool
	// Closed: the week's cutoff has passed.
	Closed bool
	// Categories are the view's, with every section of the week: the
	// list the section fields offer.
	Categories []string
	// Confirm asks whether to close the week still open and publish it;
	// Scheduled: a draft that publishes itself (after:D). Act says which
	// actions the week's state allows.
	Confirm, Scheduled bool
	Act                weekActs
	// Check shows only the entries to check (low-confidence titles and
	// leads); Checks counts them.
	Check  bool
	Checks int
	// Total counts the entries, hidden ones included.
	Total int
	// Elsewhere asks where a link added by hand that is already in
	// another week goes (move it here, or keep both).
	Elsewhere *elsewhere
	// ID is the week's id; CSRF the token of its forms.
	ID, CSRF string
	L        labels
}

type sectionData struct {
	Name    string
	ID      string
	Entries []entryData
}

// entryData is one entry with what its form needs, made here rather than
// in the template: a week has hundreds of entries.
type entryData struct {
	EntryView
	ID      string
	Section string
	Hidden  bool
	// Position is the entry's place in its section, from 1, of Size.
	Position, Size int
	// State is the page's state: "ok", "failed", "wayback" or "none".
	State string
	// StateText, Shared and Via are the sentences shown of the page's
	// state, the post and the credit.
	StateText, Shared, Via string
	// LowTitle and LowLead mark a title or a lead that is a guess.
	LowTitle, LowLead bool
	// The form's values: the entry's, or what the author sent when the
	// save failed (nothing typed is lost).
	FTitle, FLead, FComment, FCategory string
	// Msg is the message of the last action on this entry; Bad when it
	// failed.
	Msg string
	Bad bool
	// PostText is the post's text without the entry's link (it is the
	// title's).
	PostText string
	// Paras shows the page's paragraphs to pick the lead from (the
	// entry's own page); the week's page links to it.
	Paras bool
	// V is a digest of what the entry shows: the script replaces an
	// entry whose V changed, and only those.
	V string
	C *entryCommon
	// MentionState ("accepted", "sent", "noendpoint", "failed",
	// "givenup") and MentionText say where the page's Webmention is;
	// "" when none was sent.
	MentionState, MentionText string
}

// entryCommon is what every entry of a page shares.
type entryCommon struct {
	L    labels
	CSRF string
	Week string
	// Thumbs is set when the backend serves thumbnails (Thumbnailer).
	Thumbs bool
}

// labels are the words of an entry's form, in the page's language.
type labels struct {
	Edited, Hide, Show, Up, Down, Title, Save, Lead, Paragraphs, Section, Place,
	Comment, Hidden, Unsaved, CheckTitle, CheckLead, KeepLead, AddLink, URL, Add, Intro string
	// The post that shared the entry; a page shared in an earlier week.
	SeePost, SharedIn, Once string
	// The sections editor; a link added that is in another week.
	Sections, Order, NewSection, InWeek, MoveHere, KeepBoth string
}

func newLabels(lang string) labels {
	return labels{
		Edited: msg(lang, "edited"), Hide: msg(lang, "hide"), Show: msg(lang, "show"), Up: msg(lang, "up"),
		Down: msg(lang, "down"), Title: msg(lang, "title"), Save: msg(lang, "save"),
		Lead: msg(lang, "lead"), Paragraphs: msg(lang, "paragraphs"), Section: msg(lang, "section"),
		Place: msg(lang, "place"), Comment: msg(lang, "comment"), Hidden: msg(lang, "hidden_box"),
		Unsaved: msg(lang, "unsaved"), CheckTitle: msg(lang, "check_title"), CheckLead: msg(lang, "check_lead"),
		KeepLead: msg(lang, "keep_lead"), AddLink: msg(lang, "add_link"), URL: msg(lang, "url"), Add: msg(lang, "add"),
		Intro:   msg(lang, "intro"),
		SeePost: msg(lang, "see_post"), SharedIn: msg(lang, "shared_in"), Once: msg(lang, "once"),
		Sections: msg(lang, "sections"), Order: msg(lang, "sections_order"), NewSection: msg(lang, "sections_new"),
		InWeek: msg(lang, "elsewhere_in"), MoveHere: msg(lang, "elsewhere_move"), KeepBoth: msg(lang, "elsewhere_both"),
	}
}

// weekState is what the page must show of one request: the message of
// an action done or refused, where, and the values sent.
type weekState struct {
	Msg   string
	Bad   bool
	Entry string // the entry's HTML id; "" for the week's toolbar
	Sent  *Change
	// Preview puts the rendered post in the page.
	Preview bool
	// Elsewhere asks about a link added that is in another week.
	Elsewhere *elsewhere
	Check     bool
	// Confirm asks whether to close the week still open and publish it.
	Confirm bool
}

func (s *Server) weekPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	st := weekState{Check: r.URL.Query().Get("check") != "", Confirm: r.URL.Query().Get("confirm") == "close"}
	q := r.URL.Query()
	if done := q.Get("done"); hasMsg("done_" + done) {
		st.Entry = q.Get("entry")
		st.Msg = "done_" + done // translated once the language is known
	}
	s.showWeek(w, r, http.StatusOK, id, st)
}

// showWeek renders week id's page with st.
func (s *Server) showWeek(w http.ResponseWriter, r *http.Request, code int, id string, st weekState) {
	v, err := s.b.Week(r.Context(), id)
	if err != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	lang := s.weekLang(v)
	if strings.HasPrefix(st.Msg, "done_") {
		st.Msg = msg(lang, st.Msg)
	}
	csrf, _ := r.Context().Value(csrfKey).(string)
	sum := v.Summary
	d := weekData{View: v, ID: id, CSRF: csrf, Elsewhere: st.Elsewhere, Closed: !s.now().Before(sum.Week.End), Check: st.Check, L: newLabels(lang),
		Scheduled: sum.State == StateDraft && !sum.PublishAt.IsZero() && !sum.Held}
	d.Act = actsOf(sum.State)
	d.Confirm = st.Confirm && d.Act.Publish && !d.Closed
	if st.Preview {
		d.Preview = s.preview(v.Markdown)
	}
	d.Categories = append(d.Categories, v.Categories...)
	for _, sec := range v.Sections {
		if !slices.Contains(d.Categories, sec.Name) {
			d.Categories = append(d.Categories, sec.Name)
		}
	}
	common := &entryCommon{L: d.L, CSRF: csrf, Week: id, Thumbs: s.thumbs()}
	p := pageData{Lang: lang, Loc: s.loc}
	placed := false
	place := func(e *entryData) {
		if st.Entry != "" && st.Entry == e.ID {
			placed = true
			e.Msg, e.Bad = st.Msg, st.Bad
			if c := st.Sent; c != nil && st.Bad {
				e.FTitle, e.FLead, e.FComment, e.FCategory = c.Title, c.Lead, c.Comment, c.Category
			}
		}
		e.V = e.version()
		if e.LowTitle || e.LowLead {
			d.Checks++
		}
	}
	for _, sec := range v.Sections {
		sd := sectionData{Name: sec.Name, ID: SectionID(sec.Name)}
		for i, e := range sec.Entries {
			ed := newEntryData(p, common, e, sec.Name, false)
			ed.Position, ed.Size = i+1, len(sec.Entries)
			place(&ed)
			d.Total++
			if st.Check && !ed.LowTitle && !ed.LowLead {
				continue
			}
			sd.Entries = append(sd.Entries, ed)
		}
		if len(sd.Entries) > 0 || !st.Check {
			d.Sections = append(d.Sections, sd)
		}
	}
	for _, e := range v.Hidden {
		ed := newEntryData(p, common, e, e.Entry.Category, true)
		place(&ed)
		d.Total++
		if st.Check && !ed.LowTitle && !ed.LowLead {
			continue
		}
		d.Hidden = append(d.Hidden, ed)
	}
	if st.Entry == "" || !placed {
		// The week's message, or an entry's no longer on the page (a
		// link left out): said at the top.
		d.Msg, d.Bad = st.Msg, st.Bad
	}
	s.render(w, r, code, "week", lang, d)
}

// weekActs are the actions a week's state allows.
type weekActs struct {
	// Publish: approve and publish (close a week still open first, once
	// confirmed). Hold: keep a draft from publishing itself, or a week
	// from being written at its cutoff. Regenerate: scrape again and
	// write again what was written.
	Publish, Hold, Regenerate bool
}

func actsOf(st WeekState) weekActs {
	switch st {
	case StatePublished:
		// Published: written again by regenerating, never approved again.
		return weekActs{Regenerate: true}
	case StateEmpty:
		return weekActs{Regenerate: true}
	case StateConflict:
		return weekActs{Regenerate: true}
	case StateUnpushed:
		// Written and committed: regenerating writes it again and pushes
		// what waits.
		return weekActs{Regenerate: true}
	}
	return weekActs{Publish: true, Hold: true, Regenerate: true}
}

func (s *Server) weekLang(v WeekView) string {
	if v.Lang == "fr" || v.Lang == "en" {
		return v.Lang
	}
	return s.opts.Lang
}

func newEntryData(p pageData, c *entryCommon, e EntryView, section string, hidden bool) entryData {
	d := entryData{EntryView: e, ID: EntryID(e.Entry.Key), Section: section, Hidden: hidden, C: c,
		LowTitle: e.Entry.TitleConfidence == moisson.ConfidenceLow,
		LowLead:  e.Page.LeadConfidence == moisson.ConfidenceLow && e.Edit.Lead == "" && e.Entry.Lead != "",
		FTitle:   e.Entry.Title, FLead: e.Entry.Lead, FComment: e.Entry.Comment, FCategory: section}
	switch {
	case e.Page.URL == "" && e.Page.FetchedAt.IsZero():
		d.State, d.StateText = "none", p.T("page_none")
	case e.Page.Snapshot != "" && e.Page.Snapshot != moisson.NoSnapshot && e.Page.OK():
		d.State, d.StateText = "wayback", p.T("page_wayback")
	case !e.Page.OK():
		d.State, d.StateText = "failed", failure(p.Lang, e.Page)
	case e.Page.TextFrom != "":
		// A page behind a bot wall: the link is the live page, its words
		// the Wayback Machine's copy.
		d.State, d.StateText = "textfrom", p.T("page_textfrom")
	default:
		d.State, d.StateText = "ok", p.T("page_ok")
		if e.Page.LeadFromMeta {
			d.State = "meta"
			d.StateText += " · " + p.T("page_meta")
		}
	}
	d.PostText = strings.TrimSpace(strings.ReplaceAll(e.Post.Text, e.Entry.Link.URL, ""))
	if e.Entry.Link.URL == "" {
		d.PostText = e.Post.Text
	}
	source := sourceLabel(p.Lang, e.Entry.Link.PostKey)
	if source == "" {
		source = sourceLabel(p.Lang, e.Post.Key())
	}
	if !e.Post.CreatedAt.IsZero() {
		d.Shared = p.T("shared", p.Time(e.Post.CreatedAt), source)
	}
	if e.Entry.Via != "" {
		d.Via = p.T("via", e.Entry.Via)
	}
	if m := e.Mention; m != nil {
		d.MentionState, d.MentionText = mentionText(p, *m)
	}
	return d
}

// mentionText says where the Webmention of an entry's page is, in the
// page's language.
func mentionText(p pageData, m moisson.Mention) (state, text string) {
	why := moisson.RedactText(m.Error)
	switch {
	case why == "" && m.Status > 0:
		why = "HTTP " + strconv.Itoa(m.Status)
	case why == "":
		why = p.T("mention_unknown")
	}
	switch {
	case m.State == moisson.MentionAccepted:
		return "accepted", p.T("mention_accepted", p.Time(m.At))
	case m.State == moisson.MentionSent:
		return "sent", p.T("mention_sent", p.Time(m.At))
	case m.State == moisson.MentionNoEndpoint:
		return "noendpoint", p.T("mention_no_endpoint")
	case !m.Done():
		return "failed", p.T("mention_failed", why, p.Time(m.NextRetry))
	}
	return "givenup", p.T("mention_given_up", m.Attempts, why)
}

// failure says why a page could not be read, in lang: the wall in front
// of it, no server, the HTTP status; the error as it is otherwise (a
// timeout, a size limit), marked as a detail.
func failure(lang string, pg moisson.Page) string {
	switch {
	case pg.Blocked != "":
		wall := "wall_" + pg.Blocked
		if !hasMsg(wall) {
			return msg(lang, "page_failed", msg(lang, "page_blocked", pg.Blocked))
		}
		return msg(lang, "page_failed", msg(lang, "page_blocked", msg(lang, wall)))
	case pg.Unreachable:
		return msg(lang, "page_failed", msg(lang, "page_unreachable"))
	case pg.Status >= 400:
		return msg(lang, "page_failed", msg(lang, "page_status", pg.Status))
	}
	return msg(lang, "page_failed", msg(lang, "page_error", moisson.RedactText(pg.Error)))
}

// version is a digest of what the entry shows.
func (e *entryData) version() string {
	h := fnv.New64a()
	for _, s := range []string{e.FTitle, e.FLead, e.FComment, e.FCategory, e.Entry.URL, e.StateText, e.Shared, e.Via,
		e.Msg, strconv.FormatBool(e.Bad), strconv.FormatBool(e.Hidden), strconv.Itoa(e.Position), strconv.Itoa(e.Size),
		strconv.FormatBool(e.LowTitle), strconv.FormatBool(e.LowLead), e.MentionText, e.Edit.Title, e.Edit.Lead, e.Edit.Category, e.Edit.Comment} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return strconv.FormatUint(h.Sum64(), 36)
}

// scripted reports whether the page's script sent r: it wants the page
// itself in answer (with the preview), not a redirect.
func scripted(r *http.Request) bool { return r.Header.Get("X-Moisson-Page") == "1" }

// outcome answers a POST of the week's page. Done, without the script: a
// redirect to the page at the entry (or the toolbar) with the message in
// the URL, so that a reload shows it again; with the script: the page
// itself. Refused: the page with the message where the action was made
// and, for an entry, the values sent kept in its form.
func (s *Server) outcome(w http.ResponseWriter, r *http.Request, id, done string, c *Change, err error) {
	anchor := ""
	if c != nil && c.Entry != "" {
		anchor = EntryID(c.Entry)
	}
	if err == nil {
		if scripted(r) {
			s.showWeek(w, r, http.StatusOK, id, weekState{Msg: "done_" + done, Entry: anchor, Preview: true})
			return
		}
		q := url.Values{"done": {done}}
		if anchor != "" {
			q.Set("entry", anchor)
		}
		frag := "#week-msg"
		if anchor != "" {
			frag = "#" + anchor
		}
		http.Redirect(w, r, "/weeks/"+id+"?"+q.Encode()+frag, http.StatusSeeOther)
		return
	}
	code := errStatus(err)
	if code == http.StatusInternalServerError {
		s.log.Error("review: request failed", "by", who(r), "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if errors.Is(err, moisson.ErrNotFound) && (c == nil || c.Entry == "") {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	v, werr := s.b.Week(r.Context(), id)
	if werr != nil {
		s.fail(w, r, s.opts.Lang, err)
		return
	}
	sentence, detail := say(s.weekLang(v), err)
	if detail != "" {
		sentence += " (" + moisson.RedactText(detail) + ")"
	}
	s.showWeek(w, r, code, id, weekState{Msg: sentence, Bad: true, Entry: anchor, Sent: c, Preview: scripted(r)})
}

// formChange applies the change of one of the week page's forms.
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
	if c.Action == "" && c.Entry != "" {
		c.Action = "save" // an entry's form
	}
	done := c.Action
	if c.Action == "save" {
		var err error
		if done, err = s.entryForm(r, id, &c); err != nil {
			s.outcome(w, r, id, done, &c, err)
			return
		}
	}
	// A section is picked in a list or typed: the typed one wins.
	if n := strings.TrimSpace(r.PostFormValue("new")); n != "" {
		switch c.Action {
		case "category":
			c.Value = n
		case "add":
			c.Category = n
		}
	}
	if c.Action == "add" {
		c.Title = strings.TrimSpace(r.PostFormValue("title"))
		c.Lead = strings.TrimSpace(normalizeNewlines(r.PostFormValue("lead")))
		c.Elsewhere = r.PostFormValue("elsewhere")
	}
	err := s.change(r, id, c)
	if e := elsewhereOf(&c, err); e != nil {
		// Not refused: asked. The add form asks where the link goes.
		s.showWeek(w, r, http.StatusOK, id, weekState{Elsewhere: e, Preview: scripted(r)})
		return
	}
	if c.Action == "add" && c.Entry == "" {
		c.Entry = c.Value // the message goes to the link added
		if err != nil {
			c.Entry = ""
		}
	}
	s.outcome(w, r, id, done, &c, err)
}

// entryForm reads an entry's form into c: every field, and the button
// pressed ("do": save, hide, show, up, down). It returns what was done,
// for the message.
func (s *Server) entryForm(r *http.Request, id string, c *Change) (string, error) {
	c.Title = strings.TrimSpace(r.PostFormValue("title"))
	c.Lead = strings.TrimSpace(normalizeNewlines(r.PostFormValue("lead")))
	c.Hidden = r.PostFormValue("hidden") != ""
	if p := strings.TrimSpace(r.PostFormValue("position")); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return "save", problem("err_position", maxPosition)
		}
		c.Position = n
	}
	do := r.PostFormValue("do")
	switch do {
	case "", "save":
		do = "save"
	case "hide":
		c.Hidden = true
	case "show":
		c.Hidden = false
	case "up":
		c.Position = max(c.Position-1, 1)
	case "down":
		c.Position++
	default:
		return "save", problem("err_action", do)
	}
	// A paragraph of the page picked as the lead (the entry's own page
	// offers them).
	if p := r.PostFormValue("para"); p != "" {
		i, err := strconv.Atoi(p)
		if err != nil {
			return do, problem("err_para")
		}
		lead, err := s.paragraph(r, id, c.Entry, i)
		if err != nil {
			return do, err
		}
		c.Lead = lead
	}
	return do, nil
}

// paragraph is the page's paragraph i of the entry key of week id.
func (s *Server) paragraph(r *http.Request, id, key string, i int) (string, error) {
	v, err := s.b.Week(r.Context(), id)
	if err != nil {
		return "", err
	}
	e, ok := findView(v, key)
	if !ok {
		return "", fmt.Errorf("%w: no entry %q in week %s", moisson.ErrNotFound, key, id)
	}
	if i < 0 || i >= len(e.Page.Paragraphs) {
		return "", problem("err_para")
	}
	return e.Page.Paragraphs[i], nil
}

// findView finds an entry of v by its key.
func findView(v WeekView, key string) (EntryView, bool) {
	for _, sec := range v.Sections {
		for _, e := range sec.Entries {
			if e.Entry.Key == key {
				return e, true
			}
		}
	}
	for _, e := range v.Hidden {
		if e.Entry.Key == key {
			return e, true
		}
	}
	return EntryView{}, false
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
	s.outcome(w, r, id, "undo", nil, err)
}

func (s *Server) formRegenerate(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	_, err := s.b.Regenerate(r.Context(), id, r.PostFormValue("refresh") != "", r.PostFormValue("force") != "", who(r))
	s.logChange(r, id, "regenerate", "", err)
	if s.toConflict(w, r, id, err) {
		return
	}
	s.outcome(w, r, id, "regenerate", nil, err)
}

func (s *Server) formPublish(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	var err error
	action := "publish"
	if ep, ok := s.b.(EarlyPublisher); ok && r.PostFormValue("close_early") != "" {
		action = "publish_early"
		_, err = ep.PublishEarly(r.Context(), id, who(r))
	} else {
		_, err = s.b.Publish(r.Context(), id, who(r))
	}
	s.logChange(r, id, action, "", err)
	if errors.Is(err, moisson.ErrWeekOpen) {
		// Not refused: asked. The page asks whether to close the week
		// now (the script asked before sending, with the cutoff).
		if scripted(r) {
			s.showWeek(w, r, http.StatusOK, id, weekState{Confirm: true, Preview: true})
			return
		}
		http.Redirect(w, r, "/weeks/"+id+"?confirm=close#confirm-close", http.StatusSeeOther)
		return
	}
	if s.toConflict(w, r, id, err) {
		return
	}
	s.outcome(w, r, id, action, nil, err)
}

// entryPage is one entry alone, with the page's paragraphs to pick one as
// the lead: the week's page links to it, the script brings its list in.
func (s *Server) entryPage(w http.ResponseWriter, r *http.Request) {
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
	csrf, _ := r.Context().Value(csrfKey).(string)
	common := &entryCommon{L: newLabels(lang), CSRF: csrf, Week: id, Thumbs: s.thumbs()}
	p := pageData{Lang: lang, Loc: s.loc}
	want := r.PathValue("entry")
	for _, sec := range v.Sections {
		for i, e := range sec.Entries {
			if EntryID(e.Entry.Key) == want {
				ed := newEntryData(p, common, e, sec.Name, false)
				ed.Position, ed.Size, ed.Paras = i+1, len(sec.Entries), true
				s.render(w, r, http.StatusOK, "entry", lang, entryPageData{Entry: &ed, View: v, Categories: v.Categories})
				return
			}
		}
	}
	for _, e := range v.Hidden {
		if EntryID(e.Entry.Key) == want {
			ed := newEntryData(p, common, e, e.Entry.Category, true)
			ed.Paras = true
			s.render(w, r, http.StatusOK, "entry", lang, entryPageData{Entry: &ed, View: v, Categories: v.Categories})
			return
		}
	}
	s.fail(w, r, lang, fmt.Errorf("week %s: entry %s: %w", id, want, moisson.ErrNotFound))
}

// entryPageData is the page of one entry.
type entryPageData struct {
	Entry      *entryData
	View       WeekView
	Categories []string
}

// previewPage is the post as the blog will show it; the script puts it
// beside the week's entries.
func (s *Server) previewPage(w http.ResponseWriter, r *http.Request) {
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
	s.render(w, r, http.StatusOK, "preview", s.weekLang(v), previewData{View: v, Preview: s.preview(v.Markdown)})
}

type previewData struct {
	View    WeekView
	Preview template.HTML
}
