package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// importChunk is how many posts ImportArchive stores per transaction: big
// enough that commits (two fdatasync each) are few, small enough that a
// transaction's dirty pages stay a few MiB.
const importChunk = 4096

// PostSaver stores posts, each post once by its key; archive.Store is one.
type PostSaver interface {
	Save(ctx context.Context, posts []moisson.Post, source, cursor string) (added int, err error)
}

// ImportResult says what ImportArchive read and stored.
type ImportResult struct {
	// Read counts the posts of the archive; Added those that were new to
	// the store.
	Read, Added int
	// First and Last are the times of the oldest and newest post read.
	First, Last time.Time
}

// ImportArchive reads the archive export at path (see ReadArchive for what
// path may be) and saves its posts into st, in memory bounded by the
// biggest post rather than by the archive.
//
// It reads the archive twice. The first pass checks every post and holds
// nothing but the long posts' notes: a malformed, truncated or hostile
// archive is refused, with the file and line, before anything is written.
// The second pass saves the posts in chunks of a few thousand, each chunk
// sorted by time and key (the order of the store's keys) and saved in one
// transaction. Saving is idempotent, so importing twice changes nothing;
// when the second pass fails (the disk, a signal, the file replaced in
// between), the posts saved are posts of the archive, and importing again
// completes it.
//
// A post found twice keeps its first reading.
func ImportArchive(ctx context.Context, path string, st PostSaver) (ImportResult, error) {
	imp, err := planImport(ctx, path, maxArchiveZipBytes)
	if err != nil {
		return ImportResult{}, err
	}
	return imp.store(ctx, st)
}

// archiveImport is what the first pass learned.
type archiveImport struct {
	path     string
	zipLimit int64
	acct     archiveAccount
	notes    []archiveNote
	// noteOf gives, by post id, the indexes of the notes that complete
	// it, in note order.
	noteOf map[string][]int
	result ImportResult
}

// planImport is the first pass: it reads and checks the whole archive.
func planImport(ctx context.Context, path string, zipLimit int64) (*archiveImport, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	r, lay, closeFn, err := openArchive(path, zipLimit)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	imp := &archiveImport{path: path, zipLimit: zipLimit}
	if imp.acct, err = r.account(ctx, lay); err != nil {
		return nil, err
	}
	if imp.notes, err = r.readNotes(ctx, lay); err != nil {
		return nil, err
	}
	// A note goes to the post of its second whose text starts most like
	// it, the first such post in reading order (as archiveMergeNotes).
	bySecond := make(map[int64][]int, len(imp.notes))
	for i, n := range imp.notes {
		bySecond[n.created.Unix()] = append(bySecond[n.created.Unix()], i)
	}
	type match struct {
		score int
		id    string
	}
	best := make([]match, len(imp.notes))
	for i := range best {
		best[i].score = -1
	}
	var guess archiveAccountGuess
	res := &imp.result
	err = r.eachItem(ctx, lay, func(it *archiveItem) error {
		if err := checkImportPost(it.post); err != nil {
			return err
		}
		guess.see(imp.acct, it)
		for _, i := range bySecond[it.post.CreatedAt.Unix()] {
			if score := archiveCommonPrefix(it.post.Text, imp.notes[i].text); score > best[i].score {
				best[i] = match{score, it.post.ID}
			}
		}
		res.Read++
		if res.First.IsZero() || it.post.CreatedAt.Before(res.First) {
			res.First = it.post.CreatedAt
		}
		if it.post.CreatedAt.After(res.Last) {
			res.Last = it.post.CreatedAt
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	imp.acct = guess.account(imp.acct)
	imp.noteOf = make(map[string][]int)
	for i, m := range best {
		if m.score >= 0 {
			imp.noteOf[m.id] = append(imp.noteOf[m.id], i)
		}
	}
	return imp, nil
}

// checkImportPost refuses what the store would refuse, so that the first
// pass finds it.
func checkImportPost(p moisson.Post) error {
	switch {
	case strings.IndexByte(p.ID, 0) >= 0:
		return fmt.Errorf("post %q: a NUL byte in its id", p.ID)
	case len(p.ID) > 256:
		return fmt.Errorf("post %.40q...: id too long", p.ID)
	case p.CreatedAt.Year() < 1800 || p.CreatedAt.Year() > 2200:
		return fmt.Errorf("post %s: creation time %s out of range", p.ID, p.CreatedAt)
	}
	return nil
}

// store is the second pass: it reads the archive again and saves its
// posts in chunks.
func (imp *archiveImport) store(ctx context.Context, st PostSaver) (ImportResult, error) {
	r, lay, closeFn, err := openArchive(imp.path, imp.zipLimit)
	if err != nil {
		return ImportResult{}, err
	}
	defer closeFn()
	res := imp.result
	res.Added = 0
	chunk := make([]moisson.Post, 0, importChunk)
	seen := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		slices.SortFunc(chunk, func(a, b moisson.Post) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.Key(), b.Key()))
		})
		n, err := st.Save(ctx, chunk, "", "")
		if err != nil {
			return fmt.Errorf("archive %s: %w", imp.path, err)
		}
		res.Added += n
		chunk = chunk[:0]
		return nil
	}
	err = r.eachItem(ctx, lay, func(it *archiveItem) error {
		seen++
		p := imp.acct.post(it)
		for _, i := range imp.noteOf[p.ID] {
			imp.notes[i].complete(&p)
		}
		chunk = append(chunk, p)
		if len(chunk) == importChunk {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil && seen != res.Read {
		err = fmt.Errorf("archive %s: %w", imp.path, errArchiveChanged)
	}
	if err != nil {
		return res, err
	}
	return res, nil
}

// errArchiveChanged is returned when the archive changed between the two
// passes of an import.
var errArchiveChanged = errors.New("the archive changed while it was imported: import it again")
