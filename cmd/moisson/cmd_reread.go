package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/feed"
	"github.com/moisson/moisson/weekly"
)

// rereadCommand is `moisson reread SOURCE --since DATE`.
func (e *env) rereadCommand() *cobra.Command {
	var since string
	cmd := &cobra.Command{
		Use:   "reread SOURCE --since DATE",
		Short: "Read a source's recent items again at its next poll",
		Long: `Reread makes the next poll of SOURCE (as status names it: "feed:URL",
"bluesky", "mastodon"; a feed's URL alone will do) read the source again (a
feed: every item it holds; Bluesky and Mastodon: their posts since DATE) and
replace the posts stored since DATE by what it gives now: after a feed's mode was fixed, or its items edited. Posts
older than DATE, and those the source no longer gives, are kept as they are;
nothing is stored twice. A running daemon is told through its socket;
otherwise the next "moisson run" does it. Changing a feed's mode in
MOISSON_FEEDS does the same by itself, from the last week published.`,
		Example: `  moisson reread feed:https://blog.example.org/feed.xml --since 2014-09-01
  moisson reread mastodon --since 2014-09-01`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s needs one SOURCE (see moisson status)", cmd.CommandPath())
			}
			return nil
		},
		RunE: e.action(func(ctx context.Context, args []string) error { return runReread(ctx, e, args[0], since) }),
	}
	cmd.Flags().Var(dateValue{&since}, "since", "first day whose posts are replaced, YYYY-MM-DD (required)")
	if err := cmd.MarkFlagRequired("since"); err != nil {
		panic(err) // the flag is defined just above
	}
	return cmd
}

// rereadRequest is what `reread` asks the daemon on its socket.
type rereadRequest struct {
	Source string    `json:"source"`
	Since  time.Time `json:"since"`
}

// rereadPath is the daemon's socket endpoint for reread.
const rereadPath = "/api/sources/reread"

func runReread(ctx context.Context, e *env, arg, sinceFlag string) error {
	if err := e.configure(); err != nil {
		return err
	}
	since, err := time.ParseInLocation(time.DateOnly, sinceFlag, e.cfg.location)
	if err != nil {
		return fmt.Errorf("reread: --since %q: want a date like 2014-09-29", sinceFlag)
	}
	req := rereadRequest{Source: arg, Since: since}
	if _, ok := e.daemon(); ok {
		name, err := askReread(ctx, e.socketPath(), req)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: read again at its next poll by the running daemon, posts from %s on replaced\n", name, sinceFlag)
		return nil
	}
	srcs, err := e.sources(nil, nil, nil)
	if err != nil {
		return err
	}
	names := make([]string, len(srcs))
	for i, s := range srcs {
		names[i] = s.Name()
	}
	name, err := pickSource(names, arg)
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	defer st.Close()
	if err := bot.RequestReread(ctx, st, name, since); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: read again at the next poll of moisson run, posts from %s on replaced\n", name, sinceFlag)
	return nil
}

// pickSource finds the configured source arg names: its name as status
// shows it, or a feed's URL.
func pickSource(names []string, arg string) (string, error) {
	arg = strings.TrimSpace(arg)
	want := []string{arg, moisson.RedactText(arg), "feed:" + moisson.RedactURL(arg)}
	if u, _, err := feed.ParseSpec(arg); err == nil {
		want = append(want, "feed:"+moisson.RedactURL(u))
	}
	for _, n := range names {
		for _, w := range want {
			if n == w || strings.TrimSuffix(n, "/") == strings.TrimSuffix(w, "/") {
				if n == "x" || n == "x-v1.1" {
					return "", fmt.Errorf("reread: %s: the X API bills each post read: read a past range with moisson backfill --from DATE instead", n)
				}
				return n, nil
			}
		}
	}
	shown := make([]string, len(names))
	for i, n := range names {
		shown[i] = moisson.RedactText(n)
	}
	if len(shown) == 0 {
		return "", fmt.Errorf("reread: %q: no source configured", moisson.RedactText(arg))
	}
	return "", fmt.Errorf("reread: %q is not a configured source; the sources are: %s", moisson.RedactText(arg), strings.Join(shown, ", "))
}

// rereadHandler answers `reread` on the daemon's socket: the source is
// read again at the loop's next poll.
func rereadHandler(s *weekly.Service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req rereadRequest
		answer := func(code int, v any) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			json.NewEncoder(w).Encode(v)
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil {
			answer(http.StatusBadRequest, map[string]string{"error": "reread: bad request: " + err.Error()})
			return
		}
		name, err := pickSource(s.Sources, req.Source)
		if err != nil {
			answer(http.StatusBadRequest, map[string]string{"error": err.Error()})
			return
		}
		if err := bot.RequestReread(r.Context(), s.Store, name, req.Since); err != nil {
			answer(http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		answer(http.StatusOK, map[string]string{"source": name})
	}
}

// askReread sends a reread request to the daemon on its unix socket and
// returns the source's name.
func askReread(ctx context.Context, socket string, req rereadRequest) (string, error) {
	d := &net.Dialer{Timeout: 5 * time.Second}
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return d.DialContext(ctx, "unix", socket) },
	}}
	defer client.CloseIdleConnections()
	body, err := json.Marshal(req)
	if err != nil {
		return "", fmt.Errorf("reread: %w", err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://moisson"+rereadPath, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("reread: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(hreq)
	if err != nil {
		return "", fmt.Errorf("reread: ask the daemon: %w", err)
	}
	defer resp.Body.Close()
	var out struct{ Source, Error string }
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		if out.Error != "" {
			return "", errors.New(out.Error)
		}
		return "", fmt.Errorf("reread: the daemon answered %s (a daemon older than this command?)", resp.Status)
	}
	return out.Source, nil
}
