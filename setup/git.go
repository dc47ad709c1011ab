package setup

import (
	"context"
	"fmt"

	"github.com/moisson/moisson/publish"
)

// GitReport is what CheckGit found of a blog's checkout.
type GitReport struct {
	Checkout bool   // a git work tree that git agrees to read
	Origin   string // the origin's URL, secrets hidden
	Branch   string // empty on a detached HEAD
	Pushed   bool   // a dry-run push to origin succeeded
	Problems []Problem
}

// Problem is one thing that stops moisson from committing or pushing,
// with what git said and how to fix it: the daemon's start check's
// (publish.Problem).
type Problem = publish.Problem

// Summary is the checkout in a few words: "branch main, origin URL".
func (g GitReport) Summary() string {
	return fmt.Sprintf("branch %s, origin %s", g.Branch, g.Origin)
}

// CheckGit checks the checkout in dir the way moisson will use it, with
// the same check the daemon makes at start (publish.Git.Inspect): git
// agrees to read it, it has a branch and an identity to commit with, an
// origin; and, when push is true, the origin accepts a dry-run push.
// environ is the environment git runs with (GIT_AUTHOR_NAME and the like
// count).
func CheckGit(ctx context.Context, dir string, environ []string, push bool) GitReport {
	git := publish.Git{Dir: dir, Environ: environ}
	c, err := git.Inspect(ctx, true)
	g := GitReport{Checkout: c.Repo, Origin: c.Origin, Branch: c.Branch, Problems: c.Problems}
	if err != nil {
		g.Problems = append(g.Problems, Problem{What: "the check of the checkout was stopped", GitSaid: err.Error(), Fix: "run moisson init again"})
		return g
	}
	if push && g.Origin != "" && g.Branch != "" {
		if p := git.CheckPush(ctx); p != nil {
			g.Problems = append(g.Problems, *p)
		} else {
			g.Pushed = true
		}
	}
	return g
}
