package archive

import (
	"context"
	"fmt"
	"testing"

	"github.com/moisson/moisson"
)

// BenchmarkUpdateEdits is one change to a week already edited 300 times
// (a full undo history): what each click on the review page costs.
func BenchmarkUpdateEdits(b *testing.B) {
	ctx := context.Background()
	s := mustOpen(b)
	change := func(i int) func(*moisson.WeekEdits) error {
		return func(e *moisson.WeekEdits) error {
			if e.Entries == nil {
				e.Entries = map[string]moisson.EntryEdit{}
			}
			e.Entries[fmt.Sprintf("https://a.example/%d", i%300)] = moisson.EntryEdit{Title: fmt.Sprint("title ", i)}
			return nil
		}
	}
	for i := range 300 {
		if _, err := s.UpdateEdits(ctx, "2014-W40", event("title", "k", day), change(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := s.UpdateEdits(ctx, "2014-W40", event("title", "k", day), change(i)); err != nil {
			b.Fatal(err)
		}
	}
}
