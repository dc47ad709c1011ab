package weekly

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/review"
)

// syncBuffer is a log written by the Service and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// pushWorld is a blog whose remote already holds a commit, a Service
// publishing 2014-W40 into its checkout with a clock the test moves, and
// a second clone of the remote (the forge's web editor, another machine).
type pushWorld struct {
	s                   *Service
	w                   moisson.Week
	link                string
	remote, blog, other string
	now                 time.Time
	log                 *syncBuffer
}

const w40Path = "_posts/2014-10-03-compilation-veille.md"

func newPushWorld(t *testing.T) *pushWorld {
	t.Helper()
	remote, blog := blogCheckout(t)
	if err := os.WriteFile(filepath.Join(blog, "_config.yml"), []byte("title: blog\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, blog, "add", "-A")
	git(t, blog, "commit", "--quiet", "-m", "the blog")
	git(t, blog, "push", "--quiet", "-u", "origin", "main")
	other := filepath.Join(t.TempDir(), "other")
	git(t, filepath.Dir(other), "clone", "--quiet", remote, other)
	git(t, other, "config", "user.name", "Author")
	git(t, other, "config", "user.email", "author@example.org")

	s, w, link := weekToPublish(t)
	pw := &pushWorld{s: s, w: w, link: link, remote: remote, blog: blog, other: other,
		now: time.Date(2014, 10, 4, 9, 0, 0, 0, time.UTC), log: &syncBuffer{}}
	s.BlogDir, s.Git = blog, &publish.Git{Dir: blog}
	s.Now = func() time.Time { return pw.now }
	s.Log = slog.New(slog.NewTextHandler(pw.log, nil))
	return pw
}

// otherPushes commits content at path in the second clone and pushes it.
func (pw *pushWorld) otherPushes(t *testing.T, path, content string) {
	t.Helper()
	git(t, pw.other, "pull", "--quiet", "--rebase")
	full := filepath.Join(pw.other, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, pw.other, "add", "-A")
	git(t, pw.other, "commit", "--quiet", "-m", "edited elsewhere: "+path)
	git(t, pw.other, "push", "--quiet")
}

// retitle changes the week's page, so that its post is written again.
func (pw *pushWorld) retitle(t *testing.T, title string) {
	t.Helper()
	if err := pw.s.Store.PutPage(context.Background(), moisson.Page{URL: pw.link, Title: title, Lead: "Its lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
}

func (pw *pushWorld) publication(t *testing.T) moisson.Publication {
	t.Helper()
	pub, err := pw.s.Store.Publication(context.Background(), pw.w.ID)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func (pw *pushWorld) summary(t *testing.T) review.WeekSummary {
	t.Helper()
	v, err := pw.s.Week(context.Background(), pw.w.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v.Summary
}

func (pw *pushWorld) warnings(t *testing.T) string {
	t.Helper()
	st, err := pw.s.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(st.Warnings, "\n")
}

// Someone pushed to the blog's remote before the week's cutoff: moisson's
// push is refused, it fetches, rebases and pushes, and nobody's commit is
// lost.
func TestWeekPushedAfterAConcurrentPush(t *testing.T) {
	ctx := context.Background()
	pw := newPushWorld(t)
	pw.otherPushes(t, "about.md", "a fix made on the forge\n")

	if err := pw.s.PublishDue(ctx, pw.w); err != nil {
		t.Fatal(err)
	}
	pub := pw.publication(t)
	if !pub.Pushed || pub.NotPushed() || pub.Conflict != "" || pub.PushError != "" {
		t.Fatalf("publication %+v; want pushed, no conflict", pub)
	}
	log := git(t, pw.remote, "log", "--format=%s", "main")
	for _, want := range []string{"week 2014-W40", "edited elsewhere: about.md", "the blog"} {
		if !strings.Contains(log, want) {
			t.Errorf("remote log lacks %q:\n%s", want, log)
		}
	}
	if s := pw.summary(t); s.State != review.StatePublished {
		t.Errorf("state %s (%s), want published", s.State, s.Reason)
	}
	if !strings.Contains(pw.log.String(), "rebased") {
		t.Errorf("the log does not say the commits were rebased:\n%s", pw.log)
	}
}

// The week's post edited on the remote (a typo fixed on the forge) while
// moisson writes it again: the remote's version is kept as the author's
// hand edit, said in the week's state, and never overwritten after.
func TestRemoteHandEditOfTheWeekIsKept(t *testing.T) {
	ctx := context.Background()
	pw := newPushWorld(t)
	if err := pw.s.PublishDue(ctx, pw.w); err != nil {
		t.Fatal(err)
	}
	handEdit := "---\ntitle: fixed by hand on the forge\n---\nMy own words.\n"
	pw.otherPushes(t, w40Path, handEdit)
	pw.retitle(t, "A post, retitled")
	pw.now = pw.now.Add(time.Hour)

	if err := pw.s.PublishDue(ctx, pw.w); err != nil {
		t.Fatal(err)
	}
	if got := git(t, pw.remote, "show", "main:"+w40Path); got != handEdit {
		t.Errorf("remote post = %q, want the hand edit", got)
	}
	if b, _ := os.ReadFile(filepath.Join(pw.blog, w40Path)); string(b) != handEdit {
		t.Errorf("checkout post = %q, want the hand edit", b)
	}
	pub := pw.publication(t)
	if !strings.Contains(pub.Conflict, "changed on the remote") || !strings.Contains(pub.Conflict, "remote's version kept") {
		t.Errorf("conflict %q; want it to say the remote's version was kept", pub.Conflict)
	}
	if s := pw.summary(t); s.State != review.StateConflict {
		t.Errorf("state %s, want conflict", s.State)
	}
	if w := pw.warnings(t); !strings.Contains(w, "remote's version kept") {
		t.Errorf("status warnings do not say it:\n%s", w)
	}
	if !strings.Contains(pw.log.String(), "level=WARN") || !strings.Contains(pw.log.String(), w40Path) {
		t.Errorf("the log does not warn about %s:\n%s", w40Path, pw.log)
	}
	// Written again later: the author's version stays.
	pw.retitle(t, "A post, retitled again")
	if err := pw.s.PublishDue(ctx, pw.w); err != nil {
		t.Fatal(err)
	}
	if err := pw.s.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	if got := git(t, pw.remote, "show", "main:"+w40Path); got != handEdit {
		t.Errorf("remote post after another cycle = %q, want the hand edit", got)
	}
	if st := git(t, pw.blog, "status", "--porcelain"); st != "" {
		t.Errorf("checkout left dirty:\n%s", st)
	}
}

// A remote that refuses the push (a hook, no access): the week is
// "written, not pushed" with git's message (no secret) and the attempts,
// tried again with a backoff, until the remote accepts it.
func TestRefusedPushIsShownUntilItHeals(t *testing.T) {
	ctx := context.Background()
	pw := newPushWorld(t)
	hook := filepath.Join(pw.remote, "hooks", "pre-receive")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\necho 'refused by policy, see https://bot:s3cr3t-token@forge.example/help' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}

	if err := pw.s.PublishDue(ctx, pw.w); err != nil {
		t.Fatalf("a refused push failed the publication: %v", err)
	}
	pub := pw.publication(t)
	if !pub.NotPushed() || pub.PushAttempts != 1 || !strings.Contains(pub.PushError, "refused by policy") {
		t.Fatalf("publication %+v; want written, not pushed, 1 attempt, git's message", pub)
	}
	unpushed, err := pw.s.NotPushed(ctx)
	if err != nil || len(unpushed) != 1 || unpushed[0].Week != pw.w.ID {
		t.Fatalf("NotPushed = %v, %v", unpushed, err)
	}
	sum := pw.summary(t)
	if sum.State != review.StateUnpushed || !strings.Contains(sum.Reason, "refused by policy") || !strings.Contains(sum.Reason, "1 attempt") {
		t.Errorf("summary %s %q; want unpushed with the reason", sum.State, sum.Reason)
	}
	if w := pw.warnings(t); !strings.Contains(w, "written, not pushed") {
		t.Errorf("status warnings: %q", w)
	}
	for what, s := range map[string]string{"state": pub.PushError, "reason": sum.Reason, "warnings": pw.warnings(t), "log": pw.log.String()} {
		if strings.Contains(s, "s3cr3t-token") {
			t.Errorf("the %s shows the token: %s", what, s)
		}
	}
	if !strings.Contains(pw.log.String(), "written, not pushed") {
		t.Errorf("the log does not warn:\n%s", pw.log)
	}

	// Within the backoff: not tried, still told.
	if err := pw.s.Tick(ctx); err == nil || !strings.Contains(err.Error(), "not pushed") {
		t.Errorf("Tick during the backoff = %v; want the week told not pushed", err)
	}
	if n := pw.publication(t).PushAttempts; n != 1 {
		t.Errorf("%d attempts during the backoff, want 1", n)
	}
	// After it: tried again, refused again.
	pw.now = pw.now.Add(2 * time.Minute)
	if err := pw.s.Tick(ctx); err == nil {
		t.Error("Tick with the remote refusing reported nothing")
	}
	if n := pw.publication(t).PushAttempts; n != 2 {
		t.Errorf("%d attempts, want 2", n)
	}
	// The remote accepts again: pushed at the next try, and said.
	if err := os.Remove(hook); err != nil {
		t.Fatal(err)
	}
	pw.now = pw.now.Add(time.Hour)
	if err := pw.s.Tick(ctx); err != nil {
		t.Fatalf("Tick once the remote accepts: %v", err)
	}
	pub = pw.publication(t)
	if !pub.Pushed || pub.NotPushed() || pub.PushError != "" || pub.PushAttempts != 0 {
		t.Errorf("publication %+v; want pushed and the error cleared", pub)
	}
	if !strings.Contains(git(t, pw.remote, "log", "--format=%s", "main"), "week 2014-W40") {
		t.Error("the week is not on the remote")
	}
	if s := pw.summary(t); s.State != review.StatePublished {
		t.Errorf("state %s after healing, want published", s.State)
	}
	if w := pw.warnings(t); strings.Contains(w, "not pushed") {
		t.Errorf("warnings after healing: %s", w)
	}
	if !strings.Contains(pw.log.String(), "healed") {
		t.Errorf("the log does not say it healed:\n%s", pw.log)
	}
}

func TestPushBackoff(t *testing.T) {
	for _, tc := range []struct {
		attempts int
		want     time.Duration
	}{{0, time.Minute}, {1, time.Minute}, {2, 2 * time.Minute}, {4, 8 * time.Minute}, {7, time.Hour}, {100, time.Hour}} {
		if got := pushBackoff(tc.attempts); got != tc.want {
			t.Errorf("pushBackoff(%d) = %s, want %s", tc.attempts, got, tc.want)
		}
	}
}
