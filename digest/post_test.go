package digest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	yaml "go.yaml.in/yaml/v3"
)

// TestRenderGoldenLanguages renders the fixture week in French and in
// English with the week patterns: the golden posts of a new install.
func TestRenderGoldenLanguages(t *testing.T) {
	week, links, pages := fixture(t)
	for _, lang := range []Lang{French, English} {
		t.Run(string(lang), func(t *testing.T) {
			cfg := configured(t)
			cfg.Lang, cfg.Title, cfg.Slug = lang, WeekPattern, WeekPattern
			if lang == English {
				cfg.Categories.Default = ""
			}
			d := Build(week, links, pages, cfg)
			golden(t, "week."+string(lang)+".golden.md", Render(d, cfg))
			if got, want := d.Path(cfg), map[Lang]string{
				French:  "_posts/2014-10-03-moisson-de-liens-2014-w40.md",
				English: "_posts/2014-10-03-link-harvest-2014-w40.md",
			}[lang]; got != want {
				t.Errorf("Path() = %q, want %q", got, want)
			}
		})
	}
}

// TestDefaultTemplatePrinted checks that the template `moisson template
// --print` writes, parsed as a user's MOISSON_TEMPLATE, renders the same
// post as the built-in one, in every format and language, edits and
// drafts included.
func TestDefaultTemplatePrinted(t *testing.T) {
	printed, err := ParseTemplate("printed.tmpl", DefaultTemplate())
	if err != nil {
		t.Fatal(err)
	}
	configs := map[string]func(*Config){
		"jekyll":          func(*Config) {},
		"hugo":            func(c *Config) { c.Format = FormatHugo },
		"hugo bold, toml": func(c *Config) { c.Format, c.BoldLinks, c.FrontMatter = FormatHugo, true, TOML },
		"markdown, en":    func(c *Config) { c.Format, c.Lang, c.Slug, c.Title = FormatMarkdown, English, WeekPattern, WeekPattern },
		"draft":           func(c *Config) { c.Draft = true },
		"eleventy, quote": func(c *Config) { c.Format, c.Style, c.Microformats = FormatEleventy, StyleQuote, true },
		"zola draft": func(c *Config) {
			c.Format, c.Style, c.Draft, c.Taxonomies = FormatZola, StyleQuote, true, []string{"tags", "categories"}
		},
		"astro, en": func(c *Config) {
			c.Format, c.Lang, c.Slug, c.Title, c.Style = FormatAstro, English, WeekPattern, WeekPattern, StyleQuote
		},
	}
	for name, edit := range configs {
		t.Run(name, func(t *testing.T) {
			cfg := configured(t)
			edit(&cfg)
			d := editedWeek(t, cfg)
			want := Render(d, cfg)
			cfg.Template = printed
			got, err := Post(d, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("printed template (-built-in +printed):\n%s", diff)
			}
		})
	}
}

