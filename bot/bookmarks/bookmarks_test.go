package bookmarks

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/moisson/moisson"
)

func readAll(t *testing.T, path string) (Format, []moisson.Post, error) {
	t.Helper()
	var posts []moisson.Post
	f, _, err := Read(context.Background(), path, func(p moisson.Post) error { posts = append(posts, p); return nil })
	return f, posts, err
}

func TestNetscape(t *testing.T) {
	f, posts, err := readAll(t, "testdata/firefox.html")
	if err != nil || f != Netscape {
		t.Fatalf("format %q, err %v", f, err)
	}
	if len(posts) != 2 {
		t.Fatalf("%d posts, want 2 (place: skipped): %+v", len(posts), posts)
	}
	p := posts[0]
	if p.URLs[0] != "https://blog.cloudflare.com/universal-ssl/" || p.Title != "Universal SSL: How It Scales" ||
		p.Note != "Très bien & clair" || strings.Join(p.Hashtags, "|") != "ssl|Sécurité" ||
		!p.CreatedAt.Equal(time.Unix(1412149200, 0)) {
		t.Errorf("first bookmark %+v", p)
	}
	if posts[1].Note != "" || posts[1].Title != "Sans date" {
		t.Errorf("second bookmark %+v", posts[1])
	}
}

func TestPinboardMalformedLine(t *testing.T) {
	f, posts, err := readAll(t, "testdata/pinboard.json")
	if f != Pinboard {
		t.Fatalf("format %q", f)
	}
	if err == nil || !strings.Contains(err.Error(), "testdata/pinboard.json:3:") || !strings.Contains(err.Error(), `time "yesterday"`) {
		t.Fatalf("error %v, want one naming file, line 3 and the date", err)
	}
	if len(posts) != 2 || posts[0].Note != "my note" || posts[0].Title != "Été à Paris" || strings.Join(posts[0].Hashtags, " ") != "go web" || posts[1].Hashtags != nil {
		t.Errorf("posts %+v", posts)
	}
}

func TestRaindropMalformedLine(t *testing.T) {
	f, posts, err := readAll(t, "testdata/raindrop.csv")
	if f != Raindrop {
		t.Fatalf("format %q", f)
	}
	if err == nil || !strings.Contains(err.Error(), "testdata/raindrop.csv:4:") {
		t.Fatalf("error %v, want one naming file and line 4", err)
	}
	if len(posts) != 2 || posts[0].Note != "a note, with comma" || posts[0].Summary != "An excerpt" || strings.Join(posts[0].Hashtags, "|") != "go|web" {
		t.Errorf("posts %+v", posts)
	}
}

func TestNotBookmarks(t *testing.T) {
	_, err := Detect("bookmarks.go")
	if err == nil || !strings.Contains(err.Error(), "not a bookmark export") {
		t.Fatalf("err %v", err)
	}
}
