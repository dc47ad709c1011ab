package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/internal/httpsrc"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// maxFeedBody caps a feed document: a Mastodon feed of 200 posts is well
// under a MiB.
const maxFeedBody = 5 << 20

// maxFeedSeen bounds the ids remembered in a feed's cursor.
const maxFeedSeen = 500

// Config configures a feed source.
type Config struct {
	// URL is the RSS, Atom or JSON Feed document (one of MOISSON_FEEDS).
	URL string
	// HTTPClient sends the requests; a client with a timeout when nil.
	HTTPClient *http.Client
	// UserAgent is sent with each request; moisson's own when empty.
	UserAgent string
	// Now is the clock, the date of items that carry none; time.Now when
	// nil.
	Now func() time.Time
	// Logger receives the posts whose links cannot be read (a link cut
	// short in the feed's text); nothing is logged when nil.
	Logger *slog.Logger
	// Mode says how the feed's items give their links: ModeAuto (or
	// ""), ModePosts or ModeLinks (see ParseSpec).
	Mode string
}

// The modes of a feed: how its items give their links.
const (
	// ModeAuto decides item by item: an item whose link points to the
	// feed's own host is the author's post (its links are inside it), one
	// whose link points elsewhere is a bookmark (its link is the link).
	ModeAuto = "auto"
	// ModePosts reads every item as the author's own post: the links
	// are the ones written inside its content.
	ModePosts = "posts"
	// ModeLinks reads every item as a bookmark: the item's link is the
	// link, wherever it points, and its description is the author's note.
	ModeLinks = "links"
)

// ParseSpec reads one entry of MOISSON_FEEDS: a feed URL, optionally
// preceded by its mode and a colon: "links:https://…" (a bookmark or
// link feed: each item's link is the link, its description the note),
// "posts:https://…" (the author's own posts: the links are inside each
// item), "auto:https://…" or the bare URL (decided item by item).
func ParseSpec(spec string) (rawURL, mode string, err error) {
	spec = strings.TrimSpace(spec)
	for _, m := range []string{ModeAuto, ModePosts, ModeLinks} {
		if rest, ok := strings.CutPrefix(spec, m+":"); ok {
			return rest, m, nil
		}
	}
	if name, _, ok := strings.Cut(spec, ":"); ok && name != "" && strings.Trim(strings.ToLower(name), "abcdefghijklmnopqrstuvwxyz") == "" &&
		!strings.EqualFold(name, "http") && !strings.EqualFold(name, "https") {
		return spec, "", fmt.Errorf("feed %s: unknown mode %q: write links:URL, posts:URL or the bare URL", moisson.RedactText(spec), name)
	}
	return spec, ModeAuto, nil
}

// Source reads an RSS, Atom or JSON Feed document: a Mastodon or Bluesky
// profile feed standing in for an API, or a bookmarking service's feed. It
// is a Source named "feed:" + URL.
//
// Which links an item gives depends on where the item points. A social
// post (the item's link is on the feed's own host: the post on its
// instance, on bsky.app) gives the links written inside it; a bookmark or a
// link-blog entry (the item's link, or a JSON Feed external_url, is
// elsewhere) gives that link.
type Source struct {
	url string
	// shown is url with its secrets hidden: what names the feed in the
	// store, in errors and in logs.
	shown     string
	client    *http.Client
	userAgent string
	now       func() time.Time
	logger    *slog.Logger
	mode      string

	unreadable atomic.Int64
}

var (
	_ bot.Configured        = (*Source)(nil)
	_ bot.ModeTeller        = (*Source)(nil)
	_ bot.UnreadableCounter = (*Source)(nil)
)

// New returns the source; it makes no request. A malformed URL is
// reported by Fetch.
func New(cfg Config) *Source {
	f := &Source{url: strings.TrimSpace(cfg.URL), client: cfg.HTTPClient, userAgent: cfg.UserAgent, now: cfg.Now, logger: cfg.Logger, mode: cfg.Mode}
	if f.mode == "" {
		f.mode = ModeAuto
	}
	if f.logger == nil {
		f.logger = slog.New(slog.DiscardHandler)
	}
	f.shown = moisson.RedactURL(f.url)
	if f.client == nil {
		f.client = httpsrc.NewHTTPClient()
	}
	if f.userAgent == "" {
		f.userAgent = httpsrc.UserAgent
	}
	if f.now == nil {
		f.now = time.Now
	}
	return f
}

// Name implements bot.Source.
func (f *Source) Name() string { return "feed:" + f.shown }

// Settings implements Configured: the mode the feed is read in. A cursor
// made in another mode is read again (Runner).
func (f *Source) Settings() string { return "mode=" + f.mode }

