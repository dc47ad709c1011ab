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
	"testing"
	"time"

	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

var screenshot = flag.String("screenshot", os.Getenv("MOISSON_REVIEW_SCREENSHOT"),
	"write a screenshot of the sample week's page to this PNG (the README's docs/review.png is the real demo page: see TestDemoServesTheReviewPage)")

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
	if n := strings.Count(body, `<form method="post" action="/weeks/2014-W40/change" class="f-entry">`); n != 300 {
		t.Errorf("%d entry forms, want 300", n)
	}
	if n := strings.Count(body, `<section class="section"`); n != 12 {
		t.Errorf("%d sections, want 12", n)
	}
}

// BenchmarkWeekPage renders the page of a week of 300 links (preview
// included) from an in-memory Backend.
func BenchmarkWeekPage(b *testing.B) {
	h := heavyServer(b, 300)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, loopbackGet("/weeks/2014-W40"))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		io.Discard.Write(rec.Body.Bytes())
	}
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
// (the README's docs/review.png is taken from the real demo instead)
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
