package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson/scrape"
)

// BenchmarkBackfill runs `moisson backfill` in-process over a generated
// history of two years, 2,500 and 5,000 links on 300 loopback hosts, a
// tenth of them gone and taken from the fake Wayback Machine, with
// MOISSON_HOST_DELAY=20ms and MOISSON_CONCURRENCY=8.
//
// Besides the time per backfill it reports:
//   - x_ideal: the elapsed time over the ideal bound, the larger of the
//     busiest host's requests times HostDelay (politeness) and all
//     requests times the mean service time of one request (fetch and
//     extraction, measured alone) over the concurrency;
//   - ideal_s, and the stages: gather_s (archive read and stored), scrape_s
//     (first to last live page request), drain_s (from the last page
//     request to the first Wayback request: the pages fetched but not
//     yet stored), rescue_s (Wayback requests) and publish_s (the weekly
//     posts);
//   - MiB_peak: the largest heap in use (HeapInuse) sampled during the
//     backfill, MiB_live the largest live heap (as the last GC marked it),
//     both above what the benchmark itself holds: they should stay flat as
//     the history grows; and B/link, the bytes allocated per link.
func BenchmarkBackfill(b *testing.B) {
	for _, n := range []int{2500, 5000} {
		b.Run(fmt.Sprintf("links=%d", n), func(b *testing.B) { benchBackfill(b, n, 300, 104) })
	}
}

func benchBackfill(b *testing.B, nLinks, nHosts, nWeeks int) {
	const (
		hostDelay   = 20 * time.Millisecond
		concurrency = 8
		// The Wayback Machine's limit, scaled like HostDelay: the bench's
		// 20ms stand for the real 1s, so 50x the real 15 a minute.
		waybackPerMinute = 750
	)
	web := newFakeWeb(b)
	h := genHistory(web, nLinks, nHosts, nWeeks, 2014)
	arch := filepath.Join(b.TempDir(), "twitter-archive")
	if err := h.WriteArchive(arch); err != nil {
		b.Fatal(err)
	}
	service := meanServiceTime(b, web, h)
	web.ResetHits()

	var elapsed, gather, scraping, drain, rescue, publish time.Duration
	var ideal time.Duration
	var waybackShare float64
	var waybackReqs, deadPages int
	var peak, live uint64
	var alloc uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		web.ResetHits()
		work := b.TempDir()
		environ := []string{
			"MOISSON_DB=" + filepath.Join(work, "moisson.db"),
			"MOISSON_ALLOW_PRIVATE_NETWORKS=1",
			"MOISSON_HOST_DELAY=" + hostDelay.String(),
			"MOISSON_CONCURRENCY=" + fmt.Sprint(concurrency),
			"MOISSON_LOG_LEVEL=error",
			"WAYBACK_BASE_URL=" + web.Base(),
			"MOISSON_WAYBACK_RATE=" + fmt.Sprint(waybackPerMinute) + "/min",
		}
		if err := os.MkdirAll(filepath.Join(work, "blog"), 0o755); err != nil {
			b.Fatal(err)
		}
		args := []string{"backfill", "--from", h.From, "--to", h.To, "--archive", arch, "--out", filepath.Join(work, "blog")}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		sampler := startHeapSampler(10 * time.Millisecond)
		b.StartTimer()

		start := time.Now()
		err := Run(context.Background(), args, environ, io.Discard, io.Discard)
		end := time.Now()

		b.StopTimer()
		p, l := sampler.stop()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if err != nil {
			b.Fatalf("backfill: %v", err)
		}
		if p > before.HeapInuse {
			peak = max(peak, p-before.HeapInuse)
		}
		if l > before.HeapAlloc {
			live = max(live, l-before.HeapAlloc)
		}
		alloc += after.TotalAlloc - before.TotalAlloc

		// The ideal of this run, from what the fake web served.
		web.mu.Lock()
		perHost := make(map[string]int)
		for u, n := range web.hits {
			perHost[hostOf(u)] += n
		}
		// The Wayback Machine is one more host, with its own politeness.
		for _, n := range web.asks {
			perHost["wayback"] += n
		}
		for _, n := range web.snaps {
			perHost["wayback"] += n
		}
		busiest := 0
		for _, n := range perHost {
			busiest = max(busiest, n)
		}
		requests := len(web.hitOrder) + perHost["wayback"]
		// The Wayback Machine's limit: its requests at its rate, after a
		// burst.
		waybackBound := time.Duration(max(perHost["wayback"]-scrape.DefaultWaybackBurst, 0)) * time.Duration(float64(time.Minute)/waybackPerMinute)
		ideal += max(time.Duration(busiest)*hostDelay, time.Duration(requests)*service/concurrency, waybackBound)
		waybackShare += rescueTime(web) / end.Sub(start).Seconds()
		waybackReqs += perHost["wayback"]
		deadPages += len(web.snaps)
		elapsed += end.Sub(start)
		gather += web.first["page"].Sub(start)
		scraping += web.last["page"].Sub(web.first["page"])
		if t, ok := web.first["wayback"]; ok {
			drain += t.Sub(web.last["page"])
			rescue += web.last["wayback"].Sub(t)
			publish += end.Sub(web.last["wayback"])
		}
		if i == 0 {
			b.Logf("%d links, %d requests, busiest host %d requests (bound %s), mean service %s (bound %s at %d)",
				nLinks, requests, busiest, time.Duration(busiest)*hostDelay, service, time.Duration(requests)*service/concurrency, concurrency)
		}
		web.mu.Unlock()
	}
	n := float64(b.N)
	b.ReportMetric(elapsed.Seconds()/ideal.Seconds(), "x_ideal")
	b.ReportMetric(ideal.Seconds()/n, "ideal_s")
	b.ReportMetric(gather.Seconds()/n, "gather_s")
	b.ReportMetric(scraping.Seconds()/n, "scrape_s")
	b.ReportMetric(drain.Seconds()/n, "drain_s")
	b.ReportMetric(rescue.Seconds()/n, "rescue_s")
	b.ReportMetric(publish.Seconds()/n, "publish_s")
	if deadPages > 0 {
		b.ReportMetric(float64(waybackReqs)/float64(deadPages), "wayback_req/dead")
	}
	b.ReportMetric(waybackShare/n, "wayback_share")
	b.ReportMetric(float64(peak)/(1<<20), "MiB_peak")
	b.ReportMetric(float64(live)/(1<<20), "MiB_live")
	b.ReportMetric(float64(alloc)/n/float64(nLinks), "B/link")
}

