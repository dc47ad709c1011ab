package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
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
	// On a terminal, the logs go above the progress bar.
	bar := newBackfillBar(e.stderr, e.now)
	if bar != nil {
		e.log = newLogger(bar, e.cfg.LogLevel, e.cfg.LogFormat)
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
	var unranged []string
	for _, s := range srcs {
		if rs, ok := s.(bot.RangeSource); ok {
			ranged = append(ranged, rs)
		} else {
			unranged = append(unranged, moisson.RedactText(s.Name()))
		}
	}
	if len(ranged) == 0 {
		// Nothing to read: the range's posts must be in the store already
		// (an import).
		links, err := st.Links(ctx, from, to)
		if err != nil {
			return err
		}
		if len(links) == 0 {
			why := "no source is configured"
			if len(unranged) > 0 {
				why = strings.Join(unranged, ", ") + " keep only their last items"
			}
			return fmt.Errorf("backfill: nothing to read from %s to %s: %s, and the store holds no link of that range; import the history first (moisson import FILE: an X, Mastodon or Bluesky archive export, or a bookmark export), or set MOISSON_BLUESKY or MOISSON_MASTODON, then run backfill again",
				from.Format(time.DateOnly), to.Add(-time.Nanosecond).Format(time.DateOnly), why)
		}
	}
	for _, name := range unranged {
		fmt.Fprintf(e.stdout, "backfill: %s holds only its last items, not the range's history: to backfill what it gave, import its export (moisson import FILE)\n", name)
	}
	wb := e.wayback(s.Scraper)
	s.Rescuer = wb // one Wayback limiter for every rescue of the backfill
	var progress bot.Progress
	if bar != nil {
		bar.wb = wb
		progress = bar.progress
	}
	b := &bot.Backfill{
		Sources:     ranged,
		Store:       st,
		Scraper:     s.Scraper,
		Rescuer:     wb,
		Publisher:   s.Publisher(),
		WeekOf:      s.Digest.WeekOf,
		MaxAttempts: e.cfg.MaxAttempts,
		Log:         e.log,
		Progress:    progress,
		Now:         e.now,
	}
	err = b.Run(ctx, from, to)
	for _, name := range b.Silent() {
		fmt.Fprintf(e.stdout, "backfill: %s gave no post from %s to %s: if you posted then, it cannot reach so far back; import its archive export (moisson import FILE) and run backfill again\n",
			moisson.RedactText(name), from.Format(time.DateOnly), to.Add(-time.Nanosecond).Format(time.DateOnly))
	}
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(e.stderr, "\nbackfill stopped: run the same command again to go on where it was")
			return nil
		}
		return err
	}
	totals, err := countBackfill(ctx, st, s.Digest.WeekOf, from, to)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backfill done from %s to %s in %s: %s\n", from.Format(time.DateOnly), to.Add(-time.Nanosecond).Format(time.DateOnly), *out, totals)
	return nil
}

// backfillBar is the backfill's progress on a terminal: one bar over the
// range's weeks that moves with the links scraped in the quarter under way
// (so that its estimate means something from the first minute), the
// counts of weeks and links (scraped, rescued, total) and the Wayback
// queue. The log lines go above it (Write), never over it.
type backfillBar struct {
	mu  sync.Mutex
	out io.Writer
	bar *progressbar.ProgressBar
	wb  *scrape.Wayback
	now func() time.Time

	weeks, weeksDone  int // the range's weeks, those done
	quarterWeeks      int // the weeks of the quarter under way (estimated)
	linksBefore       int // links of the quarters done
	quarterLinks      int // links to scrape in the quarter under way
	quarterScraped    int
	deadAsked, deadOf int // the Wayback stage
	step              string
}

// newBackfillBar returns the bar when w is a terminal, nil otherwise (the
// logs then tell the story).
func newBackfillBar(w io.Writer, now func() time.Time) *backfillBar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &backfillBar{out: f, now: now}
}

// unit is how many bar steps a week weighs: the quarter's links move the
// bar within its weeks.
const unit = 1000

// Write writes a log line above the bar, and draws the bar again below
// it.
func (b *backfillBar) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.bar != nil {
		_ = b.bar.Clear()
	}
	n, err := b.out.Write(p)
	if b.bar != nil && !b.bar.IsFinished() {
		// The bar as last drawn: drawing it anew would wait for its
		// throttle.
		_, _ = io.WriteString(b.out, b.bar.String())
	}
	return n, err
}

