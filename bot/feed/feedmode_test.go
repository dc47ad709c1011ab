package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/internal/bottest"
	"github.com/moisson/moisson/digest"
)

// ownHostFeed serves an RSS feed whose items point to the feed's own
// host: a link blog whose items are its own pages, the link in the
// description as text only (no <a>), as some blog engines write it.
type ownHostFeed struct {
	mu    sync.Mutex
	items []feedItem
}

type feedItem struct {
	path, title, desc string
	link              string // the item's link when not on the feed's host
	at                time.Time
}

func (f *ownHostFeed) set(items ...feedItem) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = items
}

func (f *ownHostFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	base := "http://" + r.Host
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Links</title><link>%s/</link>`, base)
	for i := len(f.items) - 1; i >= 0; i-- { // newest first
		it := f.items[i]
		link := it.link
		if link == "" {
			link = base + it.path
		}
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>`,
			it.title, link, base+it.path, it.at.Format(time.RFC1123Z), it.desc)
	}
	b.WriteString(`</channel></rss>`)
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write([]byte(b.String()))
}

func TestParseFeedSpec(t *testing.T) {
	tests := []struct {
		spec, url, mode string
		bad             bool
	}{
		{"https://a.example/feed", "https://a.example/feed", ModeAuto, false},
		{"links:https://a.example/feed", "https://a.example/feed", ModeLinks, false},
		{"posts:https://a.example/feed", "https://a.example/feed", ModePosts, false},
		{"auto:https://a.example/feed", "https://a.example/feed", ModeAuto, false},
		{"link:https://a.example/feed", "", "", true},
	}
	for _, tc := range tests {
		u, mode, err := ParseSpec(tc.spec)
		if tc.bad {
			if err == nil || !strings.Contains(err.Error(), "links:URL") {
				t.Errorf("ParseSpec(%q) = %v, want an error naming the syntax", tc.spec, err)
			}
			continue
		}
		if err != nil || u != tc.url || mode != tc.mode {
			t.Errorf("ParseSpec(%q) = %q, %q, %v; want %q, %q", tc.spec, u, mode, err, tc.url, tc.mode)
		}
	}
}

func TestFeedModeDetectedAndSet(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2014, 10, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		mode      string
		items     []feedItem
		wantMode  string
		wantURL   func(base string) string
		wantNote  string
		wantLinks int
	}{
		{
			name:     "own posts with links inside",
			items:    []feedItem{{path: "/p/1", title: "On Go", desc: `&lt;p&gt;Read &lt;a href="https://go.dev/blog/x"&gt;this&lt;/a&gt;&lt;/p&gt;`, at: at}},
			wantMode: "posts (detected)", wantURL: func(string) string { return "https://go.dev/blog/x" }, wantLinks: 1,
		},
		{
			name:     "bookmarks pointing elsewhere",
			items:    []feedItem{{path: "/b/1", link: "https://go.dev/blog/y", title: "Y", desc: "my note", at: at}},
			wantMode: "links (detected)", wantURL: func(string) string { return "https://go.dev/blog/y" }, wantNote: "my note", wantLinks: 1,
		},
		{
			name:     "own-host items read as posts give nothing",
			items:    []feedItem{{path: "/l/1", title: "A page", desc: "no anchor here", at: at}},
			wantMode: "posts (detected)", wantLinks: 0,
		},
		{
			name:     "links mode set: the item's link is the link, its description the note",
			mode:     ModeLinks,
			items:    []feedItem{{path: "/l/1", title: "A page", desc: "what I think of it", at: at}},
			wantMode: "links", wantURL: func(base string) string { return base + "/l/1" }, wantNote: "what I think of it", wantLinks: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := &ownHostFeed{}
			fs.set(tc.items...)
			ts := httptest.NewServer(fs)
			defer ts.Close()
			f := New(Config{URL: ts.URL + "/feed", HTTPClient: ts.Client(), Mode: tc.mode})
			posts, cursor, err := f.Fetch(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := ModeOf(cursor); got != tc.wantMode {
				t.Errorf("mode %q, want %q", got, tc.wantMode)
			}
			if len(posts) != 1 {
				t.Fatalf("%d posts, want 1", len(posts))
			}
			links := moisson.LinksOf(posts[0])
			if len(links) != tc.wantLinks {
				t.Fatalf("links %+v, want %d", links, tc.wantLinks)
			}
			if tc.wantLinks > 0 && links[0].URL != tc.wantURL(ts.URL) {
				t.Errorf("link %q, want %q", links[0].URL, tc.wantURL(ts.URL))
			}
			if tc.wantNote != "" && posts[0].Note != tc.wantNote {
				t.Errorf("note %q, want %q", posts[0].Note, tc.wantNote)
			}
		})
	}
}

