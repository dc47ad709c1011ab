package x

import (
	"bufio"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
)

// importChunk is how many posts ImportArchive sorts in memory at a time
// before spilling them, and how many it stores per transaction: big
// enough that commits (two fdatasync each) are few, small enough that a
// transaction's dirty pages and a run in memory stay a few MiB.
const importChunk = 4096

// importSpillBuffer is the buffer of each sorted run read back while they
// are merged: a 200k-post archive (49 runs) reads through 1.5 MiB.
const importSpillBuffer = 32 << 10

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
	// spill holds the sorted runs, run i from runs[i] to runs[i+1].
	spill    *os.File
	unlinked bool
	runs     []int64
}

// spillItem is an archive item as spilled: what the merge needs to make
// the post once the account is known.
type spillItem struct {
	Post      moisson.Post
	InReply   bool
	ReplyUser string
	ReplyName string
	// key is Post.Key(), not spilled.
	key string
}

// compareSpill orders items as the store's keys: time, then post key.
func compareSpill(a, b *spillItem) int {
	return cmp.Or(a.Post.CreatedAt.Compare(b.Post.CreatedAt), strings.Compare(a.key, b.key))
}

// close removes the spill file.
func (imp *archiveImport) close() {
	if imp.spill != nil {
		_ = imp.spill.Close() // read only by now
		if !imp.unlinked {
			_ = os.Remove(imp.spill.Name())
		}
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
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
	if imp.spill, err = os.CreateTemp("", "moisson-import-*"); err != nil {
		return nil, fmt.Errorf("archive %s: spill: %w", path, err)
	}
	// Unlinked at once where the system allows it (not Windows), so that
	// a kill -9 leaves nothing behind; close removes it elsewhere.
	imp.unlinked = os.Remove(imp.spill.Name()) == nil
	counter := &countingWriter{w: imp.spill}
	w := bufio.NewWriterSize(counter, 64<<10)
	run := make([]spillItem, 0, importChunk)
	flushRun := func() error {
		if len(run) == 0 {
			return nil
		}
		slices.SortStableFunc(run, func(a, b spillItem) int { return compareSpill(&a, &b) })
		enc := gob.NewEncoder(w)
		for i := range run {
			if err := enc.Encode(&run[i]); err != nil {
				return fmt.Errorf("spill: %w", err)
			}
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("spill: %w", err)
		}
		imp.runs = append(imp.runs, counter.n)
		clear(run)
		run = run[:0]
		return nil
	}
	imp.runs = append(imp.runs, 0)
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
		run = append(run, spillItem{Post: it.post, InReply: it.inReply, ReplyUser: it.replyUser, ReplyName: it.replyName, key: it.post.Key()})
		if len(run) == importChunk {
			if err := flushRun(); err != nil {
				return fmt.Errorf("archive %s: %w", path, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := flushRun(); err != nil {
		return nil, fmt.Errorf("archive %s: %w", path, err)
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

// store merges the sorted runs and saves the posts in chunks, each after
// the one before it in the store's key order.
func (imp *archiveImport) store(ctx context.Context, st PostSaver) (ImportResult, error) {
	if ix, ok := st.(keyIndexer); ok {
		return imp.storeIndexedApart(ctx, ix)
	}
	res := imp.result
	res.Added = 0
	chunk := make([]moisson.Post, 0, importChunk)
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		n, err := st.Save(ctx, chunk, "", "")
		if err != nil {
			return fmt.Errorf("archive %s: %w", imp.path, err)
		}
		res.Added += n
		clear(chunk)
		chunk = chunk[:0]
		return nil
	}
	err := imp.each(func(p moisson.Post) error {
		chunk = append(chunk, p)
		if len(chunk) == importChunk {
			return flush()
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if err := flush(); err != nil {
		return res, err
	}
	return res, nil
}

// keyIndexer is a store that saves posts and indexes their keys in two
// passes (archive.Store).
type keyIndexer interface {
	SaveUnindexed(ctx context.Context, posts []moisson.Post) (written []bool, err error)
	IndexKeys(ctx context.Context, entries []archive.KeyTime) (added int, err error)
}

// importIndexChunk is how many index entries are written per transaction
// (a few dozen bytes each).
const importIndexChunk = 4 * importChunk

// storeIndexedApart saves the posts in time order without their index
// entries, spilling the entries in sorted runs by key, then writes the
// index in key order: whatever the order of the posts' ids, each
// transaction writes one stretch of each bucket.
func (imp *archiveImport) storeIndexedApart(ctx context.Context, st keyIndexer) (ImportResult, error) {
	res := imp.result
	res.Added = 0
	keys, err := newRunSpill(importIndexChunk, func(a, b archive.KeyTime) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), a.At.Compare(b.At))
	})
	if err != nil {
		return res, fmt.Errorf("archive %s: %w", imp.path, err)
	}
	defer keys.close()
	chunk := make([]moisson.Post, 0, importChunk)
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		written, err := st.SaveUnindexed(ctx, chunk)
		if err != nil {
			return fmt.Errorf("archive %s: %w", imp.path, err)
		}
		for i, w := range written {
			if w {
				if err := keys.add(archive.KeyTime{Key: chunk[i].Key(), At: chunk[i].CreatedAt}); err != nil {
					return fmt.Errorf("archive %s: %w", imp.path, err)
				}
			}
		}
		clear(chunk)
		chunk = chunk[:0]
		return nil
	}
	var last moisson.Post
	err = imp.each(func(p moisson.Post) error {
		// The same post twice at the same time: the first reading is kept.
		if p.CreatedAt.Equal(last.CreatedAt) && p.Key() == last.Key() {
			return nil
		}
		last = p
		chunk = append(chunk, p)
		if len(chunk) == importChunk {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return res, err
	}
	entries := make([]archive.KeyTime, 0, importIndexChunk)
	index := func() error {
		if len(entries) == 0 {
			return nil
		}
		n, err := st.IndexKeys(ctx, entries)
		if err != nil {
			return fmt.Errorf("archive %s: %w", imp.path, err)
		}
		res.Added += n
		clear(entries)
		entries = entries[:0]
		return nil
	}
	err = keys.each(func(e archive.KeyTime) error {
		// A key's entries go in one transaction, so that the older is kept.
		if len(entries) >= importIndexChunk && e.Key != entries[len(entries)-1].Key {
			if err := index(); err != nil {
				return err
			}
		}
		entries = append(entries, e)
		return nil
	})
	if err == nil {
		err = index()
	}
	if err != nil {
		return res, fmt.Errorf("archive %s: %w", imp.path, err)
	}
	return res, nil
}

// each merges the sorted runs and calls fn with each post, made whole
// (the account, the long posts' notes), in the store's key order.
func (imp *archiveImport) each(fn func(moisson.Post) error) error {
	m, err := newSpillMerge(imp.spill, imp.runs)
	if err != nil {
		return fmt.Errorf("archive %s: %w", imp.path, err)
	}
	for {
		it, ok, err := m.next()
		if err != nil {
			return fmt.Errorf("archive %s: %w", imp.path, err)
		}
		if !ok {
			return nil
		}
		p := imp.acct.post(&archiveItem{post: it.Post, inReply: it.InReply, replyUser: it.ReplyUser, replyName: it.ReplyName})
		for _, i := range imp.noteOf[p.ID] {
			imp.notes[i].complete(&p)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
}

// spillMerge reads sorted runs back, merged into one sorted stream.
type spillMerge struct {
	// heads holds the next item of each run not yet exhausted, as a
	// min-heap by compareSpill then run.
	heads []spillHead
}

type spillHead struct {
	item spillItem
	run  int
	dec  *gob.Decoder
}

func newSpillMerge(f *os.File, runs []int64) (*spillMerge, error) {
	m := &spillMerge{}
	for i := 0; i+1 < len(runs); i++ {
		r := bufio.NewReaderSize(io.NewSectionReader(f, runs[i], runs[i+1]-runs[i]), importSpillBuffer)
		h := spillHead{run: i, dec: gob.NewDecoder(r)}
		ok, err := h.advance()
		if err != nil {
			return nil, err
		}
		if ok {
			m.heads = append(m.heads, h)
		}
	}
	for i := len(m.heads)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

// advance decodes the run's next item; ok is false at the run's end.
func (h *spillHead) advance() (ok bool, err error) {
	// A fresh value each time: gob leaves out zero fields, which would
	// keep the last item's.
	h.item = spillItem{}
	if err := h.dec.Decode(&h.item); err != nil {
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, fmt.Errorf("read spill run %d: %w", h.run, err)
	}
	h.item.key = h.item.Post.Key()
	return true, nil
}

// next returns the smallest item left; ok is false when none is left.
func (m *spillMerge) next() (it spillItem, ok bool, err error) {
	if len(m.heads) == 0 {
		return spillItem{}, false, nil
	}
	it = m.heads[0].item
	more, err := m.heads[0].advance()
	if err != nil {
		return spillItem{}, false, err
	}
	if !more {
		last := len(m.heads) - 1
		m.heads[0] = m.heads[last]
		m.heads = m.heads[:last]
	}
	if len(m.heads) > 0 {
		m.down(0)
	}
	return it, true, nil
}

func (m *spillMerge) less(i, j int) bool {
	a, b := &m.heads[i], &m.heads[j]
	return cmp.Or(compareSpill(&a.item, &b.item), cmp.Compare(a.run, b.run)) < 0
}

// down restores the heap order below i.
func (m *spillMerge) down(i int) {
	for {
		least := i
		if l := 2*i + 1; l < len(m.heads) && m.less(l, least) {
			least = l
		}
		if r := 2*i + 2; r < len(m.heads) && m.less(r, least) {
			least = r
		}
		if least == i {
			return
		}
		m.heads[i], m.heads[least] = m.heads[least], m.heads[i]
		i = least
	}
}
