package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leadCap is the length, in bytes, near which a lead is cut at a sentence
// end.
const leadCap = 900

// shortLead is the length under which an opening paragraph is too short
// to stand alone and the next one is added.
const shortLead = 150

// chooseLead picks the opening paragraph of the article found by the walk,
// and the lead candidates: the paragraphs that may open it, from the first
// one, up to maxParagraphs, the lead's own first among them.
func chooseLead(w *walker) (string, []string) {
	// The JSON-LD articleBody, when given, says which blocks are the
	// article's words.
	var confirmed []bool
	if body := w.meta.ld.body; len(body) > 200 {
		confirmed = confirmBlocks(w.blocks, body)
	}
	top, region := contentRoot(w, confirmed)
	if top == nil {
		return "", nil
	}
	lifted := contentBoilers(w, top, region)
	var cands []int // indexes of usable blocks, in order
	for i := range w.blocks {
		b := &w.blocks[i]
		if !inRegion(b.node, top, region) {
			continue
		}
		if b.boiler != nil && !isAncestor(b.boiler, top) && (b.comment || !lifted[b.boiler]) {
			continue
		}
		cands = append(cands, i)
	}
	first := -1
	if confirmed != nil {
		for k, i := range cands {
			if b := &w.blocks[i]; confirmed[i] && isLeadBlock(b) && endsSentence(b.text) {
				first = k
				break
			}
		}
	}
	for k, i := range cands {
		if first >= 0 {
			break
		}
		if b := &w.blocks[i]; isLeadBlock(b) && isProse(b.text) {
			first = k
			break
		}
	}
	opening := first
	if first >= 0 && confirmed == nil {
		first = skipStandfirst(w, cands, first)
	}
	if first < 0 {
		for k, i := range cands {
			if isLeadBlock(&w.blocks[i]) {
				first = k
				break
			}
		}
	}
	if first < 0 {
		// A story that is only its editor's note or update.
		for k, i := range cands {
			if b := &w.blocks[i]; b.words >= 5 && b.linkDensity() <= 0.5 && isNote(b.text, b.words) {
				first = k
				break
			}
		}
	}
	if first < 0 {
		// A page made of lists: its first sentence-like item.
		for k, i := range cands {
			if b := &w.blocks[i]; b.kind == kindItem && b.words >= 5 && b.linkDensity() <= 0.5 && endsSentence(b.text) {
				first = k
				break
			}
		}
	}
	if first < 0 {
		return "", nil
	}
	order := cands[first:]
	if inListItem(w.blocks[order[0]].node) {
		if i := headerIntro(w, order[0]); i >= 0 {
			order = []int{i}
		}
	}
	if opening < 0 || opening > first {
		opening = first
	}
	paras := leadCandidates(w, order[0], cands[opening:])
	lead := stripLabel(w.blocks[order[0]].text)
	if len(lead) > leadCap {
		return capLead(lead, leadCap), paras
	}
	if len(lead) < shortLead || sentenceCount(lead) < 2 {
		if len(order) > 1 {
			next := &w.blocks[order[1]]
			// A sponsored, related or poll box inside the story is no
			// continuation of its opening.
			sameBox := next.boiler == w.blocks[order[0]].boiler
			if sameBox && next.kind != kindHeading && next.words >= 3 && next.linkDensity() <= 0.5 && !isByline(next.text, next.words) {
				lw, _ := countWords(lead)
				// An opener of a few words without a full stop
				// ("Indeed, it rocks ;-)") is an exclamation that
				// says little alone: the next paragraph's first
				// sentence is added even when long.
				max := lw + 15
				if lw < 10 && !endsSentence(lead) {
					max = 40
				}
				if add := sentencesUpTo(next.text, max); add != "" {
					lead += "\n" + add
				}
			}
		}
	}
	return capLead(lead, leadCap), paras
}

