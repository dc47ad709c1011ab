// Package setup is the first hour with moisson: from a blog's folder and a
// few answers, the settings that fit it, each with the reason it was
// chosen, and the .env file that holds them.
//
// It decides; it does not ask. `moisson init` asks the questions on a
// terminal (or takes the answers from its flags) and calls Decide, then
// WriteEnv. Reading the blog is package site's job; checking its git
// checkout is CheckGit's.
package setup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/moisson/moisson/site"
)

// Answers are the author's answers; an empty field lets Decide choose.
type Answers struct {
	BlogDir string
	Format  string // jekyll, hugo, eleventy, zola, astro or markdown
	Lang    string // fr or en
	Slug    string // a slug pattern, "week", or empty to choose
	PostDir string

	Feeds        []string // feed URLs or home pages (their feeds are found at run time)
	Bluesky      string   // a handle or a DID
	Mastodon     string   // @you@instance
	XUsername    string
	XBearerToken string // secret: written to .env, never shown

	Publish string // auto, review or after:DURATION; empty: review
	Push    *bool  // nil: on when the checkout can push
	RunAs   string // run, systemd or docker; empty: run
}

// Setting is one line of .env, with why it was chosen.
type Setting struct {
	Key, Value string
	Why        string
	Secret     bool
}

// Plan is what Decide chose.
type Plan struct {
	Site     site.Site
	Git      GitReport
	Settings []Setting
	// Notes are what the author should know (a generator with no preset,
	// a checkout that cannot push and how to fix it).
	Notes []string
	RunAs string
}

// ErrNoSource is returned by Decide when no source was given.
var ErrNoSource = errors.New("no source given: give a feed or home page, a Bluesky handle, a Mastodon account or an X username")

// ErrNotABlog is returned by Decide for a folder where no blog was found.
var ErrNotABlog = errors.New("no blog found")

