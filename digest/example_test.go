package digest_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
)

func ExampleConfig_WeekOf() {
	cfg := digest.DefaultConfig()                           // Friday 18:00, Europe/Paris
	posted := time.Date(2014, 10, 3, 16, 0, 0, 0, time.UTC) // 18:00 in Paris
	w := cfg.WeekOf(posted)
	fmt.Println(w.ID, w.Start.Format(time.DateTime), w.End.Format(time.DateTime))
	// Output: 2014-W41 2014-10-03 18:00:00 2014-10-10 18:00:00
}

func ExampleRender() {
	cfg := digest.DefaultConfig()
	week, err := cfg.ParseWeek("2014-W40")
	if err != nil {
		panic(err)
	}
	links := []moisson.Link{{
		URL:      "http://blog.cloudflare.com/introducing-universal-ssl/",
		PostedAt: time.Date(2014, 9, 29, 9, 0, 0, 0, time.UTC),
		Hashtags: []string{"SSL"},
	}}
	pages := map[string]moisson.Page{links[0].URL: {
		URL:          links[0].URL,
		CanonicalURL: links[0].URL,
		Title:        "Introducing Universal SSL",
		Lead:         "The team at CloudFlare is excited to announce the release of Universal SSL™.",
		Status:       200,
	}}
	d := digest.Build(week, links, pages, cfg)
	fmt.Println(d.Path(cfg))
	post := string(digest.Render(d, cfg))
	// The introduction's lines end with a hard break, two spaces, which
	// an Output comment cannot show: print from the first section on.
	fmt.Print(post[strings.Index(post, "### "):])
	// Output:
	// _posts/2014-10-03-compilation-veille.md
	// ### SSL
	//
	// [Introducing Universal SSL](http://blog.cloudflare.com/introducing-universal-ssl/)
	// : The team at CloudFlare is excited to announce the release of Universal SSL™.
}
