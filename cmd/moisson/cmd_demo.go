package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/x"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/example"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// demoCommand is `moisson demo [--out DIR] [--serve]`.
func (e *env) demoCommand() *cobra.Command {
	o := demoOptions{out: "demo-blog"}
	cmd := &cobra.Command{
		Use:   "demo [--out DIR] [--serve]",
		Short: "The whole pipeline on the embedded example, offline",
		Long: `Demo runs the whole pipeline (import, scrape, digest, review edits) on
the example embedded in moisson: one week of an X archive and the pages it
links to, served in-process. No network, no credentials; your .env only
gives where to serve the page (--serve) and how to log.`,
		Args: noArgs,
		RunE: e.action(func(ctx context.Context, _ []string) error { return runDemo(ctx, e, o) }),
	}
	cmd.Flags().StringVar(&o.out, "out", o.out, "the blog directory to write the example post into")
	cmd.Flags().BoolVar(&o.serve, "serve", false, "then serve the review page of the example week on MOISSON_LISTEN (default 127.0.0.1:7080) until Ctrl-C")
	return cmd
}

type demoOptions struct {
	out   string
	serve bool
}

// runDemo runs the whole pipeline (import, scrape, store, digest) on the
// example embedded in the binary: an archive of one week of posts and the
// pages they link to, served in-process. It needs no credentials and no
// network.
func runDemo(ctx context.Context, e *env, o demoOptions) error {
	out, serve := &o.out, &o.serve
	// The demo must give the same post on every machine: the example's
	// own settings, not the user's .env, apply; only where to serve the
	// page and how to log are the user's.
	user := e.cfg
	e.cfg = defaultConfig()
	e.loadErr = nil // the user's variables are not the demo's
	e.cfg.HostDelay = 0
	// The reference's title and file name, whatever the defaults become.
	e.cfg.PostTitle, e.cfg.Slug, e.cfg.PostStyle = digest.DefaultTitle, digest.DefaultSlug, string(digest.StyleDefinition)
	e.cfg.LogLevel, e.cfg.LogFormat = user.LogLevel, user.LogFormat
	if err := e.configure(); err != nil {
		return err
	}
	if *serve {
		if user.Listen == "" || user.Listen == "off" {
			return errors.New("demo: --serve needs MOISSON_LISTEN: the address to serve the page on, like 127.0.0.1:7080")
		}
		if err := review.CheckAddr(user.Listen, user.UIToken); err != nil {
			return fmt.Errorf("demo: MOISSON_LISTEN=%q: %w", user.Listen, err)
		}
		e.cfg.Listen, e.cfg.UIToken = user.Listen, user.UIToken
	}
	tmp, err := os.MkdirTemp("", "moisson-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(tmp)
	e.cfg.DB = filepath.Join(tmp, "moisson.db")
	e.transport = example.Transport()

	fmt.Fprintln(e.stdout, "moisson demo: this runs on the example embedded in moisson, not on your account.")
	fmt.Fprintln(e.stdout, "  An X archive export of one week (29 September - 3 October 2014) and the pages it links to,")
	fmt.Fprintln(e.stdout, "  served in-process: no network, no credentials.")

	archiveDir := filepath.Join(tmp, "archive")
	if err := os.CopyFS(archiveDir, example.Archive()); err != nil {
		return fmt.Errorf("demo: unpack the example archive: %w", err)
	}
	posts, err := x.ReadArchive(ctx, archiveDir)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	added, err := st.Save(ctx, posts, "", "")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(e.stdout, "1. import   %d posts from the example archive\n", added)

	s, err := e.service(st, *out)
	if err != nil {
		return err
	}
	w, err := s.Digest.ParseWeek(example.Week().ID)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	links, err := s.Links(ctx, w)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	ok, failed, err := s.ScrapeLinks(ctx, links, false)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(e.stdout, "2. scrape   %d pages scraped, %d failed (the example has one dead link on purpose)\n", ok, failed)
	d, err := s.Build(ctx, w, weekly.BuildOptions{})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	s.ReportUnscraped(d)
	pub, _, err := s.Write(ctx, d, weekly.WriteOptions{Force: true})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := s.Record(ctx, pub, d); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(e.stdout, "3. digest   week %s: %d links in %d sections\n", w.ID, d.Links, len(d.Sections))
	fmt.Fprintf(e.stdout, "4. written  %s\n", filepath.Join(*out, pub.Path))
	preview := digest.Render(d, s.Digest)
	if len(preview) > 1500 {
		cut := bytes.LastIndexByte(preview[:1500], '\n')
		preview = append(preview[:cut:cut], "\n[…]\n"...)
	}
	fmt.Fprintf(e.stdout, "\n%s\n", preview)

	edited, err := demoEdits(ctx, e, s, w, d, filepath.Join(*out, "edited", filepath.Base(pub.Path)))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "6. edited   %s: the same week with these two edits (diff it with the post of step 4)\n\n", edited)
	if !*serve {
		fmt.Fprintln(e.stdout, "To see the week on the review page: moisson demo --serve")
		fmt.Fprintln(e.stdout, "To use moisson for real: moisson init (see README.md and docs/operations.md).")
		return nil
	}
	// The page only: no unix socket for the other commands, whose store
	// is not this temporary one.
	l, err := net.Listen("tcp", e.cfg.Listen)
	if err != nil {
		return fmt.Errorf("demo: serve the review page (MOISSON_LISTEN): %w", err)
	}
	srv := review.New(s, review.Options{Lang: e.cfg.Lang, Token: e.cfg.UIToken, Log: e.log, Now: e.now, Location: e.cfg.location})
	fmt.Fprintf(e.stdout, "The review page of the example week: http://%s/weeks/%s\n", l.Addr(), w.ID)
	fmt.Fprintln(e.stdout, "  (on the demo's own store: what you change there is lost when it stops; Ctrl-C to stop)")
	return srv.Serve(ctx, l)
}

