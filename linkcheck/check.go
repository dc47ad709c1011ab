// Package linkcheck keeps the links of published posts alive: it checks
// them politely (the link-rot sweep), tells a page that is gone from one
// behind a bot wall, points the posts to the archived copy of a gone page
// and back to the live page when it returns, and archives new links when
// they are shared (Save Page Now).
package linkcheck

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/scrape"
)

// Verdict is what a check concluded.
type Verdict string

// The verdicts.
const (
	// Alive: the page answers as it did when shared.
	Alive Verdict = "alive"
	// Gone: 404 or 410, a dead domain, or a soft death (a redirect to the
	// site's home page, a parked or for-sale domain, another title).
	Gone Verdict = "gone"
	// Unknown: a bot wall, a server error, a timeout: asked again at the
	// next sweep, never rewritten.
	Unknown Verdict = "unknown"
)

// Result is the check of one link.
type Result struct {
	URL     string
	Verdict Verdict
	// Reason says why, in a few words ("404", "dead domain", "bot wall").
	Reason string
	Status int
	Final  string
	// Requests counts the requests the check made (1, or 2 when HEAD was
	// refused).
	Requests int
}

// Target is a link to check, with what was stored when it was shared.
type Target struct {
	URL string
	// Title is the page's title when shared; empty to skip the title test.
	Title string
	// Kind is the page's kind: an HTML page is checked with GET (its title
	// and body tell a soft death), other kinds with HEAD, then GET when
	// HEAD is refused.
	Kind moisson.Kind
}

// maxProbeBody is the part of a page read for its title and signatures.
const maxProbeBody = 256 << 10

// Checker checks links with a scraper's client.
type Checker struct {
	Scraper *scrape.Scraper
	// HostDelay is the pause between two requests to one host; one request
	// at a time per host. Concurrency bounds the hosts checked at once.
	HostDelay   time.Duration
	Concurrency int
}

// Check checks one link.
func (c *Checker) Check(ctx context.Context, t Target) Result {
	r := Result{URL: t.URL}
	method := http.MethodGet
	if t.Kind != "" && t.Kind != moisson.KindHTML {
		method = http.MethodHead
	}
	p, err := c.Scraper.Probe(ctx, method, t.URL, maxProbeBody)
	r.Requests++
	if err == nil && method == http.MethodHead && refusedHead(p.Status) {
		p, err = c.Scraper.Probe(ctx, http.MethodGet, t.URL, maxProbeBody)
		r.Requests++
	}
	if err != nil {
		var dns *net.DNSError
		if errors.As(err, &dns) && dns.IsNotFound {
			r.Verdict, r.Reason = Gone, "dead domain"
			return r
		}
		r.Verdict, r.Reason = Unknown, moisson.RedactText(err.Error())
		return r
	}
	r.Status, r.Final = p.Status, p.Final
	r.Verdict, r.Reason = judge(t, p)
	return r
}

// refusedHead reports whether a HEAD answer says nothing of the page.
func refusedHead(status int) bool {
	switch status {
	case http.StatusMethodNotAllowed, http.StatusNotImplemented, http.StatusForbidden,
		http.StatusBadRequest, http.StatusNotFound, http.StatusTooManyRequests, http.StatusServiceUnavailable:
		// 404 too: some servers answer HEAD wrongly; GET confirms.
		return true
	}
	return false
}

// judge reads one answer.
func judge(t Target, p scrape.Probe) (Verdict, string) {
	switch {
	case p.Status == http.StatusNotFound || p.Status == http.StatusGone:
		return Gone, http.StatusText(p.Status)
	case BotWall(p):
		return Unknown, "bot wall"
	case p.Status < 200 || p.Status > 299:
		return Unknown, "status " + http.StatusText(p.Status)
	}
	if home(t.URL, p.Final) {
		return Gone, "redirect to the home page"
	}
	if len(p.Body) == 0 {
		return Alive, ""
	}
	final, _ := url.Parse(p.Final)
	page := scrape.Extract(p.Body, final, p.ContentType)
	if scrape.Parked(t.URL, p.Final, page, p.Body) != "" {
		return Gone, "parked or for-sale domain"
	}
	if scrape.LooksLikeErrorPage(page.Title) {
		return Gone, "error page"
	}
	if t.Title != "" && page.Title != "" && !Resembles(t.Title, page.Title) {
		return Gone, "title changed"
	}
	return Alive, ""
}

