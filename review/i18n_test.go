package review

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moisson/moisson"
)

// TestCatalog: every key of the catalog is in both languages, with the
// same verbs, and every key the templates and the code ask for is in it.
func TestCatalog(t *testing.T) {
	for _, pair := range [][2]string{{"fr", "en"}, {"en", "fr"}} {
		for key, m := range messages[pair[0]] {
			other, ok := messages[pair[1]][key]
			if !ok {
				t.Errorf("%q is in %s, not in %s", key, pair[0], pair[1])
				continue
			}
			if verbs(m) != verbs(other) {
				t.Errorf("%q: %s %q and %s %q take different arguments", key, pair[0], m, pair[1], other)
			}
		}
	}
	for key, where := range usedKeys(t) {
		if !hasMsg(key) {
			t.Errorf("%s asks for %q, not in the catalog", where, key)
		}
	}
}

var verbRE = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// verbs are the arguments a message takes (%q and %s alike).
func verbs(s string) string {
	return strings.ReplaceAll(strings.Join(verbRE.FindAllString(s, -1), " "), "%q", "%s")
}

// usedKeys are the catalog keys the templates and the package's code
// name, with where.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	tmplRE := regexp.MustCompile(`\.(?:T|N [^"{}]*?) "([a-z0-9_]+)"`)
	if err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range tmplRE.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = path
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// Keys made at run time: states, done actions.
	for _, st := range []WeekState{StateOpen, StatePending, StateDraft, StatePublished, StateConflict, StateEmpty} {
		keys["state_"+string(st)] = "the week's state"
	}
	for a := range entryActions {
		keys["done_"+a] = "done after " + a
	}
	for a := range weekActions {
		keys["done_"+a] = "done after " + a
	}
	for _, a := range []string{"undo", "regenerate", "publish"} {
		keys["done_"+a] = "done after " + a
	}
	for _, code := range []string{"400", "404", "409", "500", "503"} {
		keys["err_"+code] = "an error page"
	}
	codeRE := regexp.MustCompile(`(?:msg\([a-zA-Z.]+, |\.T\(|problem\(|count\([a-zA-Z.]+, [^,]+, )"([a-z0-9_]*[a-z0-9])"`)
	fieldRE := regexp.MustCompile(`field\("([a-z]+)"\)`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range codeRE.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = f
		}
		for _, m := range fieldRE.FindAllStringSubmatch(string(b), -1) {
			keys["f_"+m[1]] = f
		}
	}
	// The fields a save names in the edit log (weekly's saveEntry).
	for _, f := range []string{"title", "lead", "comment", "category", "hide", "show", "order"} {
		keys["fld_"+f] = "the edit log"
	}
	// The one-line and text fields CheckChange names.
	for _, f := range []string{"title", "category", "lead", "comment", "intro"} {
		keys["f_"+f] = "CheckChange"
	}
	if len(keys) < 50 {
		t.Fatalf("only %d keys found: the patterns miss the templates", len(keys))
	}
	return keys
}

// TestCatalogTestSeesMissingKeys: the check fails on a key missing in one
// language and on a template key missing from the catalog.
func TestCatalogTestSeesMissingKeys(t *testing.T) {
	delete(messages["en"], "hide")
	defer func() { messages["en"]["hide"] = messages["fr"]["hide"] }()
	if _, ok := messages["en"]["hide"]; ok {
		t.Fatal("not deleted")
	}
	missing := []string{}
	for key := range messages["fr"] {
		if _, ok := messages["en"][key]; !ok {
			missing = append(missing, key)
		}
	}
	if !slices.Equal(missing, []string{"hide"}) {
		t.Errorf("missing %q, want hide", missing)
	}
	keys := usedKeys(t)
	if _, ok := keys["hide"]; !ok {
		t.Error("the templates' keys do not include hide")
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 0, "0 lien"}, {"fr", 1, "1 lien"}, {"fr", 2, "2 liens"}, {"fr", 48, "48 liens"},
		{"en", 0, "0 links"}, {"en", 1, "1 link"}, {"en", 2, "2 links"},
		{"fr", 1, "1 modification"}, {"en", 3, "3 edits"},
	} {
		key := "links"
		if strings.Contains(tc.want, "modif") || strings.Contains(tc.want, "edit") {
			key = "edits"
		}
		if got := count(tc.lang, tc.n, key); got != tc.want {
			t.Errorf("count(%s, %d, %s) = %q, want %q", tc.lang, tc.n, key, got, tc.want)
		}
	}
}

