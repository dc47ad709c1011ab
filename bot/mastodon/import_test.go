package mastodon

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/internal/bottest"
	"github.com/moisson/moisson/bot/internal/postimport"
)

// writeBigOutbox writes an outbox.json of n statuses (and n/10 boosts) in
// a shuffled order, their ids unrelated to their times, and returns its
// path.
func writeBigOutbox(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "outbox.json")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(2, uint64(n)))
	base := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	const actor = "https://mastodon.social/users/janedoe"
	fmt.Fprintf(w, "{\n  \"@context\": \"https://www.w3.org/ns/activitystreams\",\n  \"id\": \"outbox.json\",\n  \"type\": \"OrderedCollection\",\n  \"totalItems\": %d,\n  \"orderedItems\": [", n+n/10)
	for i, k := range rng.Perm(n + n/10) {
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		at := base.Add(time.Duration(k) * 13 * time.Minute).Format(time.RFC3339)
		id := strconv.FormatUint(rng.Uint64()>>8, 10)
		if k >= n {
			fmt.Fprintf(w, "\n    {\"id\": \"%s/statuses/%s/activity\", \"type\": \"Announce\", \"actor\": %q, \"published\": %q, \"object\": \"https://hachyderm.io/users/bob/statuses/%d\"}", actor, id, actor, at, k)
			continue
		}
		fmt.Fprintf(w, `
    {
      "id": "%[1]s/statuses/%[2]s/activity", "type": "Create", "actor": %[1]q, "published": %[3]q,
      "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": ["%[1]s/followers"],
      "object": {
        "id": "%[1]s/statuses/%[2]s", "type": "Note", "summary": null, "inReplyTo": null, "published": %[3]q,
        "url": "https://mastodon.social/@janedoe/%[2]s", "attributedTo": %[1]q, "sensitive": false,
        "content": "<p>Lecture %[4]d : <a href=\"https://blog%[5]d.example.org/articles/%[4]d\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">https://</span><span class=\"\">blog%[5]d.example.org/articles/%[4]d</span><span class=\"invisible\"></span></a> <a href=\"https://mastodon.social/tags/GoLang\" class=\"mention hashtag\" rel=\"tag\">#<span>GoLang</span></a></p>",
        "attachment": [],
        "tag": [{"type": "Hashtag", "href": "https://mastodon.social/tags/golang", "name": "#golang"}]
      }
    }`, actor, id, at, k, k%97)
	}
	fmt.Fprint(w, "\n  ]\n}\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// TestImportArchive imports a shuffled outbox larger than a chunk and
// finds every status once, oldest first, boosts left out.
func TestImportArchive(t *testing.T) {
	n := postimport.Chunk + 300
	path := writeBigOutbox(t, n)
	st := bottest.OpenStore(t)
	res, err := ImportArchive(context.Background(), path, st)
	if err != nil {
		t.Fatal(err)
	}
	posts := bottest.Imported(t, st, res, n, time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), 13*time.Minute)
	for i, p := range posts {
		if want := "https://blog" + strconv.Itoa(i%97) + ".example.org/articles/" + strconv.Itoa(i); p.Source != "mastodon" || len(p.URLs) != 1 || p.URLs[0] != want {
			t.Fatalf("post %d: %+v, want %s", i, p, want)
		}
	}
}

// TestImportArchiveBadLine refuses an outbox with a bad status, naming
// the line, and stores nothing.
func TestImportArchiveBadLine(t *testing.T) {
	path := writeBigOutbox(t, 50)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	bad := -1
	for i, l := range lines {
		if strings.Contains(l, `"type": "Create"`) && i > 200 {
			lines[i] = strings.Replace(l, `"published": "`, `"published": "hier `, 1)
			bad = i
			break
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	st := bottest.OpenStore(t)
	_, err = ImportArchive(context.Background(), path, st)
	if want := fmt.Sprintf("outbox.json:%d: item", bad); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v, want it to name %s and %s", err, path, want)
	}
	posts, err := st.Posts(context.Background(), time.Time{}, time.Now())
	if err != nil || len(posts) != 0 {
		t.Errorf("%d posts stored, %v", len(posts), err)
	}
}

// BenchmarkImportArchive imports an outbox.json of 10k and 200k statuses
// in a shuffled order, ids unrelated to time, into a fresh store,
// reporting the peak RSS (the test binary included):
//
//	go test ./bot/mastodon -run '^$' -bench ImportArchive -benchtime 1x
func BenchmarkImportArchive(b *testing.B) {
	for _, n := range []int{10000, 200000} {
		b.Run("shuffled-ids-"+strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			path := writeBigOutbox(b, n)
			bottest.BenchImport(b, path, n, func(b *testing.B, path string, st *archive.Store) (postimport.Result, error) {
				return ImportArchive(b.Context(), path, st)
			})
		})
	}
}

// TestImportArchiveHugeItem refuses an activity over
// postimport.MaxEntry, naming its line, before it is held.
func TestImportArchiveHugeItem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "outbox.json")
	body := `{"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection", "orderedItems": [
{"id": "https://m.example/users/a/statuses/1/activity", "type": "Create", "actor": "https://m.example/users/a", "object": {"id": "https://m.example/users/a/statuses/1", "type": "Note", "published": "2024-10-01T08:00:00Z", "content": "<p>` + strings.Repeat("x", postimport.MaxEntry) + `</p>"}}
]}`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ImportArchive(context.Background(), path, bottest.OpenStore(t))
	if err == nil || !strings.Contains(err.Error(), "outbox.json:2: item 0: an entry over 4 MiB") {
		t.Fatalf("err = %.300v", err)
	}
}
