package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/scrape"
)

// errUsage marks a wrong command line (an unknown command or flag, a bad
// flag value, an unexpected argument): main exits 2 on it. Run has
// already told what is wrong on stderr.
var errUsage = errors.New("usage")

// usageError is a wrong command line, told in one line.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }
func (u *usageError) Unwrap() error { return errUsage }

// usagef returns a usage error: the command line is wrong, not the work.
func usagef(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...)}
}

// failure wraps the error of a command's work, to tell it apart from the
// command line's errors that cobra returns.
type failure struct{ err error }

func (f failure) Error() string { return f.err.Error() }

// env carries what every command needs: the configuration, where to
// write, the logger and the clock.
type env struct {
	cfg Config
	// loadErr holds the errors of reading the variables: reported with
	// those of Validate, all at once, by the commands that need the
	// configuration (configure).
	loadErr error
	environ []string
	envFile string    // --env-file, ".env" by default
	dbFlag  string    // --db
	stdin   io.Reader // os.Stdin: `init` asks its questions there on a terminal
	stdout  io.Writer
	stderr  io.Writer
	log     *slog.Logger
	now     func() time.Time
	// transport, when set, replaces the guarded network transport for
	// scraping (the demo serves its pages in-process).
	transport http.RoundTripper
	// waybackLim paces every Wayback request of the process: made once,
	// shared by every command and the daemon's socket clients.
	waybackLim *scrape.WaybackLimiter
}

// Run runs the command line args with the environment environ (KEY=VALUE
// strings). It is main without the process: tests drive it end to end.
// It returns nil on success, an error wrapping errUsage when the command
// line is wrong (already told on stderr), and the command's error
// otherwise.
func Run(ctx context.Context, args, environ []string, stdout, stderr io.Writer) error {
	e := &env{environ: environ, envFile: ".env", stdin: os.Stdin, stdout: stdout, stderr: stderr, now: time.Now,
		log: slog.New(slog.DiscardHandler)}
	root := e.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return nil
	}
	var f failure
	if errors.As(err, &f) {
		return f.err
	}
	// Anything else is cobra's: the command line is wrong.
	return e.usageFailed(cmd, err)
}

// usageFailed tells on stderr what is wrong with the command line, in
// one line, with the likely commands or flags and where the help is.
func (e *env) usageFailed(cmd *cobra.Command, err error) error {
	if err == errUsage {
		return err // told already
	}
	msg, suggestions := splitSuggestions(err.Error())
	fmt.Fprintf(e.stderr, "moisson: %s\n", msg)
	if len(suggestions) > 0 {
		fmt.Fprintf(e.stderr, "Did you mean %s?\n", strings.Join(suggestions, " or "))
	}
	path := "moisson"
	if cmd != nil && cmd.Name() != "help" {
		path = cmd.CommandPath()
	}
	fmt.Fprintf(e.stderr, "Run '%s --help' for usage.\n", path)
	if errors.Is(err, errUsage) {
		return err
	}
	return &usageError{msg: msg}
}

// splitSuggestions cuts cobra's "\n\nDid you mean this?\n\tNAME\n" (and
// ours, for flags) off an error's text.
func splitSuggestions(s string) (string, []string) {
	msg, rest, ok := strings.Cut(s, "\n\nDid you mean this?\n")
	if !ok {
		return strings.TrimSpace(s), nil
	}
	var names []string
	for _, l := range strings.Split(rest, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, l)
		}
	}
	return strings.TrimSpace(msg), names
}

const rootLong = `moisson turns the links you share on X/Twitter, Bluesky, Mastodon and in
feeds into a weekly "moisson de liens" post for your Jekyll or Hugo blog.

Configuration comes from the environment and ./.env (see .env.example):
every variable is checked before a command starts, and all the problems
are told at once. "moisson config" shows the settings in effect and where
each comes from.

Exit status: 0 when all went well, 1 when the work failed (a source, a
page, a publication, the configuration), 2 when the command line is wrong.`

// rootCommand builds the command tree. Commands read the configuration
// only when they run: help, version and completion work whatever the
// environment.
func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "moisson",
		Short:         "A weekly links post from what you share",
		Long:          rootLong,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Without a command: the help, on stderr, and exit status 2 (a
		// cron line that lost its command must not pass for a success).
		RunE: func(cmd *cobra.Command, args []string) error {
			cmd.SetOut(e.stderr)
			if err := cmd.Help(); err != nil {
				return err
			}
			return errUsage
		},
	}
	root.SetVersionTemplate("moisson {{.Version}}\n")
	root.PersistentFlags().StringVar(&e.envFile, "env-file", ".env", "read the variables of this file before the environment's")
	root.PersistentFlags().StringVar(&e.dbFlag, "db", "", "the store (default MOISSON_DB)")
	root.SetFlagErrorFunc(flagError)
	root.AddGroup(&cobra.Group{ID: "main", Title: "Commands:"}, &cobra.Group{ID: "more", Title: "More commands:"})
	for _, c := range []*cobra.Command{
		e.runCommand(), e.digestCommand(), e.backfillCommand(), e.statusCommand(), e.reviewCommand(),
		e.importCommand(), e.scrapeCommand(), e.demoCommand(), e.initCommand(),
	} {
		c.GroupID = "main"
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{
		e.linkcheckCommand(), e.rereadCommand(), e.templateCommand(), e.configCommand(), e.healthCommand(), versionCommand(),
	} {
		c.GroupID = "more"
		root.AddCommand(c)
	}
	root.SetHelpCommand(helpCommand(root))
	root.SetHelpCommandGroupID("more")
	root.SetCompletionCommandGroupID("more")
	return root
}