// leadCandidates returns the paragraphs of blocks that may open an article
// (isLeadBlock), in order, up to maxParagraphs, each as a lead is cut; the
// block lead opens the lead is always among them.
func leadCandidates(w *walker, lead int, blocks []int) []string {
	var paras []string
	seen := false
	for _, i := range blocks {
		if len(paras) >= maxParagraphs {
			break
		}
		if b := &w.blocks[i]; i == lead || isLeadBlock(b) {
			seen = seen || i == lead
			paras = append(paras, capLead(stripLabel(b.text), leadCap))
		}
	}
	if !seen {
		// The lead is a landing page's introduction, outside the list
		// items: it comes first.
		paras = append([]string{capLead(stripLabel(w.blocks[lead].text), leadCap)}, paras...)
		paras = paras[:min(len(paras), maxParagraphs)]
	}
	return paras
}

// labelWords name the part of a paper or a report that the text under
// them is, in the languages of the web: a label the page sets before its
// abstract ("Abstract:", "Résumé :", "摘要："), no words of the abstract.
var labelWords = []string{
	"abstract", "summary", "résumé", "zusammenfassung", "kurzfassung",
	"resumen", "resumo", "riassunto", "samenvatting", "streszczenie",
	"аннотация", "摘要", "要旨", "概要", "초록",
}

// stripLabel removes a label such as "Abstract:" from the start of a
// paragraph ("Abstract:Mixture-of-experts models…", the label's element
// glued to the text).
func stripLabel(text string) string {
	for _, l := range labelWords {
		if len(text) <= len(l) || !strings.EqualFold(text[:len(l)], l) {
			continue
		}
		rest := strings.TrimLeft(text[len(l):], " ")
		r, size := utf8.DecodeRuneInString(rest)
		if r != ':' && r != '：' && r != '.' && r != '—' && r != '–' {
			return text
		}
		rest = strings.TrimSpace(rest[size:])
		// What follows must be a text of its own: five words, or a
		// CJK sentence, which has few spaces.
		if w, _ := countWords(rest); w < 5 && utf8.RuneCountInString(rest) < 20 {
			return text
		}
		return rest
	}
	return text
}

// contentBoilers returns the boilerplate elements of the content region
// that hold most of its text (lists included, links not): the article
// wrapped in an element whose class reads as boilerplate (Blogger's
// "widget Blog") is the content misnamed. Only the innermost boilerplate
// of each block counts, so a caption or a share box inside that wrapper
// stays boilerplate.
func contentBoilers(w *walker, top *html.Node, region map[*html.Node]bool) map[*html.Node]bool {
	total := 0
	var per map[*html.Node]int
	for i := range w.blocks {
		b := &w.blocks[i]
		if b.kind == kindHeading || b.linkDensity() > 0.5 || !inRegion(b.node, top, region) {
			continue
		}
		total += b.runes
		if b.boiler != nil && !isAncestor(b.boiler, top) {
			if per == nil {
				per = make(map[*html.Node]int, 4)
			}
			per[b.boiler] += b.runes
		}
	}
	var lifted map[*html.Node]bool
	for n, r := range per {
		if 2*r > total {
			if lifted == nil {
				lifted = make(map[*html.Node]bool, 1)
			}
			lifted[n] = true
		}
	}
	return lifted
}

// standfirstWords is the most words of a standfirst: a sentence or two.
const standfirstWords = 60

// skipStandfirst passes over the paragraph cands[first] when it is the
// article header's standfirst rather than the body's opening: when a
// byline, dateline or reading time comes after it and before the next
// paragraph that may open the article: headline, standfirst, byline, then
// the body. (A first paragraph that merely repeats the description is no
// sign: news sites set their opening apart as an "intro" and copy it
// there.) It returns the index in cands of the opening.
func skipStandfirst(w *walker, cands []int, first int) int {
	b := &w.blocks[cands[first]]
	if b.words > standfirstWords {
		return first
	}
	next := -1
	for k := first + 1; k < len(cands); k++ {
		if c := &w.blocks[cands[k]]; isLeadBlock(c) && isProse(c.text) {
			next = k
			break
		}
	}
	if next < 0 {
		return first
	}
	for i := cands[first] + 1; i < cands[next]; i++ {
		if c := &w.blocks[i]; c.kind != kindHeading && isByline(c.text, c.words) {
			return next
		}
	}
	return first
}

