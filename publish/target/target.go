// Package target publishes the weekly post on platforms that are not a
// git checkout: a Micropub server (micro.blog, Indiekit, WordPress with
// the IndieWeb plugin), WordPress through its REST API, and Ghost through
// its Admin API. Each is a Target; Publish sends a week's Entry to each
// and keeps the platform's id of the post, so that an edit of the week
// updates the same post instead of making another.
package target

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// Entry is a week's post as a target receives it.
type Entry struct {
	// Week is the ISO week, "2014-W40".
	Week string
	// Title is the post's title.
	Title string
	// Markdown is the post's body in Markdown, without front matter;
	// HTML the same body rendered.
	Markdown, HTML string
	// Categories and Tags are the post's, as its front matter names them.
	Categories, Tags []string
	// Published is the post's date.
	Published time.Time
	// Draft is true while the week waits for the author's approval.
	Draft bool
}

// hash identifies what is sent of e, so that an unchanged week is not
// sent again.
func (e Entry) hash() string {
	h := sha256.New()
	for _, s := range []string{e.Title, e.Markdown, e.HTML, strings.Join(e.Categories, "\x1f"), strings.Join(e.Tags, "\x1f"), fmt.Sprint(e.Draft), e.Published.UTC().Format(time.RFC3339)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Remote is what a target says of a post it holds.
type Remote struct {
	// ID is the target's id of the post (Micropub: its URL).
	ID string
	// URL is the post's address, when the target gives it.
	URL string
	// Version is what an update must send back (Ghost's updated_at).
	Version string
}

// Target is a platform a week's post is published on.
type Target interface {
	// Name names the target in the store, status and logs: "micropub",
	// "wordpress", "ghost".
	Name() string
	// Drafts reports whether the target can hold a post unpublished: a
	// draft week is sent only to those that can.
	Drafts() bool
	// Create publishes a new post (a draft when e.Draft).
	Create(ctx context.Context, e Entry) (Remote, error)
	// Update replaces the post r with e. Both return an *HTTPError when
	// the target answers with an error status.
	Update(ctx context.Context, r Remote, e Entry) (Remote, error)
}

// Store keeps the target's id of each week's post (*archive.Store).
type Store interface {
	// RemotePost returns an error wrapping moisson.ErrNotFound when the
	// week was never published on target.
	RemotePost(ctx context.Context, target, week string) (moisson.RemotePost, error)
	PutRemotePost(ctx context.Context, p moisson.RemotePost) error
}

// Publish sends e to each target: created the first time, updated when
// the week changed since, left alone when it did not. A draft is sent
// only to the targets that hold drafts. The target's id is recorded as
// soon as a post is created, so that it is never created twice. It
// returns the names of the targets that created or updated the post, and
// the failures of the others (tried again at the next call).
func Publish(ctx context.Context, st Store, targets []Target, e Entry, now time.Time) (done []string, err error) {
	hash := e.hash()
	var errs []error
	for _, t := range targets {
		if e.Draft && !t.Drafts() {
			continue
		}
		prev, err := st.RemotePost(ctx, t.Name(), e.Week)
		found := err == nil
		if err != nil && !errors.Is(err, moisson.ErrNotFound) {
			errs = append(errs, fmt.Errorf("target %s: %w", t.Name(), err))
			continue
		}
		if found && prev.Hash == hash {
			continue
		}
		var r Remote
		if found {
			r, err = t.Update(ctx, Remote{ID: prev.ID, URL: prev.URL, Version: prev.Version}, e)
		} else {
			r, err = t.Create(ctx, e)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("target %s: week %s: %s", t.Name(), e.Week, moisson.RedactText(err.Error())))
			switch {
			case found && errors.Is(err, ErrEditedThere):
				// The author's edit on the platform is kept: not
				// tried again until the week changes.
				prev.Hash, prev.At = hash, now
			case found && prev.Hash != "":
				// Marked stale, so that the update is tried again
				// (Pending) without waiting for the week to change.
				prev.Hash = ""
			default:
				continue
			}
			if perr := st.PutRemotePost(ctx, prev); perr != nil {
				errs = append(errs, fmt.Errorf("target %s: %w", t.Name(), perr))
			}
			continue
		}
		if r.ID == "" {
			r.ID = prev.ID
		}
		if r.URL == "" {
			r.URL = prev.URL
		}
		rec := moisson.RemotePost{Target: t.Name(), Week: e.Week, ID: r.ID, URL: r.URL, Version: r.Version, Hash: hash, Draft: e.Draft, At: now}
		if err := st.PutRemotePost(ctx, rec); err != nil {
			errs = append(errs, fmt.Errorf("target %s: %w", t.Name(), err))
			continue
		}
		done = append(done, t.Name())
	}
	return done, errors.Join(errs...)
}

// ErrEditedThere is returned by an Update that the platform refused
// because the post was edited there since moisson sent it (Ghost's 409):
// the author's edit is kept.
var ErrEditedThere = errors.New("the post was edited on the platform since moisson sent it: kept as it is")

// Pending reports whether a week's post on a target needs sending again:
// never created there, or its last update failed.
func Pending(ctx context.Context, st Store, t Target, week string, draft bool) (bool, error) {
	if draft && !t.Drafts() {
		return false, nil
	}
	p, err := st.RemotePost(ctx, t.Name(), week)
	if errors.Is(err, moisson.ErrNotFound) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return p.Hash == "", nil
}

// HTTPError is a target's error answer. Its message is the target's own,
// shortened; it never holds a token or a password.
type HTTPError struct {
	StatusCode int
	Message    string
}

func (e *HTTPError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("status %d", e.StatusCode)
	}
	return fmt.Sprintf("status %d: %s", e.StatusCode, e.Message)
}

