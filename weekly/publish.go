package weekly

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/review"
)

// Mode says how a week whose cutoff has passed reaches the blog
// (MOISSON_PUBLISH).
type Mode struct {
	// Review writes the week as a draft at its cutoff; it is published
	// when the author approves it.
	Review bool
	// After, when positive, writes the week as a draft at its cutoff and
	// publishes it by itself After later, unless the author held it.
	After time.Duration
}

// ParseMode reads MOISSON_PUBLISH: "auto" (published at the cutoff, the
// default), "review" (a draft until approved) or "after:48h" (a draft,
// published by itself 48 hours after the cutoff unless held).
func ParseMode(s string) (Mode, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch {
	case v == "" || v == "auto":
		return Mode{}, nil
	case v == "review":
		return Mode{Review: true}, nil
	case strings.HasPrefix(v, "after:"):
		d, err := time.ParseDuration(strings.TrimPrefix(v, "after:"))
		if err != nil || d <= 0 {
			return Mode{}, fmt.Errorf("%q: want a positive duration after \"after:\", like after:48h", s)
		}
		return Mode{After: d}, nil
	}
	return Mode{}, fmt.Errorf("%q: want auto, review or after:DURATION (like after:48h)", s)
}

// String gives the mode as MOISSON_PUBLISH spells it.
func (m Mode) String() string {
	switch {
	case m.Review:
		return "review"
	case m.After > 0:
		return "after:" + m.After.String()
	}
	return "auto"
}

// drafts reports whether weeks are written as drafts first.
func (m Mode) drafts() bool { return m.Review || m.After > 0 }

// WriteOptions say how a week's post is written.
type WriteOptions struct {
	// Draft writes the post as a draft (Jekyll published: false, Hugo
	// draft: true).
	Draft bool
	// Force overwrites a file that was edited by hand since moisson wrote
	// it (digest --force).
	Force bool
}

// Write writes the digest into the blog directory and records the
// publication. It never overwrites a file the author edited by hand
// (unless opts.Force): it returns a *digest.ConflictError, keeps the
// author's file and records the conflict, so that status and the review
// page show it. changed is false when the file already had this content.
func (s *Service) Write(ctx context.Context, d digest.Digest, opts WriteOptions) (moisson.Publication, bool, error) {
	if s.BlogDir == "" {
		return moisson.Publication{}, false, errors.New("no blog directory: set MOISSON_BLOG_DIR")
	}
	prev, err := s.Store.Publication(ctx, d.Week.ID)
	var prevp *moisson.Publication
	switch {
	case err == nil:
		prevp = &prev
	case errors.Is(err, moisson.ErrNotFound):
	default:
		return moisson.Publication{}, false, fmt.Errorf("week %s: %w", d.Week.ID, err)
	}
	if d.Edits.Frozen && !opts.Force && prevp != nil {
		if pub, changed, ok, err := s.frozen(*prevp, opts.Draft); ok || err != nil {
			return pub, changed, err
		}
	}
	// The images first: the post never names one that is not there.
	if err := s.writeImages(ctx, d); err != nil {
		return moisson.Publication{Week: d.Week.ID}, false, err
	}
	pub, changed, err := digest.Write(s.BlogDir, d, s.Digest, s.now(), digest.WriteOptions{
		Previous: prevp,
		Force:    opts.Force,
		Draft:    opts.Draft,
	})
	var conflict *digest.ConflictError
	if errors.As(err, &conflict) {
		rec := pub
		if prevp != nil {
			rec = *prevp
		}
		rec.Week, rec.Path = d.Week.ID, pub.Path
		rec.Conflict = fmt.Sprintf("%s was edited by hand since moisson wrote it (%s): kept as it is", pub.Path, s.now().Format(time.DateTime))
		if perr := s.Store.PutPublication(ctx, rec); perr != nil {
			return pub, false, errors.Join(err, perr)
		}
		s.log().Warn("post edited by hand: kept, not overwritten (on the review page: keep the file or overwrite it; or digest --force)", "week", d.Week.ID, "path", pub.Path)
		return rec, false, err
	}
	if err != nil {
		return pub, false, fmt.Errorf("week %s: %w", d.Week.ID, err)
	}
	if !changed && prevp != nil && prevp.Draft == opts.Draft && prevp.Conflict == "" {
		// Same content: keep the stored record and its push state.
		return *prevp, false, nil
	}
	pub.Draft = opts.Draft
	if prevp != nil && !changed {
		pub.Pushed = prevp.Pushed
	}
	return pub, changed, nil
}

