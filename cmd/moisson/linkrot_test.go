package main

// End-to-end tests of the links that never die (issue 10) through the
// command line: the archiver of new links inside `run --once`
// (MOISSON_ARCHIVE_LINKS, Save Page Now), `moisson linkcheck` on published
// weeks of a real git checkout with the author's edits, and the weekly
// sweep inside `run --once` (MOISSON_LINKCHECK). The web, the feed and the
// Wayback Machine (CDX API, id_ captures, SPN2) are one fake server in the
// services' real shapes.

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/linkcheck"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// rotPage is a live page of the fake web.
type rotPage struct {
	Status int // 200, 404, 403 (a Cloudflare challenge)
	Title  string
}

// rotWeb is the fake web of these tests: pages by path, an RSS feed, and
// the Wayback Machine: the CDX API (JSON rows, the first naming the
// fields; filter=statuscode:200, from, to, sort=closest and limit
// honoured), /web/TSid_/URL captures, and Save Page Now (POST /save,
// /save/status/user, /save/status/JOB).
type rotWeb struct {
	t   *testing.T
	srv *httptest.Server
	// base is the Wayback Machine's and the feed's address (127.0.0.1),
	// site the pages' (127.0.0.2): a feed item linking to its own host
	// would be a social post, not a bookmark.
	base, site string

	mu    sync.Mutex
	pages map[string]*rotPage
	hits  map[string]int // live page requests by path
	feed  []byte
	// captures are the timestamps of the Wayback Machine's captures (all
	// answered 200), by original URL.
	captures map[string][]string
	cdx      []string // the url of every CDX query

	// SPN: available is what /save/status/user reports; throttle answers
	// the SPN requests whose path it names 429 (Retry-After: an hour).
	available int
	throttle  map[string]bool
	spnAuth   []string // the Authorization of every SPN request
	otherAuth []string // an Authorization sent anywhere else
	submitted []string // the URLs submitted to /save
	jobs      map[string]string
	spn429    int
}

func newRotWeb(t *testing.T) *rotWeb {
	t.Helper()
	w := &rotWeb{t: t, pages: map[string]*rotPage{}, hits: map[string]int{}, captures: map[string][]string{},
		available: 5, throttle: map[string]bool{}, jobs: map[string]string{}}
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	w.srv = httptest.NewUnstartedServer(http.HandlerFunc(w.serve))
	w.srv.Listener = ln
	w.srv.Start()
	t.Cleanup(w.srv.Close)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	w.base, w.site = "http://127.0.0.1:"+port, "http://127.0.0.2:"+port
	return w
}

// URL is the address of a page of the fake web.
func (w *rotWeb) URL(path string) string { return w.site + path }

func (w *rotWeb) setPage(path string, p rotPage) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pages[path] = &p
}

func (w *rotWeb) addCapture(rawURL, ts string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.captures[rawURL] = append(w.captures[rawURL], ts)
}

// snapshot returns copies of what the fake saw.
func (w *rotWeb) snapshot() (spnAuth, otherAuth, submitted []string, hits map[string]int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	hits = make(map[string]int, len(w.hits))
	for k, v := range w.hits {
		hits[k] = v
	}
	return append([]string(nil), w.spnAuth...), append([]string(nil), w.otherAuth...), append([]string(nil), w.submitted...), hits
}

func (w *rotWeb) serve(rw http.ResponseWriter, r *http.Request) {
	if ip, _, err := net.SplitHostPort(r.RemoteAddr); err != nil || !net.ParseIP(ip).IsLoopback() {
		http.Error(rw, "loopback only", http.StatusForbidden)
		return
	}
	path := r.URL.Path
	spn := path == "/save" || strings.HasPrefix(path, "/save/")
	w.mu.Lock()
	if spn {
		w.spnAuth = append(w.spnAuth, r.Header.Get("Authorization"))
	} else if a := r.Header.Get("Authorization"); a != "" {
		w.otherAuth = append(w.otherAuth, a)
	}
	if spn && (w.throttle[path] || (strings.HasPrefix(path, "/save/status/") && path != "/save/status/user" && w.throttle["/save/status/JOB"])) {
		w.spn429++
		w.mu.Unlock()
		rw.Header().Set("Retry-After", "3600")
		rw.Header().Set("Content-Type", "text/html")
		rw.WriteHeader(http.StatusTooManyRequests)
		fmt.Fprint(rw, "<html><body><h1>429 Too Many Requests</h1>You have sent too many requests in a given amount of time.</body></html>")
		return
	}
	w.mu.Unlock()
	switch {
	case path == "/feed.xml":
		w.mu.Lock()
		feed := w.feed
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		_, _ = rw.Write(feed)
	case path == "/cdx/search/cdx":
		w.serveCDX(rw, r)
	case strings.HasPrefix(path, "/web/"):
		w.serveCapture(rw, r)
	case path == "/save/status/user":
		w.mu.Lock()
		avail := w.available
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(rw, `{"available": %d, "processing": 0, "daily_captures": 12, "daily_captures_limit": 100000}`, avail)
	case path == "/save" && r.Method == http.MethodPost:
		_ = r.ParseForm()
		u := r.PostForm.Get("url")
		w.mu.Lock()
		w.submitted = append(w.submitted, u)
		id := fmt.Sprintf("spn2-%032x", len(w.jobs)+1)
		w.jobs[id] = u
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(rw, `{"url":%q,"job_id":%q}`, u, id)
	case strings.HasPrefix(path, "/save/status/"):
		id := strings.TrimPrefix(path, "/save/status/")
		w.mu.Lock()
		u, ok := w.jobs[id]
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/json")
		if !ok {
			fmt.Fprintf(rw, `{"status":"error","job_id":%q,"status_ext":"error:not-found","message":"job not found"}`, id)
			return
		}
		fmt.Fprintf(rw, `{"status":"success","job_id":%q,"original_url":%q,"timestamp":"20260301120500","duration_sec":6.2,"resources":[%q],"outlinks":{}}`, id, u, u)
	default:
		w.servePage(rw, r)
	}
}

