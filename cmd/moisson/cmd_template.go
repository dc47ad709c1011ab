package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/moisson/moisson/digest"
)

// runTemplate prints the built-in post template (--print), a start for
// MOISSON_TEMPLATE, or checks the configured one (--check).
func runTemplate(_ context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	print := fs.Bool("print", false, "print the built-in post template")
	check := fs.Bool("check", false, "check MOISSON_TEMPLATE and the title, slug and file name patterns on a sample week")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson template --print | --check")
		fs.PrintDefaults()
	}
	if err := e.parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *print:
		_, err := fmt.Fprint(e.stdout, digest.DefaultTemplate())
		return err
	case *check:
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
	fs.Usage()
	return errUsage
}
