package scrape

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/moisson/moisson"
)

// Defaults of Options.
const (
	DefaultUserAgent    = "moisson/1.0 (+https://github.com/moisson/moisson)"
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBodyBytes = 10 << 20
	DefaultMaxRedirects = 10
	DefaultConcurrency  = 8
	DefaultHostDelay    = time.Second
	DefaultRetries      = 2
	DefaultRetryBackoff = time.Second
	// DefaultPageTimeoutFactor makes the default PageTimeout: this many
	// times Timeout.
	DefaultPageTimeoutFactor = 2
)

const (
	// dialTimeout bounds the TCP connection, well inside Timeout, so that
	// a dead host fails fast.
	dialTimeout = 10 * time.Second
	// maxRetryAfter is the longest Retry-After honoured: a site asking for
	// more is not retried in this run (it would only be hammered sooner
	// than it asked).
	maxRetryAfter = 2 * time.Minute
	// maxBackoff caps the exponential backoff between two attempts.
	maxBackoff = 30 * time.Second
	// tooManyRequestsFactor makes the backoff harsher after a 429 without
	// Retry-After.
	tooManyRequestsFactor = 5
	// drainBytes is how much of an error response's body is read so that
	// its connection can be reused.
	drainBytes = 4 << 10
	// maxHeaderBytes bounds a response's headers (Go's default is 10 MiB).
	maxHeaderBytes = 1 << 20
)

// acceptHeader is the Accept sent with every fetch.
const acceptHeader = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"

// acceptLanguageHeader is the Accept-Language of DefaultLanguage, for the
// requests made without a Scraper's options.
const acceptLanguageHeader = "fr,en;q=0.8"

// DefaultLanguage is the language pages are asked in when
// Options.Language is empty.
const DefaultLanguage = "fr"

// acceptLanguage is the Accept-Language of a language tag: the tag, its
// base language when it has a region ("fr-CA,fr;q=0.9"), then English
// ("en;q=0.8") unless it is English. A tag that is not one (letters,
// digits and dashes, at most 35 bytes) counts as the default.
func acceptLanguage(tag string) string {
	tag = strings.ReplaceAll(strings.TrimSpace(tag), "_", "-")
	if !validTag(tag) {
		tag = DefaultLanguage
	}
	base, _, regional := strings.Cut(tag, "-")
	base = strings.ToLower(base)
	parts := []string{tag}
	if regional {
		parts = append(parts, base+";q=0.9")
	}
	if base != "en" {
		parts = append(parts, "en;q=0.8")
	}
	return strings.Join(parts, ",")
}

