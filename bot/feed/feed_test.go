package feed

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/bottest"
)

var updateFeedGolden = flag.Bool("update-feed-golden", false, "rewrite testdata/feeds/*.golden.json")

// feedContentTypes are what the real servers send.
var feedContentTypes = map[string]string{
	".rss":  "application/rss+xml; charset=utf-8",
	".atom": "application/atom+xml; charset=utf-8",
	".json": "application/feed+json; charset=utf-8",
	".xml":  "application/xml; charset=utf-8",
}

// serveFeedFile serves testdata/feeds/name.
func serveFeedFile(t *testing.T, name string) http.HandlerFunc {
	b, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", feedContentTypes[filepath.Ext(name)])
		w.Write(b)
	}
}

// Each feed of testdata/feeds gives the posts of its .golden.json.
func TestFeedDocuments(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "feeds", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasSuffix(name, ".golden.json") || strings.HasPrefix(name, "broken") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			ts := httptest.NewServer(serveFeedFile(t, name))
			defer ts.Close()
			clock := bottest.NewClock()
			f := New(Config{URL: ts.URL + "/" + name, HTTPClient: ts.Client(), Now: clock.Now})
			posts, next, err := f.Fetch(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			if next == "" {
				t.Error("no cursor")
			}
			// The golden files do not hold the test server's address.
			for i := range posts {
				if posts[i].Source != "feed:"+ts.URL+"/"+name {
					t.Errorf("source %q", posts[i].Source)
				}
				posts[i].Source = "feed:" + name
			}
			golden := path + ".golden.json"
			if *updateFeedGolden {
				b, err := json.MarshalIndent(posts, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			var want []moisson.Post
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, posts); diff != "" {
				t.Errorf("posts (-want +got):\n%s", diff)
			}
		})
	}
	if n < 4 {
		t.Errorf("%d feed documents in testdata/feeds, want 4 at least", n)
	}
}

