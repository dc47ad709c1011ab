package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/feed"
	"github.com/moisson/moisson/setup"
	"github.com/moisson/moisson/site"
)

// initCommand is `moisson init`: the settings that fit a blog, asked on a
// terminal or taken from flags, written to .env.
func (e *env) initCommand() *cobra.Command {
	var o initOptions
	cmd := &cobra.Command{
		Use:   "init [BLOG_DIR]",
		Short: "Set moisson up for a blog: detect it, ask for your sources, write .env",
		Long: `Init reads the blog in BLOG_DIR (default: the current folder): Jekyll,
Hugo, Eleventy, Zola or a plain folder, its permalink, language and theme;
checks its git checkout (origin, branch, identity, a dry-run push); asks
for your sources; picks the slug, language, posts folder and format that
fit, saying why; writes .env (mode 0600); then shows the last finished
week as it would be written, and the next step.

On a terminal it asks; elsewhere, or with --yes, it takes the flags and
chooses the rest. A wrong answer writes nothing.`,
		Example: `  moisson init ~/blog
  moisson init ~/blog --yes --feed https://example.org/ --bluesky you.bsky.social`,
		Args: cobra.MaximumNArgs(1),
		RunE: e.action(func(ctx context.Context, args []string) error {
			if len(args) == 1 {
				o.answers.BlogDir = args[0]
			}
			return runInit(ctx, e, &o)
		}),
	}
	f := cmd.Flags()
	f.BoolVarP(&o.yes, "yes", "y", false, "ask nothing: take the flags and choose the rest")
	f.StringVar(&o.envOut, "env-out", ".env", "where to write the settings")
	f.BoolVar(&o.force, "force", false, "replace an existing --env-out file")
	f.BoolVar(&o.preview, "preview", true, "read the sources and show the last finished week as it would be written")
	f.StringVar(&o.answers.Format, "format", "", "jekyll, hugo, eleventy, zola, astro or markdown (default: the blog's generator's)")
	f.StringVar(&o.answers.Lang, "lang", "", "fr or en (default: the blog's)")
	f.StringVar(&o.answers.Slug, "slug", "", `the post's slug: "week" or a pattern (default: fits the permalink)`)
	f.StringVar(&o.answers.PostDir, "post-dir", "", "the posts' folder in the blog (default: the blog's)")
	f.StringSliceVar(&o.answers.Feeds, "feed", nil, "a feed, or a home page whose feeds are found (repeatable)")
	f.StringVar(&o.answers.Bluesky, "bluesky", "", "your Bluesky handle")
	f.StringVar(&o.answers.Mastodon, "mastodon", "", "your Mastodon account, @you@instance")
	f.StringVar(&o.answers.XUsername, "x-username", "", "your X username (the X API is paid; X_BEARER_TOKEN from the environment)")
	f.StringVar(&o.answers.Publish, "publish", "", "auto, review or after:48h (default review)")
	f.StringVar(&o.push, "push", "", "commit and push each post: yes or no (default: yes when the checkout can push)")
	f.StringVar(&o.answers.RunAs, "run-as", "", "how moisson will run: run, systemd or docker")
	return cmd
}

type initOptions struct {
	answers             setup.Answers
	yes, force, preview bool
	envOut, push        string
}

