package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// digestCommand is `moisson digest`: one week's post, written or printed.
func (e *env) digestCommand() *cobra.Command {
	var o digestOptions
	o.week = "last"
	cmd := &cobra.Command{
		Use:   "digest [--week WEEK] [--out BLOGDIR | --stdout]",
		Short: "Write one week's post",
		Long: `Digest writes one week's post into the blog (or prints it with --stdout),
scraping the pages not scraped yet. A post edited by hand since moisson
wrote it is left alone unless --force.`,
		Example: `  moisson digest --week 2014-W40 --stdout
  moisson digest --week 2014-10-03 --out ~/blog`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runDigest(ctx, e, o) }),
	}
	f := cmd.Flags()
	f.Var(weekValue{&o.week}, "week", `the week: "2014-W40", a date in it ("2014-10-03"), "last" (the last week whose cutoff has passed) or "current"`)
	f.StringVar(&o.out, "out", "", "the blog directory (default MOISSON_BLOG_DIR)")
	f.BoolVar(&o.stdout, "stdout", false, "print the post instead of writing it")
	f.BoolVar(&o.refresh, "refresh", false, "fetch again the pages already scraped")
	f.BoolVar(&o.wayback, "wayback", true, "take the pages that are gone from the Wayback Machine (past weeks only)")
	f.BoolVar(&o.force, "force", false, "overwrite the post even if it was edited by hand since moisson wrote it")
	f.BoolVar(&o.closeEarly, "close-early", false, "publish a week still open now and close it: its post is dated today, later links go to the next week")
	cmd.MarkFlagsMutuallyExclusive("out", "stdout")
	return cmd
}

type digestOptions struct {
	week, out                       string
	stdout, refresh, wayback, force bool
	closeEarly                      bool
}

// runDigest writes one week's post.
func runDigest(ctx context.Context, e *env, o digestOptions) error {
	out, toStdout, refresh, force := &o.out, &o.stdout, &o.refresh, &o.force
	weekFlag, wayback := &o.week, &o.wayback
	if err := e.configure(); err != nil {
		return err
	}
	what := "--out" // who gave the blog directory
	if *out == "" {
		*out, what = e.cfg.BlogDir, "MOISSON_BLOG_DIR"
	}
	if *out == "" && !*toStdout {
		return errors.New("digest: no blog directory: set MOISSON_BLOG_DIR, or give --out BLOGDIR or --stdout")
	}
	if !*toStdout {
		if err := e.checkBlogDir(ctx, *out, what); err != nil {
			return err
		}
	}
	dc, err := e.digestConfig()
	if err != nil {
		return err
	}
	w, err := pickWeek(dc, *weekFlag, e.now())
	if err != nil {
		return err
	}
	if c, ok := e.daemon(); ok {
		if o.closeEarly {
			return fmt.Errorf("digest: --close-early: the daemon running on %s holds the store: publish the week from the review page, or stop the daemon first", e.cfg.DB)
		}
		return digestViaDaemon(ctx, e, c, w, *out, *toStdout, *refresh, *force)
	}
	blog := *out
	if *toStdout {
		blog = ""
	}
	st, s, err := e.openService(blog)
	if err != nil {
		return err
	}
	defer st.Close()
	// The week as the store knows it: a week the author closed early ends
	// there, and "current" is then the week after it.
	switch *weekFlag {
	case "current", "last", "":
		cur, err := s.WeekAt(ctx, e.now())
		if err != nil {
			return err
		}
		if *weekFlag != "current" {
			cur = dc.WeekOf(cur.Start.Add(-time.Nanosecond))
		}
		w = cur
	}
	if w, err = s.ResolveWeek(ctx, w); err != nil {
		return err
	}
	if *wayback && w.End.Before(e.now()) {
		s.Rescuer = e.wayback(s.Scraper)
	}
	if *toStdout {
		d, err := s.Build(ctx, w, weekly.BuildOptions{Scrape: true, Refresh: *refresh, Rescue: true})
		if err != nil {
			return err
		}
		s.ReportUnscraped(d)
		_, err = e.stdout.Write(digest.Render(d, s.Digest))
		return err
	}
	d, err := s.Build(ctx, w, weekly.BuildOptions{Scrape: true, Refresh: *refresh, Rescue: true})
	if err != nil {
		return err
	}
	s.ReportUnscraped(d)
	if d.Links == 0 {
		fmt.Fprintf(e.stdout, "week %s (%s to %s): no links, nothing written\n", w.ID,
			w.Start.Format("2006-01-02 15:04"), w.End.Format("2006-01-02 15:04"))
		return nil
	}
	if w.End.After(e.now()) {
		return publishOpenWeek(ctx, e, s, w, o)
	}
	draft := false
	if prev, err := st.Publication(ctx, w.ID); err == nil {
		draft = prev.Draft && !d.Edits.Approved
	}
	pub, changed, err := s.Write(ctx, d, weekly.WriteOptions{Draft: draft, Force: *force})
	if err != nil {
		return err
	}
	if err := s.Record(ctx, pub, d); err != nil {
		return err
	}
	state := "written"
	if !changed {
		state = "unchanged"
	}
	if draft {
		state += " as a draft"
	}
	fmt.Fprintf(e.stdout, "week %s: %d links in %d sections, %s: %s\n", w.ID, d.Links, len(d.Sections), state, filepath.Join(*out, pub.Path))
	return nil
}