// validTag reports whether tag looks like a BCP 47 language tag.
func validTag(tag string) bool {
	if tag == "" || len(tag) > 35 || tag[0] == '-' {
		return false
	}
	for _, r := range tag {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Options tunes a Scraper. The zero value of every field means its default;
// a negative value means "none" where that makes sense (HostDelay, Retries).
type Options struct {
	// UserAgent names the program and its home page.
	// Default DefaultUserAgent.
	UserAgent string
	// Timeout bounds one request, redirects and body included.
	// Default 20s; connecting is bounded by 10s.
	Timeout time.Duration
	// MaxBodyBytes is the largest body read. A bigger body fails with
	// "body larger than N bytes", except an HTML page (text/html,
	// application/xhtml+xml), whose first MaxBodyBytes are kept and
	// extracted: a page's head and opening are at its start, and a huge
	// page is still worth its title. Images, audio, video and fonts are not
	// read at all: only their Content-Type and URL are extracted.
	// Default 10 MiB.
	MaxBodyBytes int64
	// MaxRedirects is the number of redirects followed. Default 10.
	MaxRedirects int
	// AllowPrivate lets the default transport connect to loopback, private
	// and link-local addresses (MOISSON_ALLOW_PRIVATE_NETWORKS); tests and
	// an intranet need it, a server exposed to shared links must not.
	AllowPrivate bool
	// Concurrency bounds the requests ScrapeAll has in flight. Default 8.
	Concurrency int
	// HostDelay is the pause ScrapeAll makes between the end of a request
	// to a host and the start of the next one; it never sends two requests
	// to the same host at once. Default 1s; negative: no pause.
	HostDelay time.Duration
	// Retries is the number of retries of a temporary failure (429, 5xx
	// but 501, timeouts, connection resets). Default 2; negative: none.
	Retries int
	// RetryBackoff is the pause before the first retry; it doubles with
	// each retry, with jitter, capped at 30s, and is five times longer after
	// a 429. A Retry-After header on 429 and 503 replaces it (up to 2
	// minutes; beyond, the page is not retried). Default 1s.
	RetryBackoff time.Duration
	// PageTimeout bounds the whole of one page: its attempts and the
	// pauses between them. A retry that could not start and end in time
	// is not made, and an attempt still running at the limit is
	// abandoned (the page fails with a temporary error, to be tried again
	// another run). Default 2 × Timeout.
	PageTimeout time.Duration
	// PDFBudget is the time a PDF's extraction may take; past it, the page
	// is a permanent failure ("pdf: extraction took too long"), never
	// retried. Default DefaultPDFBudget (2s); negative: no limit.
	PDFBudget time.Duration
	// Language is the language the pages are wanted in, a BCP 47 tag
	// ("fr", "en-GB", "de"): sent first in Accept-Language, English
	// after it, so that sites that localise by address answer in the
	// post's language. Default "fr".
	Language string
	// Logger receives the panics of the extractors, with their stack and
	// the page's URL (redacted): a bug to fix, which costs one page. The
	// page's failure itself is told by its Error, as for every failure.
	// Default: no logging.
	Logger *slog.Logger
	// HostTitles returns the <title>s (Page.DocTitle) of pages of a
	// host already fetched, most recent first, for the extraction of
	// another page of that host: what they repeat at either end ("… -
	// The Daily Planet") is the site's decoration, cut from the new
	// page's title (extract.Options.HostTitles). The host is lower case,
	// as the final URL gives it (with its port if it has one); at most 20
	// titles are used. It is called once per HTML page, from several
	// goroutines at once; a lookup that fails returns nil (the title is
	// then cut on the page's own evidence). Nil: no such hint.
	HostTitles func(ctx context.Context, host string) []string
	// Thumbnails makes the scraper fetch the preview image each page
	// names (moisson.Page.Image) and keep a thumbnail of it
	// (Page.ImageFiles.Thumb), for the review page. The image is fetched
	// as the page is, through the same client (guard, User-Agent,
	// timeout, redirects), one request per host per HostDelay; a failure
	// costs the image only (Image.Error), never the page.
	Thumbnails bool
	// PostImages makes the scraper keep, with the thumbnail, a copy of
	// the image for the post (Page.ImageFiles.Post), at most ImageWidth
	// wide (MOISSON_IMAGES). It needs Thumbnails.
	PostImages bool
	// ImageWidth is the largest width of the post's copy of an image.
	// Default DefaultImageWidth (800 px).
	ImageWidth int
	// MaxImageBytes is the largest image body read. Default
	// DefaultMaxImageBytes (5 MiB).
	MaxImageBytes int64
	// MaxImagePixels is the largest width × height of an image, read
	// from its header before it is decoded. Default
	// DefaultMaxImagePixels (24 million).
	MaxImagePixels int64
	// HasImage reports whether the files of the image named name
	// (moisson.ImageName) are kept already, the post's copy among them
	// when post: such an image is not fetched again when its page is
	// scraped again (a refresh, a regeneration), and the page comes
	// with its Image's URL and alt alone (the store keeps the one it
	// has). Nil: every image is fetched.
	HasImage func(ctx context.Context, name string, post bool) bool
	// Transport makes the requests. Nil means the default transport, which
	// refuses private networks unless AllowPrivate; a Transport given here
	// replaces it and its guard: the caller answers for where it connects.
	Transport http.RoundTripper
	// Now stamps Page.FetchedAt and reads Retry-After dates. Default
	// time.Now. Scheduling (HostDelay, backoff) always runs on the real
	// clock.
	Now func() time.Time
}

// withDefaults returns o with every zero field set to its default and
// every negative "none" field set to zero.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	switch {
	case o.HostDelay == 0:
		o.HostDelay = DefaultHostDelay
	case o.HostDelay < 0:
		o.HostDelay = 0
	}
	switch {
	case o.Retries == 0:
		o.Retries = DefaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = DefaultRetryBackoff
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = DefaultPageTimeoutFactor * o.Timeout
	}
	switch {
	case o.PDFBudget == 0:
		o.PDFBudget = DefaultPDFBudget
	case o.PDFBudget < 0:
		o.PDFBudget = 0
	}
	if o.ImageWidth <= 0 {
		o.ImageWidth = DefaultImageWidth
	}
	if o.MaxImageBytes <= 0 {
		o.MaxImageBytes = DefaultMaxImageBytes
	}
	if o.MaxImagePixels <= 0 {
		o.MaxImagePixels = DefaultMaxImagePixels
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// ErrPrivateNetwork is the error of a connection refused by the guard of the
// default transport: the address, resolved or redirected to, is not on the
// public internet.
var ErrPrivateNetwork = errors.New("scrape: refusing to connect to a private, loopback or link-local address")

// HTTPError is a response whose status is not 2xx.
type HTTPError struct {
	// URL is the address that answered, redacted (moisson.RedactURL).
	URL        string
	StatusCode int
}

// Error says which URL answered which status.
func (e *HTTPError) Error() string {
	text := http.StatusText(e.StatusCode)
	if text == "" {
		return fmt.Sprintf("scrape: get %s: status %d", e.URL, e.StatusCode)
	}
	return fmt.Sprintf("scrape: get %s: status %d %s", e.URL, e.StatusCode, text)
}

// Temporary reports whether retrying may succeed: 408, 429 and the 5xx
// statuses but 501.
func (e *HTTPError) Temporary() bool {
	switch {
	case e.StatusCode == http.StatusRequestTimeout, e.StatusCode == http.StatusTooManyRequests:
		return true
	case e.StatusCode == http.StatusNotImplemented:
		return false
	}
	return e.StatusCode >= 500 && e.StatusCode <= 599
}

// Permanent reports whether the page is gone for good: the 4xx statuses
// but 408 and 429 (404, 410, 403, 451…), and 501.
func (e *HTTPError) Permanent() bool {
	switch e.StatusCode {
	case http.StatusRequestTimeout, http.StatusTooManyRequests:
		return false
	case http.StatusNotImplemented:
		return true
	}
	return e.StatusCode >= 400 && e.StatusCode <= 499
}

// permanentError marks a failure of our own making that retrying will not
// cure: a redirect loop, a body too large, a scheme we don't speak.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return &permanentError{err: err} }

// classify tells whether err is worth retrying now (temporary) and whether
// it will never go away (permanent). An error may be neither: a refused
// connection or a bad certificate is not retried in this run, but the
// page is worth another try another day.
func classify(err error) (temporary, permanentErr bool) {
	if err == nil {
		return false, false
	}
	var httpErr *HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.Temporary(), httpErr.Permanent()
	}
	var perm *permanentError
	if errors.As(err, &perm) || errors.Is(err, ErrPrivateNetwork) {
		return false, true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return false, true
		}
		return dnsErr.IsTimeout || dnsErr.IsTemporary, false
	}
	if errors.Is(err, context.Canceled) {
		return false, false
	}
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()) {
		return true, false
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true, false
	}
	return false, false
}

