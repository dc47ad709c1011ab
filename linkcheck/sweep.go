package linkcheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/moisson/moisson"
)

// Store is what the sweep needs of the store (archive.Store).
type Store interface {
	Publications(ctx context.Context) ([]moisson.Publication, error)
	Links(ctx context.Context, from, to time.Time) ([]moisson.Link, error)
	Pages(ctx context.Context, urls []string) (map[string]moisson.Page, error)
	PutPages(ctx context.Context, pages []moisson.Page) error
	Cursor(ctx context.Context, source string) (string, error)
	SetCursor(ctx context.Context, source, value string) error
}

// Archive finds the archived copy of a page as it was when shared: the
// capture nearest before the share date (scrape.Wayback.Nearest).
type Archive interface {
	// Nearest returns the capture's URL, or "" when there is none.
	Nearest(ctx context.Context, rawURL string, sharedAt time.Time) (string, error)
}

// Report is what a sweep found; it is stored (ReportKey) for status and
// the review page.
type Report struct {
	At    time.Time `json:"at"`
	Since time.Time `json:"since,omitzero"`
	// Checked links; Gone of them, Rescued (pointed to an archived copy),
	// NotArchived (gone, with no copy anywhere), Unknown (bot walls,
	// errors: asked again next sweep), Restored (back alive).
	Checked     int `json:"checked"`
	Gone        int `json:"gone"`
	Rescued     int `json:"rescued"`
	NotArchived int `json:"not_archived"`
	Unknown     int `json:"unknown"`
	Restored    int `json:"restored"`
	// Weeks whose post changed, by ID.
	Weeks []string `json:"weeks,omitempty"`
	// Requests made to the sites checked (Wayback requests not counted).
	Requests int `json:"requests"`
}

// String is the report in one line.
func (r Report) String() string {
	return fmt.Sprintf("%d links checked: %d gone (%d rescued, %d not archived), %d unknown, %d restored, %d weeks rewritten",
		r.Checked, r.Gone, r.Rescued, r.NotArchived, r.Unknown, r.Restored, len(r.Weeks))
}

// ReportKey is the store's cursor holding the last sweep's Report (JSON):
// an internal record ("run:" prefix), hidden from the sources.
const ReportKey = "run:linkcheck"

// LastReport returns the last sweep's report; ok is false when none ran.
func LastReport(ctx context.Context, st interface {
	Cursor(ctx context.Context, source string) (string, error)
}) (r Report, ok bool, err error) {
	raw, err := st.Cursor(ctx, ReportKey)
	if err != nil || raw == "" {
		return Report{}, false, err
	}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return Report{}, false, fmt.Errorf("linkcheck: last report: %w", err)
	}
	return r, true, nil
}

// Sweeper checks every link of the published weeks and rewrites the weeks
// whose links died or came back.
type Sweeper struct {
	Store   Store
	Checker *Checker
	Archive Archive
	WeekOf  func(time.Time) moisson.Week
	// Write writes the weeks again from the store, keeping the author's
	// edits and never overwriting a hand-edited file, and with
	// MOISSON_GIT_PUSH commits and pushes the files that changed in one
	// commit with message (weekly.Service.Rewrite). It returns the IDs of
	// the weeks whose file changed.
	Write func(ctx context.Context, weeks []moisson.Week, message string) (written []string, err error)
	Log   *slog.Logger
	Now   func() time.Time
}

