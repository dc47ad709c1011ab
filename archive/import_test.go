package archive

import (
	"context"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// An import's two passes store what Save stores: a post found twice at
// two times is kept once, at the older, with its links; a post already
// stored is left as it is; Save then knows every post by its key.
func TestSaveUnindexedThenIndexKeys(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	at := func(d int) time.Time { return time.Date(2024, 10, d, 9, 0, 0, 0, time.UTC) }
	post := func(id string, d int, url string) moisson.Post {
		return moisson.Post{ID: id, Source: "x", CreatedAt: at(d), Text: id, URLs: []string{url}}
	}
	if _, err := st.Save(ctx, []moisson.Post{post("9", 1, "https://a.example/before")}, "", ""); err != nil {
		t.Fatal(err)
	}
	posts := []moisson.Post{
		post("9", 1, "https://a.example/changed"), // already stored
		post("5", 2, "https://a.example/5-older"),
		post("7", 3, "https://a.example/7"),
		post("5", 4, "https://a.example/5-newer"), // 5 again, later
	}
	written, err := st.SaveUnindexed(ctx, posts)
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{false, true, true, true}; !equalBools(written, want) {
		t.Fatalf("written %v, want %v", written, want)
	}
	// Sorted by key then time, in two transactions.
	added, err := st.IndexKeys(ctx, []KeyTime{{"x/5", at(2)}, {"x/5", at(4)}})
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.IndexKeys(ctx, []KeyTime{{"x/7", at(3)}})
	if err != nil {
		t.Fatal(err)
	}
	if added+n != 2 {
		t.Errorf("added %d, want 2 (5 and 7)", added+n)
	}
	links, err := st.Links(ctx, at(1), at(5))
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, l := range links {
		urls = append(urls, l.URL)
	}
	if want := []string{"https://a.example/before", "https://a.example/5-older", "https://a.example/7"}; !equalStrings(urls, want) {
		t.Errorf("links %v, want %v", urls, want)
	}
	got, err := st.Posts(ctx, at(1), at(5))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Errorf("%d posts, want 3", len(got))
	}
	// Every post is known by its key: saving them again adds nothing.
	if added, err := st.Save(ctx, posts, "", ""); err != nil || added != 0 {
		t.Errorf("Save again = %d, %v; want 0 added", added, err)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
