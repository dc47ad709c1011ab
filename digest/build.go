package digest

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/moisson/moisson"
)

// Entry is one link of the post.
type Entry struct {
	// Key names the entry in the author's edits (moisson.WeekEdits): the
	// URL, as shared, of its first link (Link.URL).
	Key string
	// Title is the page's title, or for a page that could not be scraped
	// the feed item's title or a title made from the post's text.
	Title string
	// URL is where the entry links to: the page's canonical URL when it was
	// scraped (its Wayback Machine snapshot when the live page was gone),
	// the link as shared otherwise.
	URL string
	// Lead is the page's opening paragraphs, separated by "\n"; for a page
	// that could not be scraped, the feed item's summary. It may be empty.
	Lead string
	// Link is the (first) share of the page.
	Link moisson.Link
	// Scraped is true when the page was scraped successfully.
	Scraped bool
	// Category is the name of the entry's section.
	Category string
	// Comment is the author's word on the link, in Markdown, shown after
	// the lead: the edit's comment, else the link's Note (a bookmark's
	// description).
	Comment string
	// Via and ViaURL credit the account the link came through (the
	// link's): shown as "via @x", linking to ViaURL.
	Via    string
	ViaURL string
	// Shares are the later shares of the same page in the week, in
	// posting order: each page appears once, at its first share.
	Shares []moisson.Link
	// ArchiveURL is the Wayback Machine capture the page was read from,
	// when the live page was gone.
	ArchiveURL string
	// Site and Kind are the scraped page's.
	Site string
	Kind moisson.Kind
	// TitleSource says where Title came from (the page's
	// moisson.Page.TitleSource, moisson.SourceFeed, SourcePost, SourceURL
	// or SourceEdit) and TitleConfidence how sure that is: "low" ones are
	// for a look before the week goes out.
	TitleSource, TitleConfidence string
	// Index is the entry's rank in the week's posting order, hidden
	// entries included, as Build made it: the order Apply falls back to.
	Index int
	// Image is the page's preview image, when its files are stored
	// (moisson.Image.Stored); the post shows it when it has a post copy
	// and Config.ImagesURL is set.
	Image *moisson.Image
}

// LowConfidenceTitles counts the shown entries of d whose title is a
// guess (TitleConfidence "low"): those to check before the week goes out.
func LowConfidenceTitles(d Digest) int {
	n := 0
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			if e.TitleConfidence == moisson.ConfidenceLow {
				n++
			}
		}
	}
	return n
}

// Section is one category of the post, under its own heading.
type Section struct {
	Name    string
	Entries []Entry
}

// Digest is the content of one weekly post.
type Digest struct {
	Week     moisson.Week
	Sections []Section
	// Unscraped lists the entries whose page could not be scraped, in the
	// order of the post: they are in Sections too, with a fallback title.
	Unscraped []Entry
	// Links counts the entries of the post (hidden ones left out).
	Links int
	// Hidden lists the entries the author hid, in posting order: not in
	// Sections, not rendered, but listed for the review page.
	Hidden []Entry
	// Edits are the author's edits applied by Apply (the zero value for a
	// digest as Build made it); Render takes the post's introduction from
	// them.
	Edits moisson.WeekEdits
}

