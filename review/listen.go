package review

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"
)

// ErrDaemonRunning is returned by ListenUnix when another process already
// answers on the socket.
var ErrDaemonRunning = errors.New("another moisson process listens on the socket")

// CheckAddr refuses to serve the page on addr ("host:port") without a
// token unless host is a loopback address or "localhost": an empty host
// or 0.0.0.0 listens on every interface. The CLI calls it before
// listening, so that the daemon refuses to start rather than serve the
// page to the network.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("review: listen address %q: %w", addr, err)
	}
	if token != "" || loopbackHost(host) && host != "" {
		return nil
	}
	return fmt.Errorf("review: listen address %q is not loopback: set MOISSON_UI_TOKEN to serve the page there", addr)
}

// ListenUnix listens on a unix socket at path with mode 0600, for the
// CLI. A socket file left by a process that died is removed; one that
// still answers gives ErrDaemonRunning. Closing the listener removes the
// file.
func ListenUnix(path string) (net.Listener, error) {
	if fi, err := os.Lstat(path); err == nil {
		if fi.Mode().Type() != fs.ModeSocket {
			return nil, fmt.Errorf("review: listen on %s: the file exists and is not a socket", path)
		}
		c, err := net.DialTimeout("unix", path, time.Second)
		if err == nil {
			c.Close()
			return nil, fmt.Errorf("review: listen on %s: %w", path, ErrDaemonRunning)
		}
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("review: remove stale socket: %w", err)
		}
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("review: listen on %s: %w", path, err)
	}
	// Listen creates the file with the process's umask; narrow it before
	// anyone is answered (nothing is accepted before Serve).
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, fmt.Errorf("review: chmod socket: %w", err)
	}
	return l, nil
}

// The timeouts of the HTTP server. Writes are long because regenerating
// or publishing a week scrapes its links before answering.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 10 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 10 * time.Second
)

// Serve serves the page and the API on l until ctx is done, then shuts
// down gracefully (requests under way get 10 seconds). Requests on a
// unix listener are trusted (see the package comment). It returns nil
// after a shutdown asked by ctx.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          nil,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
		defer cancel()
		done <- srv.Shutdown(sctx)
	}()
	err := srv.Serve(l)
	if !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("review: serve %s: %w", l.Addr(), err)
	}
	if err := <-done; err != nil {
		return fmt.Errorf("review: shut down %s: %w", l.Addr(), err)
	}
	return nil
}

// ListenAndServe checks addr (CheckAddr), listens on it and serves until
// ctx is done.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	if err := CheckAddr(addr, s.opts.Token); err != nil {
		return err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("review: listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, l)
}

// noDaemon reports whether a dial error means nobody listens.
func noDaemon(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, fs.ErrNotExist) ||
		errors.Is(err, syscall.ENOENT) || strings.Contains(err.Error(), "connection refused")
}
