package weekly

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish/target"
	"github.com/moisson/moisson/publish/webmention"
)

// fakeTarget records what it is sent; its protocol is tested in
// publish/target.
type fakeTarget struct {
	name   string
	drafts bool
	calls  []string
	last   target.Entry
}

func (f *fakeTarget) Name() string { return f.name }
func (f *fakeTarget) Drafts() bool { return f.drafts }
func (f *fakeTarget) Create(_ context.Context, e target.Entry) (target.Remote, error) {
	f.calls = append(f.calls, fmt.Sprintf("create draft=%v", e.Draft))
	f.last = e
	return target.Remote{ID: f.name + "-1"}, nil
}
func (f *fakeTarget) Update(_ context.Context, r target.Remote, e target.Entry) (target.Remote, error) {
	f.calls = append(f.calls, fmt.Sprintf("update %s draft=%v", r.ID, e.Draft))
	f.last = e
	return r, nil
}

// TestWeekOnTargetsAndWebmentions follows a week from draft to
// publication and edit: the targets that hold drafts get the draft, the
// publication updates the same posts, an edit too; the Webmentions are
// sent by Tick once the delay passed, once.
func TestWeekOnTargetsAndWebmentions(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var received []string
	mux := http.NewServeMux()
	mux.HandleFunc("GET /article", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><link rel="webmention" href="/webmention"></head><body>An article</body></html>`)
	})
	mux.HandleFunc("POST /webmention", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		received = append(received, r.PostForm.Get("source")+" -> "+r.PostForm.Get("target"))
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dc := digest.DefaultConfig()
	dc.BlogURL = "https://blog.example.org"
	w, err := dc.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	article := srv.URL + "/article"
	post := moisson.Post{ID: "1", Source: "x", CreatedAt: w.End.Add(-48 * time.Hour), Text: "A post #Go", URLs: []string{article}, Hashtags: []string{"Go"}}
	if _, err := st.Save(ctx, []moisson.Post{post}, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPage(ctx, moisson.Page{URL: article, Title: "An article", Lead: "Its lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	wp, mp := &fakeTarget{name: "wordpress", drafts: true}, &fakeTarget{name: "micropub"}
	s := &Service{Store: st, Digest: dc, BlogDir: t.TempDir(), Mode: Mode{Review: true}, MaxAttempts: 3,
		Log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		Targets: []target.Target{wp, mp},
		Webmention: &Webmention{Delay: time.Hour, Sender: &webmention.Sender{
			Client: srv.Client(), Store: st, HostDelay: -1,
		}},
	}
	now := w.End.Add(time.Minute)
	s.setNow(now)
	s.Webmention.Sender.Now = func() time.Time { return now }

	// The cutoff: a draft, on WordPress only; no mention for a draft.
	if err := s.Publisher().Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(wp.calls, "; "); got != "create draft=true" || len(mp.calls) != 0 {
		t.Fatalf("after the draft: wordpress %q, micropub %q; want a WordPress draft only", wp.calls, mp.calls)
	}
	// The entries are a definition list, as kramdown and Hugo render them.
	if wp.last.Title == "" || !strings.Contains(wp.last.HTML, `<dt><a href="`+article+`">An article</a></dt>`) ||
		!strings.Contains(wp.last.HTML, "<dd>Its lead.</dd>") || strings.HasPrefix(wp.last.Markdown, "---") {
		t.Errorf("entry sent = %+v; want the title, the HTML with the link, no front matter", wp.last)
	}

	// Approved: the same WordPress post published, Micropub created; the
	// mentions wait for the delay.
	if _, err := s.PublishNow(ctx, w, "test", false); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(wp.calls, "; "); got != "create draft=true; update wordpress-1 draft=false" {
		t.Errorf("wordpress calls %q", got)
	}
	if got := strings.Join(mp.calls, "; "); got != "create draft=false" {
		t.Errorf("micropub calls %q", got)
	}
	if err := s.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if len(received) != 0 {
		t.Fatalf("mentions sent before the delay: %q", received)
	}

	// Past the delay: Tick sends the mention, once.
	now = now.Add(2 * time.Hour)
	s.setNow(now)
	for range 2 {
		if err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	source := digest.Digest{Week: w}.URL(dc)
	if len(received) != 1 || received[0] != source+" -> "+article {
		t.Errorf("mentions received %q; want one from %s", received, source)
	}
	c, err := s.CountMentions(ctx)
	if err != nil || c.Accepted != 1 || c.String() != "1 accepted, 0 sent, 0 no endpoint, 0 to retry, 0 given up" {
		t.Errorf("CountMentions = %v, %v", c, err)
	}
	ms, err := s.Mentions(ctx, w.ID)
	if err != nil || len(ms) != 1 || ms[0].State != moisson.MentionAccepted {
		t.Errorf("Mentions(%s) = %+v, %v", w.ID, ms, err)
	}
	// The review page's entry and the status carry it.
	v, err := s.Week(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Sections) != 1 || len(v.Sections[0].Entries) != 1 {
		t.Fatalf("week view %+v; want one entry", v.Sections)
	}
	if m := v.Sections[0].Entries[0].Mention; m == nil || m.State != moisson.MentionAccepted || m.Target != article {
		t.Errorf("the entry's mention = %+v, want accepted for %s", m, article)
	}
	status, err := s.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if status.Webmention == nil || status.Webmention.Accepted != 1 {
		t.Errorf("status webmention = %+v, want 1 accepted", status.Webmention)
	}
	if len(wp.calls) != 2 || len(mp.calls) != 1 {
		t.Errorf("Ticks sent an unchanged week again: wordpress %q, micropub %q", wp.calls, mp.calls)
	}
}

func TestStripFrontMatter(t *testing.T) {
	for in, want := range map[string]string{
		"---\ntitle: x\n---\n\nBody\n":  "Body\n",
		"+++\ntitle = 'x'\n+++\nBody\n": "Body\n",
		"Body only\n":                   "Body only\n",
		"---\nunclosed\n":               "---\nunclosed\n",
	} {
		if got := stripFrontMatter([]byte(in)); got != want {
			t.Errorf("stripFrontMatter(%q) = %q, want %q", in, got, want)
		}
	}
}

// slowTarget takes its time to create, so that two publications of the
// same week overlap.
type slowTarget struct {
	mu      sync.Mutex
	creates int
}

func (f *slowTarget) Name() string { return "slow" }
func (f *slowTarget) Drafts() bool { return true }
func (f *slowTarget) Create(context.Context, target.Entry) (target.Remote, error) {
	time.Sleep(20 * time.Millisecond)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.creates++
	return target.Remote{ID: fmt.Sprint(f.creates)}, nil
}
func (f *slowTarget) Update(_ context.Context, r target.Remote, _ target.Entry) (target.Remote, error) {
	return r, nil
}

// TestConcurrentPublicationsCreateOnce: the run loop and the review page
// publishing the same week at once make one post on a target.
func TestConcurrentPublicationsCreateOnce(t *testing.T) {
	ctx := context.Background()
	s, w, _ := weekToPublish(t)
	s.BlogDir = t.TempDir()
	slow := &slowTarget{}
	s.Targets = []target.Target{slow}
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.PublishDue(ctx, w); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if slow.creates != 1 {
		t.Errorf("%d posts created on the target, want 1", slow.creates)
	}
}

// TestMentionsHideSecrets: the mentions the page and the API show hide a
// token in the endpoint, the status URL and the error.
func TestMentionsHideSecrets(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const secret = "s3cr3t-t0ken"
	m := moisson.Mention{Source: "https://blog.example.org/2014/10/03/x/", Target: "https://a.example.org/", Week: "2014-W40",
		State: moisson.MentionFailed, Endpoint: "https://wm.example.org/endpoint?token=" + secret,
		Location: "https://wm.example.org/status/1?api_key=" + secret, Error: "POST https://wm.example.org/endpoint?token=" + secret + ": 503",
		Attempts: 1, NextRetry: time.Date(2014, 10, 4, 0, 0, 0, 0, time.UTC), At: time.Date(2014, 10, 3, 20, 0, 0, 0, time.UTC)}
	if err := st.PutMention(ctx, m); err != nil {
		t.Fatal(err)
	}
	s := &Service{Store: st, Digest: digest.DefaultConfig()}
	ms, err := s.Mentions(ctx, "2014-W40")
	if err != nil || len(ms) != 1 {
		t.Fatalf("Mentions = %+v, %v", ms, err)
	}
	if got := fmt.Sprintf("%+v", ms[0]); strings.Contains(got, secret) || !strings.Contains(got, "wm.example.org/endpoint") {
		t.Errorf("mention shown %s; want the endpoint without its token", got)
	}
}
