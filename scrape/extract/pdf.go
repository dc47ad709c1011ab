package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/moisson/moisson/scrape/internal/pdf"
)

// Bounds on the work done for one PDF: its title and lead are on its
// first pages, and a hostile file must not make us decompress or
// interpret megabytes of content.
const (
	pdfMaxPages = 3
	// pdfMaxContent is the most decompressed content stream read per page.
	pdfMaxContent = 4 << 20
	// pdfMaxNodes bounds the walk of the page tree.
	pdfMaxNodes = 256
	// pdfMaxObjects bounds the object numbers a file may use: the library
	// allocates its cross-reference table from them.
	pdfMaxObjects = 1 << 20
	// pdfMaxCMap is the most decompressed ToUnicode CMap read per font.
	pdfMaxCMap = 1 << 20
	// pdfMaxFonts bounds the fonts checked per page.
	pdfMaxFonts = 256
)

// pdfTitleSuffix marks a PDF's title for the reader of the weekly post.
const pdfTitleSuffix = " (PDF)"

// ligatures maps the presentation forms some PDFs map their ligature glyphs
// to, and the soft hyphen, to plain text.
var ligatures = strings.NewReplacer(
	"\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl",
	"\uFB05", "st", "\uFB06", "st", "\u00AD", "",
)

// DefaultPDFBudget is the time one PDF's extraction may take.
const DefaultPDFBudget = 2 * time.Second

// ErrExtractTooLong is the error of an extraction abandoned past its
// budget: the page is a permanent failure, not retried.
var ErrExtractTooLong = errors.New("extraction took too long")

// errPDFTooLong is ErrExtractTooLong said of a PDF.
var errPDFTooLong = fmt.Errorf("pdf: %w", ErrExtractTooLong)

// pdfDeadline panics with pdf.ErrDeadline once deadline has passed: the
// work done outside the library's lexer (decompressing streams, laying out
// lines) is bounded too.
func pdfDeadline(deadline time.Time) {
	if !deadline.IsZero() && time.Now().After(deadline) {
		panic(pdf.ErrDeadline)
	}
}

// extractPDF extracts a PDF's title and lead. The title is the Info
// dictionary's Title when it is a real title, else the first heading of
// page 1 (its largest type), else the file name; " (PDF)" is appended. The
// lead is the abstract when the document has one, else the first real
// paragraph of its first pages (not the authors, affiliations, e-mail
// addresses or dates under the title), in whole sentences, ligatures and
// end-of-line hyphenation repaired, capped near 900 characters.
//
// A corrupt, encrypted or unreadable PDF is not an error: it gives a page
// of kind pdf titled from its file name, with no lead. A PDF not read by
// deadline (zero: no deadline) is: the error is errPDFTooLong, with the
// page of a PDF that could not be read.
func extractPDF(body []byte, finalURL *url.URL, deadline time.Time) (Result, error) {
	p := Result{Kind: KindPDF}
	doc, err := readPDF(body, deadline)
	if errors.Is(err, errPDFTooLong) {
		p.Title = withPDFSuffix(fileNameTitle(finalURL))
		p.TitleSource, p.TitleConfidence = SourceFileName, ConfidenceLow
		return p, err
	}
	p.TitleSource, p.TitleConfidence = SourcePDF, ConfidenceMedium
	var title string
	if err == nil {
		if pdfTitleIsReal(doc.infoTitle, finalURL) {
			title = doc.infoTitle
		}
		var titleLines []int
		if len(doc.pages) > 0 {
			heading, lines := pdfHeading(doc.pages[0])
			titleLines = lines
			if title == "" {
				title = heading
			}
		}
		p.Lead, p.Paragraphs = pdfLead(doc.pages, titleLines)
		p.LeadSource, p.LeadConfidence = SourcePDF, ConfidenceMedium
	}
	if title == "" {
		title = fileNameTitle(finalURL)
		p.TitleSource, p.TitleConfidence = SourceFileName, ConfidenceLow
	}
	if title != "" {
		p.Title = withPDFSuffix(title)
	}
	return p, nil
}

