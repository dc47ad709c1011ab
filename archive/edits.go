package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"go.etcd.io/bbolt"
)

// MaxUndo is how many earlier versions of a week's edits are kept for
// UndoEdits: the oldest is dropped when a change would keep more.
const MaxUndo = 100

// ErrNothingToUndo is returned by UndoEdits when the week has no earlier
// version of its edits. It wraps moisson.ErrNotFound.
var ErrNothingToUndo = fmt.Errorf("nothing to undo: %w", moisson.ErrNotFound)

// editSnapshot is one entry of a week's undo history: the edits as they
// were before a change, and the hand-added post that change saved, which
// undoing it deletes.
type editSnapshot struct {
	Edits moisson.WeekEdits `json:"edits"`
	// AddedPost is the Post.Key() of the post AddHandLink saved with the
	// change; empty for any other change.
	AddedPost string `json:"added_post,omitempty"`
}

// checkWeek refuses a week id the store could not key.
func checkWeek(week string) error {
	switch {
	case week == "":
		return errors.New("empty week")
	case strings.IndexByte(week, 0) >= 0:
		return fmt.Errorf("week %q has a NUL byte", week)
	case len(week)+9 > bbolt.MaxKeySize:
		return fmt.Errorf("week %.40q...: too long", week)
	}
	return nil
}

// Edits returns the author's edits of week ("2014-W40"): the zero
// WeekEdits with Week set when the week was never edited.
func (s *Store) Edits(ctx context.Context, week string) (moisson.WeekEdits, error) {
	var e moisson.WeekEdits
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var err error
		e, err = getEdits(tx, week)
		return err
	})
	if err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("archive: edits of %s: %w", week, err)
	}
	return e, nil
}

func getEdits(tx *bbolt.Tx, week string) (moisson.WeekEdits, error) {
	e := moisson.WeekEdits{Week: week}
	v := tx.Bucket(bucketEdits).Get([]byte(week))
	if v == nil {
		return e, nil
	}
	if err := json.Unmarshal(v, &e); err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("decode edits: %w", err)
	}
	e.Week = week
	return e, nil
}

func putEdits(tx *bbolt.Tx, e moisson.WeekEdits) error {
	e.UpdatedAt = e.UpdatedAt.UTC()
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode edits: %w", err)
	}
	return tx.Bucket(bucketEdits).Put([]byte(e.Week), data)
}

// UpdateEdits changes the edits of week in one transaction: it reads them,
// calls fn on a copy, then stores the result with Version bumped and
// UpdatedAt set to ev.At (the current time when ev.At is zero), keeps the
// previous version for UndoEdits (the last MaxUndo of them) and appends ev
// to the week's edit log. ev.Week is set to week.
//
// When fn returns an error nothing is changed and the error is returned,
// wrapped. fn must not keep the pointer, nor change Week. It returns the
// edits as stored.
func (s *Store) UpdateEdits(ctx context.Context, week string, ev moisson.EditEvent, fn func(*moisson.WeekEdits) error) (moisson.WeekEdits, error) {
	if err := checkWeek(week); err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("archive: update edits: %w", err)
	}
	var e moisson.WeekEdits
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		var err error
		e, err = updateEdits(tx, week, ev, fn, "")
		return err
	})
	if err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("archive: update edits of %s: %w", week, err)
	}
	return e, nil
}

// updateEdits is UpdateEdits within tx; addedPost is recorded in the undo
// history (see editSnapshot).
func updateEdits(tx *bbolt.Tx, week string, ev moisson.EditEvent, fn func(*moisson.WeekEdits) error, addedPost string) (moisson.WeekEdits, error) {
	prev, err := getEdits(tx, week)
	if err != nil {
		return moisson.WeekEdits{}, err
	}
	next := cloneEdits(prev)
	if fn != nil {
		if err := fn(&next); err != nil {
			return moisson.WeekEdits{}, err
		}
	}
	if ev.At.IsZero() {
		ev.At = time.Now()
	}
	ev.At = ev.At.UTC()
	ev.Week = week
	next.Week = week
	next.Version = prev.Version + 1
	next.UpdatedAt = ev.At
	for k, v := range next.Entries {
		if v.IsZero() {
			delete(next.Entries, k)
		}
	}
	if len(next.Entries) == 0 {
		next.Entries = nil
	}
	if len(next.Renames) == 0 {
		next.Renames = nil
	}
	if err := pushHistory(tx, week, editSnapshot{Edits: prev, AddedPost: addedPost}); err != nil {
		return moisson.WeekEdits{}, err
	}
	if err := putEdits(tx, next); err != nil {
		return moisson.WeekEdits{}, err
	}
	if err := appendLog(tx, ev); err != nil {
		return moisson.WeekEdits{}, err
	}
	return next, nil
}

