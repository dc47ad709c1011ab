package weekly

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/moisson/moisson/digest"
)

// Thumbnail returns the JPEG thumbnail of a page's preview image stored
// under name (moisson.Image.Name), for the review page; an error
// wrapping moisson.ErrNotFound when there is none.
func (s *Service) Thumbnail(ctx context.Context, name string) ([]byte, error) {
	data, err := s.Store.ImageFile(ctx, name, false)
	if err != nil {
		return nil, fmt.Errorf("weekly: thumbnail: %w", err)
	}
	return data, nil
}

// imagePaths are the blog-relative paths of the images the post of d
// shows (MOISSON_IMAGES): written with the post, committed with it.
func (s *Service) imagePaths(d digest.Digest) []string {
	var paths []string
	for _, name := range s.Digest.Images(d) {
		paths = append(paths, path.Join(filepath.ToSlash(s.ImagesDir), name))
	}
	return paths
}

// writeImages writes into the blog the images the post of d shows, from
// the store, before the post itself: a post never names an image that
// is not there. An image already there with the same bytes is left
// alone; each file is replaced atomically.
func (s *Service) writeImages(ctx context.Context, d digest.Digest) error {
	if s.BlogDir == "" || s.ImagesDir == "" {
		return nil
	}
	for _, rel := range s.imagePaths(d) {
		file := filepath.Join(s.BlogDir, filepath.FromSlash(rel))
		data, err := s.Store.ImageFile(ctx, path.Base(rel), true)
		if err != nil {
			return fmt.Errorf("week %s: image %s: %w", d.Week.ID, rel, err)
		}
		if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := writeFileAtomic(file, data); err != nil {
			return fmt.Errorf("week %s: %w", d.Week.ID, err)
		}
	}
	return nil
}

// writeFileAtomic writes data to file through a temporary file in the
// same folder and a rename: a site generator watching the folder never
// reads half an image.
func writeFileAtomic(file string, data []byte) (err error) {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create directory %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}

// cardImage is the JPEG of the post's own image named name, for the
// announcement's link card: its post copy when stored (sharper in a
// card), else its thumbnail; nil when there is none. A store that cannot
// read it costs the card its image, not the announcement.
func (s *Service) cardImage(ctx context.Context, name string) []byte {
	if name == "" {
		return nil
	}
	for _, post := range []bool{true, false} {
		if data, err := s.Store.ImageFile(ctx, name, post); err == nil {
			return data
		}
	}
	return nil
}
