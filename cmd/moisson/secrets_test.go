package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// No secret of the configuration (feed tokens, a URL's userinfo, API
// keys, the page's token) appears in what status prints nor in the logs
// of a cycle whose sources fail, at any log level and in both formats.
func TestSecretsNeverShown(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every source fails, and says what it was asked: a careless
		// error message would carry the URL, query and all.
		http.Error(w, "denied: "+r.URL.String(), http.StatusUnauthorized)
	}))
	defer srv.Close()
	secrets := []string{"a1b2c3d4e5f6a7b8c9d0", "hunter2hunter2", "pa55w0rdpa55", "AAAAbearerSECRET", "consumerSECRET99", "accessSECRET77", "uiTOKENuiTOKEN"}
	host := strings.TrimPrefix(srv.URL, "http://")
	feeds := strings.Join([]string{
		srv.URL + "/rss/secret:a1b2c3d4e5f6a7b8c9d0/u:bob/",
		srv.URL + "/feed?token=hunter2hunter2",
		"http://bob:pa55w0rdpa55@" + host + "/atom",
	}, " ")
	for _, format := range []string{"text", "json"} {
		for _, level := range []string{"debug", "info", "warn", "error"} {
			t.Run(format+"/"+level, func(t *testing.T) {
				dir := t.TempDir()
				environ := []string{
					"MOISSON_DB=" + filepath.Join(dir, "moisson.db"),
					"MOISSON_BLOG_DIR=" + dir,
					"MOISSON_ALLOW_PRIVATE_NETWORKS=1",
					"MOISSON_LOG_LEVEL=" + level, "MOISSON_LOG_FORMAT=" + format,
					"MOISSON_FEEDS=" + feeds,
					"X_API_BASE_URL=" + srv.URL, "X_BEARER_TOKEN=AAAAbearerSECRET", "X_USERNAME=someone",
					"X_CONSUMER_KEY=key", "X_CONSUMER_SECRET=consumerSECRET99", "X_ACCESS_TOKEN=token", "X_ACCESS_SECRET=accessSECRET77",
					"MOISSON_LISTEN=off", "MOISSON_UI_TOKEN=uiTOKENuiTOKEN",
				}
				runOut, runErr, err := run(t, environ, "run", "--once")
				if err == nil {
					t.Error("run --once with every source failing exited 0")
				}
				errText := ""
				if err != nil {
					errText = err.Error()
				}
				statusOut, statusErr, err := run(t, environ, "status")
				if err != nil {
					t.Fatalf("status: %v\n%s", err, statusErr)
				}
				_, sources, _ := strings.Cut(statusOut, "\nsources\n")
				sources, _, _ = strings.Cut(sources, "last post")
				// One heading line per source ("  feed:…"); its last error
				// may name it again below.
				var atom, feed int
				for _, l := range strings.Split(sources, "\n") {
					if strings.HasPrefix(l, "  feed:") {
						atom += strings.Count(l, "/atom")
						feed += strings.Count(l, "/feed?")
					}
				}
				if atom != 1 || feed != 1 {
					t.Errorf("status does not list each feed once:\n%s", statusOut)
				}
				all := runOut + runErr + errText + statusOut + statusErr
				for _, s := range secrets {
					if strings.Contains(all, s) {
						t.Errorf("secret %q shown:\n%s", s, all)
					}
				}
			})
		}
	}
}
