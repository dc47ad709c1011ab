package digest

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"strings"
	"text/template"
	"time"

	"github.com/moisson/moisson"
)

// Data is what the post's template is given (MOISSON_TEMPLATE), and the
// title, slug and file name patterns too. The built-in template
// (DefaultTemplate, `moisson template --print`) is written with it.
//
// Times are in the configured time zone. Fields ending in "Markdown" are
// ready to be written in the post: escaped so that nothing in a title or
// a lead is read as Markdown, HTML, Liquid or a Hugo shortcode; the
// others are the raw values (escape them with the md and url functions).
type Data struct {
	// Lang is the post's language, "fr" or "en".
	Lang Lang
	// Format is "jekyll", "hugo", "eleventy", "zola", "astro" or
	// "markdown".
	Format Format
	// Title and Slug come from the title and slug patterns (empty while
	// those patterns themselves are run).
	Title string
	Slug  string
	// Date is the post's date: the week's cutoff, or the time of writing
	// for a week still open (a post dated in the future is not built).
	Date time.Time
	// Draft is true when the post is written as a draft.
	Draft bool
	// URL is the post's address on the blog (MOISSON_BLOG_URL and
	// MOISSON_PERMALINK), "" when no blog URL is set.
	URL  string
	Week WeekData
	// FrontMatter is the built-in front matter, delimiters included and
	// ending with a newline: YAML between "---" lines, or TOML between
	// "+++" lines for a Hugo site configured in TOML.
	FrontMatter string
	// Intro is the introduction, in Markdown: the author's when they wrote
	// one, else the language's, naming the week and the sources used.
	Intro string
	// Description is the short summary of the front matter: "47 liens :
	// SSL, Analytics, PHP…".
	Description string
	// Tags are the sections' names (and the week's hashtags when
	// configured); Categories the post's category.
	Tags       []string
	Categories []string
	// Sources are the kinds of source the week's links came from, in a
	// fixed order: "x", "mastodon", "bluesky", "feed", "hand".
	Sources []string
	// Sections are the post's sections, in order.
	Sections []SectionData
	// Links counts the entries of the post, Hidden those the author hid,
	// Unscraped those whose page could not be scraped.
	Links     int
	Hidden    int
	Unscraped int
	// BoldLinks is true when entries are written as a bold link followed
	// by the lead instead of a definition list (MOISSON_HUGO_DL=0).
	BoldLinks bool
	// Style is how entries are written: "quote" (the default), "bold"
	// or "definition" (MOISSON_POST_STYLE).
	Style Style
	// Microformats is true when the post is marked up with microformats
	// (h-entry, h-cite) in HTML wrappers; Author is the post's author
	// (the extra front matter's author), "" when unknown.
	Microformats bool
	Author       string

	// weekSlug is true when the slug differs from week to week.
	weekSlug bool
}

// WeekData is the week of the post.
type WeekData struct {
	// ID is the ISO week of the cutoff, "2014-W40"; Year and Number its
	// parts (2014, 40).
	ID     string
	Year   int
	Number int
	// Start is the previous cutoff, End this week's cutoff, Monday 00:00
	// on the Monday of the cutoff's week, LastDay the last day named in
	// the introduction.
	Start, End, Monday, LastDay time.Time
	// Days spells the week's days in the post's language: "du 29
	// septembre au 3 octobre 2014", "from September 29 to October 3,
	// 2014".
	Days string
}

// SectionData is one section of the post.
type SectionData struct {
	// Name is the section's name; Heading the same, escaped for a heading.
	Name    string
	Heading string
	Entries []EntryData
}

// EntryData is one entry of the post.
type EntryData struct {
	// Key names the entry in the author's edits.
	Key string
	// Title, URL, Lead (paragraphs separated by "\n"), Comment (the
	// author's Markdown), Via and ViaURL (the credit), as in Entry.
	Title, URL, Lead, Comment, Via, ViaURL string
	// ArchiveURL is the Wayback Machine capture the page was read from,
	// when the live page was gone.
	ArchiveURL string
	// Site is the site's name, Kind "html", "pdf" or "other".
	Site string
	Kind moisson.Kind
	// Scraped is false for a page that could not be scraped (its title
	// then comes from the post).
	Scraped bool
	// Link is the entry's Markdown link, "[Title](URL)", escaped: for a
	// page that is gone but archived (ArchiveURL), TitleLink then
	// ArchiveNote, as Config.DeadLinkStyle says.
	Link string
	// TitleLink is the title's link alone: to URL, or to ArchiveURL with
	// DeadLinkArchive.
	TitleLink string
	// ArchiveNote is " ([archive](ArchiveURL))" after the link of a page
	// that is gone but archived, with DeadLinkAnnotate; empty otherwise.
	ArchiveNote string
	// LeadMarkdown is the lead, escaped, its paragraphs joined by hard
	// line breaks, and the credit ("via @x") as its last line.
	LeadMarkdown string
	// CommentMarkdown is the author's comment, made safe to include.
	CommentMarkdown string
	// QuoteMarkdown is the lead as a Markdown blockquote: each of its
	// paragraphs escaped, on lines starting with "> ", without the
	// credit; empty when there is no lead.
	QuoteMarkdown string
	// ViaMarkdown is the credit, "via [@x](URL)", or empty.
	ViaMarkdown string
	// Posts are the posts that shared the page in the week, the first
	// one first.
	Posts []PostData
	// Image is the page's preview image as the post shows it, nil when
	// there is none or the post shows no images (MOISSON_IMAGES=0).
	Image *ImageData
}

