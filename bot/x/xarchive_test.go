package x

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

var updateArchiveGolden = flag.Bool("update-archive", false, "rewrite testdata/archive/*.golden.json")

const archiveTestdata = "testdata/archive"

// zipArchiveDir zips the folder dir into a new file, each entry named
// prefix + its path in dir, and returns the zip's path.
func zipArchiveDir(tb testing.TB, dir, prefix string) string {
	tb.Helper()
	name := filepath.Join(tb.TempDir(), "twitter-2024-04-10-0a1b2c3d.zip")
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return name
}

// writeArchiveZip writes a zip of the given entries and returns its path.
func writeArchiveZip(tb testing.TB, entries map[string]string) string {
	tb.Helper()
	name := filepath.Join(tb.TempDir(), "archive.zip")
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for entry, content := range entries {
		w, err := zw.Create(entry)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
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

func archivePath(elem ...string) func(testing.TB) string {
	return func(testing.TB) string { return filepath.Join(append([]string{archiveTestdata}, elem...)...) }
}

func TestReadArchiveLayouts(t *testing.T) {
	tests := []struct {
		name   string
		path   func(testing.TB) string
		golden string
	}{
		{"2022 multi-part with manifest and notes", archivePath("x2022"), "x2022"},
		{"2022 zip", func(tb testing.TB) string { return zipArchiveDir(tb, archivePath("x2022")(tb), "") }, "x2022"},
		{"2022 zip holding a folder", func(tb testing.TB) string {
			return zipArchiveDir(tb, archivePath("x2022")(tb), "twitter-2024-04-10-0a1b2c3d/")
		}, "x2022"},
		{"2022 single tweets.js", archivePath("x2022", "data", "tweets.js"), "x2022-single"},
		{"2020 tweet.js in parts, no manifest", archivePath("x2020"), "x2020"},
		{"2019 bare posts, numbers as numbers", archivePath("x2019"), "x2019"},
		{"2012-2018 Grailbird JS preferred to the CSV", archivePath("grailbird"), "grailbird"},
		{"Grailbird zip", func(tb testing.TB) string { return zipArchiveDir(tb, archivePath("grailbird")(tb), "") }, "grailbird"},
		{"single Grailbird month", archivePath("grailbird", "data", "js", "tweets", "2014_10.js"), "grailbird-2014_10"},
		{"CSV only", archivePath("csv"), "csv"},
		{"single tweets.csv", archivePath("csv", "tweets.csv"), "csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadArchive(t.Context(), tc.path(t))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(archiveTestdata, tc.golden+".golden.json")
			if *updateArchiveGolden {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				if err := enc.Encode(got); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			var want []moisson.Post
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("posts differ from %s (-want +got):\n%s", golden, diff)
			}
			for i := 1; i < len(got); i++ {
				a, b := got[i-1], got[i]
				if b.CreatedAt.Before(a.CreatedAt) || b.CreatedAt.Equal(a.CreatedAt) && archiveCompareIDs(a.ID, b.ID) >= 0 {
					t.Errorf("post %s (%v) after post %s (%v): not oldest first", b.ID, b.CreatedAt, a.ID, a.CreatedAt)
				}
			}
			for _, p := range got {
				if p.Source != "x" || p.CreatedAt.Location() != time.UTC {
					t.Errorf("post %s: source %q, location %v; want x, UTC", p.ID, p.Source, p.CreatedAt.Location())
				}
			}
		})
	}
}

// archivePost reads the archive at path and returns its post id.
func archivePost(t *testing.T, path, id string) moisson.Post {
	t.Helper()
	posts, err := ReadArchive(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range posts {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("%s: no post %s", path, id)
	return moisson.Post{}
}

func TestReadArchivePosts(t *testing.T) {
	x2022 := archivePath("x2022")(t)
	tests := []struct {
		name    string
		archive string
		id      string
		want    func(moisson.Post) string
	}{
		{"HTML entities decoded", x2022, "517350000000000000", func(p moisson.Post) string {
			return cmp.Diff(`<blink> is back & so is "marquee" '98 https://t.co/p1c123`, p.Text)
		}},
		{"entities give URLs and hashtags", x2022, "517300000000000000", func(p moisson.Post) string {
			return cmp.Diff(moisson.Post{
				ID: "517300000000000000", Source: "x", CreatedAt: time.Date(2014, 10, 1, 7, 12, 0, 0, time.UTC),
				Text: "Universal SSL: How It Scales & more http://t.co/5SoLdok6yj #SSL",
				URLs: []string{"http://bit.ly/1rQz0AB"}, Hashtags: []string{"SSL"},
			}, p)
		}},
		{"note replaces a long post's text and adds its links", x2022, "1775210000000000000", func(p moisson.Post) string {
			return cmp.Diff(moisson.Post{
				ID: "1775210000000000000", Source: "x", CreatedAt: time.Date(2024, 4, 2, 16, 25, 47, 0, time.UTC),
				Text:     "A long post about deploying TLS everywhere, which goes on and on about certificates & keys, well past the 280 characters a post used to hold, so that the archive keeps only its beginning in tweets.js and the whole of it here, with a link at the very end: https://t.co/tls3v3ry #TLS",
				URLs:     []string{"https://twitter.com/i/web/status/1775210000000000000", "https://blog.cloudflare.com/universal-ssl-how-it-scales/"},
				Hashtags: []string{"TLS"},
			}, p)
		}},
		{"note left to its post in the same second", x2022, "1775210000000000001", func(p moisson.Post) string {
			return cmp.Diff("2/ and the thread ends here", p.Text)
		}},
		{"new archive retweet by its text", x2022, "517330000000000000", func(p moisson.Post) string {
			return cmp.Diff([]any{true, []string{"http://blog.cloudflare.com/introducing-universal-ssl/"}}, []any{p.Retweet, p.URLs})
		}},
		{"quote", x2022, "517340000000000000", func(p moisson.Post) string {
			return cmp.Diff([]bool{true, false, false}, []bool{p.Quote, p.Retweet, p.Reply})
		}},
		{"old archive retweet takes the original's text and links", archivePath("grailbird")(t), "517000500000000000", func(p moisson.Post) string {
			return cmp.Diff(moisson.Post{
				ID: "517000500000000000", Source: "x", CreatedAt: time.Date(2014, 9, 29, 14, 0, 0, 0, time.UTC),
				Text:     "Introducing Universal SSL http://t.co/AbCdEf123 HTTPS for every site, free, starting today, from the team that brings you <3 #SSL",
				URLs:     []string{"http://blog.cloudflare.com/introducing-universal-ssl/"},
				Hashtags: []string{"SSL"}, Retweet: true,
			}, p)
		}},
		{"links from the text when entities have none", archivePath("grailbird")(t), "516500000000000000", func(p moisson.Post) string {
			return cmp.Diff([][]string{{"http://en.wikipedia.org/wiki/Transport_Layer_Security_(TLS)"}, {"SSL", "TLS"}}, [][]string{p.URLs, p.Hashtags})
		}},
		{"link with an escaped query in the text", archivePath("grailbird")(t), "517400000000000000", func(p moisson.Post) string {
			return cmp.Diff([]string{"http://example.com/slides?a=1&b=2"}, p.URLs)
		}},
		{"CSV: comma inside an expanded URL, hashtags from the text", archivePath("csv")(t), "517360000000000000", func(p moisson.Post) string {
			return cmp.Diff([][]string{{"http://example.com/list?ids=1,2,3", "http://example.org/c"}, {"weekend"}}, [][]string{p.URLs, p.Hashtags})
		}},
		{"CSV: retweet", archivePath("csv")(t), "517330000000000000", func(p moisson.Post) string {
			return cmp.Diff(true, p.Retweet)
		}},
		{"CSV: link from the text", archivePath("csv")(t), "12345678", func(p moisson.Post) string {
			return cmp.Diff([][]string{{"http://www.example.com/old-style"}, {"nostalgia"}}, [][]string{p.URLs, p.Hashtags})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := tc.want(archivePost(t, tc.archive, tc.id)); diff != "" {
				t.Errorf("post %s (-want +got):\n%s", tc.id, diff)
			}
		})
	}
}

func TestReadArchiveReplies(t *testing.T) {
	tests := []struct {
		name      string
		archive   string
		id        string
		wantReply bool
	}{
		{"own id from manifest: thread", "x2022", "517310000000000000", false},
		{"own id from manifest: reply", "x2022", "517320000000000000", true},
		{"own id from account.js: thread", "x2020", "1248300500000000000", false},
		{"own id from account.js: reply", "x2020", "1248400000000000000", true},
		{"own name from account.js: thread by name", "x2019", "1128700100000000000", false},
		{"own name from account.js: thread by the id learned", "x2019", "1128700200000000000", false},
		{"own name from account.js: reply", "x2019", "1128700300000000000", true},
		{"own id from user_details.js: thread", "grailbird", "517400000000000000", false},
		{"own id from user_details.js: reply", "grailbird", "517450000000000000", true},
		{"own id from the posts' author: thread", "grailbird/data/js/tweets/2014_10.js", "517400000000000000", false},
		{"own id from the posts' author: reply", "grailbird/data/js/tweets/2014_10.js", "517450000000000000", true},
		{"account unknown: a thread counts as a reply", "csv", "517310000000000000", true},
		{"not a reply", "csv", "517300000000000000", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := archivePost(t, filepath.Join(archiveTestdata, filepath.FromSlash(tc.archive)), tc.id)
			if p.Reply != tc.wantReply {
				t.Errorf("post %s: Reply = %v, want %v", tc.id, p.Reply, tc.wantReply)
			}
		})
	}
}

func TestReadArchiveErrors(t *testing.T) {
	truncatedZip := func(tb testing.TB) string {
		full := zipArchiveDir(tb, archivePath("x2022")(tb), "")
		b, err := os.ReadFile(full)
		if err != nil {
			tb.Fatal(err)
		}
		name := filepath.Join(tb.TempDir(), "twitter-truncated.zip")
		if err := os.WriteFile(name, b[:len(b)/2], 0o644); err != nil {
			tb.Fatal(err)
		}
		return name
	}
	tests := []struct {
		name string
		path func(testing.TB) string
		// want are the parts the message must hold; "{path}" is the
		// archive's path.
		want []string
	}{
		{"syntax error", archivePath("malformed", "syntax"),
			[]string{"archive {path}: data/tweets.js: line 13:7: invalid character"}},
		{"missing comma between posts", archivePath("malformed", "missing_comma"),
			[]string{"data/tweets.js: line 3:3: ", "comma"}},
		{"bad date", archivePath("malformed", "created_at"),
			[]string{"data/tweets.js: line 9:3: post 2: created_at: \"yesterday\" is not a date"}},
		{"truncated file", archivePath("malformed", "truncated"),
			[]string{"data/tweets.js: line 13:40: unexpected EOF"}},
		{"wrong type", archivePath("malformed", "type"),
			[]string{"data/tweets.js: line 13:", "cannot unmarshal number"}},
		{"not an array", archivePath("malformed", "notarray"),
			[]string{"data/tweets.js: line 1:", "want an array"}},
		{"not a data file", archivePath("malformed", "notjs"),
			[]string{"data/tweets.js: line 1:1: not a data file"}},
		{"manifest names a missing file", archivePath("malformed", "manifest"),
			[]string{"data/manifest.js lists data/tweets-part1.js, which is missing"}},
		{"bad CSV", archivePath("malformed", "csv"),
			[]string{"archive {path}: tweets.csv: line 3:", "extraneous or missing \" in quoted-field"}},
		{"missing path", func(tb testing.TB) string { return filepath.Join(tb.TempDir(), "nowhere") },
			[]string{"archive {path}: ", "no such file"}},
		{"empty folder", func(tb testing.TB) string { return tb.TempDir() },
			[]string{"no tweets file found in {path}"}},
		{"truncated zip", truncatedZip,
			[]string{"archive {path}: open zip: ", "not a valid zip file"}},
		{"zip entry leaving the archive", func(tb testing.TB) string {
			return writeArchiveZip(tb, map[string]string{
				"data/tweets.js":   `window.YTD.tweets.part0 = [ ]`,
				"../../etc/passwd": "root:x:0:0",
			})
		}, []string{`zip entry "../../etc/passwd": path leaves the archive`}},
		{"malformed file in a zip", func(tb testing.TB) string {
			return zipArchiveDir(tb, archivePath("malformed", "syntax")(tb), "export/")
		}, []string{"export/data/tweets.js: line 13:7: invalid character"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path(t)
			posts, err := ReadArchive(t.Context(), path)
			if err == nil {
				t.Fatalf("no error, %d posts", len(posts))
			}
			if posts != nil {
				t.Errorf("%d posts returned with the error", len(posts))
			}
			for _, want := range tc.want {
				want = strings.ReplaceAll(want, "{path}", path)
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not hold %q", err, want)
				}
			}
		})
	}
}

func TestReadArchiveZipCap(t *testing.T) {
	name := zipArchiveDir(t, archivePath("x2022")(t), "")
	tests := []struct {
		name    string
		limit   int64
		wantErr bool
	}{
		{"over the cap", 4 << 10, true},
		{"under the cap", 1 << 20, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			posts, err := readArchive(t.Context(), name, tc.limit, nil)
			if tc.wantErr {
				if !errors.Is(err, errArchiveTooLarge) || posts != nil {
					t.Fatalf("got %d posts, error %v; want errArchiveTooLarge", len(posts), err)
				}
				if !strings.Contains(err.Error(), name) {
					t.Errorf("error %q does not name the archive", err)
				}
				return
			}
			if err != nil || len(posts) != 10 {
				t.Fatalf("got %d posts, error %v; want 10 posts", len(posts), err)
			}
		})
	}
}

func TestReadArchiveCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	posts, err := ReadArchive(ctx, archivePath("x2022")(t))
	if !errors.Is(err, context.Canceled) || posts != nil {
		t.Fatalf("got %d posts, error %v; want context.Canceled", len(posts), err)
	}
}

func TestArchiveSourceFetch(t *testing.T) {
	src := NewArchiveSource(archivePath("x2022")(t))
	if src.Name() != "archive" {
		t.Errorf("Name() = %q, want archive", src.Name())
	}
	all, err := ReadArchive(t.Context(), archivePath("x2022")(t))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(posts []moisson.Post) []string {
		var ids []string
		for _, p := range posts {
			ids = append(ids, p.ID)
		}
		return ids
	}
	tests := []struct {
		name     string
		cursor   string
		wantIDs  []string
		wantNext string
		wantErr  string
	}{
		{"no cursor: everything", "", ids(all), "1775210000000000001", ""},
		{"newest: nothing new", "1775210000000000001", nil, "1775210000000000001", ""},
		{"a post of the archive: the posts after it", "517340000000000000",
			[]string{"517350000000000000", "1775210000000000000", "1775210000000000001"}, "1775210000000000001", ""},
		{"same second, smaller id: the posts after it", "517299999999999999",
			ids(all[2:]), "1775210000000000001", ""},
		{"unknown id: the greater ids", "517345000000000000",
			[]string{"517350000000000000", "1775210000000000000", "1775210000000000001"}, "1775210000000000001", ""},
		{"not an id", "yesterday", nil, "yesterday", `cursor "yesterday": not a post id`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			posts, next, err := src.Fetch(t.Context(), tc.cursor)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one holding %q", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantIDs, ids(posts)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if next != tc.wantNext {
				t.Errorf("next = %q, want %q", next, tc.wantNext)
			}
		})
	}
}

