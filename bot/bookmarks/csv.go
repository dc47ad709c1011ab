package bookmarks

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"github.com/moisson/moisson/bot/internal/postimport"
)

// readCSV reads Raindrop's CSV export (id, title, note, excerpt, url,
// folder, tags, created, …; tags comma-separated, created in RFC 3339) and
// Pocket's (title, url, time_added, cursor, tags, status; tags separated
// by '|', time_added in Unix seconds), one record at a time.
func (r *reader) readCSV(src io.Reader, format Format) error {
	lc := postimport.NewLineCounter(src)
	cr := csv.NewReader(lc)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return r.csvError(err, 1)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	field := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for {
		start := cr.InputOffset()
		lc.Mark(start)
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return r.csvError(err, lc.LineAt(start))
		}
		line, _ := cr.FieldPos(0)
		b := bookmark{line: line, url: field(rec, "url"), title: field(rec, "title")}
		if format == PocketCSV {
			if v := field(rec, "time_added"); strings.TrimSpace(v) != "" {
				t, ok := parseUnix(v)
				if !ok {
					return r.errorf(line, "time_added %q is not a Unix time", v)
				}
				b.created = t
			}
			b.tags = splitTags(field(rec, "tags"), "|")
			if b.title == b.url {
				b.title = ""
			}
		} else {
			if v := field(rec, "created"); strings.TrimSpace(v) != "" {
				t, ok := parseTime(v)
				if !ok {
					return r.errorf(line, "created %q is not a date", v)
				}
				b.created = t
			}
			b.note = field(rec, "note")
			b.summary = field(rec, "excerpt")
			b.tags = splitTags(field(rec, "tags"), ",")
		}
		if err := r.emit(b); err != nil {
			return err
		}
	}
}

// csvError names the file and line of a CSV reading error.
func (r *reader) csvError(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return r.errorf(pe.Line, "%v", pe.Err)
	}
	return r.errorf(line, "%v", err)
}
