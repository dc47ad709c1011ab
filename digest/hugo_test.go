package digest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestHugoBuild builds a real Hugo site holding the post written in Hugo's
// format and checks the HTML Goldmark makes of it: a heading per section,
// then the entries as a definition list (Hugo's default since 0.60), or
// with BoldLinks a paragraph per entry with the link in bold and the lead
// after a hard break; every nasty title and lead shown as text.
func TestHugoBuild(t *testing.T) {
	hugo := requireTool(t, "hugo")
	week, links, pages := fixture(t)
	for _, bold := range []bool{false, true} {
		t.Run(fmt.Sprintf("bold links %v", bold), func(t *testing.T) {
			cfg := configured(t)
			cfg.Format, cfg.BoldLinks = FormatHugo, bold
			d := Build(week, links, pages, cfg)

			site := t.TempDir()
			writeFile(t, filepath.Join(site, "config.toml"), "baseURL = 'https://blog.example.org/'\n"+
				"disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n")
			writeFile(t, filepath.Join(site, "layouts", "_default", "single.html"), "<html><body>{{ .Content }}</body></html>\n")
			writeFile(t, filepath.Join(site, "layouts", "_default", "list.html"), "<html><body></body></html>\n")
			writeFile(t, filepath.Join(site, "layouts", "index.html"), "<html><body></body></html>\n")
			cfg.FrontMatter = DetectFrontMatter(site, cfg.Format)
			if cfg.FrontMatter != TOML {
				t.Errorf("front matter of a site configured in TOML = %q", cfg.FrontMatter)
			}
			pub, _, err := Write(site, d, cfg, week.End, WriteOptions{})
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
			body := bodyOf(t, data)
			if bold {
				if diff := cmp.Diff(expectedHugoHTML(d), hugoLines(t, body)); diff != "" {
					t.Errorf("built post (-want +got):\n%s", diff)
				}
				return
			}
			checkNoMarkup(t, body)
			if diff := cmp.Diff(expectedHTML(d), renderedHTML(t, body)); diff != "" {
				t.Errorf("built post (-want +got):\n%s", diff)
			}
		})
	}
}

// hugoLines reduces the built post to lines: "h3 Name", "entry href |
// title | lead" (with "<br>" for a hard break), "intro text".
func hugoLines(t *testing.T, body *html.Node) []string {
	t.Helper()
	var lines []string
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.H3:
			lines = append(lines, "h3 "+textOf(c))
		case atom.P:
			first := c.FirstChild
			for first != nil && first.Type == html.TextNode && strings.TrimSpace(first.Data) == "" {
				first = first.NextSibling
			}
			if first == nil || first.DataAtom != atom.Strong {
				lines = append(lines, "intro "+textOf(c))
				continue
			}
			a := onlyLink(first)
			if a == nil {
				t.Errorf("bold part is not one link: %s", textOf(first))
				continue
			}
			rest := &html.Node{Type: html.ElementNode, DataAtom: atom.Span, Data: "span"}
			for n := first.NextSibling; n != nil; n = n.NextSibling {
				rest.AppendChild(&html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Attr: n.Attr, FirstChild: n.FirstChild, LastChild: n.LastChild})
			}
			lead := strings.TrimPrefix(textOf(rest), "<br>")
			lines = append(lines, "entry "+attr(a, "href")+" | "+textOf(a)+" | "+strings.TrimSpace(lead))
		default:
			t.Errorf("unexpected <%s> at the top of the post", c.Data)
		}
	}
	return lines
}

func expectedHugoHTML(d Digest) []string {
	lines := []string{expectedIntro}
	for _, s := range d.Sections {
		lines = append(lines, "h3 "+s.Name)
		for _, e := range s.Entries {
			var paras []string
			for _, p := range strings.Split(e.Lead, "\n") {
				if p = oneLine(p); p != "" {
					paras = append(paras, p)
				}
			}
			lines = append(lines, "entry "+markdownURL(e.URL)+" | "+e.Title+" | "+strings.Join(paras, "<br>\n"))
		}
	}
	return lines
}