// withPDFSuffix appends " (PDF)" to title unless it already says so.
func withPDFSuffix(title string) string {
	t := strings.ToLower(title)
	if strings.HasSuffix(t, "(pdf)") || strings.HasSuffix(t, "[pdf]") {
		return title
	}
	return title + pdfTitleSuffix
}

// pdfDoc is what is read of a PDF: its Info title and the text lines of
// its first pages.
type pdfDoc struct {
	infoTitle string
	pages     [][]pdfLine
}

// pdfLine is one line of text as laid out on a page.
type pdfLine struct {
	text string
	// size is the line's largest font size; 0 for rotated text.
	size float64
	// y is the baseline, increasing upwards.
	y float64
}

// readPDF reads the Info title and the lines of the first pages, by
// deadline. The PDF library panics on some malformed input, and with
// pdf.ErrDeadline past the deadline; the panic is turned into an error
// here, the only place it is called (errPDFTooLong for the deadline).
func readPDF(body []byte, deadline time.Time) (doc pdfDoc, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == pdf.ErrDeadline {
				err = errPDFTooLong
				return
			}
			err = fmt.Errorf("pdf: malformed file: %v", r)
		}
	}()
	if err := pdfSane(body); err != nil {
		return pdfDoc{}, err
	}
	r, err := pdf.NewReaderDeadline(bytes.NewReader(body), int64(len(body)), deadline)
	if errors.Is(err, pdf.ErrDeadline) {
		return pdfDoc{}, errPDFTooLong
	}
	if err != nil {
		return pdfDoc{}, fmt.Errorf("pdf: open: %w", err)
	}
	doc.infoTitle = pdfText(r.Trailer().Key("Info").Key("Title").Text())
	for _, page := range pdfFirstPages(r, pdfMaxPages) {
		pdfDeadline(deadline)
		doc.pages = append(doc.pages, pdfPageLines(page, deadline))
	}
	if len(doc.pages) == 0 && doc.infoTitle == "" {
		return doc, errors.New("pdf: no readable page")
	}
	return doc, nil
}

