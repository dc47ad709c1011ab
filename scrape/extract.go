// Package scrape fetches the pages behind shared links, politely and
// safely, and extracts from each its title and opening paragraph.
package scrape

import (
	"net/url"

	"github.com/moisson/moisson"
)

// Extract reads a resource as served (body bytes, the final URL after
// redirects, the Content-Type header) and returns what it says of itself:
// title, lead, site name, canonical URL, language and kind. It is a pure
// function: no network, no store. Status, Error and FetchedAt are left for
// the caller to fill in.
func Extract(body []byte, finalURL *url.URL, contentType string) moisson.Page {
	// Placeholder until the extraction core lands.
	return moisson.Page{FinalURL: finalURL.String(), CanonicalURL: finalURL.String(), Kind: moisson.KindHTML, ContentType: contentType}
}
