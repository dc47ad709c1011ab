package archive

import (
	"context"
	"encoding/json"
	"fmt"

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
