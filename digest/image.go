package digest

import (
	"strings"

	"github.com/moisson/moisson"
)

// ImageData is an entry's picture in the post (Config.ImagesURL): the
// page's preview image, resized, written into the blog with the post.
type ImageData struct {
	// URL is the image's address on the blog: Config.ImagesURL, "/",
	// Name.
	URL string
	// Alt is the image's alt text: the page's own (og:image:alt, the
	// <img>'s alt), else the entry's title, as written (Markdown holds
	// it without the characters a renderer would read as markup: see
	// Markdown).
	Alt string
	// Name is the image's file name in the blog's images folder
	// (moisson.ImageName: the same image, the same name).
	Name string
	// Width and Height are the image's size in pixels.
	Width, Height int
	// Markdown is the image as Markdown, "![Alt](URL)", its alt text
	// made plain (brackets and braces as parentheses, angle brackets as
	// ‹ ›, emphasis, code and pipes as spaces) and escaped.
	Markdown string
}

// postImage reports whether a page's image has a copy for the post.
func postImage(img *moisson.Image) bool {
	return img.Stored() && img.Post
}

// imageData is the post's picture of e, nil when the post shows no
// images (no ImagesURL) or e's page has none.
func (c Config) imageData(e Entry) *ImageData {
	if c.ImagesURL == "" || !postImage(e.Image) {
		return nil
	}
	alt := oneLine(e.Image.Alt)
	if alt == "" {
		alt = oneLine(e.Title)
	}
	u := strings.TrimRight(c.ImagesURL, "/") + "/" + e.Image.Name
	return &ImageData{
		URL: u, Alt: alt, Name: e.Image.Name, Width: e.Image.Width, Height: e.Image.Height,
		Markdown: "![" + escapeText(altText(alt)) + "](" + markdownURL(u) + ")",
	}
}

// altText makes alt text that every renderer shows as written: Goldmark
// (Hugo) writes an image's alt from the Markdown source, backslash
// escapes included, so the characters that would need one are replaced
// by their look-alikes (brackets and braces by parentheses, angle
// brackets by ‹ ›) or by a space (emphasis, code, pipes, backslashes).
func altText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '[', '{':
			return '('
		case ']', '}':
			return ')'
		case '<':
			return '‹'
		case '>':
			return '›'
		case '*', '_', '`', '\\', '|':
			return ' '
		}
		return r
	}, s)
	s = strings.ReplaceAll(s, "&", "& ")
	return oneLine(s)
}

// Images returns the names of the images the post of d shows (its
// shown entries' pictures, Config.ImagesURL set), in the post's order,
// each once: the files to write into the blog with the post, and to
// commit with it.
func (c Config) Images(d Digest) []string {
	if c.ImagesURL == "" {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			if postImage(e.Image) && !seen[e.Image.Name] {
				seen[e.Image.Name] = true
				names = append(names, e.Image.Name)
			}
		}
	}
	return names
}
