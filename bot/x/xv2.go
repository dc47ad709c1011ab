package x

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dghubble/oauth1"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/internal/httpsrc"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// DefaultAPIBaseURL is where the X API v2 answers.
const DefaultAPIBaseURL = "https://api.twitter.com"

// V2Config configures the X API v2 source. Either BearerToken (app-only
// auth) or the four OAuth 1.0a user-context credentials must be given; when
// both are, user context wins: reading one's own posts with it is billed at
// the lower "owned reads" rate.
type V2Config struct {
	// BaseURL is the API root (X_API_BASE_URL); DefaultAPIBaseURL when empty.
	BaseURL string
	// BearerToken is the app-only token (X_BEARER_TOKEN).
	BearerToken string
	// ConsumerKey, ConsumerSecret, AccessToken and AccessSecret are the
	// OAuth 1.0a user-context credentials (X_CONSUMER_KEY, X_CONSUMER_SECRET,
	// X_ACCESS_TOKEN, X_ACCESS_SECRET).
	ConsumerKey    string
	ConsumerSecret string
	AccessToken    string
	AccessSecret   string
	// Username is the author whose posts are read (X_USERNAME), with or
	// without '@'. It may be empty with user-context auth: the owner of the
	// access token is read then.
	Username string
	// HTTPClient sends the requests; a client with a timeout when nil.
	HTTPClient *http.Client
	// MaxResults is the page size, 5 to 100; 100 when zero.
	MaxResults int
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Sleep waits out a rate limit; a timer honouring ctx when nil.
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxWait is the longest rate-limit wait; longer ones make Fetch fail
	// with an APIError whose RetryAt says when to come back. 16 minutes
	// when zero (the limits reset every 15).
	MaxWait time.Duration
	// Logger receives the rate-limit waits; nothing is logged when nil.
	Logger *slog.Logger
	// Store, when set, keeps what the reads covered (so that a backfill
	// asks only for the rest), the month's count of posts read, and gets
	// the newer versions of edited posts (when it is also a
	// PostReplacer, as archive.Store is).
	Store bot.CursorStore
	// MaxPostsPerMonth stops the reads before the month's count of posts
	// read would pass it (MOISSON_X_MAX_POSTS_PER_MONTH); 0 is no limit.
	// The count is kept in Store (in memory without one).
	MaxPostsPerMonth int
	// OnEdit, when set, is called after a post edited on X replaced its
	// older versions in the store: old are the versions removed, newest
	// the one stored. The weeks of old[i].CreatedAt and newest.CreatedAt
	// must be written again.
	OnEdit func(ctx context.Context, old []moisson.Post, newest moisson.Post)
}

// APIError is an error answer of the X API (v2 or v1.1).
type APIError struct {
	// StatusCode is the HTTP status (0 when the answer was a 200 carrying
	// errors only).
	StatusCode int
	// Type is the v2 problem type, such as
	// "https://api.twitter.com/2/problems/usage-capped"; Code the v1.1
	// error code, such as 453.
	Type string
	Code int
	// Title and Detail are the API's own words.
	Title  string
	Detail string
	// RetryAt is when a rate-limited request may succeed again; zero when
	// unknown or when waiting will not help.
	RetryAt time.Time

	msg string
}

// Error returns a message that says what to do; it never holds a secret.
func (e *APIError) Error() string { return e.msg }

// Temporary reports whether the same request may succeed later without a
// change of configuration: a rate limit or a server error.
func (e *APIError) Temporary() bool {
	if strings.HasSuffix(e.Type, "/usage-capped") {
		return false
	}
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode >= 500
}

// V2 reads one author's posts through the X API v2. It is a SpanSource
// named "x". Its methods may be called from several goroutines.
type V2 struct {
	base     string
	bearer   string
	oauth    bool
	username string
	client   *http.Client
	max      int
	now      func() time.Time
	sleep    func(ctx context.Context, d time.Duration) error
	maxWait  time.Duration
	logger   *slog.Logger
	store    bot.CursorStore
	onEdit   func(ctx context.Context, old []moisson.Post, newest moisson.Post)
	guard    *xGuard

	mu          sync.Mutex
	userID      string    // looked up once
	pausedUntil time.Time // after a usage cap or a client-forbidden answer
	pauseErr    *APIError
}

var _ bot.SpanSource = (*V2)(nil)

