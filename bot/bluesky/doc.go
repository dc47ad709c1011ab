// Package bluesky reads one account's posts from Bluesky: live through the
// public AppView (app.bsky.feed.getAuthorFeed, no key, no account), and
// past ones from a repository export (a .car file, the settings' "Export
// my data"). A post's links come from its facets (the text shows them
// shortened), its link card and a quoted post; the author's own threads
// are kept, replies to others are not.
//
// Cost: nothing. The AppView is free and keyless; its rate limit
// (ratelimit-reset) is waited out, and the whole history can be paged, so
// a backfill needs no export.
package bluesky
