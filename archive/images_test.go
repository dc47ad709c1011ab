package archive

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"path/filepath"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// TestPageImage: a page's image files are stored with the page, in its
// transaction, and read back by name after a reopen; a later scrape
// whose image failed keeps the image stored before; a scrape without the
// post copy keeps the copy stored before.
func TestPageImage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "moisson.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	const u = "https://example.org/post"
	img := &moisson.Image{URL: "https://example.org/cover.jpg", Alt: "A cover", Name: moisson.ImageName("https://example.org/cover.jpg"),
		Width: 800, Height: 480, Post: true}
	files := &moisson.ImageFiles{Thumb: []byte("thumb bytes"), Post: []byte("post bytes")}
	when := time.Date(2014, 10, 3, 12, 0, 0, 0, time.UTC)
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Status: 200, FetchedAt: when, Image: img, ImageFiles: files}); err != nil {
		t.Fatal(err)
	}
	// Scraped again: the image could not be fetched this time.
	failed := &moisson.Image{URL: img.URL, Error: "scrape: image https://example.org/cover.jpg: status 503"}
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Status: 200, FetchedAt: when, Image: failed}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.Page(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if p.Image == nil || *p.Image != *img {
		t.Errorf("image after a failed fetch = %+v, want the one stored before %+v", p.Image, img)
	}
	if p.ImageFiles != nil {
		t.Error("the files came back with the page")
	}
	for _, post := range []bool{false, true} {
		got, err := st.ImageFile(ctx, img.Name, post)
		want := files.Thumb
		if post {
			want = files.Post
		}
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("ImageFile(post=%v) = %q, %v; want %q", post, got, err, want)
		}
	}
	if _, err := st.ImageFile(ctx, "nothing.jpg", false); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("ImageFile of nothing: %v, want ErrNotFound", err)
	}

	// Scraped again with thumbnails only (MOISSON_IMAGES turned off):
	// the post copy stored before is still there, and said so.
	thumbOnly := &moisson.Image{URL: img.URL, Name: img.Name, Width: 160, Height: 96}
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Status: 200, FetchedAt: when, Image: thumbOnly,
		ImageFiles: &moisson.ImageFiles{Thumb: []byte("new thumb")}}); err != nil {
		t.Fatal(err)
	}
	p, _ = st.Page(ctx, u)
	if p.Image == nil || !p.Image.Post {
		t.Errorf("image %+v: the post copy stored before is not told", p.Image)
	}
	if got, _ := st.ImageFile(ctx, img.Name, false); string(got) != "new thumb" {
		t.Errorf("thumbnail %q, want the new one", got)
	}
}

// TestPageImageStoredForAnother: a page naming an image stored already
// (for another page; the scraper did not fetch it again) gets it, its
// size read from the stored file.
func TestPageImageStoredForAnother(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	const imgURL = "https://cdn.example.org/shared.jpg"
	var thumb bytes.Buffer
	if err := jpeg.Encode(&thumb, image.NewRGBA(image.Rect(0, 0, 160, 90)), nil); err != nil {
		t.Fatal(err)
	}
	name := moisson.ImageName(imgURL)
	if err := st.PutPage(ctx, moisson.Page{URL: "https://a.example/1", Title: "One", Status: 200,
		Image: &moisson.Image{URL: imgURL, Name: name, Width: 160, Height: 90}, ImageFiles: &moisson.ImageFiles{Thumb: thumb.Bytes()}}); err != nil {
		t.Fatal(err)
	}
	if !st.HasImage(ctx, name, false) || st.HasImage(ctx, name, true) {
		t.Error("HasImage: want the thumbnail stored, not the post's copy")
	}
	if err := st.PutPage(ctx, moisson.Page{URL: "https://b.example/2", Title: "Two", Status: 200,
		Image: &moisson.Image{URL: imgURL, Alt: "Shared"}}); err != nil {
		t.Fatal(err)
	}
	p, err := st.Page(ctx, "https://b.example/2")
	if err != nil {
		t.Fatal(err)
	}
	want := moisson.Image{URL: imgURL, Alt: "Shared", Name: name, Width: 160, Height: 90}
	if p.Image == nil || *p.Image != want {
		t.Errorf("image %+v, want %+v", p.Image, want)
	}
	// A page whose image failed keeps its error, and no name.
	if err := st.PutPage(ctx, moisson.Page{URL: "https://c.example/3", Title: "Three", Status: 200,
		Image: &moisson.Image{URL: imgURL, Error: "status 404"}}); err != nil {
		t.Fatal(err)
	}
	if p, _ := st.Page(ctx, "https://c.example/3"); p.Image.Stored() {
		t.Errorf("a failed image was given the stored one: %+v", p.Image)
	}
}
