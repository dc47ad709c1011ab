package x

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/bottest"
)

// xv1Server is a fake statuses/user_timeline.json serving the posts of
// testdata/api/v1_timeline_page{1,2}.json, at most three a page, newest
// first, as v1.1 does with since_id and max_id.
type xv1Server struct {
	t      *testing.T
	tweets []json.RawMessage
	ids    []int64
	// fail, when set, answers instead.
	fail func(w http.ResponseWriter, r *http.Request) bool
	// badAuth is set when the test sends a wrong signature on purpose.
	badAuth bool

	mu    sync.Mutex
	calls []map[string]string
}

func newXV1Server(t *testing.T) *xv1Server {
	s := &xv1Server{t: t}
	for _, name := range []string{"v1_timeline_page1.json", "v1_timeline_page2.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "api", name))
		if err != nil {
			t.Fatal(err)
		}
		var page []json.RawMessage
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		for _, raw := range page {
			var id struct {
				ID int64 `json:"id"`
			}
			if err := json.Unmarshal(raw, &id); err != nil {
				t.Fatal(err)
			}
			s.tweets = append(s.tweets, raw)
			s.ids = append(s.ids, id.ID)
		}
	}
	return s
}

func (s *xv1Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	call := map[string]string{}
	for k := range q {
		call[k] = q.Get(k)
	}
	s.mu.Lock()
	s.calls = append(s.calls, call)
	s.mu.Unlock()

	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("x-rate-limit-limit", "900")
	w.Header().Set("x-rate-limit-remaining", "898")
	w.Header().Set("x-rate-limit-reset", "1412170000")
	if r.URL.Path != "/1.1/statuses/user_timeline.json" {
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"errors":[{"message":"Sorry, that page does not exist","code":34}]}`))
		return
	}
	// The request was signed for the real host, then sent here.
	if err := checkOAuth1(r, "https://api.twitter.com/1.1/statuses/user_timeline.json"); err != nil {
		if !s.badAuth {
			s.t.Error(err)
		}
		serveAPIFile(s.t, w, http.StatusUnauthorized, "v1_401.json", nil)
		return
	}
	if s.fail != nil && s.fail(w, r) {
		return
	}
	for k, want := range map[string]string{"screen_name": "janedoe", "count": "200", "tweet_mode": "extended", "include_rts": "true"} {
		if q.Get(k) != want {
			s.t.Errorf("%s = %q, want %q", k, q.Get(k), want)
		}
	}
	since, _ := strconv.ParseInt(q.Get("since_id"), 10, 64)
	maxID, _ := strconv.ParseInt(q.Get("max_id"), 10, 64)
	var out []json.RawMessage
	for i, id := range s.ids {
		if id > since && (maxID == 0 || id <= maxID) && len(out) < 3 {
			out = append(out, s.tweets[i])
		}
	}
	b, _ := json.Marshal(out)
	if len(out) == 0 {
		b = []byte("[]")
	}
	w.Write(b)
}

func newTestXV1(t *testing.T, srv http.Handler) *V1 {
	t.Helper()
	x, _ := newTestXV1Clock(t, srv, "/1.1/")
	return x
}

// newTestXV1Clock returns a v1.1 source on a fake server reached at its
// URL + path, and the fake clock it waits on (1 October 2014, 12:00 UTC).
func newTestXV1Clock(t *testing.T, srv http.Handler, path string) (*V1, *bottest.Clock) {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	clock := bottest.NewClock()
	clock.Set(time.Date(2014, 10, 1, 12, 0, 0, 0, time.UTC))
	x, err := NewV1(V1Config{
		BaseURL:     ts.URL + path,
		ConsumerKey: testConsumerKey, ConsumerSecret: testConsumerSecret,
		AccessToken: testAccessToken, AccessSecret: testAccessSecret,
		ScreenName: "@janedoe",
		HTTPClient: ts.Client(),
		Now:        clock.Now,
		Sleep:      clock.Sleep,
	})
	if err != nil {
		t.Fatal(err)
	}
	return x, clock
}

func TestXV1FetchPagesBackWithMaxID(t *testing.T) {
	srv := newXV1Server(t)
	x := newTestXV1(t, srv)
	if x.Name() != "x-v1.1" {
		t.Errorf("Name = %q", x.Name())
	}
	posts, next, err := x.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RubyDate, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.UTC()
	}
	want := []moisson.Post{
		{ID: "517300000000000001", Source: "x", CreatedAt: at("Tue Sep 30 09:00:00 +0000 2014"),
			Text: "Go 1.3 is released #golang https://t.co/GoDev9999 https://t.co/Photo00000",
			URLs: []string{"https://golang.org/doc/go1.3"}, Hashtags: []string{"golang"}},
		{ID: "517300000000000002", Source: "x", CreatedAt: at("Tue Sep 30 09:05:00 +0000 2014"),
			Text: "2/ and the follow-up https://t.co/GoRel7777",
			URLs: []string{"https://blog.golang.org/go1.3"}}, // a self-reply is no reply
		{ID: "517400000000000001", Source: "x", CreatedAt: at("Wed Oct 01 08:00:00 +0000 2014"),
			Text: "@someone thanks! this one explains it better: https://t.co/Reply8888",
			URLs: []string{"https://example.org/explained"}, Reply: true},
		{ID: "517400000000000002", Source: "x", CreatedAt: at("Wed Oct 01 10:00:00 +0000 2014"),
			Text: "Worth reading & sharing https://t.co/LwnArt333 https://t.co/Quoted444",
			URLs: []string{"https://lwn.net/Articles/614000/", "https://twitter.com/kernelnews/status/517100000000000000"}, Quote: true},
		{ID: "517400000000000003", Source: "x", CreatedAt: at("Wed Oct 01 12:00:00 +0000 2014"),
			Text: "RT @Cloudflare: Introducing Universal SSL: free HTTPS for every site on our network, starting today for all customers & more https://t.co/5SoLdok6yj #SSL",
			URLs: []string{"http://blog.cloudflare.com/introducing-universal-ssl/"}, Hashtags: []string{"SSL"}, Retweet: true},
	}
	if diff := cmp.Diff(want, posts); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
	if next != "517400000000000003" {
		t.Errorf("next = %q", next)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	var maxIDs []string
	for _, c := range srv.calls {
		maxIDs = append(maxIDs, c["max_id"])
	}
	if diff := cmp.Diff([]string{"", "517400000000000000", "517300000000000000"}, maxIDs); diff != "" {
		t.Errorf("max_id of each request (-want +got):\n%s", diff)
	}
}

func TestXV1FetchSinceCursor(t *testing.T) {
	srv := newXV1Server(t)
	x := newTestXV1(t, srv)
	posts, next, err := x.Fetch(context.Background(), "517400000000000001")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range posts {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]string{"517400000000000002", "517400000000000003"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if next != "517400000000000003" {
		t.Errorf("next = %q", next)
	}
	srv.mu.Lock()
	for _, c := range srv.calls {
		if c["since_id"] != "517400000000000001" {
			t.Errorf("since_id = %q", c["since_id"])
		}
	}
	srv.mu.Unlock()

	posts, next2, err := x.Fetch(context.Background(), next)
	if err != nil || len(posts) != 0 || next2 != next {
		t.Errorf("nothing new: Fetch = %d posts, %q, %v", len(posts), next2, err)
	}
}

func TestXV1Errors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		file   string
		reset  string
		want   []string
		code   int
	}{
		{"453 no v1.1 access", http.StatusForbidden, "v1_453.json", "", []string{"453", "X_CONSUMER_KEY", "X_ACCESS_TOKEN"}, 453},
		{"401 invalid token", http.StatusUnauthorized, "v1_401.json", "", []string{"x api v1.1: 401 Unauthorized: check X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET"}, 89},
		{"429", http.StatusTooManyRequests, "v1_429.json", "1412170000", []string{"rate limited", "retry after 2014-10-01T13:26:40Z"}, 88},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newXV1Server(t)
			srv.fail = func(w http.ResponseWriter, r *http.Request) bool {
				serveAPIFile(t, w, tc.status, tc.file, map[string]string{"x-rate-limit-reset": "1412170000"})
				return true
			}
			x := newTestXV1(t, srv)
			posts, next, err := x.Fetch(context.Background(), "517300000000000001")
			if err == nil {
				t.Fatal("no error")
			}
			if len(posts) != 0 || next != "517300000000000001" {
				t.Errorf("got %d posts and cursor %q with the error", len(posts), next)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %q, want it to hold %q", err, w)
				}
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Code != tc.code || apiErr.StatusCode != tc.status {
				t.Errorf("err = %#v, want an APIError with code %d", err, tc.code)
			}
			for _, secret := range []string{testConsumerKey, testConsumerSecret, testAccessToken, testAccessSecret} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("err %q holds a secret", err)
				}
			}
		})
	}
}

func TestXV1WrongCredentialsAreRefused(t *testing.T) {
	srv := newXV1Server(t)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	srv.badAuth = true
	x, err := NewV1(V1Config{
		BaseURL:     ts.URL + "/1.1/",
		ConsumerKey: testConsumerKey, ConsumerSecret: "wrong" + testConsumerSecret,
		AccessToken: testAccessToken, AccessSecret: testAccessSecret,
		ScreenName: "janedoe", HTTPClient: ts.Client(),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = x.Fetch(context.Background(), "")
	if err == nil || !strings.Contains(err.Error(), "401 Unauthorized") || strings.Contains(err.Error(), testConsumerSecret) {
		t.Errorf("err = %v, want a 401 naming the variables and no secret", err)
	}
}

func TestNewXV1Validates(t *testing.T) {
	_, err := NewV1(V1Config{ConsumerKey: testConsumerKey, ScreenName: "janedoe"})
	if err == nil || !strings.Contains(err.Error(), "X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET not set") {
		t.Errorf("err = %v", err)
	}
	_, err = NewV1(V1Config{ConsumerKey: "a", ConsumerSecret: "b", AccessToken: "c", AccessSecret: "d"})
	if err == nil || !strings.Contains(err.Error(), "X_USERNAME") {
		t.Errorf("err = %v", err)
	}
}

// TestXV1WaitsOutA429: a 429 (error 88) with x-rate-limit-reset a few
// minutes ahead is waited out, then the same page is asked again and the
// read goes on. The source is reached through X_API_BASE_URL given as a
// root, as for v2.
func TestXV1WaitsOutA429(t *testing.T) {
	srv := newXV1Server(t)
	refused := 0
	srv.fail = func(w http.ResponseWriter, r *http.Request) bool {
		srv.mu.Lock()
		n := len(srv.calls)
		srv.mu.Unlock()
		if n != 2 {
			return false
		}
		refused++
		// 2014-10-01T12:05:00Z
		serveAPIFile(t, w, http.StatusTooManyRequests, "v1_429.json", map[string]string{"x-rate-limit-remaining": "0", "x-rate-limit-reset": "1412165100"})
		return true
	}
	x, clock := newTestXV1Clock(t, srv, "")
	posts, _, err := x.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if refused != 1 || len(posts) != len(srv.ids) {
		t.Errorf("%d posts after %d refusals, want all %d", len(posts), refused, len(srv.ids))
	}
	if diff := cmp.Diff([]time.Duration{5*time.Minute + time.Second}, clock.Slept()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.calls[1]["max_id"] != srv.calls[2]["max_id"] {
		t.Errorf("the refused page was not asked again: %v", srv.calls)
	}
}
