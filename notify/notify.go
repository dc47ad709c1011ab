// Package notify tells a person when moisson's health degrades and when
// it heals: one message when a check starts failing, one when it stops,
// never one per retry. Messages go through shoutrrr
// (github.com/nicholas-fedor/shoutrrr), whose URLs reach ntfy, Gotify,
// Matrix, Slack, Discord, Telegram, e-mail, generic webhooks and more.
//
// What was sent is remembered in the store, so that a restart sends
// nothing twice; a message that could not be sent is tried again at the
// next check.
package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/nicholas-fedor/shoutrrr"
	"github.com/nicholas-fedor/shoutrrr/pkg/router"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/review"
)

// Sender sends one message.
type Sender interface {
	Send(ctx context.Context, message string) error
}

// Store keeps what was sent (archive.Store).
type Store interface {
	Cursor(ctx context.Context, key string) (string, error)
	SetCursor(ctx context.Context, key, value string) error
}

// sentKey holds the checks told as failing, with their message (JSON).
// The "run:" prefix keeps it out of the sources that status lists.
const sentKey = "run:notified"

// Notifier compares the health with what it told last.
type Notifier struct {
	Sender Sender
	Store  Store
	Log    *slog.Logger
}

// Check sends one message per check of h that fails and was not told,
// and one per check told that no longer fails, and records what was
// sent. A message that cannot be sent is not recorded (tried again at
// the next Check); its error is returned with the others.
func (n *Notifier) Check(ctx context.Context, h review.Health) error {
	raw, err := n.Store.Cursor(ctx, sentKey)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	told := map[string]string{}
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &told); err != nil {
			told = map[string]string{} // unreadable: told again
		}
	}
	now := map[string]string{}
	for _, r := range h.Reasons {
		now[r.Check] = r.Message
	}
	var errs []error
	changed := false
	for _, r := range h.Reasons {
		if _, ok := told[r.Check]; ok {
			continue
		}
		if err := n.Sender.Send(ctx, "moisson degraded: "+moisson.RedactText(r.Message)); err != nil {
			errs = append(errs, err)
			continue
		}
		told[r.Check], changed = r.Message, true
	}
	gone := make([]string, 0)
	for check := range told {
		if _, ok := now[check]; !ok {
			gone = append(gone, check)
		}
	}
	sort.Strings(gone)
	for _, check := range gone {
		if err := n.Sender.Send(ctx, "moisson healed: "+moisson.RedactText(told[check])); err != nil {
			errs = append(errs, err)
			continue
		}
		delete(told, check)
		changed = true
	}
	if changed {
		b, err := json.Marshal(told)
		if err == nil {
			err = n.Store.SetCursor(context.WithoutCancel(ctx), sentKey, string(b))
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("notify: record what was sent: %w", err))
		}
	}
	return errors.Join(errs...)
}

// Run checks health every interval until ctx is done, the first time one
// interval after the start (the loop's first cycle catches up first). A
// failure is logged, never returned.
func (n *Notifier) Run(ctx context.Context, health func(context.Context) (review.Health, error), every time.Duration) {
	log := n.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		h, err := health(ctx)
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("notify: health", "error", moisson.RedactText(err.Error()))
			}
			continue
		}
		if err := n.Check(ctx, h); err != nil && ctx.Err() == nil {
			log.Warn("notification not sent (tried again at the next check)", "error", err.Error())
		}
	}
}

// Shoutrrr sends through shoutrrr URLs, every message to each.
type Shoutrrr struct {
	router *router.ServiceRouter
	urls   []string
}

// NewShoutrrr checks the URLs (MOISSON_NOTIFY, separated by spaces). Its
// errors name a URL by its service and host only: the rest may be a
// token.
func NewShoutrrr(urls []string, timeout time.Duration) (*Shoutrrr, error) {
	s := &Shoutrrr{urls: urls}
	for _, u := range urls {
		if _, err := shoutrrr.CreateSender(u); err != nil {
			return nil, fmt.Errorf("notify: %s: %s", Shown(u), scrub(err.Error(), urls))
		}
	}
	r, err := shoutrrr.CreateSender(urls...)
	if err != nil {
		return nil, fmt.Errorf("notify: %s", scrub(err.Error(), urls))
	}
	if timeout > 0 {
		r.Timeout = timeout
	}
	s.router = r
	return s, nil
}

// Send sends message to every URL; the errors have the URLs' secrets
// hidden.
func (s *Shoutrrr) Send(_ context.Context, message string) error {
	var errs []error
	for i, err := range s.router.Send(message, nil) {
		if err != nil {
			name := "a notification URL"
			if i < len(s.urls) {
				name = Shown(s.urls[i])
			}
			errs = append(errs, fmt.Errorf("notify %s: %s", name, scrub(err.Error(), s.urls)))
		}
	}
	return errors.Join(errs...)
}

// Shown names a notification URL without its secrets: its service and
// host ("ntfy://ntfy.sh").
func Shown(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "an unreadable notification URL"
	}
	return u.Scheme + "://" + u.Hostname()
}

// scrub hides in msg every part of the URLs that may be a secret: the
// whole URL, its user and password, path segments and query values.
func scrub(msg string, urls []string) string {
	var parts []string
	for _, raw := range urls {
		parts = append(parts, raw)
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if u.User != nil {
			parts = append(parts, u.User.Username())
			if p, ok := u.User.Password(); ok {
				parts = append(parts, p)
			}
		}
		parts = append(parts, strings.Split(u.Path, "/")...)
		for _, vs := range u.Query() {
			parts = append(parts, vs...)
		}
		if !strings.Contains(u.Hostname(), ".") {
			parts = append(parts, u.Hostname()) // a token in the host's place (slack://a/b/c)
		}
	}
	sort.Slice(parts, func(i, j int) bool { return len(parts[i]) > len(parts[j]) })
	for _, p := range parts {
		if len(p) >= 4 {
			msg = strings.ReplaceAll(msg, p, "***")
		}
	}
	return moisson.RedactText(msg)
}
