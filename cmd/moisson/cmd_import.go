package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// importCommand is `moisson import PATH...`.
func (e *env) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import PATH...",
		Short: "Store the posts of an X, Mastodon or Bluesky archive export",
		Long: `Import stores the posts of archive exports. PATH is an X archive (the .zip,
its unpacked folder, or a data/tweets.js, tweets.csv… file), a Mastodon
archive (.tar.gz or .zip holding outbox.json, or outbox.json) or a Bluesky
repository export (.car). A running daemon does the import when it holds
the store.`,
		Args: needArgs("the PATH of an archive export"),
		RunE: e.action(func(ctx context.Context, args []string) error { return runImport(ctx, e, args) }),
	}
}

// runImport stores the posts of archive exports.
func runImport(ctx context.Context, e *env, paths []string) error {
	if err := e.configure(); err != nil {
		return err
	}
	st, c, err := e.storeOrDaemon()
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	for _, path := range paths {
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
