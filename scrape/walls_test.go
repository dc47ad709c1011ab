package scrape

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestScrapeWalls: every wall page of extract's testdata, served with its
// status (a 403 challenge, a consent page answered 200...), makes a page
// that is blocked, failed and not permanent, tried once in the run and
// left for a later one, with no title nor lead of the wall's; a plain 403
// stays a permanent failure.
func TestScrapeWalls(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("extract", "testdata", "walls", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no wall pages: %v", err)
	}
	var hits atomic.Int32
	mux := http.NewServeMux()
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		_, rest, _ := strings.Cut(name, "_")
		status := http.StatusOK
		if code, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0]); err == nil {
			status = code
		}
		mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "1")
			}
			w.WriteHeader(status)
			w.Write(body)
		})
	}
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><p>You don't have the rights to read this directory listing.</p></body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s := testScraper(Options{Timeout: 5 * time.Second, RetryBackoff: 10 * time.Millisecond})
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		kind, _, _ := strings.Cut(name, "_")
		if strings.Contains(name, "redirect") {
			continue // the consent host: see TestScrapeConsentRedirect
		}
		t.Run(name, func(t *testing.T) {
			hits.Store(0)
			p := s.Scrape(context.Background(), srv.URL+"/"+name)
			if p.Blocked != kind || p.OK() || p.Permanent || p.Title != "" || p.Lead != "" {
				t.Errorf("Blocked=%q Error=%q Permanent=%v Title=%q Lead=%q, want a %s wall, failed, not permanent", p.Blocked, p.Error, p.Permanent, p.Title, p.Lead, kind)
			}
			if !strings.Contains(p.Error, "blocked by a "+kind+" wall") {
				t.Errorf("Error = %q", p.Error)
			}
			if hits.Load() != 1 || p.Attempts != 1 {
				t.Errorf("fetched %d times (Attempts %d), want once: a wall is retried another run", hits.Load(), p.Attempts)
			}
		})
	}
	p := s.Scrape(context.Background(), srv.URL+"/forbidden")
	if p.Blocked != "" || !p.Permanent || p.Status != http.StatusForbidden {
		t.Errorf("plain 403: Blocked=%q Permanent=%v Status=%d, want a permanent failure", p.Blocked, p.Permanent, p.Status)
	}
}

// TestScrapeConsentRedirect: a site that redirects to its consent host
// gives a page blocked by a consent wall, whatever the wall's own title.
func TestScrapeConsentRedirect(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("extract", "testdata", "walls", "consent_redirect-yahoo.html"))
	if err != nil {
		t.Fatal(err)
	}
	body = []byte(strings.Replace(string(body), "Yahoo is part of the Yahoo family of brands</title>", "Yahoo</title>", 1))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(body)
	}))
	defer srv.Close()
	s := New(Options{Transport: routeTo(srv), HostDelay: -1, Retries: -1})
	p := s.Scrape(context.Background(), "http://consent.yahoo.com/v2/collectConsent?sessionId=3_cc-session_abc")
	if p.Blocked != "consent" || p.OK() || p.Permanent {
		t.Errorf("Blocked=%q Error=%q Permanent=%v, want a consent wall", p.Blocked, p.Error, p.Permanent)
	}
}
