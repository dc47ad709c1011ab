package scrape

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// The hostile-server suite: what the web can serve that must neither
// wedge, crash nor mislead the scraper. Each case checks the page's error
// (or its content), a generous time bound and, through within, that
// nothing panics.

// hostileBound is the time any hostile case may take: far more than its
// timeouts add up to, so that only a hang fails it.
const hostileBound = 30 * time.Second

// nestedDivs returns a page whose body is n nested divs around a
// paragraph: deeper than the HTML parser takes.
func nestedDivs(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html lang=en><head><title>Deep down</title></head><body>")
	b.WriteString(strings.Repeat("<div>", n))
	b.WriteString("<h1>Deep down</h1><p>This paragraph sits below a hundred thousand divs, and it is still the opening of the page.</p>")
	b.WriteString(strings.Repeat("</div>", n))
	b.WriteString("</body></html>")
	return b.Bytes()
}

// gzipBomb returns n zero bytes gzipped: a few kilobytes that inflate to n.
func gzipBomb(tb testing.TB, n int) []byte {
	tb.Helper()
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		tb.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range n >> 20 {
		if _, err := w.Write(zeros); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// hijack takes over the connection to write raw bytes.
func hijack(t testing.TB, w http.ResponseWriter) (net.Conn, func(string)) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Error(err)
		return nil, func(string) {}
	}
	return conn, func(s string) {
		buf.WriteString(s)
		buf.Flush()
	}
}

