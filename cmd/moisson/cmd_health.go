package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

// healthCommand is `moisson health`: exit status 0 when the running daemon
// answers, 1 otherwise. It is the container's HEALTHCHECK, and what a
// systemd watchdog or a monitoring script can call.
func (e *env) healthCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "health",
		Short: "Exit 0 when the running daemon answers",
		Long:  "Health exits 0 when the daemon (run or review) holding MOISSON_DB answers on its socket, 1 otherwise.",
		Args:  noArgs,
		RunE:  e.action(func(ctx context.Context, _ []string) error { return runHealth(ctx, e) }),
	}
}

func runHealth(ctx context.Context, e *env) error {
	if err := e.configure(); err != nil {
		return err
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
