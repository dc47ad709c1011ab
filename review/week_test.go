package review_test

import (
	"context"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

var screenshot = flag.String("screenshot", os.Getenv("MOISSON_REVIEW_SCREENSHOT"),
	"write a screenshot of the sample week's page to this PNG (the docs/review-light.png and review-dark.png are the real demo page: see TestDemoServesTheReviewPage)")

func heavyServer(tb testing.TB, n int) http.Handler {
	tb.Helper()
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.ManyEntries(n), nil)
	return review.New(b, review.Options{}).Handler()
}

func loopbackGet(path string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7080"+path, nil)
	local := &netAddr{"tcp", "127.0.0.1:7080"}
	return req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
}

type netAddr struct{ network, addr string }

func (a *netAddr) Network() string { return a.network }
func (a *netAddr) String() string  { return a.addr }

// TestWeekOf300 renders a week of 300 links, every entry with its forms.
func TestWeekOf300(t *testing.T) {
	h := heavyServer(t, 300)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, loopbackGet("/weeks/2014-W40"))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body.String())
	}
	body := rec.Body.String()
	if n := strings.Count(body, `<article class="entry`); n != 300 {
		t.Errorf("%d entries on the page, want 300", n)
	}
	if n := strings.Count(body, `<form method="post" class="f-entry">`); n != 300 {
		t.Errorf("%d entry forms, want 300", n)
	}
	if n := strings.Count(body, `<section class="section"`); n != 12 {
		t.Errorf("%d sections, want 12", n)
	}
}

// TestWeekOf48Weight: the page of a week of 48 links, as real weeks have
// them (ManyEntries), stays under 120 KB and 60 forms.
func TestWeekOf48Weight(t *testing.T) {
	h := heavyServer(t, 48)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, loopbackGet("/weeks/2014-W40"))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	size, forms := len(body), strings.Count(body, "<form")
	t.Logf("a week of 48 links: %d bytes, %d forms", size, forms)
	if n := strings.Count(body, `<article class="entry`); n != 48 {
		t.Errorf("%d entries, want 48", n)
	}
	if size > 120*1000 {
		t.Errorf("the page weighs %d bytes, want under 120 KB", size)
	}
	if forms >= 60 {
		t.Errorf("the page has %d forms, want under 60", forms)
	}
}

// BenchmarkWeekPage renders the page of a week of 300 links (preview
// included) from an in-memory Backend.
//
// Besides the wall time it reports cpu-ms/op, the process's CPU time (user
// and system) per page: on a machine shared with other work, the wall
// time says how busy the machine was, the CPU time what a page costs.
func BenchmarkWeekPage(b *testing.B) {
	h := heavyServer(b, 300)
	b.ReportAllocs()
	start := cpuTime(b)
	n := 0
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, loopbackGet("/weeks/2014-W40"))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		io.Discard.Write(rec.Body.Bytes())
		n++
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
}

