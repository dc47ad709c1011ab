package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// homePage is a blog's home page as WordPress writes it: the posts' feed,
// the comments' feed, then (as some themes add) a category's and a JSON
// Feed, the hrefs relative, under a <base href>; a <link> in the body that
// announces nothing.
const homePage = `<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="UTF-8">
<base href="/blog/">
<title>Le blog de Jane</title>
<link rel="stylesheet" href="/style.css" type="text/css">
<link rel="alternate" type="application/rss+xml; charset=UTF-8" title="Le blog de Jane &raquo; Flux des commentaires" href="comments/feed/">
<link rel="alternate" type="application/rss+xml" title="Le blog de Jane &raquo; Flux" href="feed/">
<link rel="alternate" type="application/rss+xml" title="Catégorie Go" href="/blog/category/go/feed/">
<link rel="alternate" type="application/feed+json" title="JSON Feed" href="https://jane.example/blog/feed.json">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="alternate" type="application/rss+xml" href="feed/#again">
</head><body>
<link rel="alternate" type="application/rss+xml" href="/body-feed.xml">
<p>Bienvenue.</p>
</body></html>`

func TestLinksAndMain(t *testing.T) {
	page, _ := url.Parse("https://jane.example/")
	links := Links([]byte(homePage), page)
	want := []Link{
		{URL: "https://jane.example/blog/comments/feed/", Type: "application/rss+xml", Title: "Le blog de Jane » Flux des commentaires"},
		{URL: "https://jane.example/blog/feed/", Type: "application/rss+xml", Title: "Le blog de Jane » Flux"},
		{URL: "https://jane.example/blog/category/go/feed/", Type: "application/rss+xml", Title: "Catégorie Go"},
		{URL: "https://jane.example/blog/feed.json", Type: "application/feed+json", Title: "JSON Feed"},
	}
	if diff := cmp.Diff(want, links); diff != "" {
		t.Errorf("Links (-want +got):\n%s", diff)
	}
	main, others, ok := Main(links)
	if !ok || main.URL != "https://jane.example/blog/feed/" {
		t.Errorf("Main = %v, %v; want the posts' feed", main, ok)
	}
	if len(others) != 3 || others[0].URL != want[0].URL || others[1].URL != want[2].URL || others[2].URL != want[3].URL {
		t.Errorf("others = %v, want the three others in the page's order", others)
	}
	// Only comments feeds: the first is taken rather than none.
	if main, _, ok := Main(want[:1]); !ok || main.URL != want[0].URL {
		t.Errorf("Main of one comments feed = %v, %v", main, ok)
	}
	if _, _, ok := Main(nil); ok {
		t.Error("Main of no feed is ok")
	}
}

func TestNative(t *testing.T) {
	tests := []struct{ in, variable, value string }{
		{"https://mastodon.social/@jane", "MOISSON_MASTODON", "@jane@mastodon.social"},
		{"https://fosstodon.org/@jane.doe/", "MOISSON_MASTODON", "@jane.doe@fosstodon.org"},
		{"https://bsky.app/profile/jane.bsky.social", "MOISSON_BLUESKY", "jane.bsky.social"},
		{"https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur", "MOISSON_BLUESKY", "did:plc:z72i7hdynmk6r22z27h6tvur"},
		{"https://mastodon.social/@jane.rss", "", ""},                // the profile's feed: a feed
		{"https://mastodon.social/@jane/113231108505600000", "", ""}, // a post
		{"https://bsky.app/profile/jane.bsky.social/rss", "", ""},
		{"https://jane.example/blog/", "", ""},
		{"not a url", "", ""},
	}
	for _, tc := range tests {
		variable, value, ok := Native(tc.in)
		if variable != tc.variable || value != tc.value || ok != (tc.variable != "") {
			t.Errorf("Native(%q) = %q, %q, %v; want %q, %q", tc.in, variable, value, ok, tc.variable, tc.value)
		}
	}
	if h := NativeHint("https://mastodon.social/@jane"); !strings.Contains(h, "set MOISSON_MASTODON=@jane@mastodon.social") || !strings.Contains(h, "Mastodon profile") {
		t.Errorf("NativeHint = %q", h)
	}
}

