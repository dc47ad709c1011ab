package scrape

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// fetchNow is the clock of the tests' scrapers.
var fetchNow = time.Date(2014, 10, 3, 18, 0, 0, 0, time.UTC)

// testScraper returns a Scraper allowed onto the httptest servers, with
// quick retries and no host delay unless opts says otherwise.
func testScraper(opts Options) *Scraper {
	opts.AllowPrivate = true
	if opts.RetryBackoff == 0 {
		opts.RetryBackoff = time.Millisecond
	}
	if opts.HostDelay == 0 {
		opts.HostDelay = -1
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return fetchNow }
	}
	return New(opts)
}

// closedAddr returns the address of a port nobody listens on any more.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

func TestGuardAddresses(t *testing.T) {
	tests := []struct {
		addr    string
		refused bool
	}{
		{"8.8.8.8:443", false},
		{"93.184.216.34:80", false},
		{"[2606:4700:4700::1111]:443", false},
		{"127.0.0.1:80", true},
		{"127.1.2.3:8080", true},
		{"[::1]:80", true},
		{"10.0.0.1:80", true},
		{"172.16.5.4:80", true},
		{"172.32.0.1:80", false}, // just outside 172.16/12
		{"192.168.1.1:80", true},
		{"169.254.169.254:80", true}, // cloud metadata
		{"[fe80::1]:80", true},
		{"[fe80::1%eth0]:80", true},
		{"[fc00::1]:80", true},
		{"[fd12:3456::1]:80", true},
		{"0.0.0.0:80", true},
		{"[::]:80", true},
		{"224.0.0.1:80", true},
		{"[ff02::1]:80", true},
		{"100.64.0.1:80", true}, // carrier-grade NAT
		{"100.127.255.254:80", true},
		{"100.128.0.1:80", false},
		{"255.255.255.255:80", true},
		{"[::ffff:127.0.0.1]:80", true},  // IPv4-mapped loopback
		{"[::ffff:10.1.2.3]:80", true},   // IPv4-mapped private
		{"[::ffff:8.8.8.8]:80", false},   // IPv4-mapped public
		{"[64:ff9b::a00:1]:80", true},    // NAT64 of 10.0.0.1
		{"[64:ff9b::808:808]:80", false}, // NAT64 of 8.8.8.8
		{"not-an-address", true},
	}
	for _, tc := range tests {
		t.Run(tc.addr, func(t *testing.T) {
			err := guard("tcp", tc.addr, nil)
			if (err != nil) != tc.refused {
				t.Fatalf("guard(%q) = %v, want refused %v", tc.addr, err, tc.refused)
			}
			if tc.refused && tc.addr != "not-an-address" && !errors.Is(err, ErrPrivateNetwork) {
				t.Errorf("guard(%q) = %v, want ErrPrivateNetwork", tc.addr, err)
			}
		})
	}
}

func TestGuardZeroAddr(t *testing.T) {
	if isPublic(netip.Addr{}) {
		t.Error("the zero Addr is public")
	}
}

