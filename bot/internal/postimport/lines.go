package postimport

import (
	"encoding/json"
	"errors"
	"io"
)

// MaxEntry is the most bytes one entry of an export may take (a bookmark,
// an activity, a CSV record): more is refused before it is held, so that
// a hostile file cannot make an import hold one huge entry.
const MaxEntry = 4 << 20

// ErrEntryTooLarge is returned (wrapped) for an entry over MaxEntry.
var ErrEntryTooLarge = errors.New("an entry over 4 MiB (refused before it is held)")

// LineCounter tells the line of a byte offset of what was read through
// it, so that an import's errors name the line, in memory bounded by what
// the decoder holds: the offsets of newlines are kept only past the last
// offset asked about (asked in increasing order).
//
// It also refuses to read more than MaxEntry bytes past the start of the
// entry being read: the last offset given to LineAt or Mark. Its Read
// then fails with ErrEntryTooLarge.
type LineCounter struct {
	r        io.Reader
	mark     int64   // where the entry being read starts
	read     int64   // bytes read so far
	base     int     // newlines before newlines[0]
	newlines []int64 // offsets of the newlines not yet passed
}

// NewLineCounter returns a LineCounter reading r.
func NewLineCounter(r io.Reader) *LineCounter { return &LineCounter{r: r} }

// Read implements io.Reader.
func (c *LineCounter) Read(p []byte) (int, error) {
	room := c.mark + MaxEntry - c.read // what the entry may still take
	if room <= 0 {
		return 0, ErrEntryTooLarge
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
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

// Mark says that an entry starts at offset.
func (c *LineCounter) Mark(offset int64) { c.mark = max(c.mark, offset) }

// LineAt returns the 1-based line of offset, and forgets the newlines
// before it; an entry starts there (see Mark).
func (c *LineCounter) LineAt(offset int64) int {
	c.Mark(offset)
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
