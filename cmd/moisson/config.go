package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/bluesky"
	"github.com/moisson/moisson/bot/feed"
	"github.com/moisson/moisson/bot/mastodon"
	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// Config is every setting of moisson. It is filled from the defaults, then
// the .env file, then the environment, then the command's flags, and
// checked once by Validate.
type Config struct {
	DB             string        // MOISSON_DB
	TZ             string        // MOISSON_TZ
	Cutoff         string        // MOISSON_CUTOFF, "fri 18:00"
	Categories     string        // MOISSON_CATEGORIES, path of the categories file
	IncludeReplies bool          // MOISSON_INCLUDE_REPLIES
	BlogDir        string        // MOISSON_BLOG_DIR
	BlogFormat     string        // MOISSON_BLOG_FORMAT: jekyll or hugo
	PostTitle      string        // MOISSON_POST_TITLE
	GitPush        bool          // MOISSON_GIT_PUSH
	Archive        string        // MOISSON_ARCHIVE, an X archive export used as a source
	Feeds          []string      // MOISSON_FEEDS
	PollInterval   time.Duration // MOISSON_POLL_INTERVAL
	AllowPrivate   bool          // MOISSON_ALLOW_PRIVATE_NETWORKS
	UserAgent      string        // MOISSON_USER_AGENT
	Concurrency    int           // MOISSON_CONCURRENCY
	HostDelay      time.Duration // MOISSON_HOST_DELAY
	FetchTimeout   time.Duration // MOISSON_FETCH_TIMEOUT
	MaxBodyBytes   int64         // MOISSON_MAX_BODY_BYTES
	MaxAttempts    int           // MOISSON_MAX_ATTEMPTS
	LogLevel       string        // MOISSON_LOG_LEVEL
	LogFormat      string        // MOISSON_LOG_FORMAT: text or json

	XBearerToken    string       // X_BEARER_TOKEN
	XUsername       string       // X_USERNAME
	XAPIBaseURL     string       // X_API_BASE_URL
	XConsumerKey    string       // X_CONSUMER_KEY
	XConsumerSecret string       // X_CONSUMER_SECRET
	XAccessToken    string       // X_ACCESS_TOKEN
	XAccessSecret   string       // X_ACCESS_SECRET
	XAPIVersion     string       // X_API_VERSION: "2" (default) or "1.1"
	WaybackBaseURL  string       // WAYBACK_BASE_URL
	Links           LinkConfig   // the Wayback rate, archiving, the link-rot sweep (cmd_linkcheck.go)
	Targets         TargetConfig // Webmentions, Micropub, WordPress, Ghost (targets.go)

	Bluesky        string // MOISSON_BLUESKY: a handle or a DID
	BlueskyAPI     string // MOISSON_BLUESKY_API
	BlueskyReposts bool   // MOISSON_BLUESKY_REPOSTS
	Mastodon       string // MOISSON_MASTODON: @user@instance or https://instance/@user
	MastodonToken  string // MOISSON_MASTODON_TOKEN (secret)
	MastodonBoosts bool   // MOISSON_MASTODON_BOOSTS

	XMaxPostsPerMonth int // MOISSON_X_MAX_POSTS_PER_MONTH: the X API spending guard; 0 for none

	Publish string // MOISSON_PUBLISH: auto, review or after:DURATION
	Listen  string // MOISSON_LISTEN: the review page's address; "off" for none
	UIToken string // MOISSON_UI_TOKEN: required when MOISSON_LISTEN is not loopback
	Lang    string // MOISSON_LANG: fr or en, the post's and the page's language

	// The post's shape (digest.Config).
	Slug                    string   // MOISSON_SLUG: a pattern, "week", or empty for the reference's
	Template                string   // MOISSON_TEMPLATE: path of a text/template for the whole post
	FrontMatter             string   // MOISSON_FRONT_MATTER: YAML of extra fixed fields
	HugoSection             string   // MOISSON_HUGO_SECTION
	HugoDL                  bool     // MOISSON_HUGO_DL: definition lists (else bold links)
	HashtagTags             bool     // MOISSON_TAGS_HASHTAGS: the week's hashtags in the tags too
	LeadMax                 int      // MOISSON_LEAD_MAX: 0 for whole leads
	Via                     bool     // MOISSON_VIA: the "via @someone" credits
	PostDir                 string   // MOISSON_POST_DIR: the posts' folder in the blog
	FileName                string   // MOISSON_FILE_NAME: the file name pattern
	BlogURL                 string   // MOISSON_BLOG_URL
	Permalink               string   // MOISSON_PERMALINK
	Announce                []string // MOISSON_ANNOUNCE: mastodon, bluesky, x
	AnnounceMastodonServer  string   // MOISSON_ANNOUNCE_MASTODON_SERVER
	AnnounceMastodonToken   string   // MOISSON_ANNOUNCE_MASTODON_TOKEN (secret)
	AnnounceBlueskyHandle   string   // MOISSON_ANNOUNCE_BLUESKY_HANDLE
	AnnounceBlueskyPassword string   // MOISSON_ANNOUNCE_BLUESKY_PASSWORD (secret, an app password)
	AnnounceBlueskyPDS      string   // MOISSON_ANNOUNCE_BLUESKY_PDS

	// origins tells where each variable set came from (".env",
	// "environment", "file PATH (KEY_FILE)", "flag --db"); a variable
	// missing from it has its default.
	origins map[string]string

	location *time.Location
	mode     weekly.Mode
	cutDay   time.Weekday
	cutHour  int
	cutMin   int
}

