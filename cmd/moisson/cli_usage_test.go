package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/review"
)

// brokenEnviron is a configuration with three bad variables and a .env
// that cannot be parsed: what help, version and completion must ignore.
func brokenEnviron(t *testing.T) []string {
	t.Helper()
	envFile := filepath.Join(t.TempDir(), "broken.env")
	if err := os.WriteFile(envFile, []byte("MOISSON_FEEDS=\"https://a.example/rss\nnot a line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"MOISSON_TZ=Mars/Olympus", "MOISSON_GIT_PUSH=perhaps", "MOISSON_POLL_INTERVAL=1s", "MOISSON_ENV_FILE_FOR_TEST=" + envFile}
}

func envFileOf(environ []string) string {
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "MOISSON_ENV_FILE_FOR_TEST="); ok {
			return v
		}
	}
	return ""
}

// help CMD, CMD --help and CMD -h print that command's help on stdout and
// succeed, whatever the environment.
func TestHelpRoutes(t *testing.T) {
	environ := brokenEnviron(t)
	envFile := envFileOf(environ)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"help"}, "Usage:\n  moisson [flags]\n  moisson [command]"},
		{[]string{"--help"}, "More commands:"},
		{[]string{"help", "run"}, "moisson run"},
		{[]string{"run", "--help"}, "moisson run"},
		{[]string{"run", "-h"}, "moisson run"},
		{[]string{"help", "digest"}, "--week WEEK"},
		{[]string{"digest", "--help"}, "--week WEEK"},
		{[]string{"status", "-h"}, "--json"},
		{[]string{"help", "config"}, "where it comes from"},
		{[]string{"--env-file", envFile, "scrape", "--help"}, "--no-store"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, stderr, err := run(t, environ, tc.args...)
			if err != nil {
				t.Fatalf("error %v, stderr %q", err, stderr)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("stdout lacks %q:\n%s", tc.want, out)
			}
			if stderr != "" {
				t.Errorf("stderr %q, want nothing", stderr)
			}
		})
	}
}

