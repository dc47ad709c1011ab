package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/moisson/moisson/scrape"
)

// BenchmarkBackfill runs `moisson backfill` in-process over a generated
// history of two years, 2,500 and 5,000 links on 300 loopback hosts, a
// tenth of them gone and taken from the fake Wayback Machine, with
// MOISSON_HOST_DELAY=20ms, MOISSON_CONCURRENCY=8 and
// MOISSON_WAYBACK_RATE=750/min (the real 1s and 15 a minute, 50 times
// faster); every page and Wayback request is answered after 5ms (a remote
// server's 250ms at the same scale).
//
// Besides the time per backfill it reports:
//   - x_ideal: the elapsed time over the ideal bound, ideal_s, which comes
//     from the configuration and the requests the fake web served alone
//     (nothing measured): the larger of bound_pages_s, the page requests'
//     (the busiest host's requests one after the other, each its latency
//     and HostDelay apart, or all of them at the concurrency, each its
//     latency), and bound_wayback_s, the Wayback requests' (one at a time,
//     after one page's latency, at the Wayback rate, one interval apart);
//   - the stages, summed over the quarters the backfill works through
//     (they add up to the elapsed time): gather_s (the archive read and
//     stored, the quarter's links listed: up to the first page request),
//     scrape_s (the first to the last page request), rescue_s (from the
//     last page request to the quarter's last request: the last pages
//     answered and stored, the Wayback queue's rest) and publish_s (the
//     weekly posts written);
//   - wayback_share: the time from the first to the last Wayback request
//     over the elapsed time, and wayback_req/dead;
//   - cpu_ms/link: the process's CPU time (user and system, the fake web
//     included) per link; the first run's CPU profile's top functions are
//     logged when `go tool pprof` is at hand;
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
		latency     = 5 * time.Millisecond
		// The Wayback Machine's limit, scaled like HostDelay: the bench's
		// 20ms stand for the real 1s, so 50x the real 15 a minute.
		waybackPerMinute = 750
	)
	web := newFakeWeb(b)
	web.Latency = latency
	h := genHistory(web, nLinks, nHosts, nWeeks, 2014)
	arch := filepath.Join(b.TempDir(), "twitter-archive")
	if err := h.WriteArchive(arch); err != nil {
		b.Fatal(err)
	}
	// The quarter (as the backfill cuts the range) of every link.
	quarterOf := make(map[string]int, len(h.Links))
	for _, l := range h.Links {
		t := l.Week.End.Add(-time.Nanosecond)
		quarterOf[l.URL] = t.Year()*4 + (int(t.Month())-1)/3
	}
	var reqMu sync.Mutex
	var reqs []benchRequest
	web.mu.Lock()
	web.onRequest = func(kind, url string, at time.Time) {
		reqMu.Lock()
		defer reqMu.Unlock()
		reqs = append(reqs, benchRequest{kind: kind, quarter: quarterOf[url], at: at})
	}
	web.mu.Unlock()

	var elapsed, ideal, boundPages, boundWayback time.Duration
	var stages backfillStages
	var cpu time.Duration
	var waybackShare float64
	var waybackReqs, deadPages int
	var peak, live uint64
	var alloc uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		web.ResetHits()
		reqMu.Lock()
		reqs = reqs[:0]
		reqMu.Unlock()
		work := b.TempDir()
		blog := filepath.Join(work, "blog")
		environ := []string{
			"MOISSON_DB=" + filepath.Join(work, "moisson.db"),
			"MOISSON_ALLOW_PRIVATE_NETWORKS=1",
			"MOISSON_HOST_DELAY=" + hostDelay.String(),
			"MOISSON_CONCURRENCY=" + fmt.Sprint(concurrency),
			"MOISSON_LOG_LEVEL=info", // the end of each quarter's gather
			"MOISSON_LOG_FORMAT=json",
			"WAYBACK_BASE_URL=" + web.Base(),
			"MOISSON_WAYBACK_RATE=" + fmt.Sprint(waybackPerMinute) + "/min",
		}
		if err := os.MkdirAll(blog, 0o755); err != nil {
			b.Fatal(err)
		}
		args := []string{"backfill", "--from", h.From, "--to", h.To, "--archive", arch, "--out", blog}
		logs := &gatherLog{}
		var prof bytes.Buffer
		profiling := i == 0 && pprof.StartCPUProfile(&prof) == nil
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		sampler := startHeapSampler(10 * time.Millisecond)
		cpuBefore := processCPU(b)
		b.StartTimer()

		start := time.Now()
		err := Run(context.Background(), args, environ, io.Discard, logs)
		end := time.Now()

		b.StopTimer()
		cpu += processCPU(b) - cpuBefore
		p, l := sampler.stop()
		if profiling {
			pprof.StopCPUProfile()
		}
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

		// The ideal of this run, from the configuration and what the fake
		// web served.
		web.mu.Lock()
		perHost := make(map[string]int)
		for u, n := range web.hits {
			perHost[hostOf(u)] += n
		}
		busiest := 0
		for _, n := range perHost {
			busiest = max(busiest, n)
		}
		pageReqs := len(web.hitOrder)
		wbReqs := 0
		for _, n := range web.asks {
			wbReqs += n
		}
		for _, n := range web.snaps {
			wbReqs += n
		}
		dead := len(web.snaps)
		share := rescueTime(web) / end.Sub(start).Seconds()
		web.mu.Unlock()

		// Pages: the busiest host's one after the other, HostDelay apart,
		// or all of them over the concurrent slots.
		bp := max(time.Duration(busiest)*latency+time.Duration(max(busiest-1, 0))*hostDelay,
			time.Duration(pageReqs)*latency/concurrency)
		// Wayback: one at a time, the first after a page found gone; the
		// last starts no sooner than the rate allows, one interval apart.
		var bw time.Duration
		if wbReqs > 0 {
			interval := time.Duration(float64(time.Minute) / waybackPerMinute)
			bw = latency + max(time.Duration(wbReqs)*latency,
				time.Duration(max(wbReqs-1, 0))*interval+latency)
		}
		boundPages += bp
		boundWayback += bw
		ideal += max(bp, bw)

		reqMu.Lock()
		st, err := splitStages(start, end, reqs, logs.times(), blogWrites(b, blog))
		reqMu.Unlock()
		if err != nil {
			b.Fatal(err)
		}
		stages.add(st)
		waybackShare += share
		waybackReqs += wbReqs
		deadPages += dead
		elapsed += end.Sub(start)
		if i == 0 {
			b.Logf("%d links: %d page requests, busiest host %d (bound %s), %d Wayback requests (bound %s); stages %s; CPU %.2f ms/link",
				nLinks, pageReqs, busiest, bp.Round(time.Millisecond), wbReqs, bw.Round(time.Millisecond), st, cpu.Seconds()*1000/float64(nLinks))
			if profiling {
				logTopFunctions(b, prof.Bytes())
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(elapsed.Seconds()/ideal.Seconds(), "x_ideal")
	b.ReportMetric(ideal.Seconds()/n, "ideal_s")
	b.ReportMetric(boundPages.Seconds()/n, "bound_pages_s")
	b.ReportMetric(boundWayback.Seconds()/n, "bound_wayback_s")
	b.ReportMetric(stages.gather.Seconds()/n, "gather_s")
	b.ReportMetric(stages.scrape.Seconds()/n, "scrape_s")
	b.ReportMetric(stages.rescue.Seconds()/n, "rescue_s")
	b.ReportMetric(stages.publish.Seconds()/n, "publish_s")
	if deadPages > 0 {
		b.ReportMetric(float64(waybackReqs)/float64(deadPages), "wayback_req/dead")
	}
	b.ReportMetric(waybackShare/n, "wayback_share")
	b.ReportMetric(cpu.Seconds()*1000/n/float64(nLinks), "cpu_ms/link")
	b.ReportMetric(float64(peak)/(1<<20), "MiB_peak")
	b.ReportMetric(float64(live)/(1<<20), "MiB_live")
	b.ReportMetric(float64(alloc)/n/float64(nLinks), "B/link")
}

// benchRequest is a page or Wayback request the fake web served, with the
// quarter of its link.
type benchRequest struct {
	kind    string // "page" or "wayback"
	quarter int
	at      time.Time
}

// backfillStages is where a backfill's time goes, summed over its
// quarters.
type backfillStages struct {
	gather, scrape, rescue, publish time.Duration
}

func (s *backfillStages) add(o backfillStages) {
	s.gather += o.gather
	s.scrape += o.scrape
	s.rescue += o.rescue
	s.publish += o.publish
}

func (s backfillStages) String() string {
	r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	return fmt.Sprintf("gather %s, scrape %s, rescue %s, publish %s", r(s.gather), r(s.scrape), r(s.rescue), r(s.publish))
}

// splitStages cuts [start, end] at each quarter's end of gather (its log
// line), first and last page request, last request and last file written
// before the next quarter's gather ends: the stages add up to end-start.
func splitStages(start, end time.Time, reqs []benchRequest, gathered, writes []time.Time) (backfillStages, error) {
	type span struct{ firstPage, lastPage, last time.Time }
	byQuarter := make(map[int]*span)
	var quarters []int
	for _, r := range reqs {
		s, ok := byQuarter[r.quarter]
		if !ok {
			s = &span{}
			byQuarter[r.quarter] = s
			quarters = append(quarters, r.quarter)
		}
		if r.kind == "page" {
			if s.firstPage.IsZero() || r.at.Before(s.firstPage) {
				s.firstPage = r.at
			}
			if r.at.After(s.lastPage) {
				s.lastPage = r.at
			}
		}
		if r.at.After(s.last) {
			s.last = r.at
		}
	}
	slices.Sort(quarters)
	if len(gathered) != len(quarters) {
		return backfillStages{}, fmt.Errorf("stages: %d quarters gathered (log lines), %d with requests", len(gathered), len(quarters))
	}
	var st backfillStages
	from := start // the end of the previous quarter's publish
	for i, q := range quarters {
		s := byQuarter[q]
		if s.firstPage.IsZero() {
			return backfillStages{}, fmt.Errorf("stages: quarter %d: Wayback requests and no page request", q)
		}
		st.gather += s.firstPage.Sub(from)
		st.scrape += s.lastPage.Sub(s.firstPage)
		st.rescue += s.last.Sub(s.lastPage)
		// The quarter's publish ends with its last file written before
		// the next quarter's gather ends.
		to := end
		if i+1 < len(quarters) {
			to = s.last
			for _, w := range writes {
				if w.After(s.last) && w.Before(gathered[i+1]) {
					to = later(to, w)
				}
			}
		}
		st.publish += to.Sub(s.last)
		from = to
	}
	return st, nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// gatherLog is the backfill's stderr: it notes when each "backfill:
// posts" line (the end of a quarter's gather) is written.
type gatherLog struct {
	mu sync.Mutex
	at []time.Time
}

func (g *gatherLog) Write(p []byte) (int, error) {
	now := time.Now()
	if bytes.Contains(p, []byte(`"msg":"backfill: posts"`)) {
		g.mu.Lock()
		g.at = append(g.at, now)
		g.mu.Unlock()
	}
	return len(p), nil
}

func (g *gatherLog) times() []time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.at)
}

