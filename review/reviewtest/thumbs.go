package reviewtest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"

	"github.com/moisson/moisson"
)

// SampleImageURL is the preview image of the sample week's Cloudflare
// entry: its thumbnail is stored (SampleThumb), so that the page shows it.
const SampleImageURL = "https://blog.cloudflare.com/content/images/2014/09/universal-ssl.png"

// SampleThumb is a 160×84 JPEG thumbnail, as the scraper makes them.
func SampleThumb() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 160, 84))
	for y := range 84 {
		for x := range 160 {
			img.Set(x, y, color.RGBA{uint8(240 - x/2), uint8(120 + y), 32, 255})
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, img, nil) // a bytes.Buffer never fails
	return buf.Bytes()
}

// sampleImage is the stored image of the sample's Cloudflare entry.
func sampleImage() *moisson.Image {
	return &moisson.Image{URL: SampleImageURL, Alt: "Un cadenas orange devant un nuage", Name: moisson.ImageName(SampleImageURL), Width: 800, Height: 420, Post: true}
}

// Thumbnail implements review.Thumbnailer: the thumbnail of an entry's
// stored image (SampleThumb), moisson.ErrNotFound for any other name.
func (m *MemBackend) Thumbnail(ctx context.Context, name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.entries {
		if img := e.view.Page.Image; img.Stored() && img.Name == name {
			return SampleThumb(), nil
		}
	}
	return nil, fmt.Errorf("reviewtest: thumbnail %s: %w", name, moisson.ErrNotFound)
}
