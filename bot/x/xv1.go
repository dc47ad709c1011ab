package x

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dghubble/go-twitter/twitter"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/internal/httpsrc"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// DefaultV1BaseURL is the root of the legacy X API v1.1, fixed in
// go-twitter.
const DefaultV1BaseURL = "https://api.twitter.com/1.1/"

// V1Config configures the legacy X API v1.1 source. It needs the four
// OAuth 1.0a user-context credentials: v1.1 has no app-only access to a
// user timeline worth having.
type V1Config struct {
	// BaseURL is where the API answers (X_API_BASE_URL): a root such as
	// "https://api.twitter.com" (the v1.1 API is under its /1.1/) or a
	// URL whose path ends with the version ("http://proxy/1.1/");
	// DefaultV1BaseURL when empty. go-twitter's base is fixed: another
	// one is reached by rewriting each request after it is signed (the
	// signature is the one api.twitter.com checks).
	BaseURL string
	// ConsumerKey, ConsumerSecret, AccessToken and AccessSecret are
	// X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET.
	ConsumerKey    string
	ConsumerSecret string
	AccessToken    string
	AccessSecret   string
	// ScreenName is the author whose posts are read (X_USERNAME), with or
	// without '@'.
	ScreenName string
	// HTTPClient sends the requests; a client with a timeout when nil.
	HTTPClient *http.Client
	// Now, Sleep, MaxWait and Logger are as in V2Config: a 429 waits
	// for x-rate-limit-reset when that is at most MaxWait away (16
	// minutes when zero), then the same page is asked again.
	Now     func() time.Time
	Sleep   func(ctx context.Context, d time.Duration) error
	MaxWait time.Duration
	Logger  *slog.Logger
}

// V1 reads one author's timeline through the legacy X API v1.1
// (statuses/user_timeline). It is a Source named "x-v1.1"; the posts it
// gives are the same posts as the v2 source's and the archive's, so their
// Source is "x".
type V1 struct {
	cfg    V1Config
	client *http.Client
	from   *url.URL // DefaultV1BaseURL
	to     *url.URL // cfg.BaseURL, nil when it is the default
}

var _ bot.Source = (*V1)(nil)

// The v1.1 timeline gives 200 posts a page and reaches the latest 3,200.
const (
	xv1PageSize = 200
	xv1MaxPages = 3200/xv1PageSize + 2
)

