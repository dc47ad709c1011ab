package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
)

// TestTemplatePrint: `moisson template --print` writes a template that,
// given as MOISSON_TEMPLATE, renders the same post as the built-in one.
func TestTemplatePrint(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := Run(context.Background(), []string{"template", "--print"}, nil, &out, &errOut); err != nil {
		t.Fatalf("template --print: %v\n%s", err, errOut.String())
	}
	file := filepath.Join(t.TempDir(), "post.tmpl")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, environ := range [][]string{nil, {"MOISSON_LANG=en"}, {"MOISSON_BLOG_FORMAT=hugo", "MOISSON_HUGO_DL=0"}} {
		builtin, err := loadConfig(environ, "")
		if err != nil {
			t.Fatal(err)
		}
		custom, err := loadConfig(append(environ, "MOISSON_TEMPLATE="+file), "")
		if err != nil {
			t.Fatal(err)
		}
		var posts []string
		for _, cfg := range []Config{builtin, custom} {
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			e := &env{cfg: cfg}
			dc, err := e.digestConfig()
			if err != nil {
				t.Fatal(err)
			}
			w, err := dc.ParseWeek("2014-W40")
			if err != nil {
				t.Fatal(err)
			}
			links := []moisson.Link{{URL: "https://go.dev/", PostKey: "x/1", PostedAt: w.Start.Add(time.Hour), Hashtags: []string{"Go"}, Via: "@gopher", ViaURL: "https://x.com/gopher"}}
			pages := map[string]moisson.Page{links[0].URL: {URL: links[0].URL, CanonicalURL: links[0].URL, Title: "Go", Lead: "Build *simple* systems.", Status: 200}}
			post, err := digest.Post(digest.Build(w, links, pages, dc), dc)
			if err != nil {
				t.Fatal(err)
			}
			posts = append(posts, string(post))
		}
		if posts[0] != posts[1] {
			t.Errorf("%v: the printed template renders\n%s\nthe built-in one\n%s", environ, posts[1], posts[0])
		}
	}

	out.Reset()
	if err := Run(context.Background(), []string{"template", "--check"}, []string{"MOISSON_TEMPLATE=" + file}, &out, &errOut); err != nil || !strings.Contains(out.String(), "work on a sample week") {
		t.Errorf("template --check = %v, %q", err, out.String())
	}
	bad := filepath.Join(t.TempDir(), "bad.tmpl")
	if err := os.WriteFile(bad, []byte("{{.Nope}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Run(context.Background(), []string{"template", "--check"}, []string{"MOISSON_TEMPLATE=" + bad}, &out, &errOut); err == nil {
		t.Error("template --check of a broken template: no error")
	}
}

func TestPostSettings(t *testing.T) {
	tests := []struct {
		name    string
		environ []string
		wantErr string
		check   func(t *testing.T, dc digest.Config)
	}{
		{"defaults: the week's title, the reference's slug, the quote style", nil, "", func(t *testing.T, dc digest.Config) {
			if dc.Title != digest.WeekPattern || dc.Slug != digest.DefaultSlug || dc.Lang != digest.French || dc.BoldLinks || dc.Style != digest.StyleQuote {
				t.Errorf("config = title %q slug %q lang %q bold %v style %q", dc.Title, dc.Slug, dc.Lang, dc.BoldLinks, dc.Style)
			}
			w, _ := dc.ParseWeek("2026-W49")
			data, err := dc.Data(digest.Digest{Week: w}, w.End)
			if err != nil || data.Title != "Moisson de liens, semaine 49 (du 30 novembre au 4 décembre 2026)" || data.Categories[0] != "veille" {
				t.Errorf("title %q categories %v %v", data.Title, data.Categories, err)
			}
		}},
		{"english: links of the week, in English", []string{"MOISSON_LANG=en", "MOISSON_BLOG_FORMAT=hugo"}, "", func(t *testing.T, dc digest.Config) {
			w, _ := dc.ParseWeek("2026-W49")
			data, err := dc.Data(digest.Digest{Week: w}, w.End)
			if err != nil || data.Title != "Links of the week, week 49 (from November 30 to December 4, 2026)" {
				t.Errorf("title %q %v", data.Title, err)
			}
			if strings.Contains(data.FrontMatter, "veille") || !strings.Contains(data.FrontMatter, `categories: ["links"]`) {
				t.Errorf("English Hugo front matter:\n%s", data.FrontMatter)
			}
		}},
		{"a configured title is kept", []string{"MOISSON_POST_TITLE=Compilation veille Twitter & RSS"}, "", func(t *testing.T, dc digest.Config) {
			if dc.Title != "Compilation veille Twitter & RSS" {
				t.Errorf("title %q", dc.Title)
			}
		}},
		{"MOISSON_HUGO_DL=1 (.env.example) keeps the quote style", []string{"MOISSON_HUGO_DL=1"}, "", func(t *testing.T, dc digest.Config) {
			if dc.Style != digest.StyleQuote {
				t.Errorf("style %q, want quote", dc.Style)
			}
		}},
		{"post style", []string{"MOISSON_POST_STYLE=Definition"}, "", func(t *testing.T, dc digest.Config) {
			if dc.Style != digest.StyleDefinition {
				t.Errorf("style %q, want definition", dc.Style)
			}
		}},
		{"bad post style", []string{"MOISSON_POST_STYLE=table"}, "MOISSON_POST_STYLE", nil},
		{"microformats in Jekyll", nil, "", func(t *testing.T, dc digest.Config) {
			if !dc.Microformats {
				t.Error("a Jekyll post has no microformats")
			}
		}},
		{"no microformats in a Hugo site that drops raw HTML", []string{"MOISSON_BLOG_FORMAT=hugo"}, "", func(t *testing.T, dc digest.Config) {
			if dc.Microformats {
				t.Error("a Hugo post has microformats though Hugo drops raw HTML by default")
			}
		}},
		{"english: the week's", []string{"MOISSON_LANG=en"}, "", func(t *testing.T, dc digest.Config) {
			if dc.Title != digest.WeekPattern || dc.Slug != digest.WeekPattern || dc.Lang != digest.English {
				t.Errorf("config = title %q slug %q lang %q", dc.Title, dc.Slug, dc.Lang)
			}
		}},
		{"patterns and the rest", []string{"MOISSON_SLUG=veille-{{.Week.Year}}-{{.Week.Number}}", "MOISSON_POST_TITLE=Veille {{.Week.Number}}",
			"MOISSON_LEAD_MAX=300", "MOISSON_HUGO_DL=0", "MOISSON_BLOG_FORMAT=markdown", "MOISSON_POST_DIR=src/posts",
			"MOISSON_FRONT_MATTER=author: Jane\nlayout: post", "MOISSON_BLOG_URL=https://blog.example.org", "MOISSON_PERMALINK=/:slug/"}, "",
			func(t *testing.T, dc digest.Config) {
				w, _ := dc.ParseWeek("2014-W40")
				d := digest.Digest{Week: w}
				if got := d.Path(dc); got != "src/posts/2014-10-03-veille-2014-40.md" {
					t.Errorf("Path = %q", got)
				}
				if got := d.URL(dc); got != "https://blog.example.org/veille-2014-40/" {
					t.Errorf("URL = %q", got)
				}
				if dc.LeadMax != 300 || !dc.BoldLinks || dc.ExtraFrontMatter != "author: Jane\nlayout: post" {
					t.Errorf("config = %+v", dc)
				}
			}},
		{"bad slug", []string{"MOISSON_SLUG={{.Nope}}"}, "MOISSON_SLUG", nil},
		{"negative lead", []string{"MOISSON_LEAD_MAX=-1"}, "MOISSON_LEAD_MAX", nil},
		{"announce without credentials", []string{"MOISSON_ANNOUNCE=mastodon,bluesky", "MOISSON_BLOG_URL=https://b.example"}, "MOISSON_ANNOUNCE_MASTODON_TOKEN", nil},
		{"announce without blog URL", []string{"MOISSON_ANNOUNCE=bluesky", "MOISSON_ANNOUNCE_BLUESKY_PASSWORD=x", "MOISSON_BLUESKY=jane.bsky.social"}, "MOISSON_BLOG_URL", nil},
		{"announce an unknown service", []string{"MOISSON_ANNOUNCE=myspace", "MOISSON_BLOG_URL=https://b.example"}, "unknown service", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := loadConfig(tc.environ, "")
			if err != nil {
				t.Fatal(err)
			}
			err = cfg.Validate()
			var dc digest.Config
			if err == nil {
				dc, err = (&env{cfg: cfg}).digestConfig()
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error = %v, want one naming %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, dc)
		})
	}
}