// Record stores the publication of a post written by Write, once
// committed and pushed when the Service has Git (a draft is neither),
// and announces it (MOISSON_ANNOUNCE).
func (s *Service) Record(ctx context.Context, pub moisson.Publication, d digest.Digest) error {
	return s.commit(ctx, pub, d)
}

// record stores the publication of a post written by Write.
func (s *Service) record(ctx context.Context, pub moisson.Publication) error {
	if err := s.Store.PutPublication(ctx, pub); err != nil {
		return fmt.Errorf("week %s: %w", pub.Week, err)
	}
	return nil
}

// commit commits and pushes a published post (with git), then announces
// it (MOISSON_ANNOUNCE). The publication is recorded only once committed,
// so that a week whose commit failed is not taken for published. A post
// whose file was renamed (a new slug pattern) is committed as a move.
func (s *Service) commit(ctx context.Context, pub moisson.Publication, d digest.Digest) error {
	if err := s.commitGit(ctx, pub, d.Links, s.imagePaths(d)); err != nil {
		return err
	}
	return errors.Join(s.publishRemote(ctx, d), s.announce(ctx, d))
}

func (s *Service) commitGit(ctx context.Context, pub moisson.Publication, links int, images []string) error {
	if s.Git == nil || pub.Draft {
		return s.record(ctx, pub)
	}
	// One git command at a time in the blog checkout: the run loop, the
	// review page and the sweep may publish at once.
	s.gitMu.Lock()
	defer s.gitMu.Unlock()
	msg := fmt.Sprintf("moisson: links of week %s (%d links)", pub.Week, links)
	oldPath := ""
	if prev, err := s.Store.Publication(ctx, pub.Week); err == nil && prev.Path != pub.Path {
		oldPath = prev.Path
	}
	// The post, its old path's removal when it moved, and its images,
	// in one commit.
	committed, err := s.Git.CommitPaths(ctx, append([]string{pub.Path, oldPath}, images...), msg)
	if err != nil {
		return fmt.Errorf("week %s: %w", pub.Week, err)
	}
	if !committed && pub.Pushed {
		return s.record(ctx, pub)
	}
	// A push git refuses keeps the commit: the week is "written, not
	// pushed" until Tick pushes it.
	_, _, err = s.pushLocked(ctx, []moisson.Publication{pub})
	return err
}

// announce posts the new week's title and URL on the services of
// MOISSON_ANNOUNCE that have not announced it yet, once per week and
// service even across restarts: the services done are recorded in the
// publication. A draft, a post kept for a conflict, or a commit not yet
// pushed is announced nowhere yet; a service that fails is tried again
// at the next publication or Tick.
func (s *Service) announce(ctx context.Context, d digest.Digest) error {
	if s.Announcer == nil {
		return nil
	}
	pub, err := s.Store.Publication(ctx, d.Week.ID)
	if err != nil {
		return fmt.Errorf("week %s: %w", d.Week.ID, err)
	}
	if pub.Draft || pub.Conflict != "" || (s.Git != nil && !pub.Pushed) {
		return nil
	}
	a, err := digest.Announce(d, s.Digest)
	if err != nil {
		return fmt.Errorf("week %s: announce: %w", d.Week.ID, err)
	}
	post := publish.Post{Week: a.Week, Title: a.Title, URL: a.URL, Description: a.Description, Lang: a.Lang, Text: a.Text,
		Thumb: s.cardImage(ctx, a.Image)}
	done, err := s.Announcer.Announce(ctx, pub, post)
	if len(done) > 0 {
		pub.Announced = append(pub.Announced, done...)
		if perr := s.Store.PutPublication(ctx, pub); perr != nil {
			return errors.Join(err, perr)
		}
		s.log().Info("announced", "week", d.Week.ID, "on", strings.Join(done, ","))
	}
	if err != nil {
		return fmt.Errorf("week %s: announce: %s", d.Week.ID, moisson.RedactText(err.Error()))
	}
	return nil
}

// PublishDue writes the post of week w whose cutoff has passed, as the
// mode says: published, or a draft for the author to approve. A week
// with no links writes nothing and is no error. It is what `run` and
// `backfill` call at each cutoff. A week the author already approved is
// published whatever the mode.
func (s *Service) PublishDue(ctx context.Context, w moisson.Week) error {
	d, err := s.Build(ctx, w, BuildOptions{Scrape: true})
	if err != nil {
		return err
	}
	s.ReportUnscraped(d)
	if d.Links == 0 && len(d.Hidden) == 0 {
		s.log().Info("no links this week: nothing to publish", "week", w.ID)
		return nil
	}
	draft := s.Mode.drafts() && !d.Edits.Approved
	if prev, err := s.Store.Publication(ctx, w.ID); err == nil && !prev.Draft {
		draft = false // once published, a week is never taken back to a draft
	}
	if draft && s.Mode.After > 0 && !d.Edits.Held && !s.now().Before(w.End.Add(s.Mode.After)) {
		draft = false // a past week (backfill, downtime): its review time is over
	}
	pub, changed, err := s.Write(ctx, d, WriteOptions{Draft: draft})
	var conflict *digest.ConflictError
	if errors.As(err, &conflict) {
		return nil // the author's file is kept; status shows the conflict
	}
	if err != nil {
		return err
	}
	state := "published"
	if draft {
		state = "draft"
	}
	s.log().Info("post written", "week", w.ID, "path", pub.Path, "links", d.Links, "changed", changed, "state", state)
	return s.commit(ctx, pub, d)
}