// unreachable reports whether err says no server answered at all:
// connection refused, no such host, no route, a TLS handshake or
// certificate failure. Such a page is not retried in the run (a server
// down is not back in seconds) and, once its week is over, is taken from
// the Wayback Machine (moisson.Page.Unreachable).
func unreachable(err error) bool {
	if err == nil {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsNotFound
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) {
		return true
	}
	var (
		unknownAuth  x509.UnknownAuthorityError
		hostErr      x509.HostnameError
		invalidCert  x509.CertificateInvalidError
		verifyErr    *tls.CertificateVerificationError
		recordErr    tls.RecordHeaderError
		alertErr     tls.AlertError
		echRejectErr *tls.ECHRejectionError
	)
	return errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &invalidCert) ||
		errors.As(err, &verifyErr) || errors.As(err, &recordErr) || errors.As(err, &alertErr) ||
		errors.As(err, &echRejectErr) || strings.Contains(err.Error(), "tls: ")
}

// backoff is the pause before retry number attempt (1 for the first retry):
// base doubled each time, capped, with jitter in its upper half so that
// pages failing together are not retried together.
func backoff(base time.Duration, attempt int, tooManyRequests bool) time.Duration {
	if tooManyRequests {
		base *= tooManyRequestsFactor
	}
	d := base
	for i := 1; i < attempt && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	half := d / 2
	return half + rand.N(half+1)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		switch {
		case secs < 0:
			return 0, true
		case secs > int64(24*time.Hour/time.Second):
			return 24 * time.Hour, true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// blockedPrefixes are the ranges outside the public internet that netip's
// predicates don't name. It is never written to.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("fec0::/10"),       // deprecated site-local
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
}

// nat64 is the well-known NAT64 prefix: its addresses reach the IPv4
// address in their last four bytes, which must be public too.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// isPublic reports whether ip is a unicast address on the public internet.
func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	if nat64.Contains(ip) {
		b := ip.As16()
		return isPublic(netip.AddrFrom4([4]byte(b[12:16])))
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// guard is the net.Dialer Control of the default transport. It runs once
// the host is resolved, on every connection, redirects included, so a name
// resolving to 127.0.0.1 or a redirect to 169.254.169.254 is refused.
func guard(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("scrape: guard %s: %w", address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("scrape: guard %s: %w", address, err)
	}
	if !isPublic(ip) {
		return fmt.Errorf("%w (%s)", ErrPrivateNetwork, ip)
	}
	return nil
}

// newDialer returns the dialer of the default transport, guarded unless
// allowPrivate.
func newDialer(allowPrivate bool) *net.Dialer {
	d := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = guard
	}
	return d
}

// newTransport returns the default transport dialling with dial. It uses no
// proxy: the guard sees the address it connects to, and through a proxy
// that would be the proxy's.
func newTransport(dial func(ctx context.Context, network, addr string) (net.Conn, error), concurrency int) *http.Transport {
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           dial,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          max(100, 4*concurrency),
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   dialTimeout,
		ExpectContinueTimeout: time.Second,
		// A page's headers are a few kilobytes; a server sending
		// megabytes of them is not waited for.
		MaxResponseHeaderBytes: maxHeaderBytes,
	}
}

