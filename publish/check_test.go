package publish

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isolateGit keeps the user's and the system's git configuration out of a
// test.
func isolateGit(t *testing.T) {
	t.Helper()
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "EMAIL"} {
		t.Setenv(k, "") // restored after the test
		os.Unsetenv(k)
	}
}

func TestCheckCheckoutHealthy(t *testing.T) {
	isolateGit(t)
	_, checkout := gitRepo(t)
	problems, err := CheckCheckout(context.Background(), checkout, true)
	if err != nil || len(problems) != 0 {
		t.Fatalf("CheckCheckout = %v, %v; want no problem", problems, err)
	}
}

func TestCheckCheckoutMissingOriginDetachedNoIdentity(t *testing.T) {
	isolateGit(t)
	_, checkout := gitRepo(t)
	if err := os.WriteFile(filepath.Join(checkout, "a.md"), []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustGit(t, checkout, "add", "a.md")
	mustGit(t, checkout, "commit", "--quiet", "-m", "a")
	mustGit(t, checkout, "checkout", "--quiet", "--detach")
	mustGit(t, checkout, "remote", "remove", "origin")
	mustGit(t, checkout, "config", "--unset", "user.email")

	problems, err := CheckCheckout(context.Background(), checkout, true)
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, p := range problems {
		all += p.String() + "\n"
	}
	for _, want := range []string{"HEAD is detached", "git switch", "git has no user.email", "git config user.email", "no remote named origin", "git remote add origin"} {
		if !strings.Contains(all, want) {
			t.Errorf("problems lack %q:\n%s", want, all)
		}
	}
	if len(problems) != 3 {
		t.Errorf("got %d problems, want 3:\n%s", len(problems), all)
	}
	// Without push, a missing origin is no problem.
	problems, _ = CheckCheckout(context.Background(), checkout, false)
	if len(problems) != 2 {
		t.Errorf("without push: %d problems, want 2: %v", len(problems), problems)
	}
	// The identity given in the environment is enough.
	problems, _ = Git{Dir: checkout, Env: []string{"GIT_AUTHOR_EMAIL=a@example.org"}}.CheckCheckout(context.Background(), false)
	if len(problems) != 1 {
		t.Errorf("identity from Env: %d problems, want 1: %v", len(problems), problems)
	}
}

func TestCheckCheckoutNotACheckout(t *testing.T) {
	isolateGit(t)
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	problems, err := CheckCheckout(context.Background(), dir, false)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0].GitSaid, "not a git repository") || !strings.Contains(problems[0].What, "is not a git checkout") || !strings.Contains(problems[0].Fix, "git clone") {
		t.Fatalf("CheckCheckout = %v, %v; want git's 'not a git repository' and a clone fix", problems, err)
	}
}

func TestCheckCheckoutDubiousOwnership(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give the checkout to another user")
	}
	isolateGit(t)
	_, checkout := gitRepo(t)
	err := filepath.Walk(checkout, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 4242, 4242)
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := CheckCheckout(context.Background(), checkout, false)
	if err != nil || len(problems) != 1 {
		t.Fatalf("CheckCheckout = %v, %v; want one problem", problems, err)
	}
	p := problems[0]
	if !strings.Contains(p.GitSaid, "dubious ownership") || strings.Contains(p.String(), "not a git") || !strings.Contains(p.Fix, "safe.directory "+checkout) {
		t.Fatalf("problem = %+v; want git's dubious ownership message and the safe.directory fix", p)
	}
}
