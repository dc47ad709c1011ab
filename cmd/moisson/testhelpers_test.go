package main

// Helpers of the acceptance tests of the live bot (process_test.go) and
// of the backfill benchmark (backfill_bench_test.go): the moisson binary,
// a moisson process whose JSON logs can be waited on, a fake web that
// answers for hundreds of loopback hosts, the Wayback Machine, an RSS feed
// and the X API v2, and a generated X archive export.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
)

// The binary the process tests run, built once. No other test file of
// this package may define TestMain.
var moissonBin struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if moissonBin.dir != "" {
		_ = os.RemoveAll(moissonBin.dir)
	}
	os.Exit(code)
}

// moissonBinary builds the moisson command (the package under test) once
// and returns the binary's path.
func moissonBinary(tb testing.TB) string {
	tb.Helper()
	moissonBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "moisson-test-bin-")
		if err != nil {
			moissonBin.err = err
			return
		}
		moissonBin.dir = dir
		bin := filepath.Join(dir, "moisson")
		// The test runs in the package's directory: "." is cmd/moisson.
		out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
		if err != nil {
			moissonBin.err = fmt.Errorf("go build: %w\n%s", err, out)
			return
		}
		moissonBin.path = bin
	})
	if moissonBin.err != nil {
		tb.Fatalf("build moisson: %v", moissonBin.err)
	}
	return moissonBin.path
}

// baseEnviron is the environment of a moisson under test: nothing from the
// tester's own environment but PATH (no X token, no MOISSON_* setting
// leaks in), loopback allowed, JSON logs.
func baseEnviron(home string, kv ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"MOISSON_ALLOW_PRIVATE_NETWORKS=1",
		"MOISSON_LOG_FORMAT=json",
		"MOISSON_LOG_LEVEL=info",
		"MOISSON_LISTEN=127.0.0.1:0",
		// The tests read entries as the reference writes them.
		"MOISSON_POST_STYLE=definition",
	}
	return append(env, kv...)
}

// logEvent is one line of a moisson's JSON log.
type logEvent map[string]any

func (e logEvent) str(key string) string {
	s, _ := e[key].(string)
	return s
}

// liveProc is a moisson process started by a test.
type liveProc struct {
	tb   testing.TB
	name string
	cmd  *exec.Cmd

	mu      sync.Mutex
	partial []byte
	events  []logEvent
	other   []string // stderr lines that are not JSON
	stdout  bytes.Buffer
	changed chan struct{} // closed and replaced on every new line

	done    chan struct{}
	waitErr error
}

// startMoisson starts the binary with args in dir, with exactly environ.
// The process is killed at the end of the test if it still runs.
func startMoisson(tb testing.TB, name, dir string, environ []string, args ...string) *liveProc {
	tb.Helper()
	p := &liveProc{tb: tb, name: name, changed: make(chan struct{}), done: make(chan struct{})}
	p.cmd = exec.Command(moissonBinary(tb), args...)
	p.cmd.Dir = dir // no ./.env of the repository is read
	p.cmd.Env = environ
	p.cmd.Stderr = (*procStderr)(p)
	p.cmd.Stdout = (*procStdout)(p)
	if err := p.cmd.Start(); err != nil {
		tb.Fatalf("%s: start: %v", name, err)
	}
	go func() {
		err := p.cmd.Wait()
		p.mu.Lock()
		p.waitErr = err
		p.mu.Unlock()
		close(p.done)
	}()
	tb.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

type procStderr liveProc

func (w *procStderr) Write(b []byte) (int, error) {
	p := (*liveProc)(w)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.partial = append(p.partial, b...)
	for {
		i := bytes.IndexByte(p.partial, '\n')
		if i < 0 {
			break
		}
		line := p.partial[:i]
		var ev logEvent
		if json.Unmarshal(line, &ev) == nil && ev != nil {
			p.events = append(p.events, ev)
		} else if len(bytes.TrimSpace(line)) > 0 {
			p.other = append(p.other, string(line))
		}
		p.partial = p.partial[i+1:]
		close(p.changed)
		p.changed = make(chan struct{})
	}
	return len(b), nil
}

type procStdout liveProc

func (w *procStdout) Write(b []byte) (int, error) {
	p := (*liveProc)(w)
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stdout.Write(b)
}

// Stdout is what the process printed so far.
func (p *liveProc) Stdout() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stdout.String()
}

