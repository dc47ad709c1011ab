package weekly

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

func sectionNames(t *testing.T, s *Service, w moisson.Week) []string {
	t.Helper()
	d, err := s.Build(context.Background(), w, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, sec := range d.Sections {
		names = append(names, sec.Name)
	}
	return names
}

// Sections renamed, reordered and created are stored as edits: the post
// follows them, a link moved to a renamed section follows the new name,
// and undo takes the change back whole.
func TestSectionsRenamedReorderedCreated(t *testing.T) {
	ctx := context.Background()
	s, w, urls := curatedWeek(t)
	if got := sectionNames(t, s, w); !slices.Equal(got, []string{"SSL", "Go", "MySQL"}) {
		t.Fatalf("sections %q", got)
	}
	edit(t, s, w, review.Change{Action: "sections", Value: review.SectionsValue([]review.SectionEdit{
		{From: "MySQL", To: "Bases de données"}, {From: "SSL", To: "SSL"}, {From: "", To: "Divers"}, {From: "Go", To: "Go"},
	})})
	if got := sectionNames(t, s, w); !slices.Equal(got, []string{"Bases de données", "SSL", "Go"}) {
		t.Errorf("sections after the editor %q", got)
	}
	v, err := s.Week(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(v.AllSections, []string{"Bases de données", "SSL", "Go", "Divers"}) || !slices.Contains(v.Categories, "Divers") {
		t.Errorf("all sections %q, categories %q: want the created one offered", v.AllSections, v.Categories)
	}
	// A link moved to the created section: it shows in its place.
	edit(t, s, w, review.Change{Action: "category", Entry: urls[1], Value: "Divers"})
	if got := sectionNames(t, s, w); !slices.Equal(got, []string{"Bases de données", "SSL", "Divers"}) {
		t.Errorf("sections with the created one used %q", got)
	}
	// Renamed again, back and forth: no chain, no loss.
	edit(t, s, w, review.Change{Action: "sections", Value: review.SectionsValue([]review.SectionEdit{
		{From: "Bases de données", To: "SGBD"}, {From: "SSL", To: "Sécurité"}, {From: "Divers", To: "Divers"},
	})})
	if got := sectionNames(t, s, w); !slices.Equal(got, []string{"SGBD", "Sécurité", "Divers"}) {
		t.Errorf("sections renamed twice %q", got)
	}
	md := string(mustMarkdown(t, s, w))
	if !strings.Contains(md, "### SGBD") || strings.Contains(md, "### MySQL") || !strings.Contains(md, "### Sécurité") {
		t.Errorf("post:\n%s", md)
	}
	if err := s.Undo(ctx, w.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if got := sectionNames(t, s, w); !slices.Equal(got, []string{"Bases de données", "SSL", "Divers"}) {
		t.Errorf("after undo %q", got)
	}
	if err := review.CheckChange(review.Change{Action: "sections", Value: "a\tb\nc\td\ne"}); err != nil {
		t.Errorf("a good sections change refused: %v", err)
	}
	if err := review.CheckChange(review.Change{Action: "sections", Value: "a\t" + strings.Repeat("x", 101)}); err == nil {
		t.Error("a section name of 101 characters is accepted")
	}
}

func mustMarkdown(t *testing.T, s *Service, w moisson.Week) []byte {
	t.Helper()
	v, err := s.Week(context.Background(), w.ID)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(v.Markdown)
}

// Adding a link already shared in another week asks: never moved
// silently. "move" hides it there, "both" keeps it in both (a later week
// lists it again); the added link takes its title, lead, section and
// comment.
func TestAddLinkAlreadyInAnotherWeek(t *testing.T) {
	ctx := context.Background()
	s, w, urls := curatedWeek(t)
	prev := s.Digest.WeekOf(w.Start.Add(-time.Hour))
	add := review.Change{Action: "add", Value: urls[0], Title: "SSL, added by hand", Lead: "My lead.", Category: "Sécurité", Comment: "Again.", By: "test"}

	// Added to the week before: the later week (w) would leave it out.
	err := s.Edit(ctx, prev.ID, add)
	var ee *review.ElsewhereError
	if !errors.As(err, &ee) || ee.Week != w.ID || !errors.Is(err, review.ErrConflict) {
		t.Fatalf("adding a link in another week: %v, want an ElsewhereError naming %s", err, w.ID)
	}
	if d, _ := s.Build(ctx, prev, BuildOptions{}); d.Links != 0 {
		t.Fatal("the refused add stored the link")
	}

	add.Elsewhere = "both"
	if err := s.Edit(ctx, prev.ID, add); err != nil {
		t.Fatal(err)
	}
	d, _ := s.Build(ctx, prev, BuildOptions{})
	if d.Links != 1 || d.Sections[0].Name != "Sécurité" {
		t.Fatalf("week before: %+v", d.Sections)
	}
	if e := d.Sections[0].Entries[0]; e.Title != "SSL, added by hand" || e.Lead != "My lead." || e.Comment != "Again." {
		t.Errorf("added entry %+v", e)
	}
	if later, _ := s.Build(ctx, w, BuildOptions{}); later.Links != 3 {
		t.Errorf("keep both: the later week has %d links, want its 3", later.Links)
	}
	if acts := logActions(t, s, w); acts[0] != "again" {
		t.Errorf("the later week's log %v: want the link listed again", acts)
	}

	// Moved: hidden in the other week.
	next := s.Digest.Next(w)
	add.Elsewhere, add.Value = "move", urls[2]
	if err := s.Edit(ctx, next.ID, add); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Build(ctx, w, BuildOptions{}); d.Links != 2 || len(d.Hidden) != 1 || d.Hidden[0].Key != urls[2] {
		t.Errorf("moved: week %s has %d links, hidden %d", w.ID, d.Links, len(d.Hidden))
	}
	if d, _ := s.Build(ctx, next, BuildOptions{}); d.Links != 1 {
		t.Errorf("moved: the week it moved to has %d links", d.Links)
	}
	if err := review.CheckChange(review.Change{Action: "add", Value: urls[0], Elsewhere: "maybe"}); err == nil {
		t.Error("an unknown choice is accepted")
	}
}

// The sections editor and the question on a link in another week, in
// Chromium, JavaScript on and off.
func TestWholePostInABrowser(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	for _, js := range []bool{true, false} {
		name := "javascript"
		if !js {
			name = "no-javascript"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, w, urls := curatedWeek(t)
			srv := httptest.NewServer(review.New(s, review.Options{Lang: "en"}).Handler())
			defer srv.Close()
			p := reviewtest.NewPage(t, browser, srv.URL, js)
			if err := p.OpenWeek(w.ID); err != nil {
				t.Fatal(err)
			}
			if ok, err := p.EvalBool("intro prefilled", `document.querySelector('#f-intro textarea').value.indexOf('29 septembre au 3 octobre 2014')>=0`); err != nil || !ok {
				t.Errorf("the intro editor is not prefilled with the dates (%v)", err)
			}
			if err := p.EditSections(map[string]string{"MySQL": "Databases"}, map[string]int{"MySQL": 1}, "Misc"); err != nil {
				t.Fatal(err)
			}
			if got := sectionNames(t, s, w); !slices.Equal(got, []string{"Databases", "SSL", "Go"}) {
				t.Errorf("sections after the page's editor %q", got)
			}
			if v, _ := s.Week(ctx, w.ID); !slices.Contains(v.AllSections, "Misc") {
				t.Errorf("the created section is not kept: %q", v.AllSections)
			}
			prev := s.Digest.WeekOf(w.Start.Add(-time.Hour))
			if err := p.OpenWeek(prev.ID); err != nil {
				t.Fatal(err)
			}
			if err := p.AddLinkAsked(urls[0], "SSL, by hand", "My own lead."); err != nil {
				t.Fatal(err)
			}
			if err := p.KeepBoth(urls[0]); err != nil {
				t.Fatal(err)
			}
			d, _ := s.Build(ctx, prev, BuildOptions{})
			if d.Links != 1 || d.Sections[0].Entries[0].Title != "SSL, by hand" || d.Sections[0].Entries[0].Lead != "My own lead." {
				t.Errorf("week before after keep both: %+v", d.Sections)
			}
			if later, _ := s.Build(ctx, w, BuildOptions{}); later.Links != 3 {
				t.Errorf("keep both: the later week has %d links", later.Links)
			}
		})
	}
}
