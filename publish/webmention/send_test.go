package webmention

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/scrape"
)

// receiver is a fake site: pages naming their endpoint in each of the
// three places, and the endpoint, which answers as configured per target.
type receiver struct {
	srv *httptest.Server
	mu  sync.Mutex
	// answers maps a target's path to the endpoint's status for it.
	answers map[string]int
	// got lists the mentions received, "source -> target".
	got []string
	// gets counts the page requests.
	gets int
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{answers: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /header", func(w http.ResponseWriter, _ *http.Request) {
		r.count()
		w.Header().Set("Link", `</endpoint?via=header>; rel="webmention"`)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Header</title></head></html>`)
	})
	mux.HandleFunc("GET /link", func(w http.ResponseWriter, _ *http.Request) {
		r.count()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><link rel="webmention" href="endpoint?via=link"></head></html>`)
	})
	mux.HandleFunc("GET /a", func(w http.ResponseWriter, _ *http.Request) {
		r.count()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><a rel="webmention" href="/endpoint?via=a">send</a></body></html>`)
	})
	mux.HandleFunc("GET /rejects", func(w http.ResponseWriter, _ *http.Request) {
		r.count()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<link rel="webmention" href="/endpoint">`)
	})
	mux.HandleFunc("GET /none", func(w http.ResponseWriter, _ *http.Request) {
		r.count()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><link rel="pingback" href="/xmlrpc"></head></html>`)
	})
	mux.HandleFunc("GET /gone", func(w http.ResponseWriter, _ *http.Request) {
		r.count()
		http.Error(w, "gone", http.StatusGone)
	})
	mux.HandleFunc("POST /endpoint", func(w http.ResponseWriter, req *http.Request) {
		if ct := req.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			http.Error(w, "want a form, got "+ct, http.StatusUnsupportedMediaType)
			return
		}
		if err := req.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		source, target := req.PostForm.Get("source"), req.PostForm.Get("target")
		if source == "" || target == "" || source == target {
			http.Error(w, "source and target required", http.StatusBadRequest)
			return
		}
		path := strings.TrimPrefix(target, r.srv.URL)
		r.mu.Lock()
		r.got = append(r.got, source+" -> "+path+" via "+req.URL.Query().Get("via"))
		status := r.answers[path]
		r.mu.Unlock()
		switch status {
		case http.StatusCreated:
			w.Header().Set("Location", "/status/1")
			w.WriteHeader(http.StatusCreated)
		case 0:
			w.WriteHeader(http.StatusAccepted)
		default:
			http.Error(w, "target not linked from source", status)
		}
	})
	r.srv = httptest.NewServer(mux)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) count() { r.mu.Lock(); r.gets++; r.mu.Unlock() }

func (r *receiver) received() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.got
	r.got = nil
	return out
}

// TestRound sends a week's mentions to a fake receiver: the endpoint
// found in a Link header, a <link> and an <a>, answers 201, 202 and 400,
// a page with no endpoint and a gone page; the failures are kept across a
// reopening of the store and tried again when due, the rest never again.
func TestRound(t *testing.T) {
	ctx := context.Background()
	r := newReceiver(t)
	r.answers["/header"] = http.StatusCreated
	r.answers["/rejects"] = http.StatusBadRequest
	path := filepath.Join(t.TempDir(), "moisson.db")
	st, err := archive.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2014, 10, 3, 18, 0, 0, 0, time.UTC)
	s := &Sender{Client: r.srv.Client(), Store: st, HostDelay: -1, Now: func() time.Time { return now }, UserAgent: "moisson-test"}
	source := "https://blog.example.org/2014/10/03/links/"
	targets := []string{r.srv.URL + "/header", r.srv.URL + "/link", r.srv.URL + "/a", r.srv.URL + "/rejects",
		r.srv.URL + "/none", r.srv.URL + "/gone", r.srv.URL + "/header", "ftp://example.org/file", source}

	res, err := s.Send(ctx, "2014-W40", source, targets)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Result{Accepted: 3, NoEndpoint: 1, Failed: 2, Skipped: 1}); res != want {
		t.Errorf("first round = %+v, want %+v", res, want)
	}
	got := r.received()
	want := []string{
		source + " -> /header via header",
		source + " -> /link via link",
		source + " -> /a via a",
		source + " -> /rejects via ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("received:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	check := func(st *archive.Store, target, state string, status, attempts int, retry time.Time) {
		t.Helper()
		m, err := st.Mention(ctx, source, r.srv.URL+target)
		if err != nil {
			t.Fatalf("mention %s: %v", target, err)
		}
		if m.State != state || m.Status != status || m.Attempts != attempts || !m.NextRetry.Equal(retry) || m.Week != "2014-W40" {
			t.Errorf("mention %s = %+v; want state %s, status %d, attempts %d, next retry %v", target, m, state, status, attempts, retry)
		}
	}
	check(st, "/header", moisson.MentionAccepted, 201, 1, time.Time{})
	if m, _ := st.Mention(ctx, source, r.srv.URL+"/header"); m.Location != r.srv.URL+"/status/1" || m.Endpoint != r.srv.URL+"/endpoint?via=header" {
		t.Errorf("201 answer recorded as %+v; want its Location and endpoint", m)
	}
	check(st, "/link", moisson.MentionAccepted, 202, 1, time.Time{})
	check(st, "/a", moisson.MentionAccepted, 202, 1, time.Time{})
	check(st, "/none", moisson.MentionNoEndpoint, 0, 1, time.Time{})
	check(st, "/rejects", moisson.MentionFailed, 400, 1, now.Add(time.Hour))
	check(st, "/gone", moisson.MentionFailed, 0, 1, now.Add(time.Hour))
	if m, _ := st.Mention(ctx, source, r.srv.URL+"/rejects"); !strings.Contains(m.Error, "status 400") {
		t.Errorf("400 recorded with error %q; want the status", m.Error)
	}

	// A restart: the states are read back from the file.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = archive.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s.Store = st
	check(st, "/rejects", moisson.MentionFailed, 400, 1, now.Add(time.Hour))

	// Before the retry is due: nothing is fetched, nothing sent.
	gets := r.gets
	now = now.Add(30 * time.Minute)
	if res, err := s.Send(ctx, "2014-W40", source, targets); err != nil || res.Skipped != 7 || res.Failed+res.Accepted+res.Sent+res.NoEndpoint != 0 {
		t.Errorf("round before the retry = %+v, %v; want everything skipped", res, err)
	}
	if r.gets != gets || len(r.received()) != 0 {
		t.Error("a round before the retry was due made requests")
	}

	// Due: the receiver now accepts /rejects; /gone fails again, its
	// pause doubled.
	delete(r.answers, "/rejects")
	now = now.Add(time.Hour)
	res, err = s.Send(ctx, "2014-W40", source, targets)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Result{Accepted: 1, Failed: 1, Skipped: 5}); res != want {
		t.Errorf("retry round = %+v, want %+v", res, want)
	}
	check(st, "/rejects", moisson.MentionAccepted, 202, 2, time.Time{})
	check(st, "/gone", moisson.MentionFailed, 0, 2, now.Add(2*time.Hour))
	if got := r.received(); len(got) != 1 || got[0] != source+" -> /rejects via " {
		t.Errorf("retry round sent %q; want only /rejects", got)
	}

	// Never twice: a later round sends nothing to a pair done.
	now = now.Add(72 * time.Hour)
	if _, err := s.Send(ctx, "2014-W40", source, targets[:4]); err != nil {
		t.Fatal(err)
	}
	if got := r.received(); len(got) != 0 {
		t.Errorf("pairs done were sent again: %q", got)
	}
}

// TestGiveUp stops trying a pair after MaxAttempts.
func TestGiveUp(t *testing.T) {
	ctx := context.Background()
	r := newReceiver(t)
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2014, 10, 3, 18, 0, 0, 0, time.UTC)
	s := &Sender{Client: r.srv.Client(), Store: st, HostDelay: -1, MaxAttempts: 2, Now: func() time.Time { return now }}
	source := "https://blog.example.org/p/"
	for range 3 {
		if _, err := s.Send(ctx, "2014-W40", source, []string{r.srv.URL + "/gone"}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(100 * time.Hour)
	}
	m, err := st.Mention(ctx, source, r.srv.URL+"/gone")
	if err != nil {
		t.Fatal(err)
	}
	if m.Attempts != 2 || !m.NextRetry.IsZero() || !m.Done() || m.State != moisson.MentionFailed {
		t.Errorf("after 3 rounds = %+v; want 2 attempts, given up", m)
	}
}

// TestGuard: with the scraper's client, a page on a loopback address is
// refused, as it is when scraping.
func TestGuard(t *testing.T) {
	ctx := context.Background()
	r := newReceiver(t)
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := &Sender{Client: scrape.New(scrape.Options{}).Client(), Store: st, HostDelay: -1}
	source := "https://blog.example.org/p/"
	res, err := s.Send(ctx, "2014-W40", source, []string{r.srv.URL + "/link"})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := st.Mention(ctx, source, r.srv.URL+"/link")
	if res.Failed != 1 || !strings.Contains(m.Error, "private") || r.gets != 0 {
		t.Errorf("loopback page: %+v, mention %+v, %d requests; want refused by the guard", res, m, r.gets)
	}
}

// TestHostDelay spaces two requests to the same host.
func TestHostDelay(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<link rel="webmention" href="/endpoint">`)
		if req.Method == http.MethodPost {
			w.WriteHeader(http.StatusAccepted)
		}
	}))
	defer srv.Close()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const delay = 50 * time.Millisecond
	s := &Sender{Client: srv.Client(), Store: st, HostDelay: delay}
	if _, err := s.Send(ctx, "2014-W40", "https://blog.example.org/p/", []string{srv.URL + "/1", srv.URL + "/2"}); err != nil {
		t.Fatal(err)
	}
	if len(times) != 4 {
		t.Fatalf("%d requests, want 4 (two discoveries, two sends)", len(times))
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < delay {
			t.Errorf("request %d came %v after the previous one; want at least %v", i, gap, delay)
		}
	}
}
