package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/moisson/moisson/archive"
	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/weekly"
)

// socketPath is where the daemon (`run`, `review`) answers the other
// commands: a unix socket next to the store.
func (e *env) socketPath() string {
	abs, err := filepath.Abs(e.cfg.DB)
	if err != nil {
		abs = e.cfg.DB
	}
	return abs + ".sock"
}

// daemon returns a client of the running daemon that holds the store, if
// one runs: the commands then ask it instead of opening the store.
func (e *env) daemon() (*review.Client, bool) {
	c, err := review.Dial(e.socketPath())
	if err != nil {
		if !errors.Is(err, review.ErrNoDaemon) {
			e.log.Debug("no daemon", "error", err)
		}
		return nil, false
	}
	e.log.Debug("asking the running daemon", "socket", e.socketPath())
	return c, true
}

// serve serves the review page on MOISSON_LISTEN (unless "off") and the
// API on the unix socket next to the store, until ctx is done. It
// returns once both listeners are up; wait waits for them to stop.
func (e *env) serve(ctx context.Context, s *weekly.Service) (wait func() error, err error) {
	srv := review.New(s, review.Options{Lang: e.cfg.Lang, Token: e.cfg.UIToken, Log: e.log, Now: e.now, Location: e.cfg.location})
	var listeners []net.Listener
	sock, err := review.ListenUnix(e.socketPath())
	switch {
	case errors.Is(err, review.ErrDaemonRunning):
		return nil, err
	case err != nil:
		// The loop still runs; the other commands then find the store
		// locked and say so.
		e.log.Error("the other commands cannot reach this process", "error", err)
	default:
		listeners = append(listeners, sock)
	}
	if e.cfg.Listen != "" && e.cfg.Listen != "off" {
		if err := review.CheckAddr(e.cfg.Listen, e.cfg.UIToken); err != nil {
			for _, l := range listeners {
				l.Close()
			}
			return nil, err
		}
		l, err := net.Listen("tcp", e.cfg.Listen)
		if err != nil {
			// The page is a convenience: a busy port must not stop the
			// publishing.
			e.log.Error("review page not served (MOISSON_LISTEN)", "error", fmt.Errorf("listen on %s: %w", e.cfg.Listen, err))
		} else {
			listeners = append(listeners, l)
			e.log.Info("review page", "url", "http://"+l.Addr().String()+"/")
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, len(listeners))
	for i, l := range listeners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l == sock {
				errs[i] = serveSocket(ctx, l, srv, s)
				return
			}
			errs[i] = srv.Serve(ctx, l)
		}()
	}
	return func() error { wg.Wait(); return errors.Join(errs...) }, nil
}

// withStore runs fn on the store opened for the command, or reports that
// a daemon holds it.
func (e *env) storeOrDaemon() (*archive.Store, *review.Client, error) {
	if c, ok := e.daemon(); ok {
		return nil, c, nil
	}
	st, err := e.openStore()
	if err != nil {
		return nil, nil, err
	}
	return st, nil, nil
}

// serveSocket serves the API on the unix socket, with what only the
// command line asks there (reread) besides the page's API.
func serveSocket(ctx context.Context, l net.Listener, srv *review.Server, s *weekly.Service) error {
	mux := http.NewServeMux()
	mux.Handle("POST "+rereadPath, rereadHandler(s))
	mux.Handle("/", srv)
	hs := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      10 * time.Minute, // an import through the socket
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		done <- hs.Shutdown(sctx)
	}()
	if err := hs.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", l.Addr(), err)
	}
	if err := <-done; err != nil {
		return fmt.Errorf("shut down %s: %w", l.Addr(), err)
	}
	return nil
}
