package weekly

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
)

// TestPublishOpenWeekIsRefusedUnlessClosedEarly publishes 2014-W40 on the
// Wednesday before its Friday cutoff: refused with the cutoff, then, asked
// to close it, written dated Thursday; a link shared afterwards goes to
// the next week, which starts at the closing, across a new Service.
func TestPublishOpenWeekIsRefusedUnlessClosedEarly(t *testing.T) {
	ctx := context.Background()
	s, w, _ := weekToPublish(t)
	s.BlogDir = t.TempDir()
	wednesday := time.Date(2014, 10, 2, 10, 0, 0, 0, s.Digest.Location)
	now := wednesday
	s.Now = func() time.Time { return now }

	_, err := s.PublishNow(ctx, w, "test", false)
	var open *moisson.WeekOpenError
	if !errors.As(err, &open) || !errors.Is(err, ErrWeekOpen) {
		t.Fatalf("publishing the open week: %v, want a *moisson.WeekOpenError", err)
	}
	if open.Week != "2014-W40" || !open.Cutoff.Equal(w.End) {
		t.Fatalf("open week error %+v, want 2014-W40 closing %s", open, w.End)
	}
	if !strings.Contains(err.Error(), "Fri 3 Oct 2014 18:00") {
		t.Fatalf("message %q does not say when the week closes", err)
	}
	// The page's path answers 409 and keeps the cutoff.
	if _, err := s.Publish(ctx, w.ID, "page"); !errors.Is(err, review.ErrConflict) || !errors.As(err, &open) {
		t.Fatalf("page publish of the open week: %v, want a conflict carrying the cutoff", err)
	}
	if _, err := s.Store.Publication(ctx, w.ID); !errors.Is(err, moisson.ErrNotFound) {
		t.Fatalf("a refused publication wrote something: %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(s.BlogDir, "_posts", "*")); len(files) != 0 {
		t.Fatalf("a refused publication wrote %v", files)
	}

	pub, err := s.PublishWeek(ctx, w, PublishOptions{By: "test", CloseEarly: true})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Path != "_posts/2014-10-02-compilation-veille.md" || pub.Draft {
		t.Fatalf("publication %+v, want the file dated Thursday, published", pub)
	}
	body, err := os.ReadFile(filepath.Join(s.BlogDir, pub.Path))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"date: 2014-10-02 10:00:00 +0200", "du 29 septembre au 2 octobre 2014", "[A post](https://blog.example/post)"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("post lacks %q:\n%s", want, body)
		}
	}
	log, err := s.Store.EditLog(ctx, w.ID, 10)
	if err != nil || len(log) == 0 || !hasAction(log, "close") {
		t.Fatalf("edit log %+v %v, want a close event", log, err)
	}

	// A link shared that afternoon belongs to the next week, for this
	// Service and for a new one on the same store (a restart).
	later := "https://blog.example/later"
	now = wednesday.Add(3 * time.Hour)
	if _, err := s.Store.Save(ctx, []moisson.Post{{ID: "2", Source: "x", CreatedAt: now.Add(-time.Hour), Text: "Later", URLs: []string{later}}}, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Store.PutPage(ctx, moisson.Page{URL: later, Title: "Later", Lead: "Shared after the closing.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	restarted := &Service{Store: s.Store, Digest: s.Digest, BlogDir: s.BlogDir, Now: s.Now, MaxAttempts: 3}
	for name, svc := range map[string]*Service{"same": s, "restarted": restarted} {
		d, err := svc.Build(ctx, w, BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Links != 1 || !d.Week.End.Equal(wednesday) {
			t.Errorf("%s: closed week has %d links ending %s, want 1 ending %s", name, d.Links, d.Week.End, wednesday)
		}
		cur, err := svc.WeekAt(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		if cur.ID != "2014-W41" || !cur.Start.Equal(wednesday) {
			t.Fatalf("%s: week at %s is %+v, want 2014-W41 starting at the closing", name, now, cur)
		}
		next, err := svc.Build(ctx, cur, BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if next.Links != 1 || next.Sections[0].Entries[0].URL != later {
			t.Errorf("%s: next week %+v, want the later link", name, next.Sections)
		}
		st, err := svc.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.NextWeek != "2014-W41" {
			t.Errorf("%s: status names %s as the next week, want 2014-W41", name, st.NextWeek)
		}
	}
	md := renderWeek(t, s, "2014-W41")
	if !strings.Contains(md, "du 2 au 10 octobre 2014") {
		t.Errorf("the next week's intro does not start on the closing day:\n%s", md)
	}

	// The cutoff comes: the run loop publishes the week as configured;
	// the closed week keeps its file, its end and its single link.
	now = w.End.Add(time.Minute)
	if err := s.PublishDue(ctx, w); err != nil {
		t.Fatal(err)
	}
	again, err := s.Store.Publication(ctx, w.ID)
	if err != nil || again.Path != pub.Path || again.Links != 1 {
		t.Fatalf("after the cutoff: %+v %v, want the same file with 1 link", again, err)
	}
	if files, _ := filepath.Glob(filepath.Join(s.BlogDir, "_posts", "*")); len(files) != 1 {
		t.Fatalf("files %v, want the one post", files)
	}
	// Closing again is no error and moves nothing.
	if _, err := s.PublishWeek(ctx, w, PublishOptions{CloseEarly: true}); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Build(ctx, w, BuildOptions{}); !d.Week.End.Equal(wednesday) {
		t.Fatalf("week end moved to %s", d.Week.End)
	}
}

// TestCloseEarlyRefusesAnEmptyWeek: a week with no link is never closed.
func TestCloseEarlyRefusesAnEmptyWeek(t *testing.T) {
	ctx := context.Background()
	s, w, _ := weekToPublish(t)
	s.BlogDir = t.TempDir()
	monday := time.Date(2014, 9, 29, 9, 0, 0, 0, s.Digest.Location) // before the only link
	s.Now = func() time.Time { return monday }
	if _, err := s.PublishWeek(ctx, w, PublishOptions{CloseEarly: true}); !errors.Is(err, ErrBadChange) {
		t.Fatalf("closing an empty week: %v, want ErrBadChange", err)
	}
	if c, err := s.Store.Closings(ctx, w.ID); err != nil || len(c) != 0 {
		t.Fatalf("closings %v %v, want none", c, err)
	}
}

func hasAction(log []moisson.EditEvent, action string) bool {
	for _, e := range log {
		if e.Action == action {
			return true
		}
	}
	return false
}

func renderWeek(t *testing.T, s *Service, id string) string {
	t.Helper()
	v, err := s.Week(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return v.Markdown
}
