package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// SyncResult says what Sync did besides pushing.
type SyncResult struct {
	// Rebased is true when the remote had commits the checkout lacked
	// (someone pushed in between): moisson's commits were put on top of
	// them before pushing.
	Rebased bool
	// Remote lists the files those commits of the remote changed,
	// relative to Dir: a post among them was edited by someone else.
	Remote []string
	// Kept lists the files where moisson's change and the remote's
	// conflicted: the remote's version was kept, moisson's change left
	// out (the week is still in the store, to be written again with
	// `digest --force`).
	Kept []string
}

// ErrRebaseConflict is returned by Sync when rebasing on the remote
// conflicts in a file moisson does not write: nothing is changed, the
// author settles it by hand (git pull --rebase in the checkout).
var ErrRebaseConflict = errors.New("publish: the remote's commits conflict with a file moisson does not write")

// Sync pushes the current branch like Push. When the remote refuses
// because it has commits the checkout lacks (a fix made on the forge's
// web editor, another machine), Sync fetches them, rebases the local
// commits on top (uncommitted changes of the checkout are stashed and put
// back) and pushes again, a few times if the remote keeps moving. A
// conflict in one of the files in owned (those moisson writes, relative
// to Dir) is settled by keeping the remote's version, as a hand edit: the
// file is listed in SyncResult.Kept and the rest is pushed. A conflict in
// any other file aborts the rebase, leaves the checkout as it was and
// returns ErrRebaseConflict. A push refused for another reason (no
// access, a hook, a remote that does not answer) returns git's error,
// secrets hidden; nothing is lost either way: the local commits stay for
// the next attempt.
func (g Git) Sync(ctx context.Context, owned []string) (SyncResult, error) {
	var res SyncResult
	if err := g.settleRebase(ctx); err != nil {
		return res, err
	}
	const tries = 3
	for try := 0; ; try++ {
		pushErr := g.Push(ctx)
		if pushErr == nil {
			return res, nil
		}
		if try == tries {
			return res, pushErr
		}
		upstream, err := g.fetchUpstream(ctx)
		if err != nil {
			return res, errors.Join(pushErr, err)
		}
		if upstream == "" {
			return res, pushErr
		}
		// The remote is behind or level with HEAD: git refused the push
		// for another reason.
		if _, err := g.run(ctx, "merge-base", "--is-ancestor", upstream, "HEAD"); err == nil {
			return res, pushErr
		} else if !isExit(err, 1) {
			return res, errors.Join(pushErr, err)
		}
		changed, kept, err := g.rebase(ctx, upstream, owned)
		if err != nil {
			return res, errors.Join(pushErr, err)
		}
		res.Rebased = true
		res.Remote = appendNew(res.Remote, changed...)
		res.Kept = appendNew(res.Kept, kept...)
	}
}

// fetchUpstream fetches the remote the branch pushes to and returns the
// ref of the branch there ("@{u}" or origin/BRANCH), empty when the
// remote has no such branch yet.
func (g Git) fetchUpstream(ctx context.Context) (string, error) {
	if _, err := g.run(ctx, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"); err == nil {
		if _, err := g.run(ctx, "fetch", "--quiet"); err != nil {
			return "", err
		}
		return "@{u}", nil
	}
	branch, err := g.run(ctx, "symbolic-ref", "--short", "HEAD")
	if err != nil {
		return "", err
	}
	if _, err := g.run(ctx, "fetch", "--quiet", "origin"); err != nil {
		return "", err
	}
	ref := "refs/remotes/origin/" + strings.TrimSpace(branch)
	if _, err := g.run(ctx, "rev-parse", "--verify", "--quiet", ref); err != nil {
		return "", nil
	}
	return ref, nil
}

