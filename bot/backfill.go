package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/moisson/moisson"
)

// Rescuer finds a copy of a page that is gone (404, 410, dead domain) as
// it was near a date: the Wayback Machine.
type Rescuer interface {
	// Rescue returns the page taken from the snapshot nearest to at, with
	// URL and CanonicalURL set to the live URL and Snapshot to the copy.
	// A page with an Error is returned when there is no usable snapshot;
	// it is Permanent unless asking again later may give one (the Wayback
	// Machine busy or unreachable).
	Rescue(ctx context.Context, rawURL string, at time.Time) moisson.Page
}

// PublishedStore is what a backfill needs of the store besides what the
// loop needs.
type PublishedStore interface {
	Store
	PutPages(ctx context.Context, pages []moisson.Page) error
	Links(ctx context.Context, from, to time.Time) ([]moisson.Link, error)
	Pages(ctx context.Context, urls []string) (map[string]moisson.Page, error)
	Publication(ctx context.Context, week string) (moisson.Publication, error)
}

// Progress is told how far a backfill is: "weeks" done of the range's
// total, and within the quarter under way, done of total steps of a stage
// ("posts": sources read, "pages": links scraped, "rescue": pages asked of
// the Wayback Machine again, "publish": weeks written). Beside them,
// "wayback" counts the dead pages of the whole backfill asked of the
// Wayback Machine (done) of those found so far (total): total-done is the
// Wayback queue, whose duration the Rescuer may estimate. It is called
// from one goroutine at a time.
type Progress func(stage string, done, total int)

// WaybackStage is the Progress stage of the dead pages asked of the
// Wayback Machine.
const WaybackStage = "wayback"

// Backfill gathers every post of a past range from the sources that can
// give it, scrapes all their links (dead pages from the Wayback Machine)
// and writes one post per week that has links. Every step is stored as it
// is done, so a backfill can be stopped at any point and started again: it
// goes on where it was and redoes nothing.
type Backfill struct {
	Sources   []RangeSource
	Store     PublishedStore
	Scraper   Scraper
	Rescuer   Rescuer // optional
	Publisher Publisher
	WeekOf    func(time.Time) moisson.Week
	// MaxAttempts as in Runner (default 5).
	MaxAttempts int
	Log         *slog.Logger
	Progress    Progress // optional
	// Now tells which weeks are over (default time.Now): a week whose
	// cutoff is still ahead is left to the run loop.
	Now func() time.Time

	mu               sync.Mutex
	progress         Progress // Progress, one call at a time
	deadFound, asked int      // the WaybackStage's counts
	failures         []error  // the sources that failed, for Run's error
	// read counts the posts each source asked gave in this Run.
	read map[string]int
}

// ErrNothingToBackfill says that no week of a backfill's range is over:
// the run loop writes the week under way.
var ErrNothingToBackfill = errors.New("no week of the range is over yet (the week under way is written by moisson run)")

// Silent returns the sources asked in the last Run that gave no post for
// the whole range: either nothing was posted then, or the source cannot
// reach so far back (the Mastodon API beyond its limits).
func (b *Backfill) Silent() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var names []string
	for _, src := range b.Sources {
		if n, asked := b.read[src.Name()]; asked && n == 0 {
			names = append(names, src.Name())
		}
	}
	return names
}

// countRead adds n posts read from source.
func (b *Backfill) countRead(source string, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.read[source] += n
}

// waybackProgress counts found more dead pages and asked more of them
// asked of the Wayback Machine, and reports the WaybackStage.
func (b *Backfill) waybackProgress(found, asked int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.deadFound += found
	b.asked += asked
	b.progress(WaybackStage, b.asked, b.deadFound)
}

