package main

// The review page as the author uses it (issue 7): the real binary runs
// `moisson run` with MOISSON_PUBLISH=review on a blog checkout with a bare
// remote, writes last week as a draft, and a headless Chromium reviews it
// through the page's forms, with JavaScript on and off; the post written
// and the commit pushed are then read back. Also: `moisson demo --serve`
// serves the example week with the demo's edits, and writes the README's
// screenshot when asked.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/example"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// gitRun runs git in dir and returns its output, failing the test on an
// error.
func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// gitBlog makes a bare remote and a blog checkout of it, on branch main,
// with an author set in the checkout (the test's HOME has no git config).
// Without git the test is skipped, except under CI, where it fails.
func gitBlog(t *testing.T) (remote, blog string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is required under CI")
		}
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	remote, blog = filepath.Join(dir, "remote.git"), filepath.Join(dir, "blog")
	gitRun(t, dir, "init", "--quiet", "--bare", "--initial-branch=main", remote)
	gitRun(t, dir, "clone", "--quiet", remote, blog)
	gitRun(t, blog, "config", "user.name", "moisson test")
	gitRun(t, blog, "config", "user.email", "moisson@example.org")
	gitRun(t, blog, "checkout", "--quiet", "-b", "main")
	return remote, blog
}

// remoteCommits lists the subjects of the remote's main branch, newest
// first; none when the branch does not exist yet.
func remoteCommits(t *testing.T, remote string) []string {
	t.Helper()
	cmd := exec.Command("git", "--git-dir", remote, "log", "--format=%s", "main", "--")
	out, err := cmd.Output()
	if err != nil {
		return nil // no main branch: nothing pushed
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// reviewURL waits for the process to log where it serves the review page
// ("review page" url=http://127.0.0.1:PORT/) and returns the URL without
// its final slash.
func reviewURL(t *testing.T, p *liveProc) string {
	t.Helper()
	var u string
	p.WaitFor("the review page's address", deadline, func(evs []logEvent) bool {
		for _, ev := range evs {
			if ev.str("msg") == "review page" {
				u = ev.str("url")
				return true
			}
		}
		return false
	})
	return strings.TrimSuffix(u, "/")
}

// entryBlock is the Markdown of the entry linking to u in a post, links'
// and text's Markdown escapes removed and whitespace collapsed.
func entryBlock(md []byte, u string) string {
	return norm(mdEscape.ReplaceAllString(entryMarkdown(md, u), "$1"))
}

// TestReviewPageInABrowser is the acceptance test of the review page
// (issue 7), against the real binary and a real headless Chromium: last
// week written as a draft by `moisson run` (MOISSON_PUBLISH=review), then
// reviewed on the page (an entry hidden, a lead edited, a link moved to
// another section, a comment, a link added by hand) and approved; the
// post written in the blog and the commit pushed to the remote are read
// back. Once with JavaScript on, once with it off. Cross-site POSTs
// through the real binary are refused and change nothing, and `moisson
// status` shows the draft while run runs.
func TestReviewPageInABrowser(t *testing.T) {
	browser := reviewtest.StartBrowser(t)
	dc := digest.DefaultConfig()
	// "Last week" must stay last week during the test.
	if left := time.Until(dc.WeekOf(time.Now()).End); left < 3*time.Minute {
		t.Logf("waiting %s for the cutoff to pass", left)
		time.Sleep(left + time.Second)
	}
	for _, js := range []bool{true, false} {
		name := "javascript"
		if !js {
			name = "no-javascript"
		}
		t.Run(name, func(t *testing.T) { reviewLastWeek(t, browser, js) })
	}
}

func reviewLastWeek(t *testing.T, browser context.Context, js bool) {
	start := time.Now()
	dc := digest.DefaultConfig()
	current := dc.WeekOf(time.Now())
	last := dc.WeekOf(current.Start.Add(-time.Nanosecond))
	at := func(d time.Duration) time.Time { return last.Start.Add(d) }

	web := newFakeWeb(t)
	page := func(a, b int, path string) string { return web.HostURL(a, b) + path }
	var (
		goBlog = page(1, 1, "/go-1-26-is-released")
		goTour = page(1, 1, "/tour/concurrency")
		lwn    = page(1, 2, "/Articles/990000/")
		kernel = page(1, 2, "/Articles/990001/")
		ssl    = page(1, 3, "/2026/universal-ssl.html")
		promo  = page(1, 4, "/promo/black-friday")
		added  = page(1, 5, "/2026/added-by-hand.html")
	)
	titles := map[string]string{
		goBlog: "Go 1.26 is released", goTour: "A Tour of Go: concurrency",
		lwn: "The kernel's new scheduler", kernel: "Rust in the kernel, a year later",
		ssl: "Universal SSL: how it scales", promo: "Soldes : tout à moins 50 %",
		added: "Un article ajouté à la main",
	}
	for u, title := range titles {
		web.AddPage(u, &fakePage{Status: http.StatusOK, Title: title,
			Lead: "Le premier paragraphe de « " + title + " », assez long pour être pris pour l'ouverture de l'article par l'extraction."})
	}
	x := &fakeX{Username: "moissonneur", UserID: "2244994945", Bearer: "AAAA-review-bearer-token", Tweets: []fakeTweet{
		{ID: "1900000000000000011", At: at(2 * time.Hour), Text: "Go 1.26 est sorti, et le tour de Go se refait une beauté", URLs: []string{goBlog, goTour}, Tags: []string{"Go"}},
		{ID: "1900000000000000012", At: at(26 * time.Hour), Text: "LWN sur le nouvel ordonnanceur", URLs: []string{lwn}, Tags: []string{"Linux"}},
		{ID: "1900000000000000013", At: at(28 * time.Hour), Text: "Rust dans le noyau", URLs: []string{kernel}, Tags: []string{"Linux"}},
		{ID: "1900000000000000014", At: at(50 * time.Hour), Text: "Comment Cloudflare a passé TLS à l'échelle", URLs: []string{ssl}, Tags: []string{"SSL"}},
		{ID: "1900000000000000015", At: at(74 * time.Hour), Text: "Partagé par erreur", URLs: []string{promo}},
	}}
	web.mu.Lock()
	web.x = x
	web.mu.Unlock()

	remote, blog := gitBlog(t)
	work := t.TempDir()
	environ := baseEnviron(work,
		"MOISSON_DB="+filepath.Join(work, "moisson.db"),
		"MOISSON_BLOG_DIR="+blog,
		"MOISSON_PUBLISH=review",
		"MOISSON_GIT_PUSH=1",
		"MOISSON_HOST_DELAY=1ms",
		"MOISSON_POLL_INTERVAL=1m",
		"X_API_BASE_URL="+web.Base(),
		"X_BEARER_TOKEN="+x.Bearer,
		"X_USERNAME="+x.Username,
		"WAYBACK_BASE_URL="+web.Base(),
	)
	postPath := filepath.Join(blog, filepath.FromSlash(digest.Digest{Week: last}.Path(dc)))

	run := startMoisson(t, "run", work, environ, "run")
	base := reviewURL(t, run)
	run.WaitFor("last week written as a draft", deadline, func(evs []logEvent) bool {
		for _, ev := range evs {
			if ev.str("msg") == "post written" && ev.str("week") == last.ID && ev.str("state") == "draft" {
				return true
			}
		}
		return false
	})
	draft, err := os.ReadFile(postPath)
	if err != nil {
		t.Fatalf("the draft: %v", err)
	}
	if !bytes.Contains(draft, []byte("\npublished: false\n")) {
		t.Errorf("the draft has no \"published: false\":\n%s", draft)
	}
	for u := range titles {
		if n := linkCount(string(draft), u); n != 1 && u != added {
			t.Errorf("the draft links %d times to %s, want 1", n, u)
		}
	}
	if c := remoteCommits(t, remote); len(c) != 0 {
		t.Errorf("a draft was pushed: %q", c)
	}

	// `moisson status` while run runs: asked of the daemon, it shows the
	// draft waiting.
	status := startMoisson(t, "status while run runs", work, environ, "status")
	if code := status.Wait(deadline); code != 0 {
		t.Fatalf("status exited with %d: %s", code, status.Stderr())
	}
	for _, want := range []string{
		"(held by the running daemon)",
		"last post  " + last.ID + ", 6 links, ",
		", draft)",
		"week " + last.ID + ": draft waiting for approval",
	} {
		if !strings.Contains(status.Stdout(), want) {
			t.Errorf("status while run runs does not say %q:\n%s", want, status.Stdout())
		}
	}

	// Requests from another site's page, through the real binary: refused,
	// and nothing changes.
	crossSite(t, base, last.ID, promo)
	if got, err := os.ReadFile(postPath); err != nil || !bytes.Equal(got, draft) {
		t.Errorf("the draft changed after refused cross-site requests (%v)", err)
	}
	if c := remoteCommits(t, remote); len(c) != 0 {
		t.Errorf("a cross-site request published the week: %q", c)
	}
	if n := len(run.Events("review: request refused")); n < 3 {
		t.Errorf("%d refused requests logged, want 3", n)
	}

	// The author's review, in the browser.
	const (
		newLead   = "Un nouvel ordonnanceur pour le noyau, expliqué pas à pas par LWN"
		comment   = "Le billet de la sortie, avec *toutes* les nouveautés du langage"
		addedNote = "Trouvé après coup, il a sa place ici"
	)
	section := "Linux" // an existing section
	if !js {
		section = "À lire aussi" // a new one
	}
	p := reviewtest.NewPage(t, browser, base, js)
	p.Timeout = 30 * time.Second
	steps := []struct {
		name string
		do   func() error
	}{
		{"open the week", func() error { return p.OpenWeek(last.ID) }},
		// With JavaScript the forms are sent in the background: the page
		// is never loaded again and keeps this mark; without, every form
		// loads a new page.
		{"mark the page", func() error { _, err := p.EvalBool("mark", "(window.moissonMark = true)"); return err }},
		{"axe-core, light and dark", func() error { return axeBothThemes(p) }},
		{"hide", func() error { return p.Hide(promo) }},
		{"edit the lead", func() error { return p.EditLead(lwn, newLead) }},
		{"move to " + section, func() error { return p.Move(ssl, section) }},
		{"comment", func() error { return p.Comment(goBlog, comment) }},
		{"add a link", func() error { return p.AddLink(added, "Go", addedNote) }},
		{"axe-core after the edits", func() error { return axeBothThemes(p) }},
		{"approve", p.Approve},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v\nthe process's log:\n%s", st.name, err, run.Stderr())
		}
	}

	kept, err := p.EvalBool("read the mark", "window.moissonMark === true")
	if err != nil {
		t.Fatal(err)
	}
	if kept != js {
		t.Errorf("the page was kept across the steps: %v, want %v (JavaScript %v)", kept, js, js)
	}

	// The post written in the blog.
	b, err := os.ReadFile(postPath)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	if strings.Contains(md, "published: false") {
		t.Errorf("the approved post is still a draft:\n%s", md)
	}
	if linkCount(md, promo) != 0 {
		t.Errorf("the hidden link %s is in the post", promo)
	}
	if got := entryBlock(b, lwn); !strings.Contains(got, newLead) || strings.Contains(got, "Le premier paragraphe") {
		t.Errorf("the entry of %s does not have the new lead only:\n%s", lwn, got)
	}
	if got := entryBlock(b, goBlog); !strings.Contains(got, "avec *toutes* les nouveautés") && !strings.Contains(got, "avec toutes les nouveautés") {
		t.Errorf("the entry of %s has no comment:\n%s", goBlog, got)
	}
	if got := entryBlock(b, added); !strings.Contains(got, "["+titles[added]+"]") || !strings.Contains(got, addedNote) {
		t.Errorf("the link added by hand is not in the post with its page's title and its comment:\n%s", got)
	}
	sections, entries := readPost(t, md)
	in := map[string]string{}
	for _, e := range entries {
		in[e.url] = e.section
	}
	for u, want := range map[string]string{goBlog: "Go", goTour: "Go", added: "Go", lwn: "Linux", kernel: "Linux", ssl: section} {
		if in[u] != want {
			t.Errorf("%s is in section %q, want %q (sections %q)", u, in[u], want, sections)
		}
	}
	if strings.Contains(md, "### SSL") {
		t.Errorf("the SSL section is still there with its only entry moved:\n%s", md)
	}
	if len(entries) != 6 {
		t.Errorf("%d entries in the post, want 6 (5 shared, 1 hidden, 1 added)", len(entries))
	}

	// The commit pushed: the post as written, one commit.
	commits := remoteCommits(t, remote)
	if len(commits) != 1 || !strings.Contains(commits[0], "week "+last.ID) {
		t.Errorf("commits on the remote: %q, want one for week %s", commits, last.ID)
	}
	rel := filepath.ToSlash(digest.Digest{Week: last}.Path(dc))
	if pushed := gitRun(t, remote, "--git-dir", remote, "show", "main:"+rel); pushed != md {
		t.Errorf("the post pushed differs from the file written:\n%s", pushed)
	}
	// Who changed what, in the daemon's log.
	// One request per step: every field of an entry is saved at once.
	done := map[string]bool{}
	n := 0
	for _, ev := range run.Events("review: change") {
		if strings.HasPrefix(ev.str("by"), "page 127.0.0.1") {
			done[ev.str("action")] = true
			n++
		}
	}
	if n != 6 {
		t.Errorf("%d changes logged for 6 steps (hide, lead, move, comment, add, approve), want one each", n)
	}
	for _, action := range []string{"save", "add", "publish"} {
		if !done[action] {
			t.Errorf("no %q change by the page in the log (%v)", action, done)
		}
	}

	after := startMoisson(t, "status after approval", work, environ, "status")
	if code := after.Wait(deadline); code != 0 || strings.Contains(after.Stdout(), "draft") || !strings.Contains(after.Stdout(), "last post  "+last.ID+", 6 links") {
		t.Errorf("status after approval (exit %d) still shows a draft or not the post:\n%s", code, after.Stdout())
	}
	run.Signal(syscall.SIGTERM)
	if code := run.Wait(deadline); code != 0 {
		t.Errorf("run exited with %d on SIGTERM; log:\n%s", code, run.Stderr())
	}
	if t.Failed() {
		t.Logf("the post:\n%s\nthe log:\n%s", md, run.Stderr())
	}
	t.Logf("reviewed and published in %s (JavaScript %v)", time.Since(start).Round(time.Millisecond), js)
}

// axeBothThemes runs axe-core on the page as it is, in the light and the
// dark theme: an error lists the WCAG 2.1 AA violations.
func axeBothThemes(p *reviewtest.Page) error {
	var bad []string
	for _, theme := range []string{"light", "dark"} {
		if err := p.Theme(theme); err != nil {
			return err
		}
		v, err := p.Axe()
		if err != nil {
			return err
		}
		for _, x := range v {
			bad = append(bad, theme+": "+x.String())
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d WCAG 2.1 AA violations:\n%s", len(bad), strings.Join(bad, "\n"))
	}
	return nil
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// crossSite sends the state-changing requests a page of another site
// could send to the review page at base, with the CSRF cookie and token
// of a real visit so that only the Origin gives them away: each must be
// refused with 403 and the week must stay as it was.
func crossSite(t *testing.T, base, week, entry string) {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) []byte {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		return b
	}
	m := csrfInput.FindSubmatch(get("/weeks/" + week))
	if m == nil {
		t.Fatal("no CSRF token in the week's page")
	}
	token := string(m[1])
	before := get("/api/weeks/" + week)

	form := url.Values{"csrf": {token}, "action": {"hide"}, "entry": {entry}}
	api, err := json.Marshal(review.Change{Action: "hide", Entry: entry})
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []struct {
		path, ctype string
		body        []byte
		api         bool
	}{
		{"/weeks/" + week + "/change", "application/x-www-form-urlencoded", []byte(form.Encode()), false},
		{"/weeks/" + week + "/publish", "application/x-www-form-urlencoded", []byte(url.Values{"csrf": {token}}.Encode()), false},
		{"/api/weeks/" + week + "/changes", "application/json", api, true},
	} {
		r, err := http.NewRequest(http.MethodPost, base+req.path, bytes.NewReader(req.body))
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Content-Type", req.ctype)
		r.Header.Set("Origin", "http://attacker.example")
		if req.api {
			r.Header.Set("X-CSRF-Token", token)
		}
		resp, err := client.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || !bytes.Contains(msg, []byte("cross-site")) {
			t.Errorf("POST %s from another Origin: %d %s, want 403 cross-site", req.path, resp.StatusCode, msg)
		}
	}
	var was, is struct {
		Summary review.WeekSummary `json:"summary"`
		Hidden  []json.RawMessage  `json:"hidden"`
	}
	if err := json.Unmarshal(before, &was); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(get("/api/weeks/"+week), &is); err != nil {
		t.Fatal(err)
	}
	if is.Summary.Edits != was.Summary.Edits || len(is.Hidden) != 0 || is.Summary.State != review.StateDraft || is.Summary.Approved {
		t.Errorf("the week changed after refused requests: %+v, was %+v (%d hidden)", is.Summary, was.Summary, len(is.Hidden))
	}
}

// TestDemoServesTheReviewPage runs `moisson demo --serve`: the example
// week is served on the review page with the demo's edits (a comment on
// the first entry, the dead link hidden) until SIGINT. With
// MOISSON_DEMO_SCREENSHOT=docs (a directory from the repository's root)
// it saves the docs' screenshots of that page, taken in a headless
// Chromium: review-light.png and review-dark.png, one per theme.
func TestDemoServesTheReviewPage(t *testing.T) {
	shot := os.Getenv("MOISSON_DEMO_SCREENSHOT")
	var browser context.Context
	if shot != "" {
		browser = reviewtest.StartBrowser(t)
	}
	work := t.TempDir()
	demo := startMoisson(t, "demo --serve", work, baseEnviron(work), "demo", "--serve", "--out", filepath.Join(work, "demo-blog"))
	var pageURL string
	stop := time.Now().Add(deadline)
	for pageURL == "" {
		sc := bufio.NewScanner(strings.NewReader(demo.Stdout()))
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "The review page of the example week: "); ok {
				pageURL = u
			}
		}
		if pageURL != "" {
			break
		}
		if demo.Exited() || time.Now().After(stop) {
			t.Fatalf("demo --serve printed no page address:\n%s\n%s", demo.Stdout(), demo.Stderr())
		}
		time.Sleep(20 * time.Millisecond)
	}
	resp, err := http.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", pageURL, resp.StatusCode, err)
	}
	page := string(body)
	if n := strings.Count(page, `<article class="entry`); n != len(example.Expected())+1 {
		t.Errorf("%d entries on the page, want %d", n, len(example.Expected())+1)
	}
	hidden := strings.Index(page, `id="hidden"`)
	dead := strings.Index(page, `id="`+review.EntryID(example.DeadURL)+`"`)
	if hidden < 0 || dead < hidden {
		t.Errorf("the dead link is not among the hidden entries (hidden section at %d, entry at %d)", hidden, dead)
	}
	if !strings.Contains(page, "À lire avant de renouveler vos certificats") {
		t.Error("the demo's comment is not on the page")
	}

	if shot != "" {
		dir := shot
		if !filepath.IsAbs(dir) {
			// The test runs in cmd/moisson; the path is from the root.
			dir = filepath.Join("..", "..", dir)
		}
		for _, theme := range []string{"light", "dark"} {
			path := filepath.Join(dir, "review-"+theme+".png")
			if err := screenshotWeek(browser, pageURL, theme, path); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot of %s (%s) written to %s", pageURL, theme, path)
		}
	}

	demo.Signal(os.Interrupt)
	if code := demo.Wait(deadline); code != 0 {
		t.Errorf("demo --serve exited with %d on SIGINT:\n%s", code, demo.Stderr())
	}
}

