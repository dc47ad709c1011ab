// Package digest turns a week of shared links into the weekly blog post, the
// "moisson de liens": it cuts time into weeks, sorts the week's links into
// categories, renders the Markdown post (for Jekyll; Hugo, Eleventy, Zola,
// Astro or plain Markdown as an option) and writes it into the blog
// directory.
//
// The steps are separate so that each can be tested on its own:
//
//	week := cfg.WeekOf(now)           // or cfg.ParseWeek("2014-W40")
//	d := digest.Apply(digest.Build(week, links, pages, cfg), edits)
//	pub, changed, err := digest.Write(blogDir, d, cfg, now, digest.WriteOptions{Previous: prev})
//
// Build makes the week from the store's links and pages; Apply applies
// the author's edits (moisson.WeekEdits); Render gives the Markdown (the
// review page's preview), Write the file, never over a post the author
// edited by hand (a *ConflictError) unless forced.
package digest

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/moisson/moisson"

	// The default time zone must be found even on a machine without a
	// zoneinfo database (a scratch container): weeks depend on it.
	_ "time/tzdata"
)

// Format is the flavour of blog the post is written for.
type Format string

// The supported formats.
const (
	// FormatJekyll writes _posts/YYYY-MM-DD-slug.md, with the entries as a
	// kramdown definition list, like the hand-written posts.
	FormatJekyll Format = "jekyll"
	// FormatHugo writes content/SECTION/YYYY-MM-DD-slug.md (SECTION is
	// Config.HugoSection, "posts" by default), the entries as a definition
	// list too: Hugo's Goldmark has the extension on since Hugo 0.60
	// (Config.BoldLinks for a site that turned it off).
	FormatHugo Format = "hugo"
	// FormatMarkdown writes plain Markdown with YAML front matter into
	// Config.Dir ("posts" by default), for a generator with no preset.
	FormatMarkdown Format = "markdown"
	// FormatEleventy writes content/blog/YYYY-MM-DD-slug.md, as
	// eleventy-base-blog keeps its posts, with YAML front matter whose
	// tags hold "posts", the collection the blog lists.
	FormatEleventy Format = "eleventy"
	// FormatZola writes content/blog/YYYY-MM-DD-slug.md with TOML front
	// matter (+++) as Zola reads it: date a TOML datetime, the tags in
	// [taxonomies] (Config.Taxonomies).
	FormatZola Format = "zola"
	// FormatAstro writes src/content/blog/YYYY-MM-DD-slug.md, the content
	// collection of Astro's blog starter, with its schema's fields
	// (title, description, pubDate).
	FormatAstro Format = "astro"
)

// Formats are the supported formats, in the order the docs give them.
var Formats = []Format{FormatJekyll, FormatHugo, FormatEleventy, FormatZola, FormatAstro, FormatMarkdown}

// FrontMatterFormat is the language of the post's front matter.
type FrontMatterFormat string

// The front matter languages.
const (
	// YAML front matter, between "---" lines: Jekyll, Eleventy, Astro, and
	// Hugo sites configured in YAML.
	YAML FrontMatterFormat = "yaml"
	// TOML front matter, between "+++" lines: Hugo sites configured in
	// TOML (hugo.toml, config.toml), as `hugo new` writes it, and Zola.
	TOML FrontMatterFormat = "toml"
)

// WeekPattern, given as Config.Title or Config.Slug, stands for the
// language's pattern with the week in it: "Moisson de liens, semaine 40
// (du 29 septembre au 3 octobre 2014)" and "moisson-de-liens-2014-w40" in
// French, "Links of the week, week 40 (from September 29 to October 3,
// 2014)" and "link-harvest-2014-w40" in English. One URL per week: a site whose
// permalinks come from the title or the slug (Jekyll's /:title/) gets a
// page per week.
const WeekPattern = "week"

// Defaults of Config.
const (
	DefaultTimeZone = "Europe/Paris"
	DefaultTitle    = "Compilation veille Twitter & RSS"
	DefaultCategory = "veille"
	DefaultSlug     = "compilation-veille"
	// DefaultSection is the section of links that have neither a hashtag nor
	// a matching rule, when the categories file names no default.
	DefaultSection = "Divers"
)

