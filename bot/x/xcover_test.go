package x

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson/bot"
)

func TestSpansAddAndGaps(t *testing.T) {
	var ss spans
	ss = ss.add(10, 20)
	ss = ss.add(40, 50)
	ss = ss.add(21, 25) // adjacent: merged
	ss = ss.add(45, 60) // overlapping: merged
	ss = ss.add(5, 3)   // empty: ignored
	if got := ss.String(); got != "10-25,40-60" {
		t.Fatalf("spans = %s", got)
	}
	back, err := parseSpans(ss.String())
	if err != nil || back.String() != ss.String() {
		t.Fatalf("parseSpans(%s) = %s, %v", ss, back, err)
	}
	for _, tc := range []struct {
		lo, hi uint64
		want   string
	}{
		{0, 100, "0-9,26-39,61-100"},
		{12, 24, ""},
		{12, 45, "26-39"},
		{26, 39, "26-39"},
		{70, 80, "70-80"},
	} {
		got := spans(ss.gaps(tc.lo, tc.hi)).String()
		if got != tc.want {
			t.Errorf("gaps(%d, %d) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
	if _, err := parseSpans("12-3"); err == nil {
		t.Error("a reversed span was accepted")
	}
}

func TestSnowflakeTimes(t *testing.T) {
	for _, s := range []string{"2010-11-06T00:00:00Z", "2014-10-01T07:40:00.123Z", "2026-12-01T05:25:35Z"} {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		id := xIDAt(at)
		if got := xIDTime(id); !got.Equal(at) {
			t.Errorf("xIDTime(xIDAt(%s)) = %s", s, got)
		}
		if xIDTime(id-1).After(at.Add(-time.Millisecond)) || !xIDTime(id+1<<22-1).Equal(at) {
			t.Errorf("ids around %s do not map to their millisecond", s)
		}
	}
	// A real post, the X API docs' example: created_at
	// "2019-12-31T19:26:16.000Z" (the API gives whole seconds).
	if got := xIDTime(1212092628029698048).Truncate(time.Second).Format(time.RFC3339); got != "2019-12-31T19:26:16Z" {
		t.Errorf("xIDTime(1212092628029698048) = %s", got)
	}
}

// TestXV2UnsavedReadIsNotCovered: a read whose posts were not stored (the
// Save after Fetch failed, or the process died in between) is not counted
// as covered: the backfill still asks for it.
func TestXV2UnsavedReadIsNotCovered(t *testing.T) {
	now := time.Date(2024, 12, 10, 12, 0, 0, 0, time.UTC)
	x, tl, _, st, _ := newSpanFixture(t, now, nil)
	for i := range 20 {
		tl.addPost(time.Date(2024, 11, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Hour), fmt.Sprintf("https://example.org/%d", i))
	}
	ctx := context.Background()
	from, to := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	whole := func() []bot.Span {
		return []bot.Span{{Lo: xIDAt(from), Hi: xIDAt(now.Add(-xReadLag)) - 1, Start: from, End: now.Add(-xReadLag)}}
	}
	if _, _, err := x.Fetch(ctx, ""); err != nil { // read, never saved
		t.Fatal(err)
	}
	gaps, err := x.Gaps(ctx, st, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(whole(), gaps); diff != "" {
		t.Errorf("gaps after an unsaved read (-want +got):\n%s", diff)
	}
	// Saved this time: covered from the store's cursor on.
	if _, err := runPoll(t, st, x); err != nil {
		t.Fatal(err)
	}
	if gaps, err := x.Gaps(ctx, st, from, to); err != nil || len(gaps) != 0 {
		t.Errorf("gaps after a saved read = %v, %v; want none", gaps, err)
	}
}

// memCursors is a CursorStore in memory.
type memCursors map[string]string

func (m memCursors) Cursor(_ context.Context, k string) (string, error) { return m[k], nil }
func (m memCursors) SetCursor(_ context.Context, k, v string) error {
	m[k] = v
	return nil
}

// ExampleMonthUsage prints the line `moisson status` shows for the X API.
func ExampleMonthUsage() {
	st := memCursors{"x:read:2026-12": "1234"}
	u, err := MonthUsage(context.Background(), st, "x", time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC), true, DefaultMaxPostsPerMonth)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u)
	// Output: 1234 posts read from the X API in 2026-12, about $1.23 at the owned reads (user context) rate ($0.001 a post); limit 3000 (MOISSON_X_MAX_POSTS_PER_MONTH)
}
