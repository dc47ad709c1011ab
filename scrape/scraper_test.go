package scrape

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// routeTo returns a transport that sends every request, whatever its host,
// to srv: tests name as many hosts as they like (a.test, b.test…) and the
// handler tells them apart by r.Host.
func routeTo(srv *httptest.Server) *http.Transport {
	addr := srv.Listener.Addr().String()
	var d net.Dialer
	return &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConns:        1000,
		MaxIdleConnsPerHost: 2,
	}
}

// scrapeAllPages runs ScrapeAll and returns the pages reported, checking that fn
// is never called concurrently.
func scrapeAllPages(t testing.TB, ctx context.Context, s *Scraper, urls []string) []moisson.Page {
	t.Helper()
	var pages []moisson.Page
	var inside atomic.Int32
	s.ScrapeAll(ctx, urls, func(p moisson.Page) {
		if inside.Add(1) != 1 {
			t.Error("fn called concurrently")
		}
		pages = append(pages, p)
		inside.Add(-1)
	})
	return pages
}

func pagesByURL(pages []moisson.Page) map[string]moisson.Page {
	m := make(map[string]moisson.Page, len(pages))
	for _, p := range pages {
		m[p.URL] = p
	}
	return m
}

func TestScrapeAllReportsEachURLOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/gone") {
			http.NotFound(w, r)
			return
		}
		serveOK(w, r)
	}))
	defer srv.Close()
	s := New(Options{Transport: routeTo(srv), HostDelay: -1, Concurrency: 3, Now: func() time.Time { return fetchNow }})

	urls := []string{
		"http://a.test/1", "http://a.test/2", "http://a.test/3",
		"http://b.test/gone",
		"http://c.test/1",
		"http://a.test/1", // again
		"ftp://files.test/x",
		"",
		"http://A.TEST/4", // same host, other case
	}
	pages := scrapeAllPages(t, context.Background(), s, urls)
	got := pagesByURL(pages)
	if len(pages) != len(got) || len(got) != 8 {
		t.Fatalf("reported %d pages for %d distinct URLs: %v", len(pages), 8, pages)
	}
	tests := []struct {
		url       string
		ok        bool
		permanent bool
		status    int
	}{
		{"http://a.test/1", true, false, 200},
		{"http://a.test/2", true, false, 200},
		{"http://a.test/3", true, false, 200},
		{"http://A.TEST/4", true, false, 200},
		{"http://b.test/gone", false, true, 404},
		{"http://c.test/1", true, false, 200},
		{"ftp://files.test/x", false, true, 0},
		{"", false, true, 0},
	}
	for _, tc := range tests {
		p, found := got[tc.url]
		if !found {
			t.Errorf("%q not reported", tc.url)
			continue
		}
		if p.OK() != tc.ok || p.Permanent != tc.permanent || p.Status != tc.status || p.FetchedAt != fetchNow {
			t.Errorf("%q: page = %+v, want OK %v Permanent %v Status %d", tc.url, p, tc.ok, tc.permanent, tc.status)
		}
	}
}

func TestScrapeAllNothingToDo(t *testing.T) {
	s := New(Options{})
	for _, urls := range [][]string{nil, {}} {
		if pages := scrapeAllPages(t, context.Background(), s, urls); len(pages) != 0 {
			t.Errorf("ScrapeAll(%v) reported %v", urls, pages)
		}
	}
}

// hostVisit is one request as the server saw it.
type hostVisit struct {
	host       string
	start, end time.Time
}

