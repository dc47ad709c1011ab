package publish

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// otherClone is a second clone of remote with an identity, standing for
// the forge's web editor or another machine.
func otherClone(t *testing.T, remote string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "other")
	mustGit(t, filepath.Dir(dir), "clone", "--quiet", remote, dir)
	mustGit(t, dir, "config", "user.name", "Author")
	mustGit(t, dir, "config", "user.email", "author@example.org")
	return dir
}

// pushedPost makes a checkout whose remote holds one post moisson wrote.
func pushedPost(t *testing.T, post string) (remote, checkout string) {
	t.Helper()
	remote, checkout = gitRepo(t)
	writeFile(t, filepath.Join(checkout, post), "moisson v1\n")
	mustGit(t, checkout, "add", "-A")
	mustGit(t, checkout, "commit", "--quiet", "-m", "moisson: week 40")
	mustGit(t, checkout, "push", "--quiet", "-u", "origin", "main")
	return remote, checkout
}

func remoteFile(t *testing.T, remote, path string) string {
	t.Helper()
	return mustGit(t, remote, "show", "main:"+path)
}

func TestSyncAfterAConcurrentPush(t *testing.T) {
	ctx := context.Background()
	w40, w41 := "_posts/2014-10-03-w40.md", "_posts/2014-10-10-w41.md"
	remote, checkout := pushedPost(t, w40)
	other := otherClone(t, remote)
	writeFile(t, filepath.Join(other, "about.md"), "a fix made elsewhere\n")
	mustGit(t, other, "add", "-A")
	mustGit(t, other, "commit", "--quiet", "-m", "fix the about page")
	mustGit(t, other, "push", "--quiet")

	g := Git{Dir: checkout}
	writeFile(t, filepath.Join(checkout, w41), "moisson w41\n")
	// An uncommitted change of the author in the checkout is kept.
	writeFile(t, filepath.Join(checkout, "draft.md"), "mine\n")
	mustGit(t, checkout, "add", "draft.md")
	if _, err := g.Commit(ctx, w41, "moisson: week 41"); err != nil {
		t.Fatal(err)
	}
	if err := g.Push(ctx); err == nil {
		t.Fatal("a plain push after a concurrent push was accepted; the test does not test what it says")
	}
	res, err := g.Sync(ctx, []string{w40, w41})
	if err != nil {
		t.Fatalf("Sync: %v", err)
	}
	if !res.Rebased || len(res.Kept) != 0 || strings.Join(res.Remote, ",") != "about.md" {
		t.Errorf("result %+v; want rebased, about.md changed by the remote, nothing kept", res)
	}
	log := mustGit(t, remote, "log", "--format=%s", "main")
	for _, want := range []string{"moisson: week 41", "fix the about page", "moisson: week 40"} {
		if !strings.Contains(log, want) {
			t.Errorf("remote log lacks %q:\n%s", want, log)
		}
	}
	if got := remoteFile(t, remote, w41); got != "moisson w41\n" {
		t.Errorf("remote %s = %q", w41, got)
	}
	if b, err := os.ReadFile(filepath.Join(checkout, "draft.md")); err != nil || string(b) != "mine\n" {
		t.Errorf("the author's uncommitted file: %q, %v", b, err)
	}
}

// A post edited on the remote while moisson rewrote it: the remote's
// version is kept as a hand edit, moisson's other commits are pushed.
func TestSyncConflictKeepsTheRemotesVersion(t *testing.T) {
	ctx := context.Background()
	w40, w41 := "_posts/2014-10-03-w40.md", "_posts/2014-10-10-w41.md"
	remote, checkout := pushedPost(t, w40)
	other := otherClone(t, remote)
	writeFile(t, filepath.Join(other, w40), "fixed by hand on the forge\n")
	mustGit(t, other, "commit", "--quiet", "-am", "typo")
	mustGit(t, other, "push", "--quiet")

	g := Git{Dir: checkout}
	writeFile(t, filepath.Join(checkout, w40), "moisson v2\n")
	if _, err := g.Commit(ctx, w40, "moisson: week 40 again"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(checkout, w41), "moisson w41\n")
	if _, err := g.Commit(ctx, w41, "moisson: week 41"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(checkout, w40), "moisson v3\n")
	if _, err := g.Commit(ctx, w40, "moisson: week 40 a third time"); err != nil {
		t.Fatal(err)
	}
	res, err := g.Sync(ctx, []string{w40, w41})
	if err != nil {
		t.Fatalf("Sync: %v", err)
	}
	if !res.Rebased || strings.Join(res.Kept, ",") != w40 {
		t.Errorf("result %+v; want %s kept", res, w40)
	}
	if got := remoteFile(t, remote, w40); got != "fixed by hand on the forge\n" {
		t.Errorf("remote %s = %q, want the hand edit", w40, got)
	}
	if got := remoteFile(t, remote, w41); got != "moisson w41\n" {
		t.Errorf("remote %s = %q, want moisson's", w41, got)
	}
	if b, _ := os.ReadFile(filepath.Join(checkout, w40)); string(b) != "fixed by hand on the forge\n" {
		t.Errorf("checkout %s = %q, want the hand edit", w40, b)
	}
	if !strings.Contains(mustGit(t, remote, "log", "--format=%s", "main"), "typo") {
		t.Error("the remote's commit is lost")
	}
	if st := mustGit(t, checkout, "status", "--porcelain"); st != "" {
		t.Errorf("checkout left dirty:\n%s", st)
	}
}

