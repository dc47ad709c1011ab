package scrape

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/moisson/moisson"
)

// Scraper fetches pages and extracts them. It holds one http.Client, built
// in New; it is safe for concurrent use.
type Scraper struct {
	opts   Options
	client *http.Client
	// images paces the requests for images and their decoding.
	images *imageGate
}

// New returns a Scraper with opts, defaults filled in.
func New(opts Options) *Scraper {
	opts = opts.withDefaults()
	return &Scraper{opts: opts, client: newClient(opts), images: newImageGate()}
}

// Scrape fetches one URL, following its redirects (t.co, bit.ly,
// feedproxy…), retrying temporary failures within PageTimeout, and returns
// the extracted page with URL (as given), FinalURL, Status, ContentType,
// Attempts and FetchedAt filled in. A failure is told by the page's Error,
// which never quotes the URL's userinfo or tokens, and Permanent. Scrape
// does not wait for HostDelay: ScrapeAll does. It never panics.
func (s *Scraper) Scrape(ctx context.Context, rawURL string) moisson.Page {
	u, err := parseTarget(rawURL)
	if err != nil {
		return s.failed(rawURL, response{}, err, 0)
	}
	deadline := time.Now().Add(s.opts.PageTimeout)
	for attempt := 1; ; attempt++ {
		page, retry, wait := s.attempt(ctx, rawURL, u, attempt, deadline)
		if !retry || attempt > s.opts.Retries || !time.Now().Add(wait).Before(deadline) {
			return page
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return page
		case <-t.C:
		}
	}
}

// errPageTimeout is the error of a page not fetched within PageTimeout.
var errPageTimeout = errors.New("page not fetched within its time limit")

// attempt makes attempt number n at u, to end by deadline, and says
// whether to retry, after how long.
func (s *Scraper) attempt(ctx context.Context, rawURL string, u *url.URL, n int, deadline time.Time) (page moisson.Page, retry bool, wait time.Duration) {
	actx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	r, err := s.fetch(actx, u)
	if err == nil {
		// The image has its own time (the client's Timeout): a slow
		// image costs the image, not the page.
		return s.withImage(ctx, s.extracted(actx, rawURL, r, n, r.final)), false, 0
	}
	if ctx.Err() == nil && actx.Err() != nil {
		err = fmt.Errorf("scrape: get %s: %w (%s)", redact(u), errPageTimeout, s.opts.PageTimeout)
		return s.failed(rawURL, r, err, n), false, 0
	}
	if p, ok := s.walled(rawURL, r, n); ok {
		// A bot wall does not go away in seconds: the page is tried
		// again another run.
		return p, false, 0
	}
	page = s.failed(rawURL, r, err, n)
	temporary, _ := classify(err)
	if !temporary || ctx.Err() != nil {
		return page, false, 0
	}
	if r.hasRetryAfter {
		if r.retryAfter > maxRetryAfter {
			return page, false, 0
		}
		return page, true, r.retryAfter
	}
	return page, true, backoff(s.opts.RetryBackoff, n, r.status == http.StatusTooManyRequests)
}

// maxHostTitles is the most titles of other pages of a host given to
// the extraction: enough to see what a site repeats, few enough that a
// site's old template does not outvote its new one.
const maxHostTitles = 20

// hostTitles returns what Options.HostTitles gives for site's host,
// at most maxHostTitles, for a body that may be HTML; nil without the
// option.
func (s *Scraper) hostTitles(ctx context.Context, site *url.URL, contentType string) []string {
	if s.opts.HostTitles == nil || site == nil || site.Hostname() == "" {
		return nil
	}
	if ct := strings.ToLower(contentType); ct != "" && !strings.Contains(ct, "html") {
		return nil
	}
	titles := s.opts.HostTitles(ctx, strings.ToLower(site.Host))
	if len(titles) > maxHostTitles {
		titles = titles[:maxHostTitles]
	}
	return titles
}

