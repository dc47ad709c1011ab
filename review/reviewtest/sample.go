package reviewtest

import (
	"fmt"
	"strings"
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
		if s.url == "https://blog.cloudflare.com/introducing-universal-ssl/" {
			e.Page.Image = sampleImage()
		}
		e.Entry.Link = moisson.Link{URL: s.url, PostKey: e.Post.Key(), PostedAt: at, PostText: e.Post.Text}
		out = append(out, e)
	}
	return out
}

// ManyEntries are n entries spread over 12 sections, as a real week has
// them: a title of 60 to 90 characters, a lead of about 420, five lead
// candidates of the page of about 400 each, the post that shared it
// (about 200 characters), every fourth entry with a comment.
func ManyEntries(n int) []review.EntryView {
	w := SampleWeek()
	out := make([]review.EntryView, 0, n)
	words := strings.Fields("replication caching latency the web browsers servers databases queries indexes certificates " +
		"deployment containers kernels schedulers memory allocation garbage collection networks protocols HTTP TLS")
	text := func(i, length int) string {
		var b strings.Builder
		for j := 0; b.Len() < length; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[(i*7+j*3)%len(words)])
			if j%13 == 12 {
				b.WriteString(".")
			}
		}
		return b.String() + "."
	}
	for i := range n {
		u := fmt.Sprintf("https://blog%d.example.com/2014/10/post-%d-about-something-worth-reading", i%37, i)
		at := w.Start.Add(time.Duration(i) * time.Minute)
		lead := fmt.Sprintf("Paragraph %d of a page about ", i) + text(i, 390)
		paras := []string{lead}
		for k := 1; k < 5; k++ {
			paras = append(paras, text(i+k, 400))
		}
		title := fmt.Sprintf("Post number %d: a title of a sensible length about %s", i, text(i, 20+i%30))
		e := review.EntryView{
			Entry: digest.Entry{Key: u, URL: u, Title: title, Lead: lead, Category: fmt.Sprintf("Section %d", i%12), Scraped: true},
			Post:  moisson.Post{ID: fmt.Sprint(i), Source: "x", CreatedAt: at, Text: "Shared with a few words about " + text(i, 120) + " #tag " + u},
			Page:  moisson.Page{URL: u, Title: title, Lead: lead, Paragraphs: paras, Status: 200, FetchedAt: at},
		}
		if i%4 == 0 {
			e.Entry.Comment = "A word of mine on it: " + text(i, 80)
			e.Edit.Comment = e.Entry.Comment
		}
		e.Entry.Link = moisson.Link{URL: u, PostKey: e.Post.Key(), PostedAt: at, PostText: e.Post.Text}
		out = append(out, e)
	}
	return out
}
