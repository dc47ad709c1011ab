package webmention

import (
	"net/http"
	"net/url"
	"testing"
)

func TestDiscover(t *testing.T) {
	base, _ := url.Parse("https://example.org/blog/post?id=1")
	tests := []struct {
		name   string
		link   []string
		body   string
		want   string
		wantOK bool
	}{
		{name: "link header absolute", link: []string{`<https://wm.example.net/endpoint>; rel="webmention"`}, want: "https://wm.example.net/endpoint", wantOK: true},
		{name: "link header relative", link: []string{`</wm/endpoint>; rel=webmention`}, want: "https://example.org/wm/endpoint", wantOK: true},
		{name: "link header multiple rel values", link: []string{`<https://example.org/wm>; rel="webmention somethingelse"`}, want: "https://example.org/wm", wantOK: true},
		{name: "link header second link", link: []string{`<https://example.org/a>; rel="other", <https://example.org/wm?q=1&r=2>; title="a;b, c"; rel="webmention"`}, want: "https://example.org/wm?q=1&r=2", wantOK: true},
		{name: "link header second header", link: []string{`<https://example.org/a>; rel="other"`, `<endpoint>; rel="WebMention"`}, want: "https://example.org/blog/endpoint", wantOK: true},
		{name: "link header over html", link: []string{`<https://example.org/header>; rel=webmention`}, body: `<link rel="webmention" href="/html">`, want: "https://example.org/header", wantOK: true},
		{name: "link element relative", body: `<html><head><link rel="webmention" href="../wm.php"></head></html>`, want: "https://example.org/wm.php", wantOK: true},
		{name: "a element", body: `<p><a href="/endpoint" rel="webmention">wm</a></p>`, want: "https://example.org/endpoint", wantOK: true},
		{name: "first in document order", body: `<a rel="webmention" href="/a-first"></a><link rel="webmention" href="/link-second">`, want: "https://example.org/a-first", wantOK: true},
		{name: "empty href is the page", body: `<link rel="webmention" href="">`, want: "https://example.org/blog/post?id=1", wantOK: true},
		{name: "query string kept", body: `<link rel="webmention" href="/wm?version=1">`, want: "https://example.org/wm?version=1", wantOK: true},
		{name: "in a comment", body: `<!-- <link rel="webmention" href="/no"> --><link rel="webmention" href="/yes">`, want: "https://example.org/yes", wantOK: true},
		{name: "rel without href skipped", body: `<link rel="webmention"><a rel="webmention" href="/second">`, want: "https://example.org/second", wantOK: true},
		{name: "rel among others", body: `<link rel="me webmention" href="/wm">`, want: "https://example.org/wm", wantOK: true},
		{name: "other rel only", body: `<link rel="pingback" href="/xmlrpc.php"><a rel="not-webmention" href="/x">`},
		{name: "not http", body: `<link rel="webmention" href="javascript:alert(1)">`},
		{name: "nothing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for _, v := range tc.link {
				h.Add("Link", v)
			}
			got, ok := Discover(base, h, []byte(tc.body))
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("Discover = %q, %v; want %q, %v", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
