package digest

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden file (run go test ./digest/ -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got); run go test ./digest/ -update if the change is right:\n%s", file, diff)
	}
}

func TestRenderGolden(t *testing.T) {
	week, links, pages := fixture(t)
	tests := []struct {
		golden string
		edit   func(*Config)
	}{
		{"week.golden.md", func(*Config) {}},
		{"week.hugo.golden.md", func(c *Config) { c.Format = FormatHugo }},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			cfg := configured(t)
			tc.edit(&cfg)
			golden(t, tc.golden, Render(Build(week, links, pages, cfg), cfg))
		})
	}
}

func TestRenderIntro(t *testing.T) {
	cfg := DefaultConfig()
	link := func(w moisson.Week) []moisson.Link {
		return []moisson.Link{{URL: "https://a.example/", PostKey: "x/1", PostedAt: w.End.Add(-time.Hour), PostText: "A"}}
	}
	tests := []struct {
		week  string
		edit  func(*Config)
		links bool
		want  string
	}{
		{week: "2014-W40", links: true, want: "La moisson de liens pour la semaine du 29 septembre au 3 octobre 2014.  \n" +
			"Ils ont, pour la plupart, été publiés sur mon compte Twitter.  \n" +
			"Les voici rassemblés pour ceux qui les auraient ratés.\n"},
		{week: "2014-W49", links: true, want: "La moisson de liens pour la semaine du 1er au 5 décembre 2014."},
		{week: "2015-W01", links: true, want: "La moisson de liens pour la semaine du 29 décembre 2014 au 2 janvier 2015."},
		{week: "2014-W40", links: true, edit: func(c *Config) { c.CutoffDay, c.CutoffHour = time.Saturday, 0 },
			want: "La moisson de liens pour la semaine du 29 septembre au 3 octobre 2014."},
		{week: "2014-W40", want: "Aucun lien n'a été partagé pendant la semaine du 29 septembre au 3 octobre 2014.\n"},
	}
	t.Run("week without Monday", func(t *testing.T) {
		w, err := cfg.ParseWeek("2014-W40")
		if err != nil {
			t.Fatal(err)
		}
		w.Monday = time.Time{}
		got := string(Render(Build(w, link(w), nil, cfg), cfg))
		if want := "semaine du 29 septembre au 3 octobre 2014."; !strings.Contains(got, want) {
			t.Errorf("Render() =\n%s\nwant %q", got, want)
		}
	})
	for _, tc := range tests {
		t.Run(tc.week, func(t *testing.T) {
			cfg := cfg
			if tc.edit != nil {
				tc.edit(&cfg)
			}
			w, err := cfg.ParseWeek(tc.week)
			if err != nil {
				t.Fatal(err)
			}
			var links []moisson.Link
			if tc.links {
				links = link(w)
			}
			got := string(Render(Build(w, links, nil, cfg), cfg))
			if !strings.Contains(got, "---\n\n"+tc.want) {
				t.Errorf("Render() =\n%s\nwant the introduction %q", got, tc.want)
			}
		})
	}
}

func TestRenderFrontMatter(t *testing.T) {
	week, err := DefaultConfig().ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"jekyll", func(*Config) {},
			"---\nlayout: post\ntitle: \"Compilation veille Twitter & RSS\"\ndate: 2014-10-03 18:00:00 +0200\ncategory: veille\n" +
				"description: \"Aucun lien cette semaine\"\nlang: fr\n---\n"},
		{"jekyll, quotes and odd category", func(c *Config) { c.Title = `Say "hi" \ o/`; c.Category = "veille: tech" },
			"---\nlayout: post\ntitle: \"Say \\\"hi\\\" \\\\ o/\"\ndate: 2014-10-03 18:00:00 +0200\ncategory: \"veille: tech\"\n"},
		{"jekyll, category YAML would read as a boolean", func(c *Config) { c.Category = "yes" },
			"category: \"yes\"\n"},
		{"hugo", func(c *Config) { c.Format = FormatHugo },
			"---\ntitle: \"Compilation veille Twitter & RSS\"\ndate: 2014-10-03T18:00:00+02:00\ncategories: [\"veille\"]\n" +
				"description: \"Aucun lien cette semaine\"\n---\n"},
		{"week patterns, English", func(c *Config) { c.Title, c.Slug, c.Lang = WeekPattern, WeekPattern, English },
			"title: \"Links of the week, week 40 (from September 29 to October 3, 2014)\"\ndate: 2014-10-03 18:00:00 +0200\ncategory: links\n" +
				"description: \"No link this week\"\nslug: link-harvest-2014-w40\nlang: en\n---\n"},
		{"hugo, TOML", func(c *Config) { c.Format, c.FrontMatter, c.Title = FormatHugo, TOML, WeekPattern },
			"+++\ntitle = \"Moisson de liens, semaine 40 (du 29 septembre au 3 octobre 2014)\"\ndate = 2014-10-03T18:00:00+02:00\ncategories = [\"veille\"]\n" +
				"description = \"Aucun lien cette semaine\"\n+++\n"},
		{"extra fields, one replacing moisson's", func(c *Config) {
			c.ExtraFrontMatter = "layout: single\nauthor: \"Jane: \\\"JD\\\"\"\nimage: {path: /a.png, alt: yes}"
		},
			"---\nlayout: single\ntitle: \"Compilation veille Twitter & RSS\"\ndate: 2014-10-03 18:00:00 +0200\ncategory: veille\n" +
				"description: \"Aucun lien cette semaine\"\nlang: fr\nauthor: \"Jane: \\\"JD\\\"\"\nimage: {path: /a.png, alt: yes}\n---\n"},
		{"draft, hugo", func(c *Config) { c.Format, c.Draft = FormatHugo, true }, "\ndraft: true\n---\n"},
		{"draft, markdown", func(c *Config) { c.Format, c.Draft = FormatMarkdown, true }, "\nlang: fr\ndraft: true\n---\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.edit(&cfg)
			got := string(Render(Digest{Week: week}, cfg))
			if !strings.Contains(got, tc.want) {
				t.Errorf("Render() =\n%s\nwant it to hold\n%s", got, tc.want)
			}
		})
	}
}

