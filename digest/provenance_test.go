package digest

import (
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// TestEntryTitleSources: each entry says where its title came from, and
// the guesses (a title made from the post's text, the address) are "low",
// counted by LowConfidenceTitles; a hand-edited title is the author's.
func TestEntryTitleSources(t *testing.T) {
	at := time.Date(2014, 10, 1, 10, 0, 0, 0, time.UTC)
	week := moisson.Week{ID: "2014-W40", Start: at.AddDate(0, 0, -3), End: at.AddDate(0, 0, 2)}
	links := []moisson.Link{
		{URL: "https://a.example.com/page", PostKey: "x/1", PostedAt: at, PostText: "A page"},
		{URL: "https://b.example.com/feed-item", PostKey: "feed/2", PostedAt: at.Add(time.Minute), Title: "The feed's title"},
		{URL: "https://c.example.com/post", PostKey: "bluesky/3", PostedAt: at.Add(2 * time.Minute), PostText: "Un article c.example.com/po..."},
		{URL: "https://d.example.com/bare", PostKey: "x/4", PostedAt: at.Add(3 * time.Minute), PostText: "https://t.co/x"},
		{URL: "https://e.example.com/archived", PostKey: "x/5", PostedAt: at.Add(4 * time.Minute), PostText: "gone"},
	}
	pages := map[string]moisson.Page{
		"https://a.example.com/page": {URL: "https://a.example.com/page", Title: "A headline", TitleSource: "headline", TitleConfidence: "high"},
		"https://e.example.com/archived": {URL: "https://e.example.com/archived", Title: "From the copy", TitleSource: moisson.SourceWayback,
			TitleConfidence: "medium", Snapshot: "https://web.archive.org/web/20141001000000/https://e.example.com/archived"},
	}
	d := Build(week, links, pages, DefaultConfig())
	want := map[string][3]string{
		"https://a.example.com/page":      {"A headline", "headline", "high"},
		"https://b.example.com/feed-item": {"The feed's title", moisson.SourceFeed, moisson.ConfidenceMedium},
		"https://c.example.com/post":      {"Un article", moisson.SourcePost, moisson.ConfidenceLow},
		"https://d.example.com/bare":      {"d.example.com/bare", moisson.SourceURL, moisson.ConfidenceLow},
		"https://e.example.com/archived":  {"From the copy", moisson.SourceWayback, "medium"},
	}
	seen := 0
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			w, ok := want[e.Key]
			if !ok {
				continue
			}
			seen++
			if got := [3]string{e.Title, e.TitleSource, e.TitleConfidence}; got != w {
				t.Errorf("%s: %q, want %q", e.Key, got, w)
			}
		}
	}
	if seen != len(want) {
		t.Fatalf("%d entries, want %d", seen, len(want))
	}
	if n := LowConfidenceTitles(d); n != 2 {
		t.Errorf("LowConfidenceTitles = %d, want 2", n)
	}
	edited := Apply(d, moisson.WeekEdits{Entries: map[string]moisson.EntryEdit{"https://c.example.com/post": {Title: "Le vrai titre"}}})
	if n := LowConfidenceTitles(edited); n != 1 {
		t.Errorf("after a hand edit: LowConfidenceTitles = %d, want 1", n)
	}
}
