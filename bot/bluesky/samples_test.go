package bluesky

// The export samples of cmd/moisson's end-to-end tests
// (cmd/moisson/testdata/keyless): a Bluesky repository export (.car) of one week of posts, in the service's
// real shapes. They are written once, and again when this generator
// changes, by
//
//	go test ./bot/bluesky -run TestWriteSamples -write-samples
//
// and committed; TestSamplesUpToDate checks that the committed files are
// what the generator writes, and that the readers read them.
//
// Their links point to pages on 127.0.77.1:7701, a loopback address the
// import test serves.

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"
)

var writeSamples = flag.Bool("write-samples", false, "rewrite cmd/moisson/testdata/keyless/ (the export samples of the end-to-end tests)")

// samplesDir is where the samples go, from this package's directory.
const samplesDir = "../../cmd/moisson/testdata/keyless"

// sampleSite is the pages' host in the samples.
const sampleSite = "http://127.0.77.1:7701"

// sampleCAR writes janedoe's repository export: six posts (a link shown
// shortened with its facet after multi-byte text, a link card whose page
// is gone, a quote, a reply to another account, a reply to her own post,
// a post of the week before), a repost, a like and her profile, in a
// record tree of two levels.
func sampleCAR(t testing.TB) []byte {
	w := newCARWriter(t)
	facet := func(text, shown, typ, key, val string) map[string]any {
		i := strings.Index(text, shown)
		if i < 0 {
			t.Fatalf("%q is not in %q", shown, text)
		}
		return map[string]any{
			"$type":    "app.bsky.richtext.facet",
			"index":    map[string]any{"byteStart": i, "byteEnd": i + len(shown)},
			"features": []any{map[string]any{"$type": "app.bsky.richtext.facet#" + typ, key: val}},
		}
	}
	short := func(u string) string { return strings.TrimPrefix(u, "http://")[:26] + "..." }
	ref := func(did, rkey string) map[string]any {
		return map[string]any{"uri": "at://" + did + "/app.bsky.feed.post/" + rkey, "cid": "bafyreib" + rkey}
	}
	post := func(rec map[string]any) cbor.Tag {
		rec["$type"] = "app.bsky.feed.post"
		rec["langs"] = []string{"fr"}
		return w.put(rec)
	}
	thumb := map[string]any{"$type": "blob", "ref": w.put(map[string]any{"jpeg": "thumbnail"}), "mimeType": "image/jpeg", "size": 48213}

	uring := sampleSite + "/bluesky/io-uring-en-pratique"
	t1 := "Très bien écrit ☕️ sur io_uring : " + short(uring) + " #Linux"
	t3 := "Exactement 👇 " + sampleSite + "/bluesky/cite"
	t4 := "@erin.bsky.social voilà : " + short(sampleSite+"/bluesky/reponse-a-erin")
	t5 := "2/ et la suite 🧵 " + short(sampleSite+"/bluesky/la-suite")
	t6 := "La semaine d'avant : " + short(sampleSite+"/bluesky/semaine-d-avant")
	records := map[string]cbor.Tag{
		"app.bsky.feed.post/3l5rrrrrrrr2a": post(map[string]any{"createdAt": "2024-09-26T09:00:00.000Z", "text": t6,
			"facets": []any{facet(t6, short(sampleSite+"/bluesky/semaine-d-avant"), "link", "uri", sampleSite+"/bluesky/semaine-d-avant")}}),
		"app.bsky.feed.post/3l5uuuuuuuu2a": post(map[string]any{"createdAt": "2024-10-01T08:00:00.000Z", "text": t1,
			"facets": []any{facet(t1, short(uring), "link", "uri", uring), facet(t1, "#Linux", "tag", "tag", "Linux")}}),
		"app.bsky.feed.post/3l5vvvvvvvv2a": post(map[string]any{"createdAt": "2024-10-02T09:00:00.000Z", "text": "Disparue, mais la carte reste 🗂️ #Archives",
			"facets": []any{facet("Disparue, mais la carte reste 🗂️ #Archives", "#Archives", "tag", "tag", "Archives")},
			"embed": map[string]any{"$type": "app.bsky.embed.external", "external": map[string]any{
				"uri": sampleSite + "/bluesky/page-disparue", "title": "Le titre de la carte", "description": "La description de la carte, seule trace de la page.", "thumb": thumb}}}),
		"app.bsky.feed.post/3l5wwwwwwww2a": post(map[string]any{"createdAt": "2024-10-02T12:00:00.000Z", "text": t3,
			"facets": []any{facet(t3, sampleSite+"/bluesky/cite", "link", "uri", sampleSite+"/bluesky/cite")},
			"embed":  map[string]any{"$type": "app.bsky.embed.record", "record": ref(aliceDID, "3l5qqqqqqqq2a")}}),
		"app.bsky.feed.post/3l5xxxxxxxx2a": post(map[string]any{"createdAt": "2024-10-03T10:00:00.000Z", "text": t4,
			"facets": []any{facet(t4, "@erin.bsky.social", "mention", "did", "did:plc:erin0p9o8i7u6y5t4r3e2w"),
				facet(t4, short(sampleSite+"/bluesky/reponse-a-erin"), "link", "uri", sampleSite+"/bluesky/reponse-a-erin")},
			"reply": map[string]any{"root": ref("did:plc:erin0p9o8i7u6y5t4r3e2w", "3l5eeeeeeee2a"), "parent": ref("did:plc:erin0p9o8i7u6y5t4r3e2w", "3l5eeeeeeee2a")}}),
		"app.bsky.feed.post/3l5yyyyyyyy2a": post(map[string]any{"createdAt": "2024-10-03T11:00:00.000Z", "text": t5,
			"facets": []any{facet(t5, short(sampleSite+"/bluesky/la-suite"), "link", "uri", sampleSite+"/bluesky/la-suite")},
			"reply":  map[string]any{"root": ref(carDID, "3l5uuuuuuuu2a"), "parent": ref(carDID, "3l5uuuuuuuu2a")}}),
		"app.bsky.feed.repost/3l5zzzzzzzz2a": w.put(map[string]any{"$type": "app.bsky.feed.repost", "createdAt": "2024-10-03T15:00:00.000Z",
			"subject": ref(aliceDID, "3l5ppppppppp2")}),
		"app.bsky.feed.like/3l5aaaaaaaa2a": w.put(map[string]any{"$type": "app.bsky.feed.like", "createdAt": "2024-10-01T00:00:00.000Z",
			"subject": ref(aliceDID, "3l5ppppppppp2")}),
		"app.bsky.actor.profile/self": w.put(map[string]any{"$type": "app.bsky.actor.profile", "displayName": "Jane Doe", "description": "Veille."}),
	}
	keys := make([]string, 0, len(records))
	for k := range records {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// A two-level tree: the posts in a subtree hung under the first key
	// of the root, the other records at the root; keys prefix-compressed
	// within a node, as in the MST.
	node := func(left any, ks []string, subtrees map[int]cbor.Tag) cbor.Tag {
		var entries []any
		prev := ""
		for i, k := range ks {
			p := 0
			for p < len(prev) && p < len(k) && prev[p] == k[p] {
				p++
			}
			var tree any
			if st, ok := subtrees[i]; ok {
				tree = st
			}
			entries = append(entries, map[string]any{"p": p, "k": []byte(k[p:]), "v": records[k], "t": tree})
			prev = k
		}
		return w.put(map[string]any{"l": left, "e": entries})
	}
	var posts, others []string
	for _, k := range keys {
		if strings.HasPrefix(k, "app.bsky.feed.post/") {
			posts = append(posts, k)
		} else {
			others = append(others, k)
		}
	}
	// others sorted: actor.profile, feed.like, feed.repost; the posts sort
	// between like and repost.
	sub := node(nil, posts, nil)
	root := node(nil, others, map[int]cbor.Tag{1: sub})
	commit := w.put(map[string]any{"did": carDID, "version": 3, "data": root, "rev": "3l5zzzzzzzz3a", "prev": nil, "sig": []byte("signature")})
	return w.bytes(commit)
}

// TestWriteSamples writes the sample with -write-samples.
func TestWriteSamples(t *testing.T) {
	if !*writeSamples {
		t.Skip("run with -write-samples to rewrite " + samplesDir)
	}
	if err := os.MkdirAll(samplesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(samplesDir, "bluesky-repo.car"), sampleCAR(t), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSamplesUpToDate checks that the committed samples are what the
// generator writes and that the readers take the posts they should from them.
func TestSamplesUpToDate(t *testing.T) {
	car, err := os.ReadFile(filepath.Join(samplesDir, "bluesky-repo.car"))
	if err != nil {
		t.Fatalf("%v: write the samples with go test ./bot/bluesky -run TestWriteSamples -write-samples", err)
	}
	if !bytes.Equal(car, sampleCAR(t)) {
		t.Error("bluesky-repo.car is not what the generator writes: go test ./bot/bluesky -run TestWriteSamples -write-samples")
	}
	ctx := context.Background()
	posts, err := ReadCAR(ctx, filepath.Join(samplesDir, "bluesky-repo.car"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range posts {
		got = append(got, fmt.Sprintf("%s %v reply=%v via=%s title=%q", p.CreatedAt.Format(time.DateOnly), p.URLs, p.Reply, p.Via, p.Title))
	}
	want := []string{
		"2024-09-26 [" + sampleSite + "/bluesky/semaine-d-avant] reply=false via= title=\"\"",
		"2024-10-01 [" + sampleSite + "/bluesky/io-uring-en-pratique] reply=false via= title=\"\"",
		"2024-10-02 [" + sampleSite + "/bluesky/page-disparue] reply=false via= title=\"Le titre de la carte\"",
		"2024-10-02 [" + sampleSite + "/bluesky/cite] reply=false via=" + aliceDID + " title=\"\"",
		"2024-10-03 [" + sampleSite + "/bluesky/reponse-a-erin] reply=true via= title=\"\"",
		"2024-10-03 [" + sampleSite + "/bluesky/la-suite] reply=false via= title=\"\"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the CAR's posts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