// PublishNow approves week w and publishes it at once: written (not as a
// draft), committed and pushed with git. It is the review page's
// "publish" and `digest` on a draft. A week still open is refused with a
// *moisson.WeekOpenError: PublishWeek with CloseEarly closes it first.
//
// The approval is recorded (and logged as "publish") only once the post
// is written: a publication refused (a file edited by hand, a frozen
// week) leaves the week as it was and says why.
func (s *Service) PublishNow(ctx context.Context, w moisson.Week, by string, force bool) (moisson.Publication, error) {
	return s.PublishWeek(ctx, w, PublishOptions{By: by, Force: force})
}

// publishNow is PublishNow for a week resolved and closed.
func (s *Service) publishNow(ctx context.Context, w moisson.Week, by string, force bool) (moisson.Publication, error) {
	d, err := s.Build(ctx, w, BuildOptions{Scrape: true, Rescue: w.End.Before(s.now())})
	if err != nil {
		return moisson.Publication{}, err
	}
	if d.Links == 0 {
		return moisson.Publication{}, fmt.Errorf("%w: week %s: no links to publish", ErrBadChange, w.ID)
	}
	d.Edits.Approved, d.Edits.Held = true, false
	pub, _, err := s.Write(ctx, d, WriteOptions{Force: force})
	if err != nil {
		s.log().Warn("publish refused", "week", w.ID, "by", by, "error", moisson.RedactText(err.Error()))
		return pub, err
	}
	if _, err := s.Store.UpdateEdits(ctx, w.ID, moisson.EditEvent{At: s.now(), Week: w.ID, Action: "publish", By: by},
		func(e *moisson.WeekEdits) error { e.Approved, e.Held = true, false; return nil }); err != nil {
		return pub, fmt.Errorf("week %s: %w", w.ID, err)
	}
	if err := s.commit(ctx, pub, d); err != nil {
		return pub, err
	}
	s.log().Info("published", "week", w.ID, "path", pub.Path, "by", by)
	return s.Store.Publication(ctx, w.ID)
}