func TestAnnounceSecretsHidden(t *testing.T) {
	cfg, err := loadConfig([]string{"MOISSON_ANNOUNCE=mastodon,bluesky", "MOISSON_ANNOUNCE_MASTODON_TOKEN=tok-secret-1",
		"MOISSON_ANNOUNCE_MASTODON_SERVER=https://mastodon.example", "MOISSON_ANNOUNCE_BLUESKY_PASSWORD=pass-secret-2",
		"MOISSON_ANNOUNCE_BLUESKY_HANDLE=jane.bsky.social", "MOISSON_BLOG_URL=https://blog.example.org"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	shown := strings.Join(cfg.Redacted(), "\n")
	for _, s := range []string{"tok-secret-1", "pass-secret-2"} {
		if strings.Contains(shown, s) {
			t.Errorf("Redacted shows %s:\n%s", s, shown)
		}
	}
	if !strings.Contains(shown, "MOISSON_ANNOUNCE_MASTODON_TOKEN=***") || !strings.Contains(shown, "MOISSON_ANNOUNCE=mastodon,bluesky") {
		t.Errorf("Redacted:\n%s", shown)
	}
	if a := cfg.announcer(time.Now); a == nil || len(a.Services) != 2 {
		t.Errorf("announcer = %+v", a)
	}
}