// Stderr is what the process logged so far: the non-JSON lines, then the
// events, for failure messages.
func (p *liveProc) Stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, l := range p.other {
		b.WriteString(l + "\n")
	}
	for _, ev := range p.events {
		j, _ := json.Marshal(ev)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// Events returns the log events whose msg is msg ("" for all).
func (p *liveProc) Events(msg string) []logEvent {
	p.mu.Lock()
	defer p.mu.Unlock()
	var evs []logEvent
	for _, ev := range p.events {
		if msg == "" || ev.str("msg") == msg {
			evs = append(evs, ev)
		}
	}
	return evs
}

// WaitFor waits until cond holds on the events logged so far, failing the
// test when the process exits first or when the deadline passes (a
// generous bound against hanging, not a timing assertion).
func (p *liveProc) WaitFor(what string, deadline time.Duration, cond func(evs []logEvent) bool) {
	p.tb.Helper()
	timer := time.NewTimer(deadline)
	defer timer.Stop()
	// cond may look at more than the log (the fake web's counts): look
	// again now and then.
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		p.mu.Lock()
		ok := cond(p.events)
		changed := p.changed
		p.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-tick.C:
		case <-p.done:
			p.mu.Lock()
			ok := cond(p.events)
			p.mu.Unlock()
			if ok {
				return
			}
			p.tb.Fatalf("%s exited (%v) before %s; its log:\n%s", p.name, p.waitErr, what, p.Stderr())
		case <-timer.C:
			p.tb.Fatalf("%s: no %s after %s; its log:\n%s", p.name, what, deadline, p.Stderr())
		}
	}
}

// Signal sends sig to the process.
func (p *liveProc) Signal(sig os.Signal) {
	p.tb.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.tb.Fatalf("%s: signal %v: %v", p.name, sig, err)
	}
}

// Kill9 kills the process with SIGKILL and waits for it to be gone.
func (p *liveProc) Kill9() {
	p.tb.Helper()
	p.Signal(syscall.SIGKILL)
	<-p.done
}

// Wait waits for the process to exit and returns its exit code; it kills
// it and fails the test after deadline.
func (p *liveProc) Wait(deadline time.Duration) int {
	p.tb.Helper()
	select {
	case <-p.done:
	case <-time.After(deadline):
		_ = p.cmd.Process.Kill()
		<-p.done
		p.tb.Fatalf("%s still running after %s; killed. Its log:\n%s", p.name, deadline, p.Stderr())
	}
	p.mu.Lock()
	err := p.waitErr
	p.mu.Unlock()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	default:
		p.tb.Fatalf("%s: wait: %v", p.name, err)
		return -1
	}
}

// Exited reports whether the process has exited.
func (p *liveProc) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// ---------------------------------------------------------------------------
// The fake web.

// fakePage is a page of the fake web.
type fakePage struct {
	// Status is the live page's status: 200, or 404 and 410 for a page
	// that is gone (and served by the fake Wayback Machine).
	Status int
	Title  string
	Lead   string
	// Gate, when not nil, holds every request of the page until it is
	// closed.
	Gate chan struct{}
	// Body and ContentType, when Body is set, are served as they are
	// instead of an HTML page.
	Body        []byte
	ContentType string
}

// fakeWeb is one HTTP server listening on every address, so that each
// 127.x.y.z:PORT is a host of its own for the scraper's politeness (Linux
// routes all of 127/8 to the loopback interface). It serves pages by host
// and path, the Wayback Machine's availability API and snapshots, an RSS
// feed and the X API v2. It answers loopback clients only.
type fakeWeb struct {
	srv  *httptest.Server
	Port string

	mu       sync.Mutex
	pages    map[string]*fakePage // by URL
	hits     map[string]int       // live page requests by URL
	hitOrder []string
	asks     map[string]int // Wayback availability requests by original URL
	snaps    map[string]int // Wayback snapshot requests by original URL
	arrived  map[string]chan struct{}
	// onHit, when set, is called (without the lock) with the number of
	// live page requests so far, on every one.
	onHit func(n int)
	// onRequest, when set, is called (without the lock) on every page
	// and Wayback request as it arrives, with its kind ("page" or
	// "wayback"), its URL (the original one for the Wayback Machine) and
	// its arrival time.
	onRequest func(kind, url string, at time.Time)
	// Latency, when set, is how long every page and Wayback request waits
	// before it is answered: a remote server's service time. Zero answers
	// at once.
	Latency time.Duration
	// Per host: when the last request ended, to check the politeness.
	hostLast   map[string]time.Time
	hostGapMin time.Duration
	hostBusy   map[string]bool
	overlap    int                  // requests to a host that already had one in flight
	first      map[string]time.Time // first request of a kind: page, wayback
	last       map[string]time.Time

	feed []byte
	x    *fakeX
}

