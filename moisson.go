// Package moisson holds the domain types shared by every step of the
// pipeline: the posts read from a source, the links they carry, the pages
// scraped for those links and the weekly publications.
//
// The pipeline steps live in subpackages and speak to each other only
// through these types:
//
//	bot/      sources (X API v2 and v1.1, archive export, feeds) and the run loop
//	scrape/   fetching and extraction of a page's title and lead
//	archive/  the bbolt store
//	digest/   the weekly post
//
// Only cmd/moisson knows them all.
package moisson

import (
	"errors"
	"net/url"
	"strings"
	"time"
)

// ErrNotFound is returned by lookups that find nothing.
var ErrNotFound = errors.New("not found")

// Post is one post read from a source: a post on X, an item of a feed.
type Post struct {
	// ID is unique within its Source (the tweet id, the feed item's guid).
	ID string `json:"id"`
	// Source names where the post was read: "x" for the X API and archive
	// exports, "feed:<url>" for a feed.
	Source    string    `json:"source"`
	CreatedAt time.Time `json:"created_at"`
	// Text is the post's full text, HTML entities decoded.
	Text string `json:"text"`
	// URLs are the expanded http(s) links of the post, in order.
	URLs []string `json:"urls,omitempty"`
	// Hashtags are spelled as the author wrote them, without '#'.
	Hashtags []string `json:"hashtags,omitempty"`
	// Reply is true for a reply to another account; a reply to oneself
	// (a thread) is not a reply.
	Reply   bool `json:"reply,omitempty"`
	Retweet bool `json:"retweet,omitempty"`
	Quote   bool `json:"quote,omitempty"`
	// Title and Summary are what the source itself says of the link (a feed
	// item's title and description): the fallback when the page cannot be
	// scraped.
	Title   string `json:"title,omitempty"`
	Summary string `json:"summary,omitempty"`
	// Note is the author's own word on the link, when the source carries
	// one (a bookmark's description): it becomes the entry's comment.
	Note string `json:"note,omitempty"`
	// Via is the account the post credits ("@someone", "@someone@instance",
	// "someone.bsky.social"): the author of a quoted or reposted post, or
	// one named by "via @x" / "h/t @x". ViaURL is that account's profile.
	Via    string `json:"via,omitempty"`
	ViaURL string `json:"via_url,omitempty"`
}

// Key is the post's identity in the store: source and id.
func (p Post) Key() string { return p.Source + "/" + p.ID }

// Link is one link shared in a post: the unit the weekly post is made of.
type Link struct {
	// URL is the link as shared (expanded from t.co, not yet resolved).
	URL string `json:"url"`
	// PostKey is the Key of the post that shared it.
	PostKey  string    `json:"post_key"`
	PostedAt time.Time `json:"posted_at"`
	Hashtags []string  `json:"hashtags,omitempty"`
	PostText string    `json:"post_text,omitempty"`
	Reply    bool      `json:"reply,omitempty"`
	Title    string    `json:"title,omitempty"`
	Summary  string    `json:"summary,omitempty"`
	// Note, Via and ViaURL are the post's (see Post).
	Note   string `json:"note,omitempty"`
	Via    string `json:"via,omitempty"`
	ViaURL string `json:"via_url,omitempty"`
}

// LinksOf returns the links a post gives: every http(s) URL it carries,
// without its userinfo, except links to X/Twitter statuses, photos and
// videos. Replies give their
// links too, flagged, so that the choice to leave them out is the digest's.
// A URL that appears twice in the post gives one link.
func LinksOf(p Post) []Link {
	var links []Link
	seen := make(map[string]bool)
	for _, raw := range p.URLs {
		raw = withoutUserinfo(strings.TrimSpace(raw))
		if !IsShareable(raw) || seen[raw] {
			continue
		}
		seen[raw] = true
		links = append(links, Link{
			URL:      raw,
			PostKey:  p.Key(),
			PostedAt: p.CreatedAt,
			Hashtags: p.Hashtags,
			PostText: p.Text,
			Reply:    p.Reply,
			Title:    p.Title,
			Summary:  p.Summary,
			Note:     p.Note,
			Via:      p.Via,
			ViaURL:   p.ViaURL,
		})
	}
	return links
}

