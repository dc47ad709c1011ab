package publish

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Problem is something in the blog's checkout that stops moisson from
// committing or pushing: what git said, and the command that fixes it.
type Problem struct {
	// Message is git's own message (or a plain statement when git said
	// nothing).
	Message string
	// Fix is what the author runs to repair it.
	Fix string
}

func (p Problem) String() string { return p.Message + " (fix: " + p.Fix + ")" }

// CheckCheckout looks once, at start, for what would make every cycle fail:
// a directory git refuses to use ("detected dubious ownership", reported as
// such and not as a missing checkout), no checkout at all, a detached HEAD,
// no commit identity, and, when push is true, no remote to push to. It
// returns nil when the checkout is usable; an error only when git itself
// cannot be run.
func (g Git) CheckCheckout(ctx context.Context, push bool) ([]Problem, error) {
	if _, err := g.run(ctx, "rev-parse", "--is-inside-work-tree"); err != nil {
		var ge *gitError
		if !errors.As(err, &ge) {
			return nil, fmt.Errorf("publish: checking %s: %w", g.Dir, err)
		}
		msg := strings.TrimSpace(ge.stderr)
		if strings.Contains(msg, "dubious ownership") {
			return []Problem{{Message: msg, Fix: "git config --global --add safe.directory " + g.Dir + " (or run moisson as the checkout's owner)"}}, nil
		}
		if msg == "" {
			msg = g.Dir + " is not a git checkout"
		}
		return []Problem{{Message: msg, Fix: "git clone YOUR_BLOG_REPO " + g.Dir + " (MOISSON_BLOG_DIR must be the blog's checkout)"}}, nil
	}
	var problems []Problem
	if _, err := g.run(ctx, "symbolic-ref", "-q", "HEAD"); err != nil {
		problems = append(problems, Problem{Message: "HEAD is detached in " + g.Dir + ": commits would be on no branch", Fix: "git -C " + g.Dir + " switch BRANCH"})
	}
	for _, k := range []struct{ key, env, what string }{
		{"user.name", "GIT_AUTHOR_NAME", "name"},
		{"user.email", "GIT_AUTHOR_EMAIL", "email"},
	} {
		if g.hasEnv(k.env) || (k.key == "user.email" && g.hasEnv("EMAIL")) {
			continue
		}
		if out, err := g.run(ctx, "config", "--get", k.key); err == nil && strings.TrimSpace(out) != "" {
			continue
		}
		problems = append(problems, Problem{
			Message: "git has no commit identity: " + k.key + " is not set",
			Fix:     fmt.Sprintf("git -C %s config %s \"Your %s\"", g.Dir, k.key, k.what),
		})
	}
	if push {
		if _, err := g.run(ctx, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"); err != nil {
			if _, err := g.run(ctx, "remote", "get-url", "origin"); err != nil {
				msg := "no remote named origin to push to"
				var ge *gitError
				if errors.As(err, &ge) && strings.TrimSpace(ge.stderr) != "" {
					msg = strings.TrimSpace(ge.stderr)
				}
				problems = append(problems, Problem{Message: msg, Fix: "git -C " + g.Dir + " remote add origin URL (or set MOISSON_GIT_PUSH=0)"})
			}
		}
	}
	return problems, nil
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

// CheckCheckout is Git{Dir: dir}.CheckCheckout.
func CheckCheckout(ctx context.Context, dir string, push bool) ([]Problem, error) {
	return Git{Dir: dir}.CheckCheckout(ctx, push)
}
