package digest

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/moisson/moisson"
)

// Path returns the post's file, relative to the blog directory and with
// forward slashes: the folder (Config.Dir, by default "_posts" for Jekyll,
// "content/posts" for Hugo, "posts" for Markdown) and the file name
// pattern, by default the cutoff's date and the slug:
// "_posts/2014-10-03-compilation-veille.md". A pattern that fails (which
// Config.Validate reports) gives the default name.
func (d Digest) Path(cfg Config) string {
	name := d.Week.End.In(cfg.loc()).Format(time.DateOnly) + "-" + DefaultSlug + ".md"
	if data, err := cfg.pathData(d); err == nil {
		if n, err := cfg.fileName(data); err == nil {
			name = n
		}
	}
	return path.Join(cfg.dir(), name)
}

// pathData is the data the title, slug and file name patterns need: no
// front matter, no entries.
func (c Config) pathData(d Digest) (Data, error) {
	short := Digest{Week: d.Week, Links: d.Links, Hidden: d.Hidden, Unscraped: d.Unscraped, Edits: d.Edits}
	for _, s := range d.Sections {
		short.Sections = append(short.Sections, Section{Name: s.Name})
	}
	return c.data(short, d.Week.End)
}

// Render writes the post in Markdown, dated with the week's cutoff, with
// the configured template (Config.Template, else the built-in one). It is
// Post without the error: a custom template that fails gives the post of
// the built-in template with the error in an HTML comment at its end, for
// the preview (Write reports it).
//
// The built-in template follows the hand-written posts: front matter
// (see Config.fields), an introduction naming the week and the sources in
// the post's language, then for each section a "### Name" heading and its
// entries as a definition list (kramdown, Goldmark): "[Title](URL)" on
// one line, ": lead" on the next, the lead's paragraphs joined by
// Markdown hard line breaks. An entry with no lead is a paragraph holding
// the link. With Config.BoldLinks each entry is "**[Title](URL)**" then
// the lead's paragraphs on the next lines.
//
// A credit (Entry.Via) adds a last line "via @x" to the lead, linking to
// Entry.ViaURL. A comment (Entry.Comment) follows as paragraphs of its own:
// within the entry's definition (indented, the definition made of
// paragraphs), or after the bold link's paragraph. The introduction is
// d.Edits.Intro when the author wrote one. With cfg.Draft the front matter
// says the post is a draft: "published: false" for Jekyll, "draft: true"
// for Hugo and Markdown.
//
// Titles, leads and section names are escaped so that nothing in them is
// read as Markdown, HTML, kramdown extensions or math, nor as Liquid tags
// or Hugo shortcodes: they show as written. The author's comment and
// introduction are Markdown, kept as written but for Liquid tags and Hugo
// shortcodes ("{{", "{%"), whose brace is written as an HTML entity, and
// a code fence left open, which is closed: a comment cannot run Liquid or
// swallow the rest of the post.
func Render(d Digest, cfg Config) []byte {
	return render(d, cfg, d.Week.End)
}

// Post is Render with the error of a template that fails.
func Post(d Digest, cfg Config) ([]byte, error) {
	return cfg.post(d, d.Week.End)
}

// render writes the post dated date.
func render(d Digest, cfg Config, date time.Time) []byte {
	out, err := cfg.post(d, date)
	if err == nil {
		return out
	}
	cfg.Template = nil
	cfg.Title, cfg.Slug, cfg.ExtraFrontMatter = DefaultTitle, DefaultSlug, ""
	out, berr := cfg.post(d, date)
	if berr != nil {
		// Unreachable: the built-in template and patterns do not fail.
		out = nil
	}
	return append(out, fmt.Sprintf("\n<!-- moisson: %s -->\n", strings.ReplaceAll(err.Error(), "--", "- -"))...)
}

// renderVia is the credit line, "via [@x](URL)", or "" when there is none.
func renderVia(via, viaURL string) string {
	if via == "" {
		return ""
	}
	name := escapeText(via)
	if isWebURL(viaURL) {
		name = fmt.Sprintf("[%s](%s)", name, markdownURL(viaURL))
	}
	return "via " + name
}

// indent prefixes every non-blank line of s with prefix.
func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = prefix + l
		} else {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

var fenceRE = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")

// authorMarkdown makes the author's Markdown (a comment, an introduction)
// safe to put in the post: line ends made "\n", control characters
// dropped, the brace of "{{", "{%" and "{#" written as "&#123;" so that
// neither Liquid, Nunjucks (Eleventy), Hugo nor Zola runs what the author
// wrote, and a code
// fence left open closed. Inside code the entity shows as written: a
// template tag cannot be shown in a comment.
func authorMarkdown(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '{' && (strings.HasPrefix(s[i+1:], "{") || strings.HasPrefix(s[i+1:], "%") || strings.HasPrefix(s[i+1:], "#")):
			b.WriteString("&#123;")
		case r == utf8.RuneError || (r < ' ' && r != '\t' && r != '\n') || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	lines := strings.Split(strings.Trim(b.String(), "\n"), "\n")
	fence := ""
	for _, l := range lines {
		if m := fenceRE.FindStringSubmatch(l); m != nil {
			switch {
			case fence == "":
				fence = m[1]
			case m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(l[strings.Index(l, m[1])+len(m[1]):]) == "":
				fence = ""
			}
		}
	}
	out := strings.TrimSpace(strings.Join(lines, "\n"))
	if out == "" {
		return ""
	}
	if fence != "" {
		out += "\n" + fence
	}
	return out
}

// hardBreak ends a line without ending the paragraph.
const hardBreak = "  \n"

// firstDay is the first day named in the introduction: the Monday of the
// cutoff's week, or the day the week started when it started earlier
// than its regular start (the week before was closed early by the
// author) or when it ended before that Monday.
func firstDay(w moisson.Week, cfg Config) time.Time {
	monday := w.Monday.In(cfg.loc())
	if w.Start.IsZero() || w.End.IsZero() {
		return monday
	}
	regular := cfg.WeekOf(w.End.Add(-time.Nanosecond))
	if w.Start.Before(regular.Start) || !w.End.After(monday) {
		start := w.Start.In(cfg.loc())
		return time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, cfg.loc())
	}
	return monday
}

