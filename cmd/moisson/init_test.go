package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/moisson/moisson/digest"
)

// initBlog makes a blog checkout holding files, committed and pushed to
// a bare remote; it returns the remote and the checkout.
func initBlog(t *testing.T, files map[string]string) (remote, blog string) {
	t.Helper()
	remote, blog = gitBlog(t)
	for name, content := range files {
		p := filepath.Join(blog, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun(t, blog, "add", "-A")
	gitRun(t, blog, "commit", "--quiet", "-m", "the blog")
	gitRun(t, blog, "push", "--quiet", "origin", "main")
	return remote, blog
}

// initWeb serves a bookmark feed of last week with two links.
func initWeb(t *testing.T) *fakeWeb {
	t.Helper()
	dc := digest.DefaultConfig()
	if left := time.Until(dc.WeekOf(time.Now()).End); left < 3*time.Minute {
		time.Sleep(left + time.Second)
	}
	current := dc.WeekOf(time.Now())
	last := dc.WeekOf(current.Start.Add(-time.Nanosecond))
	web := newFakeWeb(t)
	a, b := web.HostURL(3, 1)+"/a", web.HostURL(3, 2)+"/b"
	web.AddPage(a, &fakePage{Status: http.StatusOK, Title: "Un titre de page", Lead: "Le premier paragraphe de la page, assez long pour servir de chapeau à l'entrée."})
	web.AddPage(b, &fakePage{Status: http.StatusOK, Title: "Another page title", Lead: "The opening paragraph of the other page, long enough to be its lead in the post."})
	web.mu.Lock()
	web.feed = rssFeed([]rssItem{
		{Title: "A", Link: a, Description: "Note A.", Date: last.Start.Add(2 * time.Hour), Category: "Web"},
		{Title: "B", Link: b, Description: "Note B.", Date: last.Start.Add(3 * time.Hour), Category: "Web"},
	})
	web.mu.Unlock()
	return web
}

func readEnvFile(t *testing.T, path string) map[string]string {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf(".env: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf(".env mode %v, want 0600", st.Mode().Perm())
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vars := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			vars[k] = v
		}
	}
	return vars
}

// TestInitYes sets up generated Jekyll and Hugo blogs with real git
// remotes through the binary, with --yes: the settings fit each blog's
// permalink and language, .env is written 0600, the last finished week is
// shown as it would be written, and the blog and its remote are left as
// they were.
func TestInitYes(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		slug     string // MOISSON_SLUG written, "" for none
		lang     string
		format   string
		postLine string // a line of the preview
	}{
		{"jekyll dated, French", map[string]string{"_config.yml": "title: Mon blog\nlang: fr\ntheme: minima\npermalink: /:year/:month/:day/:title/\n"}, "", "fr", "jekyll", "[Un titre de page]("},
		{"jekyll no date, French", map[string]string{"_config.yml": "title: Mon blog\nlang: fr-FR\npermalink: /:title/\n"}, "week", "fr", "jekyll", "[Un titre de page]("},
		{"jekyll no date, English", map[string]string{"_config.yml": "title: My blog\nlang: en\npermalink: /blog/:title.html\n"}, "week", "en", "jekyll", "[Another page title]("},
		{"hugo toml", map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\ndefaultContentLanguage = 'en'\n[permalinks]\nposts = '/:year/:month/:day/:slug/'\n", "content/posts/.keep": ""}, "", "en", "hugo", "[Another page title]("},
		{"hugo yaml", map[string]string{"hugo.yaml": "baseURL: https://example.org/\ndefaultContentLanguage: fr\n", "content/posts/.keep": ""}, "week", "fr", "hugo", "[Un titre de page]("},
		{"eleventy-base-blog", map[string]string{"eleventy.config.js": "export const config = {\n\tdir: {\n\t\tinput: \"content\",\n\t\tincludes: \"../_includes\",\n\t\tdata: \"../_data\",\n\t\toutput: \"_site\"\n\t},\n};\n",
			"content/blog/firstpost.md": "---\ntitle: First\n---\nHi.\n", "_data/metadata.js": "export default {\n\tlanguage: \"en\",\n};\n"}, "", "en", "eleventy", "[Another page title]("},
		{"zola", map[string]string{"config.toml": "base_url = 'https://example.org'\ndefault_language = 'fr'\ntaxonomies = [{name = 'tags'}]\n",
			"content/blog/_index.md": "+++\ntitle = 'Blog'\nsort_by = 'date'\n+++\n", "templates/page.html": "{{ page.content | safe }}\n"}, "week", "fr", "zola", "[Un titre de page]("},
		{"astro blog starter", map[string]string{"astro.config.mjs": "export default {};\n", "src/content.config.ts": "export const collections = {};\n",
			"src/content/blog/first-post.md": "---\ntitle: First\n---\n"}, "", "en", "astro", "[Another page title]("},
	}
	// What init says of a preset's blog.
	presetWhy := map[string][]string{
		"eleventy": {"built by Eleventy (eleventy.config.js)", "content/blog/", "tags: [\"posts\""},
		"zola":     {"built by Zola (config.toml)", "blog section", "+++\ntitle = "},
		"astro":    {"built by Astro (astro.config.mjs)", "src/content/blog", "pubDate: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			web := initWeb(t)
			remote, blog := initBlog(t, tc.files)
			before := remoteCommits(t, remote)
			work := t.TempDir()
			envFile := filepath.Join(work, ".env")
			cmd := exec.Command(moissonBinary(t), "init", blog, "--yes", "--feed", web.Base()+"/feed.xml", "--env-out", envFile)
			cmd.Dir = work
			cmd.Env = baseEnviron(work, "MOISSON_HOST_DELAY=1ms", "MOISSON_DB="+filepath.Join(work, "moisson.db"))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("init: %v\n%s", err, out)
			}
			t.Logf("moisson init said:\n%s", out)
			vars := readEnvFile(t, envFile)
			if vars["MOISSON_SLUG"] != tc.slug || vars["MOISSON_LANG"] != tc.lang || vars["MOISSON_BLOG_FORMAT"] != tc.format {
				t.Errorf("slug %q lang %q format %q, want %q %q %q\n%s", vars["MOISSON_SLUG"], vars["MOISSON_LANG"], vars["MOISSON_BLOG_FORMAT"], tc.slug, tc.lang, tc.format, out)
			}
			if vars["MOISSON_GIT_PUSH"] != "1" || vars["MOISSON_PUBLISH"] != "review" || vars["MOISSON_FEEDS"] != web.Base()+"/feed.xml" {
				t.Errorf(".env: %v", vars)
			}
			if tc.slug == "week" && !strings.Contains(string(out), "has no date part") {
				t.Errorf("the slug's reason is not said:\n%s", out)
			}
			if !strings.Contains(string(out), "as it would be written") || !strings.Contains(string(out), tc.postLine) {
				t.Errorf("no preview of the week with %q:\n%s", tc.postLine, out)
			}
			if !strings.Contains(string(out), "moisson run") {
				t.Errorf("no next step:\n%s", out)
			}
			for _, want := range presetWhy[tc.format] {
				if !strings.Contains(string(out), want) {
					t.Errorf("init does not say %q:\n%s", want, out)
				}
			}
			if got := remoteCommits(t, remote); strings.Join(got, "|") != strings.Join(before, "|") {
				t.Errorf("the remote changed: %v, was %v", got, before)
			}
			if st := gitRun(t, blog, "status", "--porcelain"); st != "" {
				t.Errorf("the blog checkout changed:\n%s", st)
			}
			if _, err := os.Stat(filepath.Join(work, "moisson.db")); err == nil {
				t.Error("the preview wrote into the real store")
			}
		})
	}
}

