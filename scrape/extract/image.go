package extract

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The preview image of a page (Result.Image) is, in this order: the
// og:image the page gives for its share cards, its twitter:image, the
// image of its JSON-LD article, or else the first large image of its
// content. A logo, an icon, an avatar, an emoji, a tracking pixel or an
// ad is never one, wherever it is named.

// minContentWidth is the width (in CSS pixels, from the width attribute
// or a srcset's "w" descriptor) from which an image of the content is a
// picture of the article rather than an ornament.
const minContentWidth = 200

// maxImageCandidates bounds the <img> elements looked at.
const maxImageCandidates = 64

// pageImage is one image the page names: its address as written and its
// alt text.
type pageImage struct {
	src, alt string
}

// imageWords are parts of an image's address, class, id or alt that say
// it is not a picture of the article.
var imageWords = []string{
	"logo", "icon", "avatar", "gravatar", "emoji", "smiley", "sprite", "spacer",
	"pixel", "blank.gif", "transparent.gif", "badge", "button", "placeholder",
	"ornament", "divider", "separator",
	"advert", "doubleclick", "googlesyndication", "adserver", "/ads/", "favicon",
	"tracking", "tracker", "beacon", "profile-pic", "profile_pic", "userpic",
	"author-photo", "author-image", "headshot", "share-button", "social-icon",
	"/feeds.feedburner.com/", "stats.wordpress.com", "/wp-includes/images/",
}

// metaImageWords are the parts of a share image's address that say it is
// the site's logo or icon rather than a picture of the page.
var metaImageWords = []string{"logo", "icon", "avatar", "gravatar", "favicon", "placeholder", "spacer", "pixel", "ornament", "divider"}

// imageTokens are whole words of a class or id with the same meaning.
var imageTokens = map[string]bool{"ad": true, "ads": true, "author": true}

// isOrnament reports whether an image whose address, class, id and alt
// are given is a logo, icon, avatar, pixel or ad.
func isOrnament(parts ...string) bool {
	return hasImageWord(imageWords, parts...)
}

// hasImageWord reports whether one of parts holds one of words, or one
// of the imageTokens as a whole word.
func hasImageWord(words []string, parts ...string) bool {
	for _, p := range parts {
		s := strings.ToLower(p)
		if s == "" {
			continue
		}
		for _, w := range words {
			if strings.Contains(s, w) {
				return true
			}
		}
		for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r < 'a' || r > 'z' }) {
			if imageTokens[tok] {
				return true
			}
		}
	}
	return false
}

// metaImage records the image tags of the head: the first og:image (or
// og:image:url, og:image:secure_url), its alt and width, the first
// twitter:image and its alt. Later tags name other images of the page
// (og:image may be repeated): the first is the one the page puts first.
func (m *pageMeta) metaImage(key, content string) {
	switch key {
	case "og:image", "og:image:url", "og:image:secure_url":
		if m.ogImage == "" {
			m.ogImage = content
		}
	case "og:image:alt":
		if m.ogImageAlt == "" {
			m.ogImageAlt = content
		}
	case "og:image:width":
		if m.ogImageWidth == 0 {
			m.ogImageWidth, _ = strconv.Atoi(strings.TrimSpace(content))
		}
	case "twitter:image", "twitter:image:src":
		if m.twitterImage == "" {
			m.twitterImage = content
		}
	case "twitter:image:alt":
		if m.twitterImageAlt == "" {
			m.twitterImageAlt = content
		}
	}
}

// contentImage looks at an <img> or a <picture> of the page's body: the
// first large one outside navigation, asides and footers, that is no
// ornament, is the content's image.
func (w *walker) contentImage(n *html.Node) {
	if w.bodyImage.src != "" || w.imagesSeen >= maxImageCandidates {
		return
	}
	w.imagesSeen++
	for _, b := range w.boilers {
		// A figure is the article's own picture; a header may hold
		// the article's hero image (the site's logo is told by its
		// words).
		if b.DataAtom != atom.Figure && b.DataAtom != atom.Header {
			return
		}
	}
	if w.comments > 0 {
		return
	}
	img := n
	var sourceSet string
	if n.DataAtom == atom.Picture {
		img = nil
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Source:
				if sourceSet == "" {
					sourceSet = attr(c, "srcset")
				}
			case atom.Img:
				img = c
			}
		}
		if img == nil {
			return
		}
	}
	src := strings.TrimSpace(attr(img, "src"))
	for _, lazy := range []string{"data-src", "data-lazy-src", "data-original"} {
		if v := strings.TrimSpace(attr(img, lazy)); v != "" && (src == "" || strings.HasPrefix(src, "data:")) {
			src = v
		}
	}
	set := attr(img, "srcset")
	if set == "" {
		set = attr(img, "data-srcset")
	}
	if set == "" {
		set = sourceSet
	}
	alt := collapse(attr(img, "alt"))
	if isOrnament(src, attr(img, "class"), attr(img, "id"), alt, attr(n, "class")) {
		return
	}
	width := dimension(attr(img, "width"))
	height := dimension(attr(img, "height"))
	if best, w := pickSrcset(set); best != "" {
		if src == "" || strings.HasPrefix(src, "data:") || w > width {
			src = best
		}
		width = max(width, w)
	}
	if src == "" || strings.HasPrefix(src, "data:") {
		return
	}
	// A width attribute says how large the page shows the image; a
	// height under 100 px is a strip (a divider, a banner), not a
	// picture.
	if width < minContentWidth || (height > 0 && height < minContentWidth/2) {
		return
	}
	w.bodyImage = pageImage{src: src, alt: alt}
}

