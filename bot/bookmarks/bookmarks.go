// Package bookmarks reads the exports of bookmarking services as a history
// of shared links: Netscape bookmark HTML (Firefox, Chrome, and what every
// service exports, linkding and Pinboard included), Pinboard JSON, linkding
// JSON (its API's bookmark list), Raindrop CSV, Pocket's export (HTML and
// CSV), Omnivore JSON and Wallabag JSON.
//
// Each bookmark becomes one post: its date, its URL, its title, the
// author's note on it (the entry's comment) and its tags (the post's
// hashtags, which the categories file turns into sections). The format is
// told from the content, never from the file name. A file is read in one
// pass by streaming decoders, so memory does not grow with its size; an
// error names the file and the line.
//
// It reads a local file only: no network, no cost.
package bookmarks

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/internal/postimport"
)

// Source is the Source of every post read from a bookmark export.
const Source = "bookmarks"

// Format names an export format.
type Format string

// The formats read.
const (
	Netscape   Format = "Netscape bookmark HTML"
	PocketHTML Format = "Pocket HTML"
	PocketCSV  Format = "Pocket CSV"
	Raindrop   Format = "Raindrop CSV"
	Pinboard   Format = "Pinboard JSON"
	Linkding   Format = "linkding JSON"
	Omnivore   Format = "Omnivore JSON"
	Wallabag   Format = "Wallabag JSON"
)

// ErrNotBookmarks is returned (wrapped) for a file that is none of the
// formats read.
var ErrNotBookmarks = errors.New("not a bookmark export (Netscape bookmark HTML, Pinboard, linkding, Omnivore or Wallabag JSON, Raindrop or Pocket CSV or HTML)")

// sniffSize is how much of a file Detect looks at.
const sniffSize = 64 << 10

// ErrNoBookmarks is wrapped by the error of an export that holds no
// bookmark: an empty export, or one whose entries have no http(s) link.
var ErrNoBookmarks = errors.New("no bookmark to import")

// Detect tells the format of the file at path from its first bytes, or
// returns ErrNotBookmarks.
func Detect(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("bookmarks: %w", err)
	}
	defer f.Close()
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("bookmarks: reading %s: %w", path, err)
	}
	if format, ok := sniff(head[:n]); ok {
		return format, nil
	}
	return "", fmt.Errorf("bookmarks: %s: %w", path, ErrNotBookmarks)
}

// sniff tells the format from the head of a file.
func sniff(head []byte) (Format, bool) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(head)
	if len(trimmed) == 0 {
		return "", false
	}
	lower := bytes.ToLower(trimmed)
	switch trimmed[0] {
	case '<':
		switch {
		case bytes.Contains(lower, []byte("netscape-bookmark-file")):
			return Netscape, true
		case bytes.Contains(lower, []byte("time_added=")):
			return PocketHTML, true
		case bytes.Contains(lower, []byte("<dt><a ")) && bytes.Contains(lower, []byte("add_date=")):
			return Netscape, true
		}
		return "", false
	case '[', '{':
		return sniffJSON(trimmed)
	}
	line := lower
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	cols := csvHeader(string(line))
	switch {
	case cols["url"] && cols["time_added"]:
		return PocketCSV, true
	case cols["url"] && cols["created"] && (cols["note"] || cols["excerpt"] || cols["tags"]):
		return Raindrop, true
	}
	return "", false
}

// csvHeader returns the lower-cased column names of a CSV header line.
func csvHeader(line string) map[string]bool {
	cols := make(map[string]bool)
	for _, c := range strings.Split(strings.TrimRight(line, "\r"), ",") {
		cols[strings.Trim(strings.TrimSpace(c), `"`)] = true
	}
	return cols
}

// sniffJSON tells a JSON export from the keys of its first bookmark.
func sniffJSON(head []byte) (Format, bool) {
	has := func(key string) bool { return bytes.Contains(head, []byte(`"`+key+`"`)) }
	switch {
	case has("href") && (has("extended") || has("hash") || has("toread")):
		return Pinboard, true
	case has("tag_names") || has("date_added"):
		return Linkding, true
	case has("savedAt") || (has("labels") && has("slug")):
		return Omnivore, true
	case has("created_at") && (has("is_archived") || has("domain_name") || has("reading_time") || has("is_starred")):
		return Wallabag, true
	}
	return "", false
}

