package digest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cutLead shortens lead to Config.LeadMax characters (runes, a paragraph
// break counting as one): it is cut after the last sentence that fits,
// and " …" added; when not even one sentence fits, after the last word
// that does, with "…". A lead that fits is returned as it is.
func (c Config) cutLead(lead string) string {
	return CutLead(lead, c.LeadMax)
}

// CutLead shortens lead to max characters as Config.LeadMax says; max 0
// or less keeps it whole.
func CutLead(lead string, max int) string {
	lead = strings.TrimSpace(lead)
	if max <= 0 || utf8.RuneCountInString(lead) <= max {
		return lead
	}
	// prefix is the first max runes.
	end := 0
	for i := range lead {
		if max == 0 {
			end = i
			break
		}
		max--
	}
	prefix := lead[:end]
	// The last sentence end within the prefix: ".", "!", "?" or "…"
	// (closing quotes and brackets allowed after it) followed by a space
	// or a paragraph break, or the end of a paragraph.
	best := -1
	for i, r := range prefix {
		next := i + utf8.RuneLen(r)
		if r == '\n' {
			best = i
			continue
		}
		if !strings.ContainsRune(".!?…", r) {
			continue
		}
		j := next
		for _, sp := range []string{" »", "\u00a0»", "\u202f»"} {
			if strings.HasPrefix(lead[j:], sp) {
				j += len(sp)
				break
			}
		}
		for j < len(lead) {
			q, n := utf8.DecodeRuneInString(lead[j:])
			if !strings.ContainsRune(`"'»”’)]`, q) {
				break
			}
			j += n
		}
		if j > len(prefix) {
			continue
		}
		if j == len(lead) || unicode.IsSpace(rune(lead[j])) {
			best = j
		}
	}
	if best > 0 {
		return strings.TrimSpace(lead[:best]) + " …"
	}
	if sp := strings.LastIndexFunc(prefix, unicode.IsSpace); sp > 0 {
		prefix = prefix[:sp]
	}
	return strings.TrimRight(prefix, " ,;:-–—") + "…"
}
