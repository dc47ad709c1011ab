package bot

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
)

// A backfill names the sources that gave nothing for the range, counts
// only the weeks that are over, and refuses a range with none.
func TestBackfillNamesSilentSourcesAndCountsOnlyWeeksOver(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	full := &fakeSource{name: "archive", posts: []moisson.Post{post("1", paris(t, "2014-09-30 10:00"), "https://a.example/1")}}
	empty := &fakeSource{name: "mastodon"}
	now := paris(t, "2014-10-08 12:00") // inside the week ending 10 October
	var weeks []int
	b := &Backfill{Sources: []RangeSource{full, empty}, Store: st, Scraper: &fakeScraper{}, Publisher: &storePublisher{st: st},
		WeekOf: dc.WeekOf, Now: func() time.Time { return now },
		Progress: func(stage string, done, total int) {
			if stage == "weeks" {
				weeks = append(weeks, total)
			}
		}}
	if err := b.Run(ctx, paris(t, "2014-09-22 00:00"), now); err != nil {
		t.Fatal(err)
	}
	// The weeks ending 26 September and 3 October; not the one under way.
	if len(weeks) == 0 || weeks[0] != 2 {
		t.Errorf("progress counted %v weeks, want 2", weeks)
	}
	if got := b.Silent(); !slices.Equal(got, []string{"mastodon"}) {
		t.Errorf("Silent() = %v, want [mastodon]", got)
	}
	err := b.Run(ctx, paris(t, "2014-10-06 00:00"), now)
	if !errors.Is(err, ErrNothingToBackfill) {
		t.Errorf("a range with no week over gave %v, want ErrNothingToBackfill", err)
	}
}

// A source that reads ranges (Mastodon, Bluesky) is read again over the
// range asked only, its position untouched.
func TestRunnerRereadOfARangeSourceReadsTheRangeOnly(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	src := &fakeSource{name: "mastodon", posts: []moisson.Post{
		post("1", paris(t, "2014-09-20 10:00"), "https://a.example/old"),
		post("2", paris(t, "2014-10-01 10:00"), "https://a.example/before-edit"),
	}}
	for i := range src.posts {
		src.posts[i].Source = "mastodon"
	}
	now := paris(t, "2014-10-02 12:00")
	r := &Runner{Sources: []Source{src}, Store: st, Scraper: &fakeScraper{}, Publisher: &fakePublisher{}, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	cursor, _ := st.Cursor(ctx, "mastodon")
	src.posts[0].URLs = []string{"https://a.example/old-edited"}
	src.posts[1].URLs = []string{"https://a.example/after-edit"}
	since := paris(t, "2014-09-26 00:00")
	if err := RequestReread(ctx, st, "mastodon", since); err != nil {
		t.Fatal(err)
	}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	links, _ := st.Links(ctx, time.Time{}, now)
	var urls []string
	for _, l := range links {
		urls = append(urls, l.URL)
	}
	if want := []string{"https://a.example/old", "https://a.example/after-edit"}; !slices.Equal(urls, want) {
		t.Errorf("links %v, want %v", urls, want)
	}
	if n := src.ranges[since.UTC().String()+" "+now.String()]; n != 1 {
		t.Errorf("the range since %s was read %d times, want once: %v", since, n, src.ranges)
	}
	if got, _ := st.Cursor(ctx, "mastodon"); got != cursor {
		t.Errorf("position %q after the reread, want %q kept", got, cursor)
	}
	if _, ok, _ := RereadPending(ctx, st, "mastodon"); ok {
		t.Error("the reread is still pending")
	}
}
