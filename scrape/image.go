package scrape

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders registered for image.Decode and DecodeConfig
	"image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/moisson/moisson"
	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
)

// Defaults of the image options.
const (
	// DefaultMaxImageBytes bounds an image's body.
	DefaultMaxImageBytes = 5 << 20
	// DefaultMaxImagePixels bounds an image's width × height, read from
	// its header before it is decoded: a small file may claim a huge
	// picture (a decompression bomb).
	DefaultMaxImagePixels = 24_000_000
	// DefaultImageWidth is the largest width of the post's copy.
	DefaultImageWidth = 800
	// MinImageWidth is the narrowest image kept: a smaller one is an icon
	// or a logo, not a picture of the page.
	MinImageWidth = 200
	// ThumbWidth is the width of the review page's thumbnail (shown at
	// half of it, sharp on high-density screens).
	ThumbWidth = 160
	// maxImageSide bounds either side of an image, whatever its area.
	maxImageSide = 16384
	// imageDecoders is how many images are decoded at once: a decoded
	// picture takes up to 4 bytes a pixel.
	imageDecoders = 2
	// jpegQuality is the quality the copies are encoded with.
	jpegQuality = 80
)

// imageAccept is the Accept of an image's request: the formats moisson
// decodes.
const imageAccept = "image/webp,image/jpeg,image/png,image/gif;q=0.9"

// Errors of an image that is not stored; the page keeps its text in
// Image.Error.
var (
	// ErrNotImage: the address did not answer with a picture moisson
	// reads (JPEG, PNG, GIF, WebP).
	ErrNotImage = errors.New("not an image moisson reads (JPEG, PNG, GIF, WebP)")
	// ErrImageTooSmall: narrower than MinImageWidth.
	ErrImageTooSmall = errors.New("image too small")
	// ErrImageTooBig: more bytes or pixels than allowed.
	ErrImageTooBig = errors.New("image too big")
)

// imageGate paces the requests for images: one request per host per
// HostDelay, whichever pages name them (a CDN serves the images of many
// sites), HostDelay after the page's own request when the image is on
// the page's host, and at most imageDecoders decodings at once.
type imageGate struct {
	mu   sync.Mutex
	next map[string]time.Time
	// decode holds a token per decoding under way.
	decode chan struct{}
}

func newImageGate() *imageGate {
	return &imageGate{next: make(map[string]time.Time), decode: make(chan struct{}, imageDecoders)}
}

