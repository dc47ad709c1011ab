package archive

import (
	"context"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

func TestReplacePost(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	at := time.Date(2024, 10, 4, 9, 0, 0, 0, time.UTC)
	old := post("100", at, "https://example.org/typo", "https://example.org/kept")
	other := post("50", at.Add(-time.Hour), "https://example.org/other")
	mustSave(t, s, old, other)

	edited := post("101", at.Add(5*time.Minute), "https://example.org/fixed", "https://example.org/kept")
	removed, err := s.ReplacePost(ctx, []string{old.Key()}, edited)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0].ID != "100" {
		t.Fatalf("removed %v", removed)
	}
	posts, err := s.Posts(ctx, at.Add(-2*time.Hour), at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := idsOf(posts); len(got) != 2 || got[0] != "50" || got[1] != "101" {
		t.Errorf("posts %v, want 50 and 101", got)
	}
	links, err := s.Links(ctx, at.Add(-2*time.Hour), at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://example.org/other", "https://example.org/fixed", "https://example.org/kept"}
	if got := urlsOf(links); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("links %v, want %v", got, want)
	}
	pending, err := s.Pending(ctx, at.Add(-time.Hour*24), 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range pending {
		if l.URL == "https://example.org/typo" {
			t.Error("the old version's link is still pending")
		}
	}

	// Nothing stored under the old keys: no change, Save's job.
	removed, err = s.ReplacePost(ctx, []string{"x/999"}, post("1000", at, "https://example.org/new"))
	if err != nil || len(removed) != 0 {
		t.Errorf("ReplacePost of nothing = %v, %v", removed, err)
	}
	if posts, _ := s.Posts(ctx, at.Add(-2*time.Hour), at.Add(time.Hour)); len(posts) != 2 {
		t.Errorf("%d posts after a replace of nothing, want 2", len(posts))
	}
	// The old version saved again (a late read) is a new post: the caller
	if n, err := s.Save(ctx, []moisson.Post{edited}, "", ""); err != nil || n != 0 {
		t.Errorf("Save of the new version = %d, %v", n, err)
	}
}