// Config holds what shapes the weekly post.
type Config struct {
	// Location is the time zone of the cutoff and of the dates in the post
	// (MOISSON_TZ); nil means UTC.
	Location *time.Location
	// CutoffDay, CutoffHour and CutoffMinute give the end of each week:
	// by default Friday 18:00.
	CutoffDay    time.Weekday
	CutoffHour   int
	CutoffMinute int
	// Categories maps hashtags and domains to sections.
	Categories Categories
	// IncludeReplies keeps the links of replies to other accounts, which
	// are left out by default: they are conversation, not curation.
	IncludeReplies bool
	// Format is FormatJekyll when empty.
	Format Format
	// Title and Category are the post's front matter. An empty Category
	// is the language's: "veille" in French, "links" in English.
	Title    string
	Category string
	// Style is how each entry is written; empty is StyleQuote, or
	// StyleBold with BoldLinks.
	Style Style
	// Microformats marks the post up for IndieWeb readers (in the quote
	// style): the post an h-entry (p-name, dt-published, e-content,
	// p-author from the extra front matter's author, u-url), each link an
	// h-cite (u-url, p-name, p-summary), the author's comment outside it,
	// in the post's own words. It writes HTML wrappers in the Markdown:
	// for sites that render raw HTML (Jekyll's kramdown; Hugo with
	// markup.goldmark.renderer.unsafe).
	Microformats bool
	// Slug ends the post's file name.
	Slug string
	// Draft writes the post as a draft waiting for the author's approval:
	// "published: false" in a Jekyll post's front matter (the file stays
	// in _posts, at the same path, so that approving it only changes that
	// line), "draft: true" in a Hugo or Markdown post's. Neither site
	// builds it.
	Draft bool

	// Lang is the post's language (MOISSON_LANG): its introduction, date
	// wording, section of uncategorised links, week patterns. Empty is
	// French.
	Lang Lang
	// Template, when set, writes the whole post (MOISSON_TEMPLATE); nil is
	// the built-in template (DefaultTemplate).
	Template *Template
	// Title and Slug above are patterns: text/template run on Data (the
	// title's with Title and Slug empty, the slug's with Title set), such
	// as "Veille, semaine {{.Week.Number}}"; WeekPattern is the
	// language's. Text without "{{" is used as it is.

	// Dir is the folder the post is written into, relative to the blog
	// directory; empty is the format's: "_posts" (Jekyll),
	// "content/"+HugoSection (Hugo), "content/blog" (Eleventy, Zola),
	// "src/content/blog" (Astro), "posts" (Markdown).
	Dir string
	// HugoSection is the Hugo content section; empty is "posts".
	HugoSection string
	// Taxonomies are the taxonomies a Zola site declares in its
	// config.toml (Zola refuses to build a page naming another): the
	// post's [taxonomies] holds its tags when "tags" is one of them, its
	// category when "categories" is. Nil means unknown: the tags are
	// written.
	Taxonomies []string
	// Collection is the tag of the Eleventy collection the blog lists its
	// posts from, written first in the tags; empty is "posts"
	// (eleventy-base-blog's).
	Collection string
	// FileName is the pattern of the post's file name (text/template on
	// Data, Date being the cutoff); empty is DefaultFileName.
	FileName string
	// FrontMatter is the front matter's language; empty is YAML.
	FrontMatter FrontMatterFormat
	// ExtraFrontMatter is YAML mapping fixed fields to add to the front
	// matter (MOISSON_FRONT_MATTER: "author: Jane", "layout: single");
	// a field named like one of moisson's replaces it.
	ExtraFrontMatter string
	// HashtagTags adds the week's hashtags to the front matter's tags,
	// after the sections' names.
	HashtagTags bool
	// BoldLinks writes each entry as a bold link with the lead on the next
	// lines instead of a definition list: for a Hugo site that turned
	// Goldmark's definition lists off (MOISSON_HUGO_DL=0).
	BoldLinks bool
	// LeadMax, when positive, cuts leads longer than that many characters
	// at the end of a sentence, with "…" (MOISSON_LEAD_MAX).
	LeadMax int
	// HideVia leaves out the "via @someone" credits of quoted, reposted
	// or boosted posts (MOISSON_VIA=0).
	HideVia bool
	// BlogURL is the blog's address ("https://blog.example.org") and
	// Permalink the pattern of a post's path on it (see Digest.URL): the
	// URL announced.
	BlogURL   string
	Permalink string
	// DeadLinkStyle says how an entry whose page is gone and was taken
	// from the Wayback Machine (Entry.ArchiveURL) links
	// (MOISSON_DEADLINK_STYLE): empty is DeadLinkAnnotate.
	DeadLinkStyle DeadLinkStyle
	// ImagesURL is the address the blog serves the post's images at
	// ("/assets/moisson", MOISSON_IMAGES_URL): set, each entry whose
	// page has a preview image with a post copy shows it (EntryData.Image)
	// and the post's images are written with it (Images); empty, the post
	// shows none (MOISSON_IMAGES=0).
	ImagesURL string
}

