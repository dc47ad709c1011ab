package scrape

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestScrapeUnreachable: a server that refuses connections, or whose TLS
// certificate is not trusted, makes a failed page that is Unreachable and
// not Permanent (it may be back tomorrow; once its week is over it is
// taken from the Wayback Machine), tried once in the run; a 500 or a 404
// is not Unreachable.
func TestScrapeUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/post"
	ln.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<title>never read</title>"))
	}))
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/500" {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		http.NotFound(w, r)
	}))
	defer plain.Close()
	s := testScraper(Options{Timeout: 5 * time.Second, PageTimeout: 5 * time.Second, Retries: 2})
	for _, tc := range []struct {
		url         string
		unreachable bool
	}{
		{refused, true},
		{tlsSrv.URL + "/post", true},
		{plain.URL + "/500", false},
		{plain.URL + "/404", false},
	} {
		p := s.Scrape(context.Background(), tc.url)
		if p.OK() || p.Unreachable != tc.unreachable {
			t.Errorf("%s: OK=%v Unreachable=%v (%s), want Unreachable=%v", tc.url, p.OK(), p.Unreachable, p.Error, tc.unreachable)
		}
		if tc.unreachable && (p.Permanent || p.Attempts != 1) {
			t.Errorf("%s: Permanent=%v after %d attempts, want not permanent, tried once", tc.url, p.Permanent, p.Attempts)
		}
	}
}
