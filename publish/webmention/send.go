package webmention

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// Store keeps the state of each (source, target) pair (*archive.Store).
type Store interface {
	// Mention returns the state of a pair, or an error wrapping
	// moisson.ErrNotFound when it was never tried.
	Mention(ctx context.Context, source, target string) (moisson.Mention, error)
	PutMention(ctx context.Context, m moisson.Mention) error
}

// Defaults of a Sender's zero fields.
const (
	DefaultHostDelay    = 2 * time.Second
	DefaultMaxAttempts  = 5
	DefaultRetryBackoff = time.Hour
	// maxRetryBackoff caps the doubling pause between attempts.
	maxRetryBackoff = 48 * time.Hour
	// maxBody bounds what is read of a linked page: an endpoint is named
	// in the head or near the top.
	maxBody = 1 << 20
	// maxAnswer bounds what is read of an endpoint's answer.
	maxAnswer = 64 << 10
)

// Sender sends the Webmentions of published posts. The zero value of a
// field means its default.
type Sender struct {
	// Client makes every request: the scraper's client
	// (scrape.Scraper.Client), so that a page or an endpoint on a
	// private, loopback or link-local address is refused as it is when
	// scraping.
	Client *http.Client
	// Store records each pair's state.
	Store Store
	// UserAgent names the program. Default: Go's.
	UserAgent string
	// HostDelay is the pause between two requests to the same host.
	// Default DefaultHostDelay; negative: none.
	HostDelay time.Duration
	// MaxAttempts is the number of attempts of a pair whose discovery or
	// sending fails (a page that cannot be fetched, an endpoint answering
	// an error, which a receiver does when the post is not online yet).
	// Default DefaultMaxAttempts.
	MaxAttempts int
	// RetryBackoff is the pause before the second attempt; it doubles at
	// each attempt, up to 48 hours. Default DefaultRetryBackoff.
	RetryBackoff time.Duration
	// Now is the clock of the states recorded. Default time.Now.
	Now func() time.Time
}

// Result counts what one Send did with the pairs it was given.
type Result struct {
	// Accepted, Sent, NoEndpoint and Failed count the pairs tried this
	// time, by outcome; Skipped those left alone (done before, or not
	// due for a retry yet, or not http(s)).
	Accepted, Sent, NoEndpoint, Failed, Skipped int
}

func (s *Sender) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Sender) client() *http.Client {
	if s.Client == nil {
		return http.DefaultClient
	}
	return s.Client
}

// Send sends a Webmention from source (the published post's URL, of
// week) to each of targets that needs one: never sent, or failed and due
// for a retry. It waits HostDelay between two requests to the same host
// and records each pair's state as it goes. It returns an error only
// when the store fails or ctx ends; a page or an endpoint that fails is
// recorded as failed, with its next retry.
func (s *Sender) Send(ctx context.Context, week, source string, targets []string) (Result, error) {
	var res Result
	src, err := url.Parse(source)
	if err != nil || (src.Scheme != "http" && src.Scheme != "https") {
		return res, fmt.Errorf("webmention: source %s: not an http(s) URL", moisson.RedactURL(source))
	}
	p := pacer{delay: s.HostDelay, last: make(map[string]time.Time)}
	if p.delay == 0 {
		p.delay = DefaultHostDelay
	}
	seen := make(map[string]bool)
	for _, target := range targets {
		if seen[target] || target == source {
			continue
		}
		seen[target] = true
		u, err := url.Parse(target)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			res.Skipped++
			continue
		}
		prev, err := s.Store.Mention(ctx, source, target)
		switch {
		case errors.Is(err, moisson.ErrNotFound):
			prev = moisson.Mention{Source: source, Target: target}
		case err != nil:
			return res, fmt.Errorf("webmention: %w", err)
		case prev.Done() || s.now().Before(prev.NextRetry):
			res.Skipped++
			continue
		}
		m := s.try(ctx, &p, prev, u)
		if err := ctx.Err(); err != nil {
			return res, err // an attempt cut short is no failure of the receiver's
		}
		m.Week = week
		if err := s.Store.PutMention(ctx, m); err != nil {
			return res, fmt.Errorf("webmention: %w", err)
		}
		switch m.State {
		case moisson.MentionAccepted:
			res.Accepted++
		case moisson.MentionSent:
			res.Sent++
		case moisson.MentionNoEndpoint:
			res.NoEndpoint++
		default:
			res.Failed++
		}
	}
	return res, nil
}