// withoutUserinfo drops the user and password of a URL
// (https://user:password@host/): a secret written in a post is never
// stored, logged nor sent; the page is fetched without it.
func withoutUserinfo(raw string) string {
	if !strings.Contains(raw, "@") {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}

// IsShareable reports whether raw is a link worth a place in the weekly
// post: an absolute http(s) URL that is not a post, photo or video on
// X/Twitter itself.
func IsShareable(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	host = strings.TrimPrefix(host, "mobile.")
	switch host {
	case "twitter.com", "x.com", "pic.twitter.com", "pic.x.com", "t.co":
		// t.co is never left unexpanded on purpose: a bare t.co link is a
		// media attachment the source did not expand.
		if host == "t.co" {
			return false
		}
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		// /USER/status/ID[/photo/1|/video/1], /i/web/status/ID, /i/status/ID
		for _, part := range parts {
			if part == "status" || part == "statuses" || part == "photo" || part == "video" {
				return false
			}
		}
		return host != "pic.twitter.com" && host != "pic.x.com"
	}
	return true
}

// Kind is the kind of resource a link points to.
type Kind string

// The kinds of resource.
const (
	KindHTML  Kind = "html"
	KindPDF   Kind = "pdf"
	KindOther Kind = "other"
)

// Page is what was learned by scraping one link.
type Page struct {
	// URL is the link as shared: the key of the page in the store.
	URL string `json:"url"`
	// FinalURL is where the redirects ended.
	FinalURL string `json:"final_url,omitempty"`
	// CanonicalURL is FinalURL without tracking parameters, or the page's
	// rel=canonical when it is on the same site.
	CanonicalURL string `json:"canonical_url,omitempty"`
	Title        string `json:"title,omitempty"`
	// DocTitle is the page's <title> as written, its site's name and
	// sections included: the store gives it back to the extraction of
	// other pages of the same host, whose repeated decoration it shows.
	DocTitle string `json:"doc_title,omitempty"`
	// Lead is the page's opening paragraph; when it is made of several
	// paragraphs they are separated by a single "\n".
	Lead string `json:"lead,omitempty"`
	Site string `json:"site,omitempty"`
	Lang string `json:"lang,omitempty"`
	Kind Kind   `json:"kind,omitempty"`
	// LeadFromMeta is true when the lead is the page's meta description,
	// because the page had no readable body.
	LeadFromMeta bool `json:"lead_from_meta,omitempty"`
	// Paragraphs are the first few paragraphs of the page's main content,
	// in order: the author may pick another one as the lead.
	Paragraphs  []string `json:"paragraphs,omitempty"`
	ContentType string   `json:"content_type,omitempty"`
	// Status is the HTTP status of the last response (0 when none came).
	Status int `json:"status"`
	// Error says why the page could not be scraped; empty on success.
	Error string `json:"error,omitempty"`
	// Permanent is true when Error will not go away by retrying (404, 410,
	// a dead domain, a refused address).
	Permanent bool `json:"permanent,omitempty"`
	// Blocked says what stood in front of the page when a wall answered
	// instead of it: "consent", "challenge", "login", "paywall" or
	// "js-shell". Error is set too and Permanent is false: the page is
	// tried again later, and meanwhile the link's own title and summary
	// stand in for it.
	Blocked string `json:"blocked,omitempty"`
	// Unreachable is true when the last attempt found no server to answer:
	// connection refused, no such host, a TLS failure. Error is set;
	// Permanent is false (it may be back tomorrow), but once its week is
	// over the page is taken from the Wayback Machine as a 404 is.
	Unreachable bool `json:"unreachable,omitempty"`
	// TitleSource and LeadSource say where Title and Lead came from: the
	// extraction's sources ("json-ld", "meta", "headline", "title-cut"...)
	// or SourceWayback; TitleConfidence and LeadConfidence how sure it is
	// ("high", "medium", "low"). Empty on pages stored before they were
	// recorded.
	TitleSource     string `json:"title_source,omitempty"`
	TitleConfidence string `json:"title_confidence,omitempty"`
	LeadSource      string `json:"lead_source,omitempty"`
	LeadConfidence  string `json:"lead_confidence,omitempty"`
	// TextFrom is the Wayback Machine capture the title and lead were
	// taken from when the live page stood behind a bot wall: the link
	// stays the live one (no Snapshot), the words are the copy's.
	TextFrom string `json:"text_from,omitempty"`
	// Attempts counts the fetches made for this page.
	Attempts  int       `json:"attempts,omitempty"`
	FetchedAt time.Time `json:"fetched_at"`
	// Snapshot is the Wayback Machine capture the page was taken from, when
	// the live page was gone; NoSnapshot when the Wayback Machine has none.
	Snapshot string `json:"snapshot,omitempty"`
	// ArchiveURL is the Wayback Machine capture made or found when the
	// link was shared (Save Page Now, MOISSON_ARCHIVE_LINKS): the copy the
	// post points to should the page die later.
	ArchiveURL string `json:"archive_url,omitempty"`
	// Image is the page's preview image, nil when it names none.
	Image *Image `json:"image,omitempty"`
	// ImageFiles are the image's files as the scraper made them, on
	// their way to the store (which keeps them apart from the page);
	// nil once stored, and when the image was not fetched.
	ImageFiles *ImageFiles `json:"-"`
}

// NoSnapshot is the Snapshot of a gone page the Wayback Machine has no
// capture of: it is not asked again.
const NoSnapshot = "none"

// OK reports whether the page was scraped successfully.
func (p Page) OK() bool { return p.Error == "" }

// Publication records one weekly post written to the blog.
type Publication struct {
	// Week is the ISO week of the cutoff day, "2014-W40".
	Week string `json:"week"`
	// Path is the file written, relative to the blog directory.
	Path string `json:"path"`
	// Hash is the SHA-256 of the file's content, hex encoded.
	Hash        string    `json:"hash"`
	Links       int       `json:"links"`
	PublishedAt time.Time `json:"published_at"`
	// Pushed is true once the post was committed and pushed (MOISSON_GIT_PUSH).
	Pushed bool `json:"pushed,omitempty"`
	// Draft is true while the post is written as a draft waiting for the
	// author's approval (MOISSON_PUBLISH=review or after:D).
	Draft bool `json:"draft,omitempty"`
	// Conflict is set when the file on disk was changed by hand since
	// moisson wrote it: moisson keeps the author's file and says so here
	// until a forced write.
	Conflict string `json:"conflict,omitempty"`
	// Announced names the services the post was announced on
	// ("mastodon", "bluesky", "x"), so that it is announced once each.
	Announced []string `json:"announced,omitempty"`
	// PushError is git's last refusal of the push (secrets hidden) while
	// the post is committed but not pushed (MOISSON_GIT_PUSH): the week
	// is "written, not pushed" until a push succeeds. PushAttempts counts
	// the pushes tried since it was written, PushTriedAt is the last.
	PushError    string    `json:"push_error,omitempty"`
	PushAttempts int       `json:"push_attempts,omitempty"`
	PushTriedAt  time.Time `json:"push_tried_at,omitzero"`
}

// NotPushed reports whether the post is written and committed but no push
// of it succeeded yet: git refused it PushAttempts times, with PushError.
func (p Publication) NotPushed() bool {
	return !p.Pushed && !p.Draft && p.Conflict == "" && p.PushAttempts > 0
}

// Week is one weekly window. Weeks tile time with no gap: a link posted at
// t belongs to the week with Start <= t < End.
type Week struct {
	// ID is the ISO week of the cutoff day, "2014-W40".
	ID string `json:"id"`
	// Start is the previous week's cutoff (inclusive).
	Start time.Time `json:"start"`
	// End is this week's cutoff (exclusive): by default Friday 18:00.
	End time.Time `json:"end"`
	// Monday is 00:00 on the Monday of the cutoff's week, named in the intro.
	Monday time.Time `json:"monday"`
}
