// Package reviewtest helps test the review page: an in-memory Backend
// that records every call, a sample week, and a real headless Chromium
// driven through the page's forms (StartBrowser, NewPage and the step
// methods of Page), usable against a test server as well as against the
// real binary.
package reviewtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// MemBackend is a review.Backend holding one week in memory. It applies
// the changes as the real one does (hide, title, lead, section, order,
// comment, added links, hold, undo) closely enough for the page, and
// records every call that changes something.
type MemBackend struct {
	mu       sync.Mutex
	week     moisson.Week
	lang     string
	entries  []memEntry
	cats     []string
	held     bool
	approved bool
	intro    string
	pub      *moisson.Publication
	undo     []memState
	calls    []review.Change
	log      []moisson.EditEvent
	// Now is the clock of the edit log (time.Now when nil).
	Now func() time.Time
	// Summary, when set, changes the week's summary as Week and Weeks
	// return it (a state the memory backend does not reach by itself).
	Summary func(*review.WeekSummary)
	// StatusValue is what Status returns.
	StatusValue review.Status
	// ConflictValue is what Conflict returns (nil: the week was never
	// written).
	ConflictValue *review.ConflictView
}

type memEntry struct {
	view   review.EntryView
	orig   digest.Entry
	hidden bool
}

type memState struct {
	entries    []memEntry
	held, appr bool
	intro      string
}

// NewMemBackend returns a backend holding week w with entries, in the
// post's order, and categories (the sections an entry can be moved to);
// lang is the post's language.
func NewMemBackend(w moisson.Week, lang string, entries []review.EntryView, categories []string) *MemBackend {
	m := &MemBackend{week: w, lang: lang, cats: slices.Clone(categories)}
	for _, e := range entries {
		m.entries = append(m.entries, memEntry{view: e, orig: e.Entry, hidden: e.Edit.Hidden})
	}
	return m
}

// Changes returns the calls that changed something, in order: every
// Edit's change, and {Action: "undo"}, {Action: "regenerate"},
// {Action: "publish"} for the other calls, with By.
func (m *MemBackend) Changes() []review.Change {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.calls)
}

func (m *MemBackend) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *MemBackend) check(id string) error {
	if id != m.week.ID {
		return fmt.Errorf("reviewtest: week %s: %w", id, moisson.ErrNotFound)
	}
	return nil
}

// Status returns StatusValue.
func (m *MemBackend) Status(ctx context.Context) (review.Status, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.StatusValue, nil
}

// Weeks returns the one week.
func (m *MemBackend) Weeks(ctx context.Context) ([]review.WeekSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return []review.WeekSummary{m.summary()}, nil
}

func (m *MemBackend) summary() review.WeekSummary {
	s := review.WeekSummary{Week: m.week, State: review.StateDraft, Held: m.held, Approved: m.approved, Publication: m.pub, Edits: len(m.log)}
	if m.pub != nil {
		s.State = review.StatePublished
	}

	for _, e := range m.entries {
		switch {
		case e.hidden:
			s.Hidden++
		default:
			s.Links++
		}
		if e.view.Page.Error != "" {
			s.Failed++
		}
	}
	if m.Summary != nil {
		m.Summary(&s)
	}
	return s
}

// Week builds the week's view: sections in the order of their first
// entry, the hidden entries apart, and the post's Markdown.
func (m *MemBackend) Week(ctx context.Context, id string) (review.WeekView, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(id); err != nil {
		return review.WeekView{}, err
	}
	v := review.WeekView{Summary: m.summary(), Lang: m.lang, Intro: m.intro, Log: slices.Clone(m.log)}
	slices.Reverse(v.Log)
	index := map[string]int{}
	for _, e := range m.entries {
		ev := e.view
		ev.Edit.Hidden = e.hidden
		if e.hidden {
			v.Hidden = append(v.Hidden, ev)
			continue
		}
		i, ok := index[strings.ToLower(ev.Entry.Category)]
		if !ok {
			i = len(v.Sections)
			index[strings.ToLower(ev.Entry.Category)] = i
			v.Sections = append(v.Sections, review.SectionView{Name: ev.Entry.Category})
		}
		v.Sections[i].Entries = append(v.Sections[i].Entries, ev)
	}
	v.Categories = slices.Clone(m.cats)
	for _, s := range v.Sections {
		if !slices.Contains(v.Categories, s.Name) {
			v.Categories = append(v.Categories, s.Name)
		}
	}
	v.Markdown = m.markdown(v)
	return v, nil
}

