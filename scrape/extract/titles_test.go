package extract

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// titleCase is one page of testdata/titles: a class of <title> and the
// title, source and confidence it must give.
type titleCase struct {
	File            string     `json:"file"`
	Class           string     `json:"class"`
	URL             string     `json:"url"`
	HostTitles      []string   `json:"host_titles"`
	Title           string     `json:"title"`
	TitleSource     Source     `json:"title_source"`
	TitleConfidence Confidence `json:"title_confidence"`
	Lead            string     `json:"lead"`
}

// TestTitleClasses extracts each page of testdata/titles, one per class
// of <title> that the reconciliation serves, from bytes as a caller
// would, and checks the title, where it came from, and (when given) the
// lead.
func TestTitleClasses(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "titles", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []titleCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.File, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "titles", tc.File))
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(tc.URL)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ExtractWith(body, u, "text/html", Options{HostTitles: tc.HostTitles})
			if err != nil {
				t.Fatal(err)
			}
			if res.Title != tc.Title || res.TitleSource != tc.TitleSource || res.TitleConfidence != tc.TitleConfidence {
				t.Errorf("%s:\n got  %q (%s, %s)\n want %q (%s, %s)", tc.Class, res.Title, res.TitleSource, res.TitleConfidence, tc.Title, tc.TitleSource, tc.TitleConfidence)
			}
			if tc.Lead != "" && res.Lead != tc.Lead {
				t.Errorf("%s: lead\n got  %q\n want %q", tc.Class, res.Lead, tc.Lead)
			}
			if res.Lead == "" || res.LeadSource != SourceParagraph {
				t.Errorf("lead %q from %q, want the page's paragraph", res.Lead, res.LeadSource)
			}
		})
	}
}
