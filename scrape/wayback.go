package scrape

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/moisson/moisson"
)

// The Wayback Machine's limits. Its CDX and timemap endpoints allow about
// 24 requests a minute per address, and an address that keeps going after
// 429s is blocked at the firewall for an hour, doubling each time: moisson
// stays well under, and stops everything for a while at the first 429.
const (
	// DefaultWaybackPerMinute is the default rate of Wayback requests
	// (MOISSON_WAYBACK_RATE).
	DefaultWaybackPerMinute = 15
	// DefaultWaybackPause is the pause after a 429 or 503, doubled on
	// each one in a row.
	DefaultWaybackPause = time.Minute
	// maxWaybackPause caps the growing pause.
	maxWaybackPause = time.Hour
	// waybackTries bounds the attempts of one Wayback request that is
	// answered 429 or 503 (each after the shared pause).
	waybackTries = 3
	// rescueCandidates is how many captures nearest to the share date the
	// CDX query returns: the next one is tried when a capture is an error
	// page or a parked domain.
	rescueCandidates = 3
	// DefaultWaybackBase is where the CDX API, the captures and Save Page
	// Now answer.
	DefaultWaybackBase = "https://web.archive.org"
)

// Clock is the time the Wayback limiter runs on: the real clock, or a fake
// one in tests, which never sleep.
type Clock interface {
	Now() time.Time
	// Sleep waits for d, or until ctx ends (returning its error).
	Sleep(ctx context.Context, d time.Duration) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// LimiterOptions tune a WaybackLimiter; zero fields take their default.
type LimiterOptions struct {
	// PerMinute is the rate of requests: two requests never start closer
	// than a minute divided by PerMinute, even after a quiet spell (no
	// burst). Default 15.
	PerMinute float64
	// Pause is the pause of every request after a 429 or 503 (or its
	// Retry-After when longer), doubled for each one in a row, capped at
	// an hour. Default one minute.
	Pause time.Duration
	// Clock defaults to the real clock.
	Clock Clock
}

// WaybackLimiter paces every request a process makes to the Wayback
// Machine: CDX queries, captures and Save Page Now alike. Requests go one
// at a time, in one queue, each at least a minute divided by PerMinute
// after the one before, a quiet spell or not: there is no burst, as the
// Wayback Machine counts requests over windows shorter than a minute. A
// 429 or 503 pauses them all. Share one per process (the commands and
// the daemon's socket clients alike); it is safe for concurrent use.
type WaybackLimiter struct {
	clock    Clock
	interval time.Duration
	pause    time.Duration
	turn     chan struct{}

	mu          sync.Mutex
	next        time.Time // when the next request may start
	pausedUntil time.Time
	strikes     int
	queued      int
	sent        int
	throttled   int
}

// NewWaybackLimiter returns a limiter with opts.
func NewWaybackLimiter(opts LimiterOptions) *WaybackLimiter {
	if opts.PerMinute <= 0 {
		opts.PerMinute = DefaultWaybackPerMinute
	}
	if opts.Pause <= 0 {
		opts.Pause = DefaultWaybackPause
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	return &WaybackLimiter{
		clock:    opts.Clock,
		interval: time.Duration(float64(time.Minute) / opts.PerMinute),
		pause:    opts.Pause,
		turn:     make(chan struct{}, 1),
	}
}

// WaybackStats is what the limiter shows: for backfill's progress and
// status.
type WaybackStats struct {
	// Queued counts the requests waiting for their turn.
	Queued int
	// Sent counts the requests made; Throttled those answered 429 or 503.
	Sent, Throttled int
	// Interval is the time between two requests at the sustained rate.
	Interval time.Duration
	// PausedUntil is set while every request waits after a 429 or 503.
	PausedUntil time.Time
	// Expected is how long the queued requests will take at the rate,
	// the pause included.
	Expected time.Duration
}

// Stats returns the limiter's figures now.
func (l *WaybackLimiter) Stats() WaybackStats {
	l.mu.Lock()
	defer l.mu.Unlock()
	return WaybackStats{
		Queued: l.queued, Sent: l.sent, Throttled: l.throttled, Interval: l.interval,
		PausedUntil: l.pausedUntil, Expected: l.expectedLocked(l.queued),
	}
}

// Expected returns how long n more requests will take at the limiter's
// rate, behind those already queued, the current pause included.
func (l *WaybackLimiter) Expected(n int) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.expectedLocked(l.queued + n)
}

func (l *WaybackLimiter) expectedLocked(n int) time.Duration {
	d := time.Duration(n) * l.interval
	if wait := l.pausedUntil.Sub(l.clock.Now()); wait > 0 {
		d += wait
	}
	return d
}

// paused reports whether every request waits for a pause after a 429 or
// 503.
func (l *WaybackLimiter) paused() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.pausedUntil.After(l.clock.Now())
}

