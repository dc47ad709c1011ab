package weekly

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/bluesky"
	"github.com/moisson/moisson/bot/bookmarks"
	"github.com/moisson/moisson/bot/feed"
	"github.com/moisson/moisson/bot/mastodon"
	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// The Service is the review page's Backend.
var _ review.Backend = (*Service)(nil)

// ErrBadChange is returned for a change the page or the API sent that
// cannot be applied (an unknown action, an unknown entry, a bad URL): the
// page and the API answer it with 400.
var ErrBadChange = review.ErrInvalid

// conflict marks a post edited by hand for the page and the API (409).
func conflict(err error) error {
	var c *digest.ConflictError
	if errors.As(err, &c) {
		return fmt.Errorf("%w: %w", review.ErrHandEdited, err)
	}
	return err
}

// Status is the bot's state: what `moisson status`, the page and the API
// show.
func (s *Service) Status(ctx context.Context) (review.Status, error) {
	var st review.Status
	stats, err := s.Store.Stats(ctx)
	if err != nil {
		return st, err
	}
	st.Store = s.StorePath
	st.Daemon = s.Daemon
	st.Posts, st.Links, st.Pages, st.Pending, st.Failed = stats.Posts, stats.Links, stats.Pages-stats.Failed, stats.Pending, stats.Failed
	cursors, err := s.Store.Cursors(ctx)
	if err != nil {
		return st, err
	}
	names := slices.Clone(s.Sources)
	for name := range cursors {
		if !bot.InternalCursor(name) && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		info := review.SourceInfo{Name: moisson.RedactText(name), Position: describeCursor(cursors[name]), Removed: !slices.Contains(s.Sources, name)}
		if since, ok, err := bot.RereadPending(ctx, s.Store, name); err != nil {
			return st, err
		} else if ok {
			if s.Digest.Location != nil {
				since = since.In(s.Digest.Location)
			}
			info.Position += "; read again at the next poll from " + since.Format(time.DateOnly)
		}
		if info.LastRead, err = bot.LastRead(ctx, s.Store, name); err != nil {
			return st, err
		}
		if !info.Removed {
			f, err := bot.Failures(ctx, s.Store, name)
			if err != nil {
				return st, err
			}
			if f.Count > 0 {
				info.Failures, info.LastErr = f.Count, f.LastErr
				what := "its last poll failed"
				if f.Count > 1 {
					what = fmt.Sprintf("its last %d polls failed", f.Count)
				}
				st.Warnings = append(st.Warnings, fmt.Sprintf("%s: %s: %s", info.Name, what, f.LastErr))
			}
		}
		if s.Unreadable != nil {
			if n := s.Unreadable()[name]; n > 0 {
				info.Unreadable = n
				st.Warnings = append(st.Warnings, fmt.Sprintf("%s: %d posts whose links could not be read (each logged with its id)", info.Name, n))
			}
		}
		switch {
		case name == "x" && s.XUsage != nil:
			u, err := s.XUsage(ctx)
			if err != nil {
				return st, err
			}
			info.Cost = u.String()
			if u.LimitReached() {
				// The source's cost line has the figures: the warning says
				// only what it means.
				st.Warnings = append(st.Warnings, xGuardWarning(u))
			}
		case strings.HasPrefix(name, "x"):
			info.Cost = "billed per post read (X API)"
		default:
			info.Cost = "keyless"
		}
		st.Sources = append(st.Sources, info)
	}
	failed, err := s.Store.Failed(ctx, 0)
	if err != nil {
		return st, err
	}
	sort.SliceStable(failed, func(i, j int) bool { return failed[i].FetchedAt.After(failed[j].FetchedAt) })
	for i := range failed {
		failed[i].URL = moisson.RedactURL(failed[i].URL)
		failed[i].Error = moisson.RedactText(failed[i].Error)
	}
	st.FailedLinks = failed
	pubs, err := s.Store.Publications(ctx)
	if err != nil {
		return st, err
	}
	for _, pub := range pubs {
		if pub.Conflict != "" {
			st.Warnings = append(st.Warnings, "week "+pub.Week+": "+pub.Conflict)
		}
		if pub.Draft {
			st.Warnings = append(st.Warnings, "week "+pub.Week+": draft waiting for approval")
		}
		if pub.NotPushed() {
			st.Warnings = append(st.Warnings, "week "+pub.Week+": "+notPushedReason(pub))
		}
	}
	if len(pubs) > 0 {
		last := pubs[len(pubs)-1]
		st.LastPublication = &last
	}
	next, err := s.WeekAt(ctx, s.now())
	if err != nil {
		return st, err
	}
	st.NextCutoff, st.NextWeek = next.End, next.ID
	if d, err := s.Build(ctx, next, BuildOptions{}); err == nil {
		st.LowConfidenceTitles = digest.LowConfidenceTitles(d)
	}
	if why, err := bot.PendingReason(ctx, s.Store); err != nil {
		return st, err
	} else if why != "" {
		id, reason, _ := strings.Cut(why, ": ")
		st.PendingWeeks = append(st.PendingWeeks, review.WeekSummary{State: review.StatePending, Reason: reason, Week: moisson.Week{ID: id}})
		st.Warnings = append(st.Warnings, "week "+why)
	}
	if len(s.Sources) == 0 {
		st.Warnings = append(st.Warnings, "no source configured: set X_BEARER_TOKEN and X_USERNAME, MOISSON_FEEDS, MOISSON_BLUESKY, MOISSON_MASTODON or MOISSON_ARCHIVE")
	}
	if err := s.LinkHealth(ctx, &st); err != nil {
		return st, err
	}
	if err := s.remoteWarnings(ctx, &st); err != nil {
		return st, err
	}
	h, err := s.Health(ctx)
	if err != nil {
		return st, err
	}
	st.Health = &h
	for _, r := range h.Reasons {
		// What health says and the warnings do not yet.
		if !slices.Contains(st.Warnings, r.Message) {
			st.Warnings = append(st.Warnings, r.Message)
		}
	}
	st.Settings = s.Settings
	return st, nil
}

