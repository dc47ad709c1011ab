package publish

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a bare remote and a checkout of it in t.TempDir().
func gitRepo(t *testing.T) (remote, checkout string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is required under CI")
		}
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	remote = filepath.Join(dir, "remote.git")
	checkout = filepath.Join(dir, "blog")
	mustGit(t, dir, "init", "--quiet", "--bare", "--initial-branch=main", remote)
	mustGit(t, dir, "clone", "--quiet", remote, checkout)
	mustGit(t, checkout, "config", "user.name", "Test")
	mustGit(t, checkout, "config", "user.email", "test@example.org")
	mustGit(t, checkout, "checkout", "--quiet", "-b", "main")
	return remote, checkout
}

func mustGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCommitAndPush(t *testing.T) {
	ctx := context.Background()
	remote, checkout := gitRepo(t)
	g := Git{Dir: checkout}
	post := "_posts/2014-10-03-compilation-veille.md"
	writeFile(t, filepath.Join(checkout, post), "first\n")

	committed, err := g.Commit(ctx, post, "moisson: week 2014-W40")
	if err != nil || !committed {
		t.Fatalf("first commit: committed=%v err=%v", committed, err)
	}
	committed, err = g.Commit(ctx, post, "moisson: week 2014-W40")
	if err != nil || committed {
		t.Fatalf("unchanged file: committed=%v err=%v, want false, nil", committed, err)
	}
	if err := g.Push(ctx); err != nil {
		t.Fatalf("push: %v", err)
	}
	if log := mustGit(t, remote, "log", "--format=%s", "main"); strings.TrimSpace(log) != "moisson: week 2014-W40" {
		t.Fatalf("remote log = %q", log)
	}

	writeFile(t, filepath.Join(checkout, post), "second\n")
	if committed, err := g.Commit(ctx, post, "moisson: week 2014-W40, updated"); err != nil || !committed {
		t.Fatalf("changed file: committed=%v err=%v", committed, err)
	}
	if err := g.Push(ctx); err != nil {
		t.Fatalf("second push: %v", err)
	}
	if n := strings.Count(mustGit(t, remote, "log", "--format=%s", "main"), "\n"); n != 2 {
		t.Fatalf("remote has %d commits, want 2", n)
	}
}

func TestPushFailureHidesCredentials(t *testing.T) {
	ctx := context.Background()
	_, checkout := gitRepo(t)
	g := Git{Dir: checkout}
	writeFile(t, filepath.Join(checkout, "a.md"), "x\n")
	if _, err := g.Commit(ctx, "a.md", "a"); err != nil {
		t.Fatal(err)
	}
	// A remote that cannot be reached, with a token written in its URL.
	mustGit(t, checkout, "remote", "set-url", "origin", "http://moisson:s3cr3t-token@127.0.0.1:1/blog.git")
	err := g.Push(ctx)
	if err == nil {
		t.Fatal("push to an unreachable remote succeeded")
	}
	if strings.Contains(err.Error(), "s3cr3t-token") {
		t.Fatalf("error shows the token: %v", err)
	}
	if !strings.Contains(err.Error(), "git push") {
		t.Fatalf("error does not say what failed: %v", err)
	}
}

func TestCommitMove(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	_, checkout := gitRepo(t)
	g := Git{Dir: checkout}
	ctx := context.Background()
	oldPath, newPath := "_posts/2014-10-03-compilation-veille.md", "_posts/2014-10-03-moisson-de-liens-2014-w40.md"
	writeFile(t, filepath.Join(checkout, oldPath), "old\n")
	if ok, err := g.Commit(ctx, oldPath, "first"); err != nil || !ok {
		t.Fatalf("Commit = %v, %v", ok, err)
	}
	if err := os.Rename(filepath.Join(checkout, oldPath), filepath.Join(checkout, newPath)); err != nil {
		t.Fatal(err)
	}
	if ok, err := g.CommitMove(ctx, oldPath, newPath, "moved"); err != nil || !ok {
		t.Fatalf("CommitMove = %v, %v", ok, err)
	}
	if files := mustGit(t, checkout, "ls-files", "_posts"); strings.TrimSpace(files) != newPath {
		t.Errorf("tracked files: %q, want only %s", files, newPath)
	}
	if ok, err := g.CommitMove(ctx, oldPath, newPath, "again"); err != nil || ok {
		t.Errorf("CommitMove with nothing to commit = %v, %v", ok, err)
	}
}

// CommitPaths commits many files at once: new, changed, and a tracked one
// removed; an untracked path that is gone is left out, and nothing to
// commit commits nothing.
func TestCommitPaths(t *testing.T) {
	_, checkout := gitRepo(t)
	g := Git{Dir: checkout}
	ctx := context.Background()
	a, b, c := "_posts/a.md", "_posts/b.md", "_posts/c.md"
	writeFile(t, filepath.Join(checkout, a), "a\n")
	writeFile(t, filepath.Join(checkout, c), "c\n")
	if ok, err := g.CommitPaths(ctx, []string{a, c}, "first"); err != nil || !ok {
		t.Fatalf("CommitPaths = %v, %v", ok, err)
	}
	writeFile(t, filepath.Join(checkout, a), "a2\n")
	writeFile(t, filepath.Join(checkout, b), "b\n")
	writeFile(t, filepath.Join(checkout, "_posts/other.md"), "not ours\n")
	if err := os.Remove(filepath.Join(checkout, c)); err != nil {
		t.Fatal(err)
	}
	if ok, err := g.CommitPaths(ctx, []string{a, b, c, "_posts/never.md"}, "second"); err != nil || !ok {
		t.Fatalf("CommitPaths = %v, %v", ok, err)
	}
	if n := strings.TrimSpace(mustGit(t, checkout, "rev-list", "--count", "HEAD")); n != "2" {
		t.Errorf("%s commits, want 2", n)
	}
	if files := strings.Fields(mustGit(t, checkout, "ls-files", "_posts")); strings.Join(files, " ") != a+" "+b {
		t.Errorf("tracked files %v, want %s and %s", files, a, b)
	}
	if ok, err := g.CommitPaths(ctx, []string{a, b}, "nothing"); err != nil || ok {
		t.Errorf("CommitPaths with nothing to commit = %v, %v", ok, err)
	}
}
