package scrape

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// fakeClock is a Clock whose Sleep advances time at once.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
	return nil
}

// waybackCapture is one capture the fake Wayback Machine holds.
type waybackCapture struct {
	ts     string
	status string
	body   string
}

// fakeArchive answers like web.archive.org: the CDX API (JSON rows, the
// first naming the fields, filter=statuscode:200 and sort=closest
// honoured), /web/TSid_/URL captures, Save Page Now (POST /save,
// /save/status/JOB, /save/status/user), and 429s when told.
type fakeArchive struct {
	t     *testing.T
	clock *fakeClock
	srv   *httptest.Server

	mu       sync.Mutex
	captures map[string][]waybackCapture
	arrivals []time.Time // fake-clock time of every request
	paths    []string
	// throttle answers the next n requests 429, with retryAfter when set.
	throttle   int
	retryAfter string
	// SPN
	available int
	jobs      map[string]string // job id -> url
	polls     map[string]int
	auth      []string
	saved     []string
}

func newFakeArchive(t *testing.T, clock *fakeClock) *fakeArchive {
	f := &fakeArchive{t: t, clock: clock, captures: map[string][]waybackCapture{}, jobs: map[string]string{}, polls: map[string]int{}, available: 5}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeArchive) add(u string, caps ...waybackCapture) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.captures[u] = append(f.captures[u], caps...)
}