// PostData is a post that shared an entry's page.
type PostData struct {
	// Key is the post's key in the store ("x/123", "feed:https://…/id").
	Key string
	// Source is its kind of source: "x", "mastodon", "bluesky", "feed",
	// "hand".
	Source   string
	Text     string
	PostedAt time.Time
	Hashtags []string
}

//go:embed templates/post.md.tmpl
var defaultTemplate string

// DefaultTemplate returns the text of the built-in post template: what
// `moisson template --print` writes, a start for MOISSON_TEMPLATE.
func DefaultTemplate() string { return defaultTemplate }

// Template is a parsed post template.
type Template struct {
	t *template.Template
}

var builtin = mustParse("post", defaultTemplate)

func mustParse(name, text string) *Template {
	t, err := ParseTemplate(name, text)
	if err != nil {
		panic(err)
	}
	return t
}

// ParseTemplate parses text, a Go text/template for the whole post (front
// matter included) given Data, with the functions of FuncNames. A block
// named "announce", when defined, gives the text of the post's
// announcement (see Announcement).
func ParseTemplate(name, text string) (*Template, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(funcs).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("digest: template %s: %w", name, err)
	}
	return &Template{t: t}, nil
}

// LoadTemplate reads and parses the template file at path.
func LoadTemplate(path string) (*Template, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("digest: read template: %w", err)
	}
	return ParseTemplate(path, string(text))
}

func (t *Template) execute(name string, data any) (string, error) {
	var b bytes.Buffer
	tt := t.t
	if name != "" {
		tt = t.t.Lookup(name)
		if tt == nil {
			return "", fmt.Errorf("digest: template %s defines no %q", t.t.Name(), name)
		}
	}
	if err := tt.Execute(&b, data); err != nil {
		return "", fmt.Errorf("digest: template: %w", err)
	}
	return b.String(), nil
}

// funcs are the functions templates may call.
var funcs = template.FuncMap{
	// md escapes text so that Markdown, HTML, Liquid and shortcodes read
	// it as written.
	"md": escapeText,
	// url percent-encodes what would break a Markdown link's destination.
	"url": markdownURL,
	// heading escapes a section name for an ATX heading.
	"heading": escapeHeading,
	// lead escapes a lead and joins its paragraphs with hard breaks.
	"lead": renderLead,
	// hang indents every line but the first by n spaces (blank lines left
	// empty): a comment continued within a definition.
	"hang": func(n int, s string) string {
		first, rest, ok := strings.Cut(s, "\n")
		if !ok {
			return s
		}
		return first + "\n" + indent(rest, strings.Repeat(" ", n))
	},
	// indent indents every non-blank line by n spaces.
	"indent": func(n int, s string) string { return indent(s, strings.Repeat(" ", n)) },
	// br is a Markdown hard line break: two spaces and a newline.
	"br": func() string { return hardBreak },
	// lower and upper change the case; join joins strings.
	"lower": strings.ToLower,
	"upper": strings.ToUpper,
	"join":  func(sep string, s []string) string { return strings.Join(s, sep) },
	// date spells a date in a language ("fr" or "en"): "3 octobre 2014".
	"date": func(l Lang, t time.Time) string { return l.Date(t) },
	// longDate adds the day of the week: "vendredi 3 octobre 2014".
	"longDate": func(l Lang, t time.Time) string { return l.LongDate(t) },
	// yaml quotes a string as a YAML double-quoted scalar.
	"yaml": yamlString,
	// attr escapes text for an HTML attribute's value, braces included
	// (Liquid, shortcodes).
	"attr": htmlAttr,
	// rfc3339 formats a time as 2014-10-03T18:00:00+02:00.
	"rfc3339": func(t time.Time) string { return t.Format(time.RFC3339) },
}

// FuncNames lists the functions a template may call, for the
// documentation: md, url, heading, lead, hang, indent, br, lower, upper,
// join, date, longDate, yaml, attr, rfc3339, and text/template's own.
func FuncNames() []string {
	return []string{"md", "url", "heading", "lead", "hang", "indent", "br", "lower", "upper", "join", "date", "longDate", "yaml", "attr", "rfc3339"}
}

// runPattern runs a one-line pattern (title, slug, file name) on data; a
// pattern without "{{" is taken as it is.
func runPattern(name, pattern string, data Data) (string, error) {
	if !strings.Contains(pattern, "{{") {
		return pattern, nil
	}
	t, err := ParseTemplate(name, pattern)
	if err != nil {
		return "", err
	}
	s, err := t.execute("", data)
	if err != nil {
		return "", err
	}
	return oneLine(s), nil
}