// Style is how the post's entries are written (MOISSON_POST_STYLE).
type Style string

// The styles of an entry.
const (
	// StyleQuote writes the link in bold on a paragraph of its own, the
	// lead (quoted from the page) as a blockquote, then the author's
	// comment as plain paragraphs: what themes style without help
	// (minima and Hugo's themes set blockquotes apart), so that the
	// page's words and the author's are told apart.
	StyleQuote Style = "quote"
	// StyleDefinition writes each entry as a definition list, the link
	// as the term and the lead (then the comment) as its definition, as
	// the hand-written posts: kramdown, and Goldmark in Hugo.
	StyleDefinition Style = "definition"
	// StyleBold writes the link in bold, the lead on the next lines of
	// the same paragraph, the comment after (Config.BoldLinks).
	StyleBold Style = "bold"
)

// DeadLinkStyle is how a link whose page is gone is written.
type DeadLinkStyle string

// The styles of a gone link.
const (
	// DeadLinkAnnotate keeps the link on the live URL and adds
	// " ([archive](capture))" after it: the reader sees both, and the
	// post links to the page again if it comes back.
	DeadLinkAnnotate DeadLinkStyle = "annotate"
	// DeadLinkArchive points the link to the archived copy.
	DeadLinkArchive DeadLinkStyle = "archive"
)

// DefaultFileName is the file name pattern: the cutoff's date, then the
// slug.
const DefaultFileName = `{{.Date.Format "2006-01-02"}}-{{.Slug}}.md`

// DefaultConfig returns the configuration of the hand-written posts:
// weeks ending on Friday at 18:00 in Paris, a Jekyll post titled
// "Compilation veille Twitter & RSS" in the category "veille", its entries
// a definition list. (moisson's own defaults, set from its settings,
// differ: the week's title, entries in StyleQuote.)
func DefaultConfig() Config {
	loc, err := time.LoadLocation(DefaultTimeZone)
	if err != nil {
		// Unreachable: time/tzdata is embedded.
		loc = time.UTC
	}
	return Config{
		Location:     loc,
		CutoffDay:    time.Friday,
		CutoffHour:   18,
		CutoffMinute: 0,
		Format:       FormatJekyll,
		Title:        DefaultTitle,
		Slug:         DefaultSlug,
		Style:        StyleDefinition,
	}
}

