package extract

import (
	"bytes"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// writeKinds rewrites the generated fixtures of testdata/kinds: the pages
// in legacy encodings and the PDFs.
var writeKinds = flag.Bool("write-kinds", false, "rewrite the generated fixtures of testdata/kinds")

// testPDFLine is one line of text of a test PDF page.
type testPDFLine struct {
	// font is F1 (Helvetica), F2 (Helvetica-Bold), or F3, whose codes
	// 0x01 and 0x02 map to the ligatures "ﬁ" and "ﬂ" through a ToUnicode
	// CMap, as in PDFs made by LaTeX.
	font string
	size float64
	y    float64
	text string
}

// testPDF describes a small PDF made by buildPDF.
type testPDF struct {
	// title is the Info dictionary's Title; none when empty.
	title string
	pages [][]testPDFLine
	// encrypt adds an /Encrypt entry to the trailer.
	encrypt bool
}

// buildPDF writes a valid PDF 1.4 file: a catalog, a page tree, three
// fonts, the pages' content streams (uncompressed), an Info dictionary
// and a correct cross-reference table.
func buildPDF(d testPDF) []byte {
	var objs []string
	add := func(s string) int {
		objs = append(objs, s)
		return len(objs)
	}
	catalog := add("") // filled in below, once the page tree's number is known
	pagesObj := add("")
	f1 := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	f2 := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	cmap := "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CMapName /Test-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n" +
		"2 beginbfchar\n<01> <FB01>\n<02> <FB02>\nendbfchar\n" +
		"1 beginbfrange\n<20> <7E> <0020>\nendbfrange\n" +
		"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
	toUni := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(cmap), cmap))
	f3 := add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /CMR10 /ToUnicode %d 0 R >>", toUni))
	var kids []string
	for _, lines := range d.pages {
		var cs strings.Builder
		for _, l := range lines {
			fmt.Fprintf(&cs, "BT /%s %g Tf 72 %g Td (%s) Tj ET\n", l.font, l.size, l.y, pdfString(l.text, l.font))
		}
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", cs.Len(), cs.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> >> /Contents %d 0 R >>",
			pagesObj, f1, f2, f3, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	info := 0
	if d.title != "" {
		info = add(fmt.Sprintf("<< /Title (%s) /Producer (moisson test) >>", pdfString(d.title, "F1")))
	}

	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R", len(objs)+1, catalog)
	if info > 0 {
		fmt.Fprintf(&b, " /Info %d 0 R", info)
	}
	if d.encrypt {
		b.WriteString(" /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> /ID [<00> <00>]")
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// pdfString escapes s for a PDF literal string in the given font's
// encoding: windows-1252 for F1 and F2; for F3, "ﬁ" and "ﬂ" become the
// codes 0x01 and 0x02.
func pdfString(s, font string) string {
	if font == "F3" {
		s = strings.NewReplacer("ﬁ", "\x01", "ﬂ", "\x02").Replace(s)
	} else if enc, err := charmap.Windows1252.NewEncoder().String(s); err == nil {
		s = enc
	}
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
}

// charsetPage is a small article in the given language, declaring its
// charset with the meta tag given (which may be empty).
func charsetPage(lang, meta, title, para string) string {
	return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head>\n" + meta + "\n<title>" + title + "</title>\n</head>\n<body><article>\n<h1>" + title + "</h1>\n<p>" + para + "</p>\n</article></body></html>\n"
}

// encodeWith encodes s with enc, failing the test on a rune enc lacks.
func encodeWith(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// generatedKinds returns the generated fixtures by file name.
func generatedKinds(t testing.TB) map[string][]byte {
	t.Helper()
	late := charsetPage("de", "<!-- "+strings.Repeat("Kommentar, der den Meta-Tag weit nach hinten schiebt. ", 40)+"-->\n<script>var config = {\"theme\": \"dark\", \"ads\": false};</script>\n<meta charset=\"windows-1252\">",
		"Zürich: eine naïve Frage", "Warum kostet ein Kaffee in Zürich so viel mehr als in Köln? Eine naïve Frage mit einer überraschend langen Antwort.")
	utf16 := encodeWith(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), charsetPage("fr", `<meta charset="utf-16">`,
		"UTF-16 : déjà vu", "Cette page est écrite en UTF-16 petit-boutiste, précédée de sa marque d’ordre des octets."))
	if !bytes.HasPrefix(utf16, []byte{0xFF, 0xFE}) {
		t.Fatal("utf-16 fixture has no BOM")
	}
	return map[string][]byte{
		"latin1.html": encodeWith(t, charmap.ISO8859_1, charsetPage("fr", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`,
			"Café crème à la française", "Le café crème est une boisson très appréciée des Français, servie à toute heure dans les bistrots parisiens.")),
		"cp1252.html": encodeWith(t, charmap.Windows1252, charsetPage("fr", "",
			"Les “guillemets” coûtent 5 €", "On l’appelle « la crise » : les prix ont augmenté de 5 € en un an – et ce n’est pas fini…")),
		"latemeta.html": encodeWith(t, charmap.Windows1252, late),
		"shiftjis.html": encodeWith(t, japanese.ShiftJIS, charsetPage("ja", `<meta charset="Shift_JIS">`,
			"日本語のテスト記事", "これは日本語で書かれた記事の最初の段落です。文字コードはシフトJISです。")),
		"gbk.html": encodeWith(t, simplifiedchinese.GBK, charsetPage("zh", `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`,
			"中文测试文章", "这是一篇用中文写的文章的第一段。编码是国标扩展码。")),
		"koi8r.html": encodeWith(t, charmap.KOI8R, charsetPage("ru", "",
			"Русский текст", "Это первый абзац статьи, написанной на русском языке в старой кодировке КОИ-8.")),
		"utf16le-bom.html": utf16,
		"mislabeled-utf8.html": []byte(charsetPage("fr", `<meta charset="iso-8859-1">`,
			"Déjà vu en UTF-8", "Le serveur annonce du Latin-1 mais la page est écrite en UTF-8, comme presque toutes aujourd’hui.")),
		"invalid-utf8.html": []byte(charsetPage("en", `<meta charset="utf-8">`,
			"Bad \xff byte", "This page declares UTF-8 but one \xc3 byte in this paragraph is not valid, and that is fine.")),
		"paper.pdf":     buildPDF(paperPDF),
		"corrupt.pdf":   append([]byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), bytes.Repeat([]byte{0x00, 0xff, 'x'}, 50)...),
		"cat-photo.jpg": append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00}, make([]byte, 64)...),
	}
}

// paperPDF is a paper's first page: title, authors, affiliation, abstract,
// introduction, with a ligature and hyphenated line ends.
var paperPDF = testPDF{
	title: "Microsoft Word - harvest_final.docx",
	pages: [][]testPDFLine{{
		{"F1", 8, 770, "Proceedings of the Workshop on Web Harvesting, 2014"},
		{"F2", 20, 720, "Harvesting Shared Links for"},
		{"F2", 20, 696, "Weekly Reading Lists"},
		{"F1", 11, 664, "Jane Doe, John Smith and Ana Lima"},
		{"F1", 10, 650, "Université de Nantes, Nantes, France"},
		{"F1", 10, 638, "{jane.doe,john.smith}@univ-nantes.fr"},
		{"F2", 11, 606, "Abstract"},
		{"F3", 10, 590, "People share links all day long. We present a method for the extrac-"},
		{"F3", 10, 578, "tion of each link's title and opening paragraph, which ﬁnds the main"},
		{"F3", 10, 566, "text of a page and ﬂags boilerplate. On a corpus of 2,000 pages it is right"},
		{"F3", 10, 554, "nine times out of ten."},
		{"F2", 12, 520, "1 Introduction"},
		{"F1", 10, 504, "Reading lists are old. Their weekly form on blogs is newer, and it is tedious to compile by hand."},
	}},
}

// TestWriteKindFixtures writes the generated fixtures when -write-kinds is
// given; otherwise it checks that the committed files are up to date.
func TestWriteKindFixtures(t *testing.T) {
	for name, data := range generatedKinds(t) {
		path := filepath.Join("testdata", "kinds", name)
		if *writeKinds {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestWriteKindFixtures -write-kinds)", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s is out of date: run go test -run TestWriteKindFixtures -write-kinds", path)
		}
	}
}

// readKind reads a fixture of testdata/kinds.
func readKind(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "kinds", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustURL(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		file, contentType string
		want              []string
	}{
		{"latin1.html", "text/html", []string{"Café crème à la française", "très appréciée"}},
		{"cp1252.html", "text/html; charset=ISO-8859-1", []string{"Les “guillemets” coûtent 5 €", "On l’appelle « la crise » : les prix ont augmenté de 5 € en un an – et ce n’est pas fini…"}},
		{"cp1252.html", "text/html; charset=latin1", []string{"“guillemets”"}},
		{"latemeta.html", "text/html", []string{"Zürich: eine naïve Frage", "überraschend"}},
		{"latemeta.html", "", []string{"Zürich: eine naïve Frage"}},
		{"shiftjis.html", "text/html", []string{"日本語のテスト記事", "文字コードはシフトJISです。"}},
		{"gbk.html", "text/html", []string{"中文测试文章", "编码是国标扩展码。"}},
		{"koi8r.html", "text/html; charset=KOI8-R", []string{"Русский текст", "в старой кодировке КОИ-8"}},
		{"utf16le-bom.html", "text/html", []string{"UTF-16 : déjà vu", "marque d’ordre"}},
		{"utf16le-bom.html", "text/html; charset=iso-8859-1", []string{"UTF-16 : déjà vu"}},
		{"mislabeled-utf8.html", "text/html; charset=ISO-8859-1", []string{"Déjà vu en UTF-8", "aujourd’hui"}},
		{"invalid-utf8.html", "text/html; charset=utf-8", []string{"Bad \uFFFD byte", "one \uFFFD byte"}},
		{"invalid-utf8.html", "text/html", []string{"Bad \uFFFD byte"}},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.contentType, func(t *testing.T) {
			got := toUTF8(readKind(t, tc.file), tc.contentType)
			if !utf8.Valid(got) {
				t.Fatalf("result is not valid UTF-8")
			}
			for _, w := range tc.want {
				if !bytes.Contains(got, []byte(w)) {
					t.Errorf("decoded page lacks %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestToUTF8Edges(t *testing.T) {
	tests := []struct {
		name, body, contentType, want string
	}{
		{"empty", "", "text/html", ""},
		{"ascii untouched", "<p>plain</p>", "text/html; charset=windows-1252", "<p>plain</p>"},
		{"utf-8 bom stripped", "\xEF\xBB\xBF<p>é</p>", "text/html; charset=iso-8859-1", "<p>é</p>"},
		{"utf-16be bom", "\xFE\xFF\x00<\x00p\x00>\x00\xE9", "", "<p>é"},
		{"undeclared latin-1", "<p>caf\xe9 cr\xe8me</p>", "", "<p>café crème</p>"},
		{"unknown label", "<p>caf\xe9</p>", "text/html; charset=x-no-such-thing", "<p>café</p>"},
		{"malformed header", "<p>\xc0 bient\xf4t</p>", "text/html;; charset=latin1", "<p>À bientôt</p>"},
		{"meta utf-16 means utf-8", `<meta charset="utf-16"><p>é</p>`, "", `<meta charset="utf-16"><p>é</p>`},
		{"rune cut by body limit", "<p>d\xc3\xa9j\xc3", "text/html; charset=iso-8859-1", "<p>déj\uFFFD"},
		{"meta in body ignored", "<body><meta charset=\"koi8-r\"><p>\xe9t\xe9</p>", "", "<body><meta charset=\"koi8-r\"><p>été</p>"},
		{"http-equiv without pragma ignored", `<meta content="text/html; charset=koi8-r"><p>` + "\xe9" + `</p>`, "", `<meta content="text/html; charset=koi8-r"><p>é</p>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(toUTF8([]byte(tc.body), tc.contentType)); got != tc.want {
				t.Errorf("toUTF8(%q, %q) = %q, want %q", tc.body, tc.contentType, got, tc.want)
			}
		})
	}
}

// wantPage is what a test expects of an extracted page; empty fields are
// not checked, except Lead when LeadEmpty is set.
type wantPage struct {
	Kind         Kind
	Title        string
	Lead         string // exact, when set
	LeadHas      string // a part of the lead, when set
	LeadEmpty    bool
	LeadFromMeta bool
	Canonical    string
}

func checkPage(t *testing.T, got Result, want wantPage) {
	t.Helper()
	if got.Kind != want.Kind {
		t.Errorf("Kind = %q, want %q", got.Kind, want.Kind)
	}
	if want.Title != "" && got.Title != want.Title {
		t.Errorf("Title = %q, want %q", got.Title, want.Title)
	}
	if want.Lead != "" && got.Lead != want.Lead {
		t.Errorf("Lead = %q, want %q", got.Lead, want.Lead)
	}
	if want.LeadHas != "" && !strings.Contains(got.Lead, want.LeadHas) {
		t.Errorf("Lead = %q, want it to contain %q", got.Lead, want.LeadHas)
	}
	if want.LeadEmpty && got.Lead != "" {
		t.Errorf("Lead = %q, want none", got.Lead)
	}
	if got.LeadFromMeta != want.LeadFromMeta {
		t.Errorf("LeadFromMeta = %v, want %v", got.LeadFromMeta, want.LeadFromMeta)
	}
	if want.Canonical != "" && got.CanonicalURL != want.Canonical {
		t.Errorf("CanonicalURL = %q, want %q", got.CanonicalURL, want.Canonical)
	}
}

func TestExtractKinds(t *testing.T) {
	tests := []struct {
		name, file, url, contentType string
		want                         wantPage
	}{
		{"iso-8859-1", "latin1.html", "https://example.fr/cafe", "text/html", wantPage{
			Kind: KindHTML, Title: "Café crème à la française", LeadHas: "très appréciée des Français"}},
		{"windows-1252 as iso-8859-1", "cp1252.html", "https://example.fr/crise", "text/html; charset=ISO-8859-1", wantPage{
			Kind: KindHTML, Title: "Les “guillemets” coûtent 5 €", LeadHas: "On l’appelle « la crise »"}},
		{"meta after 1024 bytes", "latemeta.html", "https://example.de/kaffee", "text/html", wantPage{
			Kind: KindHTML, Title: "Zürich: eine naïve Frage", LeadHas: "überraschend langen Antwort"}},
		{"shift_jis", "shiftjis.html", "https://example.jp/kiji", "text/html", wantPage{
			Kind: KindHTML, Title: "日本語のテスト記事"}},
		{"gbk", "gbk.html", "https://example.cn/wenzhang", "text/html", wantPage{
			Kind: KindHTML, Title: "中文测试文章"}},
		{"koi8-r", "koi8r.html", "https://example.ru/statya", "text/html; charset=koi8-r", wantPage{
			Kind: KindHTML, Title: "Русский текст", LeadHas: "на русском языке"}},
		{"utf-16 with bom", "utf16le-bom.html", "https://example.fr/utf16", "text/html", wantPage{
			Kind: KindHTML, Title: "UTF-16 : déjà vu"}},
		{"utf-8 sent as latin-1", "mislabeled-utf8.html", "https://example.fr/deja-vu", "text/html; charset=iso-8859-1", wantPage{
			Kind: KindHTML, Title: "Déjà vu en UTF-8"}},
		{"youtube", "youtube.html", "https://www.youtube.com/watch?v=oV9rvDllKEg&feature=youtu.be&utm_source=twitter", "text/html; charset=utf-8", wantPage{
			Kind: KindHTML, Title: "Rob Pike - 'Concurrency Is Not Parallelism'",
			Lead:      "Waza 2012: Concurrency is not parallelism. In programming, concurrency is the composition of independently executing processes, while parallelism is the simu...",
			Canonical: "https://www.youtube.com/watch?v=oV9rvDllKEg"}},
		{"youtu.be", "youtube.html", "https://youtu.be/oV9rvDllKEg", "text/html", wantPage{
			Kind: KindHTML, Title: "Rob Pike - 'Concurrency Is Not Parallelism'", LeadHas: "Waza 2012",
			Canonical: "https://www.youtube.com/watch?v=oV9rvDllKEg"}},
		{"vimeo", "vimeo.html", "https://vimeo.com/115940532", "text/html", wantPage{
			Kind: KindHTML, Title: "dotGo 2014 - John Graham-Cumming - I came for the easy concurrency I stayed for the easy composition",
			Lead: "Go is often lauded for its easy concurrency, but its composition is what keeps people. This talk shows how interfaces and channels combine in real programs."}},
		{"slideshare", "slideshare.html", "https://www.slideshare.net/rob_pike/go-concurrency-patterns?from_action=save", "text/html", wantPage{
			Kind: KindHTML, Title: "Go Concurrency Patterns",
			Lead:      "Concurrency is not parallelism: goroutines, channels and select put together into patterns for timeouts, fan-in and quitting.",
			Canonical: "https://www.slideshare.net/rob_pike/go-concurrency-patterns"}},
		{"speaker deck", "speakerdeck.html", "https://speakerdeck.com/campoy/understanding-go-interfaces", "text/html", wantPage{
			Kind: KindHTML, Title: "Understanding Go Interfaces",
			Lead: "Interfaces are the part of Go that surprises newcomers most. This deck walks through method sets, embedding and the empty interface."}},
		{"github repository", "github.html", "https://github.com/puerkitobio/goquery", "text/html; charset=utf-8", wantPage{
			Kind: KindHTML, Title: "PuerkitoBio/goquery: A little like that j-thing, only in Go.",
			Lead:      "goquery brings a syntax and a set of features similar to jQuery to the Go language. It is based on Go's net/html package and the CSS Selector library cascadia. Since the net/html parser returns nodes, and not a full-featured DOM tree, jQuery's stateful manipulation functions (like height(), css(), detach()) have been left off.",
			Canonical: "https://github.com/PuerkitoBio/goquery"}},
		{"github repository without readme", "github-noreadme.html", "https://github.com/moisson/harvest-tools", "text/html", wantPage{
			Kind: KindHTML, Title: "moisson/harvest-tools: Small tools to gather the links shared on a timeline",
			Lead: "Small tools to gather the links shared on a timeline", LeadFromMeta: true}},
		{"pdf", "paper.pdf", "https://example.org/papers/harvest.pdf?utm_source=twitter", "application/pdf", wantPage{
			Kind: KindPDF, Title: "Harvesting Shared Links for Weekly Reading Lists (PDF)",
			Lead:      "People share links all day long. We present a method for the extraction of each link's title and opening paragraph, which finds the main text of a page and flags boilerplate. On a corpus of 2,000 pages it is right nine times out of ten.",
			Canonical: "https://example.org/papers/harvest.pdf"}},
		{"pdf served as octet-stream", "paper.pdf", "https://cdn.example.org/f/8f3a2", "application/octet-stream", wantPage{
			Kind: KindPDF, Title: "Harvesting Shared Links for Weekly Reading Lists (PDF)", LeadHas: "extraction"}},
		{"corrupt pdf", "corrupt.pdf", "https://example.org/docs/Annual_Report-2014.pdf", "application/pdf", wantPage{
			Kind: KindPDF, Title: "Annual Report 2014 (PDF)", LeadEmpty: true}},
		{"image", "cat-photo.jpg", "https://example.com/media/My_cat-photo%20(1).jpg?w=800", "image/jpeg", wantPage{
			Kind: KindOther, Title: "My cat photo (1)", LeadEmpty: true, Canonical: "https://example.com/media/My_cat-photo%20(1).jpg?w=800"}},
		{"image without content type", "cat-photo.jpg", "https://example.com/IMG_0042.JPG", "", wantPage{
			Kind: KindOther, Title: "IMG 0042", LeadEmpty: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := mustURL(t, tc.url)
			got := extractURL(readKind(t, tc.file), u, tc.contentType)
			checkPage(t, got, tc.want)
			if got.FinalURL != tc.url {
				t.Errorf("FinalURL = %q, want %q", got.FinalURL, tc.url)
			}
			if got.ContentType != tc.contentType {
				t.Errorf("ContentType = %q, want %q", got.ContentType, tc.contentType)
			}
			if got.CanonicalURL == "" {
				t.Error("CanonicalURL is empty")
			}
		})
	}
}

func TestExtractPDF(t *testing.T) {
	abstract := func(lines ...testPDFLine) [][]testPDFLine { return [][]testPDFLine{lines} }
	intro := "Links shared on social networks vanish from memory within days. This note shows how a weekly digest keeps them, with their titles and opening paragraphs, at little cost."
	tests := []struct {
		name string
		pdf  []byte
		url  string
		want wantPage
	}{
		{"info title", buildPDF(testPDF{title: "A Weekly Harvest of Links", pages: abstract(
			testPDFLine{"F2", 18, 720, "Something Else Set Large"},
			testPDFLine{"F1", 10, 690, intro},
		)}), "https://example.org/a.pdf", wantPage{Kind: KindPDF, Title: "A Weekly Harvest of Links (PDF)", Lead: intro}},
		{"info title is a file name", buildPDF(testPDF{title: "digest_v3.pdf", pages: abstract(
			testPDFLine{"F2", 18, 720, "Keeping Shared Links"},
			testPDFLine{"F1", 10, 690, intro},
		)}), "https://example.org/digest_v3.pdf", wantPage{Kind: KindPDF, Title: "Keeping Shared Links (PDF)", Lead: intro}},
		{"no info title: first heading", buildPDF(testPDF{pages: abstract(
			testPDFLine{"F1", 8, 760, "Technical report 14-07"},
			testPDFLine{"F2", 18, 720, "Keeping Shared Links"},
			testPDFLine{"F2", 18, 700, "Around for Longer"},
			testPDFLine{"F1", 11, 670, "Jane Doe and John Smith"},
			testPDFLine{"F1", 10, 656, "Institut Mines-Télécom"},
			testPDFLine{"F1", 10, 642, "October 3, 2014"},
			testPDFLine{"F1", 10, 610, intro},
		)}), "https://example.org/tr-14-07.pdf", wantPage{Kind: KindPDF, Title: "Keeping Shared Links Around for Longer (PDF)", Lead: intro}},
		{"uniform type: first line", buildPDF(testPDF{pages: abstract(
			testPDFLine{"F1", 10, 720, "Notes on link rot"},
			testPDFLine{"F1", 10, 690, intro},
		)}), "https://example.org/notes.pdf", wantPage{Kind: KindPDF, Title: "Notes on link rot (PDF)", Lead: intro}},
		{"inline abstract, french", buildPDF(testPDF{title: "Moissonner les liens", pages: abstract(
			testPDFLine{"F2", 16, 720, "Moissonner les liens"},
			testPDFLine{"F1", 10, 690, "Résumé — Nous présentons une méthode qui trouve le titre et le premier para-"},
			testPDFLine{"F1", 10, 678, "graphe de chaque page partagée. Elle est simple."},
			testPDFLine{"F2", 12, 640, "Mots-clés : web, extraction"},
		)}), "https://example.fr/m.pdf", wantPage{Kind: KindPDF, Title: "Moissonner les liens (PDF)",
			Lead: "Nous présentons une méthode qui trouve le titre et le premier paragraphe de chaque page partagée. Elle est simple."}},
		{"abstract of two paragraphs, cut page end", buildPDF(testPDF{pages: abstract(
			testPDFLine{"F2", 16, 720, "Two Paragraphs"},
			testPDFLine{"F2", 10, 690, "ABSTRACT"},
			testPDFLine{"F1", 10, 676, "The first paragraph of the abstract is here. It has two sentences."},
			testPDFLine{"F1", 10, 650, "The second paragraph follows. It ends on a sentence that goes on the"},
			testPDFLine{"F1", 10, 638, "next page without"},
		)}), "https://example.org/two.pdf", wantPage{Kind: KindPDF, Title: "Two Paragraphs (PDF)",
			Lead: "The first paragraph of the abstract is here. It has two sentences.\nThe second paragraph follows."}},
		{"ligatures and hyphenation", buildPDF(paperPDF), "https://example.org/p.pdf", wantPage{Kind: KindPDF,
			Title: "Harvesting Shared Links for Weekly Reading Lists (PDF)",
			Lead:  "People share links all day long. We present a method for the extraction of each link's title and opening paragraph, which finds the main text of a page and flags boilerplate. On a corpus of 2,000 pages it is right nine times out of ten."}},
		{"lead on page 2", buildPDF(testPDF{title: "Cover Page Report", pages: [][]testPDFLine{
			{{"F2", 24, 600, "Cover Page Report"}, {"F1", 12, 560, "2014"}},
			{{"F2", 14, 720, "Introduction"}, {"F1", 10, 700, intro}},
		}}), "https://example.org/r.pdf", wantPage{Kind: KindPDF, Title: "Cover Page Report (PDF)", Lead: intro}},
		{"corrupt", []byte("%PDF-1.4\n%garbage\x00\xff"), "https://example.org/files/Road-map_2015.pdf", wantPage{
			Kind: KindPDF, Title: "Road map 2015 (PDF)", LeadEmpty: true}},
		{"truncated", buildPDF(paperPDF)[:900], "https://example.org/files/cut.pdf", wantPage{
			Kind: KindPDF, Title: "cut (PDF)", LeadEmpty: true}},
		{"encrypted", buildPDF(testPDF{encrypt: true, pages: abstract(testPDFLine{"F1", 10, 700, intro})}), "https://example.org/locked.pdf", wantPage{
			Kind: KindPDF, Title: "locked (PDF)", LeadEmpty: true}},
		{"pdf 2.0 header", append([]byte("%PDF-2.0\n"), buildPDF(paperPDF)[9:]...), "https://example.org/v2.pdf", wantPage{
			Kind: KindPDF, Title: "v2 (PDF)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := extractURL(tc.pdf, mustURL(t, tc.url), "application/pdf")
			checkPage(t, got, tc.want)
		})
	}
}

func TestExtractPDFNilURL(t *testing.T) {
	got := extractURL([]byte("%PDF-1.7\nnot really"), nil, "")
	if got.Kind != KindPDF || got.Title != "" || got.FinalURL != "" {
		t.Errorf("extractURL(corrupt, nil) = %+v", got)
	}
}

func TestPDFTitleIsReal(t *testing.T) {
	u := mustURL(t, "https://example.org/dl/report2014.pdf")
	tests := map[string]bool{
		"Attention Is All You Need":            true,
		"Rapport annuel 2014":                  true,
		"":                                     false,
		"  ":                                   false,
		"Microsoft Word - draft3.doc":          false,
		"Microsoft PowerPoint - keynote.pptx":  false,
		"untitled":                             false,
		"Document1":                            false,
		"PowerPoint Presentation":              false,
		"report2014":                           false,
		"report2014.pdf":                       false,
		"final_version.docx":                   false,
		"C:\\Users\\jane\\paper.tex":           false,
		"1234":                                 false,
		strings.Repeat("very long title ", 30): false,
	}
	for title, want := range tests {
		if got := pdfTitleIsReal(title, u); got != want {
			t.Errorf("pdfTitleIsReal(%q) = %v, want %v", title, got, want)
		}
	}
}

func TestPDFJoinLines(t *testing.T) {
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"the extrac-", "tion of titles"}, "the extraction of titles"},
		{[]string{"a state-of-the-", "art method"}, "a state-of-the-art method"},
		{[]string{"see Section 3 -", "below"}, "see Section 3 - below"},
		{[]string{"Jean-", "Paul Sartre"}, "Jean-Paul Sartre"},
		{[]string{"pages 12-", "14 of"}, "pages 12- 14 of"},
		{[]string{"", " spaced ", ""}, "spaced"},
	}
	for _, tc := range tests {
		if got := pdfJoinLines(tc.lines); got != tc.want {
			t.Errorf("pdfJoinLines(%q) = %q, want %q", tc.lines, got, tc.want)
		}
	}
}

