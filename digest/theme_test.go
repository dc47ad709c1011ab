package digest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// quoteWeek is the fixture week in the quote style, with a comment on its
// first entry and a credit on its second.
func quoteWeek(t *testing.T, cfg Config) Digest {
	t.Helper()
	week, links, pages := fixture(t)
	links[1].Via, links[1].ViaURL = "@someone", "https://x.com/someone"
	d := Build(week, links, pages, cfg)
	first := d.Sections[0].Entries[0].Key
	return Apply(d, moisson.WeekEdits{Week: week.ID, Entries: map[string]moisson.EntryEdit{
		first: {Comment: "Mon avis : **à lire**, surtout la fin."},
	}})
}

// TestRenderGoldenQuote renders the fixture week in the quote style,
// moisson's default: the link in bold, the lead as a blockquote, the
// comment as a paragraph of its own.
func TestRenderGoldenQuote(t *testing.T) {
	cfg := configured(t)
	cfg.Style, cfg.Title = StyleQuote, WeekPattern
	golden(t, "week.quote.golden.md", Render(quoteWeek(t, cfg), cfg))
}

// TestQuoteStyleBuilds builds the quote style with real Jekyll (kramdown,
// GFM and not) and Hugo (Goldmark), and checks what themes get: per
// entry a paragraph holding the bold link (and its credit), the lead as a
// <blockquote>, the comment as a plain paragraph after it, never inside
// the quote.
func TestQuoteStyleBuilds(t *testing.T) {
	for _, gen := range []string{"jekyll", "jekyll kramdown", "hugo"} {
		t.Run(gen, func(t *testing.T) {
			cfg := configured(t)
			cfg.Style, cfg.Title = StyleQuote, WeekPattern
			var data []byte
			if gen == "hugo" {
				cfg.Format = FormatHugo
				data = buildHugoPost(t, quoteWeek(t, cfg), cfg, "")
			} else {
				config := "markdown: kramdown\n"
				if gen == "jekyll kramdown" {
					config += "kramdown:\n  input: kramdown\n"
				}
				data = buildJekyllPost(t, quoteWeek(t, cfg), cfg, config, "{{ content }}\n")
			}
			if diff := quoteDiff(t, quoteWeek(t, cfg), data); diff != "" {
				t.Errorf("built post (-want +got):\n%s", diff)
			}
		})
	}
}

