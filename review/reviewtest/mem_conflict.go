package reviewtest

import (
	"context"
	"fmt"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
)

// Conflict answers the ConflictValue set for the week, or
// moisson.ErrNotFound when none is.
func (m *MemBackend) Conflict(ctx context.Context, id string) (review.ConflictView, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(id); err != nil {
		return review.ConflictView{}, err
	}
	if m.ConflictValue == nil {
		return review.ConflictView{}, fmt.Errorf("reviewtest: week %s never written: %w", id, moisson.ErrNotFound)
	}
	return *m.ConflictValue, nil
}

// Resolve records the choice and ends the conflict (a kept file that is
// not Exact freezes the week).
func (m *MemBackend) Resolve(ctx context.Context, id, choice, by string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.check(id); err != nil {
		return err
	}
	if m.ConflictValue == nil {
		return fmt.Errorf("reviewtest: week %s never written: %w", id, moisson.ErrNotFound)
	}
	c := m.ConflictValue
	c.Frozen = choice == review.ChoiceKeep && !c.Exact
	c.Edited, c.Reason, c.Diff, c.Unmapped = false, "", nil, nil
	m.record(review.Change{Action: choice, By: by}, choice, "", "")
	return nil
}
