package scrape

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

// TestScrapeParkedLive: every parked page of testdata/parked (the landers
// of Sedo, Bodis, ParkingCrew, GoDaddy, Dan.com, HugeDomains, Above, and
// sale notices in French and German), served live with 200, makes a page
// that is gone for good (Permanent, ErrParked), with no title nor lead of
// the lander's: the Wayback copy from before the share stands in for it,
// as for a 404. The articles of testdata/notparked, which speak of
// parking, stay pages.
func TestScrapeParkedLive(t *testing.T) {
	mux := http.NewServeMux()
	serve := func(dir string) []string {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.html"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no pages in testdata/%s: %v", dir, err)
		}
		var names []string
		for _, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := dir + "/" + strings.TrimSuffix(filepath.Base(f), ".html")
			mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Write(body)
			})
			names = append(names, name)
		}
		return names
	}
	parked, notParked := serve("parked"), serve("notparked")
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s := testScraper(Options{Timeout: 5 * time.Second})
	for _, name := range parked {
		p := s.Scrape(context.Background(), srv.URL+"/"+name)
		if p.OK() || !p.Permanent || !strings.Contains(p.Error, ErrParked.Error()) {
			t.Errorf("%s: OK=%v Permanent=%v Error=%q, want a permanent parked-domain failure", name, p.OK(), p.Permanent, p.Error)
		}
		if p.Title != "" || p.Lead != "" || p.Status != http.StatusOK {
			t.Errorf("%s: title %q lead %q status %d, want no words of the lander's", name, p.Title, p.Lead, p.Status)
		}
	}
	for _, name := range notParked {
		if p := s.Scrape(context.Background(), srv.URL+"/"+name); !p.OK() || p.Title == "" {
			t.Errorf("%s: %q (%s), want the article", name, p.Title, p.Error)
		}
	}
}

// TestParkedRedirect: a link whose redirects end on a marketplace or a
// parking service (HugeDomains, Sedo, Afternic, Dan.com) is a domain for
// sale, whatever the lander says; the marketplace's own pages are not.
func TestParkedRedirect(t *testing.T) {
	article := moisson.Page{Title: "Buy now", Lead: strings.Repeat("A long enough page. ", 200)}
	for _, tc := range []struct {
		requested, final string
		parked           bool
	}{
		{"http://oldstartupblog.com/2012/post", "https://www.hugedomains.com/domain_profile.cfm?d=oldstartupblog.com", true},
		{"http://oldblog-example.com/", "https://sedo.com/search/details/?domain=oldblog-example.com", true},
		{"http://weekly-example.com/a", "https://www.afternic.com/forsale/weekly-example.com", true},
		{"http://weekly-example.com/a", "https://dan.com/buy-domain/weekly-example.com", true},
		{"https://sedo.com/us/about-us/", "https://sedo.com/us/about-us/", false},
		{"https://blog.example.com/a", "https://blog.example.com/b", false},
		{"https://blog.example.com/a", "", false},
	} {
		if got := Parked(tc.requested, tc.final, article, nil) != ""; got != tc.parked {
			t.Errorf("%s -> %s: parked %v, want %v", tc.requested, tc.final, got, tc.parked)
		}
	}
}

// TestParkedLiveRescuedFromBefore: the live page parked, the Wayback
// Machine's capture from before the share is the rescue (the later one,
// parked too, is passed over).
func TestParkedLiveRescuedFromBefore(t *testing.T) {
	lander, err := os.ReadFile(filepath.Join("testdata", "parked", "sedo.html"))
	if err != nil {
		t.Fatal(err)
	}
	live := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(lander)
	}))
	defer live.Close()
	clock := newFakeClock()
	f := newFakeArchive(t, clock)
	u := live.URL + "/2014/10/post.html"
	f.add(u,
		waybackCapture{ts: "20141002000000", status: "200", body: string(lander)},
		waybackCapture{ts: "20140930000000", status: "200", body: goodCapture},
	)
	wb := newTestWayback(t, f, clock, 6000)
	p := wb.s.Scrape(context.Background(), u)
	if p.OK() || !p.Permanent {
		t.Fatalf("live parked page: OK=%v Permanent=%v", p.OK(), p.Permanent)
	}
	r := wb.Rescue(context.Background(), u, time.Date(2014, 10, 1, 12, 0, 0, 0, time.UTC))
	if !r.OK() || r.Title != "Gone but archived" || !strings.Contains(r.Snapshot, "/web/20140930000000/") {
		t.Errorf("rescue: %q from %q (%s), want the capture from before the share", r.Title, r.Snapshot, r.Error)
	}
}

// TestParkedWords: the words of a sale or a placeholder mark a page with
// next to no text, not an article that quotes them.
func TestParkedWords(t *testing.T) {
	for _, tc := range []struct {
		title, lead string
		parked      bool
	}{
		{"example.com is for sale", "Buy this domain.", true},
		{"", "Ce nom de domaine est à vendre.", true},
		{"Account Suspended", "This account has been suspended. Contact your hosting provider for more information.", true},
		{"Apache2 Ubuntu Default Page: It works", "This is the default welcome page used to test the correct operation of the Apache2 server.", true},
		{"Twitter: the president's account suspended", "The company said on Friday that the account was suspended for repeated violations.", false},
		{"It works! A new release of our tool", "We shipped the new version today: faster builds, fewer bugs, and a new logo.", false},
		{"The economics of domain parking", strings.Repeat("Parked pages say this domain is for sale and show ads. ", 20), false},
	} {
		if got := Parked("", "", moisson.Page{Title: tc.title, Lead: tc.lead}, nil) != ""; got != tc.parked {
			t.Errorf("%q / %.40q: parked %v, want %v", tc.title, tc.lead, got, tc.parked)
		}
	}
}
