package main

// ImageConfig is the pages' preview images: thumbnails for the review
// page, and with MOISSON_IMAGES a copy in the blog next to each entry.
// docs/post.md ("Images") and docs/review.md tell them.
type ImageConfig struct {
	Thumbnails bool `env:"MOISSON_THUMBNAILS" envDefault:"1" section:"Images" help:"fetch each page's preview image (its og:image, or its first large picture) for the review page's thumbnails, see [the review page](review.md#thumbnails); {0}: fetch no image"`
}
