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
		// The whole archive is parsed before anything is written, then
		// stored in one transaction: a bad file leaves nothing behind.
		posts, err := bot.ReadArchive(ctx, path)
		if err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
		added, err := st.Save(ctx, posts, "", "")
		if err != nil {
			return fmt.Errorf("import %s: %w", path, err)
		}
		links := 0
		for _, p := range posts {
			links += len(p.URLs)
		}
		fmt.Fprintf(e.stdout, "%s: %d posts read, %d new", path, len(posts), added)
		if len(posts) > 0 {
			fmt.Fprintf(e.stdout, ", from %s to %s", posts[0].CreatedAt.Format("2006-01-02"), posts[len(posts)-1].CreatedAt.Format("2006-01-02"))
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}
