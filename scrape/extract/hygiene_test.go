package extract

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// leaked matches the markup, script and template fragments that no
// title, lead or site name may carry, written apart from the code's own
// list so that the property is checked, not restated: a tag or comment,
// DOM calls, string concatenation, template delimiters, the end of a
// statement after a quote.
var leaked = regexp.MustCompile(`<[a-zA-Z/!?%]|-->|document\.[a-z]|window\.[a-z]|getElementBy|innerHTML|\+ '|' \+|\{\{|\}\}|<%|%>|\{%|%\}|["']\);`)

// hygienePages lists the HTML pages the repository's tests hold: every
// .html or .htm file of the repository (the example pages, every
// testdata folder) but the review page's Go templates, with the URL each
// is read at (an example page at its host).
func hygienePages(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	pages := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "templates" {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".html" && ext != ".htm" {
			return nil
		}
		u := "https://news.example.com/2024/03/03/" + d.Name()
		rel, _ := filepath.Rel(root, path)
		if parts := strings.Split(filepath.ToSlash(rel), "/"); len(parts) == 4 && parts[0] == "example" && parts[1] == "pages" {
			u = "https://" + parts[2] + "/" + parts[3]
		}
		pages[path] = u
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if dir := corpusDir(); dir != "" {
		if files, _ := filepath.Glob(filepath.Join(dir, "*.html")); len(files) > 0 {
			for _, f := range files {
				pages[f] = corpusURL.String()
			}
		} else {
			t.Logf("corpus not found in %s: only the repository's pages are checked", dir)
		}
	}
	return pages
}

// TestNoMarkupInTitlesOrLeads is the hygiene property: on every page the
// tests hold, with and without its metadata titles, the title, the lead,
// the lead candidates and the site name carry no markup, script or
// template fragment, and the title no quote a script left open.
func TestNoMarkupInTitlesOrLeads(t *testing.T) {
	pages := hygienePages(t)
	if len(pages) < 150 {
		t.Fatalf("only %d pages found", len(pages))
	}
	check := func(name, what, s string) {
		if m := leaked.FindString(s); m != "" {
			t.Errorf("%s: %s carries %q: %.200q", name, what, m, s)
		}
	}
	for path, raw := range pages {
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(raw)
		res, _ := ExtractWith(body, u, "text/html", Options{})
		check(path, "title", res.Title)
		check(path, "lead", res.Lead)
		check(path, "site", res.Site)
		for _, p := range res.Paragraphs {
			check(path, "paragraph", p)
		}
		if strings.Count(res.Title, `"`)%2 == 1 && strings.ContainsAny(res.Title, ";=") {
			t.Errorf("%s: title holds a script's open quote: %q", path, res.Title)
		}
		if (res.Title == "") != (res.TitleSource == SourceNone) || (res.Lead == "") != (res.LeadSource == SourceNone) {
			t.Errorf("%s: title %q from %q, lead %.40q from %q: a text has a source, and only a text", path, res.Title, res.TitleSource, res.Lead, res.LeadSource)
		}
		// Without its metadata titles the page's <title> and headings
		// are read: they too must come out clean.
		doc := parseCorpusPage(t, body)
		stripTitleMetadata(doc)
		check(path, "stripped title", extractHTML(doc, u).Title)
	}
}

func TestHasMarkup(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Plain headline: with a colon - and a dash", false},
		{"Why a < b and 2 <3 matter", false},
		{"He closed the document. Then he left by the window.", false},
		{"JavaScript: The Good Parts", false},
		{`Nation'?' + OAS_query + '">`, true},
		{`Korea Times)ntById("font"); obj.style`, true},
		{"BBC SPORTi library-->", true},
		{"<b>Bold</b> claim", true},
		{"Hello {{ user.name }}", true},
		{"<%= title %>", true},
		{"document.write('x')", true},
		{"var el = document.getElementById('a')", true},
	} {
		if got := hasMarkup(tc.s) || scriptQuotes(tc.s); got != tc.want {
			t.Errorf("hasMarkup(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