func TestSniffKind(t *testing.T) {
	pdf := buildPDF(paperPDF)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name, url, contentType string
		body                   []byte
		want                   Kind
	}{
		{"html", "https://a.example/", "text/html; charset=utf-8", []byte("<!doctype html><p>x"), KindHTML},
		{"xhtml", "https://a.example/", "application/xhtml+xml", []byte(`<?xml version="1.0"?><html>`), KindHTML},
		{"plain text", "https://a.example/robots.txt", "text/plain", []byte("User-agent: *"), KindOther},
		{"json", "https://a.example/api", "application/json", []byte(`{"title": "x", "lead": "y"}`), KindOther},
		{"json problem", "https://a.example/api", "application/problem+json", []byte(`{"title": "x"}`), KindOther},
		{"json untyped", "https://a.example/api", "", []byte(` [{"title": "x"}]`), KindOther},
		{"rss", "https://a.example/feed", "application/rss+xml", []byte(`<?xml version="1.0"?><rss><channel><title>x</title>`), KindOther},
		{"css", "https://a.example/site.css", "text/css", []byte(`body { color: red }`), KindOther},
		{"html served as text", "https://a.example/", "text/plain", []byte("<!DOCTYPE html><title>x</title>"), KindHTML},
		{"untyped markup", "https://a.example/old", "", []byte("<meta charset=latin1><center>Welcome</center>"), KindHTML},
		{"pdf header", "https://a.example/x", "application/pdf", pdf, KindPDF},
		{"pdf magic beats a wrong header", "https://a.example/x", "text/html", pdf, KindPDF},
		{"pdf by extension", "https://a.example/x.PDF", "application/octet-stream", []byte("\x00\x01\x02"), KindPDF},
		{"pdf header, html body", "https://a.example/x.pdf", "application/pdf", []byte("<!DOCTYPE html><html><title>Sign in</title>"), KindHTML},
		{"image", "https://a.example/x", "image/png", png, KindOther},
		{"image sniffed", "https://a.example/x", "", png, KindOther},
		{"video", "https://a.example/clip", "video/mp4", []byte("\x00\x00\x00\x18ftypmp42"), KindOther},
		{"audio", "https://a.example/ep1", "audio/mpeg", []byte("ID3\x03"), KindOther},
		{"zip", "https://a.example/code", "application/zip", []byte("PK\x03\x04"), KindOther},
		{"octet-stream", "https://a.example/blob", "application/octet-stream", []byte("\x00\x01\x02\x03"), KindOther},
		{"octet-stream html", "https://a.example/page", "application/octet-stream", []byte("<html><head><title>t</title>"), KindHTML},
		{"zip by extension", "https://a.example/src.zip", "", []byte("\x00\x01"), KindOther},
		{"unknown text", "https://a.example/page", "", []byte("Just some words."), KindOther},
		{"malformed header", "https://a.example/page", "text/html;;;", []byte("x"), KindHTML},
		{"nil url", "", "", []byte("\x00\x01"), KindOther},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var u *url.URL
			if tc.url != "" {
				u = mustURL(t, tc.url)
			}
			if got := sniffKind(tc.body, u, tc.contentType); got != tc.want {
				t.Errorf("sniffKind = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFileNameTitle(t *testing.T) {
	tests := map[string]string{
		"https://example.com/talks/Go-at-scale_2014.pdf": "Go at scale 2014",
		"https://example.com/a/b/%C3%A9t%C3%A9.png":      "été",
		"https://example.com/release-v1.2":               "release v1.2",
		"https://example.com/dir/":                       "dir",
		"https://www.example.com/":                       "example.com",
		"https://example.com/.jpg":                       ".jpg",
		"https://example.com/bad%0Aname%09here.gif":      "bad name here",
	}
	for raw, want := range tests {
		if got := fileNameTitle(mustURL(t, raw)); got != want {
			t.Errorf("fileNameTitle(%s) = %q, want %q", raw, got, want)
		}
	}
	if got := fileNameTitle(nil); got != "" {
		t.Errorf("fileNameTitle(nil) = %q", got)
	}
}

func TestCleanURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/a?utm_source=twitter&utm_medium=social&id=3", "https://example.com/a?id=3"},
		{"https://example.com/a?b=2&fbclid=IwAR0x&a=1&gclid=x&UTM_Campaign=y", "https://example.com/a?b=2&a=1"},
		{"https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&_hsenc=4&_hsmi=5&yclid=6&msclkid=7&dclid=8", "https://example.com/a"},
		{"https://example.com/a?ref_src=twsrc%5Etfw&ref_url=x&spm=a.b&__twitter_impression=true&ncid=rss&cmpid=x", "https://example.com/a"},
		{"http://feeds.example.com/~r/blog/~3/abc/post.html?utm_source=feedburner&utm_medium=feed&utm_campaign=Feed%3A+blog+%28Blog%29", "http://feeds.example.com/~r/blog/~3/abc/post.html"},
		{"https://example.com/a#.VCxx1234", "https://example.com/a"},
		{"https://example.com/doc#section-3", "https://example.com/doc"},
		{"https://example.com/#!/post/42", "https://example.com/#!/post/42"},
		{"https://app.example.com/#/inbox", "https://app.example.com/#/inbox"},
		{"https://EXAMPLE.com/Path?Q=%20x", "https://example.com/Path?Q=%20x"},
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/a?x=1&&y=2&", "https://example.com/a?x=1&y=2"},
		{"https://example.com/search?q=a+b&utm_term=c", "https://example.com/search?q=a+b"},
		{"  https://example.com/a  ", "https://example.com/a"},
		{"https://example.com/%E2%82%AC?k=%E2%82%AC", "https://example.com/%E2%82%AC?k=%E2%82%AC"},
		{"://bad", "://bad"},
	}
	for _, tc := range tests {
		if got := CleanURL(tc.in); got != tc.want {
			t.Errorf("CleanURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCanonicalURL(t *testing.T) {
	const final = "https://www.example.com/2014/10/post.html?utm_source=twitter"
	tests := []struct {
		name, head, final, want string
	}{
		{"none", ``, final, "https://www.example.com/2014/10/post.html"},
		{"same host", `<link rel="canonical" href="https://www.example.com/2014/10/post">`, final, "https://www.example.com/2014/10/post"},
		{"relative", `<link rel="canonical" href="/p/123?utm_medium=x">`, final, "https://www.example.com/p/123"},
		{"protocol-relative", `<link rel="canonical" href="//example.com/post">`, final, "https://example.com/post"},
		{"without www", `<link rel="canonical" href="https://example.com/post">`, final, "https://example.com/post"},
		{"mobile site", `<link rel="canonical" href="https://www.example.com/post">`, "https://m.example.com/post", "https://www.example.com/post"},
		{"subdomain", `<link rel="canonical" href="https://example.com/blog/post">`, "https://blog.example.com/post", "https://example.com/blog/post"},
		{"other site", `<link rel="canonical" href="https://aggregator.example.net/story/1">`, final, "https://www.example.com/2014/10/post.html"},
		{"sibling subdomains of a host", `<link rel="canonical" href="https://bob.github.io/x">`, "https://alice.github.io/x", "https://alice.github.io/x"},
		{"bare suffix", `<link rel="canonical" href="https://com/x">`, "https://example.com/x", "https://example.com/x"},
		{"home page", `<link rel="canonical" href="https://www.example.com/">`, final, "https://www.example.com/2014/10/post.html"},
		{"home page of home page", `<link rel="canonical" href="https://example.com/">`, "https://www.example.com/?utm_source=x", "https://example.com/"},
		{"og:url fallback", `<meta property="og:url" content="https://www.example.com/og">`, final, "https://www.example.com/og"},
		{"link before og:url", `<meta property="og:url" content="https://www.example.com/og"><link rel="canonical" href="/canon">`, final, "https://www.example.com/canon"},
		{"bad canonical, good og:url", `<link rel="canonical" href="https://elsewhere.example.org/x"><meta property="og:url" content="/og">`, final, "https://www.example.com/og"},
		{"rel with several tokens", `<link rel="Canonical alternate" href="/c">`, final, "https://www.example.com/c"},
		{"javascript scheme", `<link rel="canonical" href="javascript:alert(1)">`, final, "https://www.example.com/2014/10/post.html"},
		{"empty href", `<link rel="canonical" href="  ">`, final, "https://www.example.com/2014/10/post.html"},
		{"fragment dropped", `<link rel="canonical" href="/post#comments">`, final, "https://www.example.com/post"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><head>" + tc.head + "</head><body></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := canonicalURL(doc, mustURL(t, tc.final)); got != tc.want {
				t.Errorf("canonicalURL = %q, want %q", got, tc.want)
			}
		})
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<link rel="canonical" href="https://example.com/abs"><link rel="canonical" href="/rel">`))
	if err != nil {
		t.Fatal(err)
	}
	if got := canonicalURL(doc, nil); got != "https://example.com/abs" {
		t.Errorf("canonicalURL(doc, nil) = %q", got)
	}
}

func TestApplySpecialLeavesOtherSites(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(readKind(t, "github.html")))
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{
		"https://github.com/features/actions",
		"https://github.com/PuerkitoBio/goquery/issues/42",
		"https://github.com/PuerkitoBio",
		"https://www.youtube.com/channel/UC123",
		"https://www.youtube.com/watch",
		"https://vimeo.com/channels/staffpicks",
		"https://speakerdeck.com/campoy",
		"https://example.com/PuerkitoBio/goquery",
	} {
		p := Result{Title: "kept", Lead: "kept", LeadFromMeta: true}
		applySpecial(doc, mustURL(t, raw), &p)
		if p.Title != "kept" || p.Lead != "kept" || !p.LeadFromMeta {
			t.Errorf("applySpecial(%s) changed the page: %+v", raw, p)
		}
	}
	applySpecial(nil, nil, nil) // nil-safe
}

func TestExtractNeverEmptyHanded(t *testing.T) {
	u := mustURL(t, "https://example.com/x")
	for _, body := range [][]byte{nil, {}, []byte("\x00"), []byte("<"), []byte("%PDF-"), bytes.Repeat([]byte("<div>"), 10000)} {
		for _, ct := range []string{"", "text/html", "application/pdf", "image/png", "text/html; charset=\"", "application/x-nonsense"} {
			p := extractURL(body, u, ct)
			if p.Kind == "" || p.FinalURL != u.String() || p.CanonicalURL == "" {
				t.Errorf("extractURL(%.20q, %q) = %+v", body, ct, p)
			}
			if p := extractURL(body, nil, ct); p.FinalURL != "" {
				t.Errorf("extractURL(%.20q, nil, %q).FinalURL = %q", body, ct, p.FinalURL)
			}
		}
	}
}

func BenchmarkExtractPDF(b *testing.B) {
	body := buildPDF(paperPDF)
	u, _ := url.Parse("https://example.org/p.pdf")
	b.ReportAllocs()
	for b.Loop() {
		extractURL(body, u, "application/pdf")
	}
}

func BenchmarkToUTF8(b *testing.B) {
	for _, name := range []string{"latin1.html", "shiftjis.html", "latemeta.html", "github.html"} {
		body, err := os.ReadFile(filepath.Join("testdata", "kinds", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				toUTF8(body, "text/html")
			}
		})
	}
}

func BenchmarkExtractSpecial(b *testing.B) {
	body, err := os.ReadFile(filepath.Join("testdata", "kinds", "github.html"))
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse("https://github.com/PuerkitoBio/goquery")
	b.ReportAllocs()
	for b.Loop() {
		extractURL(body, u, "text/html; charset=utf-8")
	}
}

func TestExtractGitHubThreadTitle(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "html", "github-issue.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"https://github.com/golang/go/issues/70123", "https://github.com/golang/go/issues/70123#issuecomment-1"} {
		u, _ := url.Parse(raw)
		p := extractURL(body, u, "text/html; charset=utf-8")
		if want := "http2: server hangs when client sends RST_STREAM during a large upload"; p.Title != want {
			t.Errorf("%s: title %q, want %q", raw, p.Title, want)
		}
	}
	if got := githubThreadSuffix.ReplaceAllString("Add generics · Pull Request #123 · golang/go", ""); got != "Add generics" {
		t.Errorf("pull request title %q", got)
	}
	if got := githubThreadSuffix.ReplaceAllString("A · B title that mentions Issue #5 · in passing", ""); got != "A · B title that mentions Issue #5 · in passing" {
		t.Errorf("a title that only looks like the suffix was cut: %q", got)
	}
}

// extractURL is ExtractWith with the default options, its error dropped.
func extractURL(body []byte, u *url.URL, contentType string) Result {
	r, _ := ExtractWith(body, u, contentType, Options{})
	return r
}
