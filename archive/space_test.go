package archive

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/moisson/moisson"
)

func TestSpaceCountsKeysAndValues(t *testing.T) {
	s := mustOpen(t)
	empty, err := s.Space(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := int64(len(keySchema)+8) + int64(len(keyPagesRedacted)+1)
	for _, name := range allBuckets {
		want += int64(len(name))
	}
	if empty.Data != want {
		t.Errorf("empty store: %d bytes of data, want %d (bucket names, the schema version and the page keys' mark)", empty.Data, want)
	}
	posts := benchPosts(3)
	if _, err := s.Save(t.Context(), posts, "", ""); err != nil {
		t.Fatal(err)
	}
	got, err := s.Space(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range posts {
		p.CreatedAt = p.CreatedAt.UTC()
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		tk := len(timeKey(p.CreatedAt))
		want += int64(tk+len(p.Key())) + int64(len(data)) // posts
		want += int64(len(p.Key()) + tk)                  // post_keys
		for i, l := range moisson.LinksOf(p) {
			data, err := json.Marshal(l)
			if err != nil {
				t.Fatal(err)
			}
			k := int64(len(linkKey(timeKey(p.CreatedAt), p.Key(), i)))
			want += k + int64(len(data)) + k + int64(len(l.URL)) // links, link_urls
		}
	}
	if got.Data != want {
		t.Errorf("%d bytes of data, want %d", got.Data, want)
	}
	if got.Used < got.Data || got.Used%4096 != 0 || got.Free > got.Used {
		t.Errorf("space %+v: used must hold the data, in whole pages, free pages among them", got)
	}
}

// TestSaveFillsPagesInKeyOrder saves posts a chunk at a time, as an import
// does: chunks in key order, appended or filling a gap, give a store
// whose pages hold its data with little room; posts saved in random order
// are still all there.
func TestSaveFillsPagesInKeyOrder(t *testing.T) {
	const n, chunk = 12000, 1000
	posts := benchPosts(n)
	tests := []struct {
		name string
		// chunks are the indexes of the chunks of posts in saving order.
		chunks []int
		// interleaved takes chunk c as the posts i with i%(n/chunk) == c,
		// so that every chunk spans the whole store.
		interleaved bool
		// most is the highest used/data allowed.
		most float64
	}{
		{"appended", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, false, 1.3},
		{"newest first, each chunk before the others", []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, false, 1.3},
		{"filling a gap", []int{11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, false, 1.3},
		{"random chunks", rand.New(rand.NewPCG(1, 2)).Perm(n / chunk), false, 1.3},
		{"interleaved chunks", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, true, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			for _, c := range tc.chunks {
				part := posts[c*chunk : (c+1)*chunk]
				if tc.interleaved {
					part = nil
					for i := c; i < n; i += n / chunk {
						part = append(part, posts[i])
					}
				}
				if _, err := s.Save(t.Context(), part, "", ""); err != nil {
					t.Fatal(err)
				}
			}
			sp, err := s.Space(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if ratio := float64(sp.Used) / float64(sp.Data); ratio > tc.most {
				t.Errorf("%d bytes of pages for %d of data: %.2fx, want at most %.2fx", sp.Used, sp.Data, ratio, tc.most)
			} else {
				t.Logf("%.2fx", ratio)
			}
			st, err := s.Stats(t.Context())
			if err != nil || st.Posts != n {
				t.Errorf("stats %+v, %v; want %d posts", st, err, n)
			}
		})
	}
}