// Unreadable implements bot.UnreadableCounter: the social posts of the feed
// whose text carries a link cut short ("example.com/some/pa…") that no
// link of the item restores. Bluesky's profile feed shows links so: the
// Bluesky source (MOISSON_BLUESKY) reads them whole.
func (f *Source) Unreadable() int64 { return f.unreadable.Load() }

// HTTPError is a feed server's answer other than 200 and 304.
type HTTPError struct {
	URL        string
	StatusCode int
	msg        string
}

// Error implements error.
func (e *HTTPError) Error() string { return e.msg }

// Temporary reports whether trying again later may succeed (429, 5xx).
func (e *HTTPError) Temporary() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// feedCursor is what a feed's cursor holds, as JSON.
type feedCursor struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// LastSeen is the date of the newest dated item seen: older items are
	// skipped.
	LastSeen time.Time `json:"last_seen,omitzero"`
	// Seen are the ids of the items of the last document read.
	Seen []string `json:"seen,omitempty"`
	// Mode is how the last document's items were read: "posts" or
	// "links", with " (detected)" when the feed's mode is auto (see
	// ModeOf).
	Mode string `json:"mode,omitempty"`
	// Feed is the feed read when the source's URL is a web page: the one
	// the page announces (see Main), Others its other feeds.
	Feed   string   `json:"feed,omitempty"`
	Others []string `json:"others,omitempty"`
	// Native advises a profile's native source (see NativeHint).
	Native string `json:"native,omitempty"`
}

// ModeOf returns how a feed's items were last read, from its cursor:
// "links", "posts", "posts and links" (each with " (detected)" when found
// item by item), or "" when the cursor says nothing of it.
func ModeOf(cursor string) string {
	var c feedCursor
	if !strings.HasPrefix(strings.TrimSpace(cursor), "{") || json.Unmarshal([]byte(cursor), &c) != nil {
		return ""
	}
	return c.Mode
}

// ModeOf implements bot.ModeTeller: see the function ModeOf.
func (f *Source) ModeOf(cursor string) string { return ModeOf(cursor) }

