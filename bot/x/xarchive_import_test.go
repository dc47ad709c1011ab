package x

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/internal/bottest"
)

// TestImportArchiveStoresWhatReadArchiveReads checks that the streaming
// import, which matches notes and guesses the account in its first pass,
// stores exactly the posts ReadArchive returns, for every layout; and that
// importing again adds nothing.
func TestImportArchiveStoresWhatReadArchiveReads(t *testing.T) {
	for _, dir := range []string{"x2022", "x2020", "x2019", "grailbird", "csv"} {
		t.Run(dir, func(t *testing.T) {
			path := archivePath(dir)(t)
			want, err := ReadArchive(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			res, err := ImportArchive(t.Context(), path, st)
			if err != nil {
				t.Fatal(err)
			}
			wantRes := ImportResult{Read: len(want), Added: len(want), First: want[0].CreatedAt, Last: want[len(want)-1].CreatedAt}
			if diff := cmp.Diff(wantRes, res); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			got, err := st.Posts(t.Context(), time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stored posts (-ReadArchive +stored):\n%s", diff)
			}
			res, err = ImportArchive(t.Context(), path, st)
			if err != nil || res.Added != 0 {
				t.Errorf("second import: %+v, %v; want nothing added", res, err)
			}
		})
	}
}

// failingSaver fails its second Save, as a full disk would.
type failingSaver struct {
	calls int
	saved []moisson.Post
}

func (s *failingSaver) Save(ctx context.Context, posts []moisson.Post, source, cursor string) (int, error) {
	if s.calls++; s.calls == 2 {
		return 0, errors.New("no space left on device")
	}
	s.saved = append(s.saved, posts...)
	return len(posts), nil
}

func TestImportArchiveChunks(t *testing.T) {
	dir := writeBigArchive(t, importChunk+10)
	s := &failingSaver{}
	res, err := ImportArchive(t.Context(), dir, s)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), dir) {
		t.Fatalf("error %v, want the saver's, naming the archive", err)
	}
	if len(s.saved) != importChunk || res.Added != importChunk {
		t.Fatalf("%d posts saved, %d counted, want one chunk of %d", len(s.saved), res.Added, importChunk)
	}
	for i := 1; i < len(s.saved); i++ {
		if s.saved[i].CreatedAt.Before(s.saved[i-1].CreatedAt) {
			t.Fatalf("chunk not sorted by time at %d", i)
		}
	}
}

// TestImportArchiveAnyOrder imports archives of a few chunks whose posts
// come in any order: the store holds what ReadArchive reads, oldest first;
// importing again adds nothing; and the spill file is gone.
func TestImportArchiveAnyOrder(t *testing.T) {
	const n = 3*importChunk + 7
	for _, order := range []string{"ordered", "newest-first", "shuffled"} {
		t.Run(order, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			path := writeOrderedArchive(t, n, order)
			want, err := ReadArchive(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			res, err := ImportArchive(t.Context(), path, st)
			if err != nil || res.Read != n || res.Added != n {
				t.Fatalf("%+v, %v; want %d posts read and added", res, err, n)
			}
			got, err := st.Posts(t.Context(), time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stored posts (-ReadArchive +stored):\n%s", diff)
			}
			if res, err := ImportArchive(t.Context(), path, st); err != nil || res.Added != 0 {
				t.Errorf("second import: %+v, %v; want nothing added", res, err)
			}
			if left, err := os.ReadDir(tmp); err != nil || len(left) != 0 {
				t.Errorf("temporary files left: %v, %v", left, err)
			}
		})
	}
}

// FuzzImportArchive feeds the archive reader a tweets.js, or a whole zip,
// of any bytes: it must return, within a deadline, posts or an error that
// names the file, and never panic.
func FuzzImportArchive(f *testing.F) {
	for _, name := range []string{"x2022/data/tweets.js", "x2020/data/tweet.js", "x2019/data/tweet.js", "grailbird/data/js/tweets/2014_10.js", "malformed/syntax/data/tweets.js", "malformed/truncated/data/tweets.js"} {
		b, err := os.ReadFile(filepath.Join(archiveTestdata, name))
		if err != nil {
			continue
		}
		f.Add(b)
	}
	f.Add([]byte("window.YTD.tweets.part0 = [ " + strings.Repeat(" ", 4096) + "]"))
	f.Add([]byte(`[{"tweet":{"id_str":"1","created_at":"Wed Oct 01 07:12:00 +0000 2014","full_text":"a \"b\" \\ c"}}, 1, "x", [], {}]`))
	for _, dir := range []string{"x2022", "grailbird"} {
		b, err := os.ReadFile(zipArchiveDir(f, archivePath(dir)(f), ""))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := archiveWithin(t, 10*time.Second, func() error {
			_, err := fuzzReadArchive(data)
			return err
		})
		if err != nil && !strings.Contains(err.Error(), "fuzz") {
			t.Errorf("error %q does not name the archive", err)
		}
	})
}

// fuzzReadArchive reads data as a zip export when it is one, else as
// data/tweets.js, all in memory.
func fuzzReadArchive(data []byte) ([]moisson.Post, error) {
	ctx := context.Background()
	var r *archiveReader
	var lay *archiveLayout
	if bytes.HasPrefix(data, []byte("PK")) {
		var err error
		if r, lay, err = openZip("fuzz.zip", bytes.NewReader(data), int64(len(data)), 64<<20); err != nil {
			return nil, err
		}
	} else {
		r = &archiveReader{path: "fuzz", fsys: fstest.MapFS{"data/tweets.js": {Data: data}}}
		lay = &archiveLayout{tweets: []string{"data/tweets.js"}}
	}
	return r.readPosts(ctx, lay, nil)
}

