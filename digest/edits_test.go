package digest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

// Keys of the fixture's entries (their first link's URL as shared).
const (
	keyQualys     = "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know"
	keyCloudflare = "http://blog.cloudflare.com/introducing-universal-ssl/"
	keyComposer   = "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/"
	keyMariaDB    = "https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100"
	keyQueryRW    = "http://mysqlserverteam.com/the-query-rewrite-plugins/"
	keyGTID       = "https://blog.mariadb.com/enabling-gtids"
	keyElastic    = "http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/"
	keyNetflix    = "http://techblog.netflix.com/2014/10/a-state-of-xen-chaos-monkey-cassandra.html"
	keyFastly     = "http://www.fastly.com/blog/caching-the-uncacheable/"
	keyNasty      = "https://example.com/nasty (1).html"
	keyNoLead     = "https://example.com/no-lead"
)

// keyOutline is a digest reduced to section names and entry keys.
func keyOutline(d Digest) []string {
	var lines []string
	for _, s := range d.Sections {
		line := s.Name + ":"
		for _, e := range s.Entries {
			line += " " + e.Key
		}
		lines = append(lines, line)
	}
	return lines
}

func TestBuildEntryFields(t *testing.T) {
	week, links, pages := fixture(t)
	d := Build(week, links, pages, configured(t))
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			if e.Key != e.Link.URL || e.Category != s.Name {
				t.Errorf("entry %s: Key %q, Category %q in section %q", e.URL, e.Key, e.Category, s.Name)
			}
		}
	}
	// Index is the posting order.
	var byIndex []string
	for i := range d.Links {
		for _, s := range d.Sections {
			for _, e := range s.Entries {
				if e.Index == i {
					byIndex = append(byIndex, e.Key)
				}
			}
		}
	}
	want := []string{keyQualys, keyCloudflare, keyComposer, keyMariaDB, keyQueryRW, keyGTID, keyElastic, keyNetflix, keyFastly, keyNasty, keyNoLead}
	if diff := cmp.Diff(want, byIndex); diff != "" {
		t.Errorf("entries by Index (-want +got):\n%s", diff)
	}

	// A bookmark's note is the comment; a credit is carried over.
	links = []moisson.Link{{
		URL: "https://a.example/", PostedAt: week.Start, PostText: "A",
		Note: " Worth a read. ", Via: "@bob", ViaURL: "https://x.com/bob",
	}}
	e := Build(week, links, nil, DefaultConfig()).Sections[0].Entries[0]
	if e.Comment != "Worth a read." || e.Via != "@bob" || e.ViaURL != "https://x.com/bob" {
		t.Errorf("entry of a bookmark with a credit = %+v", e)
	}
}

func TestApplyNoEdits(t *testing.T) {
	week, links, pages := fixture(t)
	for _, format := range []Format{FormatJekyll, FormatHugo} {
		cfg := configured(t)
		cfg.Format = format
		built := Build(week, links, pages, cfg)
		applied := Apply(built, moisson.WeekEdits{Week: week.ID})
		if diff := cmp.Diff(built, applied, cmp.FilterPath(func(p cmp.Path) bool { return p.String() == "Edits" }, cmp.Ignore())); diff != "" {
			t.Errorf("%s: Apply with no edits changed the digest (-built +applied):\n%s", format, diff)
		}
		if string(Render(built, cfg)) != string(Render(applied, cfg)) {
			t.Errorf("%s: Apply with no edits changed the post", format)
		}
	}
}

