package main

// The presets built by the generators themselves (issue 24 item 4): the
// demo week written with MOISSON_BLOG_FORMAT=eleventy and =astro into a
// small site shaped as eleventy-base-blog and Astro's blog starter, built
// by a real Eleventy 3 and Astro 5 (npm packages, which .ci/run installs
// into ~/.cache/moisson-ci/node), then the HTML read back: the title,
// every link, every lead as a quote, the comment as a paragraph of its
// own, the post listed by the site's index. Zola cannot be installed
// where the tests run: digest's TestPresetGolden checks its front matter
// against Zola's page schema instead.

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"willnorris.com/go/microformats"

	"github.com/moisson/moisson/example"
	"github.com/moisson/moisson/scrape"
)

// nodeTool returns the path of an npm package's command: on PATH, or in
// .ci/run's ~/.cache/moisson-ci/node; it skips the test without it, and
// fails it under CI.
func nodeTool(t *testing.T, name string) (bin, nodeModules string) {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if home, herr := os.UserHomeDir(); herr == nil {
			cached := filepath.Join(home, ".cache", "moisson-ci", "node", "node_modules", ".bin", name)
			if _, serr := os.Stat(cached); serr == nil {
				bin, err = cached, nil
			}
		}
	}
	if err == nil {
		if _, err = exec.LookPath("node"); err != nil {
			err = fmt.Errorf("node is not installed: %w", err)
		}
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required under CI (.ci/run installs it with npm): %v", name, err)
		}
		t.Skipf("%s is not installed (npm install --prefix ~/.cache/moisson-ci/node @11ty/eleventy@3 astro@5): %v", name, err)
	}
	// The site's imports ("astro/loaders") resolve from a node_modules
	// next to it: the one holding the command's package.
	real, err := filepath.EvalSymlinks(bin)
	if err != nil {
		t.Fatal(err)
	}
	for d := filepath.Dir(real); d != filepath.Dir(d); d = filepath.Dir(d) {
		if filepath.Base(d) == "node_modules" {
			return bin, d
		}
	}
	t.Fatalf("%s (%s) is not inside a node_modules folder", bin, real)
	return "", ""
}

func TestDemoPostInGenerators(t *testing.T) {
	title := "Moisson de liens, semaine 40 (du 29 septembre au 3 octobre 2014)"
	t.Run("eleventy", func(t *testing.T) {
		bin, modules := nodeTool(t, "eleventy")
		blog := t.TempDir()
		for name, content := range eleventySite {
			writeTestFile(t, filepath.Join(blog, name), content)
		}
		if err := os.Symlink(modules, filepath.Join(blog, "node_modules")); err != nil {
			t.Fatal(err)
		}
		rel := demoPost(t, blog, "MOISSON_BLOG_DIR="+blog, "MOISSON_BLOG_FORMAT=eleventy", "MOISSON_BLOG_URL=https://blog.example.org")
		if want := "content/blog/2014-10-03-compilation-veille.md"; rel != want {
			t.Errorf("the post was written to %s, want %s (eleventy-base-blog's folder)", rel, want)
		}
		runGenerator(t, blog, bin, "--quiet")
		dest := filepath.Join(blog, "_site")
		page := findPost(t, dest)
		if want := filepath.Join("blog", "2014-10-03-compilation-veille", "index.html"); page != want {
			t.Errorf("the post was built as %s, want %s (MOISSON_PERMALINK's default /blog/:filename/)", page, want)
		}
		checkGeneratedPost(t, dest, page, "<h1>"+title+"</h1>")
		checkMicroformats(t, dest, page, title)
		index := readTestFile(t, filepath.Join(dest, "index.html"))
		if !strings.Contains(index, `<a href="/blog/2014-10-03-compilation-veille/">`+title+`</a>`) {
			t.Errorf("the index does not list the post in collections.posts:\n%s", index)
		}

		// The same week as a draft (draft: true last in the front
		// matter, as digest's TestPresetDrafts checks moisson writes it):
		// eleventy-base-blog's drafts preprocessor leaves it out.
		post := readTestFile(t, filepath.Join(blog, rel))
		end := strings.Index(post[4:], "\n---\n") + 4
		writeTestFile(t, filepath.Join(blog, rel), post[:end]+"\ndraft: true"+post[end:])
		if err := os.RemoveAll(dest); err != nil {
			t.Fatal(err)
		}
		runGenerator(t, blog, bin, "--quiet")
		if _, err := os.Stat(filepath.Join(dest, page)); err == nil {
			t.Error("the draft was built")
		}
		if index := readTestFile(t, filepath.Join(dest, "index.html")); strings.Contains(index, title) {
			t.Errorf("the index lists the draft:\n%s", index)
		}
	})
	t.Run("astro", func(t *testing.T) {
		bin, modules := nodeTool(t, "astro")
		blog := t.TempDir()
		for name, content := range astroSite {
			writeTestFile(t, filepath.Join(blog, name), content)
		}
		if err := os.Symlink(modules, filepath.Join(blog, "node_modules")); err != nil {
			t.Fatal(err)
		}
		rel := demoPost(t, blog, "MOISSON_BLOG_DIR="+blog, "MOISSON_BLOG_FORMAT=astro")
		if want := "src/content/blog/2014-10-03-compilation-veille.md"; rel != want {
			t.Errorf("the post was written to %s, want %s (the blog starter's collection)", rel, want)
		}
		runGenerator(t, blog, bin, "build", "--silent")
		dest := filepath.Join(blog, "dist")
		page := findPost(t, dest)
		if want := filepath.Join("blog", "2014-10-03-compilation-veille", "index.html"); page != want {
			t.Errorf("the post was built as %s, want %s", page, want)
		}
		checkGeneratedPost(t, dest, page, "<h1>"+title+"</h1>")
		checkMicroformats(t, dest, page, title)
		index := readTestFile(t, filepath.Join(dest, "index.html"))
		if !strings.Contains(index, `<a href="/blog/2014-10-03-compilation-veille/">`+title+`</a> <time datetime="2014-10-03T16:00:00.000Z">`) {
			t.Errorf("the index does not list the post with its pubDate:\n%s", index)
		}
	})
}

