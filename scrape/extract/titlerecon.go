package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleChoice is a title with where it came from and how sure it is.
type titleChoice struct {
	text string
	src  Source
	conf Confidence
}

// decorSep returns the length of a separator starting at t[i] that joins
// a headline to its decoration (the site's name, a section, a date): a
// run of symbols between spaces (" | ", " - ", " :: ", " » ", " ✩ "),
// a colon glued to the word before it ("Blog: Post"), or an underscore
// glued to words that ends a title ("Headline_English_Xinhua"). Brackets,
// quotes, "&", "+" and sentence punctuation are the headline's own.
func decorSep(t string, i int) int {
	if n := crumbSep(t, i); n > 0 {
		return n
	}
	switch {
	case t[i] == '_' && i > 0 && t[i-1] != ' ' && i+1 < len(t) && t[i+1] != ' ' && !strings.Contains(t[i:], " "):
		return 1
	case t[i] != ' ':
		return 0
	}
	j := i + 1
	for j < len(t) {
		r, size := utf8.DecodeRuneInString(t[j:])
		if r == ' ' || unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(ownPunct, r) {
			break
		}
		j += size
	}
	if j == i+1 || j >= len(t) || t[j] != ' ' {
		return 0
	}
	return j + 1 - i
}

// ownPunct are the signs that belong to a headline, never a separator.
const ownPunct = "&+'\"()[]{},.!?;%$@#“”‘’"

// decorParts cuts t at its decoration separators.
func decorParts(t string) []titlePart {
	var parts []titlePart
	start := 0
	for i := 0; i < len(t); i++ {
		if n := decorSep(t, i); n > 0 {
			parts = append(parts, titlePart{start, i})
			start = i + n
			i += n - 1
		}
	}
	return append(parts, titlePart{start, len(t)})
}

// headlineCandidate reports whether a heading may be the page's
// headline: clean text, two words or eight letters or more, and neither
// the site's name nor a section's.
func headlineCandidate(text string, hints *titleHints) bool {
	n := normalizeLoose(text)
	if n == "" || wordCount(n) < 2 && utf8.RuneCountInString(n) < 8 {
		return false
	}
	return cleanTitleText(text) && !hints.isSite(text) && !sectionWords[n]
}

// titleHoldsHeadline returns the page's headline when the <title> holds
// it: the longest heading placed before the story (h1–h3, or an element
// whose class, id or itemprop says headline or title) that is the whole
// <title>, a run of the parts of a breadcrumb <title>, or its start or
// end joined by a separator to parts that are all decoration ("MyFox
// Houston | Headline", "Headline - News - washingtonpost.com",
// "Headline_English_Xinhua"). The heading is taken as the page prints
// it, its own colons and dashes kept. A <title> whose other parts are
// not known as decoration is left to the rules of site names: such a
// tail is as often the headline's own ("… - Chapter 1 - Author").
func titleHoldsHeadline(t string, w *walker, hints *titleHints) string {
	if t == "" || len(w.heads) == 0 {
		return ""
	}
	t = trimBracketSite(t, hints)
	limit := storyStart(w)
	nt := normalizeLoose(t)
	crumbs := breadcrumbs(t, hints)
	parts := titleParts(t)
	dparts := decorParts(t)
	best, bestLen := "", 0
	for _, h := range w.heads {
		if h.block > limit {
			break
		}
		nh := normalizeLoose(h.text)
		if len(nh) <= bestLen || !headlineCandidate(h.text, hints) {
			continue
		}
		if nh != nt && (wordCount(nh) < 2 && !unspaced(nh) ||
			!(crumbs && partsHold(t, parts, nh)) && !decoratedEnd(t, dparts, nh, hints) && !brandedH1(t, dparts, nh, w) && !printedHeadline(t, dparts, h, w)) {
			continue
		}
		best, bestLen = headingText(h.text), len(nh)
	}
	return best
}

