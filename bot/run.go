package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
)

// Store is what the loop needs of the store (archive.Store).
type Store interface {
	Save(ctx context.Context, posts []moisson.Post, source, cursor string) (int, error)
	Cursor(ctx context.Context, source string) (string, error)
	SetCursor(ctx context.Context, source, value string) error
	Pending(ctx context.Context, since time.Time, maxAttempts, limit int) ([]moisson.Link, error)
	PutPage(ctx context.Context, p moisson.Page) error
	// NewPageBatch stores pages in batches (archive.Store.NewPageBatch).
	NewPageBatch(size int, wait time.Duration, onStored func(moisson.Page)) *archive.PageBatch
}

// Scraper is what the loop needs of the scraper (scrape.Scraper).
type Scraper interface {
	// ScrapeAll calls fn once for each URL done, from one goroutine.
	ScrapeAll(ctx context.Context, urls []string, fn func(moisson.Page))
}

// Publisher builds a week's post from the store and writes it to the blog.
type Publisher interface {
	// Publish writes the post of week w, scraping what it still lacks. A
	// week with no links writes nothing and is no error. Publishing the
	// same week twice rewrites nothing when nothing changed.
	Publish(ctx context.Context, w moisson.Week) error
	// Retry does again what failed in earlier publications and can be
	// retried (a git push), and reports what still fails.
	Retry(ctx context.Context) error
}

// The loop's own records, kept among the sources' positions under the
// "run:" prefix (status does not show them as sources).
const (
	// publishedKey holds the end of the last week the loop published (or
	// wrote as a draft), as RFC 3339.
	publishedKey = "run:published"
	// pendingKey holds why the next week due is not published yet, empty
	// when nothing is pending.
	pendingKey = "run:pending"
	// readPrefix + a source's name holds the time of the start of its
	// last successful poll, as RFC 3339: the source is read past it.
	readPrefix = "run:read:"
	// settingsPrefix + a source's name holds the settings its cursor was
	// made with (Configured.Settings).
	settingsPrefix = "run:settings:"
	// rereadPrefix + a source's name holds the time from which its next
	// poll reads its items again (RFC 3339; "0001-01-01T00:00:00Z" for
	// all it gives), replacing the posts stored since then.
	rereadPrefix = "run:reread:"
	// failPrefix + a source's name holds its failed polls in a row
	// (SourceFailures as JSON), removed by the next poll that succeeds.
	failPrefix = "run:fail:"
)

// SourceFailures are a source's polls that failed in a row, as the loop
// recorded them: health says a source that fails more than twice.
type SourceFailures struct {
	// Count is how many polls failed in a row (0: the last one worked).
	Count int `json:"count"`
	// Since is when the first of them failed.
	Since time.Time `json:"since"`
	// LastErr is the last one's error, secrets hidden.
	LastErr string `json:"last_error"`
}

// Failures returns source's failed polls in a row (Count 0 when its last
// poll worked or it was never polled).
func Failures(ctx context.Context, st interface {
	Cursor(ctx context.Context, source string) (string, error)
}, source string) (SourceFailures, error) {
	var f SourceFailures
	raw, err := st.Cursor(ctx, failPrefix+source)
	if err != nil || raw == "" {
		return f, err
	}
	if err := json.Unmarshal([]byte(raw), &f); err != nil {
		return SourceFailures{}, fmt.Errorf("bot: failures of %s: %w", source, err)
	}
	return f, nil
}

// LastPublished returns the end of the last week the loop published (or
// wrote as a draft); zero when the loop never ran on this store.
func LastPublished(ctx context.Context, st interface {
	Cursor(ctx context.Context, source string) (string, error)
}) (time.Time, error) {
	raw, err := st.Cursor(ctx, publishedKey)
	if err != nil || raw == "" {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, fmt.Errorf("bot: cursor %s=%q: %w", publishedKey, raw, err)
	}
	return t, nil
}