// describeCursor turns a source's stored position into words: the X API
// and Mastodon keep the newest post's id, feeds and Bluesky small JSON
// records that people should not have to read.
func describeCursor(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "not read yet"
	}
	if !strings.HasPrefix(raw, "{") {
		return "after post " + raw
	}
	var c struct {
		ETag         string    `json:"etag"`
		LastModified string    `json:"last_modified"`
		LastSeen     time.Time `json:"last_seen"`
		Seen         []string  `json:"seen"`
		Newest       time.Time `json:"newest"`
	}
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		return "position recorded"
	}
	var parts []string
	switch {
	case !c.Newest.IsZero():
		parts = append(parts, "newest post "+c.Newest.UTC().Format("2006-01-02 15:04 UTC"))
	case !c.LastSeen.IsZero():
		parts = append(parts, "newest item "+c.LastSeen.UTC().Format("2006-01-02 15:04 UTC"))
	}
	if len(c.Seen) > 0 {
		parts = append(parts, fmt.Sprintf("%d items seen", len(c.Seen)))
	}
	if c.ETag != "" || c.LastModified != "" {
		parts = append(parts, "asked only if changed")
	}
	if m := feed.ModeOf(raw); m != "" {
		parts = append(parts, "items read as "+m)
	}
	if d := feed.Found(raw); d != "" {
		parts = append(parts, d)
	}
	if len(parts) == 0 {
		return "position recorded"
	}
	return strings.Join(parts, ", ")
}

// weekIDs lists the weeks the page shows: the current one, the last
// eight, and every week published or edited, the most recent first.
func (s *Service) weekIDs(ctx context.Context) ([]moisson.Week, error) {
	seen := map[string]moisson.Week{}
	// The current week: after a week closed early, the next one.
	w, err := s.WeekAt(ctx, s.now())
	if err != nil {
		return nil, err
	}
	for i := 0; i < 9; i++ {
		seen[w.ID] = w
		w = s.Digest.WeekOf(w.Start.Add(-time.Nanosecond))
	}
	pubs, err := s.Store.Publications(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(pubs))
	for _, p := range pubs {
		ids = append(ids, p.Week)
	}
	edited, err := s.Store.WeeksEdited(ctx)
	if err != nil {
		return nil, err
	}
	ids = append(ids, edited...)
	for _, id := range ids {
		if _, ok := seen[id]; ok {
			continue
		}
		if w, err := s.Digest.ParseWeek(id); err == nil {
			seen[w.ID] = w
		}
	}
	weeks := make([]moisson.Week, 0, len(seen))
	for _, w := range seen {
		weeks = append(weeks, w)
	}
	sort.Slice(weeks, func(i, j int) bool { return weeks[i].End.After(weeks[j].End) })
	return weeks, nil
}