// inListItem reports whether n lies in a list item, a few levels up.
func inListItem(n *html.Node) bool {
	for k := 0; n != nil && k < 4; k, n = k+1, n.Parent {
		if n.DataAtom == atom.Li {
			return true
		}
	}
	return false
}

// headerIntro returns the paragraph standing right under the page's
// headline, before block limit: the introduction of a landing page whose
// body is a list of features or teasers. -1 when there is none. An
// article's standfirst is passed over for its first paragraph; a list
// item's blurb is no opening paragraph, and the introduction is.
func headerIntro(w *walker, limit int) int {
	for _, h := range w.h1s {
		if h.boiler {
			continue
		}
		for i := h.block; i < limit && i < len(w.blocks); i++ {
			b := &w.blocks[i]
			if b.kind == kindHeading {
				continue
			}
			if b.kind == kindPara && isLeadBlock(b) && isProse(b.text) {
				return i
			}
			break
		}
		break
	}
	return -1
}

// isProse reports whether text reads as a paragraph rather than a
// subtitle, a caption or a label: it ends like a sentence, or with a
// smiley (";-)"), or it is sentences whose last one lacks its full stop
// (a paragraph ending on a link's title). A caption's trailing credit
// ("Source: Supplied", "(AP Photo/…)") is too short or bracketed to be
// that last sentence, and a text opening in lower case is a fragment.
func isProse(text string) bool {
	if endsSentence(text) || endsWithSmiley(text) {
		return true
	}
	ends := sentenceEnds(text)
	if len(ends) == 0 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(text); unicode.IsLower(r) {
		return false
	}
	if t := strings.TrimSpace(text); strings.HasSuffix(t, ")") {
		// "….(Photographer/Agency via AP)": a caption's credit.
		if i := strings.LastIndexByte(t, '('); i > 0 && endsSentence(t[:i]) {
			return false
		}
	}
	tail := strings.TrimSpace(text[ends[len(ends)-1]:])
	if strings.HasPrefix(tail, "(") || strings.HasPrefix(tail, "[") {
		return false
	}
	first, _ := countWords(text[:ends[0]])
	last, _ := countWords(tail)
	return first >= 5 && last >= 8
}

// smileys end a sentence as a full stop does.
var smileys = []string{":)", ";)", ":-)", ";-)", ":D", ":-D", ":P", ":-P", "^^", "^_^", ":o)"}

// endsWithSmiley reports whether text ends with a smiley.
func endsWithSmiley(text string) bool {
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	for _, s := range smileys {
		if strings.HasSuffix(text, s) {
			return true
		}
	}
	return false
}

// isBracketed reports whether text is all in brackets: when short, a
// promotion such as "[Get our newsletter.]", not a paragraph.
func isBracketed(text string) bool {
	return len(text) > 2 && (text[0] == '[' && text[len(text)-1] == ']' || text[0] == '(' && text[len(text)-1] == ')')
}

// isLeadBlock reports whether b may open the article: a paragraph of at
// least five words, mostly not links, that is not a byline, a dateline or
// a reading time.
func isLeadBlock(b *block) bool {
	if b.words < 5 || b.kind == kindHeading || b.kind == kindItem {
		return false
	}
	if b.linkDensity() > 0.5 || b.words <= 25 && isBracketed(b.text) {
		return false
	}
	return !isByline(b.text, b.words) && !isDisclosure(b.text, b.words) && !isNote(b.text, b.words) && !isCaption(b.text, b.words)
}

// noteStarts open the notes an editor puts above a story, upper or lower
// case, in English, French and German.
var noteStarts = []string{
	"update:", "update,", "update -", "update –", "updated:", "updated,", "editor's note", "editor’s note",
	"editors' note", "editors note", "correction:", "clarification:", "mise à jour", "note de la rédaction",
	"ndlr", "aktualisierung:", "update (", "anmerkung der redaktion", "hinweis der redaktion",
}