func TestProblemSaidInLanguage(t *testing.T) {
	err := CheckChange(Change{Action: "title", Entry: "https://example.org/", Value: strings.Repeat("x", maxTitle+1)})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err %v, want ErrInvalid", err)
	}
	fr, detail := say("fr", err)
	if fr != "Titre : plus de 500 caractères." || detail != "" {
		t.Errorf("fr: %q %q", fr, detail)
	}
	if en, _ := say("en", err); en != "Title: longer than 500 characters." {
		t.Errorf("en: %q", en)
	}
	if got := err.Error(); got != "invalid request: Title: longer than 500 characters" {
		t.Errorf("Error() %q", got)
	}
	// Another error: the sentence of its status, the detail as it is.
	s, d := say("fr", errors.New("git push: rejected"))
	if !strings.HasPrefix(s, "Une erreur interne") || d != "git push: rejected" {
		t.Errorf("other error: %q %q", s, d)
	}
}

func TestSourceLabel(t *testing.T) {
	for key, want := range map[string]string{
		"x/1900": "X",
		"feed:https://www.example.org/feed.xml/guid-1":                 "flux example.org",
		"feed:http://blog.example.com/rss/http://blog.example.com/p/1": "flux blog.example.com",
		"bluesky/at://did:plc:x/app.bsky.feed.post/3k":                 "Bluesky",
		"mastodon/1234":             "Mastodon",
		"hand/https://example.org/": "ajouté à la main",
	} {
		if got := sourceLabel("fr", key); got != want {
			t.Errorf("sourceLabel(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestFailureSaid: why a page could not be read is said in the page's
// language; an error moisson has no words for is given as a detail.
func TestFailureSaid(t *testing.T) {
	for _, tc := range []struct {
		page   moisson.Page
		fr, en string
	}{
		{moisson.Page{Status: 404, Error: "scrape: get http://x/: status 404 Not Found"}, "échec : la page répond 404", "failed: the page answers 404"},
		{moisson.Page{Unreachable: true, Error: "dial tcp: connection refused"}, "échec : serveur injoignable", "failed: server unreachable"},
		{moisson.Page{Blocked: "challenge", Status: 403, Error: "bot wall"}, "échec : bloquée (vérification anti-robots)", "failed: blocked (bot check)"},
		{moisson.Page{Error: "context deadline exceeded"}, "échec : lecture impossible (détail : context deadline exceeded)", "failed: could not be read (detail: context deadline exceeded)"},
	} {
		if got := failure("fr", tc.page); got != tc.fr {
			t.Errorf("fr %+v: %q, want %q", tc.page, got, tc.fr)
		}
		if got := failure("en", tc.page); got != tc.en {
			t.Errorf("en %+v: %q, want %q", tc.page, got, tc.en)
		}
	}
}

func TestEditLogSaid(t *testing.T) {
	p := pageData{Lang: "fr"}
	if got := p.Fields("lead, comment, order"); got != "chapeau, commentaire, place" {
		t.Errorf("Fields = %q", got)
	}
	if got := p.By("cli"); got != "ligne de commande" {
		t.Errorf("By = %q", got)
	}
	if got := p.Act("save"); got != "enregistré" {
		t.Errorf("Act = %q", got)
	}
	if got := p.Reason("held"); got != "retenue par l'auteur" {
		t.Errorf("Reason = %q", got)
	}
}

func TestWarningSaid(t *testing.T) {
	p := pageData{Lang: "fr"}
	for in, want := range map[string]string{
		"week 2014-W40: draft waiting for approval": "semaine 2014-W40 : brouillon en attente d'approbation",
		"week 2014-W40: written, not pushed (2 attempts, the last 2014-10-03 18:10:00; tried again by itself from 2014-10-03 18:40:00): rejected": "semaine 2014-W40 : git a refusé l'envoi (2 tentatives, nouvel essai automatique) : rejected",
		"no source configured: set X_BEARER_TOKEN and X_USERNAME, MOISSON_FEEDS or MOISSON_ARCHIVE":                                               "aucune source configurée : renseignez X_BEARER_TOKEN et X_USERNAME, MOISSON_FEEDS ou MOISSON_ARCHIVE",
		"feed:https://example.org/: 503 Service Unavailable":                                                                                      "feed:https://example.org/: 503 Service Unavailable",
	} {
		if got := p.Warning(in); got != want {
			t.Errorf("Warning(%q) = %q, want %q", in, got, want)
		}
	}
}
