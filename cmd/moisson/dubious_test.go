package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A checkout owned by another user is reported with git's "dubious
// ownership" and the safe.directory fix, not as "not a git checkout".
func TestDigestDubiousOwnershipCheckout(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give the checkout to another user")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(t.TempDir(), "gitconfig"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		t.Skipf("git init: %v %s", err, out)
	}
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 4242, 4242)
	})
	if err != nil {
		t.Fatal(err)
	}
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_LOG_LEVEL=error", "MOISSON_GIT_PUSH=1"}
	_, _, err = run(t, environ, "digest", "--week", "2014-W40", "--out", dir)
	if err == nil || !strings.Contains(err.Error(), "dubious ownership") || !strings.Contains(err.Error(), "safe.directory "+dir) || strings.Contains(err.Error(), "not a git checkout") {
		t.Fatalf("error %v; want git's dubious ownership and the safe.directory fix", err)
	}
}