// acquire waits for the request's turn and its slot at the rate, and the
// end of any pause. The caller must call release once answered.
func (l *WaybackLimiter) acquire(ctx context.Context) error {
	l.mu.Lock()
	l.queued++
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.queued--
		l.mu.Unlock()
	}()
	select {
	case l.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	for {
		l.mu.Lock()
		now := l.clock.Now()
		// One queue at the rate: a request starts no sooner than an
		// interval after the one before, however long ago that was.
		at := later(l.next, l.pausedUntil)
		wait := at.Sub(now)
		if wait <= 0 {
			l.next = now.Add(l.interval)
			l.sent++
			l.mu.Unlock()
			return nil
		}
		l.mu.Unlock()
		if err := l.clock.Sleep(ctx, wait); err != nil {
			<-l.turn
			return err
		}
	}
}

// release ends the request's turn, with the status it was answered and
// its Retry-After: a 429 or 503 pauses every request.
func (l *WaybackLimiter) release(status int, retryAfter time.Duration, hasRetryAfter bool) {
	defer func() { <-l.turn }()
	l.mu.Lock()
	defer l.mu.Unlock()
	if status != http.StatusTooManyRequests && status != http.StatusServiceUnavailable {
		if status >= 200 && status < 500 {
			l.strikes = 0
		}
		return
	}
	l.throttled++
	l.strikes++
	pause := l.pause
	for i := 1; i < l.strikes && pause < maxWaybackPause; i++ {
		pause *= 2
	}
	pause = min(pause, maxWaybackPause)
	if hasRetryAfter && retryAfter > pause {
		pause = retryAfter
	}
	l.pausedUntil = later(l.pausedUntil, l.clock.Now().Add(pause))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// WaybackOptions tune a Wayback.
type WaybackOptions struct {
	// Base is where the Wayback Machine answers (WAYBACK_BASE_URL);
	// "https://archive.org" means https://web.archive.org. Default
	// DefaultWaybackBase.
	Base string
	// Limiter paces the requests; share one per process. Default: a
	// limiter of its own with the default rate.
	Limiter *WaybackLimiter
}

// Wayback takes pages that are gone from the Wayback Machine, as they
// were near the day they were shared, and finds and makes captures. Every
// request goes through its limiter.
type Wayback struct {
	s    *Scraper
	base string
	lim  *WaybackLimiter
}

// Wayback returns a Wayback at base (WAYBACK_BASE_URL) with a limiter of
// its own at the default rate: see NewWayback to share one.
func (s *Scraper) Wayback(base string) *Wayback {
	return NewWayback(s, WaybackOptions{Base: base})
}

// NewWayback returns a Wayback that fetches with s, under its limits
// (timeouts, body size, private networks), and paces its requests with
// opts.Limiter.
func NewWayback(s *Scraper, opts WaybackOptions) *Wayback {
	base := strings.TrimRight(strings.TrimSpace(opts.Base), "/")
	switch base {
	case "", "https://archive.org", "http://archive.org", "https://www.archive.org":
		base = DefaultWaybackBase
	}
	lim := opts.Limiter
	if lim == nil {
		lim = NewWaybackLimiter(LimiterOptions{})
	}
	return &Wayback{s: s, base: base, lim: lim}
}

// Limiter returns the limiter the Wayback's requests go through.
func (w *Wayback) Limiter() *WaybackLimiter { return w.lim }

// RequestsPerRescue is what one dead page costs at best: the CDX query and
// the capture.
const RequestsPerRescue = 2

// Estimate returns how long rescuing pages more dead pages will take at
// the limiter's rate, behind the requests already queued.
func (w *Wayback) Estimate(pages int) time.Duration {
	return w.lim.Expected(pages * RequestsPerRescue)
}

// Capture is one line of a CDX answer.
type Capture struct {
	// Timestamp is the capture's time, YYYYMMDDhhmmss (UTC).
	Timestamp  string
	Original   string
	StatusCode string
	MimeType   string
	Digest     string
}

// Time returns the capture's time.
func (c Capture) Time() time.Time {
	t, err := time.Parse("20060102150405", c.Timestamp)
	if err != nil {
		return time.Time{}
	}
	return t
}

// CaptureURL is the capture as people see it, with the Wayback Machine's
// banner: the address a post links to.
func (w *Wayback) CaptureURL(c Capture) string {
	return w.base + "/web/" + c.Timestamp + "/" + c.Original
}

// rawURL is the capture as it was archived, without banner nor rewritten
// links ("id_" after the timestamp): what is extracted.
func (w *Wayback) rawURL(c Capture) string {
	return w.base + "/web/" + c.Timestamp + "id_/" + c.Original
}

// CaptureQuery narrows a CDX query.
type CaptureQuery struct {
	// Limit is the number of captures returned, nearest first. Default 1.
	Limit int
	// From and To bound the captures' times, when set.
	From, To time.Time
	// once makes the query a single attempt: a 429 or 503 returns
	// ErrThrottled at once (see callTries).
	once bool
}

// cdxFields are the fields asked of the CDX API, in the order read.
const cdxFields = "timestamp,original,statuscode,mimetype,digest"

// Captures asks the CDX API for the captures of rawURL answered 200,
// nearest to at first.
func (w *Wayback) Captures(ctx context.Context, rawURL string, at time.Time, q CaptureQuery) ([]Capture, error) {
	if q.Limit <= 0 {
		q.Limit = 1
	}
	v := url.Values{
		"url":     {rawURL},
		"output":  {"json"},
		"fl":      {cdxFields},
		"filter":  {"statuscode:200"},
		"closest": {stamp(at)},
		"sort":    {"closest"},
		"limit":   {strconv.Itoa(q.Limit)},
	}
	if !q.From.IsZero() {
		v.Set("from", stamp(q.From))
	}
	if !q.To.IsZero() {
		v.Set("to", stamp(q.To))
	}
	tries := waybackTries
	if q.once {
		tries = 1
	}
	body, err := w.callTries(ctx, tries, http.MethodGet, w.base+"/cdx/search/cdx?"+v.Encode(), nil, "")
	if err != nil {
		return nil, fmt.Errorf("wayback: captures of %s: %w", moisson.RedactURL(rawURL), err)
	}
	caps, err := parseCDX(body)
	if err != nil {
		return nil, fmt.Errorf("wayback: captures of %s: %w", moisson.RedactURL(rawURL), err)
	}
	return caps, nil
}

func stamp(t time.Time) string { return t.UTC().Format("20060102150405") }

// parseCDX reads a CDX JSON answer: an array of rows of strings, the
// first naming the fields; an empty answer is "[]" (or nothing at all).
func parseCDX(body []byte) ([]Capture, error) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil, nil
	}
	var rows [][]string
	if err := json.Unmarshal(body, &rows); err != nil {
		return nil, fmt.Errorf("read cdx answer: %w", err)
	}
	if len(rows) < 2 {
		return nil, nil
	}
	idx := make(map[string]int, len(rows[0]))
	for i, name := range rows[0] {
		idx[name] = i
	}
	get := func(row []string, name string) string {
		if i, ok := idx[name]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	caps := make([]Capture, 0, len(rows)-1)
	for _, row := range rows[1:] {
		c := Capture{Timestamp: get(row, "timestamp"), Original: get(row, "original"),
			StatusCode: get(row, "statuscode"), MimeType: get(row, "mimetype"), Digest: get(row, "digest")}
		if len(c.Timestamp) != 14 || c.Original == "" || (c.StatusCode != "" && c.StatusCode != "200") {
			continue
		}
		caps = append(caps, c)
	}
	return caps, nil
}