func TestHostileServers(t *testing.T) {
	loopPDF, err := os.ReadFile("extract/testdata/hostile/pdf-loop.pdf")
	if err != nil {
		t.Fatal(err)
	}
	bomb := gzipBomb(t, 64<<20)
	deep := nestedDivs(100_000)
	big := append([]byte("<!DOCTYPE html><html><head><title>Fifty megabytes</title></head><body><p>The opening paragraph of a page that goes on for fifty megabytes, far past the body limit.</p>"),
		bytes.Repeat([]byte("<p>More words, and more.</p>\n"), 50<<20/28)...)

	mux := http.NewServeMux()
	mux.HandleFunc("/stall-headers", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	mux.HandleFunc("/stall-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>Stalled</title>"))
		http.NewResponseController(w).Flush()
		<-r.Context().Done()
	})
	mux.HandleFunc("/drip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for i := 0; ; i++ {
			if _, err := w.Write([]byte{"<html>"[i%6]}); err != nil {
				return
			}
			http.NewResponseController(w).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	})
	mux.HandleFunc("/reset", func(w http.ResponseWriter, r *http.Request) {
		conn, write := hijack(t, w)
		if conn == nil {
			return
		}
		write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html><head><title>Reset</title>")
		conn.(*net.TCPConn).SetLinger(0) // close with RST
		conn.Close()
	})
	mux.HandleFunc("/short", func(w http.ResponseWriter, r *http.Request) {
		conn, write := hijack(t, w)
		if conn == nil {
			return
		}
		write("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 5000\r\n\r\n%PDF-1.4\n")
		conn.Close()
	})
	mux.HandleFunc("/bad-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte("this is not gzip at all, only words"))
	})
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/gzip-bomb-html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.Handle("/endless", &endlessBody{contentType: "application/octet-stream"})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/pong", http.StatusFound) })
	mux.HandleFunc("/pong", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ping", http.StatusFound) })
	for _, target := range []string{"file:///etc/passwd", "gopher://example.org/1", "ftp://example.org/x"} {
		name := strings.SplitN(target, ":", 2)[0]
		mux.HandleFunc("/to-"+name, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target, http.StatusFound) })
	}
	mux.HandleFunc("/huge-headers", func(w http.ResponseWriter, r *http.Request) {
		for i := range 64 {
			w.Header().Set(fmt.Sprintf("X-Junk-%d", i), strings.Repeat("x", 32<<10))
		}
		w.Write([]byte("<title>Never seen</title>"))
	})
	serve := func(ct string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(body)
		}
	}
	mux.HandleFunc("/50mb", serve("text/html; charset=utf-8", big))
	mux.HandleFunc("/deep", serve("text/html; charset=utf-8", deep))
	mux.HandleFunc("/pdf-loop.pdf", serve("application/pdf", loopPDF))
	paper, err := os.ReadFile("extract/testdata/kinds/paper.pdf")
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("/paper.pdf", serve("application/pdf", paper))
	mux.HandleFunc("/empty-home", serve("text/html", []byte(`<html><head><title>A 2008 page</title></head><body><div id="header"><a href="http://">Home</a></div><p>The article under a header whose home link is only a scheme, as a real news page had it.</p></body></html>`)))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// A server on a loopback address, which the guard refuses.
	private := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)

	quick := Options{Timeout: time.Second, Retries: -1}
	// roomy reads 10 MiB within its timeout, even under -race on a busy
	// machine.
	roomy := Options{Timeout: 20 * time.Second, Retries: -1}
	tests := []struct {
		name string
		path string
		opts Options
		// guarded uses the default transport's private-network guard.
		guarded bool
		// wantErr is in the page's error; "" wants an OK page.
		wantErr   string
		wantPerm  bool
		wantTitle string
		wantLead  string
		// bound replaces hostileBound: reading 10 MiB of HTML is seconds
		// of CPU, many more on a loaded machine.
		bound time.Duration
	}{
		{name: "stall before headers", path: "/stall-headers", opts: quick, wantErr: "Client.Timeout exceeded"},
		{name: "stall after headers", path: "/stall-body", opts: quick, wantErr: "Client.Timeout"},
		{name: "1 byte/s drip", path: "/drip", opts: quick, wantErr: "Client.Timeout"},
		{name: "drip retried within the page timeout", path: "/drip", opts: Options{Timeout: time.Second, Retries: 5, RetryBackoff: 10 * time.Millisecond}, wantErr: "page not fetched within its time limit (2s)"},
		{name: "reset mid-body", path: "/reset", opts: quick, wantErr: "read body"},
		{name: "short body for its Content-Length", path: "/short", opts: quick, wantErr: "unexpected EOF"},
		{name: "bad gzip", path: "/bad-gzip", opts: quick, wantErr: "gzip: invalid header"},
		{name: "gzip bomb", path: "/gzip-bomb", opts: roomy, wantErr: "body larger than 10485760 bytes", wantPerm: true},
		// An HTML page is cut at the body limit and read: 10 MiB of NULs.
		{name: "gzip bomb as html", path: "/gzip-bomb-html", opts: roomy, bound: 2 * time.Minute},
		{name: "endless body", path: "/endless", opts: roomy, wantErr: "body larger than", wantPerm: true},
		{name: "redirect loop", path: "/loop", opts: quick, wantErr: "redirect loop", wantPerm: true},
		{name: "redirect ping-pong", path: "/ping", opts: quick, wantErr: "redirect loop", wantPerm: true},
		{name: "redirect to file:", path: "/to-file", opts: quick, wantErr: `unsupported scheme "file"`, wantPerm: true},
		{name: "redirect to gopher:", path: "/to-gopher", opts: quick, wantErr: `unsupported scheme "gopher"`, wantPerm: true},
		{name: "redirect to ftp:", path: "/to-ftp", opts: quick, wantErr: `unsupported scheme "ftp"`, wantPerm: true},
		{name: "private address", path: "/paper.pdf", opts: quick, guarded: true, wantErr: "private, loopback or link-local", wantPerm: true},
		{name: "huge headers", path: "/huge-headers", opts: quick, wantErr: "headers exceeded"},
		{name: "50 MB html", path: "/50mb", opts: Options{Timeout: 20 * time.Second}, bound: 2 * time.Minute, wantTitle: "Fifty megabytes",
			wantLead: "The opening paragraph of a page that goes on for fifty megabytes, far past the body limit.\nMore words, and more."},
		{name: "100k nested divs", path: "/deep", opts: quick, wantTitle: "Deep down",
			wantLead: "This paragraph sits below a hundred thousand divs, and it is still the opening of the page."},
		{name: "looping pdf", path: "/pdf-loop.pdf", opts: quick, wantTitle: "pdf loop (PDF)"},
		{name: "pdf past its budget", path: "/paper.pdf", opts: Options{Timeout: time.Second, PDFBudget: time.Nanosecond},
			wantErr: "pdf: extraction took too long", wantPerm: true},
		{name: "empty home link", path: "/empty-home", opts: quick, wantTitle: "A 2008 page",
			wantLead: "The article under a header whose home link is only a scheme, as a real news page had it."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s *Scraper
			base := srv.URL
			if tc.guarded {
				tc.opts.AllowPrivate = false
				s = New(tc.opts)
				base = private
			} else {
				s = testScraper(tc.opts)
			}
			bound := hostileBound
			if tc.bound > 0 {
				bound = tc.bound
			}
			var page moisson.Page
			within(t, bound, func() { page = s.Scrape(context.Background(), base+tc.path) })
			if tc.wantErr == "" {
				if !page.OK() {
					t.Fatalf("page failed: %s", page.Error)
				}
			} else if !strings.Contains(page.Error, tc.wantErr) {
				t.Fatalf("error = %q, want it to say %q", page.Error, tc.wantErr)
			}
			if page.Permanent != tc.wantPerm {
				t.Errorf("Permanent = %v, want %v (%s)", page.Permanent, tc.wantPerm, page.Error)
			}
			if tc.wantTitle != "" && page.Title != tc.wantTitle {
				t.Errorf("Title = %q, want %q", page.Title, tc.wantTitle)
			}
			if tc.wantLead != "" && page.Lead != tc.wantLead {
				t.Errorf("Lead = %q, want %q", page.Lead, tc.wantLead)
			}
		})
	}
}

