package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
)

// run runs the command line with environ and returns its output.
func run(t *testing.T, environ []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = Run(context.Background(), args, environ, &out, &errOut)
	return out.String(), errOut.String(), err
}

// pageServer serves two article pages and a 404, and answers as the
// Wayback Machine: with no capture of anything, or with one of /gone when
// archived is true.
func pageServer(t *testing.T, archived ...bool) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/cdx/search/cdx":
			w.Header().Set("Content-Type", "application/json")
			u := r.URL.Query().Get("url")
			if len(archived) == 0 || !archived[0] || !strings.HasSuffix(u, "/gone") {
				fmt.Fprint(w, "[]")
				return
			}
			fmt.Fprintf(w, `[["timestamp","original","statuscode","mimetype","digest"],["20141002100000",%q,"200","text/html","DIGEST"]]`, u)
			return
		case "/wayback/available":
			w.Header().Set("Content-Type", "application/json")
			u := r.URL.Query().Get("url")
			if len(archived) == 0 || !archived[0] || !strings.HasSuffix(u, "/gone") {
				fmt.Fprintf(w, `{"url": %q, "archived_snapshots": {}}`, u)
				return
			}
			fmt.Fprintf(w, `{"url": %q, "archived_snapshots": {"closest": {"status": "200", "available": true, "url": "%s/web/20141002100000/%s", "timestamp": "20141002100000"}}}`, u, srv.URL, u)
			return
		case "/web/20141002100000id_/" + srv.URL + "/gone":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>Disparu, mais archivé</title></head><body><article><h1>Disparu, mais archivé</h1>
<p>Cette page a disparu du web depuis longtemps, mais la Wayback Machine en garde une copie fidèle.</p></article></body></html>`)
			return
		}
		switch r.URL.Path {
		case "/go-1-3":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html lang="en"><head><title>Go 1.3 is released | The Go Blog</title>
<meta property="og:site_name" content="The Go Blog"></head><body><nav><a href="/">Home</a></nav>
<article><h1>Go 1.3 is released</h1><p class="byline">18 June 2014</p>
<p>Today we are happy to announce the release of Go 1.3. This release comes six months after our last major release and provides better performance, improved tools, support for running Go in new environments, and more.</p>
<p>All Go users should upgrade to Go 1.3.</p></article></body></html>`)
		case "/latin1":
			w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
			// "Problème d'encodage" and "é" in ISO-8859-1.
			w.Write([]byte("<html><head><title>Probl\xe8me d'encodage</title></head><body><article><h1>Probl\xe8me d'encodage</h1><p>Cette page est \xe9crite en ISO-8859-1, comme beaucoup de vieux blogs fran\xe7ais qui n'ont jamais \xe9t\xe9 convertis.</p></article></body></html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// writeArchive writes a current-format tweets.js whose posts link to base.
func writeArchive(t *testing.T, base string) string {
	t.Helper()
	dir := t.TempDir()
	tweet := func(id, at, text, url, tag string) string {
		return fmt.Sprintf(`{"tweet":{"id_str":%q,"id":%q,"created_at":%q,"full_text":%q,"retweeted":false,
"entities":{"hashtags":[{"text":%q,"indices":["0","1"]}],"urls":[{"url":"https://t.co/x","expanded_url":%q,"display_url":"x","indices":["0","1"]}],"user_mentions":[],"symbols":[]}}}`,
			id, id, at, text, tag, url)
	}
	js := "window.YTD.tweets.part0 = [\n" + strings.Join([]string{
		tweet("517300000000000001", "Wed Oct 01 07:12:00 +0000 2014", "Go 1.3 https://t.co/x #golang", base+"/go-1-3", "golang"),
		tweet("517300000000000002", "Thu Oct 02 09:00:00 +0000 2014", "Encodage https://t.co/x #web", base+"/latin1", "web"),
		tweet("517300000000000003", "Thu Oct 02 10:00:00 +0000 2014", "Disparu &amp; oublié https://t.co/x #web", base+"/gone", "web"),
		tweet("517300000000000004", "Mon Oct 06 10:00:00 +0000 2014", "Next week https://t.co/x #golang", base+"/next", "golang"),
	}, ",\n") + "\n]\n"
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "tweets.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestImportDigestStatus(t *testing.T) {
	srv := pageServer(t)
	db := filepath.Join(t.TempDir(), "moisson.db")
	environ := []string{"MOISSON_DB=" + db, "MOISSON_POST_STYLE=definition", "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error", "WAYBACK_BASE_URL=" + srv.URL}
	arch := writeArchive(t, srv.URL)

	out, _, err := run(t, environ, "import", arch)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "4 posts read, 4 new") {
		t.Errorf("import said %q", out)
	}
	out, _, err = run(t, environ, "import", arch)
	if err != nil || !strings.Contains(out, "4 posts read, 0 new") {
		t.Errorf("second import: %q %v, want nothing new", out, err)
	}

	md, _, err := run(t, environ, "digest", "--week", "2014-W40", "--stdout")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"### golang\n\n[Go 1.3 is released](" + srv.URL + "/go-1-3)\n: Today we are happy to announce the release of Go 1.3.",
		"### web\n\n[Problème d'encodage](" + srv.URL + "/latin1)\n: Cette page est écrite en ISO-8859-1",
		"(" + srv.URL + "/gone)",
		"Disparu & oublié",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("post lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "/next") {
		t.Errorf("a post of the next week is in this one:\n%s", md)
	}

	blog := t.TempDir()
	out, _, err = run(t, environ, "digest", "--week", "2014-10-02", "--out", blog)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(blog, "_posts", "2014-10-03-compilation-veille.md")); err != nil {
		t.Fatalf("post not written (%q): %v", out, err)
	}
	out, _, err = run(t, environ, "digest", "--week", "2014-W40", "--out", blog)
	if err != nil || !strings.Contains(out, "unchanged") {
		t.Errorf("same week again: %q %v, want unchanged", out, err)
	}

	out, _, err = run(t, environ, "status")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"posts      4", "1 failed", "/gone", "404", "2014-W40", "MOISSON_DB=" + db} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}