// siteServer serves a blog: its home page announcing its feeds, the posts'
// feed (RSS, with an ETag), the comments' feed; it counts the requests by
// path.
type siteServer struct {
	mu       sync.Mutex
	asked    []string
	home     string
	feedGone bool
}

func (s *siteServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.asked = append(s.asked, r.URL.Path)
	home, gone := s.home, s.feedGone
	s.mu.Unlock()
	base := "http://" + r.Host
	switch r.URL.Path {
	case "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, home)
	case "/blog/feed/", "/v2/feed.xml":
		if gone && r.URL.Path == "/blog/feed/" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le blog de Jane</title><link>%[1]s/</link>
<item><title>Lu cette semaine</title><link>%[1]s/blog/2024/10/lu</link><guid>%[1]s/blog/?p=12</guid><pubDate>Thu, 03 Oct 2024 09:00:00 +0000</pubDate>
<description>&lt;p&gt;À lire : &lt;a href="https://go.dev/blog/range-functions"&gt;les itérateurs&lt;/a&gt;&lt;/p&gt;</description></item>
</channel></rss>`, base)
	case "/blog/comments/feed/":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Commentaires</title><link>%[1]s/</link>
<item><title>Re: Lu</title><link>%[1]s/blog/2024/10/lu#comment-3</link><description>&lt;a href="https://spam.example/"&gt;x&lt;/a&gt;</description></item></channel></rss>`, base)
	default:
		http.NotFound(w, r)
	}
}

func (s *siteServer) Asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.asked...)
}