// pdfFirstPages walks the page tree for the first max pages, refusing the
// cycles and depths a malformed file may have (the library's own page
// lookup loops forever on a cyclic tree).
func pdfFirstPages(r *pdf.Reader, max int) []pdf.Page {
	var out []pdf.Page
	nodes := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if len(out) >= max || depth > 32 || nodes >= pdfMaxNodes || v.Kind() != pdf.Dict {
			return
		}
		nodes++
		if kids := v.Key("Kids"); kids.Kind() == pdf.Array && v.Key("Type").Name() != "Page" {
			for i := 0; i < kids.Len() && len(out) < max; i++ {
				walk(kids.Index(i), depth+1)
			}
			return
		}
		if pdfParentsEnd(v) {
			out = append(out, pdf.Page{V: v})
		}
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// pdfParentsEnd reports whether the chain of Parent links from v ends: the
// library follows it unbounded to find inherited resources.
func pdfParentsEnd(v pdf.Value) bool {
	for i := 0; i < 64; i++ {
		if v.IsNull() {
			return true
		}
		v = v.Key("Parent")
	}
	return false
}

var (
	pdfXrefRE    = regexp.MustCompile(`(?:^|[^A-Za-z])xref\s`)
	pdfSizeRE    = regexp.MustCompile(`/(Size|Columns)\s+(\d+)`)
	pdfArrayRE   = regexp.MustCompile(`/(Index|W)\s*\[([^\]]*)\]`)
	pdfPrevRE    = regexp.MustCompile(`/Prev\s+(\d+)`)
	pdfCMapOpsRE = regexp.MustCompile(`(\d+)\s+begin(bfchar|bfrange|codespacerange|cidchar|cidrange)`)
)

// pdfSane refuses the files on which the PDF library would allocate
// without bound or loop forever: cross-reference tables and streams
// claiming huge object numbers or field widths, cycles of /Prev sections,
// and object streams extending one another. The check reads only what is
// in clear in the file; such files are malformed or hostile, never the
// papers and reports people share.
func pdfSane(body []byte) error {
	limit := int64(len(body))*8 + 1024
	if limit > pdfMaxObjects {
		limit = pdfMaxObjects
	}
	tooBig := func(s string) bool {
		n, err := strconv.ParseInt(s, 10, 64)
		return err != nil || n > limit
	}
	for _, m := range pdfSizeRE.FindAllSubmatch(body, -1) {
		if tooBig(string(m[2])) {
			return fmt.Errorf("pdf: /%s %s is out of bounds", m[1], m[2])
		}
	}
	for _, m := range pdfArrayRE.FindAllSubmatch(body, -1) {
		for _, f := range strings.Fields(string(m[2])) {
			n, err := strconv.ParseInt(f, 10, 64)
			if err != nil || n > limit || string(m[1]) == "W" && n > 8 {
				return fmt.Errorf("pdf: /%s entry %q is out of bounds", m[1], f)
			}
		}
	}
	// Classic tables: "xref" then subsections "start count" of count
	// three-token entries; the table is allocated up to start+count.
	for _, loc := range pdfXrefRE.FindAllIndex(body, -1) {
		toks := strings.Fields(string(body[loc[1]:min(len(body), loc[1]+4096)]))
		for len(toks) >= 2 {
			start, err1 := strconv.ParseInt(toks[0], 10, 64)
			count, err2 := strconv.ParseInt(toks[1], 10, 64)
			if err1 != nil || err2 != nil {
				break
			}
			if start > limit || count > limit {
				return fmt.Errorf("pdf: xref subsection %d %d is out of bounds", start, count)
			}
			skip := 2 + 3*count
			if skip > int64(len(toks)) {
				break
			}
			toks = toks[skip:]
		}
	}
	if bytes.Contains(body, []byte("/Extends")) {
		return errors.New("pdf: extended object streams are not read")
	}
	return pdfPrevChainEnds(body)
}

// pdfPrevChainEnds follows the chain of cross-reference sections from the
// last startxref through their /Prev entries, as the library will, and
// fails on a cycle.
func pdfPrevChainEnds(body []byte) error {
	i := bytes.LastIndex(body, []byte("startxref"))
	if i < 0 {
		return nil
	}
	f := strings.Fields(string(body[i+len("startxref") : min(len(body), i+len("startxref")+32)]))
	if len(f) == 0 {
		return nil
	}
	off, err := strconv.ParseInt(f[0], 10, 64)
	seen := make(map[int64]bool)
	for err == nil && off >= 0 && off < int64(len(body)) {
		if seen[off] || len(seen) > 64 {
			return errors.New("pdf: cycle of cross-reference sections")
		}
		seen[off] = true
		// The section's own dictionary ends at its stream, or at the
		// startxref that follows a classic trailer.
		rest := body[off:]
		end := len(rest)
		for _, kw := range []string{"startxref", "stream"} {
			if j := bytes.Index(rest, []byte(kw)); j >= 0 && j < end {
				end = j
			}
		}
		m := pdfPrevRE.FindSubmatch(rest[:end])
		if m == nil {
			return nil
		}
		off, err = strconv.ParseInt(string(m[1]), 10, 64)
	}
	return nil
}

// pdfFontsSane checks the ToUnicode CMaps of a page's fonts before the
// library reads them: it trusts their entry counts and reads them whole.
func pdfFontsSane(page pdf.Page, deadline time.Time) bool {
	fonts := page.Resources().Key("Font")
	for i, name := range fonts.Keys() {
		if i >= pdfMaxFonts {
			return false
		}
		pdfDeadline(deadline)
		cmap := fonts.Key(name).Key("ToUnicode")
		if cmap.Kind() != pdf.Stream {
			continue
		}
		rc := cmap.Reader()
		data, _ := io.ReadAll(io.LimitReader(rc, pdfMaxCMap+1))
		rc.Close()
		if len(data) > pdfMaxCMap {
			return false
		}
		for _, m := range pdfCMapOpsRE.FindAllSubmatch(data, -1) {
			if n, err := strconv.Atoi(string(m[1])); err != nil || n > 10000 {
				return false
			}
		}
	}
	return true
}

// pdfContentSize returns the decompressed size of a page's content
// streams, counting no further than limit+1.
func pdfContentSize(page pdf.Page, limit int64, deadline time.Time) int64 {
	c := page.V.Key("Contents")
	var streams []pdf.Value
	if c.Kind() == pdf.Array {
		for i := 0; i < c.Len() && i < 1024; i++ {
			streams = append(streams, c.Index(i))
		}
	} else {
		streams = append(streams, c)
	}
	var total int64
	for _, s := range streams {
		pdfDeadline(deadline)
		rc := s.Reader()
		n, _ := io.Copy(io.Discard, io.LimitReader(rc, limit+1-total))
		rc.Close()
		total += n
		if total > limit {
			break
		}
	}
	return total
}

// pdfPageLines returns the page's text lines in content order, which is
// reading order in the PDFs that tools such as LaTeX and Word write. An
// unreadable page gives no line; a page not read by deadline panics with
// pdf.ErrDeadline.
func pdfPageLines(page pdf.Page, deadline time.Time) (lines []pdfLine) {
	if pdfContentSize(page, pdfMaxContent, deadline) > pdfMaxContent || !pdfFontsSane(page, deadline) {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			if r == pdf.ErrDeadline {
				panic(r)
			}
			lines = nil
		}
	}()
	var b strings.Builder
	var cur pdfLine
	var prev pdf.Text
	started := false
	flush := func() {
		if t := pdfText(b.String()); t != "" {
			cur.text = t
			lines = append(lines, cur)
		}
		b.Reset()
		cur = pdfLine{}
	}
	for _, g := range page.Content().Text {
		if g.S == "" || g.S == string(utf8.RuneError) || strings.TrimFunc(g.S, unicode.IsControl) == "" {
			continue
		}
		size := math.Abs(g.FontSize)
		if started && math.Abs(g.Y-prev.Y) > 0.5*math.Max(math.Max(size, math.Abs(prev.FontSize)), 1) {
			flush()
			started = false
		}
		if !started {
			cur.y = g.Y
			started = true
		} else {
			gap := g.X - (prev.X + prev.W)
			if gap > 0.15*math.Max(size, 1) && prev.S != " " && g.S != " " {
				b.WriteByte(' ')
			}
		}
		cur.size = math.Max(cur.size, size)
		b.WriteString(g.S)
		prev = g
	}
	flush()
	return lines
}

