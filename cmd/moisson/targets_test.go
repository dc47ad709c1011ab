package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTargetSettings(t *testing.T) {
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "micropub_token")
	if err := os.WriteFile(tokenFile, []byte("mp-token-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig([]string{
		"MOISSON_BLOG_URL=https://blog.example.org",
		"MOISSON_WEBMENTION=yes",
		"MOISSON_WEBMENTION_DELAY=30m",
		"MOISSON_MICROPUB_ENDPOINT=https://micro.blog/micropub",
		"MOISSON_MICROPUB_TOKEN_FILE=" + tokenFile,
		"MOISSON_MICROPUB_CONTENT=Markdown",
		"MOISSON_WORDPRESS_URL=https://wp.example.org",
		"MOISSON_WORDPRESS_USER=editor",
		"MOISSON_WORDPRESS_PASSWORD=abcd EFGH 1234 ijkl",
		"MOISSON_GHOST_URL=https://ghost.example.org",
		"MOISSON_GHOST_ADMIN_KEY=6748592f4b9b7700010f6564:b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5",
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	tc := c.Targets
	if !tc.Webmention || tc.WebmentionDelay != 30*time.Minute || tc.MicropubToken != "mp-token-from-file" || tc.MicropubContent != "markdown" {
		t.Errorf("read %+v", tc)
	}
	var names []string
	for _, x := range tc.targets(nil, time.Now) {
		names = append(names, x.Name())
	}
	if got := strings.Join(names, ","); got != "micropub,wordpress,ghost" {
		t.Errorf("targets = %q", got)
	}
	if wm := tc.webmention(nil, nil, "ua", c.HostDelay, time.Now); wm == nil || wm.Delay != 30*time.Minute || wm.Sender.HostDelay != time.Second {
		t.Errorf("webmention = %+v, want the delay and MOISSON_HOST_DELAY", wm)
	}
	settings := strings.Join(c.Redacted(), "\n")
	for _, secret := range []string{"mp-token-from-file", "abcd EFGH", "b1b5b9c1"} {
		if strings.Contains(settings, secret) {
			t.Errorf("settings show a secret %q:\n%s", secret, settings)
		}
	}
	for _, want := range []string{"MOISSON_WEBMENTION=true", "MOISSON_MICROPUB_TOKEN=***", "MOISSON_GHOST_ADMIN_KEY=***", "MOISSON_WORDPRESS_USER=editor"} {
		if !strings.Contains(settings, want) {
			t.Errorf("settings lack %q", want)
		}
	}
	if c.Origin("MOISSON_MICROPUB_TOKEN") != "file "+tokenFile+" (MOISSON_MICROPUB_TOKEN_FILE)" {
		t.Errorf("origin of the token: %q", c.Origin("MOISSON_MICROPUB_TOKEN"))
	}
}

func TestTargetSettingsErrors(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want string
	}{
		{"webmention without blog url", []string{"MOISSON_WEBMENTION=1"}, "MOISSON_BLOG_URL is not set"},
		{"micropub without token", []string{"MOISSON_MICROPUB_ENDPOINT=https://micro.blog/micropub"}, "MOISSON_MICROPUB_ENDPOINT and MOISSON_MICROPUB_TOKEN go together"},
		{"micropub content", []string{"MOISSON_MICROPUB_ENDPOINT=https://m.example/mp", "MOISSON_MICROPUB_TOKEN=x", "MOISSON_MICROPUB_CONTENT=rtf"}, "want html or markdown"},
		{"wordpress without password", []string{"MOISSON_WORDPRESS_URL=https://wp.example.org", "MOISSON_WORDPRESS_USER=me"}, "MOISSON_WORDPRESS_PASSWORD"},
		{"wordpress url", []string{"MOISSON_WORDPRESS_URL=wp.example.org", "MOISSON_WORDPRESS_USER=me", "MOISSON_WORDPRESS_PASSWORD=p"}, "want an http(s) address"},
		{"ghost key", []string{"MOISSON_GHOST_URL=https://g.example.org", "MOISSON_GHOST_ADMIN_KEY=not-a-key-secretvalue"}, "id:secret with a hex secret"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(tc.env, "")
			if err == nil {
				err = c.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "secretvalue") {
				t.Errorf("the error shows the key: %v", err)
			}
		})
	}
}