// get asks for target, conditionally on cur's validators when cur is not
// nil. The response's body is read (and closed): a status other than 200
// leaves it empty.
func (f *Source) get(ctx context.Context, target string, cur *feedCursor) (*http.Response, []byte, error) {
	shown := f.shown
	if target != f.url {
		shown = moisson.RedactURL(target)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("feed %s: %w", shown, err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", acceptFeed)
	if cur != nil && cur.ETag != "" {
		req.Header.Set("If-None-Match", cur.ETag)
	}
	if cur != nil && cur.LastModified != "" {
		req.Header.Set("If-Modified-Since", cur.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // its message quotes the whole URL, secrets and all
		}
		return nil, nil, fmt.Errorf("feed %s: %w", shown, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp, nil, nil
	}
	body, err := httpsrc.ReadBody(resp.Body, maxFeedBody)
	if err != nil {
		return nil, nil, fmt.Errorf("feed %s: %w", shown, err)
	}
	return resp, body, nil
}

// Found says, from a feed's cursor, which feed was found on the web page
// given as its URL, with the page's other feeds, and the advice for a
// profile URL (see NativeHint); "" when the URL was a feed.
func Found(cursor string) string {
	var c feedCursor
	if !strings.HasPrefix(strings.TrimSpace(cursor), "{") || json.Unmarshal([]byte(cursor), &c) != nil {
		return ""
	}
	var parts []string
	if c.Feed != "" {
		s := "feed found on the page: " + moisson.RedactURL(c.Feed)
		if len(c.Others) > 0 {
			var o []string
			for _, u := range c.Others {
				o = append(o, moisson.RedactURL(u))
			}
			s += " (its other feeds: " + strings.Join(o, ", ") + "; write one in MOISSON_FEEDS to read it instead)"
		}
		parts = append(parts, s)
	}
	if c.Native != "" {
		parts = append(parts, c.Native)
	}
	return strings.Join(parts, "; ")
}

// Fetch implements bot.Source. It asks with If-None-Match and If-Modified-Since
// from the cursor, so an unchanged feed costs a 304 and gives nothing. It
// returns the items not seen before, oldest first. Errors name the feed's
// URL; a status other than 200 and 304 is a *FeedHTTPError.
func (f *Source) Fetch(ctx context.Context, cursor string) ([]moisson.Post, string, error) {
	var cur feedCursor
	if cursor != "" {
		// An unreadable cursor is dropped: at worst the items in the feed
		// are given again, and the store knows them by key.
		if err := json.Unmarshal([]byte(cursor), &cur); err != nil {
			cur = feedCursor{}
		}
	}
	u, err := url.Parse(f.url)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, cursor, fmt.Errorf("feed %s: not an http(s) URL", f.shown)
	}
	// A URL that is a web page (a blog's home page) is read through the
	// feed it announces, found once and kept in the cursor.
	target := f.url
	if cur.Feed != "" {
		target = cur.Feed
	}
	resp, body, err := f.get(ctx, target, &cur)
	if err == nil && target != f.url && (resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone) {
		// The feed found on the page is gone: look on the page again.
		target = f.url
		resp, body, err = f.get(ctx, target, nil)
	}
	if err != nil {
		return nil, cursor, err
	}
	found, others := cur.Feed, cur.Others
	if resp.StatusCode == http.StatusOK && isHTML(resp.Header.Get("Content-Type"), body) {
		if target != f.url {
			return nil, cursor, fmt.Errorf("feed %s: the feed found on its page, %s, is a web page", f.shown, moisson.RedactURL(target))
		}
		main, oth, ok := Main(Links(body, resp.Request.URL))
		if !ok {
			return nil, cursor, fmt.Errorf("feed %s: %w", f.shown, ErrNoFeed)
		}
		found, others = main.URL, nil
		for _, l := range oth {
			others = append(others, l.URL)
		}
		if found != cur.Feed {
			f.logger.InfoContext(ctx, "feed found on the page", "page", f.shown, "feed", moisson.RedactURL(found), "others", moisson.RedactText(strings.Join(others, " ")))
		}
		if resp, body, err = f.get(ctx, found, nil); err != nil {
			return nil, cursor, err
		}
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, cursor, nil
	case resp.StatusCode != http.StatusOK:
		return nil, cursor, f.statusError(resp.StatusCode)
	}
	doc, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, cursor, fmt.Errorf("feed %s: parse: %w", f.shown, err)
	}

	// The hosts of the feed itself: an item pointing there is a post of
	// the feed's author, not a bookmark.
	hosts := map[string]bool{posttext.HostOf(f.url): true, posttext.HostOf(resp.Request.URL.String()): true}
	if doc.Link != "" {
		hosts[posttext.HostOf(doc.Link)] = true
	}
	delete(hosts, "")

	shape := bookmarkShapeOf(doc)
	seen := make(map[string]bool, len(cur.Seen))
	for _, id := range cur.Seen {
		seen[id] = true
	}
	next := feedCursor{
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		LastSeen:     cur.LastSeen,
		Feed:         found,
		Others:       others,
		Native:       NativeHint(f.url),
	}
	if next.Native != "" && cur.Native == "" {
		f.logger.WarnContext(ctx, "feed: "+next.Native)
	}
	var posts []moisson.Post
	now := f.now().UTC()
	socials, bookmarks := 0, 0
	for i := len(doc.Items) - 1; i >= 0; i-- { // feeds list newest first
		it := doc.Items[i]
		if it == nil {
			continue
		}
		p, dated, social := f.post(ctx, it, doc, shape, hosts, now)
		if social {
			socials++
		} else {
			bookmarks++
		}
		if len(next.Seen) < maxFeedSeen {
			next.Seen = append(next.Seen, p.ID)
		}
		if dated && p.CreatedAt.After(next.LastSeen) {
			next.LastSeen = p.CreatedAt
		}
		if seen[p.ID] || (dated && p.CreatedAt.Before(cur.LastSeen)) {
			continue
		}
		seen[p.ID] = true
		posts = append(posts, p)
	}
	next.Mode = describeMode(f.mode, socials, bookmarks)
	if next.Mode == "" {
		next.Mode = cur.Mode
	}
	if len(posts) == 0 && next.ETag == cur.ETag && next.LastModified == cur.LastModified && next.Mode == cur.Mode &&
		next.Feed == cur.Feed && slices.Equal(next.Others, cur.Others) && next.Native == cur.Native {
		return nil, cursor, nil
	}
	// A 200 with new validators is remembered even when it brings no new
	// item: the next poll then costs a 304, not the whole feed.
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].CreatedAt.Before(posts[j].CreatedAt) })
	b, err := json.Marshal(next)
	if err != nil {
		return nil, cursor, fmt.Errorf("feed %s: cursor: %w", f.shown, err)
	}
	return posts, string(b), nil
}

