package main

// Issue 19, items 2 and 4, through the real binary: a feed read in the
// wrong mode holds its week with the reason, `moisson reread` (asked of
// the running daemon) makes the next run read it again, and a backfill
// with only feeds says what it cannot read.

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson/digest"
)

func TestRereadThroughTheDaemonReadsTheFeedAgain(t *testing.T) {
	dc := digest.DefaultConfig()
	current := dc.WeekOf(time.Now())
	last := dc.WeekOf(current.Start.Add(-time.Nanosecond))
	web := newFakeWeb(t)
	article := web.HostURL(1, 1) + "/2026/an-article.html"
	web.AddPage(article, &fakePage{Status: http.StatusOK, Title: "An article worth reading",
		Lead: "The first paragraph of the article, long enough to be taken for its lead by the extraction."})
	// The author's own notes: each item points to the feed's own host,
	// and its text names the article without a link.
	note := rssItem{Title: "A note", Link: web.Base() + "/notes/1", Description: "An article I liked, read it.", Date: last.Start.Add(2 * time.Hour)}
	web.mu.Lock()
	web.feed = rssFeed([]rssItem{note})
	web.mu.Unlock()

	work, blog := t.TempDir(), t.TempDir()
	feedURL := web.Base() + "/feed.xml"
	environ := baseEnviron(work,
		"MOISSON_DB="+filepath.Join(work, "moisson.db"),
		"MOISSON_BLOG_DIR="+blog,
		"MOISSON_HOST_DELAY=1ms",
		"MOISSON_LISTEN=off",
		"MOISSON_FEEDS="+feedURL,
		"WAYBACK_BASE_URL="+web.Base(),
	)

	run := startMoisson(t, "run", work, environ, "run")
	run.WaitFor("last week held for want of links", deadline, func(evs []logEvent) bool {
		for _, ev := range evs {
			if ev.str("msg") == "week pending" && ev.str("week") == last.ID && strings.Contains(ev.str("reason"), "gave no link") {
				return true
			}
		}
		return false
	})
	if files := postFiles(t, blog); len(files) != 0 {
		t.Fatalf("a week without links was written: %v", files)
	}
	status := startMoisson(t, "status", work, environ, "status")
	if code := status.Wait(deadline); code != 0 {
		t.Fatalf("status exited with %d: %s", code, status.Stderr())
	}
	for _, want := range []string{"items read as posts (detected)", last.ID + ": no link: feed:" + feedURL + " read 1 items but gave no link", "links:URL"} {
		if !strings.Contains(status.Stdout(), want) {
			t.Errorf("status does not say %q:\n%s", want, status.Stdout())
		}
	}

	// Asked of the running daemon.
	since := last.Start.In(dc.Location).Format(time.DateOnly)
	reread := startMoisson(t, "reread", work, environ, "reread", feedURL, "--since", since)
	if code := reread.Wait(deadline); code != 0 {
		t.Fatalf("reread exited with %d: %s", code, reread.Stderr())
	}
	if want := "feed:" + feedURL + ": read again at its next poll by the running daemon"; !strings.Contains(reread.Stdout(), want) {
		t.Errorf("reread says %q, want %q", reread.Stdout(), want)
	}
	status = startMoisson(t, "status after reread", work, environ, "status")
	if code := status.Wait(deadline); code != 0 {
		t.Fatalf("status exited with %d: %s", code, status.Stderr())
	}
	if want := "read again at the next poll from " + last.Start.In(dc.Location).Format(time.DateOnly); !strings.Contains(status.Stdout(), want) {
		t.Errorf("status after reread does not say %q:\n%s", want, status.Stdout())
	}
	run.Signal(os.Interrupt)
	if code := run.Wait(deadline); code != 0 {
		t.Fatalf("run exited with %d", code)
	}

	// The note is edited to carry its link; an ordinary poll would not see
	// it again (the item is known), the reread does.
	note.Description = `An article I liked, <a href="` + article + `">read it</a>.`
	web.mu.Lock()
	web.feed = rssFeed([]rssItem{note})
	web.mu.Unlock()
	once := startMoisson(t, "run --once", work, environ, "run", "--once")
	if code := once.Wait(deadline); code != 0 {
		t.Fatalf("run --once exited with %d: %s", code, once.Stderr())
	}
	path := filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: last}.Path(dc)))
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the week was not written after the reread: %v\n%s", err, once.Stderr())
	}
	if n := linkCount(string(md), article); n != 1 {
		t.Errorf("the post links %d times to the article, want 1:\n%s", n, md)
	}

	// A source that is not configured is refused, naming those that are.
	bad := startMoisson(t, "reread unknown", work, environ, "reread", "mastodon", "--since", since)
	if code := bad.Wait(deadline); code == 0 {
		t.Error("reread of an unconfigured source exited 0")
	}
	if !strings.Contains(bad.Stderr(), "not a configured source") || !strings.Contains(bad.Stderr(), "feed:"+feedURL) {
		t.Errorf("reread of an unconfigured source says:\n%s", bad.Stderr())
	}
}

func TestBackfillWithOnlyFeedsSaysWhatItCannotRead(t *testing.T) {
	web := newFakeWeb(t)
	web.mu.Lock()
	web.feed = rssFeed(nil)
	web.mu.Unlock()
	work, blog := t.TempDir(), t.TempDir()
	feedURL := web.Base() + "/feed.xml"
	environ := baseEnviron(work,
		"MOISSON_DB="+filepath.Join(work, "moisson.db"),
		"MOISSON_BLOG_DIR="+blog,
		"MOISSON_FEEDS=links:"+feedURL,
	)
	p := startMoisson(t, "backfill", work, environ, "backfill", "--from", "2014-01-01", "--to", "2014-04-30")
	if code := p.Wait(deadline); code == 0 {
		t.Fatalf("backfill with nothing to read exited 0:\n%s", p.Stdout())
	}
	for _, want := range []string{"nothing to read from 2014-01-01 to 2014-04-30", "feed:" + feedURL + " keep only their last items", "moisson import FILE"} {
		if !strings.Contains(p.Stderr(), want) {
			t.Errorf("backfill does not say %q:\n%s", want, p.Stderr())
		}
	}
	if files := postFiles(t, blog); len(files) != 0 {
		t.Errorf("backfill wrote %v", files)
	}
}

func TestFeedModePrefixInConfiguration(t *testing.T) {
	work := t.TempDir()
	environ := baseEnviron(work, "MOISSON_DB="+filepath.Join(work, "moisson.db"),
		"MOISSON_FEEDS=links:https://me:hunter2pass@links.example/feed posts:https://blog.example/feed.xml")
	out, stderr, err := run(t, environ, "config")
	if err != nil {
		t.Fatalf("config with mode prefixes: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "links:https://") || !strings.Contains(out, "posts:https://blog.example/feed.xml") || strings.Contains(out, "hunter2pass") {
		t.Errorf("config shows:\n%s", out)
	}
	environ = baseEnviron(work, "MOISSON_DB="+filepath.Join(work, "moisson.db"), "MOISSON_FEEDS=link:https://links.example/feed")
	_, stderr, err = run(t, environ, "run", "--once")
	if err == nil || !strings.Contains(err.Error()+stderr, "links:URL") {
		t.Errorf("an unknown mode gave %v\n%s", err, stderr)
	}
}
