package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// kindSeeds adds the fixtures of testdata/kinds to a fuzz corpus, with the
// Content-Type each would be served with.
func kindSeeds(f *testing.F, add func(body []byte, contentType string)) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "kinds", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		ct := "text/html"
		switch filepath.Ext(p) {
		case ".pdf":
			ct = "application/pdf"
		case ".jpg":
			ct = "image/jpeg"
		}
		add(body, ct)
	}
}

// checkText fails when s is not valid UTF-8 or holds a control character
// other than those allowed.
func checkText(t *testing.T, field, s, allowed string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", field, s)
	}
	for _, r := range s {
		if unicode.IsControl(r) && !strings.ContainsRune(allowed, r) {
			t.Fatalf("%s holds control character %U: %q", field, r, s)
		}
	}
	if s != strings.TrimSpace(s) {
		t.Fatalf("%s has surrounding space: %q", field, s)
	}
}

// fuzzBound is the time one fuzz input may take before it counts as a
// hang. It is generous (the PDF budget is 2s; a fuzz worker shares the
// machine), and it fails the run, so that the fuzzer saves the input.
const fuzzBound = 10 * time.Second

// within runs fn and fails t when it has not returned after bound, with
// the stacks of every goroutine: a hang becomes a crasher the fuzzer
// keeps in testdata/fuzz. fn keeps running (a goroutine cannot be
// killed), but the test has failed.
func within(t testing.TB, bound time.Duration, fn func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	timer := time.NewTimer(bound)
	defer timer.Stop()
	select {
	case v := <-done:
		if v != nil {
			t.Fatalf("panic: %v", v)
		}
	case <-timer.C:
		buf := make([]byte, 1<<20)
		t.Fatalf("did not return within %s:\n%s", bound, buf[:runtime.Stack(buf, true)])
	}
}

func FuzzExtract(f *testing.F) {
	kindSeeds(f, func(body []byte, ct string) {
		f.Add(body, "https://example.com/a/page.html?utm_source=x", ct)
	})
	f.Add([]byte(`<html><head><link rel="canonical" href="//example.com/"><title>x</title></head></html>`), "https://example.com/x", "")
	f.Add([]byte("<title>\x00\x1b[31m</title><p>a\rb\x7f</p>"), "https://github.com/a/b", "text/html; charset=utf-16")
	f.Add([]byte{0xFF, 0xFE, 0x00}, "https://youtu.be/x", "text/html")
	f.Add([]byte("%PDF-1.4\n"), "", "")
	f.Add([]byte(`<title>Nation'?' + OAS_query + '"></title><h1>Budget passes after an all-night session</h1><p>document.write('&lt;b&gt;');</p>`), "http://paper.example/a", "text/html")
	f.Fuzz(func(t *testing.T, body []byte, rawURL, contentType string) {
		u, err := url.Parse(rawURL)
		if err != nil {
			u = nil
		}
		var p Result
		within(t, fuzzBound, func() {
			p, err = ExtractWith(body, u, contentType, Options{})
		})
		var pe *PanicError
		if errors.As(err, &pe) {
			t.Fatalf("extractor panicked: %v\n%s", pe.Value, pe.Stack)
		}
		if p.Kind == "" {
			t.Fatal("no kind")
		}
		checkText(t, "Title", p.Title, "")
		checkText(t, "Lead", p.Lead, "\n")
		if strings.Contains(p.Lead, "\n\n") {
			t.Fatalf("Lead has an empty paragraph: %q", p.Lead)
		}
		for _, s := range append([]string{p.Title, p.Lead, p.Site}, p.Paragraphs...) {
			if m := leaked.FindString(s); m != "" {
				t.Fatalf("markup %q leaked into %q", m, s)
			}
		}
		if (p.Title == "") != (p.TitleSource == SourceNone) || (p.Lead == "") != (p.LeadSource == SourceNone) {
			t.Fatalf("title %q from %q, lead %q from %q", p.Title, p.TitleSource, p.Lead, p.LeadSource)
		}
		if !utf8.ValidString(p.CanonicalURL) && u != nil && utf8.ValidString(u.String()) {
			t.Fatalf("CanonicalURL is not valid UTF-8: %q", p.CanonicalURL)
		}
	})
}

func FuzzExtractPDF(f *testing.F) {
	for _, seed := range pdfSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var p Result
		within(t, fuzzBound, func() {
			p, _ = extractPDF(body, nil, time.Now().Add(DefaultPDFBudget))
		})
		checkText(t, "Title", plainLine(p.Title), "")
		checkText(t, "Lead", plainParagraphs(p.Lead), "\n")
		if !utf8.ValidString(p.Title) || !utf8.ValidString(p.Lead) {
			t.Fatalf("invalid UTF-8: %q %q", p.Title, p.Lead)
		}
	})
}