// TestInitWrongAnswers: a folder that is no blog, a remote that refuses a
// push asked for, a fixed slug on a permalink with no date: each a clear
// message, exit status 1, and no .env.
func TestInitWrongAnswers(t *testing.T) {
	_, okBlog := initBlog(t, map[string]string{"_config.yml": "permalink: /:title/\n"})
	_, refusing := initBlog(t, map[string]string{"_config.yml": "permalink: date\n"})
	gitRun(t, refusing, "remote", "set-url", "origin", filepath.Join(t.TempDir(), "gone.git"))
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"not a blog", []string{"init", empty, "--yes", "--bluesky", "you.bsky.social"}, "no blog found"},
		{"remote refuses", []string{"init", refusing, "--yes", "--bluesky", "you.bsky.social", "--push", "yes"}, "the origin refuses a push"},
		{"fixed slug without date", []string{"init", okBlog, "--yes", "--bluesky", "you.bsky.social", "--slug", "compilation-veille"}, "has no date part"},
		{"no source", []string{"init", okBlog, "--yes"}, "no source given"},
		{"missing folder", []string{"init", filepath.Join(empty, "nope"), "--yes", "--bluesky", "x"}, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			envFile := filepath.Join(work, ".env")
			cmd := exec.Command(moissonBinary(t), append(tc.args, "--env-out", envFile, "--preview=false")...)
			cmd.Dir = work
			cmd.Env = baseEnviron(work)
			out, err := cmd.CombinedOutput()
			if code := exitCode(err); code != 1 {
				t.Errorf("exit status %d, want 1\n%s", code, out)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("output does not say %q:\n%s", tc.want, out)
			}
			if _, err := os.Stat(envFile); err == nil {
				t.Error(".env written on a wrong answer")
			}
		})
	}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// TestInitInteractive answers init's questions through a pseudo-terminal,