// digestViaDaemon asks the running daemon, which holds the store, to
// print or write the week.
func digestViaDaemon(ctx context.Context, e *env, c *review.Client, w moisson.Week, out string, toStdout, refresh, force bool) error {
	if toStdout {
		if refresh {
			if _, err := c.Regenerate(ctx, w.ID, true, false, "cli"); err != nil {
				return err
			}
		}
		md, err := c.Markdown(ctx, w.ID)
		if err != nil {
			return err
		}
		_, err = fmt.Fprint(e.stdout, md)
		return err
	}
	if out != e.cfg.BlogDir {
		return fmt.Errorf("digest: the daemon running on %s writes into MOISSON_BLOG_DIR (%s), not %s: stop it or leave out --out", e.cfg.DB, e.cfg.BlogDir, out)
	}
	v, err := c.Regenerate(ctx, w.ID, refresh, force, "cli")
	if err != nil {
		return err
	}
	where := "not written (the week is still open)"
	if p := v.Summary.Publication; p != nil {
		where = string(v.Summary.State) + ": " + filepath.Join(out, p.Path)
	}
	fmt.Fprintf(e.stdout, "week %s: %d links in %d sections (by the daemon), %s\n", w.ID, v.Summary.Links, len(v.Sections), where)
	return nil
}

// pickWeek reads the --week flag.
func pickWeek(dc digest.Config, s string, now time.Time) (moisson.Week, error) {
	switch s {
	case "current":
		return dc.WeekOf(now), nil
	case "last", "":
		cur := dc.WeekOf(now)
		return dc.WeekOf(cur.Start.Add(-1)), nil
	}
	w, err := dc.ParseWeek(s)
	if err != nil {
		return moisson.Week{}, usagef("invalid argument %q for \"--week\" flag: %v", s, err)
	}
	return w, nil
}

// publishOpenWeek writes a week whose cutoff is still ahead: only when
// asked with --close-early, which closes the week now.
func publishOpenWeek(ctx context.Context, e *env, s *weekly.Service, w moisson.Week, o digestOptions) error {
	if !o.closeEarly {
		return fmt.Errorf("digest: week %s is still open: it closes %s; give --close-early to publish it now and close it (links shared from now on go to the next week), or --stdout to preview it",
			w.ID, w.End.Format("Mon 2 Jan 2006 15:04 MST"))
	}
	pub, err := s.PublishWeek(ctx, w, weekly.PublishOptions{By: "cli", Force: o.force, CloseEarly: true})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "week %s: closed early and published, %d links: %s\n", w.ID, pub.Links, filepath.Join(s.BlogDir, pub.Path))
	return nil
}