// pdfText makes text read from a PDF clean: valid UTF-8, ligatures spelled
// out, control characters gone, white space collapsed.
func pdfText(s string) string {
	s = ligatures.Replace(strings.ToValidUTF8(s, ""))
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// pdfTitleIsReal reports whether an Info dictionary Title names the
// document rather than the file it was made from or the template it was
// made with.
func pdfTitleIsReal(title string, u *url.URL) bool {
	t := strings.ToLower(strings.TrimSpace(title))
	if len(t) < 3 || len(t) > 300 {
		return false
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters < 3 {
		return false
	}
	if pdfTemplateTitles[t] || pdfFileNameRE.MatchString(t) || pdfDocNameRE.MatchString(t) {
		return false
	}
	for _, prefix := range []string{"microsoft word -", "microsoft powerpoint -", "microsoft excel -", "untitled", "c:\\", "/", "http://", "https://", "file:"} {
		if strings.HasPrefix(t, prefix) {
			return false
		}
	}
	if u != nil {
		last := strings.ToLower(lastSegment(u))
		if last != "" && (t == last || t == strings.TrimSuffix(last, ".pdf")) {
			return false
		}
	}
	return true
}

var (
	// pdfFileNameRE matches a title that is a file name: "report_v2.doc".
	pdfFileNameRE = regexp.MustCompile(`(?i)^\S*\.(docx?|pdf|tex|dvi|ps|rtf|odt|pages|indd|qxd|pptx?|xlsx?|txt)$`)
	// pdfDocNameRE matches the names office suites give new documents.
	pdfDocNameRE = regexp.MustCompile(`^(document|doc|presentation|diapositive|slide|untitled)\s*\d*$`)
)

// pdfTemplateTitles are titles left by templates, lower-cased.
var pdfTemplateTitles = map[string]bool{
	"title": true, "titre": true, "powerpoint presentation": true, "présentation powerpoint": true,
	"untitled document": true, "no title": true, "sans titre": true,
}

// pdfHeading returns the first heading of a page, the lines set in the
// largest type near its top (a title broken over up to three lines), and
// the indexes of those lines. When the page has no larger type, its first
// line is taken if it is short enough to be a title.
func pdfHeading(lines []pdfLine) (string, []int) {
	const window = 40
	var sizes []float64
	maxSize := 0.0
	for i, l := range lines {
		if i >= window {
			break
		}
		if l.size >= 1 && pdfLetters(l.text) >= 2 {
			sizes = append(sizes, l.size)
			maxSize = math.Max(maxSize, l.size)
		}
	}
	if len(sizes) == 0 {
		return "", nil
	}
	sort.Float64s(sizes)
	body := sizes[len(sizes)/2]
	var parts []string
	var idx []int
	for i, l := range lines {
		if i >= window {
			break
		}
		if l.size < 1 || pdfLetters(l.text) < 2 {
			if len(idx) > 0 {
				break
			}
			continue
		}
		if maxSize-body < 1 {
			// Uniform type: the first line, if it reads as a title.
			if len(l.text) <= 150 && !pdfJunkLine(l.text) {
				return l.text, []int{i}
			}
			return "", nil
		}
		if l.size >= maxSize-0.5 {
			parts = append(parts, l.text)
			idx = append(idx, i)
			if len(parts) == 3 {
				break
			}
			continue
		}
		if len(idx) > 0 {
			break
		}
	}
	title := pdfJoinLines(parts)
	if len(title) > 300 {
		return "", nil
	}
	return title, idx
}

// pdfLetters counts the letters of s.
func pdfLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

var (
	// pdfDateRE matches lines that are dates or running headers.
	pdfDateRE = regexp.MustCompile(`(?i)^((\d{1,2}[ /.-])?(\d{1,2}|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|janv\w*|févr\w*|mars|avr\w*|mai|juin|juil\w*|août|sept\w*|déc\w*)[ /.,-]+(\d{1,2},? )?\d{4}|\d{4}-\d{2}-\d{2}|arxiv:\S+.*|page \d+.*|\d+)$`)
	// pdfAbstractRE matches an abstract's heading, alone or followed by
	// the abstract's first words after a punctuation mark.
	pdfAbstractRE = regexp.MustCompile(`(?i)^(abstract|a b s t r a c t|résumé|resume|summary|executive summary|zusammenfassung|resumen)\s*(?:([.:—–-])\s*(.*))?$`)
	// pdfAbstractInlineRE matches an abstract run in with its heading.
	pdfAbstractInlineRE = regexp.MustCompile(`^(?:Abstract|ABSTRACT|Summary|SUMMARY)\s+(\p{Lu}.*)$`)
	// pdfStopRE matches the headings that end an abstract.
	pdfStopRE = regexp.MustCompile(`(?i)^((1|i)\.?\s+introduction|introduction|keywords|key words|index terms|mots[- ]clés|ccs concepts|acm reference|categories and subject descriptors|general terms|contents|table of contents)\b`)
	// pdfAffiliationRE matches the words of an author's affiliation.
	pdfAffiliationRE = regexp.MustCompile(`(?i)\b(universit\w*|institut\w*|department|dept\.|laborator\w*|college|school of|inc\.|corporation|research center|centre|cnrs|inria)\b`)
)

// pdfJunkLine reports whether a line is a date, a page number, a running
// header, an e-mail address or a URL rather than text.
func pdfJunkLine(s string) bool {
	return pdfDateRE.MatchString(strings.TrimSpace(s)) || strings.Contains(s, "@") ||
		strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www.")
}

// pdfParagraphs cuts a page's lines into paragraphs: a paragraph ends at a
// gap clearly larger than the page's usual line spacing, at a change of
// type size, after a short line that ends a sentence, and around lines
// that are not prose (a date, an address, an abstract's heading).
func pdfParagraphs(lines []pdfLine) [][]string {
	var gaps []float64
	longest := 0
	for i, l := range lines {
		if n := utf8.RuneCountInString(l.text); n > longest {
			longest = n
		}
		if i > 0 && math.Abs(l.size-lines[i-1].size) < 0.5 {
			if g := lines[i-1].y - l.y; g > 0 {
				gaps = append(gaps, g)
			}
		}
	}
	// The usual line spacing: a low quantile, since most gaps are between
	// the lines of a paragraph and the rest are larger.
	usual := 0.0
	if len(gaps) > 0 {
		sort.Float64s(gaps)
		usual = gaps[(len(gaps)-1)/4]
	}
	var paras [][]string
	for i, l := range lines {
		newPara := i == 0
		if i > 0 {
			p := lines[i-1]
			g := p.y - l.y
			switch {
			case math.Abs(l.size-p.size) >= 0.5:
				newPara = true
			case usual > 0 && (g > 1.4*usual || g < -0.5*usual):
				newPara = true
			case pdfIsAbstractHeading(p.text) || pdfStopRE.MatchString(l.text):
				newPara = true
			case pdfJunkLine(p.text) || pdfJunkLine(l.text):
				newPara = true
			case strings.ContainsAny(lastRune(p.text), ".!?:") && utf8.RuneCountInString(p.text) < longest*7/10:
				newPara = true
			}
		}
		if newPara {
			paras = append(paras, nil)
		}
		paras[len(paras)-1] = append(paras[len(paras)-1], l.text)
	}
	return paras
}

// lastRune returns the last rune of s as a string.
func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return ""
	}
	return string(r)
}