// NewV2 checks cfg and returns the source. It makes no request: the user
// id is looked up on the first Fetch.
func NewV2(cfg V2Config) (*V2, error) {
	x := &V2{
		base:     strings.TrimRight(cfg.BaseURL, "/"),
		username: strings.TrimPrefix(strings.TrimSpace(cfg.Username), "@"),
		client:   cfg.HTTPClient,
		max:      cfg.MaxResults,
		now:      cfg.Now,
		sleep:    cfg.Sleep,
		maxWait:  cfg.MaxWait,
		logger:   cfg.Logger,
		store:    cfg.Store,
		onEdit:   cfg.OnEdit,
	}
	if cfg.MaxPostsPerMonth < 0 {
		return nil, fmt.Errorf("x api: MOISSON_X_MAX_POSTS_PER_MONTH %d is negative (0 is no limit)", cfg.MaxPostsPerMonth)
	}
	if x.base == "" {
		x.base = DefaultAPIBaseURL
	}
	if u, err := url.Parse(x.base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("x api: X_API_BASE_URL %q is not an http(s) URL", cfg.BaseURL)
	}
	if x.client == nil {
		x.client = httpsrc.NewHTTPClient()
	}
	switch {
	case x.max == 0:
		x.max = 100
	case x.max < 5 || x.max > 100:
		return nil, fmt.Errorf("x api: max results %d is out of 5..100", cfg.MaxResults)
	}
	if x.now == nil {
		x.now = time.Now
	}
	if x.sleep == nil {
		x.sleep = httpsrc.Sleep
	}
	if x.maxWait <= 0 {
		x.maxWait = 16 * time.Minute
	}
	if x.logger == nil {
		x.logger = slog.New(slog.DiscardHandler)
	}

	oauthVars := []struct{ name, value string }{
		{"X_CONSUMER_KEY", cfg.ConsumerKey},
		{"X_CONSUMER_SECRET", cfg.ConsumerSecret},
		{"X_ACCESS_TOKEN", cfg.AccessToken},
		{"X_ACCESS_SECRET", cfg.AccessSecret},
	}
	var missing []string
	for _, v := range oauthVars {
		if strings.TrimSpace(v.value) == "" {
			missing = append(missing, v.name)
		}
	}
	switch {
	case len(missing) == 0:
		x.oauth = true
		x.client = newOAuth1Client(x.client, cfg.ConsumerKey, cfg.ConsumerSecret, cfg.AccessToken, cfg.AccessSecret, nil)
	case strings.TrimSpace(cfg.BearerToken) != "":
		x.bearer = strings.TrimSpace(cfg.BearerToken)
	case len(missing) < len(oauthVars):
		return nil, fmt.Errorf("x api: %s not set: user-context auth needs X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET (or set X_BEARER_TOKEN)", strings.Join(missing, ", "))
	default:
		return nil, errors.New("x api: X_BEARER_TOKEN is not set (or set X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET)")
	}
	if x.username == "" && !x.oauth {
		return nil, errors.New("x api: X_USERNAME is not set")
	}
	x.guard = &xGuard{store: cfg.Store, name: x.Name(), limit: cfg.MaxPostsPerMonth}
	return x, nil
}

// newOAuth1Client returns a client that signs its requests with OAuth 1.0a and
// sends them through base's transport, wrapped by wrap when not nil. The
// signature covers the URL as built by the caller, before wrap sees it.
func newOAuth1Client(base *http.Client, consumerKey, consumerSecret, token, secret string, wrap func(http.RoundTripper) http.RoundTripper) *http.Client {
	rt := base.Transport
	if wrap != nil {
		rt = wrap(rt)
	}
	ctx := context.WithValue(context.Background(), oauth1.HTTPClient, &http.Client{Transport: rt})
	c := oauth1.NewClient(ctx, oauth1.NewConfig(consumerKey, consumerSecret), oauth1.NewToken(token, secret))
	c.Timeout = base.Timeout
	c.CheckRedirect = base.CheckRedirect
	c.Jar = base.Jar
	return c
}

// Name implements bot.Source.
func (x *V2) Name() string { return "x" }

// String describes the source without its credentials, so that printing it
// never shows a secret.
func (x *V2) String() string {
	auth := "bearer token"
	if x.oauth {
		auth = "user context"
	}
	return fmt.Sprintf("x api v2 source (@%s, %s, %s)", x.username, auth, x.base)
}

// GoString is String: %#v must not show the credentials either.
func (x *V2) GoString() string { return x.String() }

// The fields and expansions asked for every page.
const (
	xv2TweetFields = "created_at,entities,referenced_tweets,note_tweet,conversation_id,in_reply_to_user_id,author_id"
	xv2Expansions  = "referenced_tweets.id,referenced_tweets.id.author_id"
)

