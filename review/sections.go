package review

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// ElsewhereError is what a Backend answers when a link added by hand is
// already in another week: the author chooses to move it here or keep
// both (Change.Elsewhere); it is never moved silently. It wraps
// ErrConflict (the API answers 409).
type ElsewhereError struct {
	URL string
	// Week is the other week.
	Week string
}

func (e *ElsewhereError) Error() string {
	return fmt.Sprintf("%s is already in week %s: move it here, or keep both", e.URL, e.Week)
}

// Unwrap makes an ElsewhereError an ErrConflict.
func (e *ElsewhereError) Unwrap() error { return ErrConflict }

// elsewhere is the choice the page offers for a link already in another
// week: the change sent, to send again with the choice.
type elsewhere struct {
	Week string
	C    Change
}

// elsewhereOf returns the choice to offer when err is an ElsewhereError.
func elsewhereOf(c *Change, err error) *elsewhere {
	var ee *ElsewhereError
	if c == nil || !errors.As(err, &ee) {
		return nil
	}
	return &elsewhere{Week: ee.Week, C: *c}
}

// formSections applies the sections editor: each section's name (from,
// to) and place; a row with no "from" and a name is a new section.
func (s *Server) formSections(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !weekIDOK(id) {
		s.fail(w, r, s.opts.Lang, problem("err_week_id", id))
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, s.opts.Lang, problem("err_action", "sections"))
		return
	}
	from, to, place := r.PostForm["from"], r.PostForm["to"], r.PostForm["place"]
	type row struct {
		se    SectionEdit
		place int
		i     int
	}
	var rows []row
	for i := range to {
		se := SectionEdit{To: strings.TrimSpace(to[i])}
		if i < len(from) {
			se.From = strings.TrimSpace(from[i])
		}
		if se.From == "" && se.To == "" {
			continue // the empty row for a new section
		}
		p := i + 1
		if i < len(place) {
			if n, err := strconv.Atoi(strings.TrimSpace(place[i])); err == nil {
				p = n
			}
		}
		rows = append(rows, row{se, p, i})
	}
	// A section given a place goes before the one that was there.
	moved := func(r row) int {
		if r.place != r.i+1 {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.place, b.place), cmp.Compare(moved(a), moved(b)))
	})
	var sections []SectionEdit
	for _, rw := range rows {
		sections = append(sections, rw.se)
	}
	c := Change{Action: "sections", Value: SectionsValue(sections)}
	err := s.change(r, id, c)
	s.outcome(w, r, id, "sections", nil, err)
}
