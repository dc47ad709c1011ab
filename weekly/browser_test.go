package weekly

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// The review page over the real Service, in a real Chromium, JavaScript
// on and off: a post file edited by hand sends "approve" to the file's
// diff; "keep the file" reads its changes back into edits, or freezes
// the week when they do not map; "overwrite" writes moisson's version.
func TestConflictPageInABrowser(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	for _, js := range []bool{true, false} {
		name := "javascript"
		if !js {
			name = "no-javascript"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, w, urls := curatedWeek(t)
			s.Mode = Mode{Review: true}
			if err := s.PublishDue(ctx, w); err != nil {
				t.Fatal(err)
			}
			handEdit(t, s, w, "[Title SSL]", "[Universal SSL, edited in the file]")
			srv := httptest.NewServer(review.New(s, review.Options{Lang: "en"}).Handler())
			defer srv.Close()
			p := reviewtest.NewPage(t, browser, srv.URL, js)
			if err := p.OpenWeek(w.ID); err != nil {
				t.Fatal(err)
			}
			if err := p.ApproveToConflict(); err != nil {
				t.Fatal(err)
			}
			if ok, err := p.EvalBool("read the diff", `Array.from(document.querySelectorAll('#diff tr.add')).some(function(r){return r.textContent.indexOf('Universal SSL, edited in the file')>=0}) && Array.from(document.querySelectorAll('#diff tr.del')).some(function(r){return r.textContent.indexOf('Title SSL')>=0})`); err != nil || !ok {
				t.Fatalf("the conflict page does not show the diff (%v)", err)
			}
			if err := p.Keep(); err != nil {
				t.Fatal(err)
			}
			if e, _ := s.Store.Edits(ctx, w.ID); e.Entries[urls[0]].Title != "Universal SSL, edited in the file" || e.Frozen || e.Approved {
				t.Errorf("edits after keep: %+v", e)
			}
			if ok, err := p.EvalBool("read the title", `document.querySelector('#`+review.EntryID(urls[0])+` h3.title a').textContent.trim()==='Universal SSL, edited in the file'`); err != nil || !ok {
				t.Errorf("the week's page does not show the title read back (%v)", err)
			}

			// Words that map to nothing: keeping the file freezes the week.
			file := handEdit(t, s, w, "### Go", "Some words of my own.\n\n### Go")
			if err := p.RegenerateToConflict(); err != nil {
				t.Fatal(err)
			}
			if ok, err := p.EvalBool("the unmapped part", `!!document.getElementById('unmapped') && document.getElementById('unmapped').textContent.indexOf('Some words of my own.')>=0`); err != nil || !ok {
				t.Fatalf("the conflict page does not show what does not map (%v)", err)
			}
			if err := p.Keep(); err != nil {
				t.Fatal(err)
			}
			if ok, err := p.EvalBool("frozen badge", `!!document.getElementById('week-frozen')`); err != nil || !ok {
				t.Fatalf("the week does not say it is frozen (%v)", err)
			}
			if got := readPost(t, s, w); got != file {
				t.Fatal("keeping the file changed it")
			}
			if err := p.OpenConflict(); err != nil {
				t.Fatal(err)
			}
			if err := p.Overwrite(); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(s.BlogDir, mustPub(t, s, w).Path))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(got), "Some words of my own.") || !strings.Contains(string(got), "Universal SSL, edited in the file") {
				t.Errorf("overwritten file:\n%s", got)
			}
			if ok, err := p.EvalBool("no frozen badge", `!document.getElementById('week-frozen')`); err != nil || !ok {
				t.Errorf("the week still says it is frozen (%v)", err)
			}
		})
	}
}