// Build makes the digest of week w from links, the links read from the
// store, and pages, the scraped pages keyed by the link's URL (Page.URL).
//
// It leaves out the links posted outside the week and, unless
// cfg.IncludeReplies, the links of replies. A page shared twice appears
// once, at its first share: links are the same page when their canonical
// URLs (when scraped, else the URLs as shared) are equal but for the
// scheme, a "www." prefix, a trailing slash and the fragment.
//
// A link's category is, in order: the category of its first hashtag that
// has a rule; the category of the most specific domain rule matching the
// page (its canonical or final URL, then the URL as shared); its first
// hashtag as the author wrote it; the default category. Categories that
// differ only in case are one section, named as configured or else as
// first written in the week. Sections come in the order of their first
// link, entries in the order they were posted.
//
// Build applies none of the author's edits: a week is made with
// Apply(Build(...), edits), so that the post written, the preview and the
// review page all come from the same two calls.
func Build(w moisson.Week, links []moisson.Link, pages map[string]moisson.Page, cfg Config) Digest {
	var week []moisson.Link
	for _, l := range links {
		if l.PostedAt.Before(w.Start) || !l.PostedAt.Before(w.End) || (l.Reply && !cfg.IncludeReplies) {
			continue
		}
		week = append(week, l)
	}
	sort.SliceStable(week, func(i, j int) bool { return week[i].PostedAt.Before(week[j].PostedAt) })

	d := Digest{Week: w}
	type section struct {
		index      int
		fromConfig bool
	}
	sections := map[string]*section{}
	type place struct{ section, entry int }
	seen := map[string]place{}
	for _, l := range week {
		page, found := pages[l.URL]
		scraped := found && page.OK()
		keys := SameKeys(l, page)
		if !found {
			keys = keys[:1]
		}
		dup := false
		for _, k := range keys {
			if p, ok := seen[k]; k != "" && ok {
				// The same page shared again (on another source, or
				// bookmarked too): one entry, at the earliest share, with
				// the notes of every share and the first credit.
				first := &d.Sections[p.section].Entries[p.entry]
				first.Shares = append(first.Shares, l)
				if n := strings.TrimSpace(l.Note); n != "" && !strings.Contains(first.Comment, n) {
					first.Comment = strings.TrimSpace(first.Comment + "\n\n" + n)
				}
				if first.Via == "" && l.Via != "" && !cfg.HideVia {
					first.Via, first.ViaURL = oneLine(l.Via), strings.TrimSpace(l.ViaURL)
				}
				dup = true
				break
			}
		}
		if dup {
			continue
		}

		e := entry(l, page, scraped)
		e.Index = d.Links
		if cfg.HideVia {
			e.Via, e.ViaURL = "", ""
		}
		name, fromConfig := category(l, page, scraped, cfg.Categories, cfg.uncategorised())
		key := strings.ToLower(name)
		s, ok := sections[key]
		if !ok {
			s = &section{index: len(d.Sections), fromConfig: fromConfig}
			sections[key] = s
			d.Sections = append(d.Sections, Section{Name: name})
		} else if fromConfig && !s.fromConfig {
			s.fromConfig = true
			d.Sections[s.index].Name = name
		}
		for _, k := range keys {
			if k != "" {
				seen[k] = place{s.index, len(d.Sections[s.index].Entries)}
			}
		}
		d.Sections[s.index].Entries = append(d.Sections[s.index].Entries, e)
		d.Links++
	}
	for i := range d.Sections {
		s := &d.Sections[i]
		for j := range s.Entries {
			s.Entries[j].Category = s.Name
		}
	}
	d.Unscraped = unscraped(d.Sections)
	return d
}

// unscraped lists the entries of sections whose page could not be scraped.
func unscraped(sections []Section) []Entry {
	var out []Entry
	for _, s := range sections {
		for _, e := range s.Entries {
			if !e.Scraped {
				out = append(out, e)
			}
		}
	}
	return out
}

func entry(l moisson.Link, page moisson.Page, scraped bool) Entry {
	// A link whose page could not be scraped is shown as shared, without
	// its tracking parameters.
	e := Entry{Key: l.URL, URL: cleanURL(l.URL), Link: l, Scraped: scraped, Comment: strings.TrimSpace(l.Note), Via: oneLine(l.Via), ViaURL: strings.TrimSpace(l.ViaURL)}
	if scraped {
		// A page taken from the Wayback Machine still links to the live
		// URL (its CanonicalURL): the capture is only where its words
		// came from.
		for _, u := range []string{page.CanonicalURL, page.FinalURL} {
			if isWebURL(u) {
				e.URL = u
				break
			}
		}
		e.Title = oneLine(page.Title)
		e.TitleSource, e.TitleConfidence = page.TitleSource, page.TitleConfidence
		e.Lead = strings.TrimSpace(page.Lead)
		e.Site, e.Kind = oneLine(page.Site), page.Kind
		if page.Image.Stored() {
			e.Image = page.Image
		}
	}
	// A gone page links to its archived copy, read or not (the link-rot
	// sweep finds copies of links never scraped).
	if page.Snapshot != "" && page.Snapshot != moisson.NoSnapshot {
		e.ArchiveURL = page.Snapshot
	}
	if e.Title == "" {
		// The feed's own title is the author's or the site's; one made
		// from a post, or the address, is a guess.
		e.Title, e.TitleSource, e.TitleConfidence = oneLine(l.Title), moisson.SourceFeed, moisson.ConfidenceMedium
	}
	if e.Title == "" {
		e.Title, e.TitleSource, e.TitleConfidence = TitleFromPost(l.PostText), moisson.SourcePost, moisson.ConfidenceLow
	}
	if e.Title == "" {
		e.Title, e.TitleSource, e.TitleConfidence = displayURL(e.URL), moisson.SourceURL, moisson.ConfidenceLow
	}
	if e.Lead == "" {
		e.Lead = strings.TrimSpace(l.Summary)
	}
	return e
}

// category returns the category of l and whether it comes from a rule.
func category(l moisson.Link, page moisson.Page, scraped bool, cats Categories, fallback string) (string, bool) {
	if name, ok := cats.hashtag(l.Hashtags); ok {
		return name, true
	}
	urls := []string{l.URL}
	if scraped {
		urls = []string{page.CanonicalURL, page.FinalURL, l.URL}
	}
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if raw == "" || err != nil {
			continue
		}
		if name, ok := cats.domain(u.Hostname()); ok {
			return name, true
		}
	}
	for _, t := range l.Hashtags {
		if t = strings.TrimPrefix(strings.TrimSpace(t), "#"); t != "" {
			return t, false
		}
	}
	return fallback, cats.Default != ""
}

