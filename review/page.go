package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
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

// Reason says why a week waits, in the page's language when it is one of
// the reasons moisson gives, as it is otherwise (a source's error).
func (p pageData) Reason(r string) string {
	switch {
	case r == "held":
		return msg(p.Lang, "reason_held")
	case r == "not written yet":
		return msg(p.Lang, "reason_not_written")
	}
	if m := unpushedRE.FindStringSubmatch(r); m != nil {
		n, _ := strconv.Atoi(m[1])
		return msg(p.Lang, "reason_unpushed", count(p.Lang, n, "attempts"), m[2])
	}
	const retry = "not everything could be done (tried again next time): "
	if rest, ok := strings.CutPrefix(r, retry); ok {
		return msg(p.Lang, "reason_retry", rest)
	}
	return r
}

// unpushedRE reads weekly's reason of a week written, not pushed: the
// attempts and git's error.
var unpushedRE = regexp.MustCompile(`(?s)^written, not pushed \((\d+) attempts?, .*?\): (.*)$`)

// Warning says a warning of the bot's state (weekly's, in English for
// the command line) in the page's language when it is one moisson gives;
// a source's own error stays as it is.
func (p pageData) Warning(w string) string {
	if p.Lang == "en" {
		return w
	}
	for _, wp := range warningPatterns {
		if m := wp.re.FindStringSubmatch(w); m != nil {
			args := make([]any, 0, len(m)-1)
			for _, a := range m[1:] {
				if wp.reason {
					a = p.Reason(a)
				}
				if wp.key == "warn_no_source" {
					a = strings.NewReplacer(" and ", " et ", " or ", " ou ").Replace(a)
				}
				args = append(args, a)
			}
			return msg(p.Lang, wp.key, args...)
		}
	}
	return w
}

// warningPatterns are the warnings weekly.Service.Status gives.
var warningPatterns = []struct {
	re     *regexp.Regexp
	key    string
	reason bool // the second part is a week's reason
}{
	{regexp.MustCompile(`^week (\d{4}-W\d\d): draft waiting for approval$`), "warn_draft", false},
	{regexp.MustCompile(`(?s)^week (\d{4}-W\d\d): (written, not pushed .*)$`), "warn_week", true},
	{regexp.MustCompile(`^no source configured: set (.*)$`), "warn_no_source", false},
	{regexp.MustCompile(`^(.+): (\d+) posts whose links could not be read \(each logged with its id\)$`), "warn_unreadable", false},
	{regexp.MustCompile(`^X API: the monthly limit of posts read \((\d+)\) is reached: .*$`), "warn_x_limit", false},
}

// Conflict says why a week's file is kept as it is (weekly's and
// digest's reasons, in English for the command line and the store) in
// the page's language; another text stays as it is.
func (p pageData) Conflict(r string) string {
	if p.Lang == "en" {
		return r
	}
	if r == digest.ConflictReason {
		return msg(p.Lang, "conflict_reason_short")
	}
	for _, cp := range conflictPatterns {
		if m := cp.re.FindStringSubmatch(r); m != nil {
			return msg(p.Lang, cp.key, m[1], m[2])
		}
	}
	return r
}

// conflictPatterns are the reasons moisson.Publication.Conflict holds:
// the file's path and the time it was found.
var conflictPatterns = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^(.+) was edited by hand since moisson wrote it \((.+)\): kept as it is$`), "conflict_reason_hand"},
	{regexp.MustCompile(`^(.+) was changed on the remote since moisson wrote it \((.+)\): kept as it is$`), "conflict_reason_remote"},
	{regexp.MustCompile(`^(.+) was changed on the remote and conflicted with moisson's new version \((.+)\): the remote's version kept as a hand edit$`), "conflict_reason_remote_kept"},
}

// By says who made a change of the edit log: "cli" is the command line.
func (p pageData) By(by string) string {
	if by == "cli" {
		return msg(p.Lang, "by_cli")
	}
	return by
}

// Fields names the fields a "save" changed ("title, comment").
func (p pageData) Fields(detail string) string {
	parts := strings.Split(detail, ", ")
	for i, f := range parts {
		if hasMsg("fld_" + f) {
			parts[i] = msg(p.Lang, "fld_"+f)
		}
	}
	return strings.Join(parts, ", ")
}

// Act names an action of the edit log.
func (p pageData) Act(action string) string {
	if hasMsg("act_" + action) {
		return msg(p.Lang, "act_"+action)
	}
	return action
}

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