func (w *rotWeb) serveCDX(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	u := q.Get("url")
	w.mu.Lock()
	w.cdx = append(w.cdx, u)
	stamps := append([]string(nil), w.captures[u]...)
	w.mu.Unlock()
	closest, err := time.Parse("20060102150405", q.Get("closest"))
	if err != nil || q.Get("output") != "json" || q.Get("filter") != "statuscode:200" {
		w.t.Errorf("cdx query %s: want output=json, filter=statuscode:200 and closest", r.URL.RawQuery)
	}
	sort.SliceStable(stamps, func(i, j int) bool {
		ti, _ := time.Parse("20060102150405", stamps[i])
		tj, _ := time.Parse("20060102150405", stamps[j])
		return ti.Sub(closest).Abs() < tj.Sub(closest).Abs()
	})
	var rows []string
	for _, ts := range stamps {
		if from := q.Get("from"); from != "" && ts < from {
			continue
		}
		if to := q.Get("to"); to != "" && ts > to {
			continue
		}
		rows = append(rows, fmt.Sprintf(`["%s",%q,"200","text/html","SHA1DIGEST%s"]`, ts, u, ts))
	}
	limit := 1
	fmt.Sscan(q.Get("limit"), &limit)
	rows = rows[:min(len(rows), limit)]
	rw.Header().Set("Content-Type", "application/json")
	if len(rows) == 0 {
		fmt.Fprint(rw, "[]")
		return
	}
	fmt.Fprintf(rw, "[[\"timestamp\",\"original\",\"statuscode\",\"mimetype\",\"digest\"],\n%s]", strings.Join(rows, ",\n"))
}

func (w *rotWeb) serveCapture(rw http.ResponseWriter, r *http.Request) {
	ts, orig, _ := strings.Cut(strings.TrimPrefix(r.URL.RequestURI(), "/web/"), "/")
	if !strings.HasSuffix(ts, "id_") {
		http.Error(rw, "want the raw capture (id_)", http.StatusBadRequest)
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, c := range w.captures[orig] {
		if c+"id_" == ts {
			rw.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(rw, `<html><head><title>Une page archivée</title></head><body><article><h1>Une page archivée</h1>
<p>Le premier paragraphe de la page telle que la Wayback Machine l'a capturée, assez long pour être lu.</p></article></body></html>`)
			return
		}
	}
	http.NotFound(rw, r)
}

func (w *rotWeb) servePage(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	p, ok := w.pages[r.URL.Path]
	var page rotPage
	if ok {
		page = *p
	}
	w.hits[r.URL.Path]++
	w.mu.Unlock()
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch {
	case !ok || page.Status == http.StatusNotFound:
		rw.WriteHeader(http.StatusNotFound)
		fmt.Fprint(rw, "<!doctype html><title>404 Not Found</title><h1>Page introuvable</h1>")
	case page.Status == http.StatusForbidden:
		// Cloudflare's managed challenge, as it answers a robot.
		rw.Header().Set("Server", "cloudflare")
		rw.WriteHeader(http.StatusForbidden)
		fmt.Fprint(rw, `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="390"></head>
<body><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">www.example.com</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2><noscript>Enable JavaScript and cookies to continue</noscript></div></div>
<script>(function(){window._cf_chl_opt={cvId: '2',cZone: "www.example.com",cType: 'managed'};var cpo = document.createElement('script');cpo.src = '/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=7d1c';})();</script></body></html>`)
	default:
		fmt.Fprintf(rw, `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>%[1]s</title></head>
<body><nav><a href="/">Accueil</a></nav><main><article><h1>%[1]s</h1>
<p>Le premier paragraphe de « %[1]s » explique en quelques phrases pourquoi ce lien méritait d'être partagé cette semaine.</p>
<p>La suite développe le sujet sur plusieurs paragraphes, avec des exemples et des liens.</p></article></main></body></html>`, page.Title)
	}
}

// rotLog reads the JSON log lines of stderr and returns those whose msg
// is msg.
func rotLog(stderr, msg string) []map[string]any {
	var evs []map[string]any
	for _, line := range strings.Split(stderr, "\n") {
		var ev map[string]any
		if json.Unmarshal([]byte(line), &ev) == nil && ev["msg"] == msg {
			evs = append(evs, ev)
		}
	}
	return evs
}

// rotRun runs the command line in-process, failing the test when it does
// not return within bound (a hang, not a timing assertion).
func rotRun(t *testing.T, bound time.Duration, environ []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	var out, errOut strings.Builder
	done := make(chan error, 1)
	w := &lockedWriter{w: &errOut}
	go func() { done <- Run(ctx, args, environ, &out, w) }()
	select {
	case err = <-done:
	case <-time.After(bound + 30*time.Second):
		t.Fatalf("moisson %s: still running after %s", strings.Join(args, " "), bound+30*time.Second)
	}
	if ctx.Err() != nil {
		t.Fatalf("moisson %s: did not end within %s (a hang); err %v; log:\n%s", strings.Join(args, " "), bound, err, w.String())
	}
	return out.String(), w.String(), err
}

// lockedWriter is a writer safe for the goroutines of the daemon's jobs.
type lockedWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}

