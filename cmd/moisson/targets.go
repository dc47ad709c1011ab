package main

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/publish/target"
	"github.com/moisson/moisson/publish/webmention"
	"github.com/moisson/moisson/weekly"
)

// TargetConfig is where else a week is published: Webmentions to the
// pages linked, and the publishing targets other than git (Micropub,
// WordPress, Ghost). docs/webmention.md and docs/publish-*.md tell them.
type TargetConfig struct {
	Webmention      bool          // MOISSON_WEBMENTION
	WebmentionDelay time.Duration // MOISSON_WEBMENTION_DELAY: after the publication, before the first send

	MicropubEndpoint string // MOISSON_MICROPUB_ENDPOINT
	MicropubToken    string // MOISSON_MICROPUB_TOKEN (secret)
	MicropubContent  string // MOISSON_MICROPUB_CONTENT: html or markdown

	WordPressURL      string // MOISSON_WORDPRESS_URL
	WordPressUser     string // MOISSON_WORDPRESS_USER
	WordPressPassword string // MOISSON_WORDPRESS_PASSWORD (secret, an application password)

	GhostURL      string // MOISSON_GHOST_URL
	GhostAdminKey string // MOISSON_GHOST_ADMIN_KEY (secret, id:secret)
}

func defaultTargetConfig() TargetConfig {
	return TargetConfig{WebmentionDelay: 10 * time.Minute, MicropubContent: "html"}
}

func (t *TargetConfig) load(p *envParser) {
	p.boolean("MOISSON_WEBMENTION", &t.Webmention)
	p.duration("MOISSON_WEBMENTION_DELAY", &t.WebmentionDelay, "10m")
	p.str("MOISSON_MICROPUB_ENDPOINT", &t.MicropubEndpoint)
	p.str("MOISSON_MICROPUB_TOKEN", &t.MicropubToken)
	p.enum("MOISSON_MICROPUB_CONTENT", &t.MicropubContent)
	p.str("MOISSON_WORDPRESS_URL", &t.WordPressURL)
	p.str("MOISSON_WORDPRESS_USER", &t.WordPressUser)
	p.str("MOISSON_WORDPRESS_PASSWORD", &t.WordPressPassword)
	p.str("MOISSON_GHOST_URL", &t.GhostURL)
	p.str("MOISSON_GHOST_ADMIN_KEY", &t.GhostAdminKey)
}

// validate checks the variables, naming the one at fault; blogURL is
// MOISSON_BLOG_URL, the Webmentions' source.
func (t *TargetConfig) validate(blogURL string) []error {
	var errs []error
	bad := func(key, value, problem, example string) {
		errs = append(errs, &configError{Key: key, Value: value, Problem: problem, Example: example})
	}
	if t.Webmention && blogURL == "" {
		errs = append(errs, errors.New("MOISSON_WEBMENTION is on but MOISSON_BLOG_URL is not set: a Webmention's source is the post's address"))
	}
	if t.WebmentionDelay < 0 {
		bad("MOISSON_WEBMENTION_DELAY", t.WebmentionDelay.String(), "want a duration of zero or more", "10m")
	}
	checkURL := func(key, v, example string) {
		if v == "" {
			return
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(key, v, "want an http(s) address", example)
		}
	}
	checkURL("MOISSON_MICROPUB_ENDPOINT", t.MicropubEndpoint, "https://micro.blog/micropub")
	checkURL("MOISSON_WORDPRESS_URL", t.WordPressURL, "https://blog.example.org")
	checkURL("MOISSON_GHOST_URL", t.GhostURL, "https://blog.example.org")
	if (t.MicropubEndpoint == "") != (t.MicropubToken == "") {
		errs = append(errs, errors.New("MOISSON_MICROPUB_ENDPOINT and MOISSON_MICROPUB_TOKEN go together: set both, or neither"))
	}
	if t.MicropubContent != "html" && t.MicropubContent != "markdown" {
		bad("MOISSON_MICROPUB_CONTENT", t.MicropubContent, "want html or markdown", "markdown")
	}
	if t.WordPressURL != "" && (t.WordPressUser == "" || t.WordPressPassword == "") {
		errs = append(errs, errors.New("MOISSON_WORDPRESS_URL is set: set MOISSON_WORDPRESS_USER and MOISSON_WORDPRESS_PASSWORD (an application password) too"))
	}
	if t.WordPressURL == "" && (t.WordPressUser != "" || t.WordPressPassword != "") {
		errs = append(errs, errors.New("MOISSON_WORDPRESS_USER or MOISSON_WORDPRESS_PASSWORD is set without MOISSON_WORDPRESS_URL"))
	}
	if (t.GhostURL == "") != (t.GhostAdminKey == "") {
		errs = append(errs, errors.New("MOISSON_GHOST_URL and MOISSON_GHOST_ADMIN_KEY go together: set both, or neither"))
	} else if t.GhostAdminKey != "" {
		if _, err := (&target.Ghost{Key: t.GhostAdminKey}).Token(); err != nil {
			bad("MOISSON_GHOST_ADMIN_KEY", t.GhostAdminKey, "want the Admin API key of a custom integration, id:secret with a hex secret", "6748592f4b9b7700010f6564:b1b5b9c1…")
		}
	}
	return errs
}

