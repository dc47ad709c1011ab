package x

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode"
)

// Reading an archive's data files in bounded time and memory, whatever
// they hold. encoding/json's Decoder rescans the whitespace it buffered
// after each refill (a tweets.js of 256 MiB of spaces takes minutes) and
// holds a whole value before decoding it (a 2 GiB full_text is held before
// it is refused). archiveScanner instead walks the bytes once: it skips the
// space between elements itself, cuts out one element at a time, refuses
// an element or a string past a cap as soon as it passes it, and hands the
// element alone to json.Unmarshal. It counts lines as it goes, so an error
// is placed without reading the file again.

const (
	// maxArchiveElementBytes caps one element of a data file (a post, a
	// note) and the one value of a manifest: a post is a few KiB, the
	// manifest of a big export a few dozen.
	maxArchiveElementBytes = 4 << 20
	// maxArchiveFieldBytes caps one string of a data file, or one field of
	// tweets.csv. X allows 25,000 characters in a post (100 KB of UTF-8 at
	// most, escaped as \uXXXX at worst 150 KB).
	maxArchiveFieldBytes = 1 << 20
)

// archiveSyntaxError is an error of a data file's content at a place.
type archiveSyntaxError struct {
	line, col int
	err       error
}

func (e *archiveSyntaxError) Error() string {
	return fmt.Sprintf("line %d:%d: %v", e.line, e.col, e.err)
}

func (e *archiveSyntaxError) Unwrap() error { return e.err }

// archiveScanner cuts the JSON value a data file assigns into its
// elements.
type archiveScanner struct {
	br *bufio.Reader
	// line and col are those of the next byte to read, from 1; col counts
	// bytes.
	line, col int
	// elem is the element being cut, reused from one to the next.
	elem []byte
}

// newArchiveScanner reads a data file from r: it skips a byte-order mark
// and the "window.YTD.tweets.part0 =" (or "Grailbird.data.tweets_2014_10
// =", "var user_details =") that makes the file a script.
func newArchiveScanner(r io.Reader) (*archiveScanner, error) {
	s := &archiveScanner{br: bufio.NewReaderSize(r, 64<<10), line: 1, col: 1}
	if b, err := s.br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		s.discard(3)
	}
	head, err := s.br.Peek(4096)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if i := bytes.IndexFunc(head, func(r rune) bool { return !unicode.IsSpace(r) }); i >= 0 && (head[i] == '[' || head[i] == '{') {
		return s, nil
	}
	eq := bytes.IndexByte(head, '=')
	ok := eq > 0
	for _, c := range head[:max(eq, 0)] {
		if !(c == '_' || c == '.' || c == '$' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			ok = false
			break
		}
	}
	if !ok {
		return nil, s.errorHere(errors.New(`not a data file: it starts with neither JSON nor an assignment like "window.YTD.tweets.part0 ="`))
	}
	s.discard(eq + 1)
	return s, nil
}

// discard consumes n buffered bytes, counting their lines.
func (s *archiveScanner) discard(n int) {
	b, _ := s.br.Peek(n)
	s.advance(b)
	_, _ = s.br.Discard(n)
}

// advance moves the place past b.
func (s *archiveScanner) advance(b []byte) {
	if n := bytes.Count(b, []byte{'\n'}); n > 0 {
		s.line += n
		s.col = len(b) - bytes.LastIndexByte(b, '\n')
		return
	}
	s.col += len(b)
}

// placeIn returns the place of byte off of b, b starting at line, col.
func placeIn(b []byte, off, line, col int) (int, int) {
	b = b[:min(off, len(b))]
	if n := bytes.Count(b, []byte{'\n'}); n > 0 {
		return line + n, len(b) - bytes.LastIndexByte(b, '\n')
	}
	return line, col + len(b)
}

func (s *archiveScanner) errorHere(err error) error {
	return &archiveSyntaxError{line: s.line, col: s.col, err: err}
}