// defaultConfig returns the defaults, before .env and the environment.
func defaultConfig() Config {
	return Config{
		DB:                 "moisson.db",
		TZ:                 "Europe/Paris",
		Cutoff:             "fri 18:00",
		BlogFormat:         "jekyll",
		PostTitle:          "", // the reference's in French, the week's in English (digestConfig)
		PollInterval:       15 * time.Minute,
		UserAgent:          defaultUserAgent,
		Concurrency:        8,
		HostDelay:          time.Second,
		FetchTimeout:       20 * time.Second,
		MaxBodyBytes:       10 << 20,
		MaxAttempts:        5,
		LogLevel:           "info",
		LogFormat:          "text",
		XAPIBaseURL:        "https://api.twitter.com",
		XAPIVersion:        "2",
		WaybackBaseURL:     "https://archive.org",
		BlueskyAPI:         bluesky.DefaultAPI,
		Links:              defaultLinkConfig(),
		Targets:            defaultTargetConfig(),
		Publish:            "auto",
		Via:                true,
		XMaxPostsPerMonth:  x.DefaultMaxPostsPerMonth,
		Listen:             "127.0.0.1:7080",
		Lang:               "fr",
		HugoDL:             true,
		AnnounceBlueskyPDS: "https://bsky.social",
	}
}

const defaultUserAgent = "moisson/1.0 (+https://github.com/moisson/moisson)"

// secretKeys are the variables whose value is never shown, each of which
// can also be read from a file named by KEY_FILE (Docker secrets, systemd
// credentials). MOISSON_FEEDS is among them: feed addresses often carry
// a private token.
var secretKeys = []string{
	"X_BEARER_TOKEN", "X_CONSUMER_KEY", "X_CONSUMER_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET",
	"MOISSON_UI_TOKEN", "MOISSON_MASTODON_TOKEN",
	"MOISSON_ANNOUNCE_MASTODON_TOKEN", "MOISSON_ANNOUNCE_BLUESKY_PASSWORD",
	"WAYBACK_ACCESS_KEY", "WAYBACK_SECRET_KEY",
	"MOISSON_MICROPUB_TOKEN", "MOISSON_WORDPRESS_PASSWORD", "MOISSON_GHOST_ADMIN_KEY",
}

// fileKeys are the variables that KEY_FILE can give: the secrets, and the
// feeds.
var fileKeys = append(slices.Clone(secretKeys), "MOISSON_FEEDS")

