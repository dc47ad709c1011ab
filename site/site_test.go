package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// blog writes files (name -> content; a name ending in "/" is a folder)
// into a new folder and returns it.
func blog(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		kind      Kind
		permalink string
		dated     bool
		lang      string
		format    string
		postDir   string
		dl        bool
	}{
		{
			name:  "jekyll default permalink, French",
			files: map[string]string{"_config.yml": "title: Mon blog\nlang: fr-FR\ntheme: minima\n"},
			kind:  Jekyll, permalink: "/:categories/:year/:month/:day/:title:output_ext", dated: true,
			lang: "fr", format: "jekyll", postDir: "_posts", dl: true,
		},
		{
			name:  "jekyll permalink with no date",
			files: map[string]string{"_config.yml": "permalink: /:title/\nlang: en\n"},
			kind:  Jekyll, permalink: "/:title/", dated: false, lang: "en", format: "jekyll", postDir: "_posts", dl: true,
		},
		{
			name:  "jekyll named style pretty",
			files: map[string]string{"_config.yml": "permalink: pretty\n"},
			kind:  Jekyll, permalink: "/:categories/:year/:month/:day/:title/", dated: true, format: "jekyll", postDir: "_posts", dl: true,
		},
		{
			name:  "jekyll named style none",
			files: map[string]string{"_config.yml": "permalink: none\n"},
			kind:  Jekyll, permalink: "/:categories/:title:output_ext", dated: false, format: "jekyll", postDir: "_posts", dl: true,
		},
		{
			name:  "jekyll posts collection permalink wins",
			files: map[string]string{"_config.yml": "permalink: date\ncollections:\n  posts:\n    permalink: /blog/:title/\n"},
			kind:  Jekyll, permalink: "/blog/:title/", dated: false, format: "jekyll", postDir: "_posts", dl: true,
		},
		{
			name:  "hugo toml, no permalinks",
			files: map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ndefaultContentLanguage = 'fr'\ntheme = 'PaperMod'\n"},
			kind:  Hugo, permalink: "/:sections/:slug/", dated: false, lang: "fr", format: "hugo", postDir: "content/posts", dl: true,
		},
		{
			name:  "hugo toml, dated permalinks (old form)",
			files: map[string]string{"config.toml": "[permalinks]\nposts = '/:year/:month/:day/:slug/'\n", "archetypes/": ""},
			kind:  Hugo, permalink: "/:year/:month/:day/:slug/", dated: true, format: "hugo", postDir: "content/posts", dl: true,
		},
		{
			name:  "hugo yaml, permalinks.page and definition lists off",
			files: map[string]string{"hugo.yaml": "languageCode: en-us\npermalinks:\n  page:\n    posts: /:year/:slug/\nmarkup:\n  goldmark:\n    extensions:\n      definitionList: false\n"},
			kind:  Hugo, permalink: "/:year/:slug/", dated: false, lang: "en", format: "hugo", postDir: "content/posts", dl: false,
		},
		{
			name:  "zola",
			files: map[string]string{"config.toml": "base_url = 'https://example.org'\ndefault_language = 'en'\n", "content/": "", "templates/": ""},
			kind:  Zola, permalink: "/blog/:slug/", dated: false, lang: "en", format: "zola", postDir: "content/blog",
		},
		{
			name:  "zola with a theme and no templates folder",
			files: map[string]string{"config.toml": "base_url = 'https://example.org'\ntheme = 'tabi'\n", "content/blog/_index.md": "+++\n+++\n", "themes/tabi/theme.toml": ""},
			kind:  Zola, permalink: "/blog/:slug/", dated: false, format: "zola", postDir: "content/blog",
		},
		{
			name:  "hugo config.toml with a templates folder of its own",
			files: map[string]string{"config.toml": "baseURL = 'https://example.org/'\n", "templates/x.html": "", "layouts/": ""},
			kind:  Hugo, permalink: "/:sections/:slug/", dated: false, format: "hugo", postDir: "content/posts", dl: true,
		},
		{
			name: "zola with a posts section",
			files: map[string]string{"config.toml": "base_url = 'https://example.org'\ntaxonomies = [{name = 'tags'}]\n", "content/posts/_index.md": "+++\n+++\n",
				"templates/": ""},
			kind: Zola, permalink: "/posts/:slug/", dated: false, format: "zola", postDir: "content/posts",
		},
		{
			name:  "eleventy, default input folder",
			files: map[string]string{"eleventy.config.js": "export default function() {}\n"},
			kind:  Eleventy, permalink: "/blog/:filename/", dated: true, format: "eleventy", postDir: "blog",
		},
		{
			name:  "eleventy, older blog with posts/",
			files: map[string]string{".eleventy.js": "module.exports = function(cfg) { return { dir: { input: 'src', output: 'dist' } }; };\n", "src/posts/": ""},
			kind:  Eleventy, permalink: "/posts/:filename/", dated: true, format: "eleventy", postDir: "src/posts",
		},
		{
			name: "eleventy-base-blog",
			files: map[string]string{"eleventy.config.js": eleventyBaseBlogConfig, "content/blog/firstpost.md": "---\ntitle: First\n---\n",
				"_data/metadata.js": "export default {\n\ttitle: \"Eleventy Base Blog v9\",\n\tlanguage: \"en\",\n};\n"},
			kind: Eleventy, permalink: "/blog/:filename/", dated: true, lang: "en", format: "eleventy", postDir: "content/blog",
		},
		{
			name:  "eleventy 3, setInputDirectory",
			files: map[string]string{"eleventy.config.mjs": "export default function (eleventyConfig) {\n  eleventyConfig.setInputDirectory(\"src\");\n}\n"},
			kind:  Eleventy, permalink: "/blog/:filename/", dated: true, format: "eleventy", postDir: "src/blog",
		},
		{
			name:  "astro blog starter",
			files: map[string]string{"astro.config.mjs": "export default defineConfig({});\n", "src/content.config.ts": "", "src/content/blog/first-post.md": "---\n---\n"},
			kind:  Astro, permalink: "/blog/:filename/", dated: true, format: "astro", postDir: "src/content/blog",
		},
		{
			name:  "plain folder",
			files: map[string]string{"notes.md": "# hi\n"},
			kind:  Plain, permalink: "/posts/:filename/", dated: true, format: "markdown", postDir: "posts",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Detect(blog(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			if s.Kind != tc.kind || s.Permalink != tc.permalink || s.HasDatePart() != tc.dated ||
				s.Format() != tc.format || s.PostDir != tc.postDir || s.DefinitionLists != tc.dl {
				t.Errorf("got kind %s permalink %q dated %v format %s dir %s dl %v, want %s %q %v %s %s %v",
					s.Kind, s.Permalink, s.HasDatePart(), s.Format(), s.PostDir, s.DefinitionLists,
					tc.kind, tc.permalink, tc.dated, tc.format, tc.postDir, tc.dl)
			}
			lang, ok := s.Language()
			if lang != tc.lang || ok != (tc.lang != "") {
				t.Errorf("language %q %v, want %q", lang, ok, tc.lang)
			}
		})
	}
}

