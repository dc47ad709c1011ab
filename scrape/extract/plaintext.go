package extract

import (
	"bytes"
	"net/url"
	"strings"
)

// textScanBytes is how much of a plain text is read for its paragraphs:
// the opening is at the start.
const textScanBytes = 64 << 10

// extractText reads a plain text (UTF-8): it is of kind other, titled from
// its file name; its lead is its first paragraph (lines up to a blank
// line, joined) and its first paragraphs are the lead candidates.
func extractText(text []byte, finalURL *url.URL) Result {
	p := Result{Kind: KindOther, Title: fileNameTitle(finalURL), TitleSource: SourceFileName, TitleConfidence: ConfidenceLow}
	if len(text) > textScanBytes {
		text = text[:textScanBytes]
	}
	for _, para := range textParagraphs(string(text), maxParagraphs) {
		para = capLead(para, leadCap)
		if p.Lead == "" {
			p.Lead = para
			p.LeadSource, p.LeadConfidence = SourceText, ConfidenceHigh
		}
		p.Paragraphs = append(p.Paragraphs, para)
	}
	return p
}

// textParagraphs returns the first max paragraphs of text: runs of
// non-blank lines, each joined into one line.
func textParagraphs(text string, max int) []string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			if para := plainLine(strings.Join(cur, " ")); para != "" {
				paras = append(paras, para)
			}
			cur = cur[:0]
		}
	}
	for line := range strings.Lines(strings.ReplaceAll(text, "\r\n", "\n")) {
		if strings.TrimSpace(line) == "" {
			flush()
			if len(paras) >= max {
				break
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(paras) < max {
		flush()
	}
	return paras
}

// looksLikeJSON reports whether body opens as a JSON object or array: data
// served without a type, never a lead.
func looksLikeJSON(body []byte) bool {
	b := bytes.TrimLeft(body[:min(len(body), 1024)], " \t\r\n\ufeff")
	b = bytes.TrimPrefix(b, utf8BOM)
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}
