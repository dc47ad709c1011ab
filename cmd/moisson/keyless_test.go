package main

// End-to-end tests of the keyless sources (issue 9): a fake Bluesky
// AppView and a fake Mastodon instance, answering in the services' real
// shapes, drive `moisson run --once` and `moisson backfill`; real export
// samples (testdata/keyless, written by `go test ./bot/bluesky ./bot/mastodon -run
// TestWriteSamples -write-samples`) go through `moisson import`.

import (
	"encoding/json"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
)

// ---------------------------------------------------------------------------
// The fake Bluesky AppView.

// bskyAccount is an account of the fake AppView.
type bskyAccount struct{ DID, Handle, Name string }

func (a bskyAccount) profile() map[string]any {
	return map[string]any{"did": a.DID, "handle": a.Handle, "displayName": a.Name, "labels": []any{},
		"createdAt": "2023-04-12T09:00:00.000Z"}
}

// bskyFacet is a facet of a post's text: the bytes of shown, found in the
// text, link to uri or tag tag. Offsets are in bytes of the UTF-8 text, as
// the lexicon says.
type bskyFacet struct{ shown, uri, tag string }

// bskyCard is a link card (app.bsky.embed.external).
type bskyCard struct{ uri, title, description string }

// bskyPost is a post of the fake AppView.
type bskyPost struct {
	author  bskyAccount
	rkey    string
	at      time.Time
	text    string
	facets  []bskyFacet
	card    *bskyCard
	quote   *bskyPost // the post it quotes
	replyTo *bskyPost // the post it answers
}

func (p *bskyPost) uri() string { return "at://" + p.author.DID + "/app.bsky.feed.post/" + p.rkey }
func (p *bskyPost) cid() string { return "bafyreig" + strings.ToLower(p.rkey) }

func bskyTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// record is the post's app.bsky.feed.post record.
func (p *bskyPost) record(t testing.TB) map[string]any {
	rec := map[string]any{"$type": "app.bsky.feed.post", "createdAt": bskyTime(p.at), "langs": []string{"fr"}, "text": p.text}
	var facets []any
	for _, f := range p.facets {
		i := strings.Index(p.text, f.shown)
		if i < 0 {
			t.Fatalf("facet %q is not in %q", f.shown, p.text)
		}
		feature := map[string]any{"$type": "app.bsky.richtext.facet#link", "uri": f.uri}
		if f.tag != "" {
			feature = map[string]any{"$type": "app.bsky.richtext.facet#tag", "tag": f.tag}
		}
		facets = append(facets, map[string]any{"$type": "app.bsky.richtext.facet",
			"index": map[string]any{"byteStart": i, "byteEnd": i + len(f.shown)}, "features": []any{feature}})
	}
	if facets != nil {
		rec["facets"] = facets
	}
	switch {
	case p.card != nil:
		rec["embed"] = map[string]any{"$type": "app.bsky.embed.external", "external": map[string]any{
			"uri": p.card.uri, "title": p.card.title, "description": p.card.description,
			"thumb": map[string]any{"$type": "blob", "ref": map[string]any{"$link": "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"}, "mimeType": "image/jpeg", "size": 48213},
		}}
	case p.quote != nil:
		rec["embed"] = map[string]any{"$type": "app.bsky.embed.record", "record": map[string]any{"uri": p.quote.uri(), "cid": p.quote.cid()}}
	}
	if p.replyTo != nil {
		root := p.replyTo
		for root.replyTo != nil {
			root = root.replyTo
		}
		rec["reply"] = map[string]any{
			"root":   map[string]any{"uri": root.uri(), "cid": root.cid()},
			"parent": map[string]any{"uri": p.replyTo.uri(), "cid": p.replyTo.cid()},
		}
	}
	return rec
}

// view is the post's app.bsky.feed.defs#postView, embeds resolved.
func (p *bskyPost) view(t testing.TB) map[string]any {
	v := map[string]any{
		"uri": p.uri(), "cid": p.cid(), "author": p.author.profile(), "record": p.record(t),
		"replyCount": 0, "repostCount": 1, "likeCount": 4, "quoteCount": 0,
		"indexedAt": bskyTime(p.at.Add(700 * time.Millisecond)),
		"viewer":    map[string]any{"threadMuted": false, "embeddingDisabled": false}, "labels": []any{},
	}
	switch {
	case p.card != nil:
		v["embed"] = map[string]any{"$type": "app.bsky.embed.external#view", "external": map[string]any{
			"uri": p.card.uri, "title": p.card.title, "description": p.card.description,
			"thumb": "https://cdn.bsky.app/img/feed_thumbnail/plain/" + p.author.DID + "/bafkreihdwd@jpeg"}}
	case p.quote != nil:
		q := p.quote
		v["embed"] = map[string]any{"$type": "app.bsky.embed.record#view", "record": map[string]any{
			"$type": "app.bsky.embed.record#viewRecord", "uri": q.uri(), "cid": q.cid(), "author": q.author.profile(),
			"value": q.record(t), "labels": []any{}, "likeCount": 12, "replyCount": 1, "repostCount": 3, "quoteCount": 1,
			"indexedAt": bskyTime(q.at.Add(time.Second)), "embeds": []any{},
		}}
	}
	return v
}

// bskyFeedEntry is an item of the author feed: a post, or a repost of one.
type bskyFeedEntry struct {
	post     *bskyPost
	repostAt time.Time // zero for the author's own post
	repostBy bskyAccount
	rkey     string // the repost record's
}

func (e bskyFeedEntry) sortAt() time.Time {
	if !e.repostAt.IsZero() {
		return e.repostAt
	}
	return e.post.at
}

func (e bskyFeedEntry) item(t testing.TB) map[string]any {
	it := map[string]any{"post": e.post.view(t)}
	if !e.repostAt.IsZero() {
		it["reason"] = map[string]any{"$type": "app.bsky.feed.defs#reasonRepost", "by": e.repostBy.profile(),
			"uri": "at://" + e.repostBy.DID + "/app.bsky.feed.repost/" + e.rkey, "cid": "bafyreirepost" + e.rkey,
			"indexedAt": bskyTime(e.repostAt)}
	}
	if r := e.post.replyTo; r != nil {
		root := r
		for root.replyTo != nil {
			root = root.replyTo
		}
		it["reply"] = map[string]any{
			"root":   map[string]any{"$type": "app.bsky.feed.defs#postView", "uri": root.uri(), "cid": root.cid(), "author": root.author.profile(), "record": root.record(t), "indexedAt": bskyTime(root.at)},
			"parent": map[string]any{"$type": "app.bsky.feed.defs#postView", "uri": r.uri(), "cid": r.cid(), "author": r.author.profile(), "record": r.record(t), "indexedAt": bskyTime(r.at)},
		}
	}
	return it
}

