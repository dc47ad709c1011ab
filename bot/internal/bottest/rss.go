package bottest

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/internal/postimport"
)

// PeakRSS runs fn and returns the process's peak resident set size while
// it ran (Linux's VmHWM, reset before fn), or 0 where /proc cannot tell.
func PeakRSS(fn func()) uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	reset := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	fn()
	if reset != nil {
		return 0
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// BenchImport imports the export at path with imp into a fresh store on
// disk at each iteration, fails unless want posts are added, and reports
// the process's peak RSS during the import (the test binary included) as
// peak-RSS-MiB, and the store file's size as store-MiB.
func BenchImport(b *testing.B, path string, want int, imp func(b *testing.B, path string, st *archive.Store) (postimport.Result, error)) {
	b.Helper()
	b.ReportAllocs()
	var rss uint64
	var size int64
	for b.Loop() {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "moisson.db")
		st, err := archive.Open(db)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var res postimport.Result
		rss = max(rss, PeakRSS(func() {
			res, err = imp(b, path, st)
		}))
		if err != nil || res.Added != want {
			b.Fatalf("%+v, %v; want %d posts added", res, err, want)
		}
		b.StopTimer()
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
}
