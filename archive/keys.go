package archive

import (
	"encoding/binary"
	"math"
	"time"
)

// schemaVersion is the layout of the buckets this code reads and writes.
// Bump it, with a migration in initialize, when the layout changes: Open
// refuses a file whose version is newer than this one.
const schemaVersion = 1

// Bucket names. Every bucket is created at open, in one transaction.
var (
	// bucketMeta holds keySchema: the schema version, a big-endian uint64.
	bucketMeta = []byte("meta")
	// bucketPosts maps timeKey(CreatedAt) + Post.Key() to the JSON Post,
	// so that a cursor walks posts in time order.
	bucketPosts = []byte("posts")
	// bucketPostKeys maps Post.Key() to the timeKey of its CreatedAt: the
	// index that makes Save idempotent.
	bucketPostKeys = []byte("post_keys")
	// bucketLinks maps linkKey to the JSON Link.
	bucketLinks = []byte("links")
	// bucketLinkURLs maps linkKey to the link's URL alone, so that Pending
	// can walk thousands of links without decoding their JSON.
	bucketLinkURLs = []byte("link_urls")
	// bucketPages maps a page's URL to the JSON Page.
	bucketPages = []byte("pages")
	// bucketPageState maps a page's URL to its pageState, written along
	// with bucketPages: what Pending needs to know of a page, in 5 bytes.
	bucketPageState = []byte("page_state")
	// bucketCursors maps a source name to its cursor.
	bucketCursors = []byte("cursors")
	// bucketPublications maps an ISO week ("2014-W40") to the JSON
	// Publication; such weeks sort as strings.
	bucketPublications = []byte("publications")
	// bucketEdits maps an ISO week to the JSON moisson.WeekEdits: the
	// author's curation of that week.
	bucketEdits = []byte("edits")
	// bucketEditHistory maps editKey(week, seq) to the JSON editSnapshot
	// of the week's edits before one change: the undo history, newest last.
	bucketEditHistory = []byte("edit_history")
	// bucketEditLog maps editKey(week, seq) to the JSON moisson.EditEvent
	// of one change: who changed what and when.
	bucketEditLog = []byte("edit_log")
	// bucketMentions maps pairKey(source, target) to the JSON
	// moisson.Mention: the Webmention state of each pair.
	bucketMentions = []byte("mentions")
	// bucketRemotePosts maps pairKey(target, week) to the JSON
	// moisson.RemotePost: a week's post id on Micropub, WordPress, Ghost.
	bucketRemotePosts = []byte("remote_posts")
	// bucketClosings maps an ISO week to the time (RFC 3339) it was
	// closed before its cutoff, when the author published it early.
	bucketClosings = []byte("closings")

	// bucketImages maps imageKey(name, post) to the bytes of a page's
	// preview image (moisson.ImageFiles): its thumbnail, its post copy.
	bucketImages = []byte("images")

	allBuckets = [][]byte{
		bucketMeta, bucketPosts, bucketPostKeys, bucketLinks, bucketLinkURLs,
		bucketPages, bucketPageState, bucketCursors, bucketPublications,
		bucketEdits, bucketEditHistory, bucketEditLog,
		bucketMentions, bucketRemotePosts, bucketClosings, bucketImages,
	}

	keySchema = []byte("schema")
)

// Bounds of the times a timeKey can tell apart: UnixNano is only defined
// between the years 1678 and 2262. Times outside are clamped, which keeps
// the order of keys consistent with the order of times.
var (
	minKeyTime = time.Unix(0, math.MinInt64)
	maxKeyTime = time.Unix(0, math.MaxInt64)
)

// timeKeyLen is the length of a timeKey.
const timeKeyLen = 8

// timeKey encodes t as 8 bytes that sort as t does: the big-endian unix
// nanoseconds with the sign bit flipped, so that times before 1970 sort
// before those after. Time zones do not matter: the instant is encoded.
func timeKey(t time.Time) []byte {
	var n int64
	switch {
	case t.Before(minKeyTime):
		n = math.MinInt64
	case t.After(maxKeyTime):
		n = math.MaxInt64
	default:
		n = t.UnixNano()
	}
	k := make([]byte, timeKeyLen)
	binary.BigEndian.PutUint64(k, uint64(n)^(1<<63))
	return k
}

// postRecordKey is the key of a post in bucketPosts: timeKey, then the
// post's key, so that posts of the same instant sort by key.
func postRecordKey(tk []byte, postKey string) []byte {
	k := make([]byte, 0, len(tk)+len(postKey))
	k = append(k, tk...)
	return append(k, postKey...)
}

// linkKey is the key of the i-th link of a post in bucketLinks and
// bucketLinkURLs: timeKey, post key, a 0 byte, then i on 4 bytes. The 0 byte
// ends the post key so that "a" sorts before "ab" whatever i is, giving the
// posting order: time, then post key, then order in the post.
func linkKey(tk []byte, postKey string, i int) []byte {
	k := make([]byte, 0, len(tk)+len(postKey)+5)
	k = append(k, tk...)
	k = append(k, postKey...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint32(k, uint32(i))
}

// editKey is the key of one record of a week in bucketEditHistory and
// bucketEditLog: the week, a 0 byte, then seq on 8 bytes, so that a week's
// records sort together in the order they were written ("2014-W4" cannot
// take "2014-W40"'s records: the 0 byte ends the week).
func editKey(week string, seq uint64) []byte {
	k := make([]byte, 0, len(week)+9)
	k = append(k, week...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, seq)
}

// editPrefix is the prefix of every editKey of week.
func editPrefix(week string) []byte {
	k := make([]byte, 0, len(week)+1)
	k = append(k, week...)
	return append(k, 0)
}

// pageState is what Pending and Stats need to know of a stored page.
type pageState struct {
	ok        bool
	permanent bool
	attempts  int
}

const (
	stateOK        = 1 << 0
	statePermanent = 1 << 1
	pageStateLen   = 5
)

func encodePageState(s pageState) []byte {
	b := make([]byte, pageStateLen)
	if s.ok {
		b[0] |= stateOK
	}
	if s.permanent {
		b[0] |= statePermanent
	}
	a := s.attempts
	if a < 0 {
		a = 0
	}
	if a > math.MaxUint32 {
		a = math.MaxUint32
	}
	binary.BigEndian.PutUint32(b[1:], uint32(a))
	return b
}

// decodePageState reads a value of bucketPageState; ok is false when b is
// not one.
func decodePageState(b []byte) (s pageState, ok bool) {
	if len(b) != pageStateLen {
		return pageState{}, false
	}
	return pageState{
		ok:        b[0]&stateOK != 0,
		permanent: b[0]&statePermanent != 0,
		attempts:  int(binary.BigEndian.Uint32(b[1:])),
	}, true
}

// retry reports whether a link whose page is in state s still needs
// scraping.
func (s pageState) retry(maxAttempts int) bool {
	return !s.ok && !s.permanent && s.attempts < maxAttempts
}
