package bluesky

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/internal/httpsrc"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// DefaultAPI is the public Bluesky AppView: it answers without any
// authentication.
const DefaultAPI = "https://public.api.bsky.app"

// Config configures the Bluesky source.
type Config struct {
	// Actor is the account read (MOISSON_BLUESKY): a handle
	// ("jane.bsky.social", with or without '@') or a DID.
	Actor string
	// BaseURL is the AppView (MOISSON_BLUESKY_API); DefaultAPI when
	// empty.
	BaseURL string
	// Reposts keeps the author's reposts (MOISSON_BLUESKY_REPOSTS), as
	// retweets are kept on X, crediting the reposted account.
	Reposts bool
	// HTTPClient sends the requests; a client with a timeout when nil.
	HTTPClient *http.Client
	// UserAgent is sent with each request; moisson's own when empty.
	UserAgent string
	// PageSize is the number of feed items asked per request, 1 to 100;
	// 100 when zero.
	PageSize int
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Sleep waits out a rate limit; a timer honouring ctx when nil.
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxWait is the longest rate-limit wait; a longer one fails the read
	// with a *ServiceError whose RetryAt says when to come back. 5 minutes
	// when zero (the AppView's windows are 5 minutes long).
	MaxWait time.Duration
	// Logger receives rate-limit waits and the posts whose links cannot be
	// read; nothing is logged when nil.
	Logger *slog.Logger
}

// Source reads one account's posts through the public AppView
// (app.bsky.feed.getAuthorFeed): no key, no bill, and the whole history.
// It is a RangeSource named "bluesky". Its methods may be called from
// several goroutines.
//
// A post's links are taken from its facets (the full URLs: the text shows
// them shortened), its link card (embed.external) and, for a quote without
// a link of its own, the quoted post. Replies to other accounts are left
// out; the author's own threads are kept. The feed is read with replies
// (filter posts_with_replies) and each reply judged by its own record: it
// is the author's thread when both its root and its parent are the
// author's, wherever the parent lies in the feed. (The AppView's
// posts_and_author_threads filter judges a reply by the posts of the same
// page, and drops one whose parent is on the next.)
type Source struct {
	actor    string
	base     string
	reposts  bool
	pageSize int
	httpsrc.Base

	unreadable atomic.Int64

	mu  sync.Mutex
	did string // resolved once
	// marks remember where the pages of the feed begin: marks[i] is the
	// cursor of a page and the sort time at or above which every item
	// before that page lies. A backfill, asking for one quarter after
	// another, starts from the closest page instead of the newest.
	marks []blueskyMark
}

type blueskyMark struct {
	cursor string
	above  time.Time
}

var (
	_ bot.RangeSource       = (*Source)(nil)
	_ bot.UnreadableCounter = (*Source)(nil)
)

// New checks cfg and returns the source. It makes no request: a
// handle is resolved to its DID on the first read.
func New(cfg Config) (*Source, error) {
	b := &Source{
		actor:    strings.TrimPrefix(strings.TrimSpace(cfg.Actor), "@"),
		base:     strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/"),
		reposts:  cfg.Reposts,
		pageSize: cfg.PageSize,
		Base: httpsrc.Base{HTTPClient: cfg.HTTPClient, UserAgent: cfg.UserAgent, Now: cfg.Now,
			Sleep: cfg.Sleep, MaxWait: cfg.MaxWait, Logger: cfg.Logger},
	}
	if b.actor == "" {
		return nil, errors.New("bluesky: MOISSON_BLUESKY is empty: want a handle (jane.bsky.social) or a DID")
	}
	if !validBlueskyActor(b.actor) {
		return nil, fmt.Errorf("bluesky: MOISSON_BLUESKY=%q: want a handle (jane.bsky.social) or a DID (did:plc:…)", cfg.Actor)
	}
	if strings.HasPrefix(b.actor, "did:") {
		b.did = b.actor
	} else {
		b.actor = strings.ToLower(b.actor)
	}
	if b.base == "" {
		b.base = DefaultAPI
	}
	if u, err := url.Parse(b.base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("bluesky: MOISSON_BLUESKY_API=%q is not an http(s) URL", cfg.BaseURL)
	}
	switch {
	case b.pageSize == 0:
		b.pageSize = 100
	case b.pageSize < 1 || b.pageSize > 100:
		return nil, fmt.Errorf("bluesky: page size %d is out of 1..100", cfg.PageSize)
	}
	b.Defaults(5 * time.Minute)
	return b, nil
}

