package weekly

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// sharedAgain stores, in the week after w, a post sharing urls[1] again
// (with a tracking parameter) and a new link; it returns that week.
func sharedAgain(t *testing.T, s *Service, w moisson.Week, urls []string) moisson.Week {
	t.Helper()
	next := s.Digest.Next(w)
	again := moisson.Post{ID: "41", Source: "mastodon", CreatedAt: next.Start.Add(time.Hour), Text: "Toujours bon", URLs: []string{urls[1] + "?utm_source=mastodon"}}
	fresh := moisson.Post{ID: "42", Source: "mastodon", CreatedAt: next.Start.Add(2 * time.Hour), Text: "Nouveau", URLs: []string{"https://new.example/post"}}
	if _, err := s.Store.Save(context.Background(), []moisson.Post{again, fresh}, "", ""); err != nil {
		t.Fatal(err)
	}
	s.setNow(next.End.Add(time.Minute))
	return next
}

// A link whose page was already published in an earlier week is left out
// (as before), shown on the page with that week, and listed again at the
// author's word; "once" leaves it out again.
func TestSharedBeforeIsShownAndListedAgainOnRequest(t *testing.T) {
	ctx := context.Background()
	s, w, urls := curatedWeek(t)
	if err := s.PublishDue(ctx, w); err != nil {
		t.Fatal(err)
	}
	next := sharedAgain(t, s, w, urls)
	key := urls[1] + "?utm_source=mastodon"

	v, err := s.Week(ctx, next.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Summary.Links != 1 || len(v.SharedBefore) != 1 {
		t.Fatalf("week %s: %d links, shared before %+v: want the new link, and the other shown apart", next.ID, v.Summary.Links, v.SharedBefore)
	}
	sb := v.SharedBefore[0]
	if sb.Key != key || sb.Week != w.ID || !sb.Published || sb.Title == "" {
		t.Errorf("shared before %+v: want %s, published in %s, titled", sb, key, w.ID)
	}

	edit(t, s, next, review.Change{Action: "again", Entry: key})
	if v, err = s.Week(ctx, next.ID); err != nil {
		t.Fatal(err)
	}
	if v.Summary.Links != 2 || len(v.SharedBefore) != 0 {
		t.Fatalf("listed again: %d links, shared before %+v", v.Summary.Links, v.SharedBefore)
	}
	var again review.EntryView
	for _, sec := range v.Sections {
		for _, e := range sec.Entries {
			if e.Entry.Key == key {
				again = e
			}
		}
	}
	if again.SharedIn != w.ID {
		t.Errorf("the entry listed again says shared in %q, want %s", again.SharedIn, w.ID)
	}
	// The first week keeps its entry.
	if first, _ := s.Build(ctx, w, BuildOptions{}); first.Links != 3 {
		t.Errorf("the first week has %d entries, want its 3", first.Links)
	}

	edit(t, s, next, review.Change{Action: "once", Entry: key})
	if d, _ := s.Build(ctx, next, BuildOptions{}); d.Links != 1 {
		t.Errorf("left out again: %d links, want 1", d.Links)
	}
	if err := review.CheckChange(review.Change{Action: "again", Entry: key, Value: "x"}); err == nil {
		t.Error("again with a value is accepted")
	}
}

func TestPostURL(t *testing.T) {
	s := &Service{XUsername: "@moissonneur", MastodonProfile: "https://mastodon.social/@jane"}
	for key, want := range map[string]string{
		"x/1849000000000000001":                                "https://x.com/moissonneur/status/1849000000000000001",
		"bluesky/at://did:plc:abc123/app.bsky.feed.post/3kxyz": "https://bsky.app/profile/did:plc:abc123/post/3kxyz",
		"mastodon/113249039155200000":                          "https://mastodon.social/@jane/113249039155200000",
		"feed:https://example.org/feed/item-1":                 "",
		"hand/0123abcd":                                        "",
		"x/not-a-number":                                       "",
		"bluesky/at://did:plc:abc/app.bsky.feed.like/3k":       "",
	} {
		if got := s.PostURL(key); got != want {
			t.Errorf("PostURL(%q) = %q, want %q", key, got, want)
		}
	}
	if got := (&Service{}).PostURL("x/12"); got != "https://x.com/i/web/status/12" {
		t.Errorf("without X_USERNAME: %q", got)
	}
	if got := (&Service{}).PostURL("mastodon/12"); got != "" {
		t.Errorf("a Mastodon status without the account: %q", got)
	}
}

// The same on the page, in Chromium, JavaScript on and off.
func TestSharedBeforeInABrowser(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	for _, js := range []bool{true, false} {
		name := "javascript"
		if !js {
			name = "no-javascript"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, w, urls := curatedWeek(t)
			if err := s.PublishDue(ctx, w); err != nil {
				t.Fatal(err)
			}
			next := sharedAgain(t, s, w, urls)
			key := urls[1] + "?utm_source=mastodon"
			srv := httptest.NewServer(review.New(s, review.Options{Lang: "en"}).Handler())
			defer srv.Close()
			p := reviewtest.NewPage(t, browser, srv.URL, js)
			if err := p.OpenWeek(next.ID); err != nil {
				t.Fatal(err)
			}
			if ok, err := p.EvalBool("the week shared before", `!!document.querySelector('#shared-before a[href="/weeks/`+w.ID+`"]')`); err != nil || !ok {
				t.Fatalf("the page does not link the link shared before to its week (%v)", err)
			}
			if err := p.ListAgain(key); err != nil {
				t.Fatal(err)
			}
			if d, _ := s.Build(ctx, next, BuildOptions{}); d.Links != 2 {
				t.Errorf("listed again on the page: %d links", d.Links)
			}
			if err := p.LeaveOut(key); err != nil {
				t.Fatal(err)
			}
			if d, _ := s.Build(ctx, next, BuildOptions{}); d.Links != 1 {
				t.Errorf("left out on the page: %d links", d.Links)
			}
		})
	}
}

// The introduction editor is given what would be written; saved as it is,
// it stays moisson's (no edit), so that its dates and sources follow the
// week; changed, it is the author's.
func TestIntroEditorStartsWithWhatWouldBeWritten(t *testing.T) {
	ctx := context.Background()
	s, w, _ := curatedWeek(t)
	v, err := s.Week(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.IntroEdited || !strings.Contains(v.Intro, "29 septembre au 3 octobre 2014") || !strings.Contains(v.Markdown, v.Intro) {
		t.Fatalf("intro %q (edited %v): want the one written, with its dates", v.Intro, v.IntroEdited)
	}
	edit(t, s, w, review.Change{Action: "intro", Value: strings.ReplaceAll(v.Intro, "\n", "\r\n") + "\n"})
	if e, _ := s.Store.Edits(ctx, w.ID); e.Intro != "" {
		t.Errorf("the intro saved unchanged became an edit: %q", e.Intro)
	}
	mine := strings.Replace(v.Intro, "La moisson de liens", "Ma moisson de liens", 1)
	edit(t, s, w, review.Change{Action: "intro", Value: mine})
	if v, _ = s.Week(ctx, w.ID); !v.IntroEdited || v.Intro != mine || !strings.Contains(v.Intro, "29 septembre") {
		t.Errorf("intro after an edit: %q (edited %v)", v.Intro, v.IntroEdited)
	}
}