// headingText is a heading as a title: without the permalink marks that
// documentation generators append ("Configuration¶", "Setup #").
func headingText(s string) string {
	return strings.TrimRight(cleanTitle(s), " ¶#§🔗")
}

// decoratedEnd reports whether nh (normalized) is the start of t, or its
// end, and every other part of t decoration.
func decoratedEnd(t string, parts []titlePart, nh string, hints *titleHints) bool {
	if wordCount(nh) < 2 && !unspaced(nh) {
		// One word is a page of the site ("Daring Fireball: Colophon"),
		// not a story: the site's name stays with it.
		return false
	}
	for k := 1; k < len(parts); k++ {
		if normalizeLoose(t[:parts[k-1].end]) == nh && (hints.isDecoration(t[parts[k].start:]) || allDecoration(t, parts[k:], hints)) {
			return true
		}
		if normalizeLoose(t[parts[k].start:]) == nh && (hints.isDecoration(t[:parts[k-1].end]) || allDecoration(t, parts[:k], hints)) {
			return true
		}
	}
	return false
}

// brandedH1 reports whether t is the page's h1 (nh, normalized) and one
// word after a separator ("New Zealand - Wikipedia", "Headline |
// Dropbox"): the page prints its headline without that word, which is
// the brand a template signs every title with.
func brandedH1(t string, parts []titlePart, nh string, w *walker) bool {
	if len(parts) != 2 {
		return false
	}
	tail := strings.TrimSpace(t[parts[1].start:])
	r, _ := utf8.DecodeRuneInString(tail)
	if wordCount(nh) < 2 || wordCount(tail) != 1 || utf8.RuneCountInString(tail) < 3 || !unicode.IsUpper(r) || normalizeLoose(t[:parts[0].end]) != nh {
		return false
	}
	for _, h := range w.h1s {
		if !h.boiler && normalizeLoose(h.text) == nh {
			return true
		}
	}
	return false
}

// printedHeadline reports whether the page prints h, a heading placed
// before the story, as its headline and t is h at its start or its end,
// joined by separators to short parts only ("Headline - BBC中文网 - 两岸
// 三地", "Headline | Signal Strength - CNET News"): the names of the site
// and of its sections, which the page does not print with its headline.
// h is an h1, even in a block classed as boilerplate, as pages of
// 2008–2012 often print it. (An h2 would serve older blog themes too, but
// the corpus's truth keeps such tails: "… | Code | Nicolas Perriault"
// under an h2.) A part as long as a sentence may be the headline's own
// deck, and a part printed as a heading is the page's own words: the
// title is then left to the other rules.
func printedHeadline(t string, parts []titlePart, h heading, w *walker) bool {
	nh := normalizeLoose(h.text)
	if len(parts) < 2 || !isH1(nh, w, true) {
		return false
	}
	short := func(ps []titlePart) bool {
		if rest := t[ps[0].start:ps[len(ps)-1].end]; isPageHeading(rest, w, &titleHints{}) {
			// printed as a heading too: the page's own words
			return false
		}
		for _, p := range ps {
			s := strings.TrimSpace(t[p.start:p.end])
			runes := utf8.RuneCountInString(s)
			switch {
			case s == "" || wordCount(s) > siteWords || runes > 40 || unspaced(s) && runes > 12:
				return false
			case strings.ContainsAny(s, ".!?") && !domainName(s):
				// a sentence: the headline's deck
				return false
			case isPageHeading(s, w, &titleHints{}):
				return false
			}
		}
		return true
	}
	for k := 1; k < len(parts); k++ {
		// Only a spaced separator: a tail glued by "_" or ":" is cut
		// when it is known (cutDecoration).
		if !spacedSep(t, parts[k-1].end) {
			continue
		}
		if normalizeLoose(t[:parts[k-1].end]) == nh && short(parts[k:]) {
			return true
		}
		// At the end of the <title>, the h1 must stand out of
		// boilerplate: a site's name printed in a banner comes first
		// too.
		if normalizeLoose(t[parts[k].start:]) == nh && short(parts[:k]) && isH1(nh, w, false) {
			return true
		}
	}
	return false
}

