package extract

import (
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// chooseTitle returns the headline as a reader sees it, with where it
// came from. The sources are weighed in the order the best extractors
// use: the JSON-LD article's name or headline (whichever matches the
// <title>), the metadata titles (dc:title, og:title, title,
// twitter:title, parsely-title), and last the <title> read against the
// page's headings. A source holding code is passed over, and so is a
// metadata title that only repeats the site's declared name on a page
// whose <title> names something else.
//
// Without metadata, in order: a heading that the <title> holds among
// decoration (titleHoldsHeadline); a breadcrumb <title> cut of its known
// parts; the <title> cut of the decoration at its ends (cutDecoration,
// with the host's other titles, siblings, as a hint); the page's
// headline when the <title> names only the site or a section; the
// <title> with its site's part cut by the rules of Readability
// (articleTitle), which the corpus's truth follows when nothing marks
// the part as decoration.
//
// The site's name is cut off the <title> whenever the page names its
// site so (see titleHints). Metadata titles are written by the site on
// purpose and keep a name they carry ("… | eHow") unless another source
// puts that name at the other end ("Site - Headline" against "Headline -
// Site"), which shows it apart from the headline, or it is the bare host
// name.
func chooseTitle(w *walker, u *url.URL, siblings []string) titleChoice {
	m := &w.meta
	host := ""
	if u != nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	hints := newTitleHints(w, u)
	rawDoc := cleanTitle(m.docTitle)
	if !cleanTitleText(rawDoc) {
		// A <title> holding a script or markup (left open, or written
		// by a broken template) says nothing: the headline will.
		rawDoc = ""
	}
	hints.addSiblings(rawDoc, siblings)
	docTitle, ok := hints.trimSite(rawDoc)
	if !ok {
		docTitle = articleTitle(rawDoc, w.h1s, w.h2s)
	}
	if t := ldTitle(&m.ld, rawDoc, docTitle); t != "" && cleanTitleText(t) && !declaredSite(m, t) {
		return titleChoice{hints.trimRotated(t, rawDoc), SourceJSONLD, agreement(t, rawDoc, w, ConfidenceHigh)}
	}
	for _, k := range metaTitleKeys {
		t := cleanTitle(m.props[k])
		if t == "" || !cleanTitleText(t) || declaredSite(m, t) {
			// A metadata title that is only the site's name is no
			// headline: the page may have one.
			continue
		}
		return titleChoice{hints.trimHostSigned(trimByHeading(hints.trimRotated(stripHost(t, host), rawDoc), w.h1s), w), SourceMeta, agreement(t, rawDoc, w, ConfidenceMedium)}
	}
	// No metadata: the <title> is read against the page's headings, its
	// decoration cut.
	if h := titleHoldsHeadline(rawDoc, w, hints); h != "" {
		return titleChoice{h, SourceHeadline, ConfidenceHigh}
	}
	if breadcrumbs(rawDoc, hints) {
		if t, ok := cutCrumbs(rawDoc, hints); ok {
			return cutChoice(t, w)
		}
	}
	cut, didCut, generic, empty := cutDecoration(rawDoc, hints)
	if generic || genericTitle(rawDoc, w, hints) {
		if h := leadHeading(w, hints); h != "" {
			return titleChoice{h, SourceHeadline, ConfidenceMedium}
		}
		if empty {
			// "| Site": the template's headline was empty.
			return titleChoice{}
		}
		if rawDoc != "" {
			return titleChoice{rawDoc, SourceTitleTag, ConfidenceLow}
		}
	}
	if didCut && cut != "" {
		return cutChoice(cut, w)
	}
	if docTitle == "" {
		for _, h := range w.h1s {
			if cleanTitleText(h.text) {
				return titleChoice{headingText(h.text), SourceHeadline, ConfidenceLow}
			}
		}
		return titleChoice{}
	}
	if docTitle != rawDoc {
		return titleChoice{docTitle, SourceTitleCut, ConfidenceLow}
	}
	return titleChoice{docTitle, SourceTitleTag, agreement(docTitle, "", w, ConfidenceLow)}
}

// cutChoice is a <title> cut of its known decoration. What is left may
// still end with a name nothing marked ("Headline | Springfield
// Shopper"): Readability's rule reads it, with less confidence.
func cutChoice(t string, w *walker) titleChoice {
	// Only a separator's tail: the title's own colon is never cut.
	if a := articleTitle(t, w.h1s, w.h2s); a != t && len(titleSeps(t)) > 0 && !strings.Contains(t, ": ") {
		return titleChoice{a, SourceTitleCut, ConfidenceLow}
	}
	return titleChoice{t, SourceTitleCut, ConfidenceMedium}
}

// declaredSite reports whether t is the name the page gives its site in
// its metadata (og:site_name, the JSON-LD publisher) while the <title>
// names something else: a metadata title that says only the site's name
// on a story's page names no story. On a site's home page the <title>
// holds the name too ("tidewater | tagline"), and the name is the title.
func declaredSite(m *pageMeta, t string) bool {
	n := normalizeLoose(t)
	if strings.Contains(" "+normalizeLoose(m.docTitle)+" ", " "+n+" ") {
		return false
	}
	for _, s := range []string{m.props["og:site_name"], m.ld.publisher} {
		if s != "" && normalizeLoose(cleanTitle(s)) == n {
			return true
		}
	}
	return false
}

// metaTitleKeys are the metadata titles, in the order they are trusted.
var metaTitleKeys = []string{"dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title"}

// agreement is the confidence of a title that another source confirms:
// high when the <title> holds it or a heading before the story is it,
// else base.
func agreement(t, rawDoc string, w *walker, base Confidence) Confidence {
	n := normalizeLoose(t)
	if n == "" {
		return base
	}
	if rawDoc != "" && strings.Contains(normalizeLoose(rawDoc), n) {
		return ConfidenceHigh
	}
	limit := storyStart(w)
	for _, h := range w.heads {
		if h.block > limit {
			break
		}
		if normalizeLoose(h.text) == n {
			return ConfidenceHigh
		}
	}
	if base == ConfidenceLow && wordCount(n) >= 3 {
		return ConfidenceMedium
	}
	return base
}

// titleHints are the names a page gives its site, normalized: its
// og:site_name, application-name, JSON-LD publisher, the text of its
// links to the site's home page (the banner's "nixCraft"), its host and
// the host's labels ("alteroot" for blog.alteroot.org).
type titleHints struct {
	sites map[string]bool
	// labels are the host's labels but its last ("washingtonpost",
	// "xinhuanet", "bbc"), lower case.
	labels []string
	// repeated are the parts of the <title> that other titles of the
	// same host repeat (see Options.HostTitles), normalized.
	repeated map[string]bool
	// logos are the alt texts of the logos that link to the home page,
	// normalized.
	logos map[string]bool
}

func newTitleHints(w *walker, u *url.URL) *titleHints {
	h := &titleHints{sites: make(map[string]bool, 8)}
	add := func(s string) {
		if s = normalizeLoose(cleanTitle(s)); s != "" {
			h.sites[s] = true
		}
	}
	m := &w.meta
	add(m.props["og:site_name"])
	if app := m.props["application-name"]; wordCount(app) <= 4 && normalizeLoose(app) != normalizeLoose(m.docTitle) && normalizeLoose(app) != normalizeLoose(m.props["og:title"]) {
		// Some sites put the page's headline in application-name: a
		// site's name is short.
		add(app)
	}
	add(m.ld.publisher)
	if u == nil {
		return h
	}
	for _, l := range w.homeLinks {
		if !isHome(l.href, u) {
			continue
		}
		if !l.logo {
			add(l.text)
		} else if n := normalizeLoose(cleanTitle(l.text)); n != "" {
			// A logo's alt text names the site less surely ("Home",
			// "Logo"): it marks a part of the <title> as decoration
			// to cut, never a <title> as naming only the site.
			if h.logos == nil {
				h.logos = map[string]bool{}
			}
			h.logos[n] = true
		}
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if host != "" {
		add(host)
		labels := strings.Split(host, ".")
		for _, l := range labels[:len(labels)-1] {
			if len(l) > 3 {
				add(l)
			}
			if len(l) >= 3 && !genericLabels[l] {
				h.labels = append(h.labels, l)
			}
		}
	}
	return h
}

// isHome reports whether href, found on the page at u, points at the
// site's home page: the root of u's host, or the one directory above u
// that holds a blog ("/blog/" for "/blog/archives/…").
func isHome(href string, u *url.URL) bool {
	r, err := u.Parse(href)
	if err != nil || !sameSite(r.Hostname(), u.Hostname()) || r.RawQuery != "" {
		return false
	}
	p := r.Path
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		if file := strings.ToLower(p[i+1:]); strings.HasPrefix(file, "index.") || strings.HasPrefix(file, "default.") {
			p = p[:i+1]
		}
	}
	return p == "/" || p == "" || p != u.Path && strings.HasPrefix(u.Path, p)
}

// sameSite reports whether two host names are the same site, with or
// without "www.".
func sameSite(a, b string) bool {
	return strings.EqualFold(strings.TrimPrefix(strings.ToLower(a), "www."), strings.TrimPrefix(strings.ToLower(b), "www."))
}

// isSite reports whether a part of a title is the site's name.
func (h *titleHints) isSite(part string) bool {
	n := normalizeLoose(part)
	return n != "" && (h.sites[n] || h.hostName(n))
}

// hostName reports whether n (normalized) is the site's name as its host
// spells it: a label written in words ("Washington Post" for
// washingtonpost.com, "MyFox Houston" for myfoxhouston.com), a label's
// stem ("Xinhua" for xinhuanet.com), or a label and a section ("BBC
// News" for bbc.co.uk).
func (h *titleHints) hostName(n string) bool {
	if len(h.labels) == 0 || wordCount(n) > siteWords {
		return false
	}
	compact := strings.ReplaceAll(strings.TrimPrefix(n, "the "), " ", "")
	for _, l := range h.labels {
		switch {
		case compact == l:
			return true
		case len(compact) >= 5 && strings.HasPrefix(l, compact) && len(l)-len(compact) <= 3:
			return true
		case len(compact) >= 5 && strings.HasSuffix(l, compact) && !strings.Contains(n, " "):
			// "Tribune" for chicagotribune.com, "Herald" for
			// miamiherald.com: the paper's short name.
			return true
		case strings.HasPrefix(n, l+" ") && sectionWords[n[len(l)+1:]]:
			return true
		}
	}
	return strings.Contains(n, " ") && spelledByLabels(compact, h.labels, 0)
}

// spelledByLabels reports whether compact is written with the host's
// labels, each whole or by its first three letters or more, in any order:
// "CBS New York" for newyork.cbslocal.com, "TIME NewsFeed" for
// newsfeed.time.com, "MSN Lifestyle" for lifestyle.msn.com. At least two
// pieces are needed (one label alone is the cases above).
func spelledByLabels(compact string, labels []string, pieces int) bool {
	if compact == "" {
		return pieces >= 2
	}
	for _, l := range labels {
		for n := len(l); n >= 3; n-- {
			if strings.HasPrefix(compact, l[:n]) && spelledByLabels(compact[n:], labels, pieces+1) {
				return true
			}
		}
	}
	return false
}

// genericLabels are host labels that name no site.
var genericLabels = wordSet("www com net org edu gov co ac news blog blogs web m mobile amp en fr de es")

// titleSeps returns the start and end of each separator of t, as
// siteSep finds them.
func titleSeps(t string) [][2]int {
	var seps [][2]int
	for i := 0; i < len(t); i++ {
		if n := siteSep(t, i); n > 0 {
			seps = append(seps, [2]int{i, i + n})
			i += n - 1
		}
	}
	return seps
}

// trimSite removes the site's name from a title that joins it to the
// headline with a separator ("Headline | Site", "Site : Headline",
// "Headline · site"), when the page names its site so. A title whose
// separator belongs to the headline ("Nginx - create a cache") is kept
// whole. It reports whether it cut.
func (h *titleHints) trimSite(t string) (string, bool) {
	seps := titleSeps(t)
	// The innermost separator first: "A - B | Site" keeps "A - B".
	for k := len(seps) - 1; k >= 0; k-- {
		head, tail := t[:seps[k][0]], t[seps[k][1]:]
		if wordCount(head) > 0 && h.isSite(tail) && !h.isSite(head) {
			return strings.TrimSpace(head), true
		}
	}
	for _, s := range seps {
		head, tail := t[:s[0]], t[s[1]:]
		if wordCount(tail) > 0 && h.isSite(head) && !h.isSite(tail) {
			return strings.TrimSpace(tail), true
		}
	}
	return t, false
}

// trimRotated removes the site's name from a metadata title when the
// <title> joins the same two parts the other way round ("Headline - Site"
// against "Site - Headline"): the part that moves is no part of the
// headline. The headline is the part that is not the site's name, else
// the longer.
func (h *titleHints) trimRotated(t, doc string) string {
	for _, s := range titleSeps(t) {
		head, tail := t[:s[0]], t[s[1]:]
		nh, nt := normalizeLoose(head), normalizeLoose(tail)
		if nh == "" || nt == "" {
			continue
		}
		for _, d := range titleSeps(doc) {
			if normalizeLoose(doc[:d[0]]) != nt || normalizeLoose(doc[d[1]:]) != nh {
				continue
			}
			switch {
			case h.isSite(tail):
				return strings.TrimSpace(head)
			case h.isSite(head):
				return strings.TrimSpace(tail)
			case wordCount(head) >= wordCount(tail):
				return strings.TrimSpace(head)
			}
			return strings.TrimSpace(tail)
		}
	}
	return t
}

// trimHostSigned cuts from a metadata title the site's name as its
// address spells it ("… - Telegraph" on telegraph.co.uk, "… - CBS New
// York" on newyork.cbslocal.com, "TechCrunch | …") when the page prints
// the rest as its h1: the page's own headline leaves the name out. A name
// the page declares only in its metadata (og:site_name) stays, as the
// site wrote it ("How to Build a Terrarium | eHow").
func (h *titleHints) trimHostSigned(t string, w *walker) string {
	parts := decorParts(t)
	if len(parts) < 2 {
		return t
	}
	first, last := parts[0], parts[len(parts)-1]
	switch {
	case h.hostSpelled(t[last.start:last.end]) && isH1(normalizeLoose(t[:parts[len(parts)-2].end]), w, true):
		return strings.TrimSpace(t[:parts[len(parts)-2].end])
	case h.hostSpelled(t[first.start:first.end]) && isH1(normalizeLoose(t[parts[1].start:]), w, true):
		return strings.TrimSpace(t[parts[1].start:])
	}
	return t
}

// hostSpelled reports whether part is the site's name as its host
// spells it: the host, a web address, or the host's labels in words.
func (h *titleHints) hostSpelled(part string) bool {
	n := normalizeLoose(part)
	return n != "" && (h.hostName(n) || domainName(part))
}

// trimByHeading cuts a bracketed tail off a metadata title when the
// page's h1 is the title without it ("Reworking writeback [LWN.net]"
// under the h1 "Reworking writeback"): the bracket names the site or the
// kind of page, and the page's own headline leaves it out. A tail after
// a separator stays: sites sign their metadata titles so on purpose
// ("How to Build a Terrarium | eHow").
func trimByHeading(t string, h1s []heading) string {
	s := strings.TrimSpace(t)
	open := ""
	switch {
	case strings.HasSuffix(s, "]"):
		open = " ["
	case strings.HasSuffix(s, ")"):
		open = " ("
	default:
		return t
	}
	i := strings.LastIndex(s, open)
	if i <= 0 {
		return t
	}
	head := normalizeLoose(s[:i])
	if wordCount(head) < 2 {
		return t
	}
	for _, h := range h1s {
		if !h.boiler {
			if normalizeLoose(h.text) == head {
				return strings.TrimSpace(s[:i])
			}
			break
		}
	}
	return t
}

// siteSep is titleSep widened to the separators sites put between a
// headline and their name only: " · ", " • ", " : ", " :: ", " ~ ".
func siteSep(s string, i int) int {
	if n := titleSep(s, i); n > 0 {
		return n
	}
	if i+2 >= len(s) || s[i] != ' ' {
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i+1:])
	switch r {
	case '·', '•', ':', '~':
	default:
		return 0
	}
	j := i + 1 + size
	if r == ':' && j < len(s) && s[j] == ':' {
		j++
	}
	if j < len(s) && s[j] == ' ' {
		return j + 1 - i
	}
	return 0
}

