package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// writeBlog writes files (path: content) into a new blog folder.
func writeBlog(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSlugChecked: the blog's permalink is read at start; with no date
// part in it, each week gets its own slug unless MOISSON_SLUG fixes one,
// which is refused with the fix; a permalink with the date, or Hugo's
// default (the file's path), keeps the reference's slug.
func TestSlugChecked(t *testing.T) {
	undatedJekyll := map[string]string{"_config.yml": "title: Blog\npermalink: /:title/\n"}
	for _, tc := range []struct {
		name    string
		files   map[string]string // nil: no MOISSON_BLOG_DIR
		environ []string
		pattern string // the slug in effect
		auto    bool
		why     string
		wantErr string
	}{
		{"no blog dir, French", nil, nil, "compilation-veille", false, "the default in French", ""},
		{"no blog dir, English", nil, []string{"MOISSON_LANG=en"}, "week", false, "MOISSON_LANG=en", ""},
		{"jekyll dated", map[string]string{"_config.yml": "permalink: /:year/:month/:day/:title/\n"}, nil, "compilation-veille", false, "carries the date", ""},
		{"jekyll default permalink", map[string]string{"_config.yml": "title: Blog\n"}, nil, "compilation-veille", false, "sets no permalink", ""},
		{"jekyll undated, slug unset", undatedJekyll, nil, "week", true, "/:title/", ""},
		{"jekyll undated, fixed slug refused", undatedJekyll, []string{"MOISSON_SLUG=compilation-veille"}, "", false, "",
			`MOISSON_SLUG="compilation-veille": one fixed slug gives every week the same URL: the blog's permalink /:title/`},
		{"jekyll undated, template that does not change", undatedJekyll, []string{"MOISSON_SLUG=veille-{{.Lang}}"}, "", false, "", "has no date part"},
		{"jekyll undated, week", undatedJekyll, []string{"MOISSON_SLUG=week"}, "week", false, "changes every week", ""},
		{"jekyll undated, a pattern with the week", undatedJekyll, []string{"MOISSON_SLUG=veille-{{.Week.ID}}"}, "veille-{{.Week.ID}}", false, "changes every week", ""},
		{"jekyll style none", map[string]string{"_config.yml": "permalink: none\n"}, nil, "week", true, "/:categories/:title:output_ext", ""},
		{"hugo permalinks by slug", map[string]string{"hugo.toml": "[permalinks]\nposts = '/:slug/'\n", "content/posts/.keep": ""}, nil, "week", true, "hugo.toml", ""},
		{"hugo permalinks by title", map[string]string{"hugo.toml": "[permalinks.page]\nposts = '/:title/'\n", "content/posts/.keep": ""}, nil, "week", true, "the title names the week too", ""},
		{"hugo default", map[string]string{"hugo.toml": "title = 'Blog'\n", "content/posts/.keep": ""}, []string{"MOISSON_BLOG_FORMAT=hugo"}, "compilation-veille", false, "the default in French", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			environ := tc.environ
			if tc.files != nil {
				environ = append(environ, "MOISSON_BLOG_DIR="+writeBlog(t, tc.files))
			}
			c, err := loadConfig(environ, "")
			if err != nil {
				t.Fatal(err)
			}
			err = c.Validate()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "MOISSON_SLUG=week") {
					t.Fatalf("Validate = %v, want %q with the fix", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := c.SlugChoice()
			if got.AutoTitle != strings.Contains(tc.name, "by title") {
				t.Errorf("AutoTitle = %v", got.AutoTitle)
			}
			if got.Pattern != tc.pattern || got.Auto != tc.auto || !strings.Contains(got.Why, tc.why) {
				t.Errorf("SlugChoice = %+v, want %s (auto %v) because of %q", got, tc.pattern, tc.auto, tc.why)
			}
		})
	}
}

// TestSlugUnreadableBlogConfig: a _config.yml that cannot be parsed does
// not stop moisson (the blog is not moisson's to judge) but is a warning.
func TestSlugUnreadableBlogConfig(t *testing.T) {
	blog := writeBlog(t, map[string]string{"_config.yml": "permalink: [oops\n"})
	c, err := loadConfig([]string{"MOISSON_BLOG_DIR=" + blog}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(c.Warnings(), "\n"); !strings.Contains(w, "_config.yml cannot be read") {
		t.Errorf("Warnings = %q", w)
	}
	if c.SlugChoice().Pattern != "compilation-veille" {
		t.Errorf("SlugChoice = %+v", c.SlugChoice())
	}
}

// TestSlugWeekOnUndatedBlog: on a Jekyll blog whose permalink has no
// date, the week's post is written with the week's slug (its own URL),
// not the reference's fixed one.
func TestSlugWeekOnUndatedBlog(t *testing.T) {
	srv := pageServer(t)
	blog := writeBlog(t, map[string]string{"_config.yml": "permalink: /:title/\n"})
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s",
		"MOISSON_LOG_LEVEL=error", "WAYBACK_BASE_URL=" + srv.URL, "MOISSON_BLOG_DIR=" + blog}
	if _, _, err := run(t, environ, "import", writeArchive(t, srv.URL)); err != nil {
		t.Fatal(err)
	}
	if out, _, err := run(t, environ, "digest", "--week", "2014-W40"); err != nil {
		t.Fatalf("digest: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(blog, "_posts", "2014-10-03-moisson-de-liens-2014-w40.md")); err != nil {
		entries, _ := os.ReadDir(filepath.Join(blog, "_posts"))
		t.Fatalf("post not written with the week's slug: %v (found %v)", err, entries)
	}
}

// TestConfigRefusesFixedSlug: the real binary, `moisson config` with a
// fixed MOISSON_SLUG on a blog whose permalink has no date: exit status
// 1, the permalink and the fix told; without MOISSON_SLUG, exit 0 and the
// slug used said with why.
func TestConfigRefusesFixedSlug(t *testing.T) {
	home := t.TempDir()
	blog := writeBlog(t, map[string]string{"_config.yml": "permalink: /blog/:title.html\n"})
	cmd := exec.Command(moissonBinary(t), "config")
	cmd.Dir = home
	cmd.Env = baseEnviron(home, "MOISSON_BLOG_DIR="+blog, "MOISSON_SLUG=compilation-veille")
	out, err := cmd.CombinedOutput()
	if code := exitCode(err); code != 1 {
		t.Fatalf("exit status %d, want 1\n%s", code, out)
	}
	for _, want := range []string{`MOISSON_SLUG="compilation-veille"`, "/blog/:title.html", filepath.Join(blog, "_config.yml"), "has no date part", "MOISSON_SLUG=week"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	cmd = exec.Command(moissonBinary(t), "config")
	cmd.Dir = home
	cmd.Env = baseEnviron(home, "MOISSON_BLOG_DIR="+blog)
	out, err = cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("moisson config: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "slug used: week (MOISSON_SLUG is unset and the blog's permalink /blog/:title.html") {
		t.Errorf("config does not say which slug is used and why:\n%s", out)
	}
}
