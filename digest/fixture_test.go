package digest

import (
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// fixture is a week like the hand-written 2014-W40 post, with the traps a
// real week holds: a reply, a page shared twice, a link after the cutoff,
// pages that could not be scraped, a title and a lead full of Markdown.
func fixture(t testing.TB) (moisson.Week, []moisson.Link, map[string]moisson.Page) {
	t.Helper()
	loc := paris(t)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2014, m, d, h, min, 0, 0, loc) }
	week, err := DefaultConfig().ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	links := []moisson.Link{
		{
			URL: "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know", PostKey: "x/1",
			PostedAt: at(9, 26, 19, 0), Hashtags: []string{"SSL"}, PostText: "SHA1 deprecation #SSL https://t.co/a",
		},
		{
			URL: "http://blog.cloudflare.com/introducing-universal-ssl/", PostKey: "x/2",
			PostedAt: at(9, 29, 9, 15), Hashtags: []string{"ssl", "cloudflare"}, PostText: "Universal SSL https://t.co/b #ssl #cloudflare",
		},
		{
			URL: "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/", PostKey: "x/3",
			PostedAt: at(9, 29, 10, 0), Hashtags: []string{"PHP"}, PostText: "#PHP Composer https://t.co/c",
		},
		{
			// No hashtag: the domain rule files it under MySQL.
			URL: "https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100", PostKey: "x/4",
			PostedAt: at(9, 30, 8, 0), PostText: "Multi source replication https://t.co/d",
		},
		{
			// A reply to someone else is left out.
			URL: "http://example.org/reply", PostKey: "x/5", PostedAt: at(9, 30, 9, 0),
			Hashtags: []string{"PHP"}, PostText: "@bob see http://example.org/reply", Reply: true,
		},
		{
			// The qualys page again, shared through a shortener: same canonical URL.
			URL: "http://bit.ly/sha1", PostKey: "x/6", PostedAt: at(9, 30, 10, 0),
			Hashtags: []string{"PHP"}, PostText: "Again https://t.co/e #PHP",
		},
		{
			URL: "http://mysqlserverteam.com/the-query-rewrite-plugins/", PostKey: "x/7",
			PostedAt: at(10, 1, 14, 0), Hashtags: []string{"MySQL"}, PostText: "Query rewrite #MySQL https://t.co/f",
		},
		{
			// A subdomain of mariadb.com, with a hashtag that has no rule: the domain rule wins.
			URL: "https://blog.mariadb.com/enabling-gtids", PostKey: "x/8",
			PostedAt: at(10, 1, 15, 0), Hashtags: []string{"GTID"}, PostText: "GTIDs #GTID https://t.co/g",
		},
		{
			// Unscraped: the title comes from the post.
			URL: "http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/", PostKey: "x/9",
			PostedAt: at(10, 2, 11, 0), Hashtags: []string{"search"},
			PostText: "RT @elastic: Elasticsearch 1.3.3 is out, with #Lucene 4.9.1 http://t.co/h #search #release",
		},
		{
			// A feed item that could not be scraped: its own title and summary.
			URL: "http://techblog.netflix.com/2014/10/a-state-of-xen-chaos-monkey-cassandra.html", PostKey: "feed:http://techblog.netflix.com/rss/10",
			PostedAt: at(10, 2, 12, 0), Title: "A State of Xen - Chaos Monkey & Cassandra",
			Summary: "On Sept 25th, 2014 AWS notified users about an EC2 Maintenance.",
		},
		{
			// No hashtag, no rule: the default category.
			URL: "http://www.fastly.com/blog/caching-the-uncacheable/", PostKey: "x/11",
			PostedAt: at(10, 2, 13, 0), PostText: "Caching the uncacheable https://t.co/i",
		},
		{
			// Markdown, HTML, Liquid and kramdown in the title and the lead.
			URL: "https://example.com/nasty (1).html", PostKey: "x/12",
			PostedAt: at(10, 3, 9, 0), Hashtags: []string{"Nasty"}, PostText: "#Nasty https://t.co/j",
		},
		{
			// A page with no lead.
			URL: "https://example.com/no-lead", PostKey: "x/13",
			PostedAt: at(10, 3, 17, 59), Hashtags: []string{"nasty"}, PostText: "#nasty https://t.co/k",
		},
		{
			// Posted at the cutoff: next week.
			URL: "https://example.com/next-week", PostKey: "x/14",
			PostedAt: at(10, 3, 18, 0), Hashtags: []string{"SSL"}, PostText: "#SSL https://t.co/l",
		},
		{
			// Posted before the week.
			URL: "https://example.com/last-week", PostKey: "x/15",
			PostedAt: at(9, 26, 17, 59), Hashtags: []string{"SSL"}, PostText: "#SSL https://t.co/m",
		},
	}
	ok := func(url, canonical, title, lead string) moisson.Page {
		return moisson.Page{URL: url, FinalURL: canonical, CanonicalURL: canonical, Title: title, Lead: lead, Kind: moisson.KindHTML, Status: 200}
	}
	qualys := "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know"
	pages := map[string]moisson.Page{
		qualys: ok(qualys, qualys, "SHA1 Deprecation: What You Need to Know",
			"The news is that SHA1, a very popular hashing function, is on the way out.\n\nHowever, we're in a bit of a panic now."),
		"http://bit.ly/sha1": ok("http://bit.ly/sha1", qualys+"/", "SHA1 Deprecation: What You Need to Know (bis)", "Duplicate."),
		"http://blog.cloudflare.com/introducing-universal-ssl/": ok("http://blog.cloudflare.com/introducing-universal-ssl/",
			"https://blog.cloudflare.com/introducing-universal-ssl/", "Introducing Universal SSL",
			"The team at CloudFlare is excited to announce the release of Universal SSL™."),
		"http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/": ok("http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/",
			"http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/", "Composer & virtual packages",
			"Composer has been a blessing for the PHP community."),
		"https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100": ok("https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100",
			"https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100", "High Availability with Multi Source Replication with MariaDB 10.0",
			"In my last article, I explored how to enable Global Transaction IDs in MariaDB 10.0."),
		"http://mysqlserverteam.com/the-query-rewrite-plugins/": ok("http://mysqlserverteam.com/the-query-rewrite-plugins/",
			"http://mysqlserverteam.com/the-query-rewrite-plugins/", "The Query Rewrite Plugins",
			"Now that the cost model project is progressing, most of you are going to notice execution plan changes."),
		"https://blog.mariadb.com/enabling-gtids": ok("https://blog.mariadb.com/enabling-gtids", "https://blog.mariadb.com/enabling-gtids",
			"Enabling GTIDs for server replication in MariaDB 10.0", "Replication has been one of the most popular MySQL features."),
		"http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/": {
			URL: "http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/", Status: 503, Error: "503 Service Unavailable", Attempts: 3,
		},
		"http://www.fastly.com/blog/caching-the-uncacheable/": ok("http://www.fastly.com/blog/caching-the-uncacheable/",
			"http://www.fastly.com/blog/caching-the-uncacheable/", "Caching the Uncacheable - Hooman Beheshti's Talk at Velocity NYC 2014",
			"Hooman Beheshti, VP of Technology at Fastly, recently gave a talk at Velocity NYC 2014."),
		"https://example.com/nasty (1).html": ok("https://example.com/nasty (1).html", "https://example.com/nasty (1).html",
			nastyTitle, nastyLead),
		"https://example.com/no-lead": ok("https://example.com/no-lead", "https://example.com/no-lead", "A page with no lead", ""),
	}
	return week, links, pages
}

// The nasty title and lead must show literally, whatever Markdown, HTML,
// Liquid or kramdown they hold. They avoid what kramdown turns into
// typographic characters (quotes, "--", "...").
const (
	nastyTitle = `Use *stars* and _under_ [brackets](http://evil.example) <b>bold</b> \o/ {{ site.title }} $$x$$ a|b ~~gone~~ C#`
	nastyLead  = "<script>alert(1)</script> and &amp; and {% include x.html %} and {: .cls} and `code`\n" +
		"# Not a heading\n" +
		"> not a quote\n" +
		"- not a list\n" +
		"+ not a list\n" +
		"1984. Not a list\n" +
		": not a definition\n" +
		"=====\n" +
		"~~~\n" +
		"^\n" +
		"| not | a table |\n" +
		"[not]: http://a.link/definition\n" +
		"*[HTML]: not an abbreviation\n" +
		"{::comment} not a comment {:/comment}"
)
