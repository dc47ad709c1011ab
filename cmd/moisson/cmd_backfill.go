package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/scrape"
)

// backfillCommand is `moisson backfill --from DATE [--to DATE]`.
func (e *env) backfillCommand() *cobra.Command {
	var o backfillOptions
	cmd := &cobra.Command{
		Use:   "backfill --from DATE [--to DATE] [--archive PATH] [--out BLOGDIR]",
		Short: "Write every past week's post",
		Long: `Backfill reads every post of a past range from the sources that can give
it (an X archive, Bluesky, Mastodon, the X API), scrapes their links (gone
pages from the Wayback Machine) and writes one post per week that has
links. Stopped, it goes on where it was when run again.`,
		Example: "  moisson backfill --from 2014-01-01 --to 2016-12-31 --archive twitter.zip",
		Args:    noArgs,
		RunE:    e.action(func(ctx context.Context, _ []string) error { return runBackfill(ctx, e, o) }),
	}
	f := cmd.Flags()
	f.Var(dateValue{&o.from}, "from", "first day, YYYY-MM-DD (required)")
	f.Var(dateValue{&o.to}, "to", "last day, YYYY-MM-DD (default: today)")
	f.StringVar(&o.archive, "archive", "", "also read this X archive export (default MOISSON_ARCHIVE)")
	f.StringVar(&o.out, "out", "", "the blog directory (default MOISSON_BLOG_DIR)")
	if err := cmd.MarkFlagRequired("from"); err != nil {
		panic(err) // the flag is defined just above
	}
	return cmd
}

type backfillOptions struct{ from, to, archive, out string }

// runBackfill writes the post of every past week of a range.
func runBackfill(ctx context.Context, e *env, o backfillOptions) error {
	fromFlag, toFlag, archivePath, out := &o.from, &o.to, &o.archive, &o.out
	if *archivePath != "" {
		e.cfg.Archive = *archivePath
		e.cfg.setFromFlag("MOISSON_ARCHIVE", "--archive")
	}
	if err := e.configure(); err != nil {
		return err
	}
	what := "--out" // who gave the blog directory
	if *out == "" {
		*out, what = e.cfg.BlogDir, "MOISSON_BLOG_DIR"
	}
	if *out == "" {
		return errors.New("backfill: no blog directory: set MOISSON_BLOG_DIR or give --out BLOGDIR")
	}
	if err := e.checkBlogDir(ctx, *out, what); err != nil {
		return err
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
	wb := e.wayback(s.Scraper)
	s.Rescuer = wb // one Wayback limiter for every rescue of the backfill
	b := &bot.Backfill{
		Sources:     ranged,
		Store:       st,
		Scraper:     s.Scraper,
		Rescuer:     wb,
		Publisher:   s.Publisher(),
		WeekOf:      s.Digest.WeekOf,
		MaxAttempts: e.cfg.MaxAttempts,
		Log:         e.log,
		Progress:    e.progress(wb),
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
// with the step under way, its counts and an estimate, and the Wayback
// queue: the dead pages not yet asked and how long they will take at the
// Wayback Machine's rate (wb's limiter, a pause included); nothing
// otherwise (the logs tell the story).
func (e *env) progress(wb *scrape.Wayback) bot.Progress {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	step, queue := "", ""
	describe := func() {
		if bar == nil {
			return
		}
		d := "weeks"
		switch {
		case step != "" && queue != "":
			d += " (" + step + ", " + queue + ")"
		case step != "" || queue != "":
			d += " (" + step + queue + ")"
		}
		bar.Describe(d)
	}
	return func(stage string, done, total int) {
		switch stage {
		case "weeks":
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
		case bot.WaybackStage:
			queue = waybackQueue(wb, done, total, e.now())
		default:
			step = fmt.Sprintf("%s %d/%d", stage, done, total)
		}
		describe()
	}
}

// waybackQueue describes the Wayback queue of a backfill that asked done
// of the total dead pages found so far: "" when none waits.
func waybackQueue(wb *scrape.Wayback, done, total int, now time.Time) string {
	left := total - done
	if left <= 0 || wb == nil {
		return ""
	}
	s := fmt.Sprintf("wayback: %d dead pages to ask, ~%s", left, wb.Estimate(left).Round(time.Second))
	if until := wb.Limiter().Stats().PausedUntil; until.After(now) {
		s += ", paused until " + until.Format("15:04:05")
	}
	return s
}