// buildJekyllPost writes d into a new Jekyll site with config and the post
// layout given, builds it and returns the post's HTML.
func buildJekyllPost(t *testing.T, d Digest, cfg Config, config, layout string) []byte {
	t.Helper()
	jekyll := requireTool(t, "jekyll")
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "_config.yml"), config+"disable_disk_cache: true\n")
	if layout != "" {
		writeFile(t, filepath.Join(site, "_layouts", "post.html"), layout)
	}
	if _, _, err := Write(site, d, cfg, d.Week.End, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dest := filepath.Join(t.TempDir(), "_site")
	cmd := exec.CommandContext(ctx, jekyll, "build", "--source", site, "--destination", dest)
	cmd.Env = append(os.Environ(), "JEKYLL_ENV=production", "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("jekyll build: %v\n%s", err, out)
	}
	if bytes.Contains(bytes.ToLower(out), []byte("error")) {
		t.Errorf("jekyll build complained:\n%s", out)
	}
	files, err := filepath.Glob(filepath.Join(dest, "*", "*", "*", "*", "*.html"))
	if err != nil || len(files) != 1 {
		files, _ = filepath.Glob(filepath.Join(dest, "*", "*", "*", "*.html"))
	}
	if len(files) != 1 {
		t.Fatalf("want the one post in the built site, found %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// buildHugoPost writes d into a new Hugo site (its single page layout given,
// or one that shows the content alone) and returns the post's HTML.
func buildHugoPost(t *testing.T, d Digest, cfg Config, extraConfig string) []byte {
	t.Helper()
	hugo := requireTool(t, "hugo")
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "config.toml"), "baseURL = 'https://blog.example.org/'\n"+
		"disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n"+extraConfig)
	writeFile(t, filepath.Join(site, "layouts", "_default", "single.html"), "<html><body>{{ .Content }}</body></html>\n")
	writeFile(t, filepath.Join(site, "layouts", "_default", "list.html"), "<html><body></body></html>\n")
	writeFile(t, filepath.Join(site, "layouts", "index.html"), "<html><body></body></html>\n")
	cfg.FrontMatter = DetectFrontMatter(site, cfg.Format)
	pub, _, err := Write(site, d, cfg, d.Week.End, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dest := filepath.Join(t.TempDir(), "public")
	cmd := exec.CommandContext(ctx, hugo, "--source", site, "--destination", dest, "--buildFuture", "--quiet")
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	if bytes.Contains(bytes.ToLower(out), []byte("warn")) || bytes.Contains(bytes.ToLower(out), []byte("error")) {
		t.Errorf("hugo complained:\n%s", out)
	}
	slug := strings.TrimSuffix(filepath.Base(pub.Path), ".md")
	data, err := os.ReadFile(filepath.Join(dest, "posts", slug, "index.html"))
	if err != nil {
		t.Fatalf("the post was not built: %v", err)
	}
	return data
}

// quoteLines reduces a post in the quote style to lines: "intro text",
// "h3 Name", "entry href | title | rest", "quote text" (paragraphs joined
// by " / "), "comment text". A blockquote holding anything but
// paragraphs, or a comment inside a quote, fails.
func quoteLines(t *testing.T, root *html.Node) []string {
	t.Helper()
	var lines []string
	inSections := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Div:
				walk(c) // wrappers (microformats) are looked through
			case atom.H3:
				inSections = true
				lines = append(lines, "h3 "+textOf(c))
			case atom.Blockquote:
				var paras []string
				for p := c.FirstChild; p != nil; p = p.NextSibling {
					if p.Type == html.ElementNode {
						if p.DataAtom != atom.P {
							t.Errorf("<%s> in a quote", p.Data)
						}
						paras = append(paras, textOf(p))
					}
				}
				lines = append(lines, "quote "+strings.Join(paras, " / "))
			case atom.P:
				first := c.FirstChild
				for first != nil && first.Type == html.TextNode && strings.TrimSpace(first.Data) == "" {
					first = first.NextSibling
				}
				switch {
				case !inSections:
					lines = append(lines, "intro "+textOf(c))
				case first != nil && first.DataAtom == atom.Strong:
					link := first
					if span := first.FirstChild; span != nil && span.DataAtom == atom.Span && span == first.LastChild {
						link = span // the h-cite's p-name
					}
					a := onlyLink(link)
					if a == nil {
						t.Errorf("bold part is not one link: %s", textOf(first))
						continue
					}
					var rest strings.Builder
					for n := first.NextSibling; n != nil; n = n.NextSibling {
						if n.Type == html.TextNode {
							rest.WriteString(n.Data)
						} else {
							rest.WriteString(textOf(n))
						}
					}
					lines = append(lines, "entry "+attr(a, "href")+" | "+textOf(a)+" | "+strings.TrimSpace(rest.String()))
				default:
					lines = append(lines, "comment "+textOf(c))
				}
			default:
				if c.DataAtom != atom.Data && c.DataAtom != atom.Time && c.DataAtom != atom.Span {
					t.Errorf("unexpected <%s> in the post", c.Data)
				}
			}
		}
	}
	walk(root)
	return lines
}

func expectedQuoteHTML(d Digest) []string {
	lines := []string{expectedIntro}
	for _, s := range d.Sections {
		lines = append(lines, "h3 "+s.Name)
		for _, e := range s.Entries {
			rest := ""
			if e.Via != "" {
				rest = ", via " + e.Via
			}
			lines = append(lines, "entry "+markdownURL(e.URL)+" | "+e.Title+" | "+rest)
			var paras []string
			for _, p := range strings.Split(e.Lead, "\n") {
				if p = oneLine(p); p != "" {
					paras = append(paras, p)
				}
			}
			if len(paras) > 0 {
				lines = append(lines, "quote "+strings.Join(paras, " / "))
			}
			if e.Comment != "" {
				lines = append(lines, "comment Mon avis : à lire, surtout la fin.")
			}
		}
	}
	return lines
}

// quoteDiff compares a built post in the quote style with d.
func quoteDiff(t *testing.T, d Digest, page []byte) string {
	t.Helper()
	return cmp.Diff(expectedQuoteHTML(d), quoteLines(t, bodyOf(t, page)))
}
