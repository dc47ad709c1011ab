package x

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson/archive"
)

// The hostile-archive suite: archives made to wedge, exhaust or mislead the
// reader. Each must be refused (or read) within a generous bound, with an
// error naming the file, and leave the store as it was.

// hostileBound is the time a hostile archive may take before the test
// calls it a hang. The target is 5 s on a loaded 2-core machine;
// the bound is a hang detector, not a speed test (see the benchmarks).
const hostileBound = 60 * time.Second

// archiveWithin runs fn and fails the test if it has not returned within
// d: a hostile input that hangs the reader fails instead of wedging the
// test binary until its global timeout. fn keeps running in the
// background when it does not return.
func archiveWithin[T any](tb testing.TB, d time.Duration, fn func() T) T {
	tb.Helper()
	done := make(chan T, 1)
	go func() { done <- fn() }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case v := <-done:
		return v
	case <-timer.C:
		tb.Fatalf("still running after %s: the input hangs the reader", d)
		var zero T
		return zero
	}
}

// zipEntry is an entry of a zip written by writeHostileZip: its content
// is streamed by write, so that hundreds of MiB of padding cost only what
// they compress to. raw, when set, is written as is (already compressed)
// with the header as given.
type zipEntry struct {
	name  string
	write func(w io.Writer) error
	raw   *zip.FileHeader
	data  []byte
	store bool
}

// writeHostileZip writes the entries into a zip in a temp dir.
func writeHostileZip(tb testing.TB, entries ...zipEntry) string {
	tb.Helper()
	name := filepath.Join(tb.TempDir(), "twitter-hostile.zip")
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	// BestSpeed: padding compresses as well, and writing 256 MiB of it
	// takes a fraction of the default level's time.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, e := range entries {
		var w io.Writer
		switch {
		case e.raw != nil:
			w, err = zw.CreateRaw(e.raw)
		case e.store:
			w, err = zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Store})
		default:
			w, err = zw.Create(e.name)
		}
		if err != nil {
			tb.Fatal(err)
		}
		if e.write != nil {
			err = e.write(w)
		} else {
			_, err = w.Write(e.data)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return name
}

// padded writes head, n bytes of pad, then tail.
func padded(head string, pad byte, n int64, tail string) func(io.Writer) error {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, head); err != nil {
			return err
		}
		chunk := bytes.Repeat([]byte{pad}, 1<<20)
		for n > 0 {
			k := min(n, int64(len(chunk)))
			if _, err := w.Write(chunk[:k]); err != nil {
				return err
			}
			n -= k
		}
		_, err := io.WriteString(w, tail)
		return err
	}
}

// hostilePadding is the size of the padding bombs: the 256 MiB,
// less under the race detector, which slows every byte tenfold.
func hostilePadding() int64 {
	if archiveRaceEnabled || testing.Short() {
		return 32 << 20
	}
	return 256 << 20
}

// deflated returns data compressed as a zip's Deflate entry holds it.
func deflated(tb testing.TB, write func(io.Writer) error) []byte {
	tb.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		tb.Fatal(err)
	}
	if err := write(fw); err != nil {
		tb.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// goodX2022 returns the entries of the 2022 test archive.
func goodX2022(tb testing.TB) []zipEntry {
	tb.Helper()
	dir := archivePath("x2022", "data")(tb)
	files, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var entries []zipEntry
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		entries = append(entries, zipEntry{name: "data/" + f.Name(), data: b, store: true})
	}
	return entries
}

