package extract_test

import (
	"fmt"
	"net/url"

	"github.com/moisson/moisson/scrape/extract"
)

func ExampleExtract() {
	page := []byte(`<!DOCTYPE html>
<html lang="en"><head><title>Herald.com > News > World -- Harbour reopens after the storm</title></head>
<body>
<div id="nav"><a href="/">Home</a> | <a href="/news/">News</a></div>
<div id="story">
<h1>Harbour reopens after the storm</h1>
<p class="byline">By Jane Doe, Staff Writer</p>
<p>The harbour reopened to ships on Tuesday morning, three days after the storm tore two cranes from their rails and sank a tug at its mooring.</p>
<p>Port officials said the cleanup would take weeks.</p>
</div>
</body></html>`)
	res, err := extract.Extract(page, "https://herald.example.com/news/world/2009/03/harbour.html", "text/html; charset=utf-8")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(res.Kind)
	fmt.Println(res.Title)
	fmt.Println(res.Lead)
	// Output:
	// html
	// Harbour reopens after the storm
	// The harbour reopened to ships on Tuesday morning, three days after the storm tore two cranes from their rails and sank a tug at its mooring.
	// Port officials said the cleanup would take weeks.
}

func ExampleExtract_wall() {
	page := []byte(`<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>
<body><div class="main-wrapper"><h1>example.com</h1>
<h2 id="challenge-running">Checking if the site connection is secure</h2>
<noscript>Enable JavaScript and cookies to continue</noscript>
<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></div></body></html>`)
	res, _ := extract.ExtractWith(page, nil, "text/html", extract.Options{Status: 403})
	fmt.Printf("blocked=%q title=%q lead=%q\n", res.Blocked, res.Title, res.Lead)
	// Output:
	// blocked="challenge" title="" lead=""
}

// A page without metadata titles whose <title> ends with the blog's
// name: the name is known from the other titles of the same host, which
// the caller passes (from its store of pages, say). The result says
// where the title came from and how sure it is.
func ExampleExtractWith_hostTitles() {
	page := []byte(`<html><head><title>The Update Is the Manager's Job « Rands Notes</title></head>
<body><div class="entry">
<p>Every week someone on your team sends a status update, and every week you skim it. The update is not their job; it is yours.</p>
</div></body></html>`)
	u, _ := url.Parse("http://randsnotes.example/2012/03/the-update")
	res, _ := extract.ExtractWith(page, u, "text/html", extract.Options{
		HostTitles: []string{"Bosses Are Weird « Rands Notes", "The Nerd Handbook « Rands Notes"},
	})
	fmt.Printf("%s (%s, %s)\n", res.Title, res.TitleSource, res.TitleConfidence)
	fmt.Printf("lead from %s (%s)\n", res.LeadSource, res.LeadConfidence)
	// Output:
	// The Update Is the Manager's Job (title-cut, medium)
	// lead from paragraph (high)
}
