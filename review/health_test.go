package review_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// healthBackend is a Backend that knows its health.
type healthBackend struct {
	*reviewtest.MemBackend
	health review.Health
}

func (b *healthBackend) Health(context.Context) (review.Health, error) { return b.health, nil }

// TestHealthDegraded: a degraded Backend is answered 503 with its
// reasons, to the CLI on the socket and to a loopback client; a client
// that may not read the page (not loopback, no token) gets the status
// without the reasons.
func TestHealthDegraded(t *testing.T) {
	b := &healthBackend{MemBackend: newBackend(), health: review.Health{Status: review.HealthDegraded, Reasons: []review.HealthReason{
		{Check: "push:2014-W40", Message: "week 2014-W40 written (_posts/2014-10-03-compilation-veille.md), not pushed"},
		{Check: "source:x", Message: "source x failed its last 3 polls"},
	}}}

	c := serveUnix(t, b)
	h, err := c.Health(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != review.HealthDegraded || len(h.Reasons) != 2 || h.Reasons[0].Check != "push:2014-W40" {
		t.Errorf("Health on the socket = %+v", h)
	}

	srv := review.New(b, review.Options{Token: "s3cr3t-token-value"}).Handler()
	get := func(remote string, token string) (int, review.Health) {
		req := httptest.NewRequest(http.MethodGet, "http://"+remote+":7080/api/health", nil)
		req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, net.Addr(&net.TCPAddr{IP: net.ParseIP(remote), Port: 7080})))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		var got review.Health
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatalf("health body %q: %v", rec.Body.String(), err)
		}
		return rec.Code, got
	}
	if code, got := get("192.0.2.10", ""); code != http.StatusServiceUnavailable || got.Status != review.HealthDegraded || len(got.Reasons) != 0 {
		t.Errorf("without the token: %d %+v, want 503, degraded, no reasons", code, got)
	}
	if code, got := get("192.0.2.10", "s3cr3t-token-value"); code != http.StatusServiceUnavailable || len(got.Reasons) != 2 {
		t.Errorf("with the token: %d %+v, want 503 and the reasons", code, got)
	}

	b.health = review.Health{Status: review.HealthOK}
	if code, got := get("192.0.2.10", ""); code != http.StatusOK || got.Status != review.HealthOK {
		t.Errorf("healed: %d %+v, want 200 ok", code, got)
	}
}