// ldTitle picks the JSON-LD article's name or headline: the headline when
// it alone resembles the <title>, else the name.
func ldTitle(ld *ldInfo, rawDoc, doc string) string {
	switch {
	case ld.name != "" && ld.headline != "" && ld.name != ld.headline:
		if textSimilarity(ld.headline, doc) > 0.75 && textSimilarity(ld.name, doc) <= 0.75 {
			return ld.headline
		}
		return ld.name
	case ld.name != "":
		return ld.name
	}
	return ld.headline
}

// textSimilarity is the share of b's text made of words that a has too.
func textSimilarity(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inA := make(map[string]bool, len(ta))
	for _, t := range ta {
		inA[t] = true
	}
	var uniq []string
	for _, t := range tb {
		if !inA[t] {
			uniq = append(uniq, t)
		}
	}
	return 1 - float64(len(strings.Join(uniq, " ")))/float64(len(strings.Join(tb, " ")))
}

// tokens splits lower-cased s on everything but ASCII letters, digits and
// underscores, as a JavaScript \W+ does.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	})
}

// titleSep reports whether s[i:] starts a separator " | ", " - ", " – ",
// " — ", " \ ", " / ", " > " or " » " and returns its length.
func titleSep(s string, i int) int {
	if i+2 >= len(s) || s[i] != ' ' {
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i+1:])
	switch r {
	case '|', '-', '–', '—', '\\', '/', '>', '»', '«':
	default:
		return 0
	}
	if i+1+size < len(s) && s[i+1+size] == ' ' {
		return size + 2
	}
	return 0
}