// ErrThrottled is the error of a Wayback request answered 429 or 503
// (after its tries): every Wayback request of the process waits for the
// shared pause; the work is to be tried again later.
var ErrThrottled = errors.New("wayback machine busy (429/503): asked again later")

// callTries is call with at most tries attempts. Work that can wait for a
// later run (Save Page Now, the archiver's Recent) makes one: a 429 or
// 503 then sets the shared pause and returns ErrThrottled at once, rather
// than holding its caller for the pause (a Retry-After of an hour would
// hold `run --once` that long).
func (w *Wayback) callTries(ctx context.Context, tries int, method, target string, form url.Values, auth string) ([]byte, error) {
	for try := 1; ; try++ {
		if err := w.lim.acquire(ctx); err != nil {
			return nil, err
		}
		body, status, ra, hasRA, err := w.do(ctx, method, target, form, auth)
		w.lim.release(status, ra, hasRA)
		if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
			if try < tries {
				continue
			}
			return nil, ErrThrottled
		}
		return body, err
	}
}

// maxJSONBytes bounds a JSON answer of the Wayback Machine.
const maxJSONBytes = 4 << 20

// do makes one request with the scraper's client.
func (w *Wayback) do(ctx context.Context, method, target string, form url.Values, auth string) (body []byte, status int, retryAfter time.Duration, hasRetryAfter bool, err error) {
	var rd io.Reader
	if form != nil {
		rd = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return nil, 0, 0, false, fmt.Errorf("%s %s: %w", method, moisson.RedactURL(target), err)
	}
	req.Header.Set("User-Agent", w.s.opts.UserAgent)
	req.Header.Set("Accept", "application/json")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := w.s.client.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, 0, 0, false, fmt.Errorf("%s %s: %w", method, moisson.RedactURL(target), err)
	}
	defer resp.Body.Close()
	status = resp.StatusCode
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		retryAfter, hasRetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), w.lim.clock.Now())
	}
	body, rerr := readBody(resp.Body, maxJSONBytes, false, resp.ContentLength)
	if status < 200 || status > 299 {
		return body, status, retryAfter, hasRetryAfter, &HTTPError{URL: moisson.RedactURL(target), StatusCode: status}
	}
	if rerr != nil {
		return nil, status, 0, false, fmt.Errorf("%s %s: %w", method, moisson.RedactURL(target), rerr)
	}
	return body, status, 0, false, nil
}

