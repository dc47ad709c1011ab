package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/linkcheck"
	"github.com/moisson/moisson/notify"
)

// runCommand is `moisson run [--once]`.
func (e *env) runCommand() *cobra.Command {
	var once bool
	cmd := &cobra.Command{
		Use:   "run [--once]",
		Short: "The background process: poll, scrape, publish, serve the review page",
		Long: `Run polls the sources, scrapes the new links and publishes each week's
post at the cutoff, until SIGINT or SIGTERM; meanwhile it serves the
review page (MOISSON_LISTEN) and answers the other commands.

With --once it does one cycle and exits, for cron: exit status 0 when all
went well, 1 when a source or a publication failed (the next run tries
again), 2 when the command line is wrong.`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runRun(ctx, e, once) }),
	}
	cmd.Flags().BoolVar(&once, "once", false, "do one cycle (poll, scrape, publish what is due) and exit; exit status 1 when a source or a publication failed")
	return cmd
}

// runRun is the background process: it polls the sources, scrapes new
// links and publishes each week's post at the cutoff, until SIGINT or
// SIGTERM. It serves the review page and answers the other commands
// meanwhile. With MOISSON_ARCHIVE_LINKS it archives the new links after
// each cycle, with MOISSON_LINKCHECK it sweeps the published posts for
// dead links once a week, both in the background.
func runRun(ctx context.Context, e *env, once bool) error {
	if err := e.configure(); err != nil {
		return err
	}
	e.logConfigWarnings()
	if e.cfg.BlogDir == "" {
		return errors.New("run: MOISSON_BLOG_DIR is not set: the blog checkout the posts are written into")
	}
	if err := e.checkBlogDir(ctx, e.cfg.BlogDir, "MOISSON_BLOG_DIR"); err != nil {
		return err
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
		e.log.Warn("no source configured: set X_BEARER_TOKEN and X_USERNAME, MOISSON_FEEDS, MOISSON_BLUESKY, MOISSON_MASTODON or MOISSON_ARCHIVE; no week is published until one is")
	}
	s.Unreadable = func() map[string]int64 {
		counts := make(map[string]int64)
		for _, src := range srcs {
			if c, ok := src.(bot.UnreadableCounter); ok {
				counts[src.Name()] = c.Unreadable()
			}
		}
		return counts
	}
	// One Wayback Machine client for the process: the review page's
	// rescues, the archiver and the sweep share its limiter.
	wb := e.wayback(s.Scraper)
	s.Rescuer = wb
	jobs := &linkJobs{store: st, log: e.log, now: e.now, weekOf: s.Digest.WeekOf}
	if e.cfg.Links.ArchiveLinks {
		jobs.archiver = &linkcheck.Archiver{Store: st, Log: e.log, Now: e.now,
			Saver: linkcheck.WaybackSaver{Wayback: wb, SPN: wb.SavePageNow(e.cfg.Links.AccessKey, e.cfg.Links.SecretKey)}}
	}
	if e.cfg.Links.LinkCheck {
		jobs.sweeper = e.sweeper(s, wb)
		// The sweep writes its weeks between the loop's publications.
		jobs.sweeper.Write = func(ctx context.Context, weeks []moisson.Week, msg string) ([]string, error) {
			jobs.blog.Lock()
			defer jobs.blog.Unlock()
			return s.Rewrite(ctx, weeks, msg)
		}
	}
	r := &bot.Runner{
		Sources:     srcs,
		Store:       st,
		Scraper:     s.Scraper,
		Publisher:   cyclePublisher{Publisher: s.Publisher(), jobs: jobs},
		WeekOf:      s.Digest.WeekOf,
		Interval:    e.cfg.PollInterval,
		MaxAttempts: e.cfg.MaxAttempts,
		Now:         e.now,
		Log:         e.log,
	}
	if once {
		// No daemon to leave work to: the links are archived and the
		// sweep done (when due) before exiting.
		jobs.sync = true
		err := r.Cycle(ctx)
		jobs.wait()
		return err
	}
	var send *notify.Shoutrrr
	if urls := strings.Fields(e.cfg.Notify); len(urls) > 0 {
		if send, err = notify.NewShoutrrr(urls, 30*time.Second); err != nil {
			return fmt.Errorf("MOISSON_NOTIFY: %w", err)
		}
	}
	s.Daemon = true
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	wait, err := e.serve(sctx, s)
	if err != nil {
		return err
	}
	notified := make(chan struct{})
	if send != nil {
		n := &notify.Notifier{Sender: send, Store: st, Log: e.log}
		go func() { defer close(notified); n.Run(sctx, s.Health, notifyEvery) }()
	} else {
		close(notified)
	}
	runErr := r.Run(ctx)
	stop()
	<-notified
	jobs.wait()
	return errors.Join(runErr, wait())
}

// notifyEvery is how often the daemon compares its health with what
// MOISSON_NOTIFY was told.
const notifyEvery = 5 * time.Minute

// cyclePublisher is the Service as the run loop sees it, with the link
// jobs started after each cycle (Retry is called once per cycle) and the
// blog's writes kept apart from the sweep's.
type cyclePublisher struct {
	bot.Publisher
	jobs *linkJobs
}

// Publish implements bot.Publisher.
func (p cyclePublisher) Publish(ctx context.Context, w moisson.Week) error {
	p.jobs.blog.Lock()
	defer p.jobs.blog.Unlock()
	return p.Publisher.Publish(ctx, w)
}

