package weekly

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// blogCheckout makes a bare remote and a blog checkout of it.
func blogCheckout(t *testing.T) (remote, blog string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is required under CI")
		}
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	remote, blog = filepath.Join(dir, "remote.git"), filepath.Join(dir, "blog")
	git(t, dir, "init", "--quiet", "--bare", "--initial-branch=main", remote)
	git(t, dir, "clone", "--quiet", remote, blog)
	git(t, blog, "config", "user.name", "moisson test")
	git(t, blog, "config", "user.email", "moisson@example.org")
	git(t, blog, "checkout", "--quiet", "-b", "main")
	return remote, blog
}

// weekToPublish makes a store holding one scraped link of 2014-W40 and a
// Service on it; it returns the Service, the week and the link.
func weekToPublish(t *testing.T) (*Service, moisson.Week, string) {
	t.Helper()
	ctx := context.Background()
	st, err := archive.Open(filepath.Join(t.TempDir(), "moisson.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	dc := digest.DefaultConfig()
	w, err := dc.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	u := "https://blog.example/post"
	post := moisson.Post{ID: "1", Source: "x", CreatedAt: w.End.Add(-48 * time.Hour), Text: "A post #Go", URLs: []string{u}, Hashtags: []string{"Go"}}
	if _, err := st.Save(ctx, []moisson.Post{post}, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Lead: "Its lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &Service{Store: st, Digest: dc, Log: log, Now: time.Now, MaxAttempts: 3}, w, u
}

func TestPublisherCommitsPushesAndRetries(t *testing.T) {
	ctx := context.Background()
	remote, blog := blogCheckout(t)
	p, w, u := weekToPublish(t)
	st := p.Store
	p.BlogDir, p.Git = blog, &publish.Git{Dir: blog}
	b := p.Publisher()

	if err := b.Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	if got := git(t, remote, "log", "--format=%s", "main"); !strings.Contains(got, "week 2014-W40 (1 links)") {
		t.Fatalf("remote log %q, want the week's commit", got)
	}
	pub, err := st.Publication(ctx, "2014-W40")
	if err != nil || !pub.Pushed || pub.Path != "_posts/2014-10-03-compilation-veille.md" {
		t.Fatalf("publication %+v %v", pub, err)
	}

	// The same week again: nothing to commit.
	if err := b.Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(git(t, remote, "log", "--format=%s", "main"), "\n"); n != 1 {
		t.Fatalf("%d commits after publishing an unchanged post, want 1", n)
	}

	// A changed page, and a remote that cannot be reached: the commit is
	// kept and the push is retried, not lost.
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post, retitled", Lead: "Its lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	git(t, blog, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "nowhere.git"))
	if err := b.Publish(ctx, w); err != nil {
		t.Fatalf("a failed push failed the publication: %v", err)
	}
	if pub, _ := st.Publication(ctx, "2014-W40"); pub.Pushed {
		t.Fatal("publication marked pushed after a failed push")
	}
	if err := b.Retry(ctx); err == nil {
		t.Fatal("retry to an unreachable remote reported no error")
	}
	git(t, blog, "remote", "set-url", "origin", remote)
	// The next push waits for the backoff: a minute after the refusal.
	p.Now = func() time.Time { return time.Now().Add(2 * time.Minute) }
	if err := b.Retry(ctx); err != nil {
		t.Fatal(err)
	}
	if pub, _ := st.Publication(ctx, "2014-W40"); !pub.Pushed {
		t.Fatal("publication not marked pushed after a successful retry")
	}
	if got := git(t, remote, "log", "--format=%s", "main"); strings.Count(got, "\n") != 2 {
		t.Fatalf("remote log after retry:\n%s", got)
	}
}

// noScraper is a bot.Scraper for tests whose pages are all stored already.
type noScraper struct{}

func (noScraper) ScrapeAll(context.Context, []string, func(moisson.Page)) {}

// A backfill whose commit fails (a hook refuses it, or the command is
// stopped during the commit) must not count the week as published: run
// again, it commits and pushes the post instead of skipping the week.
func TestBackfillRedoesAWeekWhoseCommitFailed(t *testing.T) {
	ctx := context.Background()
	remote, blog := blogCheckout(t)
	p, w, _ := weekToPublish(t)
	st, dc, log := p.Store, p.Digest, p.Log
	p.BlogDir, p.Git = blog, &publish.Git{Dir: blog}
	hook := filepath.Join(blog, ".git", "hooks", "pre-commit")
	if err := os.WriteFile(hook, []byte("#!/bin/sh\necho refused >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	backfill := func() error {
		b := &bot.Backfill{
			Store: st, Scraper: noScraper{}, WeekOf: dc.WeekOf, Log: log,
			Publisher: p.Publisher(),
		}
		return b.Run(ctx, w.Start, w.End)
	}
	if err := backfill(); err == nil {
		t.Fatal("a refused commit gave no error")
	}
	if err := os.Remove(hook); err != nil {
		t.Fatal(err)
	}
	if err := backfill(); err != nil {
		t.Fatal(err)
	}
	if got := git(t, remote, "log", "--format=%s", "main"); !strings.Contains(got, "week 2014-W40 (1 links)") {
		t.Fatalf("remote log %q: the week whose commit failed was skipped by the second backfill", got)
	}
	if pub, err := st.Publication(ctx, "2014-W40"); err != nil || !pub.Pushed {
		t.Fatalf("publication %+v %v, want it recorded and pushed", pub, err)
	}
}

func TestRetryCommitsPostsWrittenWithoutGit(t *testing.T) {
	ctx := context.Background()
	remote, blog := blogCheckout(t)
	p, w, _ := weekToPublish(t)
	st := p.Store

	// Written with MOISSON_GIT_PUSH off, then the loop started with it on.
	p.BlogDir = blog
	if err := p.Publisher().Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	p.Git = &publish.Git{Dir: blog}
	if err := p.Publisher().Retry(ctx); err != nil {
		t.Fatal(err)
	}
	if got := git(t, remote, "log", "--format=%s", "--", "_posts/2014-10-03-compilation-veille.md"); !strings.Contains(got, "week 2014-W40") {
		t.Fatalf("the post written without git is not on the remote: %q", got)
	}
	if pub, _ := st.Publication(ctx, "2014-W40"); !pub.Pushed {
		t.Fatal("publication not marked pushed")
	}
}
