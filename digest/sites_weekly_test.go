package digest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// weeks makes n consecutive weeks of one link each, from 2014-W40 on.
func weeks(t *testing.T, cfg Config, n int) []Digest {
	t.Helper()
	w, err := cfg.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	var out []Digest
	for i := 0; i < n; i++ {
		u := fmt.Sprintf("https://a.example/post-%d", i)
		tag := []string{"Go", "SSL", "MySQL"}[i%3]
		links := []moisson.Link{{URL: u, PostKey: fmt.Sprintf("x/%d", i), PostedAt: w.Start.Add(time.Hour), Hashtags: []string{tag}}}
		pages := map[string]moisson.Page{u: {URL: u, CanonicalURL: u, Title: fmt.Sprintf("Post %d", i), Lead: "Its lead.", Status: 200}}
		out = append(out, Build(w, links, pages, cfg))
		w = cfg.Next(w)
	}
	return out
}

// TestJekyllPermalinkTitle backfills 30 weeks into a Jekyll site whose
// permalinks are /:title/ (Jekyll Now's): with the week in the slug, 30
// distinct pages and no "Conflict: destination shared" warning.
func TestJekyllPermalinkTitle(t *testing.T) {
	jekyll := requireTool(t, "jekyll")
	cfg := DefaultConfig()
	cfg.Title, cfg.Slug = WeekPattern, WeekPattern
	site := jekyllSite(t, false)
	writeFile(t, filepath.Join(site, "_config.yml"), "markdown: kramdown\ndisable_disk_cache: true\npermalink: /:title/\n")
	for _, d := range weeks(t, cfg, 30) {
		if _, _, err := Write(site, d, cfg, d.Week.End, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	pages, _ := buildJekyll(t, jekyll, site) // fails on any warning
	if len(pages) != 30 {
		t.Fatalf("built %d pages, want 30: %v", len(pages), pages)
	}
	for _, want := range []string{"moisson-de-liens-2014-w40/index.html", "moisson-de-liens-2015-w17/index.html"} {
		found := false
		for _, p := range pages {
			found = found || p == want
		}
		if !found {
			t.Errorf("no page %s in %v", want, pages)
		}
	}
}

// TestHugoTaxonomiesAndDescription builds a Hugo site configured in YAML
// with its taxonomies on and a layout that prints .Description: each
// section has its tags page, the post's meta description is the
// summary, and the entries are a definition list.
func TestHugoTaxonomiesAndDescription(t *testing.T) {
	hugo := requireTool(t, "hugo")
	cfg := DefaultConfig()
	cfg.Format, cfg.Title, cfg.Slug = FormatHugo, WeekPattern, WeekPattern
	cfg.HugoSection = "moissons"
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "hugo.yaml"), "baseURL: https://blog.example.org/\n"+
		"disableKinds: [RSS, sitemap, robotsTXT, '404']\n")
	writeFile(t, filepath.Join(site, "layouts", "_default", "single.html"),
		`<html><head><meta name="description" content="{{ .Description }}"></head><body>{{ .Content }}</body></html>`+"\n")
	writeFile(t, filepath.Join(site, "layouts", "_default", "list.html"),
		"<html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n")
	writeFile(t, filepath.Join(site, "layouts", "index.html"), "<html><body></body></html>\n")
	if cfg.FrontMatter = DetectFrontMatter(site, cfg.Format); cfg.FrontMatter != YAML {
		t.Errorf("front matter of a site configured in YAML = %q", cfg.FrontMatter)
	}
	ds := weeks(t, cfg, 3)
	for _, d := range ds {
		if _, _, err := Write(site, d, cfg, d.Week.End, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	pages, dest := buildHugo(t, hugo, site)
	want := map[string]bool{
		"moissons/moisson-de-liens-2014-w40/index.html": true, "moissons/moisson-de-liens-2014-w41/index.html": true,
		"moissons/moisson-de-liens-2014-w42/index.html": true, "moissons/index.html": true,
		"tags/index.html": true, "tags/go/index.html": true, "tags/ssl/index.html": true, "tags/mysql/index.html": true,
		"categories/index.html": true, "categories/veille/index.html": true,
	}
	for _, p := range pages {
		if !want[p] {
			t.Errorf("unexpected page %s", p)
		}
		delete(want, p)
	}
	for p := range want {
		t.Errorf("no page %s in %v", p, pages)
	}
	data, err := os.ReadFile(filepath.Join(dest, "moissons", "moisson-de-liens-2014-w40", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `<meta name="description" content="1 lien : Go">`) {
		t.Errorf("no description in\n%s", data)
	}
	if !strings.Contains(string(data), "<dl>\n<dt><a href=\"https://a.example/post-0\">Post 0</a></dt>\n<dd>Its lead.</dd>\n</dl>") {
		t.Errorf("no definition list in\n%s", data)
	}
	tags, err := os.ReadFile(filepath.Join(dest, "tags", "ssl", "index.html"))
	if err != nil || !strings.Contains(string(tags), "Moisson de liens, semaine 41") {
		t.Errorf("the SSL tag page does not list week 41 (%v):\n%s", err, tags)
	}
}