// describeMode says how a document's items were read: its set mode, or
// what auto found.
func describeMode(mode string, socials, bookmarks int) string {
	switch {
	case mode != ModeAuto:
		return mode
	case socials > 0 && bookmarks > 0:
		return "posts and links (detected)"
	case bookmarks > 0:
		return ModeLinks + " (detected)"
	case socials > 0:
		return ModePosts + " (detected)"
	}
	return ""
}

// statusError says what a status means for a feed.
func (f *Source) statusError(status int) error {
	e := &HTTPError{URL: f.shown, StatusCode: status}
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		e.msg = fmt.Sprintf("feed %s: %s: the feed refuses to be read (a Bluesky account that opted out of public views answers so)", f.shown, text)
	case http.StatusNotFound, http.StatusGone:
		e.msg = fmt.Sprintf("feed %s: %s: check MOISSON_FEEDS", f.shown, text)
	default:
		e.msg = fmt.Sprintf("feed %s: %s", f.shown, text)
	}
	return e
}

// The shapes of bookmark feeds whose description is the author's own
// note on the link.
const (
	shapeShaarli  = "shaarli"  // the shaare's description (Markdown), then "— Permalink"
	shapePinboard = "pinboard" // the bookmark's extended description; tags space-separated in dc:subject
	shapeWallabag = "wallabag" // the saved article's whole text: no note
	shapeLinkding = "linkding" // the page's own meta description unless edited: a summary
)

// linkdingFeedPath is the path of linkding's feeds: /feeds/KEY/all,
// /feeds/KEY/unread, /feeds/KEY/shared, /feeds/KEY/public.
var linkdingFeedPath = regexp.MustCompile(`/feeds/[^/]+/(all|unread|shared|public)/?$`)

// bookmarkShapeOf tells which bookmarking service wrote a feed, by its
// generator, its home link or its path; "" for the others. linkding's
// description is the page's own meta description unless edited: it stays
// a summary.
func bookmarkShapeOf(doc *gofeed.Feed) string {
	gen := strings.ToLower(doc.Generator)
	switch {
	case strings.Contains(gen, "shaarli"):
		return shapeShaarli
	case strings.Contains(gen, "wallabag"):
		return shapeWallabag
	case strings.HasSuffix(posttext.HostOf(doc.Link), "pinboard.in") || strings.HasSuffix(posttext.HostOf(doc.FeedLink), "pinboard.in"):
		return shapePinboard
	case linkdingFeedPath.MatchString(doc.Link) || linkdingFeedPath.MatchString(doc.FeedLink):
		return shapeLinkding
	}
	return ""
}

// maxFeedSummary bounds a summary taken from a whole article (Wallabag).
const maxFeedSummary = 600

// post turns a feed item into a Post; dated is false when the item has no
// date and now was used; social is true when the item was read as the
// author's own post (its links inside).
//
// For a bookmark, the item's title is the fallback title, and its
// description is either the author's note on the link (Post.Note: Shaarli,
// Pinboard, a JSON Feed link-blog entry's content, any other bookmark feed)
// or a summary of the page (Post.Summary: linkding unless set to links
// mode, Wallabag). The item's categories are
// its hashtags; Pinboard's dc:subject holds them space-separated.
func (f *Source) post(ctx context.Context, it *gofeed.Item, doc *gofeed.Feed, shape string, hosts map[string]bool, now time.Time) (p moisson.Post, dated, social bool) {
	p = moisson.Post{Source: f.Name(), CreatedAt: now}
	switch {
	case it.PublishedParsed != nil:
		p.CreatedAt, dated = it.PublishedParsed.UTC(), true
	case it.UpdatedParsed != nil:
		p.CreatedAt, dated = it.UpdatedParsed.UTC(), true
	}

	rich := it.Content
	if rich == "" {
		rich = it.Description
	}
	plain := dropPermalinkLine(posttext.HTMLText(posttext.FirstNonBlank(it.Description, it.Content)))
	title := strings.TrimSpace(posttext.HTMLText(it.Title))

	// A JSON Feed link-blog entry names the page it is about apart.
	external := ""
	if doc.FeedType == "json" {
		for _, l := range it.Links {
			if l != "" && l != it.Link {
				external = l
			}
		}
	}
	link := strings.TrimSpace(it.Link)
	switch f.mode {
	case ModePosts:
		social = true
	case ModeLinks:
		social = link == "" && external == ""
	default:
		social = external == "" && (link == "" || hosts[posttext.HostOf(link)])
	}

	p.ID = posttext.FirstNonBlank(strings.TrimSpace(it.GUID), link)
	if p.ID == "" {
		sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Description + "\x00" + it.Published))
		p.ID = "sha256:" + hex.EncodeToString(sum[:12])
	}

	if social {
		// The post itself: its words are the text, its links are inside.
		p.Text = posttext.FirstNonBlank(plain, title)
		p.URLs = posttext.ContentLinks(rich, hosts)
		if len(p.URLs) == 0 {
			p.URLs = bareLinks(p.Text, hosts)
		}
		if lost := posttext.CutLinks(p.Text, p.URLs); len(lost) > 0 {
			f.unreadable.Add(1)
			f.logger.WarnContext(ctx, "feed: a link of the post is cut short in the feed and cannot be read", "feed", f.shown, "post_id", p.ID, "shown_as", strings.Join(lost, " "))
		}
	} else {
		p.URLs = []string{posttext.FirstNonBlank(external, link)}
		p.Title = title
		switch {
		case external != "":
			// A link-blog entry: its content is the author's word on the
			// page, its summary (when apart) the page's.
			p.Note = dropPermalinkLine(posttext.HTMLText(posttext.FirstNonBlank(it.Content, it.Description)))
			if it.Content != "" && it.Description != "" {
				p.Summary = posttext.HTMLText(it.Description)
			}
		case shape == shapeWallabag:
			p.Summary = firstParagraph(posttext.HTMLText(rich), maxFeedSummary)
		case shape == shapeLinkding && f.mode != ModeLinks:
			p.Summary = plain
		default:
			// A bookmark's description is the author's word on it
			// (Shaarli, Pinboard, a plain RSS or Atom bookmark feed).
			p.Note = plain
		}
		p.Text = strings.TrimSpace(title + "\n" + posttext.FirstNonBlank(p.Note, p.Summary))
	}
	p.Hashtags = feedHashtags(p.Text, itemTags(it))
	return p, dated, social
}