var (
	mastodonAccount = regexp.MustCompile(`^@?[A-Za-z0-9_.]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)
	publishValue    = regexp.MustCompile(`^(auto|review|after:[0-9]+[hm])$`)
)

// Decide chooses the settings for the blog s, whose checkout git
// described, from the answers a. It returns an error, and no plan, when an
// answer is wrong: the caller then writes nothing.
func Decide(s site.Site, git GitReport, a Answers) (Plan, error) {
	p := Plan{Site: s, Git: git, Notes: append([]string(nil), s.Notes...)}
	if s.Kind == site.Plain && a.Format == "" && !hasMarkdown(s.Dir) {
		return Plan{}, fmt.Errorf("%w in %s: no _config.yml (Jekyll), hugo.toml or config.toml (Hugo), eleventy.config.js (Eleventy), Zola config.toml, nor any Markdown file; give the blog's folder, or --format markdown to write plain Markdown there", ErrNotABlog, s.Dir)
	}
	add := func(key, value, why string) {
		p.Settings = append(p.Settings, Setting{Key: key, Value: value, Why: why})
	}
	abs, err := filepath.Abs(s.Dir)
	if err != nil {
		return Plan{}, fmt.Errorf("setup: %w", err)
	}
	add("MOISSON_BLOG_DIR", abs, describe(s))

	format, why := s.Format(), formatWhy(s)
	if a.Format != "" {
		format, why = strings.ToLower(a.Format), "your answer"
	}
	switch format {
	case "jekyll", "hugo", "eleventy", "zola", "astro", "markdown":
	default:
		return Plan{}, fmt.Errorf("format %q: want jekyll, hugo, eleventy, zola, astro or markdown", a.Format)
	}
	add("MOISSON_BLOG_FORMAT", format, why)

	lang, ok := s.Language()
	why = fmt.Sprintf("the site's language is %q", s.Lang)
	if !ok {
		lang, why = "en", "the site names no French or English language; English by default"
	}
	if a.Lang != "" {
		lang, why = strings.ToLower(a.Lang), "your answer"
	}
	if lang != "fr" && lang != "en" {
		return Plan{}, fmt.Errorf("language %q: want fr or en", a.Lang)
	}
	add("MOISSON_LANG", lang, why)

	switch {
	case a.Slug != "":
		if a.Slug != "week" && !strings.Contains(a.Slug, "{{") && !s.HasDatePart() {
			return Plan{}, fmt.Errorf("slug %q: the blog's permalink %s has no date part, so one fixed slug gives every week the same URL; answer \"week\" or a pattern with the week in it", a.Slug, s.Permalink)
		}
		add("MOISSON_SLUG", a.Slug, "your answer")
	case !s.HasDatePart():
		add("MOISSON_SLUG", "week", fmt.Sprintf("the permalink %s has no date part: each week needs its own slug, or they would all share one URL", s.Permalink))
		add("MOISSON_POST_TITLE", "week", "the title names the week, like the slug")
	default:
		if lang == "fr" {
			p.Notes = append(p.Notes, fmt.Sprintf("slug: the permalink %s carries the date, so the fixed French slug gives each week its own URL", s.Permalink))
		}
	}

	postDir := s.PostDir
	why = "where the site keeps its posts"
	if a.PostDir != "" {
		postDir, why = a.PostDir, "your answer"
	}
	switch def := map[string]string{"jekyll": "_posts", "hugo": "content/posts", "markdown": "posts"}[format]; {
	case string(s.Kind) == format && (format == "eleventy" || format == "zola" || format == "astro") && a.PostDir == "":
		// The preset reads the folder from the blog at each start.
		p.Notes = append(p.Notes, fmt.Sprintf("posts: %s/, %s", postDir, why))
	case postDir != def:
		add("MOISSON_POST_DIR", postDir, why)
	}
	if s.Kind == site.Hugo && !s.DefinitionLists {
		add("MOISSON_HUGO_DL", "0", "the site's Goldmark has definition lists off: entries are written as bold links")
	}

	n := 0
	if len(a.Feeds) > 0 {
		add("MOISSON_FEEDS", strings.Join(a.Feeds, " "), "your feeds or home pages (a home page's feeds are found through its <link rel=alternate>)")
		n++
	}
	if a.Bluesky != "" {
		add("MOISSON_BLUESKY", strings.TrimPrefix(a.Bluesky, "@"), "read without keys through Bluesky's public AppView")
		n++
	}
	if a.Mastodon != "" {
		if !mastodonAccount.MatchString(a.Mastodon) && !strings.HasPrefix(a.Mastodon, "https://") {
			return Plan{}, fmt.Errorf("mastodon account %q: want @you@instance or https://instance/@you", a.Mastodon)
		}
		add("MOISSON_MASTODON", a.Mastodon, "read without keys through the instance's public API")
		n++
	}
	if a.XUsername != "" {
		add("X_USERNAME", strings.TrimPrefix(a.XUsername, "@"), "the X API is paid: each post read is billed (MOISSON_X_MAX_POSTS_PER_MONTH caps it at 3000 a month)")
		if a.XBearerToken == "" {
			p.Notes = append(p.Notes, "X: no bearer token given; set X_BEARER_TOKEN (or X_BEARER_TOKEN_FILE) in .env before running, or import your X archive instead (free)")
		} else {
			p.Settings = append(p.Settings, Setting{Key: "X_BEARER_TOKEN", Value: a.XBearerToken, Why: "the X API's app-only token", Secret: true})
		}
		n++
	}
	if n == 0 {
		return Plan{}, ErrNoSource
	}

	publish := a.Publish
	why = "your answer"
	if publish == "" {
		publish, why = "review", "each week waits as a draft until you approve it on the review page"
	}
	if !publishValue.MatchString(publish) {
		return Plan{}, fmt.Errorf("publish %q: want auto, review or after:48h", publish)
	}
	add("MOISSON_PUBLISH", publish, why)

	switch {
	case a.Push != nil && *a.Push:
		if len(git.Problems) > 0 {
			return Plan{}, fmt.Errorf("push asked, but the checkout cannot push: %s", git.Problems[0])
		}
		add("MOISSON_GIT_PUSH", "1", "your answer; the checkout can push ("+git.Summary()+")")
	case a.Push != nil:
		add("MOISSON_GIT_PUSH", "0", "your answer")
	case git.Checkout && len(git.Problems) == 0:
		add("MOISSON_GIT_PUSH", "1", "the checkout can push ("+git.Summary()+")")
	default:
		add("MOISSON_GIT_PUSH", "0", "the checkout cannot push yet")
		for _, pr := range git.Problems {
			p.Notes = append(p.Notes, "git: "+pr.String())
		}
	}

	p.RunAs = a.RunAs
	if p.RunAs == "" {
		p.RunAs = "run"
	}
	if p.RunAs != "run" && p.RunAs != "systemd" && p.RunAs != "docker" {
		return Plan{}, fmt.Errorf("run as %q: want run, systemd or docker", a.RunAs)
	}
	return p, nil
}

// Value is the value of key in the plan, and whether it is set.
func (p Plan) Value(key string) (string, bool) {
	for _, s := range p.Settings {
		if s.Key == key {
			return s.Value, true
		}
	}
	return "", false
}

// Env is the .env file's text: each setting under a comment saying why.
func (p Plan) Env() string {
	var b strings.Builder
	b.WriteString("# Written by `moisson init`. Every variable: docs/configuration.md\n")
	for _, s := range p.Settings {
		fmt.Fprintf(&b, "\n# %s\n%s=%s\n", s.Why, s.Key, s.Value)
	}
	return b.String()
}

// WriteEnv writes text to path, readable by its owner only (it may hold
// secrets). An existing file is kept unless force.
func WriteEnv(path, text string, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("setup: %s exists: keep it, or give --force to replace it", path)
	}
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("setup: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("setup: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("setup: writing %s: %w", path, err)
	}
	return nil
}

// formatWhy says why the site's format was chosen: the file that tells
// the generator, and what its preset does.
func formatWhy(s site.Site) string {
	switch s.Kind {
	case site.Eleventy:
		return fmt.Sprintf("the blog is built by Eleventy (%s): YAML front matter, tags with the posts collection, in %s/", s.Config, s.PostDir)
	case site.Zola:
		return fmt.Sprintf("the blog is built by Zola (%s): TOML front matter, in the %s section", s.Config, strings.TrimPrefix(s.PostDir, "content/"))
	case site.Astro:
		return fmt.Sprintf("the blog is built by Astro (%s): the blog starter's fields, in the %s content collection", s.Config, s.PostDir)
	case site.Plain:
		return "no generator's configuration found: plain Markdown with YAML front matter"
	}
	return fmt.Sprintf("the blog is built by %s", s.Kind)
}

func describe(s site.Site) string {
	var parts []string
	parts = append(parts, string(s.Kind)+" site")
	if s.Config != "" {
		parts = append(parts, "read from "+s.Config)
	}
	if s.Permalink != "" {
		parts = append(parts, "permalink "+s.Permalink)
	}
	if s.Lang != "" {
		parts = append(parts, "language "+s.Lang)
	}
	if s.Theme != "" {
		parts = append(parts, "theme "+s.Theme)
	}
	return strings.Join(parts, ", ")
}

func hasMarkdown(dir string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return filepath.SkipDir
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != dir {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(d.Name(), ".md") || strings.HasSuffix(d.Name(), ".markdown")) {
			found = true
		}
		return nil
	})
	return found
}
