package x

import (
	"context"
	"fmt"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/postimport"
)

// importChunk is how many posts ImportArchive sorts in memory at a time
// before spilling them, and how many it stores per transaction.
const importChunk = postimport.Chunk

// PostSaver stores posts, each post once by its key; archive.Store is one.
type PostSaver = postimport.Saver

// ImportResult says what ImportArchive read and stored.
type ImportResult = postimport.Result

// ImportArchive reads the archive export at path (see ReadArchive for what
// path may be) and saves its posts into st, in memory bounded by a few
// thousand posts rather than by the archive, and in time linear in the
// posts whatever their order in the archive.
//
// It reads the archive once, checking every post: a malformed, truncated
// or hostile archive is refused, with the file and line, before anything
// is written. Meanwhile it sorts the posts a few thousand at a time, by
// time then key (the order of the store's keys), and spills each sorted
// run to a temporary file in os.TempDir (a few hundred bytes a post,
// unlinked at once where the system allows it, else removed before
// ImportArchive returns). Then it merges the runs and saves the
// posts in that order, a few thousand per transaction: each transaction
// writes after the one before it, never across the whole store, so the
// store's pages are written once and filled (see archive.Store.Save).
//
// Saving is idempotent, so importing twice changes nothing; when saving
// fails (the disk, a signal), the posts saved are the archive's oldest,
// and importing again completes it.
//
// A post found twice at the same time keeps its first reading; a post
// found twice at two times keeps the older (as ReadArchive).
func ImportArchive(ctx context.Context, path string, st PostSaver) (ImportResult, error) {
	imp, err := planImport(ctx, path, maxArchiveZipBytes)
	if err != nil {
		return ImportResult{}, err
	}
	defer imp.close()
	return imp.store(ctx, st)
}

// archiveImport is what the reading pass learned and spilled.
type archiveImport struct {
	path  string
	acct  archiveAccount
	notes []archiveNote
	// noteOf gives, by post id, the indexes of the notes that complete
	// it, in note order.
	noteOf map[string][]int
	result ImportResult
	// runs holds the items read, in sorted runs.
	runs *postimport.Runs[spillItem]
}

// spillItem is an archive item as spilled: what the merge needs to make
// the post once the account is known.
type spillItem struct {
	Post      moisson.Post
	InReply   bool
	ReplyUser string
	ReplyName string
}

// compareSpill orders items as the store's keys: time, then post key.
func compareSpill(a, b *spillItem) int { return postimport.Compare(&a.Post, &b.Post) }

// close removes the spill file.
func (imp *archiveImport) close() {
	if imp.runs != nil {
		imp.runs.Close()
	}
}

// planImport is the reading pass: it reads and checks the whole archive,
// matches the long posts' notes, guesses the account and spills the
// posts in sorted runs.
func planImport(ctx context.Context, path string, zipLimit int64) (_ *archiveImport, err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
	}
	r, lay, closeFn, err := openArchive(path, zipLimit)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	imp := &archiveImport{path: path}
	defer func() {
		if err != nil {
			imp.close()
		}
	}()
	if imp.acct, err = r.account(ctx, lay); err != nil {
		return nil, err
	}
	if imp.notes, err = r.readNotes(ctx, lay); err != nil {
		return nil, err
	}
	if imp.runs, err = postimport.NewRuns(importChunk, func(a, b spillItem) int { return compareSpill(&a, &b) }); err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
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
		if err := postimport.Check(&it.post); err != nil {
			return err
		}
		guess.see(imp.acct, it)
		for _, i := range bySecond[it.post.CreatedAt.Unix()] {
			if score := archiveCommonPrefix(it.post.Text, imp.notes[i].text); score > best[i].score {
				best[i] = match{score, it.post.ID}
			}
		}
		res.See(&it.post)
		if err := imp.runs.Add(spillItem{Post: it.post, InReply: it.inReply, ReplyUser: it.replyUser, ReplyName: it.replyName}); err != nil {
			return fmt.Errorf("archive %s: %w", path, err)
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

// store merges the sorted runs and saves the posts in chunks, each after
// the one before it in the store's key order.
func (imp *archiveImport) store(ctx context.Context, st PostSaver) (ImportResult, error) {
	res := imp.result
	var err error
	res.Added, err = postimport.SaveSorted(ctx, st, "archive "+imp.path, imp.each)
	return res, err
}

// each merges the sorted runs and calls fn with each post, made whole
// (the account, the long posts' notes), in the store's key order.
func (imp *archiveImport) each(fn func(moisson.Post) error) error {
	var fnErr error // fn's error, returned as it is
	err := imp.runs.Each(func(it spillItem) error {
		p := imp.acct.post(&archiveItem{post: it.Post, inReply: it.InReply, replyUser: it.ReplyUser, replyName: it.ReplyName})
		for _, i := range imp.noteOf[p.ID] {
			imp.notes[i].complete(&p)
		}
		if err := fn(p); err != nil {
			fnErr = err
			return err
		}
		return nil
	})
	switch {
	case fnErr != nil:
		return fnErr
	case err != nil:
		return fmt.Errorf("archive %s: %w", imp.path, err)
	}
	return nil
}
