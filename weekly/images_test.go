package weekly

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
)

// TestImagesCommittedWithThePost: with MOISSON_IMAGES, the week's post
// shows its link's image, the image file is written into the blog from
// the store and committed and pushed in the post's commit; a post edited
// by hand afterwards is still kept as the author left it.
func TestImagesCommittedWithThePost(t *testing.T) {
	ctx := context.Background()
	remote, blog := blogCheckout(t)
	p, w, u := weekToPublish(t)
	st := p.Store
	p.BlogDir, p.Git = blog, &publish.Git{Dir: blog}
	p.Digest.ImagesURL, p.ImagesDir = "/assets/moisson", "assets/moisson"

	img := &moisson.Image{URL: "https://blog.example/cover.jpg", Alt: "A cover", Name: moisson.ImageName("https://blog.example/cover.jpg"),
		Width: 800, Height: 480, Post: true}
	postCopy := []byte("\xff\xd8\xff the post's copy")
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Lead: "Its lead.", Status: 200, Image: img,
		ImageFiles: &moisson.ImageFiles{Thumb: []byte("thumb"), Post: postCopy}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Publisher().Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	rel := "assets/moisson/" + img.Name
	data, err := os.ReadFile(filepath.Join(blog, rel))
	if err != nil || !bytes.Equal(data, postCopy) {
		t.Fatalf("image file %q, %v; want the post's copy", data, err)
	}
	files := git(t, remote, "show", "--name-only", "--format=%s", "main")
	if !strings.Contains(files, "week 2014-W40") || !strings.Contains(files, rel) || !strings.Contains(files, "_posts/2014-10-03-compilation-veille.md") {
		t.Errorf("the pushed commit:\n%s\nwant the post and %s in it", files, rel)
	}
	post := git(t, remote, "show", "main:_posts/2014-10-03-compilation-veille.md")
	if !strings.Contains(post, "![A cover](/assets/moisson/"+img.Name+")") {
		t.Errorf("the pushed post does not show the image:\n%s", post)
	}

	// The thumbnail is the review page's.
	if thumb, err := p.Thumbnail(ctx, img.Name); err != nil || string(thumb) != "thumb" {
		t.Errorf("Thumbnail = %q, %v", thumb, err)
	}
	if _, err := p.Thumbnail(ctx, "0123456789abcdef0123456789abcdef.jpg"); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("Thumbnail of nothing: %v, want ErrNotFound", err)
	}

	// The author edits the post by hand; a later change of the page
	// does not overwrite it.
	file := filepath.Join(blog, "_posts", "2014-10-03-compilation-veille.md")
	edited := post + "\nMy own words.\n"
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "A post, retitled", Lead: "Its lead.", Status: 200}); err != nil {
		t.Fatal(err)
	}
	d, err := p.Build(ctx, w, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = p.Write(ctx, d, WriteOptions{})
	var conflict *digest.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("writing over a hand-edited post: %v, want a conflict", err)
	}
	if got, _ := os.ReadFile(file); string(got) != edited {
		t.Error("the hand-edited post was overwritten")
	}
}

// TestNoImagesWithoutTheSetting: without MOISSON_IMAGES the post shows
// no image and none is written into the blog, even when the store has
// the page's image (its thumbnail is the review page's).
func TestNoImagesWithoutTheSetting(t *testing.T) {
	ctx := context.Background()
	p, w, u := weekToPublish(t)
	p.BlogDir = t.TempDir()
	p.ImagesDir = "assets/moisson"
	img := &moisson.Image{URL: "https://blog.example/cover.jpg", Name: moisson.ImageName("https://blog.example/cover.jpg"), Width: 800, Height: 480, Post: true}
	if err := p.Store.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Lead: "Its lead.", Status: 200, Image: img,
		ImageFiles: &moisson.ImageFiles{Thumb: []byte("thumb"), Post: []byte("post")}}); err != nil {
		t.Fatal(err)
	}
	if err := p.Publisher().Publish(ctx, w); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(p.BlogDir, "assets")); !os.IsNotExist(err) {
		t.Errorf("an images folder was written without MOISSON_IMAGES: %v", err)
	}
}

// TestAnnouncementCarriesThePostImage: the announcement carries the
// post's own image (its first link's, as stored) for the Bluesky card:
// the post's copy when there is one, else the thumbnail.
func TestAnnouncementCarriesThePostImage(t *testing.T) {
	for _, withPost := range []bool{true, false} {
		ctx := context.Background()
		p, w, u := weekToPublish(t)
		p.BlogDir = t.TempDir()
		p.Digest.BlogURL = "https://blog.example"
		bsky := &fakeService{name: publish.ServiceBluesky}
		p.Announcer = &publish.Announcer{Services: []publish.Service{bsky}}
		img := &moisson.Image{URL: "https://blog.example/cover.jpg", Name: moisson.ImageName("https://blog.example/cover.jpg"), Width: 160, Height: 96}
		files := &moisson.ImageFiles{Thumb: []byte("thumb")}
		want := "thumb"
		if withPost {
			img.Post, img.Width, img.Height = true, 800, 480
			files.Post, want = []byte("post copy"), "post copy"
		}
		if err := p.Store.PutPage(ctx, moisson.Page{URL: u, Title: "A post", Lead: "Its lead.", Status: 200, Image: img, ImageFiles: files}); err != nil {
			t.Fatal(err)
		}
		if err := p.Publisher().Publish(ctx, w); err != nil {
			t.Fatal(err)
		}
		if len(bsky.posts) != 1 || string(bsky.posts[0].Thumb) != want {
			t.Errorf("post copy %v: announced %d times, card image %q; want once, %q", withPost, len(bsky.posts), firstThumb(bsky.posts), want)
		}
	}
}

func firstThumb(posts []publish.Post) []byte {
	if len(posts) == 0 {
		return nil
	}
	return posts[0].Thumb
}
