package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/moisson/moisson/bot"
)

// runImport stores the posts of an X/Twitter archive export.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson import PATH\n\nPATH is the archive .zip, its unpacked folder, or a data/tweets.js (tweets.csv, …) file.")
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	for _, path := range fs.Args() {
		// The whole archive is checked before anything is written, then
		// stored in chunks: a bad file leaves nothing behind, and memory
		// stays that of a chunk whatever the archive's size.
		res, err := bot.ImportArchive(ctx, path, st)
		if err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
		fmt.Fprintf(e.stdout, "%s: %d posts read, %d new", path, res.Read, res.Added)
		if res.Read > 0 {
			fmt.Fprintf(e.stdout, ", from %s to %s", res.First.Format("2006-01-02"), res.Last.Format("2006-01-02"))
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}