// cpuTime is the CPU time the process used so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Skip("getrusage:", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestBrowser drives the page in a real headless Chromium, with
// JavaScript on and off: every step goes through the page's forms and
// must reach the Backend.
func TestBrowser(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	for _, js := range []bool{true, false} {
		name := "js"
		if !js {
			name = "nojs"
		}
		t.Run(name, func(t *testing.T) {
			b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.SampleEntries(), reviewtest.SampleCategories)
			srv := httptest.NewServer(review.New(b, review.Options{}).Handler())
			defer srv.Close()
			p := reviewtest.NewPage(t, browser, srv.URL, js)
			if err := p.OpenWeek(weekID); err != nil {
				t.Fatal(err)
			}
			// With JavaScript, the forms are sent in the background: the
			// page is never loaded again, and keeps this mark.
			if js {
				if _, err := p.EvalBool("mark", "(window.moissonMark = true)"); err != nil {
					t.Fatal(err)
				}
			}
			const (
				gone  = "http://example.com/gone"
				maria = "https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100"
				added = "https://go.dev/blog/go1.26"
			)
			steps := []struct {
				name string
				do   func() error
				want review.Change
			}{
				{"hide", func() error { return p.Hide(gone) },
					review.Change{Action: "save", Entry: gone, Title: "Un lien mort partagé sans hashtag", Category: "Divers", Position: 1, Hidden: true}},
				{"every field at once", func() error {
					return p.Save(keySSL, map[string]string{"title": "Universal SSL, gratuit", "lead": "CloudFlare offre le HTTPS à tous ses clients.", "comment": "Enfin du *HTTPS* partout."})
				}, review.Change{Action: "save", Entry: keySSL, Title: "Universal SSL, gratuit", Lead: "CloudFlare offre le HTTPS à tous ses clients.", Comment: "Enfin du *HTTPS* partout.", Category: "SSL", Position: 2}},
				{"move", func() error { return p.Move(maria, "SSL") },
					review.Change{Action: "save", Entry: maria, Title: "High Availability with Multi Source Replication with MariaDB 10.0", Lead: "In my last article, I explored how to enable Global Transaction IDs in MariaDB 10.0.", Category: "SSL", Position: 1}},
				{"move to a new section", func() error { return p.Move(keySHA1, "Sécurité") },
					review.Change{Action: "save", Entry: keySHA1, Title: "SHA1 Deprecation: What You Need to Know", Lead: "The news is that SHA1, a very popular hashing function, is on the way out.\nHowever, we're in a bit of a panic now.", Category: "Sécurité", Position: 1}},
				{"up", func() error { return p.MoveUp(maria) },
					review.Change{Action: "save", Entry: maria, Title: "High Availability with Multi Source Replication with MariaDB 10.0", Lead: "In my last article, I explored how to enable Global Transaction IDs in MariaDB 10.0.", Category: "SSL", Position: 1}},
				{"a paragraph of the page", func() error { return p.PickParagraph(keySHA1, 2) },
					review.Change{Action: "save", Entry: keySHA1, Title: "SHA1 Deprecation: What You Need to Know", Lead: "Google announced that Chrome will warn about SHA1 certificates expiring in 2016.", Category: "Sécurité", Position: 1}},
				{"add", func() error { return p.AddLink(added, "Go", "La nouvelle version.") },
					review.Change{Action: "add", Value: added, Category: "Go", Comment: "La nouvelle version."}},
				{"approve", p.Approve, review.Change{Action: "publish"}},
			}
			for i, st := range steps {
				if err := st.do(); err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				got := b.Changes()
				if len(got) != i+1 {
					t.Fatalf("%s: %d changes recorded, want %d", st.name, len(got), i+1)
				}
				c := got[i]
				if !strings.HasPrefix(c.By, "page 127.0.0.1") {
					t.Errorf("%s: By %q", st.name, c.By)
				}
				c.By = ""
				if c != st.want {
					t.Errorf("%s: change %+v, want %+v", st.name, c, st.want)
				}
			}
			kept, err := p.EvalBool("read the mark", "window.moissonMark === true")
			if err != nil {
				t.Fatal(err)
			}
			if kept != js {
				t.Errorf("page kept across the steps: %v, want %v (JavaScript %v)", kept, js, js)
			}
		})
	}
}

// TestScreenshot saves the page of the sample week, with a few edits, for
// a look at the page: go test ./review -run Screenshot -screenshot /tmp/review.png
// (docs/review-light.png and review-dark.png are taken from the real demo instead)
func TestScreenshot(t *testing.T) {
	if *screenshot == "" {
		t.Skip("no -screenshot path")
	}
	browser := reviewtest.StartBrowser(t)
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.SampleEntries(), reviewtest.SampleCategories)
	b.Now = func() time.Time { return time.Date(2014, 10, 3, 9, 12, 0, 0, time.UTC) }
	srv := httptest.NewServer(review.New(b, review.Options{}).Handler())
	defer srv.Close()
	p := reviewtest.NewPage(t, browser, srv.URL, true)
	if err := p.OpenWeek(weekID); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		p.Hide("http://example.com/gone"),
		p.Comment(keySSL, "Enfin du HTTPS pour tous, gratuitement."),
		p.OpenWeek(weekID),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	path, err := filepath.Abs(*screenshot)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Screenshot(path); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot written to %s", path)
}

