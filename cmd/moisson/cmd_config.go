package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// configCommand is `moisson config`: the settings in effect, secrets
// hidden, and where each comes from.
func (e *env) configCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the settings in effect and where each comes from",
		Long: `Config prints every setting in effect as KEY=VALUE (secrets hidden), and
where it comes from: the default, the .env file, the environment, a file
(KEY_FILE) or a flag. Then it checks them: exit status 1, with every
problem told, when one is wrong. A variable with moisson's prefixes
(MOISSON_, X_, WAYBACK_) that moisson does not read is warned about on
stderr, with the one probably meant.`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runConfig(ctx, e) }),
	}
}

func runConfig(ctx context.Context, e *env) error {
	// Validate first: it settles values (lower-cased choices) the lines
	// then show; its errors come after the settings.
	err := joinConfigErrors(e.loadErr, e.cfg.Validate())
	if err == nil {
		// The blog's checkout, as `run` checks it at start.
		for _, w := range e.gitWarnings(ctx) {
			err = errors.Join(err, errors.New(w))
		}
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, line := range e.cfg.Redacted() {
		key, _, _ := strings.Cut(line, "=")
		origin := e.cfg.Origin(key)
		if key == "MOISSON_SLUG" {
			origin += "; slug used: " + e.cfg.SlugChoice().String()
		}
		fmt.Fprintf(tw, "%s\t# %s\n", line, origin)
	}
	if ferr := tw.Flush(); ferr != nil {
		return ferr
	}
	for _, w := range e.cfg.Warnings() {
		fmt.Fprintf(e.stderr, "moisson: warning: %s\n", w)
	}
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	return nil
}
