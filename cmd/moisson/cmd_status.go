package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
)

// runStatus prints the sources and their positions, pending and failed
// links, and the last and next publications.
func runStatus(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	failedN := fs.Int("failed", 10, "how many failed links to list, the most recent first (0 for all)")
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	dc, err := e.digestConfig()
	if err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	cursors, err := st.Cursors(ctx)
	if err != nil {
		return err
	}
	pubs, err := st.Publications(ctx)
	if err != nil {
		return err
	}
	// The store lists failures by URL: the most recent are picked here.
	failed, err := st.Failed(ctx, 0)
	if err != nil {
		return err
	}
	sort.SliceStable(failed, func(i, j int) bool { return failed[i].FetchedAt.After(failed[j].FetchedAt) })
	if *failedN > 0 && len(failed) > *failedN {
		failed = failed[:*failedN]
	}
	w := e.stdout
	fmt.Fprintf(w, "store      %s\n", e.cfg.DB)
	fmt.Fprintf(w, "posts      %d\n", stats.Posts)
	fmt.Fprintf(w, "links      %d (%d pages scraped, %d pending, %d failed)\n", stats.Links, stats.Pages-stats.Failed, stats.Pending, stats.Failed)
	fmt.Fprintln(w, "sources")
	for _, name := range configuredSources(e.cfg) {
		if _, ok := cursors[name]; !ok {
			cursors[name] = ""
		}
	}
	names := make([]string, 0, len(cursors))
	for name := range cursors {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		fmt.Fprintln(w, "  (none configured: see X_BEARER_TOKEN, MOISSON_FEEDS, MOISSON_ARCHIVE)")
	}
	for _, name := range names {
		pos := cursors[name]
		if pos == "" {
			pos = "(not read yet)"
		}
		fmt.Fprintf(w, "  %-40s %s\n", name, pos)
	}
	if len(pubs) > 0 {
		last := pubs[len(pubs)-1]
		fmt.Fprintf(w, "last post  %s, %d links, %s (%s)\n", last.Week, last.Links, last.Path, last.PublishedAt.In(dc.Location).Format("2006-01-02 15:04"))
	} else {
		fmt.Fprintln(w, "last post  none")
	}
	next := dc.WeekOf(e.now())
	fmt.Fprintf(w, "next post  %s, at %s\n", next.ID, next.End.Format("Mon 2006-01-02 15:04 MST"))
	if len(failed) > 0 {
		fmt.Fprintln(w, "failed links")
		for _, p := range failed {
			fmt.Fprintf(w, "  %s\n    %s (after %d attempts)\n", p.URL, p.Error, p.Attempts)
		}
	}
	fmt.Fprintln(w, "settings (secrets hidden)")
	for _, line := range e.cfg.Redacted() {
		fmt.Fprintf(w, "  %s\n", line)
	}
	return nil
}
