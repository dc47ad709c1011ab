package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/site"
)

// SlugChoice is the slug the posts get and why: `status` tells it.
type SlugChoice struct {
	// Pattern is the slug's pattern in effect: "week" (the language's
	// week pattern), "compilation-veille", or a template.
	Pattern string
	// Why says where it comes from, in a sentence.
	Why string
	// Auto is true when moisson chose the week's pattern itself, because
	// the blog's permalink has no date part and MOISSON_SLUG is unset.
	Auto bool
	// AutoTitle is true when the title gets the week's pattern too: a
	// Hugo permalink made from :title, with MOISSON_POST_TITLE unset.
	AutoTitle bool
}

// String is "week (why)".
func (s SlugChoice) String() string { return s.Pattern + " (" + s.Why + ")" }

// SlugChoice returns the slug the posts get and why, as Validate settled
// it (the blog's permalink read from MOISSON_BLOG_DIR).
func (c *Config) SlugChoice() SlugChoice {
	if c.slug.Pattern == "" {
		return c.chooseSlug(nil)
	}
	return c.slug
}

// checkSlug reads the blog's permalink (Jekyll's _config.yml, Hugo's
// permalinks) when MOISSON_BLOG_DIR is set and settles the slug: on a
// permalink with no date part, every week needs its own slug or they all
// share one URL. MOISSON_SLUG unset gets the language's week pattern;
// MOISSON_SLUG set to a fixed slug is refused, with the fix. A blog whose
// configuration cannot be read is not checked, and said so (a warning).
func (c *Config) checkSlug() error {
	c.slug, c.siteNotes, c.blog = SlugChoice{}, nil, nil
	c.rawHTML = c.BlogFormat == "jekyll" // kramdown passes HTML through
	if c.BlogDir == "" {
		c.slug = c.chooseSlug(nil)
		return nil
	}
	s, err := site.Detect(c.BlogDir)
	if err != nil {
		// A missing folder is checkBlogDir's to tell; a configuration
		// that cannot be parsed is told here.
		if s.Config != "" {
			c.siteNotes = append(c.siteNotes, fmt.Sprintf("the blog's %s cannot be read, so the slug is not checked against its permalink: %v", s.Config, err))
		}
		c.slug = c.chooseSlug(nil)
		return nil
	}
	c.blog = &s
	c.slug = c.chooseSlug(&s)
	c.rawHTML = s.RawHTML
	if presetFormat(c.BlogFormat) && string(s.Kind) == c.BlogFormat {
		// What the blog lacks for the preset's posts (a Zola section's
		// _index.md, an Astro collection).
		c.siteNotes = append(c.siteNotes, s.Notes...)
	}
	if !undated(s) || c.Slug == "" || c.slugChanges() {
		return nil
	}
	return &configError{Key: "MOISSON_SLUG", Value: c.Slug,
		Problem: fmt.Sprintf("one fixed slug gives every week the same URL: the blog's permalink %s (%s) has no date part; leave MOISSON_SLUG unset, set it to week, or put the date in the permalink (/:year/:month/:day/:title/)",
			s.Permalink, filepath.Join(c.BlogDir, s.Config)),
		Example: "week"}
}

// presetFormat tells whether format is a preset that reads its folder
// and URLs from the blog: eleventy, zola, astro.
func presetFormat(format string) bool {
	return format == "eleventy" || format == "zola" || format == "astro"
}

// undated tells whether the blog sets a permalink with no date part: a
// fixed slug there gives every week one URL. The generators' defaults
// carry the date, or the file's name that starts with it (Hugo's URL is
// the file's path unless the site sets permalinks).
func undated(s site.Site) bool { return s.PermalinkSet && !s.HasDatePart() }