// markdown writes the post as digest does, roughly.
func (m *MemBackend) markdown(v review.WeekView) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nlayout: post\ntitle: \"Compilation veille Twitter & RSS\"\ndate: %s\n---\n\n", m.week.End.Format("2006-01-02 15:04:05 -0700"))
	if m.intro != "" {
		b.WriteString(m.intro + "\n")
	} else {
		fmt.Fprintf(&b, "La moisson de liens pour la semaine du %s au %s.\n", m.week.Monday.Format("2/1"), m.week.End.Format("2/1/2006"))
	}
	for _, s := range v.Sections {
		fmt.Fprintf(&b, "\n### %s\n", s.Name)
		for _, e := range s.Entries {
			fmt.Fprintf(&b, "\n[%s](%s)\n", e.Entry.Title, e.Entry.URL)
			var def []string
			if img := e.Page.Image; img.Stored() && img.Post {
				// As the post shows it with MOISSON_IMAGES.
				def = append(def, fmt.Sprintf("![%s](/assets/moisson/%s)", img.Alt, img.Name))
			}
			if e.Entry.Lead != "" {
				def = append(def, strings.ReplaceAll(e.Entry.Lead, "\n", "  \n"))
			}
			if len(def) > 0 {
				fmt.Fprintf(&b, ": %s\n", strings.Join(def, "  \n"))
			}
			if e.Entry.Comment != "" {
				fmt.Fprintf(&b, "\n  %s\n", strings.ReplaceAll(e.Entry.Comment, "\n", "\n  "))
			}
		}
	}
	return b.String()
}

func (m *MemBackend) find(key string) int {
	for i, e := range m.entries {
		if e.view.Entry.Key == key {
			return i
		}
	}
	return -1
}

func (m *MemBackend) save() {
	m.undo = append(m.undo, memState{entries: slices.Clone(m.entries), held: m.held, appr: m.approved, intro: m.intro})
}

func (m *MemBackend) record(c review.Change, action, entry, detail string) {
	m.calls = append(m.calls, c)
	m.log = append(m.log, moisson.EditEvent{At: m.now(), Week: m.week.ID, Entry: entry, Action: action, Detail: detail, By: c.By})
}

// Edit applies c.
func (m *MemBackend) Edit(ctx context.Context, id string, c review.Change) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(id); err != nil {
		return err
	}
	if err := review.CheckChange(c); err != nil {
		return err
	}
	i := -1
	if c.Entry != "" {
		if i = m.find(c.Entry); i < 0 {
			return fmt.Errorf("reviewtest: %w: no entry %q in %s", review.ErrInvalid, c.Entry, id)
		}
	}
	if m.pub != nil {
		return fmt.Errorf("reviewtest: %w: %s is published", review.ErrConflict, id)
	}
	m.save()
	action := c.Action
	switch c.Action {
	case "hide":
		m.entries[i].hidden = true
	case "show":
		m.entries[i].hidden = false
	case "title":
		m.entries[i].view.Entry.Title = or(c.Value, m.entries[i].orig.Title)
		m.entries[i].view.Edit.Title = c.Value
	case "lead":
		m.entries[i].view.Entry.Lead = or(c.Value, m.entries[i].orig.Lead)
		m.entries[i].view.Edit.Lead = c.Value
	case "comment":
		m.entries[i].view.Entry.Comment = c.Value
		m.entries[i].view.Edit.Comment = c.Value
	case "category":
		m.entries[i].view.Entry.Category = or(c.Value, m.entries[i].orig.Category)
		m.entries[i].view.Edit.Category = c.Value
	case "save":
		if err := m.saveEntry(i, c); err != nil {
			m.undo = m.undo[:len(m.undo)-1]
			return err
		}
	case "up", "down":
		action = "move"
		step := -1
		if c.Action == "down" {
			step = 1
		}
		cat := strings.ToLower(m.entries[i].view.Entry.Category)
		for j := i + step; j >= 0 && j < len(m.entries); j += step {
			if !m.entries[j].hidden && strings.ToLower(m.entries[j].view.Entry.Category) == cat {
				m.entries[i], m.entries[j] = m.entries[j], m.entries[i]
				break
			}
		}
	case "add":
		if m.find(c.Value) >= 0 {
			m.undo = m.undo[:len(m.undo)-1]
			return fmt.Errorf("reviewtest: %w: %s is already in %s", review.ErrConflict, c.Value, id)
		}
		e := digest.Entry{Key: c.Value, URL: c.Value, Title: c.Value, Category: or(c.Category, "Divers"), Comment: c.Comment}
		m.entries = append(m.entries, memEntry{
			view: review.EntryView{Entry: e, Post: moisson.Post{Source: moisson.HandSource, CreatedAt: m.now()}},
			orig: e,
		})
	case "hold":
		m.held = true
	case "release":
		m.held = false
	case "intro":
		m.intro = c.Value
	}
	m.record(c, action, c.Entry, c.Value)
	return nil
}

