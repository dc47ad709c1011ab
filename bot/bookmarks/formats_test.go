package bookmarks

import (
	"strings"
	"testing"
)

func TestOtherFormats(t *testing.T) {
	for _, tc := range []struct {
		file                         string
		format                       Format
		url, title, note, tags, date string
	}{
		{"testdata/pocket.csv", PocketCSV, "https://example.com/p", "Café noir", "", "go|web", "2023-11-14"},
		{"testdata/pocket.html", PocketHTML, "https://example.com/ph", "Pocket title", "", "go|ünï", "2023-11-14"},
		{"testdata/linkding.json", Linkding, "https://example.com/l", "Site title", "my note", "go|web", "2020-09-26"},
		{"testdata/omnivore.json", Omnivore, "https://example.com/o", "Omni", "", "go", "2023-11-02"},
		{"testdata/wallabag.json", Wallabag, "https://example.com/w", "Wall", "annotated", "go", "2016-04-05"},
	} {
		f, posts, err := readAll(t, tc.file)
		if err != nil || f != tc.format || len(posts) != 1 {
			t.Errorf("%s: format %q, %d posts, err %v", tc.file, f, len(posts), err)
			continue
		}
		p := posts[0]
		if p.URLs[0] != tc.url || p.Title != tc.title || p.Note != tc.note || strings.Join(p.Hashtags, "|") != tc.tags || p.CreatedAt.Format("2006-01-02") != tc.date {
			t.Errorf("%s: %+v", tc.file, p)
		}
	}
}
