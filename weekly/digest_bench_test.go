package weekly

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/scrape"
)

// BenchmarkColdDigest builds a week of 1,000 links none of which is
// scraped yet (every page fetched from a local server and stored), with
// the store on disk and on tmpfs (/dev/shm): the pages are stored in
// batches, so the disk's fdatasync should cost little.
func BenchmarkColdDigest(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>Article %[1]s | Site</title></head><body><header><a href="/">Site</a></header>
<article><h1>Article %[1]s</h1><p>The opening paragraph of article %[1]s, long enough to be taken for the lead of the page by the extraction.</p>
<p>A second paragraph with more words about the subject of the article.</p></article></body></html>`, r.URL.Path)
	}))
	defer srv.Close()
	dirs := map[string]string{"disk": ""}
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		dirs["tmpfs"] = "/dev/shm"
	}
	for _, where := range []string{"disk", "tmpfs"} {
		base, ok := dirs[where]
		if !ok {
			continue
		}
		b.Run(where, func(b *testing.B) {
			ctx := context.Background()
			dc := digest.DefaultConfig()
			w, _ := dc.ParseWeek("2014-W40")
			var posts []moisson.Post
			for i := range 1000 {
				u := fmt.Sprintf("%s/a/%d", srv.URL, i)
				posts = append(posts, moisson.Post{ID: fmt.Sprint(i + 1), Source: "x", CreatedAt: w.Start.Add(time.Duration(i) * 5 * time.Minute), Text: "#Go", URLs: []string{u}, Hashtags: []string{"Go"}})
			}
			for b.Loop() {
				b.StopTimer()
				dir := b.TempDir()
				if base != "" {
					d, err := os.MkdirTemp(base, "moisson-bench-")
					if err != nil {
						b.Fatal(err)
					}
					defer os.RemoveAll(d)
					dir = d
				}
				st, err := archive.Open(filepath.Join(dir, "moisson.db"))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := st.Save(ctx, posts, "", ""); err != nil {
					b.Fatal(err)
				}
				s := &Service{Store: st, Digest: dc, MaxAttempts: 3, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
					Scraper: scrape.New(scrape.Options{AllowPrivate: true, HostDelay: -1, Concurrency: 8})}
				b.StartTimer()
				d, err := s.Build(ctx, w, BuildOptions{Scrape: true})
				b.StopTimer()
				if err != nil || d.Links != 1000 {
					b.Fatalf("%d links, %v", d.Links, err)
				}
				st.Close()
				b.StartTimer()
			}
		})
	}
}
