// Package x reads the author's posts from X (Twitter): live through the
// API v2 (V2: the user timeline, with a bearer token or OAuth 1.0a user
// context) or the API v1.1 (V1: statuses/user_timeline, OAuth 1.0a), and
// past ones from the account's archive export (ReadArchive, ImportArchive,
// ArchiveSource: the .zip of "Download an archive of your data").
//
// Cost: the API v2 bills every post it returns (PriceOwnedReads with user
// context, PriceStandard with a bearer token). The reads stop before the
// month's count of posts read would pass MOISSON_X_MAX_POSTS_PER_MONTH
// (DefaultMaxPostsPerMonth), the count kept in the store (MonthUsage); a
// backfill asks only for the parts of a range no earlier read covered
// (SpanSource). The archive costs nothing: it is a local file.
package x