// itemTags returns an item's tags: its category elements, and the words
// of its dc:subject (Pinboard and the del.icio.us-style feeds put every
// tag in one dc:subject, space-separated).
func itemTags(it *gofeed.Item) []string {
	var subjects []string
	if it.DublinCoreExt != nil {
		subjects = it.DublinCoreExt.Subject
	}
	isSubject := make(map[string]bool, len(subjects))
	for _, s := range subjects {
		isSubject[s] = true
	}
	var tags []string
	for _, c := range it.Categories {
		if isSubject[c] {
			tags = append(tags, strings.Fields(c)...)
		} else {
			tags = append(tags, c)
		}
	}
	return tags
}

// firstParagraph returns the first line of text, cut at a word before max
// bytes.
func firstParagraph(text string, max int) string {
	text, _, _ = strings.Cut(strings.TrimSpace(text), "\n")
	if len(text) <= max {
		return text
	}
	cut := strings.LastIndexByte(text[:max], ' ')
	if cut <= 0 {
		cut = max
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimSpace(text[:cut]) + "…"
}

// bareLinks returns the links written in text, leaving out the ones
// shortened with an ellipsis (their end is lost) and those to the feed's
// hosts.
func bareLinks(text string, hosts map[string]bool) []string {
	var links []string
	seen := make(map[string]bool)
	for _, m := range posttext.BareURL.FindAllString(text, -1) {
		if strings.HasSuffix(m, "...") || strings.HasSuffix(m, "…") {
			continue
		}
		m = strings.TrimRight(m, ".,;:!?)]}'\"")
		if !strings.HasPrefix(strings.ToLower(m), "http") {
			m = "https://" + m
		}
		if seen[m] || hosts[posttext.HostOf(m)] || !moisson.IsShareable(m) {
			continue
		}
		seen[m] = true
		links = append(links, m)
	}
	return links
}

// feedHashtags returns the #tags of the text as written, then the item's
// categories not already among them.
func feedHashtags(text string, categories []string) []string {
	var tags []string
	seen := make(map[string]bool)
	add := func(t string) {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "#"))
		if t == "" || seen[strings.ToLower(t)] {
			return
		}
		seen[strings.ToLower(t)] = true
		tags = append(tags, t)
	}
	for _, m := range posttext.HashtagRE.FindAllStringSubmatch(text, -1) {
		add(m[1])
	}
	for _, c := range categories {
		add(c)
	}
	return tags
}

// dropPermalinkLine drops the "— Permalink" line that Shaarli appends to
// every item's content: it says nothing of the link.
func dropPermalinkLine(s string) string {
	i := strings.LastIndexByte(s, '\n')
	last := strings.TrimSpace(s[i+1:])
	for _, dash := range []string{"—", "–", "-"} {
		last = strings.TrimPrefix(last, dash)
	}
	if strings.EqualFold(strings.TrimSpace(last), "permalink") {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(s[:i])
	}
	return s
}
