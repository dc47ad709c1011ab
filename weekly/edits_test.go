package weekly

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/scrape"
)

// curatedWeek makes a store holding three scraped links of 2014-W40 and
// a Service writing into a fresh blog directory, its clock just after
// the week's cutoff.
func curatedWeek(t *testing.T) (*Service, moisson.Week, []string) {
	t.Helper()
	ctx := context.Background()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dc := digest.DefaultConfig()
	w, err := dc.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	urls := []string{"https://ssl.example/universal", "https://go.example/release", "https://db.example/mysql"}
	tags := []string{"SSL", "Go", "MySQL"}
	for i, u := range urls {
		p := moisson.Post{ID: fmt.Sprint(i + 1), Source: "x", CreatedAt: w.End.Add(-time.Duration(72-i) * time.Hour),
			Text: "Shared #" + tags[i], URLs: []string{u}, Hashtags: []string{tags[i]}}
		if _, err := st.Save(ctx, []moisson.Post{p}, "", ""); err != nil {
			t.Fatal(err)
		}
		page := moisson.Page{URL: u, Title: "Title " + tags[i], Lead: "The lead of the " + tags[i] + " page.", Status: 200,
			Paragraphs: []string{"The lead of the " + tags[i] + " page.", "A second paragraph of " + tags[i] + "."}}
		if err := st.PutPage(ctx, page); err != nil {
			t.Fatal(err)
		}
	}
	now := w.End.Add(time.Minute)
	s := &Service{Store: st, Digest: dc, BlogDir: t.TempDir(), MaxAttempts: 3,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}
	return s, w, urls
}

func (s *Service) setNow(t time.Time) { s.Now = func() time.Time { return t } }

