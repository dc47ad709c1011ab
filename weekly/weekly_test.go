package weekly

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/scrape"
)

// stopAfterResponse answers every request with a page, then cancels the
// command's context, as a SIGINT arriving just as a fetch completes.
type stopAfterResponse struct{ stop context.CancelFunc }

func (s stopAfterResponse) RoundTrip(req *http.Request) (*http.Response, error) {
	body := "<html><head><title>A page</title></head><body><article><p>The opening paragraph of the page, long enough to be a lead.</p></article></body></html>"
	defer s.stop()
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Request: req,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body:   io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
	}, nil
}

// A page fetched just as the command is stopped is stored, not lost: the
// scraper reports it, and the store must take it.
func TestScrapeLinksStoresPagesDoneAfterStop(t *testing.T) {
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := slog.New(slog.DiscardHandler)
	p := &Service{
		Store:       st,
		Scraper:     scrape.New(scrape.Options{Transport: stopAfterResponse{stop: cancel}, HostDelay: -1, Now: time.Now}),
		Digest:      digest.DefaultConfig(),
		Log:         log,
		Now:         time.Now,
		MaxAttempts: 3,
	}
	u := "https://blog.example/post"
	if _, _, err := p.ScrapeLinks(ctx, []moisson.Link{{URL: u}}, false); !errors.Is(err, context.Canceled) {
		t.Errorf("ScrapeLinks after a stop: %v, want context.Canceled", err)
	}
	page, err := st.Page(context.Background(), u)
	if err != nil || !page.OK() {
		t.Fatalf("page fetched before the stop was lost: %+v %v", page, err)
	}
}