// screenshotWeek saves a PNG of the week's page at u: its top (the week's
// head, the first section with the demo's comment, the preview beside
// it) and, below, its hidden entries and the edit log.
func screenshotWeek(browser context.Context, u, theme, path string) error {
	ctx, cancel := chromedp.NewContext(browser)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, time.Minute)
	defer cancelT()
	const width, height = 1280, 1300
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}}); err != nil {
		return fmt.Errorf("theme %s: %w", theme, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, height),
		chromedp.Navigate(u),
		chromedp.WaitReady(chromedp.CSS(".week-head")),
		// The preview, loaded by the page's script.
		chromedp.WaitReady(chromedp.CSS("#preview dl")),
	); err != nil {
		return fmt.Errorf("open %s: %w", u, err)
	}
	top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	// The hidden entries and the edit log, scrolled to the top of the
	// window and cut out of it.
	type box struct{ X, Y, W, H float64 }
	r, err := chromedp.Run(ctx, chromedp.Evaluate[box](`(function(){
		var h = document.getElementById('hidden'), l = document.getElementById('log') || h;
		window.scrollTo(0, window.scrollY + h.getBoundingClientRect().top - 8);
		var a = h.getBoundingClientRect(), b = l.getBoundingClientRect();
		var x = Math.max(0, Math.min(a.left, b.left) - 8), y = Math.max(0, a.top - 8);
		return {X: x, Y: y, W: Math.max(a.right, b.right) + 8 - x, H: Math.max(a.bottom, b.bottom) + 8 - y};
	})()`))
	if err != nil {
		return fmt.Errorf("find the hidden entries: %w", err)
	}
	bottom, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return fmt.Errorf("screenshot of the hidden entries: %w", err)
	}
	img, err := stack(top, bottom, image.Rect(int(r.X), int(r.Y), int(r.X+r.W), int(min(r.Y+r.H, height))))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// stack puts the second PNG image, cut to crop, under the first, with a