// A feed read in the wrong mode gives no link: the week stays pending
// with the reason; setting the mode reads the items again, without
// doubling them, and the week is published.
func TestRunnerHoldsWeekOfAFeedWithoutLinksUntilItsModeIsFixed(t *testing.T) {
	ctx := context.Background()
	st := bottest.OpenStore(t)
	dc := digest.DefaultConfig()
	fs := &ownHostFeed{}
	fs.set(
		feedItem{path: "/l/1", title: "One", desc: "a page I liked", at: bottest.Paris(t, "2014-09-30 10:00")},
		feedItem{path: "/l/2", title: "Two", desc: "another", at: bottest.Paris(t, "2014-10-02 10:00")},
	)
	ts := httptest.NewServer(fs)
	defer ts.Close()
	pub := &bottest.Publisher{}
	now := bottest.Paris(t, "2014-10-03 12:00")
	feed := func(mode string) bot.Source {
		return New(Config{URL: ts.URL + "/feed", HTTPClient: ts.Client(), Mode: mode, Now: func() time.Time { return now }})
	}
	r := &bot.Runner{Sources: []bot.Source{feed("")}, Store: st, Scraper: &bottest.Scraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	pub.Weeks = nil

	now = bottest.Paris(t, "2014-10-03 18:20")
	var inc *bot.IncompleteError
	if err := r.Cycle(ctx); !errors.As(err, &inc) {
		t.Fatalf("Cycle gave %v, want the week pending", err)
	}
	if len(pub.Weeks) != 0 {
		t.Fatalf("published %v with no link", pub.Weeks)
	}
	why, _ := bot.PendingReason(ctx, st)
	for _, want := range []string{"2014-W40: " + bot.NoLinkPrefix, "read 2 items but gave no link", "read as posts (detected)", "links:URL"} {
		if !strings.Contains(why, want) {
			t.Errorf("pending reason %q lacks %q", why, want)
		}
	}

	// The author sets the mode: the items are read again.
	r.Sources = []bot.Source{feed(ModeLinks)}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2014-W40"}; !slices.Equal(pub.Weeks, want) {
		t.Fatalf("published %v, want %v", pub.Weeks, want)
	}
	links, _ := st.Links(ctx, bottest.Paris(t, "2014-09-26 18:00"), bottest.Paris(t, "2014-10-03 18:00"))
	if len(links) != 2 || links[0].Note != "a page I liked" {
		t.Errorf("links after the mode change: %+v", links)
	}
	posts, _ := st.Posts(ctx, time.Time{}, now)
	if len(posts) != 2 {
		t.Errorf("%d posts stored, want the 2 items once", len(posts))
	}
	if why, _ := bot.PendingReason(ctx, st); why != "" {
		t.Errorf("pending reason %q after the fix", why)
	}
	// The next poll is an ordinary one: nothing read again.
	if _, ok, _ := bot.RereadPending(ctx, st, r.Sources[0].Name()); ok {
		t.Error("a reread is still pending")
	}
}

