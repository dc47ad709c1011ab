package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
)

// fakeSource serves a fixed list of posts, after a cursor that is the
// index of the last post given.
type fakeSource struct {
	name  string
	posts []moisson.Post
	err   error
	calls int
	// ranges counts the FetchRange calls by range.
	ranges map[string]int
}

func (f *fakeSource) Name() string { return f.name }

func (f *fakeSource) Fetch(_ context.Context, cursor string) ([]moisson.Post, string, error) {
	f.calls++
	if f.err != nil {
		return nil, cursor, f.err
	}
	start := 0
	if cursor != "" {
		fmt.Sscan(cursor, &start)
	}
	if start >= len(f.posts) {
		return nil, cursor, nil
	}
	return f.posts[start:], fmt.Sprint(len(f.posts)), nil
}

func (f *fakeSource) FetchRange(_ context.Context, from, to time.Time) ([]moisson.Post, error) {
	f.calls++
	if f.ranges == nil {
		f.ranges = make(map[string]int)
	}
	f.ranges[from.String()+" "+to.String()]++
	if f.err != nil {
		return nil, f.err
	}
	var out []moisson.Post
	for _, p := range f.posts {
		if !p.CreatedAt.Before(from) && p.CreatedAt.Before(to) {
			out = append(out, p)
		}
	}
	return out, nil
}

// fakeScraper answers every URL with a page titled after it; URLs in dead
// are 404s.
type fakeScraper struct {
	mu   sync.Mutex
	dead map[string]bool
	// flaky URLs fail for a temporary reason (a 503).
	flaky map[string]bool
	calls map[string]int
	// block, when set, makes ScrapeAll wait for it before each page.
	block chan struct{}
}

func (f *fakeScraper) ScrapeAll(ctx context.Context, urls []string, fn func(moisson.Page)) {
	for _, u := range urls {
		if ctx.Err() != nil {
			return
		}
		if f.block != nil {
			select {
			case <-f.block:
			case <-ctx.Done():
				return
			}
		}
		f.mu.Lock()
		if f.calls == nil {
			f.calls = make(map[string]int)
		}
		f.calls[u]++
		f.mu.Unlock()
		p := moisson.Page{URL: u, Title: "Title of " + u, Lead: "Lead of " + u, Status: 200, Kind: moisson.KindHTML}
		if f.dead[u] {
			p = moisson.Page{URL: u, Status: 404, Error: "404 Not Found", Permanent: true}
		}
		if f.flaky[u] {
			p = moisson.Page{URL: u, Status: 503, Error: "503 Service Unavailable"}
		}
		fn(p)
	}
}

// fakePublisher records the weeks it was asked to publish.
type fakePublisher struct {
	weeks   []string
	fail    error
	retries int
}

func (f *fakePublisher) Publish(_ context.Context, w moisson.Week) error {
	if f.fail != nil {
		return f.fail
	}
	f.weeks = append(f.weeks, w.ID)
	return nil
}

func (f *fakePublisher) Retry(context.Context) error { f.retries++; return nil }