// blueskyHandleRE is a handle: dot-separated labels, the last one not
// numeric (the atproto handle syntax).
var blueskyHandleRE = regexp.MustCompile(`^(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`)

// blueskyDIDRE is a DID as atproto accepts them (did:plc, did:web).
var blueskyDIDRE = regexp.MustCompile(`^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$`)

// validBlueskyActor reports whether s is a handle or a DID.
func validBlueskyActor(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "@")
	return len(s) <= 2048 && (blueskyDIDRE.MatchString(s) || len(s) <= 253 && blueskyHandleRE.MatchString(s))
}

// ValidBlueskyActor reports whether s is a handle or a DID, as
// MOISSON_BLUESKY wants.
func ValidActor(s string) bool { return validBlueskyActor(s) }

// Name implements bot.Source.
func (b *Source) Name() string { return "bluesky" }

// String describes the source.
func (b *Source) String() string { return fmt.Sprintf("bluesky source (%s, %s)", b.actor, b.base) }

// Unreadable implements bot.UnreadableCounter.
func (b *Source) Unreadable() int64 { return b.unreadable.Load() }

// blueskyCursor is what the Bluesky source's cursor holds, as JSON: the
// sort time of the newest item read and the items read at that very time.
type blueskyCursor struct {
	Newest time.Time `json:"newest"`
	Keys   []string  `json:"keys,omitempty"`
}

// Fetch implements bot.Source: it returns the posts newer than cursor, or the
// whole history when cursor is "", oldest first. The feed is read from
// the newest item down to the one the cursor names. A read that fails
// part way returns the posts read with the error and the old cursor: the
// next Fetch reads them again (reads cost nothing) and the store knows
// them by key. Errors are *ServiceError when the AppView answered.
func (b *Source) Fetch(ctx context.Context, cursor string) ([]moisson.Post, string, error) {
	var cur blueskyCursor
	if cursor != "" {
		if err := json.Unmarshal([]byte(cursor), &cur); err != nil {
			return nil, cursor, fmt.Errorf("bluesky: cursor %q: %w", cursor, err)
		}
	}
	known := make(map[string]bool, len(cur.Keys))
	for _, k := range cur.Keys {
		known[k] = true
	}
	next := cur
	var posts []moisson.Post
	err := b.walk(ctx, "", func(it blueskyItem) bool {
		if !cur.Newest.IsZero() && it.sortAt.Before(cur.Newest) {
			return false
		}
		switch {
		case it.sortAt.After(next.Newest):
			next = blueskyCursor{Newest: it.sortAt, Keys: []string{it.key}}
		case it.sortAt.Equal(next.Newest) && !known[it.key]:
			next.Keys = append(next.Keys, it.key)
		}
		if it.sortAt.Equal(cur.Newest) && known[it.key] {
			return true
		}
		if it.post != nil {
			posts = append(posts, *it.post)
		}
		return true
	})
	posttext.SortByTime(posts)
	if err != nil {
		return posts, cursor, err
	}
	if next.Newest.IsZero() || next.Newest.Equal(cur.Newest) && len(next.Keys) == len(cur.Keys) {
		return posts, cursor, nil
	}
	out, err := json.Marshal(next)
	if err != nil {
		return posts, cursor, fmt.Errorf("bluesky: cursor: %w", err)
	}
	return posts, string(out), nil
}

