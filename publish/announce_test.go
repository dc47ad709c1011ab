package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/moisson/moisson"
)

const (
	mastodonToken = "mastodon-secret-token-123"
	appPassword   = "abcd-efgh-ijkl-mnop"
	accessJwt     = "eyJhbGciOiJIUzI1NiJ9.access.jwt"
)

// fakeMastodon answers POST /api/v1/statuses as Mastodon does: the
// Status entity, or {"error": …} with 401 for a bad token.
type fakeMastodon struct {
	mu       sync.Mutex
	statuses []url.Values
	keys     []string
}

func (f *fakeMastodon) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.Method != http.MethodPost || r.URL.Path != "/api/v1/statuses" {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"error":"Record not found"}`)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+mastodonToken {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":"The access token is invalid"}`)
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("status") == "" {
		w.WriteHeader(http.StatusUnprocessableEntity)
		io.WriteString(w, `{"error":"Validation failed: Text can't be blank"}`)
		return
	}
	f.mu.Lock()
	f.statuses = append(f.statuses, r.PostForm)
	f.keys = append(f.keys, r.Header.Get("Idempotency-Key"))
	f.mu.Unlock()
	io.WriteString(w, `{"id":"103704874086360371","created_at":"2019-12-08T03:48:33.901Z","in_reply_to_id":null,"sensitive":false,"spoiler_text":"","visibility":"public","language":"fr","uri":"https://mastodon.example/users/jane/statuses/103704874086360371","url":"https://mastodon.example/@jane/103704874086360371","replies_count":0,"reblogs_count":0,"favourites_count":0,"content":"<p>…</p>","account":{"id":"1","username":"jane","acct":"jane"},"media_attachments":[],"mentions":[],"tags":[],"emojis":[],"card":null,"poll":null}`)
}

// fakeBluesky answers createSession, uploadBlob and createRecord as a
// PDS does.
type fakeBluesky struct {
	mu      sync.Mutex
	records []map[string]any
	repos   []string
	// blobs are the bodies uploaded, types their Content-Type;
	// blobStatus, when set, is uploadBlob's error answer.
	blobs      [][]byte
	types      []string
	blobStatus int
}

func (f *fakeBluesky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	switch r.URL.Path {
	case "/xrpc/com.atproto.server.createSession":
		var in struct{ Identifier, Password string }
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Identifier != "jane.bsky.social" || in.Password != appPassword {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"AuthenticationRequired","message":"Invalid identifier or password"}`)
			return
		}
		io.WriteString(w, `{"did":"did:plc:z72i7hdynmk6r22z27h6tvur","didDoc":{},"handle":"jane.bsky.social","email":"jane@example.org","emailConfirmed":true,"accessJwt":"`+accessJwt+`","refreshJwt":"eyJ.refresh","active":true}`)
	case "/xrpc/com.atproto.repo.uploadBlob":
		if r.Header.Get("Authorization") != "Bearer "+accessJwt {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"AuthenticationRequired","message":"Authentication Required"}`)
			return
		}
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.blobs = append(f.blobs, body)
		f.types = append(f.types, r.Header.Get("Content-Type"))
		status := f.blobStatus
		f.mu.Unlock()
		switch status {
		case 0:
		case http.StatusBadRequest:
			w.WriteHeader(status)
			io.WriteString(w, `{"error":"BlobTooLarge","message":"This file is too large. It is 1.2MB but the maximum size is 1.0MB."}`)
			return
		default:
			w.WriteHeader(status)
			io.WriteString(w, `{"error":"InternalServerError","message":"Internal Server Error"}`)
			return
		}
		fmt.Fprintf(w, `{"blob":{"$type":"blob","ref":{"$link":"bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"},"mimeType":%q,"size":%d}}`, r.Header.Get("Content-Type"), len(body))
	case "/xrpc/com.atproto.repo.createRecord":
		if r.Header.Get("Authorization") != "Bearer "+accessJwt {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"ExpiredToken","message":"Token has expired"}`)
			return
		}
		var in struct {
			Repo, Collection string
			Record           map[string]any
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Collection != "app.bsky.feed.post" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"InvalidRequest","message":"Invalid collection"}`)
			return
		}
		f.mu.Lock()
		f.records = append(f.records, in.Record)
		f.repos = append(f.repos, in.Repo)
		f.mu.Unlock()
		io.WriteString(w, `{"uri":"at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l6oveex3ii2l","cid":"bafyreihwvbqt6qtwpxh5ihfmuh6pzmqbcxxbpkqayxxhnnp2vnw4bjfqze","commit":{"cid":"bafyrei","rev":"3l6oveex3ii2m"},"validationStatus":"valid"}`)
	default:
		w.WriteHeader(http.StatusNotImplemented)
		io.WriteString(w, `{"error":"MethodNotImplemented","message":"Method Not Implemented"}`)
	}
}