// Fetch implements bot.Source: it returns the author's posts newer than cursor
// (the newest post id seen), or all that the API reaches (the latest 3,200)
// when cursor is "". Errors are APIError when the API answered.
//
// The pages come newest first. When a read fails part way (a rate limit
// longer than MaxWait, the API down), Fetch returns the posts it read with
// the error, and a cursor "SINCE:UNTIL:NEWEST" that resumes below the
// oldest of them: the next Fetch reads only the gap, never a post twice
// (reads are billed per post), then goes on from NEWEST.
//
// With a Store, what the read covered is recorded there once the store
// holds the cursor returned (see SpanSource): a backfill then asks only
// for the rest.
func (x *V2) Fetch(ctx context.Context, cursor string) ([]moisson.Post, string, error) {
	since, until, newest, err := parseXCursor(cursor)
	if err != nil {
		return nil, cursor, err
	}
	r := xRead{since: parseXID(since), until: parseXID(until)}
	posts, span, err := x.read(ctx, r)
	next := cursor
	if len(posts) > 0 && newest == "" {
		newest = posts[len(posts)-1].ID
	}
	switch {
	case err != nil && len(posts) > 0:
		next = since + ":" + posts[0].ID + ":" + newest
	case err != nil:
	case newest == "" || since != "" && posttext.CompareNumericIDs(newest, since) <= 0:
		next = since
	default:
		next = newest
	}
	if x.store != nil {
		var read *pendingRead
		if span.Lo <= span.Hi {
			read = &pendingRead{Cursor: next, Lo: span.Lo, Hi: span.Hi}
		}
		// Recorded even when ctx is done: the posts read are stored all the same.
		if cerr := confirmRead(context.WithoutCancel(ctx), x.store, x.Name(), cursor, read); cerr != nil {
			err = errors.Join(err, fmt.Errorf("x api: record the read: %w", cerr))
		}
	}
	return posts, next, err
}

// parseXCursor reads a cursor: "" (nothing read yet), a post id, or
// "SINCE:UNTIL:NEWEST" for a read to resume (SINCE may be empty).
func parseXCursor(cursor string) (since, until, newest string, err error) {
	if cursor == "" {
		return "", "", "", nil
	}
	parts := strings.Split(cursor, ":")
	switch {
	case len(parts) == 1 && posttext.IsNumericID(cursor):
		return cursor, "", "", nil
	case len(parts) == 3 && (parts[0] == "" || posttext.IsNumericID(parts[0])) && posttext.IsNumericID(parts[1]) && posttext.IsNumericID(parts[2]):
		return parts[0], parts[1], parts[2], nil
	}
	return "", "", "", fmt.Errorf("x api: cursor %q is not a post id", cursor)
}

