package main

// Crash safety of the batched page writes of `moisson digest` and
// `moisson scrape` (archive.PageBatch: 16 pages or 100 ms a commit): the
// real binary killed with SIGKILL in the middle of its scrape, the store
// then checked page by page, and the command run again.

import (
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
)

const (
	// crashBatch is the size of the batches of pages stored by digest and
	// scrape: a kill -9 loses at most one.
	crashBatch = 16
	// crashWorkers is MOISSON_CONCURRENCY in these tests. The scraper
	// hands at most this many fetched pages to the batch at a time: they
	// can be lost along with the batch being written.
	crashWorkers = 4
)

// crashScenario is a fake web of many pages on a dozen hosts, where one
// page of each of crashWorkers hosts is held until gate is closed. Once
// the crashWorkers gated pages are asked for, every worker of the scraper
// is waiting on one: every other page asked for so far was answered in
// full, and the pages queued behind the gated ones on their hosts (one
// request at a time per host) are not fetched yet.
type crashScenario struct {
	web   *fakeWeb
	urls  []string
	gated []string
	title map[string]string
	gate  chan struct{}
}

// newCrashScenario adds pages to web, or takes urls (already added) as
// they are, and gates one page in the middle of each of crashWorkers
// distinct hosts' queues, in the order of urls.
func newCrashScenario(t *testing.T, web *fakeWeb, urls []string, hostOf func(string) string) *crashScenario {
	t.Helper()
	sc := &crashScenario{web: web, urls: urls, gate: make(chan struct{}), title: make(map[string]string)}
	byHost := make(map[string][]string)
	var hosts []string
	for _, u := range urls {
		h := hostOf(u)
		if byHost[h] == nil {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], u)
	}
	// The busiest hosts, so that pages queue behind their gated ones.
	slices.SortStableFunc(hosts, func(a, b string) int { return len(byHost[b]) - len(byHost[a]) })
	if len(hosts) < crashWorkers || len(byHost[hosts[crashWorkers-1]]) < 3 {
		t.Fatalf("scenario: %d hosts, want %d with 3 pages at least", len(hosts), crashWorkers)
	}
	web.mu.Lock()
	defer web.mu.Unlock()
	for _, h := range hosts[:crashWorkers] {
		u := byHost[h][len(byHost[h])/2]
		web.pages[u].Gate = sc.gate
		sc.gated = append(sc.gated, u)
	}
	for _, u := range urls {
		sc.title[u] = web.pages[u].Title
	}
	return sc
}

// waitAllGated waits until every gated page is asked for: then the
// scraper's workers are all held.
func (sc *crashScenario) waitAllGated(t *testing.T, p *liveProc) {
	t.Helper()
	for _, u := range sc.gated {
		select {
		case <-sc.web.Arrived(u):
		case <-p.done:
			t.Fatalf("%s exited before asking for %s: %s", p.name, u, p.Stderr())
		case <-time.After(deadline):
			t.Fatalf("%s never asked for %s; log:\n%s", p.name, u, p.Stderr())
		}
	}
}

// answered returns the pages answered in full so far: asked for, and not
// gated (the scenario holds every worker, so none is in flight).
func (sc *crashScenario) answered() []string {
	hits := sc.web.Hits()
	var done []string
	for _, u := range sc.urls {
		if hits[u] > 0 && !slices.Contains(sc.gated, u) {
			done = append(done, u)
		}
	}
	return done
}

