package main

// Acceptance tests of the live bot (issue 3): `moisson run` and `moisson
// backfill` run as real processes, killed with SIGKILL in the middle of
// their work and started again, against a fake web on loopback addresses.

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
)

// deadline bounds every wait of these tests: generous, against a hang,
// never a timing assertion.
const deadline = 2 * time.Minute

// rssFeed renders an RSS 2.0 feed of bookmarks (items whose link is the
// page itself), newest first.
type rssItem struct {
	Title, Link, Description string
	Date                     time.Time
	Category                 string
}

func rssFeed(items []rssItem) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Mes signets</title><link>http://127.0.0.1/</link><description>Signets partagés</description>
`)
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"false\">bookmark-%d</guid><pubDate>%s</pubDate><description>%s</description><category>%s</category></item>\n",
			html.EscapeString(it.Title), html.EscapeString(it.Link), i, it.Date.Format(time.RFC1123Z), html.EscapeString(it.Description), html.EscapeString(it.Category))
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}

// linkCount counts the Markdown links to u in md: "](u)".
func linkCount(md, u string) int {
	return strings.Count(md, "]("+u+")")
}

// postFiles lists the posts written in blog/_posts (not the temporary
// files of an atomic write).
func postFiles(t *testing.T, blog string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(blog, "_posts"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// waitFile waits for path to exist.
func waitFile(t *testing.T, p *liveProc, path string) {
	t.Helper()
	stop := time.Now().Add(deadline)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if p.Exited() {
			t.Fatalf("%s exited before writing %s; its log:\n%s", p.name, path, p.Stderr())
		}
		if time.Now().After(stop) {
			t.Fatalf("%s not written after %s; log:\n%s", path, deadline, p.Stderr())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRunKilledMidScrapeThenPublishesOnce is the acceptance test of
// `moisson run`: posts of last week read from the X API v2 and a feed, a
// page that hangs, SIGKILL during its scrape, a restart that goes on where
// the first process was (nothing fetched twice), the week's post written
// once with every link exactly once, a clean stop on SIGTERM, `moisson
// status` afterwards, and a second process refused while the first runs.
func TestRunKilledMidScrapeThenPublishesOnce(t *testing.T) {
	dc := digest.DefaultConfig()
	// The test's "last week" must be the processes' last week: never
	// start with a cutoff about to pass.
	if left := time.Until(dc.WeekOf(time.Now()).End); left < 3*time.Minute {
		t.Logf("waiting %s for the cutoff to pass", left)
		time.Sleep(left + time.Second)
	}
	now := time.Now()
	current := dc.WeekOf(now)
	last := dc.WeekOf(current.Start.Add(-time.Nanosecond))
	at := func(d time.Duration) time.Time { return last.Start.Add(d) }

	web := newFakeWeb(t)
	page := func(a, b int, path string) string { return web.HostURL(a, b) + path }
	var (
		goBlog   = page(1, 1, "/go-1-26-is-released")
		goTour   = page(1, 1, "/tour/concurrency")
		lwn      = page(1, 2, "/Articles/990000/")
		slow     = page(1, 3, "/slow/page")
		bookmark = page(1, 2, "/bookmarks/raft.pdf.html")
		other    = page(1, 4, "/2026/ssl.html")
	)
	gate := make(chan struct{})
	titles := map[string]string{
		goBlog: "Go 1.26 is released", goTour: "A Tour of Go: concurrency", lwn: "The kernel's new scheduler",
		slow: "Une page lente", bookmark: "In Search of an Understandable Consensus Algorithm", other: "Universal SSL: how it scales",
	}
	for u, title := range titles {
		p := &fakePage{Status: http.StatusOK, Title: title, Lead: "Le premier paragraphe de « " + title + " », assez long pour être pris pour l'ouverture de l'article par l'extraction."}
		if u == slow {
			p.Gate = gate
		}
		web.AddPage(u, p)
	}
	x := &fakeX{Username: "moissonneur", UserID: "2244994945", Bearer: "AAAA-test-bearer-token", Tweets: []fakeTweet{
		{ID: "1900000000000000001", At: at(2 * time.Hour), Text: "Go 1.26 est sorti, et le tour de Go se refait une beauté", URLs: []string{goBlog, goTour}, Tags: []string{"Go"}},
		{ID: "1900000000000000002", At: at(26 * time.Hour), Text: "LWN sur le nouvel ordonnanceur", URLs: []string{lwn}, Tags: []string{"Linux"}},
		{ID: "1900000000000000003", At: at(50 * time.Hour), Text: "Une page qui prend son temps", URLs: []string{slow}, Tags: []string{"Web"}},
	}}
	web.mu.Lock()
	web.x = x
	web.feed = rssFeed([]rssItem{
		{Title: "Raft, the paper", Link: bookmark, Description: "The Raft paper, still the best introduction.", Date: at(30 * time.Hour), Category: "Consensus"},
		{Title: "Universal SSL", Link: other, Description: "How Cloudflare scaled TLS.", Date: at(74 * time.Hour), Category: "SSL"},
	})
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
		"MOISSON_POLL_INTERVAL=1m",
		"MOISSON_FETCH_TIMEOUT=60s",
		"MOISSON_FEEDS="+web.Base()+"/feed.xml",
		"X_API_BASE_URL="+web.Base(),
		"X_BEARER_TOKEN="+x.Bearer,
		"X_USERNAME="+x.Username,
	)
	postPath := filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: last}.Path(dc)))
	others := []string{goBlog, goTour, lwn, bookmark, other}

	// First process: it reads both sources, scrapes, and hangs on the slow
	// page; every other page is scraped and stored.
	first := startMoisson(t, "first run", work, environ, "run")
	select {
	case <-web.Arrived(slow):
	case <-first.done:
		t.Fatalf("first run exited before scraping the slow page: %s", first.Stderr())
	case <-time.After(deadline):
		t.Fatalf("the slow page was never asked for; log:\n%s", first.Stderr())
	}
	first.WaitFor("the other pages scraped", deadline, func(evs []logEvent) bool {
		done := map[string]bool{}
		for _, ev := range evs {
			if ev.str("msg") == "scraped" {
				done[ev.str("url")] = true
			}
		}
		for _, u := range others {
			if !done[u] {
				return false
			}
		}
		return true
	})

	// A second process on the same store is refused with a clear error.
	second := startMoisson(t, "second run", work, environ, "run")
	if code := second.Wait(deadline); code == 0 {
		t.Errorf("a second moisson run on the same store exited with status 0; log:\n%s", second.Stderr())
	}
	if !strings.Contains(second.Stderr(), "in use by another moisson process") {
		t.Errorf("the second process does not say the store is in use:\n%s", second.Stderr())
	}
	if first.Exited() {
		t.Fatalf("the first process stopped when the second started: %s", first.Stderr())
	}

	// Killed in the middle of the slow page's scrape.
	first.Kill9()
	if _, err := os.Stat(postPath); err == nil {
		t.Fatalf("%s was written before its links were scraped", postPath)
	}
	if files := postFiles(t, blog); len(files) != 0 {
		t.Fatalf("posts written before the kill: %v", files)
	}
	hitsBefore := web.Hits()
	for _, u := range others {
		if hitsBefore[u] != 1 {
			t.Errorf("%s fetched %d times by the first process, want 1", u, hitsBefore[u])
		}
	}
	since := x.SinceIDs()

	// Restarted: the slow page is asked again, and answers this time.
	restarted := startMoisson(t, "restarted run", work, environ, "run")
	restarted.WaitFor("the slow page asked again", deadline, func([]logEvent) bool {
		return web.Hits()[slow] >= 2
	})
	close(gate)
	waitFile(t, restarted, postPath)
	restarted.WaitFor("the publication recorded", deadline, func(evs []logEvent) bool {
		for _, ev := range evs {
			if ev.str("msg") == "week done" && ev.str("week") == last.ID {
				return true
			}
		}
		return false
	})

	// While run holds the store, the other commands ask it.
	daemonStatus := startMoisson(t, "status while run runs", work, environ, "status")
	if code := daemonStatus.Wait(deadline); code != 0 || !strings.Contains(daemonStatus.Stdout(), "held by the running daemon") {
		t.Errorf("status while run runs: exit %d\n%s\n%s", code, daemonStatus.Stdout(), daemonStatus.Stderr())
	}
	daemonDigest := startMoisson(t, "digest --stdout while run runs", work, environ, "digest", "--week", last.ID, "--stdout")
	if code := daemonDigest.Wait(deadline); code != 0 || !strings.Contains(daemonDigest.Stdout(), "[Go 1.26 is released]") {
		t.Errorf("digest --stdout while run runs: exit %d\n%s\n%s", code, daemonDigest.Stdout(), daemonDigest.Stderr())
	}
	daemonWrite := startMoisson(t, "digest while run runs", work, environ, "digest", "--week", last.ID)
	if code := daemonWrite.Wait(deadline); code != 0 || !strings.Contains(daemonWrite.Stdout(), "by the daemon") {
		t.Errorf("digest while run runs: exit %d\n%s\n%s", code, daemonWrite.Stdout(), daemonWrite.Stderr())
	}
	daemonScrape := startMoisson(t, "scrape while run runs", work, environ, "scrape", "--json", goBlog)
	if code := daemonScrape.Wait(deadline); code != 0 || !strings.Contains(daemonScrape.Stdout(), `"title":"Go 1.26 is released"`) {
		t.Errorf("scrape while run runs: exit %d\n%s\n%s", code, daemonScrape.Stdout(), daemonScrape.Stderr())
	}
	empty := filepath.Join(work, "tweets.js")
	if err := os.WriteFile(empty, []byte("window.YTD.tweets.part0 = []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	daemonImport := startMoisson(t, "import while run runs", work, environ, "import", empty)
	if code := daemonImport.Wait(deadline); code != 0 || !strings.Contains(daemonImport.Stdout(), "0 posts read") {
		t.Errorf("import while run runs: exit %d\n%s\n%s", code, daemonImport.Stdout(), daemonImport.Stderr())
	}
	restarted.Signal(syscall.SIGTERM)
	if code := restarted.Wait(deadline); code != 0 {
		t.Errorf("moisson run exited with status %d on SIGTERM, want 0; log:\n%s", code, restarted.Stderr())
	}
	if len(restarted.Events("stopped")) != 1 {
		t.Errorf("no clean stop logged:\n%s", restarted.Stderr())
	}

	// Nothing was fetched twice but the page the kill cut short.
	for u, n := range web.Hits() {
		want := 1
		if u == slow {
			want = 2
		}
		if n != want {
			t.Errorf("%s fetched %d times in all, want %d", u, n, want)
		}
	}
	// The restart asked the X API only for what is newer than the first
	// process had stored.
	all := x.SinceIDs()
	if len(since) == 0 || since[0] != "" {
		t.Errorf("first timeline reads: since_id %q, want a first read without since_id", since)
	}
	if got := all[len(since):]; len(got) == 0 || got[0] != "1900000000000000003" {
		t.Errorf("restart read the timeline with since_id %q, want 1900000000000000003 (the newest post stored)", got)
	}

	// One post, last week's, with every link exactly once.
	if files := postFiles(t, blog); len(files) != 1 || files[0] != filepath.Base(postPath) {
		t.Fatalf("posts written: %v, want only %s", files, filepath.Base(postPath))
	}
	b, err := os.ReadFile(postPath)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	for u, title := range titles {
		if n := linkCount(md, u); n != 1 {
			t.Errorf("%s appears %d times in the post, want 1", u, n)
		}
		if !strings.Contains(md, "["+title+"]") {
			t.Errorf("the entry of %s is not titled %q (its page's title)", u, title)
		}
	}
	if t.Failed() {
		t.Logf("the post:\n%s\nthe restarted process's log:\n%s", md, restarted.Stderr())
	}

	// status works on the store afterwards.
	status := startMoisson(t, "status", work, environ, "status")
	if code := status.Wait(deadline); code != 0 {
		t.Fatalf("moisson status exited with %d:\n%s", code, status.Stderr())
	}
	out := status.Stdout()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`posts\s+5\n`),
		regexp.MustCompile(`links\s+6 \(6 pages scraped, 0 pending, 0 failed\)`),
		regexp.MustCompile(`(?m)^  x\n    last read [^\n]*; newest: after post 1900000000000000003; `),
		regexp.MustCompile(`last post\s+` + last.ID),
	} {
		if !want.MatchString(out) {
			t.Errorf("moisson status does not match %s:\n%s", want, out)
		}
	}
}

