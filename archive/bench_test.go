package archive

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// benchPosts returns n posts spread evenly over a year from day, each with
// two links, one of them shared by another post too.
func benchPosts(n int) []moisson.Post {
	posts := make([]moisson.Post, n)
	step := 365 * 24 * time.Hour / time.Duration(n)
	for i := range posts {
		posts[i] = moisson.Post{
			ID:        strconv.Itoa(1_000_000_000 + i),
			Source:    "x",
			CreatedAt: day.Add(time.Duration(i) * step),
			Text:      "Un lien à lire, partagé sur X avec un peu de texte autour https://t.co/abcdef",
			URLs:      []string{fmt.Sprintf("https://site%d.example/articles/%d", i%97, i), fmt.Sprintf("https://shared.example/%d", i/2)},
			Hashtags:  []string{"golang", "web"},
		}
	}
	return posts
}

func BenchmarkSave(b *testing.B) {
	ctx := context.Background()
	posts := benchPosts(5000)
	dir := b.TempDir()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(filepath.Join(dir, fmt.Sprintf("moisson-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		added, err := s.Save(ctx, posts, "x", "last")
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if added != len(posts) {
			b.Fatalf("added %d, want %d", added, len(posts))
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

func BenchmarkLinksWeek(b *testing.B) {
	ctx := context.Background()
	s := mustOpen(b)
	if _, err := s.Save(ctx, benchPosts(5000), "", ""); err != nil {
		b.Fatal(err)
	}
	from := day.AddDate(0, 6, 0)
	to := from.AddDate(0, 0, 7)
	links, err := s.Links(ctx, from, to)
	if err != nil {
		b.Fatal(err)
	}
	if len(links) < 150 {
		b.Fatalf("a week has %d links, want about 190", len(links))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Links(ctx, from, to); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPending(b *testing.B) {
	ctx := context.Background()
	s := mustOpen(b)
	posts := benchPosts(5000) // 10,000 links, 7,500 distinct URLs
	if _, err := s.Save(ctx, posts, "", ""); err != nil {
		b.Fatal(err)
	}
	// Most links are scraped, a few failed: the usual state of a store.
	for i, p := range posts {
		if i%10 == 0 {
			continue
		}
		page := okPage(p.URLs[0], "Titre")
		if i%10 == 1 {
			page = failedPage(p.URLs[0], i%20 == 1)
		}
		if err := s.PutPage(ctx, page); err != nil {
			b.Fatal(err)
		}
	}
	pending, err := s.Pending(ctx, time.Time{}, 3, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d pending links", len(pending))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Pending(ctx, time.Time{}, 3, 0); err != nil {
			b.Fatal(err)
		}
	}
}
