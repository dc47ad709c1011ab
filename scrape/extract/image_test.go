package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// TestImage reads the preview image of pages shaped as the sites that
// serve them (testdata/images): the share image first, then the
// content's first large picture, never a logo, an avatar, a pixel, an
// emoji, a divider or an ad.
func TestImage(t *testing.T) {
	tests := []struct {
		file, url string
		image     string
		alt       string
	}{
		{"wordpress-og.html", "https://thesmallplot.co.uk/2024/10/balcony-tomatoes/",
			"https://thesmallplot.co.uk/wp-content/uploads/2024/10/balcony-tomatoes.jpg", "Tomato plants in pots on a narrow balcony"},
		{"twitter-only.html", "https://rails.example.fr/2024/train-de-nuit",
			"https://rails.example.fr/media/2024/train-nuit-large.webp", "Un train de nuit en gare de l'Est, au crépuscule"},
		{"jsonld-image.html", "https://nordnachrichten.example/wirtschaft/windkraft",
			"https://cdn.nordnachrichten.example/img/2024/windpark-16x9.jpg", ""},
		{"content-image.html", "https://blog.example.com/2024/slow-web/",
			"https://blog.example.com/images/2024/slow-web-graph.png", "Page weight of this blog, 2019 to 2024"},
		{"srcset-lazy.html", "https://nature.example.org/lichens",
			"https://nature.example.org/img/lichen-800.jpg", "Yellow lichen on a stone wall"},
		{"picture.html", "https://example.org/bike",
			"https://cdn.example.org/bike-960.webp", "A green steel frame on a work stand"},
		{"no-image.html", "https://example.org/releases/2.4", "", ""},
		{"cms-alt-url.html", "https://www.businessweek.com/magazine/pop",
			"http://images.businessweek.com/mz/10/34/370/1034_mz_66popmunnessa.jpg", ""},
		{"ornament.html", "https://letters.example.net/faraway", "https://letters.example.net/assets/photos/harbour.jpg", ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "images", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			r, err := ExtractWith(body, u, "text/html; charset=utf-8", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Image != tc.image || r.ImageAlt != tc.alt {
				t.Errorf("image = %q, alt %q; want %q, alt %q", r.Image, r.ImageAlt, tc.image, tc.alt)
			}
		})
	}
}

// TestImageOfOtherKinds: a PDF, a text, an image file and a wall give no
// preview image.
func TestImageOfOtherKinds(t *testing.T) {
	for _, tc := range []struct{ name, body, ct string }{
		{"text", "Just text, <meta property=\"og:image\" content=\"https://x.example/a.jpg\">", "text/plain"},
		{"image", "\x89PNG\r\n\x1a\n", "image/png"},
		{"json", `{"image":"https://x.example/a.jpg"}`, "application/json"},
	} {
		r, _ := Extract([]byte(tc.body), "https://x.example/page", tc.ct)
		if r.Image != "" {
			t.Errorf("%s: image %q, want none", tc.name, r.Image)
		}
	}
}
