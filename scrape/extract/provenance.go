package extract

import "strings"

// Source says where a title or a lead came from. The extraction sets the
// sources below; a caller that replaces a title or a lead with one of its
// own (a post's text, a Wayback copy, an edit by hand) can record its
// own Source values beside them.
type Source string

// The sources of a title or a lead that the extraction sets.
const (
	// SourceNone: there is no title or no lead.
	SourceNone Source = ""
	// SourceJSONLD: the page's JSON-LD article (headline or name).
	SourceJSONLD Source = "json-ld"
	// SourceMeta: a metadata title (og:title, twitter:title, dc:title,
	// meta title, parsely-title).
	SourceMeta Source = "meta"
	// SourceHeadline: a headline printed on the page (h1–h3, or an
	// element whose class, id or itemprop says headline or title).
	SourceHeadline Source = "headline"
	// SourceTitleTag: the <title> as the page wrote it.
	SourceTitleTag Source = "title"
	// SourceTitleCut: the <title> with its decoration cut (the site's
	// name, sections, breadcrumbs, dates).
	SourceTitleCut Source = "title-cut"
	// SourceFileName: the URL's file name, for a resource that names
	// itself no other way.
	SourceFileName Source = "file-name"
	// SourcePDF: a PDF's metadata or its first heading (title), its
	// abstract or first paragraph (lead).
	SourcePDF Source = "pdf"
	// SourceSiteRule: a rule for one site (YouTube, Vimeo, SlideShare,
	// Speaker Deck, GitHub).
	SourceSiteRule Source = "site-rule"
	// SourceParagraph: the opening paragraph of the page's main content.
	SourceParagraph Source = "paragraph"
	// SourceMetaDescription: the page's meta description, for a page
	// without a readable body.
	SourceMetaDescription Source = "meta-description"
	// SourceText: the first paragraph of a plain text.
	SourceText Source = "text"
)

// Confidence says how sure the extraction is of a title or a lead: a
// caller may show the low ones for a look before they are published.
type Confidence string

// The confidences.
const (
	// ConfidenceNone goes with SourceNone.
	ConfidenceNone Confidence = ""
	// ConfidenceHigh: two sources agree (the <title> holds the page's
	// headline; a metadata title matches the <title> or a headline), or
	// the site's own structured data says it.
	ConfidenceHigh Confidence = "high"
	// ConfidenceMedium: one source that is usually right (a metadata
	// title alone, a <title> whose decoration was recognised and cut,
	// the headline of a page whose <title> names only the site).
	ConfidenceMedium Confidence = "medium"
	// ConfidenceLow: a guess (a <title> that no headline confirms and
	// nothing marks as the site's, the first h1, a file name, a
	// <title> or headline that is only the site's name).
	ConfidenceLow Confidence = "low"
)

// markupFragments are pieces of markup, script and template code: text
// holding one is the page's code leaking into its words (a <title>
// holding a script, a template left unrendered), never a headline or a
// lead.
var markupFragments = []string{
	"-->", "<!--", "]]>", "<![cdata[",
	"getelementbyid", "getelementsby", "innerhtml", "queryselector", "addeventlistener",
	"+ '", "' +", "'+", "+'", "+ \"", "\" +",
	"{{", "}}", "{%", "%}", "<%", "%>", "${",
	"\");", "');", "\">", "'>", "function(", "=function", "var _",
}

// hasMarkup reports whether s carries markup, script or template
// fragments: a tag ("<b", "</", "<!"), a comment's end, JavaScript
// ("document.write", "getElementById", "+ '", "');"), template
// delimiters ("{{", "<%", "%>"). A "<" followed by a space or a digit
// ("a < b", "<3") is prose.
func hasMarkup(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		c := s[i+1]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?' || c == '%' {
			return true
		}
	}
	for _, f := range markupFragments {
		if containsFold(s, f) {
			return true
		}
	}
	// "document.write", "window.location": the DOM, not a sentence's
	// last word.
	return domCall(s, "document.") || domCall(s, "window.")
}

// containsFold reports whether s holds sub (lower-case ASCII), compared
// without case, without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerASCII(s[i]) != sub[0] {
			continue
		}
		j := 1
		for ; j < len(sub) && lowerASCII(s[i+j]) == sub[j]; j++ {
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// lowerASCII lower-cases an ASCII letter.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// domCall reports whether s holds obj ("document.", lower case, written
// in any case) followed by a lower-case letter, as code names a property.
func domCall(s, obj string) bool {
	for i := 0; i+len(obj) < len(s); i++ {
		if lowerASCII(s[i]) != obj[0] || !containsFold(s[i:i+len(obj)], obj) {
			continue
		}
		if c := s[i+len(obj)]; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// scriptQuotes reports whether a title holds the unbalanced quotes of a
// cut script: a ";" or "=" next to an odd number of double quotes, or a
// call's "(\"".
func scriptQuotes(t string) bool {
	if strings.Contains(t, "(\"") || strings.Contains(t, "('") {
		return true
	}
	return strings.Count(t, "\"")%2 == 1 && strings.ContainsAny(t, ";=")
}

// cleanTitleText reports whether t may be a title: no markup, no script,
// no template, no quotes left open by a script.
func cleanTitleText(t string) bool {
	return !hasMarkup(t) && !scriptQuotes(t)
}
