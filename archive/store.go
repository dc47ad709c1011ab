// Package archive keeps what moisson reads and learns in one bbolt file
// (moisson.db): the posts and the links they carry, the pages scraped for
// those links, where each source stopped, the weekly publications, and the
// author's edits of each week with their undo history and log.
//
// Every method runs in exactly one transaction, so a crash leaves the store
// as it was before the call or after it, never in between. Values are the
// moisson types encoded as JSON; keys are built to sort (fixed-width UTC
// times first) so that a week is read with one cursor seek.
//
// Only one process can open the store at a time: a second one gets
// ErrLocked after a second instead of waiting forever.
package archive

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"image/jpeg"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is returned by Open when another process holds the store.
var ErrLocked = errors.New("in use by another moisson process")

// lockTimeout is how long Open waits for the file lock.
const lockTimeout = time.Second

// initialMmapSize is the address space mapped at open. bbolt remaps the file
// as it grows, copying every node a write transaction holds and waiting for
// the readers to finish; mapping 64 MiB at once (years of posts) spares
// an import of thousands of posts those remaps. On Linux and macOS the
// file itself still grows only with what is written.
const initialMmapSize = 64 << 20

// checkEvery is how many keys a long loop walks between two looks at its
// context.
const checkEvery = 512

// Store is the archive, backed by one bbolt file. Its methods are safe for
// concurrent use.
type Store struct {
	db *bbolt.DB
}

// Open opens the store at path, creating the file (mode 0600) and its
// buckets when needed. It returns an error wrapping ErrLocked when another
// process has the file open, and refuses a file written by a newer moisson
// (a newer schema version) without changing it.
func Open(path string) (*Store, error) {
	return open(path, lockTimeout)
}

// allocSize is how much the store's file grows at a time.
const allocSize = 4 << 20

func open(path string, timeout time.Duration) (*Store, error) {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{Timeout: timeout, InitialMmapSize: initialMmapSize})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("archive: %s is %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("archive: open %s: %w", path, err)
	}
	// The file grows by 4 MiB at a time rather than bbolt's 16: a store
	// stays near the size of its data (one more truncate and fsync per
	// 4 MiB written).
	db.AllocSize = allocSize
	if err := db.Update(initialize); err != nil {
		_ = db.Close() // the error that matters is initialize's
		return nil, fmt.Errorf("archive: open %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// initialize checks the schema version, then creates every bucket and
// records the version, all in the open's one transaction. A newer schema is
// refused before anything is written.
func initialize(tx *bbolt.Tx) error {
	if meta := tx.Bucket(bucketMeta); meta != nil {
		if v := meta.Get(keySchema); v != nil {
			if len(v) != 8 {
				return fmt.Errorf("unreadable schema version %x", v)
			}
			if version := binary.BigEndian.Uint64(v); version > schemaVersion {
				return fmt.Errorf("schema version %d is newer than %d, the newest this moisson knows: upgrade moisson", version, schemaVersion)
			}
		}
	}
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	version := binary.BigEndian.AppendUint64(nil, schemaVersion)
	if err := tx.Bucket(bucketMeta).Put(keySchema, version); err != nil {
		return fmt.Errorf("write schema version: %w", err)
	}
	if tx.Bucket(bucketMeta).Get(keyPagesRedacted) == nil {
		if err := redactPageKeys(tx); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyPagesRedacted, []byte{1}); err != nil {
			return fmt.Errorf("mark page keys redacted: %w", err)
		}
	}
	return nil
}

// keyPagesRedacted marks a store whose pages are all under their redacted
// URL (pageKey): those of stores written before are moved once, at open.
var keyPagesRedacted = []byte("pages_redacted")

// redactPageKeys moves every page (and its state) stored under a URL with
// a secret to its pageKey, the secret gone from the page's URL too. A page
// already stored under the new key (scraped again since) is the newer and
// is kept; nothing else is dropped.
func redactPageKeys(tx *bbolt.Tx) error {
	pages, states := tx.Bucket(bucketPages), tx.Bucket(bucketPageState)
	var old []string
	if err := pages.ForEach(func(k, _ []byte) error {
		if pageKey(string(k)) != string(k) {
			old = append(old, string(k))
		}
		return nil
	}); err != nil {
		return fmt.Errorf("redact page keys: %w", err)
	}
	for _, k := range old {
		nk := []byte(pageKey(k))
		if pages.Get(nk) == nil {
			var p moisson.Page
			if err := json.Unmarshal(pages.Get([]byte(k)), &p); err != nil {
				return fmt.Errorf("redact page keys: decode page %s: %w", moisson.RedactURL(k), err)
			}
			p.URL = string(nk)
			data, err := json.Marshal(p)
			if err != nil {
				return fmt.Errorf("redact page keys: %w", err)
			}
			if err := pages.Put(nk, data); err != nil {
				return fmt.Errorf("redact page keys: %w", err)
			}
			if st := states.Get([]byte(k)); st != nil {
				if err := states.Put(nk, append([]byte(nil), st...)); err != nil {
					return fmt.Errorf("redact page keys: %w", err)
				}
			}
		}
		if err := pages.Delete([]byte(k)); err != nil {
			return fmt.Errorf("redact page keys: %w", err)
		}
		if err := states.Delete([]byte(k)); err != nil {
			return fmt.Errorf("redact page keys: %w", err)
		}
	}
	return nil
}

// Close closes the store, releasing the file for another process.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("archive: close: %w", err)
	}
	return nil
}

