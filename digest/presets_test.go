package digest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	yaml "go.yaml.in/yaml/v3"
	"willnorris.com/go/microformats"
)

// presetConfig is the fixture's configuration as a new install has it in
// format f: the week patterns, entries in the quote style.
func presetConfig(t testing.TB, f Format) Config {
	t.Helper()
	cfg := configured(t)
	cfg.Format, cfg.Style = f, StyleQuote
	cfg.Title, cfg.Slug = WeekPattern, WeekPattern
	cfg.BlogURL = "https://blog.example.org"
	return cfg
}

// frontMatterOf returns the front matter between its delimiters
// ("---" or "+++") and the body.
func frontMatterOf(t *testing.T, post []byte, delim string) (front, body string) {
	t.Helper()
	s := string(post)
	if !strings.HasPrefix(s, delim+"\n") {
		t.Fatalf("the post does not start with %q:\n%.200s", delim, s)
	}
	end := strings.Index(s[len(delim)+1:], "\n"+delim+"\n")
	if end < 0 {
		t.Fatalf("the front matter is not closed by %q", delim)
	}
	front = s[len(delim)+1 : len(delim)+1+end+1]
	return front, s[len(delim)+1+end+len(delim)+2:]
}

// zolaPage is Zola's page front matter (components/content/src/
// front_matter/page.rs): every key it reads, with the types it wants.
type zolaPage struct {
	Title         *string             `toml:"title"`
	Description   *string             `toml:"description"`
	Date          any                 `toml:"date"`
	Updated       any                 `toml:"updated"`
	Draft         bool                `toml:"draft"`
	Render        *bool               `toml:"render"`
	Slug          *string             `toml:"slug"`
	Path          *string             `toml:"path"`
	Taxonomies    map[string][]string `toml:"taxonomies"`
	Weight        *int                `toml:"weight"`
	Authors       []string            `toml:"authors"`
	Aliases       []string            `toml:"aliases"`
	Template      *string             `toml:"template"`
	InSearchIndex *bool               `toml:"in_search_index"`
	Extra         map[string]any      `toml:"extra"`
}

// TestPresetGolden writes the fixture week in each preset's format and
// reads its front matter back with a YAML or TOML parser, as the
// generator reads it: the fields its users expect, with their types, the
// post's folder, file and URL.
func TestPresetGolden(t *testing.T) {
	week, links, pages := fixture(t)
	wantTags := []string{"SSL", "PHP", "MySQL", "ElasticSearch", "Divers", "Nasty"}
	tests := []struct {
		format Format
		path   string
		url    string
		check  func(t *testing.T, post []byte)
	}{
		{FormatEleventy, "content/blog/2014-10-03-moisson-de-liens-2014-w40.md", "https://blog.example.org/blog/2014-10-03-moisson-de-liens-2014-w40/",
			func(t *testing.T, post []byte) {
				front, _ := frontMatterOf(t, post, "---")
				var fm struct {
					Title, Description string
					Date               time.Time
					Tags               []string
				}
				checkYAML(t, front, &fm, "title", "description", "date", "tags")
				if fm.Tags[0] != "posts" {
					t.Errorf("tags = %q, want the posts collection first", fm.Tags)
				}
				if diff := cmp.Diff(wantTags, fm.Tags[1:]); diff != "" {
					t.Errorf("tags (-want +got):\n%s", diff)
				}
				checkDate(t, fm.Date)
			}},
		{FormatZola, "content/blog/2014-10-03-moisson-de-liens-2014-w40.md", "https://blog.example.org/blog/moisson-de-liens-2014-w40/",
			func(t *testing.T, post []byte) {
				front, _ := frontMatterOf(t, post, "+++")
				var fm zolaPage
				md, err := toml.Decode(front, &fm)
				if err != nil {
					t.Fatalf("TOML front matter: %v\n%s", err, front)
				}
				if und := md.Undecoded(); len(und) > 0 {
					t.Errorf("keys Zola does not read: %v", und)
				}
				date, ok := fm.Date.(time.Time)
				if !ok || md.Type("date") != "Datetime" {
					t.Fatalf("date is a %s (%T), want a TOML datetime", md.Type("date"), fm.Date)
				}
				checkDate(t, date)
				if fm.Title == nil || !strings.HasPrefix(*fm.Title, "Moisson de liens, semaine 40") || fm.Description == nil || *fm.Description == "" {
					t.Errorf("title %v, description %v", fm.Title, fm.Description)
				}
				if fm.Slug == nil || *fm.Slug != "moisson-de-liens-2014-w40" {
					t.Errorf("slug = %v, want the week's (Zola drops the file name's date from the path)", fm.Slug)
				}
				if diff := cmp.Diff(map[string][]string{"tags": wantTags}, fm.Taxonomies); diff != "" {
					t.Errorf("taxonomies (-want +got):\n%s", diff)
				}
				if fm.Draft {
					t.Error("draft = true")
				}
			}},
		{FormatAstro, "src/content/blog/2014-10-03-moisson-de-liens-2014-w40.md", "https://blog.example.org/blog/2014-10-03-moisson-de-liens-2014-w40/",
			func(t *testing.T, post []byte) {
				front, _ := frontMatterOf(t, post, "---")
				var fm struct {
					Title, Description string
					PubDate            time.Time `yaml:"pubDate"`
					Tags               []string
				}
				// The blog starter's schema: title, description,
				// pubDate, optional updatedDate and heroImage.
				checkYAML(t, front, &fm, "title", "description", "pubDate", "tags")
				checkDate(t, fm.PubDate)
				if diff := cmp.Diff(wantTags, fm.Tags); diff != "" {
					t.Errorf("tags (-want +got):\n%s", diff)
				}
			}},
		{FormatMarkdown, "posts/2014-10-03-moisson-de-liens-2014-w40.md", "https://blog.example.org/posts/2014-10-03-moisson-de-liens-2014-w40/",
			func(t *testing.T, post []byte) {
				front, _ := frontMatterOf(t, post, "---")
				var fm struct {
					Title, Description string
					Date               time.Time
					Categories, Tags   []string
					Slug, Lang         string
				}
				checkYAML(t, front, &fm, "title", "date", "categories", "tags", "description", "slug", "lang")
				checkDate(t, fm.Date)
			}},
	}
	for _, tc := range tests {
		t.Run(string(tc.format), func(t *testing.T) {
			cfg := presetConfig(t, tc.format)
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			d := Build(week, links, pages, cfg)
			post := Render(d, cfg)
			golden(t, "week."+string(tc.format)+".golden.md", post)
			tc.check(t, post)
			if got := d.Path(cfg); got != tc.path {
				t.Errorf("Path() = %q, want %q", got, tc.path)
			}
			if got := d.URL(cfg); got != tc.url {
				t.Errorf("URL() = %q, want %q", got, tc.url)
			}
			for _, bad := range []string{"<dl", "\n: ", "markdown=\"1\""} {
				if bytes.Contains(post, []byte(bad)) {
					t.Errorf("the post holds %q, which the generator does not render", bad)
				}
			}
		})
	}
}