// newFakeWeb starts the fake web. Its server listens on 0.0.0.0, but
// answers only the loopback.
func newFakeWeb(tb testing.TB) *fakeWeb {
	tb.Helper()
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		tb.Fatalf("listen: %v", err)
	}
	w := &fakeWeb{
		pages:    make(map[string]*fakePage),
		hits:     make(map[string]int),
		asks:     make(map[string]int),
		snaps:    make(map[string]int),
		arrived:  make(map[string]chan struct{}),
		hostLast: make(map[string]time.Time),
		hostBusy: make(map[string]bool),
		first:    make(map[string]time.Time),
		last:     make(map[string]time.Time),
	}
	w.hostGapMin = time.Duration(1<<63 - 1)
	w.srv = httptest.NewUnstartedServer(http.HandlerFunc(w.serve))
	w.srv.Listener = ln
	w.srv.Start()
	_, w.Port, _ = net.SplitHostPort(ln.Addr().String())
	tb.Cleanup(w.Close)
	return w
}

// Close stops the server, releasing every gate first.
func (w *fakeWeb) Close() {
	w.mu.Lock()
	for _, p := range w.pages {
		if p.Gate != nil {
			select {
			case <-p.Gate:
			default:
				close(p.Gate)
			}
		}
	}
	w.mu.Unlock()
	w.srv.CloseClientConnections()
	w.srv.Close()
}

// HostURL is the base URL of loopback host 127.0.a.b.
func (w *fakeWeb) HostURL(a, b int) string {
	return fmt.Sprintf("http://127.0.%d.%d:%s", a, b, w.Port)
}

// Base is the URL of the web's own host, 127.0.0.1, which serves the
// feed, the X API and the Wayback Machine.
func (w *fakeWeb) Base() string { return "http://127.0.0.1:" + w.Port }

// AddPage adds a page.
func (w *fakeWeb) AddPage(rawURL string, p *fakePage) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pages[rawURL] = p
}

// Arrived returns a channel closed when the first request of rawURL
// arrives.
func (w *fakeWeb) Arrived(rawURL string) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	ch, ok := w.arrived[rawURL]
	if !ok {
		ch = make(chan struct{})
		w.arrived[rawURL] = ch
		if w.hits[rawURL] > 0 {
			close(ch)
		}
	}
	return ch
}

// Hits returns a copy of the live page requests by URL.
func (w *fakeWeb) Hits() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	m := make(map[string]int, len(w.hits))
	for k, v := range w.hits {
		m[k] = v
	}
	return m
}

// Asks returns a copy of the Wayback availability requests by URL.
func (w *fakeWeb) Asks() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	m := make(map[string]int, len(w.asks))
	for k, v := range w.asks {
		m[k] = v
	}
	return m
}

// ResetHits forgets the requests counted so far.
func (w *fakeWeb) ResetHits() {
	w.mu.Lock()
	defer w.mu.Unlock()
	clear(w.hits)
	clear(w.asks)
	clear(w.snaps)
	clear(w.hostLast)
	clear(w.first)
	clear(w.last)
	w.hitOrder = nil
	w.overlap = 0
	w.hostGapMin = time.Duration(1<<63 - 1)
}

// mark notes the time of a request of kind.
func (w *fakeWeb) mark(kind string, t time.Time) {
	if _, ok := w.first[kind]; !ok {
		w.first[kind] = t
	}
	w.last[kind] = t
}