// Tick does what is due between cutoffs: it publishes the drafts whose
// review time is over (MOISSON_PUBLISH=after:D) unless the author held
// them, and pushes the commits whose push failed. It reports what still
// fails.
func (s *Service) Tick(ctx context.Context) error {
	pubs, err := s.Store.Publications(ctx)
	if err != nil {
		return err
	}
	var errs []error
	// Weeks whose posts were edited on the source: written again if they
	// were written (a draft stays a draft).
	for _, w := range s.withNextIfClosed(ctx, s.takeEdited()) {
		if _, err := s.Store.Publication(ctx, w.ID); err != nil {
			continue
		}
		if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{}); err != nil {
			errs = append(errs, err)
		} else {
			s.log().Info("week written again: a post was edited on its source", "week", w.ID)
		}
	}
	if s.Mode.After > 0 {
		for _, pub := range pubs {
			if !pub.Draft || pub.Conflict != "" {
				continue
			}
			w, err := s.Digest.ParseWeek(pub.Week)
			if err != nil || s.now().Before(w.End.Add(s.Mode.After)) {
				continue
			}
			edits, err := s.Store.Edits(ctx, pub.Week)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if edits.Held || edits.Frozen {
				continue // held; or frozen: the author's file decides
			}
			if _, err := s.PublishNow(ctx, w, "after "+s.Mode.After.String(), false); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := s.retryPush(ctx); err != nil {
		errs = append(errs, err)
	}
	if err := s.retryAnnounce(ctx); err != nil {
		errs = append(errs, err)
	}
	if err := s.retryRemote(ctx); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// retryAnnounce announces the last week published if a service has not
// announced it yet (it failed, or the push came later).
func (s *Service) retryAnnounce(ctx context.Context) error {
	if s.Announcer == nil || len(s.Announcer.Services) == 0 {
		return nil
	}
	pubs, err := s.Store.Publications(ctx)
	if err != nil || len(pubs) == 0 {
		return err
	}
	last := pubs[len(pubs)-1]
	if last.Draft || last.Conflict != "" || len(last.Announced) >= len(s.Announcer.Services) {
		return nil
	}
	w, err := s.Digest.ParseWeek(last.Week)
	if err != nil {
		return nil
	}
	d, err := s.Build(ctx, w, BuildOptions{})
	if err != nil {
		return err
	}
	return s.announce(ctx, d)
}

// retryPush pushes the commits of publications whose push failed, once
// the wait after the last refusal is over (pushBackoff): a refusal that
// lasts (no access, a hook) is tried again at a slowing pace, and shown
// all along as "written, not pushed".
func (s *Service) retryPush(ctx context.Context) error {
	if s.Git == nil {
		return nil
	}
	pubs, err := s.Store.Publications(ctx)
	if err != nil {
		return err
	}
	var unpushed []moisson.Publication
	due := false
	now := s.now()
	for _, pub := range pubs {
		if !pub.Pushed && !pub.Draft && pub.Conflict == "" {
			unpushed = append(unpushed, pub)
			if pub.PushAttempts == 0 || !now.Before(pub.PushTriedAt.Add(pushBackoff(pub.PushAttempts))) {
				due = true
			}
		}
	}
	if len(unpushed) == 0 {
		return nil
	}
	if !due {
		// Still refused: the cycle is not complete, but git is left
		// alone until the wait is over.
		pub := unpushed[0]
		return fmt.Errorf("week %s written, not pushed (%d attempts, next try %s): %s", pub.Week, pub.PushAttempts,
			pub.PushTriedAt.Add(pushBackoff(pub.PushAttempts)).Format(time.DateTime), pub.PushError)
	}
	s.gitMu.Lock()
	defer s.gitMu.Unlock()
	// A post written while MOISSON_GIT_PUSH was off was never committed:
	// commit it now (nothing happens for one already committed).
	for _, pub := range unpushed {
		msg := fmt.Sprintf("moisson: links of week %s (%d links)", pub.Week, pub.Links)
		paths := []string{pub.Path}
		if s.Digest.ImagesURL != "" && s.ImagesDir != "" {
			// Its images with it: those of the folder not yet
			// committed (the images are written only with a post).
			paths = append(paths, filepath.ToSlash(s.ImagesDir))
		}
		if _, err := s.Git.CommitPaths(ctx, paths, msg); err != nil {
			return fmt.Errorf("week %s: %w", pub.Week, err)
		}
	}
	// pushLocked records (and logs) a refusal: the week shows it.
	_, pushErr, err := s.pushLocked(ctx, nil)
	if pushErr != nil {
		pushErr = fmt.Errorf("push of %d weeks: %w", len(unpushed), pushErr)
	}
	return errors.Join(pushErr, err)
}

// Publisher is the Service as the run loop and the backfill see it
// (bot.Publisher).
func (s *Service) Publisher() Publisher { return Publisher{s} }

// Publisher adapts a Service to bot.Publisher.
type Publisher struct{ s *Service }

// Publish writes the post of a week whose cutoff has passed.
func (p Publisher) Publish(ctx context.Context, w moisson.Week) error { return p.s.PublishDue(ctx, w) }

// Retry does what is due between cutoffs (Service.Tick).
func (p Publisher) Retry(ctx context.Context) error { return p.s.Tick(ctx) }

// frozen is Write for a frozen week (the author kept a file moisson could
// not read back): the file is left as it is. When the author changed it
// again since, the publication takes its new content (to be committed
// as it is). ok is false when the file is gone: moisson writes the week
// again. A frozen draft cannot be published by moisson: its draft state
// is in the author's file.
func (s *Service) frozen(prev moisson.Publication, draft bool) (pub moisson.Publication, changed, ok bool, err error) {
	content, err := os.ReadFile(filepath.Join(s.BlogDir, filepath.FromSlash(prev.Path)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return prev, false, false, nil
	case err != nil:
		return prev, false, false, fmt.Errorf("week %s: %w", prev.Week, err)
	}
	if prev.Draft && !draft {
		return prev, false, true, fmt.Errorf("%w: week %s is frozen (the file edited by hand was kept): publish it by changing its draft state in %s, or overwrite it with moisson's version on the review page", review.ErrConflict, prev.Week, prev.Path)
	}
	if hashOf(content) == prev.Hash {
		return prev, false, true, nil
	}
	prev.Hash, prev.Pushed, prev.PublishedAt = hashOf(content), false, s.now()
	return prev, true, true, nil
}
