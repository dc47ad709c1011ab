package main

import (
	"context"
	"time"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot/mastodon"
	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/publish"
	"github.com/moisson/moisson/weekly"
)

// service sets up the weekly posts' service on an open store, writing into
// blogDir (empty for previews only).
func (e *env) service(st *archive.Store, blogDir string) (*weekly.Service, error) {
	dc, err := e.digestConfig()
	if err != nil {
		return nil, err
	}
	// A Hugo site configured in TOML gets TOML front matter, as `hugo
	// new` writes it.
	dc.FrontMatter = digest.DetectFrontMatter(blogDir, dc.Format)
	s := &weekly.Service{
		Store:       st,
		Scraper:     e.storeScraper(st),
		Digest:      dc,
		BlogDir:     blogDir,
		ImagesDir:   e.cfg.Images.dir(e.cfg.BlogFormat),
		Mode:        e.cfg.mode,
		MaxAttempts: e.cfg.MaxAttempts,
		Log:         e.log,
		Now:         e.now,
		StorePath:   e.cfg.DB,
		Settings:    e.cfg.Changed(), // status and the page: what differs from the defaults (moisson config shows all)
		Lang:        e.cfg.Lang,
		XUsername:   e.cfg.XUsername,
		// A week is overdue an hour after its cutoff, or two polls when
		// they are further apart: the loop publishes it at the first poll
		// that reads every source past the cutoff.
		OverdueAfter: max(time.Hour, 2*e.cfg.PollInterval),
	}
	if base, user, err := mastodon.ParseAccount(e.cfg.Mastodon); e.cfg.Mastodon != "" && err == nil {
		s.MastodonProfile = base + "/@" + user
	}
	if blogDir != "" {
		s.Announcer = e.cfg.announcer(e.now)
	}
	// The targets and Webmentions also without a blog directory: status
	// tells a week not up to date on one and counts the mentions (only a
	// written week is ever sent).
	s.Targets = e.cfg.Targets.targets(e.transport, e.now)
	s.Webmention = e.cfg.Targets.webmention(s.Scraper.Client(), st, e.cfg.UserAgent, e.cfg.HostDelay, e.now)
	if blogDir != "" && e.cfg.GitPush {
		s.Git = &publish.Git{Dir: blogDir}
	}
	if c := e.cfg; c.XAPIVersion != "1.1" && (c.XBearerToken != "" || c.XConsumerKey != "") {
		userContext := c.XConsumerKey != "" && c.XConsumerSecret != "" && c.XAccessToken != "" && c.XAccessSecret != ""
		s.XUsage = func(ctx context.Context) (x.Usage, error) {
			return x.MonthUsage(ctx, st, "x", e.now(), userContext, c.XMaxPostsPerMonth)
		}
	}
	if srcs, err := e.sources(nil, nil, nil); err == nil {
		for _, src := range srcs {
			s.Sources = append(s.Sources, src.Name())
		}
	}
	return s, nil
}

// openService opens the store and sets up the service on it; the caller
// closes the store.
func (e *env) openService(blogDir string) (*archive.Store, *weekly.Service, error) {
	st, err := e.openStore()
	if err != nil {
		return nil, nil, err
	}
	s, err := e.service(st, blogDir)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, s, nil
}
