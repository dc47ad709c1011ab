package extract

import (
	"strings"
	"unicode"
)

// titlePart is one part of a <title> cut at its separators: the text
// from start to end.
type titlePart struct{ start, end int }

// crumbSep returns the length of a separator starting at t[i] that
// sites put between a title's parts: the site separators (" | ", " - ",
// " > ", " :: ", " · "...), " -- ", and a colon glued to the word before
// it ("Blog name: Post title").
func crumbSep(t string, i int) int {
	if n := siteSep(t, i); n > 0 {
		return n
	}
	if strings.HasPrefix(t[i:], " -- ") {
		return 4
	}
	if t[i] == ':' && i > 0 && t[i-1] != ' ' && i+1 < len(t) && t[i+1] == ' ' {
		return 2
	}
	return 0
}

// titleParts cuts t at its separators.
func titleParts(t string) []titlePart {
	var parts []titlePart
	start := 0
	for i := 0; i < len(t); i++ {
		if n := crumbSep(t, i); n > 0 {
			parts = append(parts, titlePart{start, i})
			start = i + n
			i += n - 1
		}
	}
	return append(parts, titlePart{start, len(t)})
}

// partsHold reports whether a run of whole parts of t reads nh once
// normalized.
func partsHold(t string, parts []titlePart, nh string) bool {
	for i := range parts {
		for j := i; j < len(parts); j++ {
			n := normalizeLoose(t[parts[i].start:parts[j].end])
			if n == nh {
				return true
			}
			if len(n) > len(nh) {
				break
			}
		}
	}
	return false
}

// storyStart is the index of the story's first paragraph: the first
// block out of boilerplate with 25 words or more. The headline comes
// before it; headings after it are the story's sections.
func storyStart(w *walker) int {
	for i := range w.blocks {
		b := &w.blocks[i]
		if b.boiler == nil && !b.comment && b.words >= 25 && (b.kind == kindPara || b.kind == kindDiv) {
			return i
		}
	}
	return len(w.blocks)
}

// sectionWords are the names of sections and kinds of page that news
// sites put in their <title>s beside the headline, normalized.
var sectionWords = map[string]bool{
	"news": true, "home": true, "world": true, "world news": true, "national": true, "national news": true,
	"local": true, "local news": true, "us": true, "u s": true, "uk": true, "europe": true, "politics": true,
	"business": true, "money": true, "economy": true, "tech": true, "technology": true, "science": true,
	"health": true, "sport": true, "sports": true, "soccer": true, "football": true, "baseball": true,
	"basketball": true, "entertainment": true, "arts": true, "culture": true, "lifestyle": true,
	"travel": true, "opinion": true, "opinions": true, "editorial": true, "blog": true, "blogs": true,
	"story": true, "news story": true, "article": true, "articles": true, "breaking news": true,
	"latest news": true, "top stories": true, "headlines": true, "video": true, "videos": true,
	"photos": true, "features": true, "weather": true, "crime": true, "education": true,
	"actualités": true, "actualites": true, "international": true, "société": true, "societe": true,
	"économie": true, "economie": true, "politique": true, "culture et loisirs": true, "nachrichten": true,
	"wirtschaft": true, "sport news": true, "panorama": true, "ausland": true, "inland": true,
	// The default WordPress themes of 2005–2012 wrote "Blog » Blog Archive » Post".
	"blog archive": true, "archive": true, "archives": true,
}

// isDatePart reports whether a part of a title is a date: "01/19/2008",
// "2008-01-19", "January 19, 2008", "19 janvier 2008", "Monday, Jan. 19".
func isDatePart(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return false
	}
	digits, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if digits == 0 {
		return false
	}
	if letters == 0 {
		return strings.ContainsAny(s, "/.-") && digits >= 4
	}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !monthOrDay[f] {
			return false
		}
	}
	return true
}

// monthOrDay are the words of dates, in English, French and German.
var monthOrDay = wordSet(`january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thur thurs fri sat sun st nd rd th
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche er
januar februar märz april mai juni juli august september oktober november dezember
montag dienstag mittwoch donnerstag freitag samstag sonntag`)

