package weekly

import (
	"context"
	"errors"
	"fmt"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/linkcheck"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/scrape"
)

// WriteWeeks writes weeks again from the store, as WriteWeek does (the
// author's edits applied, a draft kept a draft, a file edited by hand
// never overwritten), and commits every file that changed in one commit
// with msg and one push (with Git): the link-rot sweep rewrites its weeks
// this way. Nothing is scraped: the weeks are written from the pages as
// stored. A week never written before is left alone.
//
// written are the publications of the files that changed, recorded as
// pushed once the push succeeded (else Tick pushes them again). A week
// whose file was edited by hand is kept and recorded with its conflict,
// and its *digest.ConflictError joined to err; the other weeks are
// written all the same.
func (s *Service) WriteWeeks(ctx context.Context, weeks []moisson.Week, msg string) (written []moisson.Publication, err error) {
	if s.BlogDir == "" {
		return nil, errors.New("no blog directory: set MOISSON_BLOG_DIR")
	}
	var errs []error
	var paths []string
	for _, w := range weeks {
		prev, err := s.Store.Publication(ctx, w.ID)
		if errors.Is(err, moisson.ErrNotFound) {
			continue
		}
		if err != nil {
			return written, fmt.Errorf("week %s: %w", w.ID, err)
		}
		d, err := s.Build(ctx, w, BuildOptions{})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if d.Links == 0 {
			continue
		}
		pub, changed, err := s.Write(ctx, d, WriteOptions{Draft: prev.Draft && !d.Edits.Approved})
		if err != nil {
			// A conflict is recorded by Write: status shows it.
			errs = append(errs, err)
			continue
		}
		if !changed {
			continue
		}
		written = append(written, pub)
		if !pub.Draft {
			// A renamed post is committed as a move.
			paths = append(paths, pub.Path)
			if prev.Path != "" && prev.Path != pub.Path {
				paths = append(paths, prev.Path)
			}
		}
	}
	committed := false
	if s.Git != nil && len(paths) > 0 {
		s.gitMu.Lock()
		defer s.gitMu.Unlock()
		if _, err := s.Git.CommitPaths(ctx, paths, msg); err != nil {
			errs = append(errs, fmt.Errorf("commit of %d weeks: %w", len(written), err))
		} else {
			committed = true
		}
	}
	if committed {
		var toPush []int
		var pubs []moisson.Publication
		for i, pub := range written {
			if !pub.Draft {
				toPush = append(toPush, i)
				pubs = append(pubs, pub)
			}
		}
		// pushLocked records them, "written, not pushed" when git
		// refuses: Tick pushes them again.
		pubs, _, err := s.pushLocked(ctx, pubs)
		if err != nil {
			errs = append(errs, err)
		}
		for j, i := range toPush {
			written[i] = pubs[j]
		}
	}
	for i, pub := range written {
		if committed && !pub.Draft {
			s.log().Info("week written again", "week", pub.Week, "path", pub.Path, "pushed", pub.Pushed)
			continue
		}
		pub.Pushed = false
		if err := s.record(context.WithoutCancel(ctx), pub); err != nil {
			errs = append(errs, err)
		}
		written[i] = pub
		s.log().Info("week written again", "week", pub.Week, "path", pub.Path, "pushed", pub.Pushed)
	}
	return written, errors.Join(errs...)
}

// Rewrite is linkcheck.Sweeper's Write: the weeks written again through
// WriteWeeks, and the IDs of those whose file changed.
func (s *Service) Rewrite(ctx context.Context, weeks []moisson.Week, msg string) ([]string, error) {
	pubs, err := s.WriteWeeks(ctx, weeks, msg)
	ids := make([]string, len(pubs))
	for i, p := range pubs {
		ids[i] = p.Week
	}
	return ids, err
}

// LinkHealth fills what status shows of the links that never die: the
// last link-rot sweep's figures, and the Wayback Machine queue when the
// Service's Rescuer is a Wayback (the daemon's, shared by every Wayback
// request of the process). It is called by Status.
func (s *Service) LinkHealth(ctx context.Context, st *review.Status) error {
	rep, ok, err := linkcheck.LastReport(ctx, s.Store)
	if err != nil {
		return err
	}
	if ok {
		st.LinkCheck = &review.LinkCheck{
			At: rep.At, Checked: rep.Checked, Gone: rep.Gone, Rescued: rep.Rescued,
			NotArchived: rep.NotArchived, Unknown: rep.Unknown, Restored: rep.Restored, Weeks: len(rep.Weeks),
		}
		if rep.NotArchived > 0 {
			st.Warnings = append(st.Warnings, fmt.Sprintf("link check: %d gone links have no archived copy", rep.NotArchived))
		}
	}
	if wb, ok := s.Rescuer.(interface{ Limiter() *scrape.WaybackLimiter }); ok && wb.Limiter() != nil {
		stats := wb.Limiter().Stats()
		q := &review.WaybackQueue{Queued: stats.Queued, Sent: stats.Sent, Throttled: stats.Throttled, Expected: stats.Expected.Seconds()}
		if stats.PausedUntil.After(s.now()) {
			q.PausedUntil = stats.PausedUntil
		}
		st.Wayback = q
	}
	return nil
}
