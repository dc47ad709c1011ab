// Package httpsrc holds what the sources that read a web API share: the
// User-Agent, a client that never waits forever, a body cap that fails
// rather than truncating, and the rate-limit waits of the keyless APIs
// (the Bluesky AppView, Mastodon instances) with their error type.
package httpsrc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// UserAgent names the program and its home page in every request the live
// sources make.
const UserAgent = "moisson/1 (+https://github.com/moisson/moisson)"

// MaxAPIBody caps an API response body: a page of 100 posts with their
// expansions is a few hundred KiB.
const MaxAPIBody = 16 << 20

// ErrBodyTooLarge is returned when a response body exceeds its cap: the
// body is refused rather than silently truncated.
var ErrBodyTooLarge = errors.New("response body too large")

// The number of times one request of a keyless API is tried again after a
// 429 or a 5xx.
const (
	Max429Retries = 3
	Max5xxRetries = 2
)

// Base holds what the keyless API sources (Bluesky, Mastodon) share: their
// HTTP client, User-Agent, clock, how they wait out a rate limit and their
// logger. The sources embed it.
type Base struct {
	HTTPClient *http.Client
	UserAgent  string
	Now        func() time.Time
	Sleep      func(ctx context.Context, d time.Duration) error
	// MaxWait is the longest wait for a rate limit's reset.
	MaxWait time.Duration
	Logger  *slog.Logger
}

// Defaults fills the settings left zero; maxWait is the longest wait for a
// rate limit's reset when none is set.
func (s *Base) Defaults(maxWait time.Duration) {
	if s.HTTPClient == nil {
		s.HTTPClient = NewHTTPClient()
	}
	if s.UserAgent == "" {
		s.UserAgent = UserAgent
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Sleep == nil {
		s.Sleep = Sleep
	}
	if s.MaxWait <= 0 {
		s.MaxWait = maxWait
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
}

// NewHTTPClient is the client used when the caller gives none: never one
// without a timeout.
func NewHTTPClient() *http.Client {
	return &http.Client{Timeout: 60 * time.Second}
}

// ReadBody reads all of r, failing with ErrBodyTooLarge past limit bytes.
func ReadBody(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w (over %d bytes)", ErrBodyTooLarge, limit)
	}
	return b, nil
}

// Sleep waits for d or until ctx is done: the default Sleep of the
// sources.
func Sleep(ctx context.Context, d time.Duration) error {
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

// ParseUnixHeader reads a header holding Unix seconds (x-rate-limit-reset);
// ok is false when it is absent or malformed.
func ParseUnixHeader(h http.Header, name string) (t time.Time, ok bool) {
	v := strings.TrimSpace(h.Get(name))
	if v == "" {
		return time.Time{}, false
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec <= 0 {
		return time.Time{}, false
	}
	return time.Unix(sec, 0).UTC(), true
}

// ServiceError is an error answer of a keyless API (the Bluesky AppView, a
// Mastodon instance).
type ServiceError struct {
	// Service is "bluesky" or "mastodon".
	Service    string
	StatusCode int
	// Code is the service's own error name ("InvalidRequest",
	// "RateLimitExceeded"), Message its words.
	Code    string
	Message string
	// RetryAt is when a rate-limited request may succeed again; zero when
	// unknown or when waiting will not help.
	RetryAt time.Time
	// Text is the message Error returns: it says what to do and never
	// holds a secret.
	Text string
}

// Error returns a message that says what to do; it never holds a secret.
func (e *ServiceError) Error() string { return e.Text }

// Temporary reports whether the same request may succeed later: a rate
// limit or a server error.
func (e *ServiceError) Temporary() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// RateLimitReset reads when a rate limit resets: ratelimit-reset (Unix
// seconds, Bluesky), x-ratelimit-reset (an ISO 8601 time, Mastodon) or
// Retry-After (seconds).
func RateLimitReset(h http.Header, now time.Time) (time.Time, bool) {
	for _, name := range []string{"ratelimit-reset", "x-ratelimit-reset"} {
		v := strings.TrimSpace(h.Get(name))
		if v == "" {
			continue
		}
		if t, ok := ParseUnixHeader(h, name); ok {
			return t, true
		}
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t.UTC(), true
		}
	}
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if s, err := strconv.Atoi(v); err == nil && s >= 0 {
			return now.Add(time.Duration(s) * time.Second), true
		}
		if t, err := http.ParseTime(v); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// WaitForReset sleeps until one second past reset, or returns e when that
// is further than the source's MaxWait. A reset in the past still waits a
// second.
func (s *Base) WaitForReset(ctx context.Context, reset time.Time, e *ServiceError) error {
	d := reset.Sub(s.Now()) + time.Second
	if d < time.Second {
		d = time.Second
	}
	if d > s.MaxWait {
		e.Text += ": retry after " + reset.UTC().Format(time.RFC3339)
		return e
	}
	s.Logger.InfoContext(ctx, e.Service+" rate limited, waiting", "wait", d, "reset", reset.UTC())
	if err := s.Sleep(ctx, d); err != nil {
		return fmt.Errorf("%s: waiting for the rate limit: %w", e.Service, err)
	}
	return nil
}
