package weekly

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish/target"
	"github.com/moisson/moisson/publish/webmention"
	"github.com/moisson/moisson/review"
)

// Webmention says how the Webmentions of published weeks are sent
// (MOISSON_WEBMENTION).
type Webmention struct {
	// Sender sends them and records each pair's state.
	Sender *webmention.Sender
	// Delay is how long after a week's publication its mentions are
	// first sent, so that the blog has rebuilt and receivers that check
	// the post find it. They are sent by Tick (each cycle of `run`).
	Delay time.Duration
}

// publishRemote sends a written week to the publishing targets
// (Micropub, WordPress, Ghost), then its Webmentions when due. A post
// kept for a conflict goes nowhere; a draft only to the targets that
// hold drafts.
func (s *Service) publishRemote(ctx context.Context, d digest.Digest) error {
	if len(s.Targets) == 0 && s.Webmention == nil {
		return nil
	}
	s.remoteMu.Lock()
	defer s.remoteMu.Unlock()
	pub, err := s.Store.Publication(ctx, d.Week.ID)
	if err != nil {
		return fmt.Errorf("week %s: %w", d.Week.ID, err)
	}
	if pub.Conflict != "" {
		return nil
	}
	var errs []error
	if len(s.Targets) > 0 {
		e, err := s.entry(d, pub)
		if err != nil {
			return fmt.Errorf("week %s: %w", d.Week.ID, err)
		}
		done, err := target.Publish(ctx, s.Store, s.Targets, e, s.now())
		if len(done) > 0 {
			s.log().Info("published on targets", "week", d.Week.ID, "on", strings.Join(done, ","), "draft", e.Draft)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("week %s: %w", d.Week.ID, err))
		}
	}
	errs = append(errs, s.sendMentions(ctx, d, pub))
	return errors.Join(errs...)
}

// entry is what the targets receive of d: the post rendered as for the
// blog, without its front matter, in Markdown and in HTML.
func (s *Service) entry(d digest.Digest, pub moisson.Publication) (target.Entry, error) {
	data, err := s.Digest.Data(d, d.Week.End)
	if err != nil {
		return target.Entry{}, err
	}
	md := stripFrontMatter(digest.Render(d, s.Digest))
	var html bytes.Buffer
	conv := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
	if err := conv.Convert([]byte(md), &html); err != nil {
		return target.Entry{}, fmt.Errorf("render html: %w", err)
	}
	return target.Entry{
		Week: d.Week.ID, Title: data.Title, Markdown: md, HTML: html.String(),
		Categories: data.Categories, Tags: data.Tags, Published: d.Week.End, Draft: pub.Draft,
	}, nil
}

// stripFrontMatter drops a leading YAML (---) or TOML (+++) front matter.
func stripFrontMatter(b []byte) string {
	s := string(b)
	for _, fence := range []string{"---", "+++"} {
		if !strings.HasPrefix(s, fence+"\n") {
			continue
		}
		if i := strings.Index(s[len(fence)+1:], "\n"+fence+"\n"); i >= 0 {
			return strings.TrimLeft(s[len(fence)+1+i+len(fence)+2:], "\n")
		}
	}
	return s
}

// sendMentions sends the Webmentions of a published week whose delay has
// passed: from the post's URL to each entry's page. A draft, a post not
// pushed yet (with git) or a blog with no URL sends nothing.
func (s *Service) sendMentions(ctx context.Context, d digest.Digest, pub moisson.Publication) error {
	if s.Webmention == nil || pub.Draft || pub.Conflict != "" || (s.Git != nil && !pub.Pushed) {
		return nil
	}
	if s.now().Before(pub.PublishedAt.Add(s.Webmention.Delay)) {
		return nil // Tick sends them once the blog had time to rebuild
	}
	source := d.URL(s.Digest)
	if source == "" {
		return nil
	}
	var targets []string
	for _, sec := range d.Sections {
		for _, e := range sec.Entries {
			targets = append(targets, e.URL)
		}
	}
	res, err := s.Webmention.Sender.Send(ctx, d.Week.ID, source, targets)
	if n := res.Accepted + res.Sent + res.NoEndpoint + res.Failed; n > 0 {
		s.log().Info("webmentions", "week", d.Week.ID, "accepted", res.Accepted, "sent", res.Sent, "no_endpoint", res.NoEndpoint, "failed", res.Failed)
	}
	if err != nil {
		return fmt.Errorf("week %s: %w", d.Week.ID, err)
	}
	return nil
}