// demoEdits makes two of the author's edits on the example week through
// the functions the review page calls (weekly.Service.Edit): a comment on
// the first entry, the dead link hidden. It prints each entry before and
// after, and writes the edited post to path (not over the post of step
// 4, which stays the reference). It returns path.
func demoEdits(ctx context.Context, e *env, s *weekly.Service, w moisson.Week, before digest.Digest, path string) (string, error) {
	if len(before.Sections) == 0 || len(before.Sections[0].Entries) == 0 {
		return "", errors.New("demo: the example week has no entries")
	}
	first := before.Sections[0].Entries[0]
	dead, ok := findEntry(before, example.DeadURL)
	if !ok {
		return "", fmt.Errorf("demo: the dead link %s is not in the week", example.DeadURL)
	}
	const comment = "À lire avant de renouveler vos certificats : les navigateurs vont bientôt signaler ceux qui sont encore signés en SHA-1."
	fmt.Fprintln(e.stdout, "5. review   two edits, made as the review page makes them (weekly.Service.Edit), stored with the week:")
	for _, c := range []review.Change{
		{Action: "comment", Entry: first.Key, Value: comment, By: "demo"},
		{Action: "hide", Entry: dead.Key, By: "demo"},
	} {
		if err := s.Edit(ctx, w.ID, c); err != nil {
			return "", fmt.Errorf("demo: %s: %w", c.Action, err)
		}
	}
	after, err := s.Build(ctx, w, weekly.BuildOptions{})
	if err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	was, is := digest.Render(before, s.Digest), digest.Render(after, s.Digest)
	show := func(what string, ent digest.Entry) {
		fmt.Fprintf(e.stdout, "\n   %s\n   before:\n%s", what, indentLines(entryMarkdown(was, ent.URL), "     | "))
		if md := entryMarkdown(is, ent.URL); md != "" {
			fmt.Fprintf(e.stdout, "   after:\n%s", indentLines(md, "     | "))
		} else {
			fmt.Fprintln(e.stdout, "   after: hidden, left out of the post (it stays on the review page, under \"hidden\", to show again)")
		}
	}
	show("a comment on the first entry (Markdown, after the lead):", first)
	show("the dead link hidden:", dead)
	fmt.Fprintln(e.stdout)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	if err := os.WriteFile(path, is, 0o644); err != nil {
		return "", fmt.Errorf("demo: %w", err)
	}
	return path, nil
}

// findEntry finds the entry whose key is key among the digest's sections.
func findEntry(d digest.Digest, key string) (digest.Entry, bool) {
	for _, sec := range d.Sections {
		for _, ent := range sec.Entries {
			if ent.Key == key {
				return ent, true
			}
		}
	}
	return digest.Entry{}, false
}

// entryMarkdown cuts the Markdown of the entry linking to u out of a
// rendered post: from its link's line to the next entry or heading; ""
// when the post has no such entry.
func entryMarkdown(md []byte, u string) string {
	lines := strings.Split(string(md), "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "[") && strings.Contains(l, "]("+u+")") {
			start = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	end := start + 1
	for end < len(lines) && !strings.HasPrefix(lines[end], "[") && !strings.HasPrefix(lines[end], "#") {
		end++
	}
	return strings.TrimRight(strings.Join(lines[start:end], "\n"), "\n") + "\n"
}

// indentLines prefixes every line of s with prefix.
func indentLines(s, prefix string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		switch {
		case strings.TrimSpace(l) == "" && l != "":
			b.WriteString(strings.TrimRight(prefix, " ") + "\n")
		case l != "":
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}
