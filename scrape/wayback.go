package scrape

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/moisson/moisson"
)

// Wayback takes pages that are gone from the Wayback Machine
// (web.archive.org), as they were near the day they were shared.
type Wayback struct {
	s    *Scraper
	base string
	// One request at a time, HostDelay apart: the Wayback Machine is one
	// host, and a backfill may ask it hundreds of times.
	mu   sync.Mutex
	next time.Time
}

// Wayback returns a Wayback that asks the availability API at base
// ("https://archive.org", WAYBACK_BASE_URL) and fetches the snapshots with
// s, under the same limits.
func (s *Scraper) Wayback(base string) *Wayback {
	if base == "" {
		base = "https://archive.org"
	}
	return &Wayback{s: s, base: strings.TrimRight(base, "/")}
}

// wait sleeps until the next request may be sent, and books the one
// after. The caller holds mu.
func (w *Wayback) wait(ctx context.Context) error {
	if d := time.Until(w.next); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	w.next = time.Now().Add(w.s.opts.HostDelay)
	return nil
}

// availability is the answer of /wayback/available.
type availability struct {
	ArchivedSnapshots struct {
		Closest *struct {
			Available bool   `json:"available"`
			URL       string `json:"url"`
			Timestamp string `json:"timestamp"`
			Status    string `json:"status"`
		} `json:"closest"`
	} `json:"archived_snapshots"`
}

// snapshotPath matches the timestamp of a snapshot URL, /web/20141001123456/.
var snapshotPath = regexp.MustCompile(`/web/(\d{1,14})/`)

// Rescue returns the page at rawURL as captured nearest to at. The page's
// URL and CanonicalURL are the live URL (the entry links to it), Snapshot
// the capture it was taken from. When there is no usable capture the page
// has an Error.
func (w *Wayback) Rescue(ctx context.Context, rawURL string, at time.Time) moisson.Page {
	gone := moisson.Page{URL: rawURL, FetchedAt: w.s.opts.Now(), Permanent: true}
	api, err := url.Parse(w.base + "/wayback/available")
	if err != nil {
		gone.Error = fmt.Sprintf("wayback: bad WAYBACK_BASE_URL: %v", err)
		return gone
	}
	q := url.Values{"url": {rawURL}, "timestamp": {at.UTC().Format("20060102150405")}}
	api.RawQuery = q.Encode()
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.wait(ctx); err != nil {
		gone.Error, gone.Permanent = fmt.Sprintf("wayback: %v", err), false
		return gone
	}
	r, err := w.s.fetch(ctx, api)
	if err != nil {
		gone.Error = fmt.Sprintf("wayback: %v", err)
		gone.Permanent = false
		return gone
	}
	var av availability
	if err := json.Unmarshal(r.body, &av); err != nil {
		gone.Error = fmt.Sprintf("wayback: availability of %s: %v", rawURL, err)
		gone.Permanent = false
		return gone
	}
	c := av.ArchivedSnapshots.Closest
	if c == nil || !c.Available || c.URL == "" || (c.Status != "" && c.Status != "200") {
		gone.Error = "wayback: no capture of the page"
		return gone
	}
	// "id_" after the timestamp asks for the page as it was captured,
	// without the Wayback Machine's banner and rewritten links.
	raw := snapshotPath.ReplaceAllString(c.URL, "/web/${1}id_/")
	if err := w.wait(ctx); err != nil {
		gone.Error, gone.Permanent = fmt.Sprintf("wayback: %v", err), false
		return gone
	}
	page := w.s.Scrape(ctx, raw)
	if !page.OK() {
		page.Error = "wayback: " + page.Error
		page.URL = rawURL
		return page
	}
	page.URL = rawURL
	page.FinalURL = rawURL
	page.CanonicalURL = CleanURL(rawURL)
	page.Snapshot = c.URL
	return page
}
