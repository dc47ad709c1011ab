package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// extractHTML extracts from a parsed UTF-8 HTML document. It fills Title,
// Lead (paragraphs separated by "\n"), Site (og:site_name, application-name,
// or JSON-LD publisher name; else ""), Lang (html lang / og:locale /
// content-language meta, short form like "fr"), LeadFromMeta, Kind =
// KindHTML. It does not set URL, FinalURL, CanonicalURL, Status.
//
// The document is walked once: the walk gathers the head's metadata, the
// JSON-LD objects, the headings and the page's text cut into paragraph
// blocks; the main content is then found by scoring those blocks and the
// lead is chosen inside it.
func extractHTML(doc *goquery.Document, finalURL *url.URL) Result {
	p, _ := extractDoc(doc, finalURL, nil)
	return p
}

// extractDoc is extractHTML, also returning the walk (nil for an empty
// document) for the checks that follow.
func extractDoc(doc *goquery.Document, finalURL *url.URL, hostTitles []string) (Result, *walker) {
	p := Result{Kind: KindHTML}
	if doc == nil || len(doc.Nodes) == 0 {
		return p, nil
	}
	w := newWalker()
	for _, n := range doc.Nodes {
		w.walk(n)
	}
	w.flush()
	w.meta.parseJSONLD()

	if site := w.meta.siteName(); cleanTitleText(site) {
		p.Site = site
	}
	p.Lang = w.meta.lang()
	if d := cleanTitle(w.meta.docTitle); cleanTitleText(d) {
		p.DocTitle = d
	}
	t := chooseTitle(w, finalURL, hostTitles)
	p.Title, p.TitleSource, p.TitleConfidence = t.text, t.src, t.conf

	lead, paras := chooseLead(w)
	chosen := lead
	lead, paras = cleanLead(lead, paras)
	p.Paragraphs = paras
	p.LeadSource, p.LeadConfidence = SourceParagraph, ConfidenceHigh
	if lead != chosen {
		// The opening paragraph held code: the next one is a guess.
		p.LeadConfidence = ConfidenceMedium
	}
	if lead == "" {
		p.LeadSource, p.LeadConfidence = SourceNone, ConfidenceNone
		if d := w.meta.description(); d != "" && !hasMarkup(d) {
			lead = capLead(firstMetaParagraph(d), leadCap)
			p.LeadFromMeta = true
			p.LeadSource, p.LeadConfidence = SourceMetaDescription, ConfidenceMedium
		}
	}
	p.Lead = lead
	p.Image, p.ImageAlt = chooseImage(w, finalURL)
	return p, w
}

// pageMeta is what the head and the structured data say of the page.
type pageMeta struct {
	// props holds the first value of each meta tag, keyed by its
	// lower-cased name or property ("og:title", "description"...).
	props    map[string]string
	docTitle string
	htmlLang string
	// jsonLD holds the raw text of the application/ld+json scripts until
	// parseJSONLD reads them.
	jsonLD []string
	ld     ldInfo
	// The image tags (metaImage): the first of each.
	ogImage, ogImageAlt           string
	ogImageWidth                  int
	twitterImage, twitterImageAlt string
}

// meta returns the value of the first of keys that is present and not
// blank.
func (m *pageMeta) meta(keys ...string) string {
	for _, k := range keys {
		if v := m.props[k]; v != "" {
			return v
		}
	}
	return ""
}

// siteName is the site's own name: og:site_name, application-name or the
// JSON-LD publisher.
func (m *pageMeta) siteName() string {
	if s := m.meta("og:site_name", "application-name"); s != "" {
		return s
	}
	return m.ld.publisher
}

// lang is the page's language in short form ("fr", "zh").
func (m *pageMeta) lang() string {
	for _, v := range []string{m.htmlLang, m.props["og:locale"], m.props["content-language"], m.props["language"], m.props["dc:language"], m.ld.lang} {
		if s := shortLang(v); s != "" {
			return s
		}
	}
	return ""
}

// description is the page's summary of itself: the fallback lead of pages
// without a readable body.
func (m *pageMeta) description() string {
	return m.meta("og:description", "description", "twitter:description", "dc:description")
}

// shortLang turns "fr-FR", "en_US" or "pt-br, en" into "fr", "en", "pt".
func shortLang(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, ",; "); i >= 0 {
		v = v[:i]
	}
	if i := strings.IndexAny(v, "-_"); i >= 0 {
		v = v[:i]
	}
	v = strings.ToLower(v)
	if len(v) < 2 || len(v) > 3 {
		return ""
	}
	for _, r := range v {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return v
}

// attr returns the value of n's attribute key (lower case), or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// firstMetaParagraph returns the first paragraph of a description whose
// line breaks were lost when the site flattened it into a meta tag
// (YouTube's "…leak away.Chapters:00:00 Intro"): a sentence's stop glued
// to the capital of a word that follows is such a break. "U.S.A" or
// "Node.Js" do not count: the stop must follow a lower-case letter, and
// its capital open a word of at least two more lower-case letters.
func firstMetaParagraph(d string) string {
	for i := 1; i+1 < len(d); i++ {
		switch d[i] {
		case '.', '!', '?':
		default:
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(d[:i])
		next, size := utf8.DecodeRuneInString(d[i+1:])
		if !unicode.IsLower(prev) || !unicode.IsUpper(next) {
			continue
		}
		rest := d[i+1+size:]
		a, n := utf8.DecodeRuneInString(rest)
		b, _ := utf8.DecodeRuneInString(rest[n:])
		if unicode.IsLower(a) && unicode.IsLower(b) {
			return d[:i+1]
		}
	}
	return d
}

// cleanLead drops the lead candidates that carry markup, script or
// template code (a script's text printed in the page, an unrendered
// template): the lead is then the next clean candidate.
func cleanLead(lead string, paras []string) (string, []string) {
	var kept []string
	for _, c := range paras {
		if !hasMarkup(c) {
			kept = append(kept, c)
		}
	}
	if hasMarkup(lead) {
		lead = ""
		if len(kept) > 0 {
			lead = kept[0]
		}
	}
	return lead, kept
}