// cloneEdits copies e so that fn's changes to its map and slice do not
// reach the version kept for undo.
func cloneEdits(e moisson.WeekEdits) moisson.WeekEdits {
	c := e
	if e.Entries != nil {
		c.Entries = make(map[string]moisson.EntryEdit, len(e.Entries))
		for k, v := range e.Entries {
			c.Entries[k] = v
		}
	}
	c.Order = append([]string(nil), e.Order...)
	c.Sections = append([]string(nil), e.Sections...)
	if e.Renames != nil {
		c.Renames = make(map[string]string, len(e.Renames))
		for k, v := range e.Renames {
			c.Renames[k] = v
		}
	}
	return c
}

// pushHistory appends snap to week's undo history and drops the oldest
// entries beyond MaxUndo.
func pushHistory(tx *bbolt.Tx, week string, snap editSnapshot) error {
	b := tx.Bucket(bucketEditHistory)
	seq, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("undo history: %w", err)
	}
	data, err := json.Marshal(snap)
	if err != nil {
		return fmt.Errorf("encode undo history: %w", err)
	}
	if err := b.Put(editKey(week, seq), data); err != nil {
		return fmt.Errorf("put undo history: %w", err)
	}
	// Count from the newest back; delete what is past the bound. Keys are
	// collected first: a cursor must not delete while it walks.
	prefix := editPrefix(week)
	c := b.Cursor()
	var old [][]byte
	n := 0
	for k, _ := c.Seek(editKey(week, seq)); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
		if n++; n > MaxUndo {
			old = append(old, bytes.Clone(k))
		}
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("trim undo history: %w", err)
		}
	}
	return nil
}

func appendLog(tx *bbolt.Tx, ev moisson.EditEvent) error {
	b := tx.Bucket(bucketEditLog)
	seq, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("edit log: %w", err)
	}
	data, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encode edit log: %w", err)
	}
	if err := b.Put(editKey(ev.Week, seq), data); err != nil {
		return fmt.Errorf("put edit log: %w", err)
	}
	return nil
}

// UndoEdits takes back the last change to week's edits, in one
// transaction: the previous version is stored again (with Version bumped,
// so that it still counts the changes) and ev, its Action "undo" unless
// set, is appended to the edit log. Undoing a link added by AddHandLink
// also deletes the post that held it (its page stays). It returns the edits as stored, or an error wrapping
// ErrNothingToUndo (and so moisson.ErrNotFound) when the week has no
// earlier version.
func (s *Store) UndoEdits(ctx context.Context, week string, ev moisson.EditEvent) (moisson.WeekEdits, error) {
	if err := checkWeek(week); err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("archive: undo edits: %w", err)
	}
	var restored moisson.WeekEdits
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		cur, err := getEdits(tx, week)
		if err != nil {
			return err
		}
		b := tx.Bucket(bucketEditHistory)
		prefix := editPrefix(week)
		c := b.Cursor()
		k, v := c.Seek(editKey(week, ^uint64(0)))
		if k == nil || !bytes.HasPrefix(k, prefix) {
			k, v = c.Prev()
		}
		if k == nil || !bytes.HasPrefix(k, prefix) {
			return ErrNothingToUndo
		}
		var snap editSnapshot
		if err := json.Unmarshal(v, &snap); err != nil {
			return fmt.Errorf("decode undo history %x: %w", k, err)
		}
		if err := b.Delete(bytes.Clone(k)); err != nil {
			return fmt.Errorf("delete undo history: %w", err)
		}
		if snap.AddedPost != "" {
			if err := deletePost(tx, snap.AddedPost); err != nil {
				return err
			}
		}
		if ev.At.IsZero() {
			ev.At = time.Now()
		}
		if ev.Action == "" {
			ev.Action = "undo"
		}
		ev.At, ev.Week = ev.At.UTC(), week
		restored = snap.Edits
		restored.Week = week
		restored.Version = cur.Version + 1
		restored.UpdatedAt = ev.At
		if err := putEdits(tx, restored); err != nil {
			return err
		}
		return appendLog(tx, ev)
	})
	if err != nil {
		return moisson.WeekEdits{}, fmt.Errorf("archive: undo edits of %s: %w", week, err)
	}
	return restored, nil
}

