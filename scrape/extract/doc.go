// Package extract reads a web resource as served (its bytes, its URL and
// its Content-Type) and tells what it says of itself: the headline a
// reader sees, the opening paragraph, a few more paragraphs, the site's
// name, the language, the canonical URL, and whether the body is the page
// at all or a wall in front of it (a consent page, a bot challenge, a
// login or JavaScript shell).
//
// It is a pure function of its input: it does no network access, keeps
// no state, and imports nothing of the program that fetches the pages.
// Any Go program can call it on bytes it fetched itself:
//
//	res, err := extract.Extract(body, "https://example.com/post", "text/html; charset=utf-8")
//	if err != nil {
//		// a PDF over its time budget, or an extractor bug the input tripped on
//	}
//	if res.Blocked != "" {
//		// a wall: fetch again later, or use a copy
//	}
//	fmt.Println(res.Title, res.Lead)
//
// The result records where its title and lead came from (TitleSource,
// LeadSource: the JSON-LD, a metadata title, a headline printed on the
// page, the <title> as written or with its decoration cut...) and how
// sure it is of them (TitleConfidence, LeadConfidence: high, medium,
// low), so that a caller can have the low ones looked at. No title, lead
// or site name ever carries markup, script or template code: a candidate
// that does is passed over for the next one.
//
// A caller that keeps pages can pass the <title>s of other pages of the
// same host in Options.HostTitles: what they repeat at either end is the
// site's decoration, cut from a <title> that has no other sign of it:
//
//	res, err := extract.ExtractWith(body, u, contentType, extract.Options{HostTitles: titlesOfTheSameHost})
//
// HTML is decoded to UTF-8 once (header, BOM, meta tag), parsed, walked
// once; the main content is found from the page's structure and text
// density, and the lead chosen inside it, skipping bylines, datelines,
// captions, "UPDATE:" lines, polls, related and sponsored boxes. The
// title is reconciled from the structured data, the metadata, the
// <title> and the page's headings: a headline that the <title> holds
// among decoration is the title as the page prints it (its own colons
// and dashes kept); otherwise the decoration is cut from either end of
// the <title> (the site's name, the host and its parts, sections,
// breadcrumbs, editions, dates); a <title> that names only the site, or
// holds code, gives way to the page's headline. PDFs (under a time budget), plain text, and some
// sites (YouTube, Vimeo, GitHub, SlideShare, Speaker Deck) have rules of
// their own.
package extract