func FuzzToUTF8(f *testing.F) {
	kindSeeds(f, func(body []byte, ct string) {
		if ct == "text/html" {
			f.Add(body, ct)
			f.Add(body, "text/html; charset=iso-8859-1")
		}
	})
	f.Add([]byte("\xEF\xBB\xBF\xFF"), "")
	f.Add([]byte("<meta charset=utf-16>\xff"), "text/html;;charset=\"koi8-r")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		var out []byte
		within(t, fuzzBound, func() { out = toUTF8(body, contentType) })
		if !utf8.Valid(out) {
			t.Fatalf("toUTF8(%q, %q) = %q: invalid UTF-8", body, contentType, out)
		}
		if bytes.HasPrefix(out, utf8BOM) {
			return
		}
		// Decoding is done once: UTF-8 declared as such comes back as is.
		if again := toUTF8(out, "text/html; charset=utf-8"); !bytes.Equal(again, out) {
			t.Fatalf("toUTF8 of valid UTF-8 changed it: %q -> %q", out, again)
		}
	})
}

// pdfSeeds are small real PDFs with text, so that the fuzzer starts from
// files that reach the content streams: the generated paper, pages in
// literal, hex and TJ-array strings, a compressed content stream, a
// ToUnicode font, an encrypted file, and the PDFs of testdata (the paper
// and the file that made the upstream reader loop).
func pdfSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	seeds := [][]byte{
		buildPDF(paperPDF),
		buildPDF(testPDF{title: "T", pages: [][]testPDFLine{{{"F3", 10, 700, "ﬁ ﬂ"}}, {{"F1", 10, 700, "two"}}}}),
		buildPDF(testPDF{encrypt: true}),
		rawPDF("BT /F1 24 Tf 72 700 Td <48656c6c6f20776f726c64> Tj ET\nBT /F1 10 Tf 72 680 Td (A first line of text.) Tj ET\n", false),
		rawPDF("BT /F1 10 Tf 72 700 Td [(Ker) -120 (ning) 250 (is set) ] TJ T* (next line) ' ET\n", false),
		rawPDF("BT /F1 18 Tf 72 720 Td (A compressed title) Tj 0 -30 Td /F1 10 Tf (Words in a deflated content stream.) Tj ET\n", true),
	}
	for _, name := range []string{"testdata/kinds/paper.pdf", "testdata/hostile/pdf-loop.pdf"} {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// rawPDF writes a one-page PDF whose content stream is content, deflated
// when compress, in Helvetica.
func rawPDF(content string, compress bool) []byte {
	stream, filter := []byte(content), ""
	if compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(stream) // a bytes.Buffer never fails
		w.Close()
		stream, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(stream), filter, stream),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestPDFSeedsHaveText checks that the seeds of FuzzExtractPDF are read:
// each generated one gives text, so the fuzzer starts inside the content
// streams.
func TestPDFSeedsHaveText(t *testing.T) {
	for i, seed := range pdfSeeds(t)[:6] {
		doc, err := readPDF(seed, time.Now().Add(DefaultPDFBudget))
		if err != nil && i != 2 { // the encrypted one cannot be read
			t.Errorf("seed %d: %v", i, err)
			continue
		}
		if i != 2 && (len(doc.pages) == 0 || len(doc.pages[0]) == 0) {
			t.Errorf("seed %d: no text line read", i)
		}
	}
}

// TestPDFMutations runs extractPDF on a few thousand damaged copies of a
// real PDF, with the kinds of damage that made the PDF library allocate
// without bound or loop forever (huge object numbers, cyclic sections):
// it must return, every time. The mutations are drawn from a fixed seed.
func TestPDFMutations(t *testing.T) {
	base := buildPDF(paperPDF)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		b := append([]byte(nil), base...)
		for k := 0; k < 1+rng.IntN(4); k++ {
			j := rng.IntN(len(b))
			switch rng.IntN(3) {
			case 0:
				b[j] = byte(rng.IntN(256))
			case 1:
				b[j] = "0123456789"[rng.IntN(10)]
			case 2:
				b = append(b[:j], append([]byte("99999999"), b[j:]...)...)
			}
		}
		p, _ := extractPDF(b, nil, time.Now().Add(DefaultPDFBudget))
		if !utf8.ValidString(p.Title) || !utf8.ValidString(p.Lead) {
			t.Fatalf("mutation %d: invalid UTF-8 in %+v", i, p)
		}
	}
}