// A wrong command line is a usage error (exit status 2): one line saying
// what is wrong, the likely meaning, and where the help is; nothing runs.
func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "moisson.db")
	environ := []string{"MOISSON_DB=" + db, "MOISSON_LOG_LEVEL=error"}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"frobnicate"}, []string{`unknown command "frobnicate"`, "Run 'moisson --help' for usage."}},
		{[]string{"statu"}, []string{`unknown command "statu"`, "Did you mean status?"}},
		{[]string{"help", "nosuch"}, []string{`unknown command "nosuch"`}},
		{[]string{"run", "extra", "--once"}, []string{`unexpected argument "extra"`, "Run 'moisson run --help' for usage."}},
		{[]string{"status", "extra"}, []string{`unexpected argument "extra": moisson status takes none`}},
		{[]string{"status", "--failed", "-3"}, []string{`invalid argument "-3" for "--failed" flag`}},
		{[]string{"status", "--faild", "3"}, []string{"unknown flag: --faild", "Did you mean --failed?"}},
		{[]string{"digest", "--week", "blah"}, []string{`invalid argument "blah" for "--week" flag`, "2014-W40"}},
		{[]string{"digest", "--week", "2014-W60", "--stdout"}, []string{`"--week"`, "between 1 and 53"}},
		{[]string{"digest", "--out", "x", "--stdout"}, []string{"[out stdout]"}},
		{[]string{"backfill", "--from", "2014-13-40"}, []string{`invalid argument "2014-13-40" for "--from" flag`}},
		{[]string{"backfill", "--to", "2014-12-31"}, []string{`"from" not set`}},
		{[]string{"linkcheck", "--since", "yesterday"}, []string{`"--since"`}},
		{[]string{"import"}, []string{"moisson import needs the PATH"}},
		{[]string{"scrape"}, []string{"moisson scrape needs a URL or a FILE"}},
		{[]string{"template"}, []string{"print check"}},
		{[]string{"version", "extra"}, []string{`unexpected argument "extra"`}},
		{nil, []string{"Usage:"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, stderr, err := run(t, environ, tc.args...)
			if !errors.Is(err, errUsage) {
				t.Fatalf("error %v, want a usage error (exit status 2); stderr:\n%s", err, stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if tc.args != nil && !strings.HasPrefix(stderr, "moisson: ") {
				t.Errorf("stderr does not start with the one-line error:\n%s", stderr)
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a wrong command line opened the store")
	}
}

// main's exit status: 0, 1 for a failure (the configuration, the work), 2
// for the command line.
func TestExitCodes(t *testing.T) {
	bin := moissonBinary(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args    []string
		environ []string
		code    int
	}{
		{[]string{"help", "run"}, nil, 0},
		{[]string{"version"}, []string{"MOISSON_TZ=Mars/Olympus"}, 0},
		{[]string{"frobnicate"}, nil, 2},
		{[]string{"status", "--failed", "x"}, nil, 2},
		{[]string{"status"}, []string{"MOISSON_TZ=Mars/Olympus"}, 1},
		// No store yet: status says so and creates none.
		{[]string{"status"}, []string{"MOISSON_DB=" + filepath.Join(dir, "m.db")}, 1},
		{[]string{"health"}, []string{"MOISSON_DB=" + filepath.Join(dir, "m.db")}, 1},
	} {
		cmd := exec.Command(bin, tc.args...)
		cmd.Dir = dir
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, tc.environ...)
		out, err := cmd.CombinedOutput()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != tc.code {
			t.Errorf("moisson %s: exit status %d, want %d\n%s", strings.Join(tc.args, " "), code, tc.code, out)
		}
	}
}

// Flags may come after the arguments, as gh and hugo take them.
func TestFlagsAfterArguments(t *testing.T) {
	page := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(page, []byte(`<html><head><title>Saved page</title></head><body><article><p>A saved page, whose opening paragraph is long enough to be taken for its lead by the extraction.</p></article></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := run(t, []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "m.db")}, "scrape", page, "--json")
	if err != nil {
		t.Fatalf("scrape FILE --json: %v\n%s", err, stderr)
	}
	var r scrapeResult
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Title != "Saved page" {
		t.Errorf("scrape FILE --json printed %q (%v), want one JSON object", out, err)
	}
	// "--" ends the flags: what follows is an argument, even "--json".
	out, _, err = run(t, nil, "scrape", "--no-store", "--", "--json")
	if err == nil || !strings.Contains(out, "--json") {
		t.Errorf("scrape -- --json: %v %q, want the file --json tried", err, out)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, _, err := run(t, []string{"MOISSON_TZ="}, args...)
		if err != nil || out != "moisson "+versionString()+"\n" {
			t.Errorf("%v: %q %v", args, out, err)
		}
	}
	// The binary says its module version and, when built in a checkout
	// with VCS stamping, its revision: as `go version -m` reads them.
	bin := moissonBinary(t)
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)^\tmod\tgithub.com/moisson/moisson\t(\S+)`).FindSubmatch(info); m == nil || !strings.HasPrefix(string(out), "moisson "+string(m[1])) {
		t.Errorf("version %q, want the module version of:\n%s", out, info)
	}
	if m := regexp.MustCompile(`(?m)^\tbuild\tvcs.revision=(\w{12})`).FindSubmatch(info); m != nil && !strings.Contains(string(out), "revision "+string(m[1])) {
		t.Errorf("version %q lacks the revision %s", out, m[1])
	}
}

func TestCompletionScripts(t *testing.T) {
	environ := brokenEnviron(t)
	for shell, want := range map[string]string{
		"bash": "__start_moisson",
		"zsh":  "#compdef moisson",
		"fish": "complete -c moisson",
	} {
		out, stderr, err := run(t, environ, "--env-file", envFileOf(environ), "completion", shell)
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("completion %s: %v %q, script lacks %q", shell, err, stderr, want)
		}
	}
	// The script asks moisson for the commands: they come back, with
	// their descriptions.
	out, _, err := run(t, environ, "__complete", "st")
	if err != nil || !strings.Contains(out, "status\t") {
		t.Errorf("__complete st: %v %q", err, out)
	}
	out, _, err = run(t, environ, "__complete", "help", "dig")
	if err != nil || !strings.Contains(out, "digest") {
		t.Errorf("__complete help dig: %v %q", err, out)
	}
}

// Every bad variable is reported at once, each with its value and an
// example of a good one; a broken .env is one of them.
func TestConfigErrorsReportedTogether(t *testing.T) {
	environ := brokenEnviron(t)
	_, _, err := run(t, environ, "--env-file", envFileOf(environ), "status")
	if err == nil || errors.Is(err, errUsage) {
		t.Fatalf("error %v, want a configuration error (exit status 1)", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"4 problems",
		"broken.env: cannot be read",
		`MOISSON_TZ="Mars/Olympus": unknown time zone`, "for example MOISSON_TZ=Europe/Paris",
		`MOISSON_GIT_PUSH="perhaps": want 1 or 0, true or false, yes or no, on or off`,
		`MOISSON_POLL_INTERVAL="1s": want at least 1m (for example MOISSON_POLL_INTERVAL=15m)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

func TestConfigValues(t *testing.T) {
	for _, tc := range []struct {
		name    string
		environ []string
		wantErr string // "" for valid
		check   func(c Config) bool
	}{
		{"booleans yes", []string{"MOISSON_GIT_PUSH=yes", "MOISSON_VIA=Off", "MOISSON_HUGO_DL=NO", "MOISSON_INCLUDE_REPLIES=ON"}, "",
			func(c Config) bool { return c.GitPush && !c.Via && !c.HugoDL && c.IncludeReplies }},
		{"booleans true", []string{"MOISSON_GIT_PUSH=TRUE", "MOISSON_VIA=0", "MOISSON_LINKCHECK=1", "MOISSON_ARCHIVE_LINKS=false"}, "",
			func(c Config) bool { return c.GitPush && !c.Via && c.Links.LinkCheck && !c.Links.ArchiveLinks }},
		{"bad boolean", []string{"MOISSON_VIA=maybe"}, `MOISSON_VIA="maybe": want 1 or 0`, nil},
		{"choices in any case", []string{"MOISSON_BLOG_FORMAT=Hugo", "MOISSON_LANG=EN", "MOISSON_LOG_FORMAT=JSON", "MOISSON_LOG_LEVEL=Debug", "MOISSON_PUBLISH=Review", "MOISSON_DEADLINK_STYLE=Archive"}, "",
			func(c Config) bool {
				return c.BlogFormat == "hugo" && c.Lang == "en" && c.LogFormat == "json" && c.mode.Review
			}},
		{"empty time zone", []string{"MOISSON_TZ="}, `MOISSON_TZ="": is empty`, nil},
		{"feed not a URL", []string{"MOISSON_FEEDS=not a url"}, `MOISSON_FEEDS="not": want an http(s) URL`, nil},
		{"quoted feed", []string{`MOISSON_FEEDS="https://blog.example.org/feed.xml"`}, "quotes are part of the value", nil},
		{"bad API URL", []string{"X_API_BASE_URL=api.twitter.com"}, `X_API_BASE_URL="api.twitter.com": want an http(s) URL (for example X_API_BASE_URL=https://api.twitter.com)`, nil},
		{"interval hint", []string{"MOISSON_POLL_INTERVAL=soon"}, `MOISSON_POLL_INTERVAL="soon": want a duration (s, m, h) (for example MOISSON_POLL_INTERVAL=15m)`, nil},
		{"feeds", []string{"MOISSON_FEEDS=https://a.example/rss, http://b.example/atom"}, "", func(c Config) bool { return len(c.Feeds) == 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(tc.environ, "")
			err = joinConfigErrors(err, c.Validate())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(c) {
				t.Errorf("config %+v", c)
			}
		})
	}
}

// Every secret can come from a file (Docker secrets, systemd credentials):
// its content, trailing newline trimmed; never both.
func TestSecretsFromFiles(t *testing.T) {
	dir := t.TempDir()
	for _, key := range fileKeys() {
		t.Run(key, func(t *testing.T) {
			path := filepath.Join(dir, key)
			value := "s3cr3t-" + strings.ToLower(key)
			if key == "MOISSON_FEEDS" {
				value = "https://feeds.example/rss/secret:abc/"
			}
			if err := os.WriteFile(path, []byte(value+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := loadConfig([]string{key + "_FILE=" + path}, "")
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for _, line := range c.Redacted() {
				if v, ok := strings.CutPrefix(line, key+"="); ok {
					got = v
				}
			}
			if key != "MOISSON_FEEDS" && got != "***" {
				t.Errorf("%s shown as %q, want ***", key, got)
			}
			if c.Origin(key) != "file "+path+" ("+key+"_FILE)" {
				t.Errorf("origin %q", c.Origin(key))
			}
			_, err = loadConfig([]string{key + "_FILE=" + path, key + "=other"}, "")
			if err == nil || !strings.Contains(err.Error(), key+" and "+key+"_FILE are both set") {
				t.Errorf("both set: %v", err)
			}
		})
	}
	tok := filepath.Join(dir, "token")
	if err := os.WriteFile(tok, []byte("AAAA-bearer\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig([]string{"X_BEARER_TOKEN_FILE=" + tok, "MOISSON_UI_TOKEN_FILE=" + tok}, "")
	if err != nil || c.XBearerToken != "AAAA-bearer" || c.UIToken != "AAAA-bearer" {
		t.Errorf("X_BEARER_TOKEN = %q, MOISSON_UI_TOKEN = %q (%v), want the file's content without its newline", c.XBearerToken, c.UIToken, err)
	}
	_, err = loadConfig([]string{"X_BEARER_TOKEN_FILE=" + filepath.Join(dir, "nope")}, "")
	if err == nil || !strings.Contains(err.Error(), "X_BEARER_TOKEN_FILE=") || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

// moisson config prints every setting in effect, secrets hidden, with
// where it comes from; a bad one makes it exit 1 after the settings.
func TestConfigCommand(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, "my.env")
	if err := os.WriteFile(envFile, []byte("MOISSON_TZ=UTC\nMOISSON_CUTOFF=sun 20:00\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(dir, "bearer")
	if err := os.WriteFile(secret, []byte("AAAAsecretBEARER\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	environ := []string{"MOISSON_CUTOFF=mon 09:00", "X_BEARER_TOKEN_FILE=" + secret, "X_USERNAME=jane", "MOISSON_BLOG_FORMAT=Hugo"}
	out, stderr, err := run(t, environ, "config", "--env-file", envFile, "--db", filepath.Join(dir, "x.db"))
	if err != nil {
		t.Fatalf("config: %v\n%s", err, stderr)
	}
	for _, re := range []string{
		`(?m)^MOISSON_TZ=UTC +# ` + regexp.QuoteMeta(envFile) + `$`,
		`(?m)^MOISSON_CUTOFF=mon 09:00 +# environment$`,
		`(?m)^MOISSON_DB=` + regexp.QuoteMeta(filepath.Join(dir, "x.db")) + ` +# flag --db$`,
		`(?m)^X_BEARER_TOKEN=\*\*\* +# file ` + regexp.QuoteMeta(secret) + ` \(X_BEARER_TOKEN_FILE\)$`,
		`(?m)^MOISSON_BLOG_FORMAT=hugo +# environment$`,
		`(?m)^MOISSON_POLL_INTERVAL=15m0s +# default$`,
		`(?m)^MOISSON_WAYBACK_RATE=15/min +# default$`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("config does not match %s:\n%s", re, out)
		}
	}
	if strings.Contains(out, "AAAAsecretBEARER") {
		t.Errorf("config shows the secret:\n%s", out)
	}
	out, _, err = run(t, []string{"MOISSON_TZ=", "MOISSON_CONCURRENCY=0"}, "config")
	if err == nil || errors.Is(err, errUsage) || !strings.Contains(err.Error(), "MOISSON_TZ") || !strings.Contains(err.Error(), "MOISSON_CONCURRENCY") {
		t.Errorf("config of a bad configuration: %v", err)
	}
	if !strings.Contains(out, "MOISSON_CONCURRENCY=0") {
		t.Errorf("config of a bad configuration does not show the settings:\n%s", out)
	}
}

// The commands that write check the blog directory at start, and with
// MOISSON_GIT_PUSH a git checkout with an identity to commit under.
func TestBlogDirChecked(t *testing.T) {
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	base := t.TempDir()
	db := filepath.Join(base, "moisson.db")
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	plain := t.TempDir()
	noIdentity := t.TempDir()
	withIdentity := t.TempDir()
	noOrigin := t.TempDir()
	for _, dir := range []string{noIdentity, withIdentity, noOrigin} {
		if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
			t.Skipf("git init: %v %s", err, out)
		}
		if dir == noOrigin {
			continue
		}
		if out, err := exec.Command("git", "-C", dir, "remote", "add", "origin", filepath.Join(base, "remote.git")).CombinedOutput(); err != nil {
			t.Fatalf("git remote add: %v %s", err, out)
		}
	}
	for _, dir := range []string{withIdentity, noOrigin} {
		for _, kv := range [][2]string{{"user.name", "Jane"}, {"user.email", "jane@example.org"}} {
			if out, err := exec.Command("git", "-C", dir, "config", kv[0], kv[1]).CombinedOutput(); err != nil {
				t.Fatalf("git config: %v %s", err, out)
			}
		}
	}
	for _, tc := range []struct {
		name    string
		environ []string
		args    []string
		want    string // "" for success
	}{
		{"missing", nil, []string{"--out", filepath.Join(base, "nope")}, `--out="` + filepath.Join(base, "nope") + `": no such directory`},
		{"missing blog dir", []string{"MOISSON_BLOG_DIR=" + filepath.Join(base, "nope")}, nil, `MOISSON_BLOG_DIR="` + filepath.Join(base, "nope") + `": no such directory`},
		{"a file", nil, []string{"--out", file}, "is a file, not a directory"},
		{"plain directory", nil, []string{"--out", plain}, ""},
		{"push without git", []string{"MOISSON_GIT_PUSH=1"}, []string{"--out", plain}, "is not a git checkout"},
		{"push without identity", []string{"MOISSON_GIT_PUSH=1"}, []string{"--out", noIdentity}, "git has no user.name nor user.email"},
		{"push with identity in the environment", []string{"MOISSON_GIT_PUSH=1", "GIT_AUTHOR_NAME=Jane", "GIT_AUTHOR_EMAIL=jane@example.org"}, []string{"--out", noIdentity}, ""},
		{"push without origin", []string{"MOISSON_GIT_PUSH=1"}, []string{"--out", noOrigin}, "no remote named origin to push to"},
		{"push", []string{"MOISSON_GIT_PUSH=yes"}, []string{"--out", withIdentity}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			environ := append([]string{"MOISSON_DB=" + db, "MOISSON_LOG_LEVEL=error"}, tc.environ...)
			out, _, err := run(t, environ, append([]string{"digest", "--week", "2014-W40"}, tc.args...)...)
			if tc.want == "" {
				if err != nil || !strings.Contains(out, "no links, nothing written") {
					t.Errorf("digest: %v %q", err, out)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// status --json is the review.Status for scripts; the text groups the
// failures by reason and speaks in words.
func TestStatusJSONAndFailuresByReason(t *testing.T) {
	db := filepath.Join(t.TempDir(), "moisson.db")
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour - 30*time.Second)
	pages := []moisson.Page{
		{URL: "https://a.example/1", Status: 404, Error: "404 Not Found", Permanent: true, FetchedAt: at, Attempts: 1},
		{URL: "https://a.example/2", Status: 404, Error: "404 Not Found", Permanent: true, FetchedAt: at.Add(time.Minute), Attempts: 1},
		{URL: "https://b.example/3", Status: 410, Error: "410 Gone", Permanent: true, FetchedAt: at.Add(2 * time.Minute), Attempts: 1},
		{URL: "https://c.example/4", Error: `get "https://c.example/4": dial tcp: lookup c.example: no such host`, Permanent: true, FetchedAt: at.Add(3 * time.Minute), Attempts: 5},
	}
	for _, p := range pages {
		if err := st.PutPage(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	environ := []string{"MOISSON_DB=" + db, "MOISSON_LOG_LEVEL=error", "MOISSON_FEEDS=https://blog.example.org/feed.xml"}
	out, _, err := run(t, environ, "status", "--json", "--failed", "3")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("status --json is not one JSON object: %v\n%s", err, out)
	}
	for _, key := range []string{"store", "daemon", "posts", "links", "pages", "pending", "failed_count", "sources", "failed", "next_cutoff", "next_week", "settings"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("status --json lacks %q:\n%s", key, out)
		}
	}
	var s review.Status
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Store != db || s.Failed != 4 || len(s.FailedLinks) != 3 || s.FailedLinks[0].URL != "https://c.example/4" || s.NextCutoff.IsZero() {
		t.Errorf("status --json = %+v", s)
	}
	if len(s.Sources) != 1 || s.Sources[0].Name != "feed:https://blog.example.org/feed.xml" || s.Sources[0].Position == "" {
		t.Errorf("sources = %+v", s.Sources)
	}

	out, _, err = run(t, environ, "status", "--failed", "2")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"failures   4 links could not be scraped\n  404 Not Found: 2 links\n  410 Gone: 1 link\n  no such host: 1 link\n",
		"    https://c.example/4\n", "    https://b.example/3\n      410 Gone, 58 minutes ago, after 1 attempt\n",
		"feed:https://blog.example.org/feed.xml\n    never read successfully; newest: not read yet; polled while moisson run is running\n",
		"last post  none yet\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "a.example/1") || strings.Contains(out, "{") || strings.Contains(out, " 1 links") {
		t.Errorf("status shows more than --failed 2, raw JSON or a bad plural:\n%s", out)
	}
}

// The backfill bar moves with the links of the quarter under way, counts
// weeks and links, and keeps the log lines above it.
func TestBackfillBar(t *testing.T) {
	var out bytes.Buffer
	b := &backfillBar{out: &out, now: time.Now}
	b.progress("weeks", 0, 27)
	b.progress("posts", 1, 1)
	b.progress("pages", 0, 100)
	b.progress("pages", 50, 100)
	if got := b.bar.State().CurrentNum; got != 13*unit/2 {
		t.Errorf("bar at %d after half the first quarter's links, want %d", got, 13*unit/2)
	}
	if d := b.describe(); !strings.HasPrefix(d, "weeks 0/27, links 50/100") {
		t.Errorf("description %q", d)
	}
	b.progress(bot.WaybackStage, 2, 5)
	if d := b.describe(); !strings.Contains(d, "2/5 dead asked of the Wayback Machine") {
		t.Errorf("description %q", d)
	}
	out.Reset()
	if _, err := b.Write([]byte("level=WARN msg=\"a log line\"\n")); err != nil {
		t.Fatal(err)
	}
	line, bar, _ := strings.Cut(out.String(), "a log line\"\n")
	if !strings.HasSuffix(line, "level=WARN msg=\"") && !strings.Contains(line, "level=WARN") {
		t.Errorf("the log line is not whole: %q", out.String())
	}
	if !strings.Contains(bar, "weeks 0/27") {
		t.Errorf("the bar is not drawn again under the log line: %q", out.String())
	}
	b.progress("pages", 100, 100)
	b.progress("weeks", 13, 27)
	b.progress("pages", 0, 80)
	b.progress("pages", 80, 80)
	b.progress("weeks", 27, 27)
	if d := b.describe(); !strings.HasPrefix(d, "weeks 27/27, links 180/180") {
		t.Errorf("description at the end %q", d)
	}
	if !b.bar.IsFinished() {
		t.Error("the bar is not finished at the end")
	}
	totals := backfillTotals{weeks: 27, posts: 26, links: 180, scraped: 170, rescued: 6, lost: 4}
	if got, want := totals.String(), "27 weeks, 26 posts written (1 week without links); 180 links: 170 scraped, 6 rescued from the Wayback Machine, 4 lost"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}