func TestScrapeAllPoliteness(t *testing.T) {
	const (
		delay   = 20 * time.Millisecond
		nHosts  = 4
		perHost = 5
	)
	var (
		mu       sync.Mutex
		visits   []hostVisit
		inFlight = make(map[string]int)
		overlaps []string
		// The first request of every host waits for the first of all the
		// others: they can only all arrive if hosts are fetched together.
		firsts     = make(map[string]bool)
		allArrived = make(chan struct{})
		together   atomic.Bool
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		mu.Lock()
		inFlight[r.Host]++
		if inFlight[r.Host] > 1 {
			overlaps = append(overlaps, r.Host)
		}
		first := !firsts[r.Host]
		if first {
			firsts[r.Host] = true
			if len(firsts) == nHosts {
				close(allArrived)
			}
		}
		mu.Unlock()
		if first {
			select {
			case <-allArrived:
				together.Store(true)
			case <-time.After(5 * time.Second):
			}
		}
		time.Sleep(2 * time.Millisecond)
		serveOK(w, r)
		mu.Lock()
		inFlight[r.Host]--
		visits = append(visits, hostVisit{host: r.Host, start: start, end: time.Now()})
		mu.Unlock()
	}))
	defer srv.Close()

	var urls []string
	for i := range perHost {
		for h := range nHosts {
			urls = append(urls, fmt.Sprintf("http://h%d.test/%d", h, i))
		}
	}
	s := New(Options{Transport: routeTo(srv), HostDelay: delay, Concurrency: 8})
	pages := scrapeAllPages(t, context.Background(), s, urls)
	if len(pages) != len(urls) {
		t.Fatalf("reported %d pages, want %d", len(pages), len(urls))
	}
	for _, p := range pages {
		if !p.OK() {
			t.Errorf("%s: %s", p.URL, p.Error)
		}
	}
	if len(overlaps) > 0 {
		t.Errorf("two requests at once to %v", overlaps)
	}
	if !together.Load() {
		t.Error("the hosts' first requests were not in flight together")
	}
	perHostVisits := make(map[string][]hostVisit)
	for _, v := range visits {
		perHostVisits[v.host] = append(perHostVisits[v.host], v)
	}
	if len(perHostVisits) != nHosts {
		t.Fatalf("saw %d hosts, want %d", len(perHostVisits), nHosts)
	}
	for host, vs := range perHostVisits {
		sort.Slice(vs, func(i, j int) bool { return vs[i].start.Before(vs[j].start) })
		if len(vs) != perHost {
			t.Errorf("%s: %d requests, want %d", host, len(vs), perHost)
		}
		for i := 1; i < len(vs); i++ {
			if gap := vs[i].start.Sub(vs[i-1].end); gap < delay {
				t.Errorf("%s: request %d started %v after the previous ended, want at least %v", host, i, gap, delay)
			}
		}
	}
}

func TestScrapeAllRetries(t *testing.T) {
	var (
		mu        sync.Mutex
		slowTimes []time.Time
		otherEnds []time.Time
		brokenN   int
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch r.Host {
		case "slow.test":
			slowTimes = append(slowTimes, time.Now())
			if len(slowTimes) == 1 {
				serveStatus(503, "Retry-After", "1")(w, r)
				return
			}
		case "broken.test":
			brokenN++
			serveStatus(500)(w, r)
			return
		default:
			defer func() { otherEnds = append(otherEnds, time.Now()) }()
		}
		serveOK(w, r)
	}))
	defer srv.Close()

	urls := []string{"http://slow.test/", "http://broken.test/"}
	for i := range 5 {
		urls = append(urls, fmt.Sprintf("http://other.test/%d", i))
	}
	s := New(Options{Transport: routeTo(srv), HostDelay: time.Millisecond, RetryBackoff: time.Millisecond, Concurrency: 2})
	got := pagesByURL(scrapeAllPages(t, context.Background(), s, urls))
	if len(got) != len(urls) {
		t.Fatalf("reported %d pages, want %d", len(got), len(urls))
	}
	if p := got["http://slow.test/"]; !p.OK() || p.Attempts != 2 {
		t.Errorf("slow.test: page = %+v, want OK after 2 attempts", p)
	}
	if p := got["http://broken.test/"]; p.OK() || p.Permanent || p.Status != 500 || p.Attempts != 3 || brokenN != 3 {
		t.Errorf("broken.test: page = %+v after %d requests, want a temporary 500 after 3", p, brokenN)
	}
	if len(slowTimes) != 2 {
		t.Fatalf("slow.test got %d requests, want 2", len(slowTimes))
	}
	if gap := slowTimes[1].Sub(slowTimes[0]); gap < time.Second {
		t.Errorf("slow.test retried %v after a Retry-After of 1s", gap)
	}
	// The wait held slow.test only: with a second to spare, other.test
	// was done long before.
	if len(otherEnds) != 5 || slices.MaxFunc(otherEnds, time.Time.Compare).After(slowTimes[1]) {
		t.Errorf("other.test waited for slow.test's retry")
	}
}

