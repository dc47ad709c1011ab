package mastodon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
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
	"github.com/moisson/moisson/bot/internal/httpsrc"
	"github.com/moisson/moisson/bot/internal/posttext"
)

const mastoAccountID = "109302140543288911"

// mastoServer is a fake Mastodon instance holding janedoe's statuses. It
// pages as Mastodon does: max_id, min_id and since_id, newest first
// within a page, and a Link header with next and prev.
type mastoServer struct {
	t        *testing.T
	mu       sync.Mutex
	account  []byte
	statuses []json.RawMessage // newest first
	ids      []string
	// token, when set, is required (an instance closed to anonymous reads).
	token    string
	fail     []int // statuses to answer the next statuses requests with
	requests []string
	auth     []string
}

func newMastoServer(t *testing.T) (*mastoServer, *httptest.Server) {
	s := &mastoServer{t: t}
	var err error
	if s.account, err = os.ReadFile(filepath.Join("testdata", "mastodon", "account.json")); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "mastodon", "statuses.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sts []json.RawMessage
	if err := json.Unmarshal(b, &sts); err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		s.add(st)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// add puts a status in its place (ids are kept newest first).
func (s *mastoServer) add(st json.RawMessage) {
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(st, &head); err != nil {
		s.t.Fatal(err)
	}
	i := 0
	for i < len(s.ids) && posttext.CompareNumericIDs(s.ids[i], head.ID) > 0 {
		i++
	}
	s.ids = append(s.ids[:i], append([]string{head.ID}, s.ids[i:]...)...)
	s.statuses = append(s.statuses[:i], append([]json.RawMessage{st}, s.statuses[i:]...)...)
}

func (s *mastoServer) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

func (s *mastoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth = append(s.auth, r.Header.Get("Authorization"))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-RateLimit-Limit", "300")
	w.Header().Set("X-RateLimit-Remaining", "299")
	w.Header().Set("X-RateLimit-Reset", "2024-10-05T12:05:00.000Z")
	if s.token != "" && r.Header.Get("Authorization") != "Bearer "+s.token {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"This API requires an authenticated user"}`)
		return
	}
	q := r.URL.Query()
	switch {
	case r.URL.Path == "/api/v1/accounts/lookup":
		s.requests = append(s.requests, "lookup")
		if q.Get("acct") != "janedoe" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":"Record not found"}`)
			return
		}
		w.Write(s.account)
	case r.URL.Path == "/api/v1/accounts/"+mastoAccountID+"/statuses":
		s.requests = append(s.requests, r.URL.RawQuery)
		if len(s.fail) > 0 {
			status := s.fail[0]
			s.fail = s.fail[1:]
			if status == http.StatusTooManyRequests {
				w.Header().Set("X-RateLimit-Remaining", "0")
				w.Header().Set("X-RateLimit-Reset", "2024-10-05T12:01:00.000Z")
				w.WriteHeader(status)
				fmt.Fprint(w, `{"error":"Too many requests"}`)
				return
			}
			w.WriteHeader(status)
			fmt.Fprint(w, `<html><body>Internal Server Error</body></html>`)
			return
		}
		limit, _ := strconv.Atoi(q.Get("limit"))
		if limit <= 0 || limit > 40 {
			limit = 20
		}
		var page []json.RawMessage
		var pageIDs []string
		keep := func(i int) bool {
			var st mastodonStatus
			if err := json.Unmarshal(s.statuses[i], &st); err != nil {
				s.t.Fatal(err)
			}
			if q.Get("exclude_replies") == "true" && st.InReplyToAccountID != nil && *st.InReplyToAccountID != mastoAccountID {
				return false
			}
			return q.Get("exclude_reblogs") != "true" || st.Reblog == nil
		}
		if minID := q.Get("min_id"); minID != "" {
			// The statuses right above min_id, given newest first.
			for i := len(s.ids) - 1; i >= 0 && len(page) < limit; i-- {
				if posttext.CompareNumericIDs(s.ids[i], minID) > 0 && keep(i) {
					page = append([]json.RawMessage{s.statuses[i]}, page...)
					pageIDs = append([]string{s.ids[i]}, pageIDs...)
				}
			}
		} else {
			for i := 0; i < len(s.ids) && len(page) < limit; i++ {
				if maxID := q.Get("max_id"); maxID != "" && posttext.CompareNumericIDs(s.ids[i], maxID) >= 0 {
					continue
				}
				if keep(i) {
					page = append(page, s.statuses[i])
					pageIDs = append(pageIDs, s.ids[i])
				}
			}
		}
		if len(page) > 0 {
			base := "https://" + r.Host + r.URL.Path
			w.Header().Set("Link", fmt.Sprintf(`<%s?max_id=%s>; rel="next", <%s?min_id=%s>; rel="prev"`, base, pageIDs[len(pageIDs)-1], base, pageIDs[0]))
		}
		if page == nil {
			page = []json.RawMessage{}
		}
		b, err := json.Marshal(page)
		if err != nil {
			s.t.Fatal(err)
		}
		w.Write(b)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":"Not found"}`)
	}
}

