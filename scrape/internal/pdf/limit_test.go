package pdf

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// zeroReader returns no data and no error, forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

// lex reads tokens from b until it panics or reads n of them, and returns
// what it panicked with.
func lex(b *buffer, n int) (v any) {
	defer func() { v = recover() }()
	for range n {
		b.readToken()
	}
	return nil
}

func TestLexerEnds(t *testing.T) {
	tests := []struct {
		name string
		b    *buffer
		want string
	}{
		// The upstream lexer looped here: readByte returns '\n' past the
		// end and readHexString skipped it as space, forever.
		{"unterminated hex string", func() *buffer {
			b := newBuffer(strings.NewReader("BT <4142"), 0, nil)
			b.allowEOF = true
			return b
		}(), "malformed hex string"},
		{"hex string ending on a space", func() *buffer {
			b := newBuffer(strings.NewReader("<41 "), 0, nil)
			b.allowEOF = true
			return b
		}(), "malformed"},
		{"reader that never ends", newBuffer(zeroReader{}, 0, nil), "unexpected end of data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan any, 1)
			go func() { done <- lex(tc.b, 1000) }()
			select {
			case v := <-done:
				err, _ := v.(error)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("panicked with %v, want %q", v, tc.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the lexer did not return")
			}
		})
	}
}

func TestLexerDeadline(t *testing.T) {
	// A long run of valid tokens, past a deadline already gone.
	src := strings.Repeat("1 2 3 (text) /Name ", 10000)
	b := newBuffer(strings.NewReader(src), 0, &limit{deadline: time.Now().Add(-time.Second)})
	b.allowEOF = true
	if v := lex(b, 1<<20); v != ErrDeadline {
		t.Fatalf("panicked with %v, want ErrDeadline", v)
	}
	// Without a deadline the same input is read to its end.
	b = newBuffer(strings.NewReader(src), 0, &limit{})
	b.allowEOF = true
	defer func() {
		if v := recover(); v != nil {
			t.Fatalf("panicked with %v", v)
		}
	}()
	for b.readToken() != nil {
		if b.eof {
			break
		}
	}
}

func TestNewReaderDeadline(t *testing.T) {
	pdf := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n" +
		"44\n%%EOF\n"
	_, err := NewReaderDeadline(strings.NewReader(pdf), int64(len(pdf)), time.Now().Add(time.Minute))
	if err != nil {
		t.Fatalf("NewReaderDeadline: %v", err)
	}
	if errors.Is(err, ErrDeadline) {
		t.Fatal("deadline reported before it passed")
	}
}
