package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/moisson/moisson"
	"go.etcd.io/bbolt"
)

// ReplacePost stores p in place of the posts stored under oldKeys (the
// earlier versions of a post edited on X), in one transaction: each old
// post is removed with its links, then p is stored with its links. It
// returns the posts removed, whose weeks must be written again with p's.
// When no old key is stored it changes nothing and returns none: p is
// left to Save. Pages already scraped are kept: a link the edit kept is
// not fetched again.
func (s *Store) ReplacePost(ctx context.Context, oldKeys []string, p moisson.Post) ([]moisson.Post, error) {
	if err := checkPost(p); err != nil {
		return nil, fmt.Errorf("archive: replace post: %w", err)
	}
	var removed []moisson.Post
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		removed = removed[:0]
		for _, key := range oldKeys {
			if key == p.Key() {
				continue
			}
			old, found, err := removeXPost(tx, key)
			if err != nil {
				return err
			}
			if found {
				removed = append(removed, old)
			}
		}
		if len(removed) == 0 {
			return nil
		}
		// The new version replaces whatever is stored under its own key.
		if _, _, err := removeXPost(tx, p.Key()); err != nil {
			return err
		}
		_, err := savePost(tx, p)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("archive: replace post %s: %w", p.Key(), err)
	}
	return removed, nil
}

// removeXPost removes the post stored under key, its index entry and its
// links; found is false when there is none.
func removeXPost(tx *bbolt.Tx, key string) (old moisson.Post, found bool, err error) {
	index := tx.Bucket(bucketPostKeys)
	tk := index.Get([]byte(key))
	if tk == nil {
		return moisson.Post{}, false, nil
	}
	tk = bytes.Clone(tk)
	posts := tx.Bucket(bucketPosts)
	rk := postRecordKey(tk, key)
	if v := posts.Get(rk); v != nil {
		if err := json.Unmarshal(v, &old); err != nil {
			return moisson.Post{}, false, fmt.Errorf("decode post %s: %w", key, err)
		}
	}
	if err := posts.Delete(rk); err != nil {
		return moisson.Post{}, false, fmt.Errorf("delete post %s: %w", key, err)
	}
	if err := index.Delete([]byte(key)); err != nil {
		return moisson.Post{}, false, fmt.Errorf("unindex post %s: %w", key, err)
	}
	prefix := append(append(bytes.Clone(tk), key...), 0)
	for _, name := range [][]byte{bucketLinks, bucketLinkURLs} {
		b := tx.Bucket(name)
		var keys [][]byte
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+4; k, _ = c.Next() {
			keys = append(keys, bytes.Clone(k))
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return moisson.Post{}, false, fmt.Errorf("delete link of post %s: %w", key, err)
			}
		}
	}
	return old, true, nil
}

// Reread stores posts read again from source (its settings changed, or
// the author asked): a post already stored whose CreatedAt is at or after
// since, and that differs from the one read now, is replaced by it with
// its links; the others are saved as Save does, so nothing stored is lost
// or doubled. The source's cursor and records (other cursors by name, ""
// deleting one) are written in the same transaction. It returns how many
// posts were new and how many replaced.
func (s *Store) Reread(ctx context.Context, posts []moisson.Post, since time.Time, source, cursor string, records map[string]string) (added, replaced int, err error) {
	for _, p := range posts {
		if err := checkPost(p); err != nil {
			return 0, 0, fmt.Errorf("archive: reread: %w", err)
		}
	}
	err = s.update(ctx, func(tx *bbolt.Tx) error {
		added, replaced = 0, 0
		for _, p := range posts {
			p.CreatedAt = p.CreatedAt.UTC()
			if !p.CreatedAt.Before(since) {
				changed, err := differs(tx, p)
				if err != nil {
					return err
				}
				if changed {
					if _, _, err := removeXPost(tx, p.Key()); err != nil {
						return err
					}
					if _, err := savePost(tx, p); err != nil {
						return err
					}
					replaced++
					continue
				}
			}
			isNew, err := savePost(tx, p)
			if err != nil {
				return err
			}
			if isNew {
				added++
			}
		}
		if source != "" {
			if err := putCursor(tx, source, cursor); err != nil {
				return err
			}
		}
		for name, value := range records {
			if err := putCursor(tx, name, value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("archive: reread %s: %w", source, err)
	}
	return added, replaced, nil
}

// differs reports whether a post is stored under p's key and differs from
// p.
func differs(tx *bbolt.Tx, p moisson.Post) (bool, error) {
	tk := tx.Bucket(bucketPostKeys).Get([]byte(p.Key()))
	if tk == nil {
		return false, nil
	}
	stored := tx.Bucket(bucketPosts).Get(postRecordKey(tk, p.Key()))
	data, err := json.Marshal(p)
	if err != nil {
		return false, fmt.Errorf("encode post %s: %w", p.Key(), err)
	}
	return !bytes.Equal(stored, data), nil
}
