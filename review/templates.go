package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io/fs"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// pages are the templates, each executed with layout.html.
// The parts (templates/parts/*.html: an entry, the forms of the week's
// toolbar...) are parsed with every page.
var pages = []string{"weeks", "week", "entry", "preview", "status", "login", "error", "conflict"}

func parseTemplates() map[string]*template.Template {
	t := make(map[string]*template.Template, len(pages))
	for _, name := range pages {
		t[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts/*.html", "templates/"+name+".html"))
	}
	return t
}

var funcs = template.FuncMap{
	"entryID":   EntryID,
	"sectionID": SectionID,
	"inc":       func(i int) int { return i + 1 },
}

// assetVersion is a hash of the static files, put in their URLs so that a
// new binary's CSS and script are not taken from a cache.
func assetVersion() string {
	h := sha256.New()
	fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := staticFS.ReadFile(path)
			h.Write([]byte(path))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// md renders the post's Markdown as the blog would, definition lists
// included (the entries are "[title](url)\n: lead"). Raw HTML in it is
// not rendered, and dangerous link schemes are dropped.
var md = goldmark.New(goldmark.WithExtensions(extension.DefinitionList))

// renderMarkdown renders a post, its front matter left out.
func renderMarkdown(src string) template.HTML {
	body := []byte(stripFrontMatter(src))
	var buf bytes.Buffer
	if err := md.Convert(body, &buf); err != nil {
		return template.HTML("<pre>" + template.HTMLEscapeString(src) + "</pre>")
	}
	return template.HTML(buf.String()) // goldmark escapes text and drops raw HTML.
}

// stripFrontMatter cuts a Jekyll/Hugo front matter ("---" … "---").
func stripFrontMatter(s string) string {
	for _, fence := range []string{"---\n", "+++\n"} {
		if len(s) >= len(fence) && s[:len(fence)] == fence {
			rest := s[len(fence):]
			if i := bytes.Index([]byte(rest), []byte("\n"+fence[:3])); i >= 0 {
				rest = rest[i+4:]
				if len(rest) > 0 && rest[0] == '\n' {
					rest = rest[1:]
				}
				return rest
			}
		}
	}
	return s
}