func TestScrapeAllCancel(t *testing.T) {
	var started, released atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host == "fast.test" {
			serveOK(w, r)
			return
		}
		started.Add(1)
		<-r.Context().Done()
		released.Add(1)
	}))
	defer srv.Close()

	urls := []string{"http://fast.test/"}
	for h := range 3 {
		for i := range 10 {
			urls = append(urls, fmt.Sprintf("http://stuck%d.test/%d", h, i))
		}
	}
	s := New(Options{Transport: routeTo(srv), HostDelay: -1, Concurrency: 4, Timeout: time.Minute})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	done := make(chan []moisson.Page)
	fastDone := make(chan struct{})
	go func() {
		var pages []moisson.Page
		s.ScrapeAll(ctx, urls, func(p moisson.Page) {
			pages = append(pages, p)
			if p.URL == "http://fast.test/" {
				close(fastDone)
			}
		})
		done <- pages
	}()
	// Cancel once fast.test is reported and the stuck hosts hold requests
	// in flight.
	select {
	case <-fastDone:
	case <-time.After(10 * time.Second):
		t.Fatal("fast.test never reported")
	}
	for started.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case pages := <-done:
		if len(pages) != 1 || pages[0].URL != "http://fast.test/" || !pages[0].OK() {
			t.Errorf("reported %+v, want fast.test only", pages)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ScrapeAll did not return after ctx was cancelled")
	}
	// Every request in flight was cancelled (srv.Close would hang otherwise).
	deadline := time.Now().Add(5 * time.Second)
	for released.Load() != started.Load() && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if r, s := released.Load(), started.Load(); r != s {
		t.Errorf("%d of %d requests still in flight", s-r, s)
	}
}

func TestScrapeAllPanickingFnStopsWorkers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/0" {
			<-r.Context().Done()
			return
		}
		serveOK(w, r)
	}))
	defer srv.Close()
	s := New(Options{Transport: routeTo(srv), HostDelay: -1, Timeout: time.Minute})
	urls := []string{"http://a.test/0", "http://b.test/1", "http://c.test/2"}

	done := make(chan any)
	go func() {
		defer func() { done <- recover() }()
		s.ScrapeAll(context.Background(), urls, func(p moisson.Page) { panic("store is full") })
	}()
	select {
	case v := <-done:
		if v != "store is full" {
			t.Errorf("recovered %v, want fn's panic", v)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ScrapeAll hung after fn panicked")
	}
}

// timedTransport measures how long requests take, from sending the
// request to closing the body.
type timedTransport struct {
	next  http.RoundTripper
	total atomic.Int64
	count atomic.Int64
}

func (t *timedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		t.done(start)
		return nil, err
	}
	resp.Body = &timedBody{ReadCloser: resp.Body, t: t, start: start}
	return resp, nil
}

func (t *timedTransport) done(start time.Time) {
	t.total.Add(int64(time.Since(start)))
	t.count.Add(1)
}

type timedBody struct {
	io.ReadCloser
	t     *timedTransport
	start time.Time
	once  sync.Once
}

func (b *timedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(func() { b.t.done(b.start) })
	return err
}

// BenchmarkScrapeAll scrapes 2,000 URLs on 100 hosts. x-ideal is the run
// time over the ideal bound: max(busiest host: n × (HostDelay + L),
// all URLs × L / Concurrency), L being the mean round trip measured.
func BenchmarkScrapeAll(b *testing.B) {
	const (
		nHosts      = 100
		perHost     = 20
		concurrency = 16
	)
	urls := make([]string, 0, nHosts*perHost)
	for i := range perHost {
		for h := range nHosts {
			urls = append(urls, fmt.Sprintf("http://h%03d.test/article/%d", h, i))
		}
	}
	cases := []struct {
		name    string
		delay   time.Duration
		latency time.Duration
	}{
		{"delay=0/latency=0", 0, 0},
		{"delay=0/latency=1ms", 0, time.Millisecond},
		{"delay=2ms/latency=0", 2 * time.Millisecond, 0},
		{"delay=5ms/latency=1ms", 5 * time.Millisecond, time.Millisecond},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if bc.latency > 0 {
					time.Sleep(bc.latency)
				}
				serveOK(w, r)
			}))
			defer srv.Close()
			tr := &timedTransport{next: routeTo(srv)}
			delay := bc.delay
			if delay == 0 {
				delay = -1
			}
			s := New(Options{Transport: tr, HostDelay: delay, Concurrency: concurrency})
			var elapsed, ideal time.Duration
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				tr.total.Store(0)
				tr.count.Store(0)
				start := time.Now()
				n := 0
				s.ScrapeAll(context.Background(), urls, func(p moisson.Page) {
					if !p.OK() {
						b.Errorf("%s: %s", p.URL, p.Error)
					}
					n++
				})
				elapsed += time.Since(start)
				if n != len(urls) {
					b.Fatalf("reported %d pages, want %d", n, len(urls))
				}
				mean := time.Duration(tr.total.Load() / tr.count.Load())
				ideal += max(perHost*(bc.delay+mean)-bc.delay, time.Duration(len(urls))*mean/concurrency)
			}
			b.ReportMetric(float64(elapsed)/float64(ideal), "x-ideal")
		})
	}
}
