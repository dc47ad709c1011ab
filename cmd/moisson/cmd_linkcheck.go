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
	WaybackRate   string // MOISSON_WAYBACK_RATE: requests a minute ("15", "15/min", "1/s")
	ArchiveLinks  bool   // MOISSON_ARCHIVE_LINKS: Save Page Now each new link
	AccessKey     string // WAYBACK_ACCESS_KEY (secret)
	SecretKey     string // WAYBACK_SECRET_KEY (secret)
	LinkCheck     bool   // MOISSON_LINKCHECK: the weekly link-rot sweep inside run
	DeadLinkStyle string // MOISSON_DEADLINK_STYLE: archive (point to the copy) or annotate ("(archive)" after the link)

	perMinute float64
}

// defaultLinkConfig returns the defaults.
func defaultLinkConfig() LinkConfig {
	return LinkConfig{WaybackRate: "15/min", DeadLinkStyle: "annotate"}
}

// load reads the variables over the defaults.
func (l *LinkConfig) load(p *envParser) {
	p.str("MOISSON_WAYBACK_RATE", &l.WaybackRate)
	p.boolean("MOISSON_ARCHIVE_LINKS", &l.ArchiveLinks)
	p.str("WAYBACK_ACCESS_KEY", &l.AccessKey)
	p.str("WAYBACK_SECRET_KEY", &l.SecretKey)
	p.boolean("MOISSON_LINKCHECK", &l.LinkCheck)
	p.str("MOISSON_DEADLINK_STYLE", &l.DeadLinkStyle)
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
	if s := strings.ToLower(strings.TrimSpace(l.DeadLinkStyle)); s != "archive" && s != "annotate" {
		errs = append(errs, fmt.Errorf("MOISSON_DEADLINK_STYLE=%q: want archive or annotate", l.DeadLinkStyle))
	}
	return errs
}

// redacted returns the settings for display, keys hidden.
func (l LinkConfig) redacted() []string {
	secret := func(s string) string {
		if s == "" {
			return ""
		}
		return "***"
	}
	return []string{
		"MOISSON_WAYBACK_RATE=" + l.WaybackRate,
		"MOISSON_ARCHIVE_LINKS=" + strconv.FormatBool(l.ArchiveLinks),
		"WAYBACK_ACCESS_KEY=" + secret(l.AccessKey),
		"WAYBACK_SECRET_KEY=" + secret(l.SecretKey),
		"MOISSON_LINKCHECK=" + strconv.FormatBool(l.LinkCheck),
		"MOISSON_DEADLINK_STYLE=" + l.DeadLinkStyle,
	}
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