// capture fetches a capture's page through the limiter and extracts it.
func (w *Wayback) capture(ctx context.Context, c Capture) (moisson.Page, error) {
	u, err := url.Parse(w.rawURL(c))
	if err != nil {
		return moisson.Page{}, permanent(fmt.Errorf("capture url: %w", err))
	}
	for try := 1; ; try++ {
		if err := w.lim.acquire(ctx); err != nil {
			return moisson.Page{}, err
		}
		r, err := w.s.fetch(ctx, u)
		w.lim.release(r.status, r.retryAfter, r.hasRetryAfter)
		if r.status == http.StatusTooManyRequests || r.status == http.StatusServiceUnavailable {
			if try < waybackTries {
				continue
			}
			return moisson.Page{}, ErrThrottled
		}
		if err != nil {
			return moisson.Page{}, err
		}
		// The capture's titles are the original host's, not the
		// archive's.
		orig, _ := url.Parse(c.Original)
		p := w.s.extracted(ctx, c.Original, r, 1, orig)
		if !p.OK() {
			return p, permanent(errors.New(p.Error))
		}
		return p, nil
	}
}

// Rescue returns the page at rawURL as captured nearest to at with status
// 200, and not an error page nor a parked domain: among the captures made
// up to at first, then among the nearest on either side. It costs a CDX
// query and a capture (two requests), one more capture for each capture
// found bad, and a second CDX query when none made before at is usable.
// The page's URL and CanonicalURL are the live URL (the entry links to it),
// Snapshot the capture it was taken from. When there is no usable capture
// the page has an Error and is Permanent; when the Wayback Machine could
// not answer (busy, unreachable) it is not Permanent.
func (w *Wayback) Rescue(ctx context.Context, rawURL string, at time.Time) moisson.Page {
	gone := moisson.Page{URL: rawURL, FetchedAt: w.s.opts.Now()}
	// The page as it was when shared: the captures made up to the share
	// first (a domain parked or a page rewritten since has later captures
	// of the lander), then, when none of them is usable, the nearest on
	// either side.
	var why []string
	tried := make(map[string]bool)
	for _, q := range []CaptureQuery{{Limit: rescueCandidates, To: at}, {Limit: rescueCandidates}} {
		caps, err := w.Captures(ctx, rawURL, at, q)
		if err != nil {
			gone.Error = moisson.RedactText(err.Error())
			return gone
		}
		if p, ok := w.firstGood(ctx, caps, tried, &why); ok {
			p.URL = rawURL
			p.FinalURL = rawURL
			p.CanonicalURL = CleanURL(rawURL)
			return p
		} else if p.Error != "" {
			gone.Error = p.Error
			return gone
		}
	}
	gone.Permanent = true
	gone.Error = "wayback: no capture of the page"
	if len(why) > 0 {
		gone.Error = moisson.RedactText("wayback: no usable capture (" + strings.Join(why, "; ") + ")")
	}
	return gone
}

