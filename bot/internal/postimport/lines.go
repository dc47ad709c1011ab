package postimport

import (
	"encoding/json"
	"io"
)

// LineCounter tells the line of a byte offset of what was read through
// it, so that an import's errors name the line, in memory bounded by what
// the decoder holds: the offsets of newlines are kept only past the last
// offset asked about (asked in increasing order).
type LineCounter struct {
	r        io.Reader
	read     int64   // bytes read so far
	base     int     // newlines before newlines[0]
	newlines []int64 // offsets of the newlines not yet passed
}

// NewLineCounter returns a LineCounter reading r.
func NewLineCounter(r io.Reader) *LineCounter { return &LineCounter{r: r} }

// Read implements io.Reader.
func (c *LineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.newlines = append(c.newlines, c.read+int64(i))
		}
	}
	c.read += int64(n)
	return n, err
}

// Offset returns how many bytes were read.
func (c *LineCounter) Offset() int64 { return c.read }

// LineAt returns the 1-based line of offset, and forgets the newlines
// before it.
func (c *LineCounter) LineAt(offset int64) int {
	i := 0
	for i < len(c.newlines) && c.newlines[i] < offset {
		i++
	}
	c.base += i
	c.newlines = append(c.newlines[:0], c.newlines[i:]...)
	return c.base + 1
}

// ValueStart returns the offset where the decoder's next value begins:
// past the spaces and the comma it has buffered but not read.
func ValueStart(dec *json.Decoder) int64 {
	offset := dec.InputOffset()
	buf, _ := io.ReadAll(dec.Buffered())
	for _, c := range buf {
		switch c {
		case ' ', '\t', '\r', '\n', ',':
			offset++
		default:
			return offset
		}
	}
	return offset
}