// isNote reports whether a paragraph is an editor's note or an update
// above the story ("UPDATE, 4:15 p.m.: …", "EDITOR'S NOTE: …"): the
// story follows it. A story made of nothing else keeps it (see
// chooseLead).
func isNote(text string, words int) bool {
	if words > 80 {
		return false
	}
	l := strings.ToLower(strings.TrimLeft(text, "*[( "))
	for _, s := range noteStarts {
		if strings.HasPrefix(l, s) {
			return true
		}
	}
	return false
}

// creditEnds close the line that credits a story to a reporter before
// it starts: "Maria Lopez reports:", "From CBS News' Aaron Lewis:".
var creditEnds = []string{" reports:", " writes:", " reported:", " rapporte :", " rapporte:", " berichtet:", " raconte :"}

// isCaption reports whether a paragraph is a photo's caption or credit
// ("… (AP Photo/Jae C. Hong)", "Photo: Jane Roe") or a credit line
// ending with a colon, rather than the story.
func isCaption(text string, words int) bool {
	if words > 60 {
		return false
	}
	l := strings.ToLower(strings.TrimSpace(text))
	if strings.Contains(l, "(ap photo") || strings.Contains(l, "(reuters/") || strings.Contains(l, "(afp photo") ||
		strings.HasSuffix(l, "/getty images)") || strings.HasSuffix(l, "/afp)") || strings.HasSuffix(l, "/ap)") {
		return true
	}
	if words > 15 || !strings.HasSuffix(l, ":") {
		return false
	}
	if strings.HasPrefix(l, "from ") || strings.HasPrefix(l, "de ") || strings.HasPrefix(l, "von ") {
		return true
	}
	for _, e := range creditEnds {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// disclosureWords mark the notice a site puts above an article that earns
// from its links, in the languages of the web.
var disclosureWords = []string{
	"affiliate link", "affiliate-link", "affiliatelink", "liens affiliés",
	"liens d'affiliation", "liens d’affiliation", "lien affilié",
	"enlaces de afiliado", "link di affiliazione", "links de afiliado",
	"affiliate links", "partnerlinks", "werbelinks",
}

// isDisclosure reports whether a short text is an affiliate disclosure
// ("This post contains affiliate links…"), no part of the article's
// argument.
func isDisclosure(text string, words int) bool {
	if words > 50 {
		return false
	}
	l := strings.ToLower(text)
	for _, d := range disclosureWords {
		if strings.Contains(l, d) {
			return true
		}
	}
	return false
}

// readingWords name a reading time in the languages of the web: "5 min
// read", "Lecture : 4 min", "Lesezeit: 4 Min.", "Leestijd 3 min",
// "この記事は約3分で読めます".
var readingWords = []string{
	"min read", "minute read", "mins read", "reading time", "read time",
	"min de lecture", "minutes de lecture", "lecture :", "lecture:", "temps de lecture",
	"lesezeit", "lesedauer", "min. lesen", "leestijd", "tiempo de lectura",
	"min de lectura", "tempo di lettura", "min di lettura", "tempo de leitura",
	"min de leitura", "czas czytania", "分で読めます", "読了時間", "阅读时间",
}

// bylineStarts open bylines and datelines in the languages of the web.
var bylineStarts = []string{
	"by ", "par ", "von ", "por ", "door ", "di ", "av ", "written by", "posted by",
	"posted on", "published", "updated", "last updated", "last modified", "mis à jour",
	"publié", "photo:", "image:", "credit:", "source:", "photograph:", "photos:", "foto:", "bild:",
}

// isByline reports whether a short text is a byline, a dateline, a credit
// or a reading time rather than a paragraph.
func isByline(text string, words int) bool {
	if words > 25 {
		return false
	}
	l := strings.ToLower(text)
	for _, r := range readingWords {
		if strings.Contains(l, r) {
			return true
		}
	}
	if words > 15 {
		return false
	}
	for _, s := range bylineStarts {
		if strings.HasPrefix(l, s) {
			return true
		}
	}
	return false
}

// endsSentence reports whether text ends like a sentence, as the scoring
// judges it: after trailing spaces, symbols, closing quotes or brackets
// and [1]-style marks, the last character is . ! ? … : ; or their CJK
// forms.
func endsSentence(text string) bool {
	s := text
	for {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
		// [1]-style marks.
		if strings.HasSuffix(s, "]") {
			if i := strings.LastIndexByte(s, '['); i >= 0 && isDigits(s[i+1:len(s)-1]) {
				s = s[:i]
				continue
			}
		}
		r, size := utf8.DecodeLastRuneInString(s)
		if size == 0 {
			return false
		}
		switch r {
		case '.', '!', '?', '…', ':', ';', '。', '！', '？', '：', '；':
			return true
		}
		if unicode.IsSymbol(r) || unicode.In(r, unicode.Pf, unicode.Pe) || r == '"' || r == '\'' || r == '»' || r == '”' || r == '’' || r == '」' || r == '』' {
			s = s[:len(s)-size]
			continue
		}
		return false
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// sentenceEnds returns the byte offsets just after each sentence end of
// text: a . ! ? or … followed by a space (possibly after closing quotes or
// brackets) or by the end, or a CJK full stop. Initials and common
// abbreviations do not end sentences.
func sentenceEnds(text string) []int {
	var ends []int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		j := i + size
		switch r {
		case '。', '！', '？':
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.In(r2, unicode.Pf, unicode.Pe) && r2 != '"' && r2 != '」' && r2 != '』' {
					break
				}
				j += s2
			}
			ends = append(ends, j)
		case '.', '!', '?', '…':
			for j < len(text) && strings.ContainsRune(`.!?…"')]”’»`, rune(text[j])) {
				j++
			}
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 != '”' && r2 != '’' && r2 != '»' && r2 != '…' {
					break
				}
				j += s2
			}
			if j == len(text) || text[j] == ' ' || text[j] == '\n' {
				if r != '.' || !isAbbreviation(text[:i]) {
					ends = append(ends, j)
				}
			}
		}
		i = j
	}
	return ends
}

// abbreviations end with a dot that does not end the sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "vs": true,
	"jr": true, "sr": true, "prof": true, "inc": true, "e.g": true, "i.e": true,
	"etc": false, "no": true, "fig": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "lt": true, "col": true, "u.s": true, "u.k": true, "m": true,
}

