package scrape

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
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

func FuzzExtract(f *testing.F) {
	kindSeeds(f, func(body []byte, ct string) {
		f.Add(body, "https://example.com/a/page.html?utm_source=x", ct)
	})
	f.Add([]byte(`<html><head><link rel="canonical" href="//example.com/"><title>x</title></head></html>`), "https://example.com/x", "")
	f.Add([]byte("<title>\x00\x1b[31m</title><p>a\rb\x7f</p>"), "https://github.com/a/b", "text/html; charset=utf-16")
	f.Add([]byte{0xFF, 0xFE, 0x00}, "https://youtu.be/x", "text/html")
	f.Add([]byte("%PDF-1.4\n"), "", "")
	f.Fuzz(func(t *testing.T, body []byte, rawURL, contentType string) {
		u, err := url.Parse(rawURL)
		if err != nil {
			u = nil
		}
		p := Extract(body, u, contentType)
		if p.Kind == "" {
			t.Fatal("no kind")
		}
		checkText(t, "Title", p.Title, "")
		checkText(t, "Lead", p.Lead, "\n")
		if strings.Contains(p.Lead, "\n\n") {
			t.Fatalf("Lead has an empty paragraph: %q", p.Lead)
		}
		if !utf8.ValidString(p.CanonicalURL) && u != nil && utf8.ValidString(u.String()) {
			t.Fatalf("CanonicalURL is not valid UTF-8: %q", p.CanonicalURL)
		}
	})
}

func FuzzExtractPDF(f *testing.F) {
	f.Add(buildPDF(paperPDF))
	f.Add(buildPDF(testPDF{title: "T", pages: [][]testPDFLine{{{"F3", 10, 700, "ﬁ ﬂ"}}, {{"F1", 10, 700, "two"}}}}))
	f.Add(buildPDF(testPDF{encrypt: true}))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, _ := extractPDF(body, nil, time.Now().Add(DefaultPDFBudget))
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
		out := toUTF8(body, contentType)
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