func (w *fakeWeb) serve(rw http.ResponseWriter, r *http.Request) {
	if ip, _, err := net.SplitHostPort(r.RemoteAddr); err != nil || !net.ParseIP(ip).IsLoopback() {
		http.Error(rw, "loopback only", http.StatusForbidden)
		return
	}
	host, _, _ := net.SplitHostPort(r.Host)
	path := r.URL.Path
	switch {
	case host == "127.0.0.1" && path == "/feed.xml":
		w.mu.Lock()
		feed := w.feed
		w.mu.Unlock()
		rw.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		_, _ = rw.Write(feed)
	case host == "127.0.0.1" && strings.HasPrefix(path, "/2/"):
		w.mu.Lock()
		x := w.x
		w.mu.Unlock()
		if x == nil {
			http.NotFound(rw, r)
			return
		}
		x.serve(rw, r)
	case host == "127.0.0.1" && path == "/wayback/available":
		w.available(rw, r)
	case host == "127.0.0.1" && path == "/cdx/search/cdx":
		w.cdx(rw, r)
	case host == "127.0.0.1" && strings.HasPrefix(path, "/web/"):
		w.snapshot(rw, r)
	default:
		w.page(rw, r)
	}
}

// page serves a live page and counts it.
func (w *fakeWeb) page(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	u := "http://" + r.Host + r.URL.RequestURI()
	w.mu.Lock()
	p := w.pages[u]
	w.hits[u]++
	w.hitOrder = append(w.hitOrder, u)
	n := len(w.hitOrder)
	w.mark("page", start)
	if w.hostBusy[r.Host] {
		w.overlap++
	}
	w.hostBusy[r.Host] = true
	if last, ok := w.hostLast[r.Host]; ok {
		w.hostGapMin = min(w.hostGapMin, start.Sub(last))
	}
	if ch, ok := w.arrived[u]; ok {
		select {
		case <-ch:
		default:
			close(ch)
		}
	}
	onHit, onRequest, latency := w.onHit, w.onRequest, w.Latency
	w.mu.Unlock()
	if onRequest != nil {
		onRequest("page", u, start)
	}
	defer func() {
		end := time.Now()
		w.mu.Lock()
		w.hostBusy[r.Host] = false
		w.hostLast[r.Host] = end
		w.mu.Unlock()
	}()
	if onHit != nil {
		onHit(n)
	}
	if p == nil {
		http.NotFound(rw, r)
		return
	}
	if p.Gate != nil {
		select {
		case <-p.Gate:
		case <-r.Context().Done():
			return
		}
	}
	if !fakeDelay(r, latency) {
		return
	}
	if p.Status != http.StatusOK {
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		rw.WriteHeader(p.Status)
		fmt.Fprintf(rw, "<!doctype html><title>%d</title><h1>Page introuvable</h1>", p.Status)
		return
	}
	if p.Body != nil {
		rw.Header().Set("Content-Type", p.ContentType)
		rw.Write(p.Body)
		return
	}
	writeFakeHTML(rw, p.Title, p.Lead)
}

func writeFakeHTML(rw http.ResponseWriter, title, lead string) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(rw, `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>%[1]s</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><nav><a href="/">Accueil</a> · <a href="/archives">Archives</a> · <a href="/about">À propos</a></nav></header>
<main><article><h1>%[1]s</h1><p class="meta">Publié le 3 octobre 2014</p>
<p>%[2]s</p>
<p>La suite de l'article développe le sujet sur plusieurs paragraphes, avec des exemples, du code et des liens vers d'autres lectures utiles pour aller plus loin.</p>
<p>Une conclusion résume ce qu'il faut retenir et invite à commenter.</p>
</article></main><footer><p>© Un site du Web, tous droits réservés.</p></footer></body></html>`, title, lead)
}

// available is the Wayback Machine's availability API: a capture for
// every page that is gone, at the timestamp asked.
func (w *fakeWeb) available(rw http.ResponseWriter, r *http.Request) {
	orig := r.URL.Query().Get("url")
	ts := r.URL.Query().Get("timestamp")
	if !w.wayback(r, orig, func() { w.asks[orig]++ }) {
		return
	}
	w.mu.Lock()
	p := w.pages[orig]
	w.mu.Unlock()
	rw.Header().Set("Content-Type", "application/json")
	if p == nil || p.Status == http.StatusOK || len(ts) != 14 {
		fmt.Fprintf(rw, `{"url":%q,"archived_snapshots":{}}`, orig)
		return
	}
	snap := fmt.Sprintf("%s/web/%s/%s", w.Base(), ts, orig)
	fmt.Fprintf(rw, `{"url":%q,"archived_snapshots":{"closest":{"status":"200","available":true,"url":%q,"timestamp":%q}},"timestamp":%q}`, orig, snap, ts, ts)
}

