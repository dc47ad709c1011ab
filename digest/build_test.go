package digest

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

// outline is what a digest says, without the links behind it.
type outline struct {
	Section string
	Title   string
	URL     string
	Lead    string
	Scraped bool
}

func outlineOf(d Digest) []outline {
	var out []outline
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			out = append(out, outline{s.Name, e.Title, e.URL, e.Lead, e.Scraped})
		}
	}
	return out
}

func configured(t testing.TB) Config {
	t.Helper()
	cats, err := LoadCategories("testdata/categories.conf")
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Categories = cats
	return cfg
}

func TestBuild(t *testing.T) {
	week, links, pages := fixture(t)
	qualys := "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know"
	xen := "http://techblog.netflix.com/2014/10/a-state-of-xen-chaos-monkey-cassandra.html"
	es := "http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/"

	t.Run("with categories", func(t *testing.T) {
		d := Build(week, links, pages, configured(t))
		want := []outline{
			{"SSL", "SHA1 Deprecation: What You Need to Know", qualys, pages[qualys].Lead, true},
			{"SSL", "Introducing Universal SSL", "https://blog.cloudflare.com/introducing-universal-ssl/", pages["http://blog.cloudflare.com/introducing-universal-ssl/"].Lead, true},
			{"PHP", "Composer & virtual packages", "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/", "Composer has been a blessing for the PHP community.", true},
			{"MySQL", "High Availability with Multi Source Replication with MariaDB 10.0", "https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100", "In my last article, I explored how to enable Global Transaction IDs in MariaDB 10.0.", true},
			{"MySQL", "The Query Rewrite Plugins", "http://mysqlserverteam.com/the-query-rewrite-plugins/", "Now that the cost model project is progressing, most of you are going to notice execution plan changes.", true},
			{"MySQL", "Enabling GTIDs for server replication in MariaDB 10.0", "https://blog.mariadb.com/enabling-gtids", "Replication has been one of the most popular MySQL features.", true},
			{"ElasticSearch", "Elasticsearch 1.3.3 is out, with Lucene 4.9.1", es, "", false},
			{"Divers", "A State of Xen - Chaos Monkey & Cassandra", xen, "On Sept 25th, 2014 AWS notified users about an EC2 Maintenance.", false},
			{"Divers", "Caching the Uncacheable - Hooman Beheshti's Talk at Velocity NYC 2014", "http://www.fastly.com/blog/caching-the-uncacheable/", "Hooman Beheshti, VP of Technology at Fastly, recently gave a talk at Velocity NYC 2014.", true},
			{"Nasty", nastyTitle, "https://example.com/nasty (1).html", nastyLead, true},
			{"Nasty", "A page with no lead", "https://example.com/no-lead", "", true},
		}
		if diff := cmp.Diff(want, outlineOf(d)); diff != "" {
			t.Errorf("Build() (-want +got):\n%s", diff)
		}
		if d.Links != len(want) {
			t.Errorf("Links = %d, want %d", d.Links, len(want))
		}
		var unscraped []string
		for _, e := range d.Unscraped {
			unscraped = append(unscraped, e.URL)
		}
		if diff := cmp.Diff([]string{es, xen}, unscraped); diff != "" {
			t.Errorf("Unscraped (-want +got):\n%s", diff)
		}
	})

	t.Run("without categories", func(t *testing.T) {
		d := Build(week, links, pages, DefaultConfig())
		var names []string
		for _, s := range d.Sections {
			names = append(names, s.Name)
		}
		// Each link under its first hashtag, as first written in the week
		// ("SSL", then "ssl" joins it); no hashtag: "Divers", in the order
		// of each section's first link.
		want := []string{"SSL", "PHP", "Divers", "MySQL", "GTID", "search", "Nasty"}
		if diff := cmp.Diff(want, names); diff != "" {
			t.Errorf("sections (-want +got):\n%s", diff)
		}
	})

	t.Run("replies included", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.IncludeReplies = true
		d := Build(week, links, pages, cfg)
		found := false
		for _, o := range outlineOf(d) {
			if o.URL == "http://example.org/reply" {
				found = true
				if o.Title != "@bob see" {
					t.Errorf("reply title = %q", o.Title)
				}
			}
		}
		if !found {
			t.Error("IncludeReplies: the reply's link is missing")
		}
	})

	t.Run("empty week", func(t *testing.T) {
		d := Build(week, nil, nil, DefaultConfig())
		if d.Links != 0 || len(d.Sections) != 0 || d.Week.ID != "2014-W40" {
			t.Errorf("Build(no links) = %+v", d)
		}
	})
}

