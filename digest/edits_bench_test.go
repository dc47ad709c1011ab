package digest

import (
	"fmt"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// BenchmarkApplyRender300 builds, edits and renders a week of 300 links,
// what the review page does for each view of a big week.
func BenchmarkApplyRender300(b *testing.B) {
	cfg := DefaultConfig()
	w, err := cfg.ParseWeek("2014-W40")
	if err != nil {
		b.Fatal(err)
	}
	links := make([]moisson.Link, 300)
	pages := make(map[string]moisson.Page, 300)
	edits := moisson.WeekEdits{Week: w.ID, Entries: map[string]moisson.EntryEdit{}}
	for i := range links {
		u := fmt.Sprintf("https://site%d.example/post/%d", i%40, i)
		links[i] = moisson.Link{URL: u, PostedAt: w.Start.Add(time.Duration(i) * time.Minute), Hashtags: []string{fmt.Sprintf("tag%d", i%12)}, PostText: "post"}
		pages[u] = moisson.Page{URL: u, CanonicalURL: u, Title: fmt.Sprintf("Title %d", i), Lead: "A lead of a few words, as pages have.\nAnd a second paragraph.", Status: 200}
		switch i % 10 {
		case 0:
			edits.Entries[u] = moisson.EntryEdit{Hidden: true}
		case 1:
			edits.Entries[u] = moisson.EntryEdit{Comment: "A *comment* with a [link](https://a.example/).", Category: "Moved"}
		case 2:
			edits.Order = append(edits.Order, u)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		d := Apply(Build(w, links, pages, cfg), edits)
		_ = Render(d, cfg)
	}
}
