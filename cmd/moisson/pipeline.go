package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/digest"
	"github.com/moisson/moisson/scrape"
)

// pipeline joins the steps: the store, the scraper and the digest.
type pipeline struct {
	store       *archive.Store
	scraper     *scrape.Scraper
	dc          digest.Config
	log         *slog.Logger
	now         func() time.Time
	maxAttempts int
	// rescuer, when set, takes the pages that are gone from the Wayback
	// Machine (digest of a past week).
	rescuer bot.Rescuer
}

// openPipeline opens the store and sets up the pipeline on it; the caller
// closes the store.
func (e *env) openPipeline() (*archive.Store, *pipeline, error) {
	st, err := e.openStore()
	if err != nil {
		return nil, nil, err
	}
	p, err := e.pipeline(st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, p, nil
}

func (e *env) pipeline(st *archive.Store) (*pipeline, error) {
	dc, err := e.digestConfig()
	if err != nil {
		return nil, err
	}
	return &pipeline{
		store:       st,
		scraper:     e.scraper(),
		dc:          dc,
		log:         e.log,
		now:         e.now,
		maxAttempts: e.cfg.MaxAttempts,
	}, nil
}

// needsScrape reports whether a link's stored page should be fetched
// (again).
func (p *pipeline) needsScrape(page moisson.Page, found, refresh bool) bool {
	switch {
	case !found || refresh:
		return true
	case page.OK(), page.Permanent:
		return false
	default:
		return page.Attempts < p.maxAttempts
	}
}

// scrapeLinks scrapes the links that have no good page yet (every one with
// refresh) and stores each result as it comes, so that an interruption
// loses nothing already fetched. A failure on one link never stops the
// others: it is recorded in the store.
func (p *pipeline) scrapeLinks(ctx context.Context, links []moisson.Link, refresh bool) (ok, failed int, err error) {
	urls := make([]string, 0, len(links))
	seen := make(map[string]bool)
	for _, l := range links {
		if !seen[l.URL] {
			seen[l.URL] = true
			urls = append(urls, l.URL)
		}
	}
	stored, err := p.store.Pages(ctx, urls)
	if err != nil {
		return 0, 0, err
	}
	todo := urls[:0]
	for _, u := range urls {
		page, found := stored[u]
		if p.needsScrape(page, found, refresh) {
			todo = append(todo, u)
		}
	}
	if len(todo) == 0 {
		return 0, 0, nil
	}
	p.log.Info("scraping", "links", len(todo))
	var putErrs []error
	// Pages reported after a stop signal were fetched in full: they are
	// stored all the same (the scraper reports no page cut short).
	storeCtx := context.WithoutCancel(ctx)
	p.scraper.ScrapeAll(ctx, todo, func(page moisson.Page) {
		if perr := p.store.PutPage(storeCtx, page); perr != nil {
			putErrs = append(putErrs, perr)
			return
		}
		if page.OK() {
			ok++
			p.log.Debug("scraped", "url", page.URL, "title", page.Title)
			return
		}
		failed++
		p.log.Warn("scrape failed", "url", page.URL, "status", page.Status, "error", page.Error)
	})
	if err := errors.Join(putErrs...); err != nil {
		return ok, failed, fmt.Errorf("store pages: %w", err)
	}
	return ok, failed, ctx.Err()
}

// weekLinks returns the links of week w that may appear in its post:
// replies to other accounts are left out unless configured.
func (p *pipeline) weekLinks(ctx context.Context, w moisson.Week) ([]moisson.Link, error) {
	links, err := p.store.Links(ctx, w.Start, w.End)
	if err != nil {
		return nil, fmt.Errorf("week %s: %w", w.ID, err)
	}
	if p.dc.IncludeReplies {
		return links, nil
	}
	kept := links[:0]
	for _, l := range links {
		if !l.Reply {
			kept = append(kept, l)
		}
	}
	return kept, nil
}

// buildWeek scrapes what the week still lacks and builds its digest.
func (p *pipeline) buildWeek(ctx context.Context, w moisson.Week, refresh bool) (digest.Digest, error) {
	links, err := p.weekLinks(ctx, w)
	if err != nil {
		return digest.Digest{}, err
	}
	if _, _, err := p.scrapeLinks(ctx, links, refresh); err != nil {
		return digest.Digest{}, fmt.Errorf("week %s: %w", w.ID, err)
	}
	urls := make([]string, len(links))
	for i, l := range links {
		urls[i] = l.URL
	}
	pages, err := p.store.Pages(ctx, urls)
	if err != nil {
		return digest.Digest{}, fmt.Errorf("week %s: %w", w.ID, err)
	}
	if p.rescuer != nil {
		if err := p.rescue(ctx, links, pages); err != nil {
			return digest.Digest{}, fmt.Errorf("week %s: %w", w.ID, err)
		}
	}
	return digest.Build(w, links, pages, p.dc), nil
}

// rescue takes the week's pages that are gone (404, 410, dead domain) from
// the Wayback Machine, as they were when they were shared, and updates
// pages with what it finds. A page it has no capture of is marked, so that
// it is not asked again.
func (p *pipeline) rescue(ctx context.Context, links []moisson.Link, pages map[string]moisson.Page) error {
	for _, l := range links {
		page, ok := pages[l.URL]
		if !ok || page.OK() || !page.Permanent || page.Snapshot != "" {
			continue
		}
		r := p.rescuer.Rescue(ctx, l.URL, l.PostedAt)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		switch {
		case r.OK():
			p.log.Info("taken from the Wayback Machine", "url", l.URL, "snapshot", r.Snapshot)
		case r.Permanent:
			r = page
			r.Snapshot = moisson.NoSnapshot
		default:
			continue // the Wayback Machine busy: asked again next time
		}
		if err := p.store.PutPage(ctx, r); err != nil {
			return err
		}
		pages[l.URL] = r
	}
	return nil
}

// publish writes the digest into blogDir and records the publication. It
// returns changed=false when the file on disk already had this content.
func (p *pipeline) publish(ctx context.Context, d digest.Digest, blogDir string) (moisson.Publication, bool, error) {
	pub, changed, err := p.writePost(ctx, d, blogDir)
	if err != nil {
		return pub, false, err
	}
	if err := p.record(ctx, pub); err != nil {
		return pub, changed, err
	}
	return pub, changed, nil
}

// writePost writes the digest into blogDir, without recording it. It
// returns the publication to record, and changed=false when the file on
// disk already had this content: then the publication is the one stored,
// if any, so that its push state is kept.
func (p *pipeline) writePost(ctx context.Context, d digest.Digest, blogDir string) (moisson.Publication, bool, error) {
	pub, changed, err := digest.Write(blogDir, d, p.dc, p.now())
	if err != nil {
		return pub, false, fmt.Errorf("week %s: %w", d.Week.ID, err)
	}
	if changed {
		return pub, true, nil
	}
	prev, err := p.store.Publication(ctx, pub.Week)
	switch {
	case err == nil:
		return prev, false, nil
	case errors.Is(err, moisson.ErrNotFound):
		return pub, false, nil
	default:
		return pub, false, fmt.Errorf("week %s: %w", d.Week.ID, err)
	}
}

// record stores the publication of a post written by writePost.
func (p *pipeline) record(ctx context.Context, pub moisson.Publication) error {
	if err := p.store.PutPublication(ctx, pub); err != nil {
		return fmt.Errorf("week %s: %w", pub.Week, err)
	}
	return nil
}