// saveEntry applies a "save": each field that differs from what is shown,
// then the place in the section.
func (m *MemBackend) saveEntry(i int, c review.Change) error {
	e := &m.entries[i]
	if t := strings.TrimSpace(c.Title); t != e.view.Entry.Title {
		e.view.Entry.Title, e.view.Edit.Title = or(t, e.orig.Title), t
	}
	if l := strings.TrimSpace(c.Lead); l != e.view.Entry.Lead {
		e.view.Entry.Lead, e.view.Edit.Lead = or(l, e.orig.Lead), l
	}
	if cm := strings.TrimSpace(c.Comment); cm != e.view.Entry.Comment {
		e.view.Entry.Comment, e.view.Edit.Comment = cm, cm
	}
	moved := !strings.EqualFold(strings.TrimSpace(c.Category), e.view.Entry.Category)
	if moved {
		e.view.Entry.Category, e.view.Edit.Category = or(strings.TrimSpace(c.Category), e.orig.Category), strings.TrimSpace(c.Category)
	}
	e.hidden = c.Hidden
	if c.Hidden || c.Position == 0 {
		return nil
	}
	// The entries of the section in the page's order, this one out, then
	// this one put back at its place.
	cat := strings.ToLower(e.view.Entry.Category)
	var same []int
	for j, o := range m.entries {
		if j != i && !o.hidden && strings.ToLower(o.view.Entry.Category) == cat {
			same = append(same, j)
		}
	}
	pos := min(c.Position-1, len(same))
	if moved {
		pos = len(same)
	}
	moving := m.entries[i]
	rest := slices.Delete(slices.Clone(m.entries), i, i+1)
	at := len(rest)
	if pos < len(same) {
		at = same[pos]
		if at > i {
			at--
		}
	} else if len(same) > 0 {
		at = same[len(same)-1] + 1
		if same[len(same)-1] > i {
			at--
		}
	}
	m.entries = slices.Insert(rest, at, moving)
	return nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Undo takes back the last edit.
func (m *MemBackend) Undo(ctx context.Context, id, by string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(id); err != nil {
		return err
	}
	if len(m.undo) == 0 {
		return fmt.Errorf("reviewtest: %w: nothing to undo in %s", review.ErrConflict, id)
	}
	st := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.entries, m.held, m.approved, m.intro = st.entries, st.held, st.appr, st.intro
	m.record(review.Change{Action: "undo", By: by}, "undo", "", "")
	return nil
}

// Regenerate records the call and returns the week.
func (m *MemBackend) Regenerate(ctx context.Context, id string, refresh, force bool, by string) (review.WeekView, error) {
	m.mu.Lock()
	if err := m.check(id); err != nil {
		m.mu.Unlock()
		return review.WeekView{}, err
	}
	detail := ""
	if refresh {
		detail = "refresh"
	}
	if force {
		detail = strings.TrimSpace(detail + " force")
	}
	m.record(review.Change{Action: "regenerate", Value: detail, By: by}, "regenerate", "", detail)
	m.mu.Unlock()
	return m.Week(ctx, id)
}

// Publish approves and publishes the week; a second time is a conflict.
func (m *MemBackend) Publish(ctx context.Context, id, by string) (moisson.Publication, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(id); err != nil {
		return moisson.Publication{}, err
	}
	if m.pub != nil {
		return moisson.Publication{}, fmt.Errorf("reviewtest: %w: %s is already published", review.ErrConflict, id)
	}
	if m.now().Before(m.week.End) {
		return moisson.Publication{}, fmt.Errorf("reviewtest: %w: %w", review.ErrConflict, &moisson.WeekOpenError{Week: id, Cutoff: m.week.End})
	}
	return m.publish(id, by, "publish")
}

// PublishEarly closes the week now if it is still open, and publishes it.
func (m *MemBackend) PublishEarly(ctx context.Context, id, by string) (moisson.Publication, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(id); err != nil {
		return moisson.Publication{}, err
	}
	if m.pub != nil {
		return moisson.Publication{}, fmt.Errorf("reviewtest: %w: %s is already published", review.ErrConflict, id)
	}
	if now := m.now(); now.Before(m.week.End) {
		m.week.End = now
	}
	return m.publish(id, by, "publish_early")
}

func (m *MemBackend) publish(id, by, action string) (moisson.Publication, error) {
	m.approved = true
	s := m.summary()
	m.pub = &moisson.Publication{Week: id, Path: "_posts/" + m.week.End.Format("2006-01-02") + "-compilation-veille.md", Links: s.Links, PublishedAt: m.now()}
	m.record(review.Change{Action: action, By: by}, action, "", "")
	return *m.pub, nil
}

// Scrape returns a page titled after each URL.
func (m *MemBackend) Scrape(ctx context.Context, urls []string, refresh, noStore bool) ([]moisson.Page, error) {
	var pages []moisson.Page
	for _, u := range urls {
		pages = append(pages, moisson.Page{URL: u, Title: "Page " + u, Status: 200, FetchedAt: m.now()})
	}
	return pages, nil
}

// Import says it stored one post per character of path: enough to tell
// that the path went through.
func (m *MemBackend) Import(ctx context.Context, path string) (review.ImportResult, error) {
	return review.ImportResult{Posts: len(path), New: len(path)}, nil
}

var (
	_ review.Backend        = (*MemBackend)(nil)
	_ review.EarlyPublisher = (*MemBackend)(nil)
)