func TestGuardRefusesPrivateServer(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	defer srv.Close()

	s := New(Options{Now: func() time.Time { return fetchNow }})
	u, err := url.Parse(srv.URL + "/page")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.fetch(context.Background(), u)
	if !errors.Is(err, ErrPrivateNetwork) {
		t.Fatalf("fetch of a loopback server: %v, want ErrPrivateNetwork", err)
	}

	page := s.Scrape(context.Background(), srv.URL+"/page")
	if page.OK() || !page.Permanent || page.Attempts != 1 {
		t.Errorf("page = %+v, want a permanent failure after one attempt", page)
	}
	if !strings.Contains(page.Error, "refusing to connect") {
		t.Errorf("Error = %q, want it to say the address was refused", page.Error)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
}

// TestGuardRefusesRedirectToPrivate follows a redirect from a host the
// test lets through (public.example, routed to a local server without the
// guard) to a loopback address, which must go through the guarded dialer.
func TestGuardRefusesRedirectToPrivate(t *testing.T) {
	var privateHits atomic.Int32
	private := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		privateHits.Add(1)
	}))
	defer private.Close()
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, private.URL+"/latest/meta-data/", http.StatusFound)
	}))
	defer public.Close()

	guarded := newDialer(false)
	open := &net.Dialer{}
	tr := newTransport(func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "public.example:80" {
			return open.DialContext(ctx, network, public.Listener.Addr().String())
		}
		return guarded.DialContext(ctx, network, addr)
	}, 1)
	s := New(Options{Transport: tr, HostDelay: -1})

	u := &url.URL{Scheme: "http", Host: "public.example", Path: "/go"}
	if _, err := s.fetch(context.Background(), u); !errors.Is(err, ErrPrivateNetwork) {
		t.Fatalf("fetch: %v, want ErrPrivateNetwork", err)
	}
	page := s.Scrape(context.Background(), u.String())
	if page.OK() || !page.Permanent {
		t.Errorf("page = %+v, want a permanent failure", page)
	}
	if page.Status != http.StatusFound || page.FinalURL != private.URL+"/latest/meta-data/" {
		t.Errorf("Status %d FinalURL %q, want the redirect's %d and its target", page.Status, page.FinalURL, http.StatusFound)
	}
	if n := privateHits.Load(); n != 0 {
		t.Errorf("the private server got %d requests, want none", n)
	}
}

func TestFetchHTTPErrorClasses(t *testing.T) {
	tests := []struct {
		code                 int
		temporary, permanent bool
	}{
		{400, false, true},
		{401, false, true},
		{403, false, true},
		{404, false, true},
		{408, true, false},
		{410, false, true},
		{429, true, false},
		{451, false, true},
		{500, true, false},
		{501, false, true},
		{502, true, false},
		{503, true, false},
		{504, true, false},
		{599, true, false},
		{304, false, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			e := &HTTPError{URL: "https://example.org/", StatusCode: tc.code}
			if e.Temporary() != tc.temporary || e.Permanent() != tc.permanent {
				t.Errorf("%d: Temporary %v Permanent %v, want %v %v", tc.code, e.Temporary(), e.Permanent(), tc.temporary, tc.permanent)
			}
			if !strings.Contains(e.Error(), fmt.Sprint(tc.code)) || !strings.Contains(e.Error(), "https://example.org/") {
				t.Errorf("Error() = %q, want the status and the URL", e.Error())
			}
		})
	}
}

type fakeTimeoutError struct{}

func (fakeTimeoutError) Error() string   { return "i/o timeout" }
func (fakeTimeoutError) Timeout() bool   { return true }
func (fakeTimeoutError) Temporary() bool { return true }