// Weeks lists the weeks with links or a publication, the most recent
// first.
func (s *Service) Weeks(ctx context.Context) ([]review.WeekSummary, error) {
	weeks, err := s.weekIDs(ctx)
	if err != nil {
		return nil, err
	}
	pending, err := bot.PendingReason(ctx, s.Store)
	if err != nil {
		return nil, err
	}
	var out []review.WeekSummary
	for _, w := range weeks {
		d, err := s.Build(ctx, w, BuildOptions{})
		if err != nil {
			return nil, err
		}
		sum, err := s.summary(ctx, d, pending)
		if err != nil {
			return nil, err
		}
		if sum.Links == 0 && sum.Hidden == 0 && sum.Publication == nil && sum.State != review.StateOpen {
			continue
		}
		out = append(out, sum)
	}
	return out, nil
}

// summary says where a built week stands.
func (s *Service) summary(ctx context.Context, d digest.Digest, pending string) (review.WeekSummary, error) {
	w := d.Week
	sum := review.WeekSummary{Week: w, Links: d.Links, Hidden: len(d.Hidden), Failed: len(d.Unscraped), Edits: d.Edits.Version,
		Held: d.Edits.Held, Approved: d.Edits.Approved}
	pub, err := s.Store.Publication(ctx, w.ID)
	switch {
	case err == nil:
		sum.Publication = &pub
	case !errors.Is(err, moisson.ErrNotFound):
		return sum, err
	}
	now := s.now()
	switch {
	case sum.Publication != nil && sum.Publication.Conflict != "":
		sum.State, sum.Reason = review.StateConflict, sum.Publication.Conflict
	case sum.Publication != nil && sum.Publication.Draft:
		sum.State = review.StateDraft
		if d.Edits.Held {
			sum.Reason = "held"
		} else if s.Mode.After > 0 {
			sum.PublishAt = w.End.Add(s.Mode.After)
		}
	case sum.Publication != nil && sum.Publication.NotPushed():
		sum.State, sum.Reason = review.StateUnpushed, notPushedReason(*sum.Publication)
	case sum.Publication != nil:
		sum.State = review.StatePublished
	case w.End.After(now):
		sum.State = review.StateOpen
		if s.Mode.After > 0 {
			sum.PublishAt = w.End.Add(s.Mode.After)
		}
	case strings.HasPrefix(pending, w.ID+": "):
		sum.State, sum.Reason = review.StatePending, strings.TrimPrefix(pending, w.ID+": ")
	case d.Links == 0:
		sum.State = review.StateEmpty
	default:
		sum.State, sum.Reason = review.StatePending, "not written yet"
	}
	return sum, nil
}

// Week is one week as the page shows it.
func (s *Service) Week(ctx context.Context, id string) (review.WeekView, error) {
	w, err := s.week(id)
	if err != nil {
		return review.WeekView{}, err
	}
	var before sharedBefore
	d, err := s.Build(ctx, w, BuildOptions{before: &before})
	if err != nil {
		return review.WeekView{}, err
	}
	return s.view(ctx, d, &before)
}

func (s *Service) week(id string) (moisson.Week, error) {
	w, err := s.Digest.ParseWeek(id)
	if err != nil {
		return w, fmt.Errorf("week %q: %w: %w", id, moisson.ErrNotFound, err)
	}
	return w, nil
}

