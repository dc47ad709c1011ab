package review_test

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// TestThumbnail: the entry whose page has a stored image shows its
// thumbnail, served by the page itself (no remote address), with the
// image's alt text; the others show none; the thumbnail's address
// answers a JPEG, and nothing for a name that is not an image's.
func TestThumbnail(t *testing.T) {
	s := start(t, newBackend(), review.Options{})
	name := moisson.ImageName(reviewtest.SampleImageURL)
	resp, body := s.get("/weeks/" + weekID)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("week page: %d", resp.StatusCode)
	}
	want := fmt.Sprintf(`<img src="/t/%s" alt="Un cadenas orange devant un nuage" loading="lazy">`, strings.TrimSuffix(name, ".jpg"))
	if !strings.Contains(body, want) {
		t.Errorf("the week page has no thumbnail %s", want)
	}
	if n := strings.Count(body, `<img src="/t/`); n != 1 {
		t.Errorf("%d thumbnails, want 1 (one entry has a stored image)", n)
	}
	if strings.Contains(body, reviewtest.SampleImageURL) {
		t.Error("the page names the image's remote address")
	}

	resp, data := s.get("/t/" + strings.TrimSuffix(name, ".jpg"))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("thumbnail: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if img, err := jpeg.Decode(bytes.NewReader([]byte(data))); err != nil || img.Bounds().Dx() != 160 {
		t.Errorf("thumbnail does not decode as a 160 px JPEG: %v", err)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age") {
		t.Errorf("thumbnail Cache-Control %q, want it cached", cc)
	}
	for _, bad := range []string{"0123456789abcdef0123456789abcdef", "..%2fmoisson.db", "x", "0123456789ABCDEF0123456789ABCDEF"} {
		if resp, _ := s.get("/t/" + bad); resp.StatusCode != http.StatusNotFound {
			t.Errorf("/t/%s: %d, want 404", bad, resp.StatusCode)
		}
	}
}

// TestThumbnailNeedsToken: behind a token, the thumbnails are the
// author's as the page is.
func TestThumbnailNeedsToken(t *testing.T) {
	s := start(t, newBackend(), review.Options{Token: "s3cret-token-of-the-author"})
	if resp, _ := s.get("/t/" + strings.TrimSuffix(moisson.ImageName(reviewtest.SampleImageURL), ".jpg")); resp.StatusCode == http.StatusOK {
		t.Error("a thumbnail was served without the token")
	}
}

// noThumbs is a backend that keeps no thumbnails.
type noThumbs struct{ review.Backend }

// TestNoThumbnailer: a backend that keeps no thumbnails gets a page
// without them.
func TestNoThumbnailer(t *testing.T) {
	s := start(t, noThumbs{newBackend()}, review.Options{})
	_, body := s.get("/weeks/" + weekID)
	if strings.Contains(body, `<img src="/t/`) {
		t.Error("a thumbnail is shown although the backend keeps none")
	}
}

// TestBrowserThumbnail: in Chromium, the thumbnail loads (the page's
// Content-Security-Policy lets it) and has its alt text.
func TestBrowserThumbnail(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	srv := httptest.NewServer(review.New(newBackend(), review.Options{}).Handler())
	defer srv.Close()
	p := reviewtest.NewPage(t, browser, srv.URL, true)
	if err := p.OpenWeek(weekID); err != nil {
		t.Fatal(err)
	}
	sel := "#" + review.EntryID(keySSL) + " form > img"
	if _, err := p.EvalBool("scroll", `(function(){var i=document.querySelector('`+sel+`'); if(!i) return false; i.loading='eager'; i.scrollIntoView(); return true})()`); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := p.EvalBool("thumbnail loaded", `(function(){var i=document.querySelector('`+sel+`'); return !!i && i.complete && i.naturalWidth === 160 && i.alt !== ''})()`)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the thumbnail did not load in the browser")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestWeekOf48WithThumbnailsWeight: a week of 48 links each with a
// stored image, as a real week with thumbnails has them, stays under
// 120 KB (issue 21's weight).
func TestWeekOf48WithThumbnailsWeight(t *testing.T) {
	entries := reviewtest.ManyEntries(48)
	for i := range entries {
		u := fmt.Sprintf("https://cdn.example.org/images/%d/cover.jpg", i)
		entries[i].Page.Image = &moisson.Image{URL: u, Name: moisson.ImageName(u), Width: 800, Height: 420, Post: true}
	}
	h := review.New(reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", entries, nil), review.Options{}).Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, loopbackGet("/weeks/2014-W40"))
	body := rec.Body.String()
	if n := strings.Count(body, `<img src="/t/`); n != 48 {
		t.Fatalf("%d thumbnails, want 48", n)
	}
	t.Logf("a week of 48 links with thumbnails: %d bytes", len(body))
	if len(body) > 120*1000 {
		t.Errorf("the page weighs %d bytes, want under 120 KB", len(body))
	}
}

// TestPreviewShowsStoredImages: the post's preview shows the post's
// images (served by the blog, at /assets/moisson/) by their stored
// thumbnails: the page loads nothing the blog serves.
func TestPreviewShowsStoredImages(t *testing.T) {
	s := start(t, newBackend(), review.Options{})
	_, body := s.get("/weeks/" + weekID + "/preview")
	hex := strings.TrimSuffix(moisson.ImageName(reviewtest.SampleImageURL), ".jpg")
	if !strings.Contains(body, `<img src="/t/`+hex+`" alt="Un cadenas orange devant un nuage"`) {
		t.Errorf("the preview does not show the stored thumbnail:\n%s", body)
	}
	if strings.Contains(body, "/assets/moisson/") {
		t.Error("the preview names the blog's image address")
	}
}