// view runs fn in a read transaction, unless ctx is already done.
func (s *Store) view(ctx context.Context, fn func(*bbolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.View(fn)
}

// update runs fn in a write transaction, unless ctx is already done; a ctx
// done while fn ran rolls the transaction back.
func (s *Store) update(ctx context.Context, fn func(*bbolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.db.Update(func(tx *bbolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return ctx.Err()
	})
}

// Save stores posts and the links they give (moisson.LinksOf) and, when
// source is not "", sets that source's cursor, all in one transaction: a
// crash never leaves a cursor past posts that were not saved. A post
// already stored (same Post.Key()) is left as it is and not counted, so
// saving the same posts twice changes nothing. Times are stored in UTC.
//
// Save returns how many posts were new. It refuses the whole call, writing
// nothing, when a post has no ID, Source or CreatedAt.
func (s *Store) Save(ctx context.Context, posts []moisson.Post, source, cursor string) (added int, err error) {
	for _, p := range posts {
		if err := checkPost(p); err != nil {
			return 0, fmt.Errorf("archive: save: %w", err)
		}
	}
	err = s.update(ctx, func(tx *bbolt.Tx) error {
		added = 0
		// Posts written where nothing is stored between them (run's new
		// posts, after everything stored; an import, a chunk at a time in
		// key order) fill their pages to 95% instead of half: nothing will
		// be inserted among these keys but by another such call.
		timeGap, keyGap := fillsGap(tx, posts)
		if timeGap {
			for _, name := range [][]byte{bucketPosts, bucketLinks, bucketLinkURLs} {
				tx.Bucket(name).FillPercent = appendFill
			}
		}
		if keyGap {
			tx.Bucket(bucketPostKeys).FillPercent = appendFill
		}
		for i, p := range posts {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
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
			return putCursor(tx, source, cursor)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("archive: save: %w", err)
	}
	return added, nil
}

// appendFill is the fill of the pages of buckets written in key order.
const appendFill = 0.95

// fillsGap reports whether no key is stored between the smallest and the
// largest key of posts: in the posts bucket (and the links', keyed alike)
// for timeGap, in the index of post keys for keyGap. The pages these posts
// go to can then be filled, since no key will come among them.
func fillsGap(tx *bbolt.Tx, posts []moisson.Post) (timeGap, keyGap bool) {
	if len(posts) == 0 {
		return false, false
	}
	var loT, hiT, loK, hiK []byte
	for _, p := range posts {
		rk := postRecordKey(timeKey(p.CreatedAt.UTC()), p.Key())
		if loT == nil || bytes.Compare(rk, loT) < 0 {
			loT = rk
		}
		if hiT == nil || bytes.Compare(rk, hiT) > 0 {
			hiT = rk
		}
		k := []byte(p.Key())
		if loK == nil || bytes.Compare(k, loK) < 0 {
			loK = k
		}
		if hiK == nil || bytes.Compare(k, hiK) > 0 {
			hiK = k
		}
	}
	empty := func(name, lo, hi []byte) bool {
		k, _ := tx.Bucket(name).Cursor().Seek(lo)
		return k == nil || bytes.Compare(k, hi) > 0
	}
	return empty(bucketPosts, loT, hiT), empty(bucketPostKeys, loK, hiK)
}

// checkPost refuses a post the store could not key.
func checkPost(p moisson.Post) error {
	switch {
	case p.ID == "" || p.Source == "":
		return fmt.Errorf("post %q has no id or no source", p.Key())
	case strings.IndexByte(p.Key(), 0) >= 0:
		return fmt.Errorf("post %q has a NUL byte in its key", p.Key())
	case p.CreatedAt.IsZero():
		return fmt.Errorf("post %s has no creation time", p.Key())
	case p.CreatedAt.Before(minKeyTime) || p.CreatedAt.After(maxKeyTime):
		return fmt.Errorf("post %s: creation time %s out of range", p.Key(), p.CreatedAt)
	case len(p.Key())+timeKeyLen+5 > bbolt.MaxKeySize:
		return fmt.Errorf("post %.40q...: key too long", p.Key())
	}
	return nil
}

// savePost writes p, its key in the index and its links, unless a post
// with the same key is stored already.
func savePost(tx *bbolt.Tx, p moisson.Post) (isNew bool, err error) {
	key := p.Key()
	index := tx.Bucket(bucketPostKeys)
	if index.Get([]byte(key)) != nil {
		return false, nil
	}
	if err := putPostRecords(tx, p); err != nil {
		return false, err
	}
	if err := index.Put([]byte(key), timeKey(p.CreatedAt.UTC())); err != nil {
		return false, fmt.Errorf("index post %s: %w", key, err)
	}
	return true, nil
}

// scanRange calls fn for each key of b whose timeKey prefix is in
// [from, to), in key order.
func scanRange(ctx context.Context, b *bbolt.Bucket, from, to time.Time, fn func(k, v []byte) error) error {
	if !to.After(from) {
		return nil
	}
	end := timeKey(to)
	c := b.Cursor()
	n := 0
	for k, v := c.Seek(timeKey(from)); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		if n++; n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// Posts returns the posts with from <= CreatedAt < to, by time then key.
func (s *Store) Posts(ctx context.Context, from, to time.Time) ([]moisson.Post, error) {
	var posts []moisson.Post
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		return scanRange(ctx, tx.Bucket(bucketPosts), from, to, func(k, v []byte) error {
			var p moisson.Post
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("decode post %q: %w", k[timeKeyLen:], err)
			}
			posts = append(posts, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("archive: posts from %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return posts, nil
}

// Links returns the links with from <= PostedAt < to, in posting order:
// by time, then post key, then order in the post. The same URL shared in
// two posts gives two links.
func (s *Store) Links(ctx context.Context, from, to time.Time) ([]moisson.Link, error) {
	var links []moisson.Link
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		return scanRange(ctx, tx.Bucket(bucketLinks), from, to, func(k, v []byte) error {
			var l moisson.Link
			if err := json.Unmarshal(v, &l); err != nil {
				return fmt.Errorf("decode link %q: %w", k[timeKeyLen:], err)
			}
			links = append(links, l)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("archive: links from %s to %s: %w", from.Format(time.RFC3339), to.Format(time.RFC3339), err)
	}
	return links, nil
}

// FirstPost returns the earliest CreatedAt stored, in UTC, or an error
// wrapping moisson.ErrNotFound when there is no post.
func (s *Store) FirstPost(ctx context.Context) (time.Time, error) {
	var first time.Time
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		k, v := tx.Bucket(bucketPosts).Cursor().First()
		if k == nil {
			return moisson.ErrNotFound
		}
		var p moisson.Post
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("decode post %q: %w", k[timeKeyLen:], err)
		}
		first = p.CreatedAt
		return nil
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("archive: first post: %w", err)
	}
	return first, nil
}

// PutPage stores the result of scraping p.URL, with Attempts set to the
// stored page's Attempts plus one. A failed result (an Error) never
// replaces a page scraped successfully: the good page is kept unchanged.
func (s *Store) PutPage(ctx context.Context, p moisson.Page) error {
	return s.PutPages(ctx, []moisson.Page{p})
}

// PutPages stores pages as PutPage does, all in one transaction.
func (s *Store) PutPages(ctx context.Context, pages []moisson.Page) error {
	for _, p := range pages {
		if p.URL == "" {
			return errors.New("archive: put page: empty url")
		}
		if len(p.URL) > bbolt.MaxKeySize {
			return fmt.Errorf("archive: put page %.60s...: url longer than %d bytes", p.URL, bbolt.MaxKeySize)
		}
	}
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		for _, p := range pages {
			if err := putPage(tx, p); err != nil {
				return fmt.Errorf("%s: %w", p.URL, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("archive: put page %w", err)
	}
	return nil
}

// pageKey is the key a page of url is stored under: url with its secrets
// hidden (moisson.RedactURL: a password given to `scrape`, a token in
// its query, percent-encoded or not), so that the store never holds
// them; RedactURL names two URLs apart, and a URL with nothing to hide is
// its own key.
func pageKey(url string) string { return moisson.RedactURL(url) }

func putPage(tx *bbolt.Tx, p moisson.Page) error {
	p.URL = pageKey(p.URL)
	key := []byte(p.URL)
	states := tx.Bucket(bucketPageState)
	if v := states.Get(key); v != nil {
		prev, ok := decodePageState(v)
		if !ok {
			return fmt.Errorf("unreadable page state %x", v)
		}
		if prev.ok && !p.OK() {
			return nil
		}
		p.Attempts = prev.attempts + 1
		if p.ArchiveURL == "" || !p.Image.Stored() {
			if old, found, err := getPage(tx, p.URL); err == nil && found {
				if p.ArchiveURL == "" {
					// The capture made when the link was shared
					// outlives a scrape of the page again.
					p.ArchiveURL = old.ArchiveURL
				}
				if !p.Image.Stored() && old.Image.Stored() && (p.Image == nil || p.Image.URL == old.Image.URL) {
					// So does the image stored before, when the page
					// names the same one (its fetch failed, or it was
					// not fetched again) or none any more.
					p.Image = old.Image
				}
			}
		}
	} else {
		p.Attempts = 1
	}
	if err := putImage(tx, &p); err != nil {
		return err
	}
	p.FetchedAt = p.FetchedAt.UTC()
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	if err := tx.Bucket(bucketPages).Put(key, data); err != nil {
		return err
	}
	return states.Put(key, encodePageState(pageState{ok: p.OK(), permanent: p.Permanent, attempts: p.Attempts}))
}

// putImage stores the files of p's image (p.ImageFiles) under its name,
// and marks p's image as having a post copy when one is stored, from
// this scrape or an earlier one.
func putImage(tx *bbolt.Tx, p *moisson.Page) error {
	files := p.ImageFiles
	p.ImageFiles = nil
	b := tx.Bucket(bucketImages)
	if img := p.Image; img != nil && !img.Stored() && img.URL != "" && img.Error == "" {
		// An image not fetched because it is stored already (the
		// scraper's HasImage), for this page or another one.
		p.Image = storedImage(b, *img)
	}
	if !p.Image.Stored() {
		return nil
	}
	if files != nil {
		if len(files.Thumb) > 0 {
			if err := b.Put(imageKey(p.Image.Name, false), files.Thumb); err != nil {
				return fmt.Errorf("put image: %w", err)
			}
		}
		if len(files.Post) > 0 {
			if err := b.Put(imageKey(p.Image.Name, true), files.Post); err != nil {
				return fmt.Errorf("put image: %w", err)
			}
		}
	}
	if !p.Image.Post && b.Get(imageKey(p.Image.Name, true)) != nil {
		img := *p.Image
		img.Post = true
		p.Image = &img
	}
	return nil
}

// storedImage returns img with its Name, Post and size when its files
// are in b, the size read from the stored JPEG's header; img as it is
// otherwise.
func storedImage(b *bbolt.Bucket, img moisson.Image) *moisson.Image {
	name := moisson.ImageName(img.URL)
	for _, post := range []bool{true, false} {
		v := b.Get(imageKey(name, post))
		if v == nil {
			continue
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(v))
		if err != nil {
			continue
		}
		img.Name, img.Post, img.Width, img.Height = name, post, cfg.Width, cfg.Height
		break
	}
	return &img
}

// imageKey is the key of an image's thumbnail ("t/" + name) or post copy
// ("p/" + name).
func imageKey(name string, post bool) []byte {
	if post {
		return []byte("p/" + name)
	}
	return []byte("t/" + name)
}

// HasImage reports whether the files of the image named name are stored:
// its thumbnail, and its post copy too when post.
func (s *Store) HasImage(ctx context.Context, name string, post bool) bool {
	found := false
	_ = s.view(ctx, func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketImages)
		found = b.Get(imageKey(name, false)) != nil && (!post || b.Get(imageKey(name, true)) != nil)
		return nil
	})
	return found
}

// ImageFile returns the bytes of the image stored under name
// (moisson.Image.Name): its post copy when post, else its thumbnail; an
// error wrapping moisson.ErrNotFound when there is none.
func (s *Store) ImageFile(ctx context.Context, name string, post bool) ([]byte, error) {
	var data []byte
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		v := tx.Bucket(bucketImages).Get(imageKey(name, post))
		if v == nil {
			return moisson.ErrNotFound
		}
		data = append([]byte(nil), v...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: image %s: %w", name, err)
	}
	return data, nil
}

// getPage decodes the page stored for url; found is false when there is
// none.
func getPage(tx *bbolt.Tx, url string) (p moisson.Page, found bool, err error) {
	v := tx.Bucket(bucketPages).Get([]byte(pageKey(url)))
	if v == nil {
		return moisson.Page{}, false, nil
	}
	if err := json.Unmarshal(v, &p); err != nil {
		return moisson.Page{}, false, fmt.Errorf("decode page %s: %w", url, err)
	}
	return p, true, nil
}

// Page returns the page stored for url, or an error wrapping
// moisson.ErrNotFound.
func (s *Store) Page(ctx context.Context, url string) (moisson.Page, error) {
	var p moisson.Page
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		var found bool
		var err error
		p, found, err = getPage(tx, url)
		if err == nil && !found {
			err = moisson.ErrNotFound
		}
		return err
	})
	if err != nil {
		return moisson.Page{}, fmt.Errorf("archive: page %s: %w", url, err)
	}
	return p, nil
}

// Pages returns the pages stored for urls, keyed by URL; the URLs with no
// page are left out.
func (s *Store) Pages(ctx context.Context, urls []string) (map[string]moisson.Page, error) {
	pages := make(map[string]moisson.Page)
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		for _, u := range urls {
			p, found, err := getPage(tx, u)
			if err != nil {
				return err
			}
			if found {
				pages[u] = p
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: pages: %w", err)
	}
	return pages, nil
}

// Pending returns the links that still need scraping, oldest first, one
// per URL (its first sharing), at most limit of them (0 for all): links
// with no page, and links whose page failed with Permanent false and
// Attempts < maxAttempts (so maxAttempts <= 0 retries nothing). When since
// is not zero, links posted before it are left out.
func (s *Store) Pending(ctx context.Context, since time.Time, maxAttempts, limit int) ([]moisson.Link, error) {
	var pending []moisson.Link
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		links, states := tx.Bucket(bucketLinks), tx.Bucket(bucketPageState)
		c := tx.Bucket(bucketLinkURLs).Cursor()
		k, v := c.First()
		if !since.IsZero() {
			k, v = c.Seek(timeKey(since))
		}
		// seen holds only the URLs already returned: the others are not
		// pending, and their page state says so every time.
		seen := make(map[string]bool)
		for n := 1; k != nil; k, v = c.Next() {
			if n++; n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if st := states.Get([]byte(pageKey(string(v)))); st != nil {
				state, ok := decodePageState(st)
				if !ok {
					return fmt.Errorf("unreadable page state %x of %s", st, v)
				}
				if !state.retry(maxAttempts) {
					continue
				}
			}
			if seen[string(v)] {
				continue
			}
			var l moisson.Link
			if err := json.Unmarshal(links.Get(k), &l); err != nil {
				return fmt.Errorf("decode link %q: %w", k[timeKeyLen:], err)
			}
			seen[string(v)] = true
			pending = append(pending, l)
			if limit > 0 && len(pending) >= limit {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: pending: %w", err)
	}
	return pending, nil
}

// Failed returns the stored pages that have an Error, permanent or not, by
// URL, at most limit of them (0 for all).
func (s *Store) Failed(ctx context.Context, limit int) ([]moisson.Page, error) {
	var failed []moisson.Page
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketPageState).Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if n++; n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			state, ok := decodePageState(v)
			if !ok {
				return fmt.Errorf("unreadable page state %x of %s", v, k)
			}
			if state.ok {
				continue
			}
			p, found, err := getPage(tx, string(k))
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("page %s has a state but no page", k)
			}
			failed = append(failed, p)
			if limit > 0 && len(failed) >= limit {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: failed pages: %w", err)
	}
	return failed, nil
}

// Cursor returns where source stopped, "" when it has no cursor.
func (s *Store) Cursor(ctx context.Context, source string) (string, error) {
	var cursor string
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		cursor = string(tx.Bucket(bucketCursors).Get([]byte(source)))
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("archive: cursor of %s: %w", source, err)
	}
	return cursor, nil
}

// SetCursor records where source stopped; "" forgets it. Prefer Save with
// the posts read up to that cursor, which writes both at once.
func (s *Store) SetCursor(ctx context.Context, source, value string) error {
	if source == "" {
		return errors.New("archive: set cursor: empty source")
	}
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		return putCursor(tx, source, value)
	})
	if err != nil {
		return fmt.Errorf("archive: set cursor of %s: %w", source, err)
	}
	return nil
}

func putCursor(tx *bbolt.Tx, source, value string) error {
	b := tx.Bucket(bucketCursors)
	if value == "" {
		return b.Delete([]byte(source))
	}
	if err := b.Put([]byte(source), []byte(value)); err != nil {
		return fmt.Errorf("put cursor of %s: %w", source, err)
	}
	return nil
}

// SetCursors records several cursors in one transaction ("" forgets
// one): a source's records that must change together.
func (s *Store) SetCursors(ctx context.Context, values map[string]string) error {
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		for k, v := range values {
			if k == "" {
				return errors.New("empty source")
			}
			if err := putCursor(tx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("archive: set cursors: %w", err)
	}
	return nil
}

// Cursors returns every source's cursor, keyed by source name.
func (s *Store) Cursors(ctx context.Context) (map[string]string, error) {
	cursors := make(map[string]string)
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketCursors).ForEach(func(k, v []byte) error {
			cursors[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("archive: cursors: %w", err)
	}
	return cursors, nil
}

// PutPublication records p, replacing any publication of the same Week.
func (s *Store) PutPublication(ctx context.Context, p moisson.Publication) error {
	if p.Week == "" {
		return errors.New("archive: put publication: empty week")
	}
	err := s.update(ctx, func(tx *bbolt.Tx) error {
		p.PublishedAt = p.PublishedAt.UTC()
		data, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		return tx.Bucket(bucketPublications).Put([]byte(p.Week), data)
	})
	if err != nil {
		return fmt.Errorf("archive: put publication %s: %w", p.Week, err)
	}
	return nil
}

// Publication returns the publication of week ("2014-W40"), or an error
// wrapping moisson.ErrNotFound.
func (s *Store) Publication(ctx context.Context, week string) (moisson.Publication, error) {
	var p moisson.Publication
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		v := tx.Bucket(bucketPublications).Get([]byte(week))
		if v == nil {
			return moisson.ErrNotFound
		}
		return json.Unmarshal(v, &p)
	})
	if err != nil {
		return moisson.Publication{}, fmt.Errorf("archive: publication %s: %w", week, err)
	}
	return p, nil
}

// Publications returns every publication, sorted by week.
func (s *Store) Publications(ctx context.Context) ([]moisson.Publication, error) {
	var pubs []moisson.Publication
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketPublications).ForEach(func(k, v []byte) error {
			var p moisson.Publication
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("decode publication %s: %w", k, err)
			}
			pubs = append(pubs, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("archive: publications: %w", err)
	}
	return pubs, nil
}

// Stats counts what the store holds.
type Stats struct {
	// Posts and Links count every post and link stored; a URL shared twice
	// counts as two links.
	Posts, Links int
	// Pages counts the pages stored, scraped successfully or not; Failed
	// those among them that have an Error.
	Pages, Failed int
	// Pending counts the distinct shared URLs that have no page yet. The
	// failed pages that may be retried are counted in Failed, not here.
	Pending int
}

// Stats counts the posts, links and pages stored.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		st.Posts = tx.Bucket(bucketPosts).Stats().KeyN
		st.Links = tx.Bucket(bucketLinks).Stats().KeyN
		states := tx.Bucket(bucketPageState)
		n := 0
		err := states.ForEach(func(k, v []byte) error {
			if n++; n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			st.Pages++
			if state, ok := decodePageState(v); ok && !state.ok {
				st.Failed++
			}
			return nil
		})
		if err != nil {
			return err
		}
		seen := make(map[string]bool)
		return tx.Bucket(bucketLinkURLs).ForEach(func(k, v []byte) error {
			if n++; n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if states.Get([]byte(pageKey(string(v)))) == nil && !seen[string(v)] {
				seen[string(v)] = true
				st.Pending++
			}
			return nil
		})
	})
	if err != nil {
		return Stats{}, fmt.Errorf("archive: stats: %w", err)
	}
	return st, nil
}
