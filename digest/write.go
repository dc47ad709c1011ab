package digest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/moisson/moisson"
)

// Write renders d and writes it into blogDir at d.Path(cfg), creating the
// directories it needs. The file is replaced atomically: written to a
// temporary file in the same directory, then renamed, so a reader (or a
// Jekyll watching the directory) never sees half a post.
//
// When the file already holds exactly this content it is left alone and
// changed is false. The Publication is returned either way, with the path
// relative to blogDir, the SHA-256 of the content and now as PublishedAt.
func Write(blogDir string, d Digest, cfg Config, now time.Time) (pub moisson.Publication, changed bool, err error) {
	content := Render(d, cfg)
	sum := sha256.Sum256(content)
	rel := d.Path(cfg)
	pub = moisson.Publication{
		Week:        d.Week.ID,
		Path:        rel,
		Hash:        hex.EncodeToString(sum[:]),
		Links:       d.Links,
		PublishedAt: now,
	}
	file := filepath.Join(blogDir, filepath.FromSlash(rel))

	old, err := os.ReadFile(file)
	switch {
	case err == nil && bytes.Equal(old, content):
		return pub, false, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return pub, false, fmt.Errorf("digest: read %s: %w", file, err)
	}
	if err := writeAtomic(file, content); err != nil {
		return pub, false, err
	}
	return pub, true, nil
}

func writeAtomic(file string, content []byte) (err error) {
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("digest: create directory %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return fmt.Errorf("digest: write %s: %w", file, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(content); err != nil {
		return fmt.Errorf("digest: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("digest: chmod %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("digest: sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("digest: close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("digest: rename %s to %s: %w", tmp.Name(), file, err)
	}
	return nil
}