// isAbbreviation reports whether the word ending before is an initial or
// an abbreviation.
func isAbbreviation(before string) bool {
	i := strings.LastIndexAny(before, " (\n")
	w := before[i+1:]
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(w)]
}

// sentenceCount counts the sentences of text.
func sentenceCount(text string) int {
	n := len(sentenceEnds(text))
	if n == 0 || sentenceEnds(text)[n-1] < len(strings.TrimRight(text, " ")) {
		n++
	}
	return n
}

// sentencesUpTo returns the whole sentences that open text while they
// hold at most maxWords words; "" when even the first is longer.
func sentencesUpTo(text string, maxWords int) string {
	if w, _ := countWords(text); w <= maxWords {
		return text
	}
	cut := 0
	for _, e := range sentenceEnds(text) {
		if w, _ := countWords(text[:e]); w > maxWords {
			break
		}
		cut = e
	}
	return strings.TrimSpace(text[:cut])
}

// capLead cuts a lead longer than max bytes at the last sentence end
// before max; a first sentence longer than max is kept whole.
func capLead(lead string, max int) string {
	if len(lead) <= max {
		return lead
	}
	ends := sentenceEnds(lead)
	cut := 0
	for _, e := range ends {
		if e > max {
			if cut == 0 {
				cut = e
			}
			break
		}
		cut = e
	}
	if cut == 0 {
		// No sentence end at all: one endless sentence, kept whole.
		return lead
	}
	return strings.TrimSpace(lead[:cut])
}
