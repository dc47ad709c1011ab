package digest

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// jekyllSite makes a Jekyll site with kramdown (GFM input unless plain).
func jekyllSite(t *testing.T, plain bool) string {
	t.Helper()
	site := t.TempDir()
	config := "markdown: kramdown\ndisable_disk_cache: true\n"
	if plain {
		config += "kramdown:\n  input: kramdown\n"
	}
	writeFile(t, filepath.Join(site, "_config.yml"), config)
	writeFile(t, filepath.Join(site, "_layouts", "post.html"), "{{ content }}\n")
	return site
}

// buildJekyll builds site and returns the built pages' paths, relative to
// the destination, and the destination.
func buildJekyll(t *testing.T, jekyll, site string) (pages []string, dest string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dest = filepath.Join(t.TempDir(), "_site")
	cmd := exec.CommandContext(ctx, jekyll, "build", "--source", site, "--destination", dest)
	cmd.Env = append(os.Environ(), "JEKYLL_ENV=production", "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("jekyll build: %v\n%s", err, out)
	}
	if bytes.Contains(bytes.ToLower(out), []byte("warn")) || bytes.Contains(bytes.ToLower(out), []byte("error")) {
		t.Errorf("jekyll build complained:\n%s", out)
	}
	return htmlFiles(t, dest), dest
}

func hugoSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "config.toml"), "baseURL = 'https://blog.example.org/'\n"+
		"disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n")
	writeFile(t, filepath.Join(site, "layouts", "_default", "single.html"), "<html><body>{{ .Content }}</body></html>\n")
	writeFile(t, filepath.Join(site, "layouts", "_default", "list.html"), "<html><body></body></html>\n")
	writeFile(t, filepath.Join(site, "layouts", "index.html"), "<html><body></body></html>\n")
	return site
}

// buildHugo builds site (without --buildDrafts nor --buildFuture) and
// returns the built pages' paths, relative to the destination.
func buildHugo(t *testing.T, hugo, site string) (pages []string, dest string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dest = filepath.Join(t.TempDir(), "public")
	cmd := exec.CommandContext(ctx, hugo, "--source", site, "--destination", dest, "--quiet")
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	if bytes.Contains(bytes.ToLower(out), []byte("warn")) || bytes.Contains(bytes.ToLower(out), []byte("error")) {
		t.Errorf("hugo complained:\n%s", out)
	}
	var posts []string
	for _, p := range htmlFiles(t, dest) {
		if p != "index.html" && p != "posts/index.html" {
			posts = append(posts, p)
		}
	}
	return posts, dest
}