// fakeBluesky is the public AppView: resolveHandle and getAuthorFeed of
// one account, newest first, pageSize items a page, the cursor the sort
// time of a page's last item (as the AppView's are). It answers as with
// the default filter (posts_with_replies), so that a reply to another
// account reaches the source, which must leave it out.
type fakeBluesky struct {
	t        testing.TB
	account  bskyAccount
	feed     []bskyFeedEntry
	pageSize int

	mu      sync.Mutex
	cursors []string // the cursor of each getAuthorFeed request ("" for the top)
}

func (f *fakeBluesky) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	q := r.URL.Query()
	xrpcErr := func(status int, name, msg string) {
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":%q,"message":%q}`, name, msg)
	}
	switch strings.TrimPrefix(r.URL.Path, "/xrpc/") {
	case "com.atproto.identity.resolveHandle":
		if q.Get("handle") != f.account.Handle {
			xrpcErr(http.StatusBadRequest, "InvalidRequest", "Unable to resolve handle")
			return
		}
		fmt.Fprintf(w, `{"did":%q}`, f.account.DID)
	case "app.bsky.feed.getAuthorFeed":
		if a := q.Get("actor"); a != f.account.DID && a != f.account.Handle {
			xrpcErr(http.StatusBadRequest, "InvalidRequest", "Profile not found")
			return
		}
		limit, err := strconv.Atoi(q.Get("limit"))
		if err != nil || limit < 1 || limit > 100 {
			xrpcErr(http.StatusBadRequest, "InvalidRequest", "Error: limit must be between 1 and 100")
			return
		}
		cursor := q.Get("cursor")
		f.mu.Lock()
		f.cursors = append(f.cursors, cursor)
		f.mu.Unlock()
		var before time.Time
		if cursor != "" {
			if before, err = time.Parse(time.RFC3339Nano, cursor); err != nil {
				xrpcErr(http.StatusBadRequest, "InvalidRequest", "Malformed cursor")
				return
			}
		}
		entries := slices.Clone(f.feed)
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].sortAt().After(entries[j].sortAt()) })
		page := []any{}
		next := ""
		for _, e := range entries {
			if cursor != "" && !e.sortAt().Before(before) {
				continue
			}
			if len(page) == min(limit, f.pageSize) {
				break
			}
			page = append(page, e.item(f.t))
			next = bskyTime(e.sortAt())
		}
		out := map[string]any{"feed": page}
		if len(page) == min(limit, f.pageSize) {
			out["cursor"] = next
		}
		if err := json.NewEncoder(w).Encode(out); err != nil {
			f.t.Error(err)
		}
	default:
		xrpcErr(http.StatusNotImplemented, "MethodNotImplemented", "Method Not Implemented")
	}
}

// Cursors returns the cursors asked so far.
func (f *fakeBluesky) Cursors() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.cursors)
}

// ---------------------------------------------------------------------------
// The fake Mastodon instance.

// mastoAccount is an account as the API shows it.
type mastoAccount struct{ ID, Username, Acct, URL string }

func (a mastoAccount) json() map[string]any {
	return map[string]any{"id": a.ID, "username": a.Username, "acct": a.Acct, "display_name": a.Username,
		"locked": false, "bot": false, "discoverable": true, "group": false, "created_at": "2022-11-08T00:00:00.000Z",
		"note": "<p>Veille.</p>", "url": a.URL, "uri": strings.Replace(a.URL, "/@", "/users/", 1),
		"avatar": "", "header": "", "followers_count": 120, "following_count": 80, "statuses_count": 9,
		"last_status_at": "2026-01-01", "emojis": []any{}, "fields": []any{}}
}

// mastoStatus is a status of the fake instance.
type mastoStatus struct {
	id        uint64 // the creation time in ms, shifted 16 bits, as Mastodon's
	at        time.Time
	account   mastoAccount
	content   string
	tags      []string
	mentions  []mastoAccount
	card      *bskyCard
	reblog    *mastoStatus
	replyToID uint64
	replyTo   *mastoAccount
}

func mastoID(at time.Time, seq int) uint64 { return uint64(at.UnixMilli())<<16 | uint64(seq) }

func (s *mastoStatus) json(instance string) map[string]any {
	id := strconv.FormatUint(s.id, 10)
	host := strings.TrimPrefix(strings.TrimPrefix(s.account.URL, "http://"), "https://")
	host, _, _ = strings.Cut(host, "/")
	v := map[string]any{
		"id": id, "created_at": bskyTime(s.at), "in_reply_to_id": nil, "in_reply_to_account_id": nil,
		"sensitive": false, "spoiler_text": "", "visibility": "public", "language": "fr",
		"uri": strings.Replace(s.account.URL, "/@", "/users/", 1) + "/statuses/" + id,
		"url": s.account.URL + "/" + id, "replies_count": 0, "reblogs_count": 0, "favourites_count": 2,
		"edited_at": nil, "content": s.content, "filtered": []any{}, "reblog": nil,
		"application": map[string]any{"name": "Web", "website": nil}, "account": s.account.json(),
		"media_attachments": []any{}, "emojis": []any{}, "card": nil, "poll": nil,
	}
	var tags []any
	for _, tg := range s.tags {
		tags = append(tags, map[string]any{"name": strings.ToLower(tg), "url": "http://" + host + "/tags/" + strings.ToLower(tg)})
	}
	v["tags"] = append([]any{}, tags...)
	var mentions []any
	for _, m := range s.mentions {
		mentions = append(mentions, map[string]any{"id": m.ID, "username": m.Username, "acct": m.Acct, "url": m.URL})
	}
	v["mentions"] = append([]any{}, mentions...)
	if s.card != nil {
		v["card"] = map[string]any{"url": s.card.uri, "title": s.card.title, "description": s.card.description,
			"language": "fr", "type": "link", "author_name": "", "author_url": "", "provider_name": "", "provider_url": "",
			"html": "", "width": 400, "height": 200, "image": nil, "embed_url": "", "blurhash": nil}
	}
	if s.reblog != nil {
		v["content"] = ""
		v["reblog"] = s.reblog.json(instance)
	}
	if s.replyTo != nil {
		v["in_reply_to_id"] = strconv.FormatUint(s.replyToID, 10)
		v["in_reply_to_account_id"] = s.replyTo.ID
	}
	return v
}