// A conflict in a file moisson does not write is the author's to settle:
// the checkout is left as it was, nothing pushed.
func TestSyncConflictInAnotherFile(t *testing.T) {
	ctx := context.Background()
	w40 := "_posts/2014-10-03-w40.md"
	remote, checkout := pushedPost(t, w40)
	other := otherClone(t, remote)
	writeFile(t, filepath.Join(other, "about.md"), "theirs\n")
	mustGit(t, other, "add", "-A")
	mustGit(t, other, "commit", "--quiet", "-m", "about, theirs")
	mustGit(t, other, "push", "--quiet")
	writeFile(t, filepath.Join(checkout, "about.md"), "mine\n")
	mustGit(t, checkout, "add", "-A")
	mustGit(t, checkout, "commit", "--quiet", "-m", "about, mine")
	head := mustGit(t, checkout, "rev-parse", "HEAD")

	_, err := Git{Dir: checkout}.Sync(ctx, []string{w40})
	if !errors.Is(err, ErrRebaseConflict) || !strings.Contains(err.Error(), "about.md") {
		t.Fatalf("Sync = %v; want ErrRebaseConflict naming about.md", err)
	}
	if got := mustGit(t, checkout, "rev-parse", "HEAD"); got != head {
		t.Errorf("HEAD moved: %s, was %s", got, head)
	}
	if _, err := os.Stat(filepath.Join(checkout, ".git", "rebase-merge")); err == nil {
		t.Error("a rebase is left going on")
	}
}

// A push a hook refuses is not a race: Sync returns git's message, and
// pushes once the hook lets it.
func TestSyncRefusedByAHook(t *testing.T) {
	ctx := context.Background()
	w40, w41 := "_posts/2014-10-03-w40.md", "_posts/2014-10-10-w41.md"
	remote, checkout := pushedPost(t, w40)
	hook := filepath.Join(remote, "hooks", "pre-receive")
	writeFile(t, hook, "#!/bin/sh\necho 'refused by policy' >&2\nexit 1\n")
	if err := os.Chmod(hook, 0o755); err != nil {
		t.Fatal(err)
	}
	g := Git{Dir: checkout}
	writeFile(t, filepath.Join(checkout, w41), "moisson w41\n")
	if _, err := g.Commit(ctx, w41, "moisson: week 41"); err != nil {
		t.Fatal(err)
	}
	res, err := g.Sync(ctx, []string{w40, w41})
	if err == nil || !strings.Contains(err.Error(), "refused by policy") || res.Rebased {
		t.Fatalf("Sync = %+v, %v; want git's refusal, no rebase", res, err)
	}
	if err := os.Remove(hook); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Sync(ctx, []string{w40, w41}); err != nil {
		t.Fatalf("Sync once the hook is gone: %v", err)
	}
	if got := remoteFile(t, remote, w41); got != "moisson w41\n" {
		t.Errorf("remote %s = %q", w41, got)
	}
}

// A rebase left going on: moisson's own (stopped by a crash) is
// abandoned and the push done; the author's is left alone, and nothing is
// committed until it is finished.
func TestRebaseLeftGoingOn(t *testing.T) {
	ctx := context.Background()
	w40, w41 := "_posts/2014-10-03-w40.md", "_posts/2014-10-10-w41.md"
	for _, ours := range []bool{true, false} {
		remote, checkout := pushedPost(t, w40)
		other := otherClone(t, remote)
		writeFile(t, filepath.Join(other, w40), "theirs\n")
		mustGit(t, other, "commit", "--quiet", "-am", "theirs")
		mustGit(t, other, "push", "--quiet")
		writeFile(t, filepath.Join(checkout, w40), "moisson v2\n")
		mustGit(t, checkout, "commit", "--quiet", "-am", "moisson v2")
		mustGit(t, checkout, "fetch", "--quiet")
		cmd := exec.Command("git", "rebase", "origin/main")
		cmd.Dir = checkout
		if out, err := cmd.CombinedOutput(); err == nil {
			t.Fatalf("the rebase did not stop on its conflict: %s", out)
		}
		if ours {
			writeFile(t, filepath.Join(checkout, ".git", rebaseMark), "x\n")
		}
		g := Git{Dir: checkout}
		writeFile(t, filepath.Join(checkout, w41), "moisson w41\n")
		_, err := g.Commit(ctx, w41, "moisson: week 41")
		if !ours {
			if !errors.Is(err, ErrRebaseGoingOn) || !strings.Contains(err.Error(), "git rebase --abort") {
				t.Fatalf("Commit during the author's rebase = %v; want ErrRebaseGoingOn with the fix", err)
			}
			if _, err := os.Stat(filepath.Join(checkout, ".git", "rebase-merge")); err != nil {
				t.Fatal("the author's rebase was abandoned")
			}
			continue
		}
		if err != nil {
			t.Fatalf("Commit after moisson's rebase left by a crash: %v", err)
		}
		res, err := g.Sync(ctx, []string{w40, w41})
		if err != nil || strings.Join(res.Kept, ",") != w40 {
			t.Fatalf("Sync = %+v, %v", res, err)
		}
		if got := remoteFile(t, remote, w41); got != "moisson w41\n" {
			t.Errorf("remote %s = %q", w41, got)
		}
		if got := remoteFile(t, remote, w40); got != "theirs\n" {
			t.Errorf("remote %s = %q, want theirs", w40, got)
		}
	}
}
