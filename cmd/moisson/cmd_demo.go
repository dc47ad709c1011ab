package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/example"
	"github.com/moisson/moisson/weekly"
)

// runDemo runs the whole pipeline (import, scrape, store, digest) on the
// example embedded in the binary: an archive of one week of posts and the
// pages they link to, served in-process. It needs no credentials and no
// network.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	out := fs.String("out", "demo-blog", "the blog directory to write the example post into")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moisson demo [--out DIR]")
		fs.PrintDefaults()
	}
	// The demo must give the same post on every machine: the example's
	// own settings, not the user's .env, apply.
	e.cfg = defaultConfig()
	e.cfg.HostDelay = 0
	if err := e.parseFlags(fs, args); err != nil {
		return err
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
	posts, err := bot.ReadArchive(ctx, archiveDir)
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
	if err := s.Record(ctx, pub, d.Links); err != nil {
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
	fmt.Fprintln(e.stdout, "To use moisson for real: see README.md, \"Using it for real\".")
	return nil
}