// gap.
func stack(first, second []byte, crop image.Rectangle) (image.Image, error) {
	const gap = 24
	a, err := png.Decode(bytes.NewReader(first))
	if err != nil {
		return nil, fmt.Errorf("decode screenshot: %w", err)
	}
	b, err := png.Decode(bytes.NewReader(second))
	if err != nil {
		return nil, fmt.Errorf("decode screenshot: %w", err)
	}
	crop = crop.Intersect(b.Bounds())
	w := max(a.Bounds().Dx(), crop.Dx())
	out := image.NewRGBA(image.Rect(0, 0, w, a.Bounds().Dy()+gap+crop.Dy()))
	// The page's background (the left margin), with a line between the
	// two parts.
	bg := a.At(a.Bounds().Min.X+2, a.Bounds().Max.Y-2)
	draw.Draw(out, out.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	draw.Draw(out, a.Bounds().Sub(a.Bounds().Min), a, a.Bounds().Min, draw.Src)
	y := a.Bounds().Dy() + gap
	draw.Draw(out, image.Rect(0, y-gap/2-1, w, y-gap/2+1), &image.Uniform{color.RGBA{0xb0, 0xb0, 0xb0, 0xff}}, image.Point{}, draw.Src)
	draw.Draw(out, image.Rect(0, y, crop.Dx(), y+crop.Dy()), b, crop.Min, draw.Src)
	return out, nil
}