// mustOpenStore opens a store in a temp dir holding the 2022 test archive.
func mustOpenStore(tb testing.TB) *archive.Store {
	tb.Helper()
	st, err := archive.Open(filepath.Join(tb.TempDir(), "moisson.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = st.Close() })
	res, err := ImportArchive(tb.Context(), archivePath("x2022")(tb), st)
	if err != nil || res.Added != 10 {
		tb.Fatalf("good archive: %+v, %v; want 10 posts added", res, err)
	}
	return st
}

func TestImportHostileArchive(t *testing.T) {
	pad := hostilePadding()
	const post = `{ "tweet" : { "id_str" : "9", "created_at" : "Wed Oct 01 07:12:00 +0000 2014", "full_text" : "a post" } }`
	tests := []struct {
		name string
		path func(testing.TB) string
		// want are the parts the error must hold, "" for no error;
		// "{path}" is the archive's path.
		want []string
		// read is how many posts an accepted archive holds.
		read int
	}{
		{"whitespace bomb in tweets.js, accepted empty", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/tweets.js", write: padded("window.YTD.tweets.part0 = [", ' ', pad, "]")})
		}, nil, 0},
		{"whitespace bomb between posts", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/tweets.js", write: padded("window.YTD.tweets.part0 = [\n"+post, '\n', pad, ",\n"+strings.Replace(post, `"9"`, `"10"`, 1)+"]")})
		}, nil, 2},
		{"whitespace bomb after the array", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/tweets.js", write: padded("window.YTD.tweets.part0 = ["+post+"]", '\t', pad, ";\n")})
		}, nil, 1},
		{"whitespace bomb inside a post", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/tweets.js", write: padded(`window.YTD.tweets.part0 = [{ "tweet" :`, ' ', pad, "{}}]")})
		}, []string{"archive {path}: data/tweets.js: line 1:28: an element of more than 4 MiB: refusing it"}, 0},
		{"whitespace bomb in the 2020 tweet.js", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/tweet.js", write: padded("window.YTD.tweet.part0 = [", '\n', pad, "\n]")})
		}, nil, 0},
		{"whitespace bomb in a Grailbird month", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/js/tweets/2014_10.js", write: padded("Grailbird.data.tweets_2014_10 =\n[", ' ', pad, "]")})
		}, nil, 0},
		{"whitespace bomb in note-tweet.js", func(tb testing.TB) string {
			return writeHostileZip(tb,
				zipEntry{name: "data/tweets.js", data: []byte("window.YTD.tweets.part0 = [" + post + "]")},
				zipEntry{name: "data/note-tweet.js", write: padded("window.YTD.note_tweet.part0 = [", ' ', pad, "]")})
		}, nil, 1},
		{"a bomb of blank lines in tweets.csv", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "tweets.csv", write: padded("tweet_id,timestamp,text\n", '\n', pad, "9,2014-10-01 07:12:00 +0000,a post\n")})
		}, []string{"archive {path}: tweets.csv: after line 1: more than 4 MiB without a whole record"}, 0},
		{"one endless line in tweets.csv", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "tweets.csv", write: padded("tweet_id,timestamp,text\n9,2014-10-01 07:12:00 +0000,", 'a', pad, "\n")})
		}, []string{"archive {path}: tweets.csv: after line 1: more than 4 MiB without a whole record"}, 0},
		{"huge full_text in a zip", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/tweets.js", write: padded("window.YTD.tweets.part0 = [\n"+post+`,
  { "tweet" : { "id_str" : "10", "full_text" : "`, 'a', pad, `" } } ]`)})
		}, []string{"archive {path}: data/tweets.js: line 3:48: a string of more than 1 MiB: refusing it"}, 0},
		{"huge full_text in a folder", func(tb testing.TB) string {
			dir := tb.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
				tb.Fatal(err)
			}
			f, err := os.Create(filepath.Join(dir, "data", "tweets.js"))
			if err != nil {
				tb.Fatal(err)
			}
			defer f.Close()
			if err := padded("window.YTD.tweets.part0 = [\n"+post+`, { "tweet" : { "full_text" : "`, 'a', 16<<20, `" } } ]`)(f); err != nil {
				tb.Fatal(err)
			}
			return dir
		}, []string{"archive {path}: data/tweets.js: line 2:", "a string of more than 1 MiB"}, 0},
		{"element of many small fields", func(tb testing.TB) string {
			fields := strings.Repeat(`"k":1,`, 1<<20)
			return writeHostileZip(tb, zipEntry{name: "data/tweets.js", data: []byte("window.YTD.tweets.part0 = [\n" + post + ",\n{" + fields + `"z":1}]`)})
		}, []string{"data/tweets.js: line 3:1: an element of more than 4 MiB"}, 0},
		{"deep nesting", func(tb testing.TB) string {
			return writeHostileZip(tb, zipEntry{name: "data/tweets.js", data: []byte("window.YTD.tweets.part0 = [" + strings.Repeat("[", 1<<20) + strings.Repeat("]", 1<<20) + "]")})
		}, []string{"data/tweets.js: line 1:", "exceeded max depth"}, 0},
		{"CRC mismatch in a stored entry", func(tb testing.TB) string {
			name := writeHostileZip(tb, goodX2022(tb)...)
			b, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			// A letter of a post's text: the JSON stays valid, only the
			// checksum tells.
			i := bytes.Index(b, []byte("Universal SSL: How It Scales"))
			if i < 0 {
				tb.Fatal("post text not found in the zip")
			}
			b[i] = 'u'
			if err := os.WriteFile(name, b, 0o644); err != nil {
				tb.Fatal(err)
			}
			return name
		}, []string{"archive {path}: data/tweets.js: zip: checksum error"}, 0},
		{"truncated zip", func(tb testing.TB) string {
			name := writeHostileZip(tb, goodX2022(tb)...)
			b, err := os.ReadFile(name)
			if err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(name, b[:len(b)*2/3], 0o644); err != nil {
				tb.Fatal(err)
			}
			return name
		}, []string{"archive {path}: open zip: zip: not a valid zip file (the file is truncated or not a zip)"}, 0},
		{"zip bomb: an entry that says 3 GiB", func(tb testing.TB) string {
			data := deflated(tb, padded("window.YTD.tweets.part0 = [", ' ', 1<<20, "]"))
			return writeHostileZip(tb, zipEntry{raw: &zip.FileHeader{
				Name: "data/tweets.js", Method: zip.Deflate,
				CompressedSize64: uint64(len(data)), UncompressedSize64: 3 << 30, CRC32: 1,
			}, data: data})
		}, []string{"archive {path}: data/tweets.js: zip gives too many bytes: refusing a possible zip bomb (the entry says 3221225472 bytes)"}, 0},
		{"zip bomb: an entry that inflates past what it says", func(tb testing.TB) string {
			data := deflated(tb, padded("window.YTD.tweets.part0 = [", ' ', 64<<20, "]"))
			return writeHostileZip(tb, zipEntry{raw: &zip.FileHeader{
				Name: "data/tweets.js", Method: zip.Deflate,
				CompressedSize64: uint64(len(data)), UncompressedSize64: 1 << 20, CRC32: crc32.ChecksumIEEE(nil),
			}, data: data})
		}, []string{"archive {path}: data/tweets.js: zip: not a valid zip file"}, 0},
		{"zip entry with ../ in its name", func(tb testing.TB) string {
			return writeHostileZip(tb, append(goodX2022(tb), zipEntry{name: "../../../tmp/moisson-pwned.js", data: []byte("x")})...)
		}, []string{`archive {path}: zip entry "../../../tmp/moisson-pwned.js": path leaves the archive`}, 0},
		{"zip entry with an absolute name", func(tb testing.TB) string {
			return writeHostileZip(tb, append(goodX2022(tb), zipEntry{name: "/etc/cron.d/moisson", data: []byte("x")})...)
		}, []string{`zip entry "/etc/cron.d/moisson": path leaves the archive`}, 0},
		{"manifest naming a file outside the archive", func(tb testing.TB) string {
			return writeHostileZip(tb,
				zipEntry{name: "data/manifest.js", data: []byte(`window.__THAR_CONFIG = { "dataTypes" : { "tweets" : { "files" : [ { "fileName" : "../../../etc/passwd" } ] } } }`)},
				zipEntry{name: "data/tweets.js", data: []byte("window.YTD.tweets.part0 = [" + post + "]")})
		}, []string{`data/manifest.js: tweets "../../../etc/passwd": path leaves the archive`}, 0},
		{"duplicated entry", func(tb testing.TB) string {
			return writeHostileZip(tb, append(goodX2022(tb), zipEntry{name: "data/tweets.js", data: []byte("window.YTD.tweets.part0 = [" + post + "]")})...)
		}, []string{`archive {path}: zip entry "data/tweets.js": duplicated entry`}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := mustOpenStore(t)
			before, err := st.Stats(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			path := tc.path(t)
			type result struct {
				res ImportResult
				err error
			}
			got := archiveWithin(t, hostileBound, func() result {
				res, err := ImportArchive(context.Background(), path, st)
				return result{res, err}
			})
			switch {
			case tc.want == nil && got.err != nil:
				t.Fatalf("error %v, want %d posts read", got.err, tc.read)
			case tc.want == nil && got.res.Read != tc.read:
				t.Fatalf("%d posts read, want %d", got.res.Read, tc.read)
			case tc.want != nil && got.err == nil:
				t.Fatalf("no error, %+v", got.res)
			}
			for _, want := range tc.want {
				if want = strings.ReplaceAll(want, "{path}", path); !strings.Contains(got.err.Error(), want) {
					t.Errorf("error %q does not hold %q", got.err, want)
				}
			}
			after, err := st.Stats(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != nil && after != before {
				t.Errorf("store after a refused import: %+v, want %+v", after, before)
			}
			if tc.want == nil && after.Posts != before.Posts+tc.read {
				t.Errorf("store after the import: %d posts, want %d", after.Posts, before.Posts+tc.read)
			}
		})
	}
}

// TestImportWhitespaceBombMemory checks that the padding is never held:
// reading the whitespace bomb allocates a small fraction of its size.
func TestImportWhitespaceBombMemory(t *testing.T) {
	pad := hostilePadding()
	tests := []struct {
		name  string
		entry zipEntry
	}{
		{"spaces in the array", zipEntry{name: "data/tweets.js", write: padded("window.YTD.tweets.part0 = [", ' ', pad, "]")}},
		{"a huge string", zipEntry{name: "data/tweets.js", write: padded(`window.YTD.tweets.part0 = [{"tweet":{"full_text":"`, 'a', pad, `"}}]`)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name := writeHostileZip(t, tc.entry)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _ = ReadArchive(t.Context(), name)
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("reading %d MiB of padding allocated %d MiB, want under 32 MiB", pad>>20, alloc>>20)
			}
		})
	}
}

// BenchmarkImportHostile reports the time and allocations of reading the
// hostile archives of the issue: 256 MiB of spaces, and a post whose
// full_text is 256 MiB.
func BenchmarkImportHostile(b *testing.B) {
	for _, tc := range []struct {
		name  string
		entry zipEntry
	}{
		{"whitespace-256MiB", zipEntry{name: "data/tweets.js", write: padded("window.YTD.tweets.part0 = [", ' ', 256<<20, "]")}},
		{"full_text-256MiB", zipEntry{name: "data/tweets.js", write: padded(`window.YTD.tweets.part0 = [{"tweet":{"full_text":"`, 'a', 256<<20, `"}}]`)}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			name := writeHostileZip(b, tc.entry)
			b.SetBytes(256 << 20)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadArchive(b.Context(), name); err != nil && !strings.Contains(err.Error(), "more than") {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestArchiveWithin(t *testing.T) {
	if got := archiveWithin(t, time.Second, func() error { return errors.New("done") }); got == nil || got.Error() != "done" {
		t.Fatalf("archiveWithin = %v, want the function's result", got)
	}
}
