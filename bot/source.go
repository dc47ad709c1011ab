// Package bot reads posts from their sources (the X API v2 and v1.1, an X
// archive export, RSS/Atom/JSON feeds), remembers where each source
// stopped, and runs the long-lived loop that scrapes new links and
// publishes each week's post.
package bot

import (
	"context"
	"time"

	"github.com/moisson/moisson"
)

// Source is where posts come from.
type Source interface {
	// Name identifies the source in the store (its cursor) and in logs:
	// "x", "x-v1.1", "feed:https://…", "archive".
	Name() string
	// Fetch returns the posts published after cursor (all it can reach when
	// cursor is ""), oldest first, and the cursor to store with them. It
	// returns no posts and the same cursor when there is nothing new. A
	// read that fails part way may return the posts it read with the error,
	// and a cursor that resumes after them: they are stored all the same.
	Fetch(ctx context.Context, cursor string) (posts []moisson.Post, next string, err error)
}

// RangeSource is a Source that can also give the posts of a past time
// range, for a backfill.
type RangeSource interface {
	Source
	// FetchRange returns the posts with from <= CreatedAt < to, oldest first.
	FetchRange(ctx context.Context, from, to time.Time) ([]moisson.Post, error)
}