// newClient builds the one client a Scraper uses.
func newClient(o Options) *http.Client {
	tr := o.Transport
	if tr == nil {
		tr = newTransport(newDialer(o.AllowPrivate).DialContext, o.Concurrency)
	}
	maxRedirects := o.MaxRedirects
	return &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			return checkRedirect(req, via, maxRedirects)
		},
	}
}

// checkRedirect refuses a redirect to a scheme other than http(s), a loop
// and more than maxRedirects redirects. A URL may be seen twice: sites
// bounce through a cookie-setting page and back; a third time is a loop.
func checkRedirect(req *http.Request, via []*http.Request, maxRedirects int) error {
	if !httpScheme(req.URL.Scheme) {
		return permanent(fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme))
	}
	target := req.URL.String()
	seen := 0
	for _, r := range via {
		if r.URL.String() == target {
			seen++
		}
	}
	if seen >= 2 {
		return permanent(fmt.Errorf("redirect loop at %s", redact(req.URL)))
	}
	if len(via) > maxRedirects {
		return permanent(fmt.Errorf("too many redirects (more than %d)", maxRedirects))
	}
	return nil
}

func httpScheme(scheme string) bool {
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")
}

// parseTarget parses a URL to fetch. Its errors never quote the URL, which
// may hold credentials.
func parseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, permanent(fmt.Errorf("scrape: invalid url: %w", err))
	}
	if !httpScheme(u.Scheme) {
		return nil, permanent(fmt.Errorf("scrape: unsupported scheme %q", u.Scheme))
	}
	if u.Host == "" {
		return nil, permanent(errors.New("scrape: invalid url: no host"))
	}
	return u, nil
}

// redact returns u as a string fit for an error or a log: its userinfo
// and the tokens it may carry hidden (moisson.RedactURL).
func redact(u *url.URL) string {
	if u == nil {
		return ""
	}
	return moisson.RedactURL(u.String())
}

// withoutUser returns u as a string without its userinfo: the address a
// page is known by (FinalURL, CanonicalURL), with its query intact.
func withoutUser(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.User == nil {
		return u.String()
	}
	c := *u
	c.User = nil
	return c.String()
}

// response is what one fetch learned.
type response struct {
	// final is where the redirects ended; nil when no response came.
	final       *url.URL
	status      int
	contentType string
	body        []byte
	// retryAfter is the Retry-After of a 429 or 503, when it had one.
	retryAfter    time.Duration
	hasRetryAfter bool
}