// backfillSize is the history of TestBackfillKilledAndResumed: the full
// size of the acceptance criteria (5,000 links on 300 hosts over two
// years), smaller in -short mode.
func backfillSize() (links, hosts, weeks int) {
	if testing.Short() {
		return 600, 60, 26
	}
	return 5000, 300, 104
}

// TestBackfillKilledAndResumed is the acceptance test of `moisson
// backfill`: two years of posts in an X archive export, a tenth of the
// pages gone and taken from the Wayback Machine, SIGKILL after 40% of the
// pages were asked for, a restart that completes the job without fetching
// again what was stored, one post per week that has links, and every link
// exactly once, linking to its live URL.
func TestBackfillKilledAndResumed(t *testing.T) {
	nLinks, nHosts, nWeeks := backfillSize()
	web := newFakeWeb(t)
	h := genHistory(web, nLinks, nHosts, nWeeks, 2014)
	work := t.TempDir()
	arch := filepath.Join(work, "twitter-archive")
	if err := h.WriteArchive(arch); err != nil {
		t.Fatal(err)
	}
	blog := filepath.Join(work, "blog")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(work, "moisson.db")
	environ := baseEnviron(work,
		"MOISSON_DB="+db,
		"MOISSON_HOST_DELAY=5ms",
		"MOISSON_CONCURRENCY=16",
		"WAYBACK_BASE_URL="+web.Base(), "MOISSON_WAYBACK_RATE=6000/min",
	)
	args := []string{"backfill", "--from", h.From, "--to", h.To, "--archive", arch, "--out", blog}

	// Killed once 40% of the pages were asked for.
	killAt := nLinks * 40 / 100
	reached := make(chan struct{})
	web.mu.Lock()
	web.onHit = func(n int) {
		if n == killAt {
			close(reached)
		}
	}
	web.mu.Unlock()
	first := startMoisson(t, "first backfill", work, environ, args...)
	select {
	case <-reached:
	case <-first.done:
		t.Fatalf("the backfill ended before 40%% of the pages were asked for (%d of %d); log:\n%s", len(web.Hits()), nLinks, first.Stderr())
	case <-time.After(deadline):
		t.Fatalf("40%% of the pages not asked for after %s; log:\n%s", deadline, first.Stderr())
	}
	first.Kill9()
	web.mu.Lock()
	t.Logf("killed %s after the first page request", time.Since(web.first["page"]))
	web.onHit = nil
	web.mu.Unlock()
	// Posts of the quarters already done may be written: a backfill
	// publishes a quarter at a time.

	// What the store holds after the kill: bbolt must open it, and every
	// page it holds must not be fetched again.
	hitsBefore := web.Hits()
	st, err := archive.Open(db)
	if err != nil {
		t.Fatalf("the store does not open after kill -9: %v", err)
	}
	urls := make([]string, len(h.Links))
	for i, l := range h.Links {
		urls[i] = l.URL
	}
	stored, err := st.Pages(context.Background(), urls)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for u := range stored {
		if hitsBefore[u] == 0 {
			t.Errorf("%s is stored but was never fetched", u)
		}
	}
	t.Logf("%d links, %d gone; killed after %d page requests: %d pages stored, %d fetched but not stored",
		len(h.Links), len(h.Dead()), len(hitsBefore), len(stored), len(hitsBefore)-len(stored))

	// Restarted: it completes. The Wayback Machine is asked beside the
	// scraping, so some pages were asked before the kill.
	asksBefore := web.Asks()
	web.ResetHits()
	second := startMoisson(t, "second backfill", work, environ, args...)
	if code := second.Wait(5 * deadline); code != 0 {
		t.Fatalf("the resumed backfill exited with %d; log:\n%s", code, second.Stderr())
	}
	// The archive is read a quarter at a time: the resumed backfill reads
	// only the quarters the first one had not read.
	readBefore := make(map[string]bool)
	for _, ev := range first.Events("backfill: posts") {
		readBefore[ev.str("from")+" "+ev.str("to")] = true
	}
	if len(readBefore) == 0 {
		t.Error("the first backfill logged no quarter read")
	}
	for _, ev := range second.Events("backfill: posts") {
		if q := ev.str("from") + " " + ev.str("to"); readBefore[q] {
			t.Errorf("the resumed backfill read the quarter %s again", q)
		}
	}
	hitsAfter := web.Hits()
	refetched := 0
	for u, n := range hitsAfter {
		if n != 1 {
			t.Errorf("%s fetched %d times by the resumed backfill, want 1", u, n)
		}
		if _, ok := stored[u]; ok {
			t.Errorf("%s was stored before the kill and fetched again", u)
		}
		if hitsBefore[u] > 0 {
			refetched++
		}
	}
	// The pages fetched but not stored when the process died: those in
	// flight and those waiting to be written.
	t.Logf("fetched again after the restart: %d pages (in flight or unwritten at the kill)", refetched)
	// What may be lost when the process dies: the requests under way (16),
	// the pages fetched and being extracted or handed over (16 + 1), those
	// waiting for the store (a buffer as big as the concurrency), and a
	// batch of writes (16) or the page being written. Not the hundreds of
	// pages a fast web can get ahead of the store's commits.
	if limit := 4*16 + 2; refetched > limit {
		t.Errorf("%d pages fetched before the kill were fetched again, want at most %d (the pages in flight)", refetched, limit)
	}
	for _, l := range h.Links {
		if hitsBefore[l.URL]+hitsAfter[l.URL] == 0 {
			t.Errorf("%s was never fetched", l.URL)
		}
	}
	// Polite all along: never two requests at once to a host, and at
	// least MOISSON_HOST_DELAY between the end of one and the start of
	// the next (as the server sees them, which only widens the gap).
	web.mu.Lock()
	overlap, gap := web.overlap, web.hostGapMin
	web.mu.Unlock()
	if overlap != 0 {
		t.Errorf("%d requests reached a host that was still answering another one", overlap)
	}
	if gap < 5*time.Millisecond {
		t.Errorf("two requests to one host %s apart, want at least MOISSON_HOST_DELAY=5ms", gap)
	}
	asks := web.Asks()
	for u, n := range asksBefore {
		asks[u] += n
	}
	// Rescues go one at a time: only the one under way at the kill may be
	// asked twice.
	twice := 0
	for _, i := range h.Dead() {
		switch n := asks[h.Links[i].URL]; {
		case n == 2 && twice == 0:
			twice++
		case n != 1:
			t.Errorf("the Wayback Machine was asked %d times for %s (gone), want 1", n, h.Links[i].URL)
		}
	}
	if len(asks) != len(h.Dead()) {
		t.Errorf("the Wayback Machine was asked for %d pages, want the %d gone", len(asks), len(h.Dead()))
	}
	if !strings.Contains(second.Stdout(), fmt.Sprintf("%s written", plural(len(h.Weeks), "post", "posts"))) {
		t.Errorf("stdout %q, want %d posts written", second.Stdout(), len(h.Weeks))
	}

	// One post per week that has links.
	var want []string
	posts := map[string]string{} // file name -> content
	for id, idx := range h.Weeks {
		name := filepath.Base(h.PostFile(h.Links[idx[0]].Week))
		want = append(want, name)
		_ = id
	}
	sort.Strings(want)
	got := postFiles(t, blog)
	if !slices.Equal(got, want) {
		t.Errorf("%d posts written, want %d (one per week with links); missing %v, extra %v",
			len(got), len(want), difference(want, got), difference(got, want))
	}
	var all strings.Builder
	for _, name := range got {
		b, err := os.ReadFile(filepath.Join(blog, "_posts", name))
		if err != nil {
			t.Fatal(err)
		}
		posts[name] = string(b)
		all.Write(b)
	}
	md := all.String()

	// Every link exactly once across all posts, in its week's post, gone
	// pages with their live URL and their archived title.
	bad := 0
	for _, l := range h.Links {
		file := filepath.Base(h.PostFile(l.Week))
		n, inWeek := linkCount(md, l.URL), linkCount(posts[file], l.URL)
		if n != 1 || inWeek != 1 || !strings.Contains(posts[file], "["+l.Title+"]("+l.URL+")") {
			if bad++; bad <= 10 {
				t.Errorf("%s (status %d, posted %s, week %s): %d times in all posts, %d in %s, want once with its title %q",
					l.URL, l.Status, l.Posted.Format(time.RFC3339), l.Week.ID, n, inWeek, file, l.Title)
			}
		}
	}
	if bad > 10 {
		t.Errorf("... and %d more links wrong", bad-10)
	}
	// The capture shows only after the live link, as " ([archive](…))"
	// (MOISSON_DEADLINK_STYLE=annotate, the default).
	if bare := archiveNote.ReplaceAllString(md, ""); strings.Contains(bare, "/web/") {
		i := strings.Index(bare, "/web/")
		t.Errorf("a post links to a Wayback Machine snapshot instead of the live URL: ...%s...", bare[max(0, i-80):min(len(bare), i+80)])
	}
	if n := len(archiveNote.FindAllString(md, -1)); n == 0 {
		t.Errorf("no gone link is annotated with its archived copy")
	}
}

// archiveNote is the archived copy written after a gone page's link.
var archiveNote = regexp.MustCompile(` \(\[archive\]\([^)\s]+/web/[^)\s]+\)\)`)

// difference returns the elements of a not in b (both sorted).
func difference(a, b []string) []string {
	var d []string
	for _, s := range a {
		if _, found := slices.BinarySearch(b, s); !found {
			d = append(d, s)
		}
	}
	return d
}
