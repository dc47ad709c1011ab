package publish

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/moisson/moisson"
)

// Problem is something in the blog's checkout that stops moisson from
// committing or pushing: what is wrong, what git said, and what fixes it.
type Problem struct {
	// What says what is wrong, plainly.
	What string
	// GitSaid is git's own message, on one line, secrets hidden; empty
	// when git said nothing.
	GitSaid string
	// Fix is what the author runs to repair it.
	Fix string
}

func (p Problem) String() string {
	s := p.What
	if p.GitSaid != "" {
		s += " (git: " + p.GitSaid + ")"
	}
	return s + "; fix: " + p.Fix
}

// Checkout is what Inspect found of the blog's checkout.
type Checkout struct {
	// Repo is true when dir is a git work tree that git agrees to read.
	Repo bool
	// Branch is the branch checked out, empty on a detached HEAD.
	Branch string
	// Origin is the URL of the remote named origin, secrets hidden;
	// empty when there is none.
	Origin string
	// Problems are what would make every commit or push fail.
	Problems []Problem
}

// Inspect looks once, at start, for what would make every cycle fail: git
// missing, a directory git refuses to read ("detected dubious ownership",
// reported as such and not as a missing checkout), no checkout at all, a
// detached HEAD, no commit identity (user.name and user.email, or
// GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL in the environment), and, when
// push is true, no remote to push to. Each problem carries git's own
// message and the fix. The error is only for a context that ended.
func (g Git) Inspect(ctx context.Context, push bool) (Checkout, error) {
	var c Checkout
	if _, err := exec.LookPath("git"); err != nil {
		c.Problems = append(c.Problems, Problem{What: "git is not installed: it commits and pushes the posts", Fix: "install git (apt-get install git)"})
		return c, nil
	}
	if _, err := g.run(ctx, "rev-parse", "--is-inside-work-tree"); err != nil {
		if ctx.Err() != nil {
			return c, fmt.Errorf("publish: checking %s: %w", g.Dir, ctx.Err())
		}
		said := gitSaid(err)
		if strings.Contains(said, "dubious ownership") {
			c.Problems = append(c.Problems, Problem{What: "git refuses to read " + g.Dir + ": it belongs to another user", GitSaid: said,
				Fix: "git config --global --add safe.directory " + g.Dir + " (or run moisson as the checkout's owner)"})
		} else {
			c.Problems = append(c.Problems, Problem{What: g.Dir + " is not a git checkout", GitSaid: said,
				Fix: "git clone YOUR_BLOG_REPO " + g.Dir + " (the blog's checkout), or leave publishing to git off (MOISSON_GIT_PUSH=0)"})
		}
		return c, nil
	}
	c.Repo = true
	if b, err := g.run(ctx, "symbolic-ref", "--short", "-q", "HEAD"); err != nil || strings.TrimSpace(b) == "" {
		c.Problems = append(c.Problems, Problem{What: "HEAD is detached in " + g.Dir + ": commits would belong to no branch",
			Fix: "cd " + g.Dir + " && git switch main (or your blog's branch)"})
	} else {
		c.Branch = strings.TrimSpace(b)
	}
	var missing []string
	for _, k := range []struct{ key, env string }{{"user.name", "GIT_AUTHOR_NAME"}, {"user.email", "GIT_AUTHOR_EMAIL"}} {
		if g.hasEnv(k.env) || (k.key == "user.email" && g.hasEnv("EMAIL")) {
			continue
		}
		if out, err := g.run(ctx, "config", "--get", k.key); err == nil && strings.TrimSpace(out) != "" {
			continue
		}
		missing = append(missing, k.key)
	}
	if len(missing) > 0 {
		c.Problems = append(c.Problems, Problem{
			What: "git has no " + strings.Join(missing, " nor ") + " for commits in " + g.Dir,
			Fix:  "cd " + g.Dir + ` && git config user.name "Your Name" && git config user.email you@example.org (or git config --global, or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL)`,
		})
	}
	if url, err := g.run(ctx, "remote", "get-url", "origin"); err == nil {
		c.Origin = moisson.RedactURL(strings.TrimSpace(url))
	} else if push {
		if _, uerr := g.run(ctx, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"); uerr != nil {
			c.Problems = append(c.Problems, Problem{What: "no remote named origin to push to", GitSaid: gitSaid(err),
				Fix: "cd " + g.Dir + " && git remote add origin URL (or set MOISSON_GIT_PUSH=0)"})
		}
	}
	return c, nil
}

// CheckCheckout is Inspect's problems.
func (g Git) CheckCheckout(ctx context.Context, push bool) ([]Problem, error) {
	c, err := g.Inspect(ctx, push)
	return c.Problems, err
}

// CheckPush asks origin whether it would take a push of HEAD (a dry run:
// nothing is sent), which finds a remote that cannot be reached or
// refuses this checkout's credentials. It returns nil when it would.
func (g Git) CheckPush(ctx context.Context) *Problem {
	if _, err := g.run(ctx, "push", "--dry-run", "--porcelain", "origin", "HEAD"); err != nil {
		origin, _ := g.run(ctx, "remote", "get-url", "origin")
		return &Problem{What: "the origin refuses a push", GitSaid: gitSaid(err),
			Fix: "give the checkout a key or token that may push to " + moisson.RedactURL(strings.TrimSpace(origin)) + " (a deploy key with write access)"}
	}
	return nil
}

// hasEnv reports whether a variable is set (and not empty) in the
// environment git runs with.
func (g Git) hasEnv(name string) bool {
	v := ""
	for _, kv := range g.environ() {
		if k, val, ok := strings.Cut(kv, "="); ok && k == name {
			v = val // the last one wins, as in exec
		}
	}
	return v != ""
}

// gitSaid is git's message in err on one line (hints left out).
func gitSaid(err error) string {
	var ge *gitError
	if !errors.As(err, &ge) {
		return err.Error()
	}
	var lines []string
	for _, l := range strings.Split(ge.stderr, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "hint:") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return ge.err.Error()
	}
	if len(lines) > 3 {
		lines = lines[:3]
	}
	return strings.Join(lines, " ")
}

// CheckCheckout is Git{Dir: dir}.CheckCheckout.
func CheckCheckout(ctx context.Context, dir string, push bool) ([]Problem, error) {
	return Git{Dir: dir}.CheckCheckout(ctx, push)
}
