// Package bot runs the long-lived loop that reads posts from their
// sources, remembers where each source stopped, scrapes new links and
// publishes each week's post; and the backfill of past weeks. It defines
// the interfaces the sources speak (Source, RangeSource, SpanSource); each
// source is a package of its own: bot/x (the X API v2 and v1.1, an X
// archive export), bot/bluesky, bot/mastodon, bot/feed (RSS, Atom and JSON
// feeds) and bot/bookmarks (bookmark exports).
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

// Span is a part of the X API's id space: the post ids Lo <= id <= Hi.
// When the part is bounded by the range a backfill asked for (rather than
// by what an earlier read covered), Start or End hold that bound as a time,
// sent as start_time or end_time.
type Span struct {
	Lo, Hi     uint64
	Start, End time.Time
}

// String shows the span as times, for logs: the ids are X snowflakes,
// whose high bits count milliseconds since Twitter's epoch.
func (s Span) String() string {
	return snowflakeTime(s.Lo).Format(time.RFC3339) + ".." + snowflakeTime(s.Hi).Format(time.RFC3339)
}

// snowflakeTime returns the creation time a snowflake id encodes.
func snowflakeTime(id uint64) time.Time {
	return time.UnixMilli(1288834974657).Add(time.Duration(id>>22) * time.Millisecond).UTC()
}

// UnreadableCounter is a source that counts the posts whose links could
// not be read (a link shortened for display with no facet to restore it):
// they are logged at warn level with the post's id, and the count is for
// the status to show.
type UnreadableCounter interface {
	Unreadable() int64
}

// ModeTeller is a source that can say from its stored cursor how it was
// last read ("links", "posts (detected)"): a feed. The runner names it
// when a week's feed gave no link.
type ModeTeller interface {
	Source
	// ModeOf returns how the source was last read according to cursor, or
	// "" when the cursor says nothing of it.
	ModeOf(cursor string) string
}