func newTestMastodon(t *testing.T, ts *httptest.Server, cfg Config) (*Source, *bottest.Clock) {
	t.Helper()
	clock := bottest.NewClock()
	cfg.Account = ts.URL + "/@janedoe"
	cfg.HTTPClient = ts.Client()
	cfg.Now, cfg.Sleep = clock.Now, clock.Sleep
	if cfg.PageSize == 0 {
		cfg.PageSize = 2
	}
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return m, clock
}

func wantMastoPosts(boosts bool) []moisson.Post {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	posts := []moisson.Post{
		{
			ID: "113231108505600000", Source: "mastodon", CreatedAt: at("2024-10-01T08:00:00Z"),
			Text:     "Deux lectures : https://go.dev/blog/range-functions et https://eli.thegreenplace.net/2024/ranging-over-functions-in-go-123/ #GoLang via @bob",
			URLs:     []string{"https://go.dev/blog/range-functions", "https://eli.thegreenplace.net/2024/ranging-over-functions-in-go-123/"},
			Hashtags: []string{"GoLang"},
			Via:      "@bob@hachyderm.io", ViaURL: "https://hachyderm.io/@bob",
		},
		{
			ID: "113237242675200000", Source: "mastodon", CreatedAt: at("2024-10-02T10:00:00Z"),
			Text:  "2/ et la suite ici https://blog.example.net/suite",
			URLs:  []string{"https://blog.example.net/suite"},
			Title: "La suite", Summary: "Le deuxième épisode.",
		},
		{
			ID: "113243140915200000", Source: "mastodon", CreatedAt: at("2024-10-03T11:00:00Z"),
			Text:     "The rest of the 6.12 merge window https://lwn.net/Articles/990012/ #Linux",
			URLs:     []string{"https://lwn.net/Articles/990012/"},
			Hashtags: []string{"Linux"},
			Retweet:  true,
			Title:    "The rest of the 6.12 merge window [LWN.net]", Summary: "LWN's summary.",
			Via: "@carol@fosstodon.org", ViaURL: "https://fosstodon.org/@carol",
		},
		{
			ID: "113249039155200000", Source: "mastodon", CreatedAt: at("2024-10-04T12:00:00Z"),
			Text:     "Relire la RFC https://www.rfc-editor.org/rfc/rfc9110.html (voir aussi mon vieux pouet) #HTTP",
			URLs:     []string{"https://www.rfc-editor.org/rfc/rfc9110.html"},
			Hashtags: []string{"HTTP"},
		},
	}
	if !boosts {
		posts = append(posts[:2], posts[3])
	}
	return posts
}

func TestMastodonFetch(t *testing.T) {
	for _, boosts := range []bool{true, false} {
		t.Run(fmt.Sprintf("boosts=%v", boosts), func(t *testing.T) {
			srv, ts := newMastoServer(t)
			m, _ := newTestMastodon(t, ts, Config{Boosts: boosts})
			ctx := context.Background()
			posts, cur, err := m.Fetch(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantMastoPosts(boosts), posts); diff != "" {
				t.Errorf("posts (-want +got):\n%s", diff)
			}
			if cur != "113249039155200000" {
				t.Errorf("cursor = %q, want the newest status id", cur)
			}
			reqs := srv.Requests()
			if reqs[0] != "lookup" || !strings.Contains(reqs[1], "exclude_replies=true") || strings.Contains(reqs[1], "exclude_reblogs") == boosts {
				t.Errorf("requests = %q", reqs)
			}
			// The pages follow the Link header down to an empty page.
			if !strings.Contains(reqs[len(reqs)-1], "max_id=113231108505600000") {
				t.Errorf("last request %q, want max_id of the oldest status", reqs[len(reqs)-1])
			}

			// Nothing new: one request with min_id, the same cursor.
			before := len(srv.Requests())
			posts, cur2, err := m.Fetch(ctx, cur)
			if err != nil || len(posts) != 0 || cur2 != cur {
				t.Errorf("second Fetch = %d posts, %q, %v", len(posts), cur2, err)
			}
			if r := srv.Requests()[before:]; len(r) != 1 || !strings.Contains(r[0], "min_id="+cur) {
				t.Errorf("second Fetch requests = %q", r)
			}
		})
	}
}

