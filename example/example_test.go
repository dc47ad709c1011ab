package example

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"

	"github.com/moisson/moisson"
)

// archiveTweet is the part of an archive tweet the tests look at.
type archiveTweet struct {
	ID        string `json:"id_str"`
	CreatedAt string `json:"created_at"`
	FullText  string `json:"full_text"`
	ReplyTo   string `json:"in_reply_to_screen_name"`
	ReplyToID string `json:"in_reply_to_status_id_str"`
	Entities  struct {
		Hashtags []struct {
			Text string `json:"text"`
		} `json:"hashtags"`
		URLs []struct {
			URL         string `json:"url"`
			ExpandedURL string `json:"expanded_url"`
		} `json:"urls"`
		Media []struct {
			ExpandedURL string `json:"expanded_url"`
		} `json:"media"`
	} `json:"entities"`
}

func (t archiveTweet) time(tb testing.TB) time.Time {
	tb.Helper()
	at, err := time.Parse(time.RubyDate, t.CreatedAt)
	if err != nil {
		tb.Fatalf("tweet %s: %v", t.ID, err)
	}
	return at
}

func (t archiveTweet) urls() []string {
	var us []string
	for _, u := range t.Entities.URLs {
		us = append(us, u.ExpandedURL)
	}
	for _, m := range t.Entities.Media {
		us = append(us, m.ExpandedURL)
	}
	return us
}

// readJS decodes one of the archive's data/*.js files.
func readJS(tb testing.TB, name, global string, v any) {
	tb.Helper()
	b, err := fs.ReadFile(Archive(), name)
	if err != nil {
		tb.Fatal(err)
	}
	prefix := global + " = "
	if !bytes.HasPrefix(b, []byte(prefix)) {
		tb.Fatalf("%s does not start with %q", name, prefix)
	}
	if err := json.Unmarshal(b[len(prefix):], v); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
}

// tweets returns the archive's tweets, oldest first.
func tweets(tb testing.TB) []archiveTweet {
	tb.Helper()
	var items []struct {
		Tweet archiveTweet `json:"tweet"`
	}
	readJS(tb, "data/tweets.js", "window.YTD.tweets.part0", &items)
	ts := make([]archiveTweet, len(items))
	for i, it := range items {
		ts[len(items)-1-i] = it.Tweet
	}
	for i := 1; i < len(ts); i++ {
		if !ts[i-1].time(tb).Before(ts[i].time(tb)) {
			tb.Fatalf("tweets.js is not newest first at %s", ts[i].ID)
		}
	}
	return ts
}

func TestAccount(t *testing.T) {
	var items []struct {
		Account struct {
			AccountID, Username, AccountDisplayName string
		} `json:"account"`
	}
	readJS(t, "data/account.js", "window.YTD.account.part0", &items)
	if len(items) != 1 || items[0].Account.AccountID == "" || items[0].Account.Username == "" {
		t.Fatalf("account.js = %+v", items)
	}
}

func TestArchiveLinksHavePages(t *testing.T) {
	seen := make(map[string]bool)
	twitter := 0
	for _, tw := range tweets(t) {
		for _, u := range tw.urls() {
			if !moisson.IsShareable(u) {
				twitter++
				continue
			}
			seen[u] = true
			_, ok := lookupURL(t, u)
			if u == DeadURL {
				if ok {
					t.Errorf("dead link %s has a page", u)
				}
				continue
			}
			if !ok {
				t.Errorf("tweet %s: no page for %s", tw.ID, u)
			}
		}
	}
	if !seen[DeadURL] {
		t.Errorf("no post shares the dead link %s", DeadURL)
	}
	if twitter != 2 {
		t.Errorf("%d links to X itself, want 2", twitter)
	}
	for _, e := range Expected() {
		if !seen[e.URL] {
			t.Errorf("no post shares %s", e.URL)
		}
	}
}

func lookupURL(tb testing.TB, raw string) (page, bool) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, raw, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return lookup(req.URL.Host, req.URL.Path, req.URL.RawQuery)
}

