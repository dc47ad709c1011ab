package weekly

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/review"
)

// ErrWeekOpen is moisson.ErrWeekOpen: publishing a week before its cutoff
// was not asked to close it early. The error is a *moisson.WeekOpenError
// carrying the cutoff.
var ErrWeekOpen = moisson.ErrWeekOpen

// ResolveWeek gives week w (as the configuration cuts time: digest.Config
// WeekOf or ParseWeek) its window as the store knows it: a week the author
// published before its cutoff ends when it was published, and the week
// after it starts there. Every build goes through it, so that a rebuild
// of either week, the run loop and the page agree on where a link
// belongs.
func (s *Service) ResolveWeek(ctx context.Context, w moisson.Week) (moisson.Week, error) {
	prev := s.Digest.WeekOf(w.Start.Add(-time.Nanosecond))
	closed, err := s.Store.Closings(ctx, w.ID, prev.ID)
	if err != nil {
		return w, fmt.Errorf("week %s: %w", w.ID, err)
	}
	if t, ok := closed[w.ID]; ok && t.Before(w.End) && t.After(w.Start) {
		w.End = t.In(w.End.Location())
	}
	if t, ok := closed[prev.ID]; ok && t.Before(w.Start) && t.After(prev.Start) {
		w.Start = t.In(w.Start.Location())
	}
	return w, nil
}

// WeekAt returns the week that holds t, as ResolveWeek gives it: after a
// week closed early, the next one.
func (s *Service) WeekAt(ctx context.Context, t time.Time) (moisson.Week, error) {
	regular := s.Digest.WeekOf(t)
	w, err := s.ResolveWeek(ctx, regular)
	if err != nil {
		return w, err
	}
	if !t.Before(w.End) {
		return s.ResolveWeek(ctx, s.Digest.Next(regular))
	}
	return w, nil
}

// PublishOptions say how PublishWeek publishes a week.
type PublishOptions struct {
	// By says who asked ("page 127.0.0.1", "cli").
	By string
	// Force overwrites a file edited by hand (digest --force).
	Force bool
	// CloseEarly publishes a week whose cutoff is still ahead: the week
	// is closed now, its post dated today, and what is shared from now
	// on goes to the next week. Without it such a week is refused with a
	// *moisson.WeekOpenError.
	CloseEarly bool
}

// PublishWeek approves week w and publishes it at once (see PublishNow).
// A week still open is refused with a *moisson.WeekOpenError (errors.Is
// ErrWeekOpen) that carries its cutoff, unless opts.CloseEarly: then the
// week is closed at the time of publishing, recorded in the store (one
// transaction, with the edit log's "close" event) before the post is
// written, so that its file is dated with the day it is published and
// every rebuild, and the next week, agree on its end. A week with no
// link is never closed.
func (s *Service) PublishWeek(ctx context.Context, w moisson.Week, opts PublishOptions) (moisson.Publication, error) {
	w, err := s.ResolveWeek(ctx, w)
	if err != nil {
		return moisson.Publication{}, err
	}
	now := s.now()
	if w.End.After(now) {
		if !opts.CloseEarly {
			return moisson.Publication{}, &moisson.WeekOpenError{Week: w.ID, Cutoff: w.End}
		}
		closing := w
		closing.End = now.Truncate(time.Second)
		if !closing.End.After(closing.Start) {
			return moisson.Publication{}, fmt.Errorf("%w: week %s has not started", ErrBadChange, w.ID)
		}
		links, err := s.Links(ctx, closing)
		if err != nil {
			return moisson.Publication{}, err
		}
		if len(links) == 0 {
			return moisson.Publication{}, fmt.Errorf("%w: week %s: no links to publish", ErrBadChange, w.ID)
		}
		at, err := s.Store.CloseWeek(ctx, w.ID, closing.End, moisson.EditEvent{At: now, Action: "close", By: opts.By,
			Detail: "closed before its cutoff " + w.End.Format(time.DateTime)})
		if err != nil && !errors.Is(err, archive.ErrWeekClosed) {
			return moisson.Publication{}, err
		}
		s.log().Info("week closed before its cutoff", "week", w.ID, "cutoff", w.End, "closed_at", at, "by", opts.By)
		if w, err = s.ResolveWeek(ctx, w); err != nil {
			return moisson.Publication{}, err
		}
	}
	return s.publishNow(ctx, w, opts.By, opts.Force)
}

// PublishEarly closes week id now if it is still open and publishes it:
// the review page's answer to "the week closes Fri 18:00; publish now and
// close it?" (see PublishWeek).
func (s *Service) PublishEarly(ctx context.Context, id, by string) (moisson.Publication, error) {
	w, err := s.week(id)
	if err != nil {
		return moisson.Publication{}, err
	}
	pub, err := s.PublishWeek(ctx, w, PublishOptions{By: by, CloseEarly: true})
	return pub, conflict(err)
}

// openConflict makes a *moisson.WeekOpenError a conflict for the page and
// the API (409), the WeekOpenError kept for errors.As.
func openConflict(err error) error {
	var open *moisson.WeekOpenError
	if errors.As(err, &open) {
		return fmt.Errorf("%w: %w", review.ErrConflict, err)
	}
	return err
}

// withNextIfClosed adds to weeks (as the configuration cuts time) the
// week after each one that was closed early: a post of its last days
// belongs to that next week.
func (s *Service) withNextIfClosed(ctx context.Context, weeks []moisson.Week) []moisson.Week {
	ids := make([]string, len(weeks))
	for i, w := range weeks {
		ids[i] = w.ID
	}
	closed, err := s.Store.Closings(ctx, ids...)
	if err != nil {
		return weeks // the weeks themselves are still written
	}
	out := weeks
	for _, w := range weeks {
		if _, ok := closed[w.ID]; ok {
			out = append(out, s.Digest.WeekOf(w.End))
		}
	}
	return out
}