// the secret among them: the X token is written to .env and never shown.
func TestInitInteractive(t *testing.T) {
	_, blog := initBlog(t, map[string]string{"_config.yml": "title: Blog\nlang: en\npermalink: /:title/\n"})
	work := t.TempDir()
	envFile := filepath.Join(work, ".env")
	cmd := exec.Command(moissonBinary(t), "init", "--env-out", envFile, "--preview=false")
	cmd.Dir = work
	cmd.Env = baseEnviron(work)
	tty, err := pty.Start(cmd)
	if err != nil {
		t.Fatalf("pty: %v", err)
	}
	defer tty.Close()
	var seen strings.Builder
	answers := []struct{ prompt, answer string }{
		{"The blog's folder", blog},
		{"The post's language", ""},
		{"Feeds or home pages", "https://example.org/"},
		{"Bluesky handle", "you.bsky.social"},
		{"Mastodon account", ""},
		{"X username", "someone"},
		{"X bearer token", "sekrit-token-123"},
		{"Review each week", "no"},
		{"Commit and push", "yes"},
		{"How will moisson run", "systemd"},
		{"Write them to", "yes"},
	}
	buf := make([]byte, 4096)
	for _, a := range answers {
		stop := time.Now().Add(deadline)
		for !strings.Contains(seen.String(), a.prompt) {
			if time.Now().After(stop) {
				t.Fatalf("no prompt %q; the terminal shows:\n%s", a.prompt, seen.String())
			}
			n, err := tty.Read(buf)
			seen.Write(buf[:n])
			if err != nil {
				t.Fatalf("reading the terminal before %q: %v\n%s", a.prompt, err, seen.String())
			}
		}
		if _, err := io.WriteString(tty, a.answer+"\r"); err != nil {
			t.Fatal(err)
		}
		// What the terminal showed is consumed: the next prompt is new.
		rest := seen.String()
		seen.Reset()
		seen.WriteString(rest[strings.Index(rest, a.prompt)+len(a.prompt):])
	}
	rest, _ := io.ReadAll(tty) // until the command exits (EIO)
	seen.Write(rest)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("init: %v\n%s", err, seen.String())
	}
	if strings.Contains(seen.String(), "sekrit-token-123") {
		t.Errorf("the secret was shown:\n%s", seen.String())
	}
	vars := readEnvFile(t, envFile)
	want := map[string]string{
		"MOISSON_LANG": "en", "MOISSON_SLUG": "week", "MOISSON_FEEDS": "https://example.org/",
		"MOISSON_BLUESKY": "you.bsky.social", "X_USERNAME": "someone", "X_BEARER_TOKEN": "sekrit-token-123",
		"MOISSON_PUBLISH": "auto", "MOISSON_GIT_PUSH": "1",
	}
	for k, v := range want {
		if vars[k] != v {
			t.Errorf("%s=%q, want %q", k, vars[k], v)
		}
	}
	if !strings.Contains(seen.String(), "systemctl enable --now moisson") {
		t.Errorf("no systemd next step:\n%s", seen.String())
	}
}
