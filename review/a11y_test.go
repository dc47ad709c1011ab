package review_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// TestAccessibility runs axe-core (WCAG 2.1 A and AA, colour contrast
// included) in Chromium on every state of the page, in the light and the
// dark theme, with and without the script: any violation fails the test
// with the rule and the elements.
func TestAccessibility(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	const php = "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/"
	newSrv := func(t *testing.T, open bool, token string) (*reviewtest.MemBackend, string) {
		entries := mentionEntries() // every Webmention state
		entries[2].Entry.TitleConfidence = moisson.ConfidenceLow
		entries[4].Entry.Comment = "Un mot à moi."
		b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", entries, reviewtest.SampleCategories)
		b.Now = func() time.Time { return time.Date(2014, 10, 3, 19, 0, 0, 0, time.UTC) }
		if open {
			b.Now = func() time.Time { return time.Date(2014, 10, 2, 12, 0, 0, 0, time.UTC) }
		}
		b.StatusValue = review.Status{Store: "/var/lib/moisson/moisson.db", Daemon: true, Posts: 120, Links: 98, Pages: 95, Failed: 3,
			Sources:     []review.SourceInfo{{Name: "x", Position: "1900000000000000015", LastRead: b.Now()}, {Name: "feed:https://example.org/feed.xml", LastErr: "503 Service Unavailable"}},
			FailedLinks: []moisson.Page{{URL: "http://example.com/gone", Error: "404 Not Found", Status: 404, FetchedAt: b.Now()}},
			Warnings:    []string{"source feed:https://example.org/feed.xml: 503 Service Unavailable"},
			NextCutoff:  time.Date(2014, 10, 10, 16, 0, 0, 0, time.UTC), NextWeek: "2014-W41",
			LinkCheck:  &review.LinkCheck{At: b.Now(), Checked: 10, Gone: 1, Rescued: 1},
			Webmention: &review.MentionCounts{Accepted: 2, NoEndpoint: 5, Failed: 1}}
		srv := httptest.NewServer(review.New(b, review.Options{Now: b.Now, Token: token}).Handler())
		t.Cleanup(srv.Close)
		return b, srv.URL
	}
	type state struct {
		name  string
		js    bool
		open  bool
		token string
		setup func(p *reviewtest.Page) error
	}
	week := func(p *reviewtest.Page) error { return p.OpenWeek(weekID) }
	states := []state{
		{name: "week", js: true, setup: week},
		{name: "week without script", setup: week},
		{name: "week after edits", js: true, setup: func(p *reviewtest.Page) error {
			for _, err := range []error{
				p.OpenWeek(weekID),
				p.Hide("http://example.com/gone"),
				p.Save(keySSL, map[string]string{"comment": "Enfin du HTTPS."}),
				p.Hold(),
			} {
				if err != nil {
					return err
				}
			}
			// An entry with unsaved edits, the page's paragraphs brought in.
			if _, err := p.EvalBool("type", `(function(){var e=document.querySelector('#`+review.EntryID(php)+` textarea[name=comment]'); e.value='x'; e.dispatchEvent(new Event('input',{bubbles:true})); return true})()`); err != nil {
				return err
			}
			return p.OpenParagraphs(keySHA1)
		}},
		{name: "week, a save refused", js: true, setup: func(p *reviewtest.Page) error {
			if err := p.OpenWeek(weekID); err != nil {
				return err
			}
			err := p.Save(keySSL, map[string]string{"title": strings.Repeat("x", 600)})
			if err == nil || !strings.Contains(err.Error(), "500 caractères") {
				return err
			}
			return nil
		}},
		{name: "week filtered", js: true, setup: func(p *reviewtest.Page) error { return p.Open("/weeks/" + weekID + "?check=1") }},
		{name: "open week, confirmation step", open: true, setup: func(p *reviewtest.Page) error {
			if err := p.OpenWeek(weekID); err != nil {
				return err
			}
			_, err := p.Open("/weeks/"+weekID+"?confirm=close"), error(nil)
			return err
		}},
		{name: "published week", js: true, setup: func(p *reviewtest.Page) error {
			if err := p.OpenWeek(weekID); err != nil {
				return err
			}
			return p.Approve()
		}},
		{name: "entry", setup: func(p *reviewtest.Page) error {
			return p.Open("/weeks/" + weekID + "/entries/" + review.EntryID(keySHA1))
		}},
		{name: "preview", setup: func(p *reviewtest.Page) error { return p.Open("/weeks/" + weekID + "/preview") }},
		{name: "weeks", js: true, setup: func(p *reviewtest.Page) error { return p.Open("/") }},
		{name: "status", js: true, setup: func(p *reviewtest.Page) error { return p.Open("/status") }},
		{name: "not found", js: true, setup: func(p *reviewtest.Page) error { return p.Open("/weeks/2014-W41") }},
		{name: "login", token: "secret-token", setup: func(p *reviewtest.Page) error { return p.Open("/login") }},
	}
	for _, theme := range []string{"light", "dark"} {
		for _, st := range states {
			t.Run(theme+"/"+st.name, func(t *testing.T) {
				_, base := newSrv(t, st.open, st.token)
				p := reviewtest.NewPage(t, browser, base, st.js)
				if err := p.Theme(theme); err != nil {
					t.Fatal(err)
				}
				if err := st.setup(p); err != nil {
					t.Fatal(err)
				}
				v, err := p.Axe()
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range v {
					t.Errorf("%s", x)
				}
			})
		}
	}
}
