package x

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
)

// What the X API has already been asked, so that no post is read (and
// billed) twice.
//
// Post ids are snowflakes: an id holds its post's creation time to the
// millisecond, so a time range is an id range and a read is recorded as
// the span of ids it covered. The record lives in the store beside the
// cursors (CursorStore), under "<source>:covered", as "lo-hi,lo-hi,…"
// (decimal ids, inclusive, sorted, merged). A read made by `run` is
// recorded only once its posts are stored: its span waits under
// "<source>:pending" with the cursor it returned, and counts from the
// moment the store holds that cursor (Save writes posts and cursor in one
// transaction). A backfill stores its posts and the new record in one Save.

// snowflakeEpoch is the time of snowflake id 0 (Twitter's epoch).
var snowflakeEpoch = time.UnixMilli(1288834974657)

// xIDAt returns the smallest snowflake id of a post created at t (0 before
// the snowflake epoch).
func xIDAt(t time.Time) uint64 {
	if t.Before(snowflakeEpoch) {
		return 0
	}
	return uint64(t.Sub(snowflakeEpoch).Milliseconds()) << 22
}

// xIDTime returns the creation time a snowflake id encodes.
func xIDTime(id uint64) time.Time {
	return snowflakeEpoch.Add(time.Duration(id>>22) * time.Millisecond).UTC()
}

// spans is a sorted list of disjoint, non-adjacent id intervals.
type spans []bot.Span

// add returns ss with [lo, hi] merged in.
func (ss spans) add(lo, hi uint64) spans {
	if lo > hi {
		return ss
	}
	out := make(spans, 0, len(ss)+1)
	for _, s := range ss {
		switch {
		case s.Hi != ^uint64(0) && s.Hi+1 < lo, hi != ^uint64(0) && hi+1 < s.Lo:
			out = append(out, bot.Span{Lo: s.Lo, Hi: s.Hi})
		default:
			lo, hi = min(lo, s.Lo), max(hi, s.Hi)
		}
	}
	out = append(out, bot.Span{Lo: lo, Hi: hi})
	sort.Slice(out, func(i, j int) bool { return out[i].Lo < out[j].Lo })
	return out
}

// gaps returns the parts of [lo, hi] that ss does not cover, in order.
func (ss spans) gaps(lo, hi uint64) []bot.Span {
	var out []bot.Span
	next := lo
	for _, s := range ss {
		if s.Hi < next {
			continue
		}
		if s.Lo > hi {
			break
		}
		if s.Lo > next {
			out = append(out, bot.Span{Lo: next, Hi: s.Lo - 1})
		}
		if s.Hi >= hi {
			return out
		}
		next = s.Hi + 1
	}
	if next <= hi {
		out = append(out, bot.Span{Lo: next, Hi: hi})
	}
	return out
}

func (ss spans) String() string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = strconv.FormatUint(s.Lo, 10) + "-" + strconv.FormatUint(s.Hi, 10)
	}
	return strings.Join(parts, ",")
}

func parseSpans(raw string) (spans, error) {
	var ss spans
	if raw == "" {
		return ss, nil
	}
	for _, part := range strings.Split(raw, ",") {
		a, b, ok := strings.Cut(part, "-")
		lo, err1 := strconv.ParseUint(a, 10, 64)
		hi, err2 := strconv.ParseUint(b, 10, 64)
		if !ok || err1 != nil || err2 != nil || lo > hi {
			return nil, fmt.Errorf("x api: coverage record %q is malformed", raw)
		}
		ss = ss.add(lo, hi)
	}
	return ss, nil
}

// pendingRead is a read made by Fetch whose posts are stored once the
// store holds Cursor.
type pendingRead struct {
	Cursor string `json:"cursor"`
	Lo     uint64 `json:"lo,string"`
	Hi     uint64 `json:"hi,string"`
}

// maxPending bounds the reads kept waiting for their cursor.
const maxPending = 8

// coverage reads what earlier reads of the source named name covered:
// the record, plus the pending reads whose cursor the store holds. It
// writes nothing.
func coverage(ctx context.Context, st bot.CursorStore, name string) (spans, []pendingRead, error) {
	raw, err := st.Cursor(ctx, name+":covered")
	if err != nil {
		return nil, nil, err
	}
	ss, err := parseSpans(raw)
	if err != nil {
		return nil, nil, err
	}
	rawPending, err := st.Cursor(ctx, name+":pending")
	if err != nil {
		return nil, nil, err
	}
	var pending []pendingRead
	if rawPending != "" {
		if err := json.Unmarshal([]byte(rawPending), &pending); err != nil {
			return nil, nil, fmt.Errorf("x api: pending reads %q: %w", rawPending, err)
		}
	}
	cur, err := st.Cursor(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range pending {
		if p.Cursor == cur {
			ss = ss.add(p.Lo, p.Hi)
		}
	}
	return ss, pending, nil
}

// confirmRead records the pending reads whose cursor is cursor (the store
// holds it: Fetch was called with it), then adds read as pending on next.
func confirmRead(ctx context.Context, st bot.CursorStore, name, cursor string, read *pendingRead) error {
	ss, pending, err := coverage(ctx, st, name)
	if err != nil {
		return err
	}
	kept := pending[:0]
	confirmed := false
	for _, p := range pending {
		if p.Cursor == cursor {
			ss = ss.add(p.Lo, p.Hi)
			confirmed = true
			continue
		}
		kept = append(kept, p)
	}
	if confirmed {
		if err := st.SetCursor(ctx, name+":covered", ss.String()); err != nil {
			return err
		}
	}
	if read == nil && !confirmed {
		return nil
	}
	if read != nil && read.Lo <= read.Hi {
		kept = append(kept, *read)
	}
	if len(kept) > maxPending {
		kept = kept[len(kept)-maxPending:]
	}
	b, err := json.Marshal(kept)
	if err != nil {
		return fmt.Errorf("x api: encode pending reads: %w", err)
	}
	if len(kept) == 0 {
		b = nil
	}
	return st.SetCursor(ctx, name+":pending", string(b))
}

// postsInSpan keeps the posts whose id is in s.
func postsInSpan(posts []moisson.Post, s bot.Span) []moisson.Post {
	kept := posts[:0]
	for _, p := range posts {
		id, err := strconv.ParseUint(p.ID, 10, 64)
		if err == nil && id >= s.Lo && id <= s.Hi {
			kept = append(kept, p)
		}
	}
	return kept
}
