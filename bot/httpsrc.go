package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Helpers shared by the live sources (xv2.go, xv1.go, feed.go).

// sourceUserAgent names the program and its home page in every request the
// live sources make.
const sourceUserAgent = "moisson/1 (+https://github.com/moisson/moisson)"

// maxAPIBody caps an X API response body: a page of 100 posts with their
// expansions is a few hundred KiB.
const maxAPIBody = 16 << 20

// errBodyTooLarge is returned when a response body exceeds its cap: the body
// is refused rather than silently truncated.
var errBodyTooLarge = errors.New("response body too large")

// httpSource holds what the keyless API sources (Bluesky, Mastodon) share:
// their HTTP client, User-Agent, clock, how they wait out a rate limit and
// their logger.
type httpSource struct {
	client    *http.Client
	userAgent string
	now       func() time.Time
	sleep     func(ctx context.Context, d time.Duration) error
	maxWait   time.Duration
	logger    *slog.Logger
}

// defaults fills the settings left zero; maxWait is the longest wait for a
// rate limit's reset when none is set.
func (s *httpSource) defaults(maxWait time.Duration) {
	if s.client == nil {
		s.client = newSourceHTTPClient()
	}
	if s.userAgent == "" {
		s.userAgent = sourceUserAgent
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.sleep == nil {
		s.sleep = sourceSleep
	}
	if s.maxWait <= 0 {
		s.maxWait = maxWait
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
}

// newSourceHTTPClient is the client used when the caller gives none: never
// one without a timeout.
func newSourceHTTPClient() *http.Client {
	return &http.Client{Timeout: 60 * time.Second}
}

// readSourceBody reads all of r, failing with errBodyTooLarge past limit
// bytes.
func readSourceBody(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w (over %d bytes)", errBodyTooLarge, limit)
	}
	return b, nil
}

// sourceSleep waits for d or until ctx is done: the default Sleep of the
// sources.
func sourceSleep(ctx context.Context, d time.Duration) error {
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

// contextTransport attaches ctx to every request it sends: go-twitter builds
// its requests without a context, so a Fetch wraps its transport in one of
// these to make cancellation reach the connection. The deadline the
// http.Client put on the request (its Timeout) is kept.
type contextTransport struct {
	ctx  context.Context
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t contextTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := t.ctx, context.CancelFunc(func() {})
	if dl, ok := req.Context().Deadline(); ok {
		ctx, cancel = context.WithDeadline(ctx, dl)
	}
	resp, err := roundTripper(t.base).RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose releases a request's context once its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// rebaseTransport sends the requests meant for one base URL to another: it
// lets the v1.1 client, whose base is fixed, talk to a proxy or a test
// server. The request is signed before it is rebased, so the signature is
// the one the real host would check.
type rebaseTransport struct {
	from *url.URL // scheme, host and path prefix to replace
	to   *url.URL
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t rebaseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL
	if u.Scheme == t.from.Scheme && u.Host == t.from.Host && strings.HasPrefix(u.Path, t.from.Path) {
		r2 := req.Clone(req.Context())
		nu := *u
		nu.Scheme = t.to.Scheme
		nu.Host = t.to.Host
		nu.Path = strings.TrimSuffix(t.to.Path, "/") + "/" + strings.TrimPrefix(u.Path, t.from.Path)
		nu.RawPath = ""
		r2.URL = &nu
		r2.Host = ""
		req = r2
	}
	return roundTripper(t.base).RoundTrip(req)
}

func roundTripper(rt http.RoundTripper) http.RoundTripper {
	if rt == nil {
		return http.DefaultTransport
	}
	return rt
}

// parseUnixHeader reads a header holding Unix seconds (x-rate-limit-reset);
// ok is false when it is absent or malformed.
func parseUnixHeader(h http.Header, name string) (t time.Time, ok bool) {
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