func week40() (moisson.Publication, Post) {
	pub := moisson.Publication{Week: "2014-W40", Path: "_posts/2014-10-03-moisson-de-liens-2014-w40.md", Hash: "h", Links: 47}
	p := Post{
		Week: "2014-W40", Title: "Moisson de liens — semaine 40",
		URL:         "https://blog.example.org/veille/2014/10/03/moisson-de-liens-2014-w40.html",
		Description: "47 liens : SSL, Analytics, PHP, MySQL…", Lang: "fr",
	}
	p.Text = p.Title + "\n" + p.Description + "\n\n" + p.URL
	return pub, p
}

func announcer(m, b string) *Announcer {
	now := func() time.Time { return time.Date(2014, 10, 3, 16, 0, 0, 0, time.UTC) }
	return &Announcer{Services: []Service{
		&Mastodon{Server: m, Token: mastodonToken},
		&Bluesky{PDS: b, Identifier: "jane.bsky.social", Password: appPassword, Now: now},
	}}
}

func TestAnnounce(t *testing.T) {
	mast, bsky := &fakeMastodon{}, &fakeBluesky{}
	ms, bs := httptest.NewServer(mast), httptest.NewServer(bsky)
	defer ms.Close()
	defer bs.Close()
	ctx := context.Background()
	pub, post := week40()

	// A draft is announced nowhere.
	draft := pub
	draft.Draft = true
	if done, err := announcer(ms.URL, bs.URL).Announce(ctx, draft, post); err != nil || len(done) != 0 {
		t.Fatalf("Announce(draft) = %v, %v", done, err)
	}

	done, err := announcer(ms.URL, bs.URL).Announce(ctx, pub, post)
	if err != nil || strings.Join(done, ",") != "mastodon,bluesky" {
		t.Fatalf("Announce = %v, %v", done, err)
	}
	pub.Announced = append(pub.Announced, done...)

	// After a restart: a new Announcer, the publication as stored.
	if done, err := announcer(ms.URL, bs.URL).Announce(ctx, pub, post); err != nil || len(done) != 0 {
		t.Fatalf("Announce after a restart = %v, %v; want nothing", done, err)
	}
	if len(mast.statuses) != 1 || len(bsky.records) != 1 {
		t.Fatalf("%d statuses, %d records; want one of each", len(mast.statuses), len(bsky.records))
	}

	st := mast.statuses[0]
	if st.Get("status") != post.Text || st.Get("visibility") != "public" || st.Get("language") != "fr" {
		t.Errorf("status = %v", st)
	}
	if k := mast.keys[0]; !strings.HasPrefix(k, "moisson-") || len(k) < 20 {
		t.Errorf("Idempotency-Key = %q", k)
	}

	rec := bsky.records[0]
	if bsky.repos[0] != "did:plc:z72i7hdynmk6r22z27h6tvur" || rec["$type"] != "app.bsky.feed.post" || rec["text"] != post.Text || rec["createdAt"] != "2014-10-03T16:00:00.000Z" {
		t.Errorf("record = %v (repo %s)", rec, bsky.repos[0])
	}
	// The facet covers the URL's bytes: the text before it holds "—"
	// (3 bytes) and "…" (3 bytes), so characters and bytes differ.
	facets, _ := rec["facets"].([]any)
	if len(facets) != 1 {
		t.Fatalf("facets = %v", rec["facets"])
	}
	f := facets[0].(map[string]any)
	idx := f["index"].(map[string]any)
	start, end := int(idx["byteStart"].(float64)), int(idx["byteEnd"].(float64))
	text := rec["text"].(string)
	if text[start:end] != post.URL || start != len(post.Title+"\n"+post.Description+"\n\n") || start == utf8.RuneCountInString(text[:start]) {
		t.Errorf("facet [%d,%d) = %q, want the URL at its byte offset", start, end, text[start:end])
	}
	feat := f["features"].([]any)[0].(map[string]any)
	if feat["$type"] != "app.bsky.richtext.facet#link" || feat["uri"] != post.URL {
		t.Errorf("feature = %v", feat)
	}
	embed := rec["embed"].(map[string]any)
	if embed["$type"] != "app.bsky.embed.external" || embed["external"].(map[string]any)["uri"] != post.URL {
		t.Errorf("embed = %v", embed)
	}
	if langs, _ := rec["langs"].([]any); len(langs) != 1 || langs[0] != "fr" {
		t.Errorf("langs = %v", rec["langs"])
	}
}

