// Package webmention sends Webmentions (https://www.w3.org/TR/webmention/)
// from a published post to the pages it links to: it discovers each
// page's endpoint, sends the form-encoded source and target, and records
// the state of each (source, target) pair so that a pair is never sent
// twice and a failure is tried again later.
//
// Discovery is a pure function of the page's final URL, headers and
// body:
//
//	endpoint, ok := webmention.Discover(finalURL, resp.Header, body)
package webmention

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Discover returns the Webmention endpoint that a page names, resolved
// against base (the page's URL after redirects), as the specification
// orders the places: an HTTP Link header with rel="webmention" first,
// then the first <link> or <a> element of the document with a
// rel="webmention" and an href. An empty href is the page itself. The
// endpoint's query string is kept. ok is false when the page names none
// or names one that is not http(s).
func Discover(base *url.URL, header http.Header, body []byte) (endpoint string, ok bool) {
	for _, v := range header.Values("Link") {
		if ref, found := fromLinkHeader(v); found {
			return resolve(base, ref)
		}
	}
	if ref, found := fromHTML(body); found {
		return resolve(base, ref)
	}
	return "", false
}

// resolve resolves ref against base, keeping http(s) endpoints only.
func resolve(base *url.URL, ref string) (string, bool) {
	u, err := base.Parse(strings.TrimSpace(ref))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	u.Fragment = ""
	return u.String(), true
}

// hasWebmention reports whether a rel value names webmention among its
// space-separated values (case-insensitive, as link types are).
func hasWebmention(rel string) bool {
	for _, r := range strings.Fields(rel) {
		if strings.EqualFold(r, "webmention") {
			return true
		}
	}
	return false
}

// fromLinkHeader returns the target of the first link of a Link header
// value (RFC 8288) whose rel names webmention.
func fromLinkHeader(v string) (string, bool) {
	for v != "" {
		v = strings.TrimLeft(v, " \t,")
		if !strings.HasPrefix(v, "<") {
			return "", false
		}
		end := strings.IndexByte(v, '>')
		if end < 0 {
			return "", false
		}
		target := v[1:end]
		v = v[end+1:]
		// Parameters up to the next link (a comma outside quotes).
		var rel string
		for {
			v = strings.TrimLeft(v, " \t")
			if !strings.HasPrefix(v, ";") {
				break
			}
			v = strings.TrimLeft(v[1:], " \t")
			name, value, rest := linkParam(v)
			v = rest
			if strings.EqualFold(name, "rel") {
				rel = value
			}
		}
		if hasWebmention(rel) {
			return target, true
		}
		if i := strings.IndexByte(v, ','); i >= 0 {
			v = v[i+1:]
		} else {
			v = ""
		}
	}
	return "", false
}

// linkParam reads one name=value parameter of a Link header, the value
// quoted or not, and returns what follows it.
func linkParam(v string) (name, value, rest string) {
	i := strings.IndexAny(v, "=;,")
	if i < 0 {
		return strings.TrimSpace(v), "", ""
	}
	name = strings.TrimSpace(v[:i])
	if v[i] != '=' {
		return name, "", v[i:]
	}
	v = strings.TrimLeft(v[i+1:], " \t")
	if strings.HasPrefix(v, `"`) {
		var b strings.Builder
		for j := 1; j < len(v); j++ {
			switch v[j] {
			case '\\':
				if j+1 < len(v) {
					j++
					b.WriteByte(v[j])
				}
			case '"':
				return name, b.String(), v[j+1:]
			default:
				b.WriteByte(v[j])
			}
		}
		return name, b.String(), ""
	}
	j := strings.IndexAny(v, ";,")
	if j < 0 {
		return name, strings.TrimSpace(v), ""
	}
	return name, strings.TrimSpace(v[:j]), v[j:]
}

// fromHTML returns the href of the first <link> or <a> element whose rel
// names webmention, in document order.
func fromHTML(body []byte) (string, bool) {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", false // io.EOF or a broken document: nothing named
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if a := atom.Lookup(name); (a != atom.Link && a != atom.A) || !hasAttr {
				continue
			}
			var rel, href string
			hrefSet := false
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "rel":
					rel = string(v)
				case "href":
					href, hrefSet = string(v), true
				}
				if !more {
					break
				}
			}
			if hrefSet && hasWebmention(rel) {
				return href, true
			}
		}
	}
}