// NewV1 checks cfg and returns the source; it makes no request.
func NewV1(cfg V1Config) (*V1, error) {
	var missing []string
	for _, v := range []struct{ name, value string }{
		{"X_CONSUMER_KEY", cfg.ConsumerKey},
		{"X_CONSUMER_SECRET", cfg.ConsumerSecret},
		{"X_ACCESS_TOKEN", cfg.AccessToken},
		{"X_ACCESS_SECRET", cfg.AccessSecret},
	} {
		if strings.TrimSpace(v.value) == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("x api v1.1: %s not set: v1.1 needs X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET", strings.Join(missing, ", "))
	}
	cfg.ScreenName = strings.TrimPrefix(strings.TrimSpace(cfg.ScreenName), "@")
	if cfg.ScreenName == "" {
		return nil, errors.New("x api v1.1: X_USERNAME is not set")
	}
	x := &V1{cfg: cfg, client: cfg.HTTPClient}
	if x.client == nil {
		x.client = httpsrc.NewHTTPClient()
	}
	x.from, _ = url.Parse(DefaultV1BaseURL)
	if cfg.Now == nil {
		x.cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		x.cfg.Sleep = httpsrc.Sleep
	}
	if cfg.MaxWait <= 0 {
		x.cfg.MaxWait = 16 * time.Minute
	}
	if cfg.Logger == nil {
		x.cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.BaseURL != "" {
		to, err := url.Parse(cfg.BaseURL)
		if err != nil || (to.Scheme != "http" && to.Scheme != "https") || to.Host == "" {
			return nil, fmt.Errorf("x api v1.1: X_API_BASE_URL %q is not an http(s) URL", cfg.BaseURL)
		}
		if strings.Trim(to.Path, "/") == "" {
			// A root, as X_API_BASE_URL is given for v2.
			to.Path = "/1.1/"
		}
		if !strings.HasSuffix(to.Path, "/") {
			to.Path += "/"
		}
		if to.String() != DefaultV1BaseURL {
			x.to = to
		}
	}
	return x, nil
}

// Name implements bot.Source.
func (x *V1) Name() string { return "x-v1.1" }

// String describes the source without its credentials, so that printing it
// never shows a secret.
func (x *V1) String() string { return fmt.Sprintf("x api v1.1 source (@%s)", x.cfg.ScreenName) }

// GoString is String: %#v must not show the credentials either.
func (x *V1) GoString() string { return x.String() }

// twitterClient returns a go-twitter client whose requests carry ctx, are
// signed with the user's credentials and go to the configured base.
func (x *V1) twitterClient(ctx context.Context) *twitter.Client {
	hc := newOAuth1Client(x.client, x.cfg.ConsumerKey, x.cfg.ConsumerSecret, x.cfg.AccessToken, x.cfg.AccessSecret,
		func(rt http.RoundTripper) http.RoundTripper {
			rt = contextTransport{ctx: ctx, base: rt}
			if x.to != nil {
				rt = rebaseTransport{from: x.from, to: x.to, base: rt}
			}
			return rt
		})
	return twitter.NewClient(hc)
}

// Fetch implements bot.Source: the author's posts newer than cursor (the newest
// post id seen), paging back with max_id, oldest first. On error it returns
// no posts and the same cursor. Errors are APIError when the API
// answered.
func (x *V1) Fetch(ctx context.Context, cursor string) ([]moisson.Post, string, error) {
	params := &twitter.UserTimelineParams{
		ScreenName:      x.cfg.ScreenName,
		Count:           xv1PageSize,
		TweetMode:       "extended",
		IncludeRetweets: twitter.Bool(true),
		ExcludeReplies:  twitter.Bool(false),
	}
	if cursor != "" {
		id, err := strconv.ParseInt(cursor, 10, 64)
		if err != nil || id <= 0 {
			return nil, cursor, fmt.Errorf("x api v1.1: cursor %q is not a post id", cursor)
		}
		params.SinceID = id
	}
	tw := x.twitterClient(ctx)
	var posts []moisson.Post
	seen := make(map[int64]bool)
	n429 := 0
	for pages := 0; pages < xv1MaxPages; pages++ {
		tweets, resp, err := tw.Timelines.UserTimeline(params)
		if err != nil {
			e := x.apiError(resp, err)
			var apiErr *APIError
			if errors.As(e, &apiErr) && (apiErr.StatusCode == http.StatusTooManyRequests || apiErr.Code == 88) && n429 < xv2Max429Retries {
				n429++
				if werr := x.waitReset(ctx, apiErr); werr != nil {
					return nil, cursor, werr
				}
				pages-- // the same page again
				continue
			}
			return nil, cursor, e
		}
		var oldest int64
		fresh := 0
		for _, t := range tweets {
			if t.ID == 0 || seen[t.ID] {
				continue
			}
			seen[t.ID] = true
			fresh++
			if oldest == 0 || t.ID < oldest {
				oldest = t.ID
			}
			p, err := xv1Post(t)
			if err != nil {
				return nil, cursor, err
			}
			posts = append(posts, p)
		}
		if fresh == 0 {
			break
		}
		params.MaxID = oldest - 1
		if params.SinceID != 0 && params.MaxID <= params.SinceID {
			break
		}
	}
	if len(posts) == 0 {
		return nil, cursor, nil
	}
	sort.Slice(posts, func(i, j int) bool { return posttext.CompareNumericIDs(posts[i].ID, posts[j].ID) < 0 })
	return posts, posts[len(posts)-1].ID, nil
}

// waitReset waits out a 429 until one second past x-rate-limit-reset (a
// whole 15-minute window without the header), or returns e when that is
// further than MaxWait.
func (x *V1) waitReset(ctx context.Context, e *APIError) error {
	reset := e.RetryAt
	if reset.IsZero() {
		reset = x.cfg.Now().Add(15 * time.Minute)
	}
	d := max(reset.Sub(x.cfg.Now())+time.Second, time.Second)
	if d > x.cfg.MaxWait {
		return e
	}
	x.cfg.Logger.InfoContext(ctx, "x api v1.1 rate limited, waiting", "wait", d, "reset", reset.UTC())
	if err := x.cfg.Sleep(ctx, d); err != nil {
		return fmt.Errorf("x api v1.1: waiting for the rate limit: %w", err)
	}
	return nil
}

// The v1.1 error codes that say the credentials are wrong.
var xv1AuthCodes = map[int]bool{32: true, 89: true, 99: true, 135: true, 215: true}

const xv1CredentialVars = "X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET"

// apiError turns what go-twitter returned into an error that says what to
// do.
func (x *V1) apiError(resp *http.Response, err error) error {
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	var apiErr twitter.APIError
	if !errors.As(err, &apiErr) {
		if status == 0 || (status >= 200 && status < 300) {
			return fmt.Errorf("x api v1.1: read timeline: %w", err)
		}
		// A body that is not JSON, as proxies answer.
		apiErr = twitter.APIError{}
	}
	e := &APIError{StatusCode: status, Title: http.StatusText(status)}
	if len(apiErr.Errors) > 0 {
		e.Code = apiErr.Errors[0].Code
		e.Detail = apiErr.Errors[0].Message
	}
	switch {
	case e.Code == 453:
		e.msg = "x api v1.1: the app has no access to v1.1 (error 453): these X_CONSUMER_KEY/X_ACCESS_TOKEN credentials need an access level with v1.1; use the API v2 instead (X_API_VERSION=2)"
	case status == http.StatusUnauthorized || xv1AuthCodes[e.Code]:
		e.msg = "x api v1.1: 401 Unauthorized: check " + xv1CredentialVars
	case status == http.StatusTooManyRequests || e.Code == 88:
		e.msg = "x api v1.1: rate limited"
		if reset, ok := httpsrc.ParseUnixHeader(respHeader(resp), "x-rate-limit-reset"); ok {
			e.RetryAt = reset
			e.msg += ": retry after " + reset.Format(time.RFC3339)
		}
	case status == http.StatusNotFound || e.Code == 34 || e.Code == 50:
		e.msg = fmt.Sprintf("x api v1.1: user %q not found: check X_USERNAME", x.cfg.ScreenName)
	case status == http.StatusForbidden:
		e.msg = "x api v1.1: 403 Forbidden: the app needs access to statuses/user_timeline"
		if e.Detail != "" {
			e.msg += " (" + e.Detail + ")"
		}
	default:
		e.msg = fmt.Sprintf("x api v1.1: read timeline: %d %s", status, posttext.FirstNonBlank(e.Detail, e.Title, "error"))
	}
	return e
}

func respHeader(resp *http.Response) http.Header {
	if resp == nil {
		return nil
	}
	return resp.Header
}

// xv1Post turns a v1.1 tweet into a Post.
func xv1Post(t twitter.Tweet) (moisson.Post, error) {
	id := t.IDStr
	if id == "" {
		id = strconv.FormatInt(t.ID, 10)
	}
	created, err := t.CreatedAtTime()
	if err != nil {
		return moisson.Post{}, fmt.Errorf("x api v1.1: post %s: created_at %q: %w", id, t.CreatedAt, err)
	}
	p := moisson.Post{ID: id, Source: "x", CreatedAt: created.UTC()}
	text, ents := xv1Full(t)
	if rt := t.RetweetedStatus; rt != nil {
		p.Retweet = true
		text, ents = xv1Full(*rt)
		if rt.User != nil && rt.User.ScreenName != "" {
			text = "RT @" + rt.User.ScreenName + ": " + text
		}
	}
	p.Quote = t.QuotedStatusIDStr != "" || t.QuotedStatusID != 0 || t.QuotedStatus != nil
	if t.InReplyToStatusIDStr != "" || t.InReplyToStatusID != 0 || t.InReplyToUserIDStr != "" {
		self := false
		if t.User != nil {
			self = (t.User.IDStr != "" && t.User.IDStr == t.InReplyToUserIDStr) ||
				(t.User.ID != 0 && t.User.ID == t.InReplyToUserID) ||
				(t.User.ScreenName != "" && strings.EqualFold(t.User.ScreenName, t.InReplyToScreenName))
		}
		p.Reply = !self
	}
	p.Text = html.UnescapeString(text)
	if ents != nil {
		// Only ExpandedURL: go-twitter's Unwound field has a wrong tag and
		// never decodes.
		for _, u := range ents.Urls {
			if isXMediaURL(u.ExpandedURL) {
				continue
			}
			if s := posttext.FirstNonBlank(u.ExpandedURL, u.URL); s != "" {
				p.URLs = append(p.URLs, s)
			}
		}
		for _, h := range ents.Hashtags {
			if h.Text != "" {
				p.Hashtags = append(p.Hashtags, h.Text)
			}
		}
	}
	return p, nil
}

// xv1Full returns a tweet's whole text and entities, whichever mode it was
// served in.
func xv1Full(t twitter.Tweet) (string, *twitter.Entities) {
	if t.ExtendedTweet != nil && t.ExtendedTweet.FullText != "" {
		return t.ExtendedTweet.FullText, t.ExtendedTweet.Entities
	}
	if t.FullText != "" {
		return t.FullText, t.Entities
	}
	return t.Text, t.Entities
}