// extracted returns the page ExtractWithin makes of a successful response.
// An extraction that fails (a PDF past its budget, an extractor that
// panicked) makes a permanent failure: the same bytes would fail again.
func (s *Scraper) extracted(ctx context.Context, rawURL string, r response, attempts int, site *url.URL) moisson.Page {
	final := r.final
	if final != nil && final.User != nil {
		c := *final
		c.User = nil
		final = &c
	}
	page, err := extractPage(r.body, final, r.contentType, s.opts.PDFBudget, r.status, s.hostTitles(ctx, site, r.contentType))
	if err != nil {
		var pe *PanicError
		if errors.As(err, &pe) {
			s.opts.Logger.Error("scrape: extractor panicked", "url", moisson.RedactURL(rawURL),
				"final_url", redact(r.final), "kind", string(pe.Kind), "panic", moisson.RedactText(fmt.Sprint(pe.Value)),
				"stack", string(pe.Stack))
		}
		return s.failed(rawURL, r, permanent(fmt.Errorf("scrape: extract %s: %w", redact(r.final), err)), attempts)
	}
	// A parked or for-sale domain is no page of what was shared: gone for
	// good, taken from the Wayback Machine as a 404 would be.
	if why := Parked(rawURL, withoutUser(r.final), page, r.body); why != "" {
		return s.failed(rawURL, r, permanent(fmt.Errorf("scrape: get %s: %w: %s", redact(r.final), ErrParked, why)), attempts)
	}
	return s.stamped(rawURL, r, page, attempts)
}

// ErrParked is wrapped by the error of a page that is a parked or
// for-sale domain, a parking lander or a hosting placeholder: the page
// is Permanent, gone as a 404 is.
var ErrParked = errors.New("parked domain")

// walled returns the page of a refusal (401, 403, 429, 503) whose body
// is a wall, which it reports: blocked, with an Error, not Permanent.
func (s *Scraper) walled(rawURL string, r response, attempts int) (moisson.Page, bool) {
	if len(r.body) == 0 {
		return moisson.Page{}, false
	}
	page, err := extractPage(r.body, r.final, r.contentType, s.opts.PDFBudget, r.status, nil)
	if err != nil || page.Blocked == "" {
		return moisson.Page{}, false
	}
	return s.stamped(rawURL, r, page, attempts), true
}

// stamped fills in what the fetch knows of an extracted page.
func (s *Scraper) stamped(rawURL string, r response, page moisson.Page, attempts int) moisson.Page {
	page.URL = rawURL
	page.FinalURL = withoutUser(r.final)
	page.Status = r.status
	page.ContentType = r.contentType
	page.Attempts = attempts
	page.FetchedAt = s.opts.Now()
	if shown := moisson.RedactURL(page.FinalURL); shown != page.FinalURL {
		// The redirects ended on an address with a secret (a session
		// token, a signed link): it is neither stored nor published; the
		// entry links to the URL as shared, which leads there.
		page.FinalURL = shown
		page.CanonicalURL = CleanURL(moisson.RedactURL(rawURL))
	} else if moisson.RedactURL(page.CanonicalURL) != page.CanonicalURL {
		page.CanonicalURL = CleanURL(moisson.RedactURL(rawURL))
	}
	if page.Blocked != "" {
		page.Error = fmt.Sprintf("scrape: get %s: blocked by a %s wall (status %d)", redact(r.final), page.Blocked, r.status)
		page.CanonicalURL = ""
	}
	return page
}

// failed returns the page of a failed fetch.
func (s *Scraper) failed(rawURL string, r response, err error, attempts int) moisson.Page {
	_, perm := classify(err)
	return moisson.Page{
		URL:         rawURL,
		FinalURL:    moisson.RedactURL(withoutUser(r.final)),
		ContentType: r.contentType,
		Status:      r.status,
		Error:       moisson.RedactText(err.Error()),
		Permanent:   perm,
		Unreachable: unreachable(err),
		Attempts:    attempts,
		FetchedAt:   s.opts.Now(),
	}
}

