// Package scrape fetches the pages behind shared links, politely and
// safely, and extracts from each its title and opening paragraph.
package scrape

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"

	"github.com/moisson/moisson"
)

// Extract reads a resource as served (body bytes, the final URL after
// redirects, the Content-Type header) and returns what it says of itself:
// title, lead, site name, canonical URL, language and kind. It is a pure
// function: no network, no store. Status, Error and FetchedAt are left for
// the caller to fill in.
//
// The kind is sniffed from the Content-Type, then the body's first bytes,
// then the URL's extension. A PDF is read by its own extractor; an image,
// a video, a sound or an archive is titled from its file name, with no
// lead; anything else is decoded to UTF-8 and parsed as HTML. Extract
// never fails: a resource it cannot read gives a page with what could be
// learned, at worst its kind and a title from its file name. Whatever the
// input, Title and Lead are valid UTF-8 without control characters (the
// Lead's paragraphs are separated by "\n").
func Extract(body []byte, finalURL *url.URL, contentType string) moisson.Page {
	var p moisson.Page
	switch kind := sniffKind(body, finalURL, contentType); kind {
	case moisson.KindPDF:
		p = extractPDF(body, finalURL)
	case moisson.KindOther:
		p = moisson.Page{Kind: moisson.KindOther, Title: fileNameTitle(finalURL)}
	default:
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(toUTF8(body, contentType)))
		if err != nil {
			// The HTML parser accepts any input; only a read error could
			// land here, and bytes.Reader has none.
			p = moisson.Page{Kind: moisson.KindHTML, Title: fileNameTitle(finalURL)}
			break
		}
		p = extractHTML(doc, finalURL)
		applySpecial(doc, finalURL, &p)
		p.CanonicalURL = canonicalURL(doc, finalURL)
	}
	if finalURL != nil {
		p.FinalURL = finalURL.String()
		if p.CanonicalURL == "" {
			p.CanonicalURL = cleanURL(finalURL).String()
		}
	}
	p.ContentType = contentType
	p.Title = plainLine(p.Title)
	p.Lead = plainParagraphs(p.Lead)
	return p
}

// sniffKind tells what a resource is. A body that starts like a PDF is one
// whatever its header says; otherwise the Content-Type decides, unless it
// is missing or generic (application/octet-stream, often sent for PDFs
// kept in object stores), in which case the body's first bytes and then
// the URL's extension do. A body that plainly starts as HTML is read as
// HTML even when the header names a binary type.
func sniffKind(body []byte, u *url.URL, contentType string) moisson.Kind {
	if hasPDFMagic(body) {
		return moisson.KindPDF
	}
	sniffed := mediaType(http.DetectContentType(body))
	if sniffed == "text/html" {
		return moisson.KindHTML
	}
	switch mt := mediaType(contentType); {
	case mt == "application/pdf" || mt == "application/x-pdf" || mt == "application/acrobat":
		return moisson.KindPDF
	case mt == "text/html" || mt == "application/xhtml+xml" || strings.HasPrefix(mt, "text/"):
		return moisson.KindHTML
	case mt == "application/xml" || strings.HasSuffix(mt, "+xml") || mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return moisson.KindHTML
	case strings.HasPrefix(mt, "image/"), strings.HasPrefix(mt, "video/"), strings.HasPrefix(mt, "audio/"),
		strings.HasPrefix(mt, "font/"), binaryTypes[mt]:
		return moisson.KindOther
	}
	// No Content-Type, or a generic or unknown one.
	if binarySniffed(sniffed) {
		return moisson.KindOther
	}
	switch strings.ToLower(path.Ext(urlPath(u))) {
	case ".pdf":
		return moisson.KindPDF
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".ico", ".avif", ".heic",
		".mp4", ".m4v", ".mov", ".webm", ".avi", ".mkv", ".mp3", ".m4a", ".ogg", ".oga", ".wav", ".flac", ".opus",
		".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".dmg", ".exe", ".msi", ".deb", ".rpm", ".apk", ".iso",
		".epub", ".mobi", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp":
		return moisson.KindOther
	}
	if strings.HasPrefix(sniffed, "text/") {
		return moisson.KindHTML
	}
	return moisson.KindOther
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
