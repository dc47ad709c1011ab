package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
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

func TestWriteConflict(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	d := Build(week, links, pages, cfg)
	now := week.End.Add(time.Minute)
	blog := t.TempDir()
	file := filepath.Join(blog, "_posts", "2014-10-03-compilation-veille.md")

	pub, _, err := Write(blog, d, cfg, now, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The author edits the post by hand.
	edited := strings.Replace(string(Render(d, cfg)), "La moisson de liens", "Ma moisson de liens", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}

	// Regenerated with a change (an entry hidden): the file is kept.
	hidden := Apply(d, moisson.WeekEdits{Entries: map[string]moisson.EntryEdit{keyFastly: {Hidden: true}}})
	for _, prev := range []*moisson.Publication{&pub, nil} {
		got, changed, err := Write(blog, hidden, cfg, now, WriteOptions{Previous: prev})
		var conflict *ConflictError
		if !errors.As(err, &conflict) || changed {
			t.Fatalf("Write over a hand-edited file (previous %v) = %v, %v; want a *ConflictError", prev != nil, changed, err)
		}
		if conflict.Path != file {
			t.Errorf("ConflictError.Path = %q, want %q", conflict.Path, file)
		}
		if want := "digest: " + file + " was edited by hand since moisson wrote it; use --force to overwrite"; err.Error() != want {
			t.Errorf("error = %q, want %q", err, want)
		}
		if got.Conflict == "" || got.Week != "2014-W40" || got.Path != pub.Path {
			t.Errorf("publication on a conflict = %+v", got)
		}
		if data, err := os.ReadFile(file); err != nil || string(data) != edited {
			t.Errorf("the hand-edited file was changed (%v)", err)
		}
	}

	// Forced: regenerated.
	got, changed, err := Write(blog, hidden, cfg, now, WriteOptions{Previous: &pub, Force: true})
	if err != nil || !changed {
		t.Fatalf("forced Write = %v, %v", changed, err)
	}
	want := Render(hidden, cfg)
	if data, err := os.ReadFile(file); err != nil || string(data) != string(want) {
		t.Errorf("the forced Write did not regenerate the post (%v)", err)
	}
	if got.Conflict != "" || got.Hash != hashOf(want) {
		t.Errorf("forced publication = %+v", got)
	}

	// A file moisson never wrote (no previous publication, or one of
	// another path) is not overwritten either.
	other := t.TempDir()
	name := filepath.Join(other, "_posts", "2014-10-03-compilation-veille.md")
	writeFile(t, name, "---\ntitle: mine\n---\n")
	elsewhere := moisson.Publication{Week: "2014-W40", Path: "_posts/2014-10-04-compilation-veille.md", Hash: hashOf([]byte("---\ntitle: mine\n---\n"))}
	for _, prev := range []*moisson.Publication{nil, &elsewhere} {
		var conflict *ConflictError
		if _, _, err := Write(other, d, cfg, now, WriteOptions{Previous: prev}); !errors.As(err, &conflict) {
			t.Errorf("Write over a file moisson never wrote = %v, want a *ConflictError", err)
		}
	}
	if data, err := os.ReadFile(name); err != nil || string(data) != "---\ntitle: mine\n---\n" {
		t.Errorf("a file moisson never wrote was changed (%v)", err)
	}

	// The file as moisson wrote it, the same content: no conflict, no write.
	if _, changed, err := Write(blog, hidden, cfg, now, WriteOptions{Previous: &got}); err != nil || changed {
		t.Errorf("Write of the same content = %v, %v", changed, err)
	}
}

func TestWriteDate(t *testing.T) {
	week, links, pages := fixture(t)
	cfg := configured(t)
	d := Build(week, links, pages, cfg)
	tests := []struct {
		name string
		now  time.Time
		want string
	}{
		{"after the cutoff", week.End.Add(72 * time.Hour), "date: 2014-10-03 18:00:00 +0200\n"},
		{"at the cutoff", week.End, "date: 2014-10-03 18:00:00 +0200\n"},
		{"before the cutoff", time.Date(2014, 10, 1, 9, 30, 15, 500, time.UTC), "date: 2014-10-01 11:30:15 +0200\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			blog := t.TempDir()
			pub, _, err := Write(blog, d, cfg, tc.now, WriteOptions{Draft: true})
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(blog, filepath.FromSlash(pub.Path)))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tc.want) || !strings.Contains(string(data), "\npublished: false\n---\n") {
				t.Errorf("front matter:\n%s\nwant %q and published: false", data[:strings.Index(string(data), "\n\n")], tc.want)
			}
			if !pub.Draft || pub.Path != "_posts/2014-10-03-compilation-veille.md" {
				t.Errorf("publication = %+v, want a draft at the post's path", pub)
			}
		})
	}
}