// Run checks the links of the weeks published since since (every week
// when zero), stores what changed, rewrites each week concerned once, and
// stores and returns the report.
func (s *Sweeper) Run(ctx context.Context, since time.Time) (Report, error) {
	log := s.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	rep := Report{Since: since}
	pubs, err := s.Store.Publications(ctx)
	if err != nil {
		return rep, fmt.Errorf("linkcheck: %w", err)
	}
	// The links of each published week, and the weeks of each link.
	weeksOf := make(map[string][]moisson.Week)
	sharedAt := make(map[string]time.Time)
	var urls []string
	for _, pub := range pubs {
		if pub.Draft {
			continue
		}
		var w moisson.Week
		found := false
		links, err := s.linksOfWeek(ctx, pub.Week, &w, &found)
		if err != nil {
			return rep, err
		}
		if !found || (!since.IsZero() && w.End.Before(since)) {
			continue
		}
		for _, l := range links {
			if _, ok := sharedAt[l.URL]; !ok {
				sharedAt[l.URL] = l.PostedAt
				urls = append(urls, l.URL)
			}
			weeksOf[l.URL] = append(weeksOf[l.URL], w)
		}
	}
	pages, err := s.Store.Pages(ctx, urls)
	if err != nil {
		return rep, fmt.Errorf("linkcheck: %w", err)
	}
	// Every published link is checked: one never scraped, or whose page
	// failed, has no title to compare, and is judged by its answer alone.
	targets := make([]Target, 0, len(urls))
	for _, u := range urls {
		p := pages[u]
		title := p.Title
		if !p.OK() {
			title = ""
		}
		targets = append(targets, Target{URL: u, Title: title, Kind: p.Kind})
	}

	var changed []moisson.Page
	s.Checker.CheckAll(ctx, targets, func(r Result) {
		rep.Checked++
		rep.Requests += r.Requests
		p, scraped := pages[r.URL]
		if !scraped {
			// Never scraped: a page is stored only should it be gone.
			p = moisson.Page{URL: r.URL, FinalURL: r.Final, Status: r.Status, Permanent: true,
				Error: moisson.RedactText("linkcheck: gone: " + r.Reason), FetchedAt: now()}
		}
		switch r.Verdict {
		case Unknown:
			rep.Unknown++
			log.Debug("link check: unknown", "url", moisson.RedactURL(r.URL), "reason", r.Reason)
		case Alive:
			if p.Snapshot != "" && p.Snapshot != moisson.NoSnapshot && p.OK() {
				p.Snapshot = ""
				changed = append(changed, p)
				rep.Restored++
				log.Info("link back alive: restored", "url", moisson.RedactURL(r.URL))
			}
		case Gone:
			rep.Gone++
			if p.Snapshot != "" && p.Snapshot != moisson.NoSnapshot {
				rep.Rescued++ // already pointing to its copy
				return
			}
			copyURL := p.ArchiveURL
			if copyURL == "" && s.Archive != nil {
				c, err := s.Archive.Nearest(ctx, r.URL, sharedAt[r.URL])
				if err != nil {
					// The Wayback Machine busy: asked again next sweep.
					log.Warn("link gone, archive not reachable", "url", moisson.RedactURL(r.URL), "error", err)
					rep.NotArchived++
					return
				}
				copyURL = c
			}
			if copyURL == "" {
				rep.NotArchived++
				log.Warn("link gone, not archived", "url", moisson.RedactURL(r.URL), "reason", r.Reason)
				return
			}
			p.Snapshot = copyURL
			changed = append(changed, p)
			rep.Rescued++
			log.Info("link gone: pointed to its archived copy", "url", moisson.RedactURL(r.URL), "reason", r.Reason, "archive", copyURL)
		}
	})
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if len(changed) > 0 {
		if err := s.Store.PutPages(ctx, changed); err != nil {
			return rep, fmt.Errorf("linkcheck: %w", err)
		}
	}
	// Each week concerned is written once.
	weeks := make(map[string]moisson.Week)
	for _, p := range changed {
		for _, w := range weeksOf[p.URL] {
			weeks[w.ID] = w
		}
	}
	ids := make([]string, 0, len(weeks))
	for id := range weeks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var errs []error
	if len(ids) > 0 {
		list := make([]moisson.Week, len(ids))
		for i, id := range ids {
			list[i] = weeks[id]
		}
		msg := fmt.Sprintf("moisson: link check: %d gone links pointed to their archived copy, %d restored (%d weeks)", rep.Rescued, rep.Restored, len(ids))
		written, err := s.Write(ctx, list, msg)
		if err != nil {
			// A hand-edited post is kept as it is (and said so); the
			// others are written all the same.
			errs = append(errs, fmt.Errorf("linkcheck: %w", err))
		}
		rep.Weeks = written
	}
	rep.At = now()
	raw, err := json.Marshal(rep)
	if err == nil {
		err = s.Store.SetCursor(context.WithoutCancel(ctx), ReportKey, string(raw))
	}
	if err != nil {
		errs = append(errs, fmt.Errorf("linkcheck: store report: %w", err))
	}
	return rep, errors.Join(errs...)
}

// linksOfWeek returns the links of the published week id.
func (s *Sweeper) linksOfWeek(ctx context.Context, id string, w *moisson.Week, found *bool) ([]moisson.Link, error) {
	y, wk := 0, 0
	if _, err := fmt.Sscanf(id, "%d-W%d", &y, &wk); err != nil {
		return nil, nil
	}
	// A day in the middle of the ISO week, then the week holding it.
	t := time.Date(y, 1, 4, 12, 0, 0, 0, time.UTC)
	t = t.AddDate(0, 0, -int((t.Weekday()+6)%7)+7*(wk-1)+3)
	*w = s.WeekOf(t)
	if w.ID != id {
		// The cutoff day may fall in the next ISO week: try its neighbours.
		for _, d := range []int{-7, 7} {
			if c := s.WeekOf(t.AddDate(0, 0, d)); c.ID == id {
				*w = c
				break
			}
		}
	}
	if w.ID != id {
		return nil, nil
	}
	*found = true
	links, err := s.Store.Links(ctx, w.Start, w.End)
	if err != nil {
		return nil, fmt.Errorf("linkcheck: week %s: %w", id, err)
	}
	return links, nil
}
