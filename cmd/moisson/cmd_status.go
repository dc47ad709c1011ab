package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/moisson/moisson/review"
)

// runStatus prints the sources and where they stopped, pending and failed
// links, pending weeks and why, the last and next publications, warnings
// and the settings in effect (secrets hidden). It asks the running
// daemon when one holds the store.
func runStatus(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	failedN := fs.Int("failed", 10, "how many failed links to list, the most recent first (0 for all)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson status [--failed N]")
		fs.PrintDefaults()
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *failedN < 0 {
		fs.Usage()
		return errUsage
	}
	var st review.Status
	if c, ok := e.daemon(); ok {
		s, err := c.Status(ctx)
		if err != nil {
			return err
		}
		st = s
	} else {
		store, s, err := e.openService("")
		if err != nil {
			return err
		}
		defer store.Close()
		if st, err = s.Status(ctx); err != nil {
			return err
		}
	}
	printStatus(e, st, *failedN)
	return nil
}

func printStatus(e *env, st review.Status, failedN int) {
	w := e.stdout
	loc := e.cfg.location
	when := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04") }
	fmt.Fprintf(w, "store      %s", st.Store)
	if st.Daemon {
		fmt.Fprint(w, " (held by the running daemon)")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "posts      %d\n", st.Posts)
	fmt.Fprintf(w, "links      %d (%d pages scraped, %d pending, %d failed)\n", st.Links, st.Pages, st.Pending, st.Failed)
	fmt.Fprintln(w, "sources")
	if len(st.Sources) == 0 {
		fmt.Fprintln(w, "  (none configured: see X_BEARER_TOKEN, MOISSON_FEEDS, MOISSON_ARCHIVE)")
	}
	for _, src := range st.Sources {
		last := "never read successfully"
		if !src.LastRead.IsZero() {
			last = "last read " + when(src.LastRead)
		}
		fmt.Fprintf(w, "  %-40s %s; %s\n", src.Name, src.Position, last)
		if src.Cost != "" {
			fmt.Fprintf(w, "    cost: %s\n", src.Cost)
		}
		if src.LastErr != "" {
			fmt.Fprintf(w, "    last error: %s\n", src.LastErr)
		}
	}
	if p := st.LastPublication; p != nil {
		state := ""
		if p.Draft {
			state = ", draft"
		}
		fmt.Fprintf(w, "last post  %s, %d links, %s (%s%s)\n", p.Week, p.Links, p.Path, when(p.PublishedAt), state)
	} else {
		fmt.Fprintln(w, "last post  none")
	}
	fmt.Fprintf(w, "next post  %s, at %s\n", st.NextWeek, st.NextCutoff.In(loc).Format("Mon 2006-01-02 15:04 MST"))
	for _, p := range st.PendingWeeks {
		fmt.Fprintf(w, "pending    %s: %s\n", p.Week.ID, p.Reason)
	}
	if len(st.Warnings) > 0 {
		fmt.Fprintln(w, "warnings")
		for _, msg := range st.Warnings {
			fmt.Fprintf(w, "  %s\n", msg)
		}
	}
	failed := st.FailedLinks
	if failedN > 0 && len(failed) > failedN {
		failed = failed[:failedN]
	}
	if len(failed) > 0 {
		fmt.Fprintln(w, "failed links")
		for _, p := range failed {
			fmt.Fprintf(w, "  %s\n    %s (after %d attempts)\n", p.URL, p.Error, p.Attempts)
		}
	}
	fmt.Fprintln(w, "settings (secrets hidden)")
	for _, line := range st.Settings {
		fmt.Fprintf(w, "  %s\n", line)
	}
}