// maxAnswer bounds what is read of an answer.
const maxAnswer = 4 << 20

// DefaultTimeout bounds one request when no client is given.
const DefaultTimeout = 30 * time.Second

// defaultClient is used when a target has no Client.
func client(c *http.Client) *http.Client {
	if c == nil {
		return &http.Client{Timeout: DefaultTimeout}
	}
	return c
}

// answer is what do read of a response.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request; a status that is not 2xx is an *HTTPError.
func do(ctx context.Context, c *http.Client, method, u string, header http.Header, body []byte) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return answer{}, fmt.Errorf("request %s: %w", moisson.RedactURL(u), err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := client(c).Do(req)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %s", method, moisson.RedactURL(u), moisson.RedactText(err.Error()))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: read answer: %w", method, moisson.RedactURL(u), err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, body: data}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return a, fmt.Errorf("%s %s: %w", method, moisson.RedactURL(u), &HTTPError{StatusCode: resp.StatusCode, Message: errorMessage(data)})
	}
	return a, nil
}

// errorMessage takes the message of an error answer: the "message" or
// "error_description" of a JSON body (WordPress, Ghost, Micropub), else
// the start of the text.
func errorMessage(body []byte) string {
	var j struct {
		Message          string `json:"message"`
		ErrorDescription string `json:"error_description"`
		Error            string `json:"error"`
		Errors           []struct {
			Message string `json:"message"`
			Context string `json:"context"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &j) == nil {
		switch {
		case j.Message != "":
			return moisson.RedactText(j.Message)
		case j.ErrorDescription != "":
			return moisson.RedactText(j.ErrorDescription)
		case len(j.Errors) > 0:
			return moisson.RedactText(strings.TrimSpace(j.Errors[0].Message + " " + j.Errors[0].Context))
		case j.Error != "":
			return moisson.RedactText(j.Error)
		}
	}
	s := strings.TrimSpace(string(body))
	if len(s) > 200 {
		s = s[:200]
	}
	return moisson.RedactText(s)
}

// jsonHeader is the header of a JSON request, with auth as Authorization.
func jsonHeader(auth string) http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Accept", "application/json")
	if auth != "" {
		h.Set("Authorization", auth)
	}
	return h
}
