package weekly

import (
	"context"
	"strings"
	"testing"

	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// TestSaveEntry: "save" changes every field of an entry in one edit (one
// log line, one undo), leaves alone a field shown as it is (the page's
// own title does not become an edit), and moves the entry within and
// across sections.
func TestSaveEntry(t *testing.T) {
	ctx := context.Background()
	s, w, urls := curatedWeek(t)
	ssl, goURL, mysql := urls[0], urls[1], urls[2]
	edit(t, s, w, review.Change{Action: "category", Entry: mysql, Value: "Go"})
	view := func() review.WeekView {
		t.Helper()
		v, err := s.Week(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	find := func(v review.WeekView, key string) (review.EntryView, string, int) {
		for _, sec := range v.Sections {
			for i, e := range sec.Entries {
				if e.Entry.Key == key {
					return e, sec.Name, i + 1
				}
			}
		}
		for _, e := range v.Hidden {
			if e.Entry.Key == key {
				return e, "hidden", 0
			}
		}
		t.Fatalf("no entry %s", key)
		return review.EntryView{}, "", 0
	}
	// The form as shown, with only the comment and the lead changed.
	e, sec, pos := find(view(), goURL)
	edit(t, s, w, review.Change{Action: "save", Entry: goURL, Title: e.Entry.Title, Lead: "A lead of my own.\r\nOn two lines.",
		Category: sec, Comment: "Worth a read.", Position: pos})
	v := view()
	e, _, _ = find(v, goURL)
	if e.Edit.Title != "" || e.Edit.Category != "" || e.Edit.Lead != "A lead of my own.\nOn two lines." || e.Edit.Comment != "Worth a read." {
		t.Errorf("edit after save: %+v", e.Edit)
	}
	if v.Log[0].Action != "save" || v.Log[0].Detail != "lead, comment" {
		t.Errorf("log %+v, want one save of lead, comment", v.Log[0])
	}
	edits := v.Summary.Edits

	// The same form again: nothing changes, nothing is logged.
	edit(t, s, w, review.Change{Action: "save", Entry: goURL, Title: e.Entry.Title, Lead: e.Entry.Lead, Category: "go", Comment: e.Entry.Comment, Position: 1})
	if v := view(); v.Summary.Edits != edits {
		t.Errorf("an unchanged form made an edit: %d, was %d", v.Summary.Edits, edits)
	}

	// Up to the first place of its section (mysql was moved to Go, after
	// go): place 1.
	m, sec, pos := find(view(), mysql)
	if sec != "Go" || pos != 2 {
		t.Fatalf("mysql in %s at %d", sec, pos)
	}
	edit(t, s, w, review.Change{Action: "save", Entry: mysql, Title: m.Entry.Title, Lead: m.Entry.Lead, Category: sec, Position: 1})
	if _, sec, pos := find(view(), mysql); sec != "Go" || pos != 1 {
		t.Errorf("after place 1: %s at %d", sec, pos)
	}
	// To SSL, the place shown unchanged: last there; a new title; hidden
	// in the same save.
	edit(t, s, w, review.Change{Action: "save", Entry: mysql, Title: "My title", Lead: m.Entry.Lead, Category: "SSL", Position: 1})
	if e, sec, pos := find(view(), mysql); sec != "SSL" || pos != 2 || e.Entry.Title != "My title" {
		t.Errorf("after the move: %s at %d, %q", sec, pos, e.Entry.Title)
	}
	edit(t, s, w, review.Change{Action: "save", Entry: ssl, Title: "", Lead: "", Category: "", Hidden: true})
	v = view()
	if e, sec, _ := find(v, ssl); sec != "hidden" || e.Edit.Lead != "" || e.Edit.Title != "" {
		t.Errorf("ssl after hide: %s %+v", sec, e.Edit)
	}
	// One undo takes back the whole save.
	if err := s.Undo(ctx, w.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if _, sec, _ := find(view(), ssl); sec != "SSL" {
		t.Errorf("undo left ssl in %s", sec)
	}
	// An unknown entry is refused.
	err := s.Edit(ctx, w.ID, review.Change{Action: "save", Entry: "https://nowhere.example/", By: "test"})
	if err == nil || !strings.Contains(err.Error(), "no entry") {
		t.Errorf("unknown entry: %v", err)
	}
	// The post has the saved fields.
	d, err := s.Build(ctx, w, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	md := string(digest.Render(d, s.Digest))
	for _, want := range []string{"A lead of my own.", "Worth a read.", "[My title]"} {
		if !strings.Contains(md, want) {
			t.Errorf("the post lacks %q:\n%s", want, md)
		}
	}
}