func TestMastodonFetchNewer(t *testing.T) {
	srv, ts := newMastoServer(t)
	m, _ := newTestMastodon(t, ts, Config{})
	ctx := context.Background()
	_, cur, err := m.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	newStatus := func(id, link string) json.RawMessage {
		return json.RawMessage(fmt.Sprintf(`{"id":%q,"created_at":"2024-10-05T0%s:00:00.000Z","in_reply_to_id":null,"in_reply_to_account_id":null,"reblog":null,
			"content":"<p><a href=\"%s\" rel=\"nofollow noopener\" target=\"_blank\">%s</a></p>","account":{"id":%q,"username":"janedoe","acct":"janedoe","url":"https://mastodon.social/@janedoe"},
			"mentions":[],"tags":[],"card":null,"media_attachments":[],"url":"https://mastodon.social/@janedoe/%s"}`, id, id[len(id)-1:], link, link, mastoAccountID, id))
	}
	srv.mu.Lock()
	srv.add(newStatus("113250000000000001", "https://example.com/1"))
	srv.add(newStatus("113250000000000002", "https://example.com/2"))
	srv.add(newStatus("113250000000000003", "https://example.com/3"))
	srv.mu.Unlock()
	before := len(srv.Requests())
	posts, cur2, err := m.Fetch(ctx, cur)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, p := range posts {
		urls = append(urls, p.URLs...)
	}
	if diff := cmp.Diff([]string{"https://example.com/1", "https://example.com/2", "https://example.com/3"}, urls); diff != "" {
		t.Errorf("newer posts (-want +got):\n%s", diff)
	}
	if cur2 != "113250000000000003" {
		t.Errorf("cursor = %q", cur2)
	}
	reqs := srv.Requests()[before:]
	want := []string{"min_id=" + cur, "min_id=113250000000000002", "min_id=113250000000000003"}
	if len(reqs) != len(want) {
		t.Fatalf("requests = %q", reqs)
	}
	for i := range want {
		if !strings.Contains(reqs[i], want[i]) {
			t.Errorf("request %d = %q, want %s", i, reqs[i], want[i])
		}
	}
}

