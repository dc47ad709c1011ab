package linkcheck

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/scrape"
)

const article = `<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>
<p>An opening paragraph long enough to be a lead, about the subject of the page and nothing else at all.</p></article></body></html>`

// site is a fake web of the shapes a sweep meets.
func site(t *testing.T, back *bool) *httptest.Server {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/", "/alive", "/unscraped-alive":
			fmt.Fprintf(w, article, "Universal SSL: How It Scales", "Universal SSL: How It Scales")
		case "/gone404":
			http.NotFound(w, r)
		case "/gone410":
			w.WriteHeader(http.StatusGone)
		case "/moved":
			http.Redirect(w, r, "/", http.StatusMovedPermanently)
		case "/parked":
			fmt.Fprint(w, `<html><head><title>example.com</title></head><body><p>This domain is for sale! Buy this domain today.</p></body></html>`)
		case "/js-lander":
			// Bodis's JavaScript-only lander, title and text empty.
			fmt.Fprint(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title></title><script>window.onload=function(){window.location.href="/lander"}</script></head><body></body></html>`)
		case "/sedo":
			fmt.Fprint(w, `<html><head><title>oldblog-example.com</title><link rel="stylesheet" href="https://img.sedoparking.com/templates/brick_css/style.css"></head><body><h1>oldblog-example.com</h1><div class="related"><a href="/?ses=Y3JlPTE3">Web Hosting</a></div></body></html>`)
		case "/retitled":
			fmt.Fprintf(w, article, "Cheap watches and casino bonuses", "Cheap watches and casino bonuses")
		case "/wall":
			w.Header().Set("Cf-Mitigated", "challenge")
			w.Header().Set("Server", "cloudflare")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><div id="challenge-platform"></div></body></html>`)
		case "/back":
			if back != nil && *back {
				fmt.Fprintf(w, article, "A page that comes back", "A page that comes back")
				return
			}
			http.NotFound(w, r)
		case "/file.pdf":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
				return
			}
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func checker() *Checker {
	return &Checker{Scraper: scrape.New(scrape.Options{AllowPrivate: true, HostDelay: -1, Retries: -1, Timeout: 5 * time.Second}), Concurrency: 4}
}

func TestCheck(t *testing.T) {
	srv := site(t, nil)
	c := checker()
	const title = "Universal SSL: How It Scales"
	for _, tc := range []struct {
		path, title string
		kind        moisson.Kind
		want        Verdict
		reason      string
	}{
		{"/alive", title, moisson.KindHTML, Alive, ""},
		{"/alive", "Universal SSL: How It Scales | The Cloudflare Blog", moisson.KindHTML, Alive, ""},
		{"/gone404", title, moisson.KindHTML, Gone, "Not Found"},
		{"/gone410", title, moisson.KindHTML, Gone, "Gone"},
		{"/moved", title, moisson.KindHTML, Gone, "redirect to the home page"},
		{"/parked", title, moisson.KindHTML, Gone, "parked or for-sale domain"},
		{"/js-lander", title, moisson.KindHTML, Gone, "parked or for-sale domain"},
		{"/sedo", "", moisson.KindHTML, Gone, "parked or for-sale domain"},
		{"/retitled", title, moisson.KindHTML, Gone, "title changed"},
		{"/wall", title, moisson.KindHTML, Unknown, "bot wall"},
		{"/file.pdf", "", moisson.KindPDF, Alive, ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := c.Check(context.Background(), Target{URL: srv.URL + tc.path, Title: tc.title, Kind: tc.kind})
			if r.Verdict != tc.want || (tc.reason != "" && r.Reason != tc.reason) {
				t.Errorf("%s: %s (%s), want %s (%s)", tc.path, r.Verdict, r.Reason, tc.want, tc.reason)
			}
		})
	}
	// A PDF: HEAD refused, then GET.
	if r := c.Check(context.Background(), Target{URL: srv.URL + "/file.pdf", Kind: moisson.KindPDF}); r.Requests != 2 {
		t.Errorf("pdf: %d requests, want HEAD then GET", r.Requests)
	}
	dead := c.Check(context.Background(), Target{URL: "http://no-such-host.invalid/page", Kind: moisson.KindHTML})
	if dead.Verdict != Gone || dead.Reason != "dead domain" {
		t.Errorf("dead domain: %+v", dead)
	}
}

type fakeArchive struct {
	mu    sync.Mutex
	asked map[string]int
	none  map[string]bool
}

func (f *fakeArchive) Nearest(_ context.Context, u string, at time.Time) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.asked == nil {
		f.asked = map[string]int{}
	}
	f.asked[u]++
	if f.none[u] {
		return "", nil
	}
	return "https://web.archive.org/web/" + at.Format("20060102") + "000000/" + u, nil
}