// The links a social post gives are the ones its author wrote, never the
// mentions, hashtags and links back to the instance.
func TestFeedSocialPostLinks(t *testing.T) {
	ts := httptest.NewServer(serveFeedFile(t, "mastodon.rss"))
	defer ts.Close()
	f := New(Config{URL: ts.URL + "/@janedoe.rss", HTTPClient: ts.Client()})
	posts, _, err := f.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for _, p := range posts {
		got = append(got, p.URLs)
	}
	want := [][]string{
		nil,
		{"https://go.dev/blog/range-functions", "https://eli.thegreenplace.net/2024/ranging-over-functions-in-go-123/"},
		{"https://blog.cloudflare.com/universal-ssl-how-it-scales/"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("urls (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"SSL", "TLS"}, posts[2].Hashtags); diff != "" {
		t.Errorf("hashtags (-want +got):\n%s", diff)
	}
}

func TestFeedConditionalGet(t *testing.T) {
	first := readFeedFile(t, "mastodon.rss")
	// The feed changes later: one new post on top, the same three below.
	changed := strings.Replace(first, "<item>", `<item>
      <guid isPermaLink="true">https://mastodon.social/@janedoe/113250000000000004</guid>
      <link>https://mastodon.social/@janedoe/113250000000000004</link>
      <pubDate>Sat, 05 Oct 2024 08:00:00 +0000</pubDate>
      <description>&lt;p&gt;New: &lt;a href="https://example.com/new" target="_blank" rel="nofollow noopener noreferrer"&gt;example.com/new&lt;/a&gt;&lt;/p&gt;</description>
    </item>
    <item>`, 1)
	const lastMod = "Fri, 04 Oct 2024 09:12:45 GMT"
	var (
		mu      sync.Mutex
		doc     = first
		etag    = `W/"9a4e0bd7f1c0a3f6"`
		got304  int
		got200  int
		sawINM  []string
		sawIMS  []string
		changes = func(d, e string) { mu.Lock(); doc, etag = d, e; mu.Unlock() }
	)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		sawINM = append(sawINM, r.Header.Get("If-None-Match"))
		sawIMS = append(sawIMS, r.Header.Get("If-Modified-Since"))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			got304++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		got200++
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, doc)
	}))
	defer ts.Close()
	f := New(Config{URL: ts.URL + "/@janedoe.rss", HTTPClient: ts.Client()})
	ctx := context.Background()

	posts, cur1, err := f.Fetch(ctx, "")
	if err != nil || len(posts) != 3 {
		t.Fatalf("first Fetch = %d posts, %v", len(posts), err)
	}
	var c feedCursor
	if err := json.Unmarshal([]byte(cur1), &c); err != nil {
		t.Fatalf("cursor %q: %v", cur1, err)
	}
	if c.ETag != `W/"9a4e0bd7f1c0a3f6"` || c.LastModified != lastMod || !c.LastSeen.Equal(time.Date(2024, 10, 4, 9, 12, 45, 0, time.UTC)) || len(c.Seen) != 3 {
		t.Errorf("cursor = %+v", c)
	}

	// Unchanged: a 304, nothing new, the same cursor.
	posts, cur2, err := f.Fetch(ctx, cur1)
	if err != nil || len(posts) != 0 || cur2 != cur1 {
		t.Errorf("Fetch after 304 = %d posts, %q, %v", len(posts), cur2, err)
	}

	changes(changed, `W/"0c1d2e3f"`)
	posts, cur3, err := f.Fetch(ctx, cur1)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].ID != "https://mastodon.social/@janedoe/113250000000000004" {
		t.Fatalf("Fetch of the changed feed = %+v, want the new post only", posts)
	}
	if diff := cmp.Diff([]string{"https://example.com/new"}, posts[0].URLs); diff != "" {
		t.Errorf("urls (-want +got):\n%s", diff)
	}
	if cur3 == cur1 {
		t.Error("cursor unchanged after a new post")
	}

	mu.Lock()
	defer mu.Unlock()
	if got304 != 1 || got200 != 2 {
		t.Errorf("%d answers 304 and %d answers 200, want 1 and 2", got304, got200)
	}
	wantINM := []string{"", `W/"9a4e0bd7f1c0a3f6"`, `W/"9a4e0bd7f1c0a3f6"`}
	wantIMS := []string{"", lastMod, lastMod}
	if diff := cmp.Diff(wantINM, sawINM); diff != "" {
		t.Errorf("If-None-Match (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantIMS, sawIMS); diff != "" {
		t.Errorf("If-Modified-Since (-want +got):\n%s", diff)
	}
}

func TestFeedSkipsItemsOlderThanLastSeen(t *testing.T) {
	ts := httptest.NewServer(serveFeedFile(t, "bluesky.rss"))
	defer ts.Close()
	f := New(Config{URL: ts.URL + "/profile/janedoe.bsky.social/rss", HTTPClient: ts.Client()})
	cur, err := json.Marshal(feedCursor{LastSeen: time.Date(2024, 10, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	posts, _, err := f.Fetch(context.Background(), string(cur))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].ID != "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l5abcxyz2k2a" {
		t.Errorf("posts = %+v, want the one after last_seen", posts)
	}
}

func TestFeedFollowsBlueskyRedirect(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/profile/janedoe.bsky.social/rss", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/profile/did:plc:z72i7hdynmk6r22z27h6tvur/rss", http.StatusFound)
	})
	mux.HandleFunc("/profile/did:plc:z72i7hdynmk6r22z27h6tvur/rss", serveFeedFile(t, "bluesky.rss"))
	ts := httptest.NewServer(mux)
	defer ts.Close()
	f := New(Config{URL: ts.URL + "/profile/janedoe.bsky.social/rss", HTTPClient: ts.Client()})
	posts, _, err := f.Fetch(context.Background(), "")
	if err != nil || len(posts) != 2 {
		t.Errorf("Fetch = %d posts, %v", len(posts), err)
	}
}

