package review

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/moisson/moisson"
)

// Thumbnailer is a Backend that keeps the thumbnails of the pages'
// preview images (weekly.Service): the page shows each entry's
// thumbnail, served by its own handler from the store. Nothing is
// hot-linked: a page's image is never loaded from its site by the
// author's browser (the page's Content-Security-Policy allows images
// from the page's own address only).
type Thumbnailer interface {
	// Thumbnail returns the JPEG thumbnail stored under name
	// (moisson.Image.Name), or an error wrapping moisson.ErrNotFound.
	Thumbnail(ctx context.Context, name string) ([]byte, error)
}

// thumbPath is the address of the thumbnail named name: its hex digits
// alone, short as the week's page has one per entry.
func thumbPath(name string) string { return "/t/" + strings.TrimSuffix(name, ".jpg") }

// imageNameOK reports whether name is a moisson.ImageName: 32 lower-case
// hex digits and ".jpg".
func imageNameOK(name string) bool {
	hex, ok := strings.CutSuffix(name, ".jpg")
	if !ok || len(hex) != 32 {
		return false
	}
	for _, c := range hex {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// thumbnail serves GET /t/{name}: a stored thumbnail, cacheable
// (the name is the image's address's hash: its content never changes
// under it).
func (s *Server) thumbnail(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name") + ".jpg"
	tb, ok := s.b.(Thumbnailer)
	if !ok || !imageNameOK(name) {
		http.NotFound(w, r)
		return
	}
	data, err := tb.Thumbnail(r.Context(), name)
	if errors.Is(err, moisson.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.log.Error("review: thumbnail", "name", name, "err", err)
		http.Error(w, "the thumbnail could not be read", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/jpeg")
	h.Set("Cache-Control", "private, max-age=604800, immutable")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// maxThumbAlt bounds the alt text written on the week's page.
const maxThumbAlt = 100

// thumbHTML is the entry's thumbnail: the stored thumbnail of its page's
// image, or nothing when the page has no stored image or the backend
// keeps none. Its alt text is the image's own when the page gives one;
// otherwise it is empty, the image then being decorative: the entry's
// title, beside it, says what it shows (WCAG's technique H2), and the
// week's page stays light (issue 21's weight: about 80 bytes an entry).
// It is loaded lazily, by its own request.
func (e *entryData) thumbHTML() string {
	img := e.Page.Image
	if !e.C.Thumbs || !img.Stored() || !imageNameOK(img.Name) {
		return ""
	}
	alt := img.Alt
	if len(alt) > maxThumbAlt {
		alt = strings.ToValidUTF8(alt[:maxThumbAlt], "") + "…"
	}
	// Its size and place are the style sheet's (.entry form > img).
	var b strings.Builder
	b.WriteString(`<img src="`)
	b.WriteString(thumbPath(img.Name))
	b.WriteString(`" alt="`)
	b.WriteString(template.HTMLEscapeString(alt))
	b.WriteString(`" loading="lazy">`)
	return b.String()
}

// thumbs reports whether the backend serves thumbnails.
func (s *Server) thumbs() bool {
	_, ok := s.b.(Thumbnailer)
	return ok
}

// postImageRE finds the images of a rendered post that are moisson's own
// (MOISSON_IMAGES): their file name is an image's name, wherever the blog
// serves them.
var postImageRE = regexp.MustCompile(`<img src="[^"]*/([0-9a-f]{32})\.jpg"`)

// preview renders a post's Markdown for the page, its images (served by
// the blog, not by the page) shown by their stored thumbnails: the page
// loads nothing from elsewhere.
func (s *Server) preview(markdown string) template.HTML {
	out := renderMarkdown(markdown)
	if !s.thumbs() {
		return out
	}
	return template.HTML(postImageRE.ReplaceAllString(string(out), `<img src="/t/$1"`))
}
