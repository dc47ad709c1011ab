package x

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/internal/bottest"
	"github.com/moisson/moisson/bot/internal/posttext"
	"github.com/moisson/moisson/digest"
)

// fakeTweet is one post of a fakeTimeline, in the v2 shape.
type fakeTweet struct {
	ID        string          `json:"id"`
	Text      string          `json:"text"`
	CreatedAt string          `json:"created_at"`
	AuthorID  string          `json:"author_id"`
	History   []string        `json:"edit_history_tweet_ids"`
	Entities  json.RawMessage `json:"entities,omitempty"`
}

// fakeTimeline is an X API v2 user timeline that honours since_id,
// until_id, start_time, end_time, max_results and pagination_token as the
// real one does (newest first), and counts what it serves: each post
// served is a post billed.
type fakeTimeline struct {
	t *testing.T

	mu     sync.Mutex
	tweets []fakeTweet // any order
	served map[string]int
	// fail, when set, answers a request instead (n counts timeline
	// requests from 1).
	fail func(w http.ResponseWriter, n int) bool
	n    int
}

// addPost adds a post made at at, with a snowflake id and one link.
func (f *fakeTimeline) addPost(at time.Time, link string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := strconv.FormatUint(xIDAt(at)+uint64(len(f.tweets)%7), 10)
	ents := fmt.Sprintf(`{"urls":[{"start":10,"end":33,"url":"https://t.co/x%s","expanded_url":%q,"display_url":"x"}]}`, id[len(id)-4:], link)
	f.tweets = append(f.tweets, fakeTweet{ID: id, Text: "post " + id + " https://t.co/x", CreatedAt: at.UTC().Format("2006-01-02T15:04:05.000Z"),
		AuthorID: "2244994945", History: []string{id}, Entities: json.RawMessage(ents)})
	return id
}

func (f *fakeTimeline) handle(w http.ResponseWriter, r *http.Request, _ int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	if f.fail != nil && f.fail(w, f.n) {
		return
	}
	q := r.URL.Query()
	num := func(k string) uint64 { n, _ := strconv.ParseUint(q.Get(k), 10, 64); return n }
	tm := func(k string) time.Time { t, _ := time.Parse(time.RFC3339, q.Get(k)); return t }
	since, until, start, end := num("since_id"), num("until_id"), tm("start_time"), tm("end_time")
	var match []fakeTweet
	for _, tw := range f.tweets {
		id, _ := strconv.ParseUint(tw.ID, 10, 64)
		at, _ := time.Parse(time.RFC3339, tw.CreatedAt)
		if since != 0 && id <= since || until != 0 && id >= until ||
			!start.IsZero() && at.Before(start) || !end.IsZero() && !at.Before(end) {
			continue
		}
		match = append(match, tw)
	}
	sort.Slice(match, func(i, j int) bool { return posttext.CompareNumericIDs(match[i].ID, match[j].ID) > 0 })
	off, _ := strconv.Atoi(strings.TrimPrefix(q.Get("pagination_token"), "tok"))
	size, _ := strconv.Atoi(q.Get("max_results"))
	if size < 5 || size > 100 {
		f.t.Errorf("max_results = %q", q.Get("max_results"))
		size = 10
	}
	page := match[min(off, len(match)):min(off+size, len(match))]
	resp := map[string]any{}
	meta := map[string]any{"result_count": len(page)}
	if len(page) > 0 {
		resp["data"] = page
		meta["newest_id"], meta["oldest_id"] = page[0].ID, page[len(page)-1].ID
		if off+size < len(match) {
			meta["next_token"] = "tok" + strconv.Itoa(off+size)
		}
	}
	resp["meta"] = meta
	for _, tw := range page {
		f.served[tw.ID]++
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("x-rate-limit-limit", "900")
	w.Header().Set("x-rate-limit-remaining", "800")
	w.Header().Set("x-rate-limit-reset", "1728130500")
	json.NewEncoder(w).Encode(resp)
}

// twiceServed returns the ids served more than once: posts billed twice.
func (f *fakeTimeline) twiceServed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []string
	for id, n := range f.served {
		if n > 1 {
			ids = append(ids, id)
		}
	}
	return ids
}

func (f *fakeTimeline) servedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.served {
		n += c
	}
	return n
}

// newSpanFixture is an X API v2 fake with a timeline of posts, a store and
// a source reading the fake through that store.
func newSpanFixture(t *testing.T, now time.Time, mod func(*V2Config)) (*V2, *fakeTimeline, *xv2Server, *archive.Store, *bottest.Clock) {
	t.Helper()
	st := bottest.OpenStore(t)
	tl := &fakeTimeline{t: t, served: map[string]int{}}
	srv := &xv2Server{t: t, timeline: tl.handle, anySize: true}
	x, clock := newTestXV2(t, srv, func(c *V2Config) {
		c.Store = st
		if mod != nil {
			mod(c)
		}
	})
	clock.Set(now)
	return x, tl, srv, st, clock
}

