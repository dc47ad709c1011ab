package setup

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = gitEnv(dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// gitEnv is an environment with no global or system git configuration.
func gitEnv(home string) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "GIT_CONFIG_NOSYSTEM=1"}
}

// checkout makes a bare remote and a checkout of it with one commit
// pushed, an identity set.
func checkout(t *testing.T) (remote, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is required under CI")
		}
		t.Skip("git not installed")
	}
	base := t.TempDir()
	remote, dir = filepath.Join(base, "remote.git"), filepath.Join(base, "blog")
	git(t, base, "init", "--quiet", "--bare", "--initial-branch=main", remote)
	git(t, base, "clone", "--quiet", remote, dir)
	git(t, dir, "config", "user.name", "Test")
	git(t, dir, "config", "user.email", "test@example.org")
	git(t, dir, "checkout", "--quiet", "-B", "main")
	if err := os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("title: t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "--quiet", "-m", "first")
	git(t, dir, "push", "--quiet", "origin", "main")
	return remote, dir
}

func TestCheckGit(t *testing.T) {
	ctx := context.Background()
	_, good := checkout(t)
	if g := CheckGit(ctx, good, gitEnv(good), true); len(g.Problems) > 0 || !g.Pushed || g.Branch != "main" {
		t.Errorf("a good checkout: %+v", g)
	}

	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"no origin", func(t *testing.T, dir string) { git(t, dir, "remote", "remove", "origin") }, "git remote add origin"},
		{"detached HEAD", func(t *testing.T, dir string) { git(t, dir, "checkout", "--quiet", "--detach") }, "git switch"},
		{"no identity", func(t *testing.T, dir string) {
			git(t, dir, "config", "--unset", "user.name")
			git(t, dir, "config", "--unset", "user.email")
		}, "git config user.name"},
		{"remote refuses", func(t *testing.T, dir string) {
			git(t, dir, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "missing.git"))
		}, "the origin refuses a push"},
		{"not a checkout", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, ".git")); err != nil {
				t.Fatal(err)
			}
		}, "not a git checkout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, dir := checkout(t)
			tc.setup(t, dir)
			g := CheckGit(ctx, dir, gitEnv(dir), true)
			var all []string
			for _, p := range g.Problems {
				all = append(all, p.String())
			}
			if !strings.Contains(strings.Join(all, "\n"), tc.want) {
				t.Errorf("problems %q do not say %q", all, tc.want)
			}
		})
	}

	t.Run("dubious ownership", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("needs root to give the checkout to another user")
		}
		_, dir := checkout(t)
		if err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Lchown(p, 4242, 4242)
		}); err != nil {
			t.Fatal(err)
		}
		g := CheckGit(ctx, dir, gitEnv(dir), false)
		if len(g.Problems) != 1 || !strings.Contains(g.Problems[0].String(), "safe.directory") || strings.Contains(g.Problems[0].String(), "not a git checkout") {
			t.Errorf("a checkout owned by another user: %+v", g.Problems)
		}
	})
}
