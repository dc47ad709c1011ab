package reviewtest

import (
	"fmt"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// SampleWeek is the week of 29 September to 3 October 2014 (cutoff
// Friday 18:00, Paris).
func SampleWeek() moisson.Week {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		paris = time.FixedZone("CEST", 2*3600)
	}
	end := time.Date(2014, 10, 3, 18, 0, 0, 0, paris)
	return moisson.Week{ID: "2014-W40", Start: end.AddDate(0, 0, -7), End: end, Monday: time.Date(2014, 9, 29, 0, 0, 0, 0, paris)}
}

// SampleCategories are the sections of the sample week and one more.
var SampleCategories = []string{"SSL", "PHP", "MySQL", "ElasticSearch", "Divers"}

type sample struct {
	cat, url, title, lead, post, fail, snapshot string
	paras                                       []string
}

var samples = []sample{
	{cat: "SSL", url: "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know",
		title: "SHA1 Deprecation: What You Need to Know",
		lead:  "The news is that SHA1, a very popular hashing function, is on the way out.\nHowever, we're in a bit of a panic now.",
		post:  "SHA1 Deprecation: What You Need to Know #SSL",
		paras: []string{"The news is that SHA1, a very popular hashing function, is on the way out.", "However, we're in a bit of a panic now.", "Google announced that Chrome will warn about SHA1 certificates expiring in 2016."}},
	{cat: "SSL", url: "https://blog.cloudflare.com/introducing-universal-ssl/", title: "Introducing Universal SSL",
		lead: "The team at CloudFlare is excited to announce the release of Universal SSL™.", post: "Universal SSL chez CloudFlare #SSL"},
	{cat: "PHP", url: "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/", title: "Composer & virtual packages",
		lead: "Composer has been a blessing for the PHP community.", post: "Composer & virtual packages #PHP"},
	{cat: "MySQL", url: "https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100",
		title: "High Availability with Multi Source Replication with MariaDB 10.0",
		lead:  "In my last article, I explored how to enable Global Transaction IDs in MariaDB 10.0.", post: "Multi source replication #MariaDB"},
	{cat: "MySQL", url: "http://mysqlserverteam.com/the-query-rewrite-plugins/", title: "The Query Rewrite Plugins",
		lead: "Now that the cost model project is progressing, most of you are going to notice execution plan changes.", post: "The Query Rewrite Plugins #MySQL"},
	{cat: "MySQL", url: "https://blog.mariadb.com/enabling-gtids", title: "Enabling GTIDs for server replication in MariaDB 10.0",
		lead: "Replication has been one of the most popular MySQL features.", post: "GTIDs #MariaDB", snapshot: "https://web.archive.org/web/20141002000000/https://blog.mariadb.com/enabling-gtids"},
	{cat: "ElasticSearch", url: "http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/", title: "Elasticsearch 1.3.3 is out, with Lucene 4.9.1",
		post: "Elasticsearch 1.3.3 #ElasticSearch"},
	{cat: "Divers", url: "http://example.com/gone", title: "Un lien mort partagé sans hashtag", post: "Un lien mort partagé sans hashtag http://example.com/gone",
		fail: "404 Not Found"},
}

// SampleEntries are the entries of the sample week, in the post's order:
// scraped pages with a few lead candidates, one taken from the Wayback
// Machine, one that failed.
func SampleEntries() []review.EntryView {
	w := SampleWeek()
	var out []review.EntryView
	for i, s := range samples {
		at := w.Monday.Add(time.Duration(9+i*11) * time.Hour)
		e := review.EntryView{
			Entry: digest.Entry{Key: s.url, URL: s.url, Title: s.title, Lead: s.lead, Category: s.cat, Scraped: s.fail == ""},
			Post:  moisson.Post{ID: fmt.Sprint(517000000000000000 + i), Source: "x", CreatedAt: at, Text: s.post + " " + s.url},
			Page: moisson.Page{URL: s.url, CanonicalURL: s.url, Title: s.title, Lead: s.lead, Paragraphs: s.paras,
				Status: 200, FetchedAt: at.Add(time.Minute), Error: s.fail, Snapshot: s.snapshot},
		}
		if s.fail != "" {
			e.Page.Status = 404
			e.Page.Permanent = true
		}
		e.Entry.Link = moisson.Link{URL: s.url, PostKey: e.Post.Key(), PostedAt: at, PostText: e.Post.Text}
		out = append(out, e)
	}
	return out
}

// ManyEntries are n entries spread over 12 sections, each with a lead,
// three lead candidates and its post: a heavy week.
func ManyEntries(n int) []review.EntryView {
	w := SampleWeek()
	out := make([]review.EntryView, 0, n)
	for i := range n {
		u := fmt.Sprintf("https://blog%d.example.com/2014/10/post-%d-about-something", i%37, i)
		at := w.Start.Add(time.Duration(i) * time.Minute)
		lead := fmt.Sprintf("Paragraph %d of a page about replication, caching and the ways of the web, long enough to look like a real lead of a real article.", i)
		e := review.EntryView{
			Entry: digest.Entry{Key: u, URL: u, Title: fmt.Sprintf("Post number %d: a title of a sensible length", i), Lead: lead, Category: fmt.Sprintf("Section %d", i%12), Scraped: true},
			Post:  moisson.Post{ID: fmt.Sprint(i), Source: "x", CreatedAt: at, Text: "Shared with a few words #tag " + u},
			Page:  moisson.Page{URL: u, Title: "t", Lead: lead, Paragraphs: []string{lead, "A second paragraph.", "A third one."}, Status: 200, FetchedAt: at},
		}
		out = append(out, e)
	}
	return out
}
