package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moisson/moisson/example"
	"github.com/moisson/moisson/scrape"
)

// postEntry is one entry read back from a generated post.
type postEntry struct {
	section, title, url, lead string
}

var (
	entryLink  = regexp.MustCompile(`^\[(.*)\]\((\S+)\)$`)
	mdEscape   = regexp.MustCompile(`\\([\\\x60*_{}\[\]()#+\-.!|<>~:])`)
	whitespace = regexp.MustCompile(`\s+`)
)

// readPost parses the sections and entries of a generated post.
func readPost(t *testing.T, md string) (sections []string, entries []postEntry) {
	t.Helper()
	section := ""
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if name, ok := strings.CutPrefix(line, "### "); ok {
			section = mdEscape.ReplaceAllString(name, "$1")
			sections = append(sections, section)
			continue
		}
		m := entryLink.FindStringSubmatch(line)
		if m == nil || section == "" {
			continue
		}
		e := postEntry{section: section, title: mdEscape.ReplaceAllString(m[1], "$1"), url: m[2]}
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], ": ") {
			var lead []string
			lead = append(lead, strings.TrimPrefix(lines[i+1], ": "))
			for i += 2; i < len(lines) && lines[i] != ""; i++ {
				lead = append(lead, lines[i])
			}
			e.lead = mdEscape.ReplaceAllString(strings.Join(lead, "\n"), "$1")
		}
		entries = append(entries, e)
	}
	return sections, entries
}

func norm(s string) string { return strings.TrimSpace(whitespace.ReplaceAllString(s, " ")) }

// TestDemoReproducesTheReferencePost runs the whole pipeline on the
// example: an archive holding the 47 links of the reference post as posts
// of that week, with the pages served locally. The post must have the
// reference's sections in the reference's order, every entry's title and
// link, each lead starting with the page's opening paragraph; posts outside
// the week, replies and self-links must not appear.
func TestDemoReproducesTheReferencePost(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"demo", "--out", out}, nil, &stdout, &stderr); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr.String())
	}
	path := filepath.Join(out, "_posts", "2014-10-03-compilation-veille.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the post was not written: %v\nstdout:\n%s", err, stdout.String())
	}
	md := string(data)
	if !strings.Contains(md, "La moisson de liens pour la semaine du 29 septembre au 3 octobre 2014.") {
		t.Errorf("intro does not name the week:\n%.400s", md)
	}
	sections, entries := readPost(t, md)

	want := example.Expected()
	var wantSections []string
	for _, e := range want {
		if len(wantSections) == 0 || wantSections[len(wantSections)-1] != e.Section {
			wantSections = append(wantSections, e.Section)
		}
	}
	if strings.Join(sections, "|") != strings.Join(wantSections, "|") {
		t.Errorf("sections\n got %q\nwant %q", sections, wantSections)
	}

	dead := example.Dead()
	if len(entries) != len(want)+1 {
		t.Errorf("%d entries, want %d (the 47 of the reference and the dead link)", len(entries), len(want)+1)
	}
	bySection := make(map[string][]postEntry)
	for _, e := range entries {
		bySection[e.section] = append(bySection[e.section], e)
	}
	wantBySection := make(map[string][]example.Entry)
	for _, e := range want {
		wantBySection[e.Section] = append(wantBySection[e.Section], e)
	}
	for name, wes := range wantBySection {
		got := bySection[name]
		if name == dead.Section {
			// The dead link comes last in its section, titled from the post.
			if n := len(got); n == 0 || got[n-1].url != dead.URL || norm(got[n-1].title) != norm(dead.Title) {
				t.Errorf("section %s: the dead link is missing or misplaced: %+v", name, got)
			} else {
				got = got[:n-1]
			}
		}
		if len(got) != len(wes) {
			t.Errorf("section %s: %d entries, want %d", name, len(got), len(wes))
			continue
		}
		for i, we := range wes {
			g := got[i]
			if g.url != we.URL && g.url != we.FinalURL && g.url != scrape.CleanURL(we.FinalURL) {
				t.Errorf("%s #%d: link %s, want %s", name, i+1, g.url, we.URL)
			}
			if norm(g.title) != norm(we.Title) {
				t.Errorf("%s #%d: title %q, want %q", name, i+1, g.title, we.Title)
			}
			first, _, _ := strings.Cut(we.Opening, "\n")
			lead, first := norm(g.lead), norm(first)
			// A first paragraph longer than the lead's cap is cut at a
			// sentence end: the lead is then its beginning.
			cut := len(lead) >= 400 && strings.HasPrefix(first, lead)
			if !strings.HasPrefix(lead, first) && !cut {
				t.Errorf("%s #%d (%s): lead does not start with the page's opening paragraph\n got %.160q\nwant %.160q", name, i+1, we.URL, norm(g.lead), norm(first))
			}
		}
	}

	// What must not appear: the posts of the weeks before and after, the
	// replies, and the links to X itself.
	for _, e := range entries {
		if u, err := url.Parse(e.url); err != nil || u.Host == "twitter.com" || u.Host == "x.com" {
			t.Errorf("self-link in the post: %s", e.url)
		}
	}
	seen := make(map[string]bool)
	for _, e := range entries {
		if seen[e.url] {
			t.Errorf("%s appears twice", e.url)
		}
		seen[e.url] = true
	}
	for _, w := range want {
		delete(seen, w.URL)
		delete(seen, w.FinalURL)
		delete(seen, scrape.CleanURL(w.FinalURL))
	}
	delete(seen, dead.URL)
	for u := range seen {
		t.Errorf("link from outside the week or from a reply: %s", u)
	}

	// The author's edits, made through the review page's functions: the
	// same week written beside the reference, with a comment on the first
	// entry and the dead link hidden, shown before and after.
	edited, err := os.ReadFile(filepath.Join(out, "edited", "2014-10-03-compilation-veille.md"))
	if err != nil {
		t.Fatalf("the edited post was not written: %v\nstdout:\n%s", err, stdout.String())
	}
	const comment = "À lire avant de renouveler vos certificats"
	_, editedEntries := readPost(t, string(edited))
	if len(editedEntries) != len(entries)-1 || linkCount(string(edited), dead.URL) != 0 {
		t.Errorf("edited post: %d entries, dead link %d times; want %d entries, without the dead link", len(editedEntries), linkCount(string(edited), dead.URL), len(entries)-1)
	}
	firstURL := entries[0].url
	block := entryMarkdown(edited, firstURL)
	if !strings.Contains(block, comment) {
		t.Errorf("the first entry of the edited post has no comment:\n%s", block)
	}
	if strings.Contains(md, comment) {
		t.Error("the reference post has the comment: the demo's edits must not change it")
	}
	// Every other entry is the reference's.
	var kept []postEntry
	for _, e := range entries {
		if e.url != dead.URL {
			kept = append(kept, e)
		}
	}
	for i := 1; i < min(len(kept), len(editedEntries)); i++ {
		if editedEntries[i] != kept[i] {
			t.Errorf("edited post, entry %d: %+v, want the reference's %+v", i+1, editedEntries[i], kept[i])
		}
	}
	for _, want := range []string{"5. review", "before:", "after:", comment, "the dead link hidden", "6. edited"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("the demo does not print %q:\n%s", want, stdout.String())
		}
	}
}
