package review_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// mentionEntries are the sample entries, the first five with a
// Webmention in each state; the sixth has none.
func mentionEntries() []review.EntryView {
	at := time.Date(2014, 10, 3, 18, 20, 0, 0, time.UTC)
	entries := reviewtest.SampleEntries()
	states := []moisson.Mention{
		{State: moisson.MentionAccepted, Status: 201, At: at, Attempts: 1},
		{State: moisson.MentionSent, Status: 202, At: at, Attempts: 1},
		{State: moisson.MentionNoEndpoint, At: at, Attempts: 1},
		{State: moisson.MentionFailed, Status: 503, Error: "endpoint https://wm.example.org/?token=s3cr3t-t0ken answered 503", At: at, Attempts: 2, NextRetry: at.Add(2 * time.Hour)},
		{State: moisson.MentionFailed, Error: "dial tcp: connection refused", At: at, Attempts: 5},
	}
	for i, m := range states {
		m.Source, m.Target, m.Week = "https://blog.example.org/2014/10/03/compilation-veille/", entries[i].Entry.URL, weekID
		entries[i].Mention = &m
	}
	return entries
}

// entryHTML is the HTML of the entry of key on the week's page.
func entryHTML(t *testing.T, body, key string) string {
	t.Helper()
	start := strings.Index(body, `id="`+review.EntryID(key)+`"`)
	if start < 0 {
		t.Fatalf("no entry %s on the page", key)
	}
	end := strings.Index(body[start:], "</article>")
	if end < 0 {
		t.Fatalf("entry %s not closed", key)
	}
	return body[start : start+end]
}

// TestMentionShown: each entry says where its page's Webmention is, in
// the page's language, secrets hidden; an entry with none says nothing.
func TestMentionShown(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"fr", []string{
			`class="mention mention-accepted">Webmention acceptée par la page le 3 octobre 2014 18:20<`,
			`class="mention mention-sent">Webmention envoyée le 3 octobre 2014 18:20 (la page la traitera plus tard)<`,
			`class="mention mention-noendpoint">pas de Webmention : la page n&#39;en reçoit pas<`,
			`class="mention mention-failed">Webmention en échec (endpoint https://wm.example.org/?token=`,
			`class="mention mention-givenup">Webmention abandonnée après 5 essais (dial tcp: connection refused)<`,
		}},
		{"en", []string{
			`class="mention mention-accepted">Webmention accepted by the page on`,
			`class="mention mention-sent">Webmention sent on`,
			`class="mention mention-noendpoint">no Webmention: the page takes none<`,
			`class="mention mention-failed">Webmention failed (endpoint https://wm.example.org/?token=`,
			`class="mention mention-givenup">Webmention given up after 5 attempts (dial tcp: connection refused)<`,
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			entries := mentionEntries()
			b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), tc.lang, entries, reviewtest.SampleCategories)
			b.Now = func() time.Time { return time.Date(2014, 10, 3, 19, 0, 0, 0, time.UTC) }
			s := start(t, b, review.Options{Now: b.Now, Location: time.UTC})
			_, body := s.get("/weeks/" + weekID)
			for i, want := range tc.want {
				if got := entryHTML(t, body, entries[i].Entry.Key); !strings.Contains(got, want) {
					t.Errorf("entry %d lacks %q:\n%s", i, want, got)
				}
			}
			if strings.Contains(body, "s3cr3t-t0ken") {
				t.Error("the page shows the endpoint's token")
			}
			if got := entryHTML(t, body, entries[5].Entry.Key); strings.Contains(got, "mention") {
				t.Errorf("an entry with no Webmention says one:\n%s", got)
			}
			// The entry's own page says it too.
			_, body = s.get("/weeks/" + weekID + "/entries/" + review.EntryID(entries[0].Entry.Key))
			if !strings.Contains(body, tc.want[0]) {
				t.Errorf("the entry's page lacks %q", tc.want[0])
			}
		})
	}
}

// TestMentionCountsInStatus: the daemon's status carries the Webmention
// counts, through the unix socket as `moisson status` asks for them, and
// the status page shows them.
func TestMentionCountsInStatus(t *testing.T) {
	b := newBackend()
	counts := review.MentionCounts{Accepted: 12, Sent: 3, NoEndpoint: 40, Failed: 1, GivenUp: 2}
	b.StatusValue = review.Status{Store: "/var/lib/moisson/moisson.db", Daemon: true, Webmention: &counts}
	path := filepath.Join(t.TempDir(), "moisson.sock")
	l, err := review.ListenUnix(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- review.New(b, review.Options{}).Serve(ctx, l) }()
	defer func() {
		cancel()
		<-done
	}()
	c, err := review.Dial(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st, err := c.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Webmention == nil || *st.Webmention != counts {
		t.Fatalf("status through the socket: webmention %+v, want %+v", st.Webmention, counts)
	}
	if got, want := st.Webmention.String(), "12 accepted, 3 sent, 40 no endpoint, 1 to retry, 2 given up"; got != want {
		t.Errorf("status line %q, want %q", got, want)
	}
	s := start(t, b, review.Options{})
	_, body := s.get("/status")
	if want := "12 acceptées, 3 envoyées, 40 pages sans réception, 1 à réessayer, 2 abandonnées"; !strings.Contains(body, want) {
		t.Errorf("the status page lacks %q", want)
	}
}

// TestMentionInBrowser: in Chromium, with and without the script, the
// Webmention state is shown under its entry.
func TestMentionInBrowser(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	entries := mentionEntries()
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", entries, reviewtest.SampleCategories)
	b.Now = func() time.Time { return time.Date(2014, 10, 3, 19, 0, 0, 0, time.UTC) }
	srv := httptest.NewServer(review.New(b, review.Options{Now: b.Now, Location: time.UTC}).Handler())
	t.Cleanup(srv.Close)
	for _, js := range []bool{true, false} {
		p := reviewtest.NewPage(t, browser, srv.URL, js)
		if err := p.OpenWeek(weekID); err != nil {
			t.Fatal(err)
		}
		for i, want := range []string{"Webmention acceptée par la page", "Webmention en échec (endpoint", "Webmention abandonnée après 5 essais"} {
			i := []int{0, 3, 4}[i]
			sel := "#" + review.EntryID(entries[i].Entry.Key) + " .mention"
			ok, err := p.EvalBool("mention of entry "+sel, `(function(){var e=document.querySelector(`+strconv.Quote(sel)+`); if(!e) return false; var r=e.getBoundingClientRect(); return r.height>0 && getComputedStyle(e).display!='none' && e.textContent.indexOf(`+strconv.Quote(want)+`)>=0})()`)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				t.Errorf("script %v: entry %d does not show %q", js, i, want)
			}
		}
	}
}
