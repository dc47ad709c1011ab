package weekly

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// saveEntry applies the "save" change: every field of one entry at once,
// as the page's form shows it, in one edit (one line of the log, one
// undo). A field equal to what the week shows now is left as it is, so
// that saving the comment does not turn the page's own title into an
// edit; an empty title, lead or section takes back the author's change.
func (s *Service) saveEntry(ctx context.Context, w moisson.Week, c review.Change, ev moisson.EditEvent) error {
	d, err := s.Build(ctx, w, BuildOptions{})
	if err != nil {
		return err
	}
	cur, section, pos, hidden, ok := findEntry(d, c.Entry)
	if !ok {
		return fmt.Errorf("%w: no entry %q in week %s", ErrBadChange, c.Entry, w.ID)
	}
	ee := d.Edits.Entries[c.Entry]
	var changed []string
	if t := oneLine(c.Title); t != cur.Title {
		ee.Title, changed = t, append(changed, "title")
	}
	if l := normLead(c.Lead); l != normLead(cur.Lead) {
		ee.Lead, changed = l, append(changed, "lead")
	}
	if cm := strings.TrimSpace(c.Comment); cm != strings.TrimSpace(cur.Comment) {
		ee.Comment, changed = cm, append(changed, "comment")
	}
	cat := oneLine(c.Category)
	moved := cat != "" && !strings.EqualFold(cat, section) || cat == "" && ee.Category != ""
	if moved {
		ee.Category, changed = cat, append(changed, "category")
	}
	if c.Hidden != hidden {
		ee.Hidden = c.Hidden
		changed = append(changed, map[bool]string{true: "hide", false: "show"}[c.Hidden])
	}
	var order []string
	// A section taken back (empty) leaves the place to the digest.
	if !c.Hidden && !hidden && (moved && cat != "" || !moved && c.Position != 0 && c.Position != pos) {
		target, at := section, c.Position
		if moved {
			// The place shown was in the old section: unless changed, the
			// entry goes last in the new one.
			target = cat
			if at == pos {
				at = 0
			}
		}
		order = reorder(d, c.Entry, target, at)
		if !moved {
			changed = append(changed, "order")
		}
	}
	if len(changed) == 0 {
		return nil
	}
	ev.Detail = strings.Join(changed, ", ")
	_, err = s.Store.UpdateEdits(ctx, w.ID, ev, func(e *moisson.WeekEdits) error {
		if e.Entries == nil {
			e.Entries = map[string]moisson.EntryEdit{}
		}
		if ee.IsZero() {
			delete(e.Entries, c.Entry)
		} else {
			e.Entries[c.Entry] = ee
		}
		if order != nil {
			e.Order = order
		}
		return nil
	})
	if err == nil {
		s.log().Info("week changed", "week", w.ID, "action", c.Action, "fields", ev.Detail, "entry", moisson.RedactURL(c.Entry), "by", c.By)
	}
	return err
}

// normLead is a lead as compared: trimmed, with Windows line ends.
func normLead(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }

// findEntry finds the entry key in d: the entry, its section's name, its
// place in the section (from 1) and whether it is hidden.
func findEntry(d digest.Digest, key string) (e digest.Entry, section string, pos int, hidden, ok bool) {
	for _, sec := range d.Sections {
		for i, en := range sec.Entries {
			if en.Key == key {
				return en, sec.Name, i + 1, false, true
			}
		}
	}
	for _, en := range d.Hidden {
		if en.Key == key {
			return en, en.Category, 0, true, true
		}
	}
	return digest.Entry{}, "", 0, false, false
}

// reorder returns the week's order (moisson.WeekEdits.Order) with the
// entry key at place pos (from 1; last when 0 or past the end) of the
// section named section, every other entry where the author sees it.
func reorder(d digest.Digest, key, section string, pos int) []string {
	var lists [][]string
	target := -1
	for _, sec := range d.Sections {
		var keys []string
		for _, en := range sec.Entries {
			if en.Key != key {
				keys = append(keys, en.Key)
			}
		}
		if strings.EqualFold(sec.Name, section) {
			target = len(lists)
		}
		lists = append(lists, keys)
	}
	if target < 0 {
		target = len(lists)
		lists = append(lists, nil)
	}
	at := len(lists[target])
	if pos > 0 {
		at = min(pos-1, at)
	}
	lists[target] = slices.Insert(lists[target], at, key)
	var order []string
	for _, l := range lists {
		order = append(order, l...)
	}
	return order
}
