package main

// The post in the blog's own theme (issue 21 item 9): the demo week,
// written with moisson's defaults, built by Jekyll with its default theme
// (minima) and by Hugo, and looked at in Chromium. With
// MOISSON_POST_SCREENSHOTS=1 the test writes docs/post-jekyll.png and
// docs/post-hugo.png:
//
//	MOISSON_POST_SCREENSHOTS=1 go test ./cmd/moisson/ -run TestDemoPostInThemes

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/example"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
	"github.com/moisson/moisson/weekly"
)

// demoPost writes the example week into blog with moisson's defaults and
// environ's settings, with a comment on its first entry.
func demoPost(t *testing.T, blog string, environ ...string) string {
	t.Helper()
	ctx := context.Background()
	e := &env{environ: append(environ, "MOISSON_DB="+filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error"),
		stdout: io.Discard, stderr: io.Discard, now: time.Now, transport: example.Transport()}
	e.load()
	if err := e.configure(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, example.Archive()); err != nil {
		t.Fatal(err)
	}
	posts, err := x.ReadArchive(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := e.openStore()
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Save(ctx, posts, "", ""); err != nil {
		t.Fatal(err)
	}
	s, err := e.service(st, blog)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.Digest.ParseWeek(example.Week().ID)
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Build(ctx, w, weekly.BuildOptions{Scrape: true})
	if err != nil {
		t.Fatal(err)
	}
	first := d.Sections[0].Entries[0].Key
	if err := s.Edit(ctx, w.ID, reviewChange("comment", first, "À lire avant de renouveler vos certificats : l'échéance est proche.")); err != nil {
		t.Fatal(err)
	}
	if err := s.Edit(ctx, w.ID, reviewChange("hide", example.DeadURL, "")); err != nil {
		t.Fatal(err)
	}
	if d, err = s.Build(ctx, w, weekly.BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	pub, _, err := s.Write(ctx, d, weekly.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return pub.Path
}

func TestDemoPostInThemes(t *testing.T) {
	shots := os.Getenv("MOISSON_POST_SCREENSHOTS") != ""
	var browser context.Context
	if shots {
		browser = reviewtest.StartBrowser(t)
	}
	t.Run("jekyll minima", func(t *testing.T) {
		jekyll := needTool(t, "jekyll")
		blog := t.TempDir()
		writeTestFile(t, filepath.Join(blog, "_config.yml"), "title: Mon blog\ntheme: minima\nlang: fr\ndisable_disk_cache: true\n")
		writeTestFile(t, filepath.Join(blog, "Gemfile"), "source 'https://rubygems.org'\ngem 'minima'\n")
		demoPost(t, blog)
		dest := filepath.Join(t.TempDir(), "_site")
		cmd := exec.Command(jekyll, "build", "--source", blog, "--destination", dest)
		cmd.Env = append(os.Environ(), "JEKYLL_ENV=production", "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
		if out, err := cmd.CombinedOutput(); err != nil {
			if strings.Contains(string(out), "minima") && os.Getenv("CI") == "" {
				t.Skipf("Jekyll's minima theme is not installed (apt-get install jekyll-theme-minima):\n%s", out)
			}
			t.Fatalf("jekyll build: %v\n%s", err, out)
		}
		page := findPost(t, dest)
		checkThemedPost(t, dest, page, `<h1 class="post-title p-name" itemprop="name headline">Moisson de liens, semaine 40 (du 29 septembre au 3 octobre 2014)</h1>`)
		if shots {
			screenshotPost(t, browser, dest, page, "post-jekyll.png")
		}
	})
	t.Run("hugo", func(t *testing.T) {
		hugo := needTool(t, "hugo")
		blog := t.TempDir()
		writeTestFile(t, filepath.Join(blog, "hugo.toml"), "baseURL = 'http://localhost/'\nlanguageCode = 'fr'\ntitle = 'Mon blog'\n")
		writeTestFile(t, filepath.Join(blog, "layouts", "_default", "baseof.html"), hugoBase)
		writeTestFile(t, filepath.Join(blog, "layouts", "_default", "single.html"), hugoSingle)
		writeTestFile(t, filepath.Join(blog, "layouts", "_default", "list.html"), `{{ define "main" }}{{ end }}`)
		demoPost(t, blog, "MOISSON_BLOG_FORMAT=hugo")
		dest := filepath.Join(t.TempDir(), "public")
		cmd := exec.Command(hugo, "--source", blog, "--destination", dest, "--quiet")
		cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir())
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("hugo: %v\n%s", err, out)
		}
		page := findPost(t, dest)
		checkThemedPost(t, dest, page, "<h1>Moisson de liens, semaine 40 (du 29 septembre au 3 octobre 2014)</h1>")
		if shots {
			screenshotPost(t, browser, dest, page, "post-hugo.png")
		}
	})
}

// hugoBase and hugoSingle are a small theme in the way of Hugo's common
// ones (Ananke, PaperMod): a readable column, a title, the date, the
// content; blockquotes set apart by a rule, as those themes do.
const hugoBase = `<!doctype html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }}</title>
<style>body{font:18px/1.6 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#0b57d0}h1{font-size:2rem;line-height:1.2}time{color:#666}
blockquote{margin:1rem 0;padding:0 1rem;border-left:3px solid #ccc;color:#555}</style></head>
<body><header><a href="/">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
`

const hugoSingle = `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}</article>{{ end }}
`

// reviewChange is one edit as the page sends it.
func reviewChange(action, entry, value string) review.Change {
	return review.Change{Action: action, Entry: entry, Value: value, By: "test"}
}

// needTool returns the path of a program, skipping the test without it,
// failing it under CI.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required under CI", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return path
}

func writeTestFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// findPost returns the built post's page, relative to dest.
func findPost(t *testing.T, dest string) string {
	t.Helper()
	var found []string
	_ = filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			if b, rerr := os.ReadFile(path); rerr == nil && strings.Contains(string(b), "<blockquote") {
				rel, _ := filepath.Rel(dest, path)
				found = append(found, rel)
			}
		}
		return err
	})
	if len(found) != 1 {
		t.Fatalf("want the one post in %s, found %v", dest, found)
	}
	return found[0]
}