// fakeMastodon is an instance's API for one account: accounts/lookup and
// accounts/:id/statuses, newest first, pageSize a page, with max_id,
// min_id and since_id, exclude_replies (replies to oneself stay, as on
// Mastodon) and exclude_reblogs, and the Link header of the real API.
type fakeMastodon struct {
	t        testing.TB
	account  mastoAccount
	statuses []*mastoStatus
	pageSize int
	base     string // http://127.0.0.1:PORT

	mu      sync.Mutex
	queries []url.Values
}

func (f *fakeMastodon) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	q := r.URL.Query()
	if r.URL.Path == "/api/v1/accounts/lookup" {
		if q.Get("acct") != f.account.Username && q.Get("acct") != f.account.Acct {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"Record not found"}`)
			return
		}
		if err := json.NewEncoder(w).Encode(f.account.json()); err != nil {
			f.t.Error(err)
		}
		return
	}
	if r.URL.Path != "/api/v1/accounts/"+f.account.ID+"/statuses" {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"Record not found"}`)
		return
	}
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	limit := 20
	if l, err := strconv.Atoi(q.Get("limit")); err == nil && l > 0 {
		limit = min(l, 40)
	}
	limit = min(limit, f.pageSize)
	idParam := func(k string) uint64 {
		n, _ := strconv.ParseUint(q.Get(k), 10, 64)
		return n
	}
	maxID, minID, sinceID := idParam("max_id"), idParam("min_id"), idParam("since_id")
	var match []*mastoStatus
	for _, s := range f.statuses {
		if q.Get("exclude_replies") == "true" && s.replyTo != nil && s.replyTo.ID != f.account.ID {
			continue
		}
		if q.Get("exclude_reblogs") == "true" && s.reblog != nil {
			continue
		}
		if maxID != 0 && s.id >= maxID || minID != 0 && s.id <= minID || sinceID != 0 && s.id <= sinceID {
			continue
		}
		match = append(match, s)
	}
	if minID != 0 {
		// min_id gives the statuses just above it, still newest first.
		sort.Slice(match, func(i, j int) bool { return match[i].id < match[j].id })
		match = match[:min(limit, len(match))]
		slices.Reverse(match)
	} else {
		sort.Slice(match, func(i, j int) bool { return match[i].id > match[j].id })
		match = match[:min(limit, len(match))]
	}
	page := []any{}
	for _, s := range match {
		page = append(page, s.json(f.base))
	}
	if len(match) > 0 {
		self := f.base + r.URL.Path
		w.Header().Set("Link", fmt.Sprintf(`<%s?max_id=%d>; rel="next", <%s?min_id=%d>; rel="prev"`,
			self, match[len(match)-1].id, self, match[0].id))
	}
	if err := json.NewEncoder(w).Encode(page); err != nil {
		f.t.Error(err)
	}
}

// Queries returns the statuses requests so far.
func (f *fakeMastodon) Queries() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.queries)
}

// pinboardItem is a bookmark of a Pinboard feed: the author's note as its
// description, its tags space-separated.
type pinboardItem struct {
	Title, Link, Note, Tags string
	Date                    time.Time
}

