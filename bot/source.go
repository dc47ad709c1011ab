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

// CursorStore is the part of the store that keeps small records by name:
// the sources' cursors (archive.Store).
type CursorStore interface {
	// Cursor returns the record named source, "" when there is none.
	Cursor(ctx context.Context, source string) (string, error)
	// SetCursor writes the record; "" deletes it.
	SetCursor(ctx context.Context, source, value string) error
}

// SpanSource is a RangeSource whose reads are billed per post (the X
// API). A backfill asks it only for the parts of a range that no earlier
// read covered, and stores what each read covered with its posts.
type SpanSource interface {
	RangeSource
	// Gaps returns the parts of [from, to) that the reads recorded in st
	// have not covered, oldest first. A part still to come (after now) is
	// never among them.
	Gaps(ctx context.Context, st CursorStore, from, to time.Time) ([]Span, error)
	// FetchSpan reads the posts of gap, oldest first, and returns the
	// record (key and value) to store with them in one transaction: what
	// the reads cover once these posts are stored. A read that fails part
	// way returns the posts it read and the record that covers them with
	// the error: the next Gaps starts below them.
	FetchSpan(ctx context.Context, st CursorStore, gap Span) (posts []moisson.Post, key, record string, err error)
}