// meanServiceTime is the mean time one request of the backfill takes
// alone, fetch and extraction: what holds one of the concurrent slots.
func meanServiceTime(b *testing.B, web *fakeWeb, h *history) time.Duration {
	b.Helper()
	s := scrape.New(scrape.Options{AllowPrivate: true, HostDelay: -1, Retries: -1})
	n := min(200, len(h.Links))
	start := time.Now()
	for i := range n {
		l := h.Links[i*len(h.Links)/n]
		if l.Status != http.StatusOK {
			// A gone page costs its 404 and the two Wayback requests,
			// counted as requests in the ideal bound.
			s.Scrape(context.Background(), l.URL)
			continue
		}
		if p := s.Scrape(context.Background(), l.URL); !p.OK() {
			b.Fatalf("calibration: %s: %s", l.URL, p.Error)
		}
	}
	return time.Since(start) / time.Duration(n)
}

// hostOf returns the host:port of a URL of the fake web.
func hostOf(u string) string {
	rest := u[len("http://"):]
	for i := 0; i < len(rest); i++ {
		if rest[i] == '/' {
			return rest[:i]
		}
	}
	return rest
}

// heapSampler records the largest HeapInuse seen and the largest live
// heap (as marked by the last GC), which garbage waiting for the next GC
// does not inflate.
type heapSampler struct {
	stopc chan struct{}
	wg    sync.WaitGroup
	peak  uint64
	live  uint64
}

func startHeapSampler(every time.Duration) *heapSampler {
	s := &heapSampler{stopc: make(chan struct{})}
	s.wg.Go(func() {
		t := time.NewTicker(every)
		defer t.Stop()
		var m runtime.MemStats
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			runtime.ReadMemStats(&m)
			s.peak = max(s.peak, m.HeapInuse)
			metrics.Read(sample)
			if sample[0].Value.Kind() == metrics.KindUint64 {
				s.live = max(s.live, sample[0].Value.Uint64())
			}
			select {
			case <-s.stopc:
				return
			case <-t.C:
			}
		}
	})
	return s
}

func (s *heapSampler) stop() (peak, live uint64) {
	close(s.stopc)
	s.wg.Wait()
	return s.peak, s.live
}

// rescueTime is the time from the first to the last Wayback request, in
// seconds: the Wayback queue's part of the backfill. The caller holds
// web.mu.
func rescueTime(web *fakeWeb) float64 {
	first, ok := web.first["wayback"]
	if !ok {
		return 0
	}
	return web.last["wayback"].Sub(first).Seconds()
}

// The backfill's progress bar shows the Wayback queue: the dead pages
// not yet asked and their duration at the Wayback Machine's rate (two
// requests a page, 15 a minute by default).
func TestWaybackQueueDescription(t *testing.T) {
	wb := scrape.NewWayback(scrape.New(scrape.Options{}), scrape.WaybackOptions{})
	now := time.Now()
	if got, want := waybackQueue(wb, 2, 5, now), "wayback: 3 dead pages to ask, ~24s"; got != want {
		t.Errorf("waybackQueue = %q, want %q", got, want)
	}
	if got := waybackQueue(wb, 5, 5, now); got != "" {
		t.Errorf("nothing left: %q, want nothing shown", got)
	}
}