// checkStore opens the store of a killed process: bbolt's own check of
// every page of the file, then every page stored decoded and matched to
// what the fake web served. It returns the URLs stored.
func (sc *crashScenario) checkStore(t *testing.T, db string) map[string]bool {
	t.Helper()
	bdb, err := bbolt.Open(db, 0o600, &bbolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatalf("bbolt open after the kill: %v", err)
	}
	err = bdb.View(func(tx *bbolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
	if cerr := bdb.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	if err != nil {
		t.Fatalf("the store is corrupt after the kill: %v", err)
	}
	st, err := archive.Open(db)
	if err != nil {
		t.Fatalf("archive open after the kill: %v", err)
	}
	defer st.Close()
	pages, err := st.Pages(t.Context(), sc.urls)
	if err != nil {
		t.Fatalf("pages after the kill: %v", err)
	}
	stored := make(map[string]bool, len(pages))
	for u, p := range pages {
		stored[u] = true
		sc.checkPage(t, u, p)
	}
	return stored
}

// checkPage checks that p is the page the fake web served for u, scraped
// once.
func (sc *crashScenario) checkPage(t *testing.T, u string, p moisson.Page) {
	t.Helper()
	sc.web.mu.Lock()
	status := sc.web.pages[u].Status
	sc.web.mu.Unlock()
	switch {
	case p.URL != u || p.Attempts != 1:
		t.Errorf("page %s stored as %s, attempt %d; want itself, attempt 1", u, p.URL, p.Attempts)
	case status == http.StatusOK && (!p.OK() || p.Title != sc.title[u]):
		t.Errorf("page %s stored with title %q, error %q; want %q", u, p.Title, p.Error, sc.title[u])
	case status != http.StatusOK && (p.OK() || p.Status != status):
		t.Errorf("page %s (gone, %d) stored as %d, error %q", u, status, p.Status, p.Error)
	}
}

// checkLost checks that every page answered before the kill is stored but
// for at most one batch and the pages the workers had handed over, and
// that nothing not answered is stored.
func (sc *crashScenario) checkLost(t *testing.T, answered []string, stored map[string]bool) {
	t.Helper()
	var lost []string
	for _, u := range answered {
		if !stored[u] {
			lost = append(lost, u)
		}
	}
	for u := range stored {
		if !slices.Contains(answered, u) {
			t.Errorf("%s stored but never answered in full", u)
		}
	}
	if len(lost) > crashBatch+crashWorkers {
		t.Errorf("%d of the %d pages answered before the kill are not stored, want at most %d (a batch of %d and the %d pages the workers hand over): %v",
			len(lost), len(answered), crashBatch+crashWorkers, crashBatch, crashWorkers, lost)
	}
	if len(answered) == 0 || len(answered) == len(sc.urls)-len(sc.gated) {
		t.Fatalf("%d of %d pages answered at the kill: the kill was not mid-way", len(answered), len(sc.urls))
	}
	t.Logf("killed with %d of %d pages answered, %d stored, %d lost", len(answered), len(sc.urls), len(stored), len(lost))
}

// checkRefetch checks the second run: each page missing from the store
// after the kill fetched once, no page stored fetched again, and every
// page stored now.
func (sc *crashScenario) checkRefetch(t *testing.T, db string, storedBefore map[string]bool) {
	t.Helper()
	hits := sc.web.Hits()
	for _, u := range sc.urls {
		want := 1
		if storedBefore[u] {
			want = 0
		}
		if hits[u] != want {
			t.Errorf("%s fetched %d times by the second run, want %d (stored after the kill: %t)", u, hits[u], want, storedBefore[u])
		}
	}
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pages, err := st.Pages(t.Context(), sc.urls)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(sc.urls) {
		t.Errorf("%d of %d pages stored after the second run", len(pages), len(sc.urls))
	}
	for u, p := range pages {
		sc.checkPage(t, u, p)
	}
}

// TestScrapeKilledMidwayLosesAtMostABatch runs `moisson scrape` on 104
// pages of 12 hosts, kills it with SIGKILL once its workers all wait on
// held pages, checks the store, then runs it again.
func TestScrapeKilledMidwayLosesAtMostABatch(t *testing.T) {
	web := newFakeWeb(t)
	var urls []string
	hostOf := map[string]string{}
	for h := 1; h <= 12; h++ {
		n := 6
		if h <= crashWorkers {
			n = 11
		}
		for i := range n {
			u := fmt.Sprintf("%s/articles/%d-%d.html", web.HostURL(2, h), h, i)
			web.AddPage(u, &fakePage{Status: http.StatusOK, Title: fmt.Sprintf("Article %d de l'hôte %d", i, h),
				Lead: fmt.Sprintf("Le premier paragraphe de l'article %d, publié sur l'hôte %d, assez long pour être pris pour l'ouverture de l'article.", i, h)})
			urls = append(urls, u)
			hostOf[u] = web.HostURL(2, h)
		}
	}
	sc := newCrashScenario(t, web, urls, func(u string) string { return hostOf[u] })
	work := t.TempDir()
	db := filepath.Join(work, "moisson.db")
	environ := baseEnviron(work,
		"MOISSON_DB="+db,
		"MOISSON_HOST_DELAY=1ms",
		"MOISSON_FETCH_TIMEOUT=60s",
		"MOISSON_CONCURRENCY="+strconv.Itoa(crashWorkers),
	)
	args := append([]string{"scrape", "--json"}, urls...)

	first := startMoisson(t, "first scrape", work, environ, args...)
	sc.waitAllGated(t, first)
	answered := sc.answered()
	first.Kill9()
	stored := sc.checkStore(t, db)
	sc.checkLost(t, answered, stored)

	web.ResetHits()
	close(sc.gate)
	second := startMoisson(t, "second scrape", work, environ, args...)
	if code := second.Wait(deadline); code != 0 {
		t.Fatalf("second scrape: exit status %d; log:\n%s", code, second.Stderr())
	}
	sc.checkRefetch(t, db, stored)
}

// TestDigestKilledMidwayLosesAtMostABatch imports a generated week of
// about 100 links, runs `moisson digest` on it, kills it with SIGKILL once its
// workers all wait on held pages, checks the store, then runs it again.
func TestDigestKilledMidwayLosesAtMostABatch(t *testing.T) {
	web := newFakeWeb(t)
	h := genHistory(web, 160, 12, 1, 14)
	// The days of posts span two weeks (a week ends on Friday at 18:00):
	// the digest is of the one with the most links.
	week := ""
	for id, links := range h.Weeks {
		if week == "" || len(links) > len(h.Weeks[week]) {
			week = id
		}
	}
	var urls []string
	hostOf := map[string]string{}
	for _, i := range h.Weeks[week] {
		l := h.Links[i]
		if hostOf[l.URL] == "" {
			urls = append(urls, l.URL)
			hostOf[l.URL] = l.Host
		}
	}
	sc := newCrashScenario(t, web, urls, func(u string) string { return hostOf[u] })
	work := t.TempDir()
	db := filepath.Join(work, "moisson.db")
	environ := baseEnviron(work,
		"MOISSON_DB="+db,
		"MOISSON_HOST_DELAY=1ms",
		"MOISSON_FETCH_TIMEOUT=60s",
		"MOISSON_CONCURRENCY="+strconv.Itoa(crashWorkers),
	)
	arch := filepath.Join(work, "archive")
	if err := h.WriteArchive(arch); err != nil {
		t.Fatal(err)
	}
	if imp := startMoisson(t, "import", work, environ, "import", arch); imp.Wait(deadline) != 0 {
		t.Fatalf("import failed: %s", imp.Stderr())
	}
	args := []string{"digest", "--week", week, "--stdout", "--wayback=false"}

	first := startMoisson(t, "first digest", work, environ, args...)
	sc.waitAllGated(t, first)
	answered := sc.answered()
	first.Kill9()
	stored := sc.checkStore(t, db)
	sc.checkLost(t, answered, stored)

	web.ResetHits()
	close(sc.gate)
	second := startMoisson(t, "second digest", work, environ, args...)
	if code := second.Wait(deadline); code != 0 {
		t.Fatalf("second digest: exit status %d; log:\n%s", code, second.Stderr())
	}
	sc.checkRefetch(t, db, stored)
}
