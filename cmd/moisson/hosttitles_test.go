package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// A site that signs every <title> with its name first, and names itself
// nowhere else: the first page scraped cannot tell its name from the
// headline; the next one, scraped on the same store, can.
func TestScrapeReadsTheHostsTitlesInTheStore(t *testing.T) {
	stories := map[string]string{
		"/harbour": "Harbour works to last through the winter",
		"/quay":    "New quay opens to the public",
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := stories[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>Gazette of the North — %s</title></head><body>
<div class="story"><p>%s: the harbour master said on Monday that the works would go on through the winter, and that the quay would reopen to the ferries in the spring.</p></div></body></html>`, s, s)
	}))
	defer srv.Close()
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "m.db"), "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error"}
	title := func(path string) string {
		t.Helper()
		out, _, err := run(t, environ, "scrape", "--json", srv.URL+path)
		if err != nil {
			t.Fatalf("scrape %s: %v", path, err)
		}
		var r scrapeResult
		if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &r); err != nil {
			t.Fatalf("not JSON: %q", out)
		}
		return r.Title
	}
	if got := title("/harbour"); got == stories["/harbour"] {
		t.Fatalf("first page of the host: title %q; the test needs a page that cannot be read alone", got)
	}
	if got := title("/quay"); got != stories["/quay"] {
		t.Errorf("second page of the host: title %q, want %q (the site's name, repeated in the stored page's <title>, cut)", got, stories["/quay"])
	}
}