// TestDemoPostInZola writes the demo week into a Zola site (Zola itself
// cannot be installed where the tests run): the preset reads the site's
// section and taxonomies, and the front matter is TOML as Zola's page
// front matter reads it, the week's slug making its URL.
func TestDemoPostInZola(t *testing.T) {
	blog := t.TempDir()
	writeTestFile(t, filepath.Join(blog, "config.toml"), "base_url = 'https://blog.example.org'\ndefault_language = 'fr'\ntaxonomies = [{name = 'categories'}]\n")
	writeTestFile(t, filepath.Join(blog, "content", "posts", "_index.md"), "+++\ntitle = 'Billets'\nsort_by = 'date'\n+++\n")
	writeTestFile(t, filepath.Join(blog, "templates", "page.html"), "{{ page.content | safe }}\n")
	rel := demoPost(t, blog, "MOISSON_BLOG_DIR="+blog, "MOISSON_BLOG_FORMAT=zola")
	if want := "content/posts/2014-10-03-moisson-de-liens-2014-w40.md"; rel != want {
		t.Errorf("the post was written to %s, want %s (the site's posts section, the week's slug)", rel, want)
	}
	post := readTestFile(t, filepath.Join(blog, rel))
	front, body, ok := strings.Cut(strings.TrimPrefix(post, "+++\n"), "\n+++\n")
	if !ok || !strings.HasPrefix(post, "+++\n") {
		t.Fatalf("no TOML front matter:\n%.300s", post)
	}
	var fm struct {
		Title, Description, Slug string
		Date                     time.Time
		Draft                    bool
		Taxonomies               map[string][]string
	}
	md, err := toml.Decode(front, &fm)
	if err != nil {
		t.Fatalf("front matter: %v\n%s", err, front)
	}
	if und := md.Undecoded(); len(und) > 0 {
		t.Errorf("keys Zola does not read: %v", und)
	}
	if fm.Slug != "moisson-de-liens-2014-w40" || fm.Draft || !fm.Date.Equal(example.Week().End) || !strings.HasPrefix(fm.Title, "Moisson de liens, semaine 40") {
		t.Errorf("front matter %+v", fm)
	}
	// The site declares categories, not tags: Zola refuses a page
	// naming an undeclared taxonomy.
	if len(fm.Taxonomies) != 1 || len(fm.Taxonomies["categories"]) != 1 {
		t.Errorf("taxonomies %v, want the category only", fm.Taxonomies)
	}
	if !strings.Contains(body, `<div class="h-entry"`) || strings.Contains(body, "\n: ") {
		t.Errorf("the body is not the quote style with microformats:\n%.500s", body)
	}
}

