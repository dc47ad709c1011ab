package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/review"
)

// TestHealthThroughTheBinary: `moisson health` says ok and exits 0 while
// the daemon's work goes well; with a week held for want of links it
// says degraded with the reason and exits 1, --json gives the check, and
// the endpoint answers 503 with the same. No daemon: exit 1.
func TestHealthThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "moisson.db")
	environ := baseEnviron(dir, "MOISSON_DB="+db)
	health := func(args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(moissonBinary(t), append([]string{"health"}, args...)...)
		cmd.Dir = dir
		cmd.Env = environ
		out, err := cmd.Output()
		return string(out), exitCode(err)
	}
	if out, code := health(); code != 1 {
		t.Errorf("no daemon: exit %d (%q), want 1", code, out)
	}
	daemon := func() (*liveProc, string) {
		t.Helper()
		p := startMoisson(t, "review", dir, environ, "review")
		var url string
		p.WaitFor("the review page", 30*time.Second, func(evs []logEvent) bool {
			for _, ev := range evs {
				if ev.str("msg") == "review page" {
					url = ev.str("url")
					return true
				}
			}
			return false
		})
		return p, url
	}

	p, _ := daemon()
	if out, code := health(); code != 0 || out != "ok\n" {
		t.Errorf("healthy: exit %d, %q; want 0, ok", code, out)
	}
	p.Signal(syscall.SIGTERM)
	p.Wait(30 * time.Second)

	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	reason := "2026-W48: no link: the sources read 3 posts but none gave a link; to close the week without a post, use the review page's publish now"
	if err := st.SetCursor(context.Background(), "run:pending", reason); err != nil {
		t.Fatal(err)
	}
	st.Close()

	_, url := daemon()
	out, code := health()
	if code != 1 || !strings.HasPrefix(out, "degraded\n") || !strings.Contains(out, "week "+reason) {
		t.Errorf("held week: exit %d, %q; want 1, degraded with the reason", code, out)
	}
	out, code = health("--json")
	var h review.Health
	if err := json.Unmarshal([]byte(out), &h); err != nil || code != 1 {
		t.Fatalf("health --json: exit %d, %q: %v", code, out, err)
	}
	if h.Status != "degraded" || len(h.Reasons) != 1 || h.Reasons[0].Check != "held:2026-W48" {
		t.Errorf("health --json = %+v", h)
	}
	resp, err := http.Get(url + "api/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got review.Health
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusServiceUnavailable || got.Status != "degraded" || len(got.Reasons) != 1 {
		t.Errorf("GET /api/health: %d %+v, want 503, degraded, the reason", resp.StatusCode, got)
	}
}
