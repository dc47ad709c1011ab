package scrape

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// testPicture returns a w×h picture with a gradient, so that its JPEG
// is not trivially small.
func testPicture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return img
}

func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testPicture(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombPNG is a PNG whose header claims w×h pixels and that holds no
// pixel at all: decoding it would allocate w×h×4 bytes.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func decodeSize(t *testing.T, data []byte) (int, int) {
	t.Helper()
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if format != "jpeg" {
		t.Errorf("format %s, want jpeg", format)
	}
	return cfg.Width, cfg.Height
}

// TestScrapeImage scrapes a page whose og:image is a 1000×600 JPEG on
// the same server: the page comes with the image's stable name, its
// post copy 800 px wide and its thumbnail 160 px wide, fetched with the
// scraper's User-Agent; without Thumbnails the image is not requested.
func TestScrapeImage(t *testing.T) {
	pic := testJPEG(t, 1000, 600)
	var imageHits atomic.Int32
	var ua atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/post":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>A post</title>
<meta property="og:image" content="/media/cover.jpg"><meta property="og:image:alt" content="A cover">
</head><body><article><h1>A post</h1><p>The opening paragraph of the post, long enough to be one.</p></article></body></html>`)
		case "/media/cover.jpg":
			imageHits.Add(1)
			ua.Store(r.UserAgent())
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(pic)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	s := testScraper(Options{Thumbnails: true, PostImages: true, UserAgent: "moisson-test/1.0"})
	page := s.Scrape(context.Background(), srv.URL+"/post")
	if !page.OK() {
		t.Fatal(page.Error)
	}
	want := moisson.Image{URL: srv.URL + "/media/cover.jpg", Alt: "A cover", Name: moisson.ImageName(srv.URL + "/media/cover.jpg"),
		Width: 800, Height: 480, Post: true}
	if page.Image == nil || *page.Image != want {
		t.Fatalf("image = %+v, want %+v", page.Image, want)
	}
	if page.ImageFiles == nil {
		t.Fatal("no image files")
	}
	if w, h := decodeSize(t, page.ImageFiles.Post); w != 800 || h != 480 {
		t.Errorf("post copy %d×%d, want 800×480", w, h)
	}
	if w, h := decodeSize(t, page.ImageFiles.Thumb); w != ThumbWidth || h != 96 {
		t.Errorf("thumbnail %d×%d, want %d×96", w, h, ThumbWidth)
	}
	if got := ua.Load(); got != "moisson-test/1.0" {
		t.Errorf("image fetched as %q, want the scraper's User-Agent", got)
	}

	// Thumbnails only: no post copy, the size is the thumbnail's.
	thumbs := testScraper(Options{Thumbnails: true})
	page = thumbs.Scrape(context.Background(), srv.URL+"/post")
	if page.Image == nil || page.Image.Post || page.ImageFiles.Post != nil || page.Image.Width != ThumbWidth {
		t.Errorf("thumbnails only: image %+v", page.Image)
	}

	// Stored already (a refresh): not fetched again.
	before := imageHits.Load()
	var asked string
	kept := testScraper(Options{Thumbnails: true, PostImages: true, HasImage: func(_ context.Context, name string, post bool) bool {
		asked = fmt.Sprint(name, post)
		return true
	}})
	page = kept.Scrape(context.Background(), srv.URL+"/post")
	if imageHits.Load() != before || asked != fmt.Sprint(want.Name, true) {
		t.Errorf("an image stored already was fetched again (asked %q)", asked)
	}
	if page.Image == nil || page.Image.URL != want.URL || page.Image.Name != "" || page.ImageFiles != nil {
		t.Errorf("image stored already: %+v, want its URL alone (the store keeps its own)", page.Image)
	}

	off := testScraper(Options{})
	page = off.Scrape(context.Background(), srv.URL+"/post")
	if imageHits.Load() != before {
		t.Error("the image was fetched without Thumbnails")
	}
	if page.Image == nil || page.Image.URL != want.URL || page.Image.Name != "" || page.ImageFiles != nil {
		t.Errorf("without Thumbnails: image %+v, files %v; want the URL alone", page.Image, page.ImageFiles)
	}
}

// TestScrapeImageFailureKeepsPage: an image that cannot be had (404)
// leaves the page whole, its Image.Error saying why.
func TestScrapeImageFailureKeepsPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/post" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><head><title>A post</title><meta property="og:image" content="/gone.jpg"></head><body><p>Text of the post, a paragraph.</p></body></html>`)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	page := testScraper(Options{Thumbnails: true}).Scrape(context.Background(), srv.URL+"/post")
	if !page.OK() || page.Title != "A post" {
		t.Fatalf("page %+v, want it scraped", page)
	}
	if page.Image == nil || page.Image.Name != "" || !strings.Contains(page.Image.Error, "404") || page.ImageFiles != nil {
		t.Errorf("image %+v, want a 404 error and no files", page.Image)
	}
}