// The bot's state page shows the last link check and the Wayback queue
// when the daemon knows them.
func TestStatusPageShowsLinkHealth(t *testing.T) {
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "en", reviewtest.SampleEntries(), nil)
	b.StatusValue.LinkCheck = &review.LinkCheck{At: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), Checked: 120, Gone: 7, Rescued: 5, NotArchived: 2, Unknown: 3, Restored: 1}
	b.StatusValue.Wayback = &review.WaybackQueue{Queued: 4, Expected: 32, Sent: 10, Throttled: 1}
	h := review.New(b, review.Options{Lang: "en"}).Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, loopbackGet("/status"))
	body := rec.Body.String()
	for _, want := range []string{"120 checked, 7 gone (5 rescued, 2 not archived), 3 unknown, 1 restored", "4 queued, ~32 s expected, 10 sent (1 throttled)"} {
		if !strings.Contains(body, want) {
			t.Errorf("status page lacks %q", want)
		}
	}
}

// TestBrowserPublishOpenWeek: publishing the week still open asks first,
// with the cutoff, in a dialog of the script or on a step of its own
// without it; refused, nothing is published; accepted, the week is
// closed and published.
func TestBrowserPublishOpenWeek(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	for _, js := range []bool{true, false} {
		t.Run(map[bool]string{true: "js", false: "nojs"}[js], func(t *testing.T) {
			b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.SampleEntries(), reviewtest.SampleCategories)
			b.Now = func() time.Time { return time.Date(2014, 10, 2, 12, 0, 0, 0, time.UTC) }
			srv := httptest.NewServer(review.New(b, review.Options{Location: paris, Now: b.Now}).Handler())
			defer srv.Close()
			p := reviewtest.NewPage(t, browser, srv.URL, js)
			if err := p.OpenWeek(weekID); err != nil {
				t.Fatal(err)
			}
			const want = "La semaine se clôt ven. 3 octobre 2014 18:00 ; la publier maintenant et la clore ?"
			q, err := p.PublishEarly(false)
			if err != nil || q != want {
				t.Fatalf("asked %q (%v), want %q", q, err, want)
			}
			if c := b.Changes(); len(c) != 0 {
				t.Fatalf("refused, yet changed: %+v", c)
			}
			if q, err = p.PublishEarly(true); err != nil || q != want {
				t.Fatalf("asked %q (%v)", q, err)
			}
			if c := b.Changes(); len(c) != 1 || c[0].Action != "publish_early" {
				t.Errorf("changes %+v, want one publish_early", c)
			}
		})
	}
}