func (f *fakeArchive) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.arrivals = append(f.arrivals, f.clock.Now())
	f.paths = append(f.paths, r.URL.Path)
	if f.throttle > 0 {
		f.throttle--
		ra := f.retryAfter
		f.mu.Unlock()
		if ra != "" {
			w.Header().Set("Retry-After", ra)
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(w, "<html><body><h1>429 Too Many Requests</h1></body></html>")
		return
	}
	f.mu.Unlock()
	switch {
	case r.URL.Path == "/cdx/search/cdx":
		f.cdx(w, r)
	case strings.HasPrefix(r.URL.Path, "/web/"):
		f.capture(w, r)
	case r.URL.Path == "/save" && r.Method == http.MethodPost:
		f.save(w, r)
	case r.URL.Path == "/save/status/user":
		f.mu.Lock()
		f.auth = append(f.auth, r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"available": %d, "processing": 0}`, f.available)
		f.mu.Unlock()
	case strings.HasPrefix(r.URL.Path, "/save/status/"):
		f.status(w, r)
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeArchive) cdx(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for _, want := range []string{"url", "output", "closest", "sort", "limit", "fl", "filter"} {
		if q.Get(want) == "" {
			f.t.Errorf("cdx query without %s: %s", want, r.URL.RawQuery)
		}
	}
	closest, _ := time.Parse("20060102150405", q.Get("closest"))
	f.mu.Lock()
	caps := append([]waybackCapture(nil), f.captures[q.Get("url")]...)
	f.mu.Unlock()
	sort.SliceStable(caps, func(i, j int) bool {
		ti, _ := time.Parse("20060102150405", caps[i].ts)
		tj, _ := time.Parse("20060102150405", caps[j].ts)
		return ti.Sub(closest).Abs() < tj.Sub(closest).Abs()
	})
	var rows []string
	for _, c := range caps {
		if q.Get("filter") == "statuscode:200" && c.status != "200" {
			continue
		}
		if to := q.Get("to"); to != "" && c.ts > to {
			continue
		}
		if from := q.Get("from"); from != "" && c.ts < from {
			continue
		}
		rows = append(rows, fmt.Sprintf(`["%s","%s","%s","text/html","DIGEST%s"]`, c.ts, q.Get("url"), c.status, c.ts))
	}
	limit := 0
	fmt.Sscan(q.Get("limit"), &limit)
	if len(rows) > limit {
		rows = rows[:limit]
	}
	w.Header().Set("Content-Type", "application/json")
	if len(rows) == 0 {
		fmt.Fprint(w, "[]")
		return
	}
	fmt.Fprintf(w, "[[\"timestamp\",\"original\",\"statuscode\",\"mimetype\",\"digest\"],\n%s]", strings.Join(rows, ",\n"))
}

func (f *fakeArchive) capture(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.RequestURI(), "/web/")
	ts, orig, _ := strings.Cut(rest, "/")
	if !strings.HasSuffix(ts, "id_") {
		http.Error(w, "want the raw capture (id_)", http.StatusBadRequest)
		return
	}
	ts = strings.TrimSuffix(ts, "id_")
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.captures[orig] {
		if c.ts == ts {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, c.body)
			return
		}
	}
	http.NotFound(w, r)
}

func (f *fakeArchive) save(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	w.Header().Set("Content-Type", "application/json")
	if f.available <= 0 {
		fmt.Fprint(w, `{"status":"error","status_ext":"error:user-session-limit","message":"You cannot make more than 5 concurrent captures."}`)
		return
	}
	f.available--
	id := fmt.Sprintf("spn2-%04d", len(f.jobs)+1)
	f.jobs[id] = r.PostForm.Get("url")
	fmt.Fprintf(w, `{"url":%q,"job_id":%q}`, r.PostForm.Get("url"), id)
}

func (f *fakeArchive) status(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/save/status/")
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.jobs[id]
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		fmt.Fprintf(w, `{"status":"error","job_id":%q,"status_ext":"error:not-found","message":"job not found"}`, id)
		return
	}
	f.polls[id]++
	if f.polls[id] < 2 {
		fmt.Fprintf(w, `{"status":"pending","job_id":%q,"resources":["%s"]}`, id, u)
		return
	}
	f.saved = append(f.saved, u)
	f.available++
	fmt.Fprintf(w, `{"status":"success","job_id":%q,"original_url":%q,"timestamp":"20240301120500","duration_sec":6.2,"resources":[%q],"outlinks":{}}`, id, u, u)
}

const goodCapture = `<html><head><title>Gone but archived</title></head><body><article><h1>Gone but archived</h1>
<p>This is the opening paragraph of a post that disappeared from the web a long time ago, kept by the archive.</p></article></body></html>`

func newTestWayback(t *testing.T, f *fakeArchive, clock *fakeClock, perMinute float64) *Wayback {
	s := New(Options{AllowPrivate: true, HostDelay: -1, Retries: -1})
	return NewWayback(s, WaybackOptions{Base: f.srv.URL, Limiter: NewWaybackLimiter(LimiterOptions{PerMinute: perMinute, Clock: clock})})
}

func TestWaybackRescueNearestGoodCapture(t *testing.T) {
	clock := newFakeClock()
	f := newFakeArchive(t, clock)
	live := "http://gone.example.com/2014/10/post.html"
	f.add(live,
		// The nearest capture of all is an error page captured as 404:
		// the CDX filter leaves it out.
		waybackCapture{ts: "20141001070000", status: "404", body: "<title>404 Not Found</title>"},
		// The nearest answered 200 is the domain parked: not a rescue.
		waybackCapture{ts: "20141002080000", status: "200", body: `<html><head><title>gone.example.com is for sale!</title></head><body><p>This domain may be for sale. Buy this domain today from our partners.</p></body></html>`},
		waybackCapture{ts: "20140920101010", status: "200", body: goodCapture},
		waybackCapture{ts: "20120101101010", status: "200", body: goodCapture},
	)
	wb := newTestWayback(t, f, clock, 15)
	at := time.Date(2014, 10, 1, 7, 12, 0, 0, time.UTC)

	p := wb.Rescue(context.Background(), live, at)
	if !p.OK() {
		t.Fatalf("rescue failed: %s", p.Error)
	}
	if p.URL != live || p.CanonicalURL != live {
		t.Errorf("URL=%q CanonicalURL=%q, want the live URL %q", p.URL, p.CanonicalURL, live)
	}
	if want := f.srv.URL + "/web/20140920101010/" + live; p.Snapshot != want {
		t.Errorf("Snapshot = %q, want %q (the nearest good capture)", p.Snapshot, want)
	}
	if p.Title != "Gone but archived" || !strings.HasPrefix(p.Lead, "This is the opening paragraph") {
		t.Errorf("title %q lead %q", p.Title, p.Lead)
	}
	// A CDX query for the captures up to the share, the good one: the
	// parked capture made after the share, though nearer, is never asked.
	if len(f.paths) != 2 {
		t.Errorf("%d requests (%v), want 2", len(f.paths), f.paths)
	}

	// No capture before the share: the nearest after it (a second CDX
	// query, then the capture).
	later := "http://later.example.com/post"
	f.add(later, waybackCapture{ts: "20141005000000", status: "200", body: goodCapture})
	n := len(f.paths)
	if p := wb.Rescue(context.Background(), later, at); !p.OK() || !strings.Contains(p.Snapshot, "/web/20141005000000/") {
		t.Errorf("only a later capture: %q (%s), want it", p.Snapshot, p.Error)
	}
	if got := len(f.paths) - n; got != 3 {
		t.Errorf("%d requests (%v), want 3", got, f.paths[n:])
	}

	missing := wb.Rescue(context.Background(), "http://never.example.com/", at)
	if missing.OK() || !missing.Permanent {
		t.Errorf("no capture: OK=%v Permanent=%v, want a permanent failure", missing.OK(), missing.Permanent)
	}

	onlyBad := "http://parked.example.com/"
	f.add(onlyBad, waybackCapture{ts: "20141001000000", status: "200", body: `<html><head><title>Error 404</title></head><body><p>Page not found.</p></body></html>`},
		waybackCapture{ts: "20141003000000", status: "200", body: `<html><title>x</title><body></body></html>`})
	bad := wb.Rescue(context.Background(), onlyBad, at)
	if bad.OK() || !bad.Permanent || !strings.Contains(bad.Error, "no usable capture") {
		t.Errorf("only bad captures: %+v, want a permanent 'no usable capture'", bad)
	}
}

func TestWaybackOneSharedLimiter(t *testing.T) {
	clock := newFakeClock()
	f := newFakeArchive(t, clock)
	const dead, perMinute = 100, 15
	var urls []string
	for i := range dead {
		u := fmt.Sprintf("http://dead%d.example.com/p", i)
		urls = append(urls, u)
		f.add(u, waybackCapture{ts: "20141001000000", status: "200", body: goodCapture})
	}
	wb := newTestWayback(t, f, clock, perMinute)
	// Eight workers at once, as a scraper would: the limiter is shared.
	var wg sync.WaitGroup
	work := make(chan string)
	for range 8 {
		wg.Go(func() {
			for u := range work {
				if p := wb.Rescue(context.Background(), u, time.Date(2014, 10, 1, 0, 0, 0, 0, time.UTC)); !p.OK() {
					t.Errorf("%s: %s", u, p.Error)
				}
			}
		})
	}
	for _, u := range urls {
		work <- u
	}
	close(work)
	wg.Wait()

	if len(f.arrivals) != dead*RequestsPerRescue {
		t.Fatalf("%d requests for %d dead pages, want %d", len(f.arrivals), dead, dead*RequestsPerRescue)
	}
	// One queue at the rate: no two requests closer than the interval.
	assertSpaced(t, f.arrivals, time.Minute/perMinute)
	st := wb.Limiter().Stats()
	if st.Sent != dead*RequestsPerRescue || st.Queued != 0 {
		t.Errorf("stats %+v", st)
	}
	if got, want := wb.Estimate(10), 10*RequestsPerRescue*st.Interval; got != want {
		t.Errorf("Estimate(10) = %s, want %s", got, want)
	}
}

// TestWaybackNearestEndsAtShareDate: the link-rot sweep's capture is the
// nearest made up to the share, never one made after (the page may have
// changed or died by then), even when a later one is nearer.
func TestWaybackNearestEndsAtShareDate(t *testing.T) {
	clock := newFakeClock()
	f := newFakeArchive(t, clock)
	u := "http://gone.example.com/post"
	f.add(u,
		waybackCapture{ts: "20141001120000", status: "200", body: goodCapture}, // 2 hours after
		waybackCapture{ts: "20140928100000", status: "200", body: goodCapture}, // 3 days before
	)
	wb := newTestWayback(t, f, clock, 6000)
	shared := time.Date(2014, 10, 1, 10, 0, 0, 0, time.UTC)
	c, ok, err := wb.Nearest(context.Background(), u, shared)
	if err != nil || !ok {
		t.Fatalf("Nearest: %v %v", ok, err)
	}
	if c.Timestamp != "20140928100000" {
		t.Errorf("capture %s, want 20140928100000 (the nearest before the share)", c.Timestamp)
	}
	if _, ok, _ := wb.Nearest(context.Background(), "http://later.example.com/", shared); ok {
		t.Errorf("found a capture for a link with none")
	}
	f.add("http://only-after.example.com/", waybackCapture{ts: "20141001100001", status: "200", body: goodCapture})
	if c, ok, _ := wb.Nearest(context.Background(), "http://only-after.example.com/", shared); ok {
		t.Errorf("capture %s made after the share, want none", c.Timestamp)
	}
}

// assertSpaced fails unless every two requests, in order of arrival, are
// at least interval apart.
func assertSpaced(t *testing.T, arrivals []time.Time, interval time.Duration) {
	t.Helper()
	sorted := append([]time.Time(nil), arrivals...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
	for i := 1; i < len(sorted); i++ {
		if d := sorted[i].Sub(sorted[i-1]); d < interval {
			t.Fatalf("requests %d and %d %s apart, want at least %s", i-1, i, d, interval)
		}
	}
}

// TestWaybackLimiterNoBurstAfterIdle: after a quiet spell (an hour with no
// request), requests from several goroutines (as from run's rescues, the
// archiver and a socket client of the daemon at once) still go one
// interval apart, the first at once.
func TestWaybackLimiterNoBurstAfterIdle(t *testing.T) {
	clock := newFakeClock()
	f := newFakeArchive(t, clock)
	const perMinute = 15
	wb := newTestWayback(t, f, clock, perMinute)
	ctx := context.Background()
	at := time.Date(2014, 10, 1, 0, 0, 0, 0, time.UTC)
	if _, _, err := wb.Nearest(ctx, "http://a.example.com/", at); err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		clock.Sleep(ctx, time.Hour) // idle
		start := clock.Now()
		var wg sync.WaitGroup
		for i := range 5 {
			wg.Go(func() {
				if _, err := wb.Captures(ctx, fmt.Sprintf("http://r%d-%d.example.com/", round, i), at, CaptureQuery{}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		f.mu.Lock()
		arrivals := append([]time.Time(nil), f.arrivals...)
		f.mu.Unlock()
		assertSpaced(t, arrivals, time.Minute/perMinute)
		if first := arrivals[len(arrivals)-5]; !first.Equal(start) {
			t.Errorf("round %d: first request after idle at +%s, want at once", round, first.Sub(start))
		}
	}
	if n := len(f.arrivals); n != 16 {
		t.Errorf("%d requests, want 16", n)
	}
}

func TestWayback429PausesEveryRequest(t *testing.T) {
	for _, tc := range []struct {
		name       string
		retryAfter string
		throttle   int
		minPause   time.Duration
	}{
		{"without Retry-After", "", 1, time.Minute},
		{"with Retry-After", "300", 1, 5 * time.Minute},
		{"twice in a row grows", "", 2, 3 * time.Minute}, // 1 min, then 2
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFakeClock()
			f := newFakeArchive(t, clock)
			for i := range 6 {
				f.add(fmt.Sprintf("http://dead%d.example.com/", i), waybackCapture{ts: "20141001000000", status: "200", body: goodCapture})
			}
			wb := newTestWayback(t, f, clock, 600)
			at := time.Date(2014, 10, 1, 0, 0, 0, 0, time.UTC)
			if p := wb.Rescue(context.Background(), "http://dead0.example.com/", at); !p.OK() {
				t.Fatal(p.Error)
			}
			f.mu.Lock()
			f.throttle, f.retryAfter = tc.throttle, tc.retryAfter
			first := len(f.arrivals)
			f.mu.Unlock()
			var wg sync.WaitGroup
			for i := 1; i < 6; i++ {
				wg.Go(func() {
					if p := wb.Rescue(context.Background(), fmt.Sprintf("http://dead%d.example.com/", i), at); !p.OK() {
						t.Errorf("after the pause: %s", p.Error)
					}
				})
			}
			wg.Wait()
			f.mu.Lock()
			defer f.mu.Unlock()
			throttledAt := f.arrivals[first]
			next := f.arrivals[first+tc.throttle]
			if gap := next.Sub(f.arrivals[first+tc.throttle-1]); tc.throttle == 2 && gap < 2*time.Minute {
				t.Errorf("second 429 paused %s, want at least 2m", gap)
			}
			if gap := next.Sub(throttledAt); gap < tc.minPause {
				t.Errorf("next request %s after the 429, want at least %s", gap, tc.minPause)
			}
			for _, a := range f.arrivals[first+tc.throttle:] {
				if a.Before(next) {
					t.Errorf("a request went during the pause")
				}
			}
			if st := wb.Limiter().Stats(); st.Throttled != tc.throttle {
				t.Errorf("throttled %d, want %d", st.Throttled, tc.throttle)
			}
		})
	}
}

func TestWaybackThrottledIsTemporary(t *testing.T) {
	clock := newFakeClock()
	f := newFakeArchive(t, clock)
	f.throttle = 100
	wb := newTestWayback(t, f, clock, 60)
	p := wb.Rescue(context.Background(), "http://dead.example.com/", time.Now())
	if p.OK() || p.Permanent {
		t.Fatalf("still throttled: %+v, want a temporary failure", p)
	}
	if len(f.arrivals) != waybackTries {
		t.Errorf("%d tries, want %d", len(f.arrivals), waybackTries)
	}
}

func TestSavePageNow(t *testing.T) {
	clock := newFakeClock()
	f := newFakeArchive(t, clock)
	f.available = 1
	wb := newTestWayback(t, f, clock, 60)
	sp := wb.SavePageNow("KEY", "SECRET")
	u := "https://example.com/new-post"
	got, err := sp.Save(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	if want := f.srv.URL + "/web/20240301120500/" + u; got != want {
		t.Errorf("capture %q, want %q", got, want)
	}
	for _, a := range f.auth {
		if a != "LOW KEY:SECRET" {
			t.Errorf("Authorization %q", a)
		}
	}
	// Quota used up: nothing submitted.
	f.mu.Lock()
	f.available = 0
	jobs := len(f.jobs)
	f.mu.Unlock()
	if _, err := sp.Save(context.Background(), "https://example.com/other"); err != ErrQuota {
		t.Errorf("no quota: %v, want ErrQuota", err)
	}
	if len(f.jobs) != jobs {
		t.Errorf("submitted beyond the quota")
	}
	// Anonymous: no Authorization.
	f.auth, f.available = nil, 1
	if _, err := wb.SavePageNow("", "").Save(context.Background(), "https://example.com/anon"); err != nil {
		t.Fatal(err)
	}
	for _, a := range f.auth {
		if a != "" {
			t.Errorf("anonymous capture sent Authorization %q", a)
		}
	}
}

func TestBadCapture(t *testing.T) {
	for _, tc := range []struct {
		title, lead string
		bad         bool
	}{
		{"Universal SSL: How It Scales", "On Monday, we announced Universal SSL, enabling HTTPS for all websites.", false},
		{"example.com is for sale", "Buy this domain.", true},
		{"404 Not Found", "The page you asked for is not here, sorry about that, try the home page.", true},
		{"Page introuvable", "La page que vous cherchez n'existe pas ou plus sur ce site, désolé.", true},
		{"Hi", "", true},
	} {
		p := moissonPage(tc.title, tc.lead)
		if got := BadCapture(p) != ""; got != tc.bad {
			t.Errorf("BadCapture(%q, %q) = %v, want %v", tc.title, tc.lead, got, tc.bad)
		}
	}
}

func moissonPage(title, lead string) moisson.Page {
	return moisson.Page{Title: title, Lead: lead, Kind: moisson.KindHTML}
}

// TestParseCDXDefaultFields: a CDX answer with the API's default fields
// (urlkey first, length last), as web.archive.org answers without fl=:
// the fields are read by name, and only the captures answered 200 kept
// (a revisit "-" and a 404 left out).
func TestParseCDXDefaultFields(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "wayback", "cdx-default-fields.json"))
	if err != nil {
		t.Fatal(err)
	}
	caps, err := parseCDX(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(caps) != 1 || caps[0].Timestamp != "20140930101010" || caps[0].Original != "http://blog.example.com/2014/10/post.html" || caps[0].MimeType != "text/html" {
		t.Errorf("captures %+v, want the one answered 200", caps)
	}
	for _, empty := range []string{"", "[]", "[[\"timestamp\",\"original\"]]"} {
		if caps, err := parseCDX([]byte(empty)); err != nil || len(caps) != 0 {
			t.Errorf("parseCDX(%q) = %v, %v, want none", empty, caps, err)
		}
	}
}
