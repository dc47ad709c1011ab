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
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// WriteOptions are what Write needs to know besides the post.
type WriteOptions struct {
	// Previous is the week's publication as last recorded, nil when the
	// week was never written: its Path and Hash are what moisson last
	// wrote, which tells a file moisson wrote from one the author edited.
	Previous *moisson.Publication
	// Force overwrites the file even when it was edited by hand
	// (`digest --force`).
	Force bool
	// Draft writes the post as a draft, as Config.Draft does (either one
	// is enough).
	Draft bool
}

// ConflictError is returned by Write when the post's file holds something
// moisson did not write: the author edited it by hand since (its hash is
// not the previous publication's), or moisson never wrote it. The file is
// left as it is.
type ConflictError struct {
	// Path is the file, as given to Write (blogDir joined with the post's
	// path).
	Path string
}

func (e *ConflictError) Error() string {
	return "digest: " + e.Path + " was edited by hand since moisson wrote it; use --force to overwrite"
}

// ConflictReason is what moisson.Publication.Conflict holds for a file
// edited by hand.
const ConflictReason = "edited by hand since moisson wrote it"

// Write renders d and writes it into blogDir at d.Path(cfg), creating the
// directories it needs. The file is replaced atomically: written to a
// temporary file in the same directory, then renamed, so a reader (or a
// Jekyll watching the directory) never sees half a post.
//
// The post is dated with the week's cutoff, or with now when the cutoff is
// still ahead: a post dated in the future is not built by Jekyll nor Hugo.
// With opts.Draft or cfg.Draft it is written as a draft (see Config.Draft).
//
// When the file already holds exactly this content it is left alone and
// changed is false. When it holds anything else that moisson did not write
// (its SHA-256 is not opts.Previous's Hash at the same Path, or there is no
// previous publication) Write leaves it alone too and returns a
// *ConflictError, unless opts.Force. The Publication is returned in every
// case, with the path relative to blogDir, the SHA-256 of the content, the
// draft state and now as PublishedAt; on a conflict its Conflict says so
// and its Hash is still that of the content moisson would have written.
//
// When opts.Previous names another path (the title, slug, folder or file
// name pattern changed since), the old file is renamed to the new path
// first, then rewritten: a week never has two files. The caller records
// the move (for git: opts.Previous.Path removed, the new path added). An
// old file edited by hand is neither moved nor changed: Write returns a
// *ConflictError naming it, and the Publication keeps the old Path; the
// same when a file moisson did not write is in the way at the new path.
func Write(blogDir string, d Digest, cfg Config, now time.Time, opts WriteOptions) (pub moisson.Publication, changed bool, err error) {
	date := d.Week.End
	if !now.IsZero() && now.Before(date) {
		date = now.Truncate(time.Second)
	}
	cfg.Draft = cfg.Draft || opts.Draft
	content, err := cfg.post(d, date)
	if err != nil {
		return moisson.Publication{Week: d.Week.ID}, false, err
	}
	rel := d.Path(cfg)
	pub = moisson.Publication{
		Week:        d.Week.ID,
		Path:        rel,
		Hash:        hashOf(content),
		Links:       d.Links,
		PublishedAt: now,
		Draft:       cfg.Draft,
	}
	file := filepath.Join(blogDir, filepath.FromSlash(rel))

	if prev := opts.Previous; prev != nil && prev.Path != "" && prev.Path != rel {
		moved, err := move(blogDir, *prev, rel, opts.Force)
		var conflict *ConflictError
		if errors.As(err, &conflict) {
			pub.Path = prev.Path
			if conflict.Path == file {
				pub.Path = rel
			}
			pub.Conflict = ConflictReason
			return pub, false, err
		}
		if err != nil {
			return pub, false, err
		}
		if moved {
			p := *prev
			p.Path = rel
			opts.Previous = &p
		}
	}

	old, err := os.ReadFile(file)
	switch {
	case err == nil && bytes.Equal(old, content):
		return pub, false, nil
	case err == nil && !opts.Force && !wroteIt(opts.Previous, rel, old):
		pub.Conflict = ConflictReason
		return pub, false, &ConflictError{Path: file}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return pub, false, fmt.Errorf("digest: read %s: %w", file, err)
	}
	if err := writeAtomic(file, content); err != nil {
		return pub, false, err
	}
	return pub, true, nil
}

// move renames the file of prev, the week's previous publication, to rel,
// the week's new path, when the title, slug or file name pattern changed:
// a week never has two files. It moves nothing (and reports a
// *ConflictError) when the old file was edited by hand since moisson
// wrote it (unless force) or when a file moisson did not write is already
// at rel. moved is false when there was no old file.
func move(blogDir string, prev moisson.Publication, rel string, force bool) (moved bool, err error) {
	from := filepath.Join(blogDir, filepath.FromSlash(prev.Path))
	to := filepath.Join(blogDir, filepath.FromSlash(rel))
	old, err := os.ReadFile(from)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("digest: read %s: %w", from, err)
	case !force && !wroteIt(&prev, prev.Path, old):
		return false, &ConflictError{Path: from}
	}
	if _, err := os.Lstat(to); err == nil {
		if !force {
			return false, &ConflictError{Path: to}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("digest: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return false, fmt.Errorf("digest: create directory %s: %w", filepath.Dir(to), err)
	}
	if err := os.Rename(from, to); err != nil {
		return false, fmt.Errorf("digest: rename %s to %s: %w", from, to, err)
	}
	return true, nil
}

// wroteIt reports whether old, the content of the post at rel, is what
// moisson last wrote there according to prev.
func wroteIt(prev *moisson.Publication, rel string, old []byte) bool {
	return prev != nil && prev.Path == rel && prev.Hash != "" && prev.Hash == hashOf(old)
}

// hashOf is the SHA-256 of content, hex encoded: Publication.Hash.
func hashOf(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
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

// DetectFrontMatter returns the front matter a site in blogDir expects:
// TOML for a Hugo site configured in TOML (hugo.toml or config.toml,
// which `hugo new site` writes, and whose archetypes use TOML), YAML for
// every other site but Zola's (TOML, always). It reads only the
// configuration files' names.
func DetectFrontMatter(blogDir string, format Format) FrontMatterFormat {
	switch format {
	case FormatZola:
		return TOML
	case FormatHugo:
	default:
		return YAML
	}
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"} {
		if _, err := os.Stat(filepath.Join(blogDir, name)); err == nil {
			if strings.HasSuffix(name, ".toml") {
				return TOML
			}
			return YAML
		}
	}
	return YAML
}