// wordSet makes a set of the words of s.
func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// breadcrumbs reports whether a <title> is a trail of parts rather than
// a headline and a site's name: three parts or more, one of them the
// site's name, a section's or a date, or cut by a separator that says
// "section of site" (" > ", " :: ", " -- ", " » ", " / "); or two parts,
// the first the site's name before a glued colon, as old Blogger
// templates write "Blog name: Post title". A headline signed by its site
// ("Headline | Site") is left to the rules of site names.
func breadcrumbs(t string, hints *titleHints) bool {
	parts := titleParts(t)
	if len(parts) < 2 {
		return false
	}
	if len(parts) == 2 {
		p := parts[0]
		return p.end < len(t) && t[p.end] == ':' && hints.isSite(t[p.start:p.end])
	}
	for i, p := range parts {
		s := t[p.start:p.end]
		if hints.isSite(s) || sectionWords[normalizeLoose(s)] || isDatePart(s) {
			return true
		}
		if i > 0 {
			sep := strings.TrimSpace(t[parts[i-1].end:p.start])
			switch sep {
			case ">", "::", "--", "»", "/", "\\":
				return true
			}
		}
	}
	return false
}

// cutCrumbs removes from a <title> its parts that are the site's name,
// a section's or a date, and keeps the rest as it was written: "Paper.com
// | 01/19/2008 | Harbour reopens" gives "Harbour reopens", "Headline -
// Soccer - Sport - Breaking News" gives "Headline". Parts it does not
// know stay, with their separators: a title's own dash or colon is never
// cut. It reports whether it cut.
func cutCrumbs(t string, hints *titleHints) (string, bool) {
	parts := titleParts(t)
	if len(parts) < 2 {
		return t, false
	}
	keep := make([]bool, len(parts))
	kept := 0
	for i, p := range parts {
		s := t[p.start:p.end]
		if hints.isSite(s) || sectionWords[normalizeLoose(s)] || isDatePart(s) || strings.TrimSpace(s) == "" {
			continue
		}
		keep[i] = true
		kept++
	}
	if kept == 0 || kept == len(parts) {
		return t, false
	}
	first, last := -1, -1
	for i := range parts {
		if keep[i] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i := first; i <= last; i++ {
		if !keep[i] {
			// A known part between two unknown ones: no breadcrumb
			// trail, a title of its own ("Paris - News - Berlin").
			return t, false
		}
	}
	rest := strings.TrimSpace(t[parts[first].start:parts[last].end])
	if wordCount(rest) < 2 && !unspaced(rest) {
		// One word left names a page of the site ("Daring Fireball:
		// Colophon"), not a story.
		return t, false
	}
	return rest, true
}

// genericTitle reports whether a <title> names no story: every part of
// it is the site's name, a section's or a date ("News", "Station: Top
// Stories"), or it has such a part and its other parts are a few words
// that the story's headline does not share ("Top Stories - KXXX Channel
// 5" over the h1 "Flood waters recede…").
func genericTitle(t string, w *walker, hints *titleHints) bool {
	if strings.TrimSpace(t) == "" {
		return true
	}
	head := tokens(leadHeading(w, hints))
	known := 0
	for _, p := range titleParts(t) {
		s := t[p.start:p.end]
		if isPageHeading(s, w, hints) {
			// A part that is a heading of the page, word for word, is
			// the story's name ("Composer & virtual packages | devedge"
			// over the h1 of that name), however short.
			return false
		}
		switch {
		case hints.isSite(s) || sectionWords[normalizeLoose(s)] || isDatePart(s):
			known++
		case wordCount(s) <= 4 && !sharesWord(tokens(s), head):
			// a station's or a paper's name the page does not give
		default:
			return false
		}
	}
	return known > 0
}

// isPageHeading reports whether part is, normalized, the text of one of
// the page's headings (h1 to h3, headline elements) that is not the
// site's name.
func isPageHeading(part string, w *walker, hints *titleHints) bool {
	n := normalizeLoose(part)
	if n == "" || hints.isSite(part) {
		return false
	}
	for _, h := range w.heads {
		if normalizeLoose(cleanTitle(h.text)) == n {
			return true
		}
	}
	for _, h := range w.h1s {
		if normalizeLoose(cleanTitle(h.text)) == n {
			return true
		}
	}
	return false
}

// sharesWord reports whether a and b have a word of three letters or
// more in common.
func sharesWord(a, b []string) bool {
	for _, x := range a {
		if len(x) < 3 {
			continue
		}
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// leadHeading is the page's headline when its <title> says nothing of
// it: the first h1 or headline element out of boilerplate before the
// story, of three words or more.
func leadHeading(w *walker, hints *titleHints) string {
	limit := storyStart(w)
	for _, h := range w.heads {
		if h.block > limit {
			break
		}
		if !h.boiler && wordCount(h.text) >= 3 && !hints.isSite(h.text) {
			return cleanTitle(h.text)
		}
	}
	return ""
}
