package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/review"
)

// statusCommand is `moisson status [--failed N] [--json]`.
func (e *env) statusCommand() *cobra.Command {
	failedN := 10
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [--failed N] [--json]",
		Short: "Sources, links, weeks, publications and failures",
		Long: `Status tells where moisson is: each source (last read, where it stopped,
next poll, its last error), the links and pages, the last and next posts,
the weeks waiting and why, the failures grouped by reason with the most
recent ones, the link-rot sweep and the Wayback Machine queue. It asks
the running daemon when one holds the store.

With --json it prints the same as one JSON object, for scripts.`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runStatus(ctx, e, failedN, asJSON) }),
	}
	cmd.Flags().Var(countValue{&failedN}, "failed", "how many failed links to list, the most recent first (0 for all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the status as JSON (review.Status)")
	return cmd
}

// runStatus prints the status, from the running daemon when one holds the
// store.
func runStatus(ctx context.Context, e *env, failedN int, asJSON bool) error {
	if err := e.configure(); err != nil {
		return err
	}
	var st review.Status
	if c, ok := e.daemon(); ok {
		defer c.Close()
		s, err := c.Status(ctx)
		if err != nil {
			return err
		}
		st = s
	} else {
		if err := e.storeExists(); err != nil {
			// What is wrong with the settings is worth saying before
			// there is a store, more than after.
			// (on stderr with --json: stdout is for JSON alone).
			w := e.stdout
			if asJSON {
				w = e.stderr
			}
			printWarnings(w, append(e.cfg.Warnings(), e.gitWarnings(ctx)...))
			return err
		}
		store, s, err := e.openService("")
		if err != nil {
			return err
		}
		defer store.Close()
		if st, err = s.Status(ctx); err != nil {
			return err
		}
	}
	// The configuration's own warnings first: unknown variables (with the
	// one meant), a blog configuration that cannot be read.
	st.Warnings = append(e.cfg.Warnings(), st.Warnings...)
	// The blog's checkout, as `run` checks it at start.
	st.Warnings = append(st.Warnings, e.gitWarnings(ctx)...)
	if asJSON {
		if failedN > 0 && len(st.FailedLinks) > failedN {
			st.FailedLinks = st.FailedLinks[:failedN]
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	printStatus(e, st, failedN)
	if st.Webmention != nil {
		fmt.Fprintf(e.stdout, "webmention %s\n", st.Webmention)
	}
	return nil
}

// storeExists returns an error saying where the store was looked for
// when there is none yet: status and health only read, they never create
// one.
func (e *env) storeExists() error {
	_, err := os.Stat(e.cfg.DB)
	if err == nil {
		return nil
	}
	where := e.cfg.DB
	if abs, aerr := filepath.Abs(where); aerr == nil {
		where = abs
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no store yet: %s does not exist (MOISSON_DB; a relative path is from the directory moisson runs in); moisson run, import or backfill create it", where)
	}
	return fmt.Errorf("store %s (MOISSON_DB): %w", where, err)
}

// plural is "1 link", "2 links".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// relative says how far t is from now in words: "3 hours ago", "in 2
// days".
func relative(t, now time.Time) string {
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var s string
	switch {
	case d < time.Minute:
		if future {
			return "in less than a minute"
		}
		return "just now"
	case d < time.Hour:
		s = plural(int(d/time.Minute), "minute", "minutes")
	case d < 48*time.Hour:
		s = plural(int(d/time.Hour), "hour", "hours")
	default:
		s = plural(int(d/(24*time.Hour)), "day", "days")
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}

// failureReason names why a page failed, the same for every page that
// failed alike: "404 Not Found", "blocked", "no such host".
func failureReason(p moisson.Page) string {
	if p.Status >= 400 {
		return fmt.Sprintf("%d %s", p.Status, http.StatusText(p.Status))
	}
	msg := strings.TrimSpace(p.Error)
	// The end of a wrapped error is its cause: "dial tcp …: connect:
	// connection refused" is "connection refused".
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		msg = msg[i+2:]
	}
	if msg == "" {
		return "unknown error"
	}
	return msg
}

type reasonCount struct {
	reason string
	n      int
}

// groupFailures counts the failures by reason, the most frequent first.
func groupFailures(pages []moisson.Page) []reasonCount {
	counts := map[string]int{}
	for _, p := range pages {
		counts[failureReason(p)]++
	}
	groups := make([]reasonCount, 0, len(counts))
	for r, n := range counts {
		groups = append(groups, reasonCount{r, n})
	}
	sort.Slice(groups, func(i, j int) bool {
		if groups[i].n != groups[j].n {
			return groups[i].n > groups[j].n
		}
		return groups[i].reason < groups[j].reason
	})
	return groups
}

func printStatus(e *env, st review.Status, failedN int) {
	w := e.stdout
	loc := e.cfg.location
	now := e.now()
	when := func(t time.Time) string {
		return t.In(loc).Format("2006-01-02 15:04") + " (" + relative(t, now) + ")"
	}
	// What needs the author comes first; each warning once.
	warned := printWarnings(w, st.Warnings)

	if h := st.Health; h != nil {
		if h.Status == review.HealthOK {
			fmt.Fprintln(w, "health     ok")
		} else {
			fmt.Fprintf(w, "health     %s: %s (in the warnings above; moisson health)\n", h.Status, plural(len(h.Reasons), "reason", "reasons"))
		}
	}
	fmt.Fprintf(w, "store      %s", st.Store)
	if st.Daemon {
		fmt.Fprint(w, " (held by the running daemon)")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "posts      %d\n", st.Posts)
	fmt.Fprintf(w, "links      %d (%s scraped, %d pending, %d failed)\n", st.Links, plural(st.Pages, "page", "pages"), st.Pending, st.Failed)

	fmt.Fprintln(w, "sources")
	configured := 0
	for _, src := range st.Sources {
		if !src.Removed {
			configured++
		}
	}
	if configured == 0 {
		fmt.Fprintln(w, "  none configured: set X_BEARER_TOKEN, MOISSON_FEEDS, MOISSON_BLUESKY, MOISSON_MASTODON or MOISSON_ARCHIVE")
	}
	var removed []review.SourceInfo
	for _, src := range st.Sources {
		if src.Removed {
			removed = append(removed, src)
			continue
		}
		fmt.Fprintf(w, "  %s\n", src.Name)
		var parts []string
		if src.LastRead.IsZero() {
			parts = append(parts, "never read successfully")
		} else {
			parts = append(parts, "last read "+when(src.LastRead))
		}
		if src.Position != "" {
			parts = append(parts, "newest: "+src.Position)
		}
		switch {
		case !st.Daemon:
			parts = append(parts, "polled while moisson run is running")
		case !src.LastRead.IsZero() && e.cfg.PollInterval > 0:
			next := src.LastRead.Add(e.cfg.PollInterval)
			for next.Before(now) {
				next = next.Add(e.cfg.PollInterval)
			}
			parts = append(parts, "next poll "+relative(next, now))
		default:
			parts = append(parts, "polled every "+e.cfg.PollInterval.String())
		}
		fmt.Fprintf(w, "    %s\n", strings.Join(parts, "; "))
		if src.Cost != "" {
			fmt.Fprintf(w, "    cost: %s\n", src.Cost)
		}
		if src.Unreadable > 0 {
			fmt.Fprintf(w, "    %s whose links could not be read (each logged with its id)\n", plural(int(src.Unreadable), "post", "posts"))
		}
		if src.LastErr != "" {
			fmt.Fprintf(w, "    last error: %s\n", src.LastErr)
		}
	}
	if len(removed) > 0 {
		fmt.Fprintln(w, "no longer configured (not read; their posts stay in the store)")
		for _, src := range removed {
			line := "  " + src.Name
			if !src.LastRead.IsZero() {
				line += ": last read " + when(src.LastRead)
			}
			fmt.Fprintln(w, line)
		}
	}

	if p := st.LastPublication; p != nil {
		state := ""
		if p.Draft {
			state = ", draft" // waiting for approval: the warnings say so
		} else if p.NotPushed() {
			state = ", written, not pushed" // the warnings say why
		}
		fmt.Fprintf(w, "last post  %s, %s, %s (written %s, %s%s)\n", p.Week, plural(p.Links, "link", "links"), p.Path,
			p.PublishedAt.In(loc).Format("2006-01-02 15:04"), relative(p.PublishedAt, now), state)
	} else {
		fmt.Fprintln(w, "last post  none yet")
	}
	if !st.NextCutoff.IsZero() {
		fmt.Fprintf(w, "next post  %s, due %s (%s)\n", st.NextWeek, st.NextCutoff.In(loc).Format("Mon 2006-01-02 15:04 MST"), relative(st.NextCutoff, now))
		if st.LowConfidenceTitles > 0 {
			fmt.Fprintf(w, "  %s to check (titles guessed from the post or the address)\n", plural(st.LowConfidenceTitles, "title", "titles"))
		}
	}
	for _, p := range st.PendingWeeks {
		label := "pending"
		if strings.HasPrefix(p.Reason, bot.NoLinkPrefix) {
			label = "held"
		}
		if warned["week "+p.Week.ID+": "+p.Reason] {
			// Its reason is among the warnings above.
			fmt.Fprintf(w, "%-10s %s (why: see the warnings)\n", label, p.Week.ID)
			continue
		}
		fmt.Fprintf(w, "%-10s %s: %s\n", label, p.Week.ID, p.Reason)
	}

	if len(st.FailedLinks) > 0 {
		fmt.Fprintf(w, "failures   %s could not be scraped\n", plural(max(st.Failed, len(st.FailedLinks)), "link", "links"))
		for _, g := range groupFailures(st.FailedLinks) {
			fmt.Fprintf(w, "  %s: %s\n", g.reason, plural(g.n, "link", "links"))
		}
		failed := st.FailedLinks
		if failedN > 0 && len(failed) > failedN {
			failed = failed[:failedN]
		}
		fmt.Fprintf(w, "  the most recent (--failed N for more):\n")
		for _, p := range failed {
			detail := failureReason(p)
			if p.Error != "" && p.Error != detail {
				detail = p.Error
			}
			fmt.Fprintf(w, "    %s\n      %s", p.URL, detail)
			if !p.FetchedAt.IsZero() {
				fmt.Fprintf(w, ", %s", relative(p.FetchedAt, now))
			}
			if p.Attempts > 0 {
				fmt.Fprintf(w, ", after %s", plural(p.Attempts, "attempt", "attempts"))
			}
			fmt.Fprintln(w)
		}
	}

	if lc := st.LinkCheck; lc != nil {
		fmt.Fprintf(w, "link rot   last sweep %s: %s checked, %d gone (%d pointed to an archived copy, %d with no copy), %d unsure (asked again next sweep), %d back alive; %s rewritten\n",
			when(lc.At), plural(lc.Checked, "link", "links"), lc.Gone, lc.Rescued, lc.NotArchived, lc.Unknown, lc.Restored, plural(lc.Weeks, "week", "weeks"))
	}
	if wb := st.Wayback; wb != nil {
		fmt.Fprintf(w, "wayback    %s waiting", plural(wb.Queued, "request", "requests"))
		if wb.Queued > 0 && wb.Expected > 0 {
			fmt.Fprintf(w, " (about %s)", (time.Duration(wb.Expected) * time.Second).Round(time.Second))
		}
		fmt.Fprintf(w, ", %d sent, %d told to slow down", wb.Sent, wb.Throttled)
		if wb.PausedUntil.After(now) {
			fmt.Fprintf(w, "; paused until %s", wb.PausedUntil.In(loc).Format("15:04:05"))
		}
		fmt.Fprintln(w)
	}

	format, folder, why := e.cfg.PostFormat()
	fmt.Fprintf(w, "format     %s, posts in %s/ (%s)\n", format, folder, why)
	fmt.Fprintf(w, "slug       %s\n", e.cfg.SlugChoice())
	fmt.Fprintln(w, "settings that differ from the defaults (secrets hidden; moisson config shows all and where each comes from)")
	for _, line := range st.Settings {
		fmt.Fprintf(w, "  %s\n", line)
	}
}

// printWarnings prints the warnings under their heading, each once, and
// returns those it printed.
func printWarnings(w io.Writer, warnings []string) map[string]bool {
	warned := map[string]bool{}
	if len(warnings) == 0 {
		return warned
	}
	fmt.Fprintln(w, "warnings")
	for _, msg := range warnings {
		if warned[msg] {
			continue
		}
		warned[msg] = true
		fmt.Fprintf(w, "  %s\n", msg)
	}
	return warned
}
