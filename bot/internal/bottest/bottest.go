// Package bottest holds the fakes the sources' tests share: a clock whose
// waits are recorded instead of slept, a scraper and publishers that never
// touch the network, a store in a temporary directory.
package bottest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/internal/postimport"
)

// Clock is the injected clock and sleep: a wait is recorded and moves the
// clock, it is never slept.
type Clock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

// NewClock returns a clock at 2024-10-05 12:00 UTC.
func NewClock() *Clock {
	return &Clock{now: time.Date(2024, 10, 5, 12, 0, 0, 0, time.UTC)}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// Sleep records d and moves the clock by it.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

// Slept returns the waits asked so far.
func (c *Clock) Slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}

// Scraper answers every URL with a page titled after it.
type Scraper struct{}

// ScrapeAll implements bot.Scraper.
func (Scraper) ScrapeAll(ctx context.Context, urls []string, fn func(moisson.Page)) {
	for _, u := range urls {
		if ctx.Err() != nil {
			return
		}
		fn(moisson.Page{URL: u, Title: "Title of " + u, Lead: "Lead of " + u, Status: 200, Kind: moisson.KindHTML})
	}
}

// Publisher records the weeks it was asked to publish.
type Publisher struct {
	Weeks []string
}

// Publish implements bot.Publisher.
func (f *Publisher) Publish(_ context.Context, w moisson.Week) error {
	f.Weeks = append(f.Weeks, w.ID)
	return nil
}

// Retry implements bot.Publisher.
func (f *Publisher) Retry(context.Context) error { return nil }

// StorePublisher records a publication for every week with links, as the
// real publisher does.
type StorePublisher struct {
	Store *archive.Store
}

// Publish implements bot.Publisher.
func (p *StorePublisher) Publish(ctx context.Context, w moisson.Week) error {
	links, err := p.Store.Links(ctx, w.Start, w.End)
	if err != nil || len(links) == 0 {
		return err
	}
	return p.Store.PutPublication(ctx, moisson.Publication{Week: w.ID, Links: len(links), PublishedAt: w.End})
}

// Retry implements bot.Publisher.
func (p *StorePublisher) Retry(context.Context) error { return nil }

// OpenStore opens a store in a temporary directory, closed at the end of
// the test.
func OpenStore(tb testing.TB) *archive.Store {
	tb.Helper()
	st, err := archive.Open(filepath.Join(tb.TempDir(), "moisson.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Paris returns the time s ("2006-01-02 15:04") in Paris.
func Paris(tb testing.TB, s string) time.Time {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		tb.Fatal(err)
	}
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		tb.Fatal(err)
	}
	return tm
}

// Imported checks what an import of n posts made step apart from base
// says it read and stored, and returns the posts in st, oldest first,
// failing the test when there are not n of them.
func Imported(tb testing.TB, st *archive.Store, res postimport.Result, n int, base time.Time, step time.Duration) []moisson.Post {
	tb.Helper()
	last := base.Add(time.Duration(n-1) * step)
	if res.Read != n || res.Added != n || !res.First.Equal(base) || !res.Last.Equal(last) {
		tb.Errorf("result %+v, want %d read and added from %s to %s", res, n, base, last)
	}
	posts, err := st.Posts(context.Background(), base, last.Add(time.Second))
	if err != nil {
		tb.Fatal(err)
	}
	if len(posts) != n {
		tb.Fatalf("%d posts stored, want %d", len(posts), n)
	}
	return posts
}
