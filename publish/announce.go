package publish

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
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dghubble/oauth1"

	"github.com/moisson/moisson"
)

// Post is what is announced of a week's post: digest.Announcement's
// fields, and its image's bytes.
type Post struct {
	// Week is the ISO week, "2014-W40".
	Week string
	// Title, URL and Description are the post's; Lang its language
	// ("fr", "en").
	Title, URL, Description string
	Lang                    string
	// Text is the message, the URL in it (digest's "announce" block).
	Text string
	// Thumb is the JPEG of the post's own image (digest.Announcement's
	// Image, as stored), the link card's thumbnail on Bluesky; nil: a
	// card without one.
	Thumb []byte
}

// The services a post is announced on, as MOISSON_ANNOUNCE names them and
// moisson.Publication.Announced records them.
const (
	ServiceMastodon = "mastodon"
	ServiceBluesky  = "bluesky"
	ServiceX        = "x"
)

// Service posts an announcement on one network.
type Service interface {
	// Name is the service's name: ServiceMastodon, ServiceBluesky,
	// ServiceX.
	Name() string
	// Post publishes the announcement. It returns an *HTTPError when the
	// service answers with an error status.
	Post(ctx context.Context, p Post) error
}

// Announcer announces each published week once on each of its services.
type Announcer struct {
	Services []Service
}

// Announce posts p on every service that pub.Announced does not name yet,
// and returns the names of those where it succeeded: the caller adds them
// to pub.Announced and stores the publication, so that a week is
// announced once per service even across restarts (a failed service is
// tried again at the next call). A draft, a post with no URL or a
// publication in conflict is announced nowhere.
func (a *Announcer) Announce(ctx context.Context, pub moisson.Publication, p Post) (done []string, err error) {
	if a == nil || pub.Draft || pub.Conflict != "" || p.URL == "" {
		return nil, nil
	}
	var errs []error
	for _, s := range a.Services {
		if slices.Contains(pub.Announced, s.Name()) {
			continue
		}
		if err := s.Post(ctx, p); err != nil {
			errs = append(errs, fmt.Errorf("announce week %s on %s: %w", p.Week, s.Name(), err))
			continue
		}
		done = append(done, s.Name())
	}
	return done, errors.Join(errs...)
}

// HTTPError is a service's error answer. Its message is the service's
// own, redacted; it never holds a token or a password.
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

// Temporary reports whether trying again later may succeed (429, 5xx).
func (e *HTTPError) Temporary() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// maxAnswer bounds what is read of an answer.
const maxAnswer = 1 << 20

// call sends a JSON (or form) request and decodes a JSON answer into out.
func call(ctx context.Context, client *http.Client, method, u string, header http.Header, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("request %s: %w", moisson.RedactURL(u), err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, moisson.RedactURL(u), redactErr(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("%s %s: read answer: %w", method, moisson.RedactURL(u), err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		var e struct {
			Error   any    `json:"error"`
			Message string `json:"message"`
			Detail  string `json:"detail"`
			Title   string `json:"title"`
		}
		_ = json.Unmarshal(data, &e)
		var parts []string
		if s, ok := e.Error.(string); ok && s != "" {
			parts = append(parts, s)
		}
		for _, s := range []string{e.Title, e.Message, e.Detail} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		msg := moisson.RedactText(strings.Join(parts, ": "))
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return &HTTPError{StatusCode: resp.StatusCode, Message: msg}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s %s: decode answer: %w", method, moisson.RedactURL(u), err)
	}
	return nil
}

// redactErr keeps an error from the transport free of secrets (a URL's
// userinfo or token parameters).
func redactErr(err error) error {
	return errors.New(moisson.RedactText(err.Error()))
}

// fit shortens text to max characters (runes: never more than Bluesky's
// graphemes) keeping its last line, the URL: the lines before it are cut
// at a word, with "…".
func fit(text, link string, max int) string {
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	head := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), link))
	room := max - utf8.RuneCountInString(link) - 2 // "…" and "\n"
	if room <= 0 {
		return link
	}
	r := []rune(head)
	if len(r) > room {
		r = r[:room]
		if i := strings.LastIndexAny(string(r), " \n"); i > 0 {
			r = []rune(string(r)[:i])
		}
	}
	return strings.TrimRight(string(r), " \n,;:") + "…\n" + link
}

