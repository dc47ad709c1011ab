package moisson

import (
	"strings"
	"testing"
)

func TestRedactURL(t *testing.T) {
	for _, tc := range []struct {
		raw    string
		secret string // must not appear; "" when nothing is secret
	}{
		{"https://mastodon.social/@someone.rss", ""},
		{"https://bsky.app/profile/someone.bsky.social/rss", ""},
		{"https://feeds.pinboard.in/rss/secret:a1b2c3d4e5f6a7b8c9d0/u:someone/", "a1b2c3d4e5f6a7b8c9d0"},
		{"https://links.example.org/feeds/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b/all", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"},
		{"https://wallabag.example.org/feed/someone/Z3VHt8mQ2kLp9xW4/unread?token=Z3VHt8mQ2kLp9xW4", "Z3VHt8mQ2kLp9xW4"},
		{"https://someone:hunter2@shaarli.example.org/feed/atom", "hunter2"},
		{"https://example.org/rss?api_key=s3cr3tv4lu3", "s3cr3tv4lu3"},
		// Secrets behind a decoding step: a redirect's target in a query
		// value, percent-encoded once or twice; a nested query; userinfo
		// in the nested URL; an access token in the fragment.
		{"https://feeds.example.org/r?url=https%3A%2F%2Fexample.org%2Ffeed%3Ftoken%3Dpl4nt3dT0k3n", "pl4nt3dT0k3n"},
		{"https://feeds.example.org/r?url=https%253A%252F%252Fexample.org%252Ffeed%253Ftoken%253Dpl4nt3dT0k3n", "pl4nt3dT0k3n"},
		{"https://feeds.example.org/r?next=a%3D1%26access_token%3Dpl4nt3dT0k3n", "pl4nt3dT0k3n"},
		{"https://feeds.example.org/r?to=https%3A%2F%2Fbob%3Apl4nt3dP4ss%40example.org%2Ffeed", "pl4nt3dP4ss"},
		{"https://example.org/cb#access_token=pl4nt3dT0k3n&state=1", "pl4nt3dT0k3n"},
		{"https://example.org/r?url=https%3A%2F%2Fexample.org%2Fpage%3Fid%3D3", ""},
	} {
		got := RedactURL(tc.raw)
		if tc.secret == "" {
			if got != tc.raw {
				t.Errorf("RedactURL(%q) = %q, want it unchanged", tc.raw, got)
			}
			continue
		}
		if strings.Contains(got, tc.secret) {
			t.Errorf("RedactURL(%q) = %q shows the secret", tc.raw, got)
		}
		if other := RedactURL(strings.Replace(tc.raw, tc.secret, tc.secret+"x", 1)); other == got {
			t.Errorf("two feeds with different secrets get the same name %q", got)
		}
		if again := RedactURL(got); again != got {
			t.Errorf("RedactURL is not idempotent: %q then %q", got, again)
		}
		if again := RedactText("feed:" + got); again != "feed:"+got {
			t.Errorf("RedactText changes a redacted name: %q then %q", got, again)
		}
	}
}

func TestRedactText(t *testing.T) {
	for _, tc := range []struct{ in, secret string }{
		{`fatal: unable to access 'https://bob:ghp_T0k3nT0k3nT0k3n@github.com/bob/blog.git/': 403`, "ghp_T0k3nT0k3nT0k3n"},
		{"get https://feeds.pinboard.in/rss/secret:a1b2c3d4e5f6a7b8c9d0/u:bob/: 500", "a1b2c3d4e5f6a7b8c9d0"},
		{"read (https://x.example/feed?token=hunter2hunter2), then failed", "hunter2hunter2"},
		{"broken url http://user:hunter2@[::1/x", "hunter2"},
	} {
		got := RedactText(tc.in)
		if strings.Contains(got, tc.secret) {
			t.Errorf("RedactText(%q) = %q shows the secret", tc.in, got)
		}
	}
	if s := "nothing to hide at https://example.org/a?b=c"; RedactText(s) != s {
		t.Errorf("RedactText changed %q into %q", s, RedactText(s))
	}
}

func TestLinksOfDropsUserinfo(t *testing.T) {
	links := LinksOf(Post{ID: "1", Source: "x", URLs: []string{"https://bob:hunter2@example.org/page", "https://example.org/other"}})
	if len(links) != 2 {
		t.Fatalf("%d links, want 2", len(links))
	}
	if links[0].URL != "https://example.org/page" {
		t.Errorf("link %q, want it without its userinfo", links[0].URL)
	}
}