func TestFetchClassify(t *testing.T) {
	tests := []struct {
		name                 string
		err                  error
		temporary, permanent bool
	}{
		{"nil", nil, false, false},
		{"404", fmt.Errorf("get: %w", &HTTPError{StatusCode: 404}), false, true},
		{"503", &HTTPError{StatusCode: 503}, true, false},
		{"private", fmt.Errorf("dial: %w", ErrPrivateNetwork), false, true},
		{"no such host", &url.Error{Op: "Get", URL: "x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "gone.example", IsNotFound: true}}}, false, true},
		{"dns timeout", &net.DNSError{Err: "timeout", IsTimeout: true}, true, false},
		{"redirect loop", fmt.Errorf("get: %w", permanent(errors.New("redirect loop"))), false, true},
		{"client timeout", fmt.Errorf("get: %w", context.DeadlineExceeded), true, false},
		{"net timeout", &net.OpError{Op: "read", Err: fakeTimeoutError{}}, true, false},
		{"reset", &net.OpError{Op: "read", Err: fmt.Errorf("read: %w", syscall.ECONNRESET)}, true, false},
		{"eof", fmt.Errorf("get: %w", io.EOF), true, false},
		{"unexpected eof", fmt.Errorf("get: %w", io.ErrUnexpectedEOF), true, false},
		{"canceled", fmt.Errorf("get: %w", context.Canceled), false, false},
		{"refused", &net.OpError{Op: "dial", Err: errors.New("connect: connection refused")}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			temporary, perm := classify(tc.err)
			if temporary != tc.temporary || perm != tc.permanent {
				t.Errorf("classify(%v) = %v, %v; want %v, %v", tc.err, temporary, perm, tc.temporary, tc.permanent)
			}
		})
	}
}

func TestFetchParseRetryAfter(t *testing.T) {
	tests := []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"", 0, false},
		{"soon", 0, false},
		{"0", 0, true},
		{"7", 7 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"-3", 0, true},
		{"99999999999999999", 24 * time.Hour, true},
		{fetchNow.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{fetchNow.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			got, ok := parseRetryAfter(tc.header, fetchNow)
			if got != tc.want || ok != tc.ok {
				t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.header, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestFetchBackoff(t *testing.T) {
	tests := []struct {
		attempt  int
		tooMany  bool
		min, max time.Duration
	}{
		{1, false, 500 * time.Millisecond, time.Second},
		{2, false, time.Second, 2 * time.Second},
		{3, false, 2 * time.Second, 4 * time.Second},
		{1, true, 2500 * time.Millisecond, 5 * time.Second},
		{10, false, maxBackoff / 2, maxBackoff},
		{80, true, maxBackoff / 2, maxBackoff},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.attempt, tc.tooMany), func(t *testing.T) {
			for range 100 {
				d := backoff(time.Second, tc.attempt, tc.tooMany)
				if d < tc.min || d > tc.max {
					t.Fatalf("backoff(1s, %d, %v) = %v, want in [%v, %v]", tc.attempt, tc.tooMany, d, tc.min, tc.max)
				}
			}
		})
	}
}

func TestScrapeRedirects(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<title>Arrivée</title><p>Bonjour.</p>")
	}))
	defer other.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hop1", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hop1", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/hop2?utm_source=x", http.StatusFound)
	})
	mux.HandleFunc("/hop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/article", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-b", http.StatusFound)
	})
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-a", http.StatusFound)
	})
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/self", http.StatusFound)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://files.example/x.pdf", http.StatusFound)
	})
	// The cookie bounce: without the cookie set on the way, it never ends.
	mux.HandleFunc("/consent", func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie("ok"); err != nil {
			http.SetCookie(w, &http.Cookie{Name: "ok", Value: "1", Path: "/"})
			http.Redirect(w, r, "/consent-set", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<title>Consent given</title>")
	})
	mux.HandleFunc("/consent-set", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/consent", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name      string
		path      string
		wantFinal string
		wantErr   string
		status    int
	}{
		{"chain across hosts", "/short", other.URL + "/article", "", 200},
		{"cookie bounce", "/consent", srv.URL + "/consent", "", 200},
		{"loop", "/loop-a", "", "redirect loop", 302},
		{"self loop", "/self", "", "redirect loop", 302},
		{"too many", "/chain/0", "", "too many redirects", 302},
		{"to ftp", "/ftp", "", "unsupported scheme", 302},
	}
	s := testScraper(Options{MaxRedirects: 5})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := s.Scrape(context.Background(), srv.URL+tc.path)
			if page.URL != srv.URL+tc.path {
				t.Errorf("URL = %q, want the URL as given", page.URL)
			}
			if page.Status != tc.status {
				t.Errorf("Status = %d, want %d", page.Status, tc.status)
			}
			if page.FetchedAt != fetchNow {
				t.Errorf("FetchedAt = %v, want %v", page.FetchedAt, fetchNow)
			}
			if tc.wantErr == "" {
				if !page.OK() || page.FinalURL != tc.wantFinal {
					t.Errorf("page = %+v, want OK with FinalURL %s", page, tc.wantFinal)
				}
				return
			}
			if !strings.Contains(page.Error, tc.wantErr) || !page.Permanent || page.Attempts != 1 {
				t.Errorf("page = %+v, want a permanent %q after one attempt", page, tc.wantErr)
			}
		})
	}
}

// endlessBody streams the same chunk until the client goes away, and counts
// what it wrote.
type endlessBody struct {
	contentType string
	written     atomic.Int64
}

func (e *endlessBody) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", e.contentType)
	chunk := []byte(strings.Repeat("<p>encore</p>", 2520)) // ~32 KiB
	w.Write([]byte("<html><head><title>Sans fin</title></head><body>"))
	for e.written.Load() < 1<<30 {
		n, err := w.Write(chunk)
		e.written.Add(int64(n))
		if err != nil {
			return
		}
	}
}

