package archive

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/moisson/moisson"
	"go.etcd.io/bbolt"
)

// ErrWeekClosed is returned by CloseWeek for a week already closed
// early at another time: the first closing stays.
var ErrWeekClosed = errors.New("week already closed")

// CloseWeek records that week ("2014-W40") was closed before its cutoff,
// at at: its window ends there, and what is shared from at on belongs to
// the next week. It appends ev to the week's edit log in the same
// transaction. A week is closed once: closing it again returns the time
// it was closed at and an error wrapping ErrWeekClosed (nil when at is
// that time). The closing is not part of the week's edits: undoing an
// edit never reopens a week that was published.
func (s *Store) CloseWeek(ctx context.Context, week string, at time.Time, ev moisson.EditEvent) (time.Time, error) {
	if err := checkWeek(week); err != nil {
		return time.Time{}, fmt.Errorf("archive: close week: %w", err)
	}
	at = at.UTC().Truncate(time.Second)
	closed := at
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketClosings)
		if v := b.Get([]byte(week)); v != nil {
			var prev time.Time
			if err := prev.UnmarshalText(v); err != nil {
				return fmt.Errorf("decode closing: %w", err)
			}
			closed = prev
			if prev.Equal(at) {
				return nil
			}
			return fmt.Errorf("%w at %s", ErrWeekClosed, prev.Format(time.RFC3339))
		}
		text, err := at.MarshalText()
		if err != nil {
			return fmt.Errorf("encode closing: %w", err)
		}
		if err := b.Put([]byte(week), text); err != nil {
			return fmt.Errorf("put closing: %w", err)
		}
		if ev.At.IsZero() {
			ev.At = at
		}
		ev.At = ev.At.UTC()
		ev.Week = week
		return appendLog(tx, ev)
	})
	if err != nil {
		return closed, fmt.Errorf("archive: close week %s: %w", week, err)
	}
	return closed, nil
}

// Closings returns the times the given weeks were closed early, by week;
// a week closed at its cutoff is not in the map.
func (s *Store) Closings(ctx context.Context, weeks ...string) (map[string]time.Time, error) {
	out := make(map[string]time.Time)
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketClosings)
		if b == nil {
			return nil // a store opened read-only before the bucket existed
		}
		for _, w := range weeks {
			v := b.Get([]byte(w))
			if v == nil {
				continue
			}
			var t time.Time
			if err := t.UnmarshalText(v); err != nil {
				return fmt.Errorf("decode closing of %s: %w", w, err)
			}
			out[w] = t
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: closings: %w", err)
	}
	return out, nil
}