func TestDetectErrors(t *testing.T) {
	if _, err := Detect(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("a missing folder is no error")
	}
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Detect(file); !errors.Is(err, ErrNotABlog) {
		t.Errorf("a file: %v, want ErrNotABlog", err)
	}
	_, err := Detect(blog(t, map[string]string{"_config.yml": "permalink: [unclosed\n"}))
	if err == nil || !strings.Contains(err.Error(), "_config.yml") {
		t.Errorf("broken _config.yml: %v, want an error naming the file", err)
	}
}

// TestRawHTML: kramdown renders raw HTML, Hugo's Goldmark only when
// markup.goldmark.renderer.unsafe is on, whatever the configuration's
// language and key case.
func TestRawHTML(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"jekyll", map[string]string{"_config.yml": "title: x\n"}, true},
		{"jekyll commonmark", map[string]string{"_config.yml": "markdown: CommonMark\n"}, false},
		{"hugo default", map[string]string{"hugo.toml": "title = 'x'\n"}, false},
		{"hugo unsafe toml", map[string]string{"hugo.toml": "[markup.goldmark.renderer]\nunsafe = true\n"}, true},
		{"hugo unsafe yaml", map[string]string{"config.yaml": "markup:\n  goldmark:\n    renderer:\n      unsafe: true\n"}, true},
		{"hugo unsafe off", map[string]string{"hugo.toml": "[markup.goldmark.renderer]\nunsafe = false\n"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Detect(blog(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			if s.RawHTML != tc.want {
				t.Errorf("RawHTML = %v, want %v", s.RawHTML, tc.want)
			}
		})
	}
}