// wait takes host's next turn and waits for it, or for ctx. A request
// to the host just ended (the page naming the image is on the same
// host) when busy: the turn is then HostDelay from now at the soonest.
func (g *imageGate) wait(ctx context.Context, host string, delay time.Duration, busy bool) error {
	if delay <= 0 {
		return ctx.Err()
	}
	now := time.Now()
	g.mu.Lock()
	start := now
	if busy {
		start = now.Add(delay)
	}
	if t, ok := g.next[host]; ok && t.After(start) {
		start = t
	}
	g.next[host] = start.Add(delay)
	if len(g.next) > 1024 {
		// Turns long past are forgotten: the map stays small in a
		// daemon that runs for months.
		for h, t := range g.next {
			if t.Before(now) {
				delete(g.next, h)
			}
		}
	}
	g.mu.Unlock()
	if d := start.Sub(now); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// withImage fetches the preview image a page names, when the options ask
// for images: the page comes back with its Image's Name and size and its
// ImageFiles, or with Image.Error saying why it has none. The page itself
// stays as it is whatever happens to its image.
func (s *Scraper) withImage(ctx context.Context, page moisson.Page) moisson.Page {
	if !s.opts.Thumbnails || page.Image == nil || !page.OK() {
		return page
	}
	img := *page.Image
	if s.opts.HasImage != nil && s.opts.HasImage(ctx, moisson.ImageName(img.URL), s.opts.PostImages) {
		return page
	}
	pageHost := ""
	if u, err := url.Parse(page.FinalURL); err == nil {
		pageHost = strings.ToLower(u.Hostname())
	}
	files, w, h, err := s.fetchImage(ctx, img.URL, s.opts.PostImages, pageHost)
	if err != nil {
		img.Error = moisson.RedactText(err.Error())
		page.Image = &img
		return page
	}
	img.Name = moisson.ImageName(img.URL)
	img.Width, img.Height = w, h
	img.Post = files.Post != nil
	page.Image = &img
	page.ImageFiles = &files
	return page
}

// FetchImage fetches the image at rawURL through the scraper's client
// (its guard against private addresses, its User-Agent, its timeout and
// redirect rules), one request per host per HostDelay, and makes its
// files: a JPEG thumbnail ThumbWidth wide and, when post, a JPEG copy at
// most ImageWidth wide (never enlarged). It returns the size of the
// largest copy made. It refuses, with an error wrapping ErrNotImage,
// ErrImageTooSmall, ErrImageTooBig or ErrPrivateNetwork, an address that
// does not answer with a JPEG, PNG, GIF or WebP picture; a body over
// MaxImageBytes; a picture that claims more than MaxImagePixels in its
// header (checked before decoding) or less than MinImageWidth in width.
func (s *Scraper) FetchImage(ctx context.Context, rawURL string, post bool) (files moisson.ImageFiles, width, height int, err error) {
	return s.fetchImage(ctx, rawURL, post, "")
}

// fetchImage is FetchImage for the image of a page on pageHost: on the
// same host, the image waits HostDelay after the page's request.
func (s *Scraper) fetchImage(ctx context.Context, rawURL string, post bool, pageHost string) (files moisson.ImageFiles, width, height int, err error) {
	u, err := parseTarget(rawURL)
	if err != nil {
		return files, 0, 0, fmt.Errorf("scrape: image: %w", err)
	}
	host := strings.ToLower(u.Hostname())
	if err := s.images.wait(ctx, host, s.opts.HostDelay, host == pageHost); err != nil {
		return files, 0, 0, fmt.Errorf("scrape: image %s: %w", redact(u), err)
	}
	body, err := s.getImage(ctx, u)
	if err != nil {
		return files, 0, 0, err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		return files, 0, 0, fmt.Errorf("scrape: image %s: %w", redact(u), ErrNotImage)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxImageSide || cfg.Height > maxImageSide ||
		int64(cfg.Width)*int64(cfg.Height) > s.opts.MaxImagePixels {
		return files, 0, 0, fmt.Errorf("scrape: image %s: %w: %d×%d pixels (at most %d)", redact(u), ErrImageTooBig, cfg.Width, cfg.Height, s.opts.MaxImagePixels)
	}
	if cfg.Width < MinImageWidth {
		return files, 0, 0, fmt.Errorf("scrape: image %s: %w: %d px wide (at least %d)", redact(u), ErrImageTooSmall, cfg.Width, MinImageWidth)
	}
	select {
	case s.images.decode <- struct{}{}:
	case <-ctx.Done():
		return files, 0, 0, fmt.Errorf("scrape: image %s: %w", redact(u), ctx.Err())
	}
	defer func() { <-s.images.decode }()
	src, _, err := image.Decode(bytes.NewReader(body))
	if err != nil {
		return files, 0, 0, fmt.Errorf("scrape: image %s: decode %s: %w", redact(u), format, err)
	}
	large := src
	if post {
		copyImg := Resize(src, s.opts.ImageWidth)
		if files.Post, err = encodeJPEG(copyImg); err != nil {
			return files, 0, 0, fmt.Errorf("scrape: image %s: %w", redact(u), err)
		}
		large = copyImg
	}
	// The thumbnail is made from the post's copy when there is one:
	// smaller to read, as sharp at this size.
	thumb := Resize(large, ThumbWidth)
	if files.Thumb, err = encodeJPEG(thumb); err != nil {
		return files, 0, 0, fmt.Errorf("scrape: image %s: %w", redact(u), err)
	}
	out := thumb.Bounds()
	if post {
		out = large.Bounds()
	}
	return files, out.Dx(), out.Dy(), nil
}

// getImage makes the request for an image and reads its body, refusing
// what is not an image or is larger than MaxImageBytes.
func (s *Scraper) getImage(ctx context.Context, u *url.URL) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("scrape: image %s: invalid request", redact(u))
	}
	req.Header.Set("User-Agent", s.opts.UserAgent)
	req.Header.Set("Accept", imageAccept)
	resp, err := s.client.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // its message quotes the URL, userinfo and all
		}
		return nil, fmt.Errorf("scrape: image %s: %w", redact(u), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.CopyN(io.Discard, resp.Body, drainBytes)
		return nil, &HTTPError{URL: redact(resp.Request.URL), StatusCode: resp.StatusCode}
	}
	mt := mediaTypeOf(resp.Header.Get("Content-Type"))
	if mt != "" && !strings.HasPrefix(mt, "image/") && mt != "application/octet-stream" && mt != "binary/octet-stream" {
		return nil, fmt.Errorf("scrape: image %s: %w (served as %s)", redact(resp.Request.URL), ErrNotImage, mt)
	}
	if resp.ContentLength > s.opts.MaxImageBytes {
		return nil, fmt.Errorf("scrape: image %s: %w: %d bytes (at most %d)", redact(resp.Request.URL), ErrImageTooBig, resp.ContentLength, s.opts.MaxImageBytes)
	}
	body, err := readBody(resp.Body, s.opts.MaxImageBytes, false, resp.ContentLength)
	if err != nil {
		if _, perm := classify(err); perm {
			err = fmt.Errorf("%w: %w", ErrImageTooBig, err)
		}
		return nil, fmt.Errorf("scrape: image %s: %w", redact(resp.Request.URL), err)
	}
	return body, nil
}

// Resize returns src scaled to width pixels wide, its proportions kept,
// drawn over white (a transparent PNG becomes a picture on white, as
// JPEG has no transparency), with the filters of golang.org/x/image/draw:
// Catmull-Rom, after a bilinear reduction to twice the width when the
// picture is more than three times wider (Catmull-Rom's cost grows with
// the reduction: on a 4000 px picture, 0.38 s alone, 0.15 s after the
// bilinear step; on a 2000 px one the step costs more than it saves). A
// src no wider than width keeps its size.
func Resize(src image.Image, width int) *image.RGBA {
	b := src.Bounds()
	if b.Dx() > 3*width {
		// Transparency is kept (draw.Src): the last step puts it on
		// white.
		w := 2 * width
		mid := image.NewRGBA(image.Rect(0, 0, w, max(1, int(int64(b.Dy())*int64(w)/int64(b.Dx())))))
		draw.ApproxBiLinear.Scale(mid, mid.Bounds(), src, b, draw.Src, nil)
		src = mid
	}
	return scaleOnWhite(src, width, draw.CatmullRom)
}

// scaleOnWhite draws src over white, width pixels wide (or its own
// width when narrower), with the interpolator k.
func scaleOnWhite(src image.Image, width int, k draw.Interpolator) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > width {
		h = max(1, int(int64(h)*int64(width)/int64(w)))
		w = width
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	k.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	return dst
}

// encodeJPEG encodes img as a JPEG of jpegQuality.
func encodeJPEG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, fmt.Errorf("encode jpeg: %w", err)
	}
	return buf.Bytes(), nil
}