// Mastodon posts a status with an access token (scope write:statuses).
type Mastodon struct {
	// Server is the instance's base URL, "https://mastodon.social".
	Server string
	// Token is the access token. Secret.
	Token string
	// Visibility is "public" (default), "unlisted"…
	Visibility string
	// Client is the HTTP client; nil is one with a 30 s timeout.
	Client *http.Client
}

// MastodonLimit is the default length of a status.
const MastodonLimit = 500

// Name implements Service.
func (m *Mastodon) Name() string { return ServiceMastodon }

// Post implements Service: POST /api/v1/statuses, with an Idempotency-Key
// made of the week and the URL, so that a retry after a crash within the
// hour (what Mastodon keeps the keys for) does not post twice.
func (m *Mastodon) Post(ctx context.Context, p Post) error {
	visibility := m.Visibility
	if visibility == "" {
		visibility = "public"
	}
	form := url.Values{
		"status":     {fit(p.Text, p.URL, MastodonLimit)},
		"visibility": {visibility},
	}
	if p.Lang != "" {
		form.Set("language", p.Lang)
	}
	sum := sha256.Sum256([]byte(p.Week + "\n" + p.URL))
	h := http.Header{
		"Authorization":   {"Bearer " + m.Token},
		"Content-Type":    {"application/x-www-form-urlencoded"},
		"Idempotency-Key": {"moisson-" + hex.EncodeToString(sum[:16])},
	}
	var status struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}
	if err := call(ctx, m.Client, http.MethodPost, strings.TrimRight(m.Server, "/")+"/api/v1/statuses", h, []byte(form.Encode()), &status); err != nil {
		return err
	}
	if status.ID == "" {
		return errors.New("mastodon: the answer has no status id")
	}
	return nil
}

// Bluesky posts with an app password: a session
// (com.atproto.server.createSession), then an app.bsky.feed.post record
// (com.atproto.repo.createRecord) whose URL is a link facet, with a link
// card (app.bsky.embed.external).
type Bluesky struct {
	// PDS is the account's server, "https://bsky.social".
	PDS string
	// Identifier is the handle or DID; Password an app password. Secret.
	Identifier, Password string
	// Client is the HTTP client; nil is one with a 30 s timeout.
	Client *http.Client
	// Now dates the record; nil is time.Now.
	Now func() time.Time
}

// BlueskyLimit is the length of a post (graphemes).
const BlueskyLimit = 300

// Name implements Service.
func (b *Bluesky) Name() string { return ServiceBluesky }

// Post implements Service.
func (b *Bluesky) Post(ctx context.Context, p Post) error {
	base := strings.TrimRight(b.PDS, "/") + "/xrpc/"
	var session struct {
		AccessJwt string `json:"accessJwt"`
		DID       string `json:"did"`
	}
	login, err := json.Marshal(map[string]string{"identifier": b.Identifier, "password": b.Password})
	if err != nil {
		return fmt.Errorf("bluesky: %w", err)
	}
	if err := call(ctx, b.Client, http.MethodPost, base+"com.atproto.server.createSession", nil, login, &session); err != nil {
		return fmt.Errorf("bluesky: create session: %w", err)
	}
	if session.AccessJwt == "" || session.DID == "" {
		return errors.New("bluesky: create session: the answer has no token or DID")
	}
	now := time.Now
	if b.Now != nil {
		now = b.Now
	}
	h := http.Header{"Authorization": {"Bearer " + session.AccessJwt}}
	external := map[string]any{"uri": p.URL, "title": p.Title, "description": p.Description}
	if thumb, err := b.uploadThumb(ctx, base, h, p.Thumb); err != nil {
		return err
	} else if thumb != nil {
		external["thumb"] = thumb
	}
	text := fit(p.Text, p.URL, BlueskyLimit)
	record := map[string]any{
		"$type":     "app.bsky.feed.post",
		"text":      text,
		"createdAt": now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"facets":    linkFacets(text, p.URL),
		"embed": map[string]any{
			"$type":    "app.bsky.embed.external",
			"external": external,
		},
	}
	if p.Lang != "" {
		record["langs"] = []string{p.Lang}
	}
	body, err := json.Marshal(map[string]any{"repo": session.DID, "collection": "app.bsky.feed.post", "record": record})
	if err != nil {
		return fmt.Errorf("bluesky: %w", err)
	}
	var created struct {
		URI string `json:"uri"`
		CID string `json:"cid"`
	}
	if err := call(ctx, b.Client, http.MethodPost, base+"com.atproto.repo.createRecord", h, body, &created); err != nil {
		return fmt.Errorf("bluesky: create record: %w", err)
	}
	if created.URI == "" {
		return errors.New("bluesky: create record: the answer has no uri")
	}
	return nil
}

