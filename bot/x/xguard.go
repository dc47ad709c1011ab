package x

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/moisson/moisson/bot"
)

// The X API bills every post it returns (pay-per-use since February 2026):
// $0.001 a post for an author's own posts read with user context (OAuth
// 1.0a, "owned reads"), $0.005 otherwise (an app-only bearer token).
const (
	PriceOwnedReads = 0.001
	PriceStandard   = 0.005
)

// DefaultMaxPostsPerMonth is the default of MOISSON_X_MAX_POSTS_PER_MONTH:
// about a year of sharing at a few posts a day, $3 with user context, $15
// with a bearer token.
const DefaultMaxPostsPerMonth = 3000

// ErrSpendingLimit is wrapped by the error of a read stopped because the
// month's count of posts read would pass MOISSON_X_MAX_POSTS_PER_MONTH.
var ErrSpendingLimit = errors.New("x api: monthly limit of posts read reached")

// xMinPage is the smallest page the API serves (max_results 5..100).
const xMinPage = 5

// xUsageKey names the store record of the posts read in t's month (UTC).
func xUsageKey(name string, t time.Time) string {
	return name + ":read:" + t.UTC().Format("2006-01")
}

// xGuard counts the posts read each month and stops the reads before the
// count would pass its limit. The count lives in the store under
// xUsageKey, so that it holds across runs and between run and backfill.
type xGuard struct {
	store bot.CursorStore // nil: in memory
	name  string
	limit int // 0: none

	mu    sync.Mutex
	month string
	n     int
}

// load returns the count of now's month, reading it from the store the
// first time. The caller holds g.mu.
func (g *xGuard) load(ctx context.Context, now time.Time) (int, error) {
	key := xUsageKey(g.name, now)
	if g.month == key {
		return g.n, nil
	}
	n := 0
	if g.store != nil {
		raw, err := g.store.Cursor(ctx, key)
		if err != nil {
			return 0, fmt.Errorf("x api: read the month's count: %w", err)
		}
		if raw != "" {
			if n, err = strconv.Atoi(raw); err != nil || n < 0 {
				return 0, fmt.Errorf("x api: the month's count %s=%q is not a number", key, raw)
			}
		}
	}
	g.month, g.n = key, n
	return n, nil
}

// allow returns the page size to ask for, at most max, or an error
// wrapping ErrSpendingLimit when even the smallest page could pass the
// limit.
func (g *xGuard) allow(ctx context.Context, now time.Time, max int) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	n, err := g.load(ctx, now)
	if err != nil {
		return 0, err
	}
	if g.limit == 0 {
		return max, nil
	}
	left := g.limit - n
	if left < xMinPage {
		return 0, &xLimitError{read: n, limit: g.limit, month: now.UTC().Format("2006-01"), until: nextMonth(now)}
	}
	return min(max, left), nil
}

// count adds k posts read to the month's count.
func (g *xGuard) count(ctx context.Context, now time.Time, k int) error {
	if k == 0 {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	n, err := g.load(ctx, now)
	if err != nil {
		return err
	}
	g.n = n + k
	if g.store != nil {
		if err := g.store.SetCursor(context.WithoutCancel(ctx), g.month, strconv.Itoa(g.n)); err != nil {
			return fmt.Errorf("x api: record the month's count: %w", err)
		}
	}
	return nil
}

// xLimitError is the error of a read the guard stopped.
type xLimitError struct {
	read, limit int
	month       string
	until       time.Time
}

func (e *xLimitError) Error() string {
	return fmt.Sprintf("x api: %d posts read from the X API in %s, the limit is %d (MOISSON_X_MAX_POSTS_PER_MONTH): reads stop until %s; raise the limit (0 is none) to go on",
		e.read, e.month, e.limit, e.until.Format(time.DateOnly))
}

func (e *xLimitError) Is(target error) bool { return target == ErrSpendingLimit }

// Usage is what reading the X API cost in a month.
type Usage struct {
	// Month is "2026-12" (UTC, as X bills).
	Month string
	// Posts is the count of posts read from the X API that month.
	Posts int
	// Limit is MOISSON_X_MAX_POSTS_PER_MONTH; 0 is none.
	Limit int
	// Tier names the rate: "owned reads (user context)" or "standard
	// (bearer token)"; PricePerPost is its price in US dollars.
	Tier         string
	PricePerPost float64
	// CostUSD is Posts times PricePerPost: an estimate, X's bill is
	// the reference (it also de-duplicates a post read twice in 24 hours).
	CostUSD float64
}

// LimitReached reports whether the reads are stopped for the month.
func (u Usage) LimitReached() bool { return u.Limit > 0 && u.Limit-u.Posts < xMinPage }

// String is the line `moisson status` prints.
func (u Usage) String() string {
	s := fmt.Sprintf("%d posts read from the X API in %s, about $%.2f at the %s rate ($%.3f a post)", u.Posts, u.Month, u.CostUSD, u.Tier, u.PricePerPost)
	switch {
	case u.Limit == 0:
		s += "; no monthly limit (MOISSON_X_MAX_POSTS_PER_MONTH=0)"
	case u.LimitReached():
		s += fmt.Sprintf("; limit %d reached (MOISSON_X_MAX_POSTS_PER_MONTH)", u.Limit)
	default:
		s += fmt.Sprintf("; limit %d (MOISSON_X_MAX_POSTS_PER_MONTH)", u.Limit)
	}
	return s
}

// MonthUsage returns the posts read from the X API in now's month by the
// source named name ("x"), as recorded in st, and their estimated cost:
// userContext is true when the reads use the OAuth 1.0a credentials
// (owned reads), false with a bearer token. limit is
// MOISSON_X_MAX_POSTS_PER_MONTH.
func MonthUsage(ctx context.Context, st bot.CursorStore, name string, now time.Time, userContext bool, limit int) (Usage, error) {
	g := &xGuard{store: st, name: name, limit: limit}
	n, err := g.load(ctx, now)
	if err != nil {
		return Usage{}, err
	}
	return newXUsage(now, n, userContext, limit), nil
}

// Usage returns this month's reads of x and their estimated cost, from its
// Store (or its in-memory count without one).
func (x *V2) Usage(ctx context.Context) (Usage, error) {
	now := x.now()
	x.guard.mu.Lock()
	n, err := x.guard.load(ctx, now)
	x.guard.mu.Unlock()
	if err != nil {
		return Usage{}, err
	}
	return newXUsage(now, n, x.oauth, x.guard.limit), nil
}

func newXUsage(now time.Time, n int, userContext bool, limit int) Usage {
	u := Usage{Month: now.UTC().Format("2006-01"), Posts: n, Limit: limit,
		Tier: "standard (bearer token)", PricePerPost: PriceStandard}
	if userContext {
		u.Tier, u.PricePerPost = "owned reads (user context)", PriceOwnedReads
	}
	u.CostUSD = float64(n) * u.PricePerPost
	return u
}
