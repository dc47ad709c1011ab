package bot

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
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

// writeShuffledArchive writes an archive of n posts like writeBigArchive,
// its posts in random order.
func writeShuffledArchive(tb testing.TB, n int) string {
	tb.Helper()
	dir := writeBigArchive(tb, n)
	name := filepath.Join(dir, "data", "tweets.js")
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	body := strings.TrimSuffix(strings.TrimPrefix(string(b), "window.YTD.tweets.part0 = [ "), " ]\n")
	posts := strings.Split(body, "}, {")
	for i := range posts {
		posts[i] = "{" + strings.TrimPrefix(strings.TrimSuffix(posts[i], "}"), "{") + "}"
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(posts), func(i, j int) { posts[i], posts[j] = posts[j], posts[i] })
	if err := os.WriteFile(name, []byte("window.YTD.tweets.part0 = [ "+strings.Join(posts, ", ")+" ]\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// peakHeap samples the heap in use while fn runs and returns the highest
// value seen above the heap in use before it.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	fn()
	close(stop)
	wg.Wait()
	return peak - min(peak, base)
}

// BenchmarkImportArchive imports generated archives of 10k and 50k posts,
// ids in order and shuffled, into a fresh store on disk, and reports the
// peak heap above the heap before the import, and the store's size. The
// -onetx runs import as moisson did before chunks, for comparison: the
// whole archive read, then saved in one transaction.
func BenchmarkImportArchive(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		for _, order := range []string{"ordered", "shuffled", "ordered-onetx"} {
			b.Run(order+"-"+strconv.Itoa(n/1000)+"k", func(b *testing.B) {
				oneTx := strings.HasSuffix(order, "-onetx")
				dir := writeBigArchive(b, n)
				if order == "shuffled" {
					dir = writeShuffledArchive(b, n)
				}
				b.ReportAllocs()
				var peak, size uint64
				for b.Loop() {
					b.StopTimer()
					db := filepath.Join(b.TempDir(), "moisson.db")
					st, err := archive.Open(db)
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					var res ImportResult
					peak = max(peak, peakHeap(func() {
						if oneTx {
							// The import before chunks: the whole archive
							// read, then saved in one transaction.
							var posts []moisson.Post
							if posts, err = ReadArchive(b.Context(), dir); err == nil {
								res.Added, err = st.Save(b.Context(), posts, "", "")
							}
							return
						}
						res, err = ImportArchive(b.Context(), dir, st)
					}))
					if err != nil || res.Added != n {
						b.Fatalf("%+v, %v; want %d posts added", res, err, n)
					}
					b.StopTimer()
					if err := st.Close(); err != nil {
						b.Fatal(err)
					}
					if fi, err := os.Stat(db); err == nil {
						size = uint64(fi.Size())
					}
					b.StartTimer()
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
				b.ReportMetric(float64(size)/(1<<20), "store-MiB")
			})
		}
	}
}
