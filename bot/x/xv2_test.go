package x

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/bottest"
)

// The secrets of the tests: none may show in an error.
const (
	testBearer         = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F"
	testConsumerKey    = "xvz1evFS4wEEPTGEFPHBog"
	testConsumerSecret = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"
	testAccessToken    = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"
	testAccessSecret   = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"
)

// xv2Server is a fake X API v2 holding one user, "janedoe".
type xv2Server struct {
	t *testing.T
	// auth checks a request's credentials; the bearer token when nil.
	auth func(r *http.Request) bool
	// timeline answers GET /2/users/2244994945/tweets; n counts from 1.
	timeline func(w http.ResponseWriter, r *http.Request, n int)
	// anySize lets the timeline be asked with pages of any size.
	anySize bool

	mu    sync.Mutex
	calls []*url.URL
	n     int
}

func (s *xv2Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.calls = append(s.calls, r.URL)
	s.mu.Unlock()
	if r.Method != http.MethodGet {
		s.t.Errorf("%s %s: want GET", r.Method, r.URL)
	}
	ok := r.Header.Get("Authorization") == "Bearer "+testBearer
	if s.auth != nil {
		ok = s.auth(r)
	}
	if !ok {
		serveAPIFile(s.t, w, http.StatusUnauthorized, "v2_401.json", nil)
		return
	}
	switch r.URL.Path {
	case "/2/users/by/username/janedoe", "/2/users/me":
		serveAPIFile(s.t, w, http.StatusOK, "v2_user.json", nil)
	case "/2/users/by/username/nosuchuser":
		serveAPIFile(s.t, w, http.StatusOK, "v2_user_missing.json", nil)
	case "/2/users/2244994945/tweets":
		q := r.URL.Query()
		if got := q.Get("tweet.fields"); !strings.Contains(got, "note_tweet") || !strings.Contains(got, "referenced_tweets") || !strings.Contains(got, "in_reply_to_user_id") {
			s.t.Errorf("tweet.fields = %q", got)
		}
		if got := q.Get("expansions"); !strings.Contains(got, "referenced_tweets.id") {
			s.t.Errorf("expansions = %q", got)
		}
		if got := q.Get("max_results"); got != "100" && !s.anySize {
			s.t.Errorf("max_results = %q, want 100", got)
		}
		s.mu.Lock()
		s.n++
		n := s.n
		s.mu.Unlock()
		s.timeline(w, r, n)
	default:
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"title":"Not Found","type":"about:blank","status":404,"detail":"Not Found"}`)
	}
}

func (s *xv2Server) timelineCalls() []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	var qs []url.Values
	for _, u := range s.calls {
		if strings.HasSuffix(u.Path, "/tweets") {
			qs = append(qs, u.Query())
		}
	}
	return qs
}

// serveAPIFile answers with testdata/api/name and the rate-limit headers
// the API always sends.
func serveAPIFile(t *testing.T, w http.ResponseWriter, status int, name string, h map[string]string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "api", name))
	if err != nil {
		t.Fatal(err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if status >= 400 && strings.HasPrefix(name, "v2_") {
		w.Header().Set("Content-Type", "application/problem+json")
	}
	w.Header().Set("x-rate-limit-limit", "900")
	w.Header().Set("x-rate-limit-remaining", "899")
	w.Header().Set("x-rate-limit-reset", "1728130500")
	for k, v := range h {
		w.Header().Set(k, v)
	}
	w.WriteHeader(status)
	w.Write(b)
}

// threePages answers the timeline in three pages linked by next_token.
func threePages(t *testing.T) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		switch tok := r.URL.Query().Get("pagination_token"); tok {
		case "":
			serveAPIFile(t, w, http.StatusOK, "v2_page1.json", nil)
		case "7140dibdnow9c7btw3w29n4v5m4b1ov6f2g7z1q2k3m4":
			serveAPIFile(t, w, http.StatusOK, "v2_page2.json", nil)
		case "7140dibdnow9c7btw3w29n4v5m4b1ov6f2g7z1q2k3m5":
			serveAPIFile(t, w, http.StatusOK, "v2_page3.json", nil)
		default:
			t.Errorf("unknown pagination_token %q", tok)
			w.WriteHeader(http.StatusBadRequest)
		}
	}
}

func newTestXV2(t *testing.T, srv *xv2Server, mod func(*V2Config)) (*V2, *bottest.Clock) {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	clock := bottest.NewClock()
	cfg := V2Config{
		BaseURL:     ts.URL,
		BearerToken: testBearer,
		Username:    "@janedoe",
		HTTPClient:  ts.Client(),
		Now:         clock.Now,
		Sleep:       clock.Sleep,
	}
	if mod != nil {
		mod(&cfg)
	}
	x, err := NewV2(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return x, clock
}

// wantThreePages are the posts of v2_page{1,2,3}.json, oldest first.
func wantThreePages() []moisson.Post {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return tm
	}
	return []moisson.Post{
		{
			ID: "1841900000000000001", Source: "x", CreatedAt: at("2024-10-01T07:40:00Z"),
			Text:     "Go 1.23 is out, with range-over-func #golang https://t.co/GoDev9999 https://t.co/Photo0000",
			URLs:     []string{"https://go.dev/doc/go1.23"}, // the photo is left out
			Hashtags: []string{"golang"},
			// X's own title of its one link: the fallback.
			Title: "Go 1.23 Release Notes",
			// A reply to oneself (a thread) is no reply.
		},
		{
			ID: "1842000000000000001", Source: "x", CreatedAt: at("2024-10-02T08:00:00Z"),
			Text:  "@someone thanks! this one explains it better: https://t.co/Reply8888",
			URLs:  []string{"https://example.org/explained"},
			Reply: true,
		},
		{
			ID: "1842000000000000002", Source: "x", CreatedAt: at("2024-10-02T08:05:00Z"),
			Text: "2/ and the follow-up post on the release: https://t.co/GoRel7777",
			URLs: []string{"https://go.dev/blog/go1.23"},
		},
		{
			ID: "1842000000000000003", Source: "x", CreatedAt: at("2024-10-03T12:00:00Z"),
			Text:  "Worth reading & sharing: LWN on the kernel's new scheduler https://t.co/LwnArt333 https://t.co/Quoted444",
			URLs:  []string{"https://lwn.net/Articles/990000/", "https://twitter.com/kernelnews/status/1841999999999999999"},
			Quote: true,
		},
		{
			ID: "1842000000000000004", Source: "x", CreatedAt: at("2024-10-03T18:30:00Z"),
			Text:     "RT @Cloudflare: Introducing Universal SSL: free HTTPS for every site on our network, starting today for all customers, free and paid. Here is how it works and why we are doing it https://t.co/UniSsl555 #SSL",
			URLs:     []string{"http://blog.cloudflare.com/introducing-universal-ssl/"},
			Hashtags: []string{"SSL"},
			Retweet:  true,
		},
		{
			ID: "1842000000000000005", Source: "x", CreatedAt: at("2024-10-04T09:00:00Z"),
			Text:     "Notes on how TLS 1.3 got deployed at scale, and what we learned along the way. First, the handshake: one round trip instead of two, which matters on mobile. Second, 0-RTT resumption, which matters even more but brings replay risks. Third, middleboxes & ossification. The RFC: https://t.co/Rfc8446xx and the write-up https://t.co/WriteUp22 #TLS #Crypto",
			URLs:     []string{"https://www.rfc-editor.org/rfc/rfc8446", "https://blog.cloudflare.com/rfc-8446-aka-tls-1-3/"},
			Hashtags: []string{"TLS", "Crypto"},
		},
	}
}

func TestXV2FetchPaginatesOldestFirst(t *testing.T) {
	srv := &xv2Server{t: t}
	srv.timeline = threePages(t)
	x, clock := newTestXV2(t, srv, nil)

	posts, next, err := x.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantThreePages(), posts); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	if next != "1842000000000000005" {
		t.Errorf("next = %q, want the newest id", next)
	}
	calls := srv.timelineCalls()
	if len(calls) != 3 {
		t.Fatalf("%d timeline requests, want 3", len(calls))
	}
	for i, want := range []string{"", "7140dibdnow9c7btw3w29n4v5m4b1ov6f2g7z1q2k3m4", "7140dibdnow9c7btw3w29n4v5m4b1ov6f2g7z1q2k3m5"} {
		if got := calls[i].Get("pagination_token"); got != want {
			t.Errorf("request %d: pagination_token = %q, want %q", i+1, got, want)
		}
		if calls[i].Has("since_id") {
			t.Errorf("request %d: since_id sent without a cursor", i+1)
		}
	}
	if s := clock.Slept(); len(s) != 0 {
		t.Errorf("slept %v with the rate limit far from used", s)
	}
	// Every link the posts give is a real one: photos and quoted posts
	// are gone.
	var links []string
	for _, p := range posts {
		for _, l := range moisson.LinksOf(p) {
			links = append(links, l.URL)
		}
	}
	for _, l := range links {
		if strings.Contains(l, "x.com") || strings.Contains(l, "twitter.com") || strings.Contains(l, "t.co/") {
			t.Errorf("link %s should not be given", l)
		}
	}
}

func TestXV2FetchSinceCursor(t *testing.T) {
	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Query().Get("since_id") {
		case "1842000000000000005":
			serveAPIFile(t, w, http.StatusOK, "v2_since.json", nil)
		case "1842000000000000007":
			serveAPIFile(t, w, http.StatusOK, "v2_empty.json", nil)
		default:
			t.Errorf("since_id = %q", r.URL.Query().Get("since_id"))
			w.WriteHeader(http.StatusBadRequest)
		}
	}
	x, _ := newTestXV2(t, srv, nil)

	posts, next, err := x.Fetch(context.Background(), "1842000000000000005")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range posts {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]string{"1842000000000000006", "1842000000000000007"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if posts[0].Text != "Just text, no link <3" {
		t.Errorf("text = %q: entities not decoded", posts[0].Text)
	}
	if next != "1842000000000000007" {
		t.Errorf("next = %q", next)
	}

	// Nothing new: no posts, the same cursor.
	posts, next2, err := x.Fetch(context.Background(), next)
	if err != nil || len(posts) != 0 || next2 != next {
		t.Errorf("Fetch(%s) = %d posts, %q, %v; want none, the same cursor, no error", next, len(posts), next2, err)
	}
	// The user was looked up once.
	srv.mu.Lock()
	lookups := 0
	for _, u := range srv.calls {
		if strings.HasPrefix(u.Path, "/2/users/by/") {
			lookups++
		}
	}
	srv.mu.Unlock()
	if lookups != 1 {
		t.Errorf("%d user look-ups, want 1", lookups)
	}

	if _, _, err := x.Fetch(context.Background(), "not-an-id"); err == nil {
		t.Error("a cursor that is not an id was accepted")
	}
}

func TestXV2EmptyTimeline(t *testing.T) {
	// An empty timeline, or one asked beyond the 3,200 posts it reaches:
	// a 200 without data.
	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		serveAPIFile(t, w, http.StatusOK, "v2_empty.json", nil)
	}
	x, _ := newTestXV2(t, srv, nil)
	posts, next, err := x.Fetch(context.Background(), "")
	if err != nil || len(posts) != 0 || next != "" {
		t.Errorf("Fetch = %d posts, %q, %v; want none, \"\", no error", len(posts), next, err)
	}
}

func TestXV2WaitsOutA429ThenRetriesTheSamePage(t *testing.T) {
	srv := &xv2Server{t: t}
	pages := threePages(t)
	var mu sync.Mutex
	var reset int64
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 2 { // the second page is refused once
			mu.Lock()
			rs := strconv.FormatInt(reset, 10)
			mu.Unlock()
			serveAPIFile(t, w, http.StatusTooManyRequests, "v2_429.json", map[string]string{
				"x-rate-limit-remaining": "0", "x-rate-limit-reset": rs,
			})
			return
		}
		pages(w, r, n)
	}
	x, clock := newTestXV2(t, srv, nil)
	reset = clock.Now().Add(7*time.Minute + 30*time.Second).Unix()

	posts, _, err := x.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 6 {
		t.Errorf("%d posts, want 6", len(posts))
	}
	if diff := cmp.Diff([]time.Duration{7*time.Minute + 31*time.Second}, clock.Slept()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	calls := srv.timelineCalls()
	if len(calls) != 4 || calls[1].Get("pagination_token") != calls[2].Get("pagination_token") {
		t.Errorf("the refused page was not asked again: %v", calls)
	}
}

func TestXV2WaitsWhenTheLimitIsUsedUp(t *testing.T) {
	srv := &xv2Server{t: t}
	var reset string
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			serveAPIFile(t, w, http.StatusOK, "v2_page1.json", map[string]string{
				"x-rate-limit-remaining": "0", "x-rate-limit-reset": reset,
			})
			return
		}
		threePages(t)(w, r, n)
	}
	x, clock := newTestXV2(t, srv, nil)
	reset = strconv.FormatInt(clock.Now().Add(90*time.Second).Unix(), 10)
	if _, _, err := x.Fetch(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{91 * time.Second}, clock.Slept()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
}

func TestXV2RateLimitBeyondMaxWait(t *testing.T) {
	srv := &xv2Server{t: t}
	var reset time.Time
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		serveAPIFile(t, w, http.StatusTooManyRequests, "v2_429.json", map[string]string{
			"x-rate-limit-remaining": "0", "x-rate-limit-reset": strconv.FormatInt(reset.Unix(), 10),
		})
	}
	x, clock := newTestXV2(t, srv, nil)
	reset = clock.Now().Add(40 * time.Minute)

	posts, next, err := x.Fetch(context.Background(), "1842000000000000005")
	if err == nil {
		t.Fatal("no error")
	}
	if len(posts) != 0 || next != "1842000000000000005" {
		t.Errorf("got %d posts and cursor %q with the error", len(posts), next)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !apiErr.Temporary() || !apiErr.RetryAt.Equal(reset) {
		t.Errorf("err = %#v, want a temporary APIError retrying at %s", err, reset)
	}
	if !strings.Contains(err.Error(), "retry after 2024-10-05T12:40:00Z") {
		t.Errorf("err = %q, want it to say when to retry", err)
	}
	if s := clock.Slept(); len(s) != 0 {
		t.Errorf("slept %v", s)
	}
}

func TestXV2Errors(t *testing.T) {
	tests := []struct {
		name     string
		mod      func(*V2Config)
		status   int
		file     string
		want     string // the whole message, or a part of it with contains
		contains bool
		temp     bool
	}{
		{name: "401 bearer", mod: func(c *V2Config) { c.BearerToken = testBearer + "x" },
			want: "x api: 401 Unauthorized: check X_BEARER_TOKEN"},
		{name: "401 user context", mod: func(c *V2Config) {
			c.ConsumerKey, c.ConsumerSecret, c.AccessToken, c.AccessSecret = testConsumerKey, testConsumerSecret, testAccessToken, testAccessSecret
		}, want: "x api: 401 Unauthorized: check X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET"},
		{name: "403 not enrolled", status: http.StatusForbidden, file: "v2_403_not_enrolled.json",
			want: "not enrolled", contains: true},
		{name: "usage capped", status: http.StatusTooManyRequests, file: "v2_usage_capped.json",
			want: "x api: monthly cap reached", contains: true},
		{name: "missing user", mod: func(c *V2Config) { c.Username = "nosuchuser" },
			want: `x api: user "nosuchuser" not found: check X_USERNAME`, contains: true},
		{name: "server error", status: http.StatusServiceUnavailable, file: "v2_429.json",
			want: "503", contains: true, temp: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := &xv2Server{t: t}
			srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
				serveAPIFile(t, w, tc.status, tc.file, nil)
			}
			x, clock := newTestXV2(t, srv, tc.mod)
			_, _, err := x.Fetch(context.Background(), "")
			if err == nil {
				t.Fatal("no error")
			}
			if tc.contains && !strings.Contains(err.Error(), tc.want) || !tc.contains && err.Error() != tc.want {
				t.Errorf("err = %q, want %q", err, tc.want)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err is %T, want APIError", err)
			}
			if apiErr.Temporary() != tc.temp {
				t.Errorf("Temporary() = %v", apiErr.Temporary())
			}
			for _, secret := range []string{testBearer, testConsumerSecret, testAccessSecret, testAccessToken} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("err %q holds a secret", err)
				}
			}
			if tc.name != "server error" && len(clock.Slept()) != 0 {
				t.Errorf("slept %v before an error that waiting does not cure", clock.Slept())
			}
		})
	}
}

func TestXV2KeepsDataBesideErrors(t *testing.T) {
	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		serveAPIFile(t, w, http.StatusOK, "v2_page3.json", nil) // data and errors
	}
	x, _ := newTestXV2(t, srv, nil)
	posts, _, err := x.Fetch(context.Background(), "")
	if err != nil || len(posts) != 1 {
		t.Errorf("Fetch = %d posts, %v; want the post beside the errors", len(posts), err)
	}
}

func TestXV2FetchRange(t *testing.T) {
	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		q := r.URL.Query()
		if q.Get("start_time") != "2024-10-02T00:00:00Z" || q.Get("end_time") != "2024-10-04T00:00:01Z" {
			t.Errorf("start_time=%q end_time=%q", q.Get("start_time"), q.Get("end_time"))
		}
		threePages(t)(w, r, n)
	}
	x, _ := newTestXV2(t, srv, nil)
	from := time.Date(2024, 10, 2, 0, 0, 0, 0, time.UTC)
	to := time.Date(2024, 10, 4, 0, 0, 0, 500e6, time.UTC)
	posts, err := x.FetchRange(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range posts {
		ids = append(ids, p.ID)
	}
	want := []string{"1842000000000000001", "1842000000000000002", "1842000000000000003", "1842000000000000004"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if _, err := x.FetchRange(context.Background(), to, from); err == nil {
		t.Error("an empty range was accepted")
	}
}

func TestXV2SignsWithOAuth1(t *testing.T) {
	srv := &xv2Server{t: t}
	srv.auth = func(r *http.Request) bool {
		if r.Header.Get("Authorization") == "Bearer "+testBearer {
			t.Error("bearer token sent with user-context credentials")
		}
		if err := checkOAuth1(r, "http://"+r.Host+r.URL.Path); err != nil {
			t.Error(err)
			return false
		}
		return true
	}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		serveAPIFile(t, w, http.StatusOK, "v2_since.json", nil)
	}
	x, _ := newTestXV2(t, srv, func(c *V2Config) {
		c.ConsumerKey, c.ConsumerSecret, c.AccessToken, c.AccessSecret = testConsumerKey, testConsumerSecret, testAccessToken, testAccessSecret
		c.Username = "" // the owner of the access token
	})
	posts, _, err := x.Fetch(context.Background(), "")
	if err != nil || len(posts) != 2 {
		t.Fatalf("Fetch = %d posts, %v", len(posts), err)
	}
}

// checkOAuth1 verifies a request's OAuth 1.0a HMAC-SHA1 signature for the
// base URL baseURL (RFC 5849 §3.4).
func checkOAuth1(r *http.Request, baseURL string) error {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "OAuth ") {
		return fmt.Errorf("authorization %q is not OAuth", strings.SplitN(h, " ", 2)[0])
	}
	params := map[string]string{}
	var sig string
	for _, kv := range strings.Split(strings.TrimPrefix(h, "OAuth "), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		v, err := url.QueryUnescape(strings.Trim(v, `"`))
		if err != nil {
			return fmt.Errorf("authorization header: %w", err)
		}
		if k == "oauth_signature" {
			sig = v
			continue
		}
		params[k] = v
	}
	if params["oauth_consumer_key"] != testConsumerKey || params["oauth_token"] != testAccessToken || params["oauth_signature_method"] != "HMAC-SHA1" {
		return fmt.Errorf("oauth params %v", params)
	}
	type kv struct{ k, v string }
	var all []kv
	for k, v := range params {
		all = append(all, kv{pctEncode(k), pctEncode(v)})
	}
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			all = append(all, kv{pctEncode(k), pctEncode(v)})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].k != all[j].k {
			return all[i].k < all[j].k
		}
		return all[i].v < all[j].v
	})
	var pairs []string
	for _, p := range all {
		pairs = append(pairs, p.k+"="+p.v)
	}
	base := r.Method + "&" + pctEncode(baseURL) + "&" + pctEncode(strings.Join(pairs, "&"))
	mac := hmac.New(sha1.New, []byte(pctEncode(testConsumerSecret)+"&"+pctEncode(testAccessSecret)))
	mac.Write([]byte(base))
	if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); sig != want {
		return fmt.Errorf("oauth_signature %q, want %q for %s", sig, want, base)
	}
	return nil
}

