package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/httpsrc"
)

// Link is a feed a web page announces with <link rel="alternate">.
type Link struct {
	// URL is the feed's absolute URL (a relative href resolved against
	// the page, or its <base href>).
	URL string
	// Type is "application/rss+xml", "application/atom+xml" or
	// "application/feed+json" (JSON Feed's, or "application/json").
	Type  string
	Title string
}

// feedTypes are the types of <link rel="alternate"> that name a feed.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      true, // JSON Feed 1.0 pages say this
	"application/rdf+xml":   true,
	"application/xml":       true,
	"text/xml":              true,
}

// Links returns the feeds an HTML page announces (<link rel="alternate">
// with a feed's type), in the page's order, each once, their URLs
// resolved against page (the URL the page was read from) or its
// <base href>. It reads the page's tags, never a script.
func Links(doc []byte, page *url.URL) []Link {
	base := page
	var links []Link
	seen := make(map[string]bool)
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return links
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "body":
			// Feeds are announced in the head; a body's <link>s are
			// not (and a large page need not be read to its end).
			return links
		case "base":
			if href := attr(tok, "href"); href != "" && base == page {
				if u, err := page.Parse(href); err == nil {
					base = u
				}
			}
		case "link":
			if !hasWord(attr(tok, "rel"), "alternate") {
				continue
			}
			typ := strings.ToLower(strings.TrimSpace(strings.Split(attr(tok, "type"), ";")[0]))
			href := strings.TrimSpace(attr(tok, "href"))
			if !feedTypes[typ] || href == "" {
				continue
			}
			u, err := base.Parse(href)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				continue
			}
			u.Fragment = ""
			if seen[u.String()] {
				continue
			}
			seen[u.String()] = true
			links = append(links, Link{URL: u.String(), Type: typ, Title: strings.TrimSpace(attr(tok, "title"))})
		}
	}
}

func attr(tok html.Token, name string) string {
	for _, a := range tok.Attr {
		if strings.EqualFold(a.Key, name) {
			return a.Val
		}
	}
	return ""
}

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// notPostsRE finds the feeds that are not the site's posts: its comments
// (WordPress lists "Comments Feed" after the main feed), one tag's or
// category's, one post's comments.
var notPostsRE = regexp.MustCompile(`(?i)comment|commentaire|kommentar|/tags?/|/category/|/categories/|/author/|/search`)

// Main picks the feed of a site's posts among a page's feeds: the first
// that is not a comments feed nor one tag's, category's or author's;
// the first of all when every one is. The rest are returned in their
// order. ok is false when links is empty.
func Main(links []Link) (main Link, others []Link, ok bool) {
	if len(links) == 0 {
		return Link{}, nil, false
	}
	pick := 0
	for i, l := range links {
		if !notPostsRE.MatchString(l.URL) && !notPostsRE.MatchString(l.Title) {
			pick = i
			break
		}
	}
	others = append(others, links[:pick]...)
	others = append(others, links[pick+1:]...)
	return links[pick], others, true
}

// ErrNoFeed is wrapped by the error of a web page that announces no feed.
var ErrNoFeed = errors.New(`no feed found: the page has no <link rel="alternate"> to an RSS, Atom or JSON feed`)

// mastodonProfileRE is a Mastodon profile URL's path: /@user.
var mastodonProfileRE = regexp.MustCompile(`^/@([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)/?$`)

// blueskyProfileRE is a Bluesky profile URL's path on bsky.app:
// /profile/handle-or-did.
var blueskyProfileRE = regexp.MustCompile(`^/profile/([^/]+)/?$`)

// Native tells a profile URL that a native source reads better than its
// feed (the whole history, every link whole): a Mastodon profile
// (https://instance/@user) or a Bluesky one (https://bsky.app/profile/handle).
// It returns the variable to set and its value, and makes no request.
func Native(rawURL string) (variable, value string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return "", "", false
	}
	host := strings.ToLower(u.Hostname())
	if host == "bsky.app" || host == "www.bsky.app" {
		if m := blueskyProfileRE.FindStringSubmatch(u.Path); m != nil {
			return "MOISSON_BLUESKY", m[1], true
		}
		return "", "", false
	}
	if ext := strings.ToLower(path.Ext(u.Path)); ext == ".rss" || ext == ".atom" || ext == ".json" {
		return "", "", false // the profile's feed: a feed
	}
	if m := mastodonProfileRE.FindStringSubmatch(u.Path); m != nil {
		return "MOISSON_MASTODON", "@" + m[1] + "@" + u.Host, true
	}
	return "", "", false
}

