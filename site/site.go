// Package site reads a blog's own configuration: which static site
// generator builds it (Jekyll, Hugo, Eleventy, Zola, Astro, or none), the language
// it is written in, where its posts go, how their URLs are made and whether
// its Markdown renders definition lists.
//
// moisson uses it to choose settings that fit the blog (`moisson init`) and
// to refuse, at start, settings that would not (one fixed slug on a site
// whose post URLs carry no date gives every week the same URL).
// It reads files only: no network, no git.
package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// Kind names the generator that builds a blog.
type Kind string

// The generators moisson knows. Plain is a folder of Markdown files
// with no generator's configuration.
const (
	Jekyll   Kind = "jekyll"
	Hugo     Kind = "hugo"
	Eleventy Kind = "eleventy"
	Zola     Kind = "zola"
	Astro    Kind = "astro"
	Plain    Kind = "plain"
)

// ErrNotABlog is returned by Detect for a path that is not a directory.
var ErrNotABlog = errors.New("not a blog folder")

// Site is what Detect learnt of a blog.
type Site struct {
	Dir    string
	Kind   Kind
	Config string // the configuration file read, relative to Dir; empty for Plain
	// Permalink is the pattern of a post's URL as the site sets it, or the
	// generator's default when it sets none (PermalinkSet false).
	Permalink    string
	PermalinkSet bool
	// Lang is the site's language ("fr", "en-US"), empty when unset.
	Lang  string
	Theme string
	// Markdown is the Markdown engine (Jekyll's "kramdown"), empty when the
	// generator has one only.
	Markdown string
	// DefinitionLists tells whether the site's Markdown renders definition
	// lists (kramdown always does; Hugo's Goldmark unless turned off).
	DefinitionLists bool
	// RawHTML tells whether the site's Markdown renders raw HTML (kramdown
	// does; Hugo's Goldmark only with markup.goldmark.renderer.unsafe):
	// the post's microformats need it.
	RawHTML bool
	// PostDir is the folder posts go in, relative to Dir, with forward
	// slashes.
	PostDir string
	// Taxonomies are the taxonomies a Zola site declares (config.toml's
	// taxonomies); nil for other generators.
	Taxonomies []string
	// Collection is the tag an Eleventy blog gives its posts, whose
	// collection it lists ("posts" in eleventy-base-blog, "post" in
	// Eleventy's docs): read from the posts folder's data file, else from
	// a post in it; empty when none is found.
	Collection string
	// InputDir is the folder whose paths make the pages' URLs, relative
	// to Dir: Eleventy's input folder ("." by default), Zola's and
	// Hugo's "content"; empty when unknown.
	InputDir string
	// Notes are what a person should know about what was read (a file
	// that could not be parsed, a generator with no preset).
	Notes []string
}

// Jekyll's named permalink styles.
var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// Hugo's configuration files, in the order Hugo looks for them.
var hugoConfigs = []string{
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json",
	"config/_default/hugo.toml", "config/_default/hugo.yaml", "config/_default/hugo.yml", "config/_default/hugo.json",
	"config/_default/config.toml", "config/_default/config.yaml", "config/_default/config.yml", "config/_default/config.json",
}

var eleventyConfigs = []string{
	"eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js",
}

var astroConfigs = []string{
	"astro.config.mjs", "astro.config.ts", "astro.config.mts", "astro.config.js", "astro.config.cjs",
}

// Detect reads the blog in dir. A folder with no generator's
// configuration is Plain; a configuration that cannot be parsed is an
// error naming the file.
func Detect(dir string) (Site, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return Site{}, fmt.Errorf("site: %w", err)
	}
	if !st.IsDir() {
		return Site{}, fmt.Errorf("site: %s: %w", dir, ErrNotABlog)
	}
	s := Site{Dir: dir}
	switch {
	case exists(dir, "_config.yml") || exists(dir, "_config.yaml") || exists(dir, "_config.toml"):
		err = s.readJekyll()
	case s.findHugo():
		err = s.readHugo()
	case firstExisting(dir, eleventyConfigs) != "":
		s.readEleventy()
	case firstExisting(dir, astroConfigs) != "":
		s.readAstro()
	case isZola(dir):
		err = s.readZola()
	default:
		s.Kind = Plain
		s.PostDir = "posts"
		s.Permalink = "/posts/:filename/"
	}
	return s, err
}

// HasDatePart tells whether the permalink makes a URL that differs from
// week to week even when every week has the same title and slug: it holds
// the day (or the day of the year, or the week), or the file's name, which
// starts with the date.
func (s Site) HasDatePart() bool {
	p := s.Permalink
	for _, tok := range []string{":day", ":i_day", ":y_day", ":yearday", ":week", ":filename", ":short_day", ":date"} {
		if strings.Contains(p, tok) {
			return true
		}
	}
	return false
}