// parseXID returns a post id as a number, 0 when empty or too large.
func parseXID(s string) uint64 {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

// minXAPITime is the earliest start_time the API takes: older posts
// cannot be asked for by time.
var minXAPITime = time.Date(2010, 11, 6, 0, 0, 0, 0, time.UTC)

// xReadLag is how far behind the clock a read is taken to cover: a post
// made a few seconds before the request may not be in the timeline yet.
const xReadLag = 30 * time.Second

// FetchRange implements bot.RangeSource with start_time and end_time. The API
// reaches only the latest 3,200 posts: older ranges come back empty. A
// read that fails part way returns the posts it read with the error. A
// backfill with a store uses Gaps and FetchSpan instead, which read only
// what no earlier read covered.
func (x *V2) FetchRange(ctx context.Context, from, to time.Time) ([]moisson.Post, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("x api: empty range %s to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	if !to.After(minXAPITime) {
		return nil, nil
	}
	posts, _, err := x.read(ctx, xRead{start: maxTime(from, minXAPITime), end: to})
	kept := posts[:0]
	for _, p := range posts {
		if !p.CreatedAt.Before(from) && p.CreatedAt.Before(to) {
			kept = append(kept, p)
		}
	}
	return kept, err
}

// Gaps implements SpanSource: the parts of [from, to) that no read
// recorded in st covered, ending xReadLag before now at the latest. Posts
// older than 6 November 2010 cannot be asked for by time: no gap reaches
// before.
func (x *V2) Gaps(ctx context.Context, st bot.CursorStore, from, to time.Time) ([]bot.Span, error) {
	from = maxTime(from, minXAPITime)
	to = minTime(to, x.now().Add(-xReadLag))
	if !from.Before(to) {
		return nil, nil
	}
	covered, _, err := coverage(ctx, st, x.Name())
	if err != nil {
		return nil, fmt.Errorf("x api: gaps: %w", err)
	}
	lo, hi := xIDAt(from), xIDAt(to)-1
	gaps := covered.gaps(lo, hi)
	for i := range gaps {
		if gaps[i].Lo == lo {
			gaps[i].Start = from
		}
		if gaps[i].Hi == hi {
			gaps[i].End = to
		}
	}
	return gaps, nil
}

// FetchSpan implements SpanSource: it reads gap with since_id and until_id
// where an earlier read ended, start_time and end_time where the range
// does.
func (x *V2) FetchSpan(ctx context.Context, st bot.CursorStore, gap bot.Span) ([]moisson.Post, string, string, error) {
	var r xRead
	if gap.Start.IsZero() {
		if gap.Lo > 0 {
			r.since = gap.Lo - 1
		}
	} else {
		r.start = gap.Start
	}
	if gap.End.IsZero() {
		r.until = gap.Hi + 1
	} else {
		r.end = gap.End
	}
	posts, span, err := x.read(ctx, r)
	posts = postsInSpan(posts, gap)
	covered, _, cerr := coverage(ctx, st, x.Name())
	if cerr != nil {
		return posts, "", "", errors.Join(err, fmt.Errorf("x api: coverage: %w", cerr))
	}
	covered = covered.add(max(span.Lo, gap.Lo), min(span.Hi, gap.Hi))
	return posts, x.Name() + ":covered", covered.String(), err
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// xRead bounds one read of the timeline: ids since < id < until (0 for
// none) and times start <= created_at < end (zero for none).
type xRead struct {
	since, until uint64
	start, end   time.Time
}

// read reads the posts of r, newest page first, and returns them oldest
// first with the span of ids the read covered: all of r up to the time of
// the request when it ran to its end, from the newest bound down to the
// oldest post read when it failed part way (nothing when it read none).
// Edited posts replace their older versions in the store on the way.
func (x *V2) read(ctx context.Context, r xRead) ([]moisson.Post, bot.Span, error) {
	if err := x.checkPaused(); err != nil {
		return nil, bot.Span{Lo: 1}, err
	}
	began := x.now()
	q := url.Values{}
	if r.since != 0 {
		q.Set("since_id", strconv.FormatUint(r.since, 10))
	}
	if r.until != 0 {
		q.Set("until_id", strconv.FormatUint(r.until, 10))
	}
	if !r.start.IsZero() {
		q.Set("start_time", r.start.UTC().Truncate(time.Second).Format(time.RFC3339))
	}
	if !r.end.IsZero() {
		// The API works to the second: widen, the caller trims.
		end := r.end.UTC().Truncate(time.Second)
		if end.Before(r.end) {
			end = end.Add(time.Second)
		}
		q.Set("end_time", end.Format(time.RFC3339))
	}
	posts, edits, err := x.timeline(ctx, q)

	hi := xIDAt(began.Add(-xReadLag))
	switch {
	case r.until != 0:
		hi = min(hi, r.until-1)
	case !r.end.IsZero():
		hi = min(hi, xIDAt(r.end)-1)
	}
	var lo uint64
	switch {
	case err != nil && len(posts) == 0:
		lo, hi = 1, 0
	case err != nil:
		lo = parseXID(posts[0].ID)
	case r.since != 0:
		lo = r.since + 1
	case !r.start.IsZero():
		lo = xIDAt(r.start)
	}
	if n := len(posts); n > 0 && lo <= hi {
		hi = max(hi, parseXID(posts[n-1].ID))
	}
	if len(edits) > 0 {
		if rerr := x.replaceEdited(ctx, posts, edits); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	return posts, bot.Span{Lo: lo, Hi: hi}, err
}

// timeline reads every page of the author's timeline for the query q and
// returns the posts oldest first, and the older versions of the edited
// ones by post id; on error, those of the pages read.
func (x *V2) timeline(ctx context.Context, q url.Values) ([]moisson.Post, map[string][]string, error) {
	id, err := x.lookupUser(ctx)
	if err != nil {
		return nil, nil, err
	}
	q.Set("tweet.fields", xv2TweetFields)
	q.Set("expansions", xv2Expansions)
	q.Set("user.fields", "username")
	path := "/2/users/" + url.PathEscape(id) + "/tweets"

	var posts []moisson.Post
	edits := make(map[string][]string)
	sorted := func() []moisson.Post {
		sort.Slice(posts, func(i, j int) bool { return posttext.CompareNumericIDs(posts[i].ID, posts[j].ID) < 0 })
		return posts
	}
	seen := make(map[string]bool)
	tokens := make(map[string]bool)
	for {
		size, err := x.guard.allow(ctx, x.now(), x.max)
		if err != nil {
			x.logger.WarnContext(ctx, "x api reads stopped: the month's limit of posts read would be passed", "limit", x.guard.limit, "error", err)
			return sorted(), edits, err
		}
		q.Set("max_results", strconv.Itoa(size))
		var page xv2Page
		rate, err := x.get(ctx, path, q, &page)
		if err != nil {
			return sorted(), edits, err
		}
		if err := x.guard.count(ctx, x.now(), len(page.Data)); err != nil {
			return sorted(), edits, err
		}
		if len(page.Data) == 0 && len(page.Errors) > 0 {
			return sorted(), edits, x.problemError(0, page.Errors[0], "read timeline")
		}
		includes := make(map[string]xv2Tweet, len(page.Includes.Tweets))
		for _, t := range page.Includes.Tweets {
			includes[t.ID] = t
		}
		users := make(map[string]string, len(page.Includes.Users))
		for _, u := range page.Includes.Users {
			users[u.ID] = u.Username
		}
		for _, t := range page.Data {
			if t.ID == "" || seen[t.ID] {
				continue
			}
			seen[t.ID] = true
			posts = append(posts, t.post(id, includes, users))
			if older := t.olderVersions(); len(older) > 0 {
				edits[t.ID] = older
			}
		}
		next := page.Meta.NextToken
		if next == "" || len(page.Data) == 0 {
			break
		}
		if tokens[next] {
			return sorted(), edits, fmt.Errorf("x api: read timeline: pagination token %q came back twice", next)
		}
		tokens[next] = true
		q.Set("pagination_token", next)
		if rate.exhausted {
			if err := x.waitUntil(ctx, rate.reset, true); err != nil {
				return sorted(), edits, err
			}
		}
	}
	return sorted(), edits, nil
}

// lookupUser returns the author's id, asking the API the first time only.
func (x *V2) lookupUser(ctx context.Context) (string, error) {
	x.mu.Lock()
	id := x.userID
	x.mu.Unlock()
	if id != "" {
		return id, nil
	}
	path := "/2/users/me"
	if x.username != "" {
		path = "/2/users/by/username/" + url.PathEscape(x.username)
	}
	var resp struct {
		Data *struct {
			ID       string `json:"id"`
			Username string `json:"username"`
		} `json:"data"`
		Errors []xv2Problem `json:"errors"`
	}
	if _, err := x.get(ctx, path, nil, &resp); err != nil {
		return "", err
	}
	if resp.Data == nil || resp.Data.ID == "" {
		detail := "no such user"
		if len(resp.Errors) > 0 && resp.Errors[0].Detail != "" {
			detail = resp.Errors[0].Detail
		}
		return "", &APIError{
			Type:   firstXProblemType(resp.Errors),
			Detail: detail,
			msg:    fmt.Sprintf("x api: user %q not found: check X_USERNAME (%s)", x.username, detail),
		}
	}
	x.mu.Lock()
	x.userID = resp.Data.ID
	x.mu.Unlock()
	return resp.Data.ID, nil
}

func firstXProblemType(ps []xv2Problem) string {
	if len(ps) == 0 {
		return ""
	}
	return ps[0].Type
}

// xRateState is what the rate-limit headers of a 200 said.
type xRateState struct {
	exhausted bool // x-rate-limit-remaining was 0
	reset     time.Time
}

// The number of times one request is tried again after a 429 or a 5xx.
const (
	xv2Max429Retries = 3
	xv2Max5xxRetries = 2
)

// get sends a GET to path with query q and decodes a 200 into v, waiting
// out rate limits and retrying server errors.
func (x *V2) get(ctx context.Context, path string, q url.Values, v any) (xRateState, error) {
	u := x.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var n429, n5xx int
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return xRateState{}, fmt.Errorf("x api: get %s: %w", path, err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", httpsrc.UserAgent)
		if x.bearer != "" {
			req.Header.Set("Authorization", "Bearer "+x.bearer)
		}
		resp, err := x.client.Do(req)
		if err != nil {
			return xRateState{}, fmt.Errorf("x api: get %s: %w", path, err)
		}
		body, err := httpsrc.ReadBody(resp.Body, httpsrc.MaxAPIBody)
		resp.Body.Close()
		if err != nil {
			return xRateState{}, fmt.Errorf("x api: get %s: read body: %w", path, err)
		}
		reset, hasReset := httpsrc.ParseUnixHeader(resp.Header, "x-rate-limit-reset")

		switch {
		case resp.StatusCode == http.StatusOK:
			if err := json.Unmarshal(body, v); err != nil {
				return xRateState{}, fmt.Errorf("x api: get %s: decode: %w", path, err)
			}
			return xRateState{
				exhausted: hasReset && strings.TrimSpace(resp.Header.Get("x-rate-limit-remaining")) == "0",
				reset:     reset,
			}, nil

		case resp.StatusCode == http.StatusTooManyRequests:
			p := parseXProblem(body)
			if strings.HasSuffix(p.Type, "/usage-capped") {
				// No wait helps before the next billing period: the
				// source stops asking until then.
				e := x.problemError(resp.StatusCode, p, "get "+path)
				x.pause(ctx, e, nextMonth(x.now()))
				return xRateState{}, e
			}
			n429++
			if n429 > xv2Max429Retries {
				e := x.problemError(resp.StatusCode, p, "get "+path)
				if hasReset {
					e.RetryAt = reset
				}
				return xRateState{}, e
			}
			if !hasReset {
				// No header: wait out a whole window.
				reset = x.now().Add(15 * time.Minute)
			}
			if err := x.waitUntil(ctx, reset, false); err != nil {
				return xRateState{}, err
			}

		case resp.StatusCode >= 500:
			n5xx++
			if n5xx > xv2Max5xxRetries {
				return xRateState{}, x.problemError(resp.StatusCode, parseXProblem(body), "get "+path)
			}
			d := time.Duration(n5xx) * 5 * time.Second
			x.logger.WarnContext(ctx, "x api server error, retrying", "status", resp.StatusCode, "path", path, "wait", d)
			if err := x.sleep(ctx, d); err != nil {
				return xRateState{}, fmt.Errorf("x api: get %s: %w", path, err)
			}

		default:
			p := parseXProblem(body)
			e := x.problemError(resp.StatusCode, p, "get "+path)
			if strings.HasSuffix(p.Type, "/client-forbidden") || p.Reason == "client-not-enrolled" {
				// A configuration to change in the developer portal:
				// asking again before the next rate-limit window only
				// gets the same answer.
				until := x.now().Add(15 * time.Minute)
				if hasReset && reset.After(x.now()) {
					until = reset
				}
				x.pause(ctx, e, until)
			}
			return xRateState{}, e
		}
	}
}

// nextMonth returns the first instant of the month after t's, in UTC.
func nextMonth(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, time.UTC)
}

// pause stops the reads until until: every read before then fails at
// once with e, naming when it will ask again.
func (x *V2) pause(ctx context.Context, e *APIError, until time.Time) {
	e.RetryAt = until
	e.msg += "; reads paused until " + until.UTC().Format(time.RFC3339)
	x.mu.Lock()
	x.pausedUntil, x.pauseErr = until, e
	x.mu.Unlock()
	x.logger.WarnContext(ctx, "x api reads paused", "until", until.UTC(), "error", e.msg)
}

// checkPaused returns the error that paused the reads while the pause
// lasts.
func (x *V2) checkPaused() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.pauseErr != nil && x.now().Before(x.pausedUntil) {
		return x.pauseErr
	}
	return nil
}

// waitUntil sleeps until one second past reset, or fails with a rate-limit
// error saying when to retry when that is further than MaxWait. A reset in
// the past still waits a second: never a tight loop.
func (x *V2) waitUntil(ctx context.Context, reset time.Time, exhausted bool) error {
	d := reset.Sub(x.now()) + time.Second
	if d < time.Second {
		d = time.Second
	}
	if d > x.maxWait {
		return &APIError{
			StatusCode: http.StatusTooManyRequests,
			Title:      "Too Many Requests",
			RetryAt:    reset,
			msg:        fmt.Sprintf("x api: rate limited: retry after %s", reset.UTC().Format(time.RFC3339)),
		}
	}
	msg := "x api rate limited, waiting"
	if exhausted {
		msg = "x api rate limit used up, waiting before the next page"
	}
	x.logger.InfoContext(ctx, msg, "wait", d, "reset", reset.UTC())
	if err := x.sleep(ctx, d); err != nil {
		return fmt.Errorf("x api: waiting for the rate limit: %w", err)
	}
	return nil
}

// credentialVars names the variables to check after a 401.
func (x *V2) credentialVars() string {
	if x.oauth {
		return "X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET"
	}
	return "X_BEARER_TOKEN"
}

// problemError turns a problem answer into an APIError whose message says
// what to do.
func (x *V2) problemError(status int, p xv2Problem, doing string) *APIError {
	e := &APIError{StatusCode: status, Type: p.Type, Title: p.Title, Detail: p.Detail}
	kind := p.Type[strings.LastIndex(p.Type, "/")+1:]
	switch {
	case kind == "usage-capped":
		e.msg = "x api: monthly cap reached: the app's usage cap is used up until the next billing period"
		if p.Detail != "" {
			e.msg += " (" + p.Detail + ")"
		}
	case status == http.StatusUnauthorized:
		e.msg = "x api: 401 Unauthorized: check " + x.credentialVars()
	case kind == "client-forbidden" || p.Reason == "client-not-enrolled":
		e.msg = "x api: 403 Forbidden: the app is not enrolled: attach it to a project with API access in the developer portal"
		if p.Reason != "" {
			e.msg += " (" + p.Reason + ")"
		}
	case status == http.StatusForbidden:
		e.msg = "x api: 403 Forbidden: the app needs access to this endpoint"
		if d := posttext.FirstNonBlank(p.Detail, p.Title); d != "" {
			e.msg += ": " + d
		}
	case status == http.StatusTooManyRequests:
		e.msg = "x api: 429 Too Many Requests: rate limited"
	default:
		what := posttext.FirstNonBlank(p.Detail, p.Title, http.StatusText(status), "error")
		if status != 0 {
			e.msg = fmt.Sprintf("x api: %s: %d %s", doing, status, what)
		} else {
			e.msg = fmt.Sprintf("x api: %s: %s", doing, what)
		}
	}
	return e
}

// parseXProblem reads a problem body: RFC 7807 JSON, or an {"errors":[…]}
// envelope whose first error is taken.
func parseXProblem(body []byte) xv2Problem {
	var p xv2Problem
	if json.Unmarshal(body, &p) == nil && (p.Title != "" || p.Type != "" || p.Detail != "") {
		return p
	}
	var env struct {
		Errors []xv2Problem `json:"errors"`
	}
	if json.Unmarshal(body, &env) == nil && len(env.Errors) > 0 {
		p = env.Errors[0]
		if p.Detail == "" {
			p.Detail = p.Message
		}
	}
	return p
}

// The v2 shapes (formats/README.md).

type xv2Problem struct {
	Title   string `json:"title"`
	Detail  string `json:"detail"`
	Type    string `json:"type"`
	Status  int    `json:"status"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

type xv2Page struct {
	Data     []xv2Tweet `json:"data"`
	Includes struct {
		Tweets []xv2Tweet `json:"tweets"`
		Users  []struct {
			ID       string `json:"id"`
			Username string `json:"username"`
		} `json:"users"`
	} `json:"includes"`
	Meta struct {
		ResultCount int    `json:"result_count"`
		NewestID    string `json:"newest_id"`
		OldestID    string `json:"oldest_id"`
		NextToken   string `json:"next_token"`
	} `json:"meta"`
	Errors []xv2Problem `json:"errors"`
}

type xv2Tweet struct {
	ID               string       `json:"id"`
	Text             string       `json:"text"`
	CreatedAt        time.Time    `json:"created_at"`
	AuthorID         string       `json:"author_id"`
	ConversationID   string       `json:"conversation_id"`
	InReplyToUserID  string       `json:"in_reply_to_user_id"`
	Entities         *xv2Entities `json:"entities"`
	ReferencedTweets []xv2Ref     `json:"referenced_tweets"`
	ReferencedPosts  []xv2Ref     `json:"referenced_posts"`
	// EditHistoryTweetIDs lists every version of the post, oldest first
	// (the post itself last when it is the newest).
	EditHistoryTweetIDs []string `json:"edit_history_tweet_ids"`
	NoteTweet           *xv2Note `json:"note_tweet"`
	NotePost            *xv2Note `json:"note_post"`
}

type xv2Ref struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type xv2Note struct {
	Text     string       `json:"text"`
	Entities *xv2Entities `json:"entities"`
}

type xv2Entities struct {
	URLs []struct {
		URL         string `json:"url"`
		ExpandedURL string `json:"expanded_url"`
		UnwoundURL  string `json:"unwound_url"`
		MediaKey    string `json:"media_key"`
		// Status, Title and Description are what X found at the link,
		// present for some links only.
		Status      int    `json:"status"`
		Title       string `json:"title"`
		Description string `json:"description"`
	} `json:"urls"`
	Hashtags []struct {
		Tag string `json:"tag"`
	} `json:"hashtags"`
}

// full returns the post's whole text and its entities: those of the note
// when the post is longer than 280 characters.
func (t xv2Tweet) full() (string, *xv2Entities) {
	for _, n := range []*xv2Note{t.NoteTweet, t.NotePost} {
		if n != nil && n.Text != "" {
			if n.Entities != nil {
				return n.Text, n.Entities
			}
			return n.Text, t.Entities
		}
	}
	return t.Text, t.Entities
}

// post turns a v2 post into a Post. ownID is the author's id, includes the
// referenced posts by id, users the usernames by id.
func (t xv2Tweet) post(ownID string, includes map[string]xv2Tweet, users map[string]string) moisson.Post {
	p := moisson.Post{ID: t.ID, Source: "x", CreatedAt: t.CreatedAt.UTC()}
	text, ents := t.full()
	for _, ref := range append(append([]xv2Ref(nil), t.ReferencedTweets...), t.ReferencedPosts...) {
		switch ref.Type {
		case "retweeted":
			p.Retweet = true
			if orig, ok := includes[ref.ID]; ok {
				text, ents = orig.full()
				if name := users[orig.AuthorID]; name != "" {
					text = "RT @" + name + ": " + text
				}
			}
		case "quoted":
			p.Quote = true
		case "replied_to":
			if t.InReplyToUserID != ownID {
				p.Reply = true
			}
		}
	}
	p.Text = html.UnescapeString(text)
	if ents != nil {
		shareable := 0
		for _, e := range ents.URLs {
			if e.MediaKey != "" || isXMediaURL(e.ExpandedURL) {
				continue
			}
			u := xLinkURL(e.URL, e.ExpandedURL, e.UnwoundURL)
			if u == "" {
				continue
			}
			p.URLs = append(p.URLs, u)
			if !moisson.IsShareable(u) {
				continue
			}
			// What X says of the link stands in when its page cannot
			// be scraped. A Post holds one title: it is given only
			// when the post gives one link, so that no link ever shows
			// another's title.
			if shareable++; shareable == 1 {
				p.Title, p.Summary = strings.TrimSpace(html.UnescapeString(e.Title)), strings.TrimSpace(html.UnescapeString(e.Description))
			} else {
				p.Title, p.Summary = "", ""
			}
		}
		for _, h := range ents.Hashtags {
			if h.Tag != "" {
				p.Hashtags = append(p.Hashtags, h.Tag)
			}
		}
	}
	return p
}

// xShorteners are the link shorteners whose expansion X gives as
// expanded_url: their redirect chains break often (a dead shortener, a
// bot wall), so the final URL X found (unwound_url) is the link instead.
var xShorteners = map[string]bool{
	"bit.ly": true, "bitly.com": true, "buff.ly": true, "ow.ly": true, "tinyurl.com": true,
	"goo.gl": true, "t.co": true, "dlvr.it": true, "ift.tt": true, "lnkd.in": true,
	"trib.al": true, "fb.me": true, "is.gd": true, "j.mp": true, "wp.me": true,
	"feedproxy.google.com": true, "feeds.feedburner.com": true, "shar.es": true,
	"po.st": true, "tiny.cc": true, "rebrand.ly": true, "cutt.ly": true, "s.id": true,
	"amzn.to": true, "flip.it": true, "hubs.ly": true, "spr.ly": true,
}

// xLinkURL picks a post's link from its URL entity. The link is the URL as
// shared (expanded_url, as in the archive export), except when that is a
// known shortener and X gives the URL it unwound to: then unwound_url, X's
// own resolution of the chain, made when the post was written. A shortener
// without unwound_url is kept: the scraper follows it.
func xLinkURL(tco, expanded, unwound string) string {
	if unwound != "" && expanded != "" {
		if u, err := url.Parse(expanded); err == nil && xShorteners[strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")] {
			if v, err := url.Parse(unwound); err == nil && (v.Scheme == "http" || v.Scheme == "https") && v.Host != "" {
				return unwound
			}
		}
	}
	return posttext.FirstNonBlank(expanded, unwound, tco)
}

// PostReplacer replaces stored posts by a newer version of them
// (archive.Store).
type PostReplacer interface {
	// ReplacePost removes the posts stored under oldKeys, with their
	// links, and stores p with its links, in one transaction. It returns
	// the posts removed; none, and no change, when no old key is stored.
	ReplacePost(ctx context.Context, oldKeys []string, p moisson.Post) ([]moisson.Post, error)
}

// olderVersions returns the ids of the earlier versions of an edited post
// that is its newest version; none otherwise.
func (t xv2Tweet) olderVersions() []string {
	h := t.EditHistoryTweetIDs
	if len(h) < 2 || h[len(h)-1] != t.ID {
		return nil
	}
	var older []string
	for _, id := range h[:len(h)-1] {
		if id != t.ID && posttext.IsNumericID(id) {
			older = append(older, id)
		}
	}
	return older
}

// replaceEdited stores the newest version of each edited post in place of
// the older ones the store holds, links included.
func (x *V2) replaceEdited(ctx context.Context, posts []moisson.Post, edits map[string][]string) error {
	r, ok := x.store.(PostReplacer)
	if !ok {
		return nil
	}
	var errs error
	for _, p := range posts {
		older := edits[p.ID]
		if len(older) == 0 {
			continue
		}
		keys := make([]string, len(older))
		for i, id := range older {
			keys[i] = moisson.Post{Source: p.Source, ID: id}.Key()
		}
		replaced, err := r.ReplacePost(context.WithoutCancel(ctx), keys, p)
		if err != nil {
			errs = errors.Join(errs, fmt.Errorf("x api: edited post %s: %w", p.ID, err))
			continue
		}
		if len(replaced) == 0 {
			continue
		}
		x.logger.InfoContext(ctx, "x api: edited post replaced its first version", "post", p.ID, "replaced", len(replaced), "posted_at", p.CreatedAt)
		if x.onEdit != nil {
			x.onEdit(ctx, replaced, p)
		}
	}
	return errs
}

// isXMediaURL reports whether raw is a photo or video attached to a post
// (https://x.com/USER/status/ID/photo/1).
func isXMediaURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if host != "x.com" && host != "twitter.com" && host != "mobile.twitter.com" {
		return false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i, part := range parts {
		if (part == "photo" || part == "video") && i > 0 {
			return true
		}
	}
	return false
}