// eleventyBaseBlogConfig is the start of eleventy-base-blog v9's
// eleventy.config.js.
const eleventyBaseBlogConfig = `import { IdAttributePlugin, InputPathToUrlTransformPlugin, HtmlBasePlugin } from "@11ty/eleventy";

/** @param {import("@11ty/eleventy").UserConfig} eleventyConfig */
export default async function(eleventyConfig) {
	eleventyConfig.addPreprocessor("drafts", "*", (data, content) => {
		if(data.draft && process.env.ELEVENTY_RUN_MODE === "build") {
			return false;
		}
	});
}

export const config = {
	templateFormats: ["md", "njk", "html", "liquid", "11ty.js"],
	markdownTemplateEngine: "njk",
	htmlTemplateEngine: "njk",
	dir: {
		input: "content",          // default: "."
		includes: "../_includes",  // default: "_includes" (` + "`input`" + ` relative)
		data: "../_data",          // default: "_data" (` + "`input`" + ` relative)
		output: "_site"
	},
};
`

// TestDetectNotes checks what Detect tells of a Zola site missing what
// the posts need, and of an Astro site with no collection.
func TestDetectNotes(t *testing.T) {
	s, err := Detect(blog(t, map[string]string{"config.toml": "base_url = 'https://example.org'\n", "content/": "", "templates/": ""}))
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(s.Notes, "\n")
	for _, want := range []string{"content/blog/_index.md is missing", "no tags taxonomy"} {
		if !strings.Contains(notes, want) {
			t.Errorf("Zola notes lack %q:\n%s", want, notes)
		}
	}
	if len(s.Taxonomies) != 0 || s.Taxonomies == nil {
		t.Errorf("taxonomies %q, want known and empty", s.Taxonomies)
	}
	s, err = Detect(blog(t, map[string]string{"config.toml": "taxonomies = [{name = 'tags', feed = true}, {name = 'categories'}]\n", "content/blog/_index.md": "+++\n+++\n", "templates/": ""}))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Notes) != 0 || strings.Join(s.Taxonomies, ",") != "tags,categories" {
		t.Errorf("notes %q taxonomies %q", s.Notes, s.Taxonomies)
	}
	s, err = Detect(blog(t, map[string]string{"astro.config.ts": "export default {}\n"}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(s.Notes, "\n"), "no src/content.config.ts") {
		t.Errorf("Astro notes: %q", s.Notes)
	}
}

func TestURLPath(t *testing.T) {
	for _, tc := range []struct {
		input, dir, want string
	}{
		{"content", "content/blog", "blog"},
		{"content", "content/notes/weekly", "notes/weekly"},
		{"src", "src/posts/", "posts"},
		{".", "blog", "blog"},
		{"", "posts", "posts"},
		{"src", "other/posts", "other/posts"},
	} {
		if got := (Site{InputDir: tc.input}).URLPath(tc.dir); got != tc.want {
			t.Errorf("input %q: URLPath(%q) = %q, want %q", tc.input, tc.dir, got, tc.want)
		}
	}
}

// TestEleventyCollection: the tag an Eleventy blog's posts share, from
// the folder's data file or a post.
func TestEleventyCollection(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"base blog data file", map[string]string{"content/blog/blog.11tydata.js": "export default {\n\ttags: [\n\t\t\"posts\"\n\t],\n\t\"layout\": \"layouts/post.njk\",\n};\n"}, "posts"},
		{"json data file", map[string]string{"content/blog/blog.json": `{"layout": "post.njk", "tags": "post"}`}, "post"},
		{"a post's tags", map[string]string{"content/blog/one.md": "---\ntitle: One\ntags:\n  - go\n  - post\n---\nHi.\n"}, "post"},
		{"a post's tags inline", map[string]string{"content/blog/one.md": "---\ntitle: One\ntags: [posts, go]\n---\nHi.\n"}, "posts"},
		{"no collection", map[string]string{"content/blog/one.md": "---\ntitle: One\ntags: go\n---\nHi.\n"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["eleventy.config.js"] = eleventyBaseBlogConfig
			s, err := Detect(blog(t, tc.files))
			if err != nil {
				t.Fatal(err)
			}
			if s.PostDir != "content/blog" || s.Collection != tc.want {
				t.Errorf("folder %s collection %q, want content/blog %q", s.PostDir, s.Collection, tc.want)
			}
		})
	}
}
