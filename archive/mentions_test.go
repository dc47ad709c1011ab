package archive

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/moisson/moisson"
)

func TestMentionsKeptAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "moisson.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	src := "https://blog.example.org/2014/10/03/links/"
	other := "https://blog.example.org/2014/10/10/links/"
	want := []moisson.Mention{
		{Source: src, Target: "https://a.example/1", State: moisson.MentionAccepted, Status: 202, Attempts: 1, At: day},
		{Source: src, Target: "https://b.example/2", State: moisson.MentionFailed, Status: 400, Attempts: 2, NextRetry: day.Add(2 * time.Hour), At: day, Error: "status 400"},
	}
	for _, m := range append(want, moisson.Mention{Source: other, Target: "https://a.example/1", State: moisson.MentionNoEndpoint, At: day}) {
		if err := s.PutMention(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Mention(ctx, src, "https://c.example/"); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("Mention of an unknown pair: %v, want ErrNotFound", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Mentions(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Mentions(src) after reopen (-want +got):\n%s", d)
	}
	all, err := s.Mentions(ctx, "")
	if err != nil || len(all) != 3 {
		t.Errorf("Mentions(\"\") = %d mentions, %v; want 3", len(all), err)
	}
	m, err := s.Mention(ctx, src, "https://b.example/2")
	if err != nil || m.Attempts != 2 || !m.NextRetry.Equal(day.Add(2*time.Hour)) || m.Done() {
		t.Errorf("Mention = %+v, %v; want the failed pair with its retry", m, err)
	}
}

func TestRemotePosts(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	if _, err := s.RemotePost(ctx, "ghost", "2014-W40"); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("RemotePost before any: %v, want ErrNotFound", err)
	}
	p := moisson.RemotePost{Target: "ghost", Week: "2014-W40", ID: "5ddc9141c35e7700383b2937", Version: "2019-11-26T02:43:13.000Z", Hash: "ab", At: day}
	if err := s.PutRemotePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := s.PutRemotePost(ctx, moisson.RemotePost{Target: "ghost", Week: "2014-W40"}); err == nil {
		t.Error("PutRemotePost with no id: no error")
	}
	got, err := s.RemotePost(ctx, "ghost", "2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(p, got); d != "" {
		t.Errorf("RemotePost (-want +got):\n%s", d)
	}
	if _, err := s.RemotePost(ctx, "wordpress", "2014-W40"); !errors.Is(err, moisson.ErrNotFound) {
		t.Errorf("RemotePost of another target: %v, want ErrNotFound", err)
	}
}
