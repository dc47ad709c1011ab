package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson/digest"
)

// templateCommand is `moisson template --print | --check`.
func (e *env) templateCommand() *cobra.Command {
	var print, check bool
	cmd := &cobra.Command{
		Use:   "template --print | --check",
		Short: "Print the built-in post template, or check yours",
		Long: `Template prints the built-in post template (--print), a start for
MOISSON_TEMPLATE, or checks the configured one and the title, slug and
file name patterns on a sample week (--check).`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runTemplate(ctx, e, print, check) }),
	}
	cmd.Flags().BoolVar(&print, "print", false, "print the built-in post template")
	cmd.Flags().BoolVar(&check, "check", false, "check MOISSON_TEMPLATE and the title, slug and file name patterns on a sample week")
	cmd.MarkFlagsMutuallyExclusive("print", "check")
	cmd.MarkFlagsOneRequired("print", "check")
	return cmd
}

// runTemplate prints the built-in post template (--print), a start for
// MOISSON_TEMPLATE, or checks the configured one (--check).
func runTemplate(_ context.Context, e *env, print, check bool) error {
	if print {
		_, err := fmt.Fprint(e.stdout, digest.DefaultTemplate())
		return err
	}
	if err := e.configure(); err != nil {
		return err
	}
	if _, err := e.digestConfig(); err != nil {
		return err
	}
	name := "the built-in template"
	if e.cfg.Template != "" {
		name = e.cfg.Template
	}
	fmt.Fprintf(e.stdout, "%s and the patterns work on a sample week\n", name)
	return nil
}
