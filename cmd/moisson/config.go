package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
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

	XBearerToken    string     // X_BEARER_TOKEN
	XUsername       string     // X_USERNAME
	XAPIBaseURL     string     // X_API_BASE_URL
	XConsumerKey    string     // X_CONSUMER_KEY
	XConsumerSecret string     // X_CONSUMER_SECRET
	XAccessToken    string     // X_ACCESS_TOKEN
	XAccessSecret   string     // X_ACCESS_SECRET
	XAPIVersion     string     // X_API_VERSION: "2" (default) or "1.1"
	WaybackBaseURL  string     // WAYBACK_BASE_URL
	Links           LinkConfig // the Wayback rate, archiving, the link-rot sweep (cmd_linkcheck.go)

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
		BlueskyAPI:         bot.DefaultBlueskyAPI,
		Links:              defaultLinkConfig(),
		Publish:            "auto",
		Via:                true,
		XMaxPostsPerMonth:  bot.DefaultXMaxPostsPerMonth,
		Listen:             "127.0.0.1:7080",
		Lang:               "fr",
		HugoDL:             true,
		AnnounceBlueskyPDS: "https://bsky.social",
	}
}

const defaultUserAgent = "moisson/1.0 (+https://github.com/moisson/moisson)"

// loadConfig reads the defaults, then envFile (when it exists), then
// environ (KEY=VALUE strings, as os.Environ gives them).
func loadConfig(environ []string, envFile string) (Config, error) {
	vars := make(map[string]string)
	if envFile != "" {
		fileVars, err := godotenv.Read(envFile)
		switch {
		case err == nil:
			for k, v := range fileVars {
				vars[k] = v
			}
		case errors.Is(err, fs.ErrNotExist):
		default:
			return Config{}, fmt.Errorf("read %s: %w", envFile, err)
		}
	}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	c := defaultConfig()
	p := envParser{vars: vars}
	p.str("MOISSON_DB", &c.DB)
	p.str("MOISSON_TZ", &c.TZ)
	p.str("MOISSON_CUTOFF", &c.Cutoff)
	p.str("MOISSON_CATEGORIES", &c.Categories)
	p.boolean("MOISSON_INCLUDE_REPLIES", &c.IncludeReplies)
	p.str("MOISSON_BLOG_DIR", &c.BlogDir)
	p.str("MOISSON_BLOG_FORMAT", &c.BlogFormat)
	p.str("MOISSON_POST_TITLE", &c.PostTitle)
	p.boolean("MOISSON_GIT_PUSH", &c.GitPush)
	p.str("MOISSON_ARCHIVE", &c.Archive)
	if v, ok := vars["MOISSON_FEEDS"]; ok {
		c.Feeds = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	}
	p.duration("MOISSON_POLL_INTERVAL", &c.PollInterval)
	p.boolean("MOISSON_ALLOW_PRIVATE_NETWORKS", &c.AllowPrivate)
	p.str("MOISSON_USER_AGENT", &c.UserAgent)
	p.integer("MOISSON_CONCURRENCY", &c.Concurrency)
	p.duration("MOISSON_HOST_DELAY", &c.HostDelay)
	p.duration("MOISSON_FETCH_TIMEOUT", &c.FetchTimeout)
	var maxBody int
	if p.integer("MOISSON_MAX_BODY_BYTES", &maxBody) {
		c.MaxBodyBytes = int64(maxBody)
	}
	p.integer("MOISSON_MAX_ATTEMPTS", &c.MaxAttempts)
	p.str("MOISSON_LOG_LEVEL", &c.LogLevel)
	p.str("MOISSON_LOG_FORMAT", &c.LogFormat)
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
	p.str("MOISSON_BLUESKY", &c.Bluesky)
	p.str("MOISSON_BLUESKY_API", &c.BlueskyAPI)
	p.boolean("MOISSON_BLUESKY_REPOSTS", &c.BlueskyReposts)
	p.str("MOISSON_MASTODON", &c.Mastodon)
	p.str("MOISSON_MASTODON_TOKEN", &c.MastodonToken)
	p.boolean("MOISSON_MASTODON_BOOSTS", &c.MastodonBoosts)
	p.integer("MOISSON_X_MAX_POSTS_PER_MONTH", &c.XMaxPostsPerMonth)
	p.str("MOISSON_PUBLISH", &c.Publish)
	p.str("MOISSON_LISTEN", &c.Listen)
	p.str("MOISSON_UI_TOKEN", &c.UIToken)
	p.str("MOISSON_LANG", &c.Lang)
	p.str("MOISSON_SLUG", &c.Slug)
	p.str("MOISSON_TEMPLATE", &c.Template)
	if v, ok := vars["MOISSON_FRONT_MATTER"]; ok {
		c.FrontMatter = v // YAML: its indentation matters
	}
	p.str("MOISSON_HUGO_SECTION", &c.HugoSection)
	p.boolean("MOISSON_HUGO_DL", &c.HugoDL)
	p.boolean("MOISSON_TAGS_HASHTAGS", &c.HashtagTags)
	p.integer("MOISSON_LEAD_MAX", &c.LeadMax)
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
	if len(p.errs) > 0 {
		return Config{}, errors.Join(p.errs...)
	}
	return c, nil
}

