package digest

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"willnorris.com/go/microformats"
)

// TestMicroformatsBuilds builds the quote style with microformats by real
// Jekyll (kramdown, GFM and not) and Hugo (raw HTML rendered) and parses
// the pages with a microformats2 parser: one h-entry named and dated as
// the post, by its author, at its address, whose e-content holds the
// post; one h-cite per entry with its URL, title and lead; the author's
// comment in the e-content, not in the h-cite. The page's look is the
// quote style's.
func TestMicroformatsBuilds(t *testing.T) {
	for _, gen := range []string{"jekyll", "jekyll kramdown", "hugo"} {
		t.Run(gen, func(t *testing.T) {
			cfg := configured(t)
			cfg.Style, cfg.Title, cfg.Microformats = StyleQuote, WeekPattern, true
			cfg.ExtraFrontMatter = "author: Jane Doe"
			cfg.BlogURL, cfg.Permalink = "https://blog.example.org", "/:year/:month/:day/:title/"
			var page []byte
			if gen == "hugo" {
				cfg.Format = FormatHugo
				page = buildHugoPost(t, quoteWeek(t, cfg), cfg, "[markup.goldmark.renderer]\nunsafe = true\n")
			} else {
				config := "markdown: kramdown\n"
				if gen == "jekyll kramdown" {
					config += "kramdown:\n  input: kramdown\n"
				}
				page = buildJekyllPost(t, quoteWeek(t, cfg), cfg, config, "<html><body>{{ content }}</body></html>\n")
			}
			d := quoteWeek(t, cfg)
			data, err := cfg.Data(d, d.Week.End)
			if err != nil {
				t.Fatal(err)
			}
			base, _ := url.Parse("https://blog.example.org/post/")
			mf := microformats.Parse(bytes.NewReader(page), base)
			if len(mf.Items) != 1 || mf.Items[0].Type[0] != "h-entry" {
				t.Fatalf("items %+v, want one h-entry", mf.Items)
			}
			entry := mf.Items[0]
			prop := func(it *microformats.Microformat, name string) string {
				if v := it.Properties[name]; len(v) > 0 {
					if s, ok := v[0].(string); ok {
						return s
					}
					if m, ok := v[0].(map[string]string); ok {
						return m["value"]
					}
					if m, ok := v[0].(map[string]any); ok {
						if s, ok := m["value"].(string); ok {
							return s
						}
					}
					if n, ok := v[0].(*microformats.Microformat); ok {
						return n.Value
					}
				}
				return ""
			}
			if got := prop(entry, "name"); got != data.Title {
				t.Errorf("p-name %q, want %q", got, data.Title)
			}
			if got := prop(entry, "published"); got != "2014-10-03T18:00:00+02:00" {
				t.Errorf("dt-published %q", got)
			}
			if got := prop(entry, "author"); got != "Jane Doe" {
				t.Errorf("p-author %q", got)
			}
			if got := prop(entry, "url"); got != data.URL || got == "" {
				t.Errorf("u-url %q, want %q", got, data.URL)
			}
			content := prop(entry, "content")
			if !strings.Contains(content, "Mon avis : à lire, surtout la fin.") || !strings.Contains(content, d.Sections[0].Name) {
				t.Errorf("e-content lacks the post: %q", content)
			}
			var cites []*microformats.Microformat
			for _, c := range entry.Children {
				if c.Type[0] == "h-cite" {
					cites = append(cites, c)
				}
			}
			var want []Entry
			for _, s := range d.Sections {
				want = append(want, s.Entries...)
			}
			if len(cites) != len(want) {
				t.Fatalf("%d h-cite, want %d", len(cites), len(want))
			}
			for i, e := range want {
				c := cites[i]
				if got := prop(c, "url"); got != e.URL && got != markdownURL(e.URL) {
					t.Errorf("h-cite %d u-url %q, want %q", i, got, e.URL)
				}
				if got := textNorm(prop(c, "name")); got != textNorm(oneLine(e.Title)) {
					t.Errorf("h-cite %d p-name %q, want %q", i, got, e.Title)
				}
				lead := textNorm(strings.Join(strings.Fields(e.Lead), " "))
				if got := textNorm(prop(c, "summary")); lead != "" && got != lead {
					t.Errorf("h-cite %d p-summary %q, want %q", i, got, lead)
				}
				if strings.Contains(prop(c, "summary")+prop(c, "name"), "Mon avis") {
					t.Errorf("h-cite %d holds the author's comment", i)
				}
			}
			// The look is the quote style's.
			if diff := quoteDiff(t, d, page); diff != "" {
				t.Errorf("built post (-want +got):\n%s", diff)
			}
		})
	}
}

// textNorm undoes the typographic quotes and spaces of a built page.
func textNorm(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "\u00a0", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// TestMicroformatsDegrade: a renderer that drops raw HTML (the review
// page's preview, Hugo without unsafe, the HTML sent to WordPress) still
// shows every entry's link and lead, and no wrapper leaks as text.
func TestMicroformatsDegrade(t *testing.T) {
	cfg := configured(t)
	cfg.Style, cfg.Microformats = StyleQuote, true
	d := quoteWeek(t, cfg)
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(Render(d, cfg), &out); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			if !strings.Contains(html, `href="`+markdownURL(e.URL)) && !strings.Contains(html, `href="`+strings.ReplaceAll(markdownURL(e.URL), "&", "&amp;")) {
				t.Errorf("the link to %s is lost", e.URL)
			}
		}
	}
	shown := strings.ReplaceAll(html, "<!-- raw HTML omitted -->", "")
	for _, leak := range []string{"h-cite", "markdown=", "&lt;div", "p-summary", "u-url"} {
		if strings.Contains(shown, leak) {
			t.Errorf("%q shows in the safe rendering", leak)
		}
	}
	if n := strings.Count(html, "<blockquote>"); n == 0 {
		t.Error("no quote in the safe rendering")
	}
}
