package main

import (
	"os"
	"path/filepath"
	"strings"
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
	if wm := tc.webmention(nil, nil, "ua", 0, time.Now); wm == nil || wm.Delay != 30*time.Minute || wm.Sender.HostDelay < 2*time.Second {
		t.Errorf("webmention = %+v, want the delay and a polite host delay", wm)
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