// spacedSep reports whether the separator at t[i] stands between spaces
// (" - ", " | ", " :: ").
func spacedSep(t string, i int) bool {
	return i < len(t) && t[i] == ' '
}

// isH1 reports whether nh (normalized) is the text of one of the page's
// h1s, out of boilerplate unless inBoiler. Pages of 2008–2012 often
// print their headline inside a block their classes mark as boilerplate
// ("content-header", "module"): a <title> that starts with the h1 is
// evidence enough.
func isH1(nh string, w *walker, inBoiler bool) bool {
	for _, h := range w.h1s {
		if (inBoiler || !h.boiler) && normalizeLoose(h.text) == nh {
			return true
		}
	}
	return false
}

// unspaced reports whether s is written in a script without spaces
// between words (Chinese, Japanese, Thai): one "word" may be a sentence.
func unspaced(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return true
		}
	}
	return false
}

// allDecoration reports whether every part is decoration or empty.
func allDecoration(t string, parts []titlePart, hints *titleHints) bool {
	for _, p := range parts {
		if s := t[p.start:p.end]; strings.TrimSpace(s) != "" && !hints.isDecoration(s) {
			return false
		}
	}
	return true
}

// isDecoration reports whether a part of a <title> is decoration: the
// site's name (og:site_name, application-name, the publisher, the home
// link's text, the host and its labels, what repeats across the host's
// titles), a section's name, a language edition or a date.
func (h *titleHints) isDecoration(part string) bool {
	n := normalizeLoose(part)
	return h.known(part) || h.repeated[n] || h.logos[n]
}

// known reports whether a part of a <title> is decoration that the page
// itself names so: the site's name, a section's, an edition's, a date.
func (h *titleHints) known(part string) bool {
	n := normalizeLoose(part)
	return n != "" && (h.isSite(part) || sectionWords[n] || editionWords[n] || isDatePart(part) || domainName(part))
}

