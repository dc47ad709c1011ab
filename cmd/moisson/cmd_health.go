package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"
)

// runHealth asks the running daemon whether it answers: exit status 0
// when it does, 1 otherwise. It is the container's HEALTHCHECK, and what
// a systemd watchdog or a monitoring script can call.
func runHealth(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson health\n\nExits 0 when the daemon (run or review) holding MOISSON_DB answers on its socket, 1 otherwise.")
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	c, ok := e.daemon()
	if !ok {
		return errors.New("health: no daemon answers on " + e.socketPath())
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := c.Health(ctx); err != nil {
		return fmt.Errorf("health: %w", err)
	}
	fmt.Fprintln(e.stdout, "ok")
	return nil
}