// rotWeeks returns the current and the last week of now, after waiting
// past a cutoff about to pass, so that "last week" stays the same for the
// whole test.
func rotWeeks(t *testing.T, dc digest.Config) (last, current moisson.Week, now time.Time) {
	t.Helper()
	if left := time.Until(dc.WeekOf(time.Now()).End); left < 2*time.Minute {
		t.Logf("waiting %s for the cutoff to pass", left)
		time.Sleep(left + time.Second)
	}
	now = time.Now()
	current = dc.WeekOf(now)
	if since := now.Sub(current.Start); since < 4*time.Second {
		time.Sleep(4*time.Second - since)
		now = time.Now()
	}
	last = dc.WeekOf(current.Start.Add(-time.Nanosecond))
	return last, current, now
}

// rotPageOf reads the stored pages of urls, with the store closed after.
func rotPages(t *testing.T, db string, urls ...string) map[string]moisson.Page {
	t.Helper()
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pages, err := st.Pages(context.Background(), urls)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestRunOnceArchivesNewLinks: `run --once` with MOISSON_ARCHIVE_LINKS
// publishes the week, then archives the links shared this week and the
// last (the week just published is archived on the first cycle): a link
// with a recent capture is taken as it is, another is submitted to Save
// Page Now with the author's keys (LOW key:secret), its job polled and its
// capture stored with the page. The keys never show in the output or the
// log.
func TestRunOnceArchivesNewLinks(t *testing.T) {
	dc := digest.DefaultConfig()
	last, current, now := rotWeeks(t, dc)
	web := newRotWeb(t)
	const key, secret = "AKIAmoissonkey", "s3cr3t-wayback-do-not-show"
	var (
		published = web.URL("/2026/published")
		fresh     = web.URL("/2026/fresh")
		known     = web.URL("/2026/known")
	)
	for path, title := range map[string]string{"/2026/published": "Un article de la semaine passée", "/2026/fresh": "Un article tout neuf", "/2026/known": "Un article déjà archivé"} {
		web.setPage(path, rotPage{Status: http.StatusOK, Title: title})
	}
	thisWeek := current.Start.Add(now.Sub(current.Start) / 2)
	recent := now.Add(-48 * time.Hour).UTC().Format("20060102150405")
	web.addCapture(known, recent)
	web.feed = rssFeed([]rssItem{
		{Title: "La semaine passée", Link: published, Description: "Publié.", Date: last.Start.Add(30 * time.Hour), Category: "Web"},
		{Title: "Tout neuf", Link: fresh, Description: "À archiver.", Date: thisWeek, Category: "Web"},
		{Title: "Déjà archivé", Link: known, Description: "Une capture récente existe.", Date: thisWeek.Add(time.Second), Category: "Web"},
	})

	work := t.TempDir()
	blog := filepath.Join(work, "blog")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(work, "moisson.db")
	environ := baseEnviron(work,
		"MOISSON_DB="+db, "MOISSON_BLOG_DIR="+blog, "MOISSON_HOST_DELAY=1ms", "MOISSON_LOG_LEVEL=debug",
		"MOISSON_FEEDS="+web.base+"/feed.xml", "WAYBACK_BASE_URL="+web.base,
		"MOISSON_ARCHIVE_LINKS=1", "MOISSON_WAYBACK_RATE=600/min",
		"WAYBACK_ACCESS_KEY="+key, "WAYBACK_SECRET_KEY="+secret)

	stdout, stderr, err := rotRun(t, deadline, environ, "run", "--once")
	if err != nil {
		t.Fatalf("run --once: %v\n%s", err, stderr)
	}
	post := filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: last}.Path(dc)))
	md, err := os.ReadFile(post)
	if err != nil {
		t.Fatalf("last week not published: %v\n%s", err, stderr)
	}
	if linkCount(string(md), published) != 1 {
		t.Errorf("the published week lacks %s:\n%s", published, md)
	}

	spnAuth, otherAuth, submitted, _ := web.snapshot()
	slices.Sort(submitted)
	if want := []string{fresh, published}; !slices.Equal(submitted, want) {
		t.Errorf("submitted to Save Page Now: %q, want %q (the other has a recent capture)", submitted, want)
	}
	if len(spnAuth) < 3 { // quota, submission, at least one poll
		t.Errorf("%d Save Page Now requests, want the quota, the submission and the job's polls", len(spnAuth))
	}
	for _, a := range spnAuth {
		if a != "LOW "+key+":"+secret {
			t.Errorf("Save Page Now request with Authorization %q, want LOW key:secret", a)
		}
	}
	if len(otherAuth) > 0 {
		t.Errorf("the keys were sent outside Save Page Now: %q", otherAuth)
	}

	pages := rotPages(t, db, published, fresh, known)
	if got, want := pages[fresh].ArchiveURL, web.base+"/web/20260301120500/"+fresh; got != want {
		t.Errorf("fresh link's capture %q, want %q (the SPN job's)", got, want)
	}
	if got, want := pages[known].ArchiveURL, web.base+"/web/"+recent+"/"+known; got != want {
		t.Errorf("known link's capture %q, want the recent one %q", got, want)
	}
	if evs := rotLog(stderr, "links archived"); len(evs) != 1 || evs[0]["saved"] != 2.0 || evs[0]["found"] != 1.0 {
		t.Errorf("links archived log: %v", evs)
	}

	// status and config, too, keep the secret to themselves.
	statusOut, statusErr, err := run(t, environ, "status")
	if err != nil {
		t.Fatalf("status: %v\n%s", err, statusErr)
	}
	configOut, configErr, err := run(t, environ, "config")
	if err != nil {
		t.Fatalf("config: %v\n%s", err, configErr)
	}
	for name, out := range map[string]string{"run stdout": stdout, "run log": stderr, "status": statusOut + statusErr, "config": configOut + configErr} {
		if strings.Contains(out, secret) {
			t.Errorf("%s shows the Wayback secret key:\n%s", name, out)
		}
	}
}

