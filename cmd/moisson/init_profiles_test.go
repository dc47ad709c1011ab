package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitProfileURLsGoToTheirNativeSources: a Mastodon and a Bluesky
// profile URL given to init as feeds become MOISSON_MASTODON and
// MOISSON_BLUESKY, said on the way; a home page stays a feed.
func TestInitProfileURLsGoToTheirNativeSources(t *testing.T) {
	_, blog := initBlog(t, map[string]string{"_config.yml": "permalink: date\n"})
	work := t.TempDir()
	envFile := filepath.Join(work, ".env")
	cmd := exec.Command(moissonBinary(t), "init", blog, "--yes", "--preview=false", "--env-out", envFile,
		"--feed", "https://mastodon.example/@jane", "--feed", "https://bsky.app/profile/jane.bsky.social", "--feed", "https://jane.example/")
	cmd.Dir = work
	cmd.Env = baseEnviron(work)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	for _, w := range []string{"MOISSON_MASTODON=@jane@mastodon.example reads it through its native source", "MOISSON_BLUESKY=jane.bsky.social reads it"} {
		if !strings.Contains(string(out), w) {
			t.Errorf("init does not say %q:\n%s", w, out)
		}
	}
	env, err := os.ReadFile(envFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"MOISSON_MASTODON=@jane@mastodon.example", "MOISSON_BLUESKY=jane.bsky.social", "MOISSON_FEEDS=https://jane.example/"} {
		if !strings.Contains(string(env), w) {
			t.Errorf(".env lacks %s:\n%s", w, env)
		}
	}
	if strings.Contains(string(env), "bsky.app/profile") || strings.Contains(string(env), "mastodon.example/@jane") {
		t.Errorf("a profile URL stayed a feed:\n%s", env)
	}
}