// CursorsStore is a Store that writes several cursors in one transaction
// (archive.Store.SetCursors); "" deletes one.
type CursorsStore interface {
	SetCursors(ctx context.Context, values map[string]string) error
}

// setCursors writes values in one transaction when the store can.
func (r *Runner) setCursors(ctx context.Context, values map[string]string) error {
	if cs, ok := r.Store.(CursorsStore); ok {
		return cs.SetCursors(ctx, values)
	}
	for k, v := range values {
		if err := r.Store.SetCursor(ctx, k, v); err != nil {
			return err
		}
	}
	return nil
}

// recordFailure counts one more failed poll of source.
func (r *Runner) recordFailure(ctx context.Context, source string, pollErr error) {
	f, err := Failures(ctx, r.Store, source)
	if err != nil {
		f = SourceFailures{} // unreadable: counted again from here
	}
	if f.Count == 0 {
		f.Since = r.Now().UTC()
	}
	f.Count++
	f.LastErr = moisson.RedactText(strings.TrimPrefix(pollErr.Error(), "source "+source+": "))
	b, err := json.Marshal(f)
	if err == nil {
		err = r.Store.SetCursor(ctx, failPrefix+source, string(b))
	}
	if err != nil {
		r.Log.Error("record failed poll", "source", source, "error", err)
	}
}

// Configured is a Source whose posts depend on settings the author can
// change (a feed's mode). When the settings differ from those its cursor
// was made with, the loop reads its recent items again.
type Configured interface {
	Source
	// Settings returns the settings as a short string that changes when
	// they do.
	Settings() string
}

// RereadStore is a Store that can store posts read again: a post already
// stored whose CreatedAt is at or after since is replaced by the one read
// now, and the records given are written ("" deletes) with the source's
// cursor, in one transaction (archive.Store.Reread).
type RereadStore interface {
	Reread(ctx context.Context, posts []moisson.Post, since time.Time, source, cursor string, records map[string]string) (added, replaced int, err error)
}

// RequestReread asks the loop to read source's items again at its next
// poll, replacing the posts stored from since on (all it gives when since
// is zero): what `moisson reread` does.
func RequestReread(ctx context.Context, st CursorStore, source string, since time.Time) error {
	if err := st.SetCursor(ctx, rereadPrefix+source, since.UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("bot: reread %s: %w", source, err)
	}
	return nil
}

// RereadPending returns since when source is to be read again at its next
// poll; ok is false when nothing is asked.
func RereadPending(ctx context.Context, st interface {
	Cursor(ctx context.Context, source string) (string, error)
}, source string) (since time.Time, ok bool, err error) {
	raw, err := st.Cursor(ctx, rereadPrefix+source)
	if err != nil || raw == "" {
		return time.Time{}, false, err
	}
	since, err = time.Parse(time.RFC3339, raw)
	if err != nil {
		return time.Time{}, true, nil // read all it gives again
	}
	return since, true, nil
}

// InternalCursor reports whether a store cursor is one of moisson's own
// records (the loop's, the X API's spans read and monthly counts) rather
// than a source's position.
func InternalCursor(name string) bool {
	return strings.HasPrefix(name, "run:") || strings.HasSuffix(name, ":covered") ||
		strings.HasSuffix(name, ":pending") || strings.Contains(name, ":read:")
}

// PendingReason returns why the next week due is not published yet (""
// when none is pending), as the loop last recorded it.
func PendingReason(ctx context.Context, st interface {
	Cursor(ctx context.Context, source string) (string, error)
}) (string, error) {
	return st.Cursor(ctx, pendingKey)
}

// LastRead returns when a source was last read successfully (zero when
// never).
func LastRead(ctx context.Context, st interface {
	Cursor(ctx context.Context, source string) (string, error)
}, source string) (time.Time, error) {
	raw, err := st.Cursor(ctx, readPrefix+source)
	if err != nil || raw == "" {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339Nano, raw)
}