func TestBuildCategories(t *testing.T) {
	week := moisson.Week{ID: "2014-W40", Start: time.Date(2014, 9, 26, 0, 0, 0, 0, time.UTC), End: time.Date(2014, 10, 3, 0, 0, 0, 0, time.UTC)}
	at := func(h int) time.Time { return week.Start.Add(time.Duration(h) * time.Hour) }
	cats := Categories{
		Hashtags: map[string]string{"mysql": "MySQL", "db": "Databases"},
		Domains:  map[string]string{"mariadb.com": "MariaDB", "kb.mariadb.com": "Docs", "github.com": "Code"},
		Default:  "Autres",
	}
	tests := []struct {
		name     string
		cats     Categories
		url      string
		hashtags []string
		page     *moisson.Page
		want     string
	}{
		{"first hashtag, no config", Categories{}, "https://a.example/", []string{"Go", "mysql"}, nil, "Go"},
		{"no hashtag, no config", Categories{}, "https://a.example/", nil, nil, "Divers"},
		{"hashtag rule, any case", cats, "https://a.example/", []string{"MYSQL"}, nil, "MySQL"},
		{"the first hashtag with a rule", cats, "https://a.example/", []string{"news", "db", "mysql"}, nil, "Databases"},
		{"hashtag rule beats domain rule", cats, "https://mariadb.com/x", []string{"mysql"}, nil, "MySQL"},
		{"domain rule beats a hashtag without rule", cats, "https://mariadb.com/x", []string{"news"}, nil, "MariaDB"},
		{"domain rule matches subdomains", cats, "https://blog.MariaDB.com:443/x", nil, nil, "MariaDB"},
		{"the most specific domain rule", cats, "https://www.kb.mariadb.com/x", nil, nil, "Docs"},
		{"no match on a suffix that is not a subdomain", cats, "https://notmariadb.com/x", nil, nil, "Autres"},
		{"domain of the page after redirects", cats, "https://bit.ly/x", nil,
			&moisson.Page{FinalURL: "https://github.com/a/b", CanonicalURL: "https://github.com/a/b", Status: 200}, "Code"},
		{"failed page: domain of the link", cats, "https://github.com/a", nil,
			&moisson.Page{Error: "timeout"}, "Code"},
		{"hashtag without rule", cats, "https://a.example/", []string{"#Go"}, nil, "Go"},
		{"default", cats, "https://a.example/", nil, nil, "Autres"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := moisson.Link{URL: tc.url, PostedAt: at(1), Hashtags: tc.hashtags, PostText: "post"}
			pages := map[string]moisson.Page{}
			if tc.page != nil {
				p := *tc.page
				p.URL = tc.url
				pages[tc.url] = p
			}
			cfg := DefaultConfig()
			cfg.Categories = tc.cats
			d := Build(week, []moisson.Link{l}, pages, cfg)
			if len(d.Sections) != 1 || d.Sections[0].Name != tc.want {
				t.Errorf("sections = %+v, want one named %q", d.Sections, tc.want)
			}
		})
	}
}