// runGenerator runs a generator's command in the site's folder.
func runGenerator(t *testing.T, dir, bin string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ASTRO_TELEMETRY_DISABLED=1", "NO_COLOR=1", "ELEVENTY_RUN_MODE=build")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, out)
	}
	if s := strings.ToLower(string(out)); strings.Contains(s, "error") || strings.Contains(s, "warn") {
		t.Errorf("%s complained:\n%s", filepath.Base(bin), out)
	}
}

func readTestFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkGeneratedPost checks the built post: the week's title, every link
// of the week, each lead quoted, the comment a paragraph outside any
// quote, no definition list, no source named.
func checkGeneratedPost(t *testing.T, dest, page, title string) {
	t.Helper()
	text := readTestFile(t, filepath.Join(dest, page))
	if !strings.Contains(text, title) {
		t.Errorf("the page lacks the week's title %s", title)
	}
	for _, bad := range []string{"<dl", "Compilation veille", "Twitter &amp; RSS", "&#123;", "{{"} {
		if strings.Contains(text, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
	// Astro's typographer curls the apostrophe, markdown-it's is off.
	text = strings.ReplaceAll(text, "’", "'")
	i := strings.Index(text, "<p>À lire avant de renouveler vos certificats : l'échéance est proche.</p>")
	if i < 0 {
		t.Fatalf("the comment is not a paragraph of its own:\n%s", text)
	}
	if open, closed := strings.LastIndex(text[:i], "<blockquote"), strings.LastIndex(text[:i], "</blockquote>"); open > closed {
		t.Error("the comment is inside a quote")
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	hrefs := map[string]bool{}
	var quotes strings.Builder
	var walk func(n *html.Node, inQuote bool)
	walk = func(n *html.Node, inQuote bool) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			for _, a := range n.Attr {
				if a.Key == "href" {
					hrefs[a.Val] = true
				}
			}
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Blockquote {
			inQuote = true
		}
		if n.Type == html.TextNode && inQuote {
			quotes.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inQuote)
		}
	}
	walk(doc, false)
	quoted := typographic(quotes.String())
	var missing []string
	leads := 0
	for _, e := range example.Expected() {
		if !hrefs[e.URL] && !hrefs[e.FinalURL] && !hrefs[scrape.CleanURL(e.FinalURL)] {
			missing = append(missing, e.URL)
			continue
		}
		first, _, _ := strings.Cut(e.Opening, "\n")
		if r := []rune(typographic(first)); len(r) > 0 {
			leads++
			if !strings.Contains(quoted, string(r[:min(len(r), 60)])) {
				t.Errorf("the lead of %s is not quoted: %.60q", e.URL, first)
			}
		}
	}
	if leads < len(example.Expected())*3/4 {
		t.Errorf("only %d leads checked", leads)
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d links missing from the built post: %q", len(missing), len(example.Expected()), missing)
	}
	if hrefs[example.DeadURL] {
		t.Error("the hidden link is in the post")
	}
}

// checkMicroformats parses the built post with a microformats2 parser:
// one h-entry named as the post, dated, whose e-content holds the
// comment; one h-cite per link of the week, each with its URL and name.
func checkMicroformats(t *testing.T, dest, page, title string) {
	t.Helper()
	base, _ := url.Parse("https://blog.example.org/")
	mf := microformats.Parse(strings.NewReader(readTestFile(t, filepath.Join(dest, page))), base)
	if len(mf.Items) != 1 || len(mf.Items[0].Type) == 0 || mf.Items[0].Type[0] != "h-entry" {
		t.Fatalf("items %+v, want one h-entry", mf.Items)
	}
	entry := mf.Items[0]
	str := func(it *microformats.Microformat, name string) string {
		if v := it.Properties[name]; len(v) > 0 {
			switch x := v[0].(type) {
			case string:
				return x
			case map[string]string:
				return x["value"] + x["html"]
			case map[string]any:
				s, _ := x["value"].(string)
				h, _ := x["html"].(string)
				return s + h
			}
		}
		return ""
	}
	if got := str(entry, "name"); got != title {
		t.Errorf("h-entry p-name %q, want %q", got, title)
	}
	if got := str(entry, "published"); !strings.HasPrefix(got, "2014-10-03") {
		t.Errorf("h-entry dt-published %q", got)
	}
	if got := typographic(str(entry, "content")); !strings.Contains(got, "l'échéance est proche") {
		t.Errorf("the comment is not in the e-content")
	}
	var cites []*microformats.Microformat
	for _, c := range entry.Children {
		if len(c.Type) > 0 && c.Type[0] == "h-cite" {
			cites = append(cites, c)
		}
	}
	if want := len(example.Expected()); len(cites) != want {
		t.Errorf("%d h-cite, want %d (one per link)", len(cites), want)
	}
	for i, c := range cites {
		if str(c, "url") == "" || str(c, "name") == "" {
			t.Errorf("h-cite %d lacks its u-url or p-name: %v", i, c.Properties)
		}
		if strings.Contains(str(c, "summary")+str(c, "name"), "échéance") {
			t.Errorf("h-cite %d holds the author's comment", i)
		}
	}
}

// typographic undoes what a renderer's typographer does to text (curly
// quotes) and collapses spaces.
func typographic(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "\u00a0", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// eleventySite is a site shaped as eleventy-base-blog v9: input folder
// content/, the blog's folder data giving its posts the posts tag and a
// layout, the drafts preprocessor, an index listing collections.posts.
var eleventySite = map[string]string{
	"package.json": `{"type": "module"}` + "\n",
	"eleventy.config.js": `export default async function (eleventyConfig) {
	eleventyConfig.addPreprocessor("drafts", "*", (data, content) => {
		if (data.draft && process.env.ELEVENTY_RUN_MODE === "build") {
			return false;
		}
	});
}

export const config = {
	templateFormats: ["md", "njk", "html"],
	markdownTemplateEngine: "njk",
	htmlTemplateEngine: "njk",
	dir: {
		input: "content",          // default: "."
		includes: "../_includes",  // default: "_includes"
		data: "../_data",          // default: "_data"
		output: "_site"
	},
};
`,
	"_data/metadata.js":              "export default {\n\ttitle: \"Mon blog\",\n\tlanguage: \"fr\",\n};\n",
	"content/blog/blog.11tydata.js":  "export default {\n\ttags: [\"posts\"],\n\tlayout: \"layouts/post.njk\",\n};\n",
	"content/blog/premier-billet.md": "---\ntitle: Premier billet\ndescription: Le premier.\ndate: 2014-09-01\ntags: [autre]\n---\nBonjour.\n",
	"content/index.njk": `<ul>{% for post in collections.posts | reverse %}{% if post.data.title != "Premier billet" %}<li><a href="{{ post.url }}">{{ post.data.title }}</a></li>{% endif %}{% endfor %}</ul>
`,
	"_includes/layouts/post.njk": `<!doctype html><html lang="{{ metadata.language }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<meta name="description" content="{{ description }}"></head>
<body><article><h1>{{ title }}</h1><time datetime="{{ page.date.toISOString() }}"></time>
{{ content | safe }}</article></body></html>
`,
}

// astroSite is a site shaped as Astro's blog starter: the blog collection
// (a glob loader, the starter's zod schema), a page per post rendering
// it, an index listing the collection.
var astroSite = map[string]string{
	"package.json":     `{"type": "module", "private": true}` + "\n",
	"astro.config.mjs": "export default {\n\tsite: 'https://blog.example.org',\n\tcacheDir: './.astro-cache',\n};\n",
	"src/content.config.ts": `import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const blog = defineCollection({
	loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }),
	schema: z.object({
		title: z.string(),
		description: z.string(),
		pubDate: z.coerce.date(),
		updatedDate: z.coerce.date().optional(),
	}),
});

export const collections = { blog };
`,
	"src/pages/index.astro": `---
import { getCollection } from 'astro:content';
const posts = (await getCollection('blog')).sort((a, b) => b.data.pubDate.valueOf() - a.data.pubDate.valueOf());
---
<ul>{posts.map((post) => <li><a href={` + "`/blog/${post.id}/`" + `}>{post.data.title}</a> <time datetime={post.data.pubDate.toISOString()}></time></li>)}</ul>
`,
	"src/pages/blog/[...slug].astro": `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
	const posts = await getCollection('blog');
	return posts.map((post) => ({ params: { slug: post.id }, props: post }));
}
const post = Astro.props;
const { Content } = await render(post);
---
<html lang="fr"><head><meta charset="utf-8"><title>{post.data.title}</title><meta name="description" content={post.data.description}></head>
<body><article><h1>{post.data.title}</h1><Content /></article></body></html>
`,
}
