package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	caarlos0env "github.com/caarlos0/env/v11"
	"github.com/joho/godotenv"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/bluesky"
	"github.com/moisson/moisson/bot/feed"
	"github.com/moisson/moisson/bot/mastodon"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/site"
	"github.com/moisson/moisson/weekly"
)

//go:generate go test -run TestGeneratedConfigFiles -update .

// Config is every setting of moisson, and the one place a setting is
// declared: each field's tags give its variable (env), its default
// (envDefault), what it does (help), whether it is a secret (secret:
// never shown, readable from KEY_FILE), its checks (oneof, min) and how
// it is shown. caarlos0/env reads the variables into it; `moisson config`,
// .env.example, the unknown-variable check and docs/configuration.md's
// table are all made from the same tags (config_fields.go; go generate
// ./cmd/moisson rewrites the files).
//
// It is filled from the defaults, then the .env file, then the
// environment, then the command's flags, and checked once by Validate.
// Tags:
//
//	env, envDefault  caarlos0/env's: the variable and its default
//	section          the .env.example section that starts at this field
//	help             what the setting does, in Markdown, with {code} for
//	                 code (a struct tag cannot hold a backquote)
//	doc              the default as the docs tell it, when envDefault is not it
//	example          a good value, shown in the errors (default: envDefault)
//	secret           never shown; KEY_FILE can give it
//	fromfile         KEY_FILE can give it (not a secret)
//	lower, raw, list how the value is read: lower-cased, kept as it is
//	                 (not trimmed), a list split on commas and spaces
//	show             url: its secrets masked; feeds: feed specs masked;
//	                 lines: newlines shown as \n
//	oneof, optional  the allowed words (optional: empty too)
//	min, problem     the least value, and the problem told below it
type Config struct {
	DB             string `env:"MOISSON_DB" envDefault:"moisson.db" section:"Store and week" help:"the bbolt store: posts, links, scraped pages, source positions, publications"`
	TZ             string `env:"MOISSON_TZ" envDefault:"Europe/Paris" help:"time zone of the week's cutoff and of the post's dates (an IANA name, such as {UTC})"`
	Cutoff         string `env:"MOISSON_CUTOFF" envDefault:"fri 18:00" help:"when a week ends, a day and a time: a link posted at or after it goes into the next week"`
	Categories     string `env:"MOISSON_CATEGORIES" help:"the categories file (hashtag and domain rules), see [the post](post.md)"`
	IncludeReplies bool   `env:"MOISSON_INCLUDE_REPLIES" envDefault:"0" help:"keep replies to other accounts (1) or leave them out (0)"`
	BlogDir        string `env:"MOISSON_BLOG_DIR" section:"Blog" help:"the blog's checkout: posts go into {_posts/} (Jekyll), {content/posts/} (Hugo), the blog's posts folder (Eleventy, Zola, Astro: read from the blog) or {posts/} (markdown)"`
	BlogFormat     string `env:"MOISSON_BLOG_FORMAT" envDefault:"jekyll" lower:"true" oneof:"jekyll hugo eleventy zola astro markdown" example:"hugo" help:"the blog's generator, whose preset sets the posts' folder, file name and front matter: {jekyll}, {hugo}, {eleventy}, {zola}, {astro}, or {markdown} (plain Markdown with YAML front matter), see [the post](post.md#presets)"`
	PostTitle      string `env:"MOISSON_POST_TITLE" doc:"week" help:"the post's title, a Go template of the post's data; {week} (the default) is the language's week pattern, naming the week and its days: \"Moisson de liens, semaine 40 (du 29 septembre au 3 octobre 2014)\", \"Links of the week, week 40 (from September 29 to October 3, 2014)\""`
	// The post's shape (digest.Config).
	Slug                    string        `env:"MOISSON_SLUG" doc:"fr: compilation-veille, en: week" help:"the post's slug, a Go template of the post's data; {week} is the language's week pattern ({moisson-de-liens-2014-w40}, one URL per week); empty: {compilation-veille} in French (existing blogs keep their URLs), week in English and on a blog whose permalink has no date"`
	Template                string        `env:"MOISSON_TEMPLATE" help:"a Go text/template for the whole post, front matter included ({moisson template --print} writes the built-in one)"`
	FrontMatter             string        `env:"MOISSON_FRONT_MATTER" raw:"true" show:"lines" help:"extra front-matter fields, as YAML ({author: Jane}); a field named like one of moisson's replaces it"`
	HashtagTags             bool          `env:"MOISSON_TAGS_HASHTAGS" envDefault:"0" help:"add the week's hashtags to the post's tags, besides the section names (1)"`
	HugoSection             string        `env:"MOISSON_HUGO_SECTION" doc:"posts" help:"Hugo: the content section the posts go into ({content/SECTION/})"`
	PostStyle               string        `env:"MOISSON_POST_STYLE" envDefault:"quote" lower:"true" oneof:"quote definition bold" example:"definition" help:"how each entry is written: {quote} (the bold link, the page's lead as a blockquote, your comment as a paragraph: what Jekyll's minima and Hugo's themes show well), {definition} (a definition list, like the hand-written posts) or {bold} (the bold link, the lead on the next lines)"`
	HugoDL                  bool          `env:"MOISSON_HUGO_DL" envDefault:"1" help:"{0}: bold links whatever {MOISSON_POST_STYLE}, for Hugo sites that turned Goldmark's definition lists off"`
	PostDir                 string        `env:"MOISSON_POST_DIR" doc:"per format: _posts, content/posts, content/blog (Eleventy, Zola), src/content/blog (Astro), posts; read from the blog for Eleventy, Zola and Astro" help:"the posts' folder in the blog"`
	FileName                string        `env:"MOISSON_FILE_NAME" doc:"{{.Date.Format \"2006-01-02\"}}-{{.Slug}}.md" help:"the post's file name, a Go template of the post's data"`
	LeadMax                 int           `env:"MOISSON_LEAD_MAX" envDefault:"0" example:"300" min:"0" problem:"want 0 (whole leads) or more" help:"cut leads to this many characters at a sentence end, with … ({0}: whole leads)"`
	Via                     bool          `env:"MOISSON_VIA" envDefault:"1" help:"show \"via @someone\" after the lead of a quoted, reposted or boosted post (1) or not (0)"`
	BlogURL                 string        `env:"MOISSON_BLOG_URL" show:"url" help:"the blog's address, for the announcements and the Webmentions"`
	Permalink               string        `env:"MOISSON_PERMALINK" doc:"Jekyll /:categories/:year/:month/:day/:title:output_ext, Hugo /:section/:slug/, Eleventy and Astro /blog/:filename/, Zola /blog/:slug/, markdown /posts/:filename/" help:"a post's path on the blog ({:year :month :day :title :slug :filename :categories :section :lang :week :output_ext}), for the announcements"`
	Announce                []string      `env:"MOISSON_ANNOUNCE" lower:"true" list:"true" help:"announce each published week on {mastodon}, {bluesky}, {x} (comma-separated); X costs $0.20 per post with a URL on its pay-per-use API"`
	AnnounceMastodonServer  string        `env:"MOISSON_ANNOUNCE_MASTODON_SERVER" show:"url" doc:"MOISSON_MASTODON's instance" help:"Mastodon: the instance the announcement is posted on"`
	AnnounceMastodonToken   string        `env:"MOISSON_ANNOUNCE_MASTODON_TOKEN" secret:"true" help:"Mastodon: an access token with {write:statuses}"`
	AnnounceBlueskyHandle   string        `env:"MOISSON_ANNOUNCE_BLUESKY_HANDLE" doc:"MOISSON_BLUESKY" help:"Bluesky: the account that announces"`
	AnnounceBlueskyPassword string        `env:"MOISSON_ANNOUNCE_BLUESKY_PASSWORD" secret:"true" help:"Bluesky: an app password of that account"`
	AnnounceBlueskyPDS      string        `env:"MOISSON_ANNOUNCE_BLUESKY_PDS" envDefault:"https://bsky.social" show:"url" help:"Bluesky: the account's server"`
	Targets                 TargetConfig  // Webmentions, Micropub, WordPress, Ghost (targets.go)
	GitPush                 bool          `env:"MOISSON_GIT_PUSH" envDefault:"0" help:"commit each published post in {MOISSON_BLOG_DIR} (a git checkout) and push it"`
	Publish                 string        `env:"MOISSON_PUBLISH" envDefault:"auto" help:"how a week reaches the blog at its cutoff: {auto} (published at once), {review} (a draft, published when you approve it on the review page) or {after:DURATION} (a draft, published by itself that long after the cutoff unless you hold it, e.g. {after:48h})"`
	Lang                    string        `env:"MOISSON_LANG" envDefault:"fr" lower:"true" oneof:"fr en" example:"en" help:"the post's language, and the review page's: {fr} or {en}"`
	Listen                  string        `env:"MOISSON_LISTEN" envDefault:"127.0.0.1:7080" section:"Review page" help:"where {run} and {review} serve the review page; {off} for none; off loopback, {MOISSON_UI_TOKEN} is required"`
	UIToken                 string        `env:"MOISSON_UI_TOKEN" secret:"true" help:"the review page's password (a long random string), required when {MOISSON_LISTEN} is not a loopback address; never logged"`
	Notify                  string        `env:"MOISSON_NOTIFY" secret:"true" example:"ntfy://ntfy.sh/my-moisson-topic" help:"where {run} tells when its health degrades and when it heals (what {moisson health} says), one message each: shoutrrr URLs separated by spaces (ntfy, Gotify, Matrix, Slack, Discord, Telegram, e-mail with smtp://, generic webhooks...); a failed notification is logged and tried again"`
	XBearerToken            string        `env:"X_BEARER_TOKEN" secret:"true" section:"Sources" help:"X API v2, app-only: a bearer token"`
	XUsername               string        `env:"X_USERNAME" help:"X: the account whose posts are read"`
	XAPIBaseURL             string        `env:"X_API_BASE_URL" envDefault:"https://api.twitter.com" show:"url" help:"base URL of the X API, v2 and v1.1 (tests, proxies)"`
	XConsumerKey            string        `env:"X_CONSUMER_KEY" secret:"true" help:"X OAuth 1.0a user context (the cheaper owned reads on v2; required for v1.1): the consumer key"`
	XConsumerSecret         string        `env:"X_CONSUMER_SECRET" secret:"true" help:"X OAuth 1.0a: the consumer secret"`
	XAccessToken            string        `env:"X_ACCESS_TOKEN" secret:"true" help:"X OAuth 1.0a: the access token"`
	XAccessSecret           string        `env:"X_ACCESS_SECRET" secret:"true" help:"X OAuth 1.0a: the access token secret"`
	XAPIVersion             string        `env:"X_API_VERSION" envDefault:"2" oneof:"2 1.1" help:"which X API the OAuth 1.0a credentials are used with: {2} or {1.1} (the legacy timeline)"`
	XMaxPostsPerMonth       int           `env:"MOISSON_X_MAX_POSTS_PER_MONTH" envDefault:"3000" min:"0" problem:"want 0 (no limit) or more" help:"most posts read from the X API in a month (UTC); reads stop before passing it; {0}: no limit. Each post read costs $0.001 with the OAuth 1.0a user context, $0.005 with a bearer token"`
	Bluesky                 string        `env:"MOISSON_BLUESKY" help:"Bluesky, keyless: a handle or a DID to read"`
	BlueskyAPI              string        `env:"MOISSON_BLUESKY_API" envDefault:"https://public.api.bsky.app" show:"url" help:"Bluesky's public AppView (tests, mirrors)"`
	BlueskyReposts          bool          `env:"MOISSON_BLUESKY_REPOSTS" envDefault:"0" help:"keep your Bluesky reposts, crediting the reposted account (1)"`
	Mastodon                string        `env:"MOISSON_MASTODON" help:"Mastodon, keyless: {@user@instance} (or {https://instance/@user})"`
	MastodonToken           string        `env:"MOISSON_MASTODON_TOKEN" secret:"true" help:"Mastodon: an access token with {read:statuses}, only for instances that refuse anonymous API reads"`
	MastodonBoosts          bool          `env:"MOISSON_MASTODON_BOOSTS" envDefault:"0" help:"keep your Mastodon boosts, crediting the boosted account (1)"`
	Feeds                   []string      `env:"MOISSON_FEEDS" list:"true" fromfile:"true" show:"feeds" help:"RSS, Atom or JSON feeds (bookmarks: linkding, Shaarli, Pinboard, Wallabag; blogs), separated by spaces or commas, no quotes; a feed's mode is detected item by item, or set with a prefix: {links:URL}, a bookmark or link feed (each item's link is the link, its description the comment), {posts:URL}, the author's own posts (the links are inside each item); changing a mode makes the feed's recent items read again"`
	Archive                 string        `env:"MOISSON_ARCHIVE" help:"an X archive export (.zip or folder) used as a source, for the history the API no longer serves"`
	PollInterval            time.Duration `env:"MOISSON_POLL_INTERVAL" envDefault:"15m" min:"1m" help:"how often {run} polls each source"`
	AllowPrivate            bool          `env:"MOISSON_ALLOW_PRIVATE_NETWORKS" envDefault:"0" section:"Fetching" help:"allow fetching loopback, private and link-local addresses (1); off by default: a shared link must not reach your network"`
	UserAgent               string        `env:"MOISSON_USER_AGENT" envDefault:"moisson/1.0 (+https://github.com/moisson/moisson)" help:"the User-Agent of every page, feed and Wayback Machine request (the X API is sent moisson's own)"`
	Concurrency             int           `env:"MOISSON_CONCURRENCY" envDefault:"8" min:"1" help:"pages fetched at once, in all"`
	HostDelay               time.Duration `env:"MOISSON_HOST_DELAY" envDefault:"1s" min:"0" problem:"must not be negative" help:"pause between two requests to the same host (one request at a time per host)"`
	FetchTimeout            time.Duration `env:"MOISSON_FETCH_TIMEOUT" envDefault:"20s" help:"time limit of one fetch, body included"`
	MaxBodyBytes            int64         `env:"MOISSON_MAX_BODY_BYTES" envDefault:"10485760" min:"1024" help:"largest body read from a page"`
	MaxAttempts             int           `env:"MOISSON_MAX_ATTEMPTS" envDefault:"5" min:"1" help:"scrapes of a page that fails for a temporary reason before it is given up (each retries twice with backoff)"`
	WaybackBaseURL          string        `env:"WAYBACK_BASE_URL" envDefault:"https://archive.org" show:"url" help:"base URL of the Wayback Machine, for dead pages of past weeks ({https://archive.org} means {https://web.archive.org})"`
	Links                   LinkConfig    // the Wayback rate, archiving, the link-rot sweep (cmd_linkcheck.go)
	Images                  ImageConfig   // the pages' preview images (images.go)
	LogLevel                string        `env:"MOISSON_LOG_LEVEL" envDefault:"info" lower:"true" section:"Logs" help:"{debug}, {info}, {warn} or {error}"`
	LogFormat               string        `env:"MOISSON_LOG_FORMAT" envDefault:"text" lower:"true" oneof:"text json" optional:"true" example:"json" help:"{text} or {json}"`

	// origins tells where each variable set came from (".env",
	// "environment", "file PATH (KEY_FILE)", "flag --db"); a variable
	// missing from it has its default.
	origins map[string]string

	// slug is the slug settled by Validate (checkSlug), and siteNotes
	// what could not be read of the blog's configuration, or what the
	// blog lacks for the preset's posts.
	slug      SlugChoice
	siteNotes []string
	// rawHTML is true when the blog renders raw HTML in its Markdown
	// (site.Site.RawHTML): the post then carries microformats.
	rawHTML bool
	// blog is the blog as Validate read it (site.Detect), nil when
	// MOISSON_BLOG_DIR is unset or unreadable: an Eleventy, Zola or
	// Astro preset takes its posts' folder, URLs and taxonomies from it.
	blog *site.Site

	location *time.Location
	mode     weekly.Mode
	cutDay   time.Weekday
	cutHour  int
	cutMin   int
}