func runInit(ctx context.Context, e *env, o *initOptions) error {
	a := &o.answers
	interactive := !o.yes && isTerminal(e.stdin)
	in := bufio.NewReader(e.stdin)
	ask := func(question, def string) (string, error) {
		if !interactive {
			return def, nil
		}
		if def != "" {
			fmt.Fprintf(e.stdout, "%s [%s]: ", question, def)
		} else {
			fmt.Fprintf(e.stdout, "%s: ", question)
		}
		line, err := in.ReadString('\n')
		if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
			return "", fmt.Errorf("init: reading the answer: %w", err)
		}
		if line = strings.TrimSpace(line); line == "" {
			return def, nil
		}
		return line, nil
	}
	if a.BlogDir == "" {
		dir, err := ask("The blog's folder", ".")
		if err != nil {
			return err
		}
		a.BlogDir = dir
	}
	s, err := site.Detect(a.BlogDir)
	if err != nil {
		return fmt.Errorf("init: %w", err)
	}
	fmt.Fprintf(e.stdout, "Blog: %s site in %s", s.Kind, s.Dir)
	if s.Permalink != "" {
		fmt.Fprintf(e.stdout, ", permalink %s", s.Permalink)
		if !s.HasDatePart() {
			fmt.Fprint(e.stdout, " (no date part)")
		}
	}
	if s.Lang != "" {
		fmt.Fprintf(e.stdout, ", language %s", s.Lang)
	}
	if s.Theme != "" {
		fmt.Fprintf(e.stdout, ", theme %s", s.Theme)
	}
	fmt.Fprintln(e.stdout)

	if a.Push == nil && o.push != "" {
		b, err := parseYesNo(o.push)
		if err != nil {
			return usagef("--push %q: want yes or no", o.push)
		}
		a.Push = &b
	}
	wantPush := a.Push == nil || *a.Push
	git := setup.CheckGit(ctx, a.BlogDir, e.environ, wantPush)
	switch {
	case git.Checkout && len(git.Problems) == 0:
		fmt.Fprintf(e.stdout, "Git: %s", git.Summary())
		if git.Pushed {
			fmt.Fprint(e.stdout, ", a dry-run push is accepted")
		}
		fmt.Fprintln(e.stdout)
	default:
		for _, p := range git.Problems {
			fmt.Fprintf(e.stdout, "Git: %s\n", p)
		}
	}

	if interactive {
		if a.Lang == "" {
			def, ok := s.Language()
			if !ok {
				def = "en"
			}
			if a.Lang, err = ask("The post's language, fr or en", def); err != nil {
				return err
			}
		}
		if len(a.Feeds) == 0 && a.Bluesky == "" && a.Mastodon == "" && a.XUsername == "" {
			fmt.Fprintln(e.stdout, "Sources: give those you use, Enter to skip one.")
			feeds, err := ask("  Feeds or home pages (bookmarks, your blog's links), separated by spaces", "")
			if err != nil {
				return err
			}
			a.Feeds = strings.Fields(feeds)
			if a.Bluesky, err = ask("  Bluesky handle (read without keys)", ""); err != nil {
				return err
			}
			if a.Mastodon, err = ask("  Mastodon account, @you@instance (read without keys)", ""); err != nil {
				return err
			}
			if a.XUsername, err = ask("  X username (the X API is paid per post read; your archive export is free)", ""); err != nil {
				return err
			}
		}
		if a.XUsername != "" && e.getenv("X_BEARER_TOKEN") == "" {
			fmt.Fprint(e.stdout, "  X bearer token (hidden, Enter to set it later): ")
			tok, err := readSecret(e.stdin, in)
			fmt.Fprintln(e.stdout)
			if err != nil {
				return err
			}
			a.XBearerToken = tok
		}
		if a.Publish == "" {
			review, err := ask("Review each week on the review page before it goes out? yes or no", "yes")
			if err != nil {
				return err
			}
			if b, err := parseYesNo(review); err == nil && !b {
				a.Publish = "auto"
			}
		}
		if a.Push == nil && git.Checkout && len(git.Problems) == 0 {
			push, err := ask("Commit and push each post to "+git.Origin+"? yes or no", "yes")
			if err != nil {
				return err
			}
			if b, err := parseYesNo(push); err == nil {
				a.Push = &b
			}
		}
		if a.RunAs == "" {
			if a.RunAs, err = ask("How will moisson run: run (by hand), systemd or docker", "run"); err != nil {
				return err
			}
		}
	}
	if a.XUsername != "" && a.XBearerToken == "" {
		a.XBearerToken = e.getenv("X_BEARER_TOKEN")
	}

	a.Feeds = nativeProfiles(e.stdout, a)
	if o.preview {
		if err := e.discoverFeeds(ctx, a.Feeds); err != nil {
			return fmt.Errorf("init: %w (nothing was written)", err)
		}
	}

	plan, err := setup.Decide(s, git, *a)
	if err != nil {
		return fmt.Errorf("init: %w (nothing was written)", err)
	}
	fmt.Fprintln(e.stdout, "\nSettings:")
	for _, st := range plan.Settings {
		v := st.Value
		if st.Secret {
			v = "(set, hidden)"
		}
		fmt.Fprintf(e.stdout, "  %s=%s\n      %s\n", st.Key, v, st.Why)
	}
	for _, n := range plan.Notes {
		fmt.Fprintf(e.stdout, "Note: %s\n", n)
	}
	if interactive {
		ok, err := ask("Write them to "+o.envOut+"? yes or no", "yes")
		if err != nil {
			return err
		}
		if b, err := parseYesNo(ok); err != nil || !b {
			fmt.Fprintln(e.stdout, "Nothing written.")
			return nil
		}
	}
	if err := setup.WriteEnv(o.envOut, plan.Env(), o.force); err != nil {
		return fmt.Errorf("init: %w (nothing was written)", err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s (readable by you only).\n", o.envOut)

	if o.preview {
		if err := e.preview(ctx, o.envOut, plan); err != nil {
			fmt.Fprintf(e.stdout, "\nThe preview failed: %v\n(moisson status tells more once it runs)\n", err)
		}
	}
	fmt.Fprintln(e.stdout, "\nNext:")
	switch plan.RunAs {
	case "systemd":
		fmt.Fprintln(e.stdout, "  install the unit deploy/moisson.service (docs/operations.md, \"As a systemd service\"),\n  put this .env in /etc/moisson/env, then: systemctl enable --now moisson")
	case "docker":
		fmt.Fprintln(e.stdout, "  docker run -d --name moisson --env-file "+o.envOut+" -v moisson-data:/data -v "+absOr(a.BlogDir)+":/blog ghcr.io/moisson/moisson\n  (set MOISSON_BLOG_DIR=/blog for the container; docs/operations.md, \"In a container\")")
	default:
		fmt.Fprintln(e.stdout, "  moisson run        (reads your sources every 15 minutes and publishes each week at its cutoff)")
	}
	fmt.Fprintln(e.stdout, "  moisson status     (what it did, what waits, what failed)")
	return nil
}

// preview reads the sources into a scratch store and writes the last
// finished week into a scratch folder, as `run --once` would, then prints
// it: the blog, its git checkout and the real store are not touched.
func (e *env) preview(ctx context.Context, envFile string, plan setup.Plan) error {
	tmp, err := os.MkdirTemp("", "moisson-init-*")
	if err != nil {
		return fmt.Errorf("preview: %w", err)
	}
	defer os.RemoveAll(tmp)
	blog := filepath.Join(tmp, "blog")
	if err := os.Mkdir(blog, 0o755); err != nil {
		return fmt.Errorf("preview: %w", err)
	}
	environ := append(append([]string(nil), e.environ...),
		"MOISSON_BLOG_DIR="+blog, "MOISSON_GIT_PUSH=0", "MOISSON_PUBLISH=auto", "MOISSON_LISTEN=off",
		"MOISSON_ANNOUNCE=", "MOISSON_LINKCHECK=0", "MOISSON_ARCHIVE_LINKS=0")
	fmt.Fprintln(e.stdout, "\nReading your sources for the last finished week (a preview: your blog is not touched)…")
	var out strings.Builder
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	runErr := Run(ctx, []string{"--env-file", envFile, "--db", filepath.Join(tmp, "preview.db"), "run", "--once"}, environ, &out, &out)
	var posts []string
	_ = filepath.WalkDir(blog, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			posts = append(posts, path)
		}
		return nil
	})
	if len(posts) == 0 {
		if runErr != nil {
			return runErr
		}
		fmt.Fprintln(e.stdout, "No link was shared in the last finished week: nothing to show yet.")
		return nil
	}
	last := posts[len(posts)-1]
	text, err := os.ReadFile(last)
	if err != nil {
		return fmt.Errorf("preview: %w", err)
	}
	rel, _ := filepath.Rel(blog, last)
	fmt.Fprintf(e.stdout, "\n--- %s, as it would be written ---\n%s", rel, text)
	listen := e.getenv("MOISSON_LISTEN")
	if listen == "" {
		listen = "127.0.0.1:7080"
	}
	if listen != "off" {
		fmt.Fprintf(e.stdout, "--- reviewed at http://%s/ once moisson runs ---\n", listen)
	}
	return nil
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// readSecret reads a line without echo on a terminal.
func readSecret(r io.Reader, buffered *bufio.Reader) (string, error) {
	if f, ok := r.(*os.File); ok && term.IsTerminal(int(f.Fd())) && buffered.Buffered() == 0 {
		b, err := term.ReadPassword(int(f.Fd()))
		if err != nil {
			return "", fmt.Errorf("init: reading the secret: %w", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	line, err := buffered.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("init: reading the secret: %w", err)
	}
	return strings.TrimSpace(line), nil
}

func absOr(dir string) string {
	if a, err := filepath.Abs(dir); err == nil {
		return a
	}
	return dir
}

// parseYesNo reads an answer: yes/no, y/n, true/false, 1/0, on/off.
func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "true", "yes", "y", "on", "oui", "o":
		return true, nil
	case "0", "false", "no", "n", "off", "non":
		return false, nil
	}
	return false, fmt.Errorf("%q: want yes or no", s)
}

