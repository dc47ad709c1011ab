package bot

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
)

// storePublisher records a publication for every week with links, as the
// real publisher does.
type storePublisher struct {
	st    *archive.Store
	calls map[string]int
}

func (p *storePublisher) Publish(ctx context.Context, w moisson.Week) error {
	if p.calls == nil {
		p.calls = make(map[string]int)
	}
	p.calls[w.ID]++
	links, err := p.st.Links(ctx, w.Start, w.End)
	if err != nil || len(links) == 0 {
		return err
	}
	return p.st.PutPublication(ctx, moisson.Publication{Week: w.ID, Links: len(links), PublishedAt: w.End})
}

func (p *storePublisher) Retry(context.Context) error { return nil }

// fakeRescuer gives a snapshot of every page it is asked for.
type fakeRescuer struct{ asked map[string]int }

func (f *fakeRescuer) Rescue(_ context.Context, u string, at time.Time) moisson.Page {
	if f.asked == nil {
		f.asked = make(map[string]int)
	}
	f.asked[u]++
	return moisson.Page{URL: u, CanonicalURL: u, Title: "Archived " + u, Lead: "As it was.", Status: 200,
		Snapshot: "https://web.archive.org/web/" + at.Format("20060102") + "/" + u}
}

// twoMonths makes a post a day, each with its own link, every seventh one
// dead.
func twoMonths(t *testing.T) (posts []moisson.Post, dead map[string]bool) {
	dead = make(map[string]bool)
	start := paris(t, "2014-09-01 10:00")
	for i := range 60 {
		u := fmt.Sprintf("https://host%d.example/post/%d", i%7, i)
		if i%7 == 3 {
			dead[u] = true
		}
		posts = append(posts, post(fmt.Sprint(i), start.AddDate(0, 0, i), u))
	}
	return posts, dead
}