// fetch makes one request for u, following redirects, and reads the body
// according to its status and Content-Type. Its errors say which URL failed
// and never quote userinfo.
func (s *Scraper) fetch(ctx context.Context, u *url.URL) (response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return response{}, permanent(fmt.Errorf("scrape: get %s: invalid request", redact(u)))
	}
	req.Header.Set("User-Agent", s.opts.UserAgent)
	req.Header.Set("Accept", acceptHeader)
	req.Header.Set("Accept-Language", acceptLanguage(s.opts.Language))

	// A jar for this redirect chain only: some sites set a cookie and
	// redirect back, and loop forever without one. Nothing is kept from
	// one link to the next.
	client := *s.client
	client.Jar, _ = cookiejar.New(nil) // cookiejar.New never fails with nil options
	// The last redirect followed, to tell where a failing chain led.
	var last response
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := s.client.CheckRedirect(req, via); err != nil {
			return err
		}
		last.final = req.URL
		if req.Response != nil {
			last.status = req.Response.StatusCode
		}
		return nil
	}

	resp, err := client.Do(req)
	if err != nil {
		r := last
		if resp != nil {
			// A CheckRedirect error comes with the last response, body closed.
			r.final, r.status = resp.Request.URL, resp.StatusCode
			resp.Body.Close()
		}
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // its message quotes the URL, userinfo and all
		}
		return r, fmt.Errorf("scrape: get %s: %w", redact(u), err)
	}
	defer resp.Body.Close()

	r := response{
		final:       resp.Request.URL,
		status:      resp.StatusCode,
		contentType: resp.Header.Get("Content-Type"),
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			r.retryAfter, r.hasRetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), s.opts.Now())
		}
		if wallStatus(resp.StatusCode) && isHTML(mediaTypeOf(r.contentType)) {
			// Bot challenges answer so, with a page of their own: it is
			// read to tell a wall (tried again another day) from a
			// refusal for good.
			r.body, _ = readBody(resp.Body, wallBodyBytes, true, resp.ContentLength)
		}
		_, _ = io.CopyN(io.Discard, resp.Body, drainBytes)
		return r, &HTTPError{URL: redact(r.final), StatusCode: resp.StatusCode}
	}

	mediaType := mediaTypeOf(r.contentType)
	switch {
	case skipBody(mediaType):
		return r, nil
	case isHTML(mediaType):
		r.body, err = readBody(resp.Body, s.opts.MaxBodyBytes, true, resp.ContentLength)
	default:
		if resp.ContentLength > s.opts.MaxBodyBytes {
			return r, permanent(fmt.Errorf("scrape: get %s: body larger than %d bytes", redact(r.final), s.opts.MaxBodyBytes))
		}
		r.body, err = readBody(resp.Body, s.opts.MaxBodyBytes, false, resp.ContentLength)
	}
	if err != nil {
		return r, fmt.Errorf("scrape: get %s: %w", redact(r.final), err)
	}
	return r, nil
}

// mediaTypeOf returns the lower-cased media type of a Content-Type,
// without parameters, even malformed ones ("text/html; charset" is still
// HTML).
func mediaTypeOf(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// wallBodyBytes is how much of a refusal's page is read to tell a wall.
const wallBodyBytes = 256 << 10

// wallStatus reports whether bot walls answer with this status.
func wallStatus(code int) bool {
	return code == http.StatusUnauthorized || code == http.StatusForbidden ||
		code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable
}

// isHTML reports whether a page of this media type may be cut at
// MaxBodyBytes and still be extracted.
func isHTML(mediaType string) bool {
	return mediaType == "text/html" || mediaType == "application/xhtml+xml"
}

// skipBody reports whether a body of this media type tells Extract nothing
// that its Content-Type and URL don't: a video is not downloaded to learn
// that it is a video.
func skipBody(mediaType string) bool {
	for _, prefix := range []string{"image/", "audio/", "video/", "font/"} {
		if strings.HasPrefix(mediaType, prefix) {
			return true
		}
	}
	return false
}

// readBody reads at most limit bytes of r. When more come, it keeps the
// first limit bytes if truncate, else fails: reading stops at limit+1
// bytes either way, so an endless body costs limit bytes of memory.
func readBody(r io.Reader, limit int64, truncate bool, contentLength int64) ([]byte, error) {
	var buf bytes.Buffer
	if contentLength > 0 && contentLength <= limit {
		buf.Grow(int(contentLength) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if n > limit {
		if !truncate {
			return nil, permanent(fmt.Errorf("body larger than %d bytes", limit))
		}
		return buf.Bytes()[:limit], nil
	}
	return buf.Bytes(), nil
}