// view is the week d as the page shows it; before, when not nil, are
// its links shared in an earlier week.
func (s *Service) view(ctx context.Context, d digest.Digest, before *sharedBefore) (review.WeekView, error) {
	pending, err := bot.PendingReason(ctx, s.Store)
	if err != nil {
		return review.WeekView{}, err
	}
	sum, err := s.summary(ctx, d, pending)
	if err != nil {
		return review.WeekView{}, err
	}
	var urls []string
	for _, sec := range d.Sections {
		for _, e := range sec.Entries {
			urls = append(urls, e.Key)
		}
	}
	for _, e := range d.Hidden {
		urls = append(urls, e.Key)
	}
	pages, err := s.Store.Pages(ctx, urls)
	if err != nil {
		return review.WeekView{}, err
	}
	mentions, err := s.Mentions(ctx, d.Week.ID)
	if err != nil {
		return review.WeekView{}, err
	}
	mentionOf := make(map[string]*moisson.Mention, len(mentions))
	for i := range mentions {
		mentionOf[mentions[i].Target] = &mentions[i]
	}
	ev := func(e digest.Entry) review.EntryView {
		src, id, _ := strings.Cut(e.Link.PostKey, "/")
		v := review.EntryView{
			Entry:   e,
			Page:    pages[e.Key],
			Post:    moisson.Post{ID: id, Source: src, CreatedAt: e.Link.PostedAt, Text: e.Link.PostText, Hashtags: e.Link.Hashtags},
			Edit:    d.Edits.Entries[e.Key],
			PostURL: s.postURLOf(e.Link),
		}
		if before != nil {
			v.SharedIn = before.weeks[e.Key]
		}
		v.Mention = mentionOf[e.URL]
		return v
	}
	v := review.WeekView{Summary: sum, Digest: d, Lang: s.Lang, Intro: d.Edits.Intro, IntroEdited: d.Edits.Intro != ""}
	if !v.IntroEdited {
		if data, err := s.Digest.Data(d, d.Week.End); err == nil {
			v.Intro = data.Intro
		}
	}
	if before != nil {
		if v.SharedBefore, err = s.sharedBeforeView(ctx, d.Week, before); err != nil {
			return v, err
		}
	}
	cats := map[string]bool{}
	for _, sec := range d.Sections {
		sv := review.SectionView{Name: sec.Name}
		for _, e := range sec.Entries {
			sv.Entries = append(sv.Entries, ev(e))
		}
		v.Sections = append(v.Sections, sv)
		if !cats[strings.ToLower(sec.Name)] {
			cats[strings.ToLower(sec.Name)] = true
			v.Categories = append(v.Categories, sec.Name)
		}
	}
	for _, e := range d.Hidden {
		v.Hidden = append(v.Hidden, ev(e))
	}
	for _, sec := range d.Sections {
		v.AllSections = append(v.AllSections, sec.Name)
	}
	for _, name := range d.Edits.Sections {
		if !slices.ContainsFunc(v.AllSections, func(n string) bool { return strings.EqualFold(n, name) }) {
			v.AllSections = append(v.AllSections, name)
		}
	}
	for _, name := range append(slices.Clone(d.Edits.Sections), s.Digest.SectionNames()...) {
		if !cats[strings.ToLower(name)] {
			cats[strings.ToLower(name)] = true
			v.Categories = append(v.Categories, name)
		}
	}
	v.Markdown = string(digest.Render(d, s.Digest))
	if v.Log, err = s.Store.EditLog(ctx, d.Week.ID, 50); err != nil {
		return v, err
	}
	return v, nil
}