func TestBackfillWritesEveryWeekAndRescuesDeadPages(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	posts, dead := twoMonths(t)
	src := &fakeSource{name: "archive", posts: posts}
	scr := &fakeScraper{dead: dead}
	res := &fakeRescuer{}
	pub := &storePublisher{st: st}
	b := &Backfill{Sources: []RangeSource{src}, Store: st, Scraper: scr, Rescuer: res, Publisher: pub, WeekOf: dc.WeekOf}
	from, to := paris(t, "2014-09-01 00:00"), paris(t, "2014-11-01 00:00")
	if err := b.Run(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	pubs, err := st.Publications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 60 days from Monday 1 September: the weeks ending 5 September to
	// 31 October, each with links.
	if len(pubs) != 9 {
		t.Fatalf("%d weekly posts, want 9: %+v", len(pubs), pubs)
	}
	for u := range dead {
		p, err := st.Page(ctx, u)
		if err != nil || !p.OK() || p.Snapshot == "" {
			t.Errorf("dead %s not rescued: %v %+v", u, err, p)
		}
		if res.asked[u] != 1 {
			t.Errorf("wayback asked %d times for %s", res.asked[u], u)
		}
	}

	// Again: nothing is redone.
	calls := src.calls
	if err := b.Run(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	if src.calls != calls {
		t.Errorf("source read again (%d calls, was %d)", src.calls, calls)
	}
	for u, n := range scr.calls {
		if n != 1 {
			t.Errorf("%s scraped %d times", u, n)
		}
	}
	for w, n := range pub.calls {
		if n != 1 {
			t.Errorf("week %s published %d times", w, n)
		}
	}
}

// cancellingScraper cancels the backfill after n pages, like a kill in the
// middle of the scraping.
type cancellingScraper struct {
	fakeScraper
	n      int
	cancel context.CancelFunc
}

func (c *cancellingScraper) ScrapeAll(ctx context.Context, urls []string, fn func(moisson.Page)) {
	c.fakeScraper.ScrapeAll(ctx, urls, func(p moisson.Page) {
		if c.n == 0 {
			c.cancel()
			return
		}
		c.n--
		fn(p)
	})
}

func TestBackfillStoppedGoesOnWhereItWas(t *testing.T) {
	st := openStore(t)
	dc := digest.DefaultConfig()
	posts, dead := twoMonths(t)
	src := &fakeSource{name: "archive", posts: posts}
	from, to := paris(t, "2014-09-01 00:00"), paris(t, "2014-11-01 00:00")

	ctx, cancel := context.WithCancel(context.Background())
	first := &cancellingScraper{fakeScraper: fakeScraper{dead: dead}, n: 25, cancel: cancel}
	b := &Backfill{Sources: []RangeSource{src}, Store: st, Scraper: first, Publisher: &storePublisher{st: st}, WeekOf: dc.WeekOf}
	if err := b.Run(ctx, from, to); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted backfill returned %v, want context.Canceled", err)
	}
	second := &fakeScraper{dead: dead}
	b.Scraper = second
	if err := b.Run(context.Background(), from, to); err != nil {
		t.Fatal(err)
	}
	// A quarter at a time: September, then October, each read once.
	if len(src.ranges) != 2 {
		t.Errorf("source asked for %d ranges, want the 2 quarters: %v", len(src.ranges), src.ranges)
	}
	for r, n := range src.ranges {
		if n != 1 {
			t.Errorf("source asked %d times for %s", n, r)
		}
	}
	stored := 0
	for u := range first.calls {
		if second.calls[u] > 0 && first.calls[u] > 0 {
			// Only the page under way when it stopped may be fetched twice.
			stored++
		}
	}
	if stored > 1 {
		t.Errorf("%d pages fetched again after the restart, want at most the one in flight", stored)
	}
	if got := len(first.calls) + len(second.calls) - stored; got != 60 {
		t.Errorf("%d distinct pages fetched, want 60", got)
	}
	pubs, _ := st.Publications(context.Background())
	if len(pubs) != 9 {
		t.Errorf("%d weekly posts after restart, want 9", len(pubs))
	}
}

// flakyRescuer fails the first time it is asked for a page, for a
// temporary reason (the Wayback Machine's 429 or a timeout), then gives a
// snapshot.
type flakyRescuer struct{ fakeRescuer }

func (f *flakyRescuer) Rescue(ctx context.Context, u string, at time.Time) moisson.Page {
	if f.asked[u] == 0 {
		if f.asked == nil {
			f.asked = make(map[string]int)
		}
		f.asked[u]++
		return moisson.Page{URL: u, Status: 429, Error: "wayback: 429 Too Many Requests"}
	}
	return f.fakeRescuer.Rescue(ctx, u, at)
}

// A rescue that fails for a temporary reason is not recorded as "no
// snapshot": the backfill asks again once the scraping is done.
func TestBackfillAsksAgainAfterATemporaryRescueFailure(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	posts, dead := twoMonths(t)
	res := &flakyRescuer{}
	b := &Backfill{Sources: []RangeSource{&fakeSource{name: "archive", posts: posts}}, Store: st,
		Scraper: &fakeScraper{dead: dead}, Rescuer: res, Publisher: &storePublisher{st: st}, WeekOf: dc.WeekOf}
	if err := b.Run(ctx, paris(t, "2014-09-01 00:00"), paris(t, "2014-11-01 00:00")); err != nil {
		t.Fatal(err)
	}
	for u := range dead {
		p, err := st.Page(ctx, u)
		if err != nil || !p.OK() || p.Snapshot == "" || p.Snapshot == "none" {
			t.Errorf("dead %s not rescued after a temporary failure: %v %+v", u, err, p)
		}
		if res.asked[u] != 2 {
			t.Errorf("wayback asked %d times for %s, want 2", res.asked[u], u)
		}
	}
}

// The backfill reports its Wayback queue as a progress stage: the dead
// pages found so far, and how many were asked of the Wayback Machine; at
// the end every dead page was asked, and the counts never go backwards.
func TestBackfillReportsTheWaybackQueue(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	posts, dead := twoMonths(t)
	var calls [][2]int
	b := &Backfill{Sources: []RangeSource{&fakeSource{name: "archive", posts: posts}}, Store: st,
		Scraper: &fakeScraper{dead: dead}, Rescuer: &fakeRescuer{}, Publisher: &storePublisher{st: st}, WeekOf: dc.WeekOf,
		Progress: func(stage string, done, total int) {
			if stage == WaybackStage {
				calls = append(calls, [2]int{done, total})
			}
		}}
	if err := b.Run(ctx, paris(t, "2014-09-01 00:00"), paris(t, "2014-11-01 00:00")); err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 {
		t.Fatal("no wayback progress reported")
	}
	for i, c := range calls {
		if c[0] > c[1] || (i > 0 && (c[0] < calls[i-1][0] || c[1] < calls[i-1][1])) {
			t.Fatalf("wayback progress %v: asked more than found, or went backwards", calls)
		}
	}
	if last := calls[len(calls)-1]; last != [2]int{len(dead), len(dead)} {
		t.Errorf("last wayback progress %v, want %d of %d dead pages asked", last, len(dead), len(dead))
	}
}