// defaultConfig returns the defaults (the envDefault tags), before .env
// and the environment.
func defaultConfig() Config {
	var c Config
	if err := caarlos0env.ParseWithOptions(&c, envOptions(map[string]string{})); err != nil {
		panic(fmt.Sprintf("config: the defaults do not parse: %v", err)) // a wrong tag: TestDefaults fails first
	}
	return c
}

const defaultUserAgent = "moisson/1.0 (+https://github.com/moisson/moisson)"

func isSecret(key string) bool {
	f, ok := settingByKey(key)
	return ok && f.secret
}

// loadConfig reads the defaults, then envFile (when it exists), then
// environ (KEY=VALUE strings, as os.Environ gives them), then the KEY_FILE
// variables. It returns the configuration with every variable that could
// be read, and the errors of those that could not, all of them (a
// configErrors); Validate checks the values.
func loadConfig(environ []string, envFile string) (Config, error) {
	vars := make(map[string]string)
	origins := make(map[string]string)
	var errs configErrors
	if envFile != "" {
		fileVars, err := godotenv.Read(envFile)
		switch {
		case err == nil:
			for k, v := range fileVars {
				vars[k], origins[k] = v, envFile
			}
		case errors.Is(err, fs.ErrNotExist):
		default:
			errs = append(errs, fmt.Errorf("%s: cannot be read: %w (its lines are KEY=VALUE, see .env.example)", envFile, err))
		}
	}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k], origins[k] = v, "environment"
		}
	}
	for _, f := range settings() {
		if !f.secret && !f.fromFile {
			continue
		}
		key := f.key
		path := strings.TrimSpace(vars[key+"_FILE"])
		if path == "" {
			continue
		}
		if strings.TrimSpace(vars[key]) != "" {
			errs = append(errs, fmt.Errorf("%s and %s are both set: set one of them", key, key+"_FILE"))
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, &configError{Key: key + "_FILE", Value: path, Problem: "cannot be read: " + describeFileError(err),
				Example: "/run/secrets/" + strings.ToLower(key)})
			continue
		}
		vars[key], origins[key] = strings.TrimRight(string(b), "\r\n"), "file "+path+" ("+key+"_FILE)"
	}
	c, perrs := parseSettings(vars)
	errs = append(errs, perrs...)
	c.origins = origins
	return c, errs.orNil()
}

