package weekly

import (
	"net/url"
	"strings"

	"github.com/moisson/moisson"
)

// PostURL is the address of the post that shared a link, from its key in
// the store ("x/1849…", "bluesky/at://did:plc:…/app.bsky.feed.post/3k…",
// "mastodon/1132…"): an X post, a Bluesky post, or a status on the
// Mastodon account of MOISSON_MASTODON (Service.MastodonProfile). It is
// "" for a feed item, a link added by hand, or a post it cannot tell the
// address of.
func (s *Service) PostURL(key string) string {
	src, id, ok := strings.Cut(key, "/")
	if !ok || id == "" {
		return ""
	}
	switch src {
	case "x":
		if !digits(id) {
			return ""
		}
		if u := strings.TrimPrefix(strings.TrimSpace(s.XUsername), "@"); u != "" && xUserOK(u) {
			return "https://x.com/" + u + "/status/" + id
		}
		return "https://x.com/i/web/status/" + id
	case "bluesky":
		// at://did:plc:abc/app.bsky.feed.post/rkey
		rest, ok := strings.CutPrefix(id, "at://")
		if !ok {
			return ""
		}
		parts := strings.Split(rest, "/")
		if len(parts) != 3 || parts[1] != "app.bsky.feed.post" || parts[0] == "" || parts[2] == "" {
			return ""
		}
		return "https://bsky.app/profile/" + url.PathEscape(parts[0]) + "/post/" + url.PathEscape(parts[2])
	case "mastodon":
		p := strings.TrimRight(s.MastodonProfile, "/")
		if p == "" || !digits(id) {
			return ""
		}
		return p + "/" + id
	}
	return ""
}

// postURLOf is PostURL for the post a link came from, redacted.
func (s *Service) postURLOf(l moisson.Link) string {
	return moisson.RedactURL(s.PostURL(l.PostKey))
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// xUserOK reports whether u is an X user name (letters, digits, '_').
func xUserOK(u string) bool {
	for _, r := range u {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return len(u) <= 15
}
