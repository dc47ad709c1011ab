package scrape

import "net/http"

// Client returns the scraper's one http.Client: its guard against
// private, loopback and link-local addresses (unless AllowPrivate), its
// timeout and its redirect rules. The other steps that connect to
// addresses read from shared pages (Webmention discovery and sending)
// use it rather than a client of their own, so that the guard is the
// same everywhere.
func (s *Scraper) Client() *http.Client { return s.client }
