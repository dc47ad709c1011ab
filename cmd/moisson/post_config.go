package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/moisson/moisson/bot/mastodon"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/site"
)

// validatePost checks the settings of the post's shape and of its
// announcement, naming the variable at fault.
func (c *Config) validatePost() []error {
	var errs []error
	if c.LeadMax < 0 {
		errs = append(errs, &configError{Key: "MOISSON_LEAD_MAX", Value: strconv.Itoa(c.LeadMax), Problem: "want 0 (whole leads) or more", Example: "300"})
	}
	if c.Template != "" {
		if _, err := digest.LoadTemplate(c.Template); err != nil {
			errs = append(errs, fmt.Errorf("MOISSON_TEMPLATE=%q: %w (moisson template --print gives a start)", c.Template, err))
		}
	}
	for _, v := range []struct{ name, value, example string }{
		{"MOISSON_BLOG_URL", c.BlogURL, "https://blog.example.org"},
		{"MOISSON_ANNOUNCE_MASTODON_SERVER", c.AnnounceMastodonServer, "https://mastodon.social"},
		{"MOISSON_ANNOUNCE_BLUESKY_PDS", c.AnnounceBlueskyPDS, "https://bsky.social"},
	} {
		if err := checkURL(v.name, v.value, v.example); err != nil {
			errs = append(errs, err)
		}
	}
	for _, s := range c.Announce {
		switch s {
		case publish.ServiceMastodon:
			if c.AnnounceMastodonToken == "" {
				errs = append(errs, errors.New("MOISSON_ANNOUNCE names mastodon: set MOISSON_ANNOUNCE_MASTODON_TOKEN (an access token with write:statuses)"))
			}
			if c.mastodonServer() == "" {
				errs = append(errs, errors.New("MOISSON_ANNOUNCE names mastodon: set MOISSON_ANNOUNCE_MASTODON_SERVER or MOISSON_MASTODON"))
			}
		case publish.ServiceBluesky:
			if c.AnnounceBlueskyPassword == "" {
				errs = append(errs, errors.New("MOISSON_ANNOUNCE names bluesky: set MOISSON_ANNOUNCE_BLUESKY_PASSWORD (an app password)"))
			}
			if c.blueskyHandle() == "" {
				errs = append(errs, errors.New("MOISSON_ANNOUNCE names bluesky: set MOISSON_ANNOUNCE_BLUESKY_HANDLE or MOISSON_BLUESKY"))
			}
		case publish.ServiceX:
			if c.XConsumerKey == "" || c.XConsumerSecret == "" || c.XAccessToken == "" || c.XAccessSecret == "" {
				errs = append(errs, errors.New("MOISSON_ANNOUNCE names x: set X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET"))
			}
		default:
			errs = append(errs, &configError{Key: "MOISSON_ANNOUNCE", Value: s, Problem: "unknown service (want mastodon, bluesky or x)", Example: "mastodon,bluesky"})
		}
	}
	if len(c.Announce) > 0 && c.BlogURL == "" {
		errs = append(errs, errors.New("MOISSON_ANNOUNCE is set but MOISSON_BLOG_URL is not: there is no address to announce"))
	}
	return errs
}

// mastodonServer is where announcements are posted: the configured server,
// else MOISSON_MASTODON's instance.
func (c *Config) mastodonServer() string {
	if c.AnnounceMastodonServer != "" {
		return c.AnnounceMastodonServer
	}
	if c.Mastodon != "" {
		if instance, _, err := mastodon.ParseAccount(c.Mastodon); err == nil {
			if u, err := url.Parse(instance); err == nil && u.Scheme != "" {
				return instance
			}
			return "https://" + instance
		}
	}
	return ""
}

func (c *Config) blueskyHandle() string {
	if c.AnnounceBlueskyHandle != "" {
		return c.AnnounceBlueskyHandle
	}
	return c.Bluesky
}

