package main

import (
	"path"
	"strings"

	"github.com/moisson/moisson/digest"
)

// ImageConfig is the pages' preview images: thumbnails for the review
// page, and with MOISSON_IMAGES a copy in the blog next to each entry.
// docs/post.md ("Images") and docs/review.md tell them.
type ImageConfig struct {
	Thumbnails bool   `env:"MOISSON_THUMBNAILS" envDefault:"1" section:"Images" help:"fetch each page's preview image (its og:image, or its first large picture) for the review page's thumbnails, see [the review page](review.md#thumbnails); {0}: fetch no image unless {MOISSON_IMAGES} asks for them"`
	Images     bool   `env:"MOISSON_IMAGES" envDefault:"0" help:"put each page's preview image (its og:image, or its first large picture) into the post, with its alt text: resized, written into the blog ({MOISSON_IMAGES_DIR}) and committed with the week (1); see [the post](post.md#images)"`
	Dir        string `env:"MOISSON_IMAGES_DIR" doc:"Jekyll, Eleventy and markdown assets/moisson; Hugo and Zola static/assets/moisson; Astro public/assets/moisson" help:"the blog's folder the post's images are written into, one file per image ({<hash>.jpg}, the same name for the same image)"`
	URL        string `env:"MOISSON_IMAGES_URL" doc:"/assets/moisson" help:"the address the blog serves that folder at, as the post links the images (a path such as {/blog/assets/moisson} for a blog under a sub-path, or a full URL)"`
	Width      int    `env:"MOISSON_IMAGES_WIDTH" envDefault:"800" min:"200" problem:"want 200 (pixels) or more" help:"the width of the post's images, in pixels (a smaller image keeps its size)"`
}

// dir is the blog's folder of the images for a blog of format.
func (i ImageConfig) dir(format string) string {
	if i.Dir != "" {
		return i.Dir
	}
	switch format {
	case "hugo", "zola":
		return "static/assets/moisson"
	case "astro":
		return "public/assets/moisson"
	}
	return "assets/moisson"
}

// url is the address the post links the images at.
func (i ImageConfig) url(format string) string {
	if i.URL != "" {
		return strings.TrimRight(i.URL, "/")
	}
	if i.Dir == "" {
		return "/assets/moisson"
	}
	d := path.Clean("/" + strings.TrimPrefix(i.Dir, "./"))
	for _, served := range []string{"/static", "/public"} {
		if rest, ok := strings.CutPrefix(d, served+"/"); ok {
			return "/" + rest
		}
	}
	return d
}

// apply sets the post's images address when the post shows images.
func (i ImageConfig) apply(dc *digest.Config, format string) {
	if i.Images {
		dc.ImagesURL = i.url(format)
	}
}

// validate checks the variables, naming the one at fault.
func (i ImageConfig) validate() []error {
	var errs []error
	if d := i.Dir; d != "" {
		clean := path.Clean(strings.ReplaceAll(d, `\`, "/"))
		if path.IsAbs(clean) || clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
			errs = append(errs, &configError{Key: "MOISSON_IMAGES_DIR", Value: d, Problem: "want a folder inside the blog, relative to MOISSON_BLOG_DIR", Example: "assets/moisson"})
		}
	}
	if u := i.URL; u != "" && !strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		errs = append(errs, &configError{Key: "MOISSON_IMAGES_URL", Value: u, Problem: "want a path from the blog's root or an http(s) address", Example: "/assets/moisson"})
	}
	return errs
}