// pinboardFeed renders a Pinboard RSS 1.0 feed (as
// https://feeds.pinboard.in/rss/u:NAME/ serves it), newest first.
func pinboardFeed(items []pinboardItem) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:taxo="http://purl.org/rss/1.0/modules/taxonomy/">
<channel rdf:about="http://pinboard.in">
<title>Pinboard (janedoe)</title>
<link>https://pinboard.in/u:janedoe/public/</link>
<description></description>
<items><rdf:Seq>
`)
	for i := len(items) - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "<rdf:li rdf:resource=\"%s\"/>\n", html.EscapeString(items[i].Link))
	}
	b.WriteString("</rdf:Seq></items>\n</channel>\n")
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		fmt.Fprintf(&b, `<item rdf:about="%[2]s">
<title>%[1]s</title>
<dc:date>%[3]s</dc:date>
<link>%[2]s</link>
<description>%[4]s</description>
<dc:creator>janedoe</dc:creator>
<dc:subject>%[5]s</dc:subject>
<dc:source>http://pinboard.in/</dc:source>
<dc:identifier>http://pinboard.in/u:janedoe/b:%[6]x/</dc:identifier>
</item>
`, html.EscapeString(it.Title), html.EscapeString(it.Link), it.Date.UTC().Format(time.RFC3339), html.EscapeString(it.Note), html.EscapeString(it.Tags), 0x3f1c0a9e2b00+i)
	}
	b.WriteString("</rdf:RDF>\n")
	return []byte(b.String())
}

// keylessAPI serves the fake AppView under /xrpc/ and the fake instance
// under /api/v1/, on one loopback server: the fakes are set once the
// server's URL, which their data names, is known.
type keylessAPI struct {
	*httptest.Server
	bsky  *fakeBluesky
	masto *fakeMastodon
}

func newKeylessAPI(t *testing.T) *keylessAPI {
	t.Helper()
	k := &keylessAPI{}
	k.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/xrpc/") && k.bsky != nil:
			k.bsky.serve(w, r)
		case strings.HasPrefix(r.URL.Path, "/api/v1/") && k.masto != nil:
			k.masto.serve(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(k.Close)
	return k
}

// keylessEntry is what a post must show of one link.
type keylessEntry struct {
	url, section, title, lead string
	comment                   string // a line of the comment, or ""
	via                       string // "via [@x](URL)", or ""
}

// checkKeylessEntries checks that md has each entry once, in its section, with
// its title, lead, comment and credit, and none of absent.
func checkKeylessEntries(t *testing.T, md string, want []keylessEntry, absent []string) {
	t.Helper()
	_, entries := readPost(t, md)
	bySection := make(map[string]string)
	for _, e := range entries {
		bySection[e.url] = e.section
	}
	for _, w := range want {
		if n := linkCount(md, w.url); n != 1 {
			t.Errorf("%s: %d entries, want 1", w.url, n)
			continue
		}
		if got := bySection[w.url]; got != w.section {
			t.Errorf("%s: in section %q, want %q", w.url, got, w.section)
		}
		block := mdEscape.ReplaceAllString(keylessBlock(md, w.url), "$1")
		if !strings.HasPrefix(block, "["+w.title+"]("+w.url+")") {
			t.Errorf("%s: entry does not begin with its title %q:\n%s", w.url, w.title, block)
		}
		if w.lead != "" && !strings.Contains(norm(block), w.lead) {
			t.Errorf("%s: entry lacks its lead %q:\n%s", w.url, w.lead, block)
		}
		if w.comment != "" && !strings.Contains(block, w.comment) {
			t.Errorf("%s: entry lacks the comment %q:\n%s", w.url, w.comment, block)
		}
		if w.via != "" && !strings.Contains(block, w.via) {
			t.Errorf("%s: entry lacks the credit %q:\n%s", w.url, w.via, block)
		}
		if w.via == "" && strings.Contains(block, "via [") {
			t.Errorf("%s: entry has a credit it should not:\n%s", w.url, block)
		}
	}
	for _, u := range absent {
		if strings.Contains(md, u) {
			t.Errorf("%s is in the post; it must be left out", u)
		}
	}
}

// keylessBlock is the text of the entry of u in md: from its link to the
// next entry or heading.
func keylessBlock(md, u string) string {
	i := strings.Index(md, "]("+u+")")
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(md[:i], "\n") + 1
	rest := md[start:]
	end := len(rest)
	lines := strings.SplitAfter(rest, "\n")
	n := len(lines[0])
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "[") || strings.HasPrefix(l, "### ") || strings.HasPrefix(l, "**[") {
			end = n
			break
		}
		n += len(l)
	}
	return rest[:end]
}

// TestKeylessSourcesRunOnceAndBackfill is the acceptance test of the
// Bluesky and Mastodon sources: last week's posts on both, and a bookmark
// feed, published by `moisson run --once` with every link once (one link
// shared on all three gives one entry), hashtags as sections, the "via"
// credits of quotes, reposts, boosts and "via @x", the bookmark's note as
// the comment, the link cards' title and description for the pages that
// are dead, replies to others left out and the author's threads kept;
// then `moisson backfill` pages both services back to older weeks.
func TestKeylessSourcesRunOnceAndBackfill(t *testing.T) {
	dc := digest.DefaultConfig()
	// The test's "last week" must be the run's last week: never start
	// with a cutoff about to pass.
	if left := time.Until(dc.WeekOf(time.Now()).End); left < 3*time.Minute {
		t.Logf("waiting %s for the cutoff to pass", left)
		time.Sleep(left + time.Second)
	}
	current := dc.WeekOf(time.Now())
	last := dc.WeekOf(current.Start.Add(-time.Nanosecond))
	at := func(d time.Duration) time.Time { return last.Start.Add(d).UTC().Truncate(time.Second) }
	// Two older weeks, for the backfill: four and three weeks before last.
	old1 := dc.WeekOf(last.Start.AddDate(0, 0, -4*7+1))
	old2 := dc.WeekOf(last.Start.AddDate(0, 0, -3*7+1))
	atOld := func(w moisson.Week, d time.Duration) time.Time { return w.Start.Add(d).UTC().Truncate(time.Second) }

	web := newFakeWeb(t)
	page := func(b int, path string) string { return web.HostURL(1, b) + path }
	var (
		shared    = page(1, "/2026/io-uring-intro.html") // Bluesky, Mastodon and the bookmarks
		cardOnly  = page(2, "/fil/tout-expliquer")       // a Bluesky link card, not in the text
		quoted    = page(3, "/articles/lwn-scheduler")   // the link of a quoted post
		reposted  = page(4, "/blog/sqlite-wal")          // a repost's
		bskySelf  = page(5, "/2026/part-2")              // the author's own thread
		bskyReply = page(6, "/answer-to-erin")           // a reply to another account
		bskyDead  = page(7, "/gone/bluesky")             // dead: the card is the fallback
		secu      = page(8, "/securite/mots-de-passe")   // after a multi-byte hashtag
		rustPost  = page(9, "/rust/async-closures")      // a status with a card of a live page
		boosted   = page(10, "/fosstodon/carol-says")    // a boost's
		mastoSelf = page(11, "/thread/suite")            // a reply to oneself
		mastoRepl = page(12, "/reply/to-bob")            // a reply to another account
		mastoDead = page(13, "/gone/mastodon")           // dead: the card is the fallback
		viaText   = page(14, "/via/dan")                 // "via @dan@other.example"
		bookmark  = page(15, "/raft.html")               // a bookmark only
		oldBsky1  = page(16, "/old/bluesky-1")           // backfill: old1
		oldBsky2  = page(17, "/old/bluesky-2")           // backfill: old2
		oldMasto1 = page(18, "/old/mastodon-1")          // backfill: old1
		oldMasto2 = page(19, "/old/mastodon-2")          // backfill: old2
		tooOld    = page(20, "/old/before-the-range")    // before the backfill's range
		fillers   = []string{page(21, "/f/1"), page(21, "/f/2"), page(21, "/f/3")}
	)
	titles := map[string]string{
		shared: "Lord of the io_uring", cardOnly: "Tout expliquer en un fil", quoted: "The kernel's new scheduler",
		reposted: "SQLite's write-ahead log", bskySelf: "Deuxième partie", bskyReply: "Réponse à Erin",
		secu: "Des mots de passe", rustPost: "Async closures are stable", boosted: "Ce que dit Carol",
		mastoSelf: "La suite du fil", mastoRepl: "Réponse à Bob", viaText: "Trouvé grâce à Dan", bookmark: "In Search of an Understandable Consensus Algorithm",
		oldBsky1: "Un vieux billet Bluesky", oldBsky2: "Un billet Bluesky moins vieux", oldMasto1: "Un vieux pouet", oldMasto2: "Un pouet moins vieux",
		tooOld: "Trop vieux",
	}
	for i, u := range fillers {
		titles[u] = fmt.Sprintf("Remplissage %d", i+1)
	}
	lead := func(title string) string {
		return "Le premier paragraphe de « " + title + " », assez long pour être pris pour l'ouverture de l'article par l'extraction."
	}
	for u, title := range titles {
		web.AddPage(u, &fakePage{Status: http.StatusOK, Title: title, Lead: lead(title)})
	}
	// bskyDead and mastoDead are not served (404) and the fake Wayback
	// Machine has no capture of them.

	jane := bskyAccount{DID: "did:plc:z72i7hdynmk6r22z27h6tvur", Handle: "janedoe.bsky.social", Name: "Jane Doe"}
	alice := bskyAccount{DID: "did:plc:alice3k2j4h5g6f7d8s9a0", Handle: "alice.bsky.social", Name: "Alice"}
	bob := bskyAccount{DID: "did:plc:bob5t4r3e2w1q0p9o8i7u6", Handle: "bob.example.com", Name: "Bob"}
	erin := bskyAccount{DID: "did:plc:erin0p9o8i7u6y5t4r3e2w", Handle: "erin.bsky.social", Name: "Erin"}
	short := func(u string) string { return strings.TrimPrefix(u, "http://")[:22] + "..." }

	b1Text := "Très bien écrit ☕️ sur io_uring : " + short(shared) + " #Linux"
	b2 := &bskyPost{author: jane, rkey: "3mabbbbbbbb2a", at: at(5 * time.Hour), text: "Un fil qui explique tout 🧵 #Web",
		facets: []bskyFacet{{shown: "#Web", tag: "Web"}},
		card:   &bskyCard{uri: cardOnly, title: "Titre de carte, pas de page", description: "La carte ne sert pas quand la page répond."}}
	aliceQuoted := &bskyPost{author: alice, rkey: "3malice00002a", at: at(-30 * time.Hour), text: "Nouveau sur LWN : " + short(quoted),
		facets: []bskyFacet{{shown: short(quoted), uri: quoted}}}
	bobPost := &bskyPost{author: bob, rkey: "3mbob0000002a", at: at(-50 * time.Hour), text: "Comment marche le WAL 📝 " + reposted + " #SQLite",
		facets: []bskyFacet{{shown: reposted, uri: reposted}, {shown: "#SQLite", tag: "SQLite"}}}
	erinPost := &bskyPost{author: erin, rkey: "3merin000002a", at: at(10 * time.Hour), text: "Quelqu'un a un lien ?"}
	secuText := "Sécurité d'abord 🔐 #Sécurité " + secu
	bskyPosts := []bskyFeedEntry{
		{post: &bskyPost{author: jane, rkey: "3maaaaaaaaa2a", at: at(2 * time.Hour), text: b1Text,
			facets: []bskyFacet{{shown: short(shared), uri: shared}, {shown: "#Linux", tag: "Linux"}}}},
		{post: b2},
		{post: &bskyPost{author: jane, rkey: "3maccccccccc2", at: at(8 * time.Hour), text: "Exactement ça 👇 #Noyau",
			facets: []bskyFacet{{shown: "#Noyau", tag: "Noyau"}}, quote: aliceQuoted}},
		{post: bobPost, repostAt: at(11 * time.Hour), repostBy: jane, rkey: "3madddddddd2a"},
		{post: &bskyPost{author: jane, rkey: "3maeeeeeeee2a", at: at(14 * time.Hour), text: "2/ et la suite : " + short(bskySelf),
			facets: []bskyFacet{{shown: short(bskySelf), uri: bskySelf}}, replyTo: b2}},
		{post: &bskyPost{author: jane, rkey: "3mafffffffff2", at: at(17 * time.Hour), text: "@erin.bsky.social voilà : " + short(bskyReply),
			facets: []bskyFacet{{shown: short(bskyReply), uri: bskyReply}}, replyTo: erinPost}},
		{post: &bskyPost{author: jane, rkey: "3magggggggg2a", at: at(20 * time.Hour), text: "Disparu depuis ? #Archives",
			facets: []bskyFacet{{shown: "#Archives", tag: "Archives"}},
			card:   &bskyCard{uri: bskyDead, title: "Le titre de la carte Bluesky", description: "Le résumé de la carte, quand la page est morte."}}},
		{post: &bskyPost{author: jane, rkey: "3mahhhhhhhh2a", at: at(23 * time.Hour), text: "Lien tronqué, sans facette : example.org/un/tres/long/chem..."}},
		{post: &bskyPost{author: jane, rkey: "3maiiiiiiii2a", at: at(26 * time.Hour), text: secuText,
			facets: []bskyFacet{{shown: "#Sécurité", tag: "Sécurité"}, {shown: secu, uri: secu}}}},
		// Older weeks, for the backfill.
		{post: &bskyPost{author: jane, rkey: "3lzold2222a2a", at: atOld(old2, 30*time.Hour), text: "Un billet 🌱 " + short(oldBsky2) + " #Go",
			facets: []bskyFacet{{shown: short(oldBsky2), uri: oldBsky2}, {shown: "#Go", tag: "Go"}}}},
		{post: &bskyPost{author: jane, rkey: "3lzold1111a2a", at: atOld(old1, 40*time.Hour), text: "Un vieux billet 🌱 " + short(oldBsky1) + " #Go",
			facets: []bskyFacet{{shown: short(oldBsky1), uri: oldBsky1}, {shown: "#Go", tag: "Go"}}}},
		{post: &bskyPost{author: jane, rkey: "3lzold0000a2a", at: atOld(old1, -48*time.Hour), text: "Avant : " + tooOld,
			facets: []bskyFacet{{shown: tooOld, uri: tooOld}}}},
	}
	// Fillers between the weeks: more pages to walk back through.
	for i, u := range fillers {
		bskyPosts = append(bskyPosts, bskyFeedEntry{post: &bskyPost{author: jane, rkey: fmt.Sprintf("3lzfill%d000a2", i),
			at: atOld(old2, 7*24*time.Hour+time.Duration(i+1)*24*time.Hour), text: "Remplissage " + u, facets: []bskyFacet{{shown: u, uri: u}}}})
	}
	bsky := &fakeBluesky{t: t, account: jane, feed: bskyPosts, pageSize: 3}

	api := newKeylessAPI(t)
	me := mastoAccount{ID: "109302140543288911", Username: "janedoe", Acct: "janedoe", URL: api.URL + "/@janedoe"}
	bobM := mastoAccount{ID: "109400000000000002", Username: "bob", Acct: "bob@hachyderm.example", URL: "https://hachyderm.example/@bob"}
	carol := mastoAccount{ID: "109400000000000003", Username: "carol", Acct: "carol@fosstodon.example", URL: "https://fosstodon.example/@carol"}
	dan := mastoAccount{ID: "109400000000000004", Username: "dan", Acct: "dan@other.example", URL: "https://other.example/@dan"}
	a := func(u string) string {
		return fmt.Sprintf(`<a href="%s" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">http://</span><span class="ellipsis">%s</span><span class="invisible">%s</span></a>`,
			u, strings.TrimPrefix(u, "http://")[:22], strings.TrimPrefix(u, "http://")[22:])
	}
	tag := func(name string) string {
		return fmt.Sprintf(`<a href="%s/tags/%s" class="mention hashtag" rel="tag">#<span>%s</span></a>`, api.URL, strings.ToLower(name), name)
	}
	mention := func(m mastoAccount) string {
		return fmt.Sprintf(`<span class="h-card" translate="no"><a href="%s" class="u-url mention">@<span>%s</span></a></span>`, m.URL, m.Username)
	}
	m2 := &mastoStatus{at: at(6 * time.Hour), account: me, content: "<p>Enfin stables : " + a(rustPost) + " " + tag("Rust") + "</p>", tags: []string{"Rust"},
		card: &bskyCard{uri: rustPost, title: "Carte Rust", description: "La carte ne sert pas quand la page répond."}}
	bobStatus := &mastoStatus{at: at(11 * time.Hour), account: bobM, content: "<p>Une question pour " + mention(me) + "</p>"}
	carolStatus := &mastoStatus{at: at(-20 * time.Hour), account: carol, content: "<p>À lire : " + a(boosted) + " " + tag("Fediverse") + "</p>", tags: []string{"Fediverse"}}
	statuses := []*mastoStatus{
		{at: at(3 * time.Hour), account: me, content: "<p>L'intro à io_uring que j'attendais : " + a(shared) + " (voir " +
			`<a href="` + api.URL + `/@janedoe/112000000000000000">mon vieux pouet</a>) ` + tag("Linux") + "</p>", tags: []string{"Linux"}},
		m2,
		{at: at(9 * time.Hour), account: me, reblog: carolStatus},
		{at: at(12 * time.Hour), account: me, content: "<p>2/ la suite du fil : " + a(mastoSelf) + "</p>", replyTo: &me, replyToID: 0},
		{at: at(15 * time.Hour), account: me, content: "<p>" + mention(bobM) + " voilà : " + a(mastoRepl) + "</p>", replyTo: &bobM, mentions: []mastoAccount{bobM}},
		{at: at(18 * time.Hour), account: me, content: "<p>Disparu ? " + a(mastoDead) + " " + tag("Archives") + "</p>", tags: []string{"Archives"},
			card: &bskyCard{uri: mastoDead, title: "Le titre de la carte Mastodon", description: "Le résumé de la carte Mastodon, quand la page est morte."}},
		{at: at(21 * time.Hour), account: me, content: "<p>Bien vu " + a(viaText) + " via " + mention(dan) + " " + tag("Web") + "</p>", tags: []string{"Web"}, mentions: []mastoAccount{dan}},
		// Older weeks, for the backfill.
		{at: atOld(old2, 50*time.Hour), account: me, content: "<p>Un pouet " + a(oldMasto2) + " " + tag("Go") + "</p>", tags: []string{"Go"}},
		{at: atOld(old1, 60*time.Hour), account: me, content: "<p>Un vieux pouet " + a(oldMasto1) + " " + tag("Go") + "</p>", tags: []string{"Go"}},
	}
	for i, s := range statuses {
		s.id = mastoID(s.at, i)
	}
	statuses[3].replyToID = statuses[1].id // the thread goes on from m2
	statuses[4].replyToID = mastoID(bobStatus.at, 99)
	carolStatus.id = mastoID(carolStatus.at, 77)
	masto := &fakeMastodon{t: t, account: me, statuses: statuses, pageSize: 2, base: api.URL}
	api.bsky, api.masto = bsky, masto

	bookmarkNote := "Ma note : la meilleure introduction, à relire avant la conférence."
	web.mu.Lock()
	web.feed = pinboardFeed([]pinboardItem{
		{Title: "Lord of the io_uring", Link: shared, Note: bookmarkNote, Date: at(4 * time.Hour), Tags: "linux io_uring"},
		{Title: "Raft, the paper", Link: bookmark, Note: "L'article de Raft, toujours la meilleure introduction.", Date: at(30 * time.Hour), Tags: "consensus distributed"},
	})
	web.mu.Unlock()

	work := t.TempDir()
	blog := filepath.Join(work, "blog")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	environ := []string{
		"HOME=" + work,
		"MOISSON_DB=" + filepath.Join(work, "moisson.db"),
		"MOISSON_POST_STYLE=definition",
		"MOISSON_BLOG_DIR=" + blog,
		"MOISSON_LISTEN=off",
		"MOISSON_ALLOW_PRIVATE_NETWORKS=1",
		"MOISSON_HOST_DELAY=1ms",
		"MOISSON_LOG_FORMAT=json",
		"MOISSON_LOG_LEVEL=info",
		"WAYBACK_BASE_URL=" + web.Base(),
		"MOISSON_WAYBACK_RATE=6000/min",
		"MOISSON_FEEDS=" + web.Base() + "/feed.xml",
		"MOISSON_BLUESKY=@" + jane.Handle,
		"MOISSON_BLUESKY_API=" + api.URL,
		"MOISSON_BLUESKY_REPOSTS=1",
		"MOISSON_MASTODON=" + me.URL,
		"MOISSON_MASTODON_BOOSTS=yes",
	}
	_, stderr, err := run(t, environ, "run", "--once")
	if err != nil {
		t.Fatalf("run --once: %v\n%s", err, stderr)
	}
	postPath := filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: last}.Path(dc)))
	data, err := os.ReadFile(postPath)
	if err != nil {
		t.Fatalf("last week's post was not written: %v\nposts: %v\nlog:\n%s", err, postFiles(t, blog), stderr)
	}
	md := string(data)
	md0 := md
	if files := postFiles(t, blog); len(files) != 1 {
		t.Errorf("run --once wrote %v; want last week's post only", files)
	}
	via := func(name, u string) string { return "via [" + name + "](" + u + ")" }
	want := []keylessEntry{
		// One entry for the link shared on Bluesky, Mastodon and the
		// bookmarks: the earliest share's hashtag, the bookmark's note.
		{url: shared, section: "Linux", title: titles[shared], lead: lead(titles[shared]), comment: bookmarkNote},
		{url: cardOnly, section: "Web", title: titles[cardOnly], lead: lead(titles[cardOnly])},
		{url: quoted, section: "Noyau", title: titles[quoted], lead: lead(titles[quoted]), via: via("alice.bsky.social", "https://bsky.app/profile/alice.bsky.social")},
		{url: reposted, section: "SQLite", title: titles[reposted], lead: lead(titles[reposted]), via: via("bob.example.com", "https://bsky.app/profile/bob.example.com")},
		{url: bskySelf, section: digest.DefaultSection, title: titles[bskySelf], lead: lead(titles[bskySelf])},
		{url: bskyDead, section: "Archives", title: "Le titre de la carte Bluesky", lead: "Le résumé de la carte, quand la page est morte."},
		{url: secu, section: "Sécurité", title: titles[secu], lead: lead(titles[secu])},
		{url: rustPost, section: "Rust", title: titles[rustPost], lead: lead(titles[rustPost])},
		{url: boosted, section: "Fediverse", title: titles[boosted], lead: lead(titles[boosted]), via: via("@carol@fosstodon.example", carol.URL)},
		{url: mastoSelf, section: digest.DefaultSection, title: titles[mastoSelf], lead: lead(titles[mastoSelf])},
		{url: mastoDead, section: "Archives", title: "Le titre de la carte Mastodon", lead: "Le résumé de la carte Mastodon, quand la page est morte."},
		{url: viaText, section: "Web", title: titles[viaText], lead: lead(titles[viaText]), via: via("@dan@other.example", dan.URL)},
		{url: bookmark, section: "consensus", title: titles[bookmark], lead: lead(titles[bookmark]), comment: "L'article de Raft, toujours la meilleure introduction."},
	}
	checkKeylessEntries(t, md, want, []string{bskyReply, mastoRepl, oldBsky1, oldBsky2, oldMasto1, oldMasto2, tooOld, "/@janedoe/112000000000000000", "/tags/"})
	for _, s := range []string{"### Linux", "### Web", "### Noyau", "### SQLite", "### Archives", "### Sécurité", "### Rust", "### Fediverse", "### consensus"} {
		if !strings.Contains(md, s+"\n") {
			t.Errorf("no section %q in the post", s)
		}
	}
	if t.Failed() {
		t.Logf("the post:\n%s", md)
	}
	hits := web.Hits()
	for _, u := range []string{bskyReply, mastoRepl} {
		if hits[u] != 0 {
			t.Errorf("%s, shared in a reply to another account, was fetched %d times", u, hits[u])
		}
	}
	// The post whose shortened link nothing restores is logged with its id.
	if !strings.Contains(stderr, "a link of the post cannot be read") || !strings.Contains(stderr, jane.DID+"/app.bsky.feed.post/3mahhhhhhhh2a") {
		t.Errorf("the Bluesky post with an unreadable link is not logged with its id:\n%s", stderr)
	}
	if strings.Contains(stderr, "3maaaaaaaaa2a") || strings.Contains(stderr, "3maiiiiiiii2a") {
		t.Errorf("a post whose facets restore its links is logged as unreadable:\n%s", stderr)
	}
	// Both services were asked as their public APIs want.
	for _, q := range masto.Queries() {
		if q.Get("exclude_replies") != "true" {
			t.Errorf("mastodon statuses asked without exclude_replies: %v", q)
		}
	}
	if c := bsky.Cursors(); len(c) < 2 || c[0] != "" {
		t.Errorf("getAuthorFeed cursors %q: want the top, then pages down", c)
	}

	// A second run reads only what is new: Mastodon upwards from the
	// newest status seen (min_id), the Bluesky feed down to the newest
	// post seen, not the whole history again.
	newBsky, newMasto := page(22, "/new/bluesky"), page(22, "/new/mastodon")
	web.AddPage(newBsky, &fakePage{Status: http.StatusOK, Title: "Tout neuf sur Bluesky", Lead: lead("Tout neuf sur Bluesky")})
	web.AddPage(newMasto, &fakePage{Status: http.StatusOK, Title: "Tout neuf sur Mastodon", Lead: lead("Tout neuf sur Mastodon")})
	// This week's: the test started at least a second after its start.
	fresh := time.Now().UTC().Truncate(time.Second)
	if fresh.Before(current.Start) {
		fresh = current.Start.Add(time.Second).UTC()
	}
	bsky.feed = append(bsky.feed, bskyFeedEntry{post: &bskyPost{author: jane, rkey: "3mnewwwwwww2a", at: fresh, text: "Tout neuf ✨ " + newBsky,
		facets: []bskyFacet{{shown: newBsky, uri: newBsky}}}})
	masto.statuses = append(masto.statuses, &mastoStatus{id: mastoID(fresh, 1), at: fresh, account: me, content: "<p>Tout neuf " + a(newMasto) + "</p>"})
	mastoBefore, bskyBefore := len(masto.Queries()), len(bsky.Cursors())
	if _, stderr, err = run(t, environ, "run", "--once"); err != nil {
		t.Fatalf("second run --once: %v\n%s", err, stderr)
	}
	for _, q := range masto.Queries()[mastoBefore:] {
		if q.Get("min_id") == "" {
			t.Errorf("the second run asked Mastodon without min_id: %v", q)
		}
	}
	if c := bsky.Cursors()[bskyBefore:]; len(c) != 1 {
		t.Errorf("the second run asked getAuthorFeed %d times (cursors %q); want the top page only", len(c), c)
	}
	md, stderr, err = run(t, environ, "digest", "--stdout", "--week", time.Now().In(dc.Location).Format(time.DateOnly))
	if err != nil {
		t.Fatalf("digest of this week: %v\n%s", err, stderr)
	}
	for _, u := range []string{newBsky, newMasto} {
		if n := linkCount(md, u); n != 1 {
			t.Errorf("this week's digest has %d entries of %s, want 1:\n%s", n, u, md)
		}
	}
	if data, err := os.ReadFile(postPath); err != nil || string(data) != md0 {
		t.Errorf("the second run changed last week's post (%v)", err)
	}

	// The backfill of the two older weeks pages both services back in
	// time and writes one post for each.
	mastoBefore, bskyBefore = len(masto.Queries()), len(bsky.Cursors())
	from := old1.Start.Add(24 * time.Hour).In(dc.Location).Format(time.DateOnly)
	to := old2.End.Add(-24 * time.Hour).In(dc.Location).Format(time.DateOnly)
	_, stderr, err = run(t, environ, "backfill", "--from", from, "--to", to)
	if err != nil {
		t.Fatalf("backfill --from %s --to %s: %v\n%s", from, to, err, stderr)
	}
	for _, c := range []struct {
		week moisson.Week
		want []keylessEntry
		not  []string
	}{
		{old1, []keylessEntry{
			{url: oldBsky1, section: "Go", title: titles[oldBsky1], lead: lead(titles[oldBsky1])},
			{url: oldMasto1, section: "Go", title: titles[oldMasto1], lead: lead(titles[oldMasto1])},
		}, []string{oldBsky2, oldMasto2, tooOld, shared}},
		{old2, []keylessEntry{
			{url: oldBsky2, section: "Go", title: titles[oldBsky2], lead: lead(titles[oldBsky2])},
			{url: oldMasto2, section: "Go", title: titles[oldMasto2], lead: lead(titles[oldMasto2])},
		}, []string{oldBsky1, oldMasto1, tooOld, shared}},
	} {
		path := filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: c.week}.Path(dc)))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("week %s: no post: %v\nposts: %v\nlog:\n%s", c.week.ID, err, postFiles(t, blog), stderr)
			continue
		}
		checkKeylessEntries(t, string(data), c.want, c.not)
	}
	// The Mastodon statuses were read down from the range's end with
	// max_id, following the Link headers; the feed down with its cursor.
	var maxIDs int
	for _, q := range masto.Queries()[mastoBefore:] {
		if q.Get("max_id") != "" {
			maxIDs++
		}
	}
	if maxIDs < 2 {
		t.Errorf("the backfill asked Mastodon %d times with max_id; want the range's end, then the Link header's next pages: %v", maxIDs, masto.Queries()[mastoBefore:])
	}
	if c := bsky.Cursors()[bskyBefore:]; !slices.ContainsFunc(c, func(s string) bool { return s != "" }) {
		t.Errorf("the backfill never paged the Bluesky feed with a cursor: %q", c)
	}
	// The week between them and the weeks after them have no post.
	if files := postFiles(t, blog); len(files) != 3 {
		t.Errorf("posts %v; want last week's and the two backfilled weeks'", files)
	}
}

