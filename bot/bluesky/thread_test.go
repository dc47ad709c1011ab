package bluesky

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

// threadPost is one post of the fake AppView's store.
type threadPost struct {
	rkey, did, handle string
	at                time.Time
	text, link        string
	// root and parent are the rkeys (with their DIDs) the post replies to.
	rootDID, root, parentDID, parent string
}

func (p threadPost) uri() string { return "at://" + p.did + "/app.bsky.feed.post/" + p.rkey }

// view is the post as app.bsky.feed.defs#postView, with a link facet over
// the link written in its text.
func (p threadPost) view() map[string]any {
	text := p.text
	rec := map[string]any{"$type": "app.bsky.feed.post", "createdAt": p.at.Format("2006-01-02T15:04:05.000Z"), "langs": []string{"fr"}}
	if p.link != "" {
		i := len(text) + 1
		text += " " + p.link
		rec["facets"] = []any{map[string]any{
			"$type":    "app.bsky.richtext.facet",
			"index":    map[string]any{"byteStart": i, "byteEnd": i + len(p.link)},
			"features": []any{map[string]any{"$type": "app.bsky.richtext.facet#link", "uri": p.link}},
		}}
	}
	rec["text"] = text
	if p.parent != "" {
		ref := func(did, rkey string) map[string]any {
			return map[string]any{"uri": "at://" + did + "/app.bsky.feed.post/" + rkey, "cid": "bafyrei" + rkey}
		}
		rec["reply"] = map[string]any{"root": ref(p.rootDID, p.root), "parent": ref(p.parentDID, p.parent)}
	}
	return map[string]any{
		"uri": p.uri(), "cid": "bafyrei" + p.rkey,
		"author":     map[string]any{"did": p.did, "handle": p.handle, "displayName": p.handle, "labels": []any{}, "createdAt": "2023-04-01T00:00:00.000Z"},
		"record":     rec,
		"replyCount": 0, "repostCount": 0, "likeCount": 1, "quoteCount": 0,
		"indexedAt": p.at.Add(300 * time.Millisecond).Format("2006-01-02T15:04:05.000Z"),
		"labels":    []any{},
	}
}

// threadAppView is a fake AppView whose getAuthorFeed pages the author's
// posts newest first and applies the filter as the AppView does:
// posts_with_replies gives every post, posts_and_author_threads keeps a
// reply only when its parent is the author's and on the same page (the
// AppView decides page by page), posts_no_replies gives no reply.
type threadAppView struct {
	t     *testing.T
	posts []threadPost // newest first
	// hidden are the rkeys the AppView drops after paging (a post taken
	// down, a blocked author): a page may come back empty with a cursor.
	hidden map[string]bool
	mu     sync.Mutex
	asked  []string // the filters asked
}

func (s *threadAppView) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	q := r.URL.Query()
	if r.URL.Path != "/xrpc/app.bsky.feed.getAuthorFeed" || q.Get("actor") != bskyDID {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error":"InvalidRequest","message":"Profile not found"}`)
		return
	}
	s.mu.Lock()
	s.asked = append(s.asked, q.Get("filter"))
	s.mu.Unlock()
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit < 1 || limit > 100 {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error":"InvalidRequest","message":"limit must be 1..100"}`)
		return
	}
	start := 0
	if c := q.Get("cursor"); c != "" {
		if start, err = strconv.Atoi(c); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":"InvalidRequest","message":"malformed cursor"}`)
			return
		}
	}
	end := min(start+limit, len(s.posts))
	page := s.posts[start:end]
	onPage := make(map[string]bool)
	for _, p := range page {
		onPage[p.rkey] = true
	}
	byKey := make(map[string]threadPost)
	for _, p := range s.posts {
		byKey[p.rkey] = p
	}
	feed := []any{}
	for _, p := range page {
		if s.hidden[p.rkey] {
			continue
		}
		if p.parent != "" {
			switch q.Get("filter") {
			case "posts_no_replies":
				continue
			case "posts_and_author_threads":
				if p.parentDID != bskyDID || !onPage[p.parent] {
					continue
				}
			}
		}
		item := map[string]any{"post": p.view()}
		if p.parent != "" {
			// The item's reply views: the post when the AppView holds it,
			// notFoundPost otherwise (another account's post here).
			ref := func(did, rkey string) map[string]any {
				if v, ok := byKey[rkey]; ok {
					return mergeType(v.view(), "app.bsky.feed.defs#postView")
				}
				return map[string]any{"$type": "app.bsky.feed.defs#notFoundPost", "uri": "at://" + did + "/app.bsky.feed.post/" + rkey, "notFound": true}
			}
			item["reply"] = map[string]any{"root": ref(p.rootDID, p.root), "parent": ref(p.parentDID, p.parent)}
		}
		feed = append(feed, item)
	}
	out := map[string]any{"feed": feed}
	if end < len(s.posts) {
		out["cursor"] = strconv.Itoa(end)
	}
	if err := json.NewEncoder(w).Encode(out); err != nil {
		s.t.Error(err)
	}
}

