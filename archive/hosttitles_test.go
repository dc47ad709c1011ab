package archive

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

func TestHostTitles(t *testing.T) {
	st := mustOpen(t)
	ctx := context.Background()
	day := time.Date(2024, 3, 4, 10, 0, 0, 0, time.UTC)
	pages := []moisson.Page{
		{URL: "https://planet.example/a", FinalURL: "https://planet.example/a", Title: "Story A", DocTitle: "Story A - The Daily Planet", FetchedAt: day},
		{URL: "http://www.planet.example/b", FinalURL: "https://planet.example/b", Title: "Story B", DocTitle: "Story B - The Daily Planet", FetchedAt: day.Add(2 * time.Hour)},
		// Stored before DocTitle was kept: its title stands in.
		{URL: "https://planet.example/c", FinalURL: "https://planet.example/c", Title: "Story C - The Daily Planet", FetchedAt: day.Add(time.Hour)},
		// Failed, moved to another host, another host: left out.
		{URL: "https://planet.example/d", Error: "scrape: 404", Status: 404, FetchedAt: day.Add(3 * time.Hour)},
		{URL: "https://planet.example/e", FinalURL: "https://other.example/e", DocTitle: "Elsewhere | Other", FetchedAt: day.Add(4 * time.Hour)},
		{URL: "https://planet.example.org/f", FinalURL: "https://planet.example.org/f", DocTitle: "Not the same site", FetchedAt: day.Add(5 * time.Hour)},
		{URL: "https://news.planet.example/g", FinalURL: "https://news.planet.example/g", DocTitle: "A subdomain", FetchedAt: day.Add(5 * time.Hour)},
	}
	if err := st.PutPages(ctx, pages); err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"planet.example", "WWW.Planet.Example"} {
		got, err := st.HostTitles(ctx, host, 20)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Story B - The Daily Planet", "Story C - The Daily Planet", "Story A - The Daily Planet"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("HostTitles(%q) (-want +got):\n%s", host, diff)
		}
	}
	got, err := st.HostTitles(ctx, "planet.example", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "Story B - The Daily Planet" {
		t.Errorf("HostTitles(n=2) = %q, want the 2 most recent", got)
	}
	if got, err := st.HostTitles(ctx, "nowhere.example", 20); err != nil || len(got) != 0 {
		t.Errorf("HostTitles(unknown host) = %q, %v; want none", got, err)
	}
}

// A host shared thousands of times costs a bounded read.
func TestHostTitlesBounded(t *testing.T) {
	st := mustOpen(t)
	ctx := context.Background()
	var pages []moisson.Page
	for i := range 3 * hostScanLimit {
		u := fmt.Sprintf("https://big.example/%05d", i)
		pages = append(pages, moisson.Page{URL: u, FinalURL: u, DocTitle: fmt.Sprintf("Story %d | Big", i), FetchedAt: time.Unix(int64(i), 0)})
	}
	if err := st.PutPages(ctx, pages); err != nil {
		t.Fatal(err)
	}
	got, err := st.HostTitles(ctx, "big.example", 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != hostScanLimit {
		t.Errorf("HostTitles read %d pages of one prefix, want at most %d", len(got), hostScanLimit)
	}
	// The last URLs first: the latest of dated paths.
	got, err = st.HostTitles(ctx, "big.example", 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Story 599 | Big", "Story 598 | Big", "Story 597 | Big"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("HostTitles(n=3) (-want +got):\n%s", diff)
	}
}

// BenchmarkHostTitles reads the titles of a host with hostScanLimit
// pages stored, each with its paragraphs, as the scraper does once per
// page it extracts.
func BenchmarkHostTitles(b *testing.B) {
	st := mustOpen(b)
	ctx := context.Background()
	para := strings.Repeat("A paragraph of the story, as the page has it. ", 12)
	var pages []moisson.Page
	for i := range hostScanLimit {
		u := fmt.Sprintf("https://big.example/2024/%05d", i)
		pages = append(pages, moisson.Page{URL: u, FinalURL: u, Title: fmt.Sprintf("Story %d", i), DocTitle: fmt.Sprintf("Story %d | Big Paper", i),
			Lead: para, Paragraphs: []string{para, para, para, para, para}, FetchedAt: time.Unix(int64(i), 0)})
	}
	if err := st.PutPages(ctx, pages); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if got, err := st.HostTitles(ctx, "big.example", 20); err != nil || len(got) != 20 {
			b.Fatalf("HostTitles = %d titles, %v", len(got), err)
		}
	}
}
