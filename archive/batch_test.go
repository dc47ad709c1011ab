package archive

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

func TestPageBatchWritesFullBatchesAndFlushesByTime(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	var mu sync.Mutex
	var stored []string
	b := st.NewPageBatch(3, 50*time.Millisecond, func(p moisson.Page) {
		mu.Lock()
		stored = append(stored, p.URL)
		mu.Unlock()
	})
	for i := range 4 {
		if err := b.Put(moisson.Page{URL: fmt.Sprintf("https://a.example/%d", i), Title: "t", Status: 200}); err != nil {
			t.Fatal(err)
		}
	}
	// Three written at once (a full batch), the fourth held.
	if _, err := st.Page(ctx, "https://a.example/2"); err != nil {
		t.Fatalf("a full batch was not written: %v", err)
	}
	// The fourth is written within the wait even though no page follows.
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := st.Page(ctx, "https://a.example/3"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a held page was never written without a Close")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(stored) != 4 {
		t.Errorf("onStored saw %v, want the 4 pages", stored)
	}
}

func TestPageBatchOneBadPageLosesNoOther(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	b := st.NewPageBatch(10, time.Hour, nil)
	long := "https://a.example/" + strings.Repeat("x", 40000)
	for _, u := range []string{"https://a.example/ok1", long, "https://a.example/ok2"} {
		if err := b.Put(moisson.Page{URL: u, Title: "t", Status: 200}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err == nil || !strings.Contains(err.Error(), "longer than") {
		t.Errorf("Close: %v, want the long URL's error", err)
	}
	for _, u := range []string{"https://a.example/ok1", "https://a.example/ok2"} {
		if _, err := st.Page(ctx, u); err != nil {
			t.Errorf("%s lost with the bad page: %v", u, err)
		}
	}
}

// The capture of a page made when it was shared is kept when the page is
// scraped again.
func TestPutPageKeepsTheArchiveURL(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	u := "https://a.example/post"
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "t", Status: 200, ArchiveURL: "https://web.archive.org/web/20141002000000/" + u}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPage(ctx, moisson.Page{URL: u, Title: "t, again", Status: 200}); err != nil {
		t.Fatal(err)
	}
	p, err := st.Page(ctx, u)
	if err != nil || p.Title != "t, again" || p.ArchiveURL == "" {
		t.Fatalf("page %+v %v, want the new scrape with the old capture", p, err)
	}
}
