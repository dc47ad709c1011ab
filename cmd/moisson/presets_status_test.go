package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
)

// TestStatusShowsPresetFormat: `status` names the post's format and the
// folder it writes into, read from the blog for a preset, and warns of
// what the blog lacks for it (a Zola section's _index.md, a tags
// taxonomy; definition lists its Markdown does not render); `config`
// shows the format.
func TestStatusShowsPresetFormat(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		environ []string
		want    []string
		notWant []string
	}{
		{
			name:    "zola missing its section and tags",
			files:   map[string]string{"config.toml": "base_url = 'https://example.org'\n", "content/.keep": "", "templates/page.html": ""},
			environ: []string{"MOISSON_BLOG_FORMAT=zola"},
			want: []string{"format     zola, posts in content/blog/ (MOISSON_BLOG_FORMAT; the folder is the blog's, read from ",
				"content/blog/_index.md is missing", "declares no tags taxonomy", "slug       week ("},
		},
		{
			name: "zola with its posts section",
			files: map[string]string{"config.toml": "base_url = 'https://example.org'\ntaxonomies = [{name = 'tags'}]\n",
				"content/posts/_index.md": "+++\nsort_by = 'date'\n+++\n", "templates/page.html": ""},
			environ: []string{"MOISSON_BLOG_FORMAT=zola"},
			want:    []string{"format     zola, posts in content/posts/ ("},
			notWant: []string{"_index.md is missing", "taxonomy"},
		},
		{
			name:    "eleventy with definition lists asked",
			files:   map[string]string{".eleventy.js": "module.exports = () => ({ dir: { input: 'src' } });\n", "src/posts/first.md": "# hi\n"},
			environ: []string{"MOISSON_BLOG_FORMAT=eleventy", "MOISSON_POST_STYLE=definition"},
			want:    []string{"format     eleventy, posts in src/posts/ (", "markdown-it renders no definition lists"},
		},
		{
			name:    "astro with no collection",
			files:   map[string]string{"astro.config.mjs": "export default {};\n"},
			environ: []string{"MOISSON_BLOG_FORMAT=astro", "MOISSON_POST_STYLE=quote"},
			want:    []string{"format     astro, posts in src/content/blog/ (", "no src/content.config.ts defines a collection"},
			notWant: []string{"definition lists"},
		},
		{
			name:    "eleventy asked on a jekyll blog",
			files:   map[string]string{"_config.yml": "title: x\n"},
			environ: []string{"MOISSON_BLOG_FORMAT=eleventy"},
			want:    []string{"format     eleventy, posts in content/blog/ (MOISSON_BLOG_FORMAT; the blog in ", "looks like a jekyll site, not eleventy"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			blog := filepath.Join(dir, "blog")
			for name, content := range tc.files {
				writeTestFile(t, filepath.Join(blog, name), content)
			}
			db := filepath.Join(dir, "moisson.db")
			st, err := archive.Open(db)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			environ := append([]string{"HOME=" + dir, "MOISSON_DB=" + db, "MOISSON_BLOG_DIR=" + blog, "MOISSON_FEEDS=https://example.org/feed.xml"}, tc.environ...)
			out, errOut, err := run(t, environ, "status")
			if err != nil {
				t.Fatalf("status: %v\n%s%s", err, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("status does not say %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("status says %q:\n%s", w, out)
				}
			}
			out, errOut, err = run(t, environ, "config")
			if err != nil {
				t.Fatalf("config: %v\n%s%s", err, out, errOut)
			}
			if format := strings.TrimPrefix(tc.environ[0], "MOISSON_BLOG_FORMAT="); !strings.Contains(out, "MOISSON_BLOG_FORMAT="+format) {
				t.Errorf("config does not show the format %s:\n%s", format, out)
			}
		})
	}
}