// pctEncode is RFC 3986 percent-encoding, as OAuth 1.0a wants it.
func pctEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func TestNewXV2Validates(t *testing.T) {
	tests := []struct {
		name string
		cfg  V2Config
		want string
	}{
		{"no token", V2Config{Username: "janedoe"}, "X_BEARER_TOKEN"},
		{"no username", V2Config{BearerToken: testBearer}, "X_USERNAME"},
		{"half user context", V2Config{Username: "janedoe", ConsumerKey: testConsumerKey, ConsumerSecret: testConsumerSecret}, "X_ACCESS_TOKEN, X_ACCESS_SECRET not set"},
		{"bad base", V2Config{Username: "janedoe", BearerToken: testBearer, BaseURL: "api.twitter.com"}, "X_API_BASE_URL"},
		{"bad page size", V2Config{Username: "janedoe", BearerToken: testBearer, MaxResults: 500}, "max results"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewV2(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one naming %s", err, tc.want)
			}
			if err != nil && (strings.Contains(err.Error(), testBearer) || strings.Contains(err.Error(), testConsumerSecret)) {
				t.Errorf("err %q holds a secret", err)
			}
		})
	}
	x, err := NewV2(V2Config{Username: "janedoe", BearerToken: testBearer})
	if err != nil || x.Name() != "x" {
		t.Fatalf("NewV2 = %v, %v", x, err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, x); strings.Contains(s, testBearer) {
			t.Errorf("%s shows the bearer token: %s", verb, s)
		}
	}
}

