package extract

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// trackingParams are query parameters that say how a visitor came, not
// which page they came to. Compared lower-case; every "utm_" parameter is
// dropped as well (feedburner's utm_source=feedburner&utm_medium=feed&…
// leftovers among them).
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "msclkid": true,
	"wbraid": true, "gbraid": true, "twclid": true, "yclid": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "_hsenc": true, "_hsmi": true,
	"mkt_tok": true, "ref_src": true, "ref_url": true, "spm": true,
	"__twitter_impression": true, "ncid": true, "cmpid": true,
}

// CleanURL returns raw without its tracking parameters (utm_*, fbclid,
// gclid, mc_cid, igshid, ref_src, __twitter_impression and their kind) and
// without its fragment, the host lower-cased. The other parameters keep
// their order and their spelling. Fragments are dropped because they name
// a place in a page, or carry share-button tracking ("#.VCxx"), not
// another page; only hash-bang and hash-route fragments ("#!/…", "#/…"),
// which single-page sites use as paths, are kept. A raw string that does
// not parse as a URL is returned trimmed, unchanged otherwise.
func CleanURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return cleanURL(u).String()
}

// cleanURL is CleanURL on a parsed URL; u is not modified.
func cleanURL(u *url.URL) *url.URL {
	c := *u
	c.Host = strings.ToLower(c.Host)
	if c.User != nil {
		user := *c.User
		c.User = &user
	}
	if c.RawQuery != "" || c.ForceQuery {
		var kept []string
		for _, part := range strings.Split(c.RawQuery, "&") {
			if part == "" {
				continue
			}
			key, _, _ := strings.Cut(part, "=")
			if k, err := url.QueryUnescape(key); err == nil {
				key = k
			}
			key = strings.ToLower(key)
			if trackingParams[key] || strings.HasPrefix(key, "utm_") {
				continue
			}
			kept = append(kept, part)
		}
		c.RawQuery = strings.Join(kept, "&")
		c.ForceQuery = false
	}
	if !strings.HasPrefix(c.Fragment, "!") && !strings.HasPrefix(c.Fragment, "/") {
		c.Fragment, c.RawFragment = "", ""
	}
	return &c
}

// canonicalURL returns the page's canonical URL: its <link
// rel="canonical">, else its og:url, when that is an http(s) URL (relative
// ones resolved against finalURL) on the same site as finalURL and not
// merely its home page; else finalURL. Either way it is cleaned by
// CleanURL. Sites that copy one canonical into every page's template point
// it at the home page; a canonical on another site is a syndication
// partner or a mistake, and is not trusted. With a nil finalURL only an
// absolute canonical can be returned.
func canonicalURL(doc *goquery.Document, finalURL *url.URL) string {
	var final *url.URL
	if finalURL != nil {
		final = cleanURL(finalURL)
	}
	for _, href := range canonicalCandidates(doc) {
		c := resolveCanonical(href, finalURL)
		if c == nil {
			continue
		}
		c = cleanURL(c)
		if final != nil && (!onSameSite(c.Hostname(), final.Hostname()) || isHomeOf(c, final)) {
			continue
		}
		return c.String()
	}
	if final == nil {
		return ""
	}
	return final.String()
}

// canonicalCandidates lists the page's rel=canonical hrefs, then its og:url.
func canonicalCandidates(doc *goquery.Document) []string {
	if doc == nil {
		return nil
	}
	var out []string
	doc.Find("link[rel][href]").Each(func(_ int, s *goquery.Selection) {
		for _, rel := range strings.Fields(strings.ToLower(s.AttrOr("rel", ""))) {
			if rel == "canonical" {
				if href := strings.TrimSpace(s.AttrOr("href", "")); href != "" {
					out = append(out, href)
				}
				return
			}
		}
	})
	doc.Find(`meta[property="og:url"], meta[name="og:url"]`).Each(func(_ int, s *goquery.Selection) {
		if c := strings.TrimSpace(s.AttrOr("content", "")); c != "" {
			out = append(out, c)
		}
	})
	return out
}

// resolveCanonical parses href and resolves it against base; it returns
// nil unless the result is an http(s) URL with a host.
func resolveCanonical(href string, base *url.URL) *url.URL {
	ref, err := url.Parse(href)
	if err != nil {
		return nil
	}
	if base != nil {
		ref = base.ResolveReference(ref)
	}
	if (ref.Scheme != "http" && ref.Scheme != "https") || ref.Hostname() == "" {
		return nil
	}
	return ref
}

// onSameSite reports whether two hosts belong to one site: equal once a
// leading "www.", "m.", "mobile." or "amp." is removed, or one a subdomain
// of the other (blog.example.com and example.com). Without a list of
// public suffixes this is a sound approximation: it never joins two
// unrelated sites, since a bare public suffix is not a host pages live on.
func onSameSite(a, b string) bool {
	a, b = canonHost(a), canonHost(b)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	// b is the shorter: it must itself look like a domain, not "com".
	return strings.Contains(b, ".") && strings.HasSuffix(a, "."+b)
}

// canonHost lower-cases host and removes the prefixes that mark a mobile or
// "www" copy of a site.
func canonHost(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if alias, ok := hostAliases[host]; ok {
		return alias
	}
	for _, p := range []string{"www.", "m.", "mobile.", "amp."} {
		if strings.HasPrefix(host, p) && strings.Count(host, ".") > 1 {
			return host[len(p):]
		}
	}
	return host
}

// hostAliases are the short domains sites use for links to themselves.
var hostAliases = map[string]string{
	"youtu.be": "youtube.com",
	"redd.it":  "reddit.com",
	"wp.me":    "wordpress.com",
}

// isHomeOf reports whether c is a site's home page while final is not.
func isHomeOf(c, final *url.URL) bool {
	home := func(u *url.URL) bool {
		p := u.EscapedPath()
		return (p == "" || p == "/") && u.RawQuery == ""
	}
	return home(c) && !home(final)
}