// maxBlueskyThumb is the largest image a link card's thumbnail may be
// (the lexicon of app.bsky.embed.external: maxSize 1000000).
const maxBlueskyThumb = 1_000_000

// uploadThumb uploads a link card's image (com.atproto.repo.uploadBlob)
// and returns the blob to put in the card, or nil when there is no
// image. An image the server refuses for good (too large, a 4xx) gives a
// card without it rather than no announcement; a temporary failure (429,
// 5xx, the network) is an error, the announcement tried again later.
func (b *Bluesky) uploadThumb(ctx context.Context, base string, auth http.Header, img []byte) (json.RawMessage, error) {
	if len(img) == 0 || len(img) > maxBlueskyThumb {
		return nil, nil
	}
	h := auth.Clone()
	h.Set("Content-Type", http.DetectContentType(img))
	var out struct {
		Blob json.RawMessage `json:"blob"`
	}
	err := call(ctx, b.Client, http.MethodPost, base+"com.atproto.repo.uploadBlob", h, img, &out)
	var he *HTTPError
	switch {
	case errors.As(err, &he) && !he.Temporary():
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("bluesky: upload the card's image: %w", err)
	case len(out.Blob) == 0 || string(out.Blob) == "null":
		return nil, errors.New("bluesky: upload the card's image: the answer has no blob")
	}
	return out.Blob, nil
}

// Facet is a Bluesky rich-text facet: a byte range of the text (UTF-8
// offsets, end excluded) and what it is.
type Facet struct {
	Index    FacetIndex       `json:"index"`
	Features []map[string]any `json:"features"`
}

// FacetIndex is a facet's range in bytes of the UTF-8 text.
type FacetIndex struct {
	ByteStart int `json:"byteStart"`
	ByteEnd   int `json:"byteEnd"`
}

// linkFacets marks every occurrence of link in text as a link facet.
func linkFacets(text, link string) []Facet {
	facets := []Facet{}
	if link == "" {
		return facets
	}
	for from := 0; ; {
		i := strings.Index(text[from:], link)
		if i < 0 {
			return facets
		}
		start := from + i
		facets = append(facets, Facet{
			Index:    FacetIndex{ByteStart: start, ByteEnd: start + len(link)},
			Features: []map[string]any{{"$type": "app.bsky.richtext.facet#link", "uri": link}},
		})
		from = start + len(link)
	}
}

// X posts with the X API v2 (POST /2/tweets) in OAuth 1.0a user context.
// Opt-in: a post with a URL is billed on X's pay-per-use API.
type X struct {
	// BaseURL is the API's root, "https://api.x.com".
	BaseURL string
	// ConsumerKey, ConsumerSecret, AccessToken, AccessSecret are the app's
	// and the user's OAuth 1.0a credentials. Secret.
	ConsumerKey, ConsumerSecret, AccessToken, AccessSecret string
	// Client is the HTTP client requests go through; nil is one with a
	// 30 s timeout.
	Client *http.Client
}

// XLimit is the length of a post (a URL counts 23).
const XLimit = 280

// Name implements Service.
func (x *X) Name() string { return ServiceX }

// Post implements Service.
func (x *X) Post(ctx context.Context, p Post) error {
	base := x.Client
	if base == nil {
		base = &http.Client{Timeout: 30 * time.Second}
	}
	cfg := oauth1.NewConfig(x.ConsumerKey, x.ConsumerSecret)
	client := cfg.Client(context.WithValue(ctx, oauth1.HTTPClient, base), oauth1.NewToken(x.AccessToken, x.AccessSecret))
	client.Timeout = base.Timeout
	// X counts a URL as 23 characters whatever its length.
	limit := XLimit - 23 + utf8.RuneCountInString(p.URL)
	body, err := json.Marshal(map[string]string{"text": fit(p.Text, p.URL, limit)})
	if err != nil {
		return fmt.Errorf("x: %w", err)
	}
	var created struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := call(ctx, client, http.MethodPost, strings.TrimRight(x.BaseURL, "/")+"/2/tweets", nil, body, &created); err != nil {
		return fmt.Errorf("x: %w", err)
	}
	if created.Data.ID == "" {
		return errors.New("x: the answer has no post id")
	}
	return nil
}