// blogWrites returns the modification times of the files under dir.
func blogWrites(b *testing.B, dir string) []time.Time {
	b.Helper()
	var ts []time.Time
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		ts = append(ts, info.ModTime())
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ts
}

// processCPU is the CPU time (user and system) the process used so far.
func processCPU(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// logTopFunctions logs a CPU profile's top functions, when `go tool
// pprof` is at hand.
func logTopFunctions(b *testing.B, prof []byte) {
	b.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return
	}
	file := filepath.Join(b.TempDir(), "cpu.pprof")
	if err := os.WriteFile(file, prof, 0o644); err != nil {
		b.Fatal(err)
	}
	out, err := exec.Command(goCmd, "tool", "pprof", "-top", "-nodecount=8", file).Output()
	if err != nil {
		b.Logf("go tool pprof: %v", err)
		return
	}
	// One line (a benchmark's log is cut after ten): the rows under
	// "flat flat% sum% cum cum%", as "name flat%".
	var top []string
	rows := false
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		switch {
		case len(f) == 5 && f[0] == "flat" && f[1] == "flat%":
			rows = true
		case rows && len(f) >= 6:
			top = append(top, path.Base(strings.Join(f[5:], " "))+" "+f[1])
		}
	}
	b.Logf("CPU profile, top functions (flat): %s", strings.Join(top, ", "))
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
