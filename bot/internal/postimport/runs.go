package postimport

import (
	"bufio"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// spillBuffer is the buffer of each sorted run read back while they are
// merged: 49 runs (a 200k-post import) read through 1.5 MiB.
const spillBuffer = 32 << 10

// Runs sorts more values than memory should hold: they are sorted max at
// a time, each sorted run spilled (gob-encoded) to a temporary file in
// os.TempDir, and the runs merged when read back. The file is unlinked at
// once where the system allows it (not Windows), so that a kill -9 leaves
// nothing behind; Close removes it elsewhere.
//
// Values are decoded into a fresh T each time, so gob's leaving out zero
// fields never leaks a field of one value into the next; unexported
// fields are not spilled.
//
// compare takes its values by value: a pointer to a parameter, passed to
// a function value, would move each value compared to the heap.
type Runs[T any] struct {
	compare  func(a, b T) int
	max      int
	buf      []T
	f        *os.File
	unlinked bool
	counter  *countingWriter
	w        *bufio.Writer
	bounds   []int64 // run i from bounds[i] to bounds[i+1]
}

// NewRuns returns an empty Runs that holds max values in memory and
// orders them by compare.
func NewRuns[T any](max int, compare func(a, b T) int) (*Runs[T], error) {
	f, err := os.CreateTemp("", "moisson-import-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	s := &Runs[T]{compare: compare, max: max, buf: make([]T, 0, max), f: f, bounds: []int64{0}}
	s.unlinked = os.Remove(f.Name()) == nil
	s.counter = &countingWriter{w: f}
	s.w = bufio.NewWriterSize(s.counter, 64<<10)
	return s, nil
}

// Add adds v, spilling a run when max values are held.
func (s *Runs[T]) Add(v T) error {
	s.buf = append(s.buf, v)
	if len(s.buf) == s.max {
		return s.flush()
	}
	return nil
}

// flush spills the values held as one sorted run.
func (s *Runs[T]) flush() error {
	if len(s.buf) == 0 {
		return nil
	}
	slices.SortStableFunc(s.buf, s.compare)
	enc := gob.NewEncoder(s.w)
	for i := range s.buf {
		if err := enc.Encode(&s.buf[i]); err != nil {
			return fmt.Errorf("spill: %w", err)
		}
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	s.bounds = append(s.bounds, s.counter.n)
	clear(s.buf)
	s.buf = s.buf[:0]
	return nil
}

// Each calls fn with every value added, in order (values that compare
// equal in the order they were added), until fn fails; fn's error is
// returned as it is. Values added after Each are not seen.
func (s *Runs[T]) Each(fn func(T) error) error {
	if err := s.flush(); err != nil {
		return err
	}
	m := &merge[T]{compare: s.compare}
	for i := 0; i+1 < len(s.bounds); i++ {
		r := bufio.NewReaderSize(io.NewSectionReader(s.f, s.bounds[i], s.bounds[i+1]-s.bounds[i]), spillBuffer)
		h := head[T]{run: i, dec: gob.NewDecoder(r)}
		ok, err := h.advance()
		if err != nil {
			return err
		}
		if ok {
			m.heads = append(m.heads, h)
		}
	}
	for i := len(m.heads)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	for len(m.heads) > 0 {
		v := m.heads[0].v
		more, err := m.heads[0].advance()
		if err != nil {
			return err
		}
		if !more {
			last := len(m.heads) - 1
			m.heads[0] = m.heads[last]
			m.heads = m.heads[:last]
		}
		if len(m.heads) > 0 {
			m.down(0)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return nil
}

// Close removes the spill file.
func (s *Runs[T]) Close() {
	_ = s.f.Close()
	if !s.unlinked {
		_ = os.Remove(s.f.Name())
	}
}

// merge holds the next value of each run not yet exhausted, as a min-heap
// by compare then run, so that equal values come in the order added.
type merge[T any] struct {
	compare func(a, b T) int
	heads   []head[T]
}

type head[T any] struct {
	v   T
	run int
	dec *gob.Decoder
}

// advance decodes the run's next value; ok is false at the run's end.
func (h *head[T]) advance() (ok bool, err error) {
	var zero T
	h.v = zero
	if err := h.dec.Decode(&h.v); err != nil {
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		return false, fmt.Errorf("read spill run %d: %w", h.run, err)
	}
	return true, nil
}

func (m *merge[T]) less(i, j int) bool {
	a, b := &m.heads[i], &m.heads[j]
	if c := m.compare(a.v, b.v); c != 0 {
		return c < 0
	}
	return a.run < b.run
}

// down restores the heap order below i.
func (m *merge[T]) down(i int) {
	for {
		least := i
		if l := 2*i + 1; l < len(m.heads) && m.less(l, least) {
			least = l
		}
		if r := 2*i + 2; r < len(m.heads) && m.less(r, least) {
			least = r
		}
		if least == i {
			return
		}
		m.heads[i], m.heads[least] = m.heads[least], m.heads[i]
		i = least
	}
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