func htmlFiles(t *testing.T, dest string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dest, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".html") {
			rel, rerr := filepath.Rel(dest, path)
			if rerr != nil {
				return rerr
			}
			found = append(found, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return found
}

// editedWeek is the fixture week with edits of every kind, a comment full
// of Markdown and template tags, and a credit.
func editedWeek(t *testing.T, cfg Config) Digest {
	t.Helper()
	week, links, pages := fixture(t)
	for i := range links {
		if links[i].URL == keyCloudflare {
			links[i].Via, links[i].ViaURL = "@eastdakota", "https://x.com/eastdakota"
		}
	}
	return Apply(Build(week, links, pages, cfg), moisson.WeekEdits{
		Week: week.ID,
		Entries: map[string]moisson.EntryEdit{
			keyCloudflare: {Comment: "A *great* read: {{ site.title }} {% include x.html %} {{< sc >}}\n\n- one\n- two\n\n```\nunclosed fence"},
			keyComposer:   {Hidden: true},
			keyFastly:     {Category: "Caches", Title: "Caching *the* uncacheable", Lead: "My own lead."},
			keyNoLead:     {Comment: "No lead, a comment."},
		},
		Order: []string{keyCloudflare},
		Intro: "Une semaine **chargée**.",
	})
}

// commentChecks checks in the built post what the edits must give.
func commentChecks(t *testing.T, body *html.Node, text string) {
	t.Helper()
	for _, want := range []string{
		"{{ site.title }}", "{% include x.html %}", "{{< sc >}}", "unclosed fence",
		"Caching *the* uncacheable", "My own lead.", "No lead, a comment.", "Nasty",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("built post lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Composer") {
		t.Error("the hidden entry is in the built post")
	}
	count := map[atom.Atom]int{}
	var via, strong, code bool
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			count[n.DataAtom]++
			if n.DataAtom == atom.A && attr(n, "href") == "https://x.com/eastdakota" && textOf(n) == "@eastdakota" {
				via = true
			}
			if n.DataAtom == atom.Code && strings.TrimSpace(textOf(n)) == "unclosed fence" {
				code = true
			}
			if n.DataAtom == atom.Strong && textOf(n) == "chargée" {
				strong = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(body)
	if !via {
		t.Error("no link to the credited account")
	}
	if !strong {
		t.Error("the intro's Markdown was not rendered")
	}
	// kramdown's own input has no ``` fences: the fence, closed, is code
	// either way.
	if !code {
		t.Error("the comment's fence did not give code")
	}
	if count[atom.Em] != 1 || count[atom.Li] != 2 {
		t.Errorf("the comment's Markdown gave %d em, %d li; want 1, 2", count[atom.Em], count[atom.Li])
	}
	if count[atom.H3] != 6 {
		t.Errorf("%d sections built, want 6 (SSL, MySQL, ElasticSearch, Divers, Caches, Nasty)", count[atom.H3])
	}
}

// TestJekyllBuildEdits builds the post of an edited week with the real
// Jekyll: every entry still in its definition list, the comment's
// Markdown rendered, its template tags shown as written.
func TestJekyllBuildEdits(t *testing.T) {
	jekyll := requireTool(t, "jekyll")
	cfg := configured(t)
	d := editedWeek(t, cfg)
	for _, plain := range []bool{false, true} {
		site := jekyllSite(t, plain)
		if _, _, err := Write(site, d, cfg, d.Week.End, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		pages, dest := buildJekyll(t, jekyll, site)
		if len(pages) != 1 {
			t.Fatalf("built pages %v, want the post", pages)
		}
		data, err := os.ReadFile(filepath.Join(dest, pages[0]))
		if err != nil {
			t.Fatal(err)
		}
		body := bodyOf(t, data)
		commentChecks(t, body, textOf(body))
		var dts, dds int
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			switch n.DataAtom {
			case atom.Dt:
				dts++
			case atom.Dd:
				dds++
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(body)
		// 10 entries shown; every one but the one with neither lead nor
		// comment is a definition.
		if dts != 9 || dds != 9 {
			t.Errorf("kramdown input %v: %d dt and %d dd, want 9 of each:\n%s", !plain, dts, dds, data)
		}
	}
}

// TestHugoBuildEdits builds the post of an edited week with the real Hugo.
func TestHugoBuildEdits(t *testing.T) {
	hugo := requireTool(t, "hugo")
	cfg := configured(t)
	cfg.Format = FormatHugo
	d := editedWeek(t, cfg)
	site := hugoSite(t)
	if _, _, err := Write(site, d, cfg, d.Week.End, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	pages, dest := buildHugo(t, hugo, site)
	if len(pages) != 1 {
		t.Fatalf("built pages %v, want the post", pages)
	}
	data, err := os.ReadFile(filepath.Join(dest, pages[0]))
	if err != nil {
		t.Fatal(err)
	}
	body := bodyOf(t, data)
	commentChecks(t, body, textOf(body))
}

// TestDraftThenApproved writes the current week as a draft, checks that
// neither Jekyll nor Hugo builds it (with their default options: no
// drafts, no unpublished posts, no future posts), then approves it: the
// same file, overwritten, is built.
func TestDraftThenApproved(t *testing.T) {
	// A minute ago: the post is dated now, and a site generator's own
	// clock, read when its build starts, must not find it in the future
	// by a second's rounding.
	now := time.Now().Add(-time.Minute)
	tools := []struct {
		name   string
		format Format
		site   func(t *testing.T) string
		build  func(t *testing.T, tool, site string) ([]string, string)
	}{
		{"jekyll", FormatJekyll, func(t *testing.T) string { return jekyllSite(t, false) }, buildJekyll},
		{"hugo", FormatHugo, hugoSite, buildHugo},
	}
	for _, tc := range tools {
		t.Run(tc.name, func(t *testing.T) {
			tool := requireTool(t, tc.name)
			cfg := DefaultConfig()
			cfg.Format = tc.format
			// The week still open: its cutoff is ahead, and the post must
			// still not be dated in the future.
			w := cfg.WeekOf(now)
			links := []moisson.Link{{URL: "https://a.example/post", PostedAt: w.Start, PostText: "A post #Go", Hashtags: []string{"Go"}}}
			pages := map[string]moisson.Page{links[0].URL: {URL: links[0].URL, CanonicalURL: links[0].URL, Title: "A post", Lead: "Its lead.", Status: 200}}
			d := Build(w, links, pages, cfg)
			site := tc.site(t)

			draft, changed, err := Write(site, d, cfg, now, WriteOptions{Draft: true})
			if err != nil || !changed || !draft.Draft {
				t.Fatalf("draft Write = %+v, %v, %v", draft, changed, err)
			}
			if built, _ := tc.build(t, tool, site); len(built) != 0 {
				t.Errorf("the draft was built: %v", built)
			}

			approved, changed, err := Write(site, d, cfg, now, WriteOptions{Previous: &draft})
			if err != nil || !changed || approved.Draft || approved.Path != draft.Path {
				t.Fatalf("approved Write = %+v, %v, %v; want the draft's path rewritten", approved, changed, err)
			}
			built, dest := tc.build(t, tool, site)
			if len(built) != 1 {
				t.Fatalf("built pages after approval: %v, want the post", built)
			}
			data, err := os.ReadFile(filepath.Join(dest, built[0]))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(textOf(bodyOf(t, data)), "Its lead.") {
				t.Errorf("the built post lacks its lead:\n%s", data)
			}
		})
	}
}