// redacted returns the settings for display, secrets hidden.
func (t TargetConfig) redacted() []string {
	secret := func(s string) string {
		if s == "" {
			return ""
		}
		return "***"
	}
	return []string{
		"MOISSON_WEBMENTION=" + strconv.FormatBool(t.Webmention),
		"MOISSON_WEBMENTION_DELAY=" + t.WebmentionDelay.String(),
		"MOISSON_MICROPUB_ENDPOINT=" + moisson.RedactURL(t.MicropubEndpoint),
		"MOISSON_MICROPUB_TOKEN=" + secret(t.MicropubToken),
		"MOISSON_MICROPUB_CONTENT=" + t.MicropubContent,
		"MOISSON_WORDPRESS_URL=" + moisson.RedactURL(t.WordPressURL),
		"MOISSON_WORDPRESS_USER=" + t.WordPressUser,
		"MOISSON_WORDPRESS_PASSWORD=" + secret(t.WordPressPassword),
		"MOISSON_GHOST_URL=" + moisson.RedactURL(t.GhostURL),
		"MOISSON_GHOST_ADMIN_KEY=" + secret(t.GhostAdminKey),
	}
}

// targets builds the publishing targets configured, their requests made
// with transport (nil: the default).
func (t TargetConfig) targets(transport http.RoundTripper, now func() time.Time) []target.Target {
	client := &http.Client{Timeout: target.DefaultTimeout, Transport: transport}
	var out []target.Target
	if t.MicropubEndpoint != "" {
		out = append(out, &target.Micropub{Endpoint: t.MicropubEndpoint, Token: t.MicropubToken, HTML: t.MicropubContent != "markdown", Client: client})
	}
	if t.WordPressURL != "" {
		out = append(out, &target.WordPress{Site: t.WordPressURL, User: t.WordPressUser, Password: t.WordPressPassword, Client: client})
	}
	if t.GhostURL != "" {
		out = append(out, &target.Ghost{Site: t.GhostURL, Key: t.GhostAdminKey, Client: client, Now: now})
	}
	return out
}

// webmention builds the Webmention sender, nil when MOISSON_WEBMENTION is
// off. client is the scraper's (its guard against private networks), and
// hostDelay its pause between two requests to a host (MOISSON_HOST_DELAY).
func (t TargetConfig) webmention(client *http.Client, st webmention.Store, userAgent string, hostDelay time.Duration, now func() time.Time) *weekly.Webmention {
	if !t.Webmention {
		return nil
	}
	if hostDelay <= 0 {
		hostDelay = -1 // MOISSON_HOST_DELAY=0s: no pause, as for the scraper
	}
	return &weekly.Webmention{
		Delay:  t.WebmentionDelay,
		Sender: &webmention.Sender{Client: client, Store: st, UserAgent: userAgent, HostDelay: hostDelay, Now: now},
	}
}