// Run backfills the weeks from the one holding from to the one holding
// to (exclusive of weeks whose cutoff is after to's week).
func (b *Backfill) Run(ctx context.Context, from, to time.Time) error {
	if b.Log == nil {
		b.Log = slog.New(slog.DiscardHandler)
	}
	if b.MaxAttempts <= 0 {
		b.MaxAttempts = 5
	}
	report := b.Progress
	if report == nil {
		report = func(string, int, int) {}
	}
	b.mu.Lock()
	b.deadFound, b.asked, b.failures, b.read = 0, 0, nil, map[string]int{}
	b.mu.Unlock()
	// The rescue reports from its own goroutine beside the scraping.
	var progressMu sync.Mutex
	b.progress = func(stage string, done, total int) {
		progressMu.Lock()
		defer progressMu.Unlock()
		report(stage, done, total)
	}
	if b.Now == nil {
		b.Now = time.Now
	}
	if !to.After(from) {
		return fmt.Errorf("bot: backfill: --to %s is not after --from %s", to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	first := b.WeekOf(from)
	last := b.WeekOf(to.Add(-time.Nanosecond))

	// The range is done a quarter at a time: posts read, pages scraped
	// and weeks published, before the next quarter. Memory holds one
	// quarter whatever the range, and posts appear as they are ready.
	// Only the weeks that are over are counted and written.
	var windows [][]moisson.Week
	now := b.Now()
	for w := first; !w.Start.After(last.Start) && !w.End.After(now); w = b.WeekOf(w.End) {
		if n := len(windows); n > 0 && b.quarter(windows[n-1][0]) == b.quarter(w) {
			windows[n-1] = append(windows[n-1], w)
		} else {
			windows = append(windows, []moisson.Week{w})
		}
	}
	if len(windows) == 0 {
		return fmt.Errorf("bot: backfill: %w", ErrNothingToBackfill)
	}
	total, done := 0, 0
	for _, weeks := range windows {
		total += len(weeks)
	}
	b.progress("weeks", 0, total)
	for _, weeks := range windows {
		if err := b.window(ctx, weeks); err != nil {
			return err
		}
		done += len(weeks)
		b.progress("weeks", done, total)
	}
	// Every week that could be written was; a source that failed makes
	// the backfill end in error all the same, so that cron notices (the
	// same command reads what is missing next time).
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.failures) > 0 {
		return &IncompleteError{Errs: b.failures}
	}
	return nil
}

// sourceFailed records a source's failure for Run's error.
func (b *Backfill) sourceFailed(src Source, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures = append(b.failures, fmt.Errorf("source %s: %s", src.Name(), moisson.RedactText(err.Error())))
}

// window backfills the weeks of one quarter.
func (b *Backfill) window(ctx context.Context, weeks []moisson.Week) error {
	start, end := weeks[0].Start, weeks[len(weeks)-1].End
	// Posts are read for the whole quarter, even when the range starts or
	// ends inside it, so that each source is asked for a quarter once.
	qStart, qEnd := b.quarterBounds(weeks[0])
	if err := b.gather(ctx, qStart, qEnd); err != nil {
		return err
	}
	if err := b.scrape(ctx, start, end); err != nil {
		return err
	}
	if b.Rescuer != nil {
		if err := b.rescue(ctx, start, end); err != nil {
			return err
		}
	}
	return b.publish(ctx, weeks[0], weeks[len(weeks)-1])
}

// quarter names the calendar quarter a week belongs to: the one of its
// last instant.
func (b *Backfill) quarter(w moisson.Week) int {
	t := w.End.Add(-time.Nanosecond)
	return t.Year()*4 + (int(t.Month())-1)/3
}

// quarterBounds returns the start of the first week and the end of the
// last week of w's quarter.
func (b *Backfill) quarterBounds(w moisson.Week) (start, end time.Time) {
	q := b.quarter(w)
	first, last := w, w
	for {
		prev := b.WeekOf(first.Start.Add(-time.Nanosecond))
		if b.quarter(prev) != q {
			break
		}
		first = prev
	}
	for {
		next := b.WeekOf(last.End)
		if b.quarter(next) != q {
			break
		}
		last = next
	}
	return first.Start, last.End
}

// gather reads each source's posts of the range once: a source that gave
// them is marked in the store and not asked again (reads are billed). A
// SpanSource (the X API) is asked only for what no read covered, run's
// included; a range whose end is still ahead is never marked read.
func (b *Backfill) gather(ctx context.Context, start, end time.Time) error {
	for i, src := range b.Sources {
		b.progress("posts", i, len(b.Sources))
		if ss, ok := src.(SpanSource); ok {
			if err := b.gatherSpans(ctx, ss, start, end); err != nil {
				return err
			}
			continue
		}
		key := fmt.Sprintf("backfill:%s:%s:%s", src.Name(), start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339))
		done, err := b.Store.Cursor(ctx, key)
		if err != nil {
			return fmt.Errorf("bot: backfill: %w", err)
		}
		if done != "" {
			continue
		}
		posts, err := src.FetchRange(ctx, start, end)
		b.countRead(src.Name(), len(posts))
		if err != nil {
			if ctx.Err() != nil && len(posts) == 0 {
				return ctx.Err()
			}
			// A source that cannot reach so far back (the API) is not a
			// reason to stop: the others (the archive) may have it. What
			// it read is kept.
			b.Log.Warn("backfill: source failed", "source", src.Name(), "error", moisson.RedactText(err.Error()), "posts_read", len(posts))
			b.sourceFailed(src, err)
			key = ""
		}
		if end.After(b.Now()) {
			// Posts are still to come in this range: read it again next
			// time.
			key = ""
		}
		added, serr := b.Store.Save(context.WithoutCancel(ctx), posts, key, "done")
		if serr != nil {
			return fmt.Errorf("bot: backfill: %w", serr)
		}
		if err == nil {
			b.Log.Info("backfill: posts", "source", src.Name(), "from", start.Format(time.DateOnly), "to", end.Format(time.DateOnly), "read", len(posts), "new", added)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	b.progress("posts", len(b.Sources), len(b.Sources))
	return nil
}

// gatherSpans reads from src the parts of [start, end) that no read
// covered, storing each part's posts with the record of what is covered,
// in one transaction: stopped or failed, the next backfill asks only for
// what is still missing.
func (b *Backfill) gatherSpans(ctx context.Context, src SpanSource, start, end time.Time) error {
	gaps, err := src.Gaps(ctx, b.Store, start, end)
	if err != nil {
		return fmt.Errorf("bot: backfill: %w", err)
	}
	read, added := 0, 0
	defer func() {
		if len(gaps) > 0 {
			b.countRead(src.Name(), read)
		}
	}()
	for _, gap := range gaps {
		posts, key, record, err := src.FetchSpan(ctx, b.Store, gap)
		if key != "" || len(posts) > 0 {
			n, serr := b.Store.Save(context.WithoutCancel(ctx), posts, key, record)
			if serr != nil {
				return fmt.Errorf("bot: backfill: %w", serr)
			}
			read += len(posts)
			added += n
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// The rest of the range is asked for next time, from below
			// what this read stored.
			b.Log.Warn("backfill: source failed", "source", src.Name(), "span", gap.String(), "error", moisson.RedactText(err.Error()), "posts_read", len(posts))
			b.sourceFailed(src, err)
			break
		}
	}
	b.Log.Info("backfill: posts", "source", src.Name(), "from", start.Format(time.DateOnly), "to", end.Format(time.DateOnly),
		"gaps", len(gaps), "read", read, "new", added)
	return nil
}

// scrape fetches every link of the range that still needs it. A page that
// is gone is handed at once to the Rescuer, which works through them one at
// a time beside the scraping.
func (b *Backfill) scrape(ctx context.Context, start, end time.Time) error {
	links, err := b.Store.Links(ctx, start, end)
	if err != nil {
		return fmt.Errorf("bot: backfill: %w", err)
	}
	sharedAt := make(map[string]time.Time, len(links))
	all := make([]string, 0, len(links))
	for _, l := range links {
		if _, ok := sharedAt[l.URL]; !ok {
			sharedAt[l.URL] = l.PostedAt
			all = append(all, l.URL)
		}
	}
	stored, err := b.Store.Pages(ctx, all)
	if err != nil {
		return fmt.Errorf("bot: backfill: %w", err)
	}
	urls := all[:0]
	for _, u := range all {
		p, ok := stored[u]
		if !ok || !p.OK() && !p.Permanent && p.Attempts < b.MaxAttempts {
			urls = append(urls, u)
		}
	}
	total := len(urls)

	var gone chan moisson.Page
	rescued := make(chan error, 1)
	if b.Rescuer != nil {
		gone = make(chan moisson.Page, total)
		go func() { rescued <- b.rescueAll(ctx, gone, sharedAt) }()
	}

	done := 0
	var putErr error
	b.progress("pages", 0, total)
	// Pages are written a few at a time, in one transaction: one commit
	// per page would make the store, not the web, bound the backfill.
	var batch []moisson.Page
	last := time.Now()
	flush := func() {
		if len(batch) == 0 {
			return
		}
		if err := b.Store.PutPages(context.WithoutCancel(ctx), batch); err != nil {
			putErr = errors.Join(putErr, err)
		} else if gone != nil {
			// Handed over once stored, so that what the rescue writes
			// comes after the failure.
			// Counted before they are handed over: the rescue reports
			// each one asked.
			var dead []moisson.Page
			for _, p := range batch {
				if p.Rescuable() {
					dead = append(dead, p)
				}
			}
			if len(dead) > 0 {
				b.waybackProgress(len(dead), 0)
			}
			for _, p := range dead {
				gone <- p
			}
		}
		done += len(batch)
		b.progress("pages", done, total)
		batch, last = batch[:0], time.Now()
	}
	b.Scraper.ScrapeAll(ctx, urls, func(p moisson.Page) {
		batch = append(batch, p)
		if len(batch) >= 16 || time.Since(last) >= 100*time.Millisecond {
			flush()
		}
	})
	flush()
	if gone != nil {
		close(gone)
		putErr = errors.Join(putErr, <-rescued)
	}
	if putErr != nil {
		return fmt.Errorf("bot: backfill: store pages: %w", putErr)
	}
	return ctx.Err()
}

// rescueAll takes each page that is gone from the Rescuer and stores what
// it gives. A page with no snapshot is stored too, marked, so that a
// restart does not ask again; one whose rescue failed for a temporary
// reason (the Wayback Machine busy or unreachable) is left for rescue, which
// asks again once the scraping is done.
func (b *Backfill) rescueAll(ctx context.Context, gone <-chan moisson.Page, sharedAt map[string]time.Time) error {
	var errs error
	for p := range gone {
		if ctx.Err() != nil {
			continue // drain
		}
		r := p.Rescued(b.Rescuer.Rescue(ctx, p.URL, sharedAt[p.URL]))
		if ctx.Err() != nil {
			continue
		}
		b.waybackProgress(0, 1)
		if !r.OK() && !r.Permanent {
			continue
		}
		if !r.OK() {
			r = p
			r.Snapshot = moisson.NoSnapshot
		}
		if err := b.Store.PutPage(context.WithoutCancel(ctx), r); err != nil {
			errs = errors.Join(errs, err)
		}
	}
	return errs
}

// rescue takes the pages that are gone from the Wayback Machine, as they
// were when they were shared.
func (b *Backfill) rescue(ctx context.Context, start, end time.Time) error {
	links, err := b.Store.Links(ctx, start, end)
	if err != nil {
		return fmt.Errorf("bot: backfill: %w", err)
	}
	urls := make([]string, 0, len(links))
	for _, l := range links {
		urls = append(urls, l.URL)
	}
	pages, err := b.Store.Pages(ctx, urls)
	if err != nil {
		return fmt.Errorf("bot: backfill: %w", err)
	}
	var gone []moisson.Link
	seen := make(map[string]bool)
	for _, l := range links {
		p, ok := pages[l.URL]
		if !ok || !p.Rescuable() || seen[l.URL] {
			continue
		}
		seen[l.URL] = true
		gone = append(gone, l)
	}
	b.waybackProgress(len(gone), 0)
	for i, l := range gone {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b.progress("rescue", i, len(gone))
		p := pages[l.URL].Rescued(b.Rescuer.Rescue(ctx, l.URL, l.PostedAt))
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b.waybackProgress(0, 1)
		if !p.OK() {
			if !p.Permanent {
				continue // the Wayback Machine busy: asked again next run
			}
			// Remember that the Wayback Machine has no capture, so that a
			// restart does not ask again.
			p = pages[l.URL]
			p.Snapshot = moisson.NoSnapshot
		}
		if err := b.Store.PutPage(ctx, p); err != nil {
			return fmt.Errorf("bot: backfill: %w", err)
		}
	}
	b.progress("rescue", len(gone), len(gone))
	return nil
}

// publish writes the post of every week of the range that has links and
// was not published yet.
func (b *Backfill) publish(ctx context.Context, first, last moisson.Week) error {
	var weeks []moisson.Week
	now := b.Now()
	for w := first; !w.Start.After(last.Start) && !w.End.After(now); w = b.WeekOf(w.End) {
		weeks = append(weeks, w)
	}
	for i, w := range weeks {
		b.progress("publish", i, len(weeks))
		if _, err := b.Store.Publication(ctx, w.ID); err == nil {
			continue
		} else if !errors.Is(err, moisson.ErrNotFound) {
			return fmt.Errorf("bot: backfill: %w", err)
		}
		links, err := b.Store.Links(ctx, w.Start, w.End)
		if err != nil {
			return fmt.Errorf("bot: backfill: %w", err)
		}
		if len(links) == 0 {
			continue
		}
		if err := b.Publisher.Publish(ctx, w); err != nil {
			return fmt.Errorf("bot: backfill: week %s: %w", w.ID, err)
		}
	}
	b.progress("publish", len(weeks), len(weeks))
	return nil
}