// postConfig sets the post's shape on dc from the settings.
func (c *Config) postConfig(dc *digest.Config) error {
	lang, err := digest.ParseLang(c.Lang)
	if err != nil {
		return fmt.Errorf("MOISSON_LANG: %w", err)
	}
	dc.Lang = lang
	// The title names the week and its days, never a source the author
	// may not use; the slug stays the reference's in French (the URLs
	// of existing installs), the week's in English. "week" asks for the
	// week's slug in French too (.env.example sets it).
	dc.Title = digest.WeekPattern
	if c.PostTitle != "" {
		dc.Title = c.PostTitle
	}
	dc.Category = "" // the language's: "veille", "links"
	switch {
	case c.Slug != "":
		dc.Slug = c.Slug
	case lang == digest.English, c.slug.Auto, c.BlogFormat == "zola": // Auto: the blog's permalink has no date (checkSlug); Zola's never has
		dc.Slug = digest.WeekPattern
	}
	if c.Template != "" {
		t, err := digest.LoadTemplate(c.Template)
		if err != nil {
			return fmt.Errorf("MOISSON_TEMPLATE: %w", err)
		}
		dc.Template = t
	}
	dc.ExtraFrontMatter = c.FrontMatter
	dc.HugoSection = c.HugoSection
	dc.BoldLinks = !c.HugoDL
	// Entries in the quote style unless asked: themes show it as it is.
	dc.Style = digest.Style(c.PostStyle)
	if dc.Style == "" {
		dc.Style = digest.StyleQuote
	}
	// Microformats (h-entry, h-cite) where the blog renders the HTML
	// they need: Jekyll (kramdown), Hugo with Goldmark's unsafe on,
	// Eleventy (markdown-it with html), Zola, Astro.
	dc.Microformats = c.rawHTML && (c.BlogFormat == "jekyll" || c.BlogFormat == "hugo" || presetFormat(c.BlogFormat))
	dc.HashtagTags = c.HashtagTags
	dc.LeadMax = c.LeadMax
	dc.HideVia = !c.Via
	dc.Dir = c.PostDir
	dc.FileName = c.FileName
	dc.BlogURL = c.BlogURL
	dc.Permalink = c.Permalink
	if b := c.blog; b != nil && presetFormat(c.BlogFormat) && string(b.Kind) == c.BlogFormat {
		// The preset reads the blog: its posts' folder (Eleventy's input
		// folder, Zola's section, Astro's collection), their URLs, and
		// the taxonomies Zola lets a page name.
		switch {
		case dc.Dir == "":
			dc.Dir = b.PostDir
			if dc.Permalink == "" {
				dc.Permalink = b.Permalink
			}
		case dc.Permalink == "" && b.Kind == site.Eleventy:
			// A folder of the author's inside Eleventy's input folder,
			// which is not in the URLs.
			dc.Permalink = "/" + b.URLPath(dc.Dir) + "/:filename/"
		}
		dc.Taxonomies = b.Taxonomies
		dc.Collection = b.Collection
	}
	dc.DeadLinkStyle = digest.DeadLinkStyle(strings.ToLower(strings.TrimSpace(c.Links.DeadLinkStyle)))
	if err := dc.Validate(); err != nil {
		return fmt.Errorf("the post's settings (MOISSON_SLUG, MOISSON_POST_TITLE, MOISSON_POST_STYLE, MOISSON_FILE_NAME, MOISSON_FRONT_MATTER, MOISSON_POST_DIR, MOISSON_TEMPLATE): %w", err)
	}
	return nil
}

// announcer builds the announcer of MOISSON_ANNOUNCE; nil when it names no
// service.
func (c *Config) announcer(now func() time.Time) *publish.Announcer {
	if len(c.Announce) == 0 {
		return nil
	}
	client := &http.Client{Timeout: 30 * time.Second}
	a := &publish.Announcer{}
	for _, s := range c.Announce {
		switch s {
		case publish.ServiceMastodon:
			a.Services = append(a.Services, &publish.Mastodon{Server: c.mastodonServer(), Token: c.AnnounceMastodonToken, Client: client})
		case publish.ServiceBluesky:
			a.Services = append(a.Services, &publish.Bluesky{PDS: c.AnnounceBlueskyPDS, Identifier: c.blueskyHandle(), Password: c.AnnounceBlueskyPassword, Client: client, Now: now})
		case publish.ServiceX:
			a.Services = append(a.Services, &publish.X{BaseURL: c.XAPIBaseURL, ConsumerKey: c.XConsumerKey, ConsumerSecret: c.XConsumerSecret,
				AccessToken: c.XAccessToken, AccessSecret: c.XAccessSecret, Client: client})
		}
	}
	return a
}
