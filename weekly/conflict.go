package weekly

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
)

// Conflict compares the post file of week id, as it is on disk, with
// what moisson would write now, and says what keeping the file would read
// back into the week's edits. It answers moisson.ErrNotFound for a week
// never written.
func (s *Service) Conflict(ctx context.Context, id string) (review.ConflictView, error) {
	w, err := s.week(id)
	if err != nil {
		return review.ConflictView{}, err
	}
	h, err := s.handEdited(ctx, w)
	if err != nil {
		return review.ConflictView{}, err
	}
	v := review.ConflictView{Week: w.ID, Path: h.pub.Path, Reason: h.pub.Conflict, Frozen: h.edits.Frozen, Edited: h.edited()}
	if h.file == nil {
		return v, nil
	}
	v.Diff, v.Added, v.Removed = lineDiff(h.mine, h.file, 3)
	if v.Edited {
		rb := h.readBack()
		v.ReadBack, v.Exact = rb.Changes, rb.Exact
		if !rb.Exact {
			v.Unmapped, _, _ = lineDiff(rb.Post, h.file, 1)
		}
	}
	return v, nil
}

// handFile is a week's post file and what moisson would write in its
// place.
type handFile struct {
	pub   moisson.Publication
	base  digest.Digest
	edits moisson.WeekEdits
	cfg   digest.Config
	// file is the file's content, nil when there is none; mine is what
	// moisson would write.
	file, mine []byte
}

// edited reports whether the file is not what moisson last wrote.
func (h handFile) edited() bool {
	return h.file != nil && (h.pub.Conflict != "" || hashOf(h.file) != h.pub.Hash)
}

func (h handFile) readBack() digest.ReadBack {
	return digest.ReadBackFile(h.base, h.edits, h.cfg, h.file)
}

// handEdited reads week w's post file and builds what moisson would write
// there, as WriteWeek would (a draft stays a draft until approved).
func (s *Service) handEdited(ctx context.Context, w moisson.Week) (handFile, error) {
	var h handFile
	if s.BlogDir == "" {
		return h, errors.New("no blog directory: set MOISSON_BLOG_DIR")
	}
	pub, err := s.Store.Publication(ctx, w.ID)
	if err != nil {
		return h, fmt.Errorf("week %s: %w", w.ID, err)
	}
	h.pub = pub
	if h.base, h.edits, err = s.build(ctx, w, BuildOptions{}); err != nil {
		return h, err
	}
	h.cfg = s.Digest
	h.cfg.Draft = h.cfg.Draft || (pub.Draft && !h.edits.Approved)
	h.mine = digest.Render(digest.Apply(h.base, h.edits), h.cfg)
	file, err := os.ReadFile(filepath.Join(s.BlogDir, filepath.FromSlash(pub.Path)))
	switch {
	case err == nil:
		h.file = file
	case !errors.Is(err, fs.ErrNotExist):
		return h, fmt.Errorf("week %s: %w", w.ID, err)
	}
	return h, nil
}

// Resolve applies the author's choice on the post file of week id that
// was edited by hand, and records it in the week's log:
//   - review.ChoiceKeep keeps the file: what it changed becomes the
//     week's edits (titles, leads, comments, hidden entries, sections,
//     order, introduction), in the same transaction as the publication
//     that now takes the file for moisson's; when part of it does not map,
//     the week is frozen too (moisson no longer writes the file). The file
//     is then committed and pushed as it is (with MOISSON_GIT_PUSH).
//   - review.ChoiceOverwrite writes moisson's version over the file (and
//     unfreezes the week).
func (s *Service) Resolve(ctx context.Context, id, choice, by string) error {
	w, err := s.week(id)
	if err != nil {
		return err
	}
	switch choice {
	case review.ChoiceKeep:
		return s.keepFile(ctx, w, by)
	case review.ChoiceOverwrite:
		return s.overwrite(ctx, w, by)
	}
	return fmt.Errorf("%w: choice %q: want %q or %q", ErrBadChange, choice, review.ChoiceKeep, review.ChoiceOverwrite)
}

