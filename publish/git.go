// Package publish commits the weekly posts in the blog's git checkout and
// pushes them.
package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// Git commits and pushes files of a checkout with the git command.
type Git struct {
	// Dir is the checkout (MOISSON_BLOG_DIR).
	Dir string
	// Env is added to git's environment (GIT_AUTHOR_NAME…); the process
	// environment is kept, so git uses the user's own configuration and
	// credentials.
	Env []string
	// Environ, when not nil, is the environment git runs with instead of
	// the process's (Env is still added): `moisson init` checks a
	// checkout with the environment it was given.
	Environ []string
	// Timeout bounds each git command that talks to the remote (fetch,
	// push); 2 minutes when zero. A remote that does not answer fails
	// the attempt instead of blocking the publication.
	Timeout time.Duration
}

// Commit stages path (relative to Dir) and commits it with message. It
// commits nothing and returns false when the file did not change.
func (g Git) Commit(ctx context.Context, path, message string) (bool, error) {
	if err := g.settleRebase(ctx); err != nil {
		return false, err
	}
	if _, err := g.run(ctx, "add", "--", path); err != nil {
		return false, err
	}
	// diff --cached --quiet exits 1 when something is staged.
	if _, err := g.run(ctx, "diff", "--cached", "--quiet", "--", path); err == nil {
		return false, nil
	} else if !isExit(err, 1) {
		return false, err
	}
	if _, err := g.run(ctx, "commit", "--quiet", "-m", message, "--", path); err != nil {
		return false, err
	}
	return true, nil
}

// CommitMove commits a post moved from oldPath to newPath (relative to
// Dir; digest.Write renames a week's file when its slug or file name
// pattern changed): the old path's removal and the new file, in one
// commit. oldPath may already be untracked or gone. It commits nothing
// and returns false when nothing changed.
func (g Git) CommitMove(ctx context.Context, oldPath, newPath, message string) (bool, error) {
	if err := g.settleRebase(ctx); err != nil {
		return false, err
	}
	paths := []string{newPath}
	if oldPath != "" && oldPath != newPath {
		// Only a tracked old path can be staged as removed.
		if _, err := g.run(ctx, "ls-files", "--error-unmatch", "--", oldPath); err == nil {
			paths = append(paths, oldPath)
		}
	}
	args := append([]string{"add", "-A", "--"}, paths...)
	if _, err := g.run(ctx, args...); err != nil {
		return false, err
	}
	if _, err := g.run(ctx, append([]string{"diff", "--cached", "--quiet", "--"}, paths...)...); err == nil {
		return false, nil
	} else if !isExit(err, 1) {
		return false, err
	}
	if _, err := g.run(ctx, append([]string{"commit", "--quiet", "-m", message, "--"}, paths...)...); err != nil {
		return false, err
	}
	return true, nil
}

// CommitPaths commits the files at paths (relative to Dir) in one
// commit with message: new and changed files, and the removal of those
// gone that were tracked (a post renamed); a path neither on disk nor
// tracked is left out. It commits nothing and returns false when nothing
// changed.
func (g Git) CommitPaths(ctx context.Context, paths []string, message string) (bool, error) {
	if err := g.settleRebase(ctx); err != nil {
		return false, err
	}
	var keep []string
	seen := make(map[string]bool)
	for _, p := range paths {
		if p == "" || seen[p] {
			continue
		}
		seen[p] = true
		if _, err := os.Lstat(filepath.Join(g.Dir, filepath.FromSlash(p))); err != nil {
			// Gone: only a tracked path can be staged as removed.
			if _, err := g.run(ctx, "ls-files", "--error-unmatch", "--", p); err != nil {
				continue
			}
		}
		keep = append(keep, p)
	}
	if len(keep) == 0 {
		return false, nil
	}
	if _, err := g.run(ctx, append([]string{"add", "-A", "--"}, keep...)...); err != nil {
		return false, err
	}
	if _, err := g.run(ctx, append([]string{"diff", "--cached", "--quiet", "--"}, keep...)...); err == nil {
		return false, nil
	} else if !isExit(err, 1) {
		return false, err
	}
	if _, err := g.run(ctx, append([]string{"commit", "--quiet", "-m", message, "--"}, keep...)...); err != nil {
		return false, err
	}
	return true, nil
}

// Push pushes the current branch to its upstream, or to origin with the
// same name when it has none.
func (g Git) Push(ctx context.Context) error {
	if _, err := g.run(ctx, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"); err == nil {
		_, err := g.run(ctx, "push", "--quiet")
		return err
	}
	branch, err := g.run(ctx, "rev-parse", "--abbrev-ref", "HEAD")
	if err != nil {
		return err
	}
	_, err = g.run(ctx, "push", "--quiet", "--set-upstream", "origin", strings.TrimSpace(branch))
	return err
}

// gitError is a failed git command: the command and what git said.
type gitError struct {
	args   []string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), msg)
}

func (e *gitError) Unwrap() error { return e.err }

func (g Git) run(ctx context.Context, args ...string) (string, error) {
	switch args[0] {
	case "push", "fetch":
		timeout := g.Timeout
		if timeout <= 0 {
			timeout = 2 * time.Minute
		}
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = g.Dir
	cmd.Env = g.environ()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil && stderr.Len() == 0 {
			err = fmt.Errorf("%w (%w)", err, ctx.Err())
		}
		return "", &gitError{args: args[:1], stderr: moisson.RedactText(stderr.String()), err: err}
	}
	return stdout.String(), nil
}

// environ is the environment git runs with.
func (g Git) environ() []string {
	env := g.Environ
	if env == nil {
		env = os.Environ()
	}
	env = append(slices.Clone(env), g.Env...)
	// Never wait for a password on a terminal nor open an editor (a
	// rebase going on): a background process has no one to answer.
	// Messages in English, so that they read the same in every log.
	return append(env, "GIT_TERMINAL_PROMPT=0", "GIT_EDITOR=true", "LC_ALL=C")
}

func isExit(err error, code int) bool {
	var ee *exec.ExitError
	return errors.As(err, &ee) && ee.ExitCode() == code
}