// firstGood returns the first of caps not tried yet that makes a good
// page, with its Snapshot, and true; each bad one is told in why. When
// the Wayback Machine could not answer, the page returned has the Error.
func (w *Wayback) firstGood(ctx context.Context, caps []Capture, tried map[string]bool, why *[]string) (moisson.Page, bool) {
	for _, c := range caps {
		if tried[c.Timestamp] {
			continue
		}
		tried[c.Timestamp] = true
		p, err := w.capture(ctx, c)
		if err != nil {
			_, perm := classify(err)
			if !perm {
				return moisson.Page{Error: moisson.RedactText("wayback: " + err.Error())}, false
			}
			*why = append(*why, c.Timestamp+": "+err.Error())
			continue
		}
		if bad := BadCapture(p); bad != "" {
			*why = append(*why, c.Timestamp+": "+bad)
			continue
		}
		p.Snapshot = w.CaptureURL(c)
		return p, true
	}
	return moisson.Page{}, false
}

// Nearest returns the capture answered 200 nearest to at among those
// made up to at (the page as it was when shared, never as it became
// after), and false when there is none. One request, not tried again when answered 429 or
// 503, and none while every Wayback request is paused after one
// (ErrThrottled): the link-rot sweep asks it, and asks again at its next
// sweep rather than wait out the pause.
func (w *Wayback) Nearest(ctx context.Context, rawURL string, at time.Time) (Capture, bool, error) {
	if w.lim.paused() {
		return Capture{}, false, fmt.Errorf("wayback: captures of %s: %w", moisson.RedactURL(rawURL), ErrThrottled)
	}
	caps, err := w.Captures(ctx, rawURL, at, CaptureQuery{Limit: 1, To: at, once: true})
	if err != nil || len(caps) == 0 {
		return Capture{}, false, err
	}
	return caps[0], true, nil
}

// Recent returns the latest capture answered 200 made within the last
// within, and false when there is none. One request, not tried again when
// answered 429 or 503, and none while every Wayback request is paused
// after one (ErrThrottled): the archiver asks it, and leaves the link for
// its next run.
func (w *Wayback) Recent(ctx context.Context, rawURL string, within time.Duration) (Capture, bool, error) {
	if w.lim.paused() {
		return Capture{}, false, fmt.Errorf("wayback: captures of %s: %w", moisson.RedactURL(rawURL), ErrThrottled)
	}
	now := w.lim.clock.Now()
	caps, err := w.Captures(ctx, rawURL, now, CaptureQuery{Limit: 1, From: now.Add(-within), once: true})
	if err != nil || len(caps) == 0 {
		return Capture{}, false, err
	}
	return caps[0], true, nil
}

// minCaptureText is the least text (title and opening) a capture must
// hold to be a page rather than an empty shell or an error.
const minCaptureText = 40

// errorTitles are titles of error pages served with status 200.
var errorTitles = []string{
	"404", "page not found", "not found", "page introuvable", "erreur 404", "410 gone", "error 404",
	"page non trouvée", "file not found", "this page doesn't exist", "page does not exist",
}

// LooksLikeErrorPage reports whether a title is an error page's ("404 Not
// Found", "Page introuvable").
func LooksLikeErrorPage(title string) bool {
	t := strings.ToLower(strings.TrimSpace(title))
	if t == "" {
		return false
	}
	for _, e := range errorTitles {
		if t == e || strings.HasPrefix(t, e+" ") || strings.HasPrefix(t, e+" -") || strings.HasPrefix(t, e+" |") ||
			strings.HasSuffix(t, " "+e) || strings.Contains(t, "404 ") && strings.Contains(t, "not found") {
			return true
		}
	}
	return false
}