// NativeHint is the advice for a feed URL that Native recognizes, or "".
func NativeHint(rawURL string) string {
	variable, value, ok := Native(rawURL)
	if !ok {
		return ""
	}
	service := "Mastodon"
	if variable == "MOISSON_BLUESKY" {
		service = "Bluesky"
	}
	return fmt.Sprintf("%s is a %s profile: set %s=%s to read it through its native source (keyless, its whole history, every link whole) and drop it from MOISSON_FEEDS",
		moisson.RedactURL(rawURL), service, variable, value)
}

// Discovery is what a URL given as a feed turned out to be.
type Discovery struct {
	// Feed is the feed to read: the URL itself when it is a feed, the
	// main feed of a web page (see Main) otherwise; "" for a profile URL
	// given a native source.
	Feed string
	// FromPage is true when Feed was found on the web page at the URL;
	// Others are that page's other feeds.
	FromPage bool
	Others   []Link
	// Variable and Value are set for a Mastodon or Bluesky profile URL:
	// the variable of its native source and what to set it to.
	Variable, Value string
}

// String says what was found, for a person.
func (d Discovery) String() string {
	switch {
	case d.Variable != "":
		return fmt.Sprintf("a profile: set %s=%s", d.Variable, d.Value)
	case !d.FromPage:
		return "a feed: " + moisson.RedactURL(d.Feed)
	}
	s := "a web page whose feed is " + moisson.RedactURL(d.Feed)
	if len(d.Others) > 0 {
		var o []string
		for _, l := range d.Others {
			o = append(o, moisson.RedactURL(l.URL))
		}
		s += " (its other feeds: " + strings.Join(o, ", ") + ")"
	}
	return s
}

// Discover finds what rawURL is: a Mastodon or Bluesky profile (no
// request), a feed, or a web page whose feeds it announces. It reads the
// URL once with client (one with a timeout when nil). A page with no
// feed gives an error wrapping ErrNoFeed. moisson init and the feed
// source share it.
func Discover(ctx context.Context, client *http.Client, userAgent, rawURL string) (Discovery, error) {
	if variable, value, ok := Native(rawURL); ok {
		return Discovery{Variable: variable, Value: value}, nil
	}
	if client == nil {
		client = httpsrc.NewHTTPClient()
	}
	if userAgent == "" {
		userAgent = httpsrc.UserAgent
	}
	shown := moisson.RedactURL(rawURL)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return Discovery{}, fmt.Errorf("feed %s: %w", shown, err)
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", acceptFeed)
	resp, err := client.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return Discovery{}, fmt.Errorf("feed %s: %w", shown, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Discovery{}, fmt.Errorf("feed %s: %d %s", shown, resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	body, err := httpsrc.ReadBody(resp.Body, maxFeedBody)
	if err != nil {
		return Discovery{}, fmt.Errorf("feed %s: %w", shown, err)
	}
	if !isHTML(resp.Header.Get("Content-Type"), body) {
		return Discovery{Feed: rawURL}, nil
	}
	main, others, ok := Main(Links(body, resp.Request.URL))
	if !ok {
		return Discovery{}, fmt.Errorf("feed %s: %w", shown, ErrNoFeed)
	}
	return Discovery{Feed: main.URL, FromPage: true, Others: others}, nil
}

// acceptFeed is the Accept header of a feed's request.
const acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// isHTML reports whether a document is a web page rather than a feed: by
// its Content-Type, else by its first tag.
func isHTML(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	switch {
	case strings.Contains(ct, "html"):
		return true
	case strings.Contains(ct, "xml"), strings.Contains(ct, "json"):
		return false
	}
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}