// checkThemedPost checks the built post: the week's title as the theme
// shows it, the leads as quotes, the comment as a paragraph outside any
// quote, no definition list, no source named.
func checkThemedPost(t *testing.T, dest, page, title string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dest, page))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if !strings.Contains(html, title) {
		t.Errorf("the page lacks the week's title %s", title)
	}
	for _, bad := range []string{"<dl", "Compilation veille", "Twitter &amp; RSS"} {
		if strings.Contains(html, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	if n := strings.Count(html, "<blockquote"); n < len(example.Expected())/2 {
		t.Errorf("%d quotes, want one per lead", n)
	}
	comment := "<p>À lire avant de renouveler vos certificats : l’échéance est proche.</p>"
	html = strings.ReplaceAll(html, "&rsquo;", "’") // Goldmark's typographer
	i := strings.Index(html, comment)
	if i < 0 {
		t.Fatalf("the comment is not a paragraph of its own:\n%s", html)
	}
	if open, closed := strings.LastIndex(html[:i], "<blockquote"), strings.LastIndex(html[:i], "</blockquote>"); open > closed {
		t.Error("the comment is inside a quote")
	}
}

// screenshotPost serves dest and saves a PNG of page's top into docs/.
func screenshotPost(t *testing.T, browser context.Context, dest, page, name string) {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, time.Minute)
	defer cancelT()
	u := srv.URL + "/" + filepath.ToSlash(page)
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1100, 1400),
		chromedp.Navigate(u),
		chromedp.WaitReady(chromedp.CSS("blockquote")),
	); err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot of %s: %v", u, err)
	}
	path := filepath.Join("..", "..", "docs", name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s written", path)
}
