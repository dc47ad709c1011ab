package x

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
)

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