// TestCustomTemplate writes the post with a template of the author's:
// its own front matter from the data, a list of links with site and
// credit, counts; and one that fails gives an error.
func TestCustomTemplate(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	tmpl, err := ParseTemplate("mine.tmpl", `---
title: {{yaml .Title}}
date: {{.Date.Format "2006-01-02"}}
week: {{.Week.Number}}
---
{{.Links}} links from {{join ", " .Sources}}, {{date .Lang .Week.Monday}} to {{longDate .Lang .Week.LastDay}}.
{{range .Sections}}
## {{.Heading}}
{{range .Entries}}
- {{.Link}}{{with .Site}} ({{md .}}){{end}}{{range .Posts}} [{{.Source}}]{{end}}
{{- end}}
{{end}}`)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Template = tmpl
	d := Build(week, links, pages, cfg)
	got, err := Post(d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"---\ntitle: \"Compilation veille Twitter & RSS\"\ndate: 2014-10-03\nweek: 40\n---\n",
		"11 links from x, feed, 29 septembre 2014 to vendredi 3 octobre 2014.\n",
		"## SSL\n\n- [SHA1 Deprecation: What You Need to Know](https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know) [x] [x]\n",
		"- [A State of Xen - Chaos Monkey & Cassandra](http://techblog.netflix.com/2014/10/a-state-of-xen-chaos-monkey-cassandra.html) [feed]",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("post lacks %q:\n%s", want, got)
		}
	}

	bad, err := ParseTemplate("bad.tmpl", "{{.Nope}}")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Template = bad
	if _, err := Post(d, cfg); err == nil {
		t.Error("Post with a template naming a missing field: no error")
	}
	if err := cfg.Validate(); err == nil {
		t.Error("Validate with a failing template: no error")
	}
	if _, _, err := Write(t.TempDir(), d, cfg, week.End, WriteOptions{}); err == nil {
		t.Error("Write with a failing template: no error")
	}
	if preview := string(Render(d, cfg)); !strings.Contains(preview, "### SSL") || !strings.Contains(preview, "<!-- moisson: digest: template") {
		t.Errorf("Render with a failing template = %.300s…; want the built-in post and the error", preview)
	}
	if _, err := ParseTemplate("broken.tmpl", "{{if}}"); err == nil {
		t.Error("ParseTemplate of a broken template: no error")
	}
}

func TestIntroSources(t *testing.T) {
	cfg := DefaultConfig()
	w, err := cfg.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang Lang
		keys []string
		want string
	}{
		{French, []string{"x/1"}, "Ils ont, pour la plupart, été publiés sur mon compte Twitter.  \n"},
		{French, []string{"mastodon/1", "feed:https://a.example/rss/2"}, "Ils ont, pour la plupart, été publiés sur Mastodon et dans mes favoris.  \n"},
		{French, []string{"bluesky/at://x", "x/2", "mastodon/3"}, "été publiés sur mon compte Twitter, sur Mastodon et sur Bluesky.  \n"},
		{French, []string{"hand/1"}, "2014.  \nLes voici rassemblés"},
		{English, []string{"x/1"}, "The links of the week from September 29 to October 3, 2014.  \nMost of them were shared on my Twitter account.  \nHere they are"},
		{English, []string{"feed:https://a.example/rss/1", "bluesky/2"}, "Most of them were shared on Bluesky and in my bookmarks.  \n"},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang)+" "+strings.Join(tc.keys, " "), func(t *testing.T) {
			var links []moisson.Link
			for i, k := range tc.keys {
				links = append(links, moisson.Link{URL: "https://a.example/" + k, PostKey: k, PostedAt: w.Start.Add(time.Duration(i+1) * time.Hour)})
			}
			c := cfg
			c.Lang = tc.lang
			got := string(Render(Build(w, links, nil, c), c))
			if !strings.Contains(got, tc.want) {
				t.Errorf("Render() =\n%s\nwant %q", got, tc.want)
			}
		})
	}
}

func TestEnglishRange(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		first, last time.Time
		want        string
	}{
		{d(2014, 12, 1), d(2014, 12, 5), "from December 1 to 5, 2014"},
		{d(2014, 9, 29), d(2014, 10, 3), "from September 29 to October 3, 2014"},
		{d(2014, 12, 29), d(2015, 1, 2), "from December 29, 2014 to January 2, 2015"},
		{d(2014, 10, 3), d(2014, 10, 3), "of October 3, 2014"},
	}
	for _, tc := range tests {
		if got := EnglishRange(tc.first, tc.last); got != tc.want {
			t.Errorf("EnglishRange(%v, %v) = %q, want %q", tc.first, tc.last, got, tc.want)
		}
	}
	if got := English.LongDate(d(2014, 10, 3)); got != "Friday, October 3, 2014" {
		t.Errorf("LongDate = %q", got)
	}
	if got := French.LongDate(d(2015, 5, 1)); got != "vendredi 1er mai 2015" {
		t.Errorf("LongDate = %q", got)
	}
}

