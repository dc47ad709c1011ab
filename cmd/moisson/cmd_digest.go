package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// runDigest writes one week's post.
func runDigest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	weekFlag := fs.String("week", "last", `the week: "2014-W40", a date in it ("2014-10-03"), "last" (the last week whose cutoff has passed) or "current"`)
	out := fs.String("out", "", "the blog directory (default MOISSON_BLOG_DIR)")
	toStdout := fs.Bool("stdout", false, "print the post instead of writing it")
	refresh := fs.Bool("refresh", false, "fetch again the pages already scraped")
	wayback := fs.Bool("wayback", true, "take the pages that are gone from the Wayback Machine (past weeks only)")
	force := fs.Bool("force", false, "overwrite the post even if it was edited by hand since moisson wrote it")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson digest [--week 2014-W40] [--out BLOGDIR | --stdout] [--refresh] [--wayback=false] [--force]")
		fs.PrintDefaults()
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		*out = e.cfg.BlogDir
	}
	if *out == "" && !*toStdout {
		return errors.New("digest: no blog directory: set MOISSON_BLOG_DIR, or give --out BLOGDIR or --stdout")
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
		return moisson.Week{}, fmt.Errorf("--week %q: %w", s, err)
	}
	return w, nil
}
