package archive

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
	"go.etcd.io/bbolt"
)

var (
	paris   = time.FixedZone("CEST", 2*60*60)
	newYork = time.FixedZone("EDT", -4*60*60)
	// day is Friday 3 October 2014, 00:00 UTC.
	day = time.Date(2014, 10, 3, 0, 0, 0, 0, time.UTC)
)

// mustOpen opens a store in a fresh directory and closes it at the end of
// the test.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "moisson.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

func post(id string, at time.Time, urls ...string) moisson.Post {
	return moisson.Post{ID: id, Source: "x", CreatedAt: at, Text: "post " + id, URLs: urls, Hashtags: []string{"go"}}
}

func mustSave(tb testing.TB, s *Store, posts ...moisson.Post) {
	tb.Helper()
	if _, err := s.Save(context.Background(), posts, "", ""); err != nil {
		tb.Fatal(err)
	}
}

func urlsOf(links []moisson.Link) []string {
	var urls []string
	for _, l := range links {
		urls = append(urls, l.URL)
	}
	return urls
}

func idsOf(posts []moisson.Post) []string {
	var ids []string
	for _, p := range posts {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestSaveRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	posts := []moisson.Post{
		{
			ID: "2", Source: "x", CreatedAt: day.Add(2 * time.Hour).In(paris), Text: "deux",
			URLs: []string{"https://b.example/", "https://twitter.com/a/status/1", "https://c.example/"}, Hashtags: []string{"Go", "web"},
			Reply: true,
		},
		{
			ID: "1", Source: "feed:https://blog.example/feed", CreatedAt: day.Add(time.Hour).In(newYork), Text: "un",
			URLs: []string{"https://a.example/"}, Title: "Titre", Summary: "Résumé",
		},
		{ID: "3", Source: "x", CreatedAt: day.Add(3 * time.Hour), Text: "no link"},
	}
	added, err := s.Save(ctx, posts, "x", "3")
	if err != nil {
		t.Fatal(err)
	}
	if added != 3 {
		t.Errorf("added = %d, want 3", added)
	}

	got, err := s.Posts(ctx, day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var want []moisson.Post
	for _, i := range []int{1, 0, 2} {
		p := posts[i]
		p.CreatedAt = p.CreatedAt.UTC()
		want = append(want, p)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Posts (-want +got):\n%s", diff)
	}

	links, err := s.Links(ctx, day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var wantLinks []moisson.Link
	for _, p := range want {
		wantLinks = append(wantLinks, moisson.LinksOf(p)...)
	}
	if diff := cmp.Diff(wantLinks, links); diff != "" {
		t.Errorf("Links (-want +got):\n%s", diff)
	}
	for _, l := range links {
		if l.PostedAt.Location() != time.UTC {
			t.Errorf("link %s posted at %s, want UTC", l.URL, l.PostedAt)
		}
	}

	first, err := s.FirstPost(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Equal(day.Add(time.Hour)) {
		t.Errorf("FirstPost = %s, want %s", first, day.Add(time.Hour))
	}
	if c, err := s.Cursor(ctx, "x"); err != nil || c != "3" {
		t.Errorf("Cursor(x) = %q, %v; want \"3\"", c, err)
	}
}

func TestSaveIdempotent(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	posts := []moisson.Post{
		post("1", day, "https://a.example/"),
		post("2", day.Add(time.Minute), "https://b.example/", "https://c.example/"),
		post("1", day, "https://a.example/"), // twice in the same call
	}
	added, err := s.Save(ctx, posts, "x", "2")
	if err != nil {
		t.Fatal(err)
	}
	if added != 2 {
		t.Errorf("first Save added %d, want 2", added)
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// The same post again, even with a different time or text, is left
	// as it is.
	changed := post("2", day.Add(time.Hour), "https://other.example/")
	added, err = s.Save(ctx, append(posts, changed), "x", "2")
	if err != nil {
		t.Fatal(err)
	}
	if added != 0 {
		t.Errorf("second Save added %d, want 0", added)
	}
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("Stats changed (-before +after):\n%s", diff)
	}
	want := Stats{Posts: 2, Links: 3, Pending: 3}
	if diff := cmp.Diff(want, after); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
	links, err := s.Links(ctx, day, day.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"https://a.example/", "https://b.example/", "https://c.example/"}, urlsOf(links)); diff != "" {
		t.Errorf("Links (-want +got):\n%s", diff)
	}
}

func TestRanges(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	// Posts every 6 hours around day, written in different zones.
	mustSave(t, s,
		post("a", day.Add(-6*time.Hour).In(newYork), "https://a.example/"),
		post("b", day.In(paris), "https://b.example/"),
		post("c", day.Add(6*time.Hour), "https://c.example/"),
		post("d", day.Add(12*time.Hour).In(newYork), "https://d.example/"),
		post("e", day.Add(-30*365*24*time.Hour), "https://old.example/"), // 1984
		post("f", time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), "https://older.example/"),
	)
	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"from inclusive to exclusive", day, day.Add(12 * time.Hour), []string{"b", "c"}},
		{"bounds in another zone", day.In(newYork), day.Add(12 * time.Hour).In(paris), []string{"b", "c"}},
		{"one nanosecond before", day.Add(-time.Nanosecond), day.Add(time.Nanosecond), []string{"b"}},
		{"to just after", day.Add(time.Nanosecond), day.Add(12*time.Hour + time.Nanosecond), []string{"c", "d"}},
		{"empty range", day, day, nil},
		{"reversed range", day.Add(time.Hour), day, nil},
		{"before 1970 first", time.Time{}, day, []string{"f", "e", "a"}},
		{"everything", time.Time{}, day.AddDate(1000, 0, 0), []string{"f", "e", "a", "b", "c", "d"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			posts, err := s.Posts(ctx, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, idsOf(posts)); diff != "" {
				t.Errorf("Posts (-want +got):\n%s", diff)
			}
			links, err := s.Links(ctx, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, l := range links {
				keys = append(keys, strings.TrimPrefix(l.PostKey, "x/"))
			}
			if diff := cmp.Diff(tc.want, keys); diff != "" {
				t.Errorf("Links (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLinksPostingOrder(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	// Same instant: ordered by post key ("x/a" < "x/ab"), then by order in
	// the post, whatever the order of the call.
	mustSave(t, s,
		post("ab", day, "https://3.example/"),
		post("b", day.Add(-time.Second), "https://1.example/"),
		post("a", day, "https://2.example/z", "https://2.example/a", "https://2.example/m"),
	)
	links, err := s.Links(ctx, day.Add(-time.Hour), day.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://1.example/", "https://2.example/z", "https://2.example/a", "https://2.example/m", "https://3.example/"}
	if diff := cmp.Diff(want, urlsOf(links)); diff != "" {
		t.Errorf("Links (-want +got):\n%s", diff)
	}
}

func TestSaveAtomic(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		name  string
		ctx   context.Context
		posts []moisson.Post
	}{
		{"cancelled context", cancelled, []moisson.Post{post("2", day, "https://b.example/")}},
		{"post without id", ctx, []moisson.Post{post("2", day, "https://b.example/"), post("", day)}},
		{"post without time", ctx, []moisson.Post{post("2", day, "https://b.example/"), post("3", time.Time{})}},
		{"post out of range", ctx, []moisson.Post{post("2", day, "https://b.example/"), post("3", time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			if _, err := s.Save(ctx, []moisson.Post{post("1", day.Add(-time.Hour), "https://a.example/")}, "x", "1"); err != nil {
				t.Fatal(err)
			}
			before, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			added, err := s.Save(tc.ctx, tc.posts, "x", "2")
			if err == nil {
				t.Fatal("Save succeeded, want an error")
			}
			if added != 0 {
				t.Errorf("added = %d, want 0", added)
			}
			after, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("failed Save changed the store (-before +after):\n%s", diff)
			}
			if c, err := s.Cursor(ctx, "x"); err != nil || c != "1" {
				t.Errorf("Cursor(x) = %q, %v; want the old \"1\"", c, err)
			}
		})
	}
}

func TestSaveCursorOnly(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.Save(ctx, nil, "feed:https://a.example/feed", "etag-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save(ctx, []moisson.Post{post("1", day)}, "", "ignored"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCursor(ctx, "x", "42"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Cursors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"feed:https://a.example/feed": "etag-1", "x": "42"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Cursors (-want +got):\n%s", diff)
	}
	if err := s.SetCursor(ctx, "x", ""); err != nil {
		t.Fatal(err)
	}
	if c, err := s.Cursor(ctx, "x"); err != nil || c != "" {
		t.Errorf("Cursor(x) after reset = %q, %v; want \"\"", c, err)
	}
	if c, err := s.Cursor(ctx, "unknown"); err != nil || c != "" {
		t.Errorf("Cursor(unknown) = %q, %v; want \"\"", c, err)
	}
	if err := s.SetCursor(ctx, "", "1"); err == nil {
		t.Error("SetCursor with no source succeeded")
	}
}

func okPage(url, title string) moisson.Page {
	return moisson.Page{URL: url, FinalURL: url, Title: title, Lead: "lead", Kind: moisson.KindHTML, Status: 200, FetchedAt: day}
}

func failedPage(url string, permanent bool) moisson.Page {
	status := 503
	if permanent {
		status = 404
	}
	return moisson.Page{URL: url, Status: status, Error: fmt.Sprintf("status %d", status), Permanent: permanent, FetchedAt: day}
}

func TestPutPage(t *testing.T) {
	const u = "https://a.example/"
	tests := []struct {
		name string
		puts []moisson.Page
		want moisson.Page
	}{
		{"first success", []moisson.Page{okPage(u, "A")}, withAttempts(okPage(u, "A"), 1)},
		{"first failure", []moisson.Page{failedPage(u, false)}, withAttempts(failedPage(u, false), 1)},
		{"failures count", []moisson.Page{failedPage(u, false), failedPage(u, false), failedPage(u, true)}, withAttempts(failedPage(u, true), 3)},
		{"success replaces a failure", []moisson.Page{failedPage(u, false), okPage(u, "A")}, withAttempts(okPage(u, "A"), 2)},
		{"failure keeps a success unchanged", []moisson.Page{okPage(u, "A"), failedPage(u, true), failedPage(u, false)}, withAttempts(okPage(u, "A"), 1)},
		{"success replaces a success", []moisson.Page{okPage(u, "A"), okPage(u, "B")}, withAttempts(okPage(u, "B"), 2)},
		{"attempts given are ignored", []moisson.Page{withAttempts(okPage(u, "A"), 7)}, withAttempts(okPage(u, "A"), 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := mustOpen(t)
			for _, p := range tc.puts {
				if err := s.PutPage(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Page(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Page (-want +got):\n%s", diff)
			}
		})
	}
}

func withAttempts(p moisson.Page, n int) moisson.Page {
	p.Attempts = n
	return p
}

func TestPages(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if err := s.PutPage(ctx, okPage("https://a.example/", "A")); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPage(ctx, failedPage("https://b.example/", true)); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPage(ctx, moisson.Page{}); err == nil {
		t.Error("PutPage with no URL succeeded")
	}
	got, err := s.Pages(ctx, []string{"https://a.example/", "https://missing.example/", "https://b.example/"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]moisson.Page{
		"https://a.example/": withAttempts(okPage("https://a.example/", "A"), 1),
		"https://b.example/": withAttempts(failedPage("https://b.example/", true), 1),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Pages (-want +got):\n%s", diff)
	}
	if _, err := s.Page(ctx, "https://missing.example/"); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("Page(missing) error = %v, want ErrNotFound", err)
	}
}

func TestFailed(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	for _, p := range []moisson.Page{
		failedPage("https://c.example/", false),
		okPage("https://b.example/", "B"),
		failedPage("https://a.example/", true),
		failedPage("https://d.example/", false),
	} {
		if err := s.PutPage(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		limit int
		want  []string
	}{
		{0, []string{"https://a.example/", "https://c.example/", "https://d.example/"}},
		{2, []string{"https://a.example/", "https://c.example/"}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint("limit ", tc.limit), func(t *testing.T) {
			pages, err := s.Failed(ctx, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pages {
				if p.OK() {
					t.Errorf("Failed returned %s, scraped fine", p.URL)
				}
				got = append(got, p.URL)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Failed (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPending(t *testing.T) {
	const (
		none      = "https://none.example/"
		ok        = "https://ok.example/"
		permanent = "https://permanent.example/"
		retry     = "https://retry.example/"   // failed once
		retried   = "https://retried.example/" // failed 3 times
		shared    = "https://shared.example/"  // shared twice
		late      = "https://late.example/"
	)
	ctx := context.Background()
	s := mustOpen(t)
	mustSave(t, s,
		post("1", day, shared, none),
		post("2", day.Add(time.Hour), ok, permanent),
		post("3", day.Add(2*time.Hour), retry, retried, shared),
		post("4", day.Add(3*time.Hour), late, shared, "https://twitter.com/a/status/1"),
	)
	puts := []moisson.Page{
		okPage(ok, "OK"),
		failedPage(permanent, true),
		failedPage(retry, false),
		failedPage(retried, false), failedPage(retried, false), failedPage(retried, false),
	}
	for _, p := range puts {
		if err := s.PutPage(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	type result struct{ URL, PostKey string }
	tests := []struct {
		name        string
		since       time.Time
		maxAttempts int
		limit       int
		want        []result
	}{
		{"all", time.Time{}, 3, 0, []result{{shared, "x/1"}, {none, "x/1"}, {retry, "x/3"}, {late, "x/4"}}},
		{"more attempts", time.Time{}, 4, 0, []result{{shared, "x/1"}, {none, "x/1"}, {retry, "x/3"}, {retried, "x/3"}, {late, "x/4"}}},
		{"no retry", time.Time{}, 0, 0, []result{{shared, "x/1"}, {none, "x/1"}, {late, "x/4"}}},
		{"limit", time.Time{}, 3, 3, []result{{shared, "x/1"}, {none, "x/1"}, {retry, "x/3"}}},
		{"since is inclusive", day.Add(2 * time.Hour), 3, 0, []result{{retry, "x/3"}, {shared, "x/3"}, {late, "x/4"}}},
		{"since in another zone", day.Add(2*time.Hour + time.Second).In(paris), 3, 0, []result{{late, "x/4"}, {shared, "x/4"}}},
		{"since after everything", day.Add(4 * time.Hour), 3, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			links, err := s.Pending(ctx, tc.since, tc.maxAttempts, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []result
			for _, l := range links {
				got = append(got, result{l.URL, l.PostKey})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Pending (-want +got):\n%s", diff)
			}
		})
	}

	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Posts: 4, Links: 9, Pages: 4, Failed: 3, Pending: 3}
	if diff := cmp.Diff(want, st); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
}

func TestPublications(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	pub := func(week string, pushed bool) moisson.Publication {
		return moisson.Publication{Week: week, Path: "_posts/" + week + ".md", Hash: "abc", Links: 12, PublishedAt: day.In(paris), Pushed: pushed}
	}
	for _, p := range []moisson.Publication{pub("2014-W41", false), pub("2014-W40", false), pub("2013-W52", false), pub("2014-W40", true)} {
		if err := s.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutPublication(ctx, moisson.Publication{}); err == nil {
		t.Error("PutPublication with no week succeeded")
	}
	utc := func(p moisson.Publication) moisson.Publication {
		p.PublishedAt = p.PublishedAt.UTC()
		return p
	}
	got, err := s.Publication(ctx, "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(utc(pub("2014-W40", true)), got); diff != "" {
		t.Errorf("Publication (-want +got):\n%s", diff)
	}
	if _, err := s.Publication(ctx, "2014-W42"); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("Publication(missing) error = %v, want ErrNotFound", err)
	}
	all, err := s.Publications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []moisson.Publication{utc(pub("2013-W52", false)), utc(pub("2014-W40", true)), utc(pub("2014-W41", false))}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("Publications (-want +got):\n%s", diff)
	}
}

func TestEmptyStore(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.FirstPost(ctx); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("FirstPost error = %v, want ErrNotFound", err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{}) {
		t.Errorf("Stats = %+v, want zeros", st)
	}
	for name, f := range map[string]func() (int, error){
		"Posts":        func() (int, error) { p, err := s.Posts(ctx, time.Time{}, day); return len(p), err },
		"Links":        func() (int, error) { l, err := s.Links(ctx, time.Time{}, day); return len(l), err },
		"Pending":      func() (int, error) { l, err := s.Pending(ctx, time.Time{}, 3, 0); return len(l), err },
		"Failed":       func() (int, error) { p, err := s.Failed(ctx, 0); return len(p), err },
		"Publications": func() (int, error) { p, err := s.Publications(ctx); return len(p), err },
		"Cursors":      func() (int, error) { c, err := s.Cursors(ctx); return len(c), err },
	} {
		if n, err := f(); err != nil || n != 0 {
			t.Errorf("%s = %d items, %v; want none", name, n, err)
		}
	}
}

func TestLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "moisson.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// bbolt locks with flock, which also holds against a second open in
	// the same process. A short timeout keeps the test quick.
	second, err := open(path, 10*time.Millisecond)
	if err == nil {
		second.Close()
		t.Fatal("second open succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("second open error = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "moisson.db is in use by another moisson process") {
		t.Errorf("second open error = %q, want it to name the file", err)
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "moisson.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save(ctx, []moisson.Post{post("1", day, "https://a.example/", "https://b.example/")}, "x", "1"); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPage(ctx, okPage("https://a.example/", "A")); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPublication(ctx, moisson.Publication{Week: "2014-W40", PublishedAt: day}); err != nil {
		t.Fatal(err)
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("Stats after reopen (-before +after):\n%s", diff)
	}
	if c, err := s.Cursor(ctx, "x"); err != nil || c != "1" {
		t.Errorf("Cursor(x) = %q, %v; want \"1\"", c, err)
	}
	if p, err := s.Page(ctx, "https://a.example/"); err != nil || p.Title != "A" {
		t.Errorf("Page = %+v, %v; want title A", p, err)
	}
	if _, err := s.Publication(ctx, "2014-W40"); err != nil {
		t.Error(err)
	}
	pending, err := s.Pending(ctx, time.Time{}, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"https://b.example/"}, urlsOf(pending)); diff != "" {
		t.Errorf("Pending (-want +got):\n%s", diff)
	}
}

func TestNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "moisson.db")
	db, err := bbolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	newer := binary.BigEndian.AppendUint64(nil, schemaVersion+1)
	err = db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		return b.Put(keySchema, newer)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a newer schema succeeded")
	}
	if !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open error = %q, want it to say the schema is newer", err)
	}

	// The file was left as it was, and is not locked any more.
	db, err = bbolt.Open(path, 0o600, &bbolt.Options{Timeout: 10 * time.Millisecond, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bbolt.Tx) error {
		if tx.Bucket(bucketPosts) != nil {
			t.Error("Open created buckets in a newer store")
		}
		if v := tx.Bucket(bucketMeta).Get(keySchema); !bytes.Equal(v, newer) {
			t.Errorf("schema version = %x, want %x", v, newer)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCancelledContext(t *testing.T) {
	s := mustOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	writes := map[string]func() error{
		"Save": func() error {
			_, err := s.Save(ctx, []moisson.Post{post("1", day, "https://a.example/")}, "x", "1")
			return err
		},
		"PutPage":        func() error { return s.PutPage(ctx, okPage("https://a.example/", "A")) },
		"SetCursor":      func() error { return s.SetCursor(ctx, "x", "1") },
		"PutPublication": func() error { return s.PutPublication(ctx, moisson.Publication{Week: "2014-W40"}) },
	}
	for name, write := range writes {
		if err := write(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s error = %v, want context.Canceled", name, err)
		}
	}
	reads := map[string]func() error{
		"Posts":        func() error { _, err := s.Posts(ctx, time.Time{}, day); return err },
		"Links":        func() error { _, err := s.Links(ctx, time.Time{}, day); return err },
		"Pending":      func() error { _, err := s.Pending(ctx, time.Time{}, 3, 0); return err },
		"Stats":        func() error { _, err := s.Stats(ctx); return err },
		"Publications": func() error { _, err := s.Publications(ctx); return err },
	}
	for name, read := range reads {
		if err := read(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s error = %v, want context.Canceled", name, err)
		}
	}

	bg := context.Background()
	st, err := s.Stats(bg)
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{}) {
		t.Errorf("Stats = %+v after cancelled writes, want zeros", st)
	}
	cursors, err := s.Cursors(bg)
	if err != nil {
		t.Fatal(err)
	}
	pubs, err := s.Publications(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(cursors) != 0 || len(pubs) != 0 {
		t.Errorf("cancelled writes left cursors %v and publications %v", cursors, pubs)
	}
}

func TestTimeKeyOrder(t *testing.T) {
	times := []time.Time{
		{},
		time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(-1, 0),
		time.Unix(0, 0),
		time.Unix(0, 1),
		day.In(newYork),
		day.Add(time.Nanosecond).In(paris),
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := 1; i < len(times); i++ {
		a, b := timeKey(times[i-1]), timeKey(times[i])
		if len(a) != timeKeyLen || len(b) != timeKeyLen {
			t.Fatalf("timeKey lengths %d, %d; want %d", len(a), len(b), timeKeyLen)
		}
		// The clamped times (before 1678, after 2262) may share a key.
		if c := bytes.Compare(a, b); c > 0 || (c == 0 && i != 1) {
			t.Errorf("timeKey(%s) = %x is not before timeKey(%s) = %x", times[i-1], a, times[i], b)
		}
	}
	if !bytes.Equal(timeKey(day.In(paris)), timeKey(day)) {
		t.Error("timeKey depends on the time zone")
	}
}

func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	var posts []moisson.Post
	for i := range 100 {
		posts = append(posts, post(strconv.Itoa(i), day.Add(time.Duration(i)*time.Minute), fmt.Sprintf("https://%d.example/", i)))
	}
	mustSave(t, s, posts...)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 100 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			errs <- s.PutPage(ctx, okPage(fmt.Sprintf("https://%d.example/", i), "T"))
		}()
		go func() {
			defer wg.Done()
			_, err := s.Pending(ctx, time.Time{}, 3, 0)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	pending, err := s.Pending(ctx, time.Time{}, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 0 {
		t.Errorf("%d links still pending after every page was put", len(pending))
	}
}

func ExampleStore() {
	dir, err := os.MkdirTemp("", "moisson")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := Open(filepath.Join(dir, "moisson.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	// The posts read from a source and where it stopped, saved together.
	posts := []moisson.Post{{
		ID: "520", Source: "x", CreatedAt: time.Date(2014, 10, 1, 9, 30, 0, 0, time.UTC),
		Text: "À lire", URLs: []string{"https://blog.example/article", "https://x.com/a/status/1"},
	}}
	added, err := s.Save(ctx, posts, "x", "520")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("new posts:", added)

	// Scrape what is pending, then read the week.
	pending, _ := s.Pending(ctx, time.Time{}, 3, 0)
	for _, l := range pending {
		_ = s.PutPage(ctx, moisson.Page{URL: l.URL, Title: "Un article", Status: 200})
	}
	monday := time.Date(2014, 9, 29, 0, 0, 0, 0, time.UTC)
	links, _ := s.Links(ctx, monday, monday.AddDate(0, 0, 7))
	for _, l := range links {
		p, _ := s.Page(ctx, l.URL)
		fmt.Println(l.URL, "-", p.Title)
	}
	// Output:
	// new posts: 1
	// https://blog.example/article - Un article
}

// lateCtx is a context that turns cancelled after its Err was asked ok
// times: a cancellation that arrives in the middle of a call, without
// timing.
type lateCtx struct {
	context.Context
	ok atomic.Int32
}

func (c *lateCtx) Err() error {
	if c.ok.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestSaveCancelledMidway(t *testing.T) {
	posts := []moisson.Post{post("1", day, "https://a.example/")}
	// Save looks at its context before the transaction, every few posts,
	// and before the commit: whichever look sees it cancelled, nothing is
	// written.
	for ok := int32(0); ok < 3; ok++ {
		t.Run(fmt.Sprint("cancelled after ", ok, " looks"), func(t *testing.T) {
			s := mustOpen(t)
			ctx := &lateCtx{Context: context.Background()}
			ctx.ok.Store(ok)
			if _, err := s.Save(ctx, posts, "x", "1"); !errors.Is(err, context.Canceled) {
				t.Fatalf("Save error = %v, want context.Canceled", err)
			}
			st, err := s.Stats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			c, err := s.Cursor(context.Background(), "x")
			if err != nil {
				t.Fatal(err)
			}
			if st != (Stats{}) || c != "" {
				t.Errorf("cancelled Save left %+v and cursor %q", st, c)
			}
		})
	}
}