// buffered returns the bytes buffered, reading more when there are none.
// It returns io.EOF at the end of the file, and the reader's error (a zip
// entry's bad checksum comes at its end) as it comes.
func (s *archiveScanner) buffered() ([]byte, error) {
	if s.br.Buffered() == 0 {
		if _, err := s.br.Peek(1); err != nil {
			return nil, err
		}
	}
	b, _ := s.br.Peek(s.br.Buffered())
	return b, nil
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// skipSpace skips JSON whitespace and returns the next byte, unread. Each
// byte is looked at once, however much whitespace there is.
func (s *archiveScanner) skipSpace() (byte, error) {
	for {
		b, err := s.buffered()
		if err != nil {
			return 0, err
		}
		i := 0
		for i < len(b) && isJSONSpace(b[i]) {
			if b[i] == '\n' {
				s.line, s.col = s.line+1, 1
			} else {
				s.col++
			}
			i++
		}
		_, _ = s.br.Discard(i)
		if i < len(b) {
			return b[i], nil
		}
	}
}

// eofError turns the end of the file where more was expected into
// io.ErrUnexpectedEOF at the file's end.
func (s *archiveScanner) eofError(err error) error {
	if err == io.EOF {
		return s.errorHere(io.ErrUnexpectedEOF)
	}
	return err
}

// openArray reads up to the '[' that opens the array.
func (s *archiveScanner) openArray() error {
	c, err := s.skipSpace()
	if err != nil {
		return s.eofError(err)
	}
	if c != '[' {
		return s.errorHere(fmt.Errorf("want an array, found %q", c))
	}
	s.discard(1)
	return nil
}

// next cuts out the array's next element: it returns false at the array's
// end. The element and its place are valid until the next call.
func (s *archiveScanner) next(first bool) (elem []byte, line, col int, more bool, err error) {
	c, err := s.skipSpace()
	if err != nil {
		return nil, 0, 0, false, s.eofError(err)
	}
	if c == ']' {
		s.discard(1)
		return nil, 0, 0, false, nil
	}
	if !first {
		if c != ',' {
			return nil, 0, 0, false, s.errorHere(fmt.Errorf("invalid character %q after an array element: want a comma or ]", c))
		}
		s.discard(1)
		if _, err = s.skipSpace(); err != nil {
			return nil, 0, 0, false, s.eofError(err)
		}
	}
	line, col = s.line, s.col
	elem, err = s.value()
	return elem, line, col, err == nil, err
}

// value cuts out the JSON value that starts at the next byte, which is no
// space: an object, an array, a string or a scalar. Only its extent is
// found here; json.Unmarshal checks it.
func (s *archiveScanner) value() ([]byte, error) {
	line, col := s.line, s.col
	s.elem = s.elem[:0]
	depth := 0
	inString, escaped := false, false
	strStart := 0
	scalar := false
	tooBig := func(what string, off int, limit int) error {
		l, c := placeIn(s.elem, off, line, col)
		return &archiveSyntaxError{line: l, col: c, err: fmt.Errorf("%s of more than %d MiB: refusing it (a post holds at most 25,000 characters)", what, limit>>20)}
	}
	for {
		b, err := s.buffered()
		if err != nil {
			s.advance(s.elem)
			if err == io.EOF && scalar && !inString {
				return s.elem, nil
			}
			return nil, s.eofError(err)
		}
		end := -1
		i := 0
	scan:
		for ; i < len(b); i++ {
			c := b[i]
			if inString {
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
					if depth == 0 {
						end = i + 1
						break scan
					}
				}
				if len(s.elem)+i-strStart > maxArchiveFieldBytes {
					s.elem = append(s.elem, b[:i]...)
					return nil, tooBig("a string", strStart, maxArchiveFieldBytes)
				}
				continue
			}
			switch c {
			case '"':
				inString, strStart = true, len(s.elem)+i
			case '{', '[':
				depth++
			case '}', ']':
				if depth == 0 {
					// The end of a scalar, or a stray closing.
					end = i
					break scan
				}
				if depth--; depth == 0 {
					end = i + 1
					break scan
				}
			case ',', ' ', '\t', '\r', '\n':
				if depth == 0 {
					end = i
					break scan
				}
			default:
				if depth == 0 {
					scalar = true
				}
			}
		}
		if end >= 0 {
			s.elem = append(s.elem, b[:end]...)
			_, _ = s.br.Discard(end)
			s.advance(s.elem)
			if len(s.elem) == 0 {
				return nil, s.errorHere(fmt.Errorf("invalid character %q looking for a value", b[end]))
			}
			return s.elem, nil
		}
		if len(s.elem)+len(b) > maxArchiveElementBytes {
			return nil, tooBig("an element", 0, maxArchiveElementBytes)
		}
		s.elem = append(s.elem, b...)
		_, _ = s.br.Discard(len(b))
	}
}

// finish reads the file to its end: after the value, only space and one
// ';' may come. Reading to the end is what makes a zip entry check its
// checksum.
func (s *archiveScanner) finish() error {
	c, err := s.skipSpace()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return err
	}
	if c == ';' {
		s.discard(1)
		if c, err = s.skipSpace(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
	return s.errorHere(fmt.Errorf("invalid character %q after the data", c))
}

// decode unmarshals elem, which starts at line, col, into v, placing a
// syntax or type error in the file.
func archiveUnmarshal(elem []byte, line, col int, v any) error {
	err := json.Unmarshal(elem, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := 0
	switch {
	case errors.As(err, &se):
		off = int(se.Offset) - 1
	case errors.As(err, &te):
		off = int(te.Offset) - 1
	}
	if off < 0 {
		off = 0
	}
	l, c := placeIn(elem, off, line, col)
	return &archiveSyntaxError{line: l, col: c, err: err}
}