// Retry implements bot.Publisher, then starts the link jobs.
func (p cyclePublisher) Retry(ctx context.Context) error {
	p.jobs.blog.Lock()
	err := p.Publisher.Retry(ctx)
	p.jobs.blog.Unlock()
	p.jobs.afterCycle(ctx)
	return err
}

// sweepEvery is how often the link-rot sweep runs (MOISSON_LINKCHECK);
// sweepCheck how often the daemon looks whether it is due, and how long
// it waits after a sweep that failed.
const (
	sweepEvery = 7 * 24 * time.Hour
	sweepCheck = time.Hour
)

// archiveOverlap is how far before the last archiver run new links are
// looked for: a post read late (a feed) still has its link archived.
const archiveOverlap = 24 * time.Hour

// linkJobs runs the work of the links that never die beside the loop: at
// most one archiver run at a time on the new links, and the weekly sweep
// in a goroutine of its own; both stop with the loop's context and never
// hold up a week.
type linkJobs struct {
	store    *archive.Store
	archiver *linkcheck.Archiver // nil unless MOISSON_ARCHIVE_LINKS
	sweeper  *linkcheck.Sweeper  // nil unless MOISSON_LINKCHECK
	log      *slog.Logger
	now      func() time.Time
	weekOf   func(time.Time) moisson.Week
	// sync runs the jobs in the caller's goroutine (run --once).
	sync bool

	// blog keeps the loop's and the sweep's writes to the blog apart.
	blog sync.Mutex

	wg        sync.WaitGroup
	mu        sync.Mutex
	archiving bool
	since     time.Time // links posted since are new to the archiver
	sweeping  bool
	swept     time.Time // the last sweep tried
}

// afterCycle starts an archiver run when none is under way, and the sweep
// loop the first time.
func (j *linkJobs) afterCycle(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	j.mu.Lock()
	startArchive := j.archiver != nil && !j.archiving
	j.archiving = j.archiving || startArchive
	startSweep := j.sweeper != nil && !j.sweeping
	j.sweeping = j.sweeping || startSweep
	j.mu.Unlock()
	if startArchive {
		j.start(func() {
			defer func() { j.mu.Lock(); j.archiving = false; j.mu.Unlock() }()
			j.archive(ctx)
		})
	}
	if startSweep {
		j.start(func() { j.sweepLoop(ctx) })
	}
}

func (j *linkJobs) start(fn func()) {
	if j.sync {
		fn()
		return
	}
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		fn()
	}()
}

// wait waits for the jobs, which end with the context they were given.
func (j *linkJobs) wait() { j.wg.Wait() }

// archive hands the archiver the links shared since its last run whose
// page was scraped: a page not scraped yet waits for a later cycle, and
// one that was gone when shared is not worth a capture.
func (j *linkJobs) archive(ctx context.Context) {
	started := j.now()
	j.mu.Lock()
	since := j.since
	j.mu.Unlock()
	if since.IsZero() {
		// The first cycle of the process: the last week too, so that the
		// week just published (and a link shared just before its
		// cutoff) is archived. Links already archived are skipped.
		current := j.weekOf(started)
		since = j.weekOf(current.Start.Add(-time.Nanosecond)).Start.Add(archiveOverlap)
	}
	links, err := j.store.Links(ctx, since.Add(-archiveOverlap), started.Add(archiveOverlap))
	if err != nil {
		j.log.Warn("archive links", "error", err)
		return
	}
	urls := make([]string, len(links))
	for i, l := range links {
		urls[i] = l.URL
	}
	pages, err := j.store.Pages(ctx, urls)
	if err != nil {
		j.log.Warn("archive links", "error", err)
		return
	}
	kept := links[:0]
	for _, l := range links {
		if p, ok := pages[l.URL]; ok && p.OK() && p.ArchiveURL == "" {
			kept = append(kept, l)
		}
	}
	rep, err := j.archiver.Run(ctx, kept)
	if err != nil && ctx.Err() == nil {
		j.log.Warn("archive links", "error", err)
	}
	if rep.Saved+rep.Found+rep.Failed > 0 {
		j.log.Info("links archived", "saved", rep.Saved, "found", rep.Found, "failed", rep.Failed, "waiting", rep.Waiting, "pending", j.archiver.Pending())
	}
	if err == nil {
		j.mu.Lock()
		j.since = started
		j.mu.Unlock()
	}
}

// sweepLoop runs the link-rot sweep when the last one is a week old, and
// looks again every sweepCheck until ctx ends.
func (j *linkJobs) sweepLoop(ctx context.Context) {
	for {
		j.sweepIfDue(ctx)
		if j.sync {
			return
		}
		t := time.NewTimer(sweepCheck)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

func (j *linkJobs) sweepIfDue(ctx context.Context) {
	last, ok, err := linkcheck.LastReport(ctx, j.store)
	if err != nil {
		j.log.Warn("link check", "error", err)
		return
	}
	if ok && j.now().Sub(last.At) < sweepEvery {
		return
	}
	if !j.swept.IsZero() && j.now().Sub(j.swept) < 24*time.Hour {
		return // the last try failed before its report: not again so soon
	}
	j.swept = j.now()
	j.log.Info("link check: sweeping the published posts")
	rep, err := j.sweeper.Run(ctx, time.Time{})
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		j.log.Warn("link check", "error", moisson.RedactText(err.Error()))
	}
	j.log.Info("link check done", "report", rep.String())
}
