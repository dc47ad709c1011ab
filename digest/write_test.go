package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/moisson/moisson"
)

func TestWrite(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	d := Build(week, links, pages, cfg)
	blog := t.TempDir()
	now := time.Date(2014, 10, 3, 18, 5, 0, 0, time.UTC)

	pub, changed, err := Write(blog, d, cfg, now, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Error("first Write: changed = false")
	}
	content := Render(d, cfg)
	sum := sha256.Sum256(content)
	want := moisson.Publication{
		Week: "2014-W40", Path: "_posts/2014-10-03-compilation-veille.md",
		Hash: hex.EncodeToString(sum[:]), Links: d.Links, PublishedAt: now,
	}
	if diff := cmp.Diff(want, pub); diff != "" {
		t.Errorf("Publication (-want +got):\n%s", diff)
	}
	file := filepath.Join(blog, "_posts", "2014-10-03-compilation-veille.md")
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(content) {
		t.Error("the file does not hold the rendered post")
	}
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v, want 0644", info.Mode().Perm())
	}

	// The same content again: not rewritten. An old modification time set
	// on the file shows it was not touched.
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	pub2, changed, err := Write(blog, d, cfg, now.Add(time.Hour), WriteOptions{Previous: &pub})
	if err != nil {
		t.Fatal(err)
	}
	if changed {
		t.Error("second Write of the same content: changed = true")
	}
	if pub2.Hash != pub.Hash || pub2.Path != pub.Path {
		t.Errorf("second Write: %+v, want the same hash and path as %+v", pub2, pub)
	}
	if info, err := os.Stat(file); err != nil || !info.ModTime().Equal(old) {
		t.Errorf("the file was rewritten (mod time %v, %v)", info.ModTime(), err)
	}

	// New content: replaced.
	d.Sections = d.Sections[:1]
	pub3, changed, err := Write(blog, d, cfg, now, WriteOptions{Previous: &pub})
	if err != nil {
		t.Fatal(err)
	}
	if !changed || pub3.Hash == pub.Hash {
		t.Errorf("Write of new content: changed = %v, hash %s", changed, pub3.Hash)
	}
	if got, err := os.ReadFile(file); err != nil || string(got) != string(Render(d, cfg)) {
		t.Errorf("the file does not hold the new post (%v)", err)
	}

	// No temporary file is left behind.
	entries, err := os.ReadDir(filepath.Join(blog, "_posts"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("_posts holds %v, want only the post", names)
	}
}

func TestWriteHugo(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	cfg.Format = FormatHugo
	blog := t.TempDir()
	pub, _, err := Write(blog, Build(week, links, pages, cfg), cfg, week.End, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if pub.Path != "content/posts/2014-10-03-compilation-veille.md" {
		t.Errorf("Path = %s", pub.Path)
	}
	if _, err := os.Stat(filepath.Join(blog, "content", "posts", "2014-10-03-compilation-veille.md")); err != nil {
		t.Error(err)
	}
}

func TestWriteErrors(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := DefaultConfig()
	d := Build(week, links, pages, cfg)
	blog := t.TempDir()
	// _posts is a file: the directory cannot be made.
	if err := os.WriteFile(filepath.Join(blog, "_posts"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, changed, err := Write(blog, d, cfg, week.End, WriteOptions{}); err == nil || changed {
		t.Errorf("Write into a file = %v, %v; want an error", changed, err)
	}
}
