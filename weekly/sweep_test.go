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
	"github.com/moisson/moisson/linkcheck"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/scrape"
)

// nearestArchive has a capture of every page, made on the share date.
type nearestArchive struct{}

func (nearestArchive) Nearest(_ context.Context, u string, at time.Time) (string, error) {
	return "https://web.archive.org/web/" + at.UTC().Format("20060102150405") + "/" + u, nil
}

// The link-rot sweep through the real Service: two published weeks with
// a link gone each are written again in one commit and one push, the
// author's comment kept, the links annotated with their copy; a week
// whose file was edited by hand is kept and the others written all the
// same; a sweep with nothing new commits nothing.
func TestSweepRewritesWeeksInOneCommit(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/gone") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Alive and well</title></head><body><article><p>Still here, and long enough to be read as an article.</p></article></body></html>`)
	}))
	defer srv.Close()
	remote, blog := blogCheckout(t)
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dc := digest.DefaultConfig()
	w40, _ := dc.ParseWeek("2014-W40")
	w41, _ := dc.ParseWeek("2014-W41")
	w42, _ := dc.ParseWeek("2014-W42")
	links := []struct {
		week moisson.Week
		path string
	}{{w40, "/alive"}, {w40, "/gone-a"}, {w41, "/gone-b"}, {w42, "/gone-c"}}
	for i, l := range links {
		u := srv.URL + l.path
		p := moisson.Post{ID: fmt.Sprint(i + 1), Source: "x", CreatedAt: l.week.End.Add(-24 * time.Hour), Text: "Shared #Web " + u, URLs: []string{u}, Hashtags: []string{"Web"}}
		if _, err := st.Save(ctx, []moisson.Post{p}, "", ""); err != nil {
			t.Fatal(err)
		}
		title := "Alive and well"
		if l.path != "/alive" {
			title = "Page " + l.path
		}
		if err := st.PutPage(ctx, moisson.Page{URL: u, FinalURL: u, Title: title, Lead: "The lead of " + l.path + ".", Kind: moisson.KindHTML, Status: 200}); err != nil {
			t.Fatal(err)
		}
	}
	now := w42.End.Add(time.Hour)
	s := &Service{Store: st, Digest: dc, BlogDir: blog, Git: &publish.Git{Dir: blog}, MaxAttempts: 3,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}
	for _, w := range []moisson.Week{w40, w41, w42} {
		if err := s.PublishDue(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	edit(t, s, w40, review.Change{Action: "comment", Entry: srv.URL + "/gone-a", Value: "Worth a *read*, even gone."})
	// W42's post is edited by hand: the sweep keeps it.
	pub42, err := st.Publication(ctx, w42.ID)
	if err != nil {
		t.Fatal(err)
	}
	handEdited := filepath.Join(blog, pub42.Path)
	if err := os.WriteFile(handEdited, []byte("---\ntitle: mine\n---\nWritten by hand.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	commits := func() string { return strings.TrimSpace(git(t, blog, "rev-list", "--count", "HEAD")) }
	before := commits()

	sw := &linkcheck.Sweeper{Store: st, WeekOf: dc.WeekOf, Archive: nearestArchive{}, Write: s.Rewrite, Now: s.Now,
		Checker: &linkcheck.Checker{Scraper: scrape.New(scrape.Options{AllowPrivate: true, HostDelay: -1, Retries: -1, Timeout: 5 * time.Second}), Concurrency: 2}}
	rep, err := sw.Run(ctx, time.Time{})
	var conflict *digest.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("sweep: %v, want the hand-edited week's conflict", err)
	}
	if rep.Checked != 4 || rep.Gone != 3 || rep.Rescued != 3 || strings.Join(rep.Weeks, " ") != w40.ID+" "+w41.ID {
		t.Errorf("report %+v, want 3 gone rescued and weeks %s %s written", rep, w40.ID, w41.ID)
	}
	if got, want := commits(), fmt.Sprint(mustAtoi(t, before)+1); got != want {
		t.Errorf("%s commits after the sweep, want %s (one for both weeks)", got, want)
	}
	if files := strings.Fields(git(t, blog, "show", "--name-only", "--format=", "HEAD")); len(files) != 2 {
		t.Errorf("the sweep's commit holds %v, want the two weeks' posts", files)
	}
	if local, pushed := git(t, blog, "rev-parse", "HEAD"), git(t, remote, "rev-parse", "main"); local != pushed {
		t.Errorf("the sweep's commit is not pushed: %s vs %s", local, pushed)
	}
	md := readPost(t, s, w40)
	capture := "https://web.archive.org/web/" + w40.End.Add(-24*time.Hour).UTC().Format("20060102150405") + "/" + srv.URL + "/gone-a"
	for _, want := range []string{"Worth a *read*, even gone.", "[Page /gone-a](" + srv.URL + "/gone-a) ([archive](" + capture + "))", "[Alive and well](" + srv.URL + "/alive)\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("week %s lacks %q:\n%s", w40.ID, want, md)
		}
	}
	if md := readPost(t, s, w41); !strings.Contains(md, "([archive](https://web.archive.org/web/") {
		t.Errorf("week %s not annotated:\n%s", w41.ID, md)
	}
	for _, w := range []moisson.Week{w40, w41} {
		if pub, err := st.Publication(ctx, w.ID); err != nil || !pub.Pushed {
			t.Errorf("week %s: %+v %v, want recorded as pushed", w.ID, pub, err)
		}
	}
	if b, _ := os.ReadFile(handEdited); !strings.Contains(string(b), "Written by hand.") {
		t.Errorf("the hand-edited post was overwritten:\n%s", b)
	}
	if pub, _ := st.Publication(ctx, w42.ID); pub.Conflict == "" {
		t.Errorf("week %s: no conflict recorded", w42.ID)
	}

	// Nothing new: no rewrite, no commit.
	before = commits()
	if rep, err := sw.Run(ctx, time.Time{}); err != nil || len(rep.Weeks) != 0 {
		t.Errorf("second sweep: %+v %v, want nothing written", rep, err)
	}
	if got := commits(); got != before {
		t.Errorf("a sweep with nothing new committed (%s commits, was %s)", got, before)
	}

	// Status shows the last sweep.
	var status review.Status
	if err := s.LinkHealth(ctx, &status); err != nil {
		t.Fatal(err)
	}
	if lc := status.LinkCheck; lc == nil || lc.Checked != 4 || lc.Gone != 3 || lc.Rescued != 3 || lc.At.IsZero() {
		t.Errorf("status link check %+v", status.LinkCheck)
	}
	if status.Wayback != nil {
		t.Errorf("status shows a Wayback queue with no Wayback: %+v", status.Wayback)
	}
	s.Rescuer = scrape.NewWayback(scrape.New(scrape.Options{}), scrape.WaybackOptions{})
	if err := s.LinkHealth(ctx, &status); err != nil || status.Wayback == nil {
		t.Errorf("status with a Wayback: %+v %v, want its queue", status.Wayback, err)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