func TestBuildSectionNames(t *testing.T) {
	week := moisson.Week{Start: time.Date(2014, 9, 26, 0, 0, 0, 0, time.UTC), End: time.Date(2014, 10, 3, 0, 0, 0, 0, time.UTC)}
	at := func(h int) time.Time { return week.Start.Add(time.Duration(h) * time.Hour) }
	link := func(h int, url string, tags ...string) moisson.Link {
		return moisson.Link{URL: url, PostedAt: at(h), Hashtags: tags, PostText: url}
	}
	cfg := DefaultConfig()
	cfg.Categories = Categories{Domains: map[string]string{"mysql.com": "MySQL"}}
	// Given out of order: Build sorts by posting time.
	links := []moisson.Link{
		link(5, "https://c.example/", "MYSQL"),
		link(2, "https://a.example/", "mysql"),
		link(3, "https://dev.mysql.com/doc"),
		link(4, "https://b.example/", "Go"),
		link(1, "https://z.example/", "go"),
	}
	d := Build(week, links, nil, cfg)
	type sec struct {
		Name string
		URLs []string
	}
	var got []sec
	for _, s := range d.Sections {
		g := sec{Name: s.Name}
		for _, e := range s.Entries {
			g.URLs = append(g.URLs, e.URL)
		}
		got = append(got, g)
	}
	// "go" is spelled as first written; "mysql" takes the configured
	// spelling of the domain rule that shares its name.
	want := []sec{
		{"go", []string{"https://z.example/", "https://b.example/"}},
		{"MySQL", []string{"https://a.example/", "https://dev.mysql.com/doc", "https://c.example/"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
}

func TestBuildDedupe(t *testing.T) {
	week := moisson.Week{Start: time.Date(2014, 9, 26, 0, 0, 0, 0, time.UTC), End: time.Date(2014, 10, 3, 0, 0, 0, 0, time.UTC)}
	at := func(h int) time.Time { return week.Start.Add(time.Duration(h) * time.Hour) }
	tests := []struct {
		name  string
		urls  []string
		pages map[string]moisson.Page
		want  []string
	}{
		{"same URL twice", []string{"https://a.example/x", "https://a.example/x"}, nil, []string{"https://a.example/x"}},
		{"scheme and trailing slash", []string{"http://a.example/x/", "https://a.example/x"}, nil, []string{"http://a.example/x/"}},
		{"www and host case", []string{"https://www.A.example/x", "https://a.example/x#part"}, nil, []string{"https://www.A.example/x"}},
		{"query tells pages apart", []string{"https://a.example/x?id=1", "https://a.example/x?id=2"}, nil,
			[]string{"https://a.example/x?id=1", "https://a.example/x?id=2"}},
		{"path case tells pages apart", []string{"https://a.example/X", "https://a.example/x"}, nil,
			[]string{"https://a.example/X", "https://a.example/x"}},
		{"same canonical URL", []string{"https://bit.ly/1", "https://a.example/x?utm_source=tw"},
			map[string]moisson.Page{
				"https://bit.ly/1":                  {Status: 200, Title: "X", FinalURL: "https://a.example/x?utm_source=rss", CanonicalURL: "https://a.example/x"},
				"https://a.example/x?utm_source=tw": {Status: 200, Title: "X", FinalURL: "https://a.example/x?utm_source=tw", CanonicalURL: "https://a.example/x/"},
			},
			[]string{"https://a.example/x"}},
		{"unscraped link then the same page scraped", []string{"https://a.example/x", "https://bit.ly/1"},
			map[string]moisson.Page{
				"https://bit.ly/1": {Status: 200, Title: "X", FinalURL: "https://a.example/x", CanonicalURL: "https://a.example/x"},
			},
			[]string{"https://a.example/x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var links []moisson.Link
			for i, u := range tc.urls {
				links = append(links, moisson.Link{URL: u, PostedAt: at(i), PostText: "text"})
			}
			d := Build(week, links, tc.pages, DefaultConfig())
			var got []string
			for _, o := range outlineOf(d) {
				got = append(got, o.URL)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
			if d.Links != len(tc.want) {
				t.Errorf("Links = %d, want %d", d.Links, len(tc.want))
			}
		})
	}
}

func TestEntryFallbacks(t *testing.T) {
	tests := []struct {
		name string
		link moisson.Link
		page *moisson.Page
		want outline
	}{
		{
			name: "scraped page",
			link: moisson.Link{URL: "https://a.example/x?utm_source=tw", PostText: "Look"},
			page: &moisson.Page{Status: 200, Title: " The\n title ", Lead: "Lead.", CanonicalURL: "https://a.example/x"},
			want: outline{Title: "The title", URL: "https://a.example/x", Lead: "Lead.", Scraped: true},
		},
		{
			name: "page from the Wayback Machine",
			link: moisson.Link{URL: "https://gone.example/x"},
			page: &moisson.Page{Status: 200, Title: "Gone", Snapshot: "https://web.archive.org/web/2014/https://gone.example/x", CanonicalURL: "https://gone.example/x"},
			// The entry links to the live URL, not to the capture.
			want: outline{Title: "Gone", URL: "https://gone.example/x", Scraped: true},
		},
		{
			name: "scraped page without title or lead",
			link: moisson.Link{URL: "https://a.example/doc.pdf", PostText: "A paper on #Raft https://t.co/x", Summary: "The summary."},
			page: &moisson.Page{Status: 200, Kind: moisson.KindPDF, FinalURL: "https://a.example/doc.pdf"},
			want: outline{Title: "A paper on Raft", URL: "https://a.example/doc.pdf", Lead: "The summary.", Scraped: true},
		},
		{
			name: "canonical URL that is not a web link",
			link: moisson.Link{URL: "https://a.example/x"},
			page: &moisson.Page{Status: 200, Title: "X", CanonicalURL: "javascript:alert(1)"},
			want: outline{Title: "X", URL: "https://a.example/x", Scraped: true},
		},
		{
			name: "failed page: title from the post",
			link: moisson.Link{URL: "https://a.example/x", PostText: "RT @someone: Great read https://t.co/x #go"},
			page: &moisson.Page{Status: 404, Error: "404 Not Found", Permanent: true},
			want: outline{Title: "Great read", URL: "https://a.example/x"},
		},
		{
			name: "never scraped: the feed item's title and summary",
			link: moisson.Link{URL: "https://a.example/x", PostText: "ignored", Title: "Feed title", Summary: "Feed summary."},
			want: outline{Title: "Feed title", URL: "https://a.example/x", Lead: "Feed summary."},
		},
		{
			name: "nothing but the URL",
			link: moisson.Link{URL: "https://www.a.example/x/", PostText: "https://t.co/x #go"},
			want: outline{Title: "a.example/x", URL: "https://www.a.example/x/"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var page moisson.Page
			if tc.page != nil {
				page = *tc.page
			}
			e := entry(tc.link, page, tc.page != nil && page.OK())
			got := outline{Title: e.Title, URL: e.URL, Lead: e.Lead, Scraped: e.Scraped}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("entry (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTitleFromPost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Elasticsearch 1.3.3 released http://t.co/abc #elasticsearch", "Elasticsearch 1.3.3 released"},
		{"RT @elastic: Elasticsearch 1.3.3 released http://t.co/abc", "Elasticsearch 1.3.3 released"},
		{"A #MySQL story: https://t.co/abc #db #perf", "A MySQL story"},
		{"#PHP Composer & virtual packages https://t.co/abc", "PHP Composer & virtual packages"},
		{"Keyless SSL https://t.co/a via @cloudflare", "Keyless SSL"},
		{"Keyless SSL (via @cloudflare) https://t.co/a", "Keyless SSL"},
		{"Two lines\nof text — https://t.co/a pic.twitter.com/xyz", "Two lines of text"},
		{"Top #1 of the week https://t.co/a", "Top #1 of the week"},
		{"C# and F# https://t.co/a", "C# and F#"},
		{"A paper on #Raft https://t.co/x", "A paper on Raft"},
		{"Tag cloud before the link #a #b https://t.co/x", "Tag cloud before the link"},
		{"Tags #in the text https://t.co/x #after", "Tags in the text"},
		{"https://t.co/a #go #golang", ""},
		// Links shortened for display, whatever their host: Bluesky's
		// "host/path...", an address and port cut, Mastodon's and X's
		// "…", a t.co or www link without its scheme.
		{"Un article sur la pourriture des liens 127.0.0.2:…/articles/pag...", "Un article sur la pourriture des liens"},
		{"Read this: github.com/foo/bar/blo... #go", "Read this"},
		{"Lu ce matin blog.example.org/2014/10/a-very-lo… et c'est bien", "Lu ce matin et c'est bien"},
		{"Bon article (example.com/post...) sur Go", "Bon article sur Go"},
		{"Universal SSL t.co/AbCdEf", "Universal SSL"},
		{"Voir www.example.com pour tout", "Voir pour tout"},
		{"Node.js and example.com are words, 1.3.3 too", "Node.js and example.com are words, 1.3.3 too"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := TitleFromPost(tc.in); got != tc.want {
			t.Errorf("TitleFromPost(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// One page shared on several sources (X, Mastodon, a bookmark) is one
// entry, at the earliest share, with every share's note; tracking
// parameters do not make another page, and are dropped from the link of
// a page that could not be scraped.
func TestOnePageAcrossSources(t *testing.T) {
	cfg := DefaultConfig()
	w, _ := cfg.ParseWeek("2014-W40")
	at := func(h int) time.Time { return w.Start.Add(time.Duration(h) * time.Hour) }
	links := []moisson.Link{
		{URL: "https://lwn.net/Articles/1/?utm_source=twitter", PostKey: "x/1", PostedAt: at(1), Hashtags: []string{"Linux"}},
		{URL: "https://lwn.net/Articles/1/", PostKey: "mastodon/2", PostedAt: at(2), Hashtags: []string{"Noyau"}, Via: "@corbet@lwn.net", ViaURL: "https://lwn.net/@corbet"},
		{URL: "http://www.lwn.net/Articles/1", PostKey: "feed:https://pinboard.in/u:me/3", PostedAt: at(3), Note: "Le meilleur résumé du changement."},
		{URL: "https://dead.example/post?utm_medium=social&id=7&fbclid=abc", PostKey: "x/4", PostedAt: at(4)},
	}
	d := Build(w, links, map[string]moisson.Page{}, cfg)
	if d.Links != 2 {
		t.Fatalf("%d entries, want 2 (one per page): %+v", d.Links, d.Sections)
	}
	first := d.Sections[0].Entries[0]
	if d.Sections[0].Name != "Linux" || first.Link.PostKey != "x/1" || len(first.Shares) != 2 {
		t.Errorf("entry %+v in %q, want the earliest share (X, #Linux) with the two others as shares", first, d.Sections[0].Name)
	}
	if first.Comment != "Le meilleur résumé du changement." || first.Via != "@corbet@lwn.net" {
		t.Errorf("comment %q via %q, want the bookmark's note and the Mastodon credit", first.Comment, first.Via)
	}
	var dead Entry
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			if strings.Contains(e.URL, "dead.example") {
				dead = e
			}
		}
	}
	if dead.URL != "https://dead.example/post?id=7" {
		t.Errorf("unscraped link shown as %q, want it without tracking parameters", dead.URL)
	}
	cfg.HideVia = true
	if d := Build(w, links, map[string]moisson.Page{}, cfg); d.Sections[0].Entries[0].Via != "" {
		t.Error("HideVia kept the credit")
	}
}