// TestPresetSettings: the digest configuration a preset gets from the
// blog it reads: folder, URLs, taxonomies, microformats, slug.
func TestPresetSettings(t *testing.T) {
	eleventy := map[string]string{"eleventy.config.js": eleventyBaseBlogLike, "content/blog/first.md": "# hi\n"}
	zola := map[string]string{"config.toml": "base_url = 'https://example.org'\ntaxonomies = [{name = 'tags'}]\n", "content/blog/_index.md": "+++\n+++\n", "templates/page.html": ""}
	tests := []struct {
		name    string
		files   map[string]string
		environ []string
		path    string // the demo week's post
		url     string
		check   func(t *testing.T, dc digest.Config)
		noBlog  bool
	}{
		{name: "eleventy base blog", files: eleventy, environ: []string{"MOISSON_BLOG_FORMAT=eleventy"},
			path: "content/blog/2014-10-03-compilation-veille.md", url: "https://blog.example.org/blog/2014-10-03-compilation-veille/"},
		{name: "eleventy whose posts are tagged post", files: map[string]string{"eleventy.config.js": eleventyBaseBlogLike, "content/blog/blog.json": `{"tags": "post"}`},
			environ: []string{"MOISSON_BLOG_FORMAT=eleventy"},
			path:    "content/blog/2014-10-03-compilation-veille.md", url: "https://blog.example.org/blog/2014-10-03-compilation-veille/",
			check: func(t *testing.T, dc digest.Config) {
				if dc.Collection != "post" || !dc.Microformats {
					t.Errorf("collection %q microformats %v", dc.Collection, dc.Microformats)
				}
			}},
		{name: "eleventy with a folder of the author's", files: eleventy, environ: []string{"MOISSON_BLOG_FORMAT=eleventy", "MOISSON_POST_DIR=content/notes/links"},
			path: "content/notes/links/2014-10-03-compilation-veille.md", url: "https://blog.example.org/notes/links/2014-10-03-compilation-veille/"},
		{name: "eleventy with a permalink of the author's", files: eleventy, environ: []string{"MOISSON_BLOG_FORMAT=eleventy", "MOISSON_PERMALINK=/:year/:slug/"},
			path: "content/blog/2014-10-03-compilation-veille.md", url: "https://blog.example.org/2014/compilation-veille/"},
		{name: "zola", files: zola, environ: []string{"MOISSON_BLOG_FORMAT=zola"},
			path: "content/blog/2014-10-03-moisson-de-liens-2014-w40.md", url: "https://blog.example.org/blog/moisson-de-liens-2014-w40/",
			check: func(t *testing.T, dc digest.Config) {
				if strings.Join(dc.Taxonomies, ",") != "tags" || !dc.Microformats {
					t.Errorf("taxonomies %q microformats %v", dc.Taxonomies, dc.Microformats)
				}
			}},
		{name: "zola without the blog read: the week's slug still", noBlog: true, environ: []string{"MOISSON_BLOG_FORMAT=zola"},
			path: "content/blog/2014-10-03-moisson-de-liens-2014-w40.md", url: "https://blog.example.org/blog/moisson-de-liens-2014-w40/",
			check: func(t *testing.T, dc digest.Config) {
				if dc.Taxonomies != nil || dc.Microformats {
					t.Errorf("taxonomies %q microformats %v, want unknown and none", dc.Taxonomies, dc.Microformats)
				}
			}},
		{name: "astro", files: map[string]string{"astro.config.mjs": "export default {};\n", "src/content.config.ts": ""}, environ: []string{"MOISSON_BLOG_FORMAT=astro"},
			path: "src/content/blog/2014-10-03-compilation-veille.md", url: "https://blog.example.org/blog/2014-10-03-compilation-veille/",
			check: func(t *testing.T, dc digest.Config) {
				if !dc.Microformats {
					t.Error("no microformats, though Astro's Markdown keeps raw HTML")
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			environ := append([]string{"MOISSON_BLOG_URL=https://blog.example.org"}, tc.environ...)
			if !tc.noBlog {
				blog := t.TempDir()
				for name, content := range tc.files {
					writeTestFile(t, filepath.Join(blog, name), content)
				}
				environ = append(environ, "MOISSON_BLOG_DIR="+blog)
			}
			cfg, err := loadConfig(environ, "")
			if err != nil {
				t.Fatal(err)
			}
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			dc, err := (&env{cfg: cfg}).digestConfig()
			if err != nil {
				t.Fatal(err)
			}
			w, err := dc.ParseWeek("2014-W40")
			if err != nil {
				t.Fatal(err)
			}
			d := digest.Digest{Week: w}
			if got := d.Path(dc); got != tc.path {
				t.Errorf("Path = %q, want %q", got, tc.path)
			}
			if got := d.URL(dc); got != tc.url {
				t.Errorf("URL = %q, want %q", got, tc.url)
			}
			if tc.check != nil {
				tc.check(t, dc)
			}
		})
	}
}

const eleventyBaseBlogLike = "export const config = {\n\tdir: {\n\t\tinput: \"content\",\n\t\tincludes: \"../_includes\",\n\t\toutput: \"_site\"\n\t},\n};\n"
