// Package weekly makes and publishes the weekly posts. It joins the steps
// that the other packages keep apart: the links and pages of the store,
// the scraper, the digest with the author's edits, the blog directory and
// its git repository.
//
// The command line, the run loop (as its bot.Publisher) and the review
// page (as its review.Backend) all call the same functions of a Service,
// so that a week built, edited or published by one is the same as by the
// others.
package weekly

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/publish/target"
	"github.com/moisson/moisson/scrape"
)

// Rescuer finds a copy of a page that is gone (the Wayback Machine).
type Rescuer interface {
	Rescue(ctx context.Context, url string, sharedAt time.Time) moisson.Page
}

// Service makes the weekly posts of one store for one blog.
type Service struct {
	Store   *archive.Store
	Scraper *scrape.Scraper
	Digest  digest.Config
	// BlogDir is the blog checkout the posts are written into; empty when
	// only previews are made.
	BlogDir string
	// ImagesDir is the blog's folder (relative to BlogDir) the post's
	// images are written into, with the post, when Digest.ImagesURL
	// says the post shows them (MOISSON_IMAGES_DIR).
	ImagesDir string
	// Git, when set (MOISSON_GIT_PUSH=1), commits and pushes each post
	// published.
	Git *publish.Git
	// Mode says whether a week is published at its cutoff or written as a
	// draft for the author to approve (MOISSON_PUBLISH).
	Mode Mode
	// Rescuer, when set, takes the pages of past weeks that are gone from
	// the Wayback Machine.
	Rescuer Rescuer
	// MaxAttempts is how many times a page that fails for a temporary
	// reason is fetched before it is given up.
	MaxAttempts int
	Log         *slog.Logger
	Now         func() time.Time

	// What the status shows: the store's path, whether a daemon serves
	// it, the configured sources' names (as stored: they are shown
	// redacted) and the settings in effect (secrets hidden).
	StorePath string
	Daemon    bool
	Sources   []string
	Settings  []string
	// Lang is the post's language, which the review page follows.
	Lang string
	// XUsername (X_USERNAME) and MastodonProfile (the profile of
	// MOISSON_MASTODON, "https://instance/@user") make the addresses of
	// the posts that shared each link, shown on the review page.
	XUsername       string
	MastodonProfile string
	// Announcer, when set, announces each week published on Mastodon,
	// Bluesky or X (MOISSON_ANNOUNCE).
	Announcer *publish.Announcer
	// Targets are the platforms each week is also published on
	// (Micropub, WordPress, Ghost), the week's post id kept in the store.
	Targets []target.Target
	// Webmention, when set (MOISSON_WEBMENTION), sends Webmentions from
	// each published week to the pages it links to.
	Webmention *Webmention
	// Unreadable, when set, gives per source name the posts whose links
	// could not be read since the daemon started (bot.UnreadableCounter).
	Unreadable func() map[string]int64
	// XUsage, when set, gives the month's X API reads for the status.
	XUsage func(ctx context.Context) (x.Usage, error)
	// OverdueAfter is how long after its cutoff a week may stay
	// unpublished before Health calls it overdue (DefaultOverdueAfter
	// when zero).
	OverdueAfter time.Duration

	// gitMu runs one git command at a time in the blog checkout.
	gitMu sync.Mutex
	// remoteMu sends one week at a time to the targets and Webmention
	// receivers, so that two publications at once never create a post
	// twice or send a pair twice.
	remoteMu sync.Mutex
	// edited holds the weeks whose posts were edited on the source since
	// they were stored: Tick writes them again.
	mu     sync.Mutex
	edited map[string]moisson.Week
}

// Edited is told that a post was edited on its source (X allows an hour)
// after it was stored: the weeks of its old and new versions are written
// again at the next Tick, if they were written, with the author's edits.
func (s *Service) Edited(old []moisson.Post, newest moisson.Post) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.edited == nil {
		s.edited = make(map[string]moisson.Week)
	}
	for _, p := range append(old, newest) {
		w := s.Digest.WeekOf(p.CreatedAt)
		s.edited[w.ID] = w
	}
}