// cdx is the Wayback Machine's CDX API (output=json): one capture
// answered 200 of every page that is gone, at the time asked; counted
// with the availability requests.
func (w *fakeWeb) cdx(rw http.ResponseWriter, r *http.Request) {
	orig := r.URL.Query().Get("url")
	ts := r.URL.Query().Get("closest")
	if !w.wayback(r, orig, func() { w.asks[orig]++ }) {
		return
	}
	w.mu.Lock()
	p := w.pages[orig]
	w.mu.Unlock()
	rw.Header().Set("Content-Type", "application/json")
	if p == nil || p.Status == http.StatusOK || len(ts) != 14 {
		fmt.Fprint(rw, "[]")
		return
	}
	fmt.Fprintf(rw, `[["timestamp","original","statuscode","mimetype","digest"],[%q,%q,"200","text/html","FAKEDIGEST"]]`, ts, orig)
}

// wayback counts a Wayback request of orig (count runs under the lock),
// tells onRequest and waits for the Latency. It reports false when the
// client went away meanwhile.
func (w *fakeWeb) wayback(r *http.Request, orig string, count func()) bool {
	at := time.Now()
	w.mu.Lock()
	count()
	w.mark("wayback", at)
	onRequest, latency := w.onRequest, w.Latency
	w.mu.Unlock()
	if onRequest != nil {
		onRequest("wayback", orig, at)
	}
	return fakeDelay(r, latency)
}

// fakeDelay waits d, or until r's client goes away (false).
func fakeDelay(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// snapshot serves /web/TIMESTAMPid_/ORIGINAL: the page as it was.
func (w *fakeWeb) snapshot(rw http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.RequestURI(), "/web/")
	ts, orig, ok := strings.Cut(rest, "/")
	if !w.wayback(r, orig, func() {
		if ok {
			w.snaps[orig]++
		}
	}) {
		return
	}
	w.mu.Lock()
	p := w.pages[orig]
	w.mu.Unlock()
	if !ok || !strings.HasSuffix(ts, "id_") || p == nil {
		http.NotFound(rw, r)
		return
	}
	writeFakeHTML(rw, p.Title, p.Lead)
}

// ---------------------------------------------------------------------------
// The X API v2.

// fakeTweet is a post of the fake X API.
type fakeTweet struct {
	ID   string
	At   time.Time
	Text string
	URLs []string
	Tags []string
}

// fakeX answers GET /2/users/by/username/:username and
// GET /2/users/:id/tweets in the shapes of the X API v2, newest first, two
// posts a page, honouring since_id.
type fakeX struct {
	Username, UserID, Bearer string
	Tweets                   []fakeTweet // oldest first

	mu       sync.Mutex
	sinceIDs []string // since_id of every first timeline page asked
	unauth   int
}

func (x *fakeX) serve(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.Header.Get("Authorization") != "Bearer "+x.Bearer {
		x.mu.Lock()
		x.unauth++
		x.mu.Unlock()
		rw.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(rw, `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`)
		return
	}
	rw.Header().Set("x-rate-limit-limit", "900")
	rw.Header().Set("x-rate-limit-remaining", "899")
	rw.Header().Set("x-rate-limit-reset", strconv.FormatInt(time.Now().Add(15*time.Minute).Unix(), 10))
	switch {
	case r.URL.Path == "/2/users/by/username/"+x.Username:
		fmt.Fprintf(rw, `{"data":{"id":%q,"name":"Le Moissonneur","username":%q}}`, x.UserID, x.Username)
	case r.URL.Path == "/2/users/"+x.UserID+"/tweets":
		x.timeline(rw, r.URL.Query())
	default:
		rw.WriteHeader(http.StatusNotFound)
		fmt.Fprint(rw, `{"title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found","status":404,"detail":"not found"}`)
	}
}

