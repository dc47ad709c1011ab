package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review/reviewtest"
)

// TestImagesEndToEnd: with MOISSON_IMAGES=1 and MOISSON_GIT_PUSH=1, a
// bookmark imported and backfilled gives a post showing its page's
// og:image with its alt text, the image resized to 800 px, written under
// assets/moisson/ and pushed in the week's commit.
func TestImagesEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	var pic bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 1200, 630))
	for y := range 630 {
		for x := range 1200 {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 3), 90, 255})
		}
	}
	if err := jpeg.Encode(&pic, img, nil); err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/article":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><html lang="fr"><head><title>Les phares de Bretagne</title>
<meta property="og:image" content="/img/cover.jpg"><meta property="og:image:alt" content="Un phare sous la tempête">
</head><body><article><h1>Les phares de Bretagne</h1><p>Le premier paragraphe de l'article sur les phares, assez long pour être pris pour son ouverture.</p></article></body></html>`)
		case "/img/cover.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(pic.Bytes())
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	wayback := pageServer(t)

	work := t.TempDir()
	remote, blog := filepath.Join(work, "remote.git"), filepath.Join(work, "blog")
	gitRun := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	gitRun(work, "init", "--quiet", "--bare", "--initial-branch=main", remote)
	gitRun(work, "clone", "--quiet", remote, blog)
	gitRun(blog, "config", "user.name", "moisson test")
	gitRun(blog, "config", "user.email", "moisson@example.org")
	gitRun(blog, "checkout", "--quiet", "-b", "main")

	dc := digest.DefaultConfig()
	when, err := time.ParseInLocation("2006-01-02 15:04", "2024-10-01 10:00", dc.Location)
	if err != nil {
		t.Fatal(err)
	}
	export := filepath.Join(work, "bookmarks.html")
	html := fmt.Sprintf(`<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<DL><p>
    <DT><A HREF="%s/article" ADD_DATE="%d" TAGS="Mer">Phares</A>
</DL><p>
`, site.URL, when.Unix())
	if err := os.WriteFile(export, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	environ := []string{"HOME=" + work, "MOISSON_DB=" + filepath.Join(work, "moisson.db"), "MOISSON_BLOG_DIR=" + blog,
		"MOISSON_LISTEN=off", "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error",
		"WAYBACK_BASE_URL=" + wayback.URL, "MOISSON_IMAGES=1", "MOISSON_GIT_PUSH=1"}
	if _, stderr, err := run(t, environ, "import", export); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if _, stderr, err := run(t, environ, "backfill", "--from", "2024-09-28", "--to", "2024-10-04"); err != nil {
		t.Fatalf("backfill: %v\n%s", err, stderr)
	}

	name := moisson.ImageName(site.URL + "/img/cover.jpg")
	rel := "assets/moisson/" + name
	data, err := os.ReadFile(filepath.Join(blog, rel))
	if err != nil {
		t.Fatalf("no image in the blog: %v", err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "jpeg" || cfg.Width != 800 || cfg.Height != 420 {
		t.Errorf("the blog's image: %s %d×%d (%v), want a JPEG of 800×420", format, cfg.Width, cfg.Height, err)
	}
	posts := postFiles(t, blog)
	if len(posts) != 1 {
		t.Fatalf("posts %v, want one", posts)
	}
	post, err := os.ReadFile(filepath.Join(blog, "_posts", posts[0]))
	if err != nil {
		t.Fatal(err)
	}
	if want := "![Un phare sous la tempête](/assets/moisson/" + name + ")"; !strings.Contains(string(post), want) {
		t.Errorf("the post lacks %s:\n%s", want, post)
	}
	pushed := gitRun(remote, "show", "--name-only", "--format=%s", "main")
	if !strings.Contains(pushed, rel) || !strings.Contains(pushed, "_posts/"+posts[0]) {
		t.Errorf("the pushed commit:\n%s\nwant the post and its image", pushed)
	}

	// The review page of the real binary, in Chromium: the entry shows
	// the stored thumbnail (loaded from the page itself), and axe-core
	// finds nothing to say.
	browser := reviewtest.StartBrowser(t)
	review := startMoisson(t, "review", work, baseEnviron(work, "MOISSON_DB="+filepath.Join(work, "moisson.db"), "MOISSON_BLOG_DIR="+blog), "review")
	base := reviewURL(t, review)
	p := reviewtest.NewPage(t, browser, base, true)
	week := dc.WeekOf(when)
	if err := p.OpenWeek(week.ID); err != nil {
		t.Fatal(err)
	}
	thumb := `document.querySelector('article.entry form > img')`
	if _, err := p.EvalBool("scroll", `(function(){var i=`+thumb+`; if(!i) return false; i.loading='eager'; i.scrollIntoView(); return true})()`); err != nil {
		t.Fatal(err)
	}
	for stop := time.Now().Add(deadline); ; time.Sleep(100 * time.Millisecond) {
		ok, err := p.EvalBool("thumbnail", `(function(){var i=`+thumb+`; return !!i && i.complete && i.naturalWidth === 160 && i.getAttribute('src').indexOf('/t/') === 0 && i.alt === 'Un phare sous la tempête'})()`)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			break
		}
		if time.Now().After(stop) {
			t.Fatal("the review page shows no thumbnail of the page's image")
		}
	}
	violations, err := p.Axe()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("axe: %s", v)
	}
}

// TestScrapeShowsImage: `moisson scrape` tells each page's image and what
// became of it: stored with its size, or why not.
func TestScrapeShowsImage(t *testing.T) {
	var pic, tiny bytes.Buffer
	if err := jpeg.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 1200, 630)), nil); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&tiny, image.NewRGBA(image.Rect(0, 0, 64, 64)), nil); err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big", "/small":
			img := "/cover.jpg"
			if r.URL.Path == "/small" {
				img = "/tiny.jpg"
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>A page</title><meta property="og:image" content="%s"></head><body><p>A paragraph of the page, long enough.</p></body></html>`, img)
		case "/cover.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(pic.Bytes())
		case "/tiny.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(tiny.Bytes())
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	work := t.TempDir()
	environ := []string{"HOME=" + work, "MOISSON_DB=" + filepath.Join(work, "moisson.db"), "MOISSON_LISTEN=off",
		"MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error"}
	out, stderr, err := run(t, environ, "scrape", site.URL+"/big", site.URL+"/small")
	if err != nil {
		t.Fatalf("scrape: %v\n%s", err, stderr)
	}
	for _, want := range []string{
		"  image:     " + site.URL + "/cover.jpg (stored, 160×84)\n",
		"  image:     " + site.URL + "/tiny.jpg (not stored: scrape: image " + site.URL + "/tiny.jpg: image too small: 64 px wide (at least 200))\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("scrape says:\n%s\nwant %q", out, want)
		}
	}
}
