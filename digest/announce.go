package digest

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// Permalink placeholders, as Jekyll and Hugo spell them: :year, :month,
// :day (the post's date, the cutoff), :title and :slug (the slug),
// :filename (the file name without ".md"), :categories (the category),
// :section (the Hugo section), :lang, :week ("2014-w40") and
// :output_ext (".html").
//
// The default permalink is the site generator's: Jekyll's
// "/:categories/:year/:month/:day/:title:output_ext", Hugo's
// "/:section/:slug/", "/blog/:filename/" for Eleventy and Astro,
// "/blog/:slug/" for Zola, "/posts/:filename/" for Markdown.
func (c Config) permalink() string {
	if c.Permalink != "" {
		return c.Permalink
	}
	switch c.format() {
	case FormatHugo:
		return "/:section/:slug/"
	case FormatMarkdown:
		return "/" + c.dir() + "/:filename/"
	case FormatEleventy:
		// The input folder (eleventy-base-blog's "content") is not in
		// the URL.
		return "/" + strings.TrimPrefix(c.dir(), "content/") + "/:filename/"
	case FormatZola:
		// Zola drops the date that starts a file name from the page's
		// path: the slug makes it.
		return "/" + strings.TrimPrefix(c.dir(), "content/") + "/:slug/"
	case FormatAstro:
		// The blog starter's route, src/pages/blog/[...slug].astro.
		return "/" + path.Base(c.dir()) + "/:filename/"
	}
	return "/:categories/:year/:month/:day/:title:output_ext"
}

// url is the post's address on the blog, "" without Config.BlogURL.
func (c Config) url(data Data) string {
	if c.BlogURL == "" {
		return ""
	}
	end := data.Week.End
	file := strings.TrimSuffix(DefaultSlug, ".md")
	if name, err := c.fileName(data); err == nil {
		file = strings.TrimSuffix(name, path.Ext(name))
	}
	r := strings.NewReplacer(
		":year", end.Format("2006"), ":month", end.Format("01"), ":day", end.Format("02"),
		":title", data.Slug, ":slug", data.Slug, ":filename", file,
		":categories", strings.ToLower(strings.ReplaceAll(c.category(), " ", "-")),
		":section", c.hugoSection(), ":lang", string(data.Lang),
		":week", strings.ToLower(data.Week.ID), ":output_ext", ".html",
	)
	p := r.Replace(c.permalink())
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	return strings.TrimRight(c.BlogURL, "/") + p
}

// URL returns the post's address on the blog (Config.BlogURL and
// Config.Permalink), "" when no blog URL is configured.
func (d Digest) URL(cfg Config) string {
	data, err := cfg.pathData(d)
	if err != nil {
		return ""
	}
	return data.URL
}

// Announcement is what is posted on Mastodon and Bluesky when a week is
// published.
type Announcement struct {
	// Week is the ISO week, "2014-W40".
	Week string
	// Title, URL and Description are the post's; Lang its language.
	Title, URL, Description string
	Lang                    string
	// Text is the message: the template's "announce" block, by default
	// the title, the description and the URL on lines of their own.
	Text string
	// Image is the name (moisson.Image.Name) of the post's own image, the
	// link card's on Bluesky: the image of the first link shown that has
	// one stored; "" when none has.
	Image string
}

// ErrNoBlogURL is returned by Announce when no blog URL is configured:
// there is no address to announce.
var ErrNoBlogURL = errors.New("digest: no blog URL to announce (set MOISSON_BLOG_URL)")

// Announce returns the announcement of d, from the template's "announce"
// block (the built-in one when the configured template has none).
func Announce(d Digest, cfg Config) (Announcement, error) {
	data, err := cfg.data(d, d.Week.End)
	if err != nil {
		return Announcement{}, err
	}
	if data.URL == "" {
		return Announcement{}, ErrNoBlogURL
	}
	t := cfg.template()
	if t.t.Lookup("announce") == nil {
		t = builtin
	}
	text, err := t.execute("announce", data)
	if err != nil {
		return Announcement{}, fmt.Errorf("digest: announcement: %w", err)
	}
	return Announcement{
		Week: d.Week.ID, Title: data.Title, URL: data.URL, Description: data.Description,
		Lang: string(data.Lang), Text: strings.TrimSpace(text), Image: postImageName(d),
	}, nil
}

// postImageName is the name of the post's own image: that of the first
// shown entry whose page has a stored image, "" when none has.
func postImageName(d Digest) string {
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			if e.Image.Stored() {
				return e.Image.Name
			}
		}
	}
	return ""
}
