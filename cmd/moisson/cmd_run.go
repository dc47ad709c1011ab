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
// SIGTERM. It serves the review page and answers the other commands
// meanwhile.
func runRun(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	once := fs.Bool("once", false, "do one cycle (poll, scrape, publish what is due) and exit; exit status 1 when a source or a publication failed")
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
	st, s, err := e.openService(e.cfg.BlogDir)
	if err != nil {
		return err
	}
	defer st.Close()
	srcs, err := e.sources(&http.Client{Timeout: e.cfg.FetchTimeout * 3}, st, s.Edited)
	if err != nil {
		return err
	}
	if len(srcs) == 0 {
		e.log.Warn("no source configured: set X_BEARER_TOKEN and X_USERNAME, MOISSON_FEEDS or MOISSON_ARCHIVE; no week is published until one is")
	}
	r := &bot.Runner{
		Sources:     srcs,
		Store:       st,
		Scraper:     s.Scraper,
		Publisher:   s.Publisher(),
		WeekOf:      s.Digest.WeekOf,
		Interval:    e.cfg.PollInterval,
		MaxAttempts: e.cfg.MaxAttempts,
		Now:         e.now,
		Log:         e.log,
	}
	if *once {
		return r.Cycle(ctx)
	}
	s.Daemon = true
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	wait, err := e.serve(sctx, s)
	if err != nil {
		return err
	}
	runErr := r.Run(ctx)
	stop()
	return errors.Join(runErr, wait())
}