// maxParagraphs is the most lead candidates kept in Page.Paragraphs.
const maxParagraphs = 5

// pdfLead returns the abstract, else the first real paragraph of the
// pages, skipping the title's lines on page 1, and the lead candidates:
// the lead, then the real paragraphs that follow it, up to maxParagraphs.
func pdfLead(pages [][]pdfLine, titleLines []int) (string, []string) {
	skip := make(map[int]bool)
	for _, i := range titleLines {
		skip[i] = true
	}
	var paras [][]string
	for n, lines := range pages {
		if n == 0 && len(skip) > 0 {
			var rest []pdfLine
			for i, l := range lines {
				if !skip[i] {
					rest = append(rest, l)
				}
			}
			lines = rest
		}
		paras = append(paras, pdfParagraphs(lines)...)
	}
	lead := pdfAbstract(paras)
	var cands []string
	if lead != "" {
		cands = append(cands, lead)
	}
	for _, p := range paras {
		if len(cands) >= maxParagraphs {
			break
		}
		text := pdfJoinLines(p)
		if !pdfRealParagraph(text) {
			continue
		}
		text = pdfCut(text)
		if lead == "" {
			lead = text
		} else if strings.Contains(lead, firstWords(text, 8)) {
			// The abstract's own paragraphs, already in the lead.
			continue
		}
		cands = append(cands, text)
	}
	return lead, cands
}