func openStore(t *testing.T) *archive.Store {
	t.Helper()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func paris(t *testing.T, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tm, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func post(id string, at time.Time, urls ...string) moisson.Post {
	return moisson.Post{ID: id, Source: "x", CreatedAt: at, Text: "post " + id, URLs: urls, Hashtags: []string{"Go"}}
}

func TestRunnerPollsScrapesAndPublishesAtCutoff(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	src := &fakeSource{name: "x", posts: []moisson.Post{
		post("1", paris(t, "2014-09-29 09:00"), "https://a.example/1"),
		post("2", paris(t, "2014-10-01 10:00"), "https://b.example/2", "https://a.example/1"),
	}}
	scr := &fakeScraper{}
	pub := &fakePublisher{}
	now := paris(t, "2014-10-03 17:00")
	r := &Runner{Sources: []Source{src}, Store: st, Scraper: scr, Publisher: pub, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}

	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	// The first cycle publishes the week that ended last (2014-W39), not
	// the one in progress.
	if want := []string{"2014-W39"}; !slices.Equal(pub.weeks, want) {
		t.Fatalf("published %v before the cutoff, want %v", pub.weeks, want)
	}
	for _, u := range []string{"https://a.example/1", "https://b.example/2"} {
		if scr.calls[u] != 1 {
			t.Errorf("%s scraped %d times, want 1", u, scr.calls[u])
		}
		if p, err := st.Page(ctx, u); err != nil || !p.OK() {
			t.Errorf("page %s not stored: %v %+v", u, err, p)
		}
	}
	if cur, _ := st.Cursor(ctx, "x"); cur != "2" {
		t.Errorf("cursor = %q, want 2", cur)
	}

	now = paris(t, "2014-10-03 18:00")
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2014-W39", "2014-W40"}; !slices.Equal(pub.weeks, want) {
		t.Fatalf("published %v, want %v (each week once, at its cutoff)", pub.weeks, want)
	}
	for u, n := range scr.calls {
		if n != 1 {
			t.Errorf("%s scraped %d times, want 1", u, n)
		}
	}
}

func TestRunnerCatchesUpMissedCutoffsInOrder(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	// Last published: the week that ended on 19 September.
	if err := st.SetCursor(ctx, publishedKey, paris(t, "2014-09-19 18:00").UTC().Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	pub := &fakePublisher{}
	now := paris(t, "2014-10-07 12:00")
	src := &fakeSource{name: "x"}
	r := &Runner{Sources: []Source{src}, Store: st, Scraper: &fakeScraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2014-W39", "2014-W40"}; !slices.Equal(pub.weeks, want) {
		t.Fatalf("caught up %v, want %v", pub.weeks, want)
	}
	// A restart publishes nothing twice.
	r2 := &Runner{Sources: []Source{src}, Store: st, Scraper: &fakeScraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	if err := r2.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if len(pub.weeks) != 2 {
		t.Fatalf("after restart published %v", pub.weeks)
	}
}

func TestRunnerRetriesFailedPublication(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	pub := &fakePublisher{fail: errors.New("disk full")}
	now := paris(t, "2014-10-04 12:00")
	r := &Runner{Sources: []Source{&fakeSource{name: "x"}}, Store: st, Scraper: &fakeScraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	var inc *IncompleteError
	if err := r.Cycle(ctx); !errors.As(err, &inc) {
		t.Fatalf("a failed publication: Cycle gave %v, want an IncompleteError (the loop goes on, --once exits 1)", err)
	}
	if why, _ := PendingReason(ctx, st); !strings.Contains(why, "2014-W40") || !strings.Contains(why, "disk full") {
		t.Errorf("pending reason %q, want the week and why", why)
	}
	pub.fail = nil
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2014-W40"}; !slices.Equal(pub.weeks, want) {
		t.Fatalf("published %v, want %v", pub.weeks, want)
	}
	if pub.retries != 2 {
		t.Errorf("Retry called %d times, want once per cycle", pub.retries)
	}
}

func TestRunnerFailingSourceDoesNotStopOthers(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	bad := &fakeSource{name: "feed:bad", err: errors.New("503")}
	good := &fakeSource{name: "x", posts: []moisson.Post{post("1", paris(t, "2014-10-01 10:00"), "https://a.example/1")}}
	now := paris(t, "2014-10-02 12:00")
	r := &Runner{Sources: []Source{bad, good}, Store: st, Scraper: &fakeScraper{}, Publisher: &fakePublisher{}, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	var inc *IncompleteError
	if err := r.Cycle(ctx); !errors.As(err, &inc) || !strings.Contains(err.Error(), "feed:bad") {
		t.Fatalf("Cycle with a failing source gave %v, want an IncompleteError naming it", err)
	}
	if _, err := st.Page(ctx, "https://a.example/1"); err != nil {
		t.Fatalf("the good source's link was not scraped: %v", err)
	}
	if cur, _ := st.Cursor(ctx, "feed:bad"); cur != "" {
		t.Errorf("failing source's cursor moved to %q", cur)
	}
}

func TestRunnerStopLetsInFlightScrapesFinish(t *testing.T) {
	st := openStore(t)
	dc := digest.DefaultConfig()
	src := &fakeSource{name: "x", posts: []moisson.Post{post("1", paris(t, "2014-10-01 10:00"), "https://a.example/1", "https://a.example/2")}}
	scr := &fakeScraper{block: make(chan struct{})}
	now := paris(t, "2014-10-02 12:00")
	r := &Runner{Sources: []Source{src}, Store: st, Scraper: scr, Publisher: &fakePublisher{}, WeekOf: dc.WeekOf,
		Now: func() time.Time { return now }, Grace: time.Minute}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- r.Run(ctx) }()
	scr.block <- struct{}{} // first page under way
	cancel()                // stop signal while the second is pending
	scr.block <- struct{}{} // the second still completes within the grace
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"https://a.example/1", "https://a.example/2"} {
		if _, err := st.Page(context.Background(), u); err != nil {
			t.Errorf("%s lost on stop: %v", u, err)
		}
	}
}

// A link that fails for a temporary reason is tried again at the next
// cycle, not at once in the same one: with more pending links than a
// batch, the loop must not burn its attempts back to back.
func TestRunnerTriesEachLinkOncePerCycle(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	urls := []string{"https://a.example/1", "https://b.example/2", "https://c.example/3"}
	src := &fakeSource{name: "x", posts: []moisson.Post{
		post("1", paris(t, "2014-09-29 09:00"), urls[0]),
		post("2", paris(t, "2014-09-30 09:00"), urls[1]),
		post("3", paris(t, "2014-10-01 09:00"), urls[2]),
	}}
	scr := &fakeScraper{flaky: map[string]bool{urls[0]: true, urls[1]: true}}
	now := paris(t, "2014-10-02 12:00")
	r := &Runner{Sources: []Source{src}, Store: st, Scraper: scr, Publisher: &fakePublisher{}, WeekOf: dc.WeekOf,
		Now: func() time.Time { return now }, Batch: 2, MaxAttempts: 5}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		if scr.calls[u] != 1 {
			t.Errorf("%s scraped %d times in one cycle, want 1", u, scr.calls[u])
		}
	}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]int{urls[0]: 2, urls[1]: 2, urls[2]: 1} {
		if scr.calls[u] != want {
			t.Errorf("%s scraped %d times after two cycles, want %d", u, scr.calls[u], want)
		}
	}
}

