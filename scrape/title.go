package scrape

import (
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// chooseTitle returns the headline as a reader sees it. The sources are
// weighed in the order the best extractors use: the JSON-LD article's
// name or headline (whichever matches the <title>), the metadata titles
// (dc:title, og:title, title, twitter:title, parsely-title), and last the
// <title> with the site's part cut off, or the h1 when the <title> is
// that h1 plus the site. Titles from metadata keep a site name they carry
// on purpose ("… | eHow"), except when it is the bare host name.
func chooseTitle(m *pageMeta, h1s []heading, h2s []string, u *url.URL) string {
	host := ""
	if u != nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	docTitle := articleTitle(m.docTitle, h1s, h2s)
	if t := ldTitle(&m.ld, m.docTitle, docTitle); t != "" {
		return t
	}
	if t := cleanTitle(m.meta("dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title")); t != "" {
		return stripHost(t, host)
	}
	if docTitle == "" && len(h1s) > 0 {
		return h1s[0].text
	}
	return docTitle
}

// ldTitle picks the JSON-LD article's name or headline: the headline when
// it alone resembles the <title>, else the name.
func ldTitle(ld *ldInfo, rawDoc, doc string) string {
	switch {
	case ld.name != "" && ld.headline != "" && ld.name != ld.headline:
		if textSimilarity(ld.headline, doc) > 0.75 && textSimilarity(ld.name, doc) <= 0.75 {
			return ld.headline
		}
		return ld.name
	case ld.name != "":
		return ld.name
	}
	return ld.headline
}

// textSimilarity is the share of b's text made of words that a has too.
func textSimilarity(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inA := make(map[string]bool, len(ta))
	for _, t := range ta {
		inA[t] = true
	}
	var uniq []string
	for _, t := range tb {
		if !inA[t] {
			uniq = append(uniq, t)
		}
	}
	return 1 - float64(len(strings.Join(uniq, " ")))/float64(len(strings.Join(tb, " ")))
}

// tokens splits lower-cased s on everything but ASCII letters, digits and
// underscores, as a JavaScript \W+ does.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	})
}

// titleSep reports whether s[i:] starts a separator " | ", " - ", " – ",
// " — ", " \ ", " / ", " > " or " » " and returns its length.
func titleSep(s string, i int) int {
	if i+2 >= len(s) || s[i] != ' ' {
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i+1:])
	switch r {
	case '|', '-', '–', '—', '\\', '/', '>', '»':
	default:
		return 0
	}
	if i+1+size < len(s) && s[i+1+size] == ' ' {
		return size + 2
	}
	return 0
}

// hierarchical reports whether a separator is one of \ / > », which
// say "section of site" rather than "title - site".
func hierarchical(sep string) bool {
	s := strings.TrimSpace(sep)
	return s == "\\" || s == "/" || s == ">" || s == "»"
}

// articleTitle cuts the site's part off a <title>: the part after its last
// separator, or before its first one when what is left is too short; the
// part after a colon unless a heading is the whole title; the h1 when the
// <title> is far too long or too short. A title of four words or fewer
// that lost more than its site's name is kept whole.
func articleTitle(raw string, h1s []heading, h2s []string) string {
	orig := cleanTitle(raw)
	cur := orig
	hadHierarchical := false
	var seps [][2]int // start, length
	for i := 0; i < len(orig); i++ {
		if n := titleSep(orig, i); n > 0 {
			seps = append(seps, [2]int{i, n})
			if hierarchical(orig[i : i+n]) {
				hadHierarchical = true
			}
		}
	}
	switch {
	case len(seps) > 0:
		last := seps[len(seps)-1]
		if !siteLike(orig[last[0]+last[1]:]) {
			// What follows the last separator is no site name: the
			// separator belongs to the headline ("Foo - the return").
			break
		}
		cur = orig[:last[0]]
		if wordCount(cur) < 3 {
			first := seps[0]
			cur = orig[first[0]+first[1]:]
		}
	case strings.Contains(cur, ": "):
		match := false
		for _, h := range h1s {
			if h.text == orig {
				match = true
			}
		}
		for _, h := range h2s {
			if h == orig {
				match = true
			}
		}
		if !match {
			cur = orig[strings.LastIndex(orig, ":")+1:]
			if wordCount(cur) < 3 {
				cur = orig[strings.Index(orig, ":")+1:]
			} else if wordCount(orig[:strings.Index(orig, ":")]) > 5 {
				cur = orig
			}
		}
	case len(cur) > 150 || len(cur) < 15:
		if len(h1s) == 1 {
			cur = h1s[0].text
		}
	}
	cur = collapse(cur)
	if n := wordCount(cur); n <= 4 && (!hadHierarchical || n != wordCount(orig)-len(seps)-1) {
		cur = orig
	}
	return cur
}

// siteWords is the most words a site's name in a <title> has ("The New
// York Times en Español"), a part in brackets not counted.
const siteWords = 6

// siteLike reports whether the tail of a <title> may be a site's name: a
// few words that do not start in lower case, as a sentence's continuation
// would.
func siteLike(tail string) bool {
	tail = strings.TrimSpace(tail)
	if i := strings.IndexAny(tail, "[("); i > 0 {
		tail = tail[:i]
	}
	r, _ := utf8.DecodeRuneInString(tail)
	return wordCount(tail) <= siteWords && !unicode.IsLower(r)
}

// wordCount counts the space-separated words of s.
func wordCount(s string) int {
	return len(strings.FieldsFunc(s, unicode.IsSpace))
}

// cleanTitle decodes leftover entities and collapses white space.
func cleanTitle(t string) string {
	if strings.Contains(t, "&") {
		t = html.UnescapeString(t)
	}
	return collapse(t)
}

// stripHost removes a trailing " - example.com" naming the host itself:
// a site name no reader needs.
func stripHost(t, host string) string {
	if host == "" {
		return t
	}
	for i := len(t) - 1; i > 0; i-- {
		if n := titleSep(t, i); n > 0 {
			if strings.EqualFold(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(t[i+n:])), "www."), host) {
				return strings.TrimSpace(t[:i])
			}
			break
		}
	}
	return t
}
