package main

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
)

// reviewCommand is `moisson review`: the review page and the local API on
// the store, without the polling loop, for a machine where run isn't
// running.
func (e *env) reviewCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "review",
		Short: "Serve the review page without the polling loop",
		Long:  "Review serves the review page on MOISSON_LISTEN (default 127.0.0.1:7080) until SIGINT or SIGTERM, without polling the sources.",
		Args:  noArgs,
		RunE:  e.action(func(ctx context.Context, _ []string) error { return runReview(ctx, e) }),
	}
}

func runReview(ctx context.Context, e *env) error {
	if err := e.configure(); err != nil {
		return err
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