func TestScrapeBodyLimit(t *testing.T) {
	const limit = 1 << 20
	pdf := &endlessBody{contentType: "application/pdf"}
	html := &endlessBody{contentType: "text/html; charset=utf-8"}
	malformed := &endlessBody{contentType: "Text/HTML; charset"}
	video := &endlessBody{contentType: "video/mp4"}
	declared := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", fmt.Sprint(2*limit))
		w.Write(make([]byte, 2*limit))
	})
	tooLarge := fmt.Sprintf("body larger than %d bytes", limit)
	tests := []struct {
		name        string
		handler     http.Handler
		wantErr     string
		written     func() int64
		wantContent string
	}{
		{"endlessBody pdf fails", pdf, tooLarge, pdf.written.Load, "application/pdf"},
		{"endlessBody html is cut", html, "", html.written.Load, "text/html; charset=utf-8"},
		{"video is not read", video, "", video.written.Load, "video/mp4"},
		{"malformed html header is cut", malformed, "", malformed.written.Load, "Text/HTML; charset"},
		{"declared too large", declared, tooLarge, nil, "application/pdf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			s := testScraper(Options{MaxBodyBytes: limit})
			page := s.Scrape(context.Background(), srv.URL+"/big")
			if tc.wantErr == "" && !page.OK() {
				t.Fatalf("Error = %q, want none", page.Error)
			}
			if tc.wantErr != "" && (!strings.Contains(page.Error, tc.wantErr) || !page.Permanent) {
				t.Fatalf("page = %+v, want a permanent %q", page, tc.wantErr)
			}
			if page.ContentType != tc.wantContent || page.Status != 200 {
				t.Errorf("ContentType %q Status %d, want %q 200", page.ContentType, page.Status, tc.wantContent)
			}
			srv.CloseClientConnections()
			if tc.written != nil {
				// The server may have a few buffers in flight; it must not
				// have been read anywhere near its gigabyte.
				if n := tc.written(); n > 64<<20 {
					t.Errorf("the server wrote %d bytes, want it stopped soon after %d", n, limit)
				}
			}
		})
	}
}

func TestFetchReadBody(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		truncate bool
		want     string
		wantErr  bool
	}{
		{"under", "abc", false, "abc", false},
		{"exact", "abcd", false, "abcd", false},
		{"over", "abcde", false, "", true},
		{"over cut", "abcdefgh", true, "abcd", false},
		{"empty", "", false, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readBody(strings.NewReader(tc.body), 4, tc.truncate, int64(len(tc.body)))
			if (err != nil) != tc.wantErr || string(got) != tc.want {
				t.Errorf("readBody(%q) = %q, %v; want %q, error %v", tc.body, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

// handlerSequence answers each request to a path with the next of its handlers,
// and records when the requests came.
type handlerSequence struct {
	mu       sync.Mutex
	handlers []http.HandlerFunc
	times    []time.Time
}

func (q *handlerSequence) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q.mu.Lock()
	i := len(q.times)
	q.times = append(q.times, time.Now())
	q.mu.Unlock()
	q.handlers[min(i, len(q.handlers)-1)](w, r)
}

func (q *handlerSequence) count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.times)
}

func serveStatus(code int, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
		fmt.Fprintf(w, "status %d", code)
	}
}

func serveOK(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<title>Enfin</title><p>Le premier paragraphe.</p>")
}

