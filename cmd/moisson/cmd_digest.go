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
)

// runDigest writes one week's post.
func runDigest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	weekFlag := fs.String("week", "last", `the week: "2014-W40", a date in it ("2014-10-03"), "last" (the last week whose cutoff has passed) or "current"`)
	out := fs.String("out", "", "the blog directory (default MOISSON_BLOG_DIR)")
	toStdout := fs.Bool("stdout", false, "print the post instead of writing it")
	refresh := fs.Bool("refresh", false, "fetch again the pages already scraped")
	wayback := fs.Bool("wayback", true, "take the pages that are gone from the Wayback Machine (past weeks only)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson digest [--week 2014-W40] [--out BLOGDIR | --stdout] [--refresh] [--wayback=false]")
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
	st, p, err := e.openPipeline()
	if err != nil {
		return err
	}
	defer st.Close()
	w, err := pickWeek(p.dc, *weekFlag, e.now())
	if err != nil {
		return err
	}
	if *wayback && w.End.Before(e.now()) {
		p.rescuer = p.scraper.Wayback(e.cfg.WaybackBaseURL)
	}
	d, err := p.buildWeek(ctx, w, *refresh)
	if err != nil {
		return err
	}
	reportUnscraped(e, d)
	if *toStdout {
		_, err := e.stdout.Write(digest.Render(d, p.dc))
		return err
	}
	if d.Links == 0 {
		fmt.Fprintf(e.stdout, "week %s (%s to %s): no links, nothing written\n", w.ID,
			w.Start.Format("2006-01-02 15:04"), w.End.Format("2006-01-02 15:04"))
		return nil
	}
	pub, changed, err := p.publish(ctx, d, *out)
	if err != nil {
		return err
	}
	state := "written"
	if !changed {
		state = "unchanged"
	}
	fmt.Fprintf(e.stdout, "week %s: %d links in %d sections, %s: %s\n", w.ID, d.Links, len(d.Sections), state, filepath.Join(*out, pub.Path))
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

func reportUnscraped(e *env, d digest.Digest) {
	for _, en := range d.Unscraped {
		e.log.Warn("link could not be scraped: titled from the post", "week", d.Week.ID, "url", en.URL, "title", en.Title)
	}
}
