// Package posttext reads what the sources share in a post's text: links
// written in HTML or as bare text (and those shortened for display),
// hashtags, a "via @someone" credit, numeric post ids; and puts posts in
// time order. Pure functions: no network, no store.
package posttext

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/moisson/moisson"
	"golang.org/x/net/html"
)

// CutLinks returns the links of text shortened for display (ending in
// "…" or "...") that none of links restores.
func CutLinks(text string, links []string) []string {
	var lost []string
	for _, loc := range BareURL.FindAllStringIndex(text, -1) {
		s := text[loc[0]:loc[1]]
		if !strings.HasSuffix(s, "…") && !strings.HasSuffix(s, "...") {
			continue
		}
		prefix := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(s, "..."), "…"), ".")
		if !RestoredBy(prefix, links) {
			lost = append(lost, s)
		}
	}
	return lost
}

// HostOf returns the lower-cased host of raw without "www.", or "".
func HostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// ContentLinks returns the hrefs of the <a> elements of an item's HTML that
// point away from the feed's hosts, leaving out mentions and hashtags
// (Mastodon marks them with the classes "mention" and "hashtag" and
// rel="tag").
func ContentLinks(src string, hosts map[string]bool) []string {
	if src == "" {
		return nil
	}
	var links []string
	seen := make(map[string]bool)
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.Data != "a" {
			continue
		}
		var href string
		skip := false
		for _, a := range tok.Attr {
			switch strings.ToLower(a.Key) {
			case "href":
				href = strings.TrimSpace(a.Val)
			case "class":
				for _, c := range strings.Fields(a.Val) {
					if c == "mention" || c == "hashtag" || c == "u-url" {
						skip = true
					}
				}
			case "rel":
				for _, r := range strings.Fields(a.Val) {
					if strings.EqualFold(r, "tag") {
						skip = true
					}
				}
			}
		}
		if skip || href == "" || seen[href] {
			continue
		}
		u, err := url.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || hosts[HostOf(href)] {
			continue
		}
		seen[href] = true
		links = append(links, href)
	}
}

// BareURL finds links written as text: with a scheme, or a host followed by
// a path (Bluesky's feed gives a post's text with its links shortened to
// "host/path…").
var BareURL = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"]+|\b(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}/[^\s<>"]*`)

// HashtagRE finds #tags in text: '#' at the start or after a space or
// punctuation that cannot be part of a URL, then a word holding a letter.
var HashtagRE = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_&/#?=])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)`)

// HTMLText returns the text of an HTML fragment: entities decoded, block
// elements and <br> as line breaks, runs of spaces collapsed.
func HTMLText(src string) string {
	if src == "" {
		return ""
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(src))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return tidyText(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "br", "p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "tr":
				b.WriteByte('\n')
			}
		}
	}
}

// tidyText collapses the spaces of each line and drops empty lines.
func tidyText(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// SortByTime puts posts oldest first, ties by id.
func SortByTime(posts []moisson.Post) {
	sort.SliceStable(posts, func(i, j int) bool {
		if !posts[i].CreatedAt.Equal(posts[j].CreatedAt) {
			return posts[i].CreatedAt.Before(posts[j].CreatedAt)
		}
		return posts[i].ID < posts[j].ID
	})
}

// RestoredBy reports whether a link shortened for display to prefix
// ("github.com/foo/bar/blo") is one of links.
func RestoredBy(prefix string, links []string) bool {
	prefix = strings.ToLower(stripScheme(prefix))
	for _, l := range links {
		if strings.HasPrefix(strings.ToLower(stripScheme(l)), prefix) {
			return true
		}
	}
	return false
}

// stripScheme drops "https://", "http://" and "www." from the front of a URL.
func stripScheme(u string) string {
	for _, p := range []string{"https://", "http://"} {
		if len(u) >= len(p) && strings.EqualFold(u[:len(p)], p) {
			u = u[len(p):]
		}
	}
	if len(u) >= 4 && strings.EqualFold(u[:4], "www.") {
		u = u[4:]
	}
	return u
}

// viaRE finds a credit in a post's text: "via @x", "h/t @x", "HT: @x",
// "hat tip @x".
var viaRE = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}_])(?:via|h/t|ht|hat tip(?: to)?)\s*:?\s*(@[\p{L}\p{N}_.-]*[\p{L}\p{N}_](?:@[a-z0-9.-]*[a-z0-9])?)`)

// ViaHandle returns the handle a post's text credits ("@someone",
// "@someone@instance", "@someone.bsky.social"), or "".
func ViaHandle(text string) string {
	m := viaRE.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return m[1]
}

// FirstNonBlank returns the first of ss that is not empty, or "".
func FirstNonBlank(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// IsNumericID reports whether s looks like a post id: a non-empty run of ASCII digits.
func IsNumericID(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// CompareNumericIDs orders numeric post ids (snowflakes grow with time) without
// overflowing.
func CompareNumericIDs(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}
