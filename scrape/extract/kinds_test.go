package extract

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestExtractNonHTML: data and text answers are of kind other; JSON and
// XML give no lead, plain text its first paragraph.
func TestExtractNonHTML(t *testing.T) {
	tests := []struct {
		name, url, contentType, body string
		wantTitle, wantLead          string
		wantParas                    []string
	}{
		{"json", "https://api.example.com/v1/items.json", "application/json",
			`{"title": "Not a title", "description": "Not a lead either, only data in a JSON answer."}`,
			"items", "", nil},
		{"json untyped", "https://api.example.com/v1/items", "",
			`[{"title": "Not a title"}]`, "items", "", nil},
		{"xml", "https://example.com/feed.xml", "application/rss+xml",
			`<?xml version="1.0"?><rss><channel><title>Feed</title><description>Items of a feed are not a lead.</description></channel></rss>`,
			"feed", "", nil},
		{"plain text", "https://example.com/notes/release-notes.txt", "text/plain; charset=utf-8",
			"Release 2.0 brings a new parser\nand a faster scraper.\n\nSecond paragraph, on two\r\nlines.\n\n\nThird.\n",
			"release notes", "Release 2.0 brings a new parser and a faster scraper.",
			[]string{"Release 2.0 brings a new parser and a faster scraper.", "Second paragraph, on two lines.", "Third."}},
		{"plain text in latin-1", "https://example.com/lisez-moi.txt", "text/plain; charset=iso-8859-1",
			"Caf\xe9 cr\xe8me.\n", "lisez moi", "Café crème.", []string{"Café crème."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := extractURL([]byte(tc.body), mustURL(t, tc.url), tc.contentType)
			if p.Kind != KindOther {
				t.Errorf("Kind = %q, want other", p.Kind)
			}
			if p.Title != tc.wantTitle || p.Lead != tc.wantLead {
				t.Errorf("Title, Lead = %q, %q; want %q, %q", p.Title, p.Lead, tc.wantTitle, tc.wantLead)
			}
			if diff := cmp.Diff(tc.wantParas, p.Paragraphs); diff != "" {
				t.Errorf("Paragraphs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestExtractParagraphs: the lead candidates are the article's first
// paragraphs, in order, cleaned as the lead is, the lead's own first; the
// lead is unchanged.
func TestExtractParagraphs(t *testing.T) {
	body := `<!DOCTYPE html><html lang="en"><head><title>Old tram depot to become a library</title></head><body>
<nav><a href="/">Home</a> <a href="/city/">City</a></nav>
<article><h1>Old tram depot to become a library</h1>
<p class="byline">By Ann Writer</p>
<p>The city council voted on Tuesday to turn the old tram depot into a public library, ending a decade of debate over the site.</p>
<p>Work will start next spring and the library should open its doors in 2027, the mayor said after the vote.</p>
<h2>A long debate</h2>
<p>Abstract: The depot, built in 1902, has stood empty   since the last tram ran in 1968.</p>
<p>Several projects, a market, a hotel and housing, were put forward and dropped.</p>
<p>Residents had asked for a library in a petition signed by 4,000 people.</p>
<p>The council will publish the architects' plans in the autumn.</p>
</article><footer>Contact us</footer></body></html>`
	p := extractURL([]byte(body), mustURL(t, "https://news.example.com/2024/03/03/depot"), "text/html")
	wantLead := "The city council voted on Tuesday to turn the old tram depot into a public library, ending a decade of debate over the site.\nWork will start next spring and the library should open its doors in 2027, the mayor said after the vote."
	if p.Lead != wantLead {
		t.Errorf("Lead = %q, want %q", p.Lead, wantLead)
	}
	want := []string{
		"The city council voted on Tuesday to turn the old tram depot into a public library, ending a decade of debate over the site.",
		"Work will start next spring and the library should open its doors in 2027, the mayor said after the vote.",
		"The depot, built in 1902, has stood empty since the last tram ran in 1968.",
		"Several projects, a market, a hotel and housing, were put forward and dropped.",
		"Residents had asked for a library in a petition signed by 4,000 people.",
	}
	if diff := cmp.Diff(want, p.Paragraphs); diff != "" {
		t.Errorf("Paragraphs (-want +got):\n%s", diff)
	}
}

// TestExtractPDFParagraphs: a PDF's candidates start with its lead.
func TestExtractPDFParagraphs(t *testing.T) {
	p := extractURL(buildPDF(paperPDF), mustURL(t, "https://example.org/paper.pdf"), "application/pdf")
	if len(p.Paragraphs) == 0 || p.Paragraphs[0] != p.Lead {
		t.Fatalf("Paragraphs = %q, want the lead %q first", p.Paragraphs, p.Lead)
	}
	if len(p.Paragraphs) > maxParagraphs {
		t.Errorf("%d paragraphs, want at most %d", len(p.Paragraphs), maxParagraphs)
	}
}

// TestExtractDeepPage: a page nested deeper than the parser takes keeps
// its title and lead, in bounded time.
func TestExtractDeepPage(t *testing.T) {
	for _, n := range []int{600, 100_000} {
		body := nestedDivs(n)
		var p Result
		var err error
		within(t, fuzzBound, func() {
			p, err = ExtractWith(body, mustURL(t, "https://example.com/deep"), "text/html", Options{})
		})
		if err != nil {
			t.Fatalf("%d divs: %v", n, err)
		}
		if p.Title != "Deep down" || !strings.HasPrefix(p.Lead, "This paragraph sits below") {
			t.Errorf("%d divs: Title, Lead = %q, %q", n, p.Title, p.Lead)
		}
	}
}

// TestExtractPDFDeadline: a PDF not read by its deadline is a failure
// saying so, with the page of an unreadable PDF.
func TestExtractPDFDeadline(t *testing.T) {
	p, err := extractPDF(buildPDF(paperPDF), mustURL(t, "https://example.org/talks/go-at-scale.pdf"), time.Now().Add(-time.Second))
	if err == nil || err.Error() != "pdf: extraction took too long" {
		t.Fatalf("err = %v, want pdf: extraction took too long", err)
	}
	if p.Kind != KindPDF || p.Title != "go at scale (PDF)" || p.Lead != "" {
		t.Errorf("page = %+v", p)
	}
}

// nestedDivs returns a page whose body is n nested divs around a
// paragraph: deeper than the HTML parser takes.
func nestedDivs(n int) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html lang=en><head><title>Deep down</title></head><body>")
	b.WriteString(strings.Repeat("<div>", n))
	b.WriteString("<h1>Deep down</h1><p>This paragraph sits below a hundred thousand divs, and it is still the opening of the page.</p>")
	b.WriteString(strings.Repeat("</div>", n))
	b.WriteString("</body></html>")
	return b.Bytes()
}

// TestUnterminatedTitle: a <title> left open does not swallow the page:
// its text up to the next tag is the title, and the story is read.
func TestUnterminatedTitle(t *testing.T) {
	page := `<html><head><title>Council approves harbour plan
<meta name="keywords" content="news">
<link rel="stylesheet" href="/s.css"></head>
<body><h1>Council approves harbour plan</h1>
<p>The city council approved the harbour plan on Tuesday night after four hours of debate, clearing the way for new berths.</p></body></html>`
	r := extractURL([]byte(page), mustURL(t, "https://paper.example.com/news/1.html"), "text/html")
	if r.Title != "Council approves harbour plan" || !strings.HasPrefix(r.Lead, "The city council approved") {
		t.Errorf("Title = %q, Lead = %q", r.Title, r.Lead)
	}
}