// Read reads the bookmark export at path, in the format Detect tells, and
// gives each bookmark to fn in file order. A bookmark without a http(s)
// URL is skipped and counted; an undated one takes the file's
// modification time. It returns the format and the number of bookmarks
// skipped.
func Read(ctx context.Context, path string, fn func(moisson.Post) error) (Format, int, error) {
	format, err := Detect(path)
	if err != nil {
		return "", 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return format, 0, fmt.Errorf("bookmarks: %w", err)
	}
	defer f.Close()
	fallback := time.Now().UTC()
	if fi, err := f.Stat(); err == nil {
		fallback = fi.ModTime().UTC()
	}
	r := &reader{ctx: ctx, path: path, fn: fn, fallback: fallback}
	br := bufio.NewReaderSize(f, 64<<10)
	switch format {
	case Netscape, PocketHTML:
		err = r.readHTML(br)
	case PocketCSV, Raindrop:
		err = r.readCSV(br, format)
	default:
		err = r.readJSON(br, format)
	}
	if err != nil {
		return format, r.skipped, err
	}
	if r.count == r.skipped {
		return format, r.skipped, fmt.Errorf("bookmarks: %s: %w (a %s export with %d entries, none with an http(s) link)", path, ErrNoBookmarks, format, r.count)
	}
	return format, r.skipped, nil
}

// bookmark is one entry as read, before it becomes a post.
type bookmark struct {
	url     string
	title   string
	note    string
	summary string
	tags    []string
	created time.Time
	line    int
}

// reader carries what every format's reader shares.
type reader struct {
	ctx      context.Context
	path     string
	fn       func(moisson.Post) error
	fallback time.Time
	skipped  int
	count    int
}

// errorf returns an error naming the file and line.
func (r *reader) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("bookmarks: %s:%d: %s", r.path, line, fmt.Sprintf(format, args...))
}

// emit gives one bookmark to fn as a post.
func (r *reader) emit(b bookmark) error {
	r.count++
	if r.count%1024 == 0 {
		if err := r.ctx.Err(); err != nil {
			return fmt.Errorf("bookmarks: %s: %w", r.path, err)
		}
	}
	u := strings.TrimSpace(b.url)
	lu := strings.ToLower(u)
	if !strings.HasPrefix(lu, "http://") && !strings.HasPrefix(lu, "https://") {
		r.skipped++
		return nil
	}
	if b.created.IsZero() {
		b.created = r.fallback
	}
	p := moisson.Post{
		Source:    Source,
		CreatedAt: b.created.UTC(),
		URLs:      []string{u},
		Title:     oneLine(b.title),
		Note:      strings.TrimSpace(b.note),
		Summary:   strings.TrimSpace(b.summary),
		Hashtags:  cleanTags(b.tags),
	}
	// The id is the link and its date: the same bookmark read again, from
	// this export or another service's, is the same post.
	sum := sha256.Sum256([]byte(u + "\x00" + strconv.FormatInt(p.CreatedAt.Unix(), 10)))
	p.ID = hex.EncodeToString(sum[:12])
	p.Text = strings.TrimSpace(p.Title + "\n" + firstNonBlank(p.Note, p.Summary))
	if err := r.fn(p); err != nil {
		return fmt.Errorf("bookmarks: %s:%d: %w", r.path, b.line, err)
	}
	return nil
}

// cleanTags drops empty and repeated tags and the '#' some services keep.
func cleanTags(tags []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, t := range tags {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "#"))
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonBlank(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// parseUnix reads a Unix time in seconds (Pocket, Netscape's ADD_DATE; some
// exporters write microseconds or milliseconds).
func parseUnix(s string) (time.Time, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	switch {
	case n > 1e15:
		return time.UnixMicro(n).UTC(), true
	case n > 1e12:
		return time.UnixMilli(n).UTC(), true
	}
	return time.Unix(n, 0).UTC(), true
}

// parseTime reads the dates the JSON and CSV exports write.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return parseUnix(s)
}

// ImportResult says what Import read and stored.
type ImportResult = postimport.Result

// Import reads the bookmark export at path (see Read) and saves its
// bookmarks into st (archive.Store), in one pass and in memory bounded by
// a few thousand bookmarks rather than by the export: the bookmarks are
// sorted a few thousand at a time and spilled to a temporary file while
// the export is read, then merged and saved in the store's order. An
// export that fails to read (a malformed line, named with its file and
// line) is refused before anything is written.
func Import(ctx context.Context, path string, st postimport.Saver) (Format, ImportResult, error) {
	var format Format
	res, err := postimport.Import(ctx, st, "bookmarks: "+path, func(fn func(moisson.Post) error) error {
		var err error
		format, _, err = Read(ctx, path, fn)
		return err
	})
	return format, res, err
}