// retryRemote does what is due of the publishing targets and Webmentions
// between cutoffs: the last week published is sent to the targets that
// do not have it yet, and the mentions of weeks that have some never
// sent (the delay passed) or failed and due for a retry.
func (s *Service) retryRemote(ctx context.Context) error {
	if len(s.Targets) == 0 && s.Webmention == nil {
		return nil
	}
	pubs, err := s.Store.Publications(ctx)
	if err != nil || len(pubs) == 0 {
		return err
	}
	due := map[string]bool{}
	last := pubs[len(pubs)-1]
	for _, t := range s.Targets {
		pending, err := target.Pending(ctx, s.Store, t, last.Week, last.Draft)
		if err != nil {
			return err
		}
		if pending && last.Conflict == "" {
			due[last.Week] = true
		}
	}
	if s.Webmention != nil {
		mentions, err := s.Store.Mentions(ctx, "")
		if err != nil {
			return err
		}
		weeks := map[string]bool{}
		for _, m := range mentions {
			weeks[m.Week] = true
			if !m.Done() && !s.now().Before(m.NextRetry) {
				due[m.Week] = true
			}
		}
		if !weeks[last.Week] && !last.Draft && !s.now().Before(last.PublishedAt.Add(s.Webmention.Delay)) {
			due[last.Week] = true
		}
	}
	var errs []error
	for _, pub := range pubs {
		if !due[pub.Week] {
			continue
		}
		w, err := s.Digest.ParseWeek(pub.Week)
		if err != nil {
			continue
		}
		d, err := s.Build(ctx, w, BuildOptions{})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		errs = append(errs, s.publishRemote(ctx, d))
	}
	return errors.Join(errs...)
}

// MentionCounts counts the Webmention pairs by state, for `status`.
type MentionCounts = review.MentionCounts

// Mentions returns the Webmention state of each page linked from week's
// post, for the review page (none before the post is published and its
// delay passed).
func (s *Service) Mentions(ctx context.Context, week string) ([]moisson.Mention, error) {
	all, err := s.Store.Mentions(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []moisson.Mention
	for _, m := range all {
		if m.Week == week {
			// The page and the API show them: an endpoint's or a status
			// URL's token is hidden like any other.
			m.Error = moisson.RedactText(m.Error)
			m.Endpoint, m.Location = moisson.RedactURL(m.Endpoint), moisson.RedactURL(m.Location)
			out = append(out, m)
		}
	}
	return out, nil
}

// CountMentions counts the Webmention pairs of every week by state.
func (s *Service) CountMentions(ctx context.Context) (MentionCounts, error) {
	var c MentionCounts
	all, err := s.Store.Mentions(ctx, "")
	if err != nil {
		return c, err
	}
	for _, m := range all {
		switch m.State {
		case moisson.MentionAccepted:
			c.Accepted++
		case moisson.MentionSent:
			c.Sent++
		case moisson.MentionNoEndpoint:
			c.NoEndpoint++
		default:
			if m.Done() {
				c.GivenUp++
			} else {
				c.Failed++
			}
		}
	}
	return c, nil
}

// remoteWarnings adds to the status what went wrong with the targets and
// Webmentions: pairs given up, the last week missing on a target.
func (s *Service) remoteWarnings(ctx context.Context, st *review.Status) error {
	if s.Webmention != nil {
		c, err := s.CountMentions(ctx)
		if err != nil {
			return err
		}
		st.Webmention = &c
		if c.GivenUp > 0 {
			st.Warnings = append(st.Warnings, fmt.Sprintf("webmention: %d linked pages could not be sent a mention after %d attempts (given up)", c.GivenUp, max(s.Webmention.Sender.MaxAttempts, webmention.DefaultMaxAttempts)))
		}
	}
	pubs, err := s.Store.Publications(ctx)
	if err != nil || len(pubs) == 0 {
		return err
	}
	last := pubs[len(pubs)-1]
	for _, t := range s.Targets {
		if last.Conflict != "" {
			break
		}
		pending, err := target.Pending(ctx, s.Store, t, last.Week, last.Draft)
		if err != nil {
			return err
		}
		if pending {
			st.Warnings = append(st.Warnings, fmt.Sprintf("week %s: not up to date on %s yet (tried again each cycle; see the log)", last.Week, t.Name()))
		}
	}
	return nil
}