// Edit applies one change to week id and records it in the week's log.
func (s *Service) Edit(ctx context.Context, id string, c review.Change) error {
	w, err := s.week(id)
	if err != nil {
		return err
	}
	ev := moisson.EditEvent{At: s.now(), Week: w.ID, Entry: c.Entry, Action: c.Action, Detail: shorten(c.Value), By: c.By}
	switch c.Action {
	case "save":
		return s.saveEntry(ctx, w, c, ev)
	case "add":
		return s.addLink(ctx, w, c, ev)
	case "up", "down":
		return s.move(ctx, w, c, ev)
	case "sections":
		return s.sections(ctx, w, c, ev)
	}
	if c.Action != "hold" && c.Action != "release" && c.Action != "intro" && c.Entry == "" {
		return fmt.Errorf("%w: %q needs an entry", ErrBadChange, c.Action)
	}
	value := strings.TrimSpace(c.Value)
	if c.Action == "intro" && value != "" {
		// The editor shows the introduction moisson writes: saved as it
		// is, it stays moisson's (its dates and sources follow the week).
		if def, err := s.defaultIntro(ctx, w); err != nil {
			return err
		} else if oneLine(def) == oneLine(value) {
			value = ""
		}
	}
	_, err = s.Store.UpdateEdits(ctx, w.ID, ev, func(e *moisson.WeekEdits) error {
		if e.Entries == nil {
			e.Entries = map[string]moisson.EntryEdit{}
		}
		ee := e.Entries[c.Entry]
		switch c.Action {
		case "hide":
			ee.Hidden = true
		case "show":
			ee.Hidden = false
		case "title":
			ee.Title = oneLine(value)
		case "lead":
			ee.Lead = value
		case "category":
			ee.Category = oneLine(value)
		case "comment":
			ee.Comment = value
		case "again":
			ee.Again = true
		case "once":
			ee.Again = false
		case "hold":
			e.Held = true
			return nil
		case "release":
			e.Held = false
			return nil
		case "intro":
			e.Intro = value
			return nil
		default:
			return fmt.Errorf("%w: unknown action %q", ErrBadChange, c.Action)
		}
		if ee.IsZero() {
			delete(e.Entries, c.Entry)
		} else {
			e.Entries[c.Entry] = ee
		}
		return nil
	})
	if err == nil {
		s.log().Info("week changed", "week", w.ID, "action", c.Action, "entry", moisson.RedactURL(c.Entry), "by", c.By)
	}
	return err
}

// move moves an entry up or down within its section, and stores the
// resulting order of the whole week.
func (s *Service) move(ctx context.Context, w moisson.Week, c review.Change, ev moisson.EditEvent) error {
	d, err := s.Build(ctx, w, BuildOptions{})
	if err != nil {
		return err
	}
	delta := -1
	if c.Action == "down" {
		delta = 1
	}
	order, ok := digest.Move(d, c.Entry, delta)
	if !ok {
		if !slices.ContainsFunc(d.Sections, func(sec digest.Section) bool {
			return slices.ContainsFunc(sec.Entries, func(e digest.Entry) bool { return e.Key == c.Entry })
		}) {
			return fmt.Errorf("%w: no entry %q in week %s", ErrBadChange, c.Entry, w.ID)
		}
		return nil // already first (or last): nothing to move
	}
	_, err = s.Store.UpdateEdits(ctx, w.ID, ev, func(e *moisson.WeekEdits) error {
		e.Order = order
		return nil
	})
	return err
}

// addLink stores a link the author added by hand, dated inside the week,
// and scrapes it.
func (s *Service) addLink(ctx context.Context, w moisson.Week, c review.Change, ev moisson.EditEvent) error {
	w, err := s.ResolveWeek(ctx, w)
	if err != nil {
		return err
	}
	raw := strings.TrimSpace(c.Value)
	if !moisson.IsShareable(raw) {
		return fmt.Errorf("%w: %q is not an http(s) link", ErrBadChange, raw)
	}
	at := s.now()
	if !at.Before(w.End) {
		at = w.End.Add(-time.Second)
	}
	if at.Before(w.Start) {
		at = w.Start
	}
	ev.Entry = raw
	h := archive.HandLink{Week: w, URL: raw, At: at, Event: ev, Edit: moisson.EntryEdit{
		Title: oneLine(c.Title), Lead: strings.TrimSpace(c.Lead), Category: oneLine(c.Category), Comment: strings.TrimSpace(c.Comment)}}
	other, key, err := s.elsewhere(ctx, w, raw)
	if err != nil {
		return err
	}
	if other.ID != "" {
		h.OtherWeek, h.OtherEntry = other.ID, key
		h.OtherEvent = moisson.EditEvent{At: ev.At, Entry: key, By: c.By}
		switch c.Elsewhere {
		case "move":
			// Moved here: hidden in the other week.
			h.OtherEvent.Action, h.OtherEvent.Detail = "hide", "moved to week "+w.ID
			h.OtherEdit = func(e *moisson.EntryEdit) { e.Hidden = true }
		case "both":
			// Kept in both: a later week lists it again (it would leave
			// out a page shared in this one).
			h.OtherEvent.Action, h.OtherEvent.Detail = "again", "kept in week "+w.ID+" too"
			h.OtherEdit = func(e *moisson.EntryEdit) { e.Again = true }
			if other.Start.Before(w.Start) {
				h.OtherWeek = ""
			}
		default:
			return &review.ElsewhereError{URL: raw, Week: other.ID}
		}
	}
	if err := s.Store.AddHandLinkWith(ctx, h); err != nil {
		return err
	}
	s.log().Info("link added", "week", w.ID, "url", moisson.RedactURL(raw), "elsewhere", other.ID, "choice", c.Elsewhere, "by", c.By)
	if s.Scraper != nil {
		if _, _, err := s.ScrapeLinks(ctx, []moisson.Link{{URL: raw}}, false); err != nil {
			s.log().Warn("scrape of added link", "url", moisson.RedactURL(raw), "error", err)
		}
	}
	return nil
}