// partialSource fails part way, giving what it read and a cursor to
// resume from.
type partialSource struct{ post moisson.Post }

func (p *partialSource) Name() string { return "x" }

func (p *partialSource) Fetch(context.Context, string) ([]moisson.Post, string, error) {
	return []moisson.Post{p.post}, ":1:2", errors.New("x api: monthly cap reached")
}

func TestRunnerKeepsWhatAFailedReadGave(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	src := &partialSource{post: post("2", paris(t, "2014-10-01 10:00"), "https://a.example/1")}
	now := paris(t, "2014-10-02 12:00")
	r := &Runner{Sources: []Source{src}, Store: st, Scraper: &fakeScraper{}, Publisher: &fakePublisher{}, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	var inc *IncompleteError
	if err := r.Cycle(ctx); !errors.As(err, &inc) {
		t.Fatalf("Cycle gave %v, want an IncompleteError", err)
	}
	if cur, _ := st.Cursor(ctx, "x"); cur != ":1:2" {
		t.Errorf("cursor = %q, want the one that resumes the read", cur)
	}
	if posts, _ := st.Posts(ctx, paris(t, "2014-09-29 00:00"), now); len(posts) != 1 {
		t.Errorf("%d posts stored, want the one read before the failure", len(posts))
	}
}

// A poll that fails at a cutoff must not publish an incomplete week: the
// week stays pending, and once the source answers again the posts it
// then gives are in that week's post.
func TestRunnerWaitsForEverySourcePastTheCutoff(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	src := &fakeSource{name: "x", posts: []moisson.Post{post("1", paris(t, "2014-09-30 10:00"), "https://a.example/1")}}
	pub := &fakePublisher{}
	now := paris(t, "2014-10-03 12:00")
	r := &Runner{Sources: []Source{src}, Store: st, Scraper: &fakeScraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	pub.weeks = nil

	// The cutoff passes while the source answers 401.
	now = paris(t, "2014-10-03 18:05")
	src.err = errors.New("x api: 401 Unauthorized")
	var inc *IncompleteError
	if err := r.Cycle(ctx); !errors.As(err, &inc) {
		t.Fatalf("Cycle gave %v, want an IncompleteError", err)
	}
	if len(pub.weeks) != 0 {
		t.Fatalf("published %v from a failed poll", pub.weeks)
	}
	if why, _ := PendingReason(ctx, st); !strings.HasPrefix(why, "2014-W40: ") || !strings.Contains(why, "x") {
		t.Errorf("pending reason %q, want 2014-W40 waiting for x", why)
	}

	// Fixed: the posts read now, from before the cutoff, are in the week.
	src.err = nil
	src.posts = append(src.posts, post("2", paris(t, "2014-10-03 17:00"), "https://b.example/2"))
	now = paris(t, "2014-10-03 18:20")
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2014-W40"}; !slices.Equal(pub.weeks, want) {
		t.Fatalf("published %v, want %v", pub.weeks, want)
	}
	links, _ := st.Links(ctx, paris(t, "2014-09-26 18:00"), paris(t, "2014-10-03 18:00"))
	if len(links) != 2 {
		t.Errorf("%d links in the week, want both", len(links))
	}
	if why, _ := PendingReason(ctx, st); why != "" {
		t.Errorf("pending reason %q after the publication, want none", why)
	}
}

// A first start whose sources are all broken (or none set) records
// nothing as published: once the configuration is fixed, the week that
// ended last is published with its links.
func TestRunnerFirstStartWithBrokenSourcesPublishesLater(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	pub := &fakePublisher{}
	now := paris(t, "2014-10-04 12:00")
	clock := func() time.Time { return now }

	// No source at all.
	r := &Runner{Store: st, Scraper: &fakeScraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: clock}
	var inc *IncompleteError
	if err := r.Cycle(ctx); !errors.As(err, &inc) || !strings.Contains(err.Error(), "no source configured") {
		t.Fatalf("Cycle with no source gave %v, want an IncompleteError saying so", err)
	}
	// A source set, but broken (a quoted feed URL, a bad token).
	bad := &fakeSource{name: "feed:\"https://a.example/rss\"", err: errors.New("unsupported protocol scheme")}
	r = &Runner{Sources: []Source{bad}, Store: st, Scraper: &fakeScraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: clock}
	if err := r.Cycle(ctx); !errors.As(err, &inc) {
		t.Fatalf("Cycle with a broken source gave %v", err)
	}
	if len(pub.weeks) != 0 {
		t.Fatalf("published %v with no source read", pub.weeks)
	}
	// Fixed, days later: the week that ended last at the first start is
	// published, then the next.
	now = paris(t, "2014-10-11 12:00")
	good := &fakeSource{name: "feed:https://a.example/rss", posts: []moisson.Post{post("1", paris(t, "2014-10-01 10:00"), "https://a.example/1")}}
	r = &Runner{Sources: []Source{good}, Store: st, Scraper: &fakeScraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: clock}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2014-W40", "2014-W41"}; !slices.Equal(pub.weeks, want) {
		t.Fatalf("published %v, want %v", pub.weeks, want)
	}
}
