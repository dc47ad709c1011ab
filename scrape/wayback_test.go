package scrape

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// fakeWayback answers like archive.org: /wayback/available with the
// closest capture, and /web/TIMESTAMPid_/URL with the page as captured.
func fakeWayback(t *testing.T, captures map[string]string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/wayback/available":
			u := r.URL.Query().Get("url")
			ts := r.URL.Query().Get("timestamp")
			w.Header().Set("Content-Type", "application/json")
			if _, ok := captures[u]; !ok {
				fmt.Fprintf(w, `{"url": %q, "archived_snapshots": {}}`, u)
				return
			}
			fmt.Fprintf(w, `{"url": %q, "archived_snapshots": {"closest": {"status": "200", "available": true, "url": "%s/web/%s/%s", "timestamp": %q}}}`,
				u, srv.URL, ts[:8]+"101010", u, ts[:8]+"101010")
		case strings.HasPrefix(r.URL.Path, "/web/"):
			rest := strings.TrimPrefix(r.URL.Path, "/web/")
			ts, orig, _ := strings.Cut(rest, "/")
			if !strings.HasSuffix(ts, "id_") {
				http.Error(w, "want the raw capture (id_)", http.StatusBadRequest)
				return
			}
			page, ok := captures[orig]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestWaybackRescue(t *testing.T) {
	live := "http://gone.example.com/2014/10/post.html"
	srv := fakeWayback(t, map[string]string{
		live: `<html><head><title>Gone but archived</title></head><body><article><h1>Gone but archived</h1>
<p>This is the opening paragraph of a post that disappeared from the web a long time ago, kept by the archive.</p></article></body></html>`,
	})
	s := New(Options{AllowPrivate: true, HostDelay: -1})
	wb := s.Wayback(srv.URL)
	at := time.Date(2014, 10, 1, 7, 12, 0, 0, time.UTC)

	p := wb.Rescue(context.Background(), live, at)
	if !p.OK() {
		t.Fatalf("rescue failed: %s", p.Error)
	}
	if p.URL != live || p.CanonicalURL != live {
		t.Errorf("URL=%q CanonicalURL=%q, want the live URL %q", p.URL, p.CanonicalURL, live)
	}
	if !strings.Contains(p.Snapshot, "/web/20141001") || strings.Contains(p.Snapshot, "id_") {
		t.Errorf("Snapshot = %q, want the capture of 2014-10-01 (not the raw URL)", p.Snapshot)
	}
	if p.Title != "Gone but archived" || !strings.HasPrefix(p.Lead, "This is the opening paragraph") {
		t.Errorf("title %q lead %q", p.Title, p.Lead)
	}

	missing := wb.Rescue(context.Background(), "http://never.example.com/", at)
	if missing.OK() || !missing.Permanent {
		t.Errorf("no capture: OK=%v Permanent=%v, want a permanent failure", missing.OK(), missing.Permanent)
	}
}