// IncompleteError says that a cycle could not do all its work: a source
// failed, or a week could not be published. The loop goes on; `run
// --once` exits with an error so that cron notices.
type IncompleteError struct {
	Errs []error
}

func (e *IncompleteError) Error() string {
	msgs := make([]string, len(e.Errs))
	for i, err := range e.Errs {
		msgs[i] = err.Error()
	}
	return "not everything could be done (tried again next time): " + strings.Join(msgs, "; ")
}

// Unwrap gives the failures.
func (e *IncompleteError) Unwrap() []error { return e.Errs }

// Runner is the background process: it polls each source on its interval,
// scrapes new links and publishes each week's post at its cutoff. After
// downtime it catches up: a missed cutoff is published on start.
type Runner struct {
	Sources   []Source
	Store     Store
	Scraper   Scraper
	Publisher Publisher
	// WeekOf gives the week that holds a time (digest.Config.WeekOf).
	WeekOf func(time.Time) moisson.Week
	// Interval between two polls of the sources (default 15 minutes).
	Interval time.Duration
	// MaxAttempts is how many times a page that fails for a temporary
	// reason is fetched before it is given up (default 5).
	MaxAttempts int
	// Batch is the most links handed to the scraper at once (default
	// 500); a cycle goes on with the next batch while links are pending.
	Batch int
	// Grace is how long in-flight scrapes may finish after a stop signal
	// (default 10 seconds).
	Grace time.Duration
	Now   func() time.Time
	Log   *slog.Logger
	// After waits (time.After by default); tests replace it.
	After func(d time.Duration) <-chan time.Time
}

