package extract

import (
	"errors"
	"testing"
)

// TestExtractRecoversPanics: a panic in an extractor is the page's error,
// not the caller's crash.
func TestExtractRecoversPanics(t *testing.T) {
	u := mustURL(t, "https://example.com/files/report-2024.pdf")
	p, err := guardExtract(shapePDF, u, "application/pdf", func() (Result, error) {
		var m map[string]int
		m["boom"]++ // a nil map: a bug the input tripped on
		return Result{}, nil
	})
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Kind != KindPDF || len(pe.Stack) == 0 {
		t.Fatalf("err = %v, want a *PanicError of kind pdf with its stack", err)
	}
	if p.Kind != KindPDF || p.Title != "report 2024" {
		t.Errorf("page = %+v, want kind pdf titled from the file name", p)
	}
}
