package main

import (
	"net/http"

	"github.com/moisson/moisson/bot"
)

// configuredSources names the sources the configuration sets up.
func configuredSources(c Config) []string {
	var names []string
	switch {
	case c.XAPIVersion == "1.1" && c.XConsumerKey != "":
		names = append(names, "x-v1.1")
	case c.XBearerToken != "" || c.XConsumerKey != "":
		names = append(names, "x")
	}
	for _, f := range c.Feeds {
		names = append(names, "feed:"+f)
	}
	if c.Archive != "" {
		names = append(names, "archive")
	}
	if c.Bluesky != "" {
		names = append(names, "bluesky")
	}
	if c.Mastodon != "" {
		names = append(names, "mastodon")
	}
	return names
}

// sources builds the sources the configuration sets up. The X API is
// chosen by which credentials are set: a bearer token (or OAuth 1.0a user
// credentials) for the API v2, OAuth 1.0a with X_API_VERSION=1.1 for the
// legacy v1.1 timeline.
func (e *env) sources(client *http.Client) ([]bot.Source, error) {
	c := e.cfg
	var srcs []bot.Source
	switch {
	case c.XAPIVersion == "1.1" && c.XConsumerKey != "":
		src, err := bot.NewXV1(bot.XV1Config{
			ConsumerKey: c.XConsumerKey, ConsumerSecret: c.XConsumerSecret,
			AccessToken: c.XAccessToken, AccessSecret: c.XAccessSecret,
			ScreenName: c.XUsername, HTTPClient: client,
		})
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	case c.XBearerToken != "" || c.XConsumerKey != "":
		src, err := bot.NewXV2(bot.XV2Config{
			BaseURL: c.XAPIBaseURL, BearerToken: c.XBearerToken, Username: c.XUsername,
			ConsumerKey: c.XConsumerKey, ConsumerSecret: c.XConsumerSecret,
			AccessToken: c.XAccessToken, AccessSecret: c.XAccessSecret,
			HTTPClient: client, Now: e.now, Logger: e.log.With("source", "x"),
		})
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	for _, f := range c.Feeds {
		srcs = append(srcs, bot.NewFeed(bot.FeedConfig{URL: f, HTTPClient: client, UserAgent: c.UserAgent, Now: e.now, Logger: e.log.With("source", "feed")}))
	}
	if c.Archive != "" {
		srcs = append(srcs, bot.NewArchiveSource(c.Archive))
	}
	// The keyless sources: no key, no bill, the whole history.
	if c.Bluesky != "" {
		src, err := bot.NewBluesky(bot.BlueskyConfig{
			Actor: c.Bluesky, BaseURL: c.BlueskyAPI, Reposts: c.BlueskyReposts,
			HTTPClient: client, UserAgent: c.UserAgent, Now: e.now, Logger: e.log.With("source", "bluesky"),
		})
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	if c.Mastodon != "" {
		src, err := bot.NewMastodon(bot.MastodonConfig{
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
