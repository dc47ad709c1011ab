package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWalls: every page of testdata/walls is a wall of the kind its name
// starts with (a status in the name, "challenge-403-…", is the status it
// came with), and no golden page nor corpus page is one.
func TestWalls(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "walls", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no wall pages in testdata/walls: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			kind, rest, _ := strings.Cut(name, "_")
			status := 200
			for _, s := range []string{"401", "403", "429", "503"} {
				if strings.HasPrefix(rest, s+"-") {
					status = map[string]int{"401": 401, "403": 403, "429": 429, "503": 503}[s]
				}
			}
			u := mustURL(t, "https://news.example.com/2024/05/story.html")
			if strings.HasPrefix(rest, "redirect-") {
				u = mustURL(t, "https://consent.example.com/v2/collectConsent?sessionId=3_cc-session_abc")
			}
			r, err := ExtractWith(body, u, "text/html; charset=utf-8", Options{Status: status})
			if err != nil {
				t.Fatal(err)
			}
			if r.Blocked != kind || r.Title != "" || r.Lead != "" || len(r.Paragraphs) != 0 {
				t.Errorf("Blocked=%q Title=%q Lead=%q, want a %s wall with no title nor lead", r.Blocked, r.Title, r.Lead, kind)
			}
		})
	}
}

// TestNoWallOnArticles: the golden pages and the corpus are articles,
// whatever banners, buttons and scripts they carry.
func TestNoWallOnArticles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := ExtractWith(body, mustURL(t, "https://example.com/2024/05/post.html"), "text/html", Options{})
		if r.Blocked != "" {
			t.Errorf("%s: Blocked = %q", f, r.Blocked)
		}
	}
	if _, err := os.Stat(filepath.Join(corpusDir(), "truth.json")); err != nil {
		return
	}
	for _, pg := range loadCorpus(t) {
		r, _ := ExtractWith(pg.body, corpusURL, "text/html", Options{})
		if r.Blocked != "" {
			t.Errorf("corpus %s: Blocked = %q", pg.ID, r.Blocked)
		}
	}
}
