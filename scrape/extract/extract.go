package extract

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"strings"
	"time"
	"unicode"
)

// Kind is the kind of resource a page is.
type Kind string

// The kinds of resource.
const (
	KindHTML  Kind = "html"
	KindPDF   Kind = "pdf"
	KindOther Kind = "other"
)

// Result is what a resource says of itself.
type Result struct {
	// Title is the headline as a reader sees it, without the site's name
	// or breadcrumbs; one line.
	Title string
	// DocTitle is the page's <title> as written (entities decoded,
	// spaces collapsed), "" when it has none or holds markup: what a
	// caller keeps to pass as Options.HostTitles when it reads other
	// pages of the same host.
	DocTitle string
	// Lead is the opening paragraph; when it is made of several
	// paragraphs they are separated by a single "\n".
	Lead string
	// Paragraphs are the first few paragraphs of the main content, in
	// order (at most five): other candidates for the lead.
	Paragraphs []string
	// LeadFromMeta is true when the lead is the page's meta description,
	// because the page has no readable body.
	LeadFromMeta bool
	// Site is the site's own name (og:site_name, application-name, the
	// JSON-LD publisher), or "".
	Site string
	// Lang is the page's language in short form ("fr"), or "".
	Lang string
	// Kind is the kind of resource.
	Kind Kind
	// FinalURL is the URL given, as a string.
	FinalURL string
	// CanonicalURL is the URL without tracking parameters, or the page's
	// rel=canonical when it is on the same site.
	CanonicalURL string
	// ContentType is the Content-Type given.
	ContentType string
	// TitleSource says where Title came from: the JSON-LD, a metadata
	// title, a headline printed on the page, the <title> as written or
	// with its decoration cut, a PDF, a site's own rule, the file name
	// (see the Source constants). It is SourceNone when Title is empty.
	TitleSource Source
	// TitleConfidence says how sure the extraction is of Title: high when
	// two sources agree, medium for one usually right, low for a guess
	// worth a look before it is published.
	TitleConfidence Confidence
	// LeadSource says where Lead came from: the page's opening paragraph,
	// its meta description, a PDF, a plain text, a site's own rule.
	LeadSource Source
	// LeadConfidence says how sure the extraction is of Lead.
	LeadConfidence Confidence
	// Image is the page's preview image, an absolute http(s) URL: its
	// og:image, else its twitter:image, else the image of its JSON-LD
	// article, else the first large image of its content (its width
	// attribute or srcset says at least 200 px; logos, icons, avatars,
	// tracking pixels and ads are passed over). "" when the page has
	// none; the image itself is not fetched (see scrape).
	Image string
	// ImageAlt is the image's alt text as the page gives it
	// (og:image:alt, twitter:image:alt, the <img>'s alt), "" when it
	// gives none.
	ImageAlt string
	// Blocked is not empty when the body is not the page but a wall in
	// front of it: a consent wall, a bot challenge, a login or paywall
	// shell, a JavaScript-only shell. It says which (see the Wall
	// constants); Title and Lead are then empty, as the wall's words are
	// no part of the page.
	Blocked string
}

// Options tune ExtractWith.
type Options struct {
	// PDFBudget is the time a PDF's extraction may take. Zero means
	// DefaultPDFBudget; negative, no limit. HTML needs no budget: its
	// size is bounded by the caller, and parsing and walking it is
	// linear in its size.
	PDFBudget time.Duration
	// Status is the HTTP status the body came with, 0 when unknown. Bot
	// challenges answer 403, 429 or 503 with a page of their own: the
	// status helps tell them from an article that mentions one.
	Status int
	// HostTitles are the <title>s of other pages of the same host, as
	// the caller has them (a store of pages already fetched); nil when
	// there are none. What they repeat at either end of their titles
	// ("Headline - The Daily Planet", "Other story - The Daily Planet")
	// is the site's decoration, cut from this page's <title> when the
	// page has no metadata title; a repeated part before a colon is cut
	// only when the page also names it as its site. A handful (5 to 20)
	// is enough; titles of other hosts would mislead it.
	HostTitles []string
}

// Extract reads a resource as served: body bytes, the final URL after
// redirects (it may be empty) and the Content-Type header. It is
// ExtractWith with the default Options.
func Extract(body []byte, pageURL, contentType string) (Result, error) {
	var u *url.URL
	if pageURL != "" {
		if pu, err := url.Parse(strings.TrimSpace(pageURL)); err == nil {
			u = pu
		}
	}
	return ExtractWith(body, u, contentType, Options{})
}