// TestDigestPublishesOnTargets runs `digest --out` with WordPress and
// Webmentions configured: the week is written, created on (a fake)
// WordPress once, its linked pages asked for their endpoint, and status
// counts the mentions.
func TestDigestPublishesOnTargets(t *testing.T) {
	srv := pageServer(t)
	var mu sync.Mutex
	var posts []string
	wp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, _ := r.BasicAuth()
		if user != "editor" || pass != "app pass word" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"code":"rest_not_logged_in","message":"You are not currently logged in.","data":{"status":401}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/wp-json/wp/v2/"):
			fmt.Fprint(w, `[]`)
		case r.Method == http.MethodPost && (r.URL.Path == "/wp-json/wp/v2/categories" || r.URL.Path == "/wp-json/wp/v2/tags"):
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, `{"id":3}`)
		case r.Method == http.MethodPost && r.URL.Path == "/wp-json/wp/v2/posts":
			var p struct {
				Title, Status, Content string
			}
			json.NewDecoder(r.Body).Decode(&p)
			mu.Lock()
			posts = append(posts, p.Status+" "+p.Title)
			mu.Unlock()
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, `{"id":42,"link":"https://wp.example.org/?p=42","status":"publish"}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer wp.Close()
	db := filepath.Join(t.TempDir(), "moisson.db")
	environ := []string{"MOISSON_DB=" + db, "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error",
		"WAYBACK_BASE_URL=" + srv.URL, "MOISSON_BLOG_URL=https://blog.example.org",
		"MOISSON_WEBMENTION=1", "MOISSON_WEBMENTION_DELAY=0s",
		"MOISSON_WORDPRESS_URL=" + wp.URL, "MOISSON_WORDPRESS_USER=editor", "MOISSON_WORDPRESS_PASSWORD=app pass word"}
	if _, _, err := run(t, environ, "import", writeArchive(t, srv.URL)); err != nil {
		t.Fatal(err)
	}
	blog := t.TempDir()
	for range 2 {
		if out, stderr, err := run(t, environ, "digest", "--week", "2014-W40", "--out", blog); err != nil {
			t.Fatalf("digest: %v\n%s\n%s", err, out, stderr)
		}
	}
	if len(posts) != 1 || !strings.HasPrefix(posts[0], "publish ") {
		t.Errorf("WordPress received %q; want the week published once", posts)
	}
	out, _, err := run(t, environ, "status")
	if err != nil {
		t.Fatal(err)
	}
	// The fake pages name no endpoint; /gone answers 404 (to retry).
	if !strings.Contains(out, "webmention 0 accepted, 0 sent, 2 no endpoint, 1 to retry, 0 given up") {
		t.Errorf("status lacks the webmention line:\n%s", out)
	}
	if strings.Contains(out, "app pass word") {
		t.Errorf("status shows the WordPress password:\n%s", out)
	}

	// While `run` holds the store, status asks it through the socket and
	// says the same.
	work := t.TempDir()
	daemon := startMoisson(t, "run", work, baseEnviron(work, append(environ, "MOISSON_LISTEN=off", "MOISSON_BLOG_DIR="+blog)...), "run")
	defer func() {
		daemon.Signal(os.Interrupt)
		daemon.Wait(deadline)
	}()
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		out, _, err = run(t, environ, "status")
		if err == nil && strings.Contains(out, "held by the running daemon") {
			break
		}
		if daemon.Exited() || time.Since(start) > deadline {
			t.Fatalf("status never asked the daemon: %v\n%s\n%s", err, out, daemon.Stderr())
		}
	}
	if !strings.Contains(out, "webmention 0 accepted, 0 sent, 2 no endpoint, 1 to retry, 0 given up") {
		t.Errorf("status through the daemon lacks the webmention line:\n%s", out)
	}
	out, _, err = run(t, environ, "status", "--json")
	if err != nil || !strings.Contains(out, `"webmention": {`) || !strings.Contains(out, `"no_endpoint": 2`) {
		t.Errorf("status --json through the daemon: %v\n%s", err, out)
	}
}
