package digest

import (
	"slices"
	"strings"

	"github.com/moisson/moisson"
)

// Apply returns d, a digest as Build made it, with the author's edits e
// applied; Render then writes the post as the author wants it, and the
// review page shows the same digest.
//
// Each entry is matched to its edit by Entry.Key. A hidden entry leaves
// Sections for Hidden (and is not counted in Links nor listed in
// Unscraped). A title, lead or comment set in the edit replaces the
// entry's; a category moves the entry to that section, an existing one
// (whatever the case of the name given) or a new one. Within a section
// the entries named in e.Order come first, in that order, then the others
// in posting order; sections come in the posting order of their first
// entry, so that moving entries never reorders the sections. Keys of e
// that name no entry (a link since removed from the store, a page now
// merged with another) are ignored.
//
// e is kept in the result's Edits: Render takes the introduction from it.
func Apply(d Digest, e moisson.WeekEdits) Digest {
	all := make([]Entry, 0, d.Links+len(d.Hidden))
	for _, s := range d.Sections {
		all = append(all, s.Entries...)
	}
	all = append(all, d.Hidden...)
	slices.SortStableFunc(all, func(a, b Entry) int { return a.Index - b.Index })

	names := make(map[string]string) // lower-cased section name -> name
	for _, s := range d.Sections {
		if _, ok := names[strings.ToLower(s.Name)]; !ok {
			names[strings.ToLower(s.Name)] = s.Name
		}
	}
	rank := make(map[string]int, len(e.Order))
	for i, k := range e.Order {
		if _, ok := rank[k]; !ok {
			rank[k] = i
		}
	}

	out := Digest{Week: d.Week, Edits: e}
	index := make(map[string]int) // lower-cased section name -> index in out.Sections
	for _, en := range all {
		edit := e.Entries[en.Key]
		if t := oneLine(edit.Title); t != "" {
			en.Title, en.TitleSource, en.TitleConfidence = t, moisson.SourceEdit, moisson.ConfidenceHigh
		}
		if l := strings.TrimSpace(edit.Lead); l != "" {
			en.Lead = l
		}
		if c := strings.TrimSpace(edit.Comment); c != "" {
			en.Comment = c
		}
		if c := oneLine(edit.Category); c != "" {
			en.Category = c
		}
		if name, ok := names[strings.ToLower(en.Category)]; ok {
			en.Category = name
		} else {
			names[strings.ToLower(en.Category)] = en.Category
		}
		if edit.Hidden {
			out.Hidden = append(out.Hidden, en)
			continue
		}
		key := strings.ToLower(en.Category)
		i, ok := index[key]
		if !ok {
			i = len(out.Sections)
			index[key] = i
			out.Sections = append(out.Sections, Section{Name: en.Category})
		}
		out.Sections[i].Entries = append(out.Sections[i].Entries, en)
		out.Links++
	}
	for _, s := range out.Sections {
		slices.SortStableFunc(s.Entries, func(a, b Entry) int {
			ra, oka := rank[a.Key]
			rb, okb := rank[b.Key]
			switch {
			case oka && okb:
				return ra - rb
			case oka:
				return -1
			case okb:
				return 1
			}
			return 0 // posting order, kept by the stable sort
		})
	}
	out.Unscraped = unscraped(out.Sections)
	return out
}

// Move returns the order (for moisson.WeekEdits.Order) that moves the
// entry named key by delta places within its section of d, a digest as
// Apply made it: -1 moves it up, 1 down, and a move past either end of
// the section stops there. The order names every entry of the post, so
// that the post keeps the order the author sees. ok is false when no
// entry of d's sections has that key or when it would not move.
func Move(d Digest, key string, delta int) (order []string, ok bool) {
	for _, s := range d.Sections {
		keys := make([]string, len(s.Entries))
		for i, en := range s.Entries {
			keys[i] = en.Key
		}
		if from := slices.Index(keys, key); from >= 0 {
			to := min(max(from+delta, 0), len(keys)-1)
			if to != from {
				keys = slices.Insert(slices.Delete(keys, from, from+1), to, key)
				ok = true
			}
		}
		order = append(order, keys...)
	}
	if !ok {
		return nil, false
	}
	return order, true
}
