package main

import (
	"net/http"
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

// TestInitHomePageSaysItsFeed: a home page given to init as a feed is read
// and its feed said (the others too); a page that announces no feed is a
// wrong answer that writes nothing.
func TestInitHomePageSaysItsFeed(t *testing.T) {
	web := initWeb(t)
	home := web.HostURL(3, 9) + "/"
	web.AddPage(home, &fakePage{Status: http.StatusOK, ContentType: "text/html; charset=utf-8", Body: []byte(`<!doctype html><html><head><title>Jane</title>
<link rel="alternate" type="application/rss+xml" title="Comments" href="` + web.Base() + `/comments/feed.xml">
<link rel="alternate" type="application/rss+xml" title="Jane's posts" href="` + web.Base() + `/feed.xml">
</head><body><h1>Jane</h1></body></html>`)})
	bare := web.HostURL(3, 10) + "/"
	web.AddPage(bare, &fakePage{Status: http.StatusOK, ContentType: "text/html", Body: []byte(`<!doctype html><html><head><title>No feed</title></head><body><p>Hello.</p></body></html>`)})

	_, blog := initBlog(t, map[string]string{"_config.yml": "permalink: date\n"})
	work := t.TempDir()
	envFile := filepath.Join(work, ".env")
	cmd := exec.Command(moissonBinary(t), "init", blog, "--yes", "--env-out", envFile, "--feed", home)
	cmd.Dir = work
	cmd.Env = baseEnviron(work, "MOISSON_HOST_DELAY=1ms", "MOISSON_DB="+filepath.Join(work, "moisson.db"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	if want := home + " is a web page whose feed is " + web.Base() + "/feed.xml (its other feeds: " + web.Base() + "/comments/feed.xml)"; !strings.Contains(string(out), want) {
		t.Errorf("init does not say %q:\n%s", want, out)
	}
	if vars := readEnvFile(t, envFile); vars["MOISSON_FEEDS"] != home {
		t.Errorf("MOISSON_FEEDS=%q, want the home page %q", vars["MOISSON_FEEDS"], home)
	}
	if !strings.Contains(string(out), "[Un titre de page](") {
		t.Errorf("the preview did not read the feed found on the home page:\n%s", out)
	}

	envFile2 := filepath.Join(work, ".env2")
	cmd = exec.Command(moissonBinary(t), "init", blog, "--yes", "--env-out", envFile2, "--feed", bare)
	cmd.Dir = work
	cmd.Env = baseEnviron(work, "MOISSON_HOST_DELAY=1ms")
	out, err = cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("init took a page with no feed:\n%s", out)
	}
	if !strings.Contains(string(out), bare+" is a web page that announces no feed") || !strings.Contains(string(out), "nothing was written") {
		t.Errorf("the error does not say what is wrong:\n%s", out)
	}
	if _, err := os.Stat(envFile2); err == nil {
		t.Error("init wrote .env for a page with no feed")
	}
}
