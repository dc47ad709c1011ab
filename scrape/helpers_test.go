package scrape

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// The extraction's tests moved to scrape/extract with its code; these
// helpers of theirs serve the hostile fetches too.

// within runs fn and fails t when it has not returned after bound, with
// the stacks of every goroutine: a hang becomes a crasher the fuzzer
// keeps in testdata/fuzz. fn keeps running (a goroutine cannot be
// killed), but the test has failed.
func within(t testing.TB, bound time.Duration, fn func()) {
	t.Helper()
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	timer := time.NewTimer(bound)
	defer timer.Stop()
	select {
	case v := <-done:
		if v != nil {
			t.Fatalf("panic: %v", v)
		}
	case <-timer.C:
		buf := make([]byte, 1<<20)
		t.Fatalf("did not return within %s:\n%s", bound, buf[:runtime.Stack(buf, true)])
	}
}

// rawPDF writes a one-page PDF whose content stream is content, deflated
// when compress, in Helvetica.
func rawPDF(content string, compress bool) []byte {
	stream, filter := []byte(content), ""
	if compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(stream) // a bytes.Buffer never fails
		w.Close()
		stream, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(stream), filter, stream),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