// describeFileError says why a file could not be read, without Go's
// "open PATH:" prefix (the path is shown already).
func describeFileError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Origin tells where the variable key's value came from: "default",
// ".env" (the file's path), "environment", "file PATH (KEY_FILE)" or
// "flag --NAME".
func (c *Config) Origin(key string) string {
	if o, ok := c.origins[key]; ok {
		return o
	}
	return "default"
}

// setFromFlag records that flag (like "--out") set the variable key.
func (c *Config) setFromFlag(key, flag string) {
	if c.origins == nil {
		c.origins = make(map[string]string)
	}
	c.origins[key] = "flag " + flag
}

// Validate checks the settings, naming each variable at fault with its
// value (secrets hidden) and an example of a good one. It returns every
// error at once (a configErrors), nil when all is well.
func (c *Config) Validate() error {
	var errs configErrors
	bad := func(key, value, problem, example string) {
		errs = append(errs, &configError{Key: key, Value: value, Problem: problem, Example: example})
	}
	if strings.TrimSpace(c.TZ) != "" {
		loc, err := time.LoadLocation(c.TZ)
		if err != nil {
			bad("MOISSON_TZ", c.TZ, "unknown time zone (an IANA name, such as `UTC`)", "Europe/Paris")
		}
		c.location = loc
	} else {
		bad("MOISSON_TZ", c.TZ, "is empty; leave it unset for Europe/Paris, or name a zone", "UTC")
		c.location = time.UTC
	}
	errs = append(errs, c.checkTags()...)
	day, hour, minute, err := parseCutoff(c.Cutoff)
	if err != nil {
		bad("MOISSON_CUTOFF", c.Cutoff, err.Error(), "fri 18:00")
	}
	c.cutDay, c.cutHour, c.cutMin = day, hour, minute
	for _, err := range c.validatePost() {
		errs = append(errs, err)
	}
	for _, err := range c.Links.validate() {
		errs = append(errs, err)
	}
	errs = append(errs, c.Targets.validate(c.BlogURL)...)
	errs = append(errs, c.Images.validate()...)
	if c.FetchTimeout <= 0 {
		bad("MOISSON_FETCH_TIMEOUT", c.FetchTimeout.String(), "must be positive", "20s")
	}
	if c.DB == "" {
		bad("MOISSON_DB", c.DB, "is empty: name the store's file, or leave it unset for moisson.db", "/var/lib/moisson/moisson.db")
	}
	if c.Bluesky != "" && !bluesky.ValidActor(c.Bluesky) {
		bad("MOISSON_BLUESKY", c.Bluesky, "want a handle or a DID (did:plc:…)", "jane.bsky.social")
	}
	for _, u := range []struct{ key, value, example string }{
		{"MOISSON_BLUESKY_API", c.BlueskyAPI, bluesky.DefaultAPI},
		{"X_API_BASE_URL", c.XAPIBaseURL, "https://api.twitter.com"},
		{"WAYBACK_BASE_URL", c.WaybackBaseURL, "https://archive.org"},
	} {
		if err := checkURL(u.key, u.value, u.example); err != nil {
			errs = append(errs, err)
		}
	}
	for _, f := range c.Feeds {
		u, _, err := feed.ParseSpec(f)
		if err == nil {
			err = checkURL("MOISSON_FEEDS", u, "https://blog.example.org/feed.xml,links:https://example.org/bookmarks.rss")
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if c.Mastodon != "" {
		if _, _, err := mastodon.ParseAccount(c.Mastodon); err != nil {
			bad("MOISSON_MASTODON", c.Mastodon, "want @user@instance or https://instance/@user", "@jane@mastodon.social")
		}
	}
	if c.MastodonToken != "" && c.Mastodon == "" {
		errs = append(errs, errors.New("MOISSON_MASTODON_TOKEN is set but MOISSON_MASTODON is not (for example MOISSON_MASTODON=@jane@mastodon.social)"))
	}
	if mode, err := weekly.ParseMode(c.Publish); err != nil {
		bad("MOISSON_PUBLISH", c.Publish, "want auto, review or after:DURATION", "after:48h")
	} else {
		c.mode = mode
	}
	if c.Listen != "" && c.Listen != "off" {
		if err := review.CheckAddr(c.Listen, c.UIToken); err != nil {
			bad("MOISSON_LISTEN", c.Listen, err.Error(), "127.0.0.1:7080")
		}
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.LogLevel)); err != nil && c.LogLevel != "" {
		bad("MOISSON_LOG_LEVEL", c.LogLevel, "want debug, info, warn or error", "info")
	}
	if err := c.checkSlug(); err != nil {
		errs = append(errs, err)
	}
	return errs.orNil()
}

// checkURL checks that value is an http(s) URL, with a hint when it is
// quoted (docker --env-file and systemd's EnvironmentFile keep quotes).
func checkURL(key, value, example string) error {
	if value == "" {
		return nil
	}
	if quoted(value) {
		return &configError{Key: key, Value: value, Problem: "the quotes are part of the value here (docker --env-file and systemd keep them): remove them", Example: example}
	}
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &configError{Key: key, Value: value, Problem: "want an http(s) URL", Example: example}
	}
	return nil
}

