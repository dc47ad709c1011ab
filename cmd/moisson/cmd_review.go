package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
)

// runReview serves the review page and the local API on the store, without
// the polling loop: for a machine where `run` isn't running.
func runReview(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson review\n\nServes the review page on MOISSON_LISTEN (default 127.0.0.1:7080) until SIGINT or SIGTERM.")
		fs.PrintDefaults()
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if e.cfg.Listen == "" || e.cfg.Listen == "off" {
		return errors.New("review: MOISSON_LISTEN is off: set it to the address to serve the page on, like 127.0.0.1:7080")
	}
	st, s, err := e.openService(e.cfg.BlogDir)
	if err != nil {
		return err
	}
	defer st.Close()
	s.Daemon = true
	wait, err := e.serve(ctx, s)
	if err != nil {
		return err
	}
	<-ctx.Done()
	return wait()
}