func readPost(t *testing.T, s *Service, w moisson.Week) string {
	t.Helper()
	pub, err := s.Store.Publication(context.Background(), w.ID)
	if err != nil {
		t.Fatalf("week %s not written: %v", w.ID, err)
	}
	b, err := os.ReadFile(filepath.Join(s.BlogDir, pub.Path))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func edit(t *testing.T, s *Service, w moisson.Week, c review.Change) {
	t.Helper()
	c.By = "test"
	if err := s.Edit(context.Background(), w.ID, c); err != nil {
		t.Fatalf("edit %+v: %v", c, err)
	}
}

// The author's edits are applied by every path that writes the week: the
// run loop at the cutoff, digest/regenerate after a later scrape, and a
// page taken from the Wayback Machine.
func TestEditsSurviveEveryRegeneration(t *testing.T) {
	ctx := context.Background()
	s, w, urls := curatedWeek(t)
	edit(t, s, w, review.Change{Action: "hide", Entry: urls[2]})
	edit(t, s, w, review.Change{Action: "title", Entry: urls[0], Value: "Universal SSL, by the author"})
	edit(t, s, w, review.Change{Action: "comment", Entry: urls[0], Value: "Worth a *read*."})
	edit(t, s, w, review.Change{Action: "category", Entry: urls[1], Value: "Langages"})
	edit(t, s, w, review.Change{Action: "lead", Entry: urls[1], Value: "A second paragraph of Go."})

	check := func(when string) {
		t.Helper()
		md := readPost(t, s, w)
		for _, want := range []string{"Universal SSL, by the author", "Worth a *read*.", "### Langages", "A second paragraph of Go."} {
			if !strings.Contains(md, want) {
				t.Errorf("%s: the post lacks the author's %q:\n%s", when, want, md)
			}
		}
		for _, gone := range []string{urls[2], "Title SSL", "### Go\n"} {
			if strings.Contains(md, gone) {
				t.Errorf("%s: the post still has %q:\n%s", when, gone, md)
			}
		}
	}
	// The run loop at the cutoff.
	if err := s.Publisher().Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	check("run")

	// A later scrape changes a page: regenerated, the edits stay.
	if err := s.Store.PutPage(ctx, moisson.Page{URL: urls[0], Title: "Universal SSL (updated)", Lead: "A new lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{}); err != nil {
		t.Fatal(err)
	}
	check("digest")
	if md := readPost(t, s, w); !strings.Contains(md, "A new lead.") {
		t.Errorf("the regenerated post lacks the new lead:\n%s", md)
	}

	// A link whose page is gone, taken from the Wayback Machine, keeps
	// the author's comment.
	gone := "https://gone.example/post"
	if _, err := s.Store.Save(ctx, []moisson.Post{{ID: "9", Source: "x", CreatedAt: w.End.Add(-time.Hour), Text: "Gone #Archives", URLs: []string{gone}, Hashtags: []string{"Archives"}}}, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.PutPage(ctx, moisson.Page{URL: gone, Status: 404, Error: "404 Not Found", Permanent: true}); err != nil {
		t.Fatal(err)
	}
	edit(t, s, w, review.Change{Action: "comment", Entry: gone, Value: "Gone, but archived."})
	s.Rescuer = rescuerFunc(func(u string) moisson.Page {
		return moisson.Page{URL: u, CanonicalURL: u, Title: "Archived post", Lead: "Archived lead.", Status: 200, Snapshot: "https://web.archive.org/web/2014/" + u}
	})
	s.setNow(w.End.Add(30 * 24 * time.Hour))
	if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{Rescue: true}); err != nil {
		t.Fatal(err)
	}
	check("rescue")
	if md := readPost(t, s, w); !strings.Contains(md, "Archived post") || !strings.Contains(md, "Gone, but archived.") {
		t.Errorf("the rescued page or its comment is not in the post:\n%s", md)
	}

	// Undo takes back the last change (the comment on the gone link) only.
	if err := s.Undo(ctx, w.ID, "test"); err != nil {
		t.Fatal(err)
	}
	v, err := s.Week(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(v.Markdown, "Gone, but archived.") || !strings.Contains(v.Markdown, "Worth a *read*.") {
		t.Errorf("after undo, want the last comment gone and the others kept:\n%s", v.Markdown)
	}
	if len(v.Log) == 0 || v.Log[0].Action != "undo" {
		t.Errorf("edit log %+v, want the undo first", v.Log)
	}
}

type rescuerFunc func(string) moisson.Page

func (f rescuerFunc) Rescue(_ context.Context, u string, _ time.Time) moisson.Page { return f(u) }

func TestMoveAndAddLink(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Added by hand</title></head><body><article><h1>Added by hand</h1><p>A page the author added on the review page, long enough to be the lead of its entry.</p></article></body></html>`)
	}))
	defer srv.Close()
	s, w, urls := curatedWeek(t)
	s.Scraper = scrape.New(scrape.Options{AllowPrivate: true, HostDelay: -1})
	edit(t, s, w, review.Change{Action: "category", Entry: urls[1], Value: "SSL"})
	edit(t, s, w, review.Change{Action: "up", Entry: urls[1]})
	added := srv.URL + "/added"
	edit(t, s, w, review.Change{Action: "add", Value: added, Category: "Divers", Comment: "Found later."})

	v, err := s.Week(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Sections) == 0 || v.Sections[0].Name != "SSL" || len(v.Sections[0].Entries) != 2 || v.Sections[0].Entries[0].Entry.Key != urls[1] {
		t.Fatalf("want the Go link moved first in SSL, got %+v", v.Sections)
	}
	var found bool
	for _, sec := range v.Sections {
		for _, e := range sec.Entries {
			if e.Entry.Key == added {
				found = true
				if sec.Name != "Divers" || e.Entry.Title != "Added by hand" || e.Entry.Comment != "Found later." {
					t.Errorf("added link in %q as %+v", sec.Name, e.Entry)
				}
			}
		}
	}
	if !found {
		t.Fatalf("the added link is not in the week: %+v", v.Sections)
	}
	// Bad changes are refused and change nothing.
	for _, c := range []review.Change{{Action: "add", Value: "javascript:alert(1)"}, {Action: "frobnicate", Entry: urls[0]}, {Action: "down", Entry: "https://nowhere.example/"}} {
		if err := s.Edit(ctx, w.ID, c); !errors.Is(err, ErrBadChange) {
			t.Errorf("change %+v: %v, want ErrBadChange", c, err)
		}
	}
}

// A post the author edited by hand is never overwritten, unless forced.
func TestHandEditedFileIsKept(t *testing.T) {
	ctx := context.Background()
	s, w, _ := curatedWeek(t)
	if err := s.PublishDue(ctx, w); err != nil {
		t.Fatal(err)
	}
	pub, _ := s.Store.Publication(ctx, w.ID)
	file := filepath.Join(s.BlogDir, pub.Path)
	mine := readPost(t, s, w) + "\nMy own closing words.\n"
	if err := os.WriteFile(file, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	var conflict *digest.ConflictError
	if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{Refresh: false}); !errors.As(err, &conflict) {
		t.Fatalf("regenerating over a hand-edited post: %v, want a ConflictError", err)
	}
	if got, _ := os.ReadFile(file); string(got) != mine {
		t.Fatal("the author's file was overwritten")
	}
	st, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(st.Warnings, "\n"), "edited by hand") {
		t.Errorf("status warnings %q do not show the conflict", st.Warnings)
	}
	sums, _ := s.Weeks(ctx)
	if len(sums) == 0 || sums[0].Week.ID != w.ID && sums[1].Week.ID != w.ID {
		t.Fatalf("weeks %+v", sums)
	}
	// The run loop does not fail on it either.
	if err := s.PublishDue(ctx, w); err != nil {
		t.Errorf("run on a week edited by hand: %v", err)
	}
	if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(file); strings.Contains(string(got), "My own closing words.") {
		t.Fatal("--force did not regenerate the post")
	}
	if pub, _ := s.Store.Publication(ctx, w.ID); pub.Conflict != "" {
		t.Errorf("conflict %q still recorded after --force", pub.Conflict)
	}
}

// MOISSON_PUBLISH=review: a draft at the cutoff, published (and
// committed) when the author approves it.
func TestDraftThenApprovalThenPublication(t *testing.T) {
	ctx := context.Background()
	remote, blog := blogCheckout(t)
	s, w, _ := curatedWeek(t)
	s.BlogDir, s.Git, s.Mode = blog, &publish.Git{Dir: blog}, Mode{Review: true}
	if err := s.Publisher().Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	pub, err := s.Store.Publication(ctx, w.ID)
	if err != nil || !pub.Draft {
		t.Fatalf("publication %+v %v, want a draft", pub, err)
	}
	if md := readPost(t, s, w); !strings.Contains(md, "published: false") {
		t.Fatalf("draft without published: false:\n%s", md)
	}
	if got := git(t, remote, "log", "--all", "--format=%s"); strings.Contains(got, w.ID) {
		t.Fatalf("a draft was committed and pushed: %q", got)
	}
	// Ticks do not publish a draft in review mode.
	s.setNow(w.End.Add(30 * 24 * time.Hour))
	if err := s.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if pub, _ := s.Store.Publication(ctx, w.ID); !pub.Draft {
		t.Fatal("a draft published without approval")
	}
	if _, err := s.Publish(ctx, w.ID, "page 127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	pub, _ = s.Store.Publication(ctx, w.ID)
	if pub.Draft || !pub.Pushed {
		t.Fatalf("after approval: %+v, want published and pushed", pub)
	}
	if md := readPost(t, s, w); strings.Contains(md, "published: false") {
		t.Fatalf("approved post still a draft:\n%s", md)
	}
	if got := git(t, remote, "log", "--format=%s", "main"); !strings.Contains(got, "week "+w.ID) {
		t.Fatalf("remote log %q, want the week's commit", got)
	}
	log, _ := s.Store.EditLog(ctx, w.ID, 10)
	if len(log) == 0 || log[0].Action != "publish" || log[0].By != "page 127.0.0.1" {
		t.Errorf("edit log %+v, want who published", log)
	}
}

// MOISSON_PUBLISH=after:48h: a draft at the cutoff, published by itself
// 48 hours later unless held.
func TestAfterDurationPublishesUnlessHeld(t *testing.T) {
	ctx := context.Background()
	s, w, _ := curatedWeek(t)
	s.Mode = Mode{After: 48 * time.Hour}
	if err := s.PublishDue(ctx, w); err != nil {
		t.Fatal(err)
	}
	isDraft := func() bool {
		pub, err := s.Store.Publication(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		return pub.Draft
	}
	if !isDraft() {
		t.Fatal("not a draft at the cutoff")
	}
	s.setNow(w.End.Add(47 * time.Hour))
	if err := s.Tick(ctx); err != nil || !isDraft() {
		t.Fatalf("published before its time (%v)", err)
	}
	edit(t, s, w, review.Change{Action: "hold"})
	s.setNow(w.End.Add(49 * time.Hour))
	if err := s.Tick(ctx); err != nil || !isDraft() {
		t.Fatalf("a held week was published (%v)", err)
	}
	sums, err := s.Weeks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sum := range sums {
		if sum.Week.ID == w.ID && (sum.State != review.StateDraft || sum.Reason != "held") {
			t.Errorf("summary %+v, want a held draft", sum)
		}
	}
	edit(t, s, w, review.Change{Action: "release"})
	if err := s.Tick(ctx); err != nil || isDraft() {
		t.Fatalf("a released week past its time is still a draft (%v)", err)
	}
}

func TestParseMode(t *testing.T) {
	for in, want := range map[string]Mode{"": {}, "auto": {}, "Review": {Review: true}, "after:48h": {After: 48 * time.Hour}} {
		got, err := ParseMode(in)
		if err != nil || got != want {
			t.Errorf("ParseMode(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"later", "after:", "after:-1h", "after:soon"} {
		if _, err := ParseMode(bad); err == nil {
			t.Errorf("ParseMode(%q) accepted", bad)
		}
	}
}

// import reads a Mastodon archive's outbox.json (the same function the
// command and the daemon call), and importing twice changes nothing.
func TestImportMastodonArchive(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	path := filepath.Join("..", "bot", "mastodon", "testdata", "mastodon", "outbox.json")
	r, err := Import(ctx, st, path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Posts == 0 || r.New != r.Posts || r.First.IsZero() {
		t.Fatalf("import gave %+v, want posts, all new, dated", r)
	}
	again, err := Import(ctx, st, path)
	if err != nil || again.New != 0 {
		t.Fatalf("second import %+v %v, want nothing new", again, err)
	}
	posts, err := st.Posts(ctx, r.First, r.Last.Add(time.Second))
	if err != nil || len(posts) == 0 || posts[0].Source != "mastodon" {
		t.Fatalf("stored posts %+v %v, want the archive's, named as the Mastodon source names them", posts, err)
	}
}

// fakeService records the announcements it was asked to post.
type fakeService struct {
	name  string
	posts []publish.Post
	fail  error
}

func (f *fakeService) Name() string { return f.name }
func (f *fakeService) Post(_ context.Context, p publish.Post) error {
	if f.fail != nil {
		return f.fail
	}
	f.posts = append(f.posts, p)
	return nil
}

// A week published is announced once per service, never as a draft, and
// a service that failed is tried again at the next Tick; a restart
// (a new Service on the same store) announces nothing twice.
func TestPublishedWeekIsAnnouncedOnce(t *testing.T) {
	ctx := context.Background()
	s, w, _ := curatedWeek(t)
	s.Digest.BlogURL = "https://blog.example"
	masto := &fakeService{name: publish.ServiceMastodon}
	bsky := &fakeService{name: publish.ServiceBluesky, fail: errors.New("bluesky: 502")}
	s.Announcer = &publish.Announcer{Services: []publish.Service{masto, bsky}}
	s.Mode = Mode{Review: true}
	if err := s.PublishDue(ctx, w); err != nil {
		t.Fatal(err)
	}
	if len(masto.posts) != 0 {
		t.Fatalf("a draft was announced: %+v", masto.posts)
	}
	if _, err := s.Publish(ctx, w.ID, "test"); err == nil || !strings.Contains(err.Error(), "502") {
		t.Errorf("publish with a failing service: %v, want its error", err)
	}
	if len(masto.posts) != 1 || !strings.HasPrefix(masto.posts[0].URL, "https://blog.example/") {
		t.Fatalf("mastodon posts %+v, want one with the post's URL", masto.posts)
	}
	bsky.fail = nil
	if err := s.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if len(masto.posts) != 1 || len(bsky.posts) != 1 {
		t.Fatalf("announced %d times on Mastodon and %d on Bluesky, want once each", len(masto.posts), len(bsky.posts))
	}
	pub, _ := s.Store.Publication(ctx, w.ID)
	if len(pub.Announced) != 2 {
		t.Errorf("publication records %v, want both services", pub.Announced)
	}
	// Regenerated later: not announced again.
	if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{Refresh: false}); err != nil {
		t.Fatal(err)
	}
	if len(masto.posts) != 1 || len(bsky.posts) != 1 {
		t.Fatal("a regenerated week was announced again")
	}
}

// A page shared again the week after (here an LWN article, on another
// source) appears in the first week only.
func TestPageSharedAgainAppearsInItsFirstWeekOnly(t *testing.T) {
	ctx := context.Background()
	s, w, urls := curatedWeek(t)
	next := s.Digest.Next(w)
	again := moisson.Post{ID: "41", Source: "mastodon", CreatedAt: next.Start.Add(time.Hour), Text: "Toujours bon", URLs: []string{urls[1] + "?utm_source=mastodon"}}
	fresh := moisson.Post{ID: "42", Source: "mastodon", CreatedAt: next.Start.Add(2 * time.Hour), Text: "Nouveau", URLs: []string{"https://new.example/post"}}
	if _, err := s.Store.Save(ctx, []moisson.Post{again, fresh}, "", ""); err != nil {
		t.Fatal(err)
	}
	s.setNow(next.End.Add(time.Minute))
	d, err := s.Build(ctx, next, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Links != 1 || d.Sections[0].Entries[0].Key != "https://new.example/post" {
		t.Fatalf("next week's entries %+v, want only the new page", d.Sections)
	}
	if first, _ := s.Build(ctx, w, BuildOptions{}); first.Links != 3 {
		t.Errorf("the first week has %d entries, want its 3", first.Links)
	}
}

// Posts whose links could not be read are counted in the status, per
// source, never dropped silently.
func TestStatusCountsUnreadablePosts(t *testing.T) {
	s, _, _ := curatedWeek(t)
	s.Sources = []string{"bluesky", "mastodon"}
	s.Unreadable = func() map[string]int64 { return map[string]int64{"bluesky": 2} }
	st, err := s.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, src := range st.Sources {
		if src.Name == "bluesky" && src.Unreadable == 2 {
			found = true
		}
		if src.Name == "mastodon" && src.Unreadable != 0 {
			t.Errorf("mastodon counts %d unreadable posts", src.Unreadable)
		}
	}
	if !found || !strings.Contains(strings.Join(st.Warnings, "\n"), "2 posts whose links could not be read") {
		t.Errorf("status %+v does not count bluesky's unreadable posts", st)
	}
}

func TestDescribeCursor(t *testing.T) {
	for raw, want := range map[string]string{
		"":                    "not read yet",
		"1900000000000000003": "after post 1900000000000000003",
		`{"etag":"\"abc\"","last_seen":"2014-10-03T16:00:00Z","seen":["a","b"]}`: "newest item 2014-10-03 16:00 UTC, 2 items seen, asked only if changed",
		`{"newest":"2024-05-01T12:00:00Z","keys":["at://x"]}`:                    "newest post 2024-05-01 12:00 UTC",
	} {
		if got := describeCursor(raw); got != want {
			t.Errorf("describeCursor(%q) = %q, want %q", raw, got, want)
		}
	}
}
