package main

import (
	"bytes"
	"fmt"
	"strings"
)

// makePDF writes a one-page PDF 1.4 document by hand: the title in the Info
// dictionary and as the page's heading, then the lead and the rest of the
// text, set in Helvetica. Every line of a paragraph but the last ends with a
// space inside its string, as many producers do, so that extractors that
// simply concatenate strings still get words apart.
func makePDF(title, author string, lead, more []string) []byte {
	var content bytes.Buffer
	y := 720.0
	fmt.Fprintf(&content, "BT\n/F2 13 Tf\n72 %.0f Td\n(%s) Tj\nET\n", y, pdfString(title))
	y -= 34
	para := func(font string, size, leading float64, text string) {
		lines := wrap(text, 96)
		fmt.Fprintf(&content, "BT\n/%s %.0f Tf\n%.0f TL\n72 %.0f Td\n", font, size, leading, y)
		for i, l := range lines {
			if i < len(lines)-1 {
				l += " "
			}
			if i > 0 {
				content.WriteString("T*\n")
			}
			fmt.Fprintf(&content, "(%s) Tj\n", pdfString(l))
		}
		content.WriteString("ET\n")
		y -= leading*float64(len(lines)) + 10
	}
	for _, p := range lead {
		para("F1", 10, 13, p)
	}
	y -= 6
	fmt.Fprintf(&content, "BT\n/F2 11 Tf\n72 %.0f Td\n(1 Introduction) Tj\nET\n", y)
	y -= 20
	for _, p := range more {
		para("F1", 10, 13, p)
	}
	fmt.Fprintf(&content, "BT\n/F1 8 Tf\n300 40 Td\n(1) Tj\nET\n")

	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		fmt.Sprintf("<< /Title (%s) /Author (%s) /Creator (LaTeX with hyperref package) /Producer (pdfTeX-1.40.14) /CreationDate (D:20130628102315-07'00') >>",
			pdfString(title), pdfString(author)),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfString escapes a literal string; the text is ASCII.
func pdfString(s string) string {
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
}

// wrap cuts text into lines of at most width bytes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	var line string
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}