// quoted reports whether s starts with a quote, or ends with one.
func quoted(s string) bool {
	return strings.HasPrefix(s, `"`) || strings.HasPrefix(s, `'`) || strings.HasSuffix(s, `"`) || strings.HasSuffix(s, `'`)
}

// configError is one bad variable: its name, its value (shown with secrets
// hidden), what is wrong and an example of a good value.
type configError struct {
	Key, Value, Problem, Example string
}

func (e *configError) Error() string {
	v := e.Value
	switch {
	case isSecret(e.Key) && v != "":
		v = "***"
	case e.Key == "MOISSON_FEEDS" || strings.Contains(v, "://"):
		v = moisson.RedactURL(v)
	}
	s := fmt.Sprintf("%s=%q: %s", e.Key, v, e.Problem)
	if e.Example != "" {
		s += fmt.Sprintf(" (for example %s=%s)", e.Key, e.Example)
	}
	return s
}

// configErrors are all the problems of a configuration, reported
// together.
type configErrors []error

func (es configErrors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(es))
	for _, e := range es {
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(e.Error(), "\n", "\n    "))
	}
	return b.String()
}

func (es configErrors) Unwrap() []error { return es }

func (es configErrors) orNil() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// joinConfigErrors gathers the errors of loading and of validating, all
// of them, flat.
func joinConfigErrors(errs ...error) error {
	var all configErrors
	for _, err := range errs {
		var ce configErrors
		switch {
		case err == nil:
		case errors.As(err, &ce):
			all = append(all, ce...)
		default:
			all = append(all, err)
		}
	}
	return all.orNil()
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseCutoff reads "fri 18:00".
func parseCutoff(s string) (time.Weekday, int, int, error) {
	dayStr, clock, ok := strings.Cut(strings.TrimSpace(strings.ToLower(s)), " ")
	if !ok {
		return 0, 0, 0, errors.New("want a day and a time")
	}
	if len(dayStr) > 3 {
		dayStr = dayStr[:3]
	}
	day, ok := weekdays[dayStr]
	if !ok {
		return 0, 0, 0, fmt.Errorf("unknown day %q", dayStr)
	}
	t, err := time.Parse("15:04", strings.TrimSpace(clock))
	if err != nil {
		return 0, 0, 0, fmt.Errorf("bad time %q, want HH:MM", clock)
	}
	return day, t.Hour(), t.Minute(), nil
}

// checkBlogDir checks the blog directory dir (named what: MOISSON_BLOG_DIR
// or the flag that gave it) before a command writes into it: it exists,
// is a directory and is writable; with MOISSON_GIT_PUSH it is a git
// checkout with an identity to commit under. Said at start, rather than
// by every commit failing.
func (e *env) checkBlogDir(ctx context.Context, dir, what string) error {
	var errs configErrors
	bad := func(problem, example string) {
		errs = append(errs, &configError{Key: what, Value: dir, Problem: problem, Example: example})
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		bad("no such directory: create it, or clone your blog there", "/srv/blog")
	case err != nil:
		bad("cannot be read: "+describeFileError(err), "/srv/blog")
	case !fi.IsDir():
		bad("is a file, not a directory", "/srv/blog")
	default:
		f, err := os.CreateTemp(dir, ".moisson-write-test-*")
		if err != nil {
			bad("is not writable by this user: "+describeFileError(err), "/srv/blog")
		} else {
			f.Close()
			os.Remove(f.Name())
		}
	}
	if len(errs) == 0 && e.cfg.GitPush {
		if err := checkGitCheckout(ctx, dir, e.environ); err != nil {
			errs = append(errs, fmt.Errorf("MOISSON_GIT_PUSH=1 but %w", err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("configuration: %w", errs)
	}
	return nil
}

// getenv returns the variable key of the process's environment.
func (e *env) getenv(key string) string {
	for _, kv := range e.environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}