// nativeProfiles moves a Mastodon or Bluesky profile URL given as a feed
// to its native source when that source is not set yet, and says so; it
// returns the feeds left. Home pages are left as they are: their feed is
// found when they are read.
// discoverFeeds reads each feed given and says what it is: a feed, or a
// web page and the feed of it that will be read (run looks for it again
// at each read, so the page's URL is what .env keeps). A page that
// announces no feed is a wrong answer; a feed that cannot be read now is
// said and kept (run tries again and status tells).
func (e *env) discoverFeeds(ctx context.Context, feeds []string) error {
	client := &http.Client{Timeout: 30 * time.Second}
	for _, f := range feeds {
		u, _, err := feed.ParseSpec(f)
		if err != nil {
			return err
		}
		d, err := feed.Discover(ctx, client, e.cfg.UserAgent, u)
		switch {
		case errors.Is(err, feed.ErrNoFeed):
			return fmt.Errorf("%s is a web page that announces no feed (no <link rel=\"alternate\"> of RSS, Atom or JSON Feed): give the feed's own address", moisson.RedactURL(u))
		case err != nil:
			fmt.Fprintf(e.stdout, "Feed: %v: not readable now; kept (moisson run tries again, status tells).\n", err)
		default:
			fmt.Fprintf(e.stdout, "Feed: %s is %s.\n", moisson.RedactURL(u), d)
		}
	}
	return nil
}

func nativeProfiles(w io.Writer, a *setup.Answers) []string {
	var feeds []string
	for _, f := range a.Feeds {
		variable, value, ok := feed.Native(f)
		switch {
		case ok && variable == "MOISSON_MASTODON" && a.Mastodon == "":
			a.Mastodon = value
		case ok && variable == "MOISSON_BLUESKY" && a.Bluesky == "":
			a.Bluesky = value
		default:
			feeds = append(feeds, f)
			continue
		}
		fmt.Fprintf(w, "%s is a profile: %s=%s reads it through its native source (its whole history, every link whole).\n", moisson.RedactURL(f), variable, value)
	}
	return feeds
}
