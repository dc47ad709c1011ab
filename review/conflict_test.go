package review_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/moisson/moisson/review"
	"github.com/moisson/moisson/review/reviewtest"
)

// The conflict page shows the diff, says in the page's language what
// keeping the file reads back, and offers both choices as plain forms.
func TestConflictPage(t *testing.T) {
	b := reviewtest.NewMemBackend(reviewtest.SampleWeek(), "fr", reviewtest.SampleEntries(), reviewtest.SampleCategories)
	b.ConflictValue = &review.ConflictView{Week: weekID, Path: "_posts/2014-10-03-compilation-veille.md", Edited: true, Exact: true,
		Diff:  []review.DiffLine{{Op: "…"}, {Op: "-", Old: 18, Text: "[Title SSL](https://ssl.example/)"}, {Op: "+", New: 18, Text: "[SSL <by hand>](https://ssl.example/)"}},
		Added: 1, Removed: 1,
		ReadBack: []string{"title: https://ssl.example/", "section renamed: Go → Langages", "section Divers: https://go.example/", "intro"}}
	h := review.New(b, review.Options{}).Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, loopbackGet("/weeks/"+weekID+"/conflict"))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	page := rec.Body.String()
	for _, want := range []string{
		`<tr class="add">`, `[SSL &lt;by hand&gt;](https://ssl.example/)`, `<tr class="del">`,
		"titre : https://ssl.example/", "section renommée : Go → Langages", "déplacé dans la section : Divers ← https://go.example/", "<li>introduction</li>",
		`id="f-keep" data-plain`, `name="choice" value="keep"`, `name="choice" value="overwrite"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	if strings.Contains(page, "title: ") {
		t.Error("the French page shows the English read-back")
	}
}