// TestHostilePageTimeout: a server that stalls every attempt costs a page
// at most its PageTimeout, retries and backoff included.
func TestHostilePageTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(serveStall))
	defer srv.Close()
	s := testScraper(Options{Timeout: 400 * time.Millisecond, Retries: 10, RetryBackoff: 100 * time.Millisecond})
	start := time.Now()
	var page moisson.Page
	within(t, hostileBound, func() { page = s.Scrape(context.Background(), srv.URL+"/") })
	if page.OK() || page.Permanent {
		t.Fatalf("page = %+v, want a temporary failure", page)
	}
	// PageTimeout is 800ms: two attempts at most, never eleven.
	if page.Attempts > 2 {
		t.Errorf("%d attempts within a PageTimeout of 2 x Timeout, want at most 2 (%s)", page.Attempts, time.Since(start))
	}
}

// TestScrapeAllCancelDuringExtraction: ScrapeAll returns soon after its
// context is cancelled even when an extraction is under way, and does not
// report the page.
func TestScrapeAllCancelDuringExtraction(t *testing.T) {
	body := slowPDF(t)
	fetched := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(body)
		fetched <- struct{}{}
	}))
	defer srv.Close()
	// No PDF budget: the extraction runs as long as it takes.
	s := testScraper(Options{PDFBudget: -1})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan []moisson.Page, 1)
	go func() {
		var pages []moisson.Page
		s.ScrapeAll(ctx, []string{srv.URL + "/slow.pdf"}, func(p moisson.Page) { pages = append(pages, p) })
		done <- pages
	}()
	<-fetched
	time.Sleep(20 * time.Millisecond) // into the extraction
	cancel()
	start := time.Now()
	select {
	case pages := <-done:
		if len(pages) != 0 {
			t.Errorf("reported %d pages, want none", len(pages))
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("ScrapeAll took %s to return", d)
		}
	case <-time.After(hostileBound):
		t.Fatal("ScrapeAll did not return after cancel")
	}
}

// slowPDF returns a valid PDF that takes the extractor a while: a page of
// four megabytes of text operators.
func slowPDF(tb testing.TB) []byte {
	tb.Helper()
	var cs strings.Builder
	for cs.Len() < 4<<20-64 {
		cs.WriteString("BT /F1 10 Tf 72 700 Td (word) Tj ET\n")
	}
	return rawPDF(cs.String(), true)
}