// Format is the moisson post format that suits the site: "jekyll",
// "hugo", "eleventy", "zola", "astro", or "markdown" for a plain folder.
func (s Site) Format() string {
	switch s.Kind {
	case Jekyll, Hugo, Eleventy, Zola, Astro:
		return string(s.Kind)
	}
	return "markdown"
}

// URLPath is the path of a folder's pages on the site, without slashes
// at its ends: dir (relative to Dir) without InputDir ("content/blog" is
// "blog" on Eleventy's base blog).
func (s Site) URLPath(dir string) string {
	dir = path.Clean(filepath.ToSlash(dir))
	if s.InputDir != "" && s.InputDir != "." {
		if rest, ok := strings.CutPrefix(dir, s.InputDir+"/"); ok {
			dir = rest
		}
	}
	return strings.Trim(dir, "/")
}

// Language is the site's language reduced to what moisson writes, "fr"
// or "en", and false when the site's is neither or unset.
func (s Site) Language() (string, bool) {
	l := strings.ToLower(s.Lang)
	switch {
	case l == "fr" || strings.HasPrefix(l, "fr-") || strings.HasPrefix(l, "fr_"):
		return "fr", true
	case l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_"):
		return "en", true
	}
	return "", false
}

func (s *Site) readJekyll() error {
	s.Kind = Jekyll
	s.Config = firstExisting(s.Dir, []string{"_config.yml", "_config.yaml", "_config.toml"})
	var cfg struct {
		Permalink   string `yaml:"permalink" toml:"permalink"`
		Lang        string `yaml:"lang" toml:"lang"`
		Locale      string `yaml:"locale" toml:"locale"`
		Theme       string `yaml:"theme" toml:"theme"`
		RemoteTheme string `yaml:"remote_theme" toml:"remote_theme"`
		Markdown    string `yaml:"markdown" toml:"markdown"`
		Collections map[string]struct {
			Permalink string `yaml:"permalink" toml:"permalink"`
		} `yaml:"collections" toml:"collections"`
	}
	if err := decodeFile(filepath.Join(s.Dir, s.Config), &cfg); err != nil {
		return err
	}
	s.Permalink = "date"
	if cfg.Permalink != "" {
		s.Permalink, s.PermalinkSet = cfg.Permalink, true
	}
	if c, ok := cfg.Collections["posts"]; ok && c.Permalink != "" {
		s.Permalink, s.PermalinkSet = c.Permalink, true
	}
	if full, ok := jekyllStyles[s.Permalink]; ok {
		s.Permalink = full
	}
	s.Lang = cfg.Lang
	if s.Lang == "" {
		s.Lang = cfg.Locale
	}
	s.Theme = cfg.Theme
	if s.Theme == "" {
		s.Theme = cfg.RemoteTheme
	}
	s.Markdown = cfg.Markdown
	if s.Markdown == "" {
		s.Markdown = "kramdown"
	}
	s.DefinitionLists = strings.EqualFold(s.Markdown, "kramdown")
	s.RawHTML = s.DefinitionLists
	if !s.DefinitionLists {
		s.Notes = append(s.Notes, fmt.Sprintf("markdown: %s may not render definition lists", s.Markdown))
	}
	s.PostDir = "_posts"
	return nil
}

func (s *Site) findHugo() bool {
	s.Config = firstExisting(s.Dir, hugoConfigs)
	if s.Config == "" {
		return false
	}
	// A Zola site has a config.toml too; Hugo's has no templates/ folder
	// with Tera templates, Zola's has no archetypes/ and layouts/ (and
	// a Zola site with a theme may have no templates/ either: its
	// config.toml sets base_url, which Hugo spells baseURL).
	if s.Config == "config.toml" && isZola(s.Dir) {
		s.Config = ""
		return false
	}
	return true
}

// isZola tells whether dir's config.toml is Zola's: a templates/ folder
// and no Hugo layouts/ nor archetypes/, or a base_url and no baseURL.
func isZola(dir string) bool {
	if !exists(dir, "config.toml") {
		return false
	}
	if exists(dir, "templates") && !exists(dir, "layouts") && !exists(dir, "archetypes") {
		return true
	}
	var cfg map[string]any
	if _, err := toml.DecodeFile(filepath.Join(dir, "config.toml"), &cfg); err != nil {
		return false
	}
	_, zola := cfg["base_url"]
	for k := range cfg {
		if strings.EqualFold(k, "baseURL") {
			return false
		}
	}
	return zola
}

