package main

import (
	"context"
	"net/http"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/bluesky"
	"github.com/moisson/moisson/bot/feed"
	"github.com/moisson/moisson/bot/mastodon"
	"github.com/moisson/moisson/bot/x"
)

// sources builds the sources the configuration sets up. The X API is
// chosen by which credentials are set: a bearer token (or OAuth 1.0a user
// credentials) for the API v2, OAuth 1.0a with X_API_VERSION=1.1 for the
// legacy v1.1 timeline.
//
// st, when not nil, is the store the X API source keeps its reads and the
// month's count in (the spending guard), and edited tells which posts
// were edited on X since they were stored; both are nil when the sources
// are only named.
func (e *env) sources(client *http.Client, st *archive.Store, edited func(old []moisson.Post, newest moisson.Post)) ([]bot.Source, error) {
	c := e.cfg
	var srcs []bot.Source
	switch {
	case c.XAPIVersion == "1.1" && c.XConsumerKey != "":
		src, err := x.NewV1(x.V1Config{
			ConsumerKey: c.XConsumerKey, ConsumerSecret: c.XConsumerSecret,
			AccessToken: c.XAccessToken, AccessSecret: c.XAccessSecret,
			ScreenName: c.XUsername, HTTPClient: client, BaseURL: c.XAPIBaseURL,
			Now: e.now, Logger: e.log.With("source", "x-v1.1"),
		})
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	case c.XBearerToken != "" || c.XConsumerKey != "":
		cfg := x.V2Config{
			BaseURL: c.XAPIBaseURL, BearerToken: c.XBearerToken, Username: c.XUsername,
			ConsumerKey: c.XConsumerKey, ConsumerSecret: c.XConsumerSecret,
			AccessToken: c.XAccessToken, AccessSecret: c.XAccessSecret,
			HTTPClient: client, Now: e.now, Logger: e.log.With("source", "x"),
			MaxPostsPerMonth: c.XMaxPostsPerMonth,
		}
		if st != nil {
			cfg.Store = st
		}
		if edited != nil {
			cfg.OnEdit = func(_ context.Context, old []moisson.Post, newest moisson.Post) { edited(old, newest) }
		}
		src, err := x.NewV2(cfg)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	for _, f := range c.Feeds {
		u, mode, err := feed.ParseSpec(f)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, feed.New(feed.Config{URL: u, Mode: mode, HTTPClient: client, UserAgent: c.UserAgent, Now: e.now, Logger: e.log.With("source", "feed")}))
	}
	if c.Archive != "" {
		srcs = append(srcs, x.NewArchiveSource(c.Archive))
	}
	// The keyless sources: no key, no bill, the whole history.
	if c.Bluesky != "" {
		src, err := bluesky.New(bluesky.Config{
			Actor: c.Bluesky, BaseURL: c.BlueskyAPI, Reposts: c.BlueskyReposts,
			HTTPClient: client, UserAgent: c.UserAgent, Now: e.now, Logger: e.log.With("source", "bluesky"),
		})
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	if c.Mastodon != "" {
		src, err := mastodon.New(mastodon.Config{
			Account: c.Mastodon, Token: c.MastodonToken, Boosts: c.MastodonBoosts,
			HTTPClient: client, UserAgent: c.UserAgent, Now: e.now, Logger: e.log.With("source", "mastodon"),
		})
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return srcs, nil
}