func TestDigestTakesGonePagesFromTheWaybackMachine(t *testing.T) {
	srv := pageServer(t, true)
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_POST_STYLE=definition", "MOISSON_ALLOW_PRIVATE_NETWORKS=1",
		"MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error", "WAYBACK_BASE_URL=" + srv.URL}
	if _, _, err := run(t, environ, "import", writeArchive(t, srv.URL)); err != nil {
		t.Fatal(err)
	}
	md, _, err := run(t, environ, "digest", "--week", "2014-W40", "--stdout", "--wayback=false")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "[Disparu & oublié]("+srv.URL+"/gone)") {
		t.Errorf("--wayback=false: the gone page is not titled from its post:\n%s", md)
	}
	md, _, err = run(t, environ, "digest", "--week", "2014-W40", "--stdout")
	if err != nil {
		t.Fatal(err)
	}
	// Taken from the capture, linked to the live URL with the capture
	// after it (MOISSON_DEADLINK_STYLE=annotate, the default).
	want := "[Disparu, mais archivé](" + srv.URL + "/gone) ([archive](" + srv.URL + "/web/"
	if !strings.Contains(md, want) || !strings.Contains(md, "/gone))\n: Cette page a disparu du web depuis longtemps") {
		t.Errorf("post lacks %q and the lead after it:\n%s", want, md)
	}
	// MOISSON_DEADLINK_STYLE=archive: the link points to the capture.
	md, _, err = run(t, append(environ, "MOISSON_DEADLINK_STYLE=archive"), "digest", "--week", "2014-W40", "--stdout")
	if err != nil {
		t.Fatal(err)
	}
	if want := "[Disparu, mais archivé](" + srv.URL + "/web/"; !strings.Contains(md, want) || strings.Contains(md, "([archive]") {
		t.Errorf("archive style: post lacks %q:\n%s", want, md)
	}
}