func (r *Runner) defaults() {
	if r.Interval <= 0 {
		r.Interval = 15 * time.Minute
	}
	if r.MaxAttempts <= 0 {
		r.MaxAttempts = 5
	}
	if r.Batch <= 0 {
		r.Batch = 500
	}
	if r.Grace <= 0 {
		r.Grace = 10 * time.Second
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	if r.Log == nil {
		r.Log = slog.New(slog.DiscardHandler)
	}
	if r.After == nil {
		r.After = time.After
	}
}

// Run loops until ctx is cancelled, then lets in-flight scrapes finish
// (up to Grace) and returns nil. It returns an error only when it cannot
// go on at all (the store fails).
func (r *Runner) Run(ctx context.Context) error {
	r.defaults()
	if r.WeekOf == nil || r.Store == nil || r.Scraper == nil || r.Publisher == nil {
		return errors.New("bot: runner is missing its store, scraper, publisher or weeks")
	}
	r.Log.Info("started", "sources", len(r.Sources), "interval", r.Interval)
	for {
		if err := r.Cycle(ctx); err != nil {
			if ctx.Err() != nil {
				break
			}
			var inc *IncompleteError
			if !errors.As(err, &inc) {
				return err
			}
			// Logged as they happened; tried again next cycle.
		}
		next := r.WeekOf(r.Now()).End
		wait := min(r.Interval, next.Sub(r.Now()))
		if wait < time.Second {
			wait = time.Second
		}
		select {
		case <-ctx.Done():
		case <-r.After(wait):
			continue
		}
		break
	}
	r.Log.Info("stopped")
	return nil
}

// Cycle does one round of work: catch up on missed cutoffs, poll every
// source, scrape pending links, publish the weeks whose cutoff has passed
// and retry failed pushes. A failing source or link never stops the
// others. A week is published only from complete input: when every
// source was read successfully past its cutoff; until then it stays
// pending and is tried again every cycle.
//
// Cycle returns an *IncompleteError when a source or a publication
// failed, and other errors when it cannot go on at all (the store fails).
func (r *Runner) Cycle(ctx context.Context) error {
	r.defaults()
	var failures []error
	if len(r.Sources) == 0 {
		failures = append(failures, errors.New("no source configured"))
	}
	for _, src := range r.Sources {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := r.poll(ctx, src); err != nil {
			failures = append(failures, err)
			if ctx.Err() == nil {
				r.recordFailure(context.WithoutCancel(ctx), src.Name(), err)
			}
		}
	}
	if err := r.scrapePending(ctx); err != nil {
		return err
	}
	if err := r.publishDue(ctx); err != nil {
		var inc *IncompleteError
		if !errors.As(err, &inc) {
			return err
		}
		failures = append(failures, inc.Errs...)
	}
	if err := r.Publisher.Retry(ctx); err != nil {
		r.Log.Warn("retry failed", "error", moisson.RedactText(err.Error()))
		failures = append(failures, err)
	}
	if len(failures) > 0 && ctx.Err() == nil {
		return &IncompleteError{Errs: failures}
	}
	return nil
}

// poll reads what is new in one source and stores it with the source's new
// position, in one transaction. On success it records that the source is
// read past the time the poll started.
func (r *Runner) poll(ctx context.Context, src Source) error {
	log := r.Log.With("source", src.Name())
	started := r.Now()
	cursor, err := r.Store.Cursor(ctx, src.Name())
	if err != nil {
		log.Error("read position", "error", err)
		return fmt.Errorf("source %s: %w", src.Name(), err)
	}
	since, reread, settings, err := r.rereadSince(ctx, src)
	if err != nil {
		return fmt.Errorf("source %s: %w", src.Name(), err)
	}
	rs, canReread := r.Store.(RereadStore)
	reread = reread && canReread
	if reread {
		log.Info("reading recent items again", "since", since)
		if ranged, ok := src.(RangeSource); ok {
			// A source that reads a range (Mastodon, Bluesky) reads only
			// the posts since then; its position is left as it is.
			if err := r.rereadRange(ctx, ranged, rs, since, started, settings); err != nil {
				return err
			}
			reread, settings = false, ""
		} else {
			cursor = "" // from the start of what the source gives
		}
	}
	posts, next, fetchErr := src.Fetch(ctx, cursor)
	if fetchErr != nil {
		if ctx.Err() == nil {
			log.Warn("poll failed", "error", moisson.RedactText(fetchErr.Error()), "posts_read", len(posts))
		}
		fetchErr = fmt.Errorf("source %s: %s", src.Name(), moisson.RedactText(fetchErr.Error()))
		if len(posts) == 0 {
			return fetchErr
		}
		// What was read before the failure is kept, with the cursor
		// that resumes after it.
	}
	var added int
	switch {
	case reread && fetchErr == nil:
		records := map[string]string{rereadPrefix + src.Name(): ""}
		if settings != "" {
			records[settingsPrefix+src.Name()] = settings
		}
		var replaced int
		added, replaced, err = rs.Reread(context.WithoutCancel(ctx), posts, since, src.Name(), next, records)
		if err == nil {
			log.Info("read again", "posts", len(posts), "replaced", replaced)
		}
	default:
		// A reread that fails part way is done again whole at the next
		// poll: what it read is kept meanwhile.
		added, err = r.Store.Save(context.WithoutCancel(ctx), posts, src.Name(), next)
	}
	if err != nil {
		log.Error("store posts", "error", err)
		return fmt.Errorf("source %s: %w", src.Name(), err)
	}
	if added > 0 {
		log.Info("new posts", "posts", added)
	}
	if fetchErr != nil {
		return fetchErr
	}
	if settings != "" && !reread {
		// The first poll since the settings were recorded: remembered,
		// so that a change is seen.
		if err := r.Store.SetCursor(context.WithoutCancel(ctx), settingsPrefix+src.Name(), settings); err != nil {
			return fmt.Errorf("source %s: %w", src.Name(), err)
		}
	}
	// Read past the poll's start, and no longer failing: together.
	if err := r.setCursors(context.WithoutCancel(ctx), map[string]string{
		readPrefix + src.Name(): started.UTC().Format(time.RFC3339Nano),
		failPrefix + src.Name(): "",
	}); err != nil {
		return fmt.Errorf("source %s: %w", src.Name(), err)
	}
	return nil
}

// rereadRange reads src's posts from since to until again and stores them
// in place of those stored, with the settings they were read with; the
// reread is then done.
func (r *Runner) rereadRange(ctx context.Context, src RangeSource, rs RereadStore, since, until time.Time, settings string) error {
	posts, err := src.FetchRange(ctx, since, until)
	if err != nil {
		return fmt.Errorf("source %s: read again from %s: %s", src.Name(), since.Format(time.DateOnly), moisson.RedactText(err.Error()))
	}
	records := map[string]string{rereadPrefix + src.Name(): ""}
	if settings != "" {
		records[settingsPrefix+src.Name()] = settings
	}
	_, replaced, err := rs.Reread(context.WithoutCancel(ctx), posts, since, "", "", records)
	if err != nil {
		return fmt.Errorf("source %s: %w", src.Name(), err)
	}
	r.Log.Info("read again", "source", src.Name(), "posts", len(posts), "replaced", replaced)
	return nil
}

// rereadSince says whether src is to be read again, and from when: asked
// by `moisson reread`, or because its settings changed since its cursor
// was made (then from the end of the last week published, so that the
// weeks still to come get what the new settings give). settings is the
// source's settings when they are to be recorded ("" when they are so
// already, or the source has none).
func (r *Runner) rereadSince(ctx context.Context, src Source) (since time.Time, reread bool, settings string, err error) {
	if c, ok := src.(Configured); ok {
		old, err := r.Store.Cursor(ctx, settingsPrefix+src.Name())
		if err != nil {
			return time.Time{}, false, "", err
		}
		if s := c.Settings(); s != old {
			settings = s
			if old != "" {
				reread = true
				if raw, err := r.Store.Cursor(ctx, publishedKey); err == nil && raw != "" {
					since, _ = time.Parse(time.RFC3339, raw)
				}
				r.Log.Info("settings changed: recent items are read again", "source", src.Name(), "was", old, "now", s)
			}
		}
	}
	asked, ok, err := RereadPending(ctx, r.Store, src.Name())
	if err != nil {
		return time.Time{}, false, "", err
	}
	if ok {
		if !reread || asked.Before(since) {
			since = asked
		}
		reread = true
	}
	return since, reread, settings, nil
}

// incomplete says why week w cannot be published yet, "" when every
// source was read successfully past its cutoff.
func (r *Runner) incomplete(ctx context.Context, w moisson.Week) (string, error) {
	if len(r.Sources) == 0 {
		return "no source configured", nil
	}
	var behind []string
	for _, src := range r.Sources {
		at, err := LastRead(ctx, r.Store, src.Name())
		if err != nil {
			return "", fmt.Errorf("bot: last read of %s: %w", src.Name(), err)
		}
		if at.Before(w.End) {
			behind = append(behind, src.Name())
		}
	}
	if len(behind) > 0 {
		return fmt.Sprintf("waiting for %s to be read past the cutoff", strings.Join(behind, ", ")), nil
	}
	return r.noLinks(ctx, w)
}

// weekStore is what noLinks needs of the store besides Store
// (archive.Store); a store without it is not checked.
type weekStore interface {
	Posts(ctx context.Context, from, to time.Time) ([]moisson.Post, error)
	Edits(ctx context.Context, week string) (moisson.WeekEdits, error)
	Publication(ctx context.Context, week string) (moisson.Publication, error)
}

// NoLinkPrefix starts the reason of a week held because a source read
// items but gave no link.
const NoLinkPrefix = "no link: "

// noLinks says why week w is held although every source was read: a feed
// read items in it but gave no link (its mode is likely wrong), or no
// source gave a link while they read items. "" when neither, or when the
// author published the week anyway (approved it, or it was written).
func (r *Runner) noLinks(ctx context.Context, w moisson.Week) (string, error) {
	ws, ok := r.Store.(weekStore)
	if !ok {
		return "", nil
	}
	posts, err := ws.Posts(ctx, w.Start, w.End)
	if err != nil || len(posts) == 0 {
		return "", err
	}
	type count struct{ items, links int }
	per := map[string]*count{}
	total := count{}
	for _, p := range posts {
		c := per[p.Source]
		if c == nil {
			c = &count{}
			per[p.Source] = c
		}
		n := 0
		for _, l := range moisson.LinksOf(p) {
			if !l.Reply {
				n++
			}
		}
		c.items++
		c.links += n
		total.items++
		total.links += n
	}
	var silent []string
	for _, src := range r.Sources {
		if _, ok := src.(Configured); !ok {
			// A social account posts without links; only a feed, read to
			// give links, is suspect when it gives none.
			continue
		}
		if c := per[src.Name()]; c != nil && c.links == 0 {
			hint := "check its mode"
			if mode := modeOf(ctx, r.Store, src); mode != "" {
				hint = "read as " + mode
			}
			silent = append(silent, fmt.Sprintf("%s read %d items but gave no link (%s: write links:URL in MOISSON_FEEDS if its items are the links, or posts:URL if the links are inside them)", moisson.RedactText(src.Name()), c.items, hint))
		}
	}
	if len(silent) == 0 && total.links > 0 {
		return "", nil
	}
	if e, err := ws.Edits(ctx, w.ID); err == nil && e.Approved {
		return "", nil // published anyway by the author
	}
	if _, err := ws.Publication(ctx, w.ID); err == nil {
		return "", nil // written already: the author's choice
	} else if !errors.Is(err, moisson.ErrNotFound) {
		return "", err
	}
	anyway := "; to publish the week anyway, use the review page's publish now"
	if total.links > 0 {
		anyway += " or moisson digest --week " + w.ID
	}
	if len(silent) == 0 {
		silent = append(silent, fmt.Sprintf("the sources read %d posts but none gave a link", total.items))
		anyway = "; to close the week without a post, use the review page's publish now"
	}
	return NoLinkPrefix + strings.Join(silent, "; ") + anyway, nil
}

// modeOf returns how a feed was last read, from its cursor.
func modeOf(ctx context.Context, st Store, src Source) string {
	mt, ok := src.(ModeTeller)
	if !ok {
		return ""
	}
	raw, err := st.Cursor(ctx, src.Name())
	if err != nil {
		return ""
	}
	return mt.ModeOf(raw)
}

// scrapePending scrapes the links that still need it, in batches, each
// link at most once per cycle: one that fails for a temporary reason waits
// for the next cycle (the scraper has already retried it with backoff). On
// a stop signal, the scrapes under way get Grace to finish and be stored.
func (r *Runner) scrapePending(ctx context.Context) error {
	since := r.WeekOf(r.Now()).Start.AddDate(0, 0, -7*8)
	tried := make(map[string]bool)
	for ctx.Err() == nil {
		// The links tried in this cycle that failed are still pending and
		// come first: ask for that many more.
		limit := r.Batch + len(tried)
		links, err := r.Store.Pending(ctx, since, r.MaxAttempts, limit)
		if err != nil {
			return fmt.Errorf("bot: pending links: %w", err)
		}
		urls := make([]string, 0, min(len(links), r.Batch))
		for _, l := range links {
			if !tried[l.URL] && len(urls) < r.Batch {
				tried[l.URL] = true
				urls = append(urls, l.URL)
			}
		}
		if len(urls) == 0 {
			return nil
		}
		work, cancel := graceContext(ctx, r.Grace)
		// Stored in batches (16 pages or 100 ms): one commit for many
		// pages; a kill loses at most the batch in flight.
		var mu sync.Mutex
		done := 0
		batch := r.Store.NewPageBatch(16, 100*time.Millisecond, func(p moisson.Page) {
			mu.Lock()
			done++
			mu.Unlock()
			if p.OK() {
				r.Log.Info("scraped", "url", moisson.RedactURL(p.URL), "title", p.Title)
			} else {
				r.Log.Warn("scrape failed", "url", moisson.RedactURL(p.URL), "status", p.Status, "error", p.Error, "permanent", p.Permanent)
			}
		})
		var putErr error
		r.Scraper.ScrapeAll(work, urls, func(p moisson.Page) {
			if err := batch.Put(p); err != nil {
				putErr = errors.Join(putErr, err)
			}
		})
		cancel()
		if err := batch.Close(); err != nil {
			putErr = errors.Join(putErr, err)
		}
		if putErr != nil {
			return fmt.Errorf("bot: store pages: %w", putErr)
		}
		if len(links) < limit || done == 0 {
			return nil
		}
	}
	return nil
}

// graceContext returns a context that ends Grace after ctx does.
func graceContext(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(grace, cancel)
		context.AfterFunc(work, func() { t.Stop() })
	})
	return work, func() { stop(); cancel() }
}