// TestRunOnceArchiverNeverHoldsTheWeek: whatever Save Page Now answers
// (its quota used up, a 429 on the quota, on the submission or on the
// job's status, each with Retry-After: an hour), `run --once` publishes
// the week and ends promptly, the link left for a later run.
func TestRunOnceArchiverNeverHoldsTheWeek(t *testing.T) {
	dc := digest.DefaultConfig()
	for _, tc := range []struct {
		name      string
		available int
		throttle  string
	}{
		{name: "quota used up", available: 0},
		{name: "429 on the quota", available: 5, throttle: "/save/status/user"},
		{name: "429 on the submission", available: 5, throttle: "/save"},
		{name: "429 on the job's status", available: 5, throttle: "/save/status/JOB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			last, current, now := rotWeeks(t, dc)
			web := newRotWeb(t)
			web.available = tc.available
			if tc.throttle != "" {
				web.throttle[tc.throttle] = true
			}
			published, first, second := web.URL("/published"), web.URL("/first"), web.URL("/second")
			web.setPage("/published", rotPage{Status: http.StatusOK, Title: "Un article de la semaine passée"})
			web.setPage("/first", rotPage{Status: http.StatusOK, Title: "Un premier article de la semaine"})
			web.setPage("/second", rotPage{Status: http.StatusOK, Title: "Un second article de la semaine"})
			thisWeek := current.Start.Add(now.Sub(current.Start) / 2)
			web.feed = rssFeed([]rssItem{
				{Title: "La semaine passée", Link: published, Description: "Publié.", Date: last.Start.Add(30 * time.Hour), Category: "Web"},
				{Title: "Premier", Link: first, Description: "À archiver.", Date: thisWeek, Category: "Web"},
				{Title: "Second", Link: second, Description: "À archiver aussi.", Date: thisWeek.Add(time.Second), Category: "Web"},
			})
			work := t.TempDir()
			blog := filepath.Join(work, "blog")
			if err := os.MkdirAll(blog, 0o755); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(work, "moisson.db")
			environ := baseEnviron(work,
				"MOISSON_DB="+db, "MOISSON_BLOG_DIR="+blog, "MOISSON_HOST_DELAY=1ms",
				"MOISSON_FEEDS="+web.base+"/feed.xml", "WAYBACK_BASE_URL="+web.base,
				"MOISSON_ARCHIVE_LINKS=1", "MOISSON_WAYBACK_RATE=600/min",
				"WAYBACK_ACCESS_KEY=key", "WAYBACK_SECRET_KEY=secret")

			// A minute of bound: one poll of a job waits 10 s; the pause
			// after a 429 is an hour.
			_, stderr, err := rotRun(t, time.Minute, environ, "run", "--once")
			if err != nil {
				t.Fatalf("run --once: %v\n%s", err, stderr)
			}
			if _, err := os.Stat(filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: last}.Path(dc)))); err != nil {
				t.Errorf("the week was not published: %v\n%s", err, stderr)
			}
			pages := rotPages(t, db, first, second)
			for _, u := range []string{first, second} {
				if pages[u].ArchiveURL != "" {
					t.Errorf("%s archived as %q though Save Page Now refused", u, pages[u].ArchiveURL)
				}
			}
			web.mu.Lock()
			n429 := web.spn429
			web.mu.Unlock()
			if tc.throttle != "" && n429 != 1 {
				t.Errorf("Save Page Now answered 429 %d times: asked again after a 429 instead of leaving the rest for later", n429)
			}
		})
	}
}

