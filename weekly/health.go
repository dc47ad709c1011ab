package weekly

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/scrape"
)

// DefaultOverdueAfter is how long after its cutoff a week may stay
// unpublished before Health calls it overdue: the loop publishes a week
// once every source was read past its cutoff, normally at the next poll.
const DefaultOverdueAfter = time.Hour

// failingPolls is how many polls of a source may fail in a row before
// Health says so: one or two failures are a network's hiccup, retried at
// the next poll.
const failingPolls = 2

// longWaybackPause is the pause of the Wayback queue after which Health
// says so: a first 429 pauses it a minute, each one in a row doubles
// that; a long pause means the Wayback Machine keeps refusing.
const longWaybackPause = 5 * time.Minute

// Health tells whether moisson does its work unattended, from what the
// store and the process know: a post written but not pushed, a source
// failing more than twice in a row, a week overdue (its cutoff plus
// OverdueAfter passed, not published), a week held for want of links,
// the Wayback queue paused for long, the X API guard stopping the reads.
// It reads little (no week is built): the health check and the
// notifications call it often.
func (s *Service) Health(ctx context.Context) (review.Health, error) {
	var reasons []review.HealthReason
	add := func(check, msg string) {
		reasons = append(reasons, review.HealthReason{Check: check, Message: moisson.RedactText(msg)})
	}
	now := s.now()

	for _, name := range s.Sources {
		f, err := bot.Failures(ctx, s.Store, name)
		if err != nil {
			return review.Health{}, err
		}
		if f.Count > failingPolls {
			add("source:"+moisson.RedactText(name), fmt.Sprintf("source %s failed its last %d polls (since %s): %s",
				name, f.Count, s.timeIn(f.Since).Format("2006-01-02 15:04"), f.LastErr))
		}
	}

	if s.Git != nil {
		pubs, err := s.Store.Publications(ctx)
		if err != nil {
			return review.Health{}, err
		}
		for _, p := range pubs {
			if p.NotPushed() {
				add("push:"+p.Week, "week "+p.Week+": "+notPushedReason(p))
			}
		}
	}

	pending, err := bot.PendingReason(ctx, s.Store)
	if err != nil {
		return review.Health{}, err
	}
	heldWeek := ""
	if id, why, ok := strings.Cut(pending, ": "); ok && strings.HasPrefix(why, bot.NoLinkPrefix) {
		heldWeek = id
		add("held:"+id, "week "+pending)
	}
	if last, err := bot.LastPublished(ctx, s.Store); err != nil {
		return review.Health{}, err
	} else if !last.IsZero() {
		due := s.Digest.WeekOf(last)
		if !due.End.After(last) { // last is a week's end: the next one
			due = s.Digest.WeekOf(due.End)
		}
		after := s.OverdueAfter
		if after <= 0 {
			after = DefaultOverdueAfter
		}
		if due.ID != heldWeek && now.After(due.End.Add(after)) {
			msg := fmt.Sprintf("week %s is overdue: its cutoff was %s and it is not published", due.ID, s.timeIn(due.End).Format("Mon 2006-01-02 15:04"))
			if id, why, ok := strings.Cut(pending, ": "); ok && id == due.ID {
				msg += ": " + why
			}
			add("overdue:"+due.ID, msg)
		}
	}

	if wb, ok := s.Rescuer.(interface{ Limiter() *scrape.WaybackLimiter }); ok && wb.Limiter() != nil {
		if until := wb.Limiter().Stats().PausedUntil; until.Sub(now) >= longWaybackPause {
			add("wayback", fmt.Sprintf("the Wayback Machine keeps answering 429 or 503: its requests are paused until %s", s.timeIn(until).Format("15:04")))
		}
	}

	if s.XUsage != nil && slices.ContainsFunc(s.Sources, func(n string) bool { return n == "x" }) {
		u, err := s.XUsage(ctx)
		if err != nil {
			return review.Health{}, err
		}
		if u.LimitReached() {
			add("x-guard", xGuardWarning(u))
		}
	}

	h := review.Health{Status: review.HealthOK}
	if len(reasons) > 0 {
		h.Status, h.Reasons = review.HealthDegraded, reasons
	}
	return h, nil
}

// xGuardWarning says that the X API guard stopped the reads; the
// source's cost line has the figures.
func xGuardWarning(u x.Usage) string {
	return fmt.Sprintf("X API: the monthly limit of posts read (%d) is reached: reads stopped until next month (raise MOISSON_X_MAX_POSTS_PER_MONTH to read now)", u.Limit)
}

// timeIn is t in the blog's time zone.
func (s *Service) timeIn(t time.Time) time.Time {
	if s.Digest.Location != nil {
		return t.In(s.Digest.Location)
	}
	return t
}
