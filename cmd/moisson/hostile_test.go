package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/moisson/moisson/digest"
)

// One hostile link cannot wedge the bot: with the PDF that looped the
// PDF reader forever and a page that never answers among its links, `run`
// finishes its cycle and publishes the week, and SIGTERM stops it within
// its 10 s grace even while a fetch is stuck.
func TestRunSurvivesHostileLinks(t *testing.T) {
	loopPDF, err := os.ReadFile(filepath.Join("..", "..", "scrape", "extract", "testdata", "hostile", "pdf-loop.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	dc := digest.DefaultConfig()
	if left := time.Until(dc.WeekOf(time.Now()).End); left < 3*time.Minute {
		t.Logf("waiting %s for the cutoff to pass", left)
		time.Sleep(left + time.Second)
	}
	current := dc.WeekOf(time.Now())
	last := dc.WeekOf(current.Start.Add(-time.Nanosecond))
	at := func(d time.Duration) time.Time { return last.Start.Add(d) }

	web := newFakeWeb(t)
	good := web.HostURL(2, 1) + "/article"
	pdf := web.HostURL(2, 2) + "/paper.pdf"
	stall := web.HostURL(2, 3) + "/never"
	web.AddPage(good, &fakePage{Status: http.StatusOK, Title: "Un article tranquille", Lead: "Un premier paragraphe ordinaire, assez long pour faire une ouverture d'article convenable."})
	web.AddPage(pdf, &fakePage{Status: http.StatusOK, Body: loopPDF, ContentType: "application/pdf"})
	web.AddPage(stall, &fakePage{Status: http.StatusOK, Title: "Jamais", Gate: make(chan struct{})})
	items := []rssItem{
		{Title: "Un article", Link: good, Description: "Tranquille.", Date: at(2 * time.Hour), Category: "Web"},
		{Title: "Un PDF piégé", Link: pdf, Description: "Le PDF qui bouclait.", Date: at(3 * time.Hour), Category: "Web"},
		{Title: "Une page muette", Link: stall, Description: "Elle ne répond jamais.", Date: at(4 * time.Hour), Category: "Web"},
	}
	web.mu.Lock()
	web.feed = rssFeed(items)
	web.mu.Unlock()

	work := t.TempDir()
	blog := filepath.Join(work, "blog")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	environ := baseEnviron(work,
		"MOISSON_DB="+filepath.Join(work, "moisson.db"),
		"MOISSON_BLOG_DIR="+blog,
		"MOISSON_HOST_DELAY=1ms",
		"MOISSON_FETCH_TIMEOUT=2s",
		"MOISSON_FEEDS="+web.Base()+"/feed.xml",
	)
	p := startMoisson(t, "run with hostile links", work, environ, "run")
	p.WaitFor("the week published", deadline, func(evs []logEvent) bool {
		for _, ev := range evs {
			if ev.str("msg") == "week done" && ev.str("week") == last.ID {
				return true
			}
		}
		return false
	})
	files := postFiles(t, blog)
	if len(files) != 1 {
		t.Fatalf("posts written: %v", files)
	}
	b, err := os.ReadFile(filepath.Join(blog, "_posts", files[0]))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{good, pdf, stall} {
		if !strings.Contains(string(b), "]("+u+")") {
			t.Errorf("the post lacks %s:\n%s", u, b)
		}
	}

	// A new link that never answers, fetched when the stop comes.
	stall2 := web.HostURL(2, 4) + "/never-either"
	arrived := web.Arrived(stall2)
	web.AddPage(stall2, &fakePage{Status: http.StatusOK, Title: "Jamais non plus", Gate: make(chan struct{})})
	web.mu.Lock()
	web.feed = rssFeed(append(items, rssItem{Title: "Une autre page muette", Link: stall2, Description: "Toujours rien.", Date: time.Now().Add(-time.Minute), Category: "Web"}))
	web.mu.Unlock()
	p.Signal(syscall.SIGTERM)
	if code := p.Wait(deadline); code != 0 {
		t.Fatalf("exit status %d on SIGTERM; log:\n%s", code, p.Stderr())
	}
	p = startMoisson(t, "run stopped while a fetch is stuck", work, append(environ, "MOISSON_FETCH_TIMEOUT=10m"), "run")
	select {
	case <-arrived:
	case <-time.After(deadline):
		t.Fatalf("the stalled page was never asked for; log:\n%s", p.Stderr())
	}
	start := time.Now()
	p.Signal(syscall.SIGTERM)
	if code := p.Wait(deadline); code != 0 {
		t.Errorf("exit status %d on SIGTERM, want 0; log:\n%s", code, p.Stderr())
	}
	// The grace is 10 s; the bound here is generous against a loaded
	// machine, and far below the 10-minute fetch.
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("SIGTERM took %s to stop run with a fetch stuck, want about the 10 s grace at most", took)
	}
}