// FetchRange implements bot.RangeSource: the AppView pages back to the
// account's first post. Pages already walked are remembered, so that the
// quarters of a backfill do not each read the feed from its top.
func (b *Source) FetchRange(ctx context.Context, from, to time.Time) ([]moisson.Post, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("bluesky: empty range %s to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	start := ""
	b.mu.Lock()
	for _, m := range b.marks {
		// Every item before the page lies at or above m.above: when that is
		// at or after to, none of them is in the range (a post's date is
		// never before its sort time).
		if !m.above.Before(to) {
			start = m.cursor
		}
	}
	b.mu.Unlock()
	var posts []moisson.Post
	err := b.walk(ctx, start, func(it blueskyItem) bool {
		if it.sortAt.Before(from) {
			return false
		}
		if it.post != nil && !it.post.CreatedAt.Before(from) && it.post.CreatedAt.Before(to) {
			posts = append(posts, *it.post)
		}
		return true
	})
	if err != nil {
		// A range is read whole or not at all: the backfill asks again.
		return nil, err
	}
	posttext.SortByTime(posts)
	return posts, nil
}

// blueskyItem is one feed item as the walk gives it: its sort time and key
// always, its post unless it is left out (a reply to another account, a
// repost when reposts are off).
type blueskyItem struct {
	sortAt time.Time
	key    string
	post   *moisson.Post
}

// maxEmptyPages is how many empty pages in a row end a walk of the feed.
const maxEmptyPages = 5

// walk reads the author feed from the page at cursor (the top when "")
// down, newest first, calling fn for each item until fn returns false or
// the feed ends.
func (b *Source) walk(ctx context.Context, cursor string, fn func(blueskyItem) bool) error {
	did, err := b.resolve(ctx)
	if err != nil {
		return err
	}
	seenCursors := make(map[string]bool)
	var above time.Time // the sort time of the last item of the previous page
	empty := 0          // empty pages in a row
	for {
		q := url.Values{}
		q.Set("actor", did)
		q.Set("limit", strconv.Itoa(b.pageSize))
		q.Set("filter", "posts_with_replies")
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page blueskyFeedPage
		if err := b.get(ctx, "app.bsky.feed.getAuthorFeed", q, &page); err != nil {
			return err
		}
		if cursor != "" && !above.IsZero() {
			b.mark(cursor, above)
		}
		for _, fi := range page.Feed {
			it, ok := b.item(ctx, did, fi)
			if !ok {
				continue
			}
			if !fn(it) {
				return nil
			}
			if above.IsZero() || it.sortAt.Before(above) {
				above = it.sortAt
			}
		}
		// A page may come back empty with a cursor (the AppView drops
		// the items it cannot show after paging): the feed goes on. A run
		// of empty pages ends it.
		if len(page.Feed) == 0 {
			empty++
		} else {
			empty = 0
		}
		if page.Cursor == "" || empty >= maxEmptyPages {
			return nil
		}
		if seenCursors[page.Cursor] {
			return fmt.Errorf("bluesky: getAuthorFeed: cursor %q came back twice", page.Cursor)
		}
		seenCursors[page.Cursor] = true
		cursor = page.Cursor
	}
}

// mark remembers that every item before the page at cursor lies at or
// above the sort time above.
func (b *Source) mark(cursor string, above time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.marks {
		if m.cursor == cursor {
			return
		}
	}
	const maxMarks = 10000
	if len(b.marks) < maxMarks {
		b.marks = append(b.marks, blueskyMark{cursor: cursor, above: above})
	}
}

// resolve returns the account's DID, asking com.atproto.identity.resolveHandle
// the first time only.
func (b *Source) resolve(ctx context.Context) (string, error) {
	b.mu.Lock()
	did := b.did
	b.mu.Unlock()
	if did != "" {
		return did, nil
	}
	var resp struct {
		DID string `json:"did"`
	}
	q := url.Values{"handle": {b.actor}}
	if err := b.get(ctx, "com.atproto.identity.resolveHandle", q, &resp); err != nil {
		var se *httpsrc.ServiceError
		if errors.As(err, &se) && se.StatusCode == http.StatusBadRequest {
			se.Text = fmt.Sprintf("bluesky: handle %q not found: check MOISSON_BLUESKY (%s)", b.actor, posttext.FirstNonBlank(se.Message, se.Code))
		}
		return "", err
	}
	if !strings.HasPrefix(resp.DID, "did:") {
		return "", fmt.Errorf("bluesky: resolve handle %q: no DID in the answer", b.actor)
	}
	b.mu.Lock()
	b.did = resp.DID
	b.mu.Unlock()
	return resp.DID, nil
}

// get sends an XRPC query and decodes a 200 into v, waiting out rate
// limits (ratelimit-reset) and retrying server errors.
func (b *Source) get(ctx context.Context, method string, q url.Values, v any) error {
	u := b.base + "/xrpc/" + method + "?" + q.Encode()
	var n429, n5xx int
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return fmt.Errorf("bluesky: %s: %w", method, err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", b.UserAgent)
		resp, err := b.HTTPClient.Do(req)
		if err != nil {
			return fmt.Errorf("bluesky: %s: %w", method, err)
		}
		body, err := httpsrc.ReadBody(resp.Body, httpsrc.MaxAPIBody)
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("bluesky: %s: read body: %w", method, err)
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			if err := json.Unmarshal(body, v); err != nil {
				return fmt.Errorf("bluesky: %s: decode: %w", method, err)
			}
			return nil
		case resp.StatusCode == http.StatusTooManyRequests:
			n429++
			reset, ok := httpsrc.RateLimitReset(resp.Header, b.Now())
			e := b.apiError(method, resp.StatusCode, body)
			if !ok {
				reset = b.Now().Add(time.Minute)
			}
			e.RetryAt = reset
			if n429 > httpsrc.Max429Retries {
				return e
			}
			if err := b.WaitForReset(ctx, reset, e); err != nil {
				return err
			}
		case resp.StatusCode >= 500:
			n5xx++
			if n5xx > httpsrc.Max5xxRetries {
				return b.apiError(method, resp.StatusCode, body)
			}
			d := time.Duration(n5xx) * 5 * time.Second
			b.Logger.WarnContext(ctx, "bluesky server error, retrying", "status", resp.StatusCode, "method", method, "wait", d)
			if err := b.Sleep(ctx, d); err != nil {
				return fmt.Errorf("bluesky: %s: %w", method, err)
			}
		default:
			return b.apiError(method, resp.StatusCode, body)
		}
	}
}

