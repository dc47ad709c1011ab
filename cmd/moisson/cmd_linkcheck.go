package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson/linkcheck"
	"github.com/moisson/moisson/scrape"
	"github.com/moisson/moisson/weekly"
)

// LinkConfig holds the settings of the links that never die (issue 10).
type LinkConfig struct {
	WaybackRate   string `env:"MOISSON_WAYBACK_RATE" envDefault:"15/min" help:"requests to the Wayback Machine, one at a time ({15}, {15/min}, {1/s}, {900/h}); a 429 or 503 pauses them all; its limit is about 24 a minute"`
	ArchiveLinks  bool   `env:"MOISSON_ARCHIVE_LINKS" envDefault:"0" help:"archive each new link with Save Page Now when it is shared (1)"`
	AccessKey     string `env:"WAYBACK_ACCESS_KEY" secret:"true" help:"your archive.org access key (<https://archive.org/account/s3.php>), for the higher Save Page Now quota; anonymous when unset"`
	SecretKey     string `env:"WAYBACK_SECRET_KEY" secret:"true" help:"your archive.org secret key, with {WAYBACK_ACCESS_KEY}"`
	LinkCheck     bool   `env:"MOISSON_LINKCHECK" envDefault:"0" help:"the weekly link-rot sweep of published posts inside {run} (1)"`
	DeadLinkStyle string `env:"MOISSON_DEADLINK_STYLE" envDefault:"annotate" lower:"true" oneof:"archive annotate" help:"a gone link in a post: {archive} (link to the archived copy) or {annotate} (keep the link, add \"(archive)\" after it)"`

	perMinute float64
}

// validate checks the variables, naming the one at fault.
func (l *LinkConfig) validate() []error {
	var errs []error
	rate, err := parseRate(l.WaybackRate)
	if err != nil {
		errs = append(errs, fmt.Errorf("MOISSON_WAYBACK_RATE=%q: %w", l.WaybackRate, err))
	}
	l.perMinute = rate
	if (l.AccessKey == "") != (l.SecretKey == "") {
		errs = append(errs, errors.New("WAYBACK_ACCESS_KEY and WAYBACK_SECRET_KEY go together: set both, or neither for anonymous captures"))
	}
	return errs
}

// parseRate reads a rate of requests: "15" or "15/min" a minute, "1/s" a
// second, "900/h" an hour. It returns requests a minute.
func parseRate(s string) (float64, error) {
	num, unit, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "/")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || n <= 0 {
		return 0, errors.New(`want a positive rate, like "15/min"`)
	}
	switch strings.TrimSpace(unit) {
	case "", "m", "min", "minute":
		return n, nil
	case "s", "sec", "second":
		return n * 60, nil
	case "h", "hour":
		return n / 60, nil
	}
	return 0, fmt.Errorf("unknown unit %q, want s, min or h", unit)
}

// wayback returns the Wayback Machine client of the command, at the
// configured rate: build it once per process and share it, so that every
// Wayback request goes through one limiter.
func (e *env) wayback(s *scrape.Scraper) *scrape.Wayback {
	if e.waybackLim == nil {
		e.waybackLim = scrape.NewWaybackLimiter(scrape.LimiterOptions{PerMinute: e.cfg.Links.perMinute})
	}
	return scrape.NewWayback(s, scrape.WaybackOptions{Base: e.cfg.WaybackBaseURL, Limiter: e.waybackLim})
}

// sweeper returns the link-rot sweep over svc's store and blog: the weeks
// concerned written again through svc (the author's edits kept, a
// hand-edited file never overwritten), and with MOISSON_GIT_PUSH
// committed in one commit and one push per sweep.
func (e *env) sweeper(svc *weekly.Service, wb *scrape.Wayback) *linkcheck.Sweeper {
	return &linkcheck.Sweeper{
		Store:   svc.Store,
		Checker: &linkcheck.Checker{Scraper: svc.Scraper, HostDelay: e.cfg.HostDelay, Concurrency: e.cfg.Concurrency},
		Archive: linkcheck.WaybackSaver{Wayback: wb},
		WeekOf:  svc.Digest.WeekOf,
		Write:   svc.Rewrite,
		Log:     e.log,
		Now:     e.now,
	}
}

// linkcheckCommand is `moisson linkcheck [--since DATE]`.
func (e *env) linkcheckCommand() *cobra.Command {
	var since string
	cmd := &cobra.Command{
		Use:   "linkcheck [--since DATE]",
		Short: "Check the links of published weeks, point gone ones to their archived copy",
		Long: `Linkcheck checks the links of the published weeks (every week, or those
since --since), points the gone ones to their Wayback Machine copy and
rewrites the weeks that changed (committed with MOISSON_GIT_PUSH).`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runLinkcheck(ctx, e, since) }),
	}
	cmd.Flags().Var(dateValue{&since}, "since", "check the weeks published since this date (2014-01-01); every week by default")
	return cmd
}

// runLinkcheck is `moisson linkcheck [--since DATE]`.
func runLinkcheck(ctx context.Context, e *env, sinceFlag string) error {
	if err := e.configure(); err != nil {
		return err
	}
	since := &sinceFlag
	var from time.Time
	if *since != "" {
		d, err := time.ParseInLocation(time.DateOnly, *since, e.cfg.location)
		if err != nil {
			return fmt.Errorf("linkcheck: --since %q: want a date like 2014-09-29", *since)
		}
		from = d
	}
	if e.cfg.BlogDir == "" {
		return errors.New("linkcheck: no blog directory: set MOISSON_BLOG_DIR")
	}
	if err := e.checkBlogDir(ctx, e.cfg.BlogDir, "MOISSON_BLOG_DIR"); err != nil {
		return err
	}
	st, svc, err := e.openService(e.cfg.BlogDir)
	if err != nil {
		return err
	}
	defer st.Close()
	wb := e.wayback(svc.Scraper)
	svc.Rescuer = wb
	rep, err := e.sweeper(svc, wb).Run(ctx, from)
	fmt.Fprintln(e.stdout, "linkcheck: "+rep.String())
	return err
}
