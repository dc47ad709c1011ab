package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/scrape"
)

// errUsage is returned when the command line is wrong; the usage has
// already been printed.
var errUsage = errors.New("usage")

const usage = `moisson turns the links you share on X/Twitter and in feeds into a weekly
"moisson de liens" post for your Jekyll or Hugo blog.

Usage:
  moisson demo [--out DIR]                   the whole pipeline on the embedded example, offline
  moisson import PATH                        store the posts of an X/Twitter archive export
  moisson scrape [--json] [--refresh] [--no-store] URL|FILE...
                                             scrape pages (or saved files) for title and lead
  moisson digest [--week 2014-W40] [--out BLOGDIR | --stdout] [--refresh] [--wayback=false] [--force]
                                             write one week's post
  moisson run [--once]                       the background process: poll, scrape, publish, serve the review page
  moisson backfill --from DATE [--to DATE] [--archive PATH] [--out BLOGDIR]
                                             write every past week's post
  moisson status [--failed N]                sources, pending and failed links, weeks, publications
  moisson review                             serve the review page without the polling loop
  moisson template --print | --check         print the built-in post template (for MOISSON_TEMPLATE), or check yours
  moisson linkcheck [--since DATE]           check the links of published weeks, point gone ones to their archived copy
  moisson health                             exit 0 when the running daemon answers
  moisson help

Configuration comes from the environment and ./.env (see .env.example).
`

// env carries what every command needs: the configuration, where to
// write, the logger and the clock.
type env struct {
	cfg    Config
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	now    func() time.Time
	// transport, when set, replaces the guarded network transport for
	// scraping (the demo serves its pages in-process).
	transport http.RoundTripper
}

// Run runs the command line args with the environment environ (KEY=VALUE
// strings). It is main without the process: tests drive it end to end.
func Run(ctx context.Context, args, environ []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cfg, err := loadConfig(environ, ".env")
	if err != nil {
		return err
	}
	e := &env{cfg: cfg, stdout: stdout, stderr: stderr, now: time.Now}
	cmd, rest := args[0], args[1:]
	commands := map[string]func(context.Context, *env, []string) error{
		"demo":      runDemo,
		"import":    runImport,
		"scrape":    runScrape,
		"digest":    runDigest,
		"run":       runRun,
		"backfill":  runBackfill,
		"status":    runStatus,
		"review":    runReview,
		"template":  runTemplate,
		"health":    runHealth,
		"linkcheck": runLinkcheck,
	}
	switch cmd {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fn, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "moisson: unknown command %q\n\n%s", cmd, usage)
		return errUsage
	}
	return fn(ctx, e, rest)
}

// parseFlags parses a subcommand's flags, then validates the configuration
// (flags may have changed it) and sets up the logger.
func (e *env) parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errUsage
		}
		return errUsage
	}
	if err := e.cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	e.log = newLogger(e.stderr, e.cfg.LogLevel, e.cfg.LogFormat)
	return nil
}

func newLogger(w io.Writer, level, format string) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if strings.EqualFold(format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func (e *env) openStore() (*archive.Store, error) {
	st, err := archive.Open(e.cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("open store (MOISSON_DB=%s): %w", e.cfg.DB, err)
	}
	return st, nil
}

func (e *env) scraper() *scrape.Scraper {
	delay := e.cfg.HostDelay
	if delay == 0 {
		delay = -1 // scrape.Options reads 0 as "the default"; here it means none
	}
	return scrape.New(scrape.Options{
		UserAgent:    e.cfg.UserAgent,
		Timeout:      e.cfg.FetchTimeout,
		MaxBodyBytes: e.cfg.MaxBodyBytes,
		AllowPrivate: e.cfg.AllowPrivate,
		Concurrency:  e.cfg.Concurrency,
		HostDelay:    delay,
		Transport:    e.transport,
		Now:          e.now,
		Logger:       e.log,
	})
}

func (e *env) digestConfig() (digest.Config, error) {
	dc := digest.DefaultConfig()
	dc.Location = e.cfg.location
	dc.CutoffDay, dc.CutoffHour, dc.CutoffMinute = e.cfg.cutDay, e.cfg.cutHour, e.cfg.cutMin
	dc.IncludeReplies = e.cfg.IncludeReplies
	dc.Format = digest.Format(e.cfg.BlogFormat)
	if e.cfg.Categories != "" {
		cats, err := digest.LoadCategories(e.cfg.Categories)
		if err != nil {
			return dc, fmt.Errorf("MOISSON_CATEGORIES: %w", err)
		}
		dc.Categories = cats
	}
	// After the categories: the language's uncategorised section is
	// checked with them.
	if err := e.cfg.postConfig(&dc); err != nil {
		return dc, err
	}
	return dc, nil
}
