package mastodon

// The export samples of cmd/moisson's end-to-end tests
// (cmd/moisson/testdata/keyless): a Mastodon archive (.tar.gz) of one week of posts, in the service's
// real shapes. They are written once, and again when this generator
// changes, by
//
//	go test ./bot/mastodon -run TestWriteSamples -write-samples
//
// and committed; TestSamplesUpToDate checks that the committed files are
// what the generator writes, and that the readers read them.
//
// Their links point to pages on 127.0.77.1:7701, a loopback address the
// import test serves.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var writeSamples = flag.Bool("write-samples", false, "rewrite cmd/moisson/testdata/keyless/ (the export samples of the end-to-end tests)")

// samplesDir is where the samples go, from this package's directory.
const samplesDir = "../../cmd/moisson/testdata/keyless"

// sampleSite is the pages' host in the samples.
const sampleSite = "http://127.0.77.1:7701"

// sampleOutbox is janedoe's outbox.json: a link she also shared on
// Bluesky, a "via @bob", a boost (Announce), a reply to bob, a reply to
// herself, a link whose page is gone, a status of the week before.
func sampleOutbox(t testing.TB) []byte {
	const actor = "https://mastodon.example/users/janedoe"
	a := func(u string) string {
		rest := strings.TrimPrefix(u, "http://")
		return fmt.Sprintf(`<a href="%s" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">http://</span><span class="ellipsis">%s</span><span class="invisible">%s</span></a>`, u, rest[:26], rest[26:])
	}
	hashtag := func(name string) string {
		return fmt.Sprintf(`<a href="https://mastodon.example/tags/%s" class="mention hashtag" rel="tag">#<span>%s</span></a>`, strings.ToLower(name), name)
	}
	bob := `<span class="h-card" translate="no"><a href="https://hachyderm.example/@bob" class="u-url mention">@<span>bob</span></a></span>`
	type tag struct {
		Type string `json:"type"`
		Href string `json:"href"`
		Name string `json:"name"`
	}
	create := func(id, published, content string, inReplyTo *string, tags ...tag) map[string]any {
		if tags == nil {
			tags = []tag{}
		}
		note := map[string]any{
			"id": actor + "/statuses/" + id, "type": "Note", "summary": nil, "inReplyTo": inReplyTo, "published": published,
			"url": "https://mastodon.example/@janedoe/" + id, "attributedTo": actor,
			"to": []string{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []string{actor + "/followers"},
			"sensitive": false, "atomUri": actor + "/statuses/" + id, "inReplyToAtomUri": inReplyTo,
			"conversation": "tag:mastodon.example," + published[:10] + ":objectId=" + id[:9] + ":objectType=Conversation",
			"content":      content, "contentMap": map[string]string{"fr": content}, "attachment": []any{}, "tag": tags,
		}
		return map[string]any{"id": actor + "/statuses/" + id + "/activity", "type": "Create", "actor": actor, "published": published,
			"to": note["to"], "cc": note["cc"], "object": note}
	}
	self := actor + "/statuses/113231108505600000"
	other := "https://hachyderm.example/users/bob/statuses/113237000000000000"
	items := []any{
		create("113220000000000000", "2024-09-26T10:00:00Z", "<p>La semaine d'avant : "+a(sampleSite+"/mastodon/semaine-d-avant")+"</p>", nil),
		create("113231108505600000", "2024-10-01T10:00:00Z", "<p>io_uring, enfin clair : "+a(sampleSite+"/bluesky/io-uring-en-pratique")+" "+hashtag("Linux")+"</p>", nil,
			tag{"Hashtag", "https://mastodon.example/tags/linux", "#linux"}),
		create("113236000000000000", "2024-10-02T14:00:00Z", "<p>Les itérateurs de Go : "+a(sampleSite+"/mastodon/range-functions")+" "+hashtag("GoLang")+" via "+bob+"</p>", nil,
			tag{"Mention", "https://hachyderm.example/users/bob", "@bob@hachyderm.example"}, tag{"Hashtag", "https://mastodon.example/tags/golang", "#golang"}),
		map[string]any{"id": actor + "/statuses/113237100000000000/activity", "type": "Announce", "actor": actor, "published": "2024-10-02T16:00:00Z",
			"to": []string{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []string{"https://fosstodon.example/users/carol", actor + "/followers"},
			"object": "https://fosstodon.example/users/carol/statuses/113237050000000000"},
		create("113238000000000000", "2024-10-03T09:00:00Z", "<p>"+bob+" voilà : "+a(sampleSite+"/mastodon/reponse-a-bob")+"</p>", &other,
			tag{"Mention", "https://hachyderm.example/users/bob", "@bob@hachyderm.example"}),
		create("113238100000000000", "2024-10-03T10:00:00Z", "<p>2/ la suite du fil : "+a(sampleSite+"/mastodon/la-suite")+"</p>", &self),
		create("113239000000000000", "2024-10-03T17:00:00Z", "<p>Un lien mort, hélas : "+a(sampleSite+"/mastodon/page-disparue")+"</p>", nil),
	}
	out := map[string]any{"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", "type": "OrderedCollection",
		"totalItems": len(items), "orderedItems": items}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// sampleArchiveTar is the archive's tar: outbox.json with the other files
// of a Mastodon export, dated once for all so that it never changes.
func sampleArchiveTar(t testing.TB) []byte {
	actor := `{"@context":["https://www.w3.org/ns/activitystreams"],"id":"https://mastodon.example/users/janedoe","type":"Person","preferredUsername":"janedoe","name":"Jane Doe","summary":"<p>Veille.</p>","url":"https://mastodon.example/@janedoe","outbox":"outbox.json","likes":"likes.json","bookmarks":"bookmarks.json"}` + "\n"
	empty := func(id string) string {
		return `{"@context":"https://www.w3.org/ns/activitystreams","id":"` + id + `","type":"OrderedCollection","orderedItems":[]}` + "\n"
	}
	files := []struct{ name, body string }{
		{"actor.json", actor},
		{"outbox.json", string(sampleOutbox(t))},
		{"likes.json", empty("likes.json")},
		{"bookmarks.json", empty("bookmarks.json")},
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	mod := time.Date(2024, 10, 5, 8, 0, 0, 0, time.UTC)
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.body)), ModTime: mod, Typeflag: tar.TypeReg, Format: tar.FormatUSTAR}); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(tw, f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzipBytes(t testing.TB, b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriteSamples writes the sample with -write-samples.
func TestWriteSamples(t *testing.T) {
	if !*writeSamples {
		t.Skip("run with -write-samples to rewrite " + samplesDir)
	}
	if err := os.MkdirAll(samplesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(samplesDir, "mastodon-archive.tar.gz"), gzipBytes(t, sampleArchiveTar(t)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSamplesUpToDate checks that the committed samples are what the
// generator writes (the tar inside the gzip: compression may vary between
// Go versions), and that the readers take the posts they should from them.
func TestSamplesUpToDate(t *testing.T) {
	tgz, err := os.ReadFile(filepath.Join(samplesDir, "mastodon-archive.tar.gz"))
	if err != nil {
		t.Fatalf("%v: write the sample with go test ./bot/mastodon -run TestWriteSamples -write-samples", err)
	}
	if !bytes.Equal(gunzipBytes(t, tgz), sampleArchiveTar(t)) {
		t.Error("mastodon-archive.tar.gz is not what the generator writes: go test ./bot/mastodon -run TestWriteSamples -write-samples")
	}

	ctx := context.Background()
	posts, err := ReadArchive(ctx, filepath.Join(samplesDir, "mastodon-archive.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range posts {
		got = append(got, fmt.Sprintf("%s %v reply=%v via=%s %v", p.CreatedAt.Format(time.DateOnly), p.URLs, p.Reply, p.Via, p.Hashtags))
	}
	want := []string{
		"2024-09-26 [" + sampleSite + "/mastodon/semaine-d-avant] reply=false via= []",
		"2024-10-01 [" + sampleSite + "/bluesky/io-uring-en-pratique] reply=false via= [Linux]",
		"2024-10-02 [" + sampleSite + "/mastodon/range-functions] reply=false via=@bob@hachyderm.example [GoLang]",
		"2024-10-03 [" + sampleSite + "/mastodon/reponse-a-bob] reply=true via= []",
		"2024-10-03 [" + sampleSite + "/mastodon/la-suite] reply=false via= []",
		"2024-10-03 [" + sampleSite + "/mastodon/page-disparue] reply=false via= []",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the archive's posts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
