package moisson

import (
	"crypto/sha256"
	"encoding/hex"
)

// Image is a page's preview image: the picture the page gives for its
// share cards (og:image, twitter:image, its JSON-LD image) or else the
// first large picture of its content. The review page shows its
// thumbnail; with MOISSON_IMAGES the post shows its web copy.
type Image struct {
	// URL is the image's address as the page names it, made absolute.
	URL string `json:"url"`
	// Alt is the image's alt text as the page gives it (og:image:alt, the
	// <img>'s alt); "" when it gives none: the entry's title stands in.
	Alt string `json:"alt,omitempty"`
	// Name is the file name the image is stored under once fetched
	// (ImageName of URL), "" when it was not: Error says why.
	Name string `json:"name,omitempty"`
	// Width and Height are the stored copy's size in pixels: the web
	// copy when Post, else the thumbnail.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Post is true when the web copy for the post is stored along with
	// the thumbnail (MOISSON_IMAGES was on when the page was scraped).
	Post bool `json:"post,omitempty"`
	// Error says why the image was not stored: missing, not an image,
	// too small, too big. The page itself is fine.
	Error string `json:"error,omitempty"`
}

// Stored reports whether the image's files are in the store.
func (i *Image) Stored() bool { return i != nil && i.Name != "" }

// ImageFiles are an image's files as made from the fetched picture:
// JPEG, resized. They travel with the page from the scraper to the
// store (never in the page's JSON), which keeps them under the image's
// Name in the same transaction as the page.
type ImageFiles struct {
	// Thumb is the thumbnail the review page shows.
	Thumb []byte
	// Post is the web copy the post shows; nil unless asked for
	// (MOISSON_IMAGES).
	Post []byte
}

// ImageName is the stable file name of the image at url: the first 32
// hex digits of the SHA-256 of the URL, ".jpg" (every stored copy is
// re-encoded as JPEG). The same image shared twice is one file.
func ImageName(url string) string {
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:16]) + ".jpg"
}
