package weekly

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// testWeek is a test week with its links.
type testWeek struct {
	moisson.Week
	urls []string
}

// TestAccessibilityOfTheWholePostForms runs axe-core (WCAG 2.1 A and AA)
// in Chromium, light and dark, on the pages this package adds to the
// review page: a file edited by hand (its diff, what does not map), the
// links shared before, the sections editor and the question on a link
// already in another week.
func TestAccessibilityOfTheWholePostForms(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	type state struct {
		name  string
		setup func(t *testing.T, s *Service, w testWeek, p *reviewtest.Page) error
	}
	states := []state{
		{"conflict", func(t *testing.T, s *Service, w testWeek, p *reviewtest.Page) error {
			if err := s.PublishDue(context.Background(), w.Week); err != nil {
				return err
			}
			handEdit(t, s, w.Week, "[Title SSL]", "[SSL by hand]", "### Go", "My own words.\n\n### Go")
			if err := p.Open("/weeks/" + w.ID + "/conflict"); err != nil {
				return err
			}
			_, err := p.EvalBool("open the unmapped part", `(function(){document.getElementById('unmapped').open=true; return true})()`)
			return err
		}},
		{"shared before, sections, a link in another week", func(t *testing.T, s *Service, w testWeek, p *reviewtest.Page) error {
			if err := s.PublishDue(context.Background(), w.Week); err != nil {
				return err
			}
			next := sharedAgain(t, s, w.Week, w.urls)
			edit(t, s, next, review.Change{Action: "again", Entry: w.urls[1] + "?utm_source=mastodon"})
			edit(t, s, next, review.Change{Action: "once", Entry: w.urls[1] + "?utm_source=mastodon"})
			if err := p.OpenWeek(next.ID); err != nil {
				return err
			}
			if _, err := p.EvalBool("open the sections", `(function(){document.getElementById('sections').open=true; return true})()`); err != nil {
				return err
			}
			return p.AddLinkAsked(w.urls[0], "", "")
		}},
	}
	for _, theme := range []string{"light", "dark"} {
		for _, st := range states {
			t.Run(theme+"/"+st.name, func(t *testing.T) {
				s, w, urls := curatedWeek(t)
				s.setNow(w.End.Add(time.Minute))
				srv := httptest.NewServer(review.New(s, review.Options{Lang: "en"}).Handler())
				defer srv.Close()
				p := reviewtest.NewPage(t, browser, srv.URL, true)
				if err := p.Theme(theme); err != nil {
					t.Fatal(err)
				}
				if err := st.setup(t, s, testWeek{w, urls}, p); err != nil {
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
