package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/bbolt"

	"github.com/moisson/moisson"
)

// An import of a large archive writes its posts in two passes, so that
// each transaction writes one stretch of each bucket, whatever the order
// of the posts' ids: the posts and their links in time order
// (SaveUnindexed), then the index of post keys in key order (IndexKeys).
// Written together, as Save does, posts whose ids do not follow their
// times (a service whose ids are not snowflakes, bookmarks keyed by URL)
// touch every page of the index in every transaction: the index is
// rewritten whole each time and its pages held in memory.

// KeyTime is an entry of the index of post keys: a post's key and its
// creation time.
type KeyTime struct {
	Key string
	At  time.Time
}

// SaveUnindexed stores posts and their links like Save, in one
// transaction, but leaves their entries in the index of post keys to
// IndexKeys. A post whose key is already indexed is left as it is;
// written says which posts were written. Until IndexKeys has run, the
// posts written are stored but not known by their keys: saving them again
// at the same time rewrites the same records, so an import cut between
// the two passes is completed by running it again.
func (s *Store) SaveUnindexed(ctx context.Context, posts []moisson.Post) (written []bool, err error) {
	for _, p := range posts {
		if err := checkPost(p); err != nil {
			return nil, fmt.Errorf("archive: save: %w", err)
		}
	}
	written = make([]bool, len(posts))
	err = s.update(ctx, func(tx *bbolt.Tx) error {
		clear(written)
		if timeGap, _ := fillsGap(tx, posts); timeGap {
			for _, name := range [][]byte{bucketPosts, bucketLinks, bucketLinkURLs} {
				tx.Bucket(name).FillPercent = appendFill
			}
		}
		index := tx.Bucket(bucketPostKeys)
		for i, p := range posts {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if index.Get([]byte(p.Key())) != nil {
				continue
			}
			if err := putPostRecords(tx, p); err != nil {
				return err
			}
			written[i] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: save: %w", err)
	}
	return written, nil
}

// IndexKeys writes the index entries of posts written by SaveUnindexed,
// in one transaction. entries must be sorted by key (then time). A key
// found twice, or already indexed at another time, is one post stored
// twice: the older is kept, and the records of the newer removed. added
// counts the keys that were not indexed before.
func (s *Store) IndexKeys(ctx context.Context, entries []KeyTime) (added int, err error) {
	err = s.update(ctx, func(tx *bbolt.Tx) error {
		added = 0
		index := tx.Bucket(bucketPostKeys)
		if len(entries) > 0 {
			lo, hi := []byte(entries[0].Key), []byte(entries[len(entries)-1].Key)
			if k, _ := index.Cursor().Seek(lo); k == nil || bytes.Compare(k, hi) > 0 {
				index.FillPercent = appendFill
			}
		}
		for i, e := range entries {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			tk := timeKey(e.At.UTC())
			old := index.Get([]byte(e.Key))
			switch {
			case old == nil:
				added++
			case bytes.Equal(old, tk):
				continue
			case bytes.Compare(old, tk) < 0:
				// Stored before at an older time: this one goes.
				if err := deletePostRecords(tx, tk, e.Key); err != nil {
					return err
				}
				continue
			default:
				// This one is older: the one indexed goes.
				if err := deletePostRecords(tx, old, e.Key); err != nil {
					return err
				}
			}
			if err := index.Put([]byte(e.Key), tk); err != nil {
				return fmt.Errorf("index post %s: %w", e.Key, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("archive: index: %w", err)
	}
	return added, nil
}

// putPostRecords writes a post and its links, keyed by time then key.
func putPostRecords(tx *bbolt.Tx, p moisson.Post) error {
	key := p.Key()
	p.CreatedAt = p.CreatedAt.UTC()
	tk := timeKey(p.CreatedAt)
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode post %s: %w", key, err)
	}
	if err := tx.Bucket(bucketPosts).Put(postRecordKey(tk, key), data); err != nil {
		return fmt.Errorf("put post %s: %w", key, err)
	}
	links, urls := tx.Bucket(bucketLinks), tx.Bucket(bucketLinkURLs)
	for i, l := range moisson.LinksOf(p) {
		data, err := json.Marshal(l)
		if err != nil {
			return fmt.Errorf("encode link %s of post %s: %w", l.URL, key, err)
		}
		if err := links.Put(linkKey(tk, key, i), data); err != nil {
			return fmt.Errorf("put link %s of post %s: %w", l.URL, key, err)
		}
		if err := urls.Put(linkKey(tk, key, i), []byte(l.URL)); err != nil {
			return fmt.Errorf("put link %s of post %s: %w", l.URL, key, err)
		}
	}
	return nil
}

// deletePostRecords removes the records of the post key stored at tk: the
// post and its links.
func deletePostRecords(tx *bbolt.Tx, tk []byte, key string) error {
	if err := tx.Bucket(bucketPosts).Delete(postRecordKey(tk, key)); err != nil {
		return fmt.Errorf("remove post %s: %w", key, err)
	}
	prefix := append(postRecordKey(tk, key), 0)
	for _, name := range [][]byte{bucketLinks, bucketLinkURLs} {
		c := tx.Bucket(name).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
			if err := c.Delete(); err != nil {
				return fmt.Errorf("remove link of post %s: %w", key, err)
			}
		}
	}
	return nil
}