// TestFetchImageRefused: what is not fetched, or not kept.
func TestFetchImageRefused(t *testing.T) {
	small := testPNG(t, testPicture(100, 80))
	big := testJPEG(t, 1000, 600)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bomb.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(bombPNG(100000, 100000))
		case "/tall.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(bombPNG(300, 20000))
		case "/big.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write(big)
		case "/big-chunked.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			w.(http.Flusher).Flush() // no Content-Length: the limit is met while reading
			w.Write(big)
		case "/small.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(small)
		case "/page.html":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>not a picture</body></html>")
		case "/lying.jpg":
			w.Header().Set("Content-Type", "image/jpeg")
			fmt.Fprint(w, "<html><body>not a picture either</body></html>")
		case "/logo.svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"></svg>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	tests := []struct {
		name, path string
		maxBytes   int64
		want       error
	}{
		{"decompression bomb", "/bomb.png", 0, ErrImageTooBig},
		{"side too long", "/tall.png", 0, ErrImageTooBig},
		{"too many bytes", "/big.jpg", int64(len(big) / 2), ErrImageTooBig},
		{"too many bytes, no length", "/big-chunked.jpg", int64(len(big) / 2), ErrImageTooBig},
		{"too small", "/small.png", 0, ErrImageTooSmall},
		{"an HTML page", "/page.html", 0, ErrNotImage},
		{"an HTML page served as an image", "/lying.jpg", 0, ErrNotImage},
		{"SVG", "/logo.svg", 0, ErrNotImage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := testScraper(Options{MaxImageBytes: tc.maxBytes})
			_, _, _, err := s.FetchImage(context.Background(), srv.URL+tc.path, true)
			if !errors.Is(err, tc.want) {
				t.Errorf("FetchImage(%s) = %v, want %v", tc.path, err, tc.want)
			}
		})
	}

	t.Run("not found", func(t *testing.T) {
		_, _, _, err := testScraper(Options{}).FetchImage(context.Background(), srv.URL+"/nothing.jpg", false)
		var he *HTTPError
		if !errors.As(err, &he) || he.StatusCode != http.StatusNotFound {
			t.Errorf("err = %v, want a 404", err)
		}
	})

	t.Run("private address", func(t *testing.T) {
		// The default transport, without AllowPrivate: the loopback
		// server is refused after DNS, as any page would be.
		s := New(Options{HostDelay: -1})
		_, _, _, err := s.FetchImage(context.Background(), srv.URL+"/big.jpg", true)
		if !errors.Is(err, ErrPrivateNetwork) {
			t.Errorf("err = %v, want ErrPrivateNetwork", err)
		}
	})

	t.Run("not http", func(t *testing.T) {
		_, _, _, err := testScraper(Options{}).FetchImage(context.Background(), "file:///etc/passwd", true)
		if err == nil {
			t.Error("a file URL was fetched")
		}
	})
}

