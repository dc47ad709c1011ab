package postimport_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/internal/postimport"
)

// TestRunsOrder adds values in a shuffled order across several runs and
// reads them back sorted, equal values in the order added.
func TestRunsOrder(t *testing.T) {
	type item struct{ K, Seq int }
	runs, err := postimport.NewRuns(7, func(a, b item) int { return a.K - b.K })
	if err != nil {
		t.Fatal(err)
	}
	defer runs.Close()
	const n = 100
	ks := rand.New(rand.NewPCG(1, 2)).Perm(n)
	for i, k := range ks {
		if err := runs.Add(item{K: k / 2, Seq: i}); err != nil {
			t.Fatal(err)
		}
	}
	var got []item
	if err := runs.Each(func(v item) error { got = append(got, v); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d values back, want %d", len(got), n)
	}
	for i := 1; i < n; i++ {
		a, b := got[i-1], got[i]
		if a.K > b.K || (a.K == b.K && a.Seq > b.Seq) {
			t.Fatalf("value %d %+v after %+v", i, b, a)
		}
	}
}

// TestPostsSave saves posts added in shuffled order over several chunks
// into a real store and into a store that only saves, and finds each post
// once, its first reading kept, with the result counted.
func TestPostsSave(t *testing.T) {
	const n = 2*postimport.Chunk + 100
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	mk := func(i int, text string) moisson.Post {
		return moisson.Post{Source: "test", ID: fmt.Sprintf("id%06d", (i*7919)%n), CreatedAt: base.Add(time.Duration(i) * time.Minute), Text: text}
	}
	for _, store := range []string{"archive", "saver"} {
		t.Run(store, func(t *testing.T) {
			st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var saver postimport.Saver = st
			if store == "saver" {
				saver = onlySave{st}
			}
			posts, err := postimport.NewPosts()
			if err != nil {
				t.Fatal(err)
			}
			defer posts.Close()
			for _, i := range rand.New(rand.NewPCG(3, 4)).Perm(n) {
				if err := posts.Add(mk(i, "first")); err != nil {
					t.Fatal(err)
				}
			}
			if err := posts.Add(mk(5, "second")); err != nil { // the same post again
				t.Fatal(err)
			}
			res, err := posts.Save(context.Background(), saver, "test")
			if err != nil {
				t.Fatal(err)
			}
			if res.Read != n+1 || res.Added != n || !res.First.Equal(base) || !res.Last.Equal(base.Add((n-1)*time.Minute)) {
				t.Errorf("result %+v", res)
			}
			got, err := st.Posts(context.Background(), base, base.Add(n*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != n {
				t.Fatalf("%d posts stored, want %d", len(got), n)
			}
			for _, p := range got {
				if p.Text != "first" {
					t.Fatalf("post %s: %q, want the first reading", p.Key(), p.Text)
				}
			}
		})
	}
}

// TestCompare orders posts as their keys would sort, without making them.
func TestCompare(t *testing.T) {
	at := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	sources := []string{"x", "a", "a-", "ab", "a/b", "feed:https://e.org/f", ""}
	ids := []string{"1", "10", "2", "", "-", "/", "z"}
	var posts []moisson.Post
	for _, s := range sources {
		for _, id := range ids {
			posts = append(posts, moisson.Post{Source: s, ID: id, CreatedAt: at})
		}
	}
	for _, a := range posts {
		for _, b := range posts {
			if got, want := postimport.Compare(&a, &b), strings.Compare(a.Key(), b.Key()); got != want {
				t.Errorf("Compare(%q, %q) = %d, want %d", a.Key(), b.Key(), got, want)
			}
		}
	}
	later := moisson.Post{Source: "a", ID: "0", CreatedAt: at.Add(time.Second)}
	if postimport.Compare(&posts[0], &later) >= 0 {
		t.Error("an older post does not come first")
	}
}

func TestCheck(t *testing.T) {
	posts, err := postimport.NewPosts()
	if err != nil {
		t.Fatal(err)
	}
	defer posts.Close()
	for _, p := range []moisson.Post{
		{Source: "test", ID: "a\x00b", CreatedAt: time.Now()},
		{Source: "test", ID: "old", CreatedAt: time.Date(1200, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Source: "test", CreatedAt: time.Now()},
	} {
		if err := posts.Add(p); err == nil {
			t.Errorf("post %q accepted", p.Key())
		}
	}
}

// onlySave hides the store's two-pass saving.
type onlySave struct{ st *archive.Store }

func (o onlySave) Save(ctx context.Context, posts []moisson.Post, source, cursor string) (int, error) {
	return o.st.Save(ctx, posts, source, cursor)
}