func TestApply(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	built := Build(week, links, pages, cfg)
	entries := func(m map[string]moisson.EntryEdit) moisson.WeekEdits {
		return moisson.WeekEdits{Week: week.ID, Entries: m}
	}
	base := keyOutline(built)
	tests := []struct {
		name  string
		edits moisson.WeekEdits
		want  []string
		check func(t *testing.T, d Digest)
	}{
		{
			name:  "hide",
			edits: entries(map[string]moisson.EntryEdit{keyComposer: {Hidden: true}, keyElastic: {Hidden: true}}),
			want: []string{
				"SSL: " + keyQualys + " " + keyCloudflare,
				"MySQL: " + keyMariaDB + " " + keyQueryRW + " " + keyGTID,
				"Divers: " + keyNetflix + " " + keyFastly,
				"Nasty: " + keyNasty + " " + keyNoLead,
			},
			check: func(t *testing.T, d Digest) {
				if d.Links != built.Links-2 {
					t.Errorf("Links = %d, want %d", d.Links, built.Links-2)
				}
				var hidden []string
				for _, e := range d.Hidden {
					hidden = append(hidden, e.Key)
				}
				if diff := cmp.Diff([]string{keyComposer, keyElastic}, hidden); diff != "" {
					t.Errorf("Hidden (-want +got):\n%s", diff)
				}
				for _, e := range d.Unscraped {
					if e.Key == keyElastic {
						t.Error("a hidden entry is listed in Unscraped")
					}
				}
				if post := string(Render(d, cfg)); strings.Contains(post, "Composer") || strings.Contains(post, "elasticsearch") {
					t.Error("a hidden entry is in the post")
				}
			},
		},
		{
			name: "hide a whole section",
			edits: entries(map[string]moisson.EntryEdit{
				keyComposer: {Hidden: true}, keyElastic: {Hidden: true},
				keyNasty: {Hidden: true}, keyNoLead: {Hidden: true},
			}),
			want: []string{
				"SSL: " + keyQualys + " " + keyCloudflare,
				"MySQL: " + keyMariaDB + " " + keyQueryRW + " " + keyGTID,
				"Divers: " + keyNetflix + " " + keyFastly,
			},
		},
		{
			name: "move to an existing section, whatever the case, and to a new one",
			edits: entries(map[string]moisson.EntryEdit{
				keyFastly:   {Category: "ssl"},
				keyComposer: {Category: " Langages  de programmation "},
				keyNoLead:   {Category: "Langages de programmation"},
			}),
			want: []string{
				"SSL: " + keyQualys + " " + keyCloudflare + " " + keyFastly,
				"Langages de programmation: " + keyComposer + " " + keyNoLead,
				"MySQL: " + keyMariaDB + " " + keyQueryRW + " " + keyGTID,
				"ElasticSearch: " + keyElastic,
				"Divers: " + keyNetflix,
				"Nasty: " + keyNasty,
			},
			check: func(t *testing.T, d Digest) {
				if e := d.Sections[0].Entries[2]; e.Category != "SSL" {
					t.Errorf("moved entry's Category = %q, want the section's name SSL", e.Category)
				}
			},
		},
		{
			name: "order within sections, sections kept",
			edits: moisson.WeekEdits{Week: week.ID, Order: []string{
				keyGTID, keyNoLead, "https://gone.example/", keyQueryRW, keyGTID,
			}},
			want: []string{
				"SSL: " + keyQualys + " " + keyCloudflare,
				"PHP: " + keyComposer,
				"MySQL: " + keyGTID + " " + keyQueryRW + " " + keyMariaDB,
				"ElasticSearch: " + keyElastic,
				"Divers: " + keyNetflix + " " + keyFastly,
				"Nasty: " + keyNoLead + " " + keyNasty,
			},
		},
		{
			name: "unknown keys are ignored",
			edits: entries(map[string]moisson.EntryEdit{
				"https://gone.example/": {Hidden: true, Category: "Nowhere", Title: "Gone"},
				keyQualys + "#other":    {Hidden: true},
			}),
			want: base,
		},
		{
			name: "title, lead, comment",
			edits: entries(map[string]moisson.EntryEdit{
				keyCloudflare: {Title: "  A *better*\ntitle ", Lead: "\nMy own lead.\nSecond line.\n", Comment: "  Read *this*.\n"},
				keyNetflix:    {Comment: "Gone, but worth it."},
			}),
			want: base,
			check: func(t *testing.T, d Digest) {
				e := d.Sections[0].Entries[1]
				if e.Title != "A *better* title" || e.Lead != "My own lead.\nSecond line." || e.Comment != "Read *this*." {
					t.Errorf("edited entry = %+v", e)
				}
				post := string(Render(d, cfg))
				for _, want := range []string{
					"[A \\*better\\* title](https://blog.cloudflare.com/introducing-universal-ssl/)\n\n: My own lead.  \nSecond line.\n\n  Read *this*.\n",
					"(http://techblog.netflix.com/2014/10/a-state-of-xen-chaos-monkey-cassandra.html)\n\n: On Sept 25th, 2014 AWS notified users about an EC2 Maintenance.\n\n  Gone, but worth it.\n",
				} {
					if !strings.Contains(post, want) {
						t.Errorf("post lacks\n%s\nin\n%s", want, post)
					}
				}
			},
		},
		{
			name:  "intro",
			edits: moisson.WeekEdits{Week: week.ID, Intro: "Une semaine *chargée*. {{ site.title }}\r\n"},
			want:  base,
			check: func(t *testing.T, d Digest) {
				post := string(Render(d, cfg))
				if !strings.Contains(post, "---\n\nUne semaine *chargée*. &#123;{ site.title }}\n\n### SSL\n") {
					t.Errorf("post with an intro:\n%s", post)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Apply(built, tc.edits)
			if diff := cmp.Diff(tc.want, keyOutline(d)); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.edits, d.Edits); diff != "" {
				t.Errorf("Edits (-want +got):\n%s", diff)
			}
			if tc.check != nil {
				tc.check(t, d)
			}
		})
	}
	// Apply does not change the digest it is given.
	if diff := cmp.Diff(base, keyOutline(built)); diff != "" {
		t.Errorf("Apply changed its argument:\n%s", diff)
	}
}