func TestImportMalformedArchiveKeepsTheStore(t *testing.T) {
	srv := pageServer(t)
	db := filepath.Join(t.TempDir(), "moisson.db")
	environ := []string{"MOISSON_DB=" + db}
	if _, _, err := run(t, environ, "import", writeArchive(t, srv.URL)); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "tweets.js")
	if err := os.WriteFile(bad, []byte("window.YTD.tweets.part0 = [\n{\"tweet\": {\"id_str\": \"1\",\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := run(t, environ, "import", bad)
	if err == nil || !strings.Contains(err.Error(), "tweets.js") {
		t.Fatalf("malformed archive: %v, want an error naming the file", err)
	}
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(context.Background())
	if err != nil || stats.Posts != 4 {
		t.Fatalf("store after a failed import: %+v %v, want the 4 posts kept", stats, err)
	}
}

func TestScrapeJSON(t *testing.T) {
	srv := pageServer(t)
	// A closed port: a dead host.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String() + "/"
	l.Close()
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "m.db"), "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error"}
	out, _, err := run(t, environ, "scrape", "--json", srv.URL+"/go-1-3", srv.URL+"/gone", dead)
	if err == nil || !strings.Contains(err.Error(), "2 of 3") {
		t.Errorf("error %v, want 2 of 3 failed", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want one JSON object per URL:\n%s", len(lines), out)
	}
	var got []scrapeResult
	for _, line := range lines {
		var r scrapeResult
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		got = append(got, r)
	}
	if got[0].Title != "Go 1.3 is released" || got[0].Kind != "html" || got[0].Status != 200 || got[0].Site != "The Go Blog" || got[0].Error != "" {
		t.Errorf("page: %+v", got[0])
	}
	if got[1].Status != 404 || got[1].Error == "" {
		t.Errorf("404: %+v", got[1])
	}
	if got[2].Error == "" || got[2].Status != 0 {
		t.Errorf("dead host: %+v", got[2])
	}
}

func TestScrapeRefusesLoopbackByDefault(t *testing.T) {
	srv := pageServer(t)
	environ := []string{"MOISSON_LOG_LEVEL=error"}
	out, _, err := run(t, environ, "scrape", "--no-store", "--json", srv.URL+"/go-1-3")
	if err == nil {
		t.Fatal("a loopback address was fetched without MOISSON_ALLOW_PRIVATE_NETWORKS")
	}
	if !strings.Contains(out, "private") {
		t.Errorf("the error does not say why: %s", out)
	}
}

func TestSecondProcessOnTheStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "moisson.db")
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, _, err = run(t, []string{"MOISSON_DB=" + db}, "status")
	if err == nil || !strings.Contains(err.Error(), "in use by another moisson process") {
		t.Fatalf("error %v, want a clear message that the store is in use", err)
	}
}

func TestUsage(t *testing.T) {
	if _, stderr, err := run(t, nil, "frobnicate"); !errors.Is(err, errUsage) || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: %v %q", err, stderr)
	}
	if out, _, err := run(t, nil, "help"); err != nil || !strings.Contains(out, "backfill") {
		t.Errorf("help: %v %q", err, out)
	}
	if _, _, err := run(t, nil, "digest"); err == nil || !strings.Contains(err.Error(), "MOISSON_BLOG_DIR") {
		t.Errorf("digest without a blog: %v", err)
	}
}

// status --failed N lists the N most recent failures, as the README says.
func TestStatusListsTheLastFailures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "moisson.db")
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for i, u := range []string{"https://c.example/newest", "https://a.example/oldest", "https://b.example/middle"} {
		age := map[int]time.Duration{0: 0, 1: 48 * time.Hour, 2: 24 * time.Hour}[i]
		p := moisson.Page{URL: u, Status: 404, Error: "404 Not Found", Permanent: true, FetchedAt: at.Add(-age)}
		if err := st.PutPage(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, []string{"MOISSON_DB=" + db, "MOISSON_LOG_LEVEL=error"}, "status", "--failed", "2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "/newest") || !strings.Contains(out, "/middle") || strings.Contains(out, "/oldest") {
		t.Fatalf("status --failed 2 does not list the two most recent failures:\n%s", out)
	}
	if strings.Index(out, "/newest") > strings.Index(out, "/middle") {
		t.Errorf("failures not listed newest first:\n%s", out)
	}
}

