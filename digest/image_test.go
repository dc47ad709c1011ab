package digest

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v3"

	"github.com/moisson/moisson"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The fixture's images: Cloudflare's with its own alt text (and a
// bracket, to be escaped), Qualys's without (the title stands in),
// Composer's with a thumbnail only (no post copy: not in the post).
var (
	imgCloudflare = &moisson.Image{URL: "https://blog.cloudflare.com/content/images/lock.png", Alt: "An orange lock [on a cloud] & co",
		Name: moisson.ImageName("https://blog.cloudflare.com/content/images/lock.png"), Width: 800, Height: 420, Post: true}
	imgQualys = &moisson.Image{URL: "https://community.qualys.com/sha1.jpg",
		Name: moisson.ImageName("https://community.qualys.com/sha1.jpg"), Width: 640, Height: 360, Post: true}
	imgComposer = &moisson.Image{URL: "https://devedge.example/c.jpg", Name: moisson.ImageName("https://devedge.example/c.jpg"), Width: 160, Height: 90}
)

// imageWeek is the fixture week with three pages' images, a comment on
// an entry with an image (the definition style's longest shape).
func imageWeek(t *testing.T, cfg Config) Digest {
	t.Helper()
	week, links, pages := fixture(t)
	for url, img := range map[string]*moisson.Image{keyCloudflare: imgCloudflare, keyQualys: imgQualys, keyComposer: imgComposer} {
		p := pages[url]
		p.Image = img
		pages[url] = p
	}
	return Apply(Build(week, links, pages, cfg), moisson.WeekEdits{Week: week.ID, Entries: map[string]moisson.EntryEdit{
		keyCloudflare: {Comment: "Mon avis : **à lire**."},
	}})
}

// postImages are the <img> of a built post: src and alt.
func postImages(t *testing.T, page []byte) [][2]string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			out = append(out, [2]string{attr(n, "src"), attr(n, "alt")})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestPostImages writes the week with images in each post style and
// builds it with Jekyll (kramdown, GFM) and Hugo (Goldmark): each entry
// whose page has a post copy shows its image, at the blog's images
// address, with the page's alt text or else the entry's title; the rest
// of the entry is as before (the image is its own paragraph or line).
func TestPostImages(t *testing.T) {
	wantImgs := [][2]string{
		{"/assets/moisson/" + imgQualys.Name, "SHA1 Deprecation: What You Need to Know"},
		{"/assets/moisson/" + imgCloudflare.Name, "An orange lock (on a cloud) & co"},
	}
	for _, style := range []Style{StyleQuote, StyleDefinition, StyleBold} {
		for _, gen := range []string{"jekyll", "hugo"} {
			t.Run(string(style)+" "+gen, func(t *testing.T) {
				cfg := configured(t)
				cfg.Style, cfg.Title = style, WeekPattern
				cfg.ImagesURL = "/assets/moisson/"
				var page []byte
				if gen == "hugo" {
					cfg.Format = FormatHugo
					page = buildHugoPost(t, imageWeek(t, cfg), cfg, "")
				} else {
					page = buildJekyllPost(t, imageWeek(t, cfg), cfg, "markdown: kramdown\n", "<html><body>{{ content }}</body></html>\n")
				}
				if got := postImages(t, page); !slices.Equal(got, wantImgs) {
					t.Errorf("images in the built post %q, want %q", got, wantImgs)
				}
				md := string(Render(imageWeek(t, cfg), cfg))
				if !strings.Contains(md, `![An orange lock (on a cloud) & co](/assets/moisson/`+imgCloudflare.Name+")") {
					t.Errorf("the Markdown lacks the escaped image:\n%s", md)
				}
				// The entry's words are all there, around the image.
				body := string(page)
				for _, want := range []string{"Mon avis", "SHA1 Deprecation", "Universal SSL"} {
					if !strings.Contains(body, want) {
						t.Errorf("the built post lacks %q", want)
					}
				}
			})
		}
	}
}

// TestPostImagesMicroformats: in the quote style with microformats, the
// image sits in the h-cite, and Jekyll still builds it.
func TestPostImagesMicroformats(t *testing.T) {
	cfg := configured(t)
	cfg.Style, cfg.Title, cfg.Microformats, cfg.ImagesURL = StyleQuote, WeekPattern, true, "https://blog.example.org/assets/moisson"
	page := buildJekyllPost(t, imageWeek(t, cfg), cfg, "markdown: kramdown\n", "<html><body>{{ content }}</body></html>\n")
	got := postImages(t, page)
	if len(got) != 2 || got[1][0] != "https://blog.example.org/assets/moisson/"+imgCloudflare.Name {
		t.Errorf("images %q", got)
	}
}

// TestPostWithoutImages: without ImagesURL (MOISSON_IMAGES=0) the post
// shows no image and names none to write.
func TestPostWithoutImages(t *testing.T) {
	cfg := configured(t)
	d := imageWeek(t, cfg)
	if md := string(Render(d, cfg)); strings.Contains(md, "![") {
		t.Errorf("an image in a post without images:\n%s", md)
	}
	if names := cfg.Images(d); names != nil {
		t.Errorf("Images = %v, want none", names)
	}
	cfg.ImagesURL = "/assets/moisson"
	if names := cfg.Images(d); !slices.Equal(names, []string{imgQualys.Name, imgCloudflare.Name}) {
		t.Errorf("Images = %v, want Qualys's and Cloudflare's (Composer's has no post copy)", names)
	}
	// A hidden entry's image is not the post's.
	week, links, pages := fixture(t)
	p := pages[keyCloudflare]
	p.Image = imgCloudflare
	pages[keyCloudflare] = p
	hidden := Apply(Build(week, links, pages, cfg), moisson.WeekEdits{Week: week.ID, Entries: map[string]moisson.EntryEdit{keyCloudflare: {Hidden: true}}})
	if names := cfg.Images(hidden); len(names) != 0 {
		t.Errorf("Images of a week whose entry with an image is hidden = %v", names)
	}
}

// TestShareImageInFrontMatter: a post that shows images names its first
// one in the front matter field the generator's themes make og:image of
// (jekyll-seo-tag's image, Hugo's images list, image for Eleventy and
// plain Markdown), so that the post shared on Mastodon gets a card with a
// picture; Zola and Astro, whose schemas have no such field, get none; a
// post without images names none; the author's own image field wins.
func TestShareImageInFrontMatter(t *testing.T) {
	first := "/assets/moisson/" + imgQualys.Name
	tests := []struct {
		format Format
		key    string // "" for no field
		list   bool
	}{
		{FormatJekyll, "image", false},
		{FormatHugo, "images", true},
		{FormatMarkdown, "image", false},
		{FormatEleventy, "image", false},
		{FormatZola, "", false},
		{FormatAstro, "", false},
	}
	for _, tc := range tests {
		t.Run(string(tc.format), func(t *testing.T) {
			cfg := configured(t)
			cfg.Format = tc.format
			cfg.ImagesURL = "/assets/moisson/"
			post := Render(imageWeek(t, cfg), cfg)
			fields := frontMatterFields(t, post)
			for _, k := range []string{"image", "images"} {
				if _, ok := fields[k]; ok && k != tc.key {
					t.Errorf("front matter has %s: %v, want none", k, fields[k])
				}
			}
			if tc.key != "" {
				var want any = first
				if tc.list {
					want = []any{first}
				}
				if got := fields[tc.key]; fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("front matter %s = %v, want %v (the post's first image)", tc.key, got, want)
				}
			}
			cfg.ImagesURL = ""
			for _, k := range []string{"image", "images"} {
				if v, ok := frontMatterFields(t, Render(imageWeek(t, cfg), cfg))[k]; ok {
					t.Errorf("a post without images names %s: %v", k, v)
				}
			}
		})
	}
	cfg := configured(t)
	cfg.ImagesURL = "/assets/moisson/"
	cfg.ExtraFrontMatter = "image: /img/mine.png\n"
	if got := frontMatterFields(t, Render(imageWeek(t, cfg), cfg))["image"]; got != "/img/mine.png" {
		t.Errorf("the author's image field is replaced: %v", got)
	}
}

// frontMatterFields parses a post's front matter, YAML or TOML.
func frontMatterFields(t *testing.T, post []byte) map[string]any {
	t.Helper()
	fields := map[string]any{}
	if bytes.HasPrefix(post, []byte("+++\n")) {
		front, _ := frontMatterOf(t, post, "+++")
		if _, err := toml.Decode(front, &fields); err != nil {
			t.Fatalf("front matter: %v\n%s", err, front)
		}
		return fields
	}
	front, _ := frontMatterOf(t, post, "---")
	if err := yaml.Unmarshal([]byte(front), &fields); err != nil {
		t.Fatalf("front matter: %v\n%s", err, front)
	}
	return fields
}