// lastDay is the last day named in the introduction: the cutoff's day, or
// the day before when the cutoff is at midnight (but never before the
// first day, firstDay).
func lastDay(w moisson.Week, cfg Config) time.Time {
	last := w.End.Add(-time.Nanosecond).In(cfg.loc())
	if first := firstDay(w, cfg); last.Before(first) {
		return first
	}
	return last
}

// renderQuote escapes the lead's paragraphs and writes them as a
// blockquote, one quoted paragraph each.
func renderQuote(lead string) string {
	var paras []string
	for _, p := range strings.Split(lead, "\n") {
		if p = oneLine(p); p != "" {
			paras = append(paras, "> "+escapeLineStart(escapeText(p)))
		}
	}
	return strings.Join(paras, "\n>\n")
}

// renderLead escapes the lead's paragraphs and joins them with hard breaks.
func renderLead(lead string) string {
	var lines []string
	for _, p := range strings.Split(lead, "\n") {
		if p = oneLine(p); p != "" {
			lines = append(lines, escapeLineStart(escapeText(p)))
		}
	}
	return strings.Join(lines, hardBreak)
}

var entityRE = regexp.MustCompile(`^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// escapeText escapes s so that kramdown (with its GFM parser or not),
// Goldmark, Liquid and Hugo shortcodes read it as plain text. It escapes
// every character that opens a span: emphasis, code, links and images,
// inline HTML and autolinks, IALs and extensions ("{:"), Liquid tags and
// shortcodes ("{{", "{%"), math ("$$"), strikethrough ("~~"), table cells
// ("|") and entities. Parentheses need no escape once brackets are escaped.
// It does not protect the start of a line: see escapeLineStart.
func escapeText(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '[', ']', '*', '_', '`', '<', '>', '|':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '{':
			// Not "\{": Liquid would still see "{%" in "\{%".
			b.WriteString("&#123;")
		case '}':
			b.WriteString("&#125;")
		case '$':
			if strings.HasPrefix(s[i+1:], "$") || strings.HasSuffix(s[:i], "$") {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '~':
			if strings.HasPrefix(s[i+1:], "~") || strings.HasSuffix(s[:i], "~") {
				b.WriteString("&#126;")
			} else {
				b.WriteRune(r)
			}
		case '&':
			if entityRE.MatchString(s[i:]) {
				b.WriteString("&amp;")
			} else {
				b.WriteRune(r)
			}
		default:
			if r == utf8.RuneError || (r < ' ' && r != '\t') || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

var orderedRE = regexp.MustCompile(`^([0-9]+)([.)])`)

// escapeLineStart escapes what would make an escaped line a block of its
// own at the start of a line: a heading, a list item, a setext underline,
// a definition, a fence or kramdown's end-of-block marker.
func escapeLineStart(line string) string {
	if line == "" {
		return line
	}
	if m := orderedRE.FindStringSubmatchIndex(line); m != nil {
		return line[:m[3]] + "\\" + line[m[4]:]
	}
	switch line[0] {
	case '#', '-', '+', '=', ':':
		return "\\" + line
	case '~':
		return "&#126;" + line[1:]
	case '^':
		return "&#94;" + line[1:]
	}
	return line
}

// escapeHeading escapes a section name for an ATX heading, where a '#'
// would be taken for a closing sequence.
func escapeHeading(s string) string {
	return strings.ReplaceAll(escapeText(oneLine(s)), "#", "\\#")
}

// markdownURL percent-encodes what would end or break a link's destination
// in Markdown: spaces, controls, parentheses, angle brackets, quotes,
// backslashes, braces (Liquid, shortcodes), pipes and backquotes.
func markdownURL(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte("()<>\"\\{}|^`", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// yamlString quotes s as a YAML double-quoted scalar.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02X`, r)
		case r == 0x2028 || r == 0x2029 || r == 0x85 || r == 0xfeff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var (
	plainRE   = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]*$`)
	numericRE = regexp.MustCompile(`^[0-9_.-]+$`)
)

// yamlPlain writes s as a YAML plain scalar when it is a simple word that
// YAML reads as a string, quoted otherwise.
func yamlPlain(s string) string {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null":
		return yamlString(s)
	}
	if plainRE.MatchString(s) && !numericRE.MatchString(s) {
		return s
	}
	return yamlString(s)
}

// htmlAttr escapes s for a double-quoted HTML attribute value: the
// characters HTML needs, and braces, so that neither Liquid nor Hugo sees
// a tag.
func htmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;", "{", "&#123;", "}", "&#125;").Replace(oneLine(s))
}