// ScrapeAll scrapes every URL, Concurrency at a time, one request at a time
// per host with HostDelay between them, retrying temporary failures, and
// calls fn with each page, in completion order, from the calling goroutine
// (so fn may write to a store without locking). A URL given twice is
// scraped and reported once.
//
// Politeness holds for the host of the URL as given; the host a redirect
// leads to is not tracked (t.co links are paced by t.co).
//
// ScrapeAll returns once every URL is reported, or soon after ctx is
// cancelled (within cancelGrace, even when an extraction is under way):
// requests in flight are cancelled, and the pages they leave unfinished,
// like the URLs not yet fetched, are not reported. A worker still busy
// then ends on its own, within its page's bounds, and reports nothing.
func (s *Scraper) ScrapeAll(ctx context.Context, urls []string, fn func(moisson.Page)) {
	ctx, cancel := context.WithCancel(ctx)
	// wg waits for the dispatcher only: a worker stuck in an extraction
	// must not hold up the return, and never blocks on its report.
	var wg sync.WaitGroup
	// results holds few pages: when fn (a store write) is slower than the
	// fetches, the workers wait for it instead of piling up pages that a
	// crash would lose.
	results := make(chan moisson.Page, s.opts.Concurrency)
	defer func() {
		cancel() // first: if fn panicked, the workers must stop
		for range results {
		}
		wg.Wait()
	}()

	hosts, queued, unfetchable := s.plan(urls)
	for _, page := range unfetchable {
		fn(page)
	}
	if queued == 0 {
		close(results)
	} else {
		jobs := make(chan *job)
		// done holds an outcome per worker: a worker never waits to
		// report, even once the dispatcher has gone.
		workers := min(s.opts.Concurrency, queued)
		done := make(chan outcome, workers)
		for range workers {
			go func() {
				for j := range jobs {
					// The job is the worker's until it reports it.
					j.attempts++
					if j.attempts == 1 {
						j.deadline = time.Now().Add(s.opts.PageTimeout)
					}
					page, retry, wait := s.attempt(ctx, j.raw, j.u, j.attempts, j.deadline)
					done <- outcome{job: j, page: page, retry: retry, wait: wait}
				}
			}()
		}
		wg.Go(func() { s.dispatch(ctx, hosts, queued, jobs, done, results) })
	}
	for page := range results {
		fn(page)
	}
}

// job is one URL to scrape.
type job struct {
	raw      string
	u        *url.URL
	host     *hostQueue
	attempts int
	// deadline ends the page's attempts: PageTimeout after the first
	// began.
	deadline time.Time
}

// outcome is what a worker reports of a job's attempt.
type outcome struct {
	job   *job
	page  moisson.Page
	retry bool
	wait  time.Duration
}

// plan dedupes urls and queues them by host. URLs that cannot be fetched
// at all are reported to results at once.
func (s *Scraper) plan(urls []string) (hosts []*hostQueue, queued int, unfetchable []moisson.Page) {
	seen := make(map[string]bool, len(urls))
	byName := make(map[string]*hostQueue)
	for _, raw := range urls {
		if seen[raw] {
			continue
		}
		seen[raw] = true
		u, err := parseTarget(raw)
		if err != nil {
			unfetchable = append(unfetchable, s.failed(raw, response{}, err, 0))
			continue
		}
		name := strings.ToLower(u.Hostname())
		h := byName[name]
		if h == nil {
			h = &hostQueue{name: name}
			byName[name] = h
			hosts = append(hosts, h)
		}
		h.jobs = append(h.jobs, &job{raw: raw, u: u, host: h})
		queued++
	}
	return hosts, queued, unfetchable
}

