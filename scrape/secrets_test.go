package scrape

import (
	"strings"
	"testing"
	"time"
)

// TestScrapeHidesSecrets: the password and the tokens of a URL are never
// in a page's Error, FinalURL or CanonicalURL.
func TestScrapeHidesSecrets(t *testing.T) {
	s := testScraper(Options{Timeout: time.Second, Retries: -1})
	for _, raw := range []string{
		"http://alice:hunter2@" + closedAddr(t) + "/feed?token=s3cr3tt0ken",
		"http://alice:hunter2@127.0.0.1:1/u:alice/secret:s3cr3tt0ken/",
	} {
		p := s.Scrape(t.Context(), raw)
		for field, v := range map[string]string{"Error": p.Error, "FinalURL": p.FinalURL, "CanonicalURL": p.CanonicalURL} {
			if strings.Contains(v, "hunter2") || strings.Contains(v, "s3cr3tt0ken") {
				t.Errorf("%s = %q shows a secret", field, v)
			}
		}
	}
}
