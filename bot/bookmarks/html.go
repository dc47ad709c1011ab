package bookmarks

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/moisson/moisson/bot/internal/postimport"
	"golang.org/x/net/html"
)

// readHTML reads Netscape bookmark HTML and Pocket's HTML export with a
// streaming tokenizer.
//
// Netscape: <DT><A HREF="…" ADD_DATE="unix" TAGS="a,b">title</A> then an
// optional <DD>note. Pocket: <li><a href="…" time_added="unix"
// tags="a,b">title</a></li>, no note.
func (r *reader) readHTML(src io.Reader) error {
	z := html.NewTokenizer(src)
	z.SetMaxBuf(postimport.MaxEntry) // one token: a title, a note
	line := 1
	var cur *bookmark
	inTitle, inNote := false, false
	var title, note strings.Builder
	flush := func() error {
		if cur == nil {
			return nil
		}
		b := *cur
		b.title = title.String()
		b.note = note.String()
		cur, inTitle, inNote = nil, false, false
		title.Reset()
		note.Reset()
		return r.emit(b)
	}
	for {
		tt := z.Next()
		start := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return r.errorf(start, "reading HTML: %v", err)
			}
			return flush()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "a":
				if err := flush(); err != nil {
					return err
				}
				b, err := r.anchor(z, hasAttr, start)
				if err != nil {
					return err
				}
				cur, inTitle = &b, true
			case "dd":
				if cur != nil {
					inNote, inTitle = true, false
				}
			case "dt", "dl", "li", "h3", "h1":
				if err := flush(); err != nil {
					return err
				}
			case "br", "p":
				if inNote {
					note.WriteString("\n")
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "a":
				inTitle = false
			case "dl", "ul", "li":
				if err := flush(); err != nil {
					return err
				}
			}
		case html.TextToken:
			switch {
			case inTitle:
				title.Write(z.Text())
			case inNote:
				note.Write(z.Text())
			}
			if title.Len()+note.Len() > postimport.MaxEntry {
				return r.errorf(cur.line, "%v", postimport.ErrEntryTooLarge)
			}
		}
	}
}

// anchor reads the attributes of a bookmark's <a>.
func (r *reader) anchor(z *html.Tokenizer, more bool, line int) (bookmark, error) {
	b := bookmark{line: line}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		val := string(v)
		switch strings.ToLower(string(k)) {
		case "href":
			b.url = val
		case "add_date", "time_added":
			if strings.TrimSpace(val) == "" {
				continue
			}
			t, ok := parseUnix(val)
			if !ok {
				return b, r.errorf(line, "%s=%q is not a Unix time", strings.ToUpper(string(k)), val)
			}
			b.created = t
		case "tags":
			b.tags = splitTags(val, ",")
		}
	}
	return b, nil
}

// splitTags splits a tag list on sep; Pocket's CSV uses '|', the HTML
// exports ',', Pinboard ' '.
func splitTags(s, sep string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if sep == " " {
		return strings.Fields(s)
	}
	return strings.Split(s, sep)
}