// takeEdited returns the weeks Edited marked, and forgets them.
func (s *Service) takeEdited() []moisson.Week {
	s.mu.Lock()
	defer s.mu.Unlock()
	weeks := make([]moisson.Week, 0, len(s.edited))
	for _, w := range s.edited {
		weeks = append(weeks, w)
	}
	s.edited = nil
	return weeks
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// needsScrape reports whether a link's stored page should be fetched
// (again).
func (s *Service) needsScrape(page moisson.Page, found, refresh bool) bool {
	switch {
	case !found || refresh:
		return true
	case page.OK(), page.Permanent:
		return false
	default:
		return page.Attempts < max(s.MaxAttempts, 1)
	}
}

// ScrapeLinks scrapes the links that have no good page yet (every one with
// refresh) and stores each result as it comes, so that an interruption
// loses nothing already fetched. A failure on one link never stops the
// others: it is recorded in the store.
func (s *Service) ScrapeLinks(ctx context.Context, links []moisson.Link, refresh bool) (ok, failed int, err error) {
	return s.scrapeLinks(ctx, links, refresh, nil)
}

// scrapeLinks is ScrapeLinks; each, when not nil, is called with every
// page had: at once for those already stored, then each fetched one once
// stored.
func (s *Service) scrapeLinks(ctx context.Context, links []moisson.Link, refresh bool, each func(moisson.Page)) (ok, failed int, err error) {
	urls := make([]string, 0, len(links))
	seen := make(map[string]bool)
	for _, l := range links {
		if !seen[l.URL] {
			seen[l.URL] = true
			urls = append(urls, l.URL)
		}
	}
	stored, err := s.Store.Pages(ctx, urls)
	if err != nil {
		return 0, 0, err
	}
	todo := urls[:0]
	for _, u := range urls {
		page, found := stored[u]
		if s.needsScrape(page, found, refresh) {
			todo = append(todo, u)
		} else if each != nil {
			each(page)
		}
	}
	if len(todo) == 0 {
		return 0, 0, nil
	}
	s.log().Info("scraping", "links", len(todo))
	// Pages are stored in batches (16 pages or 100 ms): one commit for
	// many pages, and an interruption loses at most the batch in flight.
	var mu sync.Mutex
	batch := s.Store.NewPageBatch(16, 100*time.Millisecond, func(page moisson.Page) {
		mu.Lock()
		defer mu.Unlock()
		if each != nil {
			each(page)
		}
		if page.OK() {
			ok++
			s.log().Debug("scraped", "url", moisson.RedactURL(page.URL), "title", page.Title)
			return
		}
		failed++
		s.log().Warn("scrape failed", "url", moisson.RedactURL(page.URL), "status", page.Status, "error", page.Error)
	})
	var putErrs []error
	// Pages reported after a stop signal were fetched in full: they are
	// stored all the same (the scraper reports no page cut short).
	s.Scraper.ScrapeAll(ctx, todo, func(page moisson.Page) {
		if err := batch.Put(page); err != nil {
			putErrs = append(putErrs, err)
		}
	})
	if err := batch.Close(); err != nil {
		putErrs = append(putErrs, err)
	}
	if err := errors.Join(putErrs...); err != nil {
		return ok, failed, fmt.Errorf("store pages: %w", err)
	}
	return ok, failed, ctx.Err()
}

// Links returns the links of week w that may appear in its post: replies
// to other accounts are left out unless configured.
func (s *Service) Links(ctx context.Context, w moisson.Week) ([]moisson.Link, error) {
	links, err := s.Store.Links(ctx, w.Start, w.End)
	if err != nil {
		return nil, fmt.Errorf("week %s: %w", w.ID, err)
	}
	if s.Digest.IncludeReplies {
		return links, nil
	}
	kept := links[:0]
	for _, l := range links {
		if !l.Reply {
			kept = append(kept, l)
		}
	}
	return kept, nil
}

// BuildOptions say how a week is built.
type BuildOptions struct {
	// Scrape fetches the pages the week still lacks first.
	Scrape bool
	// Refresh fetches every page again (with Scrape).
	Refresh bool
	// Rescue takes the pages that are gone from the Wayback Machine
	// (when the Service has a Rescuer).
	Rescue bool

	// before, when set, is given the links shared in an earlier week.
	before *sharedBefore
}

// Build makes the digest of week w, with the author's edits applied.
func (s *Service) Build(ctx context.Context, w moisson.Week, opts BuildOptions) (digest.Digest, error) {
	base, edits, err := s.build(ctx, w, opts)
	if err != nil {
		return digest.Digest{}, err
	}
	return digest.Apply(base, edits), nil
}

// build makes the digest of week w as digest.Build does, without the
// author's edits, and returns them with it.
func (s *Service) build(ctx context.Context, w moisson.Week, opts BuildOptions) (digest.Digest, moisson.WeekEdits, error) {
	w, err := s.ResolveWeek(ctx, w)
	if err != nil {
		return digest.Digest{}, moisson.WeekEdits{}, err
	}
	links, err := s.Links(ctx, w)
	if err != nil {
		return digest.Digest{}, moisson.WeekEdits{}, err
	}
	if opts.Scrape {
		if _, _, err := s.ScrapeLinks(ctx, links, opts.Refresh); err != nil {
			return digest.Digest{}, moisson.WeekEdits{}, fmt.Errorf("week %s: %w", w.ID, err)
		}
	}
	urls := make([]string, len(links))
	for i, l := range links {
		urls[i] = l.URL
	}
	pages, err := s.Store.Pages(ctx, urls)
	if err != nil {
		return digest.Digest{}, moisson.WeekEdits{}, fmt.Errorf("week %s: %w", w.ID, err)
	}
	if opts.Rescue && s.Rescuer != nil {
		if err := s.rescue(ctx, links, pages); err != nil {
			return digest.Digest{}, moisson.WeekEdits{}, fmt.Errorf("week %s: %w", w.ID, err)
		}
	}
	edits, err := s.Store.Edits(ctx, w.ID)
	if err != nil {
		return digest.Digest{}, moisson.WeekEdits{}, fmt.Errorf("week %s: %w", w.ID, err)
	}
	all := links
	links, before, err := s.notSharedBefore(ctx, w, links, pages, edits)
	if err != nil {
		return digest.Digest{}, moisson.WeekEdits{}, fmt.Errorf("week %s: %w", w.ID, err)
	}
	if opts.before != nil {
		*opts.before = sharedBefore{weeks: before, pages: pages}
		for _, l := range all {
			if _, ok := before[l.URL]; ok && !edits.Entries[l.URL].Again {
				opts.before.links = append(opts.before.links, l)
			}
		}
	}
	return digest.Build(w, links, pages, s.Digest), edits, nil
}

// sharedBefore are the links of a week whose page was shared in an
// earlier week, as build found them.
type sharedBefore struct {
	// weeks maps each one's URL to the earlier week; links are those left
	// out (not listed again), pages the week's pages.
	weeks map[string]string
	links []moisson.Link
	pages map[string]moisson.Page
}

// lookback is how far before a week a page shared again is looked for.
const lookback = 4 * 7 * 24 * time.Hour

// notSharedBefore drops the links of week w whose page was already shared
// in the weeks before it (up to lookback): a page appears in the first
// week it was shared only, unless the author lists it again (the entry's
// edit Again). A link added by hand is always kept. before maps the URL
// of each link shared before, left out or listed again, to the earlier
// week that shared it.
func (s *Service) notSharedBefore(ctx context.Context, w moisson.Week, links []moisson.Link, pages map[string]moisson.Page, edits moisson.WeekEdits) (kept []moisson.Link, before map[string]string, err error) {
	earlier, err := s.Links(ctx, moisson.Week{ID: w.ID, Start: w.Start.Add(-lookback), End: w.Start})
	if err != nil || len(earlier) == 0 {
		return links, nil, err
	}
	urls := make([]string, len(earlier))
	for i, l := range earlier {
		urls[i] = l.URL
	}
	earlierPages, err := s.Store.Pages(ctx, urls)
	if err != nil {
		return nil, nil, err
	}
	seen := make(map[string]time.Time, 3*len(earlier))
	for _, l := range earlier {
		for _, k := range digest.SameKeys(l, earlierPages[l.URL]) {
			if at, ok := seen[k]; k != "" && (!ok || l.PostedAt.Before(at)) {
				seen[k] = l.PostedAt
			}
		}
	}
	kept = links[:0:0]
	for _, l := range links {
		var first time.Time
		if !strings.HasPrefix(l.PostKey, moisson.HandSource+"/") {
			for _, k := range digest.SameKeys(l, pages[l.URL]) {
				if at, ok := seen[k]; k != "" && ok && (first.IsZero() || at.Before(first)) {
					first = at
				}
			}
		}
		if !first.IsZero() {
			if before == nil {
				before = make(map[string]string)
			}
			before[l.URL] = s.Digest.WeekOf(first).ID
			if !edits.Entries[l.URL].Again {
				continue
			}
		}
		kept = append(kept, l)
	}
	return kept, before, nil
}

// rescue takes the week's pages that are gone (404, 410, dead domain) from
// the Wayback Machine, as they were when they were shared, and updates
// pages with what it finds. A page it has no capture of is marked, so that
// it is not asked again.
func (s *Service) rescue(ctx context.Context, links []moisson.Link, pages map[string]moisson.Page) error {
	for _, l := range links {
		page, ok := pages[l.URL]
		// Gone (404, 410, dead domain), or behind a wall (a consent or
		// bot challenge page) for a past week: the Wayback Machine's copy.
		if !ok || !page.Rescuable() {
			continue
		}
		r := page.Rescued(s.Rescuer.Rescue(ctx, l.URL, l.PostedAt))
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case r.OK():
			s.log().Info("taken from the Wayback Machine", "url", moisson.RedactURL(l.URL), "snapshot", r.Snapshot)
		case r.Permanent:
			r = page
			r.Snapshot = moisson.NoSnapshot
		default:
			continue // the Wayback Machine busy: asked again next time
		}
		if err := s.Store.PutPage(ctx, r); err != nil {
			return err
		}
		pages[l.URL] = r
	}
	return nil
}

// ReportUnscraped logs the entries whose page could not be scraped.
func (s *Service) ReportUnscraped(d digest.Digest) {
	for _, en := range d.Unscraped {
		s.log().Warn("link could not be scraped: titled from the post", "week", d.Week.ID, "url", moisson.RedactURL(en.URL), "title", en.Title)
	}
}
