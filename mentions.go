package moisson

import "time"

// The states of a Webmention (Mention.State).
const (
	// MentionAccepted: the receiver answered 201 or 202, it will verify
	// the mention itself.
	MentionAccepted = "accepted"
	// MentionSent: the receiver answered another 2xx (200: processed at
	// once).
	MentionSent = "sent"
	// MentionNoEndpoint: the linked page names no Webmention endpoint;
	// nothing is sent, ever.
	MentionNoEndpoint = "no_endpoint"
	// MentionFailed: discovery or sending failed; tried again at
	// NextRetry, or never when NextRetry is zero (too many attempts).
	MentionFailed = "failed"
)

// Mention is the Webmention state of one (Source, Target) pair: the
// week's post and one page it links to. A pair is sent at most once
// successfully.
type Mention struct {
	// Source is the published post's URL; Target the page linked.
	Source string `json:"source"`
	Target string `json:"target"`
	// Week is the ISO week of the post, "2014-W40".
	Week string `json:"week,omitempty"`
	// State is one of MentionAccepted, MentionSent, MentionNoEndpoint,
	// MentionFailed.
	State string `json:"state"`
	// Endpoint is the receiver's endpoint, when discovered.
	Endpoint string `json:"endpoint,omitempty"`
	// Status is the endpoint's last HTTP status.
	Status int `json:"status,omitempty"`
	// Location is the status URL a 201 answer gives.
	Location string `json:"location,omitempty"`
	// Error says why the last attempt failed (redacted).
	Error string `json:"error,omitempty"`
	// Attempts counts the attempts made; NextRetry is when a failed pair
	// is tried again (zero: never).
	Attempts  int       `json:"attempts"`
	NextRetry time.Time `json:"next_retry,omitzero"`
	// At is the time of the last attempt.
	At time.Time `json:"at"`
}

// Done reports whether the pair needs nothing more: sent, accepted, with
// no endpoint, or failed for good.
func (m Mention) Done() bool {
	return m.State != MentionFailed || m.NextRetry.IsZero()
}

// RemotePost is a week's post on a publishing target other than git
// (Micropub, WordPress, Ghost): the target's own id for it, so that an
// edit of the week updates the same post.
type RemotePost struct {
	// Target names the target ("micropub", "wordpress", "ghost"); Week
	// is the ISO week.
	Target string `json:"target"`
	Week   string `json:"week"`
	// ID is the target's id of the post (Micropub: its URL).
	ID string `json:"id"`
	// URL is the post's address on the target, when known.
	URL string `json:"url,omitempty"`
	// Version is what the target needs to accept an update (Ghost's
	// updated_at).
	Version string `json:"version,omitempty"`
	// Hash is the SHA-256 of what was sent last, so that an unchanged
	// week is not sent again; Draft whether it was sent as a draft.
	Hash  string `json:"hash"`
	Draft bool   `json:"draft,omitempty"`
	// At is the time of the last successful create or update.
	At time.Time `json:"at"`
}
