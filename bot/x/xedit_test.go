package x

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// TestXV2EditedPostReplacesItsFirstVersion: run stored a post; its author
// edited it (a corrected link); the next read returns the new version,
// whose edit_history_tweet_ids names the stored one: the new version
// replaces it, links included, and OnEdit gets the dates to rewrite.
func TestXV2EditedPostReplacesItsFirstVersion(t *testing.T) {
	now := time.Date(2024, 10, 5, 12, 0, 0, 0, time.UTC)
	var edited []moisson.Post
	x, tl, _, st, _ := newSpanFixture(t, now, func(c *V2Config) {
		c.OnEdit = func(_ context.Context, old []moisson.Post, newest moisson.Post) { edited = append(edited, old...) }
	})
	at := time.Date(2024, 10, 4, 9, 0, 0, 0, time.UTC)
	first := tl.addPost(at, "https://example.org/typo")
	if _, err := runPoll(t, st, x); err != nil {
		t.Fatal(err)
	}
	// The edit: a new id, the history naming both, the corrected link.
	tl.mu.Lock()
	tl.tweets = nil
	tl.mu.Unlock()
	second := tl.addPost(at.Add(10*time.Minute), "https://example.org/fixed")
	tl.mu.Lock()
	tl.tweets[0].History = []string{first, second}
	tl.mu.Unlock()
	if _, err := runPoll(t, st, x); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	posts, err := st.Posts(ctx, at.Add(-time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 1 || posts[0].ID != second {
		t.Fatalf("stored %v, want only the new version %s", postIDs(posts), second)
	}
	links, err := st.Links(ctx, at.Add(-time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0].URL != "https://example.org/fixed" {
		t.Errorf("links %+v, want only the corrected one", links)
	}
	if len(edited) != 1 || edited[0].ID != first || !edited[0].CreatedAt.Equal(at) {
		t.Errorf("OnEdit got %+v, want the first version", edited)
	}
}

// TestXV2LinkFallbacks: X's unwound_url replaces a shortener's expansion,
// not another link; X's title and description stand in for a post's only
// link, never for one of several.
func TestXV2LinkFallbacks(t *testing.T) {
	for _, tc := range []struct{ expanded, unwound, want string }{
		{"https://bit.ly/3tls13", "https://blog.cloudflare.com/tls13/", "https://blog.cloudflare.com/tls13/"},
		{"http://feedproxy.google.com/~r/x/1", "https://example.org/a", "https://example.org/a"},
		{"http://blog.cloudflare.com/a/", "https://blog.cloudflare.com/a/", "http://blog.cloudflare.com/a/"},
		{"https://bit.ly/gone", "", "https://bit.ly/gone"},
		{"https://bit.ly/x", "javascript:alert(1)", "https://bit.ly/x"},
	} {
		if got := xLinkURL("https://t.co/abc", tc.expanded, tc.unwound); got != tc.want {
			t.Errorf("xLinkURL(%s, %s) = %s, want %s", tc.expanded, tc.unwound, got, tc.want)
		}
	}

	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"data":[
 {"id":"1842000000000000010","text":"one link https://t.co/a","created_at":"2024-10-04T09:00:00.000Z","author_id":"2244994945","edit_history_tweet_ids":["1842000000000000010"],
  "entities":{"urls":[{"start":9,"end":32,"url":"https://t.co/a","expanded_url":"https://buff.ly/abc","display_url":"buff.ly/abc","unwound_url":"https://lwn.net/Articles/1/","status":200,"title":"A &amp; B","description":"The lead X saw."}]}},
 {"id":"1842000000000000009","text":"two links https://t.co/b https://t.co/c","created_at":"2024-10-04T08:00:00.000Z","author_id":"2244994945","edit_history_tweet_ids":["1842000000000000009"],
  "entities":{"urls":[{"start":10,"end":33,"url":"https://t.co/b","expanded_url":"https://example.org/b","display_url":"example.org/b","title":"B"},
   {"start":34,"end":57,"url":"https://t.co/c","expanded_url":"https://example.org/c","display_url":"example.org/c","title":"C"}]}}],
 "meta":{"result_count":2,"newest_id":"1842000000000000010","oldest_id":"1842000000000000009"}}`))
	}
	x, _ := newTestXV2(t, srv, nil)
	posts, _, err := x.Fetch(context.Background(), "")
	if err != nil || len(posts) != 2 {
		t.Fatalf("Fetch = %d posts, %v", len(posts), err)
	}
	two, one := posts[0], posts[1]
	if one.URLs[0] != "https://lwn.net/Articles/1/" || one.Title != "A & B" || one.Summary != "The lead X saw." {
		t.Errorf("one link: %+v", one)
	}
	if two.Title != "" || two.Summary != "" || len(two.URLs) != 2 {
		t.Errorf("two links: %+v; want no title (it would show on both)", two)
	}
}
