package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/html")

// htmlGolden is what a golden file records of a page.
type htmlGolden struct {
	Title        string `json:"title"`
	Lead         string `json:"lead"`
	LeadFromMeta bool   `json:"lead_from_meta,omitempty"`
	Site         string `json:"site,omitempty"`
	Lang         string `json:"lang,omitempty"`
}

// TestHTMLGolden extracts every testdata/html/*.html page and compares
// the result with its .golden.json; -update rewrites them.
func TestHTMLGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "html", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden pages in testdata/html")
	}
	u, _ := url.Parse("https://news.example.com/2024/03/03/depot")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".html")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			p := extractHTML(doc, u)
			got := htmlGolden{Title: p.Title, Lead: p.Lead, LeadFromMeta: p.LeadFromMeta, Site: p.Site, Lang: p.Lang}
			golden := strings.TrimSuffix(file, ".html") + ".golden.json"
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			raw, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run HTMLGolden -update)", err)
			}
			var want htmlGolden
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("extractHTML mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLeadCap(t *testing.T) {
	long := strings.Repeat("word ", 200) + "end."
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"short kept", "One. Two.", 100, "One. Two."},
		{"cut at sentence end", "First sentence here. Second sentence is longer than the cap.", 30, "First sentence here."},
		{"long first sentence kept whole", long + " Next.", 100, long},
		{"no sentence end kept whole", strings.Repeat("x ", 80), 100, strings.Repeat("x ", 80)},
		{"initials do not end sentences", "Said J. Smith to the press. And more text follows here.", 40, "Said J. Smith to the press."},
		{"quote after the stop", "He said “yes.” Then he left the room and the rest.", 20, "He said “yes.”"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := capLead(tc.in, tc.max); got != tc.want {
				t.Errorf("capLead(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
		})
	}
}

func TestLeadEndsSentence(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"A sentence.", true},
		{"A quote.”", true},
		{"A note.[1]", true},
		{"(A remark.)", true},
		{"这是一个句子。", true},
		{"By Jane Smith", false},
		{"March 3, 2024", false},
		{"Photo (Getty Images)", false},
	}
	for _, tc := range tests {
		if got := endsSentence(tc.in); got != tc.want {
			t.Errorf("endsSentence(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestLeadByline(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"By Jane Smith, Staff Writer", true},
		{"Jane Smith · 5 min read", true},
		{"Updated March 3, 2024", true},
		{"By the end of the year, the council will have voted on the depot and the library.", false},
		{"The council voted on Tuesday.", false},
		{"Jonas Reinhardt, 12.03.2025, 14:05 Uhr · Lesezeit: 4 Min.", true},
		{"Par Claire Bonnet · Lecture : 4 min.", true},
		{"2024年9月26日 11時30分 この記事は約3分で読めます", true},
	}
	for _, tc := range tests {
		w, _ := countWords(tc.in)
		if got := isByline(tc.in, w); got != tc.want {
			t.Errorf("isByline(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestTitleFromTitleTag(t *testing.T) {
	tests := []struct {
		name, title string
		h1s         []heading
		want        string
	}{
		{"site after pipe", "Old tram depot to become a library | The Daily Example", nil, "Old tram depot to become a library"},
		{"site after en dash", "Lorem ipsum dolor sit amet – My website", nil, "Lorem ipsum dolor sit amet"},
		{"dash inside the headline", "Spider-Man - the musical that nearly broke Broadway", nil, "Spider-Man - the musical that nearly broke Broadway"},
		{"short title kept whole", "Mozilla - Wikipedia", nil, "Mozilla - Wikipedia"},
		{"site before colon", "Daily Example: Old tram depot to become a library", nil, "Old tram depot to become a library"},
		{"colon in the h1", "Superbugs: What They Are", []heading{{text: "Superbugs: What They Are"}}, "Superbugs: What They Are"},
		{"product name and its colon", "tiny: a 3 kB date picker", nil, "tiny: a 3 kB date picker"},
		{"entities and spaces", "Fish &amp;\n  chips   tonight at the harbour", nil, "Fish & chips tonight at the harbour"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := articleTitle(tc.title, tc.h1s, nil); got != tc.want {
				t.Errorf("articleTitle(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestHTMLShortLang(t *testing.T) {
	for in, want := range map[string]string{"fr-FR": "fr", "en_US": "en", "pt-br, en": "pt", "ZH": "zh", "": "", "x-klingon": ""} {
		if got := shortLang(in); got != want {
			t.Errorf("shortLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLeadDisclosure(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"This post contains affiliate links. If you buy through them we may earn a small commission, at no extra cost to you.", true},
		{"Cet article contient des liens affiliés.", true},
		{"Our balcony faces north and gets about three hours of direct sun at the height of July.", false},
	}
	for _, tc := range tests {
		w, _ := countWords(tc.in)
		if got := isDisclosure(tc.in, w); got != tc.want {
			t.Errorf("isDisclosure(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestHTMLFirstMetaParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"We build a tiny emulator and watch the precision leak away.Chapters:00:00 Intro", "We build a tiny emulator and watch the precision leak away."},
		{"Made in the U.S.A. by hand. Shipped worldwide.", "Made in the U.S.A. by hand. Shipped worldwide."},
		{"Written in Node.Js and Go.", "Written in Node.Js and Go."},
		{"One line only", "One line only"},
	}
	for _, tc := range tests {
		if got := firstMetaParagraph(tc.in); got != tc.want {
			t.Errorf("firstMetaParagraph(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLeadStripLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Abstract:Mixture-of-experts models route each token to a few experts.", "Mixture-of-experts models route each token to a few experts."},
		{"Résumé : Nous montrons que cette perte est inutile dans tous les cas.", "Nous montrons que cette perte est inutile dans tous les cas."},
		{"摘要：本文提出了一种新的路由方法，无需额外的损失函数。", "本文提出了一种新的路由方法，无需额外的损失函数。"},
		{"Summary of the council's decisions on the depot and the library.", "Summary of the council's decisions on the depot and the library."},
		{"Abstract: too short.", "Abstract: too short."},
	}
	for _, tc := range tests {
		if got := stripLabel(tc.in); got != tc.want {
			t.Errorf("stripLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTitleTrimByHeading(t *testing.T) {
	h1 := []heading{{text: "Reworking the kernel's page-cache writeback"}}
	tests := []struct{ in, want string }{
		{"Reworking the kernel's page-cache writeback [LWN.net]", "Reworking the kernel's page-cache writeback"},
		{"Reworking the kernel's page-cache writeback | LWN.net", "Reworking the kernel's page-cache writeback | LWN.net"},
		{"Something else entirely [LWN.net]", "Something else entirely [LWN.net]"},
	}
	for _, tc := range tests {
		if got := trimByHeading(tc.in, h1); got != tc.want {
			t.Errorf("trimByHeading(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