// BadCapture says why an extracted capture is no rescue: a parked or
// for-sale domain, an error page served with 200, a page with next to no
// text. It is empty for a good capture.
func BadCapture(p moisson.Page) string {
	if why := Parked("", "", p, nil); why != "" {
		return why
	}
	switch {
	case LooksLikeErrorPage(p.Title):
		return "an error page"
	case p.Kind == moisson.KindHTML && len([]rune(strings.TrimSpace(p.Title+" "+p.Lead))) < minCaptureText:
		return "next to no text"
	}
	return ""
}

// SavePageNow submits pages to the Wayback Machine's Save Page Now (SPN2)
// and waits for their captures, through the Wayback's limiter. Its
// requests are not tried again when answered 429 or 503: they return
// ErrThrottled, the pause set for every Wayback request, and the capture
// waits for a later run.
type SavePageNow struct {
	w *Wayback
	// auth is "LOW key:secret", empty for anonymous captures (a lower
	// quota).
	auth string
	// PollEvery is the pause between two polls of a job. Default 10s.
	PollEvery time.Duration
	// MaxPolls bounds the polls of one job. Default 30.
	MaxPolls int
}

// SavePageNow returns the Save Page Now client of the Wayback, with the
// author's S3-like keys (WAYBACK_ACCESS_KEY, WAYBACK_SECRET_KEY), or
// anonymous when either is empty.
func (w *Wayback) SavePageNow(accessKey, secretKey string) *SavePageNow {
	sp := &SavePageNow{w: w, PollEvery: 10 * time.Second, MaxPolls: 30}
	if accessKey != "" && secretKey != "" {
		sp.auth = "LOW " + accessKey + ":" + secretKey
	}
	return sp
}

// Authenticated reports whether captures are made with the author's keys.
func (sp *SavePageNow) Authenticated() bool { return sp.auth != "" }

// Quota is the answer of /save/status/user: the captures the account may
// start now.
type Quota struct {
	// Available is how many captures may be started now; Processing how
	// many are under way.
	Available  int `json:"available"`
	Processing int `json:"processing"`
	// DailyCaptures and DailyLimit, when the service tells them.
	DailyCaptures int `json:"daily_captures"`
	DailyLimit    int `json:"daily_captures_limit"`
}

// Quota asks /save/status/user how many captures may start now.
func (sp *SavePageNow) Quota(ctx context.Context) (Quota, error) {
	body, err := sp.w.callTries(ctx, 1, http.MethodGet, sp.w.base+"/save/status/user?_t="+strconv.FormatInt(sp.w.lim.clock.Now().Unix(), 10), nil, sp.auth)
	if err != nil {
		return Quota{}, fmt.Errorf("wayback: save page now quota: %w", redactErr(err, sp.auth))
	}
	var q Quota
	if err := json.Unmarshal(body, &q); err != nil {
		return Quota{}, fmt.Errorf("wayback: save page now quota: %w", err)
	}
	return q, nil
}

// Job is the state of a Save Page Now job (/save/status/JOB_ID).
type Job struct {
	ID     string `json:"job_id"`
	Status string `json:"status"` // "pending", "success" or "error"
	// Original and Timestamp name the capture once Status is "success".
	Original  string `json:"original_url"`
	Timestamp string `json:"timestamp"`
	// StatusExt and Message say why a job failed ("error:too-many-daily-captures").
	StatusExt string `json:"status_ext"`
	Message   string `json:"message"`
}

// Submit starts the capture of rawURL and returns its job id.
func (sp *SavePageNow) Submit(ctx context.Context, rawURL string) (string, error) {
	form := url.Values{"url": {rawURL}, "skip_first_archive": {"1"}}
	body, err := sp.w.callTries(ctx, 1, http.MethodPost, sp.w.base+"/save", form, sp.auth)
	if err != nil {
		return "", fmt.Errorf("wayback: save %s: %w", moisson.RedactURL(rawURL), redactErr(err, sp.auth))
	}
	var j Job
	if err := json.Unmarshal(body, &j); err != nil {
		return "", fmt.Errorf("wayback: save %s: %w", moisson.RedactURL(rawURL), err)
	}
	if j.ID == "" {
		err := fmt.Errorf("wayback: save %s: refused: %s %s", moisson.RedactURL(rawURL), j.StatusExt, moisson.RedactText(j.Message))
		switch j.StatusExt {
		case "error:user-session-limit", "error:too-many-daily-captures":
			// The account's quota, answered 200: wait for a later run.
			err = fmt.Errorf("%w (%w)", ErrQuota, err)
		}
		return "", err
	}
	return j.ID, nil
}