func TestFeedErrors(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    []string
		status  int
	}{
		{
			name: "bluesky opted out",
			handler: func(w http.ResponseWriter, r *http.Request) {
				// What bsky.app answers for an account hidden from logged-out
				// visitors.
				w.Header().Set("Content-Type", "application/json; charset=UTF-8")
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprint(w, `{"message":"account does not allow public views: did:plc:z72i7hdynmk6r22z27h6tvur"}`)
			},
			want:   []string{"403 Forbidden", "opted out"},
			status: http.StatusForbidden,
		},
		{
			name:    "gone",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Error(w, "Gone", http.StatusGone) },
			want:    []string{"410 Gone", "MOISSON_FEEDS"},
			status:  http.StatusGone,
		},
		{
			name:    "broken XML",
			handler: serveFeedFile(t, "broken.xml"),
			want:    []string{"parse"},
		},
		{
			name: "not a feed",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, "<!doctype html><html><head><title>Hi</title></head><body>a page</body></html>")
			},
			want: []string{"no feed found", `<link rel="alternate">`},
		},
		{
			name: "neither a feed nor a page",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				fmt.Fprint(w, "hello, this is not a feed")
			},
			want: []string{"parse"},
		},
		{
			name: "too large",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml")
				fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>big</title><description>`)
				fmt.Fprint(w, strings.Repeat("x", maxFeedBody))
				fmt.Fprint(w, `</description></channel></rss>`)
			},
			want: []string{"too large"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := httptest.NewServer(tc.handler)
			defer ts.Close()
			u := ts.URL + "/profile/janedoe.bsky.social/rss"
			f := New(Config{URL: u, HTTPClient: ts.Client()})
			posts, next, err := f.Fetch(context.Background(), `{"etag":"x"}`)
			if err == nil {
				t.Fatal("no error")
			}
			if len(posts) != 0 || next != `{"etag":"x"}` {
				t.Errorf("got %d posts and cursor %q with the error", len(posts), next)
			}
			for _, w := range append(tc.want, u) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to hold %q", err, w)
				}
			}
			var he *HTTPError
			if got := errors.As(err, &he); got != (tc.status != 0) || got && he.StatusCode != tc.status {
				t.Errorf("err = %#v, want a *FeedHTTPError %d", err, tc.status)
			}
		})
	}
	if _, _, err := New(Config{URL: "mastodon.social/@janedoe.rss"}).Fetch(context.Background(), ""); err == nil {
		t.Error("a URL without scheme was fetched")
	}
}

func TestFeedSendsUserAgent(t *testing.T) {
	var ua string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		serveFeedFile(t, "shaarli.atom")(w, r)
	}))
	defer ts.Close()
	f := New(Config{URL: ts.URL + "/feed/atom", HTTPClient: ts.Client(), UserAgent: "moisson-test/1"})
	if f.Name() != "feed:"+ts.URL+"/feed/atom" {
		t.Errorf("Name = %q", f.Name())
	}
	if _, _, err := f.Fetch(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	if ua != "moisson-test/1" {
		t.Errorf("User-Agent = %q", ua)
	}
}

func readFeedFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFeedErrorsHideTheSecret(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusGone)
	}))
	defer srv.Close()
	const token = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"
	for _, raw := range []string{srv.URL + "/feeds/" + token + "/all", "http://127.0.0.1:1/feeds/" + token + "/all"} {
		f := New(Config{URL: raw})
		_, _, err := f.Fetch(context.Background(), "")
		if err == nil {
			t.Fatalf("%s: no error", raw)
		}
		if strings.Contains(err.Error(), token) || strings.Contains(f.Name(), token) {
			t.Errorf("the feed's token shows: name %q, error %v", f.Name(), err)
		}
	}
}

// A 200 whose validators changed but that brings no new item still stores
// them: the next poll asks with the new ETag and gets a 304.
func TestFeedStoresNewValidatorsWithoutNewItems(t *testing.T) {
	doc := readFeedFile(t, "mastodon.rss")
	var (
		mu     sync.Mutex
		etag   = `W/"v1"`
		lastMd = "Fri, 04 Oct 2024 09:12:45 GMT"
		sawINM []string
	)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		sawINM = append(sawINM, r.Header.Get("If-None-Match"))
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMd)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, doc)
	}))
	defer ts.Close()
	f := New(Config{URL: ts.URL + "/@janedoe.rss", HTTPClient: ts.Client()})
	ctx := context.Background()
	posts, cur1, err := f.Fetch(ctx, "")
	if err != nil || len(posts) != 3 {
		t.Fatalf("first Fetch = %d posts, %v", len(posts), err)
	}

	// The server regenerates the same items: a new ETag, nothing new.
	mu.Lock()
	etag, lastMd = `W/"v2"`, "Sat, 05 Oct 2024 06:00:00 GMT"
	mu.Unlock()
	posts, cur2, err := f.Fetch(ctx, cur1)
	if err != nil || len(posts) != 0 {
		t.Fatalf("second Fetch = %d posts, %v", len(posts), err)
	}
	if cur2 == cur1 {
		t.Fatal("the cursor kept the old validators")
	}
	var c feedCursor
	if err := json.Unmarshal([]byte(cur2), &c); err != nil {
		t.Fatal(err)
	}
	if c.ETag != `W/"v2"` || c.LastModified != "Sat, 05 Oct 2024 06:00:00 GMT" || len(c.Seen) != 3 {
		t.Errorf("cursor = %+v", c)
	}

	// The next poll sends the new ETag and gets a 304.
	posts, cur3, err := f.Fetch(ctx, cur2)
	if err != nil || len(posts) != 0 || cur3 != cur2 {
		t.Errorf("third Fetch = %d posts, %q, %v", len(posts), cur3, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff([]string{"", `W/"v1"`, `W/"v2"`}, sawINM); diff != "" {
		t.Errorf("If-None-Match (-want +got):\n%s", diff)
	}
}

// A link cut short in a social post's text is not dropped silently: the
// post is logged with its id and counted.
func TestFeedCountsCutLinks(t *testing.T) {
	ts := httptest.NewServer(serveFeedFile(t, "bluesky.rss"))
	defer ts.Close()
	var logs strings.Builder
	f := New(Config{URL: ts.URL + "/profile/janedoe.bsky.social/rss", HTTPClient: ts.Client(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if _, _, err := f.Fetch(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	if f.Unreadable() != 1 {
		t.Errorf("Unreadable = %d, want 1", f.Unreadable())
	}
	l := logs.String()
	for _, want := range []string{"level=WARN", "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l4zzzyyy1k2b", "simonwillison.net/2024/Oct/1/som..."} {
		if !strings.Contains(l, want) {
			t.Errorf("log = %q, want %q in it", l, want)
		}
	}
}

// Bookmarks: the author's note, the page's summary and the tags, per
// service.
func TestFeedBookmarkNotesAndTags(t *testing.T) {
	tests := []struct {
		file          string
		note, summary string
		hashtags      []string
	}{
		{"pinboard.rss", "The clearest introduction to io_uring I know, five years on.", "", []string{"linux", "io_uring"}},
		{"shaarli.atom", "How Cloudflare issues and serves certificates for millions of sites & keeps the handshake fast.", "", []string{"ssl", "cdn"}},
		{"linkding.rss", "", "A description of range over function types, a new feature in Go 1.23.", []string{"go", "iterators"}},
		{"wallabag.atom", "", "On Monday, we announced Universal SSL, a new feature that gives every site on Cloudflare free SSL.", []string{"ssl", "long read"}},
		{"linkblog.json", "The spec itself reads well. Section 2 is the overview.", "The TLS 1.3 spec.", []string{"tls", "specs"}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			ts := httptest.NewServer(serveFeedFile(t, tc.file))
			defer ts.Close()
			posts, _, err := New(Config{URL: ts.URL + "/feed", HTTPClient: ts.Client()}).Fetch(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			p := posts[len(posts)-1] // the newest
			if p.Note != tc.note || p.Summary != tc.summary {
				t.Errorf("note %q, summary %q; want %q, %q", p.Note, p.Summary, tc.note, tc.summary)
			}
			if diff := cmp.Diff(tc.hashtags, p.Hashtags); diff != "" {
				t.Errorf("hashtags (-want +got):\n%s", diff)
			}
			// The note becomes the link's comment.
			if links := moisson.LinksOf(p); len(links) != 1 || links[0].Note != tc.note {
				t.Errorf("links = %+v", links)
			}
		})
	}
}