// chooseSlug says which slug the posts get and why; s is the blog read,
// nil when it is not (no MOISSON_BLOG_DIR, or unreadable).
func (c *Config) chooseSlug(s *site.Site) SlugChoice {
	where := ""
	if s != nil {
		where = fmt.Sprintf("%s (%s)", s.Permalink, filepath.Join(c.BlogDir, s.Config))
	}
	switch {
	case c.Slug != "" && s != nil && undated(*s):
		return SlugChoice{Pattern: c.Slug, Why: "MOISSON_SLUG, which changes every week, as the blog's permalink " + where + " needs"}
	case c.Slug != "":
		return SlugChoice{Pattern: c.Slug, Why: "MOISSON_SLUG"}
	case s != nil && undated(*s):
		choice := SlugChoice{Pattern: digest.WeekPattern, Auto: true,
			Why: "MOISSON_SLUG is unset and the blog's permalink " + where + " has no date part: each week gets its own slug, so its own URL"}
		// Hugo's :title is the title's, not the slug's (Jekyll's is the
		// file name's, which holds the slug).
		if s.Kind == site.Hugo && strings.Contains(s.Permalink, ":title") && c.PostTitle == "" {
			choice.AutoTitle = true
			choice.Why += "; the title names the week too, since Hugo makes :title from it"
		}
		return choice
	case c.BlogFormat == "zola":
		return SlugChoice{Pattern: digest.WeekPattern, Why: "Zola drops the date that starts a file name from the page's URL: each week gets its own slug, so its own URL"}
	case c.Lang == "en":
		return SlugChoice{Pattern: digest.WeekPattern, Why: "the default in English (MOISSON_LANG=en)"}
	case s != nil && s.PermalinkSet:
		return SlugChoice{Pattern: digest.DefaultSlug, Why: "the reference's, the default in French; the blog's permalink " + where + " carries the date, so each week has its own URL"}
	case s != nil:
		return SlugChoice{Pattern: digest.DefaultSlug, Why: "the reference's, the default in French; the blog sets no permalink, and " + string(s.Kind) + "'s default makes each week's URL from the date or the file's name, which starts with it"}
	}
	return SlugChoice{Pattern: digest.DefaultSlug, Why: "the reference's, the default in French"}
}

// slugChanges tells whether MOISSON_SLUG gives two weeks two slugs.
func (c *Config) slugChanges() bool {
	if c.Slug == digest.WeekPattern {
		return true
	}
	lang, err := digest.ParseLang(c.Lang)
	if err != nil {
		lang = digest.French
	}
	dc := digest.DefaultConfig()
	dc.Lang, dc.Slug = lang, c.Slug
	end := time.Date(2014, 10, 3, 18, 0, 0, 0, time.UTC)
	a, errA := dc.Data(digest.Digest{Week: dc.WeekOf(end.Add(-time.Hour))}, end)
	b, errB := dc.Data(digest.Digest{Week: dc.WeekOf(end.AddDate(0, 0, -7).Add(-time.Hour))}, end.AddDate(0, 0, -7))
	// A pattern that fails is the post settings' error to tell.
	return errA != nil || errB != nil || a.Slug != b.Slug
}

// PostFormat returns the post's format (MOISSON_BLOG_FORMAT), the folder
// the posts go into, and why, in words: `status` and the daemon's start
// tell them.
func (c *Config) PostFormat() (format, folder, why string) {
	format = c.BlogFormat
	why = "MOISSON_BLOG_FORMAT"
	if _, set := c.origins["MOISSON_BLOG_FORMAT"]; !set {
		why = "the default"
	}
	var dc digest.Config
	dc.Format = digest.Format(format)
	dc.Dir = c.PostDir
	switch b := c.blog; {
	case c.PostDir != "":
		why += "; the folder is MOISSON_POST_DIR"
	case format == "hugo" && c.HugoSection != "":
		dc.HugoSection = c.HugoSection
		why += "; the folder is MOISSON_HUGO_SECTION's"
	case b != nil && presetFormat(format) && string(b.Kind) == format:
		dc.Dir = b.PostDir
		why += fmt.Sprintf("; the folder is the blog's, read from %s", b.Dir)
		if b.Config != "" {
			why += fmt.Sprintf(" (%s)", b.Config)
		}
	case b != nil && presetFormat(format):
		why += fmt.Sprintf("; the blog in %s looks like a %s site, not %s: the preset's default folder", b.Dir, b.Kind, format)
	}
	return format, dc.PostDir(), why
}
