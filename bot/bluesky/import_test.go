package bluesky

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/internal/bottest"
	"github.com/moisson/moisson/bot/internal/postimport"
)

// writeBigCAR writes a repository export of n posts (and n/10 likes) as
// a file: the records in a shuffled order, their record keys unrelated to
// their times, then the record tree (nodes of up to 16 entries, children
// before their parents), then the commit. It returns the path.
func writeBigCAR(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "repo.car")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	em, err := cbor.EncOptions{Sort: cbor.SortLengthFirst}.EncMode()
	if err != nil {
		tb.Fatal(err)
	}
	section := func(parts ...[]byte) {
		size := 0
		for _, p := range parts {
			size += len(p)
		}
		w.Write(binary.AppendUvarint(nil, uint64(size)))
		for _, p := range parts {
			w.Write(p)
		}
	}
	put := func(v any) cbor.Tag {
		data, err := em.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		sum := sha256.Sum256(data)
		cid := append([]byte{0x01, 0x71, 0x12, 0x20}, sum[:]...)
		section(cid, data)
		return cbor.Tag{Number: 42, Content: append([]byte{0}, cid...)}
	}
	// The root is not known before the end: the header names it, so the
	// header is written last into its own file and the two joined.
	type entry struct {
		key string
		v   cbor.Tag
	}
	rng := rand.New(rand.NewPCG(3, uint64(n)))
	base := time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)
	entries := make([]entry, 0, n+n/10)
	const alphabet = "234567abcdefghijklmnopqrstuvwxyz"
	rkey := func() string {
		b := make([]byte, 13)
		for i := range b {
			b[i] = alphabet[rng.IntN(32)]
		}
		return string(b)
	}
	for _, k := range rng.Perm(n + n/10) {
		at := base.Add(time.Duration(k) * 7 * time.Minute).Format("2006-01-02T15:04:05.000Z")
		if k >= n {
			like := put(map[string]any{"$type": "app.bsky.feed.like", "createdAt": at,
				"subject": map[string]any{"uri": "at://" + aliceDID + "/app.bsky.feed.post/3l5zzzzzzzz2a", "cid": "bafyreilike"}})
			entries = append(entries, entry{"app.bsky.feed.like/" + rkey(), like})
			continue
		}
		link := "https://blog" + strconv.Itoa(k%97) + ".example.org/articles/" + strconv.Itoa(k)
		text := "Lecture " + strconv.Itoa(k) + " : " + link + " #golang"
		start := len(text) - len(link) - len(" #golang")
		rec := put(map[string]any{
			"$type": "app.bsky.feed.post", "createdAt": at, "langs": []string{"fr"}, "text": text,
			"facets": []any{map[string]any{
				"$type":    "app.bsky.richtext.facet",
				"index":    map[string]any{"byteStart": start, "byteEnd": start + len(link)},
				"features": []any{map[string]any{"$type": "app.bsky.richtext.facet#link", "uri": link}},
			}},
		})
		entries = append(entries, entry{"app.bsky.feed.post/" + rkey(), rec})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return 0
	})
	var build func(es []entry) cbor.Tag
	build = func(es []entry) cbor.Tag {
		const fan = 16
		if len(es) <= fan {
			var e []any
			for _, x := range es {
				e = append(e, map[string]any{"p": 0, "k": []byte(x.key), "v": x.v, "t": nil})
			}
			return put(map[string]any{"l": nil, "e": e})
		}
		// fan-1 separators, fan subtrees between them.
		step := len(es) / fan
		var seps []int
		for i := 1; i < fan; i++ {
			seps = append(seps, i*step)
		}
		left := build(es[:seps[0]])
		var e []any
		for i, s := range seps {
			end := len(es)
			if i+1 < len(seps) {
				end = seps[i+1]
			}
			var t any
			if s+1 < end {
				t = build(es[s+1 : end])
			}
			e = append(e, map[string]any{"p": 0, "k": []byte(es[s].key), "v": es[s].v, "t": t})
		}
		return put(map[string]any{"l": left, "e": e})
	}
	data := build(entries)
	commit := put(map[string]any{"did": carDID, "version": 3, "data": data, "rev": "3l6eeeeeeee2a", "prev": nil, "sig": []byte("signature")})
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	// Prepend the header naming the commit.
	head, err := em.Marshal(map[string]any{"version": 1, "roots": []cbor.Tag{commit}})
	if err != nil {
		tb.Fatal(err)
	}
	out := path + ".full"
	g, err := os.Create(out)
	if err != nil {
		tb.Fatal(err)
	}
	gw := bufio.NewWriter(g)
	gw.Write(binary.AppendUvarint(nil, uint64(len(head))))
	gw.Write(head)
	body, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := gw.ReadFrom(body); err != nil {
		tb.Fatal(err)
	}
	body.Close()
	if err := gw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := g.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestImportCAR imports an export larger than a chunk, its records in a
// shuffled order, and finds every post once, oldest first, the likes left
// out.
func TestImportCAR(t *testing.T) {
	n := postimport.Chunk + 300
	path := writeBigCAR(t, n)
	st := bottest.OpenStore(t)
	res, err := ImportCAR(context.Background(), path, st)
	if err != nil {
		t.Fatal(err)
	}
	posts := bottest.Imported(t, st, res, n, time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC), 7*time.Minute)
	for i, p := range posts {
		if want := "https://blog" + strconv.Itoa(i%97) + ".example.org/articles/" + strconv.Itoa(i); p.Source != "bluesky" || len(p.URLs) != 1 || p.URLs[0] != want {
			t.Fatalf("post %d: %+v, want %s", i, p, want)
		}
	}
	if _, err := ImportCAR(context.Background(), path+".missing", st); err == nil {
		t.Error("a missing file imported")
	}
}

// BenchmarkImportCAR imports repository exports of 10k and 200k posts,
// their records in a shuffled order and their keys unrelated to time,
// into a fresh store, reporting the peak RSS (the test binary included):
//
//	go test ./bot/bluesky -run '^$' -bench ImportCAR -benchtime 1x
func BenchmarkImportCAR(b *testing.B) {
	for _, n := range []int{10000, 200000} {
		b.Run(fmt.Sprintf("shuffled-ids-%dk", n/1000), func(b *testing.B) {
			path := writeBigCAR(b, n)
			bottest.BenchImport(b, path, n, func(b *testing.B, path string, st *archive.Store) (postimport.Result, error) {
				return ImportCAR(b.Context(), path, st)
			})
		})
	}
}