// rebase puts the local commits on upstream, keeping upstream's version
// of the files in owned that conflict. It returns the files upstream's
// new commits changed and those kept.
func (g Git) rebase(ctx context.Context, upstream string, owned []string) (changed, kept []string, err error) {
	// The remote's commits, resolved now: upstream may be "@{u}", which
	// means something else while the rebase goes on.
	up, err := g.run(ctx, "rev-parse", "--verify", upstream+"^{commit}")
	if err != nil {
		return nil, nil, err
	}
	up = strings.TrimSpace(up)
	base, err := g.run(ctx, "merge-base", up, "HEAD")
	if err != nil {
		return nil, nil, err
	}
	out, err := g.run(ctx, "diff", "--name-only", "-z", strings.TrimSpace(base), up)
	if err != nil {
		return nil, nil, err
	}
	changed = splitZ(out)

	mark, err := g.gitPath(ctx, rebaseMark)
	if err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(mark, []byte(up+"\n"), 0o644); err != nil {
		return nil, nil, fmt.Errorf("publish: %w", err)
	}
	_, err = g.run(ctx, "rebase", "--quiet", "--autostash", "--no-autosquash", up)
	// Each stop of the rebase is one local commit that conflicts.
	for step := 0; err != nil; step++ {
		if step > 1000 {
			return nil, nil, errors.Join(err, g.abortRebase(ctx))
		}
		out, derr := g.run(ctx, "diff", "--name-only", "-z", "--diff-filter=U")
		if derr != nil {
			return nil, nil, errors.Join(err, derr, g.abortRebase(ctx))
		}
		conflicts := splitZ(out)
		if len(conflicts) == 0 {
			// Not a conflict: git could not rebase at all.
			return nil, nil, errors.Join(err, g.abortRebase(ctx))
		}
		for _, f := range conflicts {
			if !slices.Contains(owned, f) {
				return nil, nil, errors.Join(fmt.Errorf("%w: %s (run git pull --rebase in %s and settle it)", ErrRebaseConflict, f, g.Dir), g.abortRebase(ctx))
			}
		}
		for _, f := range conflicts {
			if err := g.takeFrom(ctx, up, f); err != nil {
				return nil, nil, errors.Join(err, g.abortRebase(ctx))
			}
			kept = appendNew(kept, f)
		}
		// A commit left with nothing of its own is dropped.
		if _, derr := g.run(ctx, "diff", "--cached", "--quiet"); derr == nil {
			_, err = g.run(ctx, "rebase", "--skip")
		} else {
			_, err = g.run(ctx, "rebase", "--continue")
		}
	}
	if err := g.unmark(ctx); err != nil {
		return nil, nil, err
	}
	// A later local commit may have changed a kept file again without
	// conflict: the remote's version is what stays.
	var back []string
	for _, f := range kept {
		if _, err := g.run(ctx, "diff", "--quiet", up, "HEAD", "--", f); isExit(err, 1) {
			if err := g.takeFrom(ctx, up, f); err != nil {
				return nil, nil, err
			}
			back = append(back, f)
		} else if err != nil {
			return nil, nil, err
		}
	}
	if len(back) > 0 {
		msg := "moisson: keep the remote's version of " + strings.Join(back, ", ")
		if _, err := g.run(ctx, append([]string{"commit", "--quiet", "-m", msg, "--"}, back...)...); err != nil {
			return nil, nil, err
		}
	}
	return changed, kept, nil
}

// takeFrom sets file f, in the work tree and the index, to its version in
// commit rev: removed when rev has none.
func (g Git) takeFrom(ctx context.Context, rev, f string) error {
	if _, err := g.run(ctx, "cat-file", "-e", rev+":"+f); err != nil {
		_, err := g.run(ctx, "rm", "--quiet", "--force", "--ignore-unmatch", "--", f)
		return err
	}
	_, err := g.run(ctx, "checkout", rev, "--", f)
	return err
}

// ErrRebaseGoingOn is returned when the checkout is in the middle of a
// rebase moisson did not start (the author's): moisson commits nothing
// and pushes nothing until it is finished or abandoned.
var ErrRebaseGoingOn = errors.New("publish: a rebase is going on in the checkout")

// rebaseMark is the file, in the checkout's git directory, that says a
// rebase going on is moisson's: one left by moisson stopped half-way (a
// crash) is abandoned at the next attempt, the author's never.
const rebaseMark = "moisson-rebase"

// gitPath is a path inside the checkout's git directory.
func (g Git) gitPath(ctx context.Context, name string) (string, error) {
	p, err := g.run(ctx, "rev-parse", "--git-path", name)
	if err != nil {
		return "", err
	}
	p = strings.TrimSpace(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(g.Dir, p)
	}
	return p, nil
}

// rebasing reports whether a rebase is going on in the checkout.
func (g Git) rebasing(ctx context.Context) (bool, error) {
	for _, dir := range []string{"rebase-merge", "rebase-apply"} {
		p, err := g.gitPath(ctx, dir)
		if err != nil {
			return false, err
		}
		if _, err := os.Stat(p); err == nil {
			return true, nil
		}
	}
	return false, nil
}

// settleRebase makes sure no rebase is going on before moisson commits or
// pushes: one of moisson's own, left by a crash, is abandoned (the
// checkout back on its branch, nothing lost: the commits are those of
// before the rebase); the author's is left alone and ErrRebaseGoingOn
// returned, with the fix.
func (g Git) settleRebase(ctx context.Context) error {
	on, err := g.rebasing(ctx)
	if err != nil || !on {
		return err
	}
	mark, err := g.gitPath(ctx, rebaseMark)
	if err != nil {
		return err
	}
	if _, err := os.Stat(mark); err != nil {
		return fmt.Errorf("%w (%s): finish it (git rebase --continue) or abandon it (git rebase --abort)", ErrRebaseGoingOn, g.Dir)
	}
	return g.abortRebase(ctx)
}

// abortRebase abandons the rebase moisson started, and its mark.
func (g Git) abortRebase(ctx context.Context) error {
	var err error
	if on, rerr := g.rebasing(ctx); rerr != nil {
		return rerr
	} else if on {
		_, err = g.run(ctx, "rebase", "--abort")
	}
	if err == nil {
		err = g.unmark(ctx)
	}
	return err
}

// unmark removes the mark of moisson's rebase.
func (g Git) unmark(ctx context.Context) error {
	mark, err := g.gitPath(ctx, rebaseMark)
	if err != nil {
		return err
	}
	if err := os.Remove(mark); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("publish: %w", err)
	}
	return nil
}

func splitZ(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "\x00") {
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}