// manifestURLs lists pages/manifest.json.
func manifestURLs(tb testing.TB) map[string]page {
	tb.Helper()
	b, err := FS.ReadFile("pages/manifest.json")
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]page
	if err := json.Unmarshal(b, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestTransport(t *testing.T) {
	client := &http.Client{Transport: Transport(), Timeout: 5 * time.Second}
	m := manifestURLs(t)
	if len(m) != 47+7+2+2 {
		t.Errorf("manifest has %d URLs, want 58 (47 of the week, 7 more, 2 redirects, 2 images)", len(m))
	}
	for raw, p := range m {
		t.Run(raw, func(t *testing.T) {
			resp, err := client.Get(raw)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			want := p
			if p.Location != "" {
				if p.Status != http.StatusMovedPermanently {
					t.Errorf("redirect status %d", p.Status)
				}
				if got := resp.Request.URL.String(); got != p.Location {
					t.Errorf("ended at %s, want %s", got, p.Location)
				}
				want = m[p.Location]
			}
			if got := resp.Header.Get("Content-Type"); got != want.ContentType || got == "" {
				t.Errorf("Content-Type %q, want %q", got, want.ContentType)
			}
			if len(body) == 0 || int64(len(body)) != resp.ContentLength {
				t.Errorf("body of %d bytes, Content-Length %d", len(body), resp.ContentLength)
			}
			if len(body) > 16<<10 {
				t.Errorf("page of %d bytes: keep the pages small", len(body))
			}
		})
	}
	for _, raw := range []string{DeadURL, "https://example.com/", "http://blog.cloudflare.com/nope/"} {
		resp, err := client.Get(raw)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", raw, resp.StatusCode)
		}
	}
}

func TestTransportContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, Expected()[0].URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&http.Client{Transport: Transport()}).Do(req); err == nil {
		t.Error("no error for a cancelled request")
	}
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	// Every host resolves to the test server.
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 5 * time.Second}
	for _, e := range Expected() {
		if e.URL == e.FinalURL {
			continue
		}
		resp, err := client.Get(e.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Request.URL.String() != e.FinalURL {
			t.Errorf("%s: status %d at %s, want 200 at %s", e.URL, resp.StatusCode, resp.Request.URL, e.FinalURL)
		}
	}
	resp, err := client.Get(DeadURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("dead link: status %d", resp.StatusCode)
	}
}

// refEntry is one entry of testdata/reference.md.
type refEntry struct {
	Section, Title, URL, Lead string
}

var refLink = regexp.MustCompile(`^\[(.+)\]\((\S+)\)\s*$`)

func readReference(tb testing.TB) (headings []string, entries []refEntry) {
	tb.Helper()
	b, err := os.ReadFile("testdata/reference.md")
	if err != nil {
		tb.Fatal(err)
	}
	var section string
	var lead []string
	flush := func() {
		if len(entries) > 0 && lead != nil {
			entries[len(entries)-1].Lead = strings.Join(lead, "\n")
		}
		lead = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "### "):
			flush()
			section = strings.TrimSpace(line[4:])
			headings = append(headings, section)
		case refLink.MatchString(line):
			flush()
			m := refLink.FindStringSubmatch(line)
			entries = append(entries, refEntry{Section: section, Title: m[1], URL: m[2]})
		case strings.HasPrefix(line, ": "):
			lead = append(lead, collapse(line[2:]))
		case strings.TrimSpace(line) == "":
			flush()
		case lead != nil:
			lead = append(lead, collapse(line))
		}
	}
	flush()
	return headings, entries
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestExpectedMatchesReference(t *testing.T) {
	headings, refs := readReference(t)
	exp := Expected()
	if len(exp) != 47 || len(refs) != 47 {
		t.Fatalf("%d expected entries and %d in the reference, want 47", len(exp), len(refs))
	}
	var sections []string
	for _, e := range exp {
		if len(sections) == 0 || sections[len(sections)-1] != e.Section {
			sections = append(sections, e.Section)
		}
	}
	if strings.Join(sections, ",") != strings.Join(headings, ",") {
		t.Errorf("sections %v, want the reference's headings %v", sections, headings)
	}
	for i, e := range exp {
		r := refs[i]
		if e.Section != r.Section || e.Title != r.Title || e.URL != r.URL {
			t.Errorf("entry %d = %q %q %q, want %q %q %q", i, e.Section, e.Title, e.URL, r.Section, r.Title, r.URL)
		}
		if e.FinalURL == "" {
			t.Errorf("entry %d: no final URL", i)
		}
		if e.Opening != r.Lead && !strings.HasSuffix(e.URL, ".pdf") {
			t.Errorf("entry %d: opening\n%q\nwant\n%q", i, e.Opening, r.Lead)
		}
	}
}