// domainName reports whether a part of a title is a web address standing
// for the site ("Paper.com", "www.nytimes.com", "bbc.co.uk"): names
// separated by dots, the last a common top-level domain written in lower
// case ("ASP.NET" and "Node.js" are names of things, not of sites).
func domainName(part string) bool {
	p := strings.TrimSpace(part)
	if strings.ContainsAny(p, " /") {
		return false
	}
	i := strings.LastIndexByte(p, '.')
	if i <= 0 || !commonTLDs[p[i+1:]] {
		return false
	}
	for _, r := range p[:i] {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// commonTLDs are the top-level domains that sites put in their titles.
var commonTLDs = wordSet("com net org info biz us uk ca au de fr es it nl be ch at in nz ie za tv fm io co edu gov")

// editionWords are the language editions that news agencies put in their
// <title>s ("Headline_English_Xinhua").
var editionWords = wordSet(`english french spanish german arabic chinese russian portuguese japanese korean
français español deutsch english.news.cn`)

// cutDecoration removes the decoration at either end of a <title>, part
// after part ("Xinhua | English | Headline", "Headline - News -
// washingtonpost.com", "Headline_English_Xinhua"), and a separator left
// at an end by an empty part ("| Site", the headline a template failed
// to print). What stays is kept as written: a part it does not know is
// never cut. It reports whether it cut, whether nothing but decoration
// was left (the title names no story), and whether an end was an empty
// part.
func cutDecoration(t string, hints *titleHints) (rest string, cut, generic, empty bool) {
	t = strings.TrimSpace(t)
	if b := trimBracketSite(t, hints); b != t {
		t, cut = b, true
	}
	if e := trimEdgeSeps(t); e != t {
		t, cut, empty = e, true, true
	}
	for {
		t = strings.TrimSpace(t)
		parts := decorParts(t)
		if len(parts) < 2 {
			return t, cut, t == "" || hints.isDecoration(t), empty
		}
		first, last := parts[0], parts[len(parts)-1]
		switch {
		case strings.TrimSpace(t[first.start:first.end]) == "":
			t, empty = t[parts[1].start:], true
		case strings.TrimSpace(t[last.start:last.end]) == "":
			t, empty = t[:parts[len(parts)-2].end], true
		case hints.isDecoration(t[last.start:last.end]) && !hints.ownColon(t, parts[len(parts)-2].end, t[last.start:last.end]) &&
			(wordCount(t[:parts[len(parts)-2].end]) >= 2 || unspaced(t[:parts[len(parts)-2].end])):
			t = t[:parts[len(parts)-2].end]
		case hints.isDecoration(t[first.start:first.end]) && !hints.ownColon(t, first.end, t[first.start:first.end]) &&
			(wordCount(t[parts[1].start:]) >= 2 || unspaced(t[parts[1].start:])):
			// A single word left ("Daring Fireball: Colophon") names a
			// page of the site, not a story: the site's name stays.
			t = t[parts[1].start:]
		default:
			return t, cut, false, empty
		}
		cut = true
	}
}

// trimBracketSite removes the site's name in brackets at the end of a
// title ("Headline (The Korea Times)", "Headline [Site]").
func trimBracketSite(t string, hints *titleHints) string {
	t = strings.TrimSpace(t)
	for _, b := range [][2]string{{"(", ")"}, {"[", "]"}, {"（", "）"}} {
		if !strings.HasSuffix(t, b[1]) {
			continue
		}
		i := strings.LastIndex(t, b[0])
		if i <= 0 {
			continue
		}
		if inner := t[i+len(b[0]) : len(t)-len(b[1])]; hints.isSite(inner) && wordCount(t[:i]) > 0 {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// trimEdgeSeps removes a separator at the very start or end of a title
// ("| Site", "Headline -"): what it separated is missing.
func trimEdgeSeps(t string) string {
	isSym := func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune(ownPunct, r)
	}
	start := strings.IndexFunc(t, func(r rune) bool { return !isSym(r) })
	if start > 0 && start < len(t) && t[start] == ' ' {
		t = t[start:]
	}
	end := strings.LastIndexFunc(t, func(r rune) bool { return !isSym(r) })
	if end >= 0 && end+1 < len(t) && t[end] == ' ' {
		t = t[:end]
	}
	return strings.TrimSpace(t)
}

// ownColon reports whether the separator at t[i] is a colon that only
// the host's other titles mark as decoration: a series' name before its
// colon ("These Weeks in Firefox: Issue 85") repeats across a site's
// titles and is the title's own all the same.
func (h *titleHints) ownColon(t string, i int, part string) bool {
	return i < len(t) && t[i] == ':' && !h.known(part) && !h.logos[normalizeLoose(part)]
}

// addSiblings adds to the hints the parts of a <title> that the host's
// other titles repeat at the same end: a site's name, its sections, a
// slogan ("— the Web developer blog"). A part that is the whole title is
// not decoration.
func (h *titleHints) addSiblings(t string, siblings []string) {
	parts := decorParts(t)
	if len(parts) < 2 || len(siblings) == 0 {
		return
	}
	ends := make(map[string]int, 2*len(siblings))
	for _, s := range siblings {
		s = cleanTitle(s)
		if s == "" || s == t || !cleanTitleText(s) {
			continue
		}
		sp := decorParts(s)
		if len(sp) < 2 {
			continue
		}
		seen := map[string]bool{}
		for _, p := range sp {
			if n := normalizeLoose(s[p.start:p.end]); n != "" && !seen[n] {
				seen[n] = true
				ends[n]++
			}
		}
	}
	for _, p := range parts {
		n := normalizeLoose(t[p.start:p.end])
		if n != "" && ends[n] > 0 && n != normalizeLoose(t) {
			if h.repeated == nil {
				h.repeated = map[string]bool{}
			}
			h.repeated[n] = true
		}
	}
}
