// Package postimport is the save path every archive import shares (X,
// Mastodon, Bluesky, bookmark exports): posts read in one pass in any
// order are sorted a few thousand at a time and spilled to a temporary
// file, then merged and saved in the store's key order (time, then post
// key), a few thousand per transaction. Memory stays bounded by a chunk
// of posts rather than by the archive, whatever the order of the posts
// and of their ids.
package postimport

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// Chunk is how many posts are sorted in memory at a time before they are
// spilled, and how many are stored per transaction: big enough that
// commits (two fdatasync each) are few, small enough that a transaction's
// dirty pages and a run in memory stay a few MiB.
const Chunk = 4096

// indexChunk is how many index entries are written per transaction (a
// few dozen bytes each).
const indexChunk = 4 * Chunk

// Saver stores posts, each post once by its key; archive.Store is one.
type Saver interface {
	Save(ctx context.Context, posts []moisson.Post, source, cursor string) (added int, err error)
}

// keyIndexer is a store that saves posts and indexes their keys in two
// passes (archive.Store).
type keyIndexer interface {
	SaveUnindexed(ctx context.Context, posts []moisson.Post) (written []bool, err error)
	IndexKeys(ctx context.Context, entries []archive.KeyTime) (added int, err error)
}

// Result says what an import read and stored.
type Result struct {
	// Read counts the posts read; Added those that were new to the store.
	Read, Added int
	// First and Last are the times of the oldest and newest post read.
	First, Last time.Time
}

// See counts p in r.
func (r *Result) See(p *moisson.Post) {
	r.Read++
	if r.First.IsZero() || p.CreatedAt.Before(r.First) {
		r.First = p.CreatedAt
	}
	if p.CreatedAt.After(r.Last) {
		r.Last = p.CreatedAt
	}
}

// Compare orders posts as the store's keys: time, then post key
// (Source "/" ID), without making the keys.
func Compare(a, b *moisson.Post) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	if a.Source == b.Source {
		return strings.Compare(a.ID, b.ID)
	}
	return compareKeys(a.Source, a.ID, b.Source, b.ID)
}

// compareKeys compares as+"/"+aid with bs+"/"+bid.
func compareKeys(as, aid, bs, bid string) int {
	at := func(s, id string, i int) byte {
		switch {
		case i < len(s):
			return s[i]
		case i == len(s):
			return '/'
		}
		return id[i-len(s)-1]
	}
	la, lb := len(as)+1+len(aid), len(bs)+1+len(bid)
	for i := range min(la, lb) {
		if ca, cb := at(as, aid, i), at(bs, bid, i); ca != cb {
			return cmp.Compare(ca, cb)
		}
	}
	return cmp.Compare(la, lb)
}

// Check refuses what the store would refuse, so that the reading pass
// finds it before anything is written.
func Check(p *moisson.Post) error {
	switch {
	case p.ID == "" || p.Source == "":
		return fmt.Errorf("post %q: no id or no source", p.Key())
	case strings.IndexByte(p.ID, 0) >= 0:
		return fmt.Errorf("post %q: a NUL byte in its id", p.ID)
	case len(p.ID) > 256:
		return fmt.Errorf("post %.40q...: id too long", p.ID)
	case p.CreatedAt.Year() < 1800 || p.CreatedAt.Year() > 2200:
		return fmt.Errorf("post %s: creation time %s out of range", p.ID, p.CreatedAt)
	}
	return nil
}

// Posts gathers the posts of an import as they are read, in any order,
// and saves them sorted. Close it when done.
type Posts struct {
	runs   *Runs[moisson.Post]
	result Result
}

// NewPosts returns an empty Posts, its spill file made.
func NewPosts() (*Posts, error) {
	runs, err := NewRuns(Chunk, func(a, b moisson.Post) int { return Compare(&a, &b) })
	if err != nil {
		return nil, err
	}
	return &Posts{runs: runs}, nil
}

// Add checks p (see Check) and adds it.
func (ps *Posts) Add(p moisson.Post) error {
	if err := Check(&p); err != nil {
		return err
	}
	ps.result.See(&p)
	return ps.runs.Add(p)
}

// Result returns what was read so far.
func (ps *Posts) Result() Result { return ps.result }

