package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/moisson/moisson/bot"
)

// runBackfill writes the post of every past week of a range.
func runBackfill(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("backfill", flag.ContinueOnError)
	fromFlag := fs.String("from", "", "first day, YYYY-MM-DD (required)")
	toFlag := fs.String("to", "", "last day, YYYY-MM-DD (default: today)")
	archivePath := fs.String("archive", "", "also read this X archive export (default MOISSON_ARCHIVE)")
	out := fs.String("out", "", "the blog directory (default MOISSON_BLOG_DIR)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson backfill --from DATE [--to DATE] [--archive PATH] [--out BLOGDIR]")
		fs.PrintDefaults()
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if *archivePath != "" {
		e.cfg.Archive = *archivePath
	}
	if *out == "" {
		*out = e.cfg.BlogDir
	}
	if *out == "" {
		return errors.New("backfill: no blog directory: set MOISSON_BLOG_DIR or give --out BLOGDIR")
	}
	if *fromFlag == "" {
		fs.Usage()
		return errUsage
	}
	from, err := time.ParseInLocation(time.DateOnly, *fromFlag, e.cfg.location)
	if err != nil {
		return fmt.Errorf("backfill: --from %q: want a date like 2014-09-29", *fromFlag)
	}
	to := e.now()
	if *toFlag != "" {
		day, err := time.ParseInLocation(time.DateOnly, *toFlag, e.cfg.location)
		if err != nil {
			return fmt.Errorf("backfill: --to %q: want a date like 2016-12-31", *toFlag)
		}
		to = day.AddDate(0, 0, 1)
	}
	st, s, err := e.openService(*out)
	if err != nil {
		return err
	}
	defer st.Close()
	srcs, err := e.sources(&http.Client{Timeout: e.cfg.FetchTimeout * 3}, st, s.Edited)
	if err != nil {
		return err
	}
	var ranged []bot.RangeSource
	for _, s := range srcs {
		if rs, ok := s.(bot.RangeSource); ok {
			ranged = append(ranged, rs)
		}
	}
	b := &bot.Backfill{
		Sources:     ranged,
		Store:       st,
		Scraper:     s.Scraper,
		Rescuer:     e.wayback(s.Scraper),
		Publisher:   s.Publisher(),
		WeekOf:      s.Digest.WeekOf,
		MaxAttempts: e.cfg.MaxAttempts,
		Log:         e.log,
		Progress:    e.progress(),
		Now:         e.now,
	}
	if err := b.Run(ctx, from, to); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(e.stderr, "\nbackfill stopped: run the same command again to go on where it was")
			return nil
		}
		return err
	}
	pubs, err := st.Publications(ctx)
	if err != nil {
		return err
	}
	n := 0
	for _, pub := range pubs {
		w, err := s.Digest.ParseWeek(pub.Week)
		if err == nil && !w.End.Before(from) && w.Start.Before(to) {
			n++
		}
	}
	fmt.Fprintf(e.stdout, "backfill done: %d weekly posts from %s to %s in %s\n", n, from.Format(time.DateOnly), to.Add(-time.Nanosecond).Format(time.DateOnly), *out)
	return nil
}

// progress shows, on a terminal, one progress bar over the range's weeks
// with the step under way, its counts and an estimate; nothing otherwise
// (the logs tell the story).
func (e *env) progress() bot.Progress {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(stage string, done, total int) {
		if stage == "weeks" {
			if bar == nil {
				bar = progressbar.NewOptions(total,
					progressbar.OptionSetWriter(f),
					progressbar.OptionSetDescription("weeks"),
					progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(true),
					progressbar.OptionShowElapsedTimeOnFinish(),
					progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionOnCompletion(func() { fmt.Fprintln(f) }),
				)
			}
			_ = bar.Set(done)
			return
		}
		if bar != nil {
			bar.Describe(fmt.Sprintf("weeks (%s %d/%d)", stage, done, total))
		}
	}
}
