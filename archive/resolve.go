package archive

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"go.etcd.io/bbolt"
)

// UpdateEditsAndPublication changes the edits of week as UpdateEdits does
// and records pub (its Week must be week), in one transaction: the
// author's choice on a post edited by hand ("keep the file") changes both
// or neither.
func (s *Store) UpdateEditsAndPublication(ctx context.Context, week string, ev moisson.EditEvent, fn func(*moisson.WeekEdits) error, pub moisson.Publication) (moisson.WeekEdits, error) {
	if err := checkWeek(week); err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("archive: update edits: %w", err)
	}
	if pub.Week != week {
		return moisson.WeekEdits{}, fmt.Errorf("archive: update edits of %s: publication of week %q", week, pub.Week)
	}
	var e moisson.WeekEdits
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		var err error
		if e, err = updateEdits(tx, week, ev, fn, ""); err != nil {
			return err
		}
		pub.PublishedAt = pub.PublishedAt.UTC()
		data, err := json.Marshal(pub)
		if err != nil {
			return fmt.Errorf("encode publication: %w", err)
		}
		return tx.Bucket(bucketPublications).Put([]byte(week), data)
	})
	if err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("archive: update edits and publication of %s: %w", week, err)
	}
	return e, nil
}

// HandLink is a link the author adds by hand to a week, with what they
// said of it (AddHandLinkWith).
type HandLink struct {
	Week moisson.Week
	URL  string
	// Edit is the entry's edit: its non-zero title, lead, section and
	// comment are recorded.
	Edit moisson.EntryEdit
	// At is when the link is dated (moved into the week).
	At    time.Time
	Event moisson.EditEvent
	// OtherWeek, when set, is another week the link is in: its entry
	// OtherEntry is changed by OtherEdit in the same transaction (moved
	// here: hidden there; kept in both: listed again there), and
	// OtherEvent appended to that week's log.
	OtherWeek, OtherEntry string
	OtherEdit             func(*moisson.EntryEdit)
	OtherEvent            moisson.EditEvent
}

// AddHandLinkWith adds a link by hand as AddHandLink does, with its
// title, lead, section and comment, and changes its entry in another
// week in the same transaction (see HandLink). Undoing the change in the
// week deletes the post again; the other week's change is undone there.
func (s *Store) AddHandLinkWith(ctx context.Context, h HandLink) error {
	rawURL := strings.TrimSpace(h.URL)
	week := h.Week
	if err := checkWeek(week.ID); err != nil {
		return fmt.Errorf("archive: add link: %w", err)
	}
	if !moisson.IsShareable(rawURL) {
		return fmt.Errorf("archive: add link %q: not an http(s) link to a page", moisson.RedactURL(rawURL))
	}
	if !week.End.After(week.Start) {
		return fmt.Errorf("archive: add link to %s: the week has no time range", week.ID)
	}
	if h.OtherWeek != "" {
		if err := checkWeek(h.OtherWeek); err != nil || h.OtherWeek == week.ID || h.OtherEntry == "" || h.OtherEdit == nil {
			return fmt.Errorf("archive: add link: other week %q, entry %q: %v", h.OtherWeek, moisson.RedactURL(h.OtherEntry), err)
		}
	}
	at := h.At
	switch {
	case at.Before(week.Start):
		at = week.Start
	case !at.Before(week.End):
		at = week.End.Add(-time.Second)
		if at.Before(week.Start) {
			at = week.Start
		}
	}
	p := moisson.Post{ID: HandPostID(week.ID, rawURL), Source: moisson.HandSource, CreatedAt: at, Text: rawURL, URLs: []string{rawURL}}
	if err := checkPost(p); err != nil {
		return fmt.Errorf("archive: add link: %w", err)
	}
	ev := h.Event
	if ev.Action == "" {
		ev.Action = "add"
	}
	if ev.Entry == "" {
		ev.Entry = rawURL
	}
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		isNew, err := savePost(tx, p)
		if err != nil {
			return err
		}
		added := ""
		if isNew {
			added = p.Key()
		}
		if _, err := updateEdits(tx, week.ID, ev, func(e *moisson.WeekEdits) error {
			if e.Entries == nil {
				e.Entries = make(map[string]moisson.EntryEdit)
			}
			edit := e.Entries[rawURL]
			for _, f := range []struct {
				to *string
				v  string
			}{
				{&edit.Title, h.Edit.Title}, {&edit.Lead, h.Edit.Lead}, {&edit.Category, h.Edit.Category}, {&edit.Comment, h.Edit.Comment},
			} {
				if f.v != "" {
					*f.to = f.v
				}
			}
			e.Entries[rawURL] = edit
			return nil
		}, added); err != nil {
			return err
		}
		if h.OtherWeek == "" {
			return nil
		}
		_, err = updateEdits(tx, h.OtherWeek, h.OtherEvent, func(e *moisson.WeekEdits) error {
			if e.Entries == nil {
				e.Entries = make(map[string]moisson.EntryEdit)
			}
			edit := e.Entries[h.OtherEntry]
			h.OtherEdit(&edit)
			e.Entries[h.OtherEntry] = edit
			return nil
		}, "")
		return err
	})
	if err != nil {
		return fmt.Errorf("archive: add link %s to %s: %w", moisson.RedactURL(rawURL), week.ID, err)
	}
	return nil
}
