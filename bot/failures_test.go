package bot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson/digest"
)

// TestRunnerCountsFailedPollsInARow: each failed poll of a source is
// counted in the store with its error (secrets hidden) and when the
// failures began; the next poll that works clears the count, and a
// restarted loop goes on counting.
func TestRunnerCountsFailedPollsInARow(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	dc := digest.DefaultConfig()
	bad := &fakeSource{name: "feed:https://example.org/feed?token=s3cr3tvalue", err: errors.New("get https://example.org/feed?token=s3cr3tvalue: 503 Service Unavailable")}
	good := &fakeSource{name: "x"}
	now := paris(t, "2014-10-01 12:00")
	newRunner := func() *Runner {
		return &Runner{Sources: []Source{bad, good}, Store: st, Scraper: &fakeScraper{}, Publisher: &fakePublisher{},
			WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	}
	first := now
	for i := 1; i <= 3; i++ {
		if err := newRunner().Cycle(ctx); err == nil {
			t.Fatal("a cycle with a failing source returned no error")
		}
		f, err := Failures(ctx, st, bad.name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Count != i || !f.Since.Equal(first) {
			t.Fatalf("after %d failed polls: %+v, want count %d since %v", i, f, i, first)
		}
		if !strings.Contains(f.LastErr, "503 Service Unavailable") || strings.Contains(f.LastErr, "s3cr3tvalue") {
			t.Errorf("last error %q: want the cause, secrets hidden", f.LastErr)
		}
		if g, _ := Failures(ctx, st, good.name); g.Count != 0 {
			t.Errorf("the source that works has %d failures", g.Count)
		}
		now = now.Add(15 * time.Minute)
	}
	bad.err = nil
	if err := newRunner().Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if f, _ := Failures(ctx, st, bad.name); f.Count != 0 {
		t.Errorf("after a poll that worked: %+v, want no failure", f)
	}
	if at, _ := LastRead(ctx, st, bad.name); !at.Equal(now) {
		t.Errorf("last read %v, want %v", at, now)
	}
}