func TestSweep(t *testing.T) {
	ctx := context.Background()
	back := false
	srv := site(t, &back)
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dc := digest.DefaultConfig()
	shared := time.Date(2014, 10, 1, 10, 0, 0, 0, time.UTC)
	paths := []string{"/alive", "/gone404", "/gone410", "/moved", "/parked", "/retitled", "/wall", "/back"}
	var posts []moisson.Post
	var pages []moisson.Page
	for i, p := range paths {
		u := srv.URL + p
		posts = append(posts, moisson.Post{ID: fmt.Sprint(i), Source: "x", CreatedAt: shared.Add(time.Duration(i) * time.Hour), Text: "a link " + u, URLs: []string{u}})
		title := "Universal SSL: How It Scales"
		if p == "/back" {
			title = "A page that comes back"
		}
		pages = append(pages, moisson.Page{URL: u, FinalURL: u, CanonicalURL: u, Title: title, Lead: "Lead.", Kind: moisson.KindHTML, Status: 200})
	}
	if _, err := st.Save(ctx, posts, "", ""); err != nil {
		t.Fatal(err)
	}
	// /parked was archived when shared (Save Page Now).
	pages[4].ArchiveURL = "https://web.archive.org/web/20141001101010/" + srv.URL + "/parked"
	if err := st.PutPages(ctx, pages); err != nil {
		t.Fatal(err)
	}
	// Published links never scraped are checked too: one gone, one alive.
	for i, p := range []string{"/unscraped-gone", "/unscraped-alive"} {
		u := srv.URL + p
		if _, err := st.Save(ctx, []moisson.Post{{ID: fmt.Sprint(100 + i), Source: "x", CreatedAt: shared.Add(time.Duration(10+i) * time.Hour), Text: "a link " + u, URLs: []string{u}}}, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	w := dc.WeekOf(shared)
	if err := st.PutPublication(ctx, moisson.Publication{Week: w.ID, Path: "_posts/x.md", Links: len(paths), PublishedAt: w.End}); err != nil {
		t.Fatal(err)
	}
	arch := &fakeArchive{none: map[string]bool{srv.URL + "/retitled": true}}
	rewrites := map[string]int{}
	var commits [][]string
	sw := &Sweeper{Store: st, Checker: checker(), Archive: arch, WeekOf: dc.WeekOf,
		Write: func(_ context.Context, weeks []moisson.Week, msg string) ([]string, error) {
			var ids []string
			for _, w := range weeks {
				rewrites[w.ID]++
				ids = append(ids, w.ID)
			}
			commits = append(commits, ids)
			return ids, nil
		}}
	rep, err := sw.Run(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// Gone: 404, 410, home, parked, retitled, back (404 for now), and
	// the unscraped 404: every published link checked.
	if rep.Checked != 10 || rep.Gone != 7 || rep.Unknown != 1 || rep.NotArchived != 1 || rep.Rescued != 6 {
		t.Errorf("report %+v, want 10 checked (every published link), 7 gone, 1 unknown, 1 not archived, 6 rescued", rep)
	}
	never, err := st.Pages(ctx, []string{srv.URL + "/unscraped-gone", srv.URL + "/unscraped-alive"})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := never[srv.URL+"/unscraped-gone"]; !ok || !strings.Contains(p.Snapshot, "/web/20141001") || p.OK() {
		t.Errorf("unscraped gone link: %+v, want a failed page pointing to its capture", p)
	}
	if _, ok := never[srv.URL+"/unscraped-alive"]; ok {
		t.Errorf("an unscraped live link got a page")
	}
	if rewrites[w.ID] != 1 || len(commits) != 1 || len(commits[0]) != 1 {
		t.Errorf("rewrites %v commits %v, want the week once and one commit", rewrites, commits)
	}
	got, err := st.Pages(ctx, []string{srv.URL + "/parked", srv.URL + "/gone404", srv.URL + "/wall", srv.URL + "/alive"})
	if err != nil {
		t.Fatal(err)
	}
	if s := got[srv.URL+"/parked"].Snapshot; s != pages[4].ArchiveURL {
		t.Errorf("parked: snapshot %q, want the capture made when shared", s)
	}
	if arch.asked[srv.URL+"/parked"] != 0 {
		t.Errorf("the Wayback Machine asked for a link archived when shared")
	}
	if s := got[srv.URL+"/gone404"].Snapshot; !strings.Contains(s, "/web/20141001") {
		t.Errorf("404: snapshot %q, want the capture nearest to the share date", s)
	}
	if got[srv.URL+"/wall"].Snapshot != "" || got[srv.URL+"/alive"].Snapshot != "" {
		t.Errorf("a bot wall or a live page was pointed to an archive")
	}
	if last, ok, err := LastReport(ctx, st); err != nil || !ok || last.Checked != 10 {
		t.Errorf("stored report %+v %v %v", last, ok, err)
	}

	// The page comes back: restored, the week written again once.
	back = true
	rewrites = map[string]int{}
	rep, err = sw.Run(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Restored != 1 || rewrites[w.ID] != 1 {
		t.Errorf("second sweep %+v, rewrites %v", rep, rewrites)
	}
	p, _ := st.Page(ctx, srv.URL+"/back")
	if p.Snapshot != "" {
		t.Errorf("back: snapshot %q kept", p.Snapshot)
	}
	// Nothing changed: no rewrite, no commit.
	rewrites, commits = map[string]int{}, nil
	if _, err := sw.Run(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if len(rewrites) != 0 || len(commits) != 0 {
		t.Errorf("a sweep with nothing new rewrote %v, committed %v", rewrites, commits)
	}
}

type fakeSaver struct {
	recent map[string]string
	quota  int
	saved  []string
	fail   map[string]bool
}

func (f *fakeSaver) Recent(_ context.Context, u string, _ time.Duration) (string, error) {
	return f.recent[u], nil
}

func (f *fakeSaver) Save(_ context.Context, u string) (string, error) {
	if f.fail[u] {
		return "", fmt.Errorf("wayback: save %s: error:soft-time-limit-exceeded", u)
	}
	if f.quota <= 0 {
		return "", scrape.ErrQuota
	}
	f.quota--
	f.saved = append(f.saved, u)
	return "https://web.archive.org/web/20240301120500/" + u, nil
}

func TestArchiver(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	var links []moisson.Link
	for i := range 4 {
		links = append(links, moisson.Link{URL: fmt.Sprintf("https://example.com/%d", i)})
	}
	sv := &fakeSaver{recent: map[string]string{links[0].URL: "https://web.archive.org/web/20240220000000/" + links[0].URL}, quota: 1,
		fail: map[string]bool{links[1].URL: true}}
	a := &Archiver{Store: st, Saver: sv, Now: func() time.Time { return now }}
	rep, err := a.Run(ctx, links)
	if err != nil {
		t.Fatal(err)
	}
	// 0: a recent capture; 1: fails; 2: saved; 3: the quota used up, waits.
	if rep.Found != 1 || rep.Saved != 1 || rep.Waiting != 1 || rep.Failed != 1 {
		t.Errorf("report %+v", rep)
	}
	p, _ := st.Page(ctx, links[2].URL)
	if p.ArchiveURL == "" {
		t.Errorf("capture not stored")
	}
	// Next cycle: the quota is back, the waiting link goes, the failed one
	// waits for its delay.
	sv.quota = 5
	rep, err = a.Run(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Saved != 1 || a.Pending() != 1 {
		t.Errorf("second run %+v, pending %d", rep, a.Pending())
	}
	delete(sv.fail, links[1].URL)
	now = now.Add(2 * time.Hour)
	if rep, _ = a.Run(ctx, nil); rep.Saved != 1 || a.Pending() != 0 {
		t.Errorf("retry %+v, pending %d", rep, a.Pending())
	}
}

// TestArchiverStopsWhenThrottled: Save Page Now answering 429 with
// Retry-After (an hour) through the real Wayback client: the run ends at
// once, asking nothing more, and leaves every link for the next run,
// instead of waiting out the pause (which held `run --once` for hours).
func TestArchiverStopsWhenThrottled(t *testing.T) {
	for _, tc := range []struct{ name, path, body string }{
		{name: "429 on the quota", path: "/save/status/user"},
		{name: "429 on the submission", path: "/save"},
		{name: "session limit", path: "/save", body: `{"status":"error","status_ext":"error:user-session-limit","message":"You have already reached the limit of active sessions."}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var paths []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				paths = append(paths, r.URL.Path)
				mu.Unlock()
				w.Header().Set("Content-Type", "application/json")
				switch {
				case r.URL.Path == tc.path && tc.body != "":
					fmt.Fprint(w, tc.body)
				case r.URL.Path == tc.path:
					w.Header().Set("Retry-After", "3600")
					w.WriteHeader(http.StatusTooManyRequests)
					fmt.Fprint(w, `<html><body><h1>429 Too Many Requests</h1></body></html>`)
				case r.URL.Path == "/cdx/search/cdx":
					fmt.Fprint(w, "[]")
				case r.URL.Path == "/save/status/user":
					fmt.Fprint(w, `{"available": 5, "processing": 0}`)
				default:
					t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
					http.NotFound(w, r)
				}
			}))
			t.Cleanup(srv.Close)
			st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			s := scrape.New(scrape.Options{AllowPrivate: true, HostDelay: -1, Retries: -1, Timeout: 5 * time.Second})
			wb := scrape.NewWayback(s, scrape.WaybackOptions{Base: srv.URL, Limiter: scrape.NewWaybackLimiter(scrape.LimiterOptions{PerMinute: 6000})})
			a := &Archiver{Store: st, Saver: WaybackSaver{Wayback: wb, SPN: wb.SavePageNow("key", "secret")}}
			links := []moisson.Link{{URL: "https://example.com/1"}, {URL: "https://example.com/2"}, {URL: "https://example.com/3"}}
			// A bound against the hang, not a timing assertion.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			rep, err := a.Run(ctx, links)
			if err != nil {
				t.Fatalf("run: %v (paths %q)", err, paths)
			}
			if rep.Waiting != 3 || rep.Saved+rep.Found+rep.Failed != 0 || a.Pending() != 3 {
				t.Errorf("report %+v, pending %d: want the 3 links waiting for the next run", rep, a.Pending())
			}
			mu.Lock()
			defer mu.Unlock()
			n := 0
			for _, p := range paths {
				if p == tc.path {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s asked %d times (%q), want once", tc.path, n, paths)
			}
		})
	}
}
