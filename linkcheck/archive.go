package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/scrape"
)

// Saver makes and finds captures: scrape.Wayback and its SavePageNow.
type Saver interface {
	// Recent returns a capture made within the last within, "" when none.
	Recent(ctx context.Context, rawURL string, within time.Duration) (string, error)
	// Save captures the page now and returns the capture's URL;
	// scrape.ErrQuota when the quota is used up, scrape.ErrThrottled when
	// the Wayback Machine answered 429 or 503 (Recent too).
	Save(ctx context.Context, rawURL string) (string, error)
}

// PageStore is what the archiver needs of the store.
type PageStore interface {
	Pages(ctx context.Context, urls []string) (map[string]moisson.Page, error)
	PutPages(ctx context.Context, pages []moisson.Page) error
}

// Archiver archives each new link when it is shared (MOISSON_ARCHIVE_LINKS):
// a capture made recently is taken as it is, else the page is submitted
// to Save Page Now, paced to the account's quota. A link whose capture
// failed is tried again at a later Run, with a growing delay.
type Archiver struct {
	Store PageStore
	Saver Saver
	// RecentWithin is how old a capture may be and still do. Default 30 days.
	RecentWithin time.Duration
	Log          *slog.Logger
	Now          func() time.Time

	mu    sync.Mutex
	retry map[string]retryState
}

type retryState struct {
	next  time.Time
	tries int
}

// ArchiveReport is what one Run did.
type ArchiveReport struct {
	// Archived links (Saved by Save Page Now, Found a recent capture),
	// Failed (tried again later), Waiting (their retry is not due, or the
	// quota was used up).
	Saved, Found, Failed, Waiting int
}

// Pending returns how many links wait for another try.
func (a *Archiver) Pending() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.retry)
}

// Run archives links (and those left from earlier runs whose retry is
// due), one at a time, and stores each capture's URL with the page
// (Page.ArchiveURL). It returns when done or when ctx ends: the run loop
// calls it in a goroutine of its own, with the links of each cycle, so
// that it never holds up the week.
func (a *Archiver) Run(ctx context.Context, links []moisson.Link) (ArchiveReport, error) {
	var rep ArchiveReport
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	log := a.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	within := a.RecentWithin
	if within <= 0 {
		within = 30 * 24 * time.Hour
	}
	a.mu.Lock()
	if a.retry == nil {
		a.retry = make(map[string]retryState)
	}
	seen := make(map[string]bool)
	var urls []string
	for _, l := range links {
		if !seen[l.URL] {
			seen[l.URL] = true
			urls = append(urls, l.URL)
		}
	}
	for u, st := range a.retry {
		if !seen[u] && !st.next.After(now()) {
			seen[u] = true
			urls = append(urls, u)
		}
	}
	a.mu.Unlock()
	pages, err := a.Store.Pages(ctx, urls)
	if err != nil {
		return rep, fmt.Errorf("linkcheck: archive: %w", err)
	}
	quotaOut := false
	for _, u := range urls {
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
		p, ok := pages[u]
		if ok && p.ArchiveURL != "" {
			continue
		}
		a.mu.Lock()
		st := a.retry[u]
		a.mu.Unlock()
		if st.next.After(now()) || quotaOut {
			a.keep(u, st, false, now())
			rep.Waiting++
			continue
		}
		capture, err := a.Saver.Recent(ctx, u, within)
		found := capture != ""
		if err == nil && !found {
			capture, err = a.Saver.Save(ctx, u)
		}
		if err != nil {
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			if errors.Is(err, scrape.ErrQuota) || errors.Is(err, scrape.ErrThrottled) {
				// The quota is used up, or the Wayback Machine asks to
				// slow down (429/503, every Wayback request paused): the
				// rest waits for the next Run rather than hold this one
				// (and `run --once`) for the pause.
				if !quotaOut {
					log.Info("archive: the Wayback Machine asks to wait; the rest waits for the next run", "error", err)
				}
				quotaOut = true
				a.keep(u, st, false, now())
				rep.Waiting++
				continue
			}
			a.keep(u, st, true, now())
			rep.Failed++
			log.Warn("archive: capture failed, will retry", "url", moisson.RedactURL(u), "error", err)
			continue
		}
		if !ok {
			p = moisson.Page{URL: u}
		}
		p.ArchiveURL = capture
		if err := a.Store.PutPages(context.WithoutCancel(ctx), []moisson.Page{p}); err != nil {
			return rep, fmt.Errorf("linkcheck: archive: %w", err)
		}
		a.mu.Lock()
		delete(a.retry, u)
		a.mu.Unlock()
		if found {
			rep.Found++
		} else {
			rep.Saved++
		}
		log.Debug("archived", "url", moisson.RedactURL(u), "capture", capture)
	}
	return rep, nil
}

// maxArchiveTries is how many failed captures a link gets before it is
// given up.
const maxArchiveTries = 6

// keep records a link to try again: after an hour doubling with each
// failure (failed), or at the next Run.
func (a *Archiver) keep(u string, st retryState, failed bool, now time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if failed {
		st.tries++
		if st.tries >= maxArchiveTries {
			delete(a.retry, u)
			return
		}
		st.next = now.Add(time.Hour << (st.tries - 1))
	}
	a.retry[u] = st
}

// WaybackSaver is the Saver of a Wayback: a recent capture by the CDX API,
// a new one by Save Page Now.
type WaybackSaver struct {
	Wayback *scrape.Wayback
	SPN     *scrape.SavePageNow
}

// Recent implements Saver.
func (s WaybackSaver) Recent(ctx context.Context, rawURL string, within time.Duration) (string, error) {
	c, ok, err := s.Wayback.Recent(ctx, rawURL, within)
	if err != nil || !ok {
		return "", err
	}
	return s.Wayback.CaptureURL(c), nil
}

// Save implements Saver.
func (s WaybackSaver) Save(ctx context.Context, rawURL string) (string, error) {
	return s.SPN.Save(ctx, rawURL)
}

// Nearest implements Archive: the capture nearest to the share date,
// made before it (or on the day).
func (s WaybackSaver) Nearest(ctx context.Context, rawURL string, sharedAt time.Time) (string, error) {
	c, ok, err := s.Wayback.Nearest(ctx, rawURL, sharedAt)
	if err != nil || !ok {
		return "", err
	}
	return s.Wayback.CaptureURL(c), nil
}
