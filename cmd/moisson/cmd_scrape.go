package main

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/scrape"
)

// scrapeResult is one line of `moisson scrape --json`.
type scrapeResult struct {
	URL          string       `json:"url"`
	FinalURL     string       `json:"final_url"`
	CanonicalURL string       `json:"canonical_url"`
	Title        string       `json:"title"`
	Lead         string       `json:"lead"`
	Site         string       `json:"site"`
	Kind         moisson.Kind `json:"kind"`
	Status       int          `json:"status"`
	Error        string       `json:"error"`
	// Where the title and lead came from, and how sure that is (see
	// moisson.Page).
	TitleSource     string `json:"title_source,omitempty"`
	TitleConfidence string `json:"title_confidence,omitempty"`
	LeadSource      string `json:"lead_source,omitempty"`
	LeadConfidence  string `json:"lead_confidence,omitempty"`
	TextFrom        string `json:"text_from,omitempty"`
}

// scrapeCommand is `moisson scrape URL|FILE...`.
func (e *env) scrapeCommand() *cobra.Command {
	var o scrapeOptions
	cmd := &cobra.Command{
		Use:   "scrape [--json] [--refresh] [--no-store] URL|FILE...",
		Short: "Scrape pages (or saved files) for their title and lead",
		Long: `Scrape fetches pages (or reads saved files) and prints what moisson finds
in them: title, site, kind and lead. Pages fetched from the web are
stored, so that a later digest does not fetch them again. Exit status 1
when a page could not be scraped.`,
		Example: "  moisson scrape https://go.dev/blog/go1.3 --json",
		Args:    needArgs("a URL or a FILE"),
		RunE:    e.action(func(ctx context.Context, args []string) error { return runScrape(ctx, e, o, args) }),
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print one JSON object a line")
	cmd.Flags().BoolVar(&o.refresh, "refresh", false, "fetch again pages already in the store")
	cmd.Flags().BoolVar(&o.noStore, "no-store", false, "do not read or write the store")
	return cmd
}

type scrapeOptions struct{ json, refresh, noStore bool }

// runScrape scrapes URLs (or reads saved files) and prints what was found.
func runScrape(ctx context.Context, e *env, o scrapeOptions, args []string) error {
	if err := e.configure(); err != nil {
		return err
	}
	asJSON, refresh, noStore := &o.json, &o.refresh, &o.noStore
	// Each result is printed as soon as it is had (pages already stored
	// first, then in the order they complete), so that a long list shows
	// its first lines at once.
	failed, printed := 0, map[string]bool{}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	var printErr error
	emit := func(arg string, p moisson.Page) {
		if printed[arg] || printErr != nil {
			return
		}
		printed[arg] = true
		if !p.OK() {
			failed++
		}
		if *asJSON {
			printErr = enc.Encode(scrapeResult{
				URL: moisson.RedactURL(arg), FinalURL: moisson.RedactURL(p.FinalURL), CanonicalURL: moisson.RedactURL(p.CanonicalURL), Title: p.Title,
				Lead: p.Lead, Site: p.Site, Kind: p.Kind, Status: p.Status, Error: p.Error,
				TitleSource: p.TitleSource, TitleConfidence: p.TitleConfidence,
				LeadSource: p.LeadSource, LeadConfidence: p.LeadConfidence, TextFrom: p.TextFrom,
			})
			return
		}
		printPage(e, arg, p)
	}
	var urls []string
	for _, arg := range args {
		if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
			urls = append(urls, arg)
			continue
		}
		emit(arg, extractFile(arg))
	}
	if len(urls) > 0 {
		if err := e.scrapeEach(ctx, urls, *refresh, *noStore, func(p moisson.Page) { emit(p.URL, p) }); err != nil {
			return err
		}
	}
	for _, arg := range args {
		emit(arg, moisson.Page{URL: arg, Error: "not scraped (interrupted)"})
	}
	if printErr != nil {
		return printErr
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d could not be scraped", failed, len(args))
	}
	return nil
}

func printPage(e *env, arg string, p moisson.Page) {
	// Every address is shown with its secrets hidden.
	arg = moisson.RedactURL(arg)
	p.CanonicalURL = moisson.RedactURL(p.CanonicalURL)
	fmt.Fprintln(e.stdout, arg)
	if !p.OK() {
		fmt.Fprintf(e.stdout, "  error:     %s\n\n", p.Error)
		return
	}
	if p.CanonicalURL != "" && p.CanonicalURL != arg {
		fmt.Fprintf(e.stdout, "  canonical: %s\n", p.CanonicalURL)
	}
	fmt.Fprintf(e.stdout, "  title:     %s\n", p.Title)
	if p.Site != "" {
		fmt.Fprintf(e.stdout, "  site:      %s\n", p.Site)
	}
	fmt.Fprintf(e.stdout, "  kind:      %s\n", p.Kind)
	if img := p.Image; img != nil {
		shown := moisson.RedactURL(img.URL)
		switch {
		case img.Stored():
			shown += fmt.Sprintf(" (stored, %d×%d)", img.Width, img.Height)
		case img.Error != "":
			shown += " (not stored: " + img.Error + ")"
		}
		fmt.Fprintf(e.stdout, "  image:     %s\n", shown)
	}
	for i, para := range strings.Split(p.Lead, "\n") {
		label := "  lead:      "
		if i > 0 {
			label = "             "
		}
		fmt.Fprintf(e.stdout, "%s%s\n", label, para)
	}
	fmt.Fprintln(e.stdout)
}

// extractFile runs the extraction on a saved file, as if served from
// file://PATH with the Content-Type its extension gives.
func extractFile(path string) moisson.Page {
	abs, err := filepath.Abs(path)
	if err != nil {
		return moisson.Page{URL: path, Error: err.Error(), Permanent: true}
	}
	body, err := os.ReadFile(path)
	if err != nil {
		return moisson.Page{URL: path, Error: fmt.Sprintf("read %s: %v", path, err), Permanent: true}
	}
	ct := mime.TypeByExtension(filepath.Ext(path))
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	page := scrape.Extract(body, u, ct)
	page.URL = path
	return page
}

// scrapeEach scrapes urls, calling fn with each page as it is had:
// through the running daemon when one holds the store (all at once, when
// it answers), else on the store (or without it with noStore).
func (e *env) scrapeEach(ctx context.Context, urls []string, refresh, noStore bool, fn func(moisson.Page)) error {
	if noStore {
		e.scraper().ScrapeAll(ctx, urls, fn)
		return nil
	}
	if c, ok := e.daemon(); ok {
		defer c.Close()
		pages, err := c.Scrape(ctx, urls, refresh, false)
		for _, p := range pages {
			fn(p)
		}
		return err
	}
	st, s, err := e.openService("")
	if err != nil {
		return err
	}
	defer st.Close()
	return s.ScrapeEach(ctx, urls, refresh, false, fn)
}
