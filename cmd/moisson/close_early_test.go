package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
)

// TestDigestOpenWeekNeedsCloseEarly: writing the week still open is
// refused with its cutoff and the flag to give; with --close-early the
// post is dated today and the week after starts now.
func TestDigestOpenWeekNeedsCloseEarly(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "moisson.db")
	blog := t.TempDir()
	environ := []string{"MOISSON_DB=" + db, "MOISSON_LOG_LEVEL=error", "MOISSON_BLOG_DIR=" + blog}

	dc := digest.DefaultConfig()
	now := time.Now()
	w := dc.WeekOf(now)
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	u := "https://blog.example/open-week"
	shared := w.Start.Add(now.Sub(w.Start) / 2)
	if _, err := st.Save(ctx, []moisson.Post{{ID: "1", Source: "x", CreatedAt: shared, Text: "Open #go", URLs: []string{u}, Hashtags: []string{"go"}}}, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A page of the open week", Lead: "Its lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	_, _, err = run(t, environ, "digest", "--week", "current")
	if err == nil {
		t.Fatal("writing the open week without --close-early succeeded")
	}
	for _, want := range []string{"week " + w.ID + " is still open", "it closes " + w.End.Format("Mon 2 Jan 2006 15:04"), "--close-early"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if files, _ := filepath.Glob(filepath.Join(blog, "_posts", "*")); len(files) != 0 {
		t.Fatalf("refused, yet wrote %v", files)
	}
	// The preview still works.
	if md, _, err := run(t, environ, "digest", "--week", "current", "--stdout"); err != nil || !strings.Contains(md, "A page of the open week") {
		t.Fatalf("preview of the open week: %v\n%s", err, md)
	}

	out, _, err := run(t, environ, "digest", "--week", "current", "--close-early")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "closed early and published, 1 links") {
		t.Errorf("output %q", out)
	}
	today := time.Now().In(dc.Location).Format(time.DateOnly)
	post := filepath.Join(blog, "_posts", today+"-compilation-veille.md")
	if _, err := os.Stat(post); err != nil {
		t.Fatalf("post not dated today (%s): %v", today, err)
	}
	// "current" is now the next week, which has no links yet.
	out, _, err = run(t, environ, "digest", "--week", "current")
	if err != nil || !strings.Contains(out, "no links") {
		t.Fatalf("current week after closing: %q %v, want the next, empty week", out, err)
	}
	out, _, err = run(t, environ, "digest", "--week", w.ID)
	if err != nil || !strings.Contains(out, "unchanged") {
		t.Fatalf("the closed week again: %q %v, want unchanged", out, err)
	}
}
