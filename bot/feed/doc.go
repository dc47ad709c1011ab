// Package feed reads posts from an RSS, Atom or JSON Feed document: a
// Mastodon or Bluesky profile feed standing in for an API, a blog, or a
// bookmarking service's feed (Pinboard, linkding, Shaarli, Wallabag,
// Raindrop), the item's description kept as the author's note.
//
// Cost: nothing but one conditional GET per poll (If-None-Match,
// If-Modified-Since): an unchanged feed answers 304 and gives nothing. A
// feed holds only its latest items, so it cannot backfill past weeks.
package feed
