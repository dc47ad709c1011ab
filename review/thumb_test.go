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
	want := fmt.Sprintf(`<img class="thumb" src="/thumbs/%s" alt="Un cadenas orange devant un nuage" width="80" height="42" loading="lazy"`, name)
	if !strings.Contains(body, want) {
		t.Errorf("the week page has no thumbnail %s", want)
	}
	if n := strings.Count(body, `class="thumb"`); n != 1 {
		t.Errorf("%d thumbnails, want 1 (one entry has a stored image)", n)
	}
	if strings.Contains(body, reviewtest.SampleImageURL) {
		t.Error("the page names the image's remote address")
	}

	resp, data := s.get("/thumbs/" + name)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("thumbnail: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if img, err := jpeg.Decode(bytes.NewReader([]byte(data))); err != nil || img.Bounds().Dx() != 160 {
		t.Errorf("thumbnail does not decode as a 160 px JPEG: %v", err)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age") {
		t.Errorf("thumbnail Cache-Control %q, want it cached", cc)
	}
	for _, bad := range []string{"0123456789abcdef0123456789abcdef.jpg", "..%2fmoisson.db", "x.jpg"} {
		if resp, _ := s.get("/thumbs/" + bad); resp.StatusCode != http.StatusNotFound {
			t.Errorf("/thumbs/%s: %d, want 404", bad, resp.StatusCode)
		}
	}
}

// TestThumbnailNeedsToken: behind a token, the thumbnails are the
// author's as the page is.
func TestThumbnailNeedsToken(t *testing.T) {
	s := start(t, newBackend(), review.Options{Token: "s3cret-token-of-the-author"})
	if resp, _ := s.get("/thumbs/" + moisson.ImageName(reviewtest.SampleImageURL)); resp.StatusCode == http.StatusOK {
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
	if strings.Contains(body, `class="thumb"`) {
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
	sel := "#" + review.EntryID(keySSL) + " img.thumb"
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
