package main

import (
	"context"
	"errors"
	"strings"

	"github.com/moisson/moisson/publish"
)

// checkoutProblems checks once, at start, what would make every commit or
// push in dir fail (publish.Git.Inspect: git's refusal, no checkout, a
// detached HEAD, no identity, no origin), each with git's own message and
// the fix. git runs in the process's environment (environ's, but for
// tests), with environ's identity (GIT_AUTHOR_NAME…) on top.
func checkoutProblems(ctx context.Context, dir string, environ []string) ([]publish.Problem, error) {
	var ident []string
	for _, kv := range environ {
		if strings.HasPrefix(kv, "GIT_AUTHOR_") || strings.HasPrefix(kv, "GIT_COMMITTER_") || strings.HasPrefix(kv, "EMAIL=") {
			ident = append(ident, kv)
		}
	}
	return publish.Git{Dir: dir, Env: ident}.CheckCheckout(ctx, true)
}

// checkGitCheckout is checkoutProblems as one error, nil when there is
// none.
func checkGitCheckout(ctx context.Context, dir string, environ []string) error {
	problems, err := checkoutProblems(ctx, dir, environ)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range problems {
		errs = append(errs, errors.New(p.String()))
	}
	return errors.Join(errs...)
}

// gitWarnings are the problems of the blog's checkout, in words, when
// MOISSON_GIT_PUSH is on: `moisson config` and `status` tell them before
// any cycle runs into them.
func (e *env) gitWarnings(ctx context.Context) []string {
	if !e.cfg.GitPush || e.cfg.BlogDir == "" {
		return nil
	}
	problems, err := checkoutProblems(ctx, e.cfg.BlogDir, e.environ)
	if err != nil {
		return nil // the context ended: the command stops anyway
	}
	var out []string
	for _, p := range problems {
		out = append(out, "MOISSON_GIT_PUSH=1 but "+p.String())
	}
	return out
}