// checkYAML parses front as YAML into v, and checks its keys are keys,
// in that order.
func checkYAML(t *testing.T, front string, v any, keys ...string) {
	t.Helper()
	if err := yaml.Unmarshal([]byte(front), v); err != nil {
		t.Fatalf("YAML front matter: %v\n%s", err, front)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(front), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	m := doc.Content[0]
	for i := 0; i < len(m.Content); i += 2 {
		got = append(got, m.Content[i].Value)
		if k := m.Content[i].Value; (k == "date" || k == "pubDate") && m.Content[i+1].ShortTag() != "!!timestamp" {
			t.Errorf("%s is a %s, want a timestamp", k, m.Content[i+1].ShortTag())
		}
	}
	if diff := cmp.Diff(keys, got); diff != "" {
		t.Errorf("front matter keys (-want +got):\n%s", diff)
	}
}

func checkDate(t *testing.T, d time.Time) {
	t.Helper()
	if want := time.Date(2014, 10, 3, 16, 0, 0, 0, time.UTC); !d.Equal(want) {
		t.Errorf("date = %v, want the cutoff %v", d, want)
	}
}

// TestPresetDrafts checks each preset's draft marker: draft: true (Zola's
// own, eleventy-base-blog's), and nothing else changed.
func TestPresetDrafts(t *testing.T) {
	week, links, pages := fixture(t)
	for _, f := range []Format{FormatEleventy, FormatZola, FormatAstro} {
		t.Run(string(f), func(t *testing.T) {
			cfg := presetConfig(t, f)
			d := Build(week, links, pages, cfg)
			final := string(Render(d, cfg))
			cfg.Draft = true
			draft := string(Render(d, cfg))
			marker := "draft: true\n"
			if f == FormatZola {
				marker = "draft = true\n"
			}
			if got := strings.Replace(draft, marker, "", 1); got != final || !strings.Contains(draft, marker) {
				t.Errorf("the draft differs from the post by more than %q:\n%s", marker, cmp.Diff(final, draft))
			}
		})
	}
}

// TestZolaTaxonomies checks that the post names only the taxonomies the
// site declares: Zola refuses to build a page with another.
func TestZolaTaxonomies(t *testing.T) {
	week, links, pages := fixture(t)
	for _, tc := range []struct {
		declared []string
		want     []string
	}{
		{nil, []string{"tags"}},
		{[]string{}, nil},
		{[]string{"tags", "categories"}, []string{"categories", "tags"}},
		{[]string{"categories"}, []string{"categories"}},
		{[]string{"authors"}, nil},
	} {
		cfg := presetConfig(t, FormatZola)
		cfg.Taxonomies = tc.declared
		post := Render(Build(week, links, pages, cfg), cfg)
		front, _ := frontMatterOf(t, post, "+++")
		var fm zolaPage
		if _, err := toml.Decode(front, &fm); err != nil {
			t.Fatal(err)
		}
		var got []string
		for k := range fm.Taxonomies {
			got = append(got, k)
		}
		if len(got) == 2 && got[0] > got[1] {
			got[0], got[1] = got[1], got[0]
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("declared %q: taxonomies written (-want +got):\n%s", tc.declared, diff)
		}
		if strings.Contains(front, "[taxonomies]") != (len(tc.want) > 0) {
			t.Errorf("declared %q: front matter\n%s", tc.declared, front)
		}
	}
}

// TestZolaMicroformats renders a Zola post with microformats through a
// CommonMark renderer that keeps raw HTML (Goldmark with unsafe, as
// Zola's pulldown-cmark keeps it; Zola itself cannot be installed where
// the tests run) and parses the page: one h-entry, one h-cite per entry,
// the comment outside them.
func TestZolaMicroformats(t *testing.T) {
	cfg := presetConfig(t, FormatZola)
	cfg.Microformats = true
	d := quoteWeek(t, cfg)
	_, body := frontMatterOf(t, Render(d, cfg), "+++")
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithRendererOptions(gmhtml.WithUnsafe())).Convert([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://blog.example.org/blog/")
	mf := microformats.Parse(&out, base)
	if len(mf.Items) != 1 || mf.Items[0].Type[0] != "h-entry" {
		t.Fatalf("items %+v, want one h-entry", mf.Items)
	}
	entries := 0
	for _, s := range d.Sections {
		entries += len(s.Entries)
	}
	cites := 0
	for _, c := range mf.Items[0].Children {
		if c.Type[0] == "h-cite" {
			cites++
			if fmt.Sprint(c.Properties["summary"], c.Properties["name"]) == "" || strings.Contains(fmt.Sprint(c.Properties), "Mon avis") {
				t.Errorf("h-cite %v", c.Properties)
			}
		}
	}
	if cites != entries {
		t.Errorf("%d h-cite, want %d", cites, entries)
	}
	if !strings.Contains(fmt.Sprint(mf.Items[0].Properties["content"]), "Mon avis") {
		t.Error("the comment is not in the e-content")
	}
}

// TestPresetReadBack: a post of each preset edited by hand (a comment
// added under an entry) is read back into edits that write the file
// again, front matter (TOML for Zola) included.
func TestPresetReadBack(t *testing.T) {
	week, links, pages := fixture(t)
	for _, f := range []Format{FormatEleventy, FormatZola, FormatAstro} {
		t.Run(string(f), func(t *testing.T) {
			cfg := presetConfig(t, f)
			base := Build(week, links, pages, cfg)
			post := string(Render(base, cfg))
			entry := base.Sections[0].Entries[0]
			quote := cfg.entryData(entry).QuoteMarkdown
			i := strings.Index(post, quote)
			if i < 0 {
				t.Fatalf("no quote of %s in the post", entry.Key)
			}
			i += len(quote) + 1
			edited := post[:i] + "\nÀ lire avant tout.\n" + post[i:]
			rb := ReadBackFile(base, moisson.WeekEdits{Week: week.ID}, cfg, []byte(edited))
			if got := rb.Edits.Entries[entry.Key].Comment; got != "À lire avant tout." {
				t.Errorf("comment read back %q; changes %q", got, rb.Changes)
			}
			if !rb.Exact {
				t.Errorf("the edits do not write the file again:\n%s", cmp.Diff(edited, string(rb.Post)))
			}
		})
	}
}

// TestEleventyCollection: the tags start with the blog's collection,
// "posts" unless the blog uses another, each tag once.
func TestEleventyCollection(t *testing.T) {
	week, links, pages := fixture(t)
	for _, tc := range []struct{ collection, first string }{{"", "posts"}, {"post", "post"}, {"SSL", "SSL"}} {
		cfg := presetConfig(t, FormatEleventy)
		cfg.Collection = tc.collection
		front, _ := frontMatterOf(t, Render(Build(week, links, pages, cfg), cfg), "---")
		var fm struct{ Tags []string }
		if err := yaml.Unmarshal([]byte(front), &fm); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, tag := range fm.Tags {
			if seen[tag] {
				t.Errorf("collection %q: tag %q twice", tc.collection, tag)
			}
			seen[tag] = true
		}
		if len(fm.Tags) == 0 || fm.Tags[0] != tc.first || !seen["PHP"] {
			t.Errorf("collection %q: tags %q", tc.collection, fm.Tags)
		}
	}
}
