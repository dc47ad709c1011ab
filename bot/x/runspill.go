package x

import (
	"bufio"
	"cmp"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// runSpill sorts more values than memory should hold: they are sorted
// max at a time, each sorted run spilled to a temporary file, and the runs
// merged when read back.
type runSpill[T any] struct {
	compare func(a, b T) int
	max     int
	buf     []T
	f       *os.File
	// unlinked is true when the file was removed at once (not Windows).
	unlinked bool
	counter  *countingWriter
	w        *bufio.Writer
	runs     []int64 // run i from runs[i] to runs[i+1]
}

func newRunSpill[T any](max int, compare func(a, b T) int) (*runSpill[T], error) {
	f, err := os.CreateTemp("", "moisson-import-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	s := &runSpill[T]{compare: compare, max: max, buf: make([]T, 0, max), f: f, runs: []int64{0}}
	s.unlinked = os.Remove(f.Name()) == nil
	s.counter = &countingWriter{w: f}
	s.w = bufio.NewWriterSize(s.counter, 64<<10)
	return s, nil
}

// add adds v, spilling a run when max values are held.
func (s *runSpill[T]) add(v T) error {
	s.buf = append(s.buf, v)
	if len(s.buf) == s.max {
		return s.flush()
	}
	return nil
}

// flush spills the values held as one sorted run.
func (s *runSpill[T]) flush() error {
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
	s.runs = append(s.runs, s.counter.n)
	clear(s.buf)
	s.buf = s.buf[:0]
	return nil
}

// each calls fn with every value added, in order (values that compare
// equal in the order they were added), until fn fails.
func (s *runSpill[T]) each(fn func(T) error) error {
	if err := s.flush(); err != nil {
		return err
	}
	type head struct {
		v   T
		run int
		dec *gob.Decoder
	}
	advance := func(h *head) (bool, error) {
		var zero T
		h.v = zero // gob leaves out zero fields, which would keep the last value's
		if err := h.dec.Decode(&h.v); err != nil {
			if errors.Is(err, io.EOF) {
				return false, nil
			}
			return false, fmt.Errorf("read spill run %d: %w", h.run, err)
		}
		return true, nil
	}
	var heads []*head
	for i := 0; i+1 < len(s.runs); i++ {
		r := bufio.NewReaderSize(io.NewSectionReader(s.f, s.runs[i], s.runs[i+1]-s.runs[i]), importSpillBuffer)
		h := &head{run: i, dec: gob.NewDecoder(r)}
		ok, err := advance(h)
		if err != nil {
			return err
		}
		if ok {
			heads = append(heads, h)
		}
	}
	less := func(a, b *head) int { return cmp.Or(s.compare(a.v, b.v), cmp.Compare(a.run, b.run)) }
	for len(heads) > 0 {
		// A few dozen runs at most: the smallest head is found by a scan.
		least := 0
		for i := 1; i < len(heads); i++ {
			if less(heads[i], heads[least]) < 0 {
				least = i
			}
		}
		h := heads[least]
		if err := fn(h.v); err != nil {
			return err
		}
		ok, err := advance(h)
		if err != nil {
			return err
		}
		if !ok {
			heads = slices.Delete(heads, least, least+1)
		}
	}
	return nil
}

// close removes the spill file.
func (s *runSpill[T]) close() {
	_ = s.f.Close()
	if !s.unlinked {
		_ = os.Remove(s.f.Name())
	}
}