// sameURL reduces raw to what tells pages apart: it drops the scheme, a
// "www." prefix, the default port, a trailing slash and the fragment, and
// lower-cases the host. It returns "" for an empty or unparsable URL.
func sameURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if raw == "" || err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	s := host + path
	if q := withoutTracking(u.Query()).Encode(); q != "" {
		s += "?" + q
	}
	return s
}

// SameKeys are the identities of a link's page: two links with a key in
// common are the same page, shown once (the URL as shared and, when the
// page was scraped, its canonical and final URLs, each compared without
// scheme, "www.", trailing slash, fragment and tracking parameters).
func SameKeys(l moisson.Link, page moisson.Page) []string {
	keys := []string{sameURL(l.URL)}
	if page.OK() {
		keys = append(keys, sameURL(page.CanonicalURL), sameURL(page.FinalURL))
	}
	return keys
}

// trackingParams are query parameters that only say where a click came
// from: they never change the page.
var trackingParams = []string{"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url"}

// withoutTracking returns q without utm_* and the other tracking
// parameters.
func withoutTracking(q url.Values) url.Values {
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || slices.Contains(trackingParams, lk) {
			delete(q, k)
		}
	}
	return q
}

// cleanURL drops the tracking parameters of a link shown as shared (its
// page could not be scraped, so no canonical URL stands in for it).
func cleanURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	n := len(q)
	q = withoutTracking(q)
	if len(q) == n {
		return raw
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func isWebURL(raw string) bool {
	u, err := url.Parse(raw)
	return raw != "" && err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// displayURL is the title of last resort: the URL without its scheme.
func displayURL(raw string) string {
	s := raw
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var (
	retweetRE     = regexp.MustCompile(`^(?i:RT)\s+@\w+:?\s*`)
	postURLRE     = regexp.MustCompile(`(?i)^(?:https?://|(?:pic\.twitter\.com|pic\.x\.com)/)`)
	hashtagRE     = regexp.MustCompile(`^#[\p{L}\p{N}\p{Mn}_]+$`)
	trailingViaRE = regexp.MustCompile(`(?i)[\s(]*\bvia\s+@\w+\)?$`)
	inlineTagRE   = regexp.MustCompile(`(^|[^\p{L}\p{N}_&])#([\p{L}_][\p{L}\p{N}\p{Mn}_]*)`)
)

// displayHostRE matches the start of a link written without its scheme:
// a host name or an IPv4 address, with or without a port (Bluesky cuts
// "127.0.0.2:8080" to "127.0.0.2:…").
var displayHostRE = regexp.MustCompile(`^(?:(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}|\d{1,3}(?:\.\d{1,3}){3})(?::[\d…]*)?(/|…|\.\.\.|$)`)

// displayLink reports whether a word of a post is a link shortened for
// display, whatever its host: Bluesky's "host/path..." (the full link is
// only in the post's facets), Mastodon's and X's "host/pa…", X's
// "t.co/x", "www.host". A host alone ("node.js", "example.com") is a
// word, unless it ends in an ellipsis.
func displayLink(w string) bool {
	w = strings.TrimLeft(w, `([<"'«`)
	w = strings.TrimRight(w, `)]>,;:!?"'»`)
	m := displayHostRE.FindStringSubmatch(w)
	if m == nil {
		return false
	}
	return m[1] != "" || strings.HasPrefix(strings.ToLower(w), "www.") || strings.Contains(w, ":") ||
		strings.HasSuffix(w, "…") || strings.HasSuffix(w, "...")
}

// TitleFromPost makes a title from the text of the post that shared a link,
// for a page that could not be scraped. It drops a leading "RT @user:", the
// URLs, a trailing "via @user" and the hashtags that end the text: those
// after the last link, and a run of two or more just before it; a lone
// hashtag before the closing link ("A paper on #Raft https://...") is part
// of the sentence and keeps its word. Hashtags within the text lose their
// '#'.
func TitleFromPost(text string) string {
	words := strings.Fields(retweetRE.ReplaceAllString(oneLine(text), ""))
	isURL := func(w string) bool { return postURLRE.MatchString(w) || displayLink(w) }
	isTag := func(w string) bool { return hashtagRE.MatchString(w) }
	// Drop the block of links and hashtags that ends the post.
	n := len(words)
	for n > 0 && (isURL(words[n-1]) || isTag(words[n-1])) {
		w := words[n-1]
		if isTag(w) && n < len(words) && isURL(words[n]) && (n < 2 || !isTag(words[n-2])) {
			break
		}
		n--
	}
	var kept []string
	for _, w := range words[:n] {
		if !isURL(w) {
			kept = append(kept, w)
		}
	}
	s := strings.Join(kept, " ")
	for {
		t := trailingViaRE.ReplaceAllString(strings.TrimRight(s, " :-–—|»>"), "")
		if t == s {
			break
		}
		s = t
	}
	s = strings.TrimLeft(s, " :-–—|»>")
	return inlineTagRE.ReplaceAllString(s, "$1$2")
}
