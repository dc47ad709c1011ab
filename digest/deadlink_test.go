package digest

import (
	"strings"
	"testing"
)

// A page that is gone but archived links as MOISSON_DEADLINK_STYLE says:
// to the live URL with its copy after it (the default), or to the copy.
// A page gone with no copy, or alive, links to the live URL either way.
func TestDeadLinkStyle(t *testing.T) {
	week, err := DefaultConfig().ParseWeek("2014-W40")
	if err != nil {
		t.Fatal(err)
	}
	const capture = "https://web.archive.org/web/20141001101010/https://gone.example/post"
	d := Digest{Week: week, Links: 2, Sections: []Section{{Name: "Web", Entries: []Entry{
		{Title: "Gone but archived", URL: "https://gone.example/post", Lead: "As it was.", ArchiveURL: capture, Scraped: true},
		{Title: "Alive", URL: "https://alive.example/", Scraped: true},
	}}}}
	tests := []struct {
		name  string
		style DeadLinkStyle
		lang  Lang
		bold  bool
		want  string
	}{
		{"default", "", French, false,
			"[Gone but archived](https://gone.example/post) ([archive](" + capture + "))\n: As it was.\n\n[Alive](https://alive.example/)\n"},
		{"annotate, English", DeadLinkAnnotate, English, false,
			"[Gone but archived](https://gone.example/post) ([archive](" + capture + "))\n: As it was.\n\n[Alive](https://alive.example/)\n"},
		{"annotate, bold links", DeadLinkAnnotate, French, true,
			"**[Gone but archived](https://gone.example/post)** ([archive](" + capture + "))  \nAs it was.\n\n**[Alive](https://alive.example/)**\n"},
		{"archive", DeadLinkArchive, French, false,
			"[Gone but archived](" + capture + ")\n: As it was.\n\n[Alive](https://alive.example/)\n"},
		{"archive, bold links", DeadLinkArchive, English, true,
			"**[Gone but archived](" + capture + ")**  \nAs it was.\n\n**[Alive](https://alive.example/)**\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.DeadLinkStyle, cfg.Lang, cfg.BoldLinks = tc.style, tc.lang, tc.bold
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			got := string(Render(d, cfg))
			if !strings.HasSuffix(got, "### Web\n\n"+tc.want) {
				t.Errorf("Render() =\n%s\nwant it to end with\n%s", got, tc.want)
			}
			data, err := cfg.Data(d, week.End)
			if err != nil {
				t.Fatal(err)
			}
			e := data.Sections[0].Entries[0]
			if e.Link != e.TitleLink+e.ArchiveNote || e.ArchiveURL != capture {
				t.Errorf("entry data: Link %q, TitleLink %q, ArchiveNote %q, ArchiveURL %q", e.Link, e.TitleLink, e.ArchiveNote, e.ArchiveURL)
			}
		})
	}
	cfg := DefaultConfig()
	cfg.DeadLinkStyle = "footnote"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "footnote") {
		t.Errorf("unknown style: %v, want an error naming it", err)
	}
}