// TestAnnounceFailures: a service that fails is not recorded (tried again
// next time), the other one is; errors never hold the secrets.
func TestAnnounceFailures(t *testing.T) {
	mast, bsky := &fakeMastodon{}, &fakeBluesky{}
	ms, bs := httptest.NewServer(mast), httptest.NewServer(bsky)
	defer ms.Close()
	defer bs.Close()
	pub, post := week40()
	a := &Announcer{Services: []Service{
		&Mastodon{Server: ms.URL, Token: "wrong-" + mastodonToken},
		&Bluesky{PDS: bs.URL, Identifier: "jane.bsky.social", Password: appPassword},
	}}
	done, err := a.Announce(context.Background(), pub, post)
	if strings.Join(done, ",") != "bluesky" || err == nil {
		t.Fatalf("Announce = %v, %v; want bluesky done and an error", done, err)
	}
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 401 || he.Temporary() {
		t.Errorf("error = %v, want a 401 *HTTPError", err)
	}
	b := &Bluesky{PDS: bs.URL, Identifier: "jane.bsky.social", Password: "wrong-" + appPassword}
	err2 := b.Post(context.Background(), post)
	if err2 == nil || !strings.Contains(err2.Error(), "Invalid identifier or password") {
		t.Errorf("Bluesky with a wrong password = %v", err2)
	}
	for _, e := range []error{err, err2} {
		for _, secret := range []string{mastodonToken, appPassword, accessJwt} {
			if e != nil && strings.Contains(e.Error(), secret) {
				t.Errorf("error %q holds a secret", e)
			}
		}
	}
	// A server that is down: an error naming the URL, no secret.
	down := &Mastodon{Server: "http://127.0.0.1:1", Token: mastodonToken}
	if err := down.Post(context.Background(), post); err == nil || strings.Contains(err.Error(), mastodonToken) {
		t.Errorf("Post to a closed port = %v", err)
	}
}

func TestFit(t *testing.T) {
	link := "https://blog.example.org/p"
	long := strings.Repeat("mot ", 200) + "\n" + link
	got := fit(long, link, 300)
	if n := utf8.RuneCountInString(got); n > 300 || !strings.HasSuffix(got, "…\n"+link) {
		t.Errorf("fit = %d runes %q", n, got)
	}
	if got := fit("short\n"+link, link, 300); got != "short\n"+link {
		t.Errorf("fit(short) = %q", got)
	}
}

func TestXPost(t *testing.T) {
	var got struct{ Text string }
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		if r.URL.Path != "/2/tweets" || json.NewDecoder(r.Body).Decode(&got) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"data":{"id":"1445880548472328192","text":"…","edit_history_tweet_ids":["1445880548472328192"]}}`)
	}))
	defer srv.Close()
	_, post := week40()
	x := &X{BaseURL: srv.URL, ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessSecret: "as"}
	if err := x.Post(context.Background(), post); err != nil {
		t.Fatal(err)
	}
	if got.Text != post.Text || !strings.HasPrefix(auth, "OAuth ") || !strings.Contains(auth, `oauth_token="at"`) {
		t.Errorf("text %q, auth %q", got.Text, auth)
	}
}

// TestBlueskyCardThumb: the post's own image is uploaded as a blob
// (com.atproto.repo.uploadBlob, its bytes and type, the session's token)
// and the link card's thumb is the blob the PDS answered; an image the
// PDS refuses for good (BlobTooLarge) gives a card without it, a PDS
// failing for now an error and no post (tried again later).
func TestBlueskyCardThumb(t *testing.T) {
	jpeg := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), bytes.Repeat([]byte{0x42}, 2000)...)
	ctx := context.Background()
	_, post := week40()
	post.Thumb = jpeg

	bsky := &fakeBluesky{}
	srv := httptest.NewServer(bsky)
	defer srv.Close()
	b := &Bluesky{PDS: srv.URL, Identifier: "jane.bsky.social", Password: appPassword}
	if err := b.Post(ctx, post); err != nil {
		t.Fatal(err)
	}
	if len(bsky.blobs) != 1 || !bytes.Equal(bsky.blobs[0], jpeg) || bsky.types[0] != "image/jpeg" {
		t.Fatalf("uploaded %d blobs (types %v), want the image as image/jpeg", len(bsky.blobs), bsky.types)
	}
	external := bsky.records[0]["embed"].(map[string]any)["external"].(map[string]any)
	thumb, _ := json.Marshal(external["thumb"])
	want := fmt.Sprintf(`{"$type":"blob","mimeType":"image/jpeg","ref":{"$link":"bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"},"size":%d}`, len(jpeg))
	if string(thumb) != want {
		t.Errorf("card thumb %s, want %s", thumb, want)
	}
	if external["uri"] != post.URL || external["title"] != post.Title {
		t.Errorf("card %v", external)
	}

	// Refused for good: the card goes without its image.
	bsky.blobStatus = http.StatusBadRequest
	if err := b.Post(ctx, post); err != nil {
		t.Fatalf("a refused image failed the announcement: %v", err)
	}
	if ext := bsky.records[1]["embed"].(map[string]any)["external"].(map[string]any); ext["thumb"] != nil {
		t.Errorf("card thumb %v after a refused upload, want none", ext["thumb"])
	}

	// Failing for now: an error, no post.
	bsky.blobStatus = http.StatusServiceUnavailable
	err := b.Post(ctx, post)
	var he *HTTPError
	if !errors.As(err, &he) || !he.Temporary() || len(bsky.records) != 2 {
		t.Errorf("upload answered 503: err %v, %d records; want a temporary error and no new post", err, len(bsky.records))
	}

	// No image: no upload.
	post.Thumb = nil
	bsky.blobStatus = 0
	if err := b.Post(ctx, post); err != nil {
		t.Fatal(err)
	}
	if len(bsky.blobs) != 3 {
		t.Errorf("%d uploads, want none for a post without image", len(bsky.blobs)-2)
	}
}