// Undo takes back the last change to week id.
func (s *Service) Undo(ctx context.Context, id, by string) error {
	w, err := s.week(id)
	if err != nil {
		return err
	}
	_, err = s.Store.UndoEdits(ctx, w.ID, moisson.EditEvent{At: s.now(), Week: w.ID, Action: "undo", By: by})
	return err
}

// Regenerate scrapes the week again (every page with refresh; gone pages
// of a past week from the Wayback Machine) and writes its file: a week
// already written keeps its state (draft or published), a week whose
// cutoff has passed is written as the mode says (a draft until approved,
// or published), the current week is only previewed. It never writes
// over a file edited by hand unless force: it returns the
// *digest.ConflictError and keeps the author's file.
func (s *Service) Regenerate(ctx context.Context, id string, refresh, force bool, by string) (review.WeekView, error) {
	w, err := s.week(id)
	if err != nil {
		return review.WeekView{}, err
	}
	d, _, err := s.WriteWeek(ctx, w, RegenerateOptions{Refresh: refresh, Force: force, Rescue: true, By: by})
	if err != nil {
		return review.WeekView{}, conflict(err)
	}
	return s.view(ctx, d, nil)
}

// RegenerateOptions say how a week is regenerated.
type RegenerateOptions struct {
	Refresh, Force, Rescue bool
	By                     string
}

// WriteWeek builds week w (scraping what it lacks) and writes its file
// when its cutoff has passed or it was written before: see Regenerate.
// The publication is zero when nothing was written (an open week, or no
// links).
func (s *Service) WriteWeek(ctx context.Context, w moisson.Week, opts RegenerateOptions) (digest.Digest, moisson.Publication, error) {
	w, err := s.ResolveWeek(ctx, w)
	if err != nil {
		return digest.Digest{}, moisson.Publication{}, err
	}
	past := !w.End.After(s.now())
	d, err := s.Build(ctx, w, BuildOptions{Scrape: true, Refresh: opts.Refresh, Rescue: opts.Rescue && past})
	if err != nil {
		return d, moisson.Publication{}, err
	}
	s.ReportUnscraped(d)
	prev, err := s.Store.Publication(ctx, w.ID)
	written := err == nil
	if err != nil && !errors.Is(err, moisson.ErrNotFound) {
		return d, moisson.Publication{}, err
	}
	if opts.By != "" {
		s.log().Info("week regenerated", "week", w.ID, "refresh", opts.Refresh, "force", opts.Force, "by", opts.By)
	}
	if s.BlogDir == "" || d.Links == 0 || (!past && !written) {
		return d, moisson.Publication{}, nil
	}
	draft := s.Mode.drafts() && !d.Edits.Approved
	if written {
		draft = prev.Draft && !d.Edits.Approved
	}
	pub, _, err := s.Write(ctx, d, WriteOptions{Draft: draft, Force: opts.Force})
	if err != nil {
		return d, pub, err
	}
	if err := s.commit(ctx, pub, d); err != nil {
		return d, pub, err
	}
	return d, pub, nil
}

// Publish approves week id and publishes it now.
func (s *Service) Publish(ctx context.Context, id, by string) (moisson.Publication, error) {
	w, err := s.week(id)
	if err != nil {
		return moisson.Publication{}, err
	}
	pub, err := s.PublishNow(ctx, w, by, false)
	return pub, openConflict(conflict(err))
}