func (s *Service) keepFile(ctx context.Context, w moisson.Week, by string) error {
	h, err := s.handEdited(ctx, w)
	if err != nil {
		return err
	}
	if h.file == nil {
		return fmt.Errorf("%w: week %s: %s is gone: no file to keep", ErrBadChange, w.ID, h.pub.Path)
	}
	if !h.edited() {
		return nil // the file is moisson's: nothing to keep
	}
	rb := h.readBack()
	detail := fmt.Sprintf("%d changes read back", len(rb.Changes))
	if !rb.Exact {
		detail += "; week frozen: part of the file does not map to edits"
	}
	pub := h.pub
	pub.Hash, pub.Conflict, pub.Pushed = hashOf(h.file), "", false
	ev := moisson.EditEvent{At: s.now(), Week: w.ID, Action: "keep", Detail: detail, By: by}
	edits, err := s.Store.UpdateEditsAndPublication(ctx, w.ID, ev, func(e *moisson.WeekEdits) error {
		if e.Version != h.edits.Version {
			return fmt.Errorf("%w: week %s changed while its file was read: look again", review.ErrConflict, w.ID)
		}
		approved, held := e.Approved, e.Held
		*e = rb.Edits
		e.Approved, e.Held, e.Frozen = approved, held, !rb.Exact
		return nil
	}, pub)
	if err != nil {
		return err
	}
	s.log().Info("post edited by hand: kept", "week", w.ID, "path", pub.Path, "read_back", len(rb.Changes), "frozen", !rb.Exact, "by", by)
	return s.commit(ctx, pub, digest.Apply(h.base, edits))
}

func (s *Service) overwrite(ctx context.Context, w moisson.Week, by string) error {
	if _, _, err := s.WriteWeek(ctx, w, RegenerateOptions{Force: true}); err != nil {
		return err
	}
	ev := moisson.EditEvent{At: s.now(), Week: w.ID, Action: "overwrite", Detail: "moisson's version written over the file", By: by}
	if _, err := s.Store.UpdateEdits(ctx, w.ID, ev, func(e *moisson.WeekEdits) error { e.Frozen = false; return nil }); err != nil {
		return err
	}
	s.log().Info("post edited by hand: overwritten", "week", w.ID, "by", by)
	return nil
}

// hashOf is the SHA-256 of content, hex encoded (moisson.Publication.Hash).
func hashOf(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// lineDiff compares a (moisson's version) with b (the file) line by line,
// with context lines of context around each change; it counts the lines
// only in b (added) and only in a (removed).
func lineDiff(a, b []byte, context int) (lines []review.DiffLine, added, removed int) {
	if string(a) == string(b) {
		return nil, 0, 0
	}
	al, bl := splitLines(a), splitLines(b)
	m := difflib.NewMatcherWithJunk(al, bl, false, nil)
	for i, group := range m.GetGroupedOpCodes(context) {
		if i > 0 || (len(group) > 0 && (group[0].I1 > 0 || group[0].J1 > 0)) {
			lines = append(lines, review.DiffLine{Op: "…"})
		}
		for _, op := range group {
			switch op.Tag {
			case 'e':
				for k := 0; k < op.I2-op.I1; k++ {
					lines = append(lines, review.DiffLine{Op: " ", Old: op.I1 + k + 1, New: op.J1 + k + 1, Text: al[op.I1+k]})
				}
			case 'r', 'd', 'i':
				for k := op.I1; k < op.I2; k++ {
					lines = append(lines, review.DiffLine{Op: "-", Old: k + 1, Text: al[k]})
					removed++
				}
				for k := op.J1; k < op.J2; k++ {
					lines = append(lines, review.DiffLine{Op: "+", New: k + 1, Text: bl[k]})
					added++
				}
			}
		}
	}
	return lines, added, removed
}

// splitLines splits text into its lines, without their ends.
func splitLines(b []byte) []string {
	s := strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