// serveHangUp closes the connection without answering.
func serveHangUp(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

// serveStall answers after the client has given up.
func serveStall(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func TestScrapeStatusAndRetries(t *testing.T) {
	tests := []struct {
		name         string
		handlers     []http.HandlerFunc
		wantOK       bool
		permanent    bool
		status       int
		wantAttempts int
	}{
		{"200", []http.HandlerFunc{serveOK}, true, false, 200, 1},
		{"404 is permanent", []http.HandlerFunc{serveStatus(404)}, false, true, 404, 1},
		{"410 is permanent", []http.HandlerFunc{serveStatus(410)}, false, true, 410, 1},
		{"403 is permanent", []http.HandlerFunc{serveStatus(403)}, false, true, 403, 1},
		{"501 is not retried", []http.HandlerFunc{serveStatus(501)}, false, true, 501, 1},
		{"503 then 200", []http.HandlerFunc{serveStatus(503), serveOK}, true, false, 200, 2},
		{"500 500 then 200", []http.HandlerFunc{serveStatus(500), serveStatus(500), serveOK}, true, false, 200, 3},
		{"500 for good", []http.HandlerFunc{serveStatus(500)}, false, false, 500, 3},
		{"429 then 200", []http.HandlerFunc{serveStatus(429, "Retry-After", "0"), serveOK}, true, false, 200, 2},
		{"503 with a short Retry-After", []http.HandlerFunc{serveStatus(503, "Retry-After", "0"), serveOK}, true, false, 200, 2},
		{"429 asking for an hour", []http.HandlerFunc{serveStatus(429, "Retry-After", "3600"), serveOK}, false, false, 429, 1},
		{"408 then 200", []http.HandlerFunc{serveStatus(408), serveOK}, true, false, 200, 2},
		{"connection reset then 200", []http.HandlerFunc{serveHangUp, serveOK}, true, false, 200, 2},
		{"timeout then 200", []http.HandlerFunc{serveStall, serveOK}, true, false, 200, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seq := &handlerSequence{handlers: tc.handlers}
			srv := httptest.NewServer(seq)
			defer srv.Close()
			s := testScraper(Options{Timeout: 200 * time.Millisecond})
			page := s.Scrape(context.Background(), srv.URL+"/p")
			if page.OK() != tc.wantOK || page.Permanent != tc.permanent || page.Status != tc.status || page.Attempts != tc.wantAttempts {
				t.Errorf("page = %+v;\nwant OK %v, Permanent %v, Status %d, Attempts %d", page, tc.wantOK, tc.permanent, tc.status, tc.wantAttempts)
			}
			if n := seq.count(); n != tc.wantAttempts {
				t.Errorf("the server got %d requests, want %d", n, tc.wantAttempts)
			}
		})
	}
}

func TestScrapeHonoursRetryAfter(t *testing.T) {
	seq := &handlerSequence{handlers: []http.HandlerFunc{serveStatus(503, "Retry-After", "1"), serveOK}}
	srv := httptest.NewServer(seq)
	defer srv.Close()
	page := testScraper(Options{}).Scrape(context.Background(), srv.URL)
	if !page.OK() || page.Attempts != 2 {
		t.Fatalf("page = %+v, want OK after 2 attempts", page)
	}
	if gap := seq.times[1].Sub(seq.times[0]); gap < time.Second {
		t.Errorf("retried %v after a Retry-After of 1s", gap)
	}
}

func TestScrapeRetryWaitStopsOnCancel(t *testing.T) {
	srv := httptest.NewServer(serveStatus(503, "Retry-After", "100"))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan moisson.Page)
	go func() { done <- testScraper(Options{}).Scrape(ctx, srv.URL) }()
	cancel()
	select {
	case page := <-done:
		if page.OK() {
			t.Errorf("page = %+v, want the 503", page)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Scrape kept waiting for its retry after ctx was cancelled")
	}
}

func TestScrapeHeaders(t *testing.T) {
	tests := []struct {
		name, userAgent, want, lang, wantLang string
	}{
		{"default", "", DefaultUserAgent, "", "fr,en;q=0.8"},
		{"custom", "moisson-test/0.1", "moisson-test/0.1", "de", "de,en;q=0.8"},
		{"english", "", DefaultUserAgent, "en", "en"},
		{"regional", "", DefaultUserAgent, "fr_CA", "fr-CA,fr;q=0.9,en;q=0.8"},
		{"not a tag", "", DefaultUserAgent, "fr\r\nX-Evil: 1", "fr,en;q=0.8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got http.Header
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got = r.Header.Clone()
				serveOK(w, r)
			}))
			defer srv.Close()
			page := testScraper(Options{UserAgent: tc.userAgent, Language: tc.lang}).Scrape(context.Background(), srv.URL)
			if !page.OK() {
				t.Fatal(page.Error)
			}
			if ua := got.Get("User-Agent"); ua != tc.want {
				t.Errorf("User-Agent = %q, want %q", ua, tc.want)
			}
			if a := got.Get("Accept"); !strings.Contains(a, "text/html") || !strings.Contains(a, "application/pdf") {
				t.Errorf("Accept = %q", a)
			}
			if l := got.Get("Accept-Language"); l != tc.wantLang {
				t.Errorf("Accept-Language = %q, want %q", l, tc.wantLang)
			}
		})
	}
}

