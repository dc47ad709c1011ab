package bookmarks

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/moisson/moisson/bot/internal/postimport"
)

// entry is one bookmark of any JSON export; each format fills its own
// fields.
type entry struct {
	// Pinboard: href, description (the title), extended (the note), time,
	// tags (space-separated).
	Href     string `json:"href"`
	Extended string `json:"extended"`
	Time     string `json:"time"`
	// linkding: url, title, description, notes, tag_names, date_added,
	// website_title, website_description.
	URL                string   `json:"url"`
	Title              string   `json:"title"`
	Description        string   `json:"description"`
	Notes              string   `json:"notes"`
	TagNames           []string `json:"tag_names"`
	DateAdded          string   `json:"date_added"`
	WebsiteTitle       string   `json:"website_title"`
	WebsiteDescription string   `json:"website_description"`
	// Omnivore: url, title, description, labels, savedAt.
	Labels  tagList `json:"labels"`
	SavedAt string  `json:"savedAt"`
	// Wallabag: url, title, tags, created_at, annotations.
	Tags        tagList `json:"tags"`
	CreatedAt   string  `json:"created_at"`
	Annotations []struct {
		Text string `json:"text"`
	} `json:"annotations"`
}

// tagList reads tags written as one string (space- or comma-separated),
// a list of strings, or a list of objects with a label, name or slug.
type tagList []string

func (t *tagList) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*t = strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
		return nil
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		if string(data) == "null" {
			return nil
		}
		return fmt.Errorf("tags are neither a string nor a list")
	}
	for _, r := range raw {
		var name string
		if json.Unmarshal(r, &name) == nil {
			*t = append(*t, name)
			continue
		}
		var o struct{ Label, Name, Slug string }
		if json.Unmarshal(r, &o) == nil {
			*t = append(*t, firstNonBlank(o.Label, o.Name, o.Slug))
		}
	}
	return nil
}

// readJSON reads a JSON export: an array of bookmarks, or an object whose
// "results" (linkding's API), "bookmarks" or "items" member is that array.
// It decodes one bookmark at a time.
func (r *reader) readJSON(src io.Reader, format Format) error {
	lc := postimport.NewLineCounter(src)
	dec := json.NewDecoder(lc)
	tok, err := dec.Token()
	if err != nil {
		return r.jsonError(lc, dec, err)
	}
	if tok == json.Delim('{') {
		found := false
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return r.jsonError(lc, dec, err)
			}
			if k, _ := key.(string); k == "results" || k == "bookmarks" || k == "items" {
				if tok, err = dec.Token(); err != nil {
					return r.jsonError(lc, dec, err)
				}
				found = true
				break
			}
			lc.Mark(dec.InputOffset())
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return r.jsonError(lc, dec, err)
			}
		}
		if !found {
			return r.errorf(lc.LineAt(dec.InputOffset()), "no list of bookmarks in the JSON object")
		}
	}
	if tok != json.Delim('[') {
		return r.errorf(lc.LineAt(dec.InputOffset()), "a list of bookmarks was expected")
	}
	for dec.More() {
		line := lc.LineAt(postimport.ValueStart(dec))
		var e entry
		if err := dec.Decode(&e); err != nil {
			return r.jsonError(lc, dec, err)
		}
		b, err := e.bookmark(format)
		if err != nil {
			return r.errorf(line, "%v", err)
		}
		b.line = line
		if err := r.emit(b); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return r.jsonError(lc, dec, err)
	}
	return nil
}

// bookmark turns a JSON entry into a bookmark in the format's meaning.
func (e *entry) bookmark(format Format) (bookmark, error) {
	var b bookmark
	var date, dateField string
	switch format {
	case Pinboard:
		b = bookmark{url: e.Href, title: e.Description, note: e.Extended, tags: e.Tags}
		date, dateField = e.Time, "time"
	case Linkding:
		b = bookmark{url: e.URL, title: firstNonBlank(e.Title, e.WebsiteTitle), note: e.Notes,
			summary: firstNonBlank(e.Description, e.WebsiteDescription), tags: e.TagNames}
		date, dateField = e.DateAdded, "date_added"
	case Omnivore:
		b = bookmark{url: e.URL, title: e.Title, summary: e.Description, tags: e.Labels}
		date, dateField = e.SavedAt, "savedAt"
	case Wallabag:
		var notes []string
		for _, a := range e.Annotations {
			if strings.TrimSpace(a.Text) != "" {
				notes = append(notes, strings.TrimSpace(a.Text))
			}
		}
		b = bookmark{url: e.URL, title: e.Title, note: strings.Join(notes, "\n"), tags: e.Tags}
		date, dateField = e.CreatedAt, "created_at"
	}
	if strings.TrimSpace(date) != "" {
		t, ok := parseTime(date)
		if !ok {
			return b, fmt.Errorf("%s %q is not a date", dateField, date)
		}
		b.created = t
	}
	return b, nil
}

// jsonError names the file and line of a JSON decoding error.
func (r *reader) jsonError(lc *postimport.LineCounter, dec *json.Decoder, err error) error {
	offset := dec.InputOffset()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return r.errorf(lc.LineAt(lc.Offset()), "the JSON ends too early")
	}
	return r.errorf(lc.LineAt(offset), "%v", err)
}