// Validate reports the first field of c that cannot be used.
func (c Config) Validate() error {
	switch {
	case c.CutoffDay < time.Sunday || c.CutoffDay > time.Saturday:
		return fmt.Errorf("digest: cutoff day %d is not a weekday", c.CutoffDay)
	case c.CutoffHour < 0 || c.CutoffHour > 23:
		return fmt.Errorf("digest: cutoff hour %d is not between 0 and 23", c.CutoffHour)
	case c.CutoffMinute < 0 || c.CutoffMinute > 59:
		return fmt.Errorf("digest: cutoff minute %d is not between 0 and 59", c.CutoffMinute)
	case c.Format != "" && !slices.Contains(Formats, c.Format):
		return fmt.Errorf("digest: unknown format %q (want %s)", c.Format, formatList())
	case c.FrontMatter != "" && c.FrontMatter != YAML && c.FrontMatter != TOML:
		return fmt.Errorf("digest: unknown front matter %q (want yaml or toml)", c.FrontMatter)
	case c.Style != "" && c.Style != StyleQuote && c.Style != StyleDefinition && c.Style != StyleBold:
		return fmt.Errorf("digest: unknown post style %q (want %q, %q or %q)", c.Style, StyleQuote, StyleDefinition, StyleBold)
	case c.Lang != "" && c.Lang != French && c.Lang != English:
		return fmt.Errorf("digest: unknown language %q (want fr or en)", c.Lang)
	case c.LeadMax < 0:
		return fmt.Errorf("digest: lead length %d is negative", c.LeadMax)
	case c.DeadLinkStyle != "" && c.DeadLinkStyle != DeadLinkAnnotate && c.DeadLinkStyle != DeadLinkArchive:
		return fmt.Errorf("digest: unknown dead link style %q (want %q or %q)", c.DeadLinkStyle, DeadLinkAnnotate, DeadLinkArchive)
	case c.Dir != "" && !cleanRel(c.Dir):
		return fmt.Errorf("digest: folder %q must be a relative path inside the blog", c.Dir)
	case c.HugoSection != "" && !cleanRel(c.HugoSection):
		return fmt.Errorf("digest: Hugo section %q must be a relative path inside the blog", c.HugoSection)
	}
	if _, err := extraFields(c.ExtraFrontMatter); err != nil {
		return err
	}
	// The patterns and the template are tried on a sample week, so that a
	// mistake shows at start and not at the first cutoff.
	w := c.WeekOf(time.Date(2014, 10, 1, 12, 0, 0, 0, c.loc()))
	sample := Digest{Week: w, Links: 1, Sections: []Section{{Name: "Go", Entries: []Entry{{
		Key: "https://go.dev/", Title: "The Go Programming Language", URL: "https://go.dev/", Lead: "Build simple, secure, scalable systems with Go.",
		Link: moisson.Link{URL: "https://go.dev/", PostKey: "x/1", PostedAt: w.Start}, Scraped: true, Category: "Go",
	}}}}}
	data, err := c.data(sample, w.End)
	if err != nil {
		return err
	}
	if data.Slug == "" || strings.ContainsAny(data.Slug, `/\`) || strings.HasPrefix(data.Slug, ".") {
		return fmt.Errorf("digest: slug %q must be a plain file name part", data.Slug)
	}
	if _, err := c.fileName(data); err != nil {
		return err
	}
	if _, err := c.post(sample, w.End); err != nil {
		return err
	}
	return nil
}

// cleanRel reports whether p is a clean relative path that stays inside
// the blog directory.
func cleanRel(p string) bool {
	return filepath.IsLocal(filepath.FromSlash(p))
}

func (c Config) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

func (c Config) format() Format {
	if c.Format == "" {
		return FormatJekyll
	}
	return c.Format
}

func (c Config) title() string {
	switch c.Title {
	case "":
		return DefaultTitle
	case WeekPattern:
		return c.Lang.preset().title
	}
	return c.Title
}

func (c Config) lang() Lang {
	if c.Lang == "" {
		return French
	}
	return c.Lang
}

// formatList is "jekyll, hugo, … or markdown".
func formatList() string {
	var names []string
	for _, f := range Formats {
		names = append(names, string(f))
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func (c Config) frontMatter() FrontMatterFormat {
	switch {
	case c.format() == FormatZola:
		// Zola's own: its documentation, themes and `zola init` use TOML.
		return TOML
	case c.FrontMatter == "":
		return YAML
	}
	return c.FrontMatter
}

// PostDir is the folder the posts are written into, relative to the blog
// directory, with forward slashes: Config.Dir, else the format's.
func (c Config) PostDir() string { return c.dir() }

// dir is the folder of the post, with forward slashes.
func (c Config) dir() string {
	if c.Dir != "" {
		return path.Clean(filepath.ToSlash(c.Dir))
	}
	switch c.format() {
	case FormatHugo:
		return path.Join("content", c.hugoSection())
	case FormatMarkdown:
		return "posts"
	case FormatEleventy, FormatZola:
		return "content/blog"
	case FormatAstro:
		return "src/content/blog"
	}
	return "_posts"
}

func (c Config) hugoSection() string {
	if c.HugoSection == "" {
		return "posts"
	}
	return path.Clean(filepath.ToSlash(c.HugoSection))
}

// uncategorised is the section of links with neither a hashtag nor a
// rule: the categories file's default, else the language's.
// SectionNames returns the sections an entry can be moved to besides the
// week's own: those the categories file names, and the section of
// uncategorised links in the post's language, sorted without regard to
// case, each once.
func (c Config) SectionNames() []string {
	names := c.Categories.Names()
	if c.Categories.Default == "" {
		// Names gives the French default; the post's language decides.
		names = slices.DeleteFunc(names, func(n string) bool { return n == DefaultSection })
		names = append(names, c.uncategorised())
		slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
		names = slices.CompactFunc(names, func(a, b string) bool { return strings.EqualFold(a, b) })
	}
	return names
}

func (c Config) uncategorised() string {
	if c.Categories.Default != "" {
		return c.Categories.Default
	}
	return c.lang().preset().section
}

func (c Config) category() string {
	if c.Category == "" {
		return c.lang().preset().category
	}
	return c.Category
}

// style is the entries' style.
func (c Config) style() Style {
	switch {
	case c.BoldLinks:
		return StyleBold
	case c.Style == "":
		return StyleQuote
	}
	return c.Style
}

func (c Config) slug() string {
	switch c.Slug {
	case "":
		return DefaultSlug
	case WeekPattern:
		return c.Lang.preset().slug
	}
	return c.Slug
}

func (c Config) template() *Template {
	if c.Template == nil {
		return builtin
	}
	return c.Template
}