// Save saves the posts added into st in the store's key order; the
// errors it makes start with where ("mastodon archive x.tar.gz").
func (ps *Posts) Save(ctx context.Context, st Saver, where string) (Result, error) {
	res := ps.result
	var err error
	res.Added, err = SaveSorted(ctx, st, where, func(fn func(moisson.Post) error) error {
		return ps.runs.Each(fn)
	})
	return res, err
}

// Close removes the spill file.
func (ps *Posts) Close() { ps.runs.Close() }

// Import gathers the posts each gives (see Posts) and saves them into st
// in the store's key order: an export that fails to read is refused
// before anything is written. Its errors start with where.
func Import(ctx context.Context, st Saver, where string, each func(fn func(moisson.Post) error) error) (Result, error) {
	posts, err := NewPosts()
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", where, err)
	}
	defer posts.Close()
	if err := each(posts.Add); err != nil {
		return Result{}, err
	}
	return posts.Save(ctx, st, where)
}

// Collect returns the posts each gives, all in memory, oldest first: for
// readers of small files and for tests.
func Collect(each func(fn func(moisson.Post) error) error) ([]moisson.Post, error) {
	var posts []moisson.Post
	if err := each(func(p moisson.Post) error {
		posts = append(posts, p)
		return nil
	}); err != nil {
		return nil, err
	}
	posttext.SortByTime(posts)
	return posts, nil
}

// SaveSorted saves into st the posts each gives, which must come in the
// store's key order (see Compare), a chunk per transaction: each
// transaction writes after the one before it, never across the whole
// store, so the store's pages are written once and filled. The same post
// given twice at the same time keeps its first reading. Errors of each
// are returned as they are; the others start with where.
//
// A store that indexes keys apart (archive.Store) gets the posts in time
// order without their index entries, which are spilled in sorted runs by
// key and written last in key order: whatever the order of the posts'
// ids, each transaction writes one stretch of each bucket. Saving is
// idempotent, so an import cut short is completed by running it again.
func SaveSorted(ctx context.Context, st Saver, where string, each func(fn func(moisson.Post) error) error) (added int, err error) {
	if ix, ok := st.(keyIndexer); ok {
		return saveIndexedApart(ctx, ix, where, each)
	}
	chunk := make([]moisson.Post, 0, Chunk)
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		n, err := st.Save(ctx, chunk, "", "")
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		added += n
		clear(chunk)
		chunk = chunk[:0]
		return nil
	}
	err = each(func(p moisson.Post) error {
		chunk = append(chunk, p)
		if len(chunk) == Chunk {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return added, err
}

func saveIndexedApart(ctx context.Context, st keyIndexer, where string, each func(fn func(moisson.Post) error) error) (added int, err error) {
	keys, err := NewRuns(indexChunk, func(a, b archive.KeyTime) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), a.At.Compare(b.At))
	})
	if err != nil {
		return 0, fmt.Errorf("%s: %w", where, err)
	}
	defer keys.Close()
	chunk := make([]moisson.Post, 0, Chunk)
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		written, err := st.SaveUnindexed(ctx, chunk)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		for i, w := range written {
			if w {
				if err := keys.Add(archive.KeyTime{Key: chunk[i].Key(), At: chunk[i].CreatedAt}); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
			}
		}
		clear(chunk)
		chunk = chunk[:0]
		return nil
	}
	var last moisson.Post
	err = each(func(p moisson.Post) error {
		// The same post twice at the same time: the first reading is kept.
		if p.CreatedAt.Equal(last.CreatedAt) && p.Key() == last.Key() {
			return nil
		}
		last = p
		chunk = append(chunk, p)
		if len(chunk) == Chunk {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return 0, err
	}
	entries := make([]archive.KeyTime, 0, indexChunk)
	index := func() error {
		if len(entries) == 0 {
			return nil
		}
		n, err := st.IndexKeys(ctx, entries)
		if err != nil {
			return err
		}
		added += n
		clear(entries)
		entries = entries[:0]
		return nil
	}
	err = keys.Each(func(e archive.KeyTime) error {
		// A key's entries go in one transaction, so that the older is kept.
		if len(entries) >= indexChunk && e.Key != entries[len(entries)-1].Key {
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
		return 0, fmt.Errorf("%s: %w", where, err)
	}
	return added, nil
}