// apiError turns an XRPC error answer ({"error":"…","message":"…"}) into a
// *ServiceError whose message says what to do.
func (b *Source) apiError(method string, status int, body []byte) *httpsrc.ServiceError {
	var x struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &x) // a body that is not XRPC JSON leaves both empty
	e := &httpsrc.ServiceError{Service: "bluesky", StatusCode: status, Code: x.Error, Message: x.Message}
	what := posttext.FirstNonBlank(x.Message, x.Error, http.StatusText(status))
	switch {
	case status == http.StatusTooManyRequests:
		e.Text = fmt.Sprintf("bluesky: %s: 429 Too Many Requests: rate limited", method)
	case x.Error == "BlockedActor" || x.Error == "BlockedByActor" || strings.Contains(x.Message, "public views"):
		e.Text = fmt.Sprintf("bluesky: %s: %d: the account hides its posts from logged-out readers (%s)", method, status, what)
	case x.Error == "AccountTakedown" || x.Error == "AccountDeactivated":
		e.Text = fmt.Sprintf("bluesky: %s: %d: the account is not available (%s)", method, status, what)
	case status == http.StatusBadRequest && strings.Contains(strings.ToLower(what), "actor"):
		e.Text = fmt.Sprintf("bluesky: %s: %d: check MOISSON_BLUESKY (%s)", method, status, what)
	default:
		e.Text = fmt.Sprintf("bluesky: %s: %d %s", method, status, what)
	}
	return e
}

// The AppView shapes (formats/README.md, the app.bsky lexicons).

type blueskyFeedPage struct {
	Feed   []blueskyFeedItem `json:"feed"`
	Cursor string            `json:"cursor"`
}

type blueskyFeedItem struct {
	Post   blueskyPostView `json:"post"`
	Reason *struct {
		Type      string         `json:"$type"`
		By        blueskyProfile `json:"by"`
		URI       string         `json:"uri"`
		IndexedAt time.Time      `json:"indexedAt"`
	} `json:"reason"`
}

type blueskyProfile struct {
	DID    string `json:"did"`
	Handle string `json:"handle"`
}

type blueskyPostView struct {
	URI       string            `json:"uri"`
	Author    blueskyProfile    `json:"author"`
	Record    blueskyPost       `json:"record"`
	Embed     *blueskyEmbedView `json:"embed"`
	IndexedAt time.Time         `json:"indexedAt"`
}

// blueskyPost is an app.bsky.feed.post record. The same struct reads the
// AppView's JSON and a repository's DAG-CBOR (the CBOR decoder falls back
// to the json tags).
type blueskyPost struct {
	Type      string         `json:"$type"`
	Text      string         `json:"text"`
	CreatedAt string         `json:"createdAt"`
	Facets    []blueskyFacet `json:"facets"`
	Embed     *blueskyEmbed  `json:"embed"`
	Reply     *struct {
		Root   blueskyRef `json:"root"`
		Parent blueskyRef `json:"parent"`
	} `json:"reply"`
	Tags []string `json:"tags"`
}

type blueskyRef struct {
	URI string `json:"uri"`
}

