package weekly

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/moisson/moisson"
)

// pushBackoff is how long after its last refused push a week waits before
// Tick tries again: a minute, doubled at each refusal, at most an hour. A
// new week published pushes at once whatever the wait.
func pushBackoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// pushLocked pushes the checkout's commits (s.gitMu held) and records the
// outcome in the publications waiting on it: current (just committed, not
// stored yet) and every week of the store not pushed yet. A push refused
// leaves them "written, not pushed" with git's message and one more
// attempt; a push that heals says so. Files the remote changed meanwhile
// are the author's: their weeks are recorded as edited by hand (the
// remote's version kept where it conflicted with moisson's). It returns
// current as recorded, git's refusal (as recorded) in pushErr, and err
// when the store fails.
func (s *Service) pushLocked(ctx context.Context, current []moisson.Publication) (_ []moisson.Publication, pushErr, err error) {
	// The store is written even when ctx ends mid-push: what git did
	// must not be forgotten.
	sctx := context.WithoutCancel(ctx)
	stored, err := s.Store.Publications(sctx)
	if err != nil {
		return current, nil, err
	}
	waiting := slices.Clone(current)
	var owned []string
	for _, pub := range stored {
		owned = append(owned, pub.Path)
		if !slices.ContainsFunc(current, func(p moisson.Publication) bool { return p.Week == pub.Week }) &&
			!pub.Pushed && !pub.Draft && pub.Conflict == "" {
			waiting = append(waiting, pub)
		}
	}
	for _, pub := range current {
		owned = append(owned, pub.Path)
	}
	now := s.now()
	res, pushErr := s.Git.Sync(ctx, owned)
	if pushErr != nil {
		pushErr = errors.New(moisson.RedactText(pushErr.Error()))
	}

	// Weeks whose file the remote changed.
	edited := map[string]string{}
	for _, f := range res.Kept {
		edited[f] = fmt.Sprintf("%s was changed on the remote and conflicted with moisson's new version (%s): the remote's version kept as a hand edit", f, now.Format(time.DateTime))
		s.log().Warn("post changed on the remote: its version kept, moisson's left out (digest --force to overwrite)", "path", f)
	}
	for _, f := range res.Remote {
		if _, ok := edited[f]; !ok {
			edited[f] = fmt.Sprintf("%s was changed on the remote since moisson wrote it (%s): kept as it is", f, now.Format(time.DateTime))
		}
	}
	markEdited := func(pub *moisson.Publication) bool {
		msg, ok := edited[pub.Path]
		if !ok || pub.Draft || pub.Conflict != "" || s.wrote(*pub) {
			return false
		}
		pub.Conflict = msg
		return true
	}

	var errs []error
	for i := range waiting {
		pub := &waiting[i]
		markEdited(pub)
		if pushErr != nil {
			pub.Pushed = false
			pub.PushAttempts++
			pub.PushError = pushErr.Error()
			pub.PushTriedAt = now
			s.log().Warn("push refused: week written, not pushed", "week", pub.Week, "attempts", pub.PushAttempts,
				"next_try", now.Add(pushBackoff(pub.PushAttempts)).Format(time.DateTime), "error", pub.PushError)
		} else {
			if pub.PushAttempts > 0 {
				s.log().Info("pushed: healed", "week", pub.Week, "after_attempts", pub.PushAttempts+1)
			}
			pub.Pushed = true
			pub.PushError, pub.PushAttempts, pub.PushTriedAt = "", 0, time.Time{}
		}
		if err := s.Store.PutPublication(sctx, *pub); err != nil {
			errs = append(errs, fmt.Errorf("week %s: %w", pub.Week, err))
		}
	}
	if res.Rebased {
		s.log().Info("the remote had new commits: moisson's rebased on them", "changed", len(res.Remote), "kept", len(res.Kept))
	}
	// Weeks already pushed whose file the remote changed.
	for _, pub := range stored {
		if slices.ContainsFunc(waiting, func(p moisson.Publication) bool { return p.Week == pub.Week }) {
			continue
		}
		if markEdited(&pub) {
			s.log().Warn("post changed on the remote: kept as a hand edit", "week", pub.Week, "path", pub.Path)
			if err := s.Store.PutPublication(sctx, pub); err != nil {
				errs = append(errs, fmt.Errorf("week %s: %w", pub.Week, err))
			}
		}
	}
	return waiting[:len(current)], pushErr, errors.Join(errs...)
}

// wrote reports whether the file of pub holds what moisson wrote there.
func (s *Service) wrote(pub moisson.Publication) bool {
	b, err := os.ReadFile(filepath.Join(s.BlogDir, filepath.FromSlash(pub.Path)))
	if err != nil {
		return false
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]) == pub.Hash
}

// NotPushed lists the weeks written and committed whose push git refused
// so far (MOISSON_GIT_PUSH), with the last error and the attempts
// (moisson.Publication.NotPushed): what status, health and the review
// page show as "written, not pushed".
func (s *Service) NotPushed(ctx context.Context) ([]moisson.Publication, error) {
	pubs, err := s.Store.Publications(ctx)
	if err != nil {
		return nil, err
	}
	var out []moisson.Publication
	for _, pub := range pubs {
		if pub.NotPushed() {
			out = append(out, pub)
		}
	}
	return out, nil
}

// notPushedReason says why a week is "written, not pushed", for status
// and the page.
func notPushedReason(pub moisson.Publication) string {
	tries := "1 attempt"
	if pub.PushAttempts != 1 {
		tries = fmt.Sprintf("%d attempts", pub.PushAttempts)
	}
	return fmt.Sprintf("written, not pushed (%s, the last %s; tried again by itself from %s): %s", tries,
		pub.PushTriedAt.Format(time.DateTime), pub.PushTriedAt.Add(pushBackoff(pub.PushAttempts)).Format(time.DateTime), pub.PushError)
}