// dimension reads a width or height attribute in pixels ("640",
// "640px"); 0 when it is missing or relative ("100%").
func dimension(v string) int {
	v = strings.TrimSuffix(strings.TrimSpace(strings.ToLower(v)), "px")
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// pickSrcset returns the candidate of a srcset to fetch and its width:
// the smallest at least 800 px wide, or else the widest. A srcset
// without "w" descriptors says nothing of the size and gives "".
func pickSrcset(set string) (string, int) {
	var best string
	bestW := 0
	var enough string
	enoughW := 0
	for _, cand := range strings.Split(set, ",") {
		fields := strings.Fields(cand)
		if len(fields) != 2 || !strings.HasSuffix(fields[1], "w") {
			continue
		}
		w, err := strconv.Atoi(strings.TrimSuffix(fields[1], "w"))
		if err != nil || w <= 0 {
			continue
		}
		if w > bestW {
			best, bestW = fields[0], w
		}
		if w >= 800 && (enoughW == 0 || w < enoughW) {
			enough, enoughW = fields[0], w
		}
	}
	if enough != "" {
		return enough, enoughW
	}
	return best, bestW
}

// chooseImage returns the page's preview image, resolved against the
// page's URL, and its alt text ("" when the page gives none).
func chooseImage(w *walker, base *url.URL) (string, string) {
	m := &w.meta
	// A share image narrower than a content image would be is a logo
	// or a square icon the site gives every page.
	metaOK := func(src string) bool {
		return src != "" && !hasImageWord(metaImageWords, urlPathOf(src)) && (m.ogImageWidth == 0 || m.ogImageWidth >= minContentWidth || src != m.ogImage)
	}
	candidates := []pageImage{
		{src: m.ogImage, alt: m.ogImageAlt},
		{src: m.twitterImage, alt: m.twitterImageAlt},
		{src: m.ld.image},
	}
	for _, c := range candidates {
		if !metaOK(c.src) {
			continue
		}
		if u := resolveImage(c.src, base); u != "" {
			return u, altOf(c.alt)
		}
	}
	if w.bodyImage.src != "" {
		if u := resolveImage(w.bodyImage.src, base); u != "" {
			return u, altOf(w.bodyImage.alt)
		}
	}
	return "", ""
}

// altOf is an image's alt text as the page gives it, "" when it is an
// address or a file name (some CMSs fill the alt with the image's URL),
// which describes nothing.
func altOf(alt string) string {
	alt = plainLine(alt)
	lower := strings.ToLower(alt)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "//") {
		return ""
	}
	if !strings.Contains(alt, " ") {
		for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp"} {
			if strings.HasSuffix(lower, ext) {
				return ""
			}
		}
	}
	return alt
}

// resolveImage makes src an absolute http(s) URL against base; "" when
// it cannot be one.
func resolveImage(src string, base *url.URL) string {
	src = strings.TrimSpace(src)
	if src == "" || strings.HasPrefix(src, "data:") {
		return ""
	}
	u, err := url.Parse(src)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// ldImage reads the image of a JSON-LD object: a URL, an ImageObject
// (its url or contentUrl), or a list of either (the first).
func ldImage(v any, depth int) string {
	if depth > 3 {
		return ""
	}
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := ldImage(e, depth+1); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := ldImage(x["url"], depth+1); s != "" {
			return s
		}
		return ldImage(x["contentUrl"], depth+1)
	}
	return ""
}

// urlPathOf returns the path of an image's address, where its file's
// name says what it is (a host named "icons.example.com" serves photos
// too).
func urlPathOf(src string) string {
	if u, err := url.Parse(src); err == nil {
		return u.Path
	}
	return src
}