// ExtractWith reads a resource as served and returns what it says of
// itself: title, lead, lead candidates, site name, canonical URL,
// language, kind, and whether it is a wall rather than the page. It is a
// pure function: no network, no store, no clock but the PDF budget's.
//
// The kind is sniffed from the Content-Type, then the body's first bytes,
// then the URL's extension. A PDF is read by its own extractor; plain text
// is of kind other, its first paragraph as lead; JSON, XML, an image, a
// video, a sound or an archive is of kind other, titled from its file
// name, with no lead; an HTML page is decoded to UTF-8 and parsed.
// Whatever the input, Title and Lead are valid UTF-8 without control
// characters.
//
// The error is not nil when the result is a failure rather than what
// the resource says: a PDF not read within its budget (the error wraps
// ErrExtractTooLong), an extractor that panicked on the input (a
// *PanicError), or an HTML page that could not be parsed at all. The
// result is then what can be learned of an unreadable resource: its kind
// and a title from its file name. A wall is no error: see
// Result.Blocked.
func ExtractWith(body []byte, u *url.URL, contentType string, opts Options) (Result, error) {
	budget := opts.PDFBudget
	if budget == 0 {
		budget = DefaultPDFBudget
	}
	shape := sniffShape(body, u, contentType)
	p, err := guardExtract(shape, u, contentType, func() (Result, error) {
		return extractShape(shape, body, u, contentType, budget, opts)
	})
	if u != nil {
		p.FinalURL = u.String()
		if p.CanonicalURL == "" {
			p.CanonicalURL = cleanURL(u).String()
		}
	}
	p.ContentType = contentType
	p.Title = plainLine(p.Title)
	p.Lead = plainParagraphs(p.Lead)
	p.ImageAlt = plainLine(p.ImageAlt)
	if hasMarkup(p.ImageAlt) {
		p.ImageAlt = ""
	}
	p.Paragraphs = plainCandidates(p.Paragraphs)
	if hasMarkup(p.Title) {
		// No title at all rather than code published as one.
		p.Title = ""
	}
	if hasMarkup(p.Lead) {
		p.Lead, p.LeadFromMeta = "", false
	}
	if hasMarkup(p.Site) {
		p.Site = ""
	}
	if len(p.Paragraphs) > 0 {
		_, p.Paragraphs = cleanLead("", p.Paragraphs)
	}
	if p.Title == "" {
		p.TitleSource, p.TitleConfidence = SourceNone, ConfidenceNone
	}
	if p.Lead == "" {
		p.LeadSource, p.LeadConfidence = SourceNone, ConfidenceNone
	}
	return p, err
}

// guardExtract runs extract, turning a panic into a *PanicError and the
// page of an unreadable resource of this shape.
func guardExtract(shape shape, finalURL *url.URL, contentType string, extract func() (Result, error)) (p Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			p = Result{Kind: shape.kind(), Title: plainLine(fileNameTitle(finalURL)), ContentType: contentType,
				TitleSource: SourceFileName, TitleConfidence: ConfidenceLow}
			err = &PanicError{Kind: shape.kind(), Value: v, Stack: debug.Stack()}
		}
	}()
	return extract()
}

// extractShape reads a resource of the given shape.
func extractShape(shape shape, body []byte, finalURL *url.URL, contentType string, pdfBudget time.Duration, opts Options) (Result, error) {
	switch shape {
	case shapePDF:
		var deadline time.Time
		if pdfBudget > 0 {
			deadline = time.Now().Add(pdfBudget)
		}
		return extractPDF(body, finalURL, deadline)
	case shapeText:
		return extractText(toUTF8(body, contentType), finalURL), nil
	case shapeOther:
		return Result{Kind: KindOther, Title: fileNameTitle(finalURL), TitleSource: SourceFileName, TitleConfidence: ConfidenceLow}, nil
	}
	doc, err := parseHTML(closeTitle(toUTF8(body, contentType)))
	if err != nil {
		// Not even flattened could the page be parsed: a failure rather
		// than a page silently without its title and lead.
		return Result{Kind: KindHTML, Title: fileNameTitle(finalURL), TitleSource: SourceFileName, TitleConfidence: ConfidenceLow}, err
	}
	p, w := extractDoc(doc, finalURL, opts.HostTitles)
	if w != nil {
		if wall := detectWall(body, finalURL, opts.Status, w, &p); wall != "" {
			// The wall's words are not the page's: only what the page
			// says of itself outside it (site, language) is kept.
			return Result{Kind: KindHTML, Blocked: wall, Site: p.Site, Lang: p.Lang}, nil
		}
	}
	applySpecial(doc, finalURL, &p)
	p.CanonicalURL = canonicalURL(doc, finalURL)
	return p, nil
}

