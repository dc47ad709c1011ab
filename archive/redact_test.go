package archive

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/moisson/moisson"
)

// TestPagesStoredWithoutSecrets: a page whose URL carries a secret (a
// password given to `scrape`, a token in its query, percent-encoded in a
// nested URL) is stored under its redacted URL and found by the URL as
// given; a store written before, holding such keys, has them moved at
// open, the page kept.
func TestPagesStoredWithoutSecrets(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "moisson.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	withPassword := "http://alice:Pl4nt3dP4ss@example.com/page"
	withNested := "https://example.com/r?url=https%3A%2F%2Fx.example%2F%3Ftoken%3DPl4nt3dT0k3n"
	plain := "https://example.com/plain?id=3"
	for _, u := range []string{withPassword, withNested, plain} {
		if err := s.PutPage(ctx, moisson.Page{URL: u, Title: "A title"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Pages(ctx, []string{withPassword, withNested, plain})
	if err != nil || len(got) != 3 {
		t.Fatalf("pages %v %v, want the 3 found by the URL as given", got, err)
	}
	if got[plain].URL != plain {
		t.Errorf("a URL with nothing to hide stored as %q", got[plain].URL)
	}
	// An older store: a page under its raw URL, the marker not yet set.
	old := "https://example.com/old?api_key=Pl4nt3dK3y"
	err = s.db.Update(func(tx *bbolt.Tx) error {
		data, _ := json.Marshal(moisson.Page{URL: old, Title: "Old page"})
		if err := tx.Bucket(bucketPages).Put([]byte(old), data); err != nil {
			return err
		}
		if err := tx.Bucket(bucketPageState).Put([]byte(old), encodePageState(pageState{ok: true, attempts: 1})); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyPagesRedacted)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Page(ctx, old)
	if err != nil || p.Title != "Old page" {
		t.Fatalf("old page after the move: %+v %v", p, err)
	}
	err = s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketPages).ForEach(func(k, v []byte) error {
			for _, secret := range []string{"Pl4nt3dP4ss", "Pl4nt3dT0k3n", "Pl4nt3dK3y"} {
				if strings.Contains(string(k), secret) || strings.Contains(string(v), secret) {
					t.Errorf("a page holds the secret %s: %s", secret, k)
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Pages != 4 {
		t.Errorf("stats %+v %v, want 4 pages", st, err)
	}
}