// signalWriter closes first on the first write.
type signalWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	first chan struct{}
}

func (w *signalWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.buf.Len() == 0 {
		close(w.first)
	}
	return w.buf.Write(b)
}

// scrape prints each result as soon as it is had: with one page that
// answers only later, the others are printed first.
func TestScrapeStreamsResults(t *testing.T) {
	gate := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			<-gate
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Page %s</title></head><body><article><p>The opening paragraph of %s, long enough to be its lead.</p></article></body></html>`, r.URL.Path, r.URL.Path)
	}))
	defer srv.Close()
	defer func() {
		select {
		case <-gate:
		default:
			close(gate)
		}
	}()
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_POST_STYLE=definition", "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error"}
	out := &signalWriter{first: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		// Two hosts (127.0.0.1 and localhost), so that politeness does
		// not queue the fast page behind the slow one.
		fast := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/fast"
		done <- Run(context.Background(), []string{"scrape", "--json", srv.URL + "/slow", fast}, environ, out, io.Discard)
	}()
	select {
	case <-out.first:
	case err := <-done:
		t.Fatalf("scrape ended before the slow page answered: %v", err)
	case <-time.After(time.Minute):
		t.Fatal("nothing printed while the slow page was pending")
	}
	close(gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "/fast") || !strings.Contains(lines[1], "/slow") {
		t.Fatalf("output %q, want the fast page first, then the slow one", lines)
	}
}

// digest never overwrites a post edited by hand in the blog: it keeps
// the author's file, says so and exits 1; --force overwrites it.
func TestDigestKeepsAHandEditedPost(t *testing.T) {
	srv := pageServer(t)
	blog := t.TempDir()
	environ := []string{"MOISSON_DB=" + filepath.Join(t.TempDir(), "moisson.db"), "MOISSON_POST_STYLE=definition", "MOISSON_ALLOW_PRIVATE_NETWORKS=1",
		"MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error", "WAYBACK_BASE_URL=" + srv.URL, "MOISSON_BLOG_DIR=" + blog}
	if _, _, err := run(t, environ, "import", writeArchive(t, srv.URL)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(t, environ, "digest", "--week", "2014-W40"); err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(blog, "_posts", "2014-10-03-compilation-veille.md")
	b, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	mine := string(b) + "\nMon mot de la fin, écrit à la main.\n"
	if err := os.WriteFile(post, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, environ, "digest", "--week", "2014-W40", "--refresh")
	if err == nil || !strings.Contains(err.Error(), "edited by hand") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("digest over a hand-edited post: %v, want an error saying so and naming --force", err)
	}
	if got, _ := os.ReadFile(post); string(got) != mine {
		t.Fatal("digest overwrote the author's file")
	}
	out, _, err := run(t, environ, "status")
	if err != nil || !strings.Contains(out, "edited by hand") {
		t.Errorf("status does not show the conflict (%v):\n%s", err, out)
	}
	if _, _, err := run(t, environ, "digest", "--week", "2014-W40", "--force"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(post); strings.Contains(string(got), "Mon mot de la fin") {
		t.Fatal("--force did not regenerate the post")
	}
}

// TestEnvFileMissingIsAnError: an --env-file that names no file stops the
// command with a non-zero exit and says which file, instead of running on
// the defaults.
func TestEnvFileMissingIsAnError(t *testing.T) {
	home := t.TempDir()
	cmd := exec.Command(moissonBinary(t), "--env-file", filepath.Join(home, "nope.env"), "config")
	cmd.Dir = home
	cmd.Env = baseEnviron(home)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("moisson --env-file missing: err %v, want a non-zero exit; output:\n%s", err, out)
	}
	if !strings.Contains(string(out), "nope.env") {
		t.Errorf("output does not name the missing file:\n%s", out)
	}
}