// Status polls a job once.
func (sp *SavePageNow) Status(ctx context.Context, jobID string) (Job, error) {
	body, err := sp.w.callTries(ctx, 1, http.MethodGet, sp.w.base+"/save/status/"+url.PathEscape(jobID), nil, sp.auth)
	if err != nil {
		return Job{}, fmt.Errorf("wayback: save job %s: %w", jobID, redactErr(err, sp.auth))
	}
	var j Job
	if err := json.Unmarshal(body, &j); err != nil {
		return Job{}, fmt.Errorf("wayback: save job %s: %w", jobID, err)
	}
	if j.ID == "" {
		j.ID = jobID
	}
	return j, nil
}

// ErrQuota is the error of a capture not started because the account's
// quota is used up: try again later.
var ErrQuota = errors.New("wayback: save page now quota used up")

// Save captures rawURL: it waits for a free slot of the quota, submits the
// page and polls the job until it ends, and returns the capture's URL.
func (sp *SavePageNow) Save(ctx context.Context, rawURL string) (string, error) {
	q, err := sp.Quota(ctx)
	if err != nil {
		return "", err
	}
	if q.Available <= 0 {
		return "", ErrQuota
	}
	id, err := sp.Submit(ctx, rawURL)
	if err != nil {
		return "", err
	}
	for range max(sp.MaxPolls, 1) {
		if err := sp.w.lim.clock.Sleep(ctx, sp.PollEvery); err != nil {
			return "", err
		}
		j, err := sp.Status(ctx, id)
		if err != nil {
			return "", err
		}
		switch j.Status {
		case "success":
			orig := j.Original
			if orig == "" {
				orig = rawURL
			}
			return sp.w.CaptureURL(Capture{Timestamp: j.Timestamp, Original: orig}), nil
		case "error":
			return "", fmt.Errorf("wayback: save %s: %s %s", moisson.RedactURL(rawURL), j.StatusExt, moisson.RedactText(j.Message))
		}
	}
	return "", fmt.Errorf("wayback: save %s: job %s still pending", moisson.RedactURL(rawURL), id)
}

// redactErr hides the keys should an error quote them.
func redactErr(err error, auth string) error {
	if auth == "" || err == nil || !strings.Contains(err.Error(), auth) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), auth, "LOW [redacted]"))
}

// Probe is what one request of a link check learned: the link-rot sweep
// (linkcheck) reads it to tell a live page from a gone one and a bot wall.
type Probe struct {
	// Final is where the redirects ended; Status its status.
	Final       string
	Status      int
	ContentType string
	Header      http.Header
	// Body is the start of the body (up to the limit asked), whatever the
	// status: an error page says whether it is a bot wall.
	Body []byte
}

// Probe makes one request (http.MethodHead or http.MethodGet) for rawURL
// with the scraper's client (its guard, timeout and redirect rules),
// without retry, and reads at most maxBody bytes of the body. The error
// is the transport's (a dead domain is a *net.DNSError); a status that is
// not 2xx is no error.
func (s *Scraper) Probe(ctx context.Context, method, rawURL string, maxBody int64) (Probe, error) {
	u, err := parseTarget(rawURL)
	if err != nil {
		return Probe{}, err
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), nil)
	if err != nil {
		return Probe{}, permanent(fmt.Errorf("scrape: %s %s: invalid request", method, redact(u)))
	}
	req.Header.Set("User-Agent", s.opts.UserAgent)
	req.Header.Set("Accept", acceptHeader)
	req.Header.Set("Accept-Language", acceptLanguageHeader)
	resp, err := s.client.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return Probe{}, fmt.Errorf("scrape: %s %s: %w", method, redact(u), err)
	}
	defer resp.Body.Close()
	p := Probe{Final: withoutUser(resp.Request.URL), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Header: resp.Header}
	if method != http.MethodHead && maxBody > 0 {
		p.Body, err = readBody(resp.Body, maxBody, true, resp.ContentLength)
		if err != nil {
			return p, fmt.Errorf("scrape: %s %s: %w", method, redact(u), err)
		}
	}
	return p, nil
}
