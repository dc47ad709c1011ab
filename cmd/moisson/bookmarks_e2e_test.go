package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
)

// TestImportBookmarksThenBackfill imports a browser's bookmark export
// (Netscape bookmark HTML, with a note, tags and non-ASCII text) through
// moisson import, then backfills its two weeks: each week's post is
// written with its bookmarks, titled and led from their pages, the note
// as the comment and the tags as sections.
func TestImportBookmarksThenBackfill(t *testing.T) {
	const site = "http://127.0.77.1:7701"
	titles := map[string]string{
		"/signets/iterateurs": "Les itérateurs de Go",
		"/signets/raft":       "Raft, l'article",
		"/signets/avant":      "La semaine d'avant",
	}
	lead := func(title string) string {
		return "Le premier paragraphe de « " + title + " », assez long pour être pris pour l'ouverture de l'article par l'extraction."
	}
	samplePages(t, titles, lead)
	wayback := pageServer(t)
	dc := digest.DefaultConfig()
	at := func(s string) int64 {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, dc.Location)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Unix()
	}
	work := t.TempDir()
	export := filepath.Join(work, "bookmarks.html")
	html := `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks Menu</H1>
<DL><p>
    <DT><A HREF="` + site + `/signets/avant" ADD_DATE="` + itoa(at("2024-09-24 10:00")) + `" TAGS="Go">La semaine d'avant</A>
    <DT><A HREF="` + site + `/signets/iterateurs" ADD_DATE="` + itoa(at("2024-10-01 10:00")) + `" TAGS="Go,itérateurs">Itérateurs</A>
    <DD>À relire : « range » sur une fonction.
    <DT><A HREF="` + site + `/signets/raft" ADD_DATE="` + itoa(at("2024-10-02 18:00")) + `" TAGS="consensus">Raft</A>
    <DT><A HREF="place:sort=8">Recent</A>
</DL><p>
`
	if err := os.WriteFile(export, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	blog := filepath.Join(work, "blog")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	environ := []string{"HOME=" + work, "MOISSON_POST_STYLE=definition", "MOISSON_DB=" + filepath.Join(work, "moisson.db"), "MOISSON_BLOG_DIR=" + blog,
		"MOISSON_LISTEN=off", "MOISSON_ALLOW_PRIVATE_NETWORKS=1", "MOISSON_HOST_DELAY=0s", "MOISSON_LOG_LEVEL=error",
		"WAYBACK_BASE_URL=" + wayback.URL}

	out, stderr, err := run(t, environ, "import", export)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if want := "3 posts read, 3 new, from 2024-09-24 to 2024-10-02"; !strings.Contains(out, want) {
		t.Errorf("import says %q, want %q", out, want)
	}
	if _, stderr, err := run(t, environ, "backfill", "--from", "2024-09-22", "--to", "2024-10-03"); err != nil {
		t.Fatalf("backfill: %v\n%s", err, stderr)
	}
	week := func(day string) moisson.Week {
		d, err := time.ParseInLocation(time.DateOnly, day, dc.Location)
		if err != nil {
			t.Fatal(err)
		}
		return dc.WeekOf(d.Add(12 * time.Hour))
	}
	u := func(path string) string { return site + path }
	for _, c := range []struct {
		week moisson.Week
		want []keylessEntry
		not  []string
	}{
		{week("2024-09-24"), []keylessEntry{
			{url: u("/signets/avant"), section: "Go", title: titles["/signets/avant"], lead: lead(titles["/signets/avant"])},
		}, []string{u("/signets/iterateurs"), u("/signets/raft")}},
		{week("2024-10-01"), []keylessEntry{
			{url: u("/signets/iterateurs"), section: "Go", title: titles["/signets/iterateurs"], lead: lead(titles["/signets/iterateurs"]), comment: "À relire : « range » sur une fonction."},
			{url: u("/signets/raft"), section: "consensus", title: titles["/signets/raft"], lead: lead(titles["/signets/raft"])},
		}, []string{u("/signets/avant"), "place:"}},
	} {
		path := filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: c.week}.Path(dc)))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("week %s: no post: %v\nposts: %v", c.week.ID, err, postFiles(t, blog))
			continue
		}
		post := string(data)
		for _, w := range c.want {
			if n := linkCount(post, w.url); n != 1 {
				t.Errorf("week %s: %d entries of %s, want 1", c.week.ID, n, w.url)
				continue
			}
			at := strings.Index(post, "["+w.title+"]("+w.url+")")
			if at < 0 {
				t.Errorf("week %s: %s not titled %q", c.week.ID, w.url, w.title)
				continue
			}
			// Its section is the last heading before it.
			if h := strings.LastIndex(post[:at], "\n### "); h < 0 || !strings.HasPrefix(post[h+len("\n### "):], w.section+"\n") {
				t.Errorf("week %s: %s not under ### %s", c.week.ID, w.url, w.section)
			}
			block := post[at:]
			if next := strings.Index(block[1:], "\n### "); next > 0 {
				block = block[:next+1]
			}
			if !strings.Contains(block, w.lead) || w.comment != "" && !strings.Contains(block, w.comment) {
				t.Errorf("week %s: %s lacks its lead or its comment:\n%s", c.week.ID, w.url, block)
			}
		}
		for _, u := range c.not {
			if strings.Contains(post, u) {
				t.Errorf("week %s: %s is in the post", c.week.ID, u)
			}
		}
		if t.Failed() {
			t.Logf("week %s:\n%s", c.week.ID, post)
		}
	}

	// An export with no bookmark is refused with a clear error.
	empty := filepath.Join(work, "empty.html")
	if err := os.WriteFile(empty, []byte("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<DL><p>\n</DL><p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, environ, "import", empty)
	if err == nil || !strings.Contains(err.Error(), "no bookmark to import") || !strings.Contains(err.Error(), "empty.html") {
		t.Errorf("import of an empty export: %v, want an error naming the file and saying no bookmark", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
