package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSecretsPlantedInEveryPosition plants a secret in each place a URL
// can carry one, behind every decoding step, and greps every output (run
// --once's output and logs at debug level in both formats, status and
// status --json, scrape and scrape --json) and the store's file for each:
//
//   - a feed URL whose redirect query holds a URL with a token,
//     percent-encoded once, and twice;
//   - a feed URL whose query holds a nested query with an access token;
//   - a feed URL with a password in its userinfo, and one with an api_key;
//   - a URL given to scrape with a password in its userinfo;
//   - a redirect whose target has a password in its userinfo, and one
//     whose target has a session token in its query;
//   - a URL given to scrape whose query holds a percent-encoded URL with
//     a token;
//   - a feed redirected to an address with a token and a nested key.
func TestSecretsPlantedInEveryPosition(t *testing.T) {
	const article = `<!doctype html><html><head><title>A page of the week</title></head><body><article><h1>A page of the week</h1>
<p>An opening paragraph long enough to be a lead, about the subject of the page and nothing else at all.</p></article></body></html>`
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.TrimPrefix(srv.URL, "http://")
		switch r.URL.Path {
		case "/feed", "/feed2", "/feed3", "/feed4", "/feed5":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			now := time.Now().UTC().Add(-time.Hour).Format(time.RFC1123Z)
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Links</title><link>%[1]s/</link><description>links</description>
<item><title>Through a redirect</title><link>%[1]s/redir-userinfo%[2]s</link><guid>%[1]s/redir-userinfo%[2]s</guid><pubDate>%[3]s</pubDate><description>a note</description></item>
<item><title>Through another</title><link>%[1]s/redir-token%[2]s</link><guid>%[1]s/redir-token%[2]s</guid><pubDate>%[3]s</pubDate><description>a note</description></item>
</channel></rss>`, srv.URL, r.URL.Path, now)
		case "/redir-userinfo/feed", "/redir-userinfo/feed2", "/redir-userinfo/feed3", "/redir-userinfo/feed4", "/redir-userinfo/feed5":
			http.Redirect(w, r, "http://bob:R3d1rP4ssw0rd@"+host+"/page", http.StatusFound)
		case "/redir-token/feed", "/redir-token/feed2", "/redir-token/feed3", "/redir-token/feed4", "/redir-token/feed5", "/redir-token":
			http.Redirect(w, r, "/page?session_token=R3d1rS3ss10n", http.StatusFound)
		case "/feed6":
			// A feed that moved to an address with a token, now gone.
			http.Redirect(w, r, "/moved?token=M0v3dF33dT0k3n&u="+url.QueryEscape("https://x.example/?key=M0v3dN3st3d"), http.StatusMovedPermanently)
		case "/redir-userinfo":
			http.Redirect(w, r, "http://bob:R3d1rP4ssw0rd@"+host+"/page", http.StatusFound)
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, article)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	once := url.QueryEscape("https://feeds.example.org/feed?token=F33dT0k3nOnce")
	twice := url.QueryEscape(url.QueryEscape("https://feeds.example.org/feed?token=F33dT0k3nTw1ce"))
	nested := url.QueryEscape("a=1&access_token=N3st3dT0k3n")
	feeds := []string{
		srv.URL + "/feed?redirect=" + once,
		srv.URL + "/feed2?u=" + twice,
		srv.URL + "/feed3?next=" + nested,
		"http://carol:F33dP4ssw0rd@" + host + "/feed4",
		srv.URL + "/feed5?api_key=F33dAp1K3y",
		srv.URL + "/feed6",
	}
	scrapeArgs := []string{
		"http://alice:Scr4p3P4ssw0rd@" + host + "/page",
		srv.URL + "/redir-userinfo",
		srv.URL + "/redir-token",
		srv.URL + "/page?next=" + url.QueryEscape("https://x.example/?access_token=Scr4p3N3st3d"),
	}
	secrets := []string{"F33dT0k3nOnce", "F33dT0k3nTw1ce", "N3st3dT0k3n", "F33dP4ssw0rd", "F33dAp1K3y",
		"Scr4p3P4ssw0rd", "R3d1rP4ssw0rd", "R3d1rS3ss10n", "Scr4p3N3st3d", "M0v3dF33dT0k3n", "M0v3dN3st3d"}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "moisson.db")
			environ := []string{
				"MOISSON_DB=" + db, "MOISSON_BLOG_DIR=" + dir, "MOISSON_ALLOW_PRIVATE_NETWORKS=1",
				"MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=debug", "MOISSON_LOG_FORMAT=" + format,
				"MOISSON_FEEDS=" + strings.Join(feeds, " "), "MOISSON_LISTEN=off",
			}
			outputs := map[string]string{}
			stdout, stderr, err := run(t, environ, "run", "--once")
			outputs["run --once"] = stdout + stderr + errText(err)
			stdout, stderr, err = run(t, environ, "status")
			outputs["status"] = stdout + stderr + errText(err)
			stdout, stderr, err = run(t, environ, "status", "--json")
			outputs["status --json"] = stdout + stderr + errText(err)
			stdout, stderr, err = run(t, environ, append([]string{"scrape", "--json"}, scrapeArgs...)...)
			if !strings.Contains(stdout, "A page of the week") {
				t.Errorf("scrape --json read no page (%v):\n%s%s", err, stdout, stderr)
			}
			outputs["scrape --json"] = stdout + stderr + errText(err)
			stdout, stderr, err = run(t, environ, append([]string{"scrape", "--refresh"}, scrapeArgs...)...)
			outputs["scrape"] = stdout + stderr + errText(err)
			if !strings.Contains(outputs["status"], "/feed6") || !strings.Contains(outputs["run --once"], "/feed6: 404") {
				t.Errorf("the moved feed's failure is not told (the position is not exercised):\n%s", outputs["run --once"])
			}
			if !strings.Contains(outputs["status"], "feed:") {
				t.Errorf("status lists no feed:\n%s", outputs["status"])
			}
			store, err := os.ReadFile(db)
			if err != nil {
				t.Fatal(err)
			}
			outputs["the store"] = string(store)
			for name, out := range outputs {
				for _, s := range secrets {
					if strings.Contains(out, s) {
						t.Errorf("%s shows the secret %q", name, s)
					}
				}
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