func (x *fakeX) timeline(rw http.ResponseWriter, q url.Values) {
	since := q.Get("since_id")
	x.mu.Lock()
	if q.Get("pagination_token") == "" {
		x.sinceIDs = append(x.sinceIDs, since)
	}
	x.mu.Unlock()
	var newest []fakeTweet
	for i := len(x.Tweets) - 1; i >= 0; i-- {
		t := x.Tweets[i]
		if since == "" || compareNumbers(t.ID, since) > 0 {
			newest = append(newest, t)
		}
	}
	offset := 0
	if tok := q.Get("pagination_token"); tok != "" {
		offset, _ = strconv.Atoi(strings.TrimPrefix(tok, "page"))
	}
	const per = 2
	if offset >= len(newest) {
		fmt.Fprint(rw, `{"meta":{"result_count":0}}`)
		return
	}
	page := newest[offset:min(offset+per, len(newest))]
	type urlEnt struct {
		Start       int    `json:"start"`
		End         int    `json:"end"`
		URL         string `json:"url"`
		ExpandedURL string `json:"expanded_url"`
		DisplayURL  string `json:"display_url"`
	}
	type tagEnt struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Tag   string `json:"tag"`
	}
	type tweet struct {
		ID             string   `json:"id"`
		Text           string   `json:"text"`
		CreatedAt      string   `json:"created_at"`
		AuthorID       string   `json:"author_id"`
		ConversationID string   `json:"conversation_id"`
		EditHistory    []string `json:"edit_history_tweet_ids"`
		Entities       struct {
			URLs     []urlEnt `json:"urls,omitempty"`
			Hashtags []tagEnt `json:"hashtags,omitempty"`
		} `json:"entities"`
	}
	var resp struct {
		Data []tweet `json:"data"`
		Meta struct {
			ResultCount int    `json:"result_count"`
			NewestID    string `json:"newest_id"`
			OldestID    string `json:"oldest_id"`
			NextToken   string `json:"next_token,omitempty"`
		} `json:"meta"`
	}
	for _, t := range page {
		tw := tweet{ID: t.ID, CreatedAt: t.At.UTC().Format("2006-01-02T15:04:05.000Z"), AuthorID: x.UserID, ConversationID: t.ID, EditHistory: []string{t.ID}}
		text := t.Text
		for i, u := range t.URLs {
			tco := fmt.Sprintf("https://t.co/%s%02d", t.ID[len(t.ID)-6:], i)
			start := len([]rune(text)) + 1
			text += " " + tco
			tw.Entities.URLs = append(tw.Entities.URLs, urlEnt{Start: start, End: start + len(tco), URL: tco, ExpandedURL: u, DisplayURL: strings.TrimPrefix(u, "http://")})
		}
		for _, tag := range t.Tags {
			start := len([]rune(text)) + 1
			text += " #" + tag
			tw.Entities.Hashtags = append(tw.Entities.Hashtags, tagEnt{Start: start, End: start + 1 + len([]rune(tag)), Tag: tag})
		}
		tw.Text = text
		resp.Data = append(resp.Data, tw)
	}
	resp.Meta.ResultCount = len(page)
	resp.Meta.NewestID = page[0].ID
	resp.Meta.OldestID = page[len(page)-1].ID
	if offset+per < len(newest) {
		resp.Meta.NextToken = "page" + strconv.Itoa(offset+per)
	}
	_ = json.NewEncoder(rw).Encode(resp)
}

// SinceIDs returns the since_id of every timeline read so far.
func (x *fakeX) SinceIDs() []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return slices.Clone(x.sinceIDs)
}

