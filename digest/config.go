// Package digest turns a week of shared links into the weekly blog post, the
// "moisson de liens": it cuts time into weeks, sorts the week's links into
// categories, renders the Markdown post (for Jekyll, or Hugo as an option)
// and writes it into the blog directory.
//
// The steps are separate so that each can be tested on its own:
//
//	week := cfg.WeekOf(now)           // or cfg.ParseWeek("2014-W40")
//	d := digest.Apply(digest.Build(week, links, pages, cfg), edits)
//	pub, changed, err := digest.Write(blogDir, d, cfg, now, digest.WriteOptions{Previous: prev})
//
// Build makes the week from the store's links and pages; Apply applies
// the author's edits (moisson.WeekEdits); Render gives the Markdown (the
// review page's preview), Write the file, never over a post the author
// edited by hand (a *ConflictError) unless forced.
package digest

import (
	"fmt"
	"strings"
	"time"

	// The default time zone must be found even on a machine without a
	// zoneinfo database (a scratch container): weeks depend on it.
	_ "time/tzdata"
)

// Format is the flavour of blog the post is written for.
type Format string

// The supported formats.
const (
	// FormatJekyll writes _posts/YYYY-MM-DD-slug.md, with the entries as a
	// kramdown definition list, like the hand-written posts.
	FormatJekyll Format = "jekyll"
	// FormatHugo writes content/posts/YYYY-MM-DD-slug.md. Goldmark knows
	// definition lists only with an extension that Hugo sites may not
	// enable, so each entry is a bold link followed by its lead.
	FormatHugo Format = "hugo"
)

// Defaults of Config.
const (
	DefaultTimeZone = "Europe/Paris"
	DefaultTitle    = "Compilation veille Twitter & RSS"
	DefaultCategory = "veille"
	DefaultSlug     = "compilation-veille"
	// DefaultSection is the section of links that have neither a hashtag nor
	// a matching rule, when the categories file names no default.
	DefaultSection = "Divers"
)

// Config holds what shapes the weekly post.
type Config struct {
	// Location is the time zone of the cutoff and of the dates in the post
	// (MOISSON_TZ); nil means UTC.
	Location *time.Location
	// CutoffDay, CutoffHour and CutoffMinute give the end of each week:
	// by default Friday 18:00.
	CutoffDay    time.Weekday
	CutoffHour   int
	CutoffMinute int
	// Categories maps hashtags and domains to sections.
	Categories Categories
	// IncludeReplies keeps the links of replies to other accounts, which
	// are left out by default: they are conversation, not curation.
	IncludeReplies bool
	// Format is FormatJekyll when empty.
	Format Format
	// Title and Category are the post's front matter.
	Title    string
	Category string
	// Slug ends the post's file name.
	Slug string
	// Draft writes the post as a draft waiting for the author's approval:
	// "published: false" in a Jekyll post's front matter (the file stays
	// in _posts, at the same path, so that approving it only changes that
	// line), "draft: true" in a Hugo post's. Neither site builds it.
	Draft bool
}

// DefaultConfig returns the configuration of the hand-written posts:
// weeks ending on Friday at 18:00 in Paris, a Jekyll post titled
// "Compilation veille Twitter & RSS" in the category "veille".
func DefaultConfig() Config {
	loc, err := time.LoadLocation(DefaultTimeZone)
	if err != nil {
		// Unreachable: time/tzdata is embedded.
		loc = time.UTC
	}
	return Config{
		Location:     loc,
		CutoffDay:    time.Friday,
		CutoffHour:   18,
		CutoffMinute: 0,
		Format:       FormatJekyll,
		Title:        DefaultTitle,
		Category:     DefaultCategory,
		Slug:         DefaultSlug,
	}
}

// Validate reports the first field of c that cannot be used.
func (c Config) Validate() error {
	switch {
	case c.CutoffDay < time.Sunday || c.CutoffDay > time.Saturday:
		return fmt.Errorf("digest: cutoff day %d is not a weekday", c.CutoffDay)
	case c.CutoffHour < 0 || c.CutoffHour > 23:
		return fmt.Errorf("digest: cutoff hour %d is not between 0 and 23", c.CutoffHour)
	case c.CutoffMinute < 0 || c.CutoffMinute > 59:
		return fmt.Errorf("digest: cutoff minute %d is not between 0 and 59", c.CutoffMinute)
	case c.Format != "" && c.Format != FormatJekyll && c.Format != FormatHugo:
		return fmt.Errorf("digest: unknown format %q (want %q or %q)", c.Format, FormatJekyll, FormatHugo)
	case c.Slug != "" && (strings.ContainsAny(c.Slug, `/\`) || strings.HasPrefix(c.Slug, ".")):
		return fmt.Errorf("digest: slug %q must be a plain file name part", c.Slug)
	}
	return nil
}

func (c Config) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

func (c Config) format() Format {
	if c.Format == "" {
		return FormatJekyll
	}
	return c.Format
}

func (c Config) title() string {
	if c.Title == "" {
		return DefaultTitle
	}
	return c.Title
}

func (c Config) category() string {
	if c.Category == "" {
		return DefaultCategory
	}
	return c.Category
}

func (c Config) slug() string {
	if c.Slug == "" {
		return DefaultSlug
	}
	return c.Slug
}
