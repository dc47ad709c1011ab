package setup

import (
	"bytes"
	"context"
	"fmt"

	"os/exec"
	"strings"
	"time"

	"github.com/moisson/moisson"
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
// with what git said and how to fix it.
type Problem struct {
	What, GitSaid, Fix string
}

func (p Problem) String() string {
	s := p.What
	if p.GitSaid != "" {
		s += " (git: " + p.GitSaid + ")"
	}
	return s + "; fix: " + p.Fix
}

// Summary is the checkout in a few words: "branch main, origin URL".
func (g GitReport) Summary() string {
	return fmt.Sprintf("branch %s, origin %s", g.Branch, g.Origin)
}

// CheckGit checks the checkout in dir the way moisson will use it: git
// agrees to read it, it has an origin, a branch and an identity to commit
// with, and, when push is true, the origin accepts a dry-run push. environ
// is the environment git runs with (GIT_AUTHOR_NAME and the like count).
func CheckGit(ctx context.Context, dir string, environ []string, push bool) GitReport {
	var g GitReport
	run := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(append([]string(nil), environ...), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if err != nil {
			return "", fmt.Errorf("%s", gitSaid(errb.String(), err))
		}
		return strings.TrimSpace(out.String()), nil
	}
	if _, err := exec.LookPath("git"); err != nil {
		g.Problems = append(g.Problems, Problem{What: "git is not installed", Fix: "install git (apt-get install git)"})
		return g
	}
	if _, err := run("rev-parse", "--is-inside-work-tree"); err != nil {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "dubious ownership"):
			g.Problems = append(g.Problems, Problem{What: "the checkout belongs to another user, and git refuses to read it", GitSaid: msg,
				Fix: fmt.Sprintf("run moisson as the checkout's owner, or git config --global --add safe.directory %s", dir)})
		default:
			g.Problems = append(g.Problems, Problem{What: "not a git checkout", GitSaid: msg,
				Fix: "clone your blog's repository (git clone URL) and give that folder, or leave publishing to git off"})
		}
		return g
	}
	g.Checkout = true
	if url, err := run("remote", "get-url", "origin"); err != nil {
		g.Problems = append(g.Problems, Problem{What: "no remote named origin", GitSaid: err.Error(), Fix: "git remote add origin URL"})
	} else {
		g.Origin = moisson.RedactURL(url)
	}
	if b, err := run("symbolic-ref", "--short", "-q", "HEAD"); err != nil || b == "" {
		g.Problems = append(g.Problems, Problem{What: "HEAD is detached: commits would belong to no branch", Fix: "git switch main (or your blog's branch)"})
	} else {
		g.Branch = b
	}
	if !hasIdentity(run, environ) {
		g.Problems = append(g.Problems, Problem{What: "no identity to commit with",
			Fix: `git config user.name "Your Name" && git config user.email you@example.org (in the checkout), or set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL`})
	}
	if push && g.Origin != "" && g.Branch != "" {
		if _, err := run("push", "--dry-run", "--porcelain", "origin", "HEAD"); err != nil {
			g.Problems = append(g.Problems, Problem{What: "the origin refuses a push", GitSaid: err.Error(),
				Fix: "give the checkout a key or token that may push to " + g.Origin + " (a deploy key with write access)"})
		} else {
			g.Pushed = true
		}
	}
	return g
}

func hasIdentity(run func(...string) (string, error), environ []string) bool {
	has := func(key string) bool {
		for _, kv := range environ {
			if k, v, ok := strings.Cut(kv, "="); ok && k == key && v != "" {
				return true
			}
		}
		return false
	}
	name, _ := run("config", "--get", "user.name")
	email, _ := run("config", "--get", "user.email")
	return (name != "" || has("GIT_AUTHOR_NAME")) && (email != "" || has("GIT_AUTHOR_EMAIL"))
}

// gitSaid is git's message on one line, secrets hidden.
func gitSaid(stderr string, err error) string {
	var lines []string
	for _, l := range strings.Split(stderr, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "hint:") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return err.Error()
	}
	if len(lines) > 3 {
		lines = lines[:3]
	}
	return moisson.RedactText(strings.Join(lines, " "))
}
