package archive

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"go.etcd.io/bbolt"
)

// hostScanLimit bounds the pages HostTitles reads under each of a host's
// key prefixes, failed ones included: a site shared a thousand times
// costs no more than one shared a hundred times.
const hostScanLimit = 200

// HostTitles returns the <title>s of at most n pages of host (a host
// name, with its port when the URLs give one) stored
// successfully, most recently fetched first: each page's DocTitle, or its
// Title for a page stored before DocTitle was kept. It reads the pages
// whose URL, as shared, is on host or on its "www." twin (a link shared
// through a shortener is not found under the host), and keeps those whose
// final URL is still on that host. Under each form of the address it
// reads the URLs from the last in order (dated paths sort the latest
// last) until it has n titles, or read hostScanLimit pages: the cost is
// that of n pages, whatever the number stored. The extraction of another page of the
// host reads them to tell the site's repeated decoration from the
// headline (see scrape.Options.HostTitles).
func (s *Store) HostTitles(ctx context.Context, host string, n int) ([]string, error) {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	if host == "" || n <= 0 {
		return nil, nil
	}
	type titled struct {
		title string
		at    time.Time
	}
	var found []titled
	err := s.view(ctx, func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketPages).Cursor()
		for _, prefix := range []string{"http://" + host + "/", "https://" + host + "/", "http://www." + host + "/", "https://www." + host + "/"} {
			p := []byte(prefix)
			end := append([]byte(prefix[:len(prefix)-1]), '/'+1)
			var k, v []byte
			if k, _ = c.Seek(end); k == nil {
				k, v = c.Last()
			} else {
				k, v = c.Prev()
			}
			scanned, kept := 0, 0
			for ; k != nil && bytes.HasPrefix(k, p) && scanned < hostScanLimit && kept < n; k, v = c.Prev() {
				scanned++
				var pg struct {
					FinalURL  string    `json:"final_url"`
					Title     string    `json:"title"`
					DocTitle  string    `json:"doc_title"`
					Error     string    `json:"error"`
					FetchedAt time.Time `json:"fetched_at"`
				}
				if err := json.Unmarshal(v, &pg); err != nil {
					return fmt.Errorf("decode page %s: %w", k, err)
				}
				t := pg.DocTitle
				if t == "" {
					t = pg.Title
				}
				if pg.Error != "" || t == "" || !onHost(pg.FinalURL, host) {
					continue
				}
				found = append(found, titled{t, pg.FetchedAt})
				kept++
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: host titles %s: %w", host, err)
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].at.After(found[j].at) })
	if len(found) > n {
		found = found[:n]
	}
	titles := make([]string, len(found))
	for i, f := range found {
		titles[i] = f.title
	}
	return titles, nil
}

// onHost reports whether raw (a final URL; empty for a page stored
// without one) is on host (and port), with or without "www.".
func onHost(raw, host string) bool {
	if raw == "" {
		return true
	}
	u, err := url.Parse(raw)
	return err == nil && strings.TrimPrefix(strings.ToLower(u.Host), "www.") == host
}
