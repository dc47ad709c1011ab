package archive

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/moisson/moisson"
)

// PageBatch stores scraped pages in batches: one transaction (and its two
// fdatasync) for up to Size pages, or for what arrived within Wait of the
// first page held, whichever comes first. A page is never held longer
// than Wait, even when no other page follows. While a batch is written,
// Put waits for the write to end instead of holding the next pages: a
// kill -9 loses at most one batch, held or being written, whose pages are
// fetched again on the next run.
//
// Put and Close may be called from several goroutines.
type PageBatch struct {
	st   *Store
	size int
	wait time.Duration

	// writing is held by a write and by Put, so that pages are never
	// held while another batch is written.
	writing sync.Mutex
	mu      sync.Mutex
	batch   []moisson.Page
	timer   *time.Timer
	errs    []error
	// OnStored, when set, is called (outside the lock) with each page once
	// it is stored.
	onStored func(moisson.Page)
}

// NewPageBatch returns a PageBatch writing into s; size <= 0 means 16
// pages and wait <= 0 means 100 ms. onStored, when not nil, is called
// with each page once stored.
func (s *Store) NewPageBatch(size int, wait time.Duration, onStored func(moisson.Page)) *PageBatch {
	if size <= 0 {
		size = 16
	}
	if wait <= 0 {
		wait = 100 * time.Millisecond
	}
	return &PageBatch{st: s, size: size, wait: wait, onStored: onStored}
}

// Put holds p for the next batch, and writes the batch when it is full.
// It returns the errors of the writes made since the last call.
func (b *PageBatch) Put(p moisson.Page) error {
	b.writing.Lock()
	defer b.writing.Unlock()
	b.mu.Lock()
	b.batch = append(b.batch, p)
	var full []moisson.Page
	if len(b.batch) >= b.size {
		full = b.take()
	} else if b.timer == nil {
		b.timer = time.AfterFunc(b.wait, b.flushTimer)
	}
	b.mu.Unlock()
	if full != nil {
		b.write(full)
	}
	return b.takeErrs()
}

// Close writes what is held and returns every error of the writes not
// yet reported.
func (b *PageBatch) Close() error {
	b.writing.Lock()
	defer b.writing.Unlock()
	b.mu.Lock()
	held := b.take()
	b.mu.Unlock()
	if held != nil {
		b.write(held)
	}
	return b.takeErrs()
}

func (b *PageBatch) flushTimer() {
	b.writing.Lock()
	defer b.writing.Unlock()
	b.mu.Lock()
	held := b.take()
	b.mu.Unlock()
	if held != nil {
		b.write(held)
	}
}

// take returns the held pages and stops the timer; b.mu is held.
func (b *PageBatch) take() []moisson.Page {
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	if len(b.batch) == 0 {
		return nil
	}
	held := b.batch
	b.batch = nil
	return held
}

// write stores pages in one transaction; when that fails (one page the
// store refuses, such as a URL longer than a key may be), each page is
// stored on its own, so that one bad page never loses the others.
func (b *PageBatch) write(pages []moisson.Page) {
	// Writes go on after a stop signal: the pages were fetched in full.
	ctx := context.Background()
	var errs []error
	stored := pages
	if err := b.st.PutPages(ctx, pages); err != nil {
		stored = stored[:0:0]
		for _, p := range pages {
			if err := b.st.PutPage(ctx, p); err != nil {
				errs = append(errs, err)
				continue
			}
			stored = append(stored, p)
		}
	}
	if len(errs) > 0 {
		b.mu.Lock()
		b.errs = append(b.errs, errs...)
		b.mu.Unlock()
	}
	if b.onStored != nil {
		for _, p := range stored {
			b.onStored(p)
		}
	}
}

func (b *PageBatch) takeErrs() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	err := errors.Join(b.errs...)
	b.errs = nil
	return err
}
