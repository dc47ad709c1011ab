package digest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadCategories(t *testing.T) {
	got, err := LoadCategories("testdata/categories.conf")
	if err != nil {
		t.Fatal(err)
	}
	want := Categories{
		Hashtags: map[string]string{"mysql": "MySQL", "mariadb": "MySQL", "es": "ElasticSearch"},
		Domains:  map[string]string{"mariadb.com": "MySQL", "elasticsearch.org": "ElasticSearch"},
		Default:  "Divers",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LoadCategories (-want +got):\n%s", diff)
	}
}

func TestLoadCategoriesSyntax(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    Categories
		wantErr string
	}{
		{
			name:    "spaces, case, BOM, CRLF and trailing dot",
			content: "\ufeff  #MySQL=  My   SQL \r\n\r\n  Blog.MariaDB.com. = MariaDB\r\n;c\r\n// c\r\nDEFAULT = Autres liens\r\n#Sécurité = Sécurité & vie privée\n",
			want: Categories{
				Hashtags: map[string]string{"mysql": "My SQL", "sécurité": "Sécurité & vie privée"},
				Domains:  map[string]string{"blog.mariadb.com": "MariaDB"},
				Default:  "Autres liens",
			},
		},
		{name: "empty file", content: "", want: Categories{Hashtags: map[string]string{}, Domains: map[string]string{}}},
		{name: "not a rule", content: "// ok\n\nmysql MySQL\n", wantErr: `cats.conf:3: "mysql MySQL" is not a rule`},
		{name: "a '#' comment is a hashtag rule without '='", content: "# categories\n", wantErr: `cats.conf:1: "# categories" is not a rule`},
		{name: "no category", content: "#go =   \n", wantErr: `cats.conf:1: rule "#go" names no category`},
		{name: "bad hashtag", content: "#go lang = Go\n", wantErr: `cats.conf:1: "#go lang" is not a hashtag`},
		{name: "empty hashtag", content: "# = Go\n", wantErr: `cats.conf:1: "#" is not a hashtag`},
		{name: "url instead of domain", content: "https://go.dev/ = Go\n", wantErr: `cats.conf:1: "https://go.dev/" is not a domain`},
		{name: "word without a dot", content: "golang = Go\n", wantErr: `cats.conf:1: "golang" is not a domain`},
		{name: "duplicate key", content: "#go = Go\n\n#Go = Golang\n", wantErr: `cats.conf:3: "#go" already has a rule on line 1`},
		{name: "duplicate default", content: "default = A\ndefault = B\n", wantErr: `cats.conf:2: "default" already has a rule on line 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cats.conf")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := LoadCategories(path)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), path) {
					t.Fatalf("LoadCategories() error = %v, want one naming %s and containing %q", err, path, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("LoadCategories (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadCategoriesFile(t *testing.T) {
	if got, err := LoadCategories(""); err != nil || len(got.Hashtags)+len(got.Domains) != 0 || got.Default != "" {
		t.Errorf(`LoadCategories("") = %+v, %v; want nothing`, got, err)
	}
	missing := filepath.Join(t.TempDir(), "missing.conf")
	_, err := LoadCategories(missing)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("LoadCategories(missing) = %v, want a not-exist error naming the file", err)
	}
}

func TestSectionNamesFollowTheLanguage(t *testing.T) {
	cfg := DefaultConfig()
	if got := cfg.SectionNames(); !slices.Contains(got, "Divers") {
		t.Errorf("French sections %v, want Divers", got)
	}
	cfg.Lang = English
	if got := cfg.SectionNames(); slices.Contains(got, "Divers") || len(got) != 1 {
		t.Errorf("English sections %v, want only the English uncategorised section", got)
	}
}