func TestArchiveSourceFetchRange(t *testing.T) {
	src := NewArchiveSource(archivePath("x2022")(t))
	tests := []struct {
		name     string
		from, to time.Time
		wantIDs  []string
	}{
		{"one day, from inclusive, to exclusive",
			time.Date(2014, 10, 1, 7, 12, 0, 0, time.UTC), time.Date(2014, 10, 2, 9, 0, 0, 0, time.UTC),
			[]string{"517299999999999999", "517300000000000000", "517310000000000000", "517320000000000000"}},
		{"nothing", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			posts, err := src.FetchRange(t.Context(), tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range posts {
				ids = append(ids, p.ID)
			}
			if diff := cmp.Diff(tc.wantIDs, ids); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

// writeBigArchive writes an archive folder of n posts shaped like a 2022
// export, in the order of their ids, and returns its path.
func writeBigArchive(tb testing.TB, n int) string {
	tb.Helper()
	return writeOrderedArchive(tb, n, "ordered")
}

func BenchmarkReadArchive(b *testing.B) {
	const n = 50000
	dir := writeBigArchive(b, n)
	fi, err := os.Stat(filepath.Join(dir, "data", "tweets.js"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		posts, err := ReadArchive(b.Context(), dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(posts) != n {
			b.Fatalf("%d posts, want %d", len(posts), n)
		}
	}
}

// TestArchiveSourceFetchReadsAChangedFileOnly: once the archive was read
// through, a poll with the cursor it gave does not read the file again
// while the file is unchanged (here its bytes are spoiled behind an
// unchanged size and time: a read would fail); a file changed since is
// read again (and the spoiled one is said).
func TestArchiveSourceFetchReadsAChangedFileOnly(t *testing.T) {
	data, err := os.ReadFile(zipArchiveDir(t, archivePath("x2022")(t), ""))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "twitter.zip")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	src := NewArchiveSource(path)
	posts, next, err := src.Fetch(t.Context(), "")
	if err != nil || len(posts) == 0 {
		t.Fatalf("first read: %d posts, %v", len(posts), err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, make([]byte, len(data)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	posts, again, err := src.Fetch(t.Context(), next)
	if err != nil || len(posts) != 0 || again != next {
		t.Fatalf("poll of an unchanged file: %d posts, next %q, %v; want nothing new, %q, no error (no read)", len(posts), again, err, next)
	}
	// Another cursor (a store restored from a backup) reads the file.
	if _, _, err := src.Fetch(t.Context(), "517340000000000000"); err == nil {
		t.Error("a poll with another cursor did not read the file")
	}
	later := fi.ModTime().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	if _, _, err := src.Fetch(t.Context(), next); err == nil {
		t.Error("a changed file was not read again")
	}
	// The export replaced by a good one is read and gives what is new.
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if posts, n, err := src.Fetch(t.Context(), "517340000000000000"); err != nil || len(posts) != 3 || n != next {
		t.Errorf("after the export came back: %d posts, next %q, %v; want 3, %q", len(posts), n, err, next)
	}
}