// challengeMarkers are the words of anti-bot walls, lower-case.
var challengeMarkers = []string{
	"just a moment...", "challenge-platform", "cf-chl-", "attention required! | cloudflare",
	"checking your browser", "are you a robot", "are you a human", "captcha", "ddos protection by",
	"access denied | ", "please enable cookies", "verify you are human", "_incapsula_", "perimeterx", "datadome",
}

// BotWall reports whether an answer is an anti-bot wall: Cloudflare's
// challenge (cf-mitigated), or a 403, 429 or 503 whose body is a
// challenge. A bot wall says nothing of the page behind it.
func BotWall(p scrape.Probe) bool {
	if p.Header != nil && strings.EqualFold(p.Header.Get("Cf-Mitigated"), "challenge") {
		return true
	}
	switch p.Status {
	case http.StatusForbidden, http.StatusTooManyRequests, http.StatusServiceUnavailable:
	default:
		return false
	}
	body := strings.ToLower(string(p.Body[:min(len(p.Body), 64<<10)]))
	for _, m := range challengeMarkers {
		if strings.Contains(body, m) {
			return true
		}
	}
	return false
}

// home reports whether final is the home page of a site while shared was
// not: the soft 404 of sites that send every gone page home.
func home(shared, final string) bool {
	s, err1 := url.Parse(shared)
	f, err2 := url.Parse(final)
	if err1 != nil || err2 != nil || f.Host == "" {
		return false
	}
	if isRoot(s.Path) && s.RawQuery == "" {
		return false
	}
	return isRoot(f.Path) && f.RawQuery == "" && (s.Path != f.Path || s.Host != f.Host)
}

func isRoot(p string) bool {
	p = strings.ToLower(strings.Trim(p, "/"))
	switch p {
	case "", "index.html", "index.php", "index.htm", "home", "fr", "en", "accueil":
		return true
	}
	return false
}

// Resembles reports whether two titles name the same page: one holds the
// other, or they share at least half the words of the shorter.
func Resembles(a, b string) bool {
	wa, wb := words(a), words(b)
	if len(wa) == 0 || len(wb) == 0 {
		return true
	}
	na, nb := strings.Join(wa, " "), strings.Join(wb, " ")
	if strings.Contains(na, nb) || strings.Contains(nb, na) {
		return true
	}
	set := make(map[string]bool, len(wa))
	for _, w := range wa {
		set[w] = true
	}
	common := 0
	for _, w := range wb {
		if set[w] {
			common++
			set[w] = false
		}
	}
	return 2*common >= min(len(wa), len(wb))
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// CheckAll checks every target, one request at a time per host with
// HostDelay between them, Concurrency hosts at once, and calls fn with
// each result from the calling goroutine.
func (c *Checker) CheckAll(ctx context.Context, targets []Target, fn func(Result)) {
	byHost := make(map[string][]Target)
	var hosts []string
	for _, t := range targets {
		h := hostOf(t.URL)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], t)
	}
	results := make(chan Result)
	sem := make(chan struct{}, max(c.Concurrency, 1))
	var wg sync.WaitGroup
	go func() {
		defer close(results)
		for _, h := range hosts {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				wg.Wait()
				return
			}
			wg.Go(func() {
				defer func() { <-sem }()
				for i, t := range byHost[h] {
					if i > 0 && !sleep(ctx, c.HostDelay) {
						return
					}
					r := c.Check(ctx, t)
					if ctx.Err() != nil {
						return
					}
					results <- r
				}
			})
		}
		wg.Wait()
	}()
	for r := range results {
		fn(r)
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Host)
}
