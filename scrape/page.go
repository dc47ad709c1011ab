package scrape

import (
	"net/url"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/scrape/extract"
)

// DefaultPDFBudget is the time a PDF's extraction may take by default.
const DefaultPDFBudget = extract.DefaultPDFBudget

// ErrExtractTooLong is wrapped by the error of an extraction that ran out
// of its time budget.
var ErrExtractTooLong = extract.ErrExtractTooLong

// PanicError is the error of an extractor that panicked: a bug the input
// tripped on, which costs one page, not the run.
type PanicError = extract.PanicError

// Extract reads a resource as served (body bytes, the final URL after
// redirects, the Content-Type header) and returns the page it makes, as
// extract.ExtractWith does, with DefaultPDFBudget. Status, Error and
// FetchedAt are left for the caller to fill in; a wall in front of the
// page sets Blocked (and Error), as Scrape does.
func Extract(body []byte, finalURL *url.URL, contentType string) moisson.Page {
	p, _ := ExtractWithin(body, finalURL, contentType, DefaultPDFBudget)
	return p
}

// ExtractWithin is Extract with pdfBudget as the time a PDF's extraction
// may take (zero or negative: no limit). The error is extract's: a PDF
// not read within its budget (it wraps ErrExtractTooLong), or an
// extractor that panicked on the input (a *PanicError).
func ExtractWithin(body []byte, finalURL *url.URL, contentType string, pdfBudget time.Duration) (moisson.Page, error) {
	return extractPage(body, finalURL, contentType, pdfBudget, 0, nil)
}

// extractPage runs the extraction and makes its result a page.
func extractPage(body []byte, finalURL *url.URL, contentType string, pdfBudget time.Duration, status int, hostTitles []string) (moisson.Page, error) {
	if pdfBudget <= 0 {
		pdfBudget = -1
	}
	r, err := extract.ExtractWith(body, finalURL, contentType, extract.Options{PDFBudget: pdfBudget, Status: status, HostTitles: hostTitles})
	p := moisson.Page{
		FinalURL:     r.FinalURL,
		CanonicalURL: r.CanonicalURL,
		Title:        r.Title,
		DocTitle:     r.DocTitle,
		Lead:         r.Lead,
		Site:         r.Site,
		Lang:         r.Lang,
		Kind:         moisson.Kind(r.Kind),
		LeadFromMeta: r.LeadFromMeta,
		Paragraphs:   r.Paragraphs,
		ContentType:  r.ContentType,
		Blocked:      r.Blocked,

		TitleSource:     string(r.TitleSource),
		TitleConfidence: string(r.TitleConfidence),
		LeadSource:      string(r.LeadSource),
		LeadConfidence:  string(r.LeadConfidence),
	}
	if r.Blocked != "" {
		p.Error = "scrape: blocked by a " + r.Blocked + " wall"
	}
	if r.Image != "" && r.Blocked == "" {
		p.Image = &moisson.Image{URL: r.Image, Alt: r.ImageAlt}
	}
	return p, err
}

// CleanURL returns raw without its tracking parameters; see
// extract.CleanURL.
func CleanURL(raw string) string { return extract.CleanURL(raw) }