// progress is the bot.Progress of the backfill.
func (b *backfillBar) progress(stage string, done, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch stage {
	case "weeks":
		if b.bar == nil {
			b.weeks = total
			b.bar = progressbar.NewOptions64(int64(total)*unit,
				progressbar.OptionSetWriter(b.out),
				progressbar.OptionSetPredictTime(true),
				progressbar.OptionShowElapsedTimeOnFinish(),
				progressbar.OptionSetWidth(20),
				progressbar.OptionThrottle(100*time.Millisecond),
				progressbar.OptionOnCompletion(func() { fmt.Fprintln(b.out) }),
			)
		}
		if done > b.weeksDone {
			b.linksBefore += b.quarterLinks
			b.quarterLinks, b.quarterScraped = 0, 0
		}
		b.weeksDone = done
		// A calendar quarter is 13 or 14 weeks; the last one of the
		// range may be shorter.
		b.quarterWeeks = min(13, total-done)
	case "pages":
		b.quarterLinks, b.quarterScraped = total, done
	case bot.WaybackStage:
		b.deadAsked, b.deadOf = done, total
	default:
		b.step = fmt.Sprintf("%s %d/%d", stage, done, total)
	}
	if b.bar == nil {
		return
	}
	at := int64(b.weeksDone) * unit
	if b.quarterLinks > 0 && b.weeksDone < b.weeks {
		at += int64(b.quarterWeeks) * unit * int64(b.quarterScraped) / int64(b.quarterLinks)
	}
	b.bar.Describe(b.describe())
	_ = b.bar.Set64(at)
}

// describe is the text before the bar: "weeks 3/27, links 1200/1900, 40
// rescued, wayback: …".
func (b *backfillBar) describe() string {
	d := fmt.Sprintf("weeks %d/%d, links %d/%d", b.weeksDone, b.weeks, b.linksBefore+b.quarterScraped, b.linksBefore+b.quarterLinks)
	if b.deadOf > 0 {
		d += fmt.Sprintf(", %d/%d dead asked of the Wayback Machine", b.deadAsked, b.deadOf)
	}
	if q := waybackQueue(b.wb, b.deadAsked, b.deadOf, b.now()); q != "" {
		d += " (" + q + ")"
	}
	if b.step != "" && !strings.HasPrefix(b.step, "pages") {
		d += ", " + b.step
	}
	return d
}

// backfillTotals counts the range's links: scraped live, rescued from the
// Wayback Machine, lost (gone with no capture, or failing).
type backfillTotals struct {
	weeks, posts, links, scraped, rescued, lost int
}

func (t backfillTotals) String() string {
	s := fmt.Sprintf("%s, %s written", plural(t.weeks, "week", "weeks"), plural(t.posts, "post", "posts"))
	if empty := t.weeks - t.posts; empty > 0 {
		s += fmt.Sprintf(" (%s without links)", plural(empty, "week", "weeks"))
	}
	s += fmt.Sprintf("; %s: %d scraped, %d rescued from the Wayback Machine, %d lost", plural(t.links, "link", "links"), t.scraped, t.rescued, t.lost)
	return s
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

// countBackfill counts the weeks of the range, their posts and their
// links, as the summary tells them.
func countBackfill(ctx context.Context, st *archive.Store, weekOf func(time.Time) moisson.Week, from, to time.Time) (backfillTotals, error) {
	var t backfillTotals
	first, last := weekOf(from), weekOf(to.Add(-time.Nanosecond))
	for w := first; !w.Start.After(last.Start); w = weekOf(w.End) {
		t.weeks++
		if _, err := st.Publication(ctx, w.ID); err == nil {
			t.posts++
		} else if !errors.Is(err, moisson.ErrNotFound) {
			return t, fmt.Errorf("backfill: %w", err)
		}
	}
	links, err := st.Links(ctx, first.Start, last.End)
	if err != nil {
		return t, fmt.Errorf("backfill: %w", err)
	}
	seen := make(map[string]bool, len(links))
	urls := make([]string, 0, len(links))
	for _, l := range links {
		if !seen[l.URL] {
			seen[l.URL] = true
			urls = append(urls, l.URL)
		}
	}
	pages, err := st.Pages(ctx, urls)
	if err != nil {
		return t, fmt.Errorf("backfill: %w", err)
	}
	t.links = len(urls)
	for _, u := range urls {
		p, ok := pages[u]
		switch {
		case !ok || !p.OK():
			t.lost++
		case p.Snapshot != "" && p.Snapshot != moisson.NoSnapshot:
			t.rescued++
		default:
			t.scraped++
		}
	}
	return t, nil
}
