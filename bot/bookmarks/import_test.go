package bookmarks

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

// writeExport writes an export of n bookmarks in format (Pinboard or
// Netscape), in a shuffled order of their dates, and returns its path.
func writeExport(tb testing.TB, format Format, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "export")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	base := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	order := rand.New(rand.NewPCG(1, uint64(n))).Perm(n)
	switch format {
	case Pinboard:
		fmt.Fprint(w, "[")
		for i, k := range order {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			at := base.Add(time.Duration(k) * 17 * time.Minute)
			fmt.Fprintf(w, "\n{\"href\":\"https://blog%d.example.org/articles/%d-un-titre-assez-long\",\"description\":\"Article numéro %d, à lire\",\"extended\":\"Une note de l'auteur sur l'article %d, assez longue pour ressembler à une vraie.\",\"meta\":\"%x\",\"hash\":\"%x\",\"time\":\"%s\",\"shared\":\"yes\",\"toread\":\"no\",\"tags\":\"go web tag%d\"}",
				k%97, k, k, k, k*31, k*17, at.Format(time.RFC3339), k%13)
		}
		fmt.Fprint(w, "\n]\n")
	case Netscape:
		fmt.Fprint(w, "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n")
		for _, k := range order {
			at := base.Add(time.Duration(k) * 17 * time.Minute)
			fmt.Fprintf(w, "<DT><A HREF=\"https://blog%d.example.org/articles/%d-un-titre-assez-long\" ADD_DATE=\"%d\" PRIVATE=\"0\" TAGS=\"go,web,tag%d\">Article numéro %d, à lire</A>\n<DD>Une note de l'auteur sur l'article %d, assez longue pour ressembler à une vraie.\n",
				k%97, k, at.Unix(), k%13, k, k)
		}
		fmt.Fprint(w, "</DL><p>\n")
	default:
		tb.Fatalf("no writer for %s", format)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// TestImport imports shuffled exports larger than a chunk into a store
// and finds every bookmark once, oldest first.
func TestImport(t *testing.T) {
	n := postimport.Chunk + 500
	for _, format := range []Format{Pinboard, Netscape} {
		t.Run(string(format), func(t *testing.T) {
			path := writeExport(t, format, n)
			st := bottest.OpenStore(t)
			got, res, err := Import(context.Background(), path, st)
			if err != nil || got != format {
				t.Fatalf("format %q, %v", got, err)
			}
			posts := bottest.Imported(t, st, res, n, time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC), 17*time.Minute)
			for i, p := range posts {
				want := "https://blog" + strconv.Itoa(i%97) + ".example.org/articles/" + strconv.Itoa(i) + "-un-titre-assez-long"
				if p.URLs[0] != want || !strings.Contains(p.Note, "l'article "+strconv.Itoa(i)+",") {
					t.Fatalf("post %d: %s %q", i, p.URLs[0], p.Note)
				}
			}
			// Again: nothing new.
			if _, res, err := Import(context.Background(), path, st); err != nil || res.Added != 0 {
				t.Errorf("again: %+v, %v", res, err)
			}
		})
	}
}

// TestImportMalformedWritesNothing refuses an export with a bad line past
// the first chunk, naming the file and line, and stores nothing.
func TestImportMalformedWritesNothing(t *testing.T) {
	path := writeExport(t, Pinboard, postimport.Chunk+10)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[postimport.Chunk+5] = strings.Replace(lines[postimport.Chunk+5], `"time":"`, `"time":"hier `, 1)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	st := bottest.OpenStore(t)
	_, _, err = Import(context.Background(), path, st)
	if want := fmt.Sprintf("%s:%d: time", path, postimport.Chunk+6); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to name %s", err, want)
	}
	posts, err := st.Posts(context.Background(), time.Time{}, time.Now())
	if err != nil || len(posts) != 0 {
		t.Errorf("%d posts stored, %v", len(posts), err)
	}
}

// BenchmarkImport imports a Pinboard JSON export and a Netscape bookmark
// HTML export of 10k and 200k bookmarks in a shuffled order into a fresh
// store, reporting the peak RSS (the test binary included):
//
//	go test ./bot/bookmarks -run '^$' -bench Import -benchtime 1x
func BenchmarkImport(b *testing.B) {
	for _, format := range []Format{Pinboard, Netscape} {
		for _, n := range []int{10000, 200000} {
			b.Run(strings.Fields(string(format))[0]+"-shuffled-"+strconv.Itoa(n/1000)+"k", func(b *testing.B) {
				path := writeExport(b, format, n)
				bottest.BenchImport(b, path, n, func(b *testing.B, path string, st *archive.Store) (postimport.Result, error) {
					_, res, err := Import(b.Context(), path, st)
					return res, err
				})
			})
		}
	}
}

// TestHugeEntryRefused: an entry over postimport.MaxEntry is refused with
// its file and line before it is held, in every format; one of 1 MiB is
// read.
func TestHugeEntryRefused(t *testing.T) {
	huge, big := strings.Repeat("a", postimport.MaxEntry+1024), strings.Repeat("b", 1<<20)
	for _, tc := range []struct {
		name, body, want string
	}{
		{"pinboard", `[{"href":"https://a.example/","description":"ok","extended":"` + big + `","time":"2014-10-01T08:00:00Z","hash":"x"},` + "\n" +
			`{"href":"https://b.example/","description":"huge","extended":"` + huge + `","time":"2014-10-01T09:00:00Z","hash":"y"}]`, ":2: an entry over 4 MiB"},
		{"raindrop", "id,title,note,excerpt,url,folder,tags,created\n1,ok," + big + ",,https://a.example/,f,,2014-10-01T08:00:00Z\n2,huge," + huge + ",,https://b.example/,f,,2014-10-01T09:00:00Z\n", ":3: an entry over 4 MiB"},
		{"netscape one token", "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF=\"https://a.example/\" ADD_DATE=\"1412150400\">ok</A>\n<DD>" + big + "\n<DT><A HREF=\"https://b.example/\" ADD_DATE=\"1412150400\">huge</A>\n<DD>" + huge + "\n</DL>\n", ":5: an entry over 4 MiB"},
		{"netscape many tokens", "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF=\"https://b.example/\" ADD_DATE=\"1412150400\">huge</A>\n<DD>" + strings.Repeat(big+"<br>", 5) + "\n</DL>\n", ":3: an entry over 4 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "export")
			if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, err := Import(context.Background(), path, bottest.OpenStore(t))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Fatalf("err = %.300v, want %q with the file", err, tc.want)
			}
		})
	}
	// The same without the huge entry reads.
	path := filepath.Join(t.TempDir(), "export.json")
	body := `[{"href":"https://a.example/","description":"ok","extended":"` + big + `","time":"2014-10-01T08:00:00Z","hash":"x"}]`
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, res, err := Import(context.Background(), path, bottest.OpenStore(t)); err != nil || res.Added != 1 {
		t.Errorf("an entry of 1 MiB: %+v, %.300v", res, err)
	}
}