// writeOrderedArchive writes an archive folder of n posts shaped like a
// 2022 export (as writeBigArchive), posts older by id and time as i grows,
// in the order given: "ordered" (oldest first), "newest-first" (as X
// exports mostly are) or "shuffled". It streams, holding no post.
func writeOrderedArchive(tb testing.TB, n int, order string) string {
	tb.Helper()
	index := func(i int) int { return i }
	idOf := func(i int) int { return i }
	switch order {
	case "ordered":
	case "newest-first":
		index = func(i int) int { return n - 1 - i }
	case "shuffled":
		perm := rand.New(rand.NewPCG(1, 2)).Perm(n)
		index = func(i int) int { return perm[i] }
	case "shuffled-ids":
		// Shuffled, and the ids unrelated to time (a service whose ids
		// are not snowflakes): the store's index by id is written in no
		// order.
		perm := rand.New(rand.NewPCG(1, 2)).Perm(n)
		ids := rand.New(rand.NewPCG(3, 4)).Perm(n)
		index = func(i int) int { return perm[i] }
		idOf = func(i int) int { return ids[i] }
	default:
		tb.Fatalf("order %q", order)
	}
	dir := tb.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		tb.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "data", "tweets.js"))
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	fmt.Fprint(w, "window.YTD.tweets.part0 = [ ")
	for j := range n {
		if j > 0 {
			fmt.Fprint(w, ", ")
		}
		i := index(j)
		id := 550000000000000000 + int64(idOf(i))*1000
		created := start.Add(time.Duration(i) * 17 * time.Minute).Format(time.RubyDate)
		fmt.Fprintf(w, `{
  "tweet" : {
    "edit_info" : { "initial" : { "editTweetIds" : [ "%[1]d" ], "editableUntil" : "2015-01-01T01:00:00.000Z", "editsRemaining" : "5", "isEditEligible" : false } },
    "retweeted" : false,
    "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "entities" : {
      "hashtags" : [ { "text" : "veille", "indices" : [ "70", "77" ] } ],
      "symbols" : [ ],
      "user_mentions" : [ { "name" : "Someone", "screen_name" : "someone", "indices" : [ "0", "8" ], "id_str" : "42", "id" : "42" } ],
      "urls" : [ { "url" : "https://t.co/abc%[1]d", "expanded_url" : "https://example.com/articles/%[1]d", "display_url" : "example.com/articles/…", "indices" : [ "45", "68" ] } ]
    },
    "display_text_range" : [ "0", "77" ],
    "favorite_count" : "%[3]d",
    "in_reply_to_status_id_str" : "%[4]d",
    "id_str" : "%[1]d",
    "in_reply_to_user_id" : "1234567890",
    "truncated" : false,
    "retweet_count" : "1",
    "id" : "%[1]d",
    "created_at" : "%[2]s",
    "favorited" : false,
    "full_text" : "@someone Post number %[3]d: a page worth reading &amp; sharing https://t.co/abc%[1]d #veille",
    "lang" : "fr",
    "in_reply_to_screen_name" : "moissonneur",
    "in_reply_to_user_id_str" : "1234567890"
  }
}`, id, created, i, id-1000)
	}
	fmt.Fprint(w, " ]\n")
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	account := `window.YTD.account.part0 = [ { "account" : { "username" : "moissonneur", "accountId" : "1234567890" } } ]`
	if err := os.WriteFile(filepath.Join(dir, "data", "account.js"), []byte(account), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkImportArchive imports generated archives of 10k, 50k and 200k
// posts, oldest first, newest first and shuffled, into a fresh store on
// disk. It reports the process's peak RSS during the import (the test
// binary included), the store file's size, the bytes of its keys and
// values (archive.Space.Data) and the file's size against them:
//
//	go test ./bot/x -run '^$' -bench ImportArchive -benchtime 1x -timeout 30m
func BenchmarkImportArchive(b *testing.B) {
	for _, n := range []int{10000, 50000, 200000} {
		for _, order := range []string{"ordered", "newest-first", "shuffled", "shuffled-ids"} {
			b.Run(order+"-"+strconv.Itoa(n/1000)+"k", func(b *testing.B) {
				dir := writeOrderedArchive(b, n, order)
				b.ReportAllocs()
				var rss uint64
				var size int64
				var sp archive.Space
				for b.Loop() {
					b.StopTimer()
					db := filepath.Join(b.TempDir(), "moisson.db")
					st, err := archive.Open(db)
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					var res ImportResult
					rss = max(rss, bottest.PeakRSS(func() {
						res, err = ImportArchive(b.Context(), dir, st)
					}))
					if err != nil || res.Added != n {
						b.Fatalf("%+v, %v; want %d posts added", res, err, n)
					}
					b.StopTimer()
					if sp, err = st.Space(b.Context()); err != nil {
						b.Fatal(err)
					}
					if err := st.Close(); err != nil {
						b.Fatal(err)
					}
					fi, err := os.Stat(db)
					if err != nil {
						b.Fatal(err)
					}
					size = fi.Size()
					b.StartTimer()
				}
				if rss > 0 {
					b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
				}
				b.ReportMetric(float64(size)/(1<<20), "store-MiB")
				b.ReportMetric(float64(sp.Data)/(1<<20), "data-MiB")
				b.ReportMetric(float64(size)/float64(sp.Data), "store/data")
				b.ReportMetric(float64(sp.Used)/float64(sp.Data), "used/data")
			})
		}
	}
}