func isSecret(key string) bool { return slices.Contains(secretKeys, key) }

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
	for _, key := range fileKeys {
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
	c := defaultConfig()
	p := envParser{vars: vars}
	p.str("MOISSON_DB", &c.DB)
	p.str("MOISSON_TZ", &c.TZ)
	p.str("MOISSON_CUTOFF", &c.Cutoff)
	p.str("MOISSON_CATEGORIES", &c.Categories)
	p.boolean("MOISSON_INCLUDE_REPLIES", &c.IncludeReplies)
	p.str("MOISSON_BLOG_DIR", &c.BlogDir)
	p.enum("MOISSON_BLOG_FORMAT", &c.BlogFormat)
	p.str("MOISSON_POST_TITLE", &c.PostTitle)
	p.boolean("MOISSON_GIT_PUSH", &c.GitPush)
	p.str("MOISSON_ARCHIVE", &c.Archive)
	if v, ok := vars["MOISSON_FEEDS"]; ok {
		c.Feeds = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	}
	p.duration("MOISSON_POLL_INTERVAL", &c.PollInterval, "15m")
	p.boolean("MOISSON_ALLOW_PRIVATE_NETWORKS", &c.AllowPrivate)
	p.str("MOISSON_USER_AGENT", &c.UserAgent)
	p.integer("MOISSON_CONCURRENCY", &c.Concurrency, "8")
	p.duration("MOISSON_HOST_DELAY", &c.HostDelay, "1s")
	p.duration("MOISSON_FETCH_TIMEOUT", &c.FetchTimeout, "20s")
	var maxBody int
	if p.integer("MOISSON_MAX_BODY_BYTES", &maxBody, "10485760") {
		c.MaxBodyBytes = int64(maxBody)
	}
	p.integer("MOISSON_MAX_ATTEMPTS", &c.MaxAttempts, "5")
	p.enum("MOISSON_LOG_LEVEL", &c.LogLevel)
	p.enum("MOISSON_LOG_FORMAT", &c.LogFormat)
	p.str("X_BEARER_TOKEN", &c.XBearerToken)
	p.str("X_USERNAME", &c.XUsername)
	p.str("X_API_BASE_URL", &c.XAPIBaseURL)
	p.str("X_CONSUMER_KEY", &c.XConsumerKey)
	p.str("X_CONSUMER_SECRET", &c.XConsumerSecret)
	p.str("X_ACCESS_TOKEN", &c.XAccessToken)
	p.str("X_ACCESS_SECRET", &c.XAccessSecret)
	p.str("X_API_VERSION", &c.XAPIVersion)
	p.str("WAYBACK_BASE_URL", &c.WaybackBaseURL)
	c.Links.load(&p)
	c.Targets.load(&p)
	p.str("MOISSON_BLUESKY", &c.Bluesky)
	p.str("MOISSON_BLUESKY_API", &c.BlueskyAPI)
	p.boolean("MOISSON_BLUESKY_REPOSTS", &c.BlueskyReposts)
	p.str("MOISSON_MASTODON", &c.Mastodon)
	p.str("MOISSON_MASTODON_TOKEN", &c.MastodonToken)
	p.boolean("MOISSON_MASTODON_BOOSTS", &c.MastodonBoosts)
	p.integer("MOISSON_X_MAX_POSTS_PER_MONTH", &c.XMaxPostsPerMonth, "3000")
	p.str("MOISSON_PUBLISH", &c.Publish)
	p.str("MOISSON_LISTEN", &c.Listen)
	p.str("MOISSON_UI_TOKEN", &c.UIToken)
	p.enum("MOISSON_LANG", &c.Lang)
	p.str("MOISSON_SLUG", &c.Slug)
	p.str("MOISSON_TEMPLATE", &c.Template)
	if v, ok := vars["MOISSON_FRONT_MATTER"]; ok {
		c.FrontMatter = v // YAML: its indentation matters
	}
	p.str("MOISSON_HUGO_SECTION", &c.HugoSection)
	p.boolean("MOISSON_HUGO_DL", &c.HugoDL)
	p.boolean("MOISSON_TAGS_HASHTAGS", &c.HashtagTags)
	p.integer("MOISSON_LEAD_MAX", &c.LeadMax, "300")
	p.boolean("MOISSON_VIA", &c.Via)
	p.str("MOISSON_POST_DIR", &c.PostDir)
	p.str("MOISSON_FILE_NAME", &c.FileName)
	p.str("MOISSON_BLOG_URL", &c.BlogURL)
	p.str("MOISSON_PERMALINK", &c.Permalink)
	if v, ok := vars["MOISSON_ANNOUNCE"]; ok {
		c.Announce = strings.FieldsFunc(strings.ToLower(v), func(r rune) bool { return r == ',' || r == ' ' })
	}
	p.str("MOISSON_ANNOUNCE_MASTODON_SERVER", &c.AnnounceMastodonServer)
	p.str("MOISSON_ANNOUNCE_MASTODON_TOKEN", &c.AnnounceMastodonToken)
	p.str("MOISSON_ANNOUNCE_BLUESKY_HANDLE", &c.AnnounceBlueskyHandle)
	p.str("MOISSON_ANNOUNCE_BLUESKY_PASSWORD", &c.AnnounceBlueskyPassword)
	p.str("MOISSON_ANNOUNCE_BLUESKY_PDS", &c.AnnounceBlueskyPDS)
	c.origins = make(map[string]string)
	for k, o := range origins {
		if _, ok := vars[k]; ok {
			c.origins[k] = o
		}
	}
	errs = append(errs, p.errs...)
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
			bad("MOISSON_TZ", c.TZ, "unknown time zone (an IANA name)", "Europe/Paris")
		}
		c.location = loc
	} else {
		bad("MOISSON_TZ", c.TZ, "is empty; leave it unset for Europe/Paris, or name a zone", "UTC")
		c.location = time.UTC
	}
	day, hour, minute, err := parseCutoff(c.Cutoff)
	if err != nil {
		bad("MOISSON_CUTOFF", c.Cutoff, err.Error(), "fri 18:00")
	}
	c.cutDay, c.cutHour, c.cutMin = day, hour, minute
	c.BlogFormat = strings.ToLower(strings.TrimSpace(c.BlogFormat))
	if c.BlogFormat != "jekyll" && c.BlogFormat != "hugo" && c.BlogFormat != "markdown" {
		bad("MOISSON_BLOG_FORMAT", c.BlogFormat, "want jekyll, hugo or markdown", "hugo")
	}
	for _, err := range c.validatePost() {
		errs = append(errs, err)
	}
	for _, err := range c.Links.validate() {
		errs = append(errs, err)
	}
	errs = append(errs, c.Targets.validate(c.BlogURL)...)
	if c.Concurrency < 1 {
		bad("MOISSON_CONCURRENCY", strconv.Itoa(c.Concurrency), "want at least 1", "8")
	}
	if c.HostDelay < 0 {
		bad("MOISSON_HOST_DELAY", c.HostDelay.String(), "must not be negative", "1s")
	}
	if c.FetchTimeout <= 0 {
		bad("MOISSON_FETCH_TIMEOUT", c.FetchTimeout.String(), "must be positive", "20s")
	}
	if c.MaxBodyBytes < 1024 {
		bad("MOISSON_MAX_BODY_BYTES", strconv.FormatInt(c.MaxBodyBytes, 10), "want at least 1024", "10485760")
	}
	if c.MaxAttempts < 1 {
		bad("MOISSON_MAX_ATTEMPTS", strconv.Itoa(c.MaxAttempts), "want at least 1", "5")
	}
	if c.PollInterval < time.Minute {
		bad("MOISSON_POLL_INTERVAL", c.PollInterval.String(), "want at least 1m", "15m")
	}
	if c.XAPIVersion != "2" && c.XAPIVersion != "1.1" {
		bad("X_API_VERSION", c.XAPIVersion, "want 2 or 1.1", "2")
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
	if c.XMaxPostsPerMonth < 0 {
		bad("MOISSON_X_MAX_POSTS_PER_MONTH", strconv.Itoa(c.XMaxPostsPerMonth), "want 0 (no limit) or more", "3000")
	}
	if mode, err := weekly.ParseMode(c.Publish); err != nil {
		bad("MOISSON_PUBLISH", c.Publish, "want auto, review or after:DURATION", "after:48h")
	} else {
		c.mode = mode
	}
	c.Lang = strings.ToLower(strings.TrimSpace(c.Lang))
	if c.Lang != "fr" && c.Lang != "en" {
		bad("MOISSON_LANG", c.Lang, "want fr or en", "en")
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
	if f := strings.ToLower(c.LogFormat); f != "" && f != "text" && f != "json" {
		bad("MOISSON_LOG_FORMAT", c.LogFormat, "want text or json", "json")
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

// Redacted returns the settings as KEY=VALUE lines for display, secrets
// replaced by "***" (or "" when unset).
func (c Config) Redacted() []string {
	secret := func(s string) string {
		if s == "" {
			return ""
		}
		return "***"
	}
	feeds := make([]string, len(c.Feeds))
	for i, f := range c.Feeds {
		switch u, mode, err := feed.ParseSpec(f); {
		case err != nil:
			feeds[i] = moisson.RedactText(f)
		case mode != feed.ModeAuto:
			feeds[i] = mode + ":" + moisson.RedactURL(u)
		default:
			feeds[i] = moisson.RedactURL(u)
		}
	}
	return append([]string{
		"MOISSON_DB=" + c.DB,
		"MOISSON_TZ=" + c.TZ,
		"MOISSON_CUTOFF=" + c.Cutoff,
		"MOISSON_CATEGORIES=" + c.Categories,
		"MOISSON_INCLUDE_REPLIES=" + strconv.FormatBool(c.IncludeReplies),
		"MOISSON_BLOG_DIR=" + c.BlogDir,
		"MOISSON_BLOG_FORMAT=" + c.BlogFormat,
		"MOISSON_GIT_PUSH=" + strconv.FormatBool(c.GitPush),
		"MOISSON_FEEDS=" + strings.Join(feeds, ","),
		"MOISSON_ARCHIVE=" + c.Archive,
		"MOISSON_POLL_INTERVAL=" + c.PollInterval.String(),
		"MOISSON_ALLOW_PRIVATE_NETWORKS=" + strconv.FormatBool(c.AllowPrivate),
		"MOISSON_USER_AGENT=" + c.UserAgent,
		"MOISSON_CONCURRENCY=" + strconv.Itoa(c.Concurrency),
		"MOISSON_HOST_DELAY=" + c.HostDelay.String(),
		"MOISSON_FETCH_TIMEOUT=" + c.FetchTimeout.String(),
		"MOISSON_MAX_BODY_BYTES=" + strconv.FormatInt(c.MaxBodyBytes, 10),
		"MOISSON_MAX_ATTEMPTS=" + strconv.Itoa(c.MaxAttempts),
		"MOISSON_LOG_LEVEL=" + c.LogLevel,
		"MOISSON_LOG_FORMAT=" + c.LogFormat,
		"WAYBACK_BASE_URL=" + moisson.RedactURL(c.WaybackBaseURL),
		"MOISSON_X_MAX_POSTS_PER_MONTH=" + strconv.Itoa(c.XMaxPostsPerMonth),
		"MOISSON_PUBLISH=" + c.Publish,
		"MOISSON_LISTEN=" + c.Listen,
		"MOISSON_UI_TOKEN=" + secret(c.UIToken),
		"MOISSON_LANG=" + c.Lang,
		"X_USERNAME=" + c.XUsername,
		"X_API_BASE_URL=" + moisson.RedactURL(c.XAPIBaseURL),
		"X_API_VERSION=" + c.XAPIVersion,
		"X_BEARER_TOKEN=" + secret(c.XBearerToken),
		"X_CONSUMER_KEY=" + secret(c.XConsumerKey),
		"X_CONSUMER_SECRET=" + secret(c.XConsumerSecret),
		"X_ACCESS_TOKEN=" + secret(c.XAccessToken),
		"X_ACCESS_SECRET=" + secret(c.XAccessSecret),
		"MOISSON_BLUESKY=" + c.Bluesky,
		"MOISSON_BLUESKY_API=" + moisson.RedactURL(c.BlueskyAPI),
		"MOISSON_BLUESKY_REPOSTS=" + strconv.FormatBool(c.BlueskyReposts),
		"MOISSON_MASTODON=" + c.Mastodon,
		"MOISSON_MASTODON_TOKEN=" + secret(c.MastodonToken),
		"MOISSON_MASTODON_BOOSTS=" + strconv.FormatBool(c.MastodonBoosts),
		"MOISSON_POST_TITLE=" + c.PostTitle,
		"MOISSON_SLUG=" + c.Slug,
		"MOISSON_TEMPLATE=" + c.Template,
		"MOISSON_FRONT_MATTER=" + strings.ReplaceAll(c.FrontMatter, "\n", `\n`),
		"MOISSON_HUGO_SECTION=" + c.HugoSection,
		"MOISSON_HUGO_DL=" + strconv.FormatBool(c.HugoDL),
		"MOISSON_TAGS_HASHTAGS=" + strconv.FormatBool(c.HashtagTags),
		"MOISSON_LEAD_MAX=" + strconv.Itoa(c.LeadMax),
		"MOISSON_VIA=" + strconv.FormatBool(c.Via),
		"MOISSON_POST_DIR=" + c.PostDir,
		"MOISSON_FILE_NAME=" + c.FileName,
		"MOISSON_BLOG_URL=" + moisson.RedactURL(c.BlogURL),
		"MOISSON_PERMALINK=" + c.Permalink,
		"MOISSON_ANNOUNCE=" + strings.Join(c.Announce, ","),
		"MOISSON_ANNOUNCE_MASTODON_SERVER=" + moisson.RedactURL(c.AnnounceMastodonServer),
		"MOISSON_ANNOUNCE_MASTODON_TOKEN=" + secret(c.AnnounceMastodonToken),
		"MOISSON_ANNOUNCE_BLUESKY_HANDLE=" + c.AnnounceBlueskyHandle,
		"MOISSON_ANNOUNCE_BLUESKY_PASSWORD=" + secret(c.AnnounceBlueskyPassword),
		"MOISSON_ANNOUNCE_BLUESKY_PDS=" + moisson.RedactURL(c.AnnounceBlueskyPDS),
	}, append(c.Links.redacted(), c.Targets.redacted()...)...)
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

// envParser reads typed variables, collecting every error.
type envParser struct {
	vars map[string]string
	errs []error
}

func (p *envParser) bad(key, value, problem, example string) {
	p.errs = append(p.errs, &configError{Key: key, Value: value, Problem: problem, Example: example})
}

func (p *envParser) str(key string, dst *string) {
	if v, ok := p.vars[key]; ok {
		*dst = strings.TrimSpace(v)
	}
}

// enum reads a choice among words, in any case.
func (p *envParser) enum(key string, dst *string) {
	if v, ok := p.vars[key]; ok {
		*dst = strings.ToLower(strings.TrimSpace(v))
	}
}

// boolean reads 1/0, true/false, yes/no or on/off, in any case; empty
// keeps the default.
func (p *envParser) boolean(key string, dst *bool) {
	v, ok := p.vars[key]
	if !ok || strings.TrimSpace(v) == "" {
		return
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "t", "yes", "y", "on":
		*dst = true
	case "0", "false", "f", "no", "n", "off":
		*dst = false
	default:
		p.bad(key, v, "want 1 or 0, true or false, yes or no, on or off", "1")
	}
}

func (p *envParser) integer(key string, dst *int, example string) bool {
	v, ok := p.vars[key]
	if !ok || strings.TrimSpace(v) == "" {
		return false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		p.bad(key, v, "want a whole number", example)
		return false
	}
	*dst = n
	return true
}

func (p *envParser) duration(key string, dst *time.Duration, example string) {
	v, ok := p.vars[key]
	if !ok || strings.TrimSpace(v) == "" {
		return
	}
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		p.bad(key, v, "want a duration (s, m, h)", example)
		return
	}
	*dst = d
}

// fileExists reports whether path names an existing file or folder.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
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
		if err := checkGitCheckout(ctx, dir, e.getenv); err != nil {
			errs = append(errs, fmt.Errorf("MOISSON_GIT_PUSH=1 but %w (or set MOISSON_GIT_PUSH=0)", err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("configuration: %w", errs)
	}
	return nil
}

// checkGitCheckout checks that dir is a git work tree whose commits have
// an author: user.name and user.email as `git config --get` resolves them
// there, or GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL in the environment (git
// runs in the process's, which is environ's).
func checkGitCheckout(ctx context.Context, dir string, getenv func(string) string) error {
	git := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	if _, err := exec.LookPath("git"); err != nil {
		return errors.New("git is not installed (it commits and pushes the posts)")
	}
	if out, err := git("rev-parse", "--is-inside-work-tree"); err != nil || out != "true" {
		// git's own message when it refuses the directory (dubious
		// ownership is not a missing checkout).
		if problems, err := publish.CheckCheckout(ctx, dir, false); err == nil && len(problems) == 1 && strings.Contains(problems[0].Message, "dubious ownership") {
			return fmt.Errorf("%s: %s", dir, problems[0])
		}
		return fmt.Errorf("%s is not a git checkout: git clone your blog there", dir)
	}
	var missing []string
	for _, k := range []struct{ key, env string }{{"user.name", "GIT_AUTHOR_NAME"}, {"user.email", "GIT_AUTHOR_EMAIL"}} {
		if getenv(k.env) != "" {
			continue
		}
		if v, err := git("config", "--get", k.key); err != nil || v == "" {
			missing = append(missing, k.key)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("git has no %s for commits in %s: run git -C %s config %s \"…\" (or git config --global)",
			strings.Join(missing, " nor "), dir, dir, missing[0])
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