// rotTweets writes an X archive export (data/tweets.js) of posts, one link
// each, and returns its directory.
func rotTweets(t *testing.T, posts []rotPost) string {
	t.Helper()
	dir := t.TempDir()
	var items []string
	for i, p := range posts {
		id := fmt.Sprintf("5173000000000001%02d", i)
		items = append(items, fmt.Sprintf(`{"tweet":{"id_str":%q,"id":%q,"created_at":%q,"full_text":%q,"retweeted":false,
"entities":{"hashtags":[{"text":"web","indices":["0","1"]}],"urls":[{"url":"https://t.co/x%d","expanded_url":%q,"display_url":"x","indices":["0","1"]}],"user_mentions":[],"symbols":[]}}}`,
			id, id, p.At.UTC().Format(time.RubyDate), p.Text+" https://t.co/x #web", i, p.URL))
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	js := "window.YTD.tweets.part0 = [\n" + strings.Join(items, ",\n") + "\n]\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "tweets.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

type rotPost struct {
	At        time.Time
	Text, URL string
}

// rotGit runs git in dir.
func rotGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// rotBlog makes a blog checkout cloned from a bare remote, as
// weekly/publish_test.go's blogCheckout does.
func rotBlog(t *testing.T) (remote, blog string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is required under CI")
		}
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	remote, blog = filepath.Join(dir, "remote.git"), filepath.Join(dir, "blog")
	rotGit(t, dir, "init", "--quiet", "--bare", "--initial-branch=main", remote)
	rotGit(t, dir, "clone", "--quiet", remote, blog)
	rotGit(t, blog, "config", "user.name", "moisson test")
	rotGit(t, blog, "config", "user.email", "moisson@example.org")
	rotGit(t, blog, "checkout", "--quiet", "-b", "main")
	return remote, blog
}

// entryOf returns the Markdown of the entry of the post md that links to
// u (its title line and the lines after, up to the next entry).
func entryOf(md, u string) string {
	i := strings.Index(md, "]("+u+")")
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(md[:i], "\n[") + 1
	rest := md[start:]
	if j := strings.Index(rest[1:], "\n["); j >= 0 {
		rest = rest[:j+1]
	}
	if j := strings.Index(rest, "\n#"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// TestLinkcheckRewritesPublishedWeeks: `moisson linkcheck` on a week
// published in a git checkout, after the author commented an entry: the
// link that now answers 404 gets its archived copy (the capture nearest
// before the share date), in the post as MOISSON_DEADLINK_STYLE says, with
// the comment kept, in one commit pushed; a Cloudflare challenge is left
// alone; status shows the figures; a link that comes back is restored by
// the next sweep, in one more commit.
func TestLinkcheckRewritesPublishedWeeks(t *testing.T) {
	for _, style := range []string{"annotate", "archive"} {
		t.Run(style, func(t *testing.T) { testLinkcheck(t, style) })
	}
}

func testLinkcheck(t *testing.T, style string) {
	ctx := context.Background()
	dc := digest.DefaultConfig()
	w, err := dc.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	web := newRotWeb(t)
	var (
		dying  = web.URL("/2014/dying")
		walled = web.URL("/2014/walled")
		alive  = web.URL("/2014/alive")
		lost   = web.URL("/2014/lost")
	)
	titles := map[string]string{dying: "Une page qui va mourir", walled: "Une page derrière un mur", alive: "Une page toujours là", lost: "Une page perdue pour de bon"}
	for u, title := range titles {
		web.setPage(strings.TrimPrefix(u, web.site), rotPage{Status: http.StatusOK, Title: title})
	}
	shared := time.Date(2014, 10, 2, 9, 0, 0, 0, time.UTC)
	// The capture before the share date is the page as shared; the later
	// one (after the page died) must not be taken.
	web.addCapture(dying, "20141001080000")
	web.addCapture(dying, "20170101000000")
	arch := rotTweets(t, []rotPost{
		{At: shared, Text: "Bientôt morte", URL: dying},
		{At: shared.Add(time.Hour), Text: "Derrière Cloudflare", URL: walled},
		{At: shared.Add(2 * time.Hour), Text: "Toujours là", URL: alive},
		{At: shared.Add(3 * time.Hour), Text: "Perdue", URL: lost},
	})

	remote, blog := rotBlog(t)
	work := t.TempDir()
	db := filepath.Join(work, "moisson.db")
	environ := baseEnviron(work,
		"MOISSON_DB="+db, "MOISSON_BLOG_DIR="+blog, "MOISSON_HOST_DELAY=1ms", "MOISSON_GIT_PUSH=1",
		"WAYBACK_BASE_URL="+web.base, "MOISSON_WAYBACK_RATE=600/min", "MOISSON_DEADLINK_STYLE="+style)

	if _, stderr, err := rotRun(t, deadline, environ, "import", arch); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if _, stderr, err := rotRun(t, deadline, environ, "digest", "--week", w.ID); err != nil {
		t.Fatalf("digest: %v\n%s", err, stderr)
	}
	postRel := filepath.FromSlash(digest.Digest{Week: w}.Path(dc))
	post := filepath.Join(blog, postRel)
	// The post is published (digest commits it with MOISSON_GIT_PUSH).
	if dirty := rotGit(t, blog, "status", "--porcelain"); dirty != "" {
		rotGit(t, blog, "add", postRel)
		rotGit(t, blog, "commit", "--quiet", "-m", "La moisson de la semaine")
	}
	rotGit(t, blog, "push", "--quiet", "origin", "main")
	before, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	for u := range titles {
		if linkCount(string(before), u) != 1 {
			t.Fatalf("the published post lacks %s:\n%s", u, before)
		}
	}

	// The author comments the entry of the link that is about to die, as
	// the review page does (weekly.Service.Edit), while no daemon runs.
	const comment = "Le commentaire de l'auteur, gardé quoi qu'il arrive."
	func() {
		st, err := archive.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		svc := &weekly.Service{Store: st, Digest: dc, Log: slog.New(slog.DiscardHandler), Now: time.Now, MaxAttempts: 3}
		d, err := svc.Build(ctx, w, weekly.BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		key := ""
		for _, s := range d.Sections {
			for _, e := range s.Entries {
				if e.URL == dying {
					key = e.Key
				}
			}
		}
		if key == "" {
			t.Fatalf("no entry for %s in %+v", dying, d.Sections)
		}
		if err := svc.Edit(ctx, w.ID, review.Change{Action: "comment", Entry: key, Value: comment, By: "test"}); err != nil {
			t.Fatal(err)
		}
	}()

	// Years later: one page is gone (with a capture), one is gone with no
	// capture at all, one is behind a bot wall, one is alive.
	web.setPage("/2014/dying", rotPage{Status: http.StatusNotFound})
	web.setPage("/2014/lost", rotPage{Status: http.StatusNotFound})
	web.setPage("/2014/walled", rotPage{Status: http.StatusForbidden})
	commits := rotGit(t, blog, "rev-list", "--count", "HEAD")

	stdout, stderr, err := rotRun(t, deadline, environ, "linkcheck")
	if err != nil {
		t.Fatalf("linkcheck: %v\n%s", err, stderr)
	}
	if want := "linkcheck: 4 links checked: 2 gone (1 rescued, 1 not archived), 1 unknown, 0 restored, 1 weeks rewritten"; !strings.Contains(stdout, want) {
		t.Errorf("linkcheck said %q, want %q", stdout, want)
	}
	after, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	md := string(after)
	capture := web.base + "/web/20141001080000/" + dying
	switch style {
	case "annotate":
		if e := entryOf(md, dying); !strings.Contains(e, " ([archive]("+capture+"))") {
			t.Errorf("the dead link's entry has no (archive) note to %s:\n%s", capture, md)
		}
	case "archive":
		if linkCount(md, dying) != 0 || linkCount(md, capture) != 1 {
			t.Errorf("the dead link does not point to its copy %s:\n%s", capture, md)
		}
	}
	if !strings.Contains(md, comment) {
		t.Errorf("the author's comment was lost by the sweep:\n%s", md)
	}
	if strings.Contains(md, "20170101000000") {
		t.Errorf("the capture made after the page died was taken:\n%s", md)
	}
	for _, u := range []string{walled, alive, lost} {
		if got, was := entryOf(md, u), entryOf(string(before), u); got != was || got == "" {
			t.Errorf("entry of %s changed:\nwas %q\nis  %q", u, was, got)
		}
	}
	if got := rotGit(t, blog, "rev-list", "--count", "HEAD"); got != fmt.Sprint(atoi(commits)+1) {
		t.Errorf("%s commits after the sweep, want %d (one for the sweep)", got, atoi(commits)+1)
	}
	if msg := rotGit(t, blog, "log", "-1", "--format=%s"); !strings.Contains(msg, "link check") {
		t.Errorf("the sweep's commit says %q", msg)
	}
	if files := rotGit(t, blog, "show", "--name-only", "--format=", "HEAD"); files != filepath.ToSlash(postRel) {
		t.Errorf("the sweep's commit holds %q, want only %s", files, postRel)
	}
	if head, pushed := rotGit(t, blog, "rev-parse", "HEAD"), rotGit(t, remote, "rev-parse", "main"); head != pushed {
		t.Errorf("the sweep's commit was not pushed: HEAD %s, remote %s", head, pushed)
	}

	// status shows the sweep's figures.
	out, errOut, err := run(t, environ, "status", "--json")
	if err != nil {
		t.Fatalf("status: %v\n%s", err, errOut)
	}
	var st struct {
		LinkCheck *review.LinkCheck `json:"link_check"`
		Warnings  []string          `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status --json: %v\n%s", err, out)
	}
	if lc := st.LinkCheck; lc == nil || lc.Checked != 4 || lc.Gone != 2 || lc.Rescued != 1 || lc.NotArchived != 1 || lc.Unknown != 1 || lc.Restored != 0 || lc.Weeks != 1 || lc.At.IsZero() {
		t.Errorf("status link_check %+v, want 4 checked, 2 gone, 1 rescued, 1 not archived, 1 unknown, 1 week", st.LinkCheck)
	}
	if !strings.Contains(strings.Join(st.Warnings, "\n"), "1 gone links have no archived copy") {
		t.Errorf("status warnings %q lack the link with no copy", st.Warnings)
	}
	if words, _, err := run(t, environ, "status"); err != nil || !strings.Contains(words, "4") {
		t.Errorf("status in words: %v\n%s", err, words)
	}

	// A sweep with nothing new changes nothing and commits nothing.
	if _, stderr, err := rotRun(t, deadline, environ, "linkcheck"); err != nil {
		t.Fatalf("second linkcheck: %v\n%s", err, stderr)
	}
	if again, _ := os.ReadFile(post); string(again) != md {
		t.Errorf("a sweep with nothing new rewrote the post:\n%s", again)
	}
	if got := rotGit(t, blog, "rev-list", "--count", "HEAD"); got != fmt.Sprint(atoi(commits)+1) {
		t.Errorf("%s commits after a sweep with nothing new, want %d", got, atoi(commits)+1)
	}

	// The page comes back: the next sweep restores the live link.
	web.setPage("/2014/dying", rotPage{Status: http.StatusOK, Title: titles[dying]})
	stdout, stderr, err = rotRun(t, deadline, environ, "linkcheck")
	if err != nil {
		t.Fatalf("linkcheck after the page came back: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "1 restored, 1 weeks rewritten") {
		t.Errorf("linkcheck said %q, want 1 restored", stdout)
	}
	restored, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	md = string(restored)
	if linkCount(md, dying) != 1 || strings.Contains(md, capture) {
		t.Errorf("the link that came back is not restored:\n%s", md)
	}
	if !strings.Contains(md, comment) {
		t.Errorf("the author's comment was lost on restoring:\n%s", md)
	}
	if got := rotGit(t, blog, "rev-list", "--count", "HEAD"); got != fmt.Sprint(atoi(commits)+2) {
		t.Errorf("%s commits after the restoring sweep, want %d", got, atoi(commits)+2)
	}
	if head, pushed := rotGit(t, blog, "rev-parse", "HEAD"), rotGit(t, remote, "rev-parse", "main"); head != pushed {
		t.Errorf("the restoring commit was not pushed")
	}
	if dirty := rotGit(t, blog, "status", "--porcelain"); dirty != "" {
		t.Errorf("the checkout is left dirty:\n%s", dirty)
	}
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// TestRunOnceSweepsWhenDue: with MOISSON_LINKCHECK, `run --once` sweeps
// the published posts when no sweep was ever made (the week it just
// published included), and not again on the next run, a week not having
// passed.
func TestRunOnceSweepsWhenDue(t *testing.T) {
	dc := digest.DefaultConfig()
	last, _, _ := rotWeeks(t, dc)
	web := newRotWeb(t)
	a, b := web.URL("/a"), web.URL("/b")
	web.setPage("/a", rotPage{Status: http.StatusOK, Title: "Un article à vérifier"})
	web.setPage("/b", rotPage{Status: http.StatusOK, Title: "Un autre article à vérifier"})
	web.feed = rssFeed([]rssItem{
		{Title: "A", Link: a, Description: "Un.", Date: last.Start.Add(30 * time.Hour), Category: "Web"},
		{Title: "B", Link: b, Description: "Deux.", Date: last.Start.Add(50 * time.Hour), Category: "Web"},
	})
	work := t.TempDir()
	blog := filepath.Join(work, "blog")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(work, "moisson.db")
	environ := baseEnviron(work,
		"MOISSON_DB="+db, "MOISSON_BLOG_DIR="+blog, "MOISSON_HOST_DELAY=1ms",
		"MOISSON_FEEDS="+web.base+"/feed.xml", "WAYBACK_BASE_URL="+web.base,
		"MOISSON_LINKCHECK=1", "MOISSON_WAYBACK_RATE=600/min")

	_, stderr, err := rotRun(t, deadline, environ, "run", "--once")
	if err != nil {
		t.Fatalf("run --once: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: last}.Path(dc)))); err != nil {
		t.Fatalf("the week was not published: %v\n%s", err, stderr)
	}
	if n := len(rotLog(stderr, "link check done")); n != 1 {
		t.Fatalf("%d sweeps in the first run, want 1; log:\n%s", n, stderr)
	}
	rep := rotReport(t, db)
	if rep.Checked != 2 || rep.Gone != 0 || rep.At.IsZero() {
		t.Errorf("first sweep's report %+v, want the 2 links of the published week checked", rep)
	}
	_, _, _, hits := web.snapshot()

	_, stderr, err = rotRun(t, deadline, environ, "run", "--once")
	if err != nil {
		t.Fatalf("second run --once: %v\n%s", err, stderr)
	}
	if n := len(rotLog(stderr, "link check: sweeping the published posts")); n != 0 {
		t.Errorf("the second run swept again right after the first:\n%s", stderr)
	}
	if again := rotReport(t, db); !again.At.Equal(rep.At) {
		t.Errorf("the report changed: %+v, was %+v", again, rep)
	}
	if _, _, _, now := web.snapshot(); now["/a"] != hits["/a"] || now["/b"] != hits["/b"] {
		t.Errorf("pages asked again by the second run: %v, were %v", now, hits)
	}
}

func rotReport(t *testing.T, db string) linkcheck.Report {
	t.Helper()
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, ok, err := linkcheck.LastReport(context.Background(), st)
	if err != nil || !ok {
		t.Fatalf("no sweep report: %v", err)
	}
	return rep
}

// TestRunOnceSweepAfterThrottledArchiver: the archiver's Save Page Now
// answered 429 with Retry-After: an hour, which pauses every Wayback
// request of the process; the sweep that follows in the same `run --once`
// finds a gone link: it must not wait the hour for the Wayback Machine,
// but count the link not archived (asked again next sweep) and end.
func TestRunOnceSweepAfterThrottledArchiver(t *testing.T) {
	dc := digest.DefaultConfig()
	last, current, now := rotWeeks(t, dc)
	web := newRotWeb(t)
	alive, dying, fresh := web.URL("/alive"), web.URL("/dying"), web.URL("/fresh")
	web.setPage("/alive", rotPage{Status: http.StatusOK, Title: "Un article toujours là"})
	web.setPage("/dying", rotPage{Status: http.StatusOK, Title: "Un article qui va disparaître"})
	web.setPage("/fresh", rotPage{Status: http.StatusOK, Title: "Un article de cette semaine"})
	web.addCapture(dying, last.Start.Add(time.Hour).UTC().Format("20060102150405"))
	web.feed = rssFeed([]rssItem{
		{Title: "Vivant", Link: alive, Description: "Un.", Date: last.Start.Add(30 * time.Hour), Category: "Web"},
		{Title: "Mourant", Link: dying, Description: "Deux.", Date: last.Start.Add(50 * time.Hour), Category: "Web"},
	})
	work := t.TempDir()
	blog := filepath.Join(work, "blog")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(work, "moisson.db")
	environ := baseEnviron(work,
		"MOISSON_DB="+db, "MOISSON_BLOG_DIR="+blog, "MOISSON_HOST_DELAY=1ms",
		"MOISSON_FEEDS="+web.base+"/feed.xml", "WAYBACK_BASE_URL="+web.base, "MOISSON_WAYBACK_RATE=600/min")
	if _, stderr, err := rotRun(t, deadline, environ, "run", "--once"); err != nil {
		t.Fatalf("first run --once: %v\n%s", err, stderr)
	}

	// This week: a new link to archive, Save Page Now throttled, and one
	// of last week's pages gone.
	web.mu.Lock()
	web.feed = rssFeed([]rssItem{
		{Title: "Vivant", Link: alive, Description: "Un.", Date: last.Start.Add(30 * time.Hour), Category: "Web"},
		{Title: "Mourant", Link: dying, Description: "Deux.", Date: last.Start.Add(50 * time.Hour), Category: "Web"},
		{Title: "Neuf", Link: fresh, Description: "Trois.", Date: current.Start.Add(now.Sub(current.Start) / 2), Category: "Web"},
	})
	web.throttle["/save/status/user"] = true
	web.mu.Unlock()
	web.setPage("/dying", rotPage{Status: http.StatusNotFound})
	environ = append(environ, "MOISSON_ARCHIVE_LINKS=1", "MOISSON_LINKCHECK=1")
	_, stderr, err := rotRun(t, time.Minute, environ, "run", "--once")
	if err != nil {
		t.Fatalf("second run --once: %v\n%s", err, stderr)
	}
	rep := rotReport(t, db)
	if rep.Checked != 2 || rep.Gone != 1 || rep.NotArchived != 1 {
		t.Errorf("sweep report %+v, want 2 checked, 1 gone not archived (asked again next sweep)", rep)
	}
}
