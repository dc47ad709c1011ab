package extract

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// metaScanLimit is how far into a page toUTF8 looks for a <meta> charset
// declaration. The HTML standard stops at 1024 bytes, but real pages put
// the tag after long comments, scripts and styles, and a late tag is still
// a better witness than a guess.
const metaScanLimit = 8 << 10

// utf8BOM is the byte order mark some editors put before UTF-8 text.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// toUTF8 decodes a page to UTF-8, once, at the boundary. The encoding is
// taken from, in order: a byte order mark; the Content-Type charset; a
// <meta charset> or http-equiv Content-Type tag in the first 8 KiB; else
// UTF-8 when the bytes are mostly valid UTF-8, and windows-1252 otherwise.
//
// Labels are resolved as browsers do (WHATWG encoding labels), so
// "iso-8859-1" and "us-ascii" decode as windows-1252. A declared legacy
// single- or multi-byte charset is overruled when the body is valid UTF-8
// with non-ASCII bytes: servers that send a default "charset=iso-8859-1"
// for UTF-8 pages are common, while legacy text that happens to be valid
// UTF-8 is vanishingly rare. Invalid UTF-8 is repaired with U+FFFD, never
// an error.
func toUTF8(body []byte, contentType string) []byte {
	switch {
	case bytes.HasPrefix(body, utf8BOM):
		return bytes.ToValidUTF8(body[len(utf8BOM):], []byte("\uFFFD"))
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), body)
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), body)
	}

	enc, name := headerCharset(contentType)
	if enc == nil {
		enc, name = metaCharset(body)
	}
	multi, bad := utf8Stats(body)
	switch {
	case enc == nil:
		// Nothing declared: UTF-8 when the bytes mostly say so (a stray
		// bad byte is repaired), else the browsers' default for Western
		// pages.
		if bad == 0 || multi >= 4*bad {
			return bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
		return decodeWith(charmap.Windows1252, body)
	case name == "utf-8", !strings.HasPrefix(name, "utf-16") && multi > 0 && bad == 0:
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return decodeWith(enc, body)
}

// headerCharset returns the encoding named by the charset parameter of a
// Content-Type header, or nil when there is none or it is unknown.
func headerCharset(contentType string) (encoding.Encoding, string) {
	if contentType == "" {
		return nil, ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	label := params["charset"]
	if err != nil {
		// Lenient fallback for headers such as "text/html;; charset=latin1".
		label = charsetFromContent(contentType)
	}
	if label == "" {
		return nil, ""
	}
	return charset.Lookup(label)
}

// metaCharset looks for a charset declaration in the <meta> tags of the
// first metaScanLimit bytes of body, following the HTML prescan rules: a
// <meta charset>, or a <meta http-equiv="Content-Type"> with a charset in
// its content. A declared UTF-16 means UTF-8, since an ASCII-compatible
// tag could not have been read otherwise.
func metaCharset(body []byte) (encoding.Encoding, string) {
	if len(body) > metaScanLimit {
		body = body[:metaScanLimit]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil, ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			if string(tag) == "body" {
				return nil, ""
			}
			if string(tag) != "meta" {
				continue
			}
			var label string
			pragma, fromCharset := false, false
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				switch strings.ToLower(string(key)) {
				case "charset":
					label, fromCharset = string(val), true
				case "http-equiv":
					pragma = strings.EqualFold(strings.TrimSpace(string(val)), "content-type")
				case "content":
					if !fromCharset {
						label = charsetFromContent(string(val))
					}
				}
			}
			if label == "" || (!fromCharset && !pragma) {
				continue
			}
			enc, name := charset.Lookup(label)
			if enc == nil {
				continue
			}
			if strings.HasPrefix(name, "utf-16") {
				return encoding.Nop, "utf-8"
			}
			return enc, name
		}
	}
}

// charsetFromContent returns the charset named in the content attribute of
// an http-equiv meta tag: "text/html; charset=windows-1251".
func charsetFromContent(s string) string {
	i := indexFold(s, "charset")
	if i < 0 {
		return ""
	}
	s = strings.TrimLeft(s[i+len("charset"):], " \t\n\f\r")
	if !strings.HasPrefix(s, "=") {
		return ""
	}
	s = strings.TrimLeft(s[1:], " \t\n\f\r")
	if s == "" {
		return ""
	}
	if q := s[0]; q == '"' || q == '\'' {
		s = s[1:]
		if j := strings.IndexByte(s, q); j >= 0 {
			return s[:j]
		}
		return ""
	}
	if j := strings.IndexAny(s, " \t\n\f\r;"); j >= 0 {
		s = s[:j]
	}
	return s
}

// utf8Stats counts the valid multi-byte sequences and the invalid bytes of
// body. A rune cut at the very end, as a body limit leaves it, is not
// counted as invalid.
func utf8Stats(body []byte) (multi, bad int) {
	for i := len(body) - 1; i >= 0 && i > len(body)-4; i-- {
		if utf8.RuneStart(body[i]) {
			if !utf8.FullRune(body[i:]) {
				body = body[:i]
			}
			break
		}
	}
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			multi++
		}
		i += size
	}
	return multi, bad
}

// decodeWith decodes body with enc, repairing whatever the decoder let
// through so that the result is always valid UTF-8.
func decodeWith(enc encoding.Encoding, body []byte) []byte {
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		// Decoders of golang.org/x/text replace bad input rather than
		// fail; an error here is unexpected, so keep what can be kept.
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}