// A home page in MOISSON_FEEDS is read through the feed it announces:
// found once, said in the log and the status, asked directly afterwards,
// and looked for again on the page when it is gone.
func TestFetchHomePageReadsItsFeed(t *testing.T) {
	srv := &siteServer{home: homePage}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var logs bytes.Buffer
	f := New(Config{URL: ts.URL + "/", HTTPClient: ts.Client(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	ctx := context.Background()

	posts, cur, err := f.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || !cmp.Equal(posts[0].URLs, []string{"https://go.dev/blog/range-functions"}) {
		t.Fatalf("posts = %+v, want the post of the blog's feed with its link", posts)
	}
	if diff := cmp.Diff([]string{"/", "/blog/feed/"}, srv.Asked()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	status := Found(cur)
	for _, w := range []string{"feed found on the page: " + ts.URL + "/blog/feed/", ts.URL + "/blog/comments/feed/", "https://jane.example/blog/feed.json"} {
		if !strings.Contains(status, w) {
			t.Errorf("Found = %q, want it to hold %q", status, w)
		}
	}
	if l := logs.String(); !strings.Contains(l, "feed found on the page") || !strings.Contains(l, "/blog/feed/") {
		t.Errorf("log = %q, want the choice said", l)
	}

	// Next time: the feed itself, conditionally.
	posts, cur2, err := f.Fetch(ctx, cur)
	if err != nil || len(posts) != 0 || cur2 != cur {
		t.Errorf("second Fetch = %d posts, %v, cursor changed %v", len(posts), err, cur2 != cur)
	}
	if got := srv.Asked()[2:]; !cmp.Equal(got, []string{"/blog/feed/"}) {
		t.Errorf("second Fetch asked %v, want the feed only", got)
	}

	// The blog moves its feed: the old one is gone, the page names the new.
	srv.mu.Lock()
	srv.feedGone = true
	srv.home = strings.ReplaceAll(homePage, `href="feed/"`, `href="/v2/feed.xml"`)
	srv.mu.Unlock()
	_, cur3, err := f.Fetch(ctx, cur)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Asked()[3:]; !cmp.Equal(got, []string{"/blog/feed/", "/", "/v2/feed.xml"}) {
		t.Errorf("after the move, asked %v", got)
	}
	if !strings.Contains(Found(cur3), ts.URL+"/v2/feed.xml") {
		t.Errorf("Found = %q, want the new feed", Found(cur3))
	}
}

func TestFetchPageWithoutFeed(t *testing.T) {
	srv := &siteServer{home: `<!doctype html><html><head><title>Jane</title><link rel="alternate" hreflang="en" href="/en/"></head><body>hello</body></html>`}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	f := New(Config{URL: ts.URL + "/", HTTPClient: ts.Client()})
	_, cur, err := f.Fetch(context.Background(), "")
	if !errors.Is(err, ErrNoFeed) || !strings.Contains(err.Error(), ts.URL) {
		t.Errorf("err = %v, want ErrNoFeed naming the page", err)
	}
	if cur != "" {
		t.Errorf("cursor %q after an error", cur)
	}
}

// A Mastodon profile URL given as a feed is read through the feed its
// page announces, and the status and the log say which variable reads it
// better.
func TestFetchProfileURLAdvisesTheNativeSource(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/@jane", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><link href="http://`+r.Host+`/@jane.rss" rel="alternate" type="application/rss+xml"><link href="https://mastodon.example/users/jane" rel="alternate" type="application/activity+json"></head><body></body></html>`)
	})
	mux.HandleFunc("/@jane.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Jane</title><link>http://%[1]s/@jane</link><item><guid>http://%[1]s/@jane/1</guid><link>http://%[1]s/@jane/1</link><pubDate>Thu, 03 Oct 2024 09:00:00 +0000</pubDate><description>&lt;p&gt;&lt;a href="https://lwn.net/Articles/990012/"&gt;lwn.net/Articles/990012/&lt;/a&gt;&lt;/p&gt;</description></item></channel></rss>`, r.Host)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	var logs bytes.Buffer
	f := New(Config{URL: ts.URL + "/@jane", HTTPClient: ts.Client(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	posts, cur, err := f.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 {
		t.Errorf("%d posts, want the profile feed's one", len(posts))
	}
	host := strings.TrimPrefix(ts.URL, "http://")
	want := "set MOISSON_MASTODON=@jane@" + host
	if !strings.Contains(Found(cur), want) || !strings.Contains(logs.String(), want) {
		t.Errorf("status %q and log %q, want both to say %q", Found(cur), logs.String(), want)
	}
}

func TestDiscover(t *testing.T) {
	srv := &siteServer{home: homePage}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ctx := context.Background()

	d, err := Discover(ctx, ts.Client(), "", ts.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if d.Feed != ts.URL+"/blog/feed/" || !d.FromPage || len(d.Others) != 3 {
		t.Errorf("home page: %+v", d)
	}
	if s := d.String(); !strings.Contains(s, "whose feed is "+ts.URL+"/blog/feed/") || !strings.Contains(s, "comments/feed/") {
		t.Errorf("String = %q", s)
	}
	d, err = Discover(ctx, ts.Client(), "", ts.URL+"/blog/feed/")
	if err != nil || d.Feed != ts.URL+"/blog/feed/" || d.FromPage {
		t.Errorf("a feed: %+v, %v", d, err)
	}
	d, err = Discover(ctx, ts.Client(), "", "https://bsky.app/profile/jane.bsky.social")
	if err != nil || d.Variable != "MOISSON_BLUESKY" || d.Value != "jane.bsky.social" || d.Feed != "" {
		t.Errorf("a Bluesky profile: %+v, %v", d, err)
	}
	if len(srv.Asked()) != 2 {
		t.Errorf("asked %v: a profile URL needs no request", srv.Asked())
	}
	srv.home = "<html><head></head><body></body></html>"
	if _, err := Discover(ctx, ts.Client(), "", ts.URL+"/"); !errors.Is(err, ErrNoFeed) {
		t.Errorf("a page without feed: %v, want ErrNoFeed", err)
	}
}
