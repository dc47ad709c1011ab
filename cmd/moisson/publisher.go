package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/publish"
)

// blogPublisher writes the weekly posts into the blog and, with
// MOISSON_GIT_PUSH, commits and pushes them. It is the bot.Publisher of
// `run` and `backfill`.
type blogPublisher struct {
	p   *pipeline
	dir string
	git *publish.Git // nil unless MOISSON_GIT_PUSH=1
	log *slog.Logger
}

func (e *env) publisher(p *pipeline, dir string) *blogPublisher {
	b := &blogPublisher{p: p, dir: dir, log: e.log}
	if e.cfg.GitPush {
		b.git = &publish.Git{Dir: dir}
	}
	return b
}

// Publish writes the week's post; a week with no links writes nothing.
// With git, the publication is recorded only once the post is committed:
// a week whose commit failed (or was interrupted) is not taken for
// published, so that the next cycle or a backfill run again commits it.
func (b *blogPublisher) Publish(ctx context.Context, w moisson.Week) error {
	d, err := b.p.buildWeek(ctx, w, false)
	if err != nil {
		return err
	}
	reportUnscraped(&env{log: b.log}, d)
	if d.Links == 0 {
		b.log.Info("no links this week: nothing to publish", "week", w.ID)
		return nil
	}
	pub, changed, err := b.p.writePost(ctx, d, b.dir)
	if err != nil {
		return err
	}
	b.log.Info("post written", "week", w.ID, "path", pub.Path, "links", d.Links, "changed", changed)
	if b.git == nil {
		return b.p.record(ctx, pub)
	}
	msg := fmt.Sprintf("moisson: links of week %s (%d links)", w.ID, d.Links)
	committed, err := b.git.Commit(ctx, pub.Path, msg)
	if err != nil {
		return fmt.Errorf("week %s: %w", w.ID, err)
	}
	if !committed && pub.Pushed {
		return nil
	}
	if err := b.git.Push(ctx); err != nil {
		// The commit is kept: the push is tried again at the next cycle.
		pub.Pushed = false
		b.log.Warn("push failed, will retry", "week", w.ID, "error", err)
		return b.p.record(ctx, pub)
	}
	pub.Pushed = true
	return b.p.record(ctx, pub)
}

// Retry pushes the commits of publications whose push failed.
func (b *blogPublisher) Retry(ctx context.Context) error {
	if b.git == nil {
		return nil
	}
	pubs, err := b.p.store.Publications(ctx)
	if err != nil {
		return err
	}
	var unpushed []moisson.Publication
	for _, pub := range pubs {
		if !pub.Pushed {
			unpushed = append(unpushed, pub)
		}
	}
	if len(unpushed) == 0 {
		return nil
	}
	// A post written while MOISSON_GIT_PUSH was off was never committed:
	// commit it now (nothing happens for one already committed).
	for _, pub := range unpushed {
		msg := fmt.Sprintf("moisson: links of week %s (%d links)", pub.Week, pub.Links)
		if _, err := b.git.Commit(ctx, pub.Path, msg); err != nil {
			return fmt.Errorf("week %s: %w", pub.Week, err)
		}
	}
	if err := b.git.Push(ctx); err != nil {
		return fmt.Errorf("push of %d posts: %w", len(unpushed), err)
	}
	for _, pub := range unpushed {
		pub.Pushed = true
		if err := b.p.store.PutPublication(ctx, pub); err != nil {
			return err
		}
		b.log.Info("pushed", "week", pub.Week)
	}
	return nil
}