// Validate checks the settings once, naming the variable at fault.
func (c *Config) Validate() error {
	var errs []error
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		errs = append(errs, fmt.Errorf("MOISSON_TZ=%q: unknown time zone", c.TZ))
	}
	c.location = loc
	day, hour, minute, err := parseCutoff(c.Cutoff)
	if err != nil {
		errs = append(errs, fmt.Errorf("MOISSON_CUTOFF=%q: %w", c.Cutoff, err))
	}
	c.cutDay, c.cutHour, c.cutMin = day, hour, minute
	if c.BlogFormat != "jekyll" && c.BlogFormat != "hugo" && c.BlogFormat != "markdown" {
		errs = append(errs, fmt.Errorf("MOISSON_BLOG_FORMAT=%q: want jekyll, hugo or markdown", c.BlogFormat))
	}
	errs = append(errs, c.validatePost()...)
	errs = append(errs, c.Links.validate()...)
	if c.Concurrency < 1 {
		errs = append(errs, fmt.Errorf("MOISSON_CONCURRENCY=%d: want at least 1", c.Concurrency))
	}
	if c.HostDelay < 0 {
		errs = append(errs, fmt.Errorf("MOISSON_HOST_DELAY=%s: must not be negative", c.HostDelay))
	}
	if c.FetchTimeout <= 0 {
		errs = append(errs, fmt.Errorf("MOISSON_FETCH_TIMEOUT=%s: must be positive", c.FetchTimeout))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("MOISSON_MAX_BODY_BYTES=%d: want at least 1024", c.MaxBodyBytes))
	}
	if c.MaxAttempts < 1 {
		errs = append(errs, fmt.Errorf("MOISSON_MAX_ATTEMPTS=%d: want at least 1", c.MaxAttempts))
	}
	if c.PollInterval < time.Minute {
		errs = append(errs, fmt.Errorf("MOISSON_POLL_INTERVAL=%s: want at least 1m", c.PollInterval))
	}
	if c.XAPIVersion != "2" && c.XAPIVersion != "1.1" {
		errs = append(errs, fmt.Errorf("X_API_VERSION=%q: want 2 or 1.1", c.XAPIVersion))
	}
	if c.DB == "" {
		errs = append(errs, errors.New("MOISSON_DB is empty"))
	}
	if c.Bluesky != "" && !bot.ValidBlueskyActor(c.Bluesky) {
		errs = append(errs, fmt.Errorf("MOISSON_BLUESKY=%q: want a handle (jane.bsky.social) or a DID (did:plc:…)", c.Bluesky))
	}
	if u, err := url.Parse(c.BlueskyAPI); c.BlueskyAPI != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		errs = append(errs, fmt.Errorf("MOISSON_BLUESKY_API=%q: want an http(s) URL", moisson.RedactURL(c.BlueskyAPI)))
	}
	if c.Mastodon != "" {
		if _, _, err := bot.ParseMastodonAccount(c.Mastodon); err != nil {
			errs = append(errs, fmt.Errorf("MOISSON_MASTODON=%q: want @user@instance or https://instance/@user", moisson.RedactURL(c.Mastodon)))
		}
	}
	if c.MastodonToken != "" && c.Mastodon == "" {
		errs = append(errs, errors.New("MOISSON_MASTODON_TOKEN is set but MOISSON_MASTODON is not"))
	}
	if c.XMaxPostsPerMonth < 0 {
		errs = append(errs, fmt.Errorf("MOISSON_X_MAX_POSTS_PER_MONTH=%d: want 0 (no limit) or more", c.XMaxPostsPerMonth))
	}
	if mode, err := weekly.ParseMode(c.Publish); err != nil {
		errs = append(errs, fmt.Errorf("MOISSON_PUBLISH=%w", err))
	} else {
		c.mode = mode
	}
	if l := strings.ToLower(c.Lang); l != "fr" && l != "en" {
		errs = append(errs, fmt.Errorf("MOISSON_LANG=%q: want fr or en", c.Lang))
	}
	if c.Listen != "" && c.Listen != "off" {
		if err := review.CheckAddr(c.Listen, c.UIToken); err != nil {
			errs = append(errs, fmt.Errorf("MOISSON_LISTEN=%q: %w", c.Listen, err))
		}
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.LogLevel)); err != nil && c.LogLevel != "" {
		errs = append(errs, fmt.Errorf("MOISSON_LOG_LEVEL=%q: want debug, info, warn or error", c.LogLevel))
	}
	if f := strings.ToLower(c.LogFormat); f != "" && f != "text" && f != "json" {
		errs = append(errs, fmt.Errorf("MOISSON_LOG_FORMAT=%q: want text or json", c.LogFormat))
	}
	return errors.Join(errs...)
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
		feeds[i] = moisson.RedactURL(f)
	}
	return append([]string{
		"MOISSON_DB=" + c.DB,
		"MOISSON_TZ=" + c.TZ,
		"MOISSON_CUTOFF=" + c.Cutoff,
		"MOISSON_BLOG_DIR=" + c.BlogDir,
		"MOISSON_BLOG_FORMAT=" + c.BlogFormat,
		"MOISSON_FEEDS=" + strings.Join(feeds, ","),
		"MOISSON_ARCHIVE=" + c.Archive,
		"WAYBACK_BASE_URL=" + moisson.RedactURL(c.WaybackBaseURL),
		"MOISSON_X_MAX_POSTS_PER_MONTH=" + strconv.Itoa(c.XMaxPostsPerMonth),
		"MOISSON_PUBLISH=" + c.Publish,
		"MOISSON_LISTEN=" + c.Listen,
		"MOISSON_UI_TOKEN=" + secret(c.UIToken),
		"MOISSON_LANG=" + c.Lang,
		"X_USERNAME=" + c.XUsername,
		"X_API_BASE_URL=" + moisson.RedactURL(c.XAPIBaseURL),
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
		"MOISSON_HUGO_SECTION=" + c.HugoSection,
		"MOISSON_HUGO_DL=" + strconv.FormatBool(c.HugoDL),
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
	}, c.Links.redacted()...)
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// parseCutoff reads "fri 18:00".
func parseCutoff(s string) (time.Weekday, int, int, error) {
	dayStr, clock, ok := strings.Cut(strings.TrimSpace(strings.ToLower(s)), " ")
	if !ok {
		return 0, 0, 0, errors.New(`want a day and a time, like "fri 18:00"`)
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

func (p *envParser) str(key string, dst *string) {
	if v, ok := p.vars[key]; ok {
		*dst = strings.TrimSpace(v)
	}
}

func (p *envParser) boolean(key string, dst *bool) {
	v, ok := p.vars[key]
	if !ok || strings.TrimSpace(v) == "" {
		return
	}
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s=%q: want 1 or 0, true or false", key, v))
		return
	}
	*dst = b
}

func (p *envParser) integer(key string, dst *int) bool {
	v, ok := p.vars[key]
	if !ok || strings.TrimSpace(v) == "" {
		return false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s=%q: want a whole number", key, v))
		return false
	}
	*dst = n
	return true
}

func (p *envParser) duration(key string, dst *time.Duration) {
	v, ok := p.vars[key]
	if !ok || strings.TrimSpace(v) == "" {
		return
	}
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s=%q: want a duration like 15m or 1s", key, v))
		return
	}
	*dst = d
}

// fileExists reports whether path names an existing file or folder.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
