package bluesky

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/bottest"
	"github.com/moisson/moisson/bot/internal/httpsrc"
	"github.com/moisson/moisson/bot/internal/posttext"
)

const (
	bskyDID    = "did:plc:z72i7hdynmk6r22z27h6tvur"
	bskyHandle = "janedoe.bsky.social"
	// bskyPage2 is the cursor the first page gives.
	bskyPage2 = "2024-10-02T20:00:00.300Z"
)

// bskyServer is a fake AppView holding janedoe's feed: two pages.
type bskyServer struct {
	t  *testing.T
	mu sync.Mutex
	// pages by cursor ("" is the top).
	pages map[string][]byte
	// fail answers the next requests for a cursor with these statuses.
	fail     map[string][]int
	requests []string // "resolve" or the cursor asked
}

func newBskyServer(t *testing.T) (*bskyServer, *httptest.Server) {
	s := &bskyServer{t: t, pages: map[string][]byte{
		"":        readBskyFile(t, "author_feed_page1.json"),
		bskyPage2: readBskyFile(t, "author_feed_page2.json"),
	}, fail: map[string][]int{}}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func readBskyFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "bluesky", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (s *bskyServer) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

func (s *bskyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	// What the AppView sends with every answer.
	w.Header().Set("RateLimit-Limit", "3000")
	w.Header().Set("RateLimit-Policy", "3000;w=300")
	xrpcErr := func(status int, name, msg string) {
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":%q,"message":%q}`, name, msg)
	}
	q := r.URL.Query()
	switch r.URL.Path {
	case "/xrpc/com.atproto.identity.resolveHandle":
		s.requests = append(s.requests, "resolve")
		if q.Get("handle") != bskyHandle {
			xrpcErr(http.StatusBadRequest, "InvalidRequest", "Unable to resolve handle")
			return
		}
		fmt.Fprintf(w, `{"did":%q}`, bskyDID)
	case "/xrpc/app.bsky.feed.getAuthorFeed":
		cursor := q.Get("cursor")
		s.requests = append(s.requests, cursor)
		if q.Get("actor") != bskyDID {
			xrpcErr(http.StatusBadRequest, "InvalidRequest", "Profile not found")
			return
		}
		if q.Get("filter") != "posts_with_replies" || q.Get("limit") != "100" {
			s.t.Errorf("getAuthorFeed query %s", r.URL.RawQuery)
		}
		if f := s.fail[cursor]; len(f) > 0 {
			s.fail[cursor] = f[1:]
			if f[0] == http.StatusTooManyRequests {
				w.Header().Set("RateLimit-Remaining", "0")
				w.Header().Set("RateLimit-Reset", strconv.FormatInt(time.Date(2024, 10, 5, 12, 0, 30, 0, time.UTC).Unix(), 10))
				xrpcErr(f[0], "RateLimitExceeded", "Rate Limit Exceeded")
				return
			}
			xrpcErr(f[0], "InternalServerError", "Internal Server Error")
			return
		}
		page, ok := s.pages[cursor]
		if !ok {
			xrpcErr(http.StatusBadRequest, "InvalidRequest", "malformed cursor")
			return
		}
		w.Write(page)
	default:
		xrpcErr(http.StatusNotImplemented, "MethodNotImplemented", "Method Not Implemented")
	}
}

func newTestBluesky(t *testing.T, ts *httptest.Server, reposts bool, logger *slog.Logger) (*Source, *bottest.Clock) {
	t.Helper()
	clock := bottest.NewClock()
	b, err := New(Config{
		Actor: "@" + bskyHandle, BaseURL: ts.URL, Reposts: reposts, HTTPClient: ts.Client(),
		Now: clock.Now, Sleep: clock.Sleep, Logger: logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b, clock
}

// wantBskyPosts are the posts of the two pages, oldest first, reposts kept.
func wantBskyPosts() []moisson.Post {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	uri := func(rkey string) string { return "at://" + bskyDID + "/app.bsky.feed.post/" + rkey }
	return []moisson.Post{
		{
			ID: uri("3l5tttttttt2a"), Source: "bluesky", CreatedAt: at("2024-09-29T09:00:00Z"),
			Text: "Vieux client : https://www.rfc-editor.org/rfc/rfc9110.html.",
			URLs: []string{"https://www.rfc-editor.org/rfc/rfc9110.html"},
		},
		{
			ID: uri("3l5uuuuuuuu2a"), Source: "bluesky", CreatedAt: at("2024-09-30T09:00:00Z"),
			Text:     "Bon résumé #Go",
			URLs:     []string{"https://eli.thegreenplace.net/2024/ranging-over-functions-in-go-123/"},
			Hashtags: []string{"Go"},
			Quote:    true,
			Title:    "Ranging over functions in Go 1.23", Summary: "Go 1.23 adds range-over-func.",
			Via: "alice.bsky.social", ViaURL: "https://bsky.app/profile/alice.bsky.social",
		},
		{
			ID: uri("3l5vvvvvvvv2a"), Source: "bluesky", CreatedAt: at("2024-10-01T15:00:00Z"),
			Text: "Deux liens 🙂 go.dev/blog/range-f... et example.com/lost/pa... h/t @dave.bsky.social",
			URLs: []string{"https://go.dev/blog/range-functions"},
			Via:  "dave.bsky.social", ViaURL: "https://bsky.app/profile/did:plc:dave2b3n4m5k6j7h8g9f0d",
		},
		{
			ID: uri("3l5wwwwwwww2a"), Source: "bluesky", CreatedAt: at("2024-10-02T20:00:00Z"),
			Text:  "2/ et la suite ici",
			URLs:  []string{"https://blog.example.net/suite"},
			Title: "La suite", Summary: "Le deuxième épisode.",
		},
		{
			ID: uri("3l5yyyyyyyy2a"), Source: "bluesky", CreatedAt: at("2024-10-03T18:00:00Z"),
			Text:  "À lire 👇 absolument",
			URLs:  []string{"https://lwn.net/Articles/990012/"},
			Quote: true,
			Title: "The rest of the 6.12 merge window", Summary: "LWN's summary.",
			Via: "carol.example.com", ViaURL: "https://bsky.app/profile/carol.example.com",
		},
		{
			ID: "at://" + bskyDID + "/app.bsky.feed.repost/3l6aaaaaaab2a", Source: "bluesky", CreatedAt: at("2024-10-04T08:00:00Z"),
			Text:    "Un article à lire 📚",
			URLs:    []string{"https://example.org/2024/10/article.html"},
			Retweet: true,
			Title:   "Un article", Summary: "Ce qu’il dit, en bref.",
			Via: "alice.bsky.social", ViaURL: "https://bsky.app/profile/alice.bsky.social",
		},
		{
			ID: uri("3l6aaaaaaaa2a"), Source: "bluesky", CreatedAt: at("2024-10-04T09:12:45.123Z"),
			Text:     "Très bien écrit ☕️ sur io_uring : github.com/axboe/liburing/bl... #Linux #io_uring",
			URLs:     []string{"https://github.com/axboe/liburing/blob/master/README"},
			Hashtags: []string{"Linux", "io_uring"},
		},
	}
}

func TestBlueskyFetch(t *testing.T) {
	srv, ts := newBskyServer(t)
	var logs bytes.Buffer
	b, _ := newTestBluesky(t, ts, true, slog.New(slog.NewTextHandler(&logs, nil)))
	ctx := context.Background()

	posts, cur, err := b.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantBskyPosts(), posts); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"resolve", "", bskyPage2}, srv.Requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	// The shortened link of the h/t post has no facet: logged with the
	// post's id, and counted.
	if b.Unreadable() != 1 {
		t.Errorf("Unreadable = %d, want 1", b.Unreadable())
	}
	if l := logs.String(); !strings.Contains(l, "level=WARN") || !strings.Contains(l, "3l5vvvvvvvv2a") || !strings.Contains(l, "example.com/lost/pa...") {
		t.Errorf("log = %q, want a warning naming the post and the link", l)
	}

	// Nothing new: the first page only, no post, the same cursor.
	posts, cur2, err := b.Fetch(ctx, cur)
	if err != nil || len(posts) != 0 || cur2 != cur {
		t.Errorf("second Fetch = %d posts, cursor %q (was %q), %v", len(posts), cur2, cur, err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d requests, want 4: the second Fetch reads one page, the DID is resolved once", n)
	}

	// A new post on top: only it.
	var page map[string]any
	if err := json.Unmarshal(srv.pages[""], &page); err != nil {
		t.Fatal(err)
	}
	newItem := map[string]any{"post": map[string]any{
		"uri": "at://" + bskyDID + "/app.bsky.feed.post/3l6bbbbbbbb2a", "cid": "bafyreinew",
		"author":    map[string]any{"did": bskyDID, "handle": bskyHandle},
		"record":    map[string]any{"$type": "app.bsky.feed.post", "createdAt": "2024-10-05T08:00:00.000Z", "text": "https://example.com/new"},
		"indexedAt": "2024-10-05T08:00:00.100Z",
	}}
	page["feed"] = append([]any{newItem}, page["feed"].([]any)...)
	nb, err := json.Marshal(page)
	if err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	srv.pages[""] = nb
	srv.mu.Unlock()
	posts, cur3, err := b.Fetch(ctx, cur)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].ID != "at://"+bskyDID+"/app.bsky.feed.post/3l6bbbbbbbb2a" || !cmp.Equal(posts[0].URLs, []string{"https://example.com/new"}) {
		t.Errorf("third Fetch = %+v, want the new post", posts)
	}
	if cur3 == cur {
		t.Error("cursor unchanged after a new post")
	}
}

func TestBlueskyRepostsOff(t *testing.T) {
	_, ts := newBskyServer(t)
	b, _ := newTestBluesky(t, ts, false, nil)
	posts, _, err := b.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var want []moisson.Post
	for _, p := range wantBskyPosts() {
		if !p.Retweet {
			want = append(want, p)
		}
	}
	if diff := cmp.Diff(want, posts); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
}

func TestBlueskyFetchRange(t *testing.T) {
	srv, ts := newBskyServer(t)
	b, _ := newTestBluesky(t, ts, true, nil)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2024, 10, d, 0, 0, 0, 0, time.UTC) }

	posts, err := b.FetchRange(ctx, day(1), day(3))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range posts {
		ids = append(ids, p.ID[strings.LastIndexByte(p.ID, '/')+1:])
	}
	if diff := cmp.Diff([]string{"3l5vvvvvvvv2a", "3l5wwwwwwww2a"}, ids); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	// An older range starts from the page the first read reached.
	before := len(srv.Requests())
	posts, err = b.FetchRange(ctx, time.Date(2024, 9, 29, 0, 0, 0, 0, time.UTC), day(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 2 {
		t.Errorf("%d posts, want the two of September", len(posts))
	}
	if diff := cmp.Diff([]string{bskyPage2}, srv.Requests()[before:]); diff != "" {
		t.Errorf("requests of the older range (-want +got):\n%s", diff)
	}
}

func TestBlueskyRateLimit(t *testing.T) {
	srv, ts := newBskyServer(t)
	srv.fail[bskyPage2] = []int{http.StatusTooManyRequests}
	b, clock := newTestBluesky(t, ts, true, nil)
	posts, _, err := b.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != len(wantBskyPosts()) {
		t.Errorf("%d posts after the wait", len(posts))
	}
	// The reset is 30 s after the clock: wait until one second past it.
	if diff := cmp.Diff([]time.Duration{31 * time.Second}, clock.Slept()); diff != "" {
		t.Errorf("slept (-want +got):\n%s", diff)
	}
}

func TestBlueskyErrors(t *testing.T) {
	t.Run("rate limited beyond MaxWait", func(t *testing.T) {
		srv, ts := newBskyServer(t)
		srv.fail[""] = []int{http.StatusTooManyRequests}
		clock := bottest.NewClock()
		b, err := New(Config{Actor: bskyDID, BaseURL: ts.URL, HTTPClient: ts.Client(), Now: clock.Now, Sleep: clock.Sleep, MaxWait: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = b.Fetch(context.Background(), "")
		var se *httpsrc.ServiceError
		if !errors.As(err, &se) || se.StatusCode != 429 || !se.Temporary() || se.RetryAt.IsZero() {
			t.Fatalf("err = %#v, want a temporary 429 with RetryAt", err)
		}
		if len(clock.Slept()) != 0 {
			t.Errorf("slept %v", clock.Slept())
		}
	})
	t.Run("unknown handle", func(t *testing.T) {
		_, ts := newBskyServer(t)
		b, err := New(Config{Actor: "nobody.bsky.social", BaseURL: ts.URL, HTTPClient: ts.Client()})
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = b.Fetch(context.Background(), "")
		if err == nil || !strings.Contains(err.Error(), "MOISSON_BLUESKY") {
			t.Errorf("err = %v, want it to name MOISSON_BLUESKY", err)
		}
	})
	t.Run("a page fails", func(t *testing.T) {
		srv, ts := newBskyServer(t)
		srv.fail[bskyPage2] = []int{500, 500, 500}
		b, _ := newTestBluesky(t, ts, true, nil)
		posts, cur, err := b.Fetch(context.Background(), "")
		if err == nil {
			t.Fatal("no error")
		}
		// The posts of the first page are given, and the cursor is kept:
		// the next Fetch reads them again.
		if len(posts) != 4 || cur != "" {
			t.Errorf("Fetch = %d posts, cursor %q; want the first page's 4 and no cursor", len(posts), cur)
		}
		srv.mu.Lock()
		srv.fail[bskyPage2] = []int{500, 500, 500}
		srv.mu.Unlock()
		if _, err := b.FetchRange(context.Background(), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
			t.Error("FetchRange: no error")
		}
	})
	for _, bad := range []string{"", "not a handle", "https://bsky.app/profile/x", "did:"} {
		if _, err := New(Config{Actor: bad}); err == nil {
			t.Errorf("New(%q): no error", bad)
		}
	}
	if _, err := New(Config{Actor: bskyHandle, BaseURL: "ftp://x"}); err == nil {
		t.Error("an ftp base URL was taken")
	}
}

func TestViaHandle(t *testing.T) {
	tests := map[string]string{
		"great read via @alice.bsky.social":       "@alice.bsky.social",
		"h/t @bob@mastodon.social, merci":         "@bob@mastodon.social",
		"HT: @carol.":                             "@carol",
		"(via @dave)":                             "@dave",
		"trivial @erin":                           "",
		"une viaduc @x":                           "",
		"Hat tip to @frank.example.com for this.": "@frank.example.com",
	}
	for text, want := range tests {
		if got := posttext.ViaHandle(text); got != want {
			t.Errorf("viaHandle(%q) = %q, want %q", text, got, want)
		}
	}
}

func BenchmarkBlueskyPage(b *testing.B) {
	body, err := os.ReadFile(filepath.Join("testdata", "bluesky", "author_feed_page1.json"))
	if err != nil {
		b.Fatal(err)
	}
	src, err := New(Config{Actor: bskyDID})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var page blueskyFeedPage
		if err := json.Unmarshal(body, &page); err != nil {
			b.Fatal(err)
		}
		for _, fi := range page.Feed {
			src.item(context.Background(), bskyDID, fi)
		}
	}
}
