package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moisson/moisson/archive"
)

// TestNearestVariable: a typo of a variable is answered with the variable
// meant; a name near none is answered with none.
func TestNearestVariable(t *testing.T) {
	known := knownVariables()
	for _, tc := range []struct{ name, want string }{
		{"MOISSON_FEED", "MOISSON_FEEDS"},
		{"MOISSON_FEEDS_URL", ""},
		{"X_USERNAM", "X_USERNAME"},
		{"X_BEARERTOKEN", "X_BEARER_TOKEN"},
		{"MOISSON_POLLINTERVAL", "MOISSON_POLL_INTERVAL"},
		{"MOISSON_CUT_OFF", "MOISSON_CUTOFF"},
		{"WAYBACK_RATE", "MOISSON_WAYBACK_RATE"},
		{"MOISSON_X_BEARER_TOKEN", "X_BEARER_TOKEN"},
		{"MOISSON_GIT", "MOISSON_GIT_PUSH"},
		{"MOISSON_BLOG", ""}, // MOISSON_SLUG is two edits away, but not meant
		{"MOISSON_TIMEZONE", ""},
		{"X_FOO", ""},
	} {
		if got := nearestVariable(tc.name, known); got != tc.want {
			t.Errorf("nearestVariable(%s) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestUnknownVariables: the unknown variables with moisson's prefixes
// are found in the .env file and in the environment, with where each was
// set; known ones, KEY_FILE forms and other programs' variables are not.
func TestUnknownVariables(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, ".env")
	tok := filepath.Join(dir, "token")
	if err := os.WriteFile(tok, []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(envFile, []byte("MOISSON_FEED=https://blog.example.org/feed.xml\nMOISSON_LANG=en\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig([]string{"X_USERNAM=jane", "X_BEARER_TOKEN_FILE=" + tok, "HOME=/home/jane", "MOISSON_CHROMIUM=/usr/bin/chromium", "XDG_RUNTIME_DIR=/run"}, envFile)
	if err != nil {
		t.Fatal(err)
	}
	got := c.UnknownVariables()
	want := []UnknownVariable{
		{Name: "MOISSON_FEED", Origin: envFile, Near: "MOISSON_FEEDS"},
		{Name: "X_USERNAM", Origin: "environment", Near: "X_USERNAME"},
	}
	if len(got) != len(want) {
		t.Fatalf("UnknownVariables = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("UnknownVariables[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	w := c.Warnings()
	if len(w) != 2 || !strings.Contains(w[0], "MOISSON_FEED (set in "+envFile+")") || !strings.Contains(w[0], "did you mean MOISSON_FEEDS?") {
		t.Errorf("Warnings = %q", w)
	}
}

// TestConfigWarnsUnknownVariables: `moisson config`, the real binary,
// warns on stderr about a typo in .env and in the environment, with the
// variable meant, and still exits 0 (a warning, not an error); the
// settings on stdout do not carry the warning.
func TestConfigWarnsUnknownVariables(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".env"), []byte("MOISSON_FEED=https://blog.example.org/feed.xml\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(moissonBinary(t), "config")
	cmd.Dir = home
	cmd.Env = baseEnviron(home, "MOISSON_POLLINTERVAL=1h")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("moisson config: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{
		"MOISSON_FEED (set in .env) is not a moisson variable and is ignored; did you mean MOISSON_FEEDS?",
		"MOISSON_POLLINTERVAL (set in the environment) is not a moisson variable and is ignored; did you mean MOISSON_POLL_INTERVAL?",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if strings.Contains(string(out), "MOISSON_FEED ") || !strings.Contains(string(out), "MOISSON_FEEDS=") {
		t.Errorf("stdout:\n%s", out)
	}
}

// TestRunLogsUnknownVariables: the daemon, at its start, logs each
// unknown variable with the one meant, and the slug used with why,
// before anything else can fail.
func TestRunLogsUnknownVariables(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(moissonBinary(t), "run")
	cmd.Dir = home
	cmd.Env = baseEnviron(home, "MOISSON_FEED=https://blog.example.org/feed.xml")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("moisson run without MOISSON_BLOG_DIR: %v, want exit status 1\n%s", err, out)
	}
	if !strings.Contains(string(out), `"msg":"unknown variable ignored","variable":"MOISSON_FEED","set_in":"environment","did_you_mean":"MOISSON_FEEDS"`) {
		t.Errorf("no warning logged:\n%s", out)
	}
	if !strings.Contains(string(out), `"msg":"slug","slug":"compilation-veille","why":"the reference's, the default in French"`) {
		t.Errorf("the slug used is not logged at start:\n%s", out)
	}
}

// TestStatusShowsChangedSettings: `status` (the real binary) lists only
// the settings that differ from their defaults, secrets hidden (`moisson
// config` lists them all), says which slug is used and why, and warns
// first about an unknown variable of .env with the one meant.
func TestStatusShowsChangedSettings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "moisson.db")
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("MOISSON_FEED=https://blog.example.org/feed.xml\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	blog := writeBlog(t, map[string]string{"_config.yml": "permalink: /:title/\n"})
	environ := baseEnviron(dir, "MOISSON_DB="+db, "MOISSON_TZ=UTC", "MOISSON_CONCURRENCY=8", "MOISSON_UI_TOKEN=hunter2-secret", "MOISSON_BLOG_DIR="+blog)
	cmd := exec.Command(moissonBinary(t), "status")
	cmd.Dir = dir
	cmd.Env = environ
	b, err := cmd.CombinedOutput()
	out := string(b)
	if err != nil {
		t.Fatalf("status: %v\n%s", err, out)
	}
	if !strings.HasPrefix(out, "warnings\n  MOISSON_FEED (set in .env) is not a moisson variable and is ignored; did you mean MOISSON_FEEDS?\n") {
		t.Errorf("status does not start with the unknown variable's warning:\n%s", out)
	}
	if !strings.Contains(out, "\nslug       week (MOISSON_SLUG is unset and the blog's permalink /:title/ ("+filepath.Join(blog, "_config.yml")+") has no date part") {
		t.Errorf("status does not say which slug is used and why:\n%s", out)
	}
	settings := out[strings.Index(out, "\nsettings"):]
	for _, want := range []string{"MOISSON_TZ=UTC", "MOISSON_UI_TOKEN=***", "MOISSON_LOG_FORMAT=json", "MOISSON_LISTEN=127.0.0.1:0"} {
		if !strings.Contains(settings, "  "+want+"\n") {
			t.Errorf("status settings lack %s:\n%s", want, settings)
		}
	}
	for _, unwanted := range []string{"MOISSON_CONCURRENCY", "MOISSON_CUTOFF", "X_API_BASE_URL", "hunter2"} {
		if strings.Contains(settings, unwanted) {
			t.Errorf("status settings show %s, a default or a secret:\n%s", unwanted, settings)
		}
	}
	cmd = exec.Command(moissonBinary(t), "config")
	cmd.Dir = dir
	cmd.Env = environ
	b, err = cmd.Output()
	if err != nil || !strings.Contains(string(b), "MOISSON_CONCURRENCY=8") || !strings.Contains(string(b), "MOISSON_CUTOFF=fri 18:00") {
		t.Errorf("config does not show every setting (%v):\n%s", err, b)
	}
}