func TestMastodonPartialRead(t *testing.T) {
	srv, ts := newMastoServer(t)
	m, _ := newTestMastodon(t, ts, Config{})
	ctx := context.Background()
	const cur = "113249039155200000"
	srv.mu.Lock()
	for i := 1; i <= 3; i++ {
		srv.add(json.RawMessage(fmt.Sprintf(`{"id":"11325000000000000%d","created_at":"2024-10-05T0%d:00:00.000Z","content":"<p><a href=\"https://example.com/%d\">x</a></p>","account":{"id":%q}}`, i, i, i, mastoAccountID)))
	}
	srv.mu.Unlock()
	if _, err := m.lookup(ctx); err != nil {
		t.Fatal(err)
	}
	// The first page answers, the next one fails three times (two retries).
	var once sync.Once
	m.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if strings.Contains(r.URL.RawQuery, "min_id=113250000000000002") {
			once.Do(func() {
				srv.mu.Lock()
				srv.fail = []int{503, 503, 503}
				srv.mu.Unlock()
			})
		}
		return ts.Client().Transport.RoundTrip(r)
	})}
	posts, next, err := m.Fetch(ctx, cur)
	if err == nil {
		t.Fatal("no error")
	}
	var se *httpsrc.ServiceError
	if !errors.As(err, &se) || se.StatusCode != 503 || !se.Temporary() {
		t.Errorf("err = %v, want a temporary 503", err)
	}
	if len(posts) != 2 || next != "113250000000000002" {
		t.Errorf("Fetch = %d posts, cursor %q; want the first page's 2 and a cursor above them", len(posts), next)
	}
	// The next Fetch reads only what is left.
	m.HTTPClient = ts.Client()
	posts, next, err = m.Fetch(ctx, next)
	if err != nil || len(posts) != 1 || posts[0].ID != "113250000000000003" || next != "113250000000000003" {
		t.Errorf("resumed Fetch = %+v, %q, %v", posts, next, err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestMastodonFetchRange(t *testing.T) {
	srv, ts := newMastoServer(t)
	m, _ := newTestMastodon(t, ts, Config{Boosts: true})
	day := func(d int) time.Time { return time.Date(2024, 10, d, 0, 0, 0, 0, time.UTC) }
	posts, err := m.FetchRange(context.Background(), day(2), day(4))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range posts {
		ids = append(ids, p.ID)
	}
	if diff := cmp.Diff([]string{"113237242675200000", "113243140915200000"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	// The read starts at the id of the range's end: no page above it.
	reqs := srv.Requests()
	if want := "max_id=" + strconv.FormatUint(uint64(day(4).UnixMilli())<<16, 10); !strings.Contains(reqs[1], want) {
		t.Errorf("first page %q, want %s", reqs[1], want)
	}
}

func TestMastodonRateLimit(t *testing.T) {
	srv, ts := newMastoServer(t)
	srv.fail = []int{http.StatusTooManyRequests}
	m, clock := newTestMastodon(t, ts, Config{})
	if _, _, err := m.Fetch(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	// X-RateLimit-Reset is a time, a minute after the clock.
	if diff := cmp.Diff([]time.Duration{61 * time.Second}, clock.Slept()); diff != "" {
		t.Errorf("slept (-want +got):\n%s", diff)
	}
}

func TestMastodonToken(t *testing.T) {
	const token = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"
	srv, ts := newMastoServer(t)
	srv.token = token

	m, _ := newTestMastodon(t, ts, Config{})
	_, _, err := m.Fetch(context.Background(), "")
	if err == nil || !strings.Contains(err.Error(), "set MOISSON_MASTODON_TOKEN") {
		t.Errorf("anonymous: err = %v, want it to ask for MOISSON_MASTODON_TOKEN", err)
	}

	m, _ = newTestMastodon(t, ts, Config{Token: "wrong-" + token})
	_, _, err = m.Fetch(context.Background(), "")
	if err == nil || !strings.Contains(err.Error(), "check MOISSON_MASTODON_TOKEN") || strings.Contains(err.Error(), token) {
		t.Errorf("wrong token: err = %v", err)
	}
	if s := fmt.Sprintf("%v %#v %+v", m, m, m); strings.Contains(s, token) {
		t.Errorf("the token shows when printed: %s", s)
	}

	m, _ = newTestMastodon(t, ts, Config{Token: token})
	posts, _, err := m.Fetch(context.Background(), "")
	if err != nil || len(posts) != 3 {
		t.Errorf("with the token: %d posts, %v", len(posts), err)
	}
}

func TestMastodonAccount(t *testing.T) {
	tests := []struct {
		in, base, user string
	}{
		{"@janedoe@mastodon.social", "https://mastodon.social", "janedoe"},
		{"janedoe@Mastodon.Social", "https://mastodon.social", "janedoe"},
		{"https://fosstodon.org/@jane_doe", "https://fosstodon.org", "jane_doe"},
		{"http://127.0.0.1:8080/@jane/", "http://127.0.0.1:8080", "jane"},
	}
	for _, tc := range tests {
		base, user, err := ParseAccount(tc.in)
		if err != nil || base != tc.base || user != tc.user {
			t.Errorf("ParseAccount(%q) = %q, %q, %v", tc.in, base, user, err)
		}
	}
	for _, bad := range []string{"", "janedoe", "@janedoe", "@jane doe@x.y", "https://mastodon.social/users/janedoe", "@a@b"} {
		if _, _, err := ParseAccount(bad); err == nil {
			t.Errorf("ParseAccount(%q): no error", bad)
		}
	}
	_, ts := newMastoServer(t)
	m, err := New(Config{Account: ts.URL + "/@nobody", HTTPClient: ts.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Fetch(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "MOISSON_MASTODON") {
		t.Errorf("unknown account: err = %v", err)
	}
}

func TestMastodonUnreadable(t *testing.T) {
	var logs bytes.Buffer
	m, err := New(Config{Account: "@janedoe@mastodon.social", Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	// Text that a bridge wrote with the link already cut, no <a>.
	st := mastodonStatus{ID: "113250000000000009", Content: "<p>lu sur example.com/un/article-tr… à voir</p>", Account: mastodonAccount{ID: mastoAccountID}}
	p, ok := m.post(context.Background(), st)
	if !ok || len(p.URLs) != 0 {
		t.Fatalf("post = %+v, %v", p, ok)
	}
	if m.Unreadable() != 1 || !strings.Contains(logs.String(), "113250000000000009") {
		t.Errorf("Unreadable = %d, log %q", m.Unreadable(), logs.String())
	}
}
