package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moisson/moisson/archive"
)

// TestStatusWithoutStoreWritesNothing: status run where there is no store
// says so, names where it looked, says what is wrong with the settings
// (an unknown variable), exits 1 and leaves the directory empty.
func TestStatusWithoutStoreWritesNothing(t *testing.T) {
	for _, args := range [][]string{{"status"}, {"status", "--json"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(moissonBinary(t), args...)
			cmd.Dir = dir
			cmd.Env = baseEnviron(dir, "MOISSON_FEED=https://example.org/feed.xml")
			out, err := cmd.CombinedOutput()
			if code := exitCode(err); code != 1 {
				t.Errorf("exit status %d, want 1\n%s", code, out)
			}
			// The settings' own warnings are said without a store too.
			if !strings.Contains(string(out), "did you mean MOISSON_FEEDS?") {
				t.Errorf("the unknown variable is not said:\n%s", out)
			}
			want := filepath.Join(dir, "moisson.db")
			if !strings.Contains(string(out), "no store yet") || !strings.Contains(string(out), want) {
				t.Errorf("output does not say there is no store at %s:\n%s", want, out)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				t.Errorf("status wrote %s", e.Name())
			}
		})
	}
}

// TestStatusWarningsFirst: the warnings come before the state, each once;
// the X guard's warning does not repeat the cost line; a source removed
// from the configuration is listed as no longer configured, not as a
// source; a week held for want of links is shown with its reason.
func TestStatusWarningsFirst(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "moisson.db")
	st, err := archive.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	held := "2026-W48: no link: feed:https://links.example/feed read 4 items but gave no link (read as posts: write links:URL in MOISSON_FEEDS if its items are the links, or posts:URL if the links are inside them)"
	for k, v := range map[string]string{
		"feed:https://old.example/feed.xml":          `{"last_seen":"2026-11-20T10:00:00Z"}`,
		"run:read:feed:https://old.example/feed.xml": "2026-11-20T10:00:00Z",
		"run:pending": held,
	} {
		if err := st.SetCursor(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(moissonBinary(t), "status")
	cmd.Dir = dir
	cmd.Env = baseEnviron(dir, "MOISSON_DB="+db, "X_BEARER_TOKEN=token", "X_USERNAME=someone", "MOISSON_X_MAX_POSTS_PER_MONTH=1")
	b, err := cmd.CombinedOutput()
	out := string(b)
	if err != nil {
		t.Fatalf("status: %v\n%s", err, out)
	}
	if !strings.HasPrefix(out, "warnings\n") {
		t.Errorf("status does not start with the warnings:\n%s", out)
	}
	if i, j := strings.Index(out, "store "), strings.Index(out, "X API: the monthly limit of posts read (1) is reached"); j < 0 || i < j {
		t.Errorf("the X guard's warning is missing or after the state:\n%s", out)
	}
	if n := strings.Count(out, "reads stopped until next month"); n != 1 {
		t.Errorf("the X guard's stop is said %d times, want once:\n%s", n, out)
	}
	if n := strings.Count(out, "gave no link"); n != 1 {
		t.Errorf("the held week's reason is said %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out, "week "+held) {
		t.Errorf("the held week and its reason are not among the warnings:\n%s", out)
	}
	if !strings.Contains(out, "held       2026-W48") {
		t.Errorf("the state does not show the week held:\n%s", out)
	}
	srcs := out[strings.Index(out, "\nsources\n"):]
	if i, j := strings.Index(srcs, "no longer configured"), strings.Index(srcs, "old.example"); i < 0 || j < i {
		t.Errorf("the removed feed is not listed as no longer configured:\n%s", out)
	}
	if i := strings.Index(srcs, "  x\n"); i < 0 || i > strings.Index(srcs, "no longer configured") {
		t.Errorf("the configured X source is not listed first among the sources:\n%s", out)
	}
	if i, j := strings.Index(out, "settings"), strings.Index(out, "next post"); i < j {
		t.Errorf("the settings come before the state:\n%s", out)
	}
}
