package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"

	"github.com/moisson/moisson"
)

// pairKey is the key of a pair in bucketMentions and bucketRemotePosts:
// a, a 0 byte, then b, so that the pairs of one a sort together (a URL
// or a target name holds no 0 byte).
func pairKey(a, b string) []byte {
	k := make([]byte, 0, len(a)+1+len(b))
	k = append(k, a...)
	k = append(k, 0)
	return append(k, b...)
}

// PutMention records the Webmention state of the pair (m.Source,
// m.Target), replacing the one stored.
func (s *Store) PutMention(ctx context.Context, m moisson.Mention) error {
	if m.Source == "" || m.Target == "" {
		return errors.New("archive: put mention: empty source or target")
	}
	m.At, m.NextRetry = m.At.UTC(), m.NextRetry.UTC()
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("archive: put mention %s: %w", moisson.RedactURL(m.Target), err)
	}
	err = s.update(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMentions).Put(pairKey(m.Source, m.Target), data)
	})
	if err != nil {
		return fmt.Errorf("archive: put mention %s: %w", moisson.RedactURL(m.Target), err)
	}
	return nil
}

// Mention returns the Webmention state of the pair (source, target), or
// an error wrapping moisson.ErrNotFound when none was recorded.
func (s *Store) Mention(ctx context.Context, source, target string) (moisson.Mention, error) {
	var m moisson.Mention
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		v := tx.Bucket(bucketMentions).Get(pairKey(source, target))
		if v == nil {
			return moisson.ErrNotFound
		}
		return json.Unmarshal(v, &m)
	})
	if err != nil {
		return moisson.Mention{}, fmt.Errorf("archive: mention %s: %w", moisson.RedactURL(target), err)
	}
	return m, nil
}

// Mentions returns the Webmention states of the pairs whose source is
// source (a post's URL), or of every pair when source is "", sorted by
// source then target.
func (s *Store) Mentions(ctx context.Context, source string) ([]moisson.Mention, error) {
	var out []moisson.Mention
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketMentions).Cursor()
		var prefix []byte
		if source != "" {
			prefix = pairKey(source, "")
		}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var m moisson.Mention
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("decode %q: %w", k, err)
			}
			out = append(out, m)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: mentions: %w", err)
	}
	return out, nil
}

// PutRemotePost records a week's post on a publishing target, replacing
// the one stored for the same (Target, Week).
func (s *Store) PutRemotePost(ctx context.Context, p moisson.RemotePost) error {
	if p.Target == "" || p.Week == "" || p.ID == "" {
		return errors.New("archive: put remote post: empty target, week or id")
	}
	p.At = p.At.UTC()
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("archive: put remote post %s %s: %w", p.Target, p.Week, err)
	}
	err = s.update(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketRemotePosts).Put(pairKey(p.Target, p.Week), data)
	})
	if err != nil {
		return fmt.Errorf("archive: put remote post %s %s: %w", p.Target, p.Week, err)
	}
	return nil
}

// RemotePost returns the post of week on target, or an error wrapping
// moisson.ErrNotFound when the week was never published there.
func (s *Store) RemotePost(ctx context.Context, target, week string) (moisson.RemotePost, error) {
	var p moisson.RemotePost
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		v := tx.Bucket(bucketRemotePosts).Get(pairKey(target, week))
		if v == nil {
			return moisson.ErrNotFound
		}
		return json.Unmarshal(v, &p)
	})
	if err != nil {
		return moisson.RemotePost{}, fmt.Errorf("archive: remote post %s %s: %w", target, week, err)
	}
	return p, nil
}
