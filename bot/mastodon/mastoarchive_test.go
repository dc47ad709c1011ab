package mastodon

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
)

// writeMastodonArchive writes the export as Mastodon does: a tar.gz with
// actor.json, outbox.json, likes.json, bookmarks.json and the media.
func writeMastodonArchive(t *testing.T, dir string, outbox []byte) string {
	t.Helper()
	name := filepath.Join(dir, "archive-20241005120000-3f1c0a9e2b7d4e5f6a8b0c1d3e5f7a9b.tar.gz")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	files := []struct {
		name string
		body []byte
	}{
		{"actor.json", []byte(`{"@context":["https://www.w3.org/ns/activitystreams"],"id":"https://mastodon.social/users/janedoe","type":"Person","preferredUsername":"janedoe","url":"https://mastodon.social/@janedoe"}`)},
		{"media_attachments/files/109/302/original/a.png", []byte("\x89PNG\r\n\x1a\n")},
		{"outbox.json", outbox},
		{"likes.json", []byte(`{"@context":"https://www.w3.org/ns/activitystreams","id":"likes.json","type":"OrderedCollection","orderedItems":[]}`)},
	}
	for _, fl := range files {
		if err := tw.WriteHeader(&tar.Header{Name: fl.name, Mode: 0o644, Size: int64(len(fl.body)), Typeflag: tar.TypeReg, ModTime: time.Date(2024, 10, 5, 12, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(fl.body); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []interface{ Close() error }{tw, gz, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return name
}

func readMastoOutbox(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mastodon", "outbox.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func wantMastoArchivePosts() []moisson.Post {
	return []moisson.Post{
		{
			ID: "113231108505600000", Source: "mastodon", CreatedAt: time.Date(2024, 10, 1, 8, 0, 0, 0, time.UTC),
			Text:     "Deux lectures : https://go.dev/blog/range-functions #GoLang via @bob",
			URLs:     []string{"https://go.dev/blog/range-functions"},
			Hashtags: []string{"GoLang"},
			Via:      "@bob@hachyderm.io", ViaURL: "https://hachyderm.io/@bob",
		},
		{
			ID: "113237177139200000", Source: "mastodon", CreatedAt: time.Date(2024, 10, 2, 9, 43, 22, 0, time.UTC),
			Text:  "@bob voilà : https://example.com/reply",
			URLs:  []string{"https://example.com/reply"},
			Reply: true,
		},
		{
			ID: "113237242675200000", Source: "mastodon", CreatedAt: time.Date(2024, 10, 2, 10, 0, 0, 0, time.UTC),
			Text: "2/ et la suite ici https://blog.example.net/suite",
			URLs: []string{"https://blog.example.net/suite"},
		},
	}
}

func TestReadMastodonArchive(t *testing.T) {
	outbox := readMastoOutbox(t)
	dir := t.TempDir()
	tgz := writeMastodonArchive(t, dir, outbox)

	zipName := filepath.Join(dir, "archive.zip")
	zf, err := os.Create(zipName)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	w, err := zw.Create("outbox.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(outbox); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}

	for _, p := range []string{tgz, zipName, filepath.Join("testdata", "mastodon"), filepath.Join("testdata", "mastodon", "outbox.json")} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			posts, err := ReadArchive(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantMastoArchivePosts(), posts); diff != "" {
				t.Errorf("posts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadMastodonArchiveErrors(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"no-items.json": `{"type":"OrderedCollection"}`,
		"broken.json":   `{"orderedItems":[{"type":"Create","object":{`,
		"array.json":    `[]`,
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadArchive(context.Background(), p); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// An archive whose outbox.json is empty.
	if _, err := ReadArchive(context.Background(), writeMastodonArchive(t, dir, nil)); err == nil {
		t.Error("an empty outbox.json: no error")
	}
	if _, err := ReadArchive(context.Background(), filepath.Join(dir, "missing.tar.gz")); err == nil {
		t.Error("a missing file: no error")
	}
}
