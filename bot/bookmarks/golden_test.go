package bookmarks

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden/*.golden.json")

// goldenRead is what reading an export gives: its format, the posts (an
// undated bookmark's time, the file's own, shown as "file time"), the
// entries skipped and the error.
type goldenRead struct {
	Format  Format         `json:"format"`
	Posts   []moisson.Post `json:"posts"`
	Skipped int            `json:"skipped"`
	Error   string         `json:"error,omitempty"`
}

// TestGolden reads every export of testdata/golden, one per format made
// after the service's documented export (notes, tags, non-ASCII text and
// URLs, missing titles and dates, entries without a web link), the same
// with one malformed entry (the error names the file and its line, and
// the entries before it are given), and empty exports (a clear error).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			var got goldenRead
			f, skipped, err := Read(context.Background(), path, func(p moisson.Post) error {
				got.Posts = append(got.Posts, p)
				return nil
			})
			got.Format, got.Skipped = f, skipped
			if err != nil {
				got.Error = filepath.ToSlash(err.Error())
			}
			b, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := path + ".golden.json"
			if *updateGolden {
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			var w goldenRead
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
				t.Errorf("%s (-want +got):\n%s", golden, diff)
			}
		})
	}
	if n < 18 {
		t.Errorf("%d exports in testdata/golden, want 18 at least (each format, good and malformed, and empty ones)", n)
	}
}