func TestScrapeLatin1PassesHeader(t *testing.T) {
	const ct = "text/html; charset=ISO-8859-1"
	body := []byte("<html><head><title>\xc9t\xe9 \xe0 Montr\xe9al</title></head><body><p>D\xe9j\xe0.</p></body></html>")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ct)
		w.Write(body)
	}))
	defer srv.Close()
	page := testScraper(Options{}).Scrape(context.Background(), srv.URL+"/latin1")
	if !page.OK() || page.ContentType != ct || page.Kind != moisson.KindHTML || page.FinalURL != srv.URL+"/latin1" {
		t.Errorf("page = %+v, want OK, ContentType %q, Kind html", page, ct)
	}
}

func TestScrapeFailures(t *testing.T) {
	dead := closedAddr(t)
	tests := []struct {
		name      string
		url       string
		permanent bool
		attempts  int
		wantErr   string
	}{
		{"connection refused", "http://" + dead + "/", false, 1, "refused"},
		{"ftp", "ftp://files.example/a.pdf", true, 0, "unsupported scheme"},
		{"mailto", "mailto:someone@example.org", true, 0, "unsupported scheme"},
		{"no host", "http:///path", true, 0, "no host"},
		{"unparsable", "http://[::1", true, 0, "invalid url"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := testScraper(Options{}).Scrape(context.Background(), tc.url)
			if page.OK() || page.Permanent != tc.permanent || page.Attempts != tc.attempts || page.Status != 0 {
				t.Errorf("page = %+v; want a failure, Permanent %v, Attempts %d, Status 0", page, tc.permanent, tc.attempts)
			}
			if !strings.Contains(page.Error, tc.wantErr) {
				t.Errorf("Error = %q, want it to say %q", page.Error, tc.wantErr)
			}
			if page.URL != tc.url || page.FetchedAt != fetchNow {
				t.Errorf("URL %q FetchedAt %v, want %q %v", page.URL, page.FetchedAt, tc.url, fetchNow)
			}
		})
	}
}

func TestScrapeNeverQuotesUserinfo(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/gone", serveStatus(404))
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://alice:hunter2@"+r.Host+"/loop", http.StatusFound)
	})
	mux.HandleFunc("/page", serveOK)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	withUser := func(base, path string) string {
		return strings.Replace(base, "http://", "http://alice:hunter2@", 1) + path
	}
	tests := []struct {
		name   string
		url    string
		s      *Scraper
		wantOK bool
	}{
		{"404", withUser(srv.URL, "/gone"), testScraper(Options{}), false},
		{"loop", withUser(srv.URL, "/loop"), testScraper(Options{}), false},
		{"refused", withUser("http://"+closedAddr(t), "/"), testScraper(Options{}), false},
		{"private", withUser(srv.URL, "/page"), New(Options{}), false},
		{"bad port", "http://alice:hunter2@example.org:99999999/", testScraper(Options{}), false},
		{"ok", withUser(srv.URL, "/page"), testScraper(Options{}), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := tc.s.Scrape(context.Background(), tc.url)
			if page.OK() != tc.wantOK {
				t.Fatalf("page = %+v, want OK %v", page, tc.wantOK)
			}
			for field, v := range map[string]string{"Error": page.Error, "FinalURL": page.FinalURL, "CanonicalURL": page.CanonicalURL} {
				if strings.Contains(v, "hunter2") || strings.Contains(v, "alice") {
					t.Errorf("%s = %q quotes the userinfo", field, v)
				}
			}
		})
	}
}