func TestCutLead(t *testing.T) {
	tests := []struct {
		lead string
		max  int
		want string
	}{
		{"Short. Lead.", 0, "Short. Lead."},
		{"Short. Lead.", 12, "Short. Lead."},
		{"First sentence. Second sentence is long.", 30, "First sentence. …"},
		{"First sentence! « Quoted. » Third one here.", 30, "First sentence! « Quoted. » …"},
		{"Para one.\nPara two is long enough.", 20, "Para one. …"},
		{"No sentence end within the limit at all", 20, "No sentence end…"},
		{"v1.2.3 is out. Yes", 12, "v1.2.3 is…"},
		{"Été à l'école. Été encore.", 16, "Été à l'école. …"},
	}
	for _, tc := range tests {
		if got := CutLead(tc.lead, tc.max); got != tc.want {
			t.Errorf("CutLead(%q, %d) = %q, want %q", tc.lead, tc.max, got, tc.want)
		}
	}
	// In the post: the lead is cut before it is escaped.
	week, links, pages := fixture(t)
	cfg := configured(t)
	cfg.LeadMax = 40
	post := string(Render(Build(week, links, pages, cfg), cfg))
	if !strings.Contains(post, "\n: The news is that SHA1, a very popular…\n") {
		t.Errorf("post with LeadMax 40:\n%s", post)
	}
}

