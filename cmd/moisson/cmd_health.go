package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson/review"
)

// healthCommand is `moisson health [--json]`: exit status 0 when the
// running daemon answers and its work goes well, 1 when it does not
// answer or is degraded. It is the container's HEALTHCHECK, and what a
// systemd timer or a monitoring script can call.
func (e *env) healthCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "health [--json]",
		Short: "Exit 0 when the running daemon answers and nothing is degraded",
		Long: `Health asks the daemon (run or review) holding MOISSON_DB how its work goes.
It prints "ok" and exits 0, or "degraded" with the reasons and exits 1: a
post written but not pushed, a source failing more than two polls in a
row, a week overdue (its cutoff passed an hour ago or more and it is not
published), a week held for want of links, the Wayback Machine queue
paused for long, the X API guard stopping the reads. It exits 1 too when
no daemon answers.

With --json it prints the daemon's answer: {"status": "ok" or "degraded",
"reasons": [{"check", "message"}]}.`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runHealth(ctx, e, asJSON) }),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the health as JSON (review.Health)")
	return cmd
}

// errDegraded is health's answer when the daemon answers degraded.
var errDegraded = errors.New("health: degraded")

func runHealth(ctx context.Context, e *env, asJSON bool) error {
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
	h, err := c.Health(ctx)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(h); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(e.stdout, h.Status)
		for _, r := range h.Reasons {
			fmt.Fprintf(e.stdout, "  %s\n", r.Message)
		}
	}
	if h.Status != review.HealthOK {
		return fmt.Errorf("%w: %d reasons", errDegraded, len(h.Reasons))
	}
	return nil
}
