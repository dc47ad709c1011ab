package main

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/moisson/moisson/publish/target"
	"github.com/moisson/moisson/publish/webmention"
	"github.com/moisson/moisson/weekly"
)

// TargetConfig is where else a week is published: Webmentions to the
// pages linked, and the publishing targets other than git (Micropub,
// WordPress, Ghost). docs/webmention.md and docs/publish-*.md tell them.
type TargetConfig struct {
	Webmention      bool          `env:"MOISSON_WEBMENTION" envDefault:"0" help:"send a Webmention from each published week to the pages it links to (needs {MOISSON_BLOG_URL}), see [Webmentions](webmention.md)"`
	WebmentionDelay time.Duration `env:"MOISSON_WEBMENTION_DELAY" envDefault:"10m" min:"0" problem:"want a duration of zero or more" help:"how long after a publication its Webmentions first go out"`

	MicropubEndpoint string `env:"MOISSON_MICROPUB_ENDPOINT" show:"url" help:"publish each week on a Micropub server too: its endpoint, see [Micropub](publish-micropub.md)"`
	MicropubToken    string `env:"MOISSON_MICROPUB_TOKEN" secret:"true" help:"the Micropub server's access token"`
	MicropubContent  string `env:"MOISSON_MICROPUB_CONTENT" envDefault:"html" lower:"true" oneof:"html markdown" example:"markdown" help:"{html} (JSON) or {markdown} (form-encoded) content for Micropub"`

	WordPressURL      string `env:"MOISSON_WORDPRESS_URL" show:"url" help:"publish each week on WordPress too: the site, see [WordPress](publish-wordpress.md)"`
	WordPressUser     string `env:"MOISSON_WORDPRESS_USER" help:"the WordPress user"`
	WordPressPassword string `env:"MOISSON_WORDPRESS_PASSWORD" secret:"true" help:"one of that user's application passwords"`

	GhostURL      string `env:"MOISSON_GHOST_URL" show:"url" help:"publish each week on Ghost too: the admin address, see [Ghost](publish-ghost.md)"`
	GhostAdminKey string `env:"MOISSON_GHOST_ADMIN_KEY" secret:"true" help:"a custom integration's Admin API key, {id:secret}"`
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