type blueskyFacet struct {
	Index struct {
		ByteStart int `json:"byteStart"`
		ByteEnd   int `json:"byteEnd"`
	} `json:"index"`
	Features []struct {
		Type string `json:"$type"`
		URI  string `json:"uri"`
		Tag  string `json:"tag"`
		DID  string `json:"did"`
	} `json:"features"`
}

// blueskyEmbed is a post record's embed: external (a link card), record (a
// quote) or recordWithMedia (a quote with media, possibly a link card).
type blueskyEmbed struct {
	Type     string           `json:"$type"`
	External *blueskyExternal `json:"external"`
	Record   *struct {
		// record: {uri, cid} for app.bsky.embed.record; {record: {uri,
		// cid}} for recordWithMedia.
		URI    string      `json:"uri"`
		Record *blueskyRef `json:"record"`
	} `json:"record"`
	Media *blueskyEmbed `json:"media"`
}

type blueskyExternal struct {
	URI         string `json:"uri"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// blueskyEmbedView is the AppView's view of an embed: for a quote, the
// quoted post with its author.
type blueskyEmbedView struct {
	Type     string            `json:"$type"`
	External *blueskyExternal  `json:"external"`
	Record   json.RawMessage   `json:"record"`
	Media    *blueskyEmbedView `json:"media"`
}

// blueskyViewRecord is app.bsky.embed.record#viewRecord (or #viewNotFound,
// #viewBlocked…, which have a uri only).
type blueskyViewRecord struct {
	Type   string              `json:"$type"`
	URI    string              `json:"uri"`
	Author *blueskyProfile     `json:"author"`
	Value  *blueskyPost        `json:"value"`
	Embeds []*blueskyEmbedView `json:"embeds"`
	// Record is set when this is a recordWithMedia#view's record: the
	// viewRecord is one level down.
	Record json.RawMessage `json:"record"`
}

// quoted returns the quoted post of an embed view, or nil.
func (v *blueskyEmbedView) quoted() *blueskyViewRecord {
	if v == nil || len(v.Record) == 0 {
		return nil
	}
	var r blueskyViewRecord
	if json.Unmarshal(v.Record, &r) != nil {
		return nil
	}
	if r.URI == "" && len(r.Record) > 0 { // recordWithMedia#view: {record: {record: viewRecord}}
		var inner blueskyViewRecord
		if json.Unmarshal(r.Record, &inner) != nil {
			return nil
		}
		return &inner
	}
	return &r
}

// item turns a feed item into what walk gives.
func (b *Source) item(ctx context.Context, did string, fi blueskyFeedItem) (blueskyItem, bool) {
	pv := fi.Post
	if pv.URI == "" {
		return blueskyItem{}, false
	}
	created := parseBlueskyTime(pv.Record.CreatedAt)
	it := blueskyItem{key: pv.URI, sortAt: pv.IndexedAt.UTC()}
	if !created.IsZero() && (it.sortAt.IsZero() || created.Before(it.sortAt)) {
		it.sortAt = created
	}
	if fi.Reason != nil {
		switch {
		case strings.HasSuffix(fi.Reason.Type, "#reasonRepost"):
			it.sortAt = fi.Reason.IndexedAt.UTC()
			it.key = posttext.FirstNonBlank(fi.Reason.URI, "repost:"+pv.URI)
			if !b.reposts || pv.Author.DID == did {
				// A repost of one's own post gives nothing the post did not.
				return it, true
			}
			p := b.post(ctx, did, pv)
			p.ID = it.key
			p.CreatedAt = it.sortAt
			p.Retweet = true
			p.Via, p.ViaURL = pv.Author.Handle, blueskyProfileURL(pv.Author)
			it.post = &p
			return it, true
		case strings.HasSuffix(fi.Reason.Type, "#reasonPin"):
			return blueskyItem{}, false // a pinned post shows again in its place
		}
	}
	if pv.Author.DID != "" && pv.Author.DID != did {
		return blueskyItem{}, false
	}
	p := b.post(ctx, did, pv)
	if p.Reply {
		return it, true // left out: a reply to another account
	}
	it.post = &p
	return it, true
}

// post turns a post view into a Post.
func (b *Source) post(ctx context.Context, did string, pv blueskyPostView) moisson.Post {
	var quoted *blueskyQuote
	if q := pv.Embed.quoted(); q != nil {
		quoted = &blueskyQuote{uri: q.URI}
		if q.Author != nil {
			quoted.author = *q.Author
		}
		if q.Value != nil {
			quoted.record = q.Value
			for _, ev := range q.Embeds {
				if ev != nil && ev.External != nil {
					quoted.external = ev.External
				}
			}
		}
	}
	p, unreadable := blueskyRecordPost(pv.URI, did, pv.Record, quoted)
	if p.CreatedAt.IsZero() {
		p.CreatedAt = pv.IndexedAt.UTC()
	}
	b.report(ctx, p.ID, unreadable)
	return p
}

// report logs and counts a post whose links cannot all be read.
func (b *Source) report(ctx context.Context, id string, unreadable []string) {
	if len(unreadable) == 0 {
		return
	}
	b.unreadable.Add(1)
	b.Logger.WarnContext(ctx, "bluesky: a link of the post cannot be read", "post_id", id, "shown_as", strings.Join(unreadable, " "))
}

// blueskyQuote is what is known of a quoted post.
type blueskyQuote struct {
	uri      string
	author   blueskyProfile
	record   *blueskyPost
	external *blueskyExternal
}

// blueskyRecordPost turns a post record into a Post. uri is the post's
// at:// URI, did the account read; quoted the post it quotes, when known.
// unreadable lists the links shown shortened in the text that neither a
// facet nor the link card restores.
func blueskyRecordPost(uri, did string, rec blueskyPost, quoted *blueskyQuote) (p moisson.Post, unreadable []string) {
	p = moisson.Post{ID: uri, Source: "bluesky", CreatedAt: parseBlueskyTime(rec.CreatedAt), Text: rec.Text}
	links, tags, unreadable := blueskyLinks(rec)
	p.URLs = links
	p.Hashtags = tags
	if rec.Reply != nil && !ownThread(rec, did) {
		p.Reply = true
	}
	card := blueskyCard(rec.Embed)

	quoteURI := blueskyQuotedURI(rec.Embed)
	if quoted == nil && quoteURI != "" {
		quoted = &blueskyQuote{uri: quoteURI}
	}
	if quoted != nil && quoted.uri != "" {
		p.Quote = true
		author := quoted.author
		if author.DID == "" {
			author.DID = atURIRepo(quoted.uri)
		}
		if author.DID != did {
			p.Via, p.ViaURL = posttext.FirstNonBlank(author.Handle, author.DID), blueskyProfileURL(author)
		}
		// A quote with no link of its own shares the quoted post's links.
		if len(p.URLs) == 0 && quoted.record != nil {
			qlinks, _, _ := blueskyLinks(*quoted.record)
			p.URLs = qlinks
			if card == nil {
				card = firstExternal(blueskyCard(quoted.record.Embed), quoted.external)
			}
		}
	}
	if card != nil && len(p.URLs) == 1 && p.URLs[0] == strings.TrimSpace(card.URI) {
		p.Title = strings.TrimSpace(card.Title)
		p.Summary = strings.TrimSpace(card.Description)
	}
	if p.Via == "" {
		if h := posttext.ViaHandle(rec.Text); h != "" {
			p.Via = strings.TrimPrefix(h, "@")
			p.ViaURL = "https://bsky.app/profile/" + p.Via
			for _, f := range rec.Facets {
				for _, ft := range f.Features {
					if strings.HasSuffix(ft.Type, "#mention") && ft.DID != "" && facetText(rec.Text, f) == h {
						p.ViaURL = "https://bsky.app/profile/" + ft.DID
					}
				}
			}
		}
	}
	return p, unreadable
}

func firstExternal(es ...*blueskyExternal) *blueskyExternal {
	for _, e := range es {
		if e != nil && e.URI != "" {
			return e
		}
	}
	return nil
}

// blueskyCard returns the link card of a record's embed, or nil.
func blueskyCard(e *blueskyEmbed) *blueskyExternal {
	if e == nil {
		return nil
	}
	if e.External != nil && e.External.URI != "" {
		return e.External
	}
	if e.Media != nil {
		return blueskyCard(e.Media)
	}
	return nil
}

// blueskyQuotedURI returns the at:// URI a record's embed quotes, or "".
func blueskyQuotedURI(e *blueskyEmbed) string {
	if e == nil || e.Record == nil {
		return ""
	}
	if e.Record.Record != nil {
		return e.Record.Record.URI
	}
	return e.Record.URI
}

// blueskyLinks returns a record's links in the order of the text (facets,
// then URLs written whole but left without a facet, then the link card),
// its hashtags, and the links shown shortened that nothing restores.
func blueskyLinks(rec blueskyPost) (links, tags, unreadable []string) {
	seen := make(map[string]bool)
	add := func(u string) {
		u = strings.TrimSpace(u)
		if u == "" || seen[u] {
			return
		}
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return
		}
		seen[u] = true
		links = append(links, u)
	}
	tagSeen := make(map[string]bool)
	addTag := func(t string) {
		t = strings.TrimPrefix(strings.TrimSpace(t), "#")
		if t == "" || tagSeen[strings.ToLower(t)] {
			return
		}
		tagSeen[strings.ToLower(t)] = true
		tags = append(tags, t)
	}
	facets := append([]blueskyFacet(nil), rec.Facets...)
	sort.SliceStable(facets, func(i, j int) bool { return facets[i].Index.ByteStart < facets[j].Index.ByteStart })
	type span struct{ start, end int }
	var linkSpans []span
	for _, f := range facets {
		for _, ft := range f.Features {
			switch {
			case strings.HasSuffix(ft.Type, "#link"):
				add(ft.URI)
				linkSpans = append(linkSpans, span{f.Index.ByteStart, f.Index.ByteEnd})
			case strings.HasSuffix(ft.Type, "#tag"):
				addTag(ft.Tag)
			}
		}
	}
	card := blueskyCard(rec.Embed)
	// Links in the text that no facet covers: written whole, they are
	// read from the text; shortened, a link of the post must restore them.
	var shortened []string
	for _, loc := range posttext.BareURL.FindAllStringIndex(rec.Text, -1) {
		covered := false
		for _, s := range linkSpans {
			if loc[0] < s.end && s.start < loc[1] {
				covered = true
			}
		}
		if covered {
			continue
		}
		m := rec.Text[loc[0]:loc[1]]
		if rest := rec.Text[loc[1]:]; strings.HasSuffix(m, "...") || strings.HasSuffix(m, "…") || strings.HasPrefix(rest, "…") {
			shortened = append(shortened, m)
			continue
		}
		m = strings.TrimRight(m, ".,;:!?)]}'\"")
		if !strings.HasPrefix(strings.ToLower(m), "http") {
			m = "https://" + m
		}
		if moisson.IsShareable(m) {
			add(m)
		}
	}
	if card != nil {
		add(card.URI)
	}
	for _, s := range shortened {
		prefix := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(s, "..."), "…"), ".")
		if !posttext.RestoredBy(prefix, links) {
			unreadable = append(unreadable, s)
		}
	}
	// Tags written in the text without a facet, then the record's own
	// tags (up to 8 more, not shown in the text).
	for _, m := range posttext.HashtagRE.FindAllStringSubmatch(rec.Text, -1) {
		addTag(m[1])
	}
	for _, t := range rec.Tags {
		addTag(t)
	}
	return links, tags, unreadable
}

// facetText returns the slice of text a facet covers (its offsets are in
// bytes of the UTF-8 text), or "" when they are out of range.
func facetText(text string, f blueskyFacet) string {
	s, e := f.Index.ByteStart, f.Index.ByteEnd
	if s < 0 || e > len(text) || s >= e {
		return ""
	}
	return text[s:e]
}

// blueskyProfileURL is an account's profile on bsky.app.
func blueskyProfileURL(a blueskyProfile) string {
	id := posttext.FirstNonBlank(a.Handle, a.DID)
	if a.Handle == "handle.invalid" || id == "" {
		id = a.DID
	}
	if id == "" {
		return ""
	}
	return "https://bsky.app/profile/" + id
}

// ownThread reports whether a reply belongs to the thread of the account
// did: its parent and its root are did's posts. The record's references
// say so by themselves, so it holds when the parent is on another page of
// the feed, or not in the export.
func ownThread(rec blueskyPost, did string) bool {
	if rec.Reply == nil {
		return true
	}
	for _, ref := range []string{rec.Reply.Parent.URI, rec.Reply.Root.URI} {
		if ref != "" && atURIRepo(ref) != did {
			return false
		}
	}
	return true
}

// atURIRepo returns the repository (the DID) of an at:// URI.
func atURIRepo(uri string) string {
	rest, ok := strings.CutPrefix(uri, "at://")
	if !ok {
		return ""
	}
	repo, _, _ := strings.Cut(rest, "/")
	return repo
}

// parseBlueskyTime reads a record's createdAt (RFC 3339, with or without
// fractional seconds); zero when malformed.
func parseBlueskyTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}