// runPoll does what Runner.poll does with a source: Fetch, then Save with
// the cursor in one transaction.
func runPoll(t *testing.T, st *archive.Store, src bot.Source) ([]moisson.Post, error) {
	t.Helper()
	ctx := context.Background()
	cur, err := st.Cursor(ctx, src.Name())
	if err != nil {
		t.Fatal(err)
	}
	posts, next, ferr := src.Fetch(ctx, cur)
	if ferr != nil && len(posts) == 0 {
		return nil, ferr
	}
	if _, err := st.Save(ctx, posts, src.Name(), next); err != nil {
		t.Fatal(err)
	}
	return posts, ferr
}

func newSpanBackfill(st *archive.Store, src bot.RangeSource, now func() time.Time) *bot.Backfill {
	dc := digest.DefaultConfig()
	return &bot.Backfill{Sources: []bot.RangeSource{src}, Store: st, Scraper: &bottest.Scraper{},
		Publisher: &bottest.StorePublisher{Store: st}, WeekOf: dc.WeekOf, Now: now}
}

// TestBackfillAsksNothingRunStored: run read the timeline, then a backfill
// over the same weeks makes no request at all (every post would be billed
// a second time).
func TestBackfillAsksNothingRunStored(t *testing.T) {
	now := time.Date(2024, 12, 10, 12, 0, 0, 0, time.UTC)
	x, tl, srv, st, clock := newSpanFixture(t, now, nil)
	for i := range 250 {
		tl.addPost(time.Date(2024, 9, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(i)*7*time.Hour), fmt.Sprintf("https://example.org/%d", i))
	}
	posts, err := runPoll(t, st, x)
	if err != nil || len(posts) != 250 {
		t.Fatalf("run read %d posts, %v", len(posts), err)
	}
	before := len(srv.timelineCalls())

	b := newSpanBackfill(st, x, clock.Now)
	if err := b.Run(context.Background(), time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if calls := srv.timelineCalls()[before:]; len(calls) != 0 {
		t.Errorf("backfill asked the API %d times for what run stored: %v", len(calls), calls)
	}
	if ids := tl.twiceServed(); len(ids) != 0 {
		t.Errorf("posts read twice: %v", ids)
	}
}

// TestBackfillAsksOnlyTheGapBelowRun: run started after the archive's
// import (its cursor is the newest archived post): the backfill asks only
// for what lies between the range's start and run's first post, with
// until_id at the edge of what run read, and never reads a post twice.
func TestBackfillAsksOnlyTheGapBelowRun(t *testing.T) {
	now := time.Date(2024, 12, 10, 12, 0, 0, 0, time.UTC)
	x, tl, srv, st, clock := newSpanFixture(t, now, nil)
	var ids []string
	for i := range 120 {
		ids = append(ids, tl.addPost(time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(i)*13*time.Hour), fmt.Sprintf("https://example.org/%d", i)))
	}
	ctx := context.Background()
	// run's cursor: it has read everything after post 80.
	if err := st.SetCursor(ctx, "x", ids[80]); err != nil {
		t.Fatal(err)
	}
	posts, err := runPoll(t, st, x)
	if err != nil || len(posts) != 39 {
		t.Fatalf("run read %d posts, %v; want the 39 after its cursor", len(posts), err)
	}
	before := len(srv.timelineCalls())
	b := newSpanBackfill(st, x, clock.Now)
	from := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	if err := b.Run(ctx, from, time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	calls := srv.timelineCalls()[before:]
	if len(calls) == 0 {
		t.Fatal("the gap was not asked for")
	}
	first := calls[0]
	// Weeks end on Friday at 18:00 in Paris: the first week of July 2024
	// starts on Friday 28 June.
	if first.Get("start_time") != "2024-06-28T16:00:00Z" || first.Get("until_id") != strconv.FormatUint(parseXID(ids[80])+1, 10) || first.Has("end_time") || first.Has("since_id") {
		t.Errorf("gap asked with %v; want start_time at the range's start and until_id just above run's cursor", first)
	}
	if ids := tl.twiceServed(); len(ids) != 0 {
		t.Errorf("posts read twice: %v", ids)
	}
	stored, err := st.Posts(ctx, from, now)
	if err != nil || len(stored) != 120 {
		t.Errorf("%d posts stored, %v; want all 120", len(stored), err)
	}
	// Again: nothing is asked.
	n := len(srv.timelineCalls())
	if err := b.Run(ctx, from, time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if calls := srv.timelineCalls()[n:]; len(calls) != 0 {
		t.Errorf("a second backfill asked again: %v", calls)
	}
}

// TestBackfillFutureQuarterIsReadAgain: a backfill run before its quarter
// ends reads up to now only; a later backfill reads the rest of the
// quarter, from where the first stopped.
func TestBackfillFutureQuarterIsReadAgain(t *testing.T) {
	now := time.Date(2024, 11, 15, 12, 0, 0, 0, time.UTC)
	x, tl, srv, st, clock := newSpanFixture(t, now, nil)
	for i := range 30 {
		tl.addPost(time.Date(2024, 10, 2, 10, 0, 0, 0, time.UTC).Add(time.Duration(i)*24*time.Hour), fmt.Sprintf("https://example.org/%d", i))
	}
	tl.mu.Lock()
	all := tl.tweets
	var early []fakeTweet
	for _, tw := range all {
		if at, _ := time.Parse(time.RFC3339, tw.CreatedAt); at.Before(now) {
			early = append(early, tw)
		}
	}
	tl.tweets = early // the later posts are not written yet
	tl.mu.Unlock()

	ctx := context.Background()
	from, to := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	b := newSpanBackfill(st, x, clock.Now)
	if err := b.Run(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	for _, q := range srv.timelineCalls() {
		if e := q.Get("end_time"); e != "" && e > now.Format(time.RFC3339) {
			t.Errorf("end_time %s is in the future", e)
		}
	}
	n1 := len(srv.timelineCalls())

	// A month later the author has posted the rest.
	tl.mu.Lock()
	tl.tweets = all
	tl.mu.Unlock()
	clock.Set(time.Date(2024, 12, 20, 12, 0, 0, 0, time.UTC))
	if err := b.Run(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	calls := srv.timelineCalls()[n1:]
	if len(calls) == 0 || !calls[0].Has("since_id") {
		t.Fatalf("the rest of the quarter was asked with %v; want since_id at the end of the first read", calls)
	}
	stored, err := st.Posts(ctx, from, to)
	if err != nil || len(stored) != 30 {
		t.Errorf("%d posts stored, %v; want all 30", len(stored), err)
	}
	if ids := tl.twiceServed(); len(ids) != 0 {
		t.Errorf("posts read twice: %v", ids)
	}
}

// TestBackfillResumesARangeCutByA500: the API fails after the first page
// of a quarter; the posts read are stored, and the next backfill reads
// only below them (until_id): no post is read twice.
func TestBackfillResumesARangeCutByA500(t *testing.T) {
	now := time.Date(2024, 12, 10, 12, 0, 0, 0, time.UTC)
	x, tl, srv, st, clock := newSpanFixture(t, now, func(c *V2Config) { c.MaxResults = 10 })
	for i := range 35 {
		tl.addPost(time.Date(2024, 7, 3, 10, 0, 0, 0, time.UTC).Add(time.Duration(i)*50*time.Hour), fmt.Sprintf("https://example.org/%d", i))
	}
	down := true
	tl.fail = func(w http.ResponseWriter, n int) bool {
		if !down || n == 1 {
			return false
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"title":"Internal Server Error","type":"about:blank","status":500,"detail":"Internal Server Error"}`)
		return true
	}
	ctx := context.Background()
	from, to := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	b := newSpanBackfill(st, x, clock.Now)
	var inc *bot.IncompleteError
	if err := b.Run(ctx, from, to); !errors.As(err, &inc) {
		t.Fatalf("a backfill whose source failed: %v, want an IncompleteError (exit status 1)", err)
	}
	stored, err := st.Posts(ctx, from, to)
	if err != nil || len(stored) != 10 {
		t.Fatalf("%d posts stored after the cut, %v; want the first page's 10", len(stored), err)
	}
	oldest := stored[0].ID
	n1 := len(srv.timelineCalls())

	down = false
	if err := b.Run(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	calls := srv.timelineCalls()[n1:]
	if len(calls) == 0 || calls[0].Get("until_id") != oldest {
		t.Fatalf("resumed with %v; want until_id=%s, the oldest post read", calls, oldest)
	}
	if ids := tl.twiceServed(); len(ids) != 0 {
		t.Errorf("posts read twice: %v", ids)
	}
	if stored, _ := st.Posts(ctx, from, to); len(stored) != 35 {
		t.Errorf("%d posts stored, want 35", len(stored))
	}
}

// TestXV2SpendingGuard: the reads stop before the month's count would
// pass the limit, the count survives a restart, and MonthUsage reports
// it with its cost.
func TestXV2SpendingGuard(t *testing.T) {
	now := time.Date(2024, 12, 10, 12, 0, 0, 0, time.UTC)
	x, tl, srv, st, _ := newSpanFixture(t, now, func(c *V2Config) { c.MaxResults = 5; c.MaxPostsPerMonth = 12 })
	for i := range 40 {
		tl.addPost(time.Date(2024, 11, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Hour), fmt.Sprintf("https://example.org/%d", i))
	}
	posts, err := runPoll(t, st, x)
	if !errors.Is(err, ErrSpendingLimit) {
		t.Fatalf("err = %v, want ErrSpendingLimit", err)
	}
	if !strings.Contains(err.Error(), "MOISSON_X_MAX_POSTS_PER_MONTH") {
		t.Errorf("err = %q does not name the variable", err)
	}
	if len(posts) != 10 || tl.servedCount() != 10 {
		t.Errorf("read %d posts (%d served), want 10: two pages of 5, the third would pass 12", len(posts), tl.servedCount())
	}
	ctx := context.Background()
	u, err := MonthUsage(ctx, st, "x", now, false, 12)
	if err != nil {
		t.Fatal(err)
	}
	if u.Posts != 10 || u.Month != "2024-12" || u.CostUSD != 10*PriceStandard || !u.LimitReached() {
		t.Errorf("usage = %+v", u)
	}
	if s := u.String(); !strings.Contains(s, "10 posts read from the X API in 2024-12, about $0.05") || !strings.Contains(s, "limit 12 reached") {
		t.Errorf("status line %q", s)
	}
	if u, _ := MonthUsage(ctx, st, "x", now, true, 12); u.CostUSD != 10*PriceOwnedReads {
		t.Errorf("owned reads cost %v", u.CostUSD)
	}

	// A new process on the same store: no request at all.
	n := len(srv.timelineCalls())
	x2, err := NewV2(V2Config{BaseURL: x.base, BearerToken: testBearer, Username: "janedoe", HTTPClient: x.client,
		Now: func() time.Time { return now }, Store: st, MaxPostsPerMonth: 12, MaxResults: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runPoll(t, st, x2); !errors.Is(err, ErrSpendingLimit) {
		t.Errorf("err = %v after a restart", err)
	}
	if calls := srv.timelineCalls()[n:]; len(calls) != 0 {
		t.Errorf("%d requests past the limit", len(calls))
	}
	// Next month the reads go on.
	next := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	x2.now = func() time.Time { return next }
	if _, err := runPoll(t, st, x2); !errors.Is(err, ErrSpendingLimit) && err != nil {
		t.Fatal(err)
	}
	if u, _ := MonthUsage(ctx, st, "x", next, false, 12); u.Posts == 0 {
		t.Error("nothing read in the new month")
	}
}

// TestXV2UsageCappedPausesUntilNextMonth: X's usage cap gives its own
// message, and no request is made again before the next month.
func TestXV2UsageCappedPausesUntilNextMonth(t *testing.T) {
	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			serveAPIFile(t, w, http.StatusTooManyRequests, "v2_usage_capped.json", nil)
			return
		}
		serveAPIFile(t, w, http.StatusOK, "v2_empty.json", nil)
	}
	x, clock := newTestXV2(t, srv, nil)
	ctx := context.Background()
	_, _, err := x.Fetch(ctx, "")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Temporary() || !strings.Contains(err.Error(), "monthly cap reached") ||
		!apiErr.RetryAt.Equal(time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("err = %v (%+v)", err, apiErr)
	}
	if _, _, err := x.Fetch(ctx, ""); err == nil || !strings.Contains(err.Error(), "paused until 2024-11-01") {
		t.Errorf("second Fetch: %v", err)
	}
	if n := len(srv.timelineCalls()); n != 1 {
		t.Errorf("%d requests while paused", n)
	}
	clock.Set(time.Date(2024, 11, 1, 0, 0, 1, 0, time.UTC))
	if _, _, err := x.Fetch(ctx, ""); err != nil {
		t.Errorf("after the pause: %v", err)
	}
}

// TestXV2ClientForbiddenPauses: a 403 client-not-enrolled says what to do
// in the developer portal and pauses until the rate-limit reset.
func TestXV2ClientForbiddenPauses(t *testing.T) {
	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		serveAPIFile(t, w, http.StatusForbidden, "v2_403_not_enrolled.json", map[string]string{"x-rate-limit-reset": "1728130500"})
	}
	x, _ := newTestXV2(t, srv, nil)
	ctx := context.Background()
	_, _, err := x.Fetch(ctx, "")
	if err == nil || !strings.Contains(err.Error(), "not enrolled") || !strings.Contains(err.Error(), "developer portal") {
		t.Fatalf("err = %v", err)
	}
	if _, _, err := x.Fetch(ctx, ""); err == nil || !strings.Contains(err.Error(), "paused until 2024-10-05T12:15:00Z") {
		t.Errorf("second Fetch: %v", err)
	}
	if n := len(srv.timelineCalls()); n != 1 {
		t.Errorf("%d requests while paused", n)
	}
}