func TestRenderEntries(t *testing.T) {
	week, err := DefaultConfig().ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	d := Digest{Week: week, Links: 2, Sections: []Section{{Name: "C# & F#", Entries: []Entry{
		{Title: "With lead", URL: "https://a.example/x y", Lead: "First.\n\n- Second.\n"},
		{Title: "No lead", URL: "https://a.example/(z)"},
	}}}}
	tests := []struct {
		format Format
		bold   bool
		want   string
	}{
		{FormatJekyll, false, "### C\\# & F\\#\n\n" +
			"[With lead](https://a.example/x%20y)\n: First.  \n\\- Second.\n\n" +
			"[No lead](https://a.example/%28z%29)\n"},
		{FormatHugo, false, "### C\\# & F\\#\n\n" +
			"[With lead](https://a.example/x%20y)\n: First.  \n\\- Second.\n\n" +
			"[No lead](https://a.example/%28z%29)\n"},
		{FormatHugo, true, "### C\\# & F\\#\n\n" +
			"**[With lead](https://a.example/x%20y)**  \nFirst.  \n\\- Second.\n\n" +
			"**[No lead](https://a.example/%28z%29)**\n"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s bold %v", tc.format, tc.bold), func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Format, cfg.BoldLinks = tc.format, tc.bold
			got := string(Render(d, cfg))
			if !strings.HasSuffix(got, "ratés.\n\n"+tc.want) {
				t.Errorf("Render() =\n%s\nwant it to end with\n%s", got, tc.want)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text", "Composer & virtual packages: 100% (PDF)", "Composer & virtual packages: 100% (PDF)"},
		{"emphasis and code", "*a* _b_ `c`", `\*a\* \_b\_ \` + "`c\\`"},
		{"links", "[a](b) ![i](j)", `\[a\](b) !\[i\](j)`},
		{"html", "<script>x</script>", `\<script\>x\</script\>`},
		{"entities", "&amp; &#38; &#x26; & ;", "&amp;amp; &amp;#38; &amp;#x26; & ;"},
		{"liquid and shortcodes", "{{ x }} {% y %} {{< z >}}", `&#123;&#123; x &#125;&#125; &#123;% y %&#125; &#123;&#123;\< z \>&#125;&#125;`},
		{"kramdown IAL", "{: .cls}", `&#123;: .cls&#125;`},
		{"math", "$5 and $$x$$", `$5 and \$\$x\$\$`},
		{"strikethrough", "~1 ~~x~~", "~1 &#126;&#126;x&#126;&#126;"},
		{"backslash and pipe", `a\b|c`, `a\\b\|c`},
		{"controls", "a\x00b\x1bc", "abc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := escapeText(tc.in); got != tc.want {
				t.Errorf("escapeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestEscapeLineStart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain", "Plain"},
		{"# h", `\# h`},
		{"- l", `\- l`},
		{"+ l", `\+ l`},
		{"=====", `\=====`},
		{": d", `\: d`},
		{"1984. Year", `1984\. Year`},
		{"3) Item", `3\) Item`},
		{"2014 was", "2014 was"},
		{"~~~", "&#126;~~"},
		{"^", "&#94;"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := escapeLineStart(tc.in); got != tc.want {
			t.Errorf("escapeLineStart(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://a.example/x?a=1&b=2#f", "https://a.example/x?a=1&b=2#f"},
		{"https://a.example/nasty (1).html", "https://a.example/nasty%20%281%29.html"},
		{`https://a.example/<a>"{{x}}"|^` + "`", "https://a.example/%3Ca%3E%22%7B%7Bx%7D%7D%22%7C%5E%60"},
		{"https://a.example/été", "https://a.example/été"},
	}
	for _, tc := range tests {
		if got := markdownURL(tc.in); got != tc.want {
			t.Errorf("markdownURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPath(t *testing.T) {
	w, err := DefaultConfig().ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	// Just before midnight UTC the cutoff is already the next day in Paris.
	late := DefaultConfig()
	late.CutoffHour, late.CutoffMinute = 23, 30
	wLate, err := late.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		w    moisson.Week
		edit func(*Config)
		want string
	}{
		{"jekyll", w, func(*Config) {}, "_posts/2014-10-03-compilation-veille.md"},
		{"hugo", w, func(c *Config) { c.Format = FormatHugo }, "content/posts/2014-10-03-compilation-veille.md"},
		{"slug", w, func(c *Config) { c.Slug = "moisson" }, "_posts/2014-10-03-moisson.md"},
		{"date in the configured zone", wLate, func(c *Config) { *c = late }, "_posts/2014-10-03-compilation-veille.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.edit(&cfg)
			d := Digest{Week: tc.w}
			d.Week.End = d.Week.End.UTC()
			if got := d.Path(cfg); got != tc.want {
				t.Errorf("Path() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRenderDeterministic(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	first := Render(Build(week, links, pages, cfg), cfg)
	for i := 0; i < 20; i++ {
		if got := Render(Build(week, links, pages, cfg), cfg); !bytes.Equal(got, first) {
			t.Fatalf("run %d rendered differently", i)
		}
	}
}