// helpCommand is `moisson help [COMMAND]`: the command's help on stdout,
// exit status 2 for a command that does not exist.
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of a command: moisson help run is moisson run --help.",
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []cobra.Completion
			for _, sub := range root.Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil {
				return err
			}
			if len(rest) > 0 {
				return usagef("unknown help topic %q", strings.Join(args, " "))
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// flagError makes pflag's errors usage errors, with the flag meant when
// one is near the unknown one.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "unknown flag: --")
	if !ok {
		return usagef("%s", msg)
	}
	var near []string
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		if d := levenshtein(name, f.Name); d <= 2 || strings.HasPrefix(f.Name, name) {
			near = append(near, "--"+f.Name)
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	if len(near) > 0 {
		msg += "\n\nDid you mean this?\n\t" + strings.Join(near, "\n\t") + "\n"
	}
	return usagef("%s", msg)
}

// levenshtein is the edit distance between a and b.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// noArgs refuses positional arguments.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unexpected argument %q: %s takes none", args[0], cmd.CommandPath())
	}
	return nil
}

// needArgs wants at least one positional argument, described by what.
func needArgs(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usagef("%s needs %s", cmd.CommandPath(), what)
		}
		return nil
	}
}

// action wraps a command's work: the variables read (not yet checked:
// configure does it, after the flags that change settings), and its
// errors told apart from the command line's.
func (e *env) action(fn func(ctx context.Context, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if f := cmd.Flag("env-file"); f != nil && f.Changed {
			if _, err := os.Stat(e.envFile); err != nil {
				return failure{fmt.Errorf("--env-file %s: %s (give an existing file, or leave the flag out to read ./.env when it exists)", e.envFile, describeFileError(err))}
			}
		}
		e.load()
		err := fn(cmd.Context(), args)
		switch {
		case err == nil, errors.Is(err, errUsage):
			return err
		}
		return failure{err}
	}
}

// load reads the variables into e.cfg; their errors wait in e.loadErr.
func (e *env) load() {
	e.cfg, e.loadErr = loadConfig(e.environ, e.envFile)
	if e.dbFlag != "" {
		e.cfg.DB = e.dbFlag
		e.cfg.setFromFlag("MOISSON_DB", "--db")
	}
}

// configure checks the configuration (every problem at once) and sets up
// the logger.
func (e *env) configure() error {
	if err := joinConfigErrors(e.loadErr, e.cfg.Validate()); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	e.log = newLogger(e.stderr, e.cfg.LogLevel, e.cfg.LogFormat)
	return nil
}

// versionString is the module's version and the VCS revision it was built
// from, as the build info has them.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += ", revision " + rev
		if at != "" {
			v += " of " + at
		}
		if modified {
			v += " (modified)"
		}
	}
	return v + ", " + info.GoVersion
}

// versionCommand is `moisson version`.
func versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the revision moisson was built from",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "moisson %s\n", versionString())
			return err
		},
	}
}

func newLogger(w io.Writer, level, format string) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if strings.EqualFold(format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func (e *env) openStore() (*archive.Store, error) {
	st, err := archive.Open(e.cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("open store (MOISSON_DB=%s): %w", e.cfg.DB, err)
	}
	return st, nil
}

func (e *env) scraper() *scrape.Scraper { return e.storeScraper(nil) }

// storeScraper is the scraper whose extraction reads, for each page, the
// <title>s of the pages of its host already in st (nil: none).
func (e *env) storeScraper(st *archive.Store) *scrape.Scraper {
	var hostTitles func(context.Context, string) []string
	var hasImage func(context.Context, string, bool) bool
	if st != nil {
		hasImage = st.HasImage
		hostTitles = func(ctx context.Context, host string) []string {
			titles, err := st.HostTitles(ctx, host, 20)
			if err != nil {
				// A hint only: the title is cut on the page's own
				// evidence.
				e.log.Debug("host titles not read", "host", host, "err", err)
			}
			return titles
		}
	}
	delay := e.cfg.HostDelay
	if delay == 0 {
		delay = -1 // scrape.Options reads 0 as "the default"; here it means none
	}
	return scrape.New(scrape.Options{
		UserAgent:    e.cfg.UserAgent,
		Timeout:      e.cfg.FetchTimeout,
		MaxBodyBytes: e.cfg.MaxBodyBytes,
		AllowPrivate: e.cfg.AllowPrivate,
		Concurrency:  e.cfg.Concurrency,
		HostDelay:    delay,
		Transport:    e.transport,
		Now:          e.now,
		Logger:       e.log,
		Language:     strings.ToLower(e.cfg.Lang),
		HostTitles:   hostTitles,
		Thumbnails:   e.cfg.Images.Thumbnails || e.cfg.Images.Images,
		PostImages:   e.cfg.Images.Images,
		ImageWidth:   e.cfg.Images.Width,
		HasImage:     hasImage,
	})
}

func (e *env) digestConfig() (digest.Config, error) {
	dc := digest.DefaultConfig()
	dc.Location = e.cfg.location
	dc.CutoffDay, dc.CutoffHour, dc.CutoffMinute = e.cfg.cutDay, e.cfg.cutHour, e.cfg.cutMin
	dc.IncludeReplies = e.cfg.IncludeReplies
	dc.Format = digest.Format(e.cfg.BlogFormat)
	if e.cfg.Categories != "" {
		cats, err := digest.LoadCategories(e.cfg.Categories)
		if err != nil {
			return dc, fmt.Errorf("MOISSON_CATEGORIES: %w", err)
		}
		dc.Categories = cats
	}
	// After the categories: the language's uncategorised section is
	// checked with them.
	if err := e.cfg.postConfig(&dc); err != nil {
		return dc, err
	}
	e.cfg.Images.apply(&dc, e.cfg.BlogFormat)
	return dc, nil
}