// firstWords returns the first n words of text.
func firstWords(text string, n int) string {
	f := strings.Fields(text)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// pdfAbstract finds an abstract heading and returns the paragraphs after
// it, up to the next heading.
func pdfAbstract(paras [][]string) string {
	for i, p := range paras {
		var rest string
		if m := pdfAbstractRE.FindStringSubmatch(p[0]); m != nil {
			rest = m[3]
		} else if m := pdfAbstractInlineRE.FindStringSubmatch(p[0]); m != nil {
			rest = m[1]
		} else {
			continue
		}
		var texts []string
		first := append([]string{rest}, p[1:]...)
		if t := pdfJoinLines(first); t != "" {
			texts = append(texts, t)
		}
		for _, q := range paras[i+1:] {
			if len(texts) >= 3 || pdfStopRE.MatchString(q[0]) || pdfAbstractRE.MatchString(q[0]) {
				break
			}
			texts = append(texts, pdfJoinLines(q))
			if len(strings.Join(texts, " ")) > leadCap {
				break
			}
		}
		if lead := pdfCut(strings.Join(texts, "\n")); lead != "" {
			return lead
		}
	}
	return ""
}

// pdfIsAbstractHeading reports whether line is an abstract's heading
// alone.
func pdfIsAbstractHeading(line string) bool {
	m := pdfAbstractRE.FindStringSubmatch(line)
	return m != nil && m[3] == ""
}

// pdfRealParagraph reports whether text reads as a paragraph of prose
// rather than a list of authors, an affiliation, an address or a date.
func pdfRealParagraph(text string) bool {
	words := strings.Fields(text)
	if len(text) < 80 || len(words) < 12 || strings.Contains(text, "@") {
		return false
	}
	if len(text) < 250 && pdfAffiliationRE.MatchString(text) {
		return false
	}
	capitalized := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capitalized++
		}
	}
	// Author lists are mostly capitalised names.
	return capitalized*10 < len(words)*6
}

