package archive

import (
	"context"
	"fmt"

	"go.etcd.io/bbolt"
)

// Space says how the store's file is used, to weigh the file against what
// it holds.
type Space struct {
	// Data is the bytes of every key and value stored, in every bucket:
	// what any file holding the store needs at the least.
	Data int64
	// Used is the bytes of the file up to its last page in use, free pages
	// between included: the file's size without the room bbolt adds at its
	// end to grow into (a hole on Linux and macOS, taking no disk).
	Used int64
	// Free is the bytes of the pages in Used that are free for reuse.
	Free int64
}

// Space walks every bucket and returns how the file is used.
func (s *Store) Space(ctx context.Context) (Space, error) {
	var sp Space
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		sp.Used = tx.Size()
		stats := s.db.Stats()
		sp.Free = int64(stats.FreePageN+stats.PendingPageN) * int64(s.db.Info().PageSize)
		n := 0
		var walk func(b *bbolt.Bucket) error
		walk = func(b *bbolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if n++; n%checkEvery == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				sp.Data += int64(len(k) + len(v))
				if v == nil {
					if nested := b.Bucket(k); nested != nil {
						return walk(nested)
					}
				}
				return nil
			})
		}
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			sp.Data += int64(len(name))
			return walk(b)
		})
	})
	if err != nil {
		return Space{}, fmt.Errorf("archive: space: %w", err)
	}
	return sp, nil
}
