package notify

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/review"
)

// inbox is a fake ntfy server and generic webhook: it keeps each message
// posted, by path.
type inbox struct {
	mu   sync.Mutex
	msgs map[string][]string
	fail bool
}

func (b *inbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if b.msgs == nil {
		b.msgs = map[string][]string{}
	}
	b.msgs[r.URL.Path] = append(b.msgs[r.URL.Path], string(body))
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"id":"x1","time":1700000000,"event":"message","topic":"moisson"}`)
}

func (b *inbox) got(path string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.msgs[path]...)
}

// TestOneMessagePerFailureAndHeal: through ntfy and a generic webhook, a
// check that starts failing is told once however many checks see it, its
// healing once; a restart (a new Notifier on the same store) tells
// nothing again; a notification service that fails is tried again.
func TestOneMessagePerFailureAndHeal(t *testing.T) {
	box := &inbox{}
	srv := httptest.NewServer(box)
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	urls := []string{"ntfy://" + host + "/moisson?scheme=http", "generic://" + host + "/hook/s3cr3t-path-token?disabletls=yes"}
	send, err := NewShoutrrr(urls, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	push := review.HealthReason{Check: "push:2014-W40", Message: "week 2014-W40: written, not pushed (1 attempt): ! [rejected]"}
	src := review.HealthReason{Check: "source:x", Message: "source x failed its last 3 polls: 401 Unauthorized"}
	degraded := func(rs ...review.HealthReason) review.Health {
		return review.Health{Status: review.HealthDegraded, Reasons: rs}
	}
	n := &Notifier{Sender: send, Store: st}
	steps := []review.Health{degraded(push), degraded(push), degraded(push, src), degraded(push, src)}
	for _, h := range steps {
		if err := n.Check(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	// A restart: nothing told again.
	n = &Notifier{Sender: send, Store: st}
	if err := n.Check(ctx, degraded(push, src)); err != nil {
		t.Fatal(err)
	}
	if err := n.Check(ctx, degraded(src)); err != nil {
		t.Fatal(err)
	}
	if err := n.Check(ctx, review.Health{Status: review.HealthOK}); err != nil {
		t.Fatal(err)
	}
	if err := n.Check(ctx, review.Health{Status: review.HealthOK}); err != nil {
		t.Fatal(err)
	}
	want := []string{"moisson degraded: " + push.Message, "moisson degraded: " + src.Message, "moisson healed: " + push.Message, "moisson healed: " + src.Message}
	for _, path := range []string{"/moisson", "/hook/s3cr3t-path-token"} {
		got := box.got(path)
		if len(got) != len(want) {
			t.Fatalf("%s received %d messages, want %d: %q", path, len(got), len(want), got)
		}
		for i := range want {
			if !strings.Contains(got[i], want[i]) {
				t.Errorf("%s message %d = %q, want %q", path, i, got[i], want[i])
			}
		}
	}

	// The service down: the message is tried again until it goes, once.
	box.mu.Lock()
	box.fail = true
	box.mu.Unlock()
	err = n.Check(ctx, degraded(src))
	if err == nil {
		t.Fatal("a failed notification returned no error")
	}
	if strings.Contains(err.Error(), "s3cr3t-path-token") {
		t.Errorf("the error shows the URL's secret: %v", err)
	}
	box.mu.Lock()
	box.fail = false
	box.mu.Unlock()
	for range 2 {
		if err := n.Check(ctx, degraded(src)); err != nil {
			t.Fatal(err)
		}
	}
	if got := box.got("/moisson"); len(got) != 5 || !strings.Contains(got[4], "moisson degraded: "+src.Message) {
		t.Errorf("after the service came back: %q, want the message once more", got)
	}
}