// hierarchical reports whether a separator is one of \ / > », which
// say "section of site" rather than "title - site".
func hierarchical(sep string) bool {
	s := strings.TrimSpace(sep)
	return s == "\\" || s == "/" || s == ">" || s == "»"
}

// articleTitle cuts the site's part off a <title>: the part after its last
// separator, or before its first one when what is left is too short; the
// part after a colon unless a heading is the whole title; the h1 when the
// <title> is far too long or too short. A title of four words or fewer
// that lost more than its site's name is kept whole.
func articleTitle(raw string, h1s []heading, h2s []string) string {
	orig := cleanTitle(raw)
	cur := orig
	hadHierarchical := false
	var seps [][2]int // start, length
	for i := 0; i < len(orig); i++ {
		if n := titleSep(orig, i); n > 0 {
			seps = append(seps, [2]int{i, n})
			if hierarchical(orig[i : i+n]) {
				hadHierarchical = true
			}
		}
	}
	switch {
	case len(seps) > 0:
		last := seps[len(seps)-1]
		if !siteLike(orig[last[0]+last[1]:]) {
			// What follows the last separator is no site name: the
			// separator belongs to the headline ("Foo - the return").
			break
		}
		cur = orig[:last[0]]
		if wordCount(cur) < 3 {
			first := seps[0]
			cur = orig[first[0]+first[1]:]
		}
	case strings.Contains(cur, ": "):
		match := false
		for _, h := range h1s {
			if h.text == orig {
				match = true
			}
		}
		for _, h := range h2s {
			if h == orig {
				match = true
			}
		}
		if !match && !productName(orig) {
			cur = orig[strings.LastIndex(orig, ":")+1:]
			if wordCount(cur) < 3 {
				cur = orig[strings.Index(orig, ":")+1:]
			} else if wordCount(orig[:strings.Index(orig, ":")]) > 5 {
				cur = orig
			}
		}
	case len(cur) > 150 || len(cur) < 15:
		if len(h1s) == 1 {
			cur = h1s[0].text
		}
	}
	cur = collapse(cur)
	if n := wordCount(cur); n <= 4 && (!hadHierarchical || n != wordCount(orig)-len(seps)-1) {
		cur = orig
	}
	return cur
}