// TestResize: the copy is width wide with the picture's proportions,
// never enlarged; transparency becomes white.
func TestResize(t *testing.T) {
	for _, tc := range []struct{ w, h, width, wantW, wantH int }{
		{1000, 600, 800, 800, 480},
		{1200, 630, 800, 800, 420},
		{300, 200, 800, 300, 200},
		{4000, 10, 160, 160, 1},
	} {
		got := Resize(testPicture(tc.w, tc.h), tc.width).Bounds()
		if got.Dx() != tc.wantW || got.Dy() != tc.wantH {
			t.Errorf("Resize(%d×%d, %d) = %d×%d, want %d×%d", tc.w, tc.h, tc.width, got.Dx(), got.Dy(), tc.wantW, tc.wantH)
		}
	}
	// Fully transparent, small and large (the large one through the
	// bilinear step first): white.
	for _, w := range []int{400, 2000} {
		clear := image.NewNRGBA(image.Rect(0, 0, w, 300))
		if c := Resize(clear, 200).RGBAAt(100, 10); c != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("a transparent pixel of a %d px picture became %v, want white", w, c)
		}
	}
}

// TestImageName: the same URL always gives the same name, two URLs two
// names.
func TestImageName(t *testing.T) {
	a := moisson.ImageName("https://example.org/a.jpg")
	if a != moisson.ImageName("https://example.org/a.jpg") || a == moisson.ImageName("https://example.org/b.jpg") {
		t.Error("ImageName is not stable, or not unique")
	}
	if len(a) != 36 || !strings.HasSuffix(a, ".jpg") {
		t.Errorf("ImageName = %q, want 32 hex digits and .jpg", a)
	}
}

// BenchmarkResize makes the post's copy (800 px) and the thumbnail of a
// 2000×1333 picture, as FetchImage does once the JPEG is decoded:
// decode, two resizes, two encodes.
func BenchmarkResize(b *testing.B) {
	data := testJPEG(b, 2000, 1333)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		src, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		post := Resize(src, DefaultImageWidth)
		if _, err := encodeJPEG(post); err != nil {
			b.Fatal(err)
		}
		if _, err := encodeJPEG(Resize(post, ThumbWidth)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestImagePoliteness: an image on its page's host is asked HostDelay
// after the page; two images of one host are asked HostDelay apart,
// whichever pages name them.
func TestImagePoliteness(t *testing.T) {
	const delay = 300 * time.Millisecond
	pic := testJPEG(t, 400, 300)
	var mu sync.Mutex
	var times []time.Time
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times, paths = append(times, time.Now()), append(paths, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/post" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><head><title>A post</title><meta property="og:image" content="/cover.jpg"></head><body><p>The post's text, a paragraph.</p></body></html>`)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(pic)
	}))
	defer srv.Close()

	s := testScraper(Options{Thumbnails: true, HostDelay: delay})
	if page := s.Scrape(context.Background(), srv.URL+"/post"); page.Image == nil || page.Image.Name == "" {
		t.Fatalf("image %+v", page.Image)
	}
	if len(times) != 2 || paths[1] != "/cover.jpg" || times[1].Sub(times[0]) < delay {
		t.Errorf("requests %v at %v: want the image %s after the page", paths, times, delay)
	}

	times, paths = nil, nil
	var wg sync.WaitGroup
	for _, name := range []string{"/a.jpg", "/b.jpg"} {
		wg.Go(func() {
			if _, _, _, err := s.FetchImage(context.Background(), srv.URL+name, false); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(times) != 2 {
		t.Fatalf("%d requests", len(times))
	}
	gap := times[1].Sub(times[0])
	if gap < 0 {
		gap = -gap
	}
	// The gate spaces the requests' starts by delay; their arrivals
	// may be closer by a connection's setup on a loaded machine.
	if gap < delay*2/3 {
		t.Errorf("two images of one host asked %s apart, want about %s", gap, delay)
	}
}