func (s *Site) readHugo() error {
	s.Kind = Hugo
	var cfg map[string]any
	if err := decodeFile(filepath.Join(s.Dir, s.Config), &cfg); err != nil {
		return err
	}
	cfg = lowerKeys(cfg)
	s.Lang, _ = cfg["defaultcontentlanguage"].(string)
	if s.Lang == "" {
		s.Lang, _ = cfg["languagecode"].(string)
	}
	s.Theme = fmt.Sprint(orEmpty(cfg["theme"]))
	section := "posts"
	s.PostDir = "content/posts"
	s.Permalink = "/:sections/:slug/"
	if perm, ok := cfg["permalinks"].(map[string]any); ok {
		// Hugo 0.112+: [permalinks.page] posts = "…"; before: [permalinks] posts = "…".
		if page, ok := perm["page"].(map[string]any); ok {
			perm = page
		}
		if p, ok := perm[section].(string); ok {
			s.Permalink, s.PermalinkSet = p, true
		}
	}
	s.DefinitionLists = true
	if m, ok := cfg["markup"].(map[string]any); ok {
		if g, ok := m["goldmark"].(map[string]any); ok {
			if ext, ok := g["extensions"].(map[string]any); ok {
				if dl, ok := ext["definitionlist"].(bool); ok {
					s.DefinitionLists = dl
				}
			}
			if r, ok := g["renderer"].(map[string]any); ok {
				s.RawHTML, _ = r["unsafe"].(bool)
			}
		}
	}
	return nil
}

// Eleventy's input folder as its configuration plainly sets it: the
// returned config's dir.input ("input: \"content\"") or
// setInputDirectory("src").
var eleventyInput = regexp.MustCompile(`(?:\binput\s*:|setInputDirectory\s*\()\s*["'\x60]([^"'\x60]+)["'\x60]`)

// The site's language in eleventy-base-blog's _data/metadata.js.
var eleventyLanguage = regexp.MustCompile(`\blanguage\s*:\s*["']([A-Za-z_-]+)["']`)

func (s *Site) readEleventy() {
	s.Kind = Eleventy
	s.Config = firstExisting(s.Dir, eleventyConfigs)
	s.Markdown = "markdown-it"
	s.RawHTML = true // Eleventy sets markdown-it's html option
	input := "."
	if b, err := os.ReadFile(filepath.Join(s.Dir, s.Config)); err == nil {
		if m := eleventyInput.FindSubmatch(b); m != nil {
			if in := path.Clean(filepath.ToSlash(string(m[1]))); filepath.IsLocal(filepath.FromSlash(in)) {
				input = in
			} else {
				s.Notes = append(s.Notes, fmt.Sprintf("%s: the input folder %q is outside the blog; posts go into blog/", s.Config, m[1]))
			}
		}
	}
	// eleventy-base-blog: content/blog/; older blogs: posts/.
	s.PostDir = path.Join(input, "blog")
	for _, d := range []string{"blog", "posts", "post"} {
		if st, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(input), d)); err == nil && st.IsDir() {
			s.PostDir = path.Join(input, d)
			break
		}
	}
	s.InputDir = input
	s.Permalink = "/" + s.URLPath(s.PostDir) + "/:filename/"
	s.Collection = s.eleventyCollection()
	for _, name := range []string{"_data/metadata.js", "_data/metadata.json", path.Join(input, "_data/metadata.js"), path.Join(input, "_data/metadata.json")} {
		if b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(name))); err == nil {
			if m := eleventyLanguage.FindSubmatch(b); m != nil {
				s.Lang = string(m[1])
				break
			}
		}
	}
}

// The tags of an Eleventy data file or front matter: "tags: posts",
// "tags: [posts]", "tags: ["posts"]", "tags: - posts", "\"tags\": [\"posts\"]".
var eleventyTags = regexp.MustCompile(`(?m)["']?\btags["']?\s*:\s*(?:\[\s*)?(?:-\s*)?["']?([A-Za-z0-9_-]+)`)