// samplePages serves the pages the export samples link to, on the address
// they name (bot/bluesky/samples_test.go, bot/mastodon/samples_test.go): 127.0.77.1:7701, a loopback address no
// other test uses. The pages named "page-disparue" are gone (404).
func samplePages(t *testing.T, titles map[string]string, lead func(string) string) {
	t.Helper()
	// Another test process (go test run twice at once) may hold the
	// address for the split second of its own test: try again a while.
	var ln net.Listener
	var err error
	for stop := time.Now().Add(deadline); ; time.Sleep(50 * time.Millisecond) {
		if ln, err = net.Listen("tcp", "127.0.77.1:7701"); err == nil {
			break
		}
		if time.Now().After(stop) {
			t.Fatalf("the samples' pages are on 127.0.77.1:7701: %v", err)
		}
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		title, ok := titles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		writeFakeHTML(w, title, lead(title))
	}))
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
}

// TestImportKeylessExports imports the committed export samples (a
// Bluesky repository CAR and a Mastodon archive tar.gz, both in the
// services' real shapes, see bot/bluesky/samples_test.go) and checks the week's
// digest: each link once (the one shared on both services too), titles
// and leads from the pages, the link card's title and description for
// the page that is gone, the quote's and "via @bob"'s credits, hashtags
// as sections, the author's threads kept, replies to others, the boost
// and the week before left out.
func TestImportKeylessExports(t *testing.T) {
	const site = "http://127.0.77.1:7701"
	titles := map[string]string{
		"/bluesky/io-uring-en-pratique": "io_uring en pratique",
		"/bluesky/cite":                 "Un billet cité",
		"/bluesky/reponse-a-erin":       "Réponse à Erin",
		"/bluesky/la-suite":             "La suite sur Bluesky",
		"/bluesky/semaine-d-avant":      "Bluesky, la semaine d'avant",
		"/mastodon/range-functions":     "Range over functions",
		"/mastodon/reponse-a-bob":       "Réponse à Bob",
		"/mastodon/la-suite":            "La suite sur Mastodon",
		"/mastodon/semaine-d-avant":     "Mastodon, la semaine d'avant",
	}
	lead := func(title string) string {
		return "Le premier paragraphe de « " + title + " », assez long pour être pris pour l'ouverture de l'article par l'extraction."
	}
	samplePages(t, titles, lead)
	wayback := pageServer(t) // no capture of anything
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_POST_STYLE=definition", "MOISSON_ALLOW_PRIVATE_NETWORKS=1",
		"MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error", "WAYBACK_BASE_URL=" + wayback.URL}
	for _, c := range []struct{ file, out string }{
		{"bluesky-repo.car", "6 posts read, 6 new, from 2024-09-26 to 2024-10-03"},
		{"mastodon-archive.tar.gz", "6 posts read, 6 new, from 2024-09-26 to 2024-10-03"},
	} {
		out, stderr, err := run(t, environ, "import", filepath.Join("testdata", "keyless", c.file))
		if err != nil {
			t.Fatalf("import %s: %v\n%s", c.file, err, stderr)
		}
		if !strings.Contains(out, c.out) {
			t.Errorf("import %s says %q, want %q", c.file, out, c.out)
		}
	}
	md, stderr, err := run(t, environ, "digest", "--stdout", "--week", "2024-10-03")
	if err != nil {
		t.Fatalf("digest: %v\n%s", err, stderr)
	}
	u := func(path string) string { return site + path }
	entry := func(path, section string) keylessEntry {
		return keylessEntry{url: u(path), section: section, title: titles[path], lead: lead(titles[path])}
	}
	want := []keylessEntry{
		entry("/bluesky/io-uring-en-pratique", "Linux"),
		{url: u("/bluesky/page-disparue"), section: "Archives", title: "Le titre de la carte", lead: "La description de la carte, seule trace de la page."},
		entry("/bluesky/cite", digest.DefaultSection),
		entry("/bluesky/la-suite", digest.DefaultSection),
		entry("/mastodon/range-functions", "GoLang"),
		entry("/mastodon/la-suite", digest.DefaultSection),
	}
	want[2].via = "via [did:plc:alice3k2j4h5g6f7d8s9a0](https://bsky.app/profile/did:plc:alice3k2j4h5g6f7d8s9a0)"
	want[4].via = "via [@bob@hachyderm.example](https://hachyderm.example/@bob)"
	checkKeylessEntries(t, md, want, []string{u("/bluesky/reponse-a-erin"), u("/mastodon/reponse-a-bob"),
		u("/bluesky/semaine-d-avant"), u("/mastodon/semaine-d-avant"), "fosstodon.example", "/tags/"})
	// The dead link with no card is kept, titled from its post.
	if n := strings.Count(md, "[Un lien mort, hélas]("+u("/mastodon/page-disparue")+")"); n != 1 {
		t.Errorf("the dead Mastodon link, titled from its post: %d entries, want 1", n)
	}
	if t.Failed() {
		t.Logf("the digest:\n%s", md)
	}
}