func TestMove(t *testing.T) {
	week, links, pages := fixture(t)
	d := Build(week, links, pages, configured(t))
	tests := []struct {
		name  string
		key   string
		delta int
		want  []string // the MySQL section after the move
		ok    bool
	}{
		{"down", keyMariaDB, 1, []string{keyQueryRW, keyMariaDB, keyGTID}, true},
		{"up", keyGTID, -1, []string{keyMariaDB, keyGTID, keyQueryRW}, true},
		{"past the end", keyMariaDB, 10, []string{keyQueryRW, keyGTID, keyMariaDB}, true},
		{"first up", keyMariaDB, -1, nil, false},
		{"last down", keyGTID, 1, nil, false},
		{"unknown", "https://gone.example/", 1, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			order, ok := Move(d, tc.key, tc.delta)
			if ok != tc.ok {
				t.Fatalf("Move ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			moved := Apply(d, moisson.WeekEdits{Order: order})
			if moved.Links != d.Links || len(order) != d.Links {
				t.Errorf("order %v names %d entries, want %d", order, len(order), d.Links)
			}
			for _, s := range moved.Sections {
				if s.Name != "MySQL" {
					continue
				}
				var got []string
				for _, e := range s.Entries {
					got = append(got, e.Key)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("MySQL after the move (-want +got):\n%s", diff)
				}
			}
			// The other sections are as they were.
			before, after := keyOutline(d), keyOutline(moved)
			for i := range before {
				if !strings.HasPrefix(before[i], "MySQL:") && before[i] != after[i] {
					t.Errorf("section %d changed: %s -> %s", i, before[i], after[i])
				}
			}
		})
	}
}

func TestAuthorMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \n\n ", ""},
		{"Plain *Markdown* [link](https://a.example/).", "Plain *Markdown* [link](https://a.example/)."},
		{"{{ site.title }} {% include x %} {{< shortcode >}} {{% sc %}}", "&#123;{ site.title }} &#123;% include x %} &#123;{< shortcode >}} &#123;&#123;% sc %}}"},
		{"{{{", "&#123;&#123;{"},
		{"a { b } c", "a { b } c"},
		{"one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"bell\a and nul\x00", "bell and nul"},
		{"hard  \nbreak", "hard  \nbreak"},
		{"```go\ncode", "```go\ncode\n```"},
		{"~~~~\ncode\n~~~", "~~~~\ncode\n~~~\n~~~~"},
		{"```\ncode\n```\nafter", "```\ncode\n```\nafter"},
		{"```\ncode\n~~~\n", "```\ncode\n~~~\n```"},
	}
	for _, tc := range tests {
		if got := authorMarkdown(tc.in); got != tc.want {
			t.Errorf("authorMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRenderVia(t *testing.T) {
	cfg := DefaultConfig()
	w, err := cfg.ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	e := Entry{Key: "https://a.example/", URL: "https://a.example/", Title: "A", Lead: "Lead.", Category: "Go", Via: "@bob_b", ViaURL: "https://x.com/bob_b"}
	d := Digest{Week: w, Links: 1, Sections: []Section{{Name: "Go", Entries: []Entry{e}}}}
	tests := []struct {
		name string
		edit func(*Entry)
		hugo bool
		want string
	}{
		{"lead and credit", func(*Entry) {}, false, "[A](https://a.example/)\n: Lead.  \nvia [@bob\\_b](https://x.com/bob_b)\n"},
		{"credit alone", func(e *Entry) { e.Lead = "" }, false, "[A](https://a.example/)\n: via [@bob\\_b](https://x.com/bob_b)\n"},
		{"credit without a profile", func(e *Entry) { e.ViaURL = "javascript:alert(1)" }, false, "[A](https://a.example/)\n: Lead.  \nvia @bob\\_b\n"},
		{"credit and comment", func(e *Entry) { e.Comment = "Mine.\n\n- a\n- b" }, false,
			"[A](https://a.example/)\n\n: Lead.  \nvia [@bob\\_b](https://x.com/bob_b)\n\n  Mine.\n\n  - a\n  - b\n"},
		{"comment alone", func(e *Entry) { e.Lead, e.Via = "", ""; e.Comment = "Mine." }, false, "[A](https://a.example/)\n\n: Mine.\n"},
		{"hugo, bold links", func(e *Entry) { e.Comment = "Mine." }, true, "**[A](https://a.example/)**  \nLead.  \nvia [@bob\\_b](https://x.com/bob_b)\n\nMine.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := d
			en := e
			tc.edit(&en)
			d.Sections = []Section{{Name: "Go", Entries: []Entry{en}}}
			c := cfg
			if tc.hugo {
				c.Format, c.BoldLinks = FormatHugo, true
			}
			post := string(Render(d, c))
			got := post[strings.Index(post, "### Go\n\n")+len("### Go\n\n"):]
			if got != tc.want {
				t.Errorf("entry =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestCategoryNames(t *testing.T) {
	cats := Categories{
		Hashtags: map[string]string{"mysql": "MySQL", "mariadb": "MySQL", "go": "Go", "golang": "go"},
		Domains:  map[string]string{"mariadb.com": "MySQL", "postgresql.org": "PostgreSQL"},
	}
	if diff := cmp.Diff([]string{"Divers", "Go", "MySQL", "PostgreSQL"}, cats.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
	cats.Default = "Autres"
	if got := cats.Names(); got[0] != "Autres" || len(got) != 4 {
		t.Errorf("Names with a default = %v", got)
	}
	if diff := cmp.Diff([]string{DefaultSection}, Categories{}.Names()); diff != "" {
		t.Errorf("Names of no rules (-want +got):\n%s", diff)
	}
}