// eleventyCollection finds the tag the blog's posts share: in the posts
// folder's directory data file (blog/blog.11tydata.js, blog/blog.json),
// else in a post of the folder when it is "post" or "posts".
func (s *Site) eleventyCollection() string {
	dir := filepath.Join(s.Dir, filepath.FromSlash(s.PostDir))
	base := path.Base(s.PostDir)
	for _, name := range []string{base + ".11tydata.js", base + ".11tydata.mjs", base + ".11tydata.cjs", base + ".11tydata.json", base + ".json"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			if m := eleventyTags.FindSubmatch(b); m != nil {
				return string(m[1])
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !bytes.HasPrefix(b, []byte("---")) {
			continue
		}
		front, _, _ := bytes.Cut(b[3:], []byte("\n---"))
		var fm struct {
			Tags any `yaml:"tags"`
		}
		if yaml.Unmarshal(front, &fm) != nil {
			continue
		}
		var tags []string
		switch t := fm.Tags.(type) {
		case string:
			tags = []string{t}
		case []any:
			for _, x := range t {
				tags = append(tags, fmt.Sprint(x))
			}
		}
		for _, want := range []string{"posts", "post"} {
			if slices.Contains(tags, want) {
				return want
			}
		}
	}
	return ""
}

func (s *Site) readAstro() {
	s.Kind = Astro
	s.Config = firstExisting(s.Dir, astroConfigs)
	s.Markdown = "remark"
	s.RawHTML = true // Astro's Markdown keeps raw HTML
	// The blog starter's collection, src/content/blog/.
	s.PostDir = "src/content/blog"
	if !exists(s.Dir, "src/content/blog") && exists(s.Dir, "src/content/posts") {
		s.PostDir = "src/content/posts"
	}
	s.Permalink = "/" + path.Base(s.PostDir) + "/:filename/"
	if firstExisting(s.Dir, []string{"src/content.config.ts", "src/content.config.mjs", "src/content.config.js", "src/content/config.ts", "src/content/config.mjs", "src/content/config.js"}) == "" {
		s.Notes = append(s.Notes, fmt.Sprintf("Astro: no src/content.config.ts defines a collection, so the posts in %s/ are not built until one does (docs/post.md has the blog starter's)", s.PostDir))
	}
}

func (s *Site) readZola() error {
	s.Kind = Zola
	s.Config = "config.toml"
	var cfg struct {
		DefaultLanguage string `toml:"default_language"`
		Theme           string `toml:"theme"`
		Taxonomies      []struct {
			Name string `toml:"name"`
		} `toml:"taxonomies"`
	}
	if err := decodeFile(filepath.Join(s.Dir, s.Config), &cfg); err != nil {
		return err
	}
	s.Lang, s.Theme = cfg.DefaultLanguage, cfg.Theme
	s.Markdown = "pulldown-cmark"
	s.InputDir = "content"
	s.RawHTML = true // Zola passes raw HTML through
	s.Taxonomies = []string{}
	for _, t := range cfg.Taxonomies {
		s.Taxonomies = append(s.Taxonomies, t.Name)
	}
	// The section the blog keeps its posts in: blog/ (`zola init`'s
	// themes and most blogs), else posts/.
	section := "blog"
	if !exists(s.Dir, "content/blog") && exists(s.Dir, "content/posts") {
		section = "posts"
	}
	s.PostDir = "content/" + section
	// Zola drops the date that starts a file name from the page's path:
	// the URL is the slug's, whatever the date (as if the site set it).
	s.Permalink, s.PermalinkSet = "/"+section+"/:slug/", true
	if !exists(s.Dir, s.PostDir+"/_index.md") {
		s.Notes = append(s.Notes, fmt.Sprintf("Zola: %s/_index.md is missing, so the posts build as orphan pages that no section lists; create it (four lines: +++, title = \"Blog\", sort_by = \"date\", +++) to list them", s.PostDir))
	}
	if !slices.Contains(s.Taxonomies, "tags") {
		s.Notes = append(s.Notes, "Zola: config.toml declares no tags taxonomy, so the posts carry no tags (Zola refuses a page naming an undeclared one); add taxonomies = [{name = \"tags\"}] to get them")
	}
	return nil
}

// decodeFile reads a YAML, TOML or JSON file by its extension.
func decodeFile(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	switch filepath.Ext(path) {
	case ".toml":
		_, err = toml.Decode(string(data), v)
	case ".json":
		err = json.Unmarshal(data, v)
	default:
		err = yaml.Unmarshal(data, v)
	}
	if err != nil {
		return fmt.Errorf("site: reading %s: %w", path, err)
	}
	return nil
}

// lowerKeys lower-cases map keys at every depth: Hugo's keys are
// case-insensitive (defaultContentLanguage, defaultcontentlanguage).
func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			v = lowerKeys(sub)
		}
		out[strings.ToLower(k)] = v
	}
	return out
}

func orEmpty(v any) any {
	switch t := v.(type) {
	case nil:
		return ""
	case []any:
		if len(t) > 0 {
			return t[0]
		}
		return ""
	}
	return v
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}

func firstExisting(dir string, names []string) string {
	for _, n := range names {
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && !st.IsDir() {
			return n
		}
	}
	return ""
}