// productName reports whether a title opens with a name and a colon
// that presents it: one word, lower-case or with an inner capital as
// product names are written ("tiny: a 3 kB date picker", "htmx: high
// power tools for HTML"), followed by a lower-case description. Such a
// colon is the title's own.
func productName(t string) bool {
	head, tail, ok := strings.Cut(t, ": ")
	if !ok || strings.ContainsAny(head, " \t") || head == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(tail))
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// siteWords is the most words a site's name in a <title> has ("The New
// York Times en Español"), a part in brackets not counted.
const siteWords = 6

// siteLike reports whether the tail of a <title> may be a site's name: a
// few words that do not start in lower case, as a sentence's continuation
// would.
func siteLike(tail string) bool {
	tail = strings.TrimSpace(tail)
	if i := strings.IndexAny(tail, "[("); i > 0 {
		tail = tail[:i]
	}
	r, _ := utf8.DecodeRuneInString(tail)
	return wordCount(tail) <= siteWords && !unicode.IsLower(r)
}

// wordCount counts the space-separated words of s.
func wordCount(s string) int {
	return len(strings.FieldsFunc(s, unicode.IsSpace))
}

// cleanTitle decodes leftover entities and collapses white space.
func cleanTitle(t string) string {
	if strings.Contains(t, "&") {
		t = html.UnescapeString(t)
	}
	return collapse(t)
}

// stripHost removes a trailing " - example.com" naming the host itself:
// a site name no reader needs.
func stripHost(t, host string) string {
	if host == "" {
		return t
	}
	for i := len(t) - 1; i > 0; i-- {
		if n := titleSep(t, i); n > 0 {
			if strings.EqualFold(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(t[i+n:])), "www."), host) {
				return strings.TrimSpace(t[:i])
			}
			break
		}
	}
	return t
}
