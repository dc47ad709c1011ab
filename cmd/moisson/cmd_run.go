package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"

	"github.com/moisson/moisson/bot"
)

// runRun is the background process: it polls the sources, scrapes new
// links and publishes each week's post at the cutoff, until SIGINT or
// SIGTERM.
func runRun(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	once := fs.Bool("once", false, "do one cycle (poll, scrape, publish what is due) and exit")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson run [--once]")
		fs.PrintDefaults()
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if e.cfg.BlogDir == "" {
		return errors.New("run: MOISSON_BLOG_DIR is not set: the blog checkout the posts are written into")
	}
	st, p, err := e.openPipeline()
	if err != nil {
		return err
	}
	defer st.Close()
	srcs, err := e.sources(&http.Client{Timeout: e.cfg.FetchTimeout * 3})
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		e.log.Warn("no source configured: set X_BEARER_TOKEN and X_USERNAME, MOISSON_FEEDS or MOISSON_ARCHIVE")
	}
	r := &bot.Runner{
		Sources:     srcs,
		Store:       st,
		Scraper:     p.scraper,
		Publisher:   e.publisher(p, e.cfg.BlogDir),
		WeekOf:      p.dc.WeekOf,
		Interval:    e.cfg.PollInterval,
		MaxAttempts: e.cfg.MaxAttempts,
		Now:         e.now,
		Log:         e.log,
	}
	if *once {
		return r.Cycle(ctx)
	}
	return r.Run(ctx)
}