// The author publishes a week without links anyway (the page's "publish
// now" approves it): the loop no longer holds it.
func TestRunnerPublishesAWeekWithoutLinksOnceApproved(t *testing.T) {
	ctx := context.Background()
	st := bottest.OpenStore(t)
	dc := digest.DefaultConfig()
	fs := &ownHostFeed{}
	fs.set(feedItem{path: "/l/1", title: "One", desc: "an essay", at: bottest.Paris(t, "2014-09-30 10:00")})
	ts := httptest.NewServer(fs)
	defer ts.Close()
	pub := &bottest.Publisher{}
	now := bottest.Paris(t, "2014-10-03 12:00")
	src := New(Config{URL: ts.URL + "/feed", HTTPClient: ts.Client()})
	r := &bot.Runner{Sources: []bot.Source{src}, Store: st, Scraper: &bottest.Scraper{}, Publisher: pub, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	pub.Weeks = nil
	now = bottest.Paris(t, "2014-10-03 18:20")
	if err := r.Cycle(ctx); err == nil {
		t.Fatal("the week without links was not held")
	}
	if _, err := st.UpdateEdits(ctx, "2014-W40", moisson.EditEvent{At: now, Week: "2014-W40", Action: "publish", By: "page"},
		func(e *moisson.WeekEdits) error { e.Approved = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"2014-W40"}; !slices.Equal(pub.Weeks, want) {
		t.Fatalf("published %v, want %v", pub.Weeks, want)
	}
}

// `moisson reread` asks the next poll to read a source again from a date:
// an item whose content changed since it was stored is replaced, an older
// one is kept as it was.
func TestRunnerRereadReplacesChangedItemsSinceTheDate(t *testing.T) {
	ctx := context.Background()
	st := bottest.OpenStore(t)
	dc := digest.DefaultConfig()
	fs := &ownHostFeed{}
	old := feedItem{path: "/p/1", title: "Old", desc: `&lt;a href="https://old.example/1"&gt;x&lt;/a&gt;`, at: bottest.Paris(t, "2014-09-20 10:00")}
	recent := feedItem{path: "/p/2", title: "Recent", desc: `&lt;a href="https://a.example/2"&gt;x&lt;/a&gt;`, at: bottest.Paris(t, "2014-10-01 10:00")}
	fs.set(old, recent)
	ts := httptest.NewServer(fs)
	defer ts.Close()
	now := bottest.Paris(t, "2014-10-02 12:00")
	src := New(Config{URL: ts.URL + "/feed", HTTPClient: ts.Client()})
	r := &bot.Runner{Sources: []bot.Source{src}, Store: st, Scraper: &bottest.Scraper{}, Publisher: &bottest.Publisher{}, WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	// Both items edited on the blog; the feed's validators unchanged
	// would hide them from an ordinary poll (seen ids).
	old.desc = `&lt;a href="https://old.example/edited"&gt;x&lt;/a&gt;`
	recent.desc = `&lt;a href="https://a.example/2-fixed"&gt;x&lt;/a&gt;`
	fs.set(old, recent)
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	urls := func() []string {
		links, err := st.Links(ctx, time.Time{}, now)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range links {
			out = append(out, l.URL)
		}
		return out
	}
	if want := []string{"https://old.example/1", "https://a.example/2"}; !slices.Equal(urls(), want) {
		t.Fatalf("before the reread: %v, want %v", urls(), want)
	}
	if err := bot.RequestReread(ctx, st, src.Name(), bottest.Paris(t, "2014-09-26 00:00")); err != nil {
		t.Fatal(err)
	}
	if err := r.Cycle(ctx); err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://old.example/1", "https://a.example/2-fixed"}; !slices.Equal(urls(), want) {
		t.Errorf("after the reread: %v, want %v", urls(), want)
	}
	if posts, _ := st.Posts(ctx, time.Time{}, now); len(posts) != 2 {
		t.Errorf("%d posts, want 2", len(posts))
	}
	if _, ok, _ := bot.RereadPending(ctx, st, src.Name()); ok {
		t.Error("the reread is still pending after it was done")
	}
}

func TestParseFeedSpecHidesSecrets(t *testing.T) {
	_, _, err := ParseSpec("bookmarks:https://me:hunter2pass@links.example/feed?token=s3cr3tt0ken")
	if err == nil {
		t.Fatal("an unknown mode was accepted")
	}
	for _, secret := range []string{"hunter2pass", "s3cr3tt0ken"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error shows %s: %v", secret, err)
		}
	}
}