// deletePost removes the post of key and its links; a post not stored is
// no error.
func deletePost(tx *bbolt.Tx, key string) error {
	index := tx.Bucket(bucketPostKeys)
	tk := index.Get([]byte(key))
	if tk == nil {
		return nil
	}
	tk = bytes.Clone(tk)
	posts := tx.Bucket(bucketPosts)
	rk := postRecordKey(tk, key)
	v := posts.Get(rk)
	if v != nil {
		var p moisson.Post
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("decode post %s: %w", key, err)
		}
		for i := range moisson.LinksOf(p) {
			if err := tx.Bucket(bucketLinks).Delete(linkKey(tk, key, i)); err != nil {
				return fmt.Errorf("delete link of post %s: %w", key, err)
			}
			if err := tx.Bucket(bucketLinkURLs).Delete(linkKey(tk, key, i)); err != nil {
				return fmt.Errorf("delete link of post %s: %w", key, err)
			}
		}
		if err := posts.Delete(rk); err != nil {
			return fmt.Errorf("delete post %s: %w", key, err)
		}
	}
	if err := index.Delete([]byte(key)); err != nil {
		return fmt.Errorf("delete post %s: %w", key, err)
	}
	return nil
}

// EditLog returns the last limit changes of week (0 for all), the most
// recent first.
func (s *Store) EditLog(ctx context.Context, week string, limit int) ([]moisson.EditEvent, error) {
	var events []moisson.EditEvent
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		prefix := editPrefix(week)
		c := tx.Bucket(bucketEditLog).Cursor()
		k, v := c.Seek(editKey(week, ^uint64(0)))
		if k == nil || !bytes.HasPrefix(k, prefix) {
			k, v = c.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix); k, v = c.Prev() {
			var ev moisson.EditEvent
			if err := json.Unmarshal(v, &ev); err != nil {
				return fmt.Errorf("decode edit log %x: %w", k, err)
			}
			events = append(events, ev)
			if limit > 0 && len(events) >= limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: edit log of %s: %w", week, err)
	}
	return events, nil
}

// WeeksEdited returns the weeks that have edits, sorted.
func (s *Store) WeeksEdited(ctx context.Context) ([]string, error) {
	var weeks []string
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketEdits).ForEach(func(k, _ []byte) error {
			weeks = append(weeks, string(k))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("archive: weeks edited: %w", err)
	}
	return weeks, nil
}

// HandPostID is the ID of the post AddHandLink saves for rawURL in week:
// a hash of both, so that adding the same link to the same week twice
// saves one post.
func HandPostID(week, rawURL string) string {
	sum := sha256.Sum256([]byte(week + "\n" + rawURL))
	return hex.EncodeToString(sum[:12])
}

// AddHandLink adds a link by hand to week, in one transaction: it saves a
// post of Source moisson.HandSource holding rawURL, dated at (moved into
// the week when outside it: its first instant, or its last second), so
// that the link is scraped and listed like the others, and records
// category and comment, when set, as the edit of the entry keyed rawURL,
// pushing the previous edits on the undo history and ev on the edit log
// (Action "add" and Entry rawURL unless set). Undoing that change deletes
// the post again.
//
// It refuses a URL that moisson.IsShareable refuses. Adding a link already
// added to the week saves nothing new but still records category and
// comment.
func (s *Store) AddHandLink(ctx context.Context, week moisson.Week, rawURL, category, comment string, at time.Time, ev moisson.EditEvent) error {
	rawURL = strings.TrimSpace(rawURL)
	if err := checkWeek(week.ID); err != nil {
		return fmt.Errorf("archive: add link: %w", err)
	}
	if !moisson.IsShareable(rawURL) {
		return fmt.Errorf("archive: add link %q: not an http(s) link to a page", moisson.RedactURL(rawURL))
	}
	if !week.End.After(week.Start) {
		return fmt.Errorf("archive: add link to %s: the week has no time range", week.ID)
	}
	switch {
	case at.Before(week.Start):
		at = week.Start
	case !at.Before(week.End):
		at = week.End.Add(-time.Second)
		if at.Before(week.Start) {
			at = week.Start
		}
	}
	p := moisson.Post{
		ID:        HandPostID(week.ID, rawURL),
		Source:    moisson.HandSource,
		CreatedAt: at,
		Text:      rawURL,
		URLs:      []string{rawURL},
	}
	if err := checkPost(p); err != nil {
		return fmt.Errorf("archive: add link: %w", err)
	}
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
		_, err = updateEdits(tx, week.ID, ev, func(e *moisson.WeekEdits) error {
			if category == "" && comment == "" {
				return nil
			}
			if e.Entries == nil {
				e.Entries = make(map[string]moisson.EntryEdit)
			}
			edit := e.Entries[rawURL]
			if category != "" {
				edit.Category = category
			}
			if comment != "" {
				edit.Comment = comment
			}
			e.Entries[rawURL] = edit
			return nil
		}, added)
		return err
	})
	if err != nil {
		return fmt.Errorf("archive: add link %s to %s: %w", moisson.RedactURL(rawURL), week.ID, err)
	}
	return nil
}