// closeTitle closes a <title> left open, which would make the rest of
// the page its text: a "</title>" is put before the first tag that
// follows it. A page whose <title> is closed is returned as it is.
func closeTitle(page []byte) []byte {
	head := page[:min(len(page), 64<<10)]
	i := indexFoldASCII(head, "<title")
	if i < 0 {
		return page
	}
	j := bytes.IndexByte(page[i:], '>')
	if j < 0 {
		return page
	}
	start := i + j + 1
	if indexFoldASCII(page[start:], "</title") >= 0 {
		return page
	}
	k := bytes.IndexByte(page[start:], '<')
	if k < 0 {
		return page
	}
	fixed := make([]byte, 0, len(page)+8)
	fixed = append(fixed, page[:start+k]...)
	fixed = append(fixed, "</title>"...)
	return append(fixed, page[start+k:]...)
}

// indexFoldASCII is the index of the first s (lower-case ASCII) in b,
// compared without case, or -1.
func indexFoldASCII(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		j := 0
		for ; j < len(s); j++ {
			c := b[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != s[j] {
				break
			}
		}
		if j == len(s) {
			return i
		}
	}
	return -1
}

// PanicError is the error of an extractor that panicked: a bug the input
// tripped on, which costs one page, not the run.
type PanicError struct {
	// Kind is the kind of resource the extractor read.
	Kind Kind
	// Value is what the extractor panicked with.
	Value any
	// Stack is the goroutine's stack where the panic was recovered.
	Stack []byte
}

// Error says which extractor panicked and with what.
func (e *PanicError) Error() string {
	return fmt.Sprintf("%s: extractor panicked: %v", e.Kind, e.Value)
}