// try makes one attempt for the pair m: discovery, then sending.
func (s *Sender) try(ctx context.Context, p *pacer, m moisson.Mention, target *url.URL) moisson.Mention {
	m.Attempts++
	m.At = s.now()
	m.Error, m.Status, m.NextRetry = "", 0, time.Time{}
	endpoint, found, err := s.discover(ctx, p, target)
	if err != nil {
		return s.failed(m, err)
	}
	if !found {
		m.State, m.Endpoint = moisson.MentionNoEndpoint, ""
		return m
	}
	m.Endpoint = endpoint
	status, location, err := s.post(ctx, p, endpoint, m.Source, m.Target)
	m.Status = status
	if err != nil {
		return s.failed(m, err)
	}
	switch status {
	case http.StatusCreated, http.StatusAccepted:
		m.State, m.Location = moisson.MentionAccepted, location
	default:
		m.State = moisson.MentionSent
	}
	return m
}

// failed records a failed attempt and when to try again, if ever.
func (s *Sender) failed(m moisson.Mention, err error) moisson.Mention {
	m.State = moisson.MentionFailed
	m.Error = moisson.RedactText(err.Error())
	maxAttempts := s.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	if m.Attempts >= maxAttempts {
		return m // given up: NextRetry stays zero
	}
	wait := s.RetryBackoff
	if wait <= 0 {
		wait = DefaultRetryBackoff
	}
	for i := 1; i < m.Attempts && wait < maxRetryBackoff; i++ {
		wait *= 2
	}
	m.NextRetry = m.At.Add(min(wait, maxRetryBackoff))
	return m
}

// discover fetches the target page and finds its endpoint.
func (s *Sender) discover(ctx context.Context, p *pacer, target *url.URL) (string, bool, error) {
	if err := p.wait(ctx, target.Host); err != nil {
		return "", false, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return "", false, fmt.Errorf("webmention: discover %s: %w", moisson.RedactURL(target.String()), err)
	}
	s.setAgent(req)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := s.client().Do(req)
	p.done(target.Host)
	if err != nil {
		return "", false, fmt.Errorf("webmention: discover: %w", unwrapURLError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", false, fmt.Errorf("webmention: discover %s: status %d", moisson.RedactURL(target.String()), resp.StatusCode)
	}
	var body []byte
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt == "text/html" || mt == "application/xhtml+xml" {
		body, err = io.ReadAll(io.LimitReader(resp.Body, maxBody))
		if err != nil {
			return "", false, fmt.Errorf("webmention: discover %s: read: %w", moisson.RedactURL(target.String()), err)
		}
	}
	endpoint, ok := Discover(resp.Request.URL, resp.Header, body)
	return endpoint, ok, nil
}

// post sends the mention to endpoint, form-encoded.
func (s *Sender) post(ctx context.Context, p *pacer, endpoint, source, target string) (status int, location string, err error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return 0, "", fmt.Errorf("webmention: endpoint: %w", err)
	}
	if err := p.wait(ctx, u.Host); err != nil {
		return 0, "", err
	}
	form := url.Values{"source": {source}, "target": {target}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, "", fmt.Errorf("webmention: send to %s: %w", moisson.RedactURL(endpoint), err)
	}
	s.setAgent(req)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.client().Do(req)
	p.done(u.Host)
	if err != nil {
		return 0, "", fmt.Errorf("webmention: send: %w", unwrapURLError(err))
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		msg := strings.TrimSpace(string(answer))
		if len(msg) > 200 {
			msg = msg[:200]
		}
		if msg != "" {
			msg = ": " + msg
		}
		return resp.StatusCode, "", fmt.Errorf("webmention: %s answered status %d%s", moisson.RedactURL(endpoint), resp.StatusCode, msg)
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		if l, err := resp.Request.URL.Parse(loc); err == nil {
			location = l.String()
		}
	}
	return resp.StatusCode, location, nil
}

func (s *Sender) setAgent(req *http.Request) {
	if s.UserAgent != "" {
		req.Header.Set("User-Agent", s.UserAgent)
	}
}

// unwrapURLError drops the *url.Error around a transport error: it
// quotes the whole URL, which the callers already name redacted.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// pacer spaces the requests to one host by delay.
type pacer struct {
	delay time.Duration
	last  map[string]time.Time
}

// wait waits until delay has passed since the last request to host ended.
func (p *pacer) wait(ctx context.Context, host string) error {
	last, ok := p.last[strings.ToLower(host)]
	if !ok || p.delay <= 0 {
		return nil
	}
	d := time.Until(last.Add(p.delay))
	if d <= 0 {
		return nil
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

// done notes the end of a request to host.
func (p *pacer) done(host string) { p.last[strings.ToLower(host)] = time.Now() }
