package setup

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moisson/moisson/site"
)

func TestDecide(t *testing.T) {
	yes, no := true, false
	pushable := GitReport{Checkout: true, Origin: "git@example.org:blog.git", Branch: "main", Pushed: true}
	refusing := GitReport{Checkout: true, Origin: "git@example.org:blog.git", Branch: "main",
		Problems: []Problem{{What: "the origin refuses a push", Fix: "a deploy key"}}}
	jekyllNoDate := site.Site{Dir: t.TempDir(), Kind: site.Jekyll, Permalink: "/:title/", Lang: "fr", PostDir: "_posts", DefinitionLists: true}
	jekyllDated := site.Site{Dir: t.TempDir(), Kind: site.Jekyll, Permalink: "/:year/:month/:day/:title/", Lang: "en", PostDir: "_posts", DefinitionLists: true}
	hugoNoDL := site.Site{Dir: t.TempDir(), Kind: site.Hugo, Permalink: "/:sections/:slug/", PostDir: "content/posts"}
	zola := site.Site{Dir: t.TempDir(), Kind: site.Zola, Config: "config.toml", Permalink: "/posts/:slug/", PermalinkSet: true, PostDir: "content/posts",
		Notes: []string{"Zola: content/posts/_index.md is missing"}}
	eleventy := site.Site{Dir: t.TempDir(), Kind: site.Eleventy, Config: "eleventy.config.js", Permalink: "/blog/:filename/", PostDir: "content/blog", Lang: "en"}
	astro := site.Site{Dir: t.TempDir(), Kind: site.Astro, Config: "astro.config.mjs", Permalink: "/blog/:filename/", PostDir: "src/content/blog"}

	tests := []struct {
		name    string
		site    site.Site
		git     GitReport
		answers Answers
		want    map[string]string // "" value: the key must be absent
		err     string
		note    string
	}{
		{name: "jekyll without date: a slug per week", site: jekyllNoDate, git: pushable, answers: Answers{Feeds: []string{"https://example.org/"}},
			want: map[string]string{"MOISSON_SLUG": "week", "MOISSON_LANG": "fr", "MOISSON_GIT_PUSH": "1", "MOISSON_PUBLISH": "review", "MOISSON_POST_DIR": ""}},
		{name: "jekyll dated keeps the default slug", site: jekyllDated, git: pushable, answers: Answers{Bluesky: "@you.bsky.social"},
			want: map[string]string{"MOISSON_SLUG": "", "MOISSON_LANG": "en", "MOISSON_BLUESKY": "you.bsky.social"}},
		{name: "hugo with definition lists off", site: hugoNoDL, git: GitReport{}, answers: Answers{Mastodon: "@you@example.social"},
			want: map[string]string{"MOISSON_HUGO_DL": "0", "MOISSON_LANG": "en", "MOISSON_GIT_PUSH": "0", "MOISSON_SLUG": "week"}},
		{name: "zola gets its preset, a slug per week", site: zola, git: GitReport{}, answers: Answers{Feeds: []string{"https://example.org/feed"}},
			want: map[string]string{"MOISSON_BLOG_FORMAT": "zola", "MOISSON_POST_DIR": "", "MOISSON_SLUG": "week"}, note: "_index.md is missing"},
		{name: "eleventy gets its preset, the folder read at start", site: eleventy, answers: Answers{Bluesky: "you"},
			want: map[string]string{"MOISSON_BLOG_FORMAT": "eleventy", "MOISSON_POST_DIR": "", "MOISSON_LANG": "en", "MOISSON_SLUG": ""}, note: "content/blog/"},
		{name: "astro gets its preset", site: astro, answers: Answers{Bluesky: "you"},
			want: map[string]string{"MOISSON_BLOG_FORMAT": "astro", "MOISSON_POST_DIR": ""}, note: "src/content/blog/"},
		{name: "a folder given for astro is kept", site: astro, answers: Answers{Bluesky: "you", PostDir: "src/content/posts"},
			want: map[string]string{"MOISSON_BLOG_FORMAT": "astro", "MOISSON_POST_DIR": "src/content/posts"}},
		{name: "markdown asked on a zola blog", site: zola, answers: Answers{Bluesky: "you", Format: "markdown"},
			want: map[string]string{"MOISSON_BLOG_FORMAT": "markdown", "MOISSON_POST_DIR": "content/posts"}},
		{name: "a refusing remote turns push off and says why", site: jekyllDated, git: refusing, answers: Answers{Bluesky: "you"},
			want: map[string]string{"MOISSON_GIT_PUSH": "0"}, note: "deploy key"},
		{name: "push asked with a refusing remote", site: jekyllDated, git: refusing, answers: Answers{Bluesky: "you", Push: &yes}, err: "cannot push"},
		{name: "push refused by the author", site: jekyllDated, git: pushable, answers: Answers{Bluesky: "you", Push: &no},
			want: map[string]string{"MOISSON_GIT_PUSH": "0"}},
		{name: "fixed slug without date", site: jekyllNoDate, answers: Answers{Bluesky: "you", Slug: "veille"}, err: "no date part"},
		{name: "a slug pattern is accepted", site: jekyllNoDate, answers: Answers{Bluesky: "you", Slug: "veille-{{.Week.Number}}"},
			want: map[string]string{"MOISSON_SLUG": "veille-{{.Week.Number}}"}},
		{name: "no source", site: jekyllDated, answers: Answers{}, err: "no source"},
		{name: "bad language", site: jekyllDated, answers: Answers{Bluesky: "you", Lang: "de"}, err: "want fr or en"},
		{name: "bad mastodon", site: jekyllDated, answers: Answers{Mastodon: "you"}, err: "@you@instance"},
		{name: "bad publish", site: jekyllDated, answers: Answers{Bluesky: "you", Publish: "later"}, err: "want auto"},
		{name: "X without a token says how", site: jekyllDated, answers: Answers{XUsername: "@me"},
			want: map[string]string{"X_USERNAME": "me", "X_BEARER_TOKEN": ""}, note: "X_BEARER_TOKEN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Decide(tc.site, tc.git, tc.answers)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tc.want {
				got, ok := p.Value(k)
				if v == "" && ok {
					t.Errorf("%s=%q, want it unset", k, got)
				}
				if v != "" && got != v {
					t.Errorf("%s=%q, want %q", k, got, v)
				}
			}
			if tc.note != "" && !strings.Contains(strings.Join(p.Notes, "\n"), tc.note) {
				t.Errorf("notes %q do not say %q", p.Notes, tc.note)
			}
			for _, s := range p.Settings {
				if s.Why == "" {
					t.Errorf("%s has no reason", s.Key)
				}
			}
		})
	}
}

func TestDecideNotABlog(t *testing.T) {
	s, err := site.Detect(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decide(s, GitReport{}, Answers{Bluesky: "you"}); !errors.Is(err, ErrNotABlog) {
		t.Errorf("an empty folder: %v, want ErrNotABlog", err)
	}
	if _, err := Decide(s, GitReport{}, Answers{Bluesky: "you", Format: "markdown"}); err != nil {
		t.Errorf("an empty folder with --format markdown: %v", err)
	}
}

func TestWriteEnv(t *testing.T) {
	p := Plan{Settings: []Setting{{Key: "X_BEARER_TOKEN", Value: "tok", Why: "the token", Secret: true}}}
	path := filepath.Join(t.TempDir(), ".env")
	if err := WriteEnv(path, p.Env(), false); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v (%v), want 0600", st.Mode().Perm(), err)
	}
	if err := WriteEnv(path, "other", false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("an existing file replaced without force: %v", err)
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "X_BEARER_TOKEN=tok\n") {
		t.Errorf("file:\n%s", b)
	}
	if err := WriteEnv(path, "A=1\n", true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "A=1\n" {
		t.Errorf("forced write: %q", b)
	}
}
