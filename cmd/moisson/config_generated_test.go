package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson/bot/bluesky"
	"github.com/moisson/moisson/bot/x"
)

var update = flag.Bool("update", false, "rewrite .env.example and docs/configuration.md's table from the Config struct")

// TestGeneratedConfigFiles fails when .env.example or the table of
// docs/configuration.md is not what the Config struct's tags make: a
// setting added, removed or changed without `go generate ./cmd/moisson`
// (which runs this test with -update to rewrite them).
func TestGeneratedConfigFiles(t *testing.T) {
	example := filepath.Join("..", "..", ".env.example")
	docPath := filepath.Join("..", "..", "docs", "configuration.md")
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	wantDoc, err := withSettingsTable(string(doc), settingsTable())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ path, want string }{{example, envExample()}, {docPath, wantDoc}} {
		if *update {
			if err := os.WriteFile(f.path, []byte(f.want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(f.want, string(got)); diff != "" {
			t.Errorf("%s is stale: run go generate ./cmd/moisson (-want +got):\n%s", f.path, diff)
		}
	}
}

// TestSettingsTags: every variable is declared once, with help; its
// default parses and agrees with the constants other packages hold; its
// checks are well formed; a secret is never shown.
func TestSettingsTags(t *testing.T) {
	all := settings()
	if len(all) < 70 {
		t.Fatalf("%d settings, want every variable (70 or more)", len(all))
	}
	keys, fields := map[string]bool{}, map[string]bool{}
	for _, s := range all {
		if keys[s.key] || fields[s.field] {
			t.Errorf("%s (field %s) declared twice: caarlos0/env's errors name the field", s.key, s.field)
		}
		keys[s.key], fields[s.field] = true, true
		if s.help == "" || s.section == "" {
			t.Errorf("%s has no help or no section", s.key)
		}
		if !hasVariablePrefix(s.key) {
			t.Errorf("%s lacks moisson's prefixes: the unknown-variable check would not see its typos", s.key)
		}
	}
	d := defaultConfig()
	if d.UserAgent != defaultUserAgent || d.BlueskyAPI != bluesky.DefaultAPI || d.XMaxPostsPerMonth != x.DefaultMaxPostsPerMonth {
		t.Errorf("defaults differ from the constants: %q %q %d", d.UserAgent, d.BlueskyAPI, d.XMaxPostsPerMonth)
	}
	if d.PollInterval != 15*time.Minute || d.MaxBodyBytes != 10<<20 || !d.Via || !d.HugoDL || d.Links.WaybackRate != "15/min" || d.Targets.WebmentionDelay != 10*time.Minute {
		t.Errorf("defaults: %+v", d)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("the defaults do not validate: %v", err)
	}
	secrets := map[string]string{}
	var environ []string
	for _, s := range all {
		if s.secret {
			v := "s3cr3t-" + s.field
			secrets[s.key] = v
			environ = append(environ, s.key+"="+v)
		}
	}
	c, err := loadConfig(environ, "")
	if err != nil {
		t.Fatal(err)
	}
	shown := strings.Join(c.Redacted(), "\n") + strings.Join(c.Changed(), "\n")
	for k, v := range secrets {
		if strings.Contains(shown, v) {
			t.Errorf("the secret of %s is shown", k)
		}
		if !strings.Contains(shown, k+"=***") {
			t.Errorf("%s is not shown as ***", k)
		}
	}
}

// TestChangedSettings: only the settings that differ from their default
// are listed, whatever their spelling (MOISSON_VIA=yes is the default),
// secrets hidden.
func TestChangedSettings(t *testing.T) {
	c, err := loadConfig([]string{"MOISSON_VIA=yes", "MOISSON_TZ=UTC", "MOISSON_LANG=EN", "MOISSON_POLL_INTERVAL=15m",
		"MOISSON_LISTEN=", "MOISSON_UI_TOKEN=hunter2", "MOISSON_CONCURRENCY= ", "MOISSON_DEADLINK_STYLE=archive"}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"MOISSON_TZ=UTC", "MOISSON_LANG=en", "MOISSON_LISTEN=", "MOISSON_UI_TOKEN=***", "MOISSON_DEADLINK_STYLE=archive"}
	if diff := cmp.Diff(want, c.Changed()); diff != "" {
		t.Errorf("Changed (-want +got):\n%s", diff)
	}
	if len(defaultConfig().Changed()) != 0 {
		t.Errorf("the defaults have changes: %q", defaultConfig().Changed())
	}
}
