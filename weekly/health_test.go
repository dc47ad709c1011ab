package weekly

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/review"
)

// downSource is a source whose every read fails.
type downSource struct{ name string }

func (d downSource) Name() string { return d.name }
func (d downSource) Fetch(_ context.Context, cursor string) ([]moisson.Post, string, error) {
	return nil, cursor, errors.New("get https://feeds.example/rss?key=abcdef123456: 502 Bad Gateway")
}

type nopScraper struct{}

func (nopScraper) ScrapeAll(context.Context, []string, func(moisson.Page)) {}

type nopPublisher struct{}

func (nopPublisher) Publish(context.Context, moisson.Week) error { return nil }
func (nopPublisher) Retry(context.Context) error                 { return nil }

func checks(h review.Health) []string {
	var out []string
	for _, r := range h.Reasons {
		out = append(out, r.Check)
	}
	slices.Sort(out)
	return out
}

// TestHealth: each failure that keeps moisson from its work makes the
// health degraded with its own check, and only while it lasts.
func TestHealth(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dc := digest.DefaultConfig()
	w40, err := dc.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	now := w40.End.Add(-24 * time.Hour)
	usage := x.Usage{Limit: 3000, Posts: 10}
	s := &Service{Store: st, Digest: dc, Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return now },
		Sources: []string{"feed:https://feeds.example/rss?key=abcdef123456", "x"},
		XUsage:  func(context.Context) (x.Usage, error) { return usage, nil },
	}
	health := func() review.Health {
		t.Helper()
		h, err := s.Health(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if (h.Status == review.HealthOK) != (len(h.Reasons) == 0) {
			t.Errorf("status %q with %d reasons", h.Status, len(h.Reasons))
		}
		for _, r := range h.Reasons {
			if strings.Contains(r.Message, "abcdef123456") || strings.Contains(r.Check, "abcdef123456") {
				t.Errorf("a secret in %+v", r)
			}
		}
		return h
	}
	if h := health(); h.Status != review.HealthOK {
		t.Fatalf("a fresh store: %+v, want ok", h)
	}

	// The loop published up to the week before.
	if err := st.SetCursor(ctx, "run:published", w40.Start.UTC().Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}

	// A source that fails: degraded from the third poll in a row.
	r := &bot.Runner{Sources: []bot.Source{downSource{s.Sources[0]}}, Store: st, Scraper: nopScraper{}, Publisher: nopPublisher{},
		WeekOf: dc.WeekOf, Now: func() time.Time { return now }}
	for i := 1; i <= 3; i++ {
		_ = r.Cycle(ctx) // fails: the source is down
		h := health()
		got := slices.ContainsFunc(checks(h), func(c string) bool { return strings.HasPrefix(c, "source:feed:https://feeds.example/rss?key=***") })
		if got != (i == 3) || len(h.Reasons) > 1 {
			t.Errorf("after %d failed polls: %+v", i, h.Reasons)
		}
	}
	if h := health(); len(h.Reasons) != 1 || !strings.Contains(h.Reasons[0].Message, "502 Bad Gateway") {
		t.Errorf("the failing source's reason does not give the error: %+v", h.Reasons)
	}
	if err := st.SetCursor(ctx, "run:fail:"+s.Sources[0], ""); err != nil {
		t.Fatal(err)
	}

	// A week written and not pushed, with git.
	s.Git = &publish.Git{Dir: t.TempDir()}
	if err := st.PutPublication(ctx, moisson.Publication{Week: "2014-W39", Path: "_posts/2014-09-26-compilation-veille.md", PublishedAt: now,
		PushAttempts: 2, PushTriedAt: now, PushError: "! [rejected] main -> main (fetch first)"}); err != nil {
		t.Fatal(err)
	}
	if h := health(); len(h.Reasons) != 1 || h.Reasons[0].Check != "push:2014-W39" || !strings.Contains(h.Reasons[0].Message, "written, not pushed") || !strings.Contains(h.Reasons[0].Message, "[rejected]") {
		t.Errorf("a week not pushed: %+v", h.Reasons)
	}
	if err := st.PutPublication(ctx, moisson.Publication{Week: "2014-W39", Path: "_posts/2014-09-26-compilation-veille.md", PublishedAt: now, Pushed: true}); err != nil {
		t.Fatal(err)
	}

	// The X API guard stopped the reads.
	usage.Posts = 3000
	if got := checks(health()); !slices.Equal(got, []string{"x-guard"}) {
		t.Errorf("the X guard stopped: %v", got)
	}
	usage.Posts = 10

	// A week overdue: its cutoff passed more than OverdueAfter ago, not
	// published.
	if got := checks(health()); len(got) != 0 {
		t.Errorf("before the cutoff: %v", got)
	}
	now = w40.End.Add(30 * time.Minute)
	if got := checks(health()); len(got) != 0 {
		t.Errorf("half an hour after the cutoff: %v, want ok", got)
	}
	now = w40.End.Add(2 * time.Hour)
	if err := st.SetCursor(ctx, "run:pending", "2014-W40: waiting for x to be read past the cutoff"); err != nil {
		t.Fatal(err)
	}
	h := health()
	if got := checks(h); !slices.Equal(got, []string{"overdue:2014-W40"}) || !strings.Contains(h.Reasons[0].Message, "waiting for x") {
		t.Errorf("two hours after the cutoff: %+v", h.Reasons)
	}

	// The same week held for want of links: said once, as held.
	if err := st.SetCursor(ctx, "run:pending", "2014-W40: "+bot.NoLinkPrefix+"the sources read 3 posts but none gave a link"); err != nil {
		t.Fatal(err)
	}
	if got := checks(health()); !slices.Equal(got, []string{"held:2014-W40"}) {
		t.Errorf("a week held: %v", got)
	}

	// Published: healed.
	if err := st.SetCursor(ctx, "run:pending", ""); err != nil {
		t.Fatal(err)
	}
	if err := st.SetCursor(ctx, "run:published", w40.End.UTC().Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	if h := health(); h.Status != review.HealthOK {
		t.Errorf("all healed: %+v", h)
	}
}
