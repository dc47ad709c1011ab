package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson/scrape"
)

// TestDigestRescuesPastWeekLinks: in a week that is over, three links
// whose live page says nothing of what was shared are taken from the
// Wayback Machine's copy from before the share: a parked domain (Sedo's
// lander, answered 200), a server that refuses connections, and a page
// behind a Cloudflare challenge (403). The first two link to the live URL
// with the copy after it; the bot wall keeps its live link with no
// archive mark, and only its words come from the copy.
func TestDigestRescuesPastWeekLinks(t *testing.T) {
	lander, err := os.ReadFile(filepath.Join("..", "..", "scrape", "testdata", "parked", "sedo.html"))
	if err != nil {
		t.Fatal(err)
	}
	// A port that refuses connections: a listener opened, then closed.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/refused"
	ln.Close()

	var srv *httptest.Server
	copies := map[string]string{}
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/cdx/search/cdx":
			// The CDX API's JSON rows, the first naming the fields asked.
			w.Header().Set("Content-Type", "application/json")
			u := r.URL.Query().Get("url")
			if _, ok := copies[u]; !ok {
				fmt.Fprint(w, "[]")
				return
			}
			fmt.Fprintf(w, `[["timestamp","original","statuscode","mimetype","digest"],["20140930100000",%q,"200","text/html","SHA1DIGEST"]]`, u)
		case strings.HasPrefix(r.URL.Path, "/web/20140930100000id_/"):
			title, ok := copies[strings.TrimPrefix(r.URL.RequestURI(), "/web/20140930100000id_/")]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<html><head><title>%s</title></head><body><article><h1>%s</h1>
<p>Le texte de la page telle qu'elle était avant de disparaître, gardé par la Wayback Machine.</p></article></body></html>`, title, title)
		case r.URL.Path == "/parked":
			w.Header().Set("Content-Type", "text/html")
			w.Write(lander)
		case r.URL.Path == "/wall":
			w.Header().Set("Cf-Mitigated", "challenge")
			w.Header().Set("Server", "cloudflare")
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to continue</noscript><div id="challenge-platform"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	copies[srv.URL+"/parked"] = "Avant la vente du domaine"
	copies[refused] = "Un serveur éteint depuis"
	copies[srv.URL+"/wall"] = "Derrière le mur"

	dir := t.TempDir()
	tweet := func(id, url string) string {
		return fmt.Sprintf(`{"tweet":{"id_str":%q,"id":%q,"created_at":"Wed Oct 01 07:12:00 +0000 2014","full_text":"Lu https://t.co/x #web","retweeted":false,
"entities":{"hashtags":[{"text":"web","indices":["0","1"]}],"urls":[{"url":"https://t.co/x","expanded_url":%q,"display_url":"x","indices":["0","1"]}],"user_mentions":[],"symbols":[]}}}`, id, id, url)
	}
	js := "window.YTD.tweets.part0 = [\n" + tweet("517300000000000011", srv.URL+"/parked") + ",\n" +
		tweet("517300000000000012", refused) + ",\n" + tweet("517300000000000013", srv.URL+"/wall") + "\n]\n"
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "tweets.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_POST_STYLE=definition", "MOISSON_ALLOW_PRIVATE_NETWORKS=1",
		"MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error", "WAYBACK_BASE_URL=" + srv.URL, "MOISSON_WAYBACK_RATE=6000/min"}
	if _, _, err := run(t, environ, "import", dir); err != nil {
		t.Fatal(err)
	}
	md, _, err := run(t, environ, "digest", "--week", "2014-W40", "--stdout")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"[Avant la vente du domaine](" + srv.URL + "/parked) ([archive](" + srv.URL + "/web/20140930100000/" + srv.URL + "/parked))",
		"[Un serveur éteint depuis](" + refused + ") ([archive](" + srv.URL + "/web/20140930100000/" + refused + "))",
		"[Derrière le mur](" + srv.URL + "/wall)\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("post lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "oldblog-example.com") || strings.Contains(md, "Related Searches") {
		t.Errorf("the parking lander's words are published:\n%s", md)
	}

	// backfill of the same links into a fresh store writes the same.
	blog := t.TempDir()
	environ[0] = "MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db")
	if _, stderr, err := run(t, environ, "backfill", "--from", "2014-09-29", "--to", "2014-10-05", "--archive", dir, "--out", blog); err != nil {
		t.Fatalf("backfill: %v\n%s", err, stderr)
	}
	posts, _ := filepath.Glob(filepath.Join(blog, "_posts", "*.md"))
	if len(posts) != 1 {
		t.Fatalf("backfill wrote %v, want one post", posts)
	}
	written, err := os.ReadFile(posts[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[Avant la vente du domaine](", "[Un serveur éteint depuis](", "[Derrière le mur](" + srv.URL + "/wall)\n"} {
		if !strings.Contains(string(written), want) {
			t.Errorf("backfill's post lacks %q:\n%s", want, written)
		}
	}
}

// TestScrapeJSONAndStatusShowProvenance: `scrape --json` prints where the
// title and lead came from; `status` counts the coming week's titles that
// are guesses (made from the post's text, as for a link not scraped yet).
func TestScrapeJSONAndStatusShowProvenance(t *testing.T) {
	srv := pageServer(t)
	db := filepath.Join(t.TempDir(), "moisson.db")
	environ := []string{"MOISSON_DB=" + db, "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error"}
	out, _, err := run(t, environ, "scrape", "--json", srv.URL+"/go-1-3")
	if err != nil {
		t.Fatal(err)
	}
	var r scrapeResult
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &r); err != nil {
		t.Fatalf("not JSON: %q", out)
	}
	if r.TitleSource == "" || r.TitleConfidence == "" || r.LeadSource != "paragraph" || r.LeadConfidence == "" {
		t.Errorf("scrape --json: %+v, want the title's and lead's sources and confidences", r)
	}

	// A post of this week whose link was not scraped: its title is the
	// post's text, a guess.
	dir := t.TempDir()
	now := time.Now().UTC().Format(time.RubyDate)
	js := fmt.Sprintf(`window.YTD.tweets.part0 = [{"tweet":{"id_str":"1","id":"1","created_at":%q,"full_text":"Un titre deviné https://t.co/x","retweeted":false,
"entities":{"hashtags":[],"urls":[{"url":"https://t.co/x","expanded_url":%q,"display_url":"x","indices":["0","1"]}],"user_mentions":[],"symbols":[]}}}]`, now, srv.URL+"/not-yet")
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "tweets.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, environ, "import", dir); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, environ, "status")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 title to check") {
		t.Errorf("status lacks the count of titles to check:\n%s", out)
	}
}

// TestOneWaybackLimiterPerProcess: every Wayback client the commands of
// one process make (run's rescues, the archiver, the sweep, the daemon's
// answers to its socket clients) waits in the same queue.
func TestOneWaybackLimiterPerProcess(t *testing.T) {
	e := &env{}
	s := scrape.New(scrape.Options{})
	if a, b := e.wayback(s), e.wayback(scrape.New(scrape.Options{})); a.Limiter() != b.Limiter() {
		t.Errorf("two Wayback limiters in one process")
	}
}
