// Command gen writes the example data of package example: one page per
// link of the reference post (HTML pages in varied real-world shapes, one
// PDF), the pages' manifest, the expected entries, and the X archive export
// that shares those links.
//
// Titles, leads and sections come from testdata/reference.md, the rest from
// the table in data.go. Run it from the example directory:
//
//	go run ./internal/gen
//
// Its output is committed; run it again only after changing the table or the
// templates, and review the diff.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

func main() {
	dir := flag.String("dir", ".", "the example package's directory")
	flag.Parse()
	if err := run(*dir); err != nil {
		log.Fatal(err)
	}
}

// ref is one entry of the reference post.
type ref struct {
	Section, Title, URL string
	Lead                []string
}

// manifestEntry is one URL served by the example transport.
type manifestEntry struct {
	File        string `json:"file,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	Status      int    `json:"status"`
	Location    string `json:"location,omitempty"`
}

// expected is one entry of expected.json.
type expected struct {
	Section  string `json:"section"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	FinalURL string `json:"final_url"`
	Opening  string `json:"opening"`
}

var linkLine = regexp.MustCompile(`^\[(.+)\]\((\S+)\)\s*$`)

// parseReference reads the sections and entries of the reference post.
func parseReference(path string) ([]ref, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var refs []ref
	var section string
	inLead := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "### "):
			section = strings.TrimSpace(line[4:])
			inLead = false
		case linkLine.MatchString(line):
			m := linkLine.FindStringSubmatch(line)
			refs = append(refs, ref{Section: section, Title: m[1], URL: m[2]})
			inLead = false
		case strings.HasPrefix(line, ": ") && len(refs) > 0:
			refs[len(refs)-1].Lead = append(refs[len(refs)-1].Lead, strings.TrimSpace(line[2:]))
			inLead = true
		case strings.TrimSpace(line) == "":
			inLead = false
		case inLead:
			refs[len(refs)-1].Lead = append(refs[len(refs)-1].Lead, strings.TrimSpace(line))
		}
	}
	return refs, sc.Err()
}

// pdfFixes undoes the ligature damage the reference's text extraction did
// to the PDF's abstract: the PDF itself spells the words right.
var pdfFixes = strings.NewReplacer("diㄦent", "different", "coecientscients", "coefficients", "coecients", "coefficients")

func run(dir string) error {
	refs, err := parseReference(filepath.Join(dir, "testdata", "reference.md"))
	if err != nil {
		return fmt.Errorf("gen: read reference: %w", err)
	}
	if len(refs) != 47 {
		return fmt.Errorf("gen: reference has %d entries, want 47", len(refs))
	}
	bySite := make(map[string]site)
	for _, s := range sites {
		bySite[s.URL] = s
	}
	pagesDir := filepath.Join(dir, "pages")
	if err := os.RemoveAll(pagesDir); err != nil {
		return err
	}
	manifest := make(map[string]manifestEntry)
	var exp []expected
	var all []ref
	for _, r := range refs {
		if _, ok := bySite[r.URL]; !ok {
			return fmt.Errorf("gen: no site for %s", r.URL)
		}
		all = append(all, r)
	}
	for _, s := range sites[len(refs):] {
		all = append(all, ref{Section: s.Section, Title: s.Title, URL: s.URL, Lead: s.Lead})
	}
	for i, r := range all {
		s := bySite[r.URL]
		page := s.URL
		if s.Final != "" {
			page = s.Final
			manifest[s.URL] = manifestEntry{Status: 301, Location: s.Final}
		}
		lead := r.Lead
		if s.Shape == "pdf" {
			lead = make([]string, len(r.Lead))
			for j, p := range r.Lead {
				lead[j] = pdfFixes.Replace(p)
			}
		}
		file, ctype, body, err := build(s, page, r.Title, lead)
		if err != nil {
			return fmt.Errorf("gen: %s: %w", r.URL, err)
		}
		path := filepath.Join(pagesDir, filepath.FromSlash(file))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			return err
		}
		manifest[page] = manifestEntry{File: file, ContentType: ctype, Status: 200}
		if i < len(refs) {
			opening := make([]string, len(lead))
			for j, p := range lead {
				opening[j] = strings.Join(strings.Fields(p), " ")
			}
			exp = append(exp, expected{Section: r.Section, Title: r.Title, URL: r.URL, FinalURL: page, Opening: strings.Join(opening, "\n")})
		}
	}
	if err := writeJSON(filepath.Join(pagesDir, "manifest.json"), manifest); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(pagesDir, "expected.json"), exp); err != nil {
		return err
	}
	return writeArchive(filepath.Join(dir, "archive", "data"), refs)
}

func writeJSON(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// build renders one page and says where it goes and how it is served.
func build(s site, page, title string, lead []string) (file, ctype string, body []byte, err error) {
	u, err := url.Parse(page)
	if err != nil {
		return "", "", nil, err
	}
	file = u.Host + "/" + slug(u)
	if s.Shape == "pdf" {
		// The "(PDF)" is the reference author's: the document's own title has none.
		return file, "application/pdf", makePDF(strings.TrimSuffix(title, " (PDF)"), s.Author, lead, s.More), nil
	}
	canonical := *u
	q := canonical.Query()
	for k := range q {
		if strings.HasPrefix(k, "utm_") {
			q.Del(k)
		}
	}
	canonical.RawQuery = q.Encode()
	d := doc{site: s, Page: page, Canonical: canonical.String(), Title: title, Plain: lead}
	marked := make(map[string]bool)
	for _, p := range lead {
		h := esc(p)
		for phrase, markup := range s.Mark {
			if strings.Contains(h, esc(phrase)) {
				h = strings.Replace(h, esc(phrase), markup, 1)
				marked[phrase] = true
			}
		}
		d.Lead = append(d.Lead, h)
	}
	for phrase := range s.Mark {
		if !marked[phrase] {
			return "", "", nil, fmt.Errorf("mark %q not in lead", phrase)
		}
	}
	text := render(d)
	switch s.Charset {
	case "":
		return file, "text/html; charset=utf-8", []byte(text), nil
	case "iso-8859-1":
		b, err := encode(text, charmap.ISO8859_1)
		// Free's servers send no charset: the meta tag is all there is.
		return file, "text/html", b, err
	case "windows-1252":
		b, err := encode(text, charmap.Windows1252)
		return file, "text/html; charset=windows-1252", b, err
	}
	return "", "", nil, errors.New("unknown charset " + s.Charset)
}

// encode writes text in a single-byte charset, as numeric character
// references where the charset has no byte for a rune.
func encode(text string, cm *charmap.Charmap) ([]byte, error) {
	var b bytes.Buffer
	for _, r := range text {
		if c, ok := cm.EncodeRune(r); ok {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "&#%d;", r)
	}
	return b.Bytes(), nil
}

// slug names a page's file after its URL's path.
func slug(u *url.URL) string {
	p := strings.Trim(u.Path, "/")
	p = strings.NewReplacer("/", "_", ":", "-").Replace(p)
	if p == "" {
		p = "index"
	}
	if u.RawQuery != "" {
		p += "_q"
	}
	switch filepath.Ext(p) {
	case ".html", ".pdf":
		return p
	}
	return p + ".html"
}
