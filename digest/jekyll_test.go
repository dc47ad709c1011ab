package digest

import (
	"bytes"
	"context"
	"io/fs"
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

// TestJekyllBuild builds a real Jekyll site holding the post written for
// the fixture week and checks the HTML kramdown makes of it: a heading per
// section, a definition list of links and leads, hard breaks, and every
// nasty title and lead shown as text.
func TestJekyllBuild(t *testing.T) {
	jekyll := requireTool(t, "jekyll")
	week, links, pages := fixture(t)
	cfg := configured(t)
	d := Build(week, links, pages, cfg)

	configs := map[string]string{
		// Jekyll's default: kramdown with the GFM parser, as GitHub Pages.
		"kramdown GFM": "markdown: kramdown\ndisable_disk_cache: true\n",
		"kramdown":     "markdown: kramdown\ndisable_disk_cache: true\nkramdown:\n  input: kramdown\n",
	}
	for name, config := range configs {
		t.Run(name, func(t *testing.T) {
			site := t.TempDir()
			writeFile(t, filepath.Join(site, "_config.yml"), config)
			writeFile(t, filepath.Join(site, "_layouts", "post.html"), "{{ content }}\n")
			if _, _, err := Write(site, d, cfg, week.End, WriteOptions{}); err != nil {
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
			if bytes.Contains(bytes.ToLower(out), []byte("warn")) || bytes.Contains(bytes.ToLower(out), []byte("error")) {
				t.Errorf("jekyll build complained:\n%s", out)
			}

			body := parseBuiltPost(t, dest)
			checkNoMarkup(t, body)
			if diff := cmp.Diff(expectedHTML(d), renderedHTML(t, body)); diff != "" {
				t.Errorf("built post (-want +got):\n%s", diff)
			}
		})
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// parseBuiltPost finds the one HTML page of the built site and returns its
// body.
func parseBuiltPost(t *testing.T, dest string) *html.Node {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dest, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".html") {
			found = append(found, path)
		}
		return err
	})
	if err != nil || len(found) != 1 {
		t.Fatalf("want one page in the built site, found %v (%v)", found, err)
	}
	data, err := os.ReadFile(found[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("<br />")) {
		t.Errorf("no hard break <br /> in\n%s", data)
	}
	return bodyOf(t, data)
}

// requireTool returns the path of a site generator, skipping the test when
// it is not installed, failing it under CI.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required under CI: apt-get install %s", name, name)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, name)
	}
	return path
}

// bodyOf parses a built page and returns its body.
func bodyOf(t *testing.T, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.DataAtom == atom.Body {
			body = n
		}
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if body == nil {
		t.Fatalf("no body in\n%s", data)
	}
	return body
}

// checkNoMarkup fails on any element that escaped text should never make.
func checkNoMarkup(t *testing.T, body *html.Node) {
	t.Helper()
	allowed := map[atom.Atom]bool{atom.P: true, atom.Br: true, atom.H3: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.A: true}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && !allowed[n.DataAtom] {
			t.Errorf("stray <%s> element in the built post", n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
}

// The built post, reduced to lines: "h3 Name", "dt href | title",
// "dd text" (with "<br>" for a hard break), "p href | title" for a link
// alone; "intro text" for the paragraph before the first heading.
func renderedHTML(t *testing.T, body *html.Node) []string {
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
			if a := onlyLink(c); a != nil {
				lines = append(lines, "p "+attr(a, "href")+" | "+textOf(a))
			} else {
				lines = append(lines, "intro "+textOf(c))
			}
		case atom.Dl:
			for item := c.FirstChild; item != nil; item = item.NextSibling {
				switch item.DataAtom {
				case atom.Dt:
					a := onlyLink(item)
					if a == nil {
						t.Errorf("dt is not one link: %s", textOf(item))
						continue
					}
					lines = append(lines, "dt "+attr(a, "href")+" | "+textOf(a))
				case atom.Dd:
					lines = append(lines, "dd "+textOf(item))
				}
			}
		default:
			t.Errorf("unexpected <%s> at the top of the post", c.Data)
		}
	}
	return lines
}

// expectedIntro is the fixture week's introduction as built: its links
// come from X and from a feed.
const expectedIntro = "intro La moisson de liens pour la semaine du 29 septembre au 3 octobre 2014.<br>\n" +
	"Ils ont, pour la plupart, été publiés sur mon compte Twitter et dans mes favoris.<br>\n" +
	"Les voici rassemblés pour ceux qui les auraient ratés."

func expectedHTML(d Digest) []string {
	lines := []string{expectedIntro}
	for _, s := range d.Sections {
		lines = append(lines, "h3 "+s.Name)
		for _, e := range s.Entries {
			href := markdownURL(e.URL)
			if e.Lead == "" {
				lines = append(lines, "p "+href+" | "+e.Title)
				continue
			}
			var paras []string
			for _, p := range strings.Split(e.Lead, "\n") {
				if p = oneLine(p); p != "" {
					paras = append(paras, p)
				}
			}
			lines = append(lines, "dt "+href+" | "+e.Title, "dd "+strings.Join(paras, "<br>\n"))
		}
	}
	return lines
}

// onlyLink returns n's single child element when it is a link holding
// text only.
func onlyLink(n *html.Node) *html.Node {
	var a *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && c.DataAtom == atom.A && a == nil:
			a = c
		default:
			return nil
		}
	}
	if a == nil || a.FirstChild == nil || a.FirstChild != a.LastChild || a.FirstChild.Type != html.TextNode {
		return nil
	}
	return a
}

// textOf is n's text, "<br>" for a line break, with kramdown's typographic
// quotes turned back into straight ones.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.DataAtom == atom.Br:
			b.WriteString("<br>")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(strings.TrimSpace(b.String()))
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