func mergeType(v map[string]any, typ string) map[string]any {
	v["$type"] = typ
	return v
}

// An own thread whose reply is on the first page and its parent on the
// next is kept whole; a reply to another account, and the author's answer
// to someone else's reply inside her own thread, are left out.
func TestBlueskyOwnThreadAcrossPages(t *testing.T) {
	const erin = "did:plc:erin0p9o8i7u6y5t4r3e2w"
	at := func(d, h int) time.Time { return time.Date(2024, 10, d, h, 0, 0, 0, time.UTC) }
	own := func(rkey string, when time.Time, text, link, root, parent string) threadPost {
		p := threadPost{rkey: rkey, did: bskyDID, handle: bskyHandle, at: when, text: text, link: link}
		if parent != "" {
			p.rootDID, p.root, p.parentDID, p.parent = bskyDID, root, bskyDID, parent
		}
		return p
	}
	toErin := own("3l6eeeeeeee2a", at(3, 11), "@erin.bsky.social voilà", "https://example.com/pour-erin", "", "")
	toErin.rootDID, toErin.root, toErin.parentDID, toErin.parent = erin, "3l6erinroot2a", erin, "3l6erinpost2a"
	inOwnToErin := own("3l6ffffffff2a", at(3, 10), "@erin.bsky.social merci !", "https://example.com/merci", "3l6aaaaaaaa2a", "")
	inOwnToErin.rootDID, inOwnToErin.root, inOwnToErin.parentDID, inOwnToErin.parent = bskyDID, "3l6aaaaaaaa2a", erin, "3l6erinrepl2a"
	srv := &threadAppView{t: t, posts: []threadPost{ // newest first
		own("3l6cccccccc2a", at(3, 12), "3/ et pour finir :", "https://blog.example.net/fin", "3l6aaaaaaaa2a", "3l6bbbbbbbb2a"),
		toErin,
		inOwnToErin,
		// the next page
		own("3l6bbbbbbbb2a", at(2, 9), "2/ la suite :", "https://blog.example.net/suite", "3l6aaaaaaaa2a", "3l6aaaaaaaa2a"),
		own("3l6aaaaaaaa2a", at(1, 9), "1/ un fil sur io_uring 🧵", "https://blog.example.net/debut", "", ""),
	}}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	b, err := New(Config{Actor: bskyDID, BaseURL: ts.URL, HTTPClient: ts.Client(), PageSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	want := []string{
		"3l6aaaaaaaa2a reply=false [https://blog.example.net/debut]",
		"3l6bbbbbbbb2a reply=false [https://blog.example.net/suite]",
		"3l6cccccccc2a reply=false [https://blog.example.net/fin]",
	}
	got := func(posts []moisson.Post) []string {
		var out []string
		for _, p := range posts {
			out = append(out, fmt.Sprintf("%s reply=%v %v", p.ID[strings.LastIndexByte(p.ID, '/')+1:], p.Reply, p.URLs))
		}
		return out
	}

	posts, _, err := b.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got(posts)); diff != "" {
		t.Errorf("Fetch (-want +got):\n%s", diff)
	}
	posts, err = b.FetchRange(ctx, at(1, 0), at(4, 0))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got(posts)); diff != "" {
		t.Errorf("FetchRange (-want +got):\n%s", diff)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for _, f := range srv.asked {
		if f != "posts_with_replies" {
			t.Errorf("getAuthorFeed asked with filter %q, want posts_with_replies (the AppView's posts_and_author_threads judges page by page)", f)
		}
	}
}

// A page that comes back empty with a cursor does not end the feed: the
// posts of the next page are read.
func TestBlueskyEmptyPageGoesOn(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2024, 10, d, 9, 0, 0, 0, time.UTC) }
	post := func(rkey string, d int, link string) threadPost {
		return threadPost{rkey: rkey, did: bskyDID, handle: bskyHandle, at: at(d), text: "à lire :", link: link}
	}
	srv := &threadAppView{t: t, posts: []threadPost{
		post("3l6dddddddd2a", 4, "https://example.com/4"),
		post("3l6cccccccc2a", 3, "https://example.com/3"),
		post("3l6bbbbbbbb2a", 2, "https://example.com/2"),
		post("3l6aaaaaaaa2a", 1, "https://example.com/1"),
	}, hidden: map[string]bool{"3l6dddddddd2a": true, "3l6cccccccc2a": true}}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	b, err := New(Config{Actor: bskyDID, BaseURL: ts.URL, HTTPClient: ts.Client(), PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	posts, _, err := b.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, p := range posts {
		urls = append(urls, p.URLs...)
	}
	if want := []string{"https://example.com/1", "https://example.com/2"}; !cmp.Equal(urls, want) {
		t.Errorf("links %v, want %v (the page after an empty one)", urls, want)
	}
}