// TestBrowserKeepsEdits: with the script, saving one entry sends one
// request and leaves the rest of the page as it is: an entry being
// edited keeps what was typed and says it is not saved, an entry that
// did not change is the same element; the message shows next to the
// entry saved and is announced.
func TestBrowserKeepsEdits(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.SampleEntries(), reviewtest.SampleCategories)
	srv := httptest.NewServer(review.New(b, review.Options{}).Handler())
	defer srv.Close()
	p := reviewtest.NewPage(t, browser, srv.URL, true)
	if err := p.OpenWeek(weekID); err != nil {
		t.Fatal(err)
	}
	const php = "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/"
	typing, other := review.EntryID(keySHA1), review.EntryID(php)
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#"+typing+" textarea[name=comment]"), "Pas fini"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('`+other+`').moissonSame = true; window.moissonRequests = 0;
			new PerformanceObserver(function(l){ l.getEntries().forEach(function(e){ if (e.initiatorType === 'fetch') { window.moissonRequests++ } }) }).observe({type: 'resource', buffered: false});`),
	); err != nil {
		t.Fatal(err)
	}
	unsaved, err := p.EvalBool("unsaved shown", `document.getElementById('`+typing+`').classList.contains('dirty') && document.querySelector('#`+typing+` .unsaved').textContent === 'Modifications non enregistrées'`)
	if err != nil || !unsaved {
		t.Errorf("the entry being edited does not say it is unsaved (%v)", err)
	}
	if err := p.Save(keySSL, map[string]string{"comment": "Enfin.", "title": "Universal SSL"}); err != nil {
		t.Fatal(err)
	}
	for what, expr := range map[string]string{
		"the typed comment kept":   `document.querySelector('#` + typing + ` textarea[name=comment]').value === 'Pas fini'`,
		"still said unsaved":       `document.getElementById('` + typing + `').classList.contains('dirty')`,
		"the other entry the same": `document.getElementById('` + other + `').moissonSame === true`,
		"the message by the entry": `document.querySelector('#m-` + review.EntryID(keySSL) + `').textContent === 'Lien enregistré.'`,
		"the message announced":    `document.getElementById('live').getAttribute('aria-live') === 'polite'`,
		"the saved entry focused":  `document.activeElement === document.getElementById('` + review.EntryID(keySSL) + `')`,
	} {
		if ok, err := p.EvalBool(what, expr); err != nil || !ok {
			t.Errorf("%s: %v %v", what, ok, err)
		}
	}
	// The observer's entries come when the browser has time for them.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ok, err := p.EvalBool("requests seen", `window.moissonRequests >= 1`); err == nil && ok {
			break
		}
	}
	time.Sleep(200 * time.Millisecond) // a second request would be seen by now
	if ok, err := p.EvalBool("one request", `window.moissonRequests === 1`); err != nil || !ok {
		t.Errorf("the save did not make exactly one request (%v)", err)
	}
	if ok, err := p.EvalBool("live text", `document.getElementById('live').textContent === 'Lien enregistré.'`); err != nil || !ok {
		t.Errorf("the live region does not say the message (%v)", err)
	}
	if c := b.Changes(); len(c) != 1 || c[0].Title != "Universal SSL" || c[0].Comment != "Enfin." {
		t.Errorf("changes %+v, want one save with the title and the comment", c)
	}
}

// TestBrowserKeys: j and k go through the shown entries and skip the
// hidden ones; h hides the entry under focus and the focus goes on to
// the next one.
func TestBrowserKeys(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.SampleEntries(), reviewtest.SampleCategories)
	srv := httptest.NewServer(review.New(b, review.Options{}).Handler())
	defer srv.Close()
	p := reviewtest.NewPage(t, browser, srv.URL, true)
	if err := p.OpenWeek(weekID); err != nil {
		t.Fatal(err)
	}
	if err := p.Hide(keySSL); err != nil { // the second entry
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	focused := func() string {
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.activeElement.closest('article.entry')||{}).id||''`))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`)); err != nil {
		t.Fatal(err)
	}
	var seen []string
	for range 8 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("j")); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, focused())
	}
	entries := reviewtest.SampleEntries()
	if seen[0] != review.EntryID(entries[0].Entry.Key) {
		t.Errorf("j first went to %s", seen[0])
	}
	for _, id := range seen {
		if id == review.EntryID(keySSL) {
			t.Errorf("j went to the hidden entry: %q", seen)
		}
	}
	if seen[6] != seen[7] || seen[6] == "" {
		t.Errorf("j past the last shown entry: %q", seen)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("k")); err != nil {
		t.Fatal(err)
	}
	if got := focused(); got != seen[5] {
		t.Errorf("k went to %s, want %s", got, seen[5])
	}
	// h on the first entry hides it; the focus goes to the next.
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#"+seen[0])), chromedp.KeyEvent("h")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for focused() != seen[1] && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if got := focused(); got != seen[1] {
		t.Errorf("after h the focus is on %q, want %q", got, seen[1])
	}
	if c := b.Changes(); len(c) != 2 || !c[1].Hidden || c[1].Entry != entries[0].Entry.Key {
		t.Errorf("changes %+v, want the first entry hidden", c)
	}
}