// plainCandidates cleans lead candidates as the lead is cleaned, dropping
// the empty ones.
func plainCandidates(paras []string) []string {
	var out []string
	for _, para := range paras {
		if c := plainParagraphs(para); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// shape is how a resource is read.
type shape int

const (
	shapeHTML  shape = iota // parsed as HTML
	shapePDF                // read by the PDF extractor
	shapeText               // plain text: its first paragraph is the lead
	shapeOther              // titled from its file name, no lead
)

// kind is the Kind of a resource of this shape.
func (s shape) kind() Kind {
	switch s {
	case shapeHTML:
		return KindHTML
	case shapePDF:
		return KindPDF
	}
	return KindOther
}

// sniffKind tells what a resource is; see sniffShape.
func sniffKind(body []byte, u *url.URL, contentType string) Kind {
	return sniffShape(body, u, contentType).kind()
}

// sniffShape tells how to read a resource. A body that starts like a PDF
// is one whatever its header says; otherwise the Content-Type decides,
// unless it is missing or generic (application/octet-stream, often sent
// for PDFs kept in object stores), in which case the body's first bytes
// and then the URL's extension do. A body that plainly starts as HTML is
// read as HTML even when the header names another type. JSON and XML are
// data, not pages: neither their raw text nor an element of theirs is a
// lead.
func sniffShape(body []byte, u *url.URL, contentType string) shape {
	if hasPDFMagic(body) {
		return shapePDF
	}
	sniffed := mediaType(http.DetectContentType(body))
	if sniffed == "text/html" {
		return shapeHTML
	}
	switch mt := mediaType(contentType); {
	case mt == "application/pdf" || mt == "application/x-pdf" || mt == "application/acrobat":
		return shapePDF
	case mt == "text/html" || mt == "application/xhtml+xml":
		return shapeHTML
	case mt == "text/plain" || mt == "text/markdown" || mt == "text/x-markdown":
		return shapeText
	case mt == "application/xml" || mt == "text/xml" || strings.HasSuffix(mt, "+xml") ||
		mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/json" ||
		mt == "application/javascript" || mt == "application/x-javascript":
		return shapeOther
	case strings.HasPrefix(mt, "text/"):
		// CSS, JavaScript, CSV, calendars: files, not pages.
		return shapeOther
	case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "video/"), strings.HasPrefix(mt, "audio/"),
		strings.HasPrefix(mt, "font/"), binaryTypes[mt]:
		return shapeOther
	}
	// No Content-Type, or a generic or unknown one.
	if binarySniffed(sniffed) {
		return shapeOther
	}
	switch strings.ToLower(path.Ext(urlPath(u))) {
	case ".pdf":
		return shapePDF
	case ".json", ".xml", ".css", ".js", ".csv":
		return shapeOther
	case ".txt", ".md":
		return shapeText
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".ico", ".avif", ".heic",
		".mp4", ".m4v", ".mov", ".webm", ".avi", ".mkv", ".mp3", ".m4a", ".ogg", ".oga", ".wav", ".flac", ".opus",
		".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".dmg", ".exe", ".msi", ".deb", ".rpm", ".apk", ".iso",
		".epub", ".mobi", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp":
		return shapeOther
	}
	if sniffed == "text/xml" || looksLikeJSON(body) {
		return shapeOther
	}
	if strings.HasPrefix(sniffed, "text/") {
		// Served without a type: markup is an old page the sniffer did
		// not know (one opening with a <meta>), anything else is text.
		head := body[:min(len(body), 1024)]
		if bytes.IndexByte(head, '<') >= 0 && bytes.IndexByte(head, '>') >= 0 {
			return shapeHTML
		}
		return shapeText
	}
	return shapeOther
}

// binaryTypes are media types of files without a title or a lead to read.
var binaryTypes = map[string]bool{
	"application/zip": true, "application/gzip": true, "application/x-gzip": true,
	"application/x-tar": true, "application/x-7z-compressed": true, "application/x-rar-compressed": true,
	"application/vnd.rar": true, "application/x-bzip2": true, "application/x-xz": true,
	"application/ogg": true, "application/wasm": true, "application/epub+zip": true,
	"application/msword": true, "application/vnd.ms-excel": true, "application/vnd.ms-powerpoint": true,
	"application/x-msdownload": true, "application/vnd.android.package-archive": true,
	"application/x-apple-diskimage": true, "application/x-iso9660-image": true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
}

// binarySniffed reports whether a type sniffed from the body is a binary
// file's.
func binarySniffed(mt string) bool {
	return strings.HasPrefix(mt, "image/") || strings.HasPrefix(mt, "video/") || strings.HasPrefix(mt, "audio/") ||
		strings.HasPrefix(mt, "font/") || binaryTypes[mt] || mt == "application/x-gzip" || mt == "application/vnd.ms-fontobject"
}

// hasPDFMagic reports whether body starts with the "%PDF-" header, which
// readers accept anywhere in the first 1024 bytes.
func hasPDFMagic(body []byte) bool {
	if len(body) > 1024 {
		body = body[:1024]
	}
	i := bytes.Index(body, []byte("%PDF-"))
	// Leading junk is tolerated, but not an HTML page quoting the header.
	return i == 0 || i > 0 && !bytes.ContainsAny(body[:i], "<>")
}

// mediaType returns the lower-cased media type of a Content-Type value,
// without parameters, even when the parameters are malformed.
func mediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// urlPath returns u's path, or "" for a nil URL.
func urlPath(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.Path
}

// lastSegment returns the last non-empty segment of u's path, unescaped.
func lastSegment(u *url.URL) string {
	segs := strings.Split(strings.TrimRight(urlPath(u), "/"), "/")
	return segs[len(segs)-1]
}

// fileNameTitle makes a title of the file a URL names: the last segment
// of its path without its extension, dashes and underscores read as
// spaces ("/talks/Go-at-scale_2014.pdf" gives "Go at scale 2014"). A URL
// without one gives its host.
func fileNameTitle(u *url.URL) string {
	if u == nil {
		return ""
	}
	name := lastSegment(u)
	if ext := path.Ext(name); isExtension(ext) && len(ext) < len(name) {
		name = strings.TrimSuffix(name, ext)
	}
	name = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '+' {
			return ' '
		}
		return r
	}, name)
	if t := plainLine(name); t != "" {
		return t
	}
	return plainLine(strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."))
}

// isExtension reports whether ext (".pdf") looks like a file extension
// rather than part of a name ("v1.2").
func isExtension(ext string) bool {
	if len(ext) < 2 || len(ext) > 6 {
		return false
	}
	letter := false
	for _, r := range ext[1:] {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letter = true
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letter
}

// plainLine makes s a clean one-line text: valid UTF-8, control and
// format characters dropped (but the zero-width joiners that some scripts
// and emoji need), white space collapsed.
func plainLine(s string) string {
	if s == "" {
		return ""
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d':
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return strings.Join(strings.Fields(s), " ")
}

// plainParagraphs is plainLine for each paragraph of s, keeping them
// apart with "\n" and dropping the empty ones.
func plainParagraphs(s string) string {
	if s == "" {
		return ""
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if p := plainLine(para); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}
