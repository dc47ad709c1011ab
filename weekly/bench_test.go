package weekly

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// BenchmarkWeekPageFromStore measures the review page of a week of 300
// links, read from a real store, built with the author's edits and
// rendered (entries and preview): what a GET /weeks/{id} costs.
func BenchmarkWeekPageFromStore(b *testing.B) {
	ctx := context.Background()
	st, err := archive.Open(filepath.Join(b.TempDir(), "moisson.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	dc := digest.DefaultConfig()
	w, _ := dc.ParseWeek("2014-W40")
	tags := []string{"Go", "SSL", "MySQL", "Linux", "Web", "PHP", "Analytics", "Sécurité", "Cloud", "DevOps", "Rust", "Divers"}
	var posts []moisson.Post
	var pages []moisson.Page
	for i := range 300 {
		u := fmt.Sprintf("https://site%d.example/articles/%d-a-long-enough-slug", i%40, i)
		tag := tags[i%len(tags)]
		posts = append(posts, moisson.Post{ID: fmt.Sprint(1000 + i), Source: "x", CreatedAt: w.Start.Add(time.Duration(i) * 20 * time.Minute),
			Text: "Un lien sur " + tag + " #" + tag + " " + u, URLs: []string{u}, Hashtags: []string{tag}})
		pages = append(pages, moisson.Page{URL: u, CanonicalURL: u, Title: fmt.Sprintf("Article %d about %s, with a title of a usual length", i, tag),
			Lead:       "The opening paragraph of the article, as long as a real one: two or three sentences that say what it is about, who wrote it and why it matters to the reader of the weekly post.",
			Paragraphs: []string{"The opening paragraph.", "A second paragraph.", "A third one."}, Status: 200, Kind: moisson.KindHTML})
	}
	if _, err := st.Save(ctx, posts, "", ""); err != nil {
		b.Fatal(err)
	}
	if err := st.PutPages(ctx, pages); err != nil {
		b.Fatal(err)
	}
	s := &Service{Store: st, Digest: dc, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return w.End.Add(time.Hour) }, Lang: "fr"}
	for i := 0; i < 300; i += 10 {
		c := review.Change{Action: "comment", Entry: pages[i].URL, Value: "Un commentaire *en Markdown*.", By: "bench"}
		if i%20 == 0 {
			c = review.Change{Action: "hide", Entry: pages[i].URL, By: "bench"}
		}
		if err := s.Edit(ctx, w.ID, c); err != nil {
			b.Fatal(err)
		}
	}
	h := review.New(s, review.Options{Lang: "fr"}).Handler()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7080/weeks/"+w.ID, nil)
	req.RemoteAddr = "127.0.0.1:50000"
	// As the server sets it for a request on its loopback listener.
	req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 7080}))
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
}