func compareNumbers(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// ---------------------------------------------------------------------------
// A generated history: an X archive export of years of posts.

// histLink is one link of a generated history.
type histLink struct {
	URL    string
	Host   string
	Posted time.Time
	// Status is the live page's status: 200, 404 or 410.
	Status int
	Title  string
	Week   moisson.Week
}

// history is a generated X archive: posts with links on loopback hosts.
type history struct {
	Links []histLink
	// From and To are the first and last days of the posts, in Paris.
	From, To string
	// Weeks are the weeks that have links, by ID, with their links'
	// indexes.
	Weeks map[string][]int
	dc    digest.Config
	posts []histPost
}

type histPost struct {
	id    string
	at    time.Time
	links []int
	tag   string
}

// genHistory makes a history of about nLinks links on nHosts hosts
// (127.0.a.b of web) over the given number of weeks from 2014-09-29: a
// few weeks have no post, a tenth of the pages are gone (404 or 410),
// hosts are shared unevenly (a few busy sites, a long tail), and some
// posts fall on the cutoff, Friday 18:00 in Paris, or just before it. It
// adds the pages to web. The same arguments give the same history.
func genHistory(web *fakeWeb, nLinks, nHosts, weeks int, seed uint64) *history {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	dc := digest.DefaultConfig()
	h := &history{Weeks: make(map[string][]int), dc: dc}
	start := time.Date(2014, 9, 29, 0, 0, 0, 0, dc.Location)
	var active []int
	for w := 0; w < weeks; w++ {
		if w%11 != 5 { // one week in eleven without a post
			active = append(active, w)
		}
	}
	perWeek := max(1, nLinks/len(active))
	tags := []string{"Go", "SSL", "MySQL", "Linux", "Web", "Sécurité", ""}
	id := uint64(517300000000000000)
	n := 0
	for wi, w := range active {
		budget := perWeek
		if wi == len(active)-1 {
			budget = nLinks - n
		}
		weekStart := start.AddDate(0, 0, 7*w)
		var times []time.Time
		var sizes []int
		for left := budget; left > 0; {
			k := min(left, 1+rng.IntN(3))
			left -= k
			sizes = append(sizes, k)
			times = append(times, weekStart.Add(time.Duration(rng.Int64N(int64(7*24*time.Hour)))).Truncate(time.Second))
		}
		// Posts on the cutoff and one second before it: they belong to
		// two different weeks.
		if len(times) >= 2 && w%3 == 0 {
			friday := time.Date(weekStart.Year(), weekStart.Month(), weekStart.Day()+4, 18, 0, 0, 0, dc.Location)
			times[0] = friday.Add(-time.Second)
			times[1] = friday
		}
		slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
		for i, at := range times {
			k := sizes[i]
			id += 1000 + uint64(rng.IntN(1000))
			p := histPost{id: strconv.FormatUint(id, 10), at: at, tag: tags[rng.IntN(len(tags))]}
			for range k {
				// A few busy hosts and a long tail: host 0 gets about
				// 3% of the links of 300 hosts, the last ones 0.1%.
				hi := int(float64(nHosts) * math.Pow(rng.Float64(), 1.6))
				hi = min(hi, nHosts-1)
				host := web.HostURL(1+hi/200, 1+hi%200)
				l := histLink{
					URL:    fmt.Sprintf("%s/%d/%02d/article-%d.html", host, at.Year(), int(at.Month()), n),
					Host:   host,
					Posted: at,
					Status: http.StatusOK,
					Title:  fmt.Sprintf("Article %d du site %d", n, hi),
					Week:   dc.WeekOf(at),
				}
				switch r := rng.IntN(20); r {
				case 0:
					l.Status = http.StatusNotFound
				case 1:
					l.Status = http.StatusGone
				}
				web.AddPage(l.URL, &fakePage{
					Status: l.Status,
					Title:  l.Title,
					Lead:   fmt.Sprintf("Le premier paragraphe de l'article %d explique en quelques phrases pourquoi ce lien, publié sur le site %d, méritait d'être partagé cette semaine-là avec les lecteurs de la moisson.", n, hi),
				})
				h.Weeks[l.Week.ID] = append(h.Weeks[l.Week.ID], n)
				p.links = append(p.links, n)
				h.Links = append(h.Links, l)
				n++
			}
			h.posts = append(h.posts, p)
		}
	}
	h.From = h.posts[0].at.In(dc.Location).Format(time.DateOnly)
	h.To = h.posts[len(h.posts)-1].at.In(dc.Location).Format(time.DateOnly)
	return h
}

// Dead returns the indexes of the links whose page is gone.
func (h *history) Dead() []int {
	var dead []int
	for i, l := range h.Links {
		if l.Status != http.StatusOK {
			dead = append(dead, i)
		}
	}
	return dead
}

// PostFile is the post file of week w, relative to the blog directory.
func (h *history) PostFile(w moisson.Week) string {
	return filepath.Join("_posts", w.End.In(h.dc.Location).Format(time.DateOnly)+"-compilation-veille.md")
}

// WriteArchive writes the history as an X archive export of late 2022 on,
// in dir: data/tweets.js and, for a big history, data/tweets-part1.js
// (window.YTD.tweets.part0 and part1), with data/account.js.
func (h *history) WriteArchive(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return err
	}
	account := `window.YTD.account.part0 = [ { "account" : { "email" : "moissonneur@example.org", "createdVia" : "web", "username" : "moissonneur", "accountId" : "2244994945", "createdAt" : "2009-03-21T10:00:00.000Z", "accountDisplayName" : "Le Moissonneur" } } ]`
	if err := os.WriteFile(filepath.Join(dir, "data", "account.js"), []byte(account), 0o644); err != nil {
		return err
	}
	parts := 1
	if len(h.posts) > 1000 {
		parts = 2
	}
	per := (len(h.posts) + parts - 1) / parts
	for part := range parts {
		var b bytes.Buffer
		fmt.Fprintf(&b, "window.YTD.tweets.part%d = [ ", part)
		for i, p := range h.posts[part*per : min((part+1)*per, len(h.posts))] {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := h.writeTweet(&b, p); err != nil {
				return err
			}
		}
		b.WriteString(" ]\n")
		name := "tweets.js"
		if part > 0 {
			name = fmt.Sprintf("tweets-part%d.js", part)
		}
		if err := os.WriteFile(filepath.Join(dir, "data", name), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeTweet writes one {"tweet": {...}} in the archive's shape: numbers
// as strings, HTML-escaped text, created_at in time.RubyDate.
func (h *history) writeTweet(w io.Writer, p histPost) error {
	type urlEnt struct {
		URL         string   `json:"url"`
		ExpandedURL string   `json:"expanded_url"`
		DisplayURL  string   `json:"display_url"`
		Indices     []string `json:"indices"`
	}
	type tagEnt struct {
		Text    string   `json:"text"`
		Indices []string `json:"indices"`
	}
	type tweet struct {
		EditInfo struct {
			Initial struct {
				EditTweetIDs   []string `json:"editTweetIds"`
				EditableUntil  string   `json:"editableUntil"`
				EditsRemaining string   `json:"editsRemaining"`
				IsEditEligible bool     `json:"isEditEligible"`
			} `json:"initial"`
		} `json:"edit_info"`
		Retweeted bool   `json:"retweeted"`
		Source    string `json:"source"`
		Entities  struct {
			Hashtags     []tagEnt `json:"hashtags"`
			Symbols      []string `json:"symbols"`
			UserMentions []string `json:"user_mentions"`
			URLs         []urlEnt `json:"urls"`
		} `json:"entities"`
		DisplayTextRange []string `json:"display_text_range"`
		FavoriteCount    string   `json:"favorite_count"`
		IDStr            string   `json:"id_str"`
		Truncated        bool     `json:"truncated"`
		RetweetCount     string   `json:"retweet_count"`
		ID               string   `json:"id"`
		CreatedAt        string   `json:"created_at"`
		Favorited        bool     `json:"favorited"`
		FullText         string   `json:"full_text"`
		Lang             string   `json:"lang"`
	}
	var t tweet
	t.EditInfo.Initial.EditTweetIDs = []string{p.id}
	t.EditInfo.Initial.EditableUntil = p.at.Add(time.Hour).UTC().Format("2006-01-02T15:04:05.000Z")
	t.EditInfo.Initial.EditsRemaining = "5"
	t.Source = `<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>`
	t.Entities.Symbols, t.Entities.UserMentions = []string{}, []string{}
	t.Entities.Hashtags, t.Entities.URLs = []tagEnt{}, []urlEnt{}
	text := fmt.Sprintf("À lire &amp; partager : %s", h.Links[p.links[0]].Title)
	for i, li := range p.links {
		l := h.Links[li]
		tco := fmt.Sprintf("https://t.co/%s%d", p.id[len(p.id)-7:], i)
		start := len([]rune(text)) + 1
		text += " " + tco
		t.Entities.URLs = append(t.Entities.URLs, urlEnt{URL: tco, ExpandedURL: l.URL, DisplayURL: strings.TrimPrefix(l.URL, "http://")[:20] + "…",
			Indices: []string{strconv.Itoa(start), strconv.Itoa(start + len(tco))}})
	}
	if p.tag != "" {
		start := len([]rune(text)) + 1
		text += " #" + p.tag
		t.Entities.Hashtags = append(t.Entities.Hashtags, tagEnt{Text: p.tag, Indices: []string{strconv.Itoa(start), strconv.Itoa(start + 1 + len([]rune(p.tag)))}})
	}
	t.DisplayTextRange = []string{"0", strconv.Itoa(len([]rune(text)))}
	t.FavoriteCount, t.RetweetCount = "0", "0"
	t.IDStr, t.ID = p.id, p.id
	t.CreatedAt = p.at.UTC().Format(time.RubyDate)
	t.FullText = text
	t.Lang = "fr"
	b, err := json.Marshal(map[string]any{"tweet": t})
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