// dispatch hands jobs to the workers while respecting every host's turn,
// takes their outcomes, requeues retries and sends the final pages to
// results, which it closes when all queued jobs are reported or, once ctx
// is cancelled, when the jobs in flight have come back.
//
// It alone touches the hosts, so they need no lock. Ready hosts are served
// busiest first: the host with the most URLs left bounds the run, so it
// should never wait for a worker.
func (s *Scraper) dispatch(ctx context.Context, hosts []*hostQueue, remaining int, jobs chan<- *job, done <-chan outcome, results chan<- moisson.Page) {
	defer close(results)
	var ready readyHeap
	var waiting waitHeap
	for _, h := range hosts {
		heap.Push(&ready, h)
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	inFlight := 0

	for remaining > 0 && ctx.Err() == nil {
		now := time.Now()
		for waiting.Len() > 0 && !waiting[0].next.After(now) {
			heap.Push(&ready, heap.Pop(&waiting))
		}
		var send chan<- *job
		var next *job
		if ready.Len() > 0 {
			send, next = jobs, ready[0].jobs[0]
		}
		var wake <-chan time.Time
		if waiting.Len() > 0 {
			timer.Reset(waiting[0].next.Sub(now))
			wake = timer.C
		}
		select {
		case send <- next:
			h := heap.Pop(&ready).(*hostQueue)
			h.jobs[0] = nil
			h.jobs = h.jobs[1:]
			inFlight++
		case o := <-done:
			inFlight--
			h := o.job.host
			now := time.Now()
			h.next = now.Add(s.opts.HostDelay)
			if o.retry && o.job.attempts <= s.opts.Retries && ctx.Err() == nil && now.Add(o.wait).Before(o.job.deadline) {
				if t := now.Add(o.wait); t.After(h.next) {
					h.next = t
				}
				h.jobs = append(h.jobs, o.job)
			} else {
				remaining--
				report(ctx, o, results)
			}
			if len(h.jobs) > 0 {
				if h.next.After(now) {
					heap.Push(&waiting, h)
				} else {
					heap.Push(&ready, h)
				}
			}
		case <-wake:
		case <-ctx.Done():
		}
	}
	close(jobs)
	// Once ctx is cancelled, the jobs in flight have cancelGrace to come
	// back: their requests end at once, an extraction under way may not.
	grace := time.NewTimer(cancelGrace)
	defer grace.Stop()
	for ; inFlight > 0; inFlight-- {
		select {
		case o := <-done:
			report(ctx, o, results)
		case <-grace.C:
			return
		}
	}
}

// cancelGrace is how long ScrapeAll waits, once its context is cancelled,
// for the pages in flight.
const cancelGrace = 500 * time.Millisecond

// report sends the page of a finished job to results, unless the job
// failed because ctx was cancelled: that page says nothing of the link.
func report(ctx context.Context, o outcome, results chan<- moisson.Page) {
	if o.page.OK() || ctx.Err() == nil {
		results <- o.page
	}
}

// hostQueue is the URLs left to fetch on one host and when the next may
// start. A host is in the ready heap, in the waiting heap, in flight, or
// done.
type hostQueue struct {
	name string
	jobs []*job
	next time.Time
}

// readyHeap orders the hosts free to be fetched, most URLs left first.
type readyHeap []*hostQueue

func (h readyHeap) Len() int { return len(h) }
func (h readyHeap) Less(i, j int) bool {
	if len(h[i].jobs) != len(h[j].jobs) {
		return len(h[i].jobs) > len(h[j].jobs)
	}
	return h[i].name < h[j].name
}
func (h readyHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *readyHeap) Push(x any)   { *h = append(*h, x.(*hostQueue)) }
func (h *readyHeap) Pop() any {
	old := *h
	q := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return q
}

// waitHeap orders the hosts waiting for their turn, soonest first.
type waitHeap []*hostQueue

func (h waitHeap) Len() int           { return len(h) }
func (h waitHeap) Less(i, j int) bool { return h[i].next.Before(h[j].next) }
func (h waitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *waitHeap) Push(x any)        { *h = append(*h, x.(*hostQueue)) }
func (h *waitHeap) Pop() any {
	old := *h
	q := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return q
}
