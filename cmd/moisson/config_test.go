package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConfigOrder(t *testing.T) {
	dir := t.TempDir()
	envFile := filepath.Join(dir, ".env")
	if err := os.WriteFile(envFile, []byte("MOISSON_DB=from-file.db\nMOISSON_TZ=UTC\nMOISSON_FEEDS=https://a.example/rss, https://b.example/atom\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig([]string{"MOISSON_TZ=America/New_York", "MOISSON_HOST_DELAY=250ms", "UNRELATED=x"}, envFile)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "from-file.db" {
		t.Errorf("DB = %q, want the .env value", c.DB)
	}
	if c.TZ != "America/New_York" {
		t.Errorf("TZ = %q, want the environment to win over .env", c.TZ)
	}
	if c.HostDelay != 250*time.Millisecond {
		t.Errorf("HostDelay = %s", c.HostDelay)
	}
	if got := strings.Join(c.Feeds, " "); got != "https://a.example/rss https://b.example/atom" {
		t.Errorf("Feeds = %q", got)
	}
	if c.Cutoff != "fri 18:00" || c.BlogFormat != "jekyll" || c.Concurrency != 8 {
		t.Errorf("defaults lost: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.location.String() != "America/New_York" || c.cutDay != time.Friday || c.cutHour != 18 {
		t.Errorf("Validate did not resolve the zone and cutoff: %v %v %d", c.location, c.cutDay, c.cutHour)
	}
}

func TestLoadConfigMissingEnvFileIsFine(t *testing.T) {
	if _, err := loadConfig(nil, filepath.Join(t.TempDir(), "nope.env")); err != nil {
		t.Fatalf("a missing .env is no error: %v", err)
	}
}

func TestConfigErrorsNameTheVariable(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want string
	}{
		{"MOISSON_HOST_DELAY=soon", "MOISSON_HOST_DELAY"},
		{"MOISSON_CONCURRENCY=many", "MOISSON_CONCURRENCY"},
		{"MOISSON_GIT_PUSH=perhaps", "MOISSON_GIT_PUSH"},
		{"MOISSON_TZ=Mars/Olympus", "MOISSON_TZ"},
		{"MOISSON_CUTOFF=friday", "MOISSON_CUTOFF"},
		{"MOISSON_CUTOFF=fri 25:00", "MOISSON_CUTOFF"},
		{"MOISSON_BLOG_FORMAT=wordpress", "MOISSON_BLOG_FORMAT"},
		{"MOISSON_CONCURRENCY=0", "MOISSON_CONCURRENCY"},
		{"MOISSON_POLL_INTERVAL=1s", "MOISSON_POLL_INTERVAL"},
		{"X_API_VERSION=3", "X_API_VERSION"},
		{"MOISSON_LOG_LEVEL=verbose", "MOISSON_LOG_LEVEL"},
		{"MOISSON_LOG_FORMAT=xml", "MOISSON_LOG_FORMAT"},
	} {
		t.Run(tc.env, func(t *testing.T) {
			c, err := loadConfig([]string{tc.env}, "")
			if err == nil {
				err = c.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one naming %s", err, tc.want)
			}
		})
	}
}

func TestRedactedHidesSecrets(t *testing.T) {
	c, err := loadConfig([]string{"X_BEARER_TOKEN=AAAA-secret-bearer", "X_CONSUMER_SECRET=cs-secret", "X_ACCESS_SECRET=as-secret", "X_USERNAME=someone", "MOISSON_FEEDS=https://feeds.pinboard.in/rss/secret:a1b2c3d4e5f6a7b8c9d0/u:someone/"}, "")
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(c.Redacted(), "\n")
	for _, secret := range []string{"AAAA-secret-bearer", "cs-secret", "as-secret", "a1b2c3d4e5f6a7b8c9d0"} {
		if strings.Contains(all, secret) {
			t.Errorf("Redacted shows %q", secret)
		}
	}
	if !strings.Contains(all, "X_USERNAME=someone") || !strings.Contains(all, "X_BEARER_TOKEN=***") {
		t.Errorf("Redacted lost what is not secret:\n%s", all)
	}
}

func TestParseCutoff(t *testing.T) {
	day, h, m, err := parseCutoff("Sunday 23:30")
	if err != nil || day != time.Sunday || h != 23 || m != 30 {
		t.Fatalf("got %v %d %d %v", day, h, m, err)
	}
}

// .env.example, copied to .env as the README says, gives a valid
// configuration with the documented defaults.
func TestEnvExampleIsValid(t *testing.T) {
	c, err := loadConfig(nil, filepath.Join("..", "..", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf(".env.example does not validate: %v", err)
	}
	d := defaultConfig()
	if c.FileName != d.FileName && c.FileName != `{{.Date.Format "2006-01-02"}}-{{.Slug}}.md` {
		t.Errorf("MOISSON_FILE_NAME read as %q", c.FileName)
	}
	if c.PollInterval != d.PollInterval || c.Publish != d.Publish || c.Listen != d.Listen || c.Links.WaybackRate != d.Links.WaybackRate || !c.Via {
		t.Errorf(".env.example's values differ from the defaults: %+v", c)
	}
}