// publishDue publishes every week whose cutoff has passed since the last
// one the loop published. The first time, it starts with the week that
// ended last, so that starting the loop does not rewrite the whole past
// (that is backfill's job).
func (r *Runner) publishDue(ctx context.Context) error {
	now := r.Now()
	current := r.WeekOf(now)
	raw, err := r.Store.Cursor(ctx, publishedKey)
	if err != nil {
		return fmt.Errorf("bot: read last publication: %w", err)
	}
	var last time.Time
	if raw != "" {
		if last, err = time.Parse(time.RFC3339, raw); err != nil {
			return fmt.Errorf("bot: cursor %s=%q: %w", publishedKey, raw, err)
		}
	} else {
		// The first start: the first week due is the one that ended last.
		// Recorded at once, so that a first start that cannot publish
		// (a source failing) still publishes that week once it can.
		last = r.WeekOf(current.Start.Add(-time.Nanosecond)).Start
		if err := r.Store.SetCursor(ctx, publishedKey, last.UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("bot: record first week: %w", err)
		}
	}
	pending := ""
	defer func() {
		if ctx.Err() == nil {
			if err := r.Store.SetCursor(context.WithoutCancel(ctx), pendingKey, pending); err != nil {
				r.Log.Error("record pending week", "error", err)
			}
		}
	}()
	for w := r.WeekOf(last); !w.End.After(now); w = r.WeekOf(w.End) {
		if !w.End.After(last) {
			continue
		}
		if ctx.Err() != nil {
			return nil
		}
		why, err := r.incomplete(ctx, w)
		if err != nil {
			return err
		}
		if why != "" {
			// Not published from incomplete input: the week (and those
			// after it) wait for the next cycle.
			pending = w.ID + ": " + why
			r.Log.Warn("week pending", "week", w.ID, "reason", why)
			return &IncompleteError{Errs: []error{fmt.Errorf("week %s pending: %s", w.ID, why)}}
		}
		if err := r.Publisher.Publish(ctx, w); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			// Not marked published: tried again next cycle.
			msg := moisson.RedactText(err.Error())
			pending = w.ID + ": publication failed: " + msg
			r.Log.Error("publish failed", "week", w.ID, "error", msg)
			return &IncompleteError{Errs: []error{fmt.Errorf("week %s: publication failed: %s", w.ID, msg)}}
		}
		r.Log.Info("week done", "week", w.ID)
		if err := r.Store.SetCursor(ctx, publishedKey, w.End.UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("bot: record publication of %s: %w", w.ID, err)
		}
	}
	return nil
}
