package review

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// ErrNoDaemon is returned by Dial when no process listens on the socket
// (no socket file, or one left by a process that died): the CLI then
// opens the store itself.
var ErrNoDaemon = errors.New("no moisson daemon is running")

// Client calls the API of a running daemon: over its unix socket (Dial),
// the CLI's way, or over TCP with the token (DialTCP). It implements
// Backend, so that a command runs the same code whether it opens the
// store or asks the daemon; WeekView.Digest does not travel (it is not
// in the JSON).
type Client struct {
	http *http.Client
	base string
	// token is sent as a bearer token over TCP.
	token string
	// By is who the changes are recorded as made by on the unix socket
	// ("cli" when empty); over TCP the server says who.
	By string
}

// Dial connects to the daemon listening on the unix socket at path. It
// returns ErrNoDaemon when nothing answers there.
func Dial(path string) (*Client, error) {
	c, err := net.DialTimeout("unix", path, 2*time.Second)
	if err != nil {
		if noDaemon(err) {
			return nil, fmt.Errorf("review: dial %s: %w", path, ErrNoDaemon)
		}
		return nil, fmt.Errorf("review: dial %s: %w", path, err)
	}
	c.Close()
	d := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return d.DialContext(ctx, "unix", path)
		},
		MaxIdleConns:    2,
		IdleConnTimeout: 30 * time.Second,
	}
	return &Client{http: &http.Client{Transport: tr}, base: "http://moisson"}, nil
}

// DialTCP returns a client of the daemon at baseURL ("http://host:7080"),
// sending token as a bearer token (none when empty: reads on loopback
// only). It does not connect until the first call.
func DialTCP(baseURL, token string) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("review: %q is not an http(s) URL", moisson.RedactURL(baseURL))
	}
	return &Client{
		http:  &http.Client{Timeout: writeTimeout + time.Minute},
		base:  strings.TrimRight(u.String(), "/"),
		token: token,
	}, nil
}

// Close releases the client's idle connections.
func (c *Client) Close() error {
	c.http.CloseIdleConnections()
	return nil
}

// APIError is an error answered by the daemon.
type APIError struct {
	Status  int
	Message string
	body    []byte // the answer as it came (Health reads a 503's)
}

func (e *APIError) Error() string { return fmt.Sprintf("daemon: %s (%d)", e.Message, e.Status) }

// Unwrap lets callers test the error with errors.Is against
// moisson.ErrNotFound, ErrInvalid and ErrConflict.
func (e *APIError) Unwrap() error {
	switch e.Status {
	case http.StatusNotFound:
		return moisson.ErrNotFound
	case http.StatusBadRequest:
		return ErrInvalid
	case http.StatusConflict:
		return ErrConflict
	}
	return nil
}

// do sends one request and decodes the answer into out (when not nil; a
// *string gets the body as it is).
func (c *Client) do(ctx context.Context, method, path, by string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("review: encode %s: %w", path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return fmt.Errorf("review: %s %s: %w", method, path, err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if by == "" {
		by = c.By
	}
	if by != "" {
		req.Header.Set(byHeader, by)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("review: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("review: %s %s: read: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		var e apiError
		if json.Unmarshal(b, &e) != nil || e.Error == "" {
			e.Error = strings.TrimSpace(string(b))
		}
		return fmt.Errorf("review: %s %s: %w", method, path, &APIError{Status: resp.StatusCode, Message: e.Error, body: b})
	}
	switch o := out.(type) {
	case nil:
	case *string:
		*o = string(b)
	default:
		if err := json.Unmarshal(b, out); err != nil {
			return fmt.Errorf("review: %s %s: decode: %w", method, path, err)
		}
	}
	return nil
}

// Health asks GET /api/health: the daemon's Health, degraded or not.
func (c *Client) Health(ctx context.Context) (Health, error) {
	var h Health
	err := c.do(ctx, http.MethodGet, "/api/health", "", nil, &h)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == http.StatusServiceUnavailable && ae.body != nil {
		// Degraded: the body is the Health.
		if jerr := json.Unmarshal(ae.body, &h); jerr == nil && h.Status != "" {
			return h, nil
		}
	}
	if err != nil {
		return Health{}, err
	}
	if h.Status == "" {
		return Health{}, fmt.Errorf("review: health: no status in the answer")
	}
	return h, nil
}

// Status asks GET /api/status.
func (c *Client) Status(ctx context.Context) (Status, error) {
	var s Status
	err := c.do(ctx, http.MethodGet, "/api/status", "", nil, &s)
	return s, err
}

// Weeks asks GET /api/weeks.
func (c *Client) Weeks(ctx context.Context) ([]WeekSummary, error) {
	var ws []WeekSummary
	err := c.do(ctx, http.MethodGet, "/api/weeks", "", nil, &ws)
	return ws, err
}

// Week asks GET /api/weeks/{id}.
func (c *Client) Week(ctx context.Context, id string) (WeekView, error) {
	var v WeekView
	err := c.do(ctx, http.MethodGet, "/api/weeks/"+url.PathEscape(id), "", nil, &v)
	return v, err
}

// Markdown asks GET /api/weeks/{id}/markdown: the post as it will be
// written.
func (c *Client) Markdown(ctx context.Context, id string) (string, error) {
	var s string
	err := c.do(ctx, http.MethodGet, "/api/weeks/"+url.PathEscape(id)+"/markdown", "", nil, &s)
	return s, err
}

// Edit sends POST /api/weeks/{id}/changes.
func (c *Client) Edit(ctx context.Context, id string, ch Change) error {
	return c.do(ctx, http.MethodPost, "/api/weeks/"+url.PathEscape(id)+"/changes", ch.By, ch, nil)
}

// Undo sends POST /api/weeks/{id}/undo.
func (c *Client) Undo(ctx context.Context, id, by string) error {
	return c.do(ctx, http.MethodPost, "/api/weeks/"+url.PathEscape(id)+"/undo", by, nil, nil)
}

// Regenerate sends POST /api/weeks/{id}/regenerate.
func (c *Client) Regenerate(ctx context.Context, id string, refresh, force bool, by string) (WeekView, error) {
	var v WeekView
	err := c.do(ctx, http.MethodPost, "/api/weeks/"+url.PathEscape(id)+"/regenerate", by, RegenerateRequest{Refresh: refresh, Force: force}, &v)
	return v, err
}

// Publish sends POST /api/weeks/{id}/publish.
func (c *Client) Publish(ctx context.Context, id, by string) (moisson.Publication, error) {
	var p moisson.Publication
	err := c.do(ctx, http.MethodPost, "/api/weeks/"+url.PathEscape(id)+"/publish", by, nil, &p)
	return p, err
}

// Scrape sends POST /api/scrape.
func (c *Client) Scrape(ctx context.Context, urls []string, refresh, noStore bool) ([]moisson.Page, error) {
	var pages []moisson.Page
	err := c.do(ctx, http.MethodPost, "/api/scrape", "", ScrapeRequest{URLs: urls, Refresh: refresh, NoStore: noStore}, &pages)
	return pages, err
}

// Import sends POST /api/import; path is read by the daemon, on its
// machine.
func (c *Client) Import(ctx context.Context, path string) (ImportResult, error) {
	var res ImportResult
	err := c.do(ctx, http.MethodPost, "/api/import", "", ImportRequest{Path: path}, &res)
	return res, err
}

var _ Backend = (*Client)(nil)
