package bluesky

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
)

// carWriter builds a repository export the way a PDS writes one: DAG-CBOR
// blocks (map keys sorted length first), CIDv1 dag-cbor sha2-256, a CAR v1
// header naming the commit.
type carWriter struct {
	t      testing.TB
	em     cbor.EncMode
	blocks [][2][]byte // cid, data
}

func newCARWriter(t testing.TB) *carWriter {
	em, err := cbor.EncOptions{Sort: cbor.SortLengthFirst}.EncMode()
	if err != nil {
		t.Fatal(err)
	}
	return &carWriter{t: t, em: em}
}

// put encodes v as a block and returns its link.
func (w *carWriter) put(v any) cbor.Tag {
	data, err := w.em.Marshal(v)
	if err != nil {
		w.t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	cid := append([]byte{0x01, 0x71, 0x12, 0x20}, sum[:]...)
	w.blocks = append(w.blocks, [2][]byte{cid, data})
	return cbor.Tag{Number: 42, Content: append([]byte{0}, cid...)}
}

// bytes returns the CAR file with root first in its header.
func (w *carWriter) bytes(root cbor.Tag) []byte {
	var out bytes.Buffer
	section := func(parts ...[]byte) {
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		out.Write(binary.AppendUvarint(nil, uint64(n)))
		for _, p := range parts {
			out.Write(p)
		}
	}
	head, err := w.em.Marshal(map[string]any{"version": 1, "roots": []cbor.Tag{root}})
	if err != nil {
		w.t.Fatal(err)
	}
	section(head)
	for _, b := range w.blocks {
		section(b[0], b[1])
	}
	return out.Bytes()
}

const (
	carDID   = "did:plc:z72i7hdynmk6r22z27h6tvur"
	aliceDID = "did:plc:alice3k2j4h5g6f7d8s9a0"
)

// writeTestCAR writes janedoe's repository: a profile and a like under the
// root's left subtree, two posts at the root, a third post and a repost in
// the subtree of the second.
func writeTestCAR(t testing.TB) []byte {
	w := newCARWriter(t)
	facet := func(text, shown, typ, key, val string) map[string]any {
		i := strings.Index(text, shown)
		return map[string]any{
			"$type":    "app.bsky.richtext.facet",
			"index":    map[string]any{"byteStart": i, "byteEnd": i + len(shown)},
			"features": []any{map[string]any{"$type": "app.bsky.richtext.facet#" + typ, key: val}},
		}
	}
	thumb := map[string]any{"$type": "blob", "ref": w.put(map[string]any{"x": 1}), "mimeType": "image/jpeg", "size": 48213}
	t1 := "Très bien écrit ☕️ : github.com/axboe/liburing/bl... #Linux"
	post1 := w.put(map[string]any{
		"$type": "app.bsky.feed.post", "createdAt": "2024-10-04T09:12:45.123Z", "langs": []string{"fr"}, "text": t1,
		"facets": []any{
			facet(t1, "github.com/axboe/liburing/bl...", "link", "uri", "https://github.com/axboe/liburing/blob/master/README"),
			facet(t1, "#Linux", "tag", "tag", "Linux"),
		},
	})
	post2 := w.put(map[string]any{
		"$type": "app.bsky.feed.post", "createdAt": "2024-10-03T18:00:00.000Z", "text": "À lire 👇 https://lwn.net/Articles/990012/",
		"facets": []any{facet("À lire 👇 https://lwn.net/Articles/990012/", "https://lwn.net/Articles/990012/", "link", "uri", "https://lwn.net/Articles/990012/")},
		"embed":  map[string]any{"$type": "app.bsky.embed.record", "record": map[string]any{"uri": "at://" + aliceDID + "/app.bsky.feed.post/3l5qqqqqqqq2a", "cid": "bafyreiquoted"}},
	})
	post3 := w.put(map[string]any{
		"$type": "app.bsky.feed.post", "createdAt": "2024-10-02T20:00:00.000Z", "text": "voilà",
		"reply": map[string]any{
			"root":   map[string]any{"uri": "at://" + aliceDID + "/app.bsky.feed.post/3l5eeeeeeee2a", "cid": "bafyreiroot"},
			"parent": map[string]any{"uri": "at://" + aliceDID + "/app.bsky.feed.post/3l5eeeeeeee2a", "cid": "bafyreiroot"},
		},
		"embed": map[string]any{"$type": "app.bsky.embed.external", "external": map[string]any{
			"uri": "https://blog.example.net/suite", "title": "La suite", "description": "Le deuxième épisode.", "thumb": thumb,
		}},
	})
	repost := w.put(map[string]any{"$type": "app.bsky.feed.repost", "createdAt": "2024-10-04T08:00:00.000Z",
		"subject": map[string]any{"uri": "at://" + aliceDID + "/app.bsky.feed.post/3l5zzzzzzzz2a", "cid": "bafyreirepost"}})
	profile := w.put(map[string]any{"$type": "app.bsky.actor.profile", "displayName": "Jane Doe"})
	like := w.put(map[string]any{"$type": "app.bsky.feed.like", "createdAt": "2024-10-01T00:00:00.000Z",
		"subject": map[string]any{"uri": "at://" + aliceDID + "/app.bsky.feed.post/3l5zzzzzzzz2a", "cid": "bafyreilike"}})

	entry := func(prefix int, key string, v cbor.Tag, tree any) map[string]any {
		return map[string]any{"p": prefix, "k": []byte(key), "v": v, "t": tree}
	}
	left := w.put(map[string]any{"l": nil, "e": []any{
		entry(0, "app.bsky.actor.profile/self", profile, nil),
		entry(9, "feed.like/3l5aaaaaaaa2a", like, nil),
	}})
	right := w.put(map[string]any{"l": nil, "e": []any{
		entry(0, "app.bsky.feed.post/3l6cccccccc2a", post3, nil),
		entry(14, "repost/3l6dddddddd2a", repost, nil),
	}})
	root := w.put(map[string]any{"l": left, "e": []any{
		entry(0, "app.bsky.feed.post/3l6aaaaaaaa2a", post1, nil),
		entry(22, "bbbbbbbb2a", post2, right),
	}})
	commit := w.put(map[string]any{"did": carDID, "version": 3, "data": root, "rev": "3l6eeeeeeee2a", "prev": nil, "sig": []byte("signature")})
	return w.bytes(commit)
}

func TestReadBlueskyCAR(t *testing.T) {
	path := filepath.Join(t.TempDir(), "repo.car")
	if err := os.WriteFile(path, writeTestCAR(t), 0o600); err != nil {
		t.Fatal(err)
	}
	posts, err := ReadCAR(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	uri := func(rkey string) string { return "at://" + carDID + "/app.bsky.feed.post/" + rkey }
	want := []moisson.Post{
		{
			ID: uri("3l6cccccccc2a"), Source: "bluesky", CreatedAt: time.Date(2024, 10, 2, 20, 0, 0, 0, time.UTC),
			Text: "voilà", URLs: []string{"https://blog.example.net/suite"}, Reply: true,
			Title: "La suite", Summary: "Le deuxième épisode.",
		},
		{
			ID: uri("3l6bbbbbbbb2a"), Source: "bluesky", CreatedAt: time.Date(2024, 10, 3, 18, 0, 0, 0, time.UTC),
			Text: "À lire 👇 https://lwn.net/Articles/990012/", URLs: []string{"https://lwn.net/Articles/990012/"},
			Quote: true, Via: aliceDID, ViaURL: "https://bsky.app/profile/" + aliceDID,
		},
		{
			ID: uri("3l6aaaaaaaa2a"), Source: "bluesky", CreatedAt: time.Date(2024, 10, 4, 9, 12, 45, 123e6, time.UTC),
			Text:     "Très bien écrit ☕️ : github.com/axboe/liburing/bl... #Linux",
			URLs:     []string{"https://github.com/axboe/liburing/blob/master/README"},
			Hashtags: []string{"Linux"},
		},
	}
	if diff := cmp.Diff(want, posts); diff != "" {
		t.Errorf("posts (-want +got):\n%s", diff)
	}
}

func TestReadBlueskyCARBroken(t *testing.T) {
	good := writeTestCAR(t)
	huge := binary.AppendUvarint(nil, 1<<40) // a header "of a TiB"
	tests := map[string][]byte{
		"empty":       {},
		"truncated":   good[:len(good)-10],
		"huge header": append(huge, 0xa0),
		"not cbor":    append(binary.AppendUvarint(nil, 3), 0xff, 0xff, 0xff),
		"a zip":       []byte("PK\x03\x04 not a car"),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "repo.car")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := ReadCAR(context.Background(), path)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil {
					t.Fatal("no error")
				}
				if name != "empty" && !errors.Is(err, errCARFormat) {
					t.Errorf("err = %v, want errCARFormat", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the reader hangs")
			}
		})
	}
}

func BenchmarkReadBlueskyCAR(b *testing.B) {
	path := filepath.Join(b.TempDir(), "repo.car")
	if err := os.WriteFile(path, writeTestCAR(b), 0o600); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadCAR(context.Background(), path); err != nil {
			b.Fatal(err)
		}
	}
}