// Scrape scrapes URLs and returns their pages in the order given; stored
// unless noStore.
func (s *Service) Scrape(ctx context.Context, urls []string, refresh, noStore bool) ([]moisson.Page, error) {
	got := make(map[string]moisson.Page, len(urls))
	if err := s.ScrapeEach(ctx, urls, refresh, noStore, func(p moisson.Page) { got[p.URL] = p }); err != nil {
		return nil, err
	}
	out := make([]moisson.Page, len(urls))
	for i, u := range urls {
		p, ok := got[u]
		if !ok {
			p = moisson.Page{URL: u, Error: "not scraped (interrupted)"}
		}
		out[i] = p
	}
	return out, nil
}

// ScrapeEach scrapes urls and calls fn with each page as soon as it is
// had, from one goroutine at a time: first those already stored (unless
// refresh), then each fetched one, in the order they complete, once
// stored. With noStore nothing is read from or written to the store.
func (s *Service) ScrapeEach(ctx context.Context, urls []string, refresh, noStore bool, fn func(moisson.Page)) error {
	if noStore {
		s.Scraper.ScrapeAll(ctx, urls, fn)
		return nil
	}
	links := make([]moisson.Link, len(urls))
	for i, u := range urls {
		links[i] = moisson.Link{URL: u}
	}
	_, _, err := s.scrapeLinks(ctx, links, refresh, fn)
	if err != nil && ctx.Err() != nil {
		return nil // interrupted: what was had was given
	}
	return err
}

// Import stores the posts of an archive export.
func (s *Service) Import(ctx context.Context, path string) (review.ImportResult, error) {
	return Import(ctx, s.Store, path)
}

// Import stores the posts of an archive export at path into st:
//   - a bookmark export (see bookmarks.Read for the formats);
//   - a Bluesky repository export (a .car file, from "Export my data");
//   - a Mastodon archive (.tar.gz or .zip holding outbox.json, its folder,
//     or outbox.json itself);
//   - an X archive (the .zip, its folder or its tweets.js).
//
// Each is read in one pass, its posts sorted a few thousand at a time and
// spilled to a temporary file, then merged and saved in chunks in the
// store's order: memory is bounded by a chunk of posts, not by the
// archive (a Bluesky export also keeps a small index of its blocks). The
// whole archive is checked before anything is written (a bad file leaves
// the store as it was).
func Import(ctx context.Context, st *archive.Store, path string) (review.ImportResult, error) {
	var res x.ImportResult
	var err error
	isBookmarks := false
	if fi, serr := os.Stat(path); serr == nil && !fi.IsDir() {
		_, derr := bookmarks.Detect(path)
		isBookmarks = derr == nil
	}
	switch kind := archiveKind(path); {
	case isBookmarks:
		_, res, err = bookmarks.Import(ctx, path, st)
	case kind == "bluesky":
		res, err = bluesky.ImportCAR(ctx, path, st)
	case kind == "mastodon":
		res, err = mastodon.ImportArchive(ctx, path, st)
	default:
		res, err = x.ImportArchive(ctx, path, st)
	}
	if err != nil {
		return review.ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	return review.ImportResult{Posts: res.Read, New: res.Added, First: res.First, Last: res.Last}, nil
}

// archiveKind tells an archive export's service from its name and, for a
// folder or a zip, from what it holds.
func archiveKind(path string) string {
	lower := strings.ToLower(path)
	switch {
	case strings.HasSuffix(lower, ".car"):
		return "bluesky"
	case strings.HasSuffix(lower, "outbox.json"), strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		return "mastodon"
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "outbox.json")); err == nil {
			return "mastodon"
		}
		return "x"
	}
	if strings.HasSuffix(lower, ".zip") {
		if zr, err := zip.OpenReader(path); err == nil {
			defer zr.Close()
			for _, f := range zr.File {
				if f.Name == "outbox.json" || strings.HasSuffix(f.Name, "/outbox.json") {
					return "mastodon"
				}
			}
		}
	}
	return "x"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func shorten(s string) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) > 80 {
		s = string([]rune(s)[:79]) + "…"
	}
	return s
}

