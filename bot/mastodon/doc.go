// Package mastodon reads one account's public statuses from Mastodon:
// live through its instance's API (accounts/:id/statuses, no key: public
// statuses need none since Mastodon 2.7; a token only for an instance that
// requires one), and past ones from the account's archive export
// (outbox.json in a .tar.gz or .zip). A status's links are the hrefs of
// its HTML content, less mentions and hashtags; boosts and replies to
// others are left out.
//
// Cost: nothing. The instance's rate limit (300 requests in 5 minutes) is
// waited out, and the whole history can be paged, so a backfill needs no
// archive.
package mastodon