// pdfJoinLines joins a paragraph's lines, mending the words hyphenated at
// line ends: "extrac-" + "tion" gives "extraction", while compounds
// already hyphenated ("state-of-the-" + "art") keep their hyphen.
func pdfJoinLines(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		s := b.String()
		if s == "" {
			b.WriteString(l)
			continue
		}
		if strings.HasSuffix(s, "-") {
			switch pdfHyphen(s, l) {
			case hyphenDrop:
				b.Reset()
				b.WriteString(s[:len(s)-1])
				b.WriteString(l)
				continue
			case hyphenKeep:
				b.WriteString(l)
				continue
			}
		}
		b.WriteByte(' ')
		b.WriteString(l)
	}
	return b.String()
}

// What to do of a hyphen at a line's end.
const (
	hyphenSpace = iota // not a word's hyphen: " -" then a space
	hyphenDrop         // a word cut in two: "extrac-" + "tion"
	hyphenKeep         // a compound: "state-of-the-" + "art", "Jean-" + "Paul"
)

// pdfHyphen tells what the hyphen ending s means, given the next line.
func pdfHyphen(s, next string) int {
	word := s[strings.LastIndexAny(s, " \t")+1 : len(s)-1]
	before, _ := utf8.DecodeLastRuneInString(word)
	after, _ := utf8.DecodeRuneInString(next)
	switch {
	case word == "" || !unicode.IsLetter(before) || !unicode.IsLetter(after):
		return hyphenSpace
	case unicode.IsLower(after) && !strings.Contains(word, "-"):
		return hyphenDrop
	}
	return hyphenKeep
}

// pdfCut keeps whole sentences of text: a text cut short by the end of the
// page loses its unfinished sentence, and a long one is capped.
func pdfCut(text string) string {
	text = capLead(strings.TrimSpace(text), leadCap)
	if len(text) > 2*leadCap {
		// No sentence end to cut at: cut at a word.
		cut := strings.LastIndexByte(text[:leadCap], ' ')
		if cut <= 0 {
			cut = leadCap
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		return strings.TrimSpace(text[:cut]) + "…"
	}
	if ends := sentenceEnds(text); len(ends) > 0 && ends[len(ends)-1] < len(text) && !strings.HasSuffix(text, "…") {
		text = strings.TrimSpace(text[:ends[len(ends)-1]])
	}
	return text
}