// sharedBeforeView lists the links of week w left out because their page
// was shared in an earlier week, titled as their page is.
func (s *Service) sharedBeforeView(ctx context.Context, w moisson.Week, before *sharedBefore) ([]review.SharedBefore, error) {
	if len(before.links) == 0 {
		return nil, nil
	}
	d := digest.Build(w, before.links, before.pages, s.Digest)
	published := map[string]bool{}
	var out []review.SharedBefore
	for _, sec := range d.Sections {
		for _, e := range sec.Entries {
			week := before.weeks[e.Key]
			if _, ok := published[week]; !ok {
				pub, err := s.Store.Publication(ctx, week)
				if err != nil && !errors.Is(err, moisson.ErrNotFound) {
					return nil, err
				}
				published[week] = err == nil && !pub.Draft
			}
			out = append(out, review.SharedBefore{Key: e.Key, URL: e.URL, Title: e.Title, Week: week, Published: published[week]})
		}
	}
	return out, nil
}

// defaultIntro is the introduction moisson writes for week w when the
// author wrote none.
func (s *Service) defaultIntro(ctx context.Context, w moisson.Week) (string, error) {
	d, err := s.Build(ctx, w, BuildOptions{})
	if err != nil {
		return "", err
	}
	d.Edits.Intro = ""
	data, err := s.Digest.Data(d, d.Week.End)
	if err != nil {
		return "", fmt.Errorf("week %s: %w", w.ID, err)
	}
	return data.Intro, nil
}

// elsewhere finds the week other than w (within eight weeks of it) where
// the page at raw was shared, and the key of its entry there; a zero
// week when there is none.
func (s *Service) elsewhere(ctx context.Context, w moisson.Week, raw string) (moisson.Week, string, error) {
	const around = 8 * 7 * 24 * time.Hour
	links, err := s.Store.Links(ctx, w.Start.Add(-around), w.End.Add(around))
	if err != nil {
		return moisson.Week{}, "", err
	}
	urls := []string{raw}
	for _, l := range links {
		urls = append(urls, l.URL)
	}
	pages, err := s.Store.Pages(ctx, urls)
	if err != nil {
		return moisson.Week{}, "", err
	}
	want := map[string]bool{}
	for _, k := range digest.SameKeys(moisson.Link{URL: raw}, pages[raw]) {
		if k != "" {
			want[k] = true
		}
	}
	for _, l := range links {
		if !l.PostedAt.Before(w.Start) && l.PostedAt.Before(w.End) {
			continue
		}
		if l.Reply && !s.Digest.IncludeReplies {
			continue
		}
		for _, k := range digest.SameKeys(l, pages[l.URL]) {
			if k != "" && want[k] {
				return s.Digest.WeekOf(l.PostedAt), l.URL, nil
			}
		}
	}
	return moisson.Week{}, "", nil
}

// sections applies the sections editor: the order of the sections, those
// renamed and those created (see review.Change.Sections).
func (s *Service) sections(ctx context.Context, w moisson.Week, c review.Change, ev moisson.EditEvent) error {
	sections := review.ParseSections(c.Value)
	var names []string
	for _, se := range sections {
		if n := oneLine(se.To); n != "" {
			names = append(names, n)
		} else if f := oneLine(se.From); f != "" {
			names = append(names, f)
		}
	}
	ev.Detail = shorten(strings.Join(names, ", "))
	_, err := s.Store.UpdateEdits(ctx, w.ID, ev, func(e *moisson.WeekEdits) error {
		orig := maps.Clone(e.Renames)
		for _, se := range sections {
			from, to := oneLine(se.From), oneLine(se.To)
			if from == "" || to == "" || from == to {
				continue
			}
			if e.Renames == nil {
				e.Renames = map[string]string{}
			}
			// The names the section is built with, renamed before, and the
			// name shown now: all take the new one.
			for old, v := range orig {
				if strings.EqualFold(v, from) {
					e.Renames[old] = to
				}
			}
			e.Renames[strings.ToLower(from)] = to
		}
		e.Sections = names
		return nil
	})
	if err == nil {
		s.log().Info("sections changed", "week", w.ID, "sections", ev.Detail, "by", c.By)
	}
	return err
}