// pageText returns the text of the page served for raw, tags removed,
// entities decoded, whitespace collapsed; the Info title for a PDF.
func pageText(tb testing.TB, raw string) (text, title string) {
	tb.Helper()
	resp, err := (&http.Client{Transport: Transport()}).Get(raw)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	ct := resp.Header.Get("Content-Type")
	if ct == "application/pdf" {
		r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			tb.Fatalf("%s: %v", raw, err)
		}
		title = r.Trailer().Key("Info").Key("Title").Text()
		pr, err := r.GetPlainText()
		if err != nil {
			tb.Fatalf("%s: %v", raw, err)
		}
		tb, err := io.ReadAll(pr)
		if err != nil {
			panic(err)
		}
		return collapse(string(tb)), title
	}
	s := string(b)
	switch {
	case strings.Contains(ct, "windows-1252"):
		d, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			tb.Fatal(err)
		}
		s = string(d)
	case strings.Contains(s, "charset=iso-8859-1"):
		d, err := charmap.ISO8859_1.NewDecoder().Bytes(b)
		if err != nil {
			tb.Fatal(err)
		}
		s = string(d)
	}
	if m := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(s); m != nil {
		title = html.UnescapeString(m[1])
	}
	s = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`).ReplaceAllString(s, "")
	return collapse(html.UnescapeString(s)), title
}

func TestPagesHoldTitleAndOpening(t *testing.T) {
	for _, e := range Expected() {
		text, title := pageText(t, e.URL)
		want := strings.TrimSuffix(e.Title, " (PDF)")
		if !strings.Contains(title, want) {
			t.Errorf("%s: <title> %q does not hold %q", e.URL, title, want)
		}
		if !strings.Contains(text, want) {
			t.Errorf("%s: page does not hold its title %q", e.URL, want)
		}
		for _, p := range strings.Split(e.Opening, "\n") {
			if !strings.Contains(text, p) {
				t.Errorf("%s: page does not hold %q", e.URL, p)
			}
		}
		if i := strings.Index(text, strings.Split(e.Opening, "\n")[0]); i >= 0 && strings.Count(text[i:], " ") < 100 {
			t.Errorf("%s: too little text after the opening", e.URL)
		}
	}
}

func TestPostsOfTheWeek(t *testing.T) {
	w := Week()
	if got := w.End.UTC(); !got.Equal(time.Date(2014, 10, 3, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("cutoff %v", got)
	}
	var account []struct {
		Account struct{ Username string } `json:"account"`
	}
	readJS(t, "data/account.js", "window.YTD.account.part0", &account)
	self := account[0].Account.Username

	exp := Expected()
	first := make(map[string]int) // URL -> position of its first post in the week
	var order []string
	var before, after, replies, selfReplies, retweets int
	for _, tw := range tweets(t) {
		at := tw.time(t)
		switch {
		case at.Before(w.Start):
			before++
			continue
		case !at.Before(w.End):
			after++
			continue
		}
		switch {
		case strings.HasPrefix(tw.FullText, "RT @"):
			retweets++
		case tw.ReplyTo == self:
			selfReplies++
			if tw.ReplyToID == "" {
				t.Errorf("self-reply %s replies to no post", tw.ID)
			}
		case tw.ReplyTo != "":
			replies++
			continue
		}
		for _, u := range tw.urls() {
			if !moisson.IsShareable(u) {
				continue
			}
			if _, ok := first[u]; ok {
				continue
			}
			first[u] = len(order)
			order = append(order, u)
			if len(tw.Entities.Hashtags) == 0 {
				t.Errorf("tweet %s has no hashtag", tw.ID)
			}
			if u == DeadURL {
				if tw.Entities.Hashtags[0].Text != Dead().Section || !strings.HasPrefix(html.UnescapeString(tw.FullText), Dead().Title+" ") {
					t.Errorf("dead link's post %q does not match Dead()", tw.FullText)
				}
				continue
			}
		}
	}
	if before != 3 || after != 2 || replies != 2 || selfReplies != 1 || retweets != 1 {
		t.Errorf("%d posts before the week, %d after, %d replies, %d self-replies, %d retweets; want 3, 2, 2, 1, 1", before, after, replies, selfReplies, retweets)
	}
	if len(order) != 48 {
		t.Fatalf("%d links in the week, want 48", len(order))
	}
	for i, e := range exp {
		if order[i] != e.URL {
			t.Fatalf("link %d of the week is %s, want %s", i, order[i], e.URL)
		}
	}
	if order[47] != DeadURL {
		t.Errorf("last link %s, want the dead one", order[47])
	}
	// The first hashtag of each link's first post is its section.
	done := make(map[string]bool)
	for _, tw := range tweets(t) {
		for _, u := range tw.urls() {
			i, ok := first[u]
			if !ok || i >= 47 || done[u] {
				continue
			}
			done[u] = true
			if got := tw.Entities.Hashtags[0].Text; got != exp[i].Section {
				t.Errorf("%s: first hashtag #%s, want #%s", u, got, exp[i].Section)
			}
		}
	}
}

func TestSize(t *testing.T) {
	var total int64
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 1<<20 {
		t.Errorf("embedded example data is %d bytes, keep it under 1 MiB", total)
	}
}
