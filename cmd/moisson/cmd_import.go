package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// runImport stores the posts of an X/Twitter archive export.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson import PATH\n\nPATH is an X archive (the .zip, its unpacked folder, or a data/tweets.js, tweets.csv… file), a Mastodon archive (.tar.gz or .zip holding outbox.json, or outbox.json) or a Bluesky repository export (.car).")
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	st, c, err := e.storeOrDaemon()
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	for _, path := range fs.Args() {
		var r review.ImportResult
		if c != nil {
			abs, aerr := filepath.Abs(path)
			if aerr != nil {
				return fmt.Errorf("import %s: %w", path, aerr)
			}
			r, err = c.Import(ctx, abs)
		} else {
			r, err = weekly.Import(ctx, st, path)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: %d posts read, %d new", path, r.Posts, r.New)
		if !r.First.IsZero() {
			fmt.Fprintf(e.stdout, ", from %s to %s", r.First.Format("2006-01-02"), r.Last.Format("2006-01-02"))
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}