// TestWriteRenames changes the slug pattern of a week already written:
// the file is renamed, not duplicated; a hand-edited file stays where it
// is, with a conflict.
func TestWriteRenames(t *testing.T) {
	week, links, pages := fixture(t)
	old := configured(t)
	d := Build(week, links, pages, old)
	now := week.End.Add(time.Hour)
	blog := t.TempDir()
	first, _, err := Write(blog, d, old, now, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	renamed := old
	renamed.Slug, renamed.Title = WeekPattern, WeekPattern

	t.Run("hand-edited", func(t *testing.T) {
		edited := filepath.Join(blog, filepath.FromSlash(first.Path))
		orig, err := os.ReadFile(edited)
		if err != nil {
			t.Fatal(err)
		}
		mine := append(bytes.Clone(orig), "\nMy own words.\n"...)
		writeFile(t, edited, string(mine))
		defer writeFile(t, edited, string(orig))
		pub, changed, err := Write(blog, d, renamed, now, WriteOptions{Previous: &first})
		var conflict *ConflictError
		if !errors.As(err, &conflict) || changed || conflict.Path != edited || pub.Path != first.Path || pub.Conflict == "" {
			t.Fatalf("Write = %+v, %v, %v; want a conflict on the old file", pub, changed, err)
		}
		if got, _ := os.ReadFile(edited); !bytes.Equal(got, mine) {
			t.Error("the hand-edited file was changed")
		}
		if files := postFiles(t, blog); len(files) != 1 {
			t.Errorf("files %v, want the hand-edited one only", files)
		}
	})

	pub, changed, err := Write(blog, d, renamed, now, WriteOptions{Previous: &first})
	if err != nil || !changed {
		t.Fatalf("Write with a new slug = %v, %v", changed, err)
	}
	if pub.Path != "_posts/2014-10-03-moisson-de-liens-2014-w40.md" {
		t.Errorf("Path = %q", pub.Path)
	}
	if files := postFiles(t, blog); !cmp.Equal(files, []string{"2014-10-03-moisson-de-liens-2014-w40.md"}) {
		t.Errorf("files %v, want the renamed post only", files)
	}
	content, err := os.ReadFile(filepath.Join(blog, filepath.FromSlash(pub.Path)))
	if err != nil || !strings.Contains(string(content), "title: \"Moisson de liens, semaine 40 (du 29 septembre au 3 octobre 2014)\"\n") || !strings.Contains(string(content), "\nslug: moisson-de-liens-2014-w40\n") {
		t.Errorf("renamed post (%v):\n%.400s", err, content)
	}
	// Written again with the new pattern: nothing moves.
	if _, changed, err := Write(blog, d, renamed, now, WriteOptions{Previous: &pub}); err != nil || changed {
		t.Errorf("Write again = %v, %v", changed, err)
	}
}

func postFiles(t *testing.T, blog string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(blog, "_posts"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestMarkdownFormat writes the plain Markdown post (Eleventy, Astro) and
// checks it as they would read it: YAML front matter that parses, with a
// date, tags and description, and a body that Goldmark (with the
// definition list extension) renders as headings and definition lists.
func TestMarkdownFormat(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	cfg.Format, cfg.Slug, cfg.Title = FormatMarkdown, WeekPattern, WeekPattern
	cfg.Dir, cfg.FileName = "src/content/blog", "{{.Slug}}.md"
	cfg.ExtraFrontMatter = "layout: layouts/post.njk\ntags: [posts]"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	d := Build(week, links, pages, cfg)
	blog := t.TempDir()
	pub, _, err := Write(blog, d, cfg, week.End, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Path != "src/content/blog/moisson-de-liens-2014-w40.md" {
		t.Errorf("Path = %q", pub.Path)
	}
	content, err := os.ReadFile(filepath.Join(blog, filepath.FromSlash(pub.Path)))
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := bytes.CutPrefix(content, []byte("---\n"))
	fm, body, ok2 := bytes.Cut(rest, []byte("\n---\n"))
	if !ok || !ok2 {
		t.Fatalf("no front matter in\n%s", content)
	}
	var meta struct {
		Title, Description, Slug, Lang, Layout string
		Date                                   time.Time
		Tags, Categories                       []string
	}
	if err := yaml.Unmarshal(fm, &meta); err != nil {
		t.Fatalf("front matter: %v\n%s", err, fm)
	}
	want := struct {
		Title, Description, Slug, Lang, Layout string
		Date                                   time.Time
		Tags, Categories                       []string
	}{
		Title: "Moisson de liens, semaine 40 (du 29 septembre au 3 octobre 2014)", Description: "11 liens : SSL, PHP, MySQL, ElasticSearch, Divers, Nasty",
		Slug: "moisson-de-liens-2014-w40", Lang: "fr", Layout: "layouts/post.njk",
		Date: week.End, Tags: []string{"posts"}, Categories: []string{"veille"},
	}
	if diff := cmp.Diff(want, meta, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("front matter (-want +got):\n%s", diff)
	}
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.DefinitionList)).Convert(body, &html); err != nil {
		t.Fatal(err)
	}
	b := bodyOf(t, append(append([]byte("<html><body>"), html.Bytes()...), "</body></html>"...))
	checkNoMarkup(t, b)
	if diff := cmp.Diff(expectedHTML(d), renderedHTML(t, b)); diff != "" {
		t.Errorf("Goldmark's HTML (-want +got):\n%s", diff)
	}
}

func TestValidatePatterns(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		ok   bool
	}{
		{"defaults", func(*Config) {}, true},
		{"week patterns", func(c *Config) { c.Title, c.Slug = WeekPattern, WeekPattern }, true},
		{"slug pattern", func(c *Config) { c.Slug = "veille-{{.Week.Year}}-{{.Week.Number}}" }, true},
		{"slug with a slash", func(c *Config) { c.Slug = "{{.Week.Year}}/x" }, false},
		{"slug pattern that fails", func(c *Config) { c.Slug = "{{.Nope}}" }, false},
		{"title pattern that does not parse", func(c *Config) { c.Title = "{{" }, false},
		{"file name with a folder", func(c *Config) { c.FileName = "a/{{.Slug}}.md" }, false},
		{"folder outside the blog", func(c *Config) { c.Dir = "../x" }, false},
		{"extra front matter not a mapping", func(c *Config) { c.ExtraFrontMatter = "- a" }, false},
		{"extra front matter not YAML", func(c *Config) { c.ExtraFrontMatter = "a: [" }, false},
		{"unknown language", func(c *Config) { c.Lang = "de" }, false},
		{"markdown", func(c *Config) { c.Format = FormatMarkdown }, true},
		{"negative lead", func(c *Config) { c.LeadMax = -1 }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.edit(&cfg)
			if err := cfg.Validate(); (err == nil) != tc.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tc.ok)
			}
		})
	}
}