// ExampleNewV2 reads the posts of one author published since the last
// run.
func ExampleNewV2() {
	src, err := NewV2(V2Config{
		BearerToken: "…", // X_BEARER_TOKEN
		Username:    "janedoe",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	posts, cursor, err := src.Fetch(context.Background(), "1842000000000000005")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range posts {
		fmt.Println(p.CreatedAt.Format(time.DateOnly), p.URLs)
	}
	_ = cursor // stored for the next run
}

// TestXV2FetchResumesAPartialRead: the API fails after the first page; the
// posts read are returned with a cursor that resumes below them, and the
// next Fetch reads only the rest (reads are billed per post).
func TestXV2FetchResumesAPartialRead(t *testing.T) {
	down := true
	srv := &xv2Server{t: t}
	srv.timeline = func(w http.ResponseWriter, r *http.Request, n int) {
		q := r.URL.Query()
		switch {
		case q.Get("since_id") == "1842000000000000005":
			serveAPIFile(t, w, http.StatusOK, "v2_empty.json", nil)
		case q.Get("until_id") == "1842000000000000003" && q.Get("pagination_token") == "":
			// The resumed read starts below the posts already read: the
			// API's first page of that range is the old page 2.
			serveAPIFile(t, w, http.StatusOK, "v2_page2.json", nil)
		case q.Get("pagination_token") == "7140dibdnow9c7btw3w29n4v5m4b1ov6f2g7z1q2k3m5":
			serveAPIFile(t, w, http.StatusOK, "v2_page3.json", nil)
		case q.Get("pagination_token") == "":
			serveAPIFile(t, w, http.StatusOK, "v2_page1.json", nil)
		case down:
			// The API down: the retries fail too, the read stops here.
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"title":"Internal Server Error","type":"about:blank","status":500,"detail":"Internal Server Error"}`)
		default:
			t.Errorf("unexpected query %v", q)
			w.WriteHeader(http.StatusBadRequest)
		}
	}
	x, _ := newTestXV2(t, srv, nil)
	ctx := context.Background()

	posts, next, err := x.Fetch(ctx, "")
	if err == nil {
		t.Fatal("a failed read reported no error")
	}
	if ids := postIDs(posts); strings.Join(ids, " ") != "1842000000000000003 1842000000000000004 1842000000000000005" {
		t.Fatalf("partial read gave %v, want the first page's posts", ids)
	}
	if next != ":1842000000000000003:1842000000000000005" {
		t.Fatalf("cursor after a partial read = %q", next)
	}

	down = false
	posts, next, err = x.Fetch(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	if ids := postIDs(posts); strings.Join(ids, " ") != "1841900000000000001 1842000000000000001 1842000000000000002" {
		t.Fatalf("resumed read gave %v, want only the rest", ids)
	}
	if next != "1842000000000000005" {
		t.Fatalf("cursor after the resumed read = %q, want the newest post", next)
	}
	if posts, again, err := x.Fetch(ctx, next); err != nil || len(posts) != 0 || again != next {
		t.Fatalf("nothing new: %v %q %v", postIDs(posts), again, err)
	}
}

func postIDs(posts []moisson.Post) []string {
	ids := make([]string, len(posts))
	for i, p := range posts {
		ids[i] = p.ID
	}
	return ids
}
