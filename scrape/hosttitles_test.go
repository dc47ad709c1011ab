package scrape

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// gazettePage is a page of a site that signs every <title> with its name
// first, and names itself nowhere else (no og:site_name, no home link):
// only its other titles show that "Gazette of the North" is no part of
// the headline.
func gazettePage(story string) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>Gazette of the North — %s</title></head><body>
<div class="story"><p>%s: the harbour master said on Monday that the works would go on through the winter, and that the quay would reopen to the ferries in the spring.</p></div></body></html>`, story, story)
}

// titleStore stands in for the archive: the DocTitles of the pages
// scraped so far, by host, most recent first.
type titleStore struct {
	mu     sync.Mutex
	titles map[string][]string
	hosts  []string
}

func (ts *titleStore) lookup(_ context.Context, host string) []string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.hosts = append(ts.hosts, host)
	return append([]string(nil), ts.titles[host]...)
}

func (ts *titleStore) put(host, docTitle string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.titles[host] = append([]string{docTitle}, ts.titles[host]...)
}

func TestScrapeCutsDecorationRepeatedAcrossTheHost(t *testing.T) {
	stories := map[string]string{
		"/harbour": "Harbour works to last through the winter",
		"/ferries": "Ferries to resume in the spring",
		"/quay":    "New quay opens to the public",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := stories[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, gazettePage(s))
	}))
	defer srv.Close()
	ctx := context.Background()

	// Alone, the page cannot tell the site's name from the headline.
	alone := New(Options{Transport: routeTo(srv), HostDelay: -1, Retries: -1})
	if p := alone.Scrape(ctx, "http://gazette.test/quay"); p.Title == "New quay opens to the public" || !strings.Contains(p.DocTitle, "Gazette of the North") {
		t.Fatalf("without host titles: Title %q, DocTitle %q; the test needs a page that cannot be read alone", p.Title, p.DocTitle)
	}

	ts := &titleStore{titles: map[string][]string{}}
	s := New(Options{Transport: routeTo(srv), HostDelay: -1, Retries: -1, HostTitles: ts.lookup})
	for _, path := range []string{"/harbour", "/ferries", "/quay"} {
		p := s.Scrape(ctx, "http://gazette.test"+path)
		if !p.OK() {
			t.Fatalf("%s: %s", path, p.Error)
		}
		ts.put("gazette.test", p.DocTitle)
		if path == "/harbour" {
			// The host's first page has no other title to read.
			continue
		}
		if p.Title != stories[path] {
			t.Errorf("%s: Title %q, want %q (the site's name repeated across its titles cut)", path, p.Title, stories[path])
		}
	}
	for _, h := range ts.hosts {
		if h != "gazette.test" {
			t.Errorf("HostTitles asked for host %q, want gazette.test", h)
		}
	}
	if len(ts.hosts) != 3 {
		t.Errorf("HostTitles called %d times for 3 pages", len(ts.hosts))
	}
}

// A PDF or an image is no HTML page: the store is not asked.
func TestHostTitlesOnlyForHTML(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	}))
	defer srv.Close()
	ts := &titleStore{titles: map[string][]string{}}
	s := New(Options{Transport: routeTo(srv), HostDelay: -1, Retries: -1, HostTitles: ts.lookup})
	s.Scrape(context.Background(), "http://gazette.test/logo.png")
	if len(ts.hosts) != 0 {
		t.Errorf("HostTitles called for an image: %q", ts.hosts)
	}
}
