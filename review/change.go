package review

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// The limits of a change's fields, in characters.
const (
	maxKey      = 2048
	maxTitle    = 500
	maxCategory = 100
	maxText     = 5000
	maxPosition = 10000
)

// entryActions are the actions on one entry; the others are on the week.
var entryActions = map[string]bool{
	"save": true, "hide": true, "show": true, "title": true, "lead": true,
	"category": true, "comment": true, "up": true, "down": true,
	"again": true, "once": true,
}

var weekActions = map[string]bool{"add": true, "hold": true, "release": true, "intro": true, "sections": true}

// maxSections bounds the sections of one "sections" change.
const maxSections = 200

// CheckChange reports whether c is a change a Backend can be asked for:
// a known action, an entry when the action needs one, values of sensible
// length on one line where a line is expected, an http(s) URL to add.
// The error is a *Problem wrapping ErrInvalid. The page, the API and the CLI check with
// it before calling Backend.Edit.
func CheckChange(c Change) error {
	switch {
	case entryActions[c.Action]:
		if strings.TrimSpace(c.Entry) == "" {
			return problem("err_which_entry", c.Action)
		}
		if len(c.Entry) > maxKey {
			return problem("err_key_long")
		}
	case weekActions[c.Action]:
		if c.Entry != "" {
			return problem("err_week_action", c.Action)
		}
	default:
		return problem("err_action", c.Action)
	}
	if !utf8.ValidString(c.Value) || !utf8.ValidString(c.Category) || !utf8.ValidString(c.Comment) {
		return problem("err_utf8")
	}
	if !utf8.ValidString(c.Title) || !utf8.ValidString(c.Lead) {
		return problem("err_utf8")
	}
	if c.Action != "add" && c.Action != "save" && (c.Category != "" || c.Comment != "") {
		return problem("err_add_only")
	}
	if c.Action != "add" && c.Elsewhere != "" {
		return problem("err_action", c.Action)
	}
	if c.Action == "add" && (c.Hidden || c.Position != 0) {
		return problem("err_save_only")
	}
	if c.Action != "save" && c.Action != "add" && (c.Title != "" || c.Lead != "" || c.Hidden || c.Position != 0) {
		return problem("err_save_only")
	}
	switch c.Action {
	case "hide", "show", "up", "down", "hold", "release", "again", "once":
		if c.Value != "" {
			return problem("err_no_value", c.Action)
		}
	case "save":
		if c.Value != "" {
			return problem("err_no_value", c.Action)
		}
		if err := line("title", c.Title, maxTitle); err != nil {
			return err
		}
		if err := line("category", c.Category, maxCategory); err != nil {
			return err
		}
		for _, f := range []struct {
			name, v string
		}{{"lead", c.Lead}, {"comment", c.Comment}} {
			if utf8.RuneCountInString(f.v) > maxText {
				return problem("err_too_long", field(f.name), maxText)
			}
		}
		if c.Position < 0 || c.Position > maxPosition {
			return problem("err_position", maxPosition)
		}
	case "title":
		return line("title", c.Value, maxTitle)
	case "category":
		return line("category", c.Value, maxCategory)
	case "lead", "comment", "intro":
		if utf8.RuneCountInString(c.Value) > maxText {
			return problem("err_too_long", field(c.Action), maxText)
		}
	case "sections":
		sections := ParseSections(c.Value)
		if len(sections) > maxSections {
			return problem("err_too_long", field("section"), maxSections)
		}
		for _, se := range sections {
			if err := line("section", se.From, maxCategory); err != nil {
				return err
			}
			if err := line("section", se.To, maxCategory); err != nil {
				return err
			}
			if !utf8.ValidString(se.From) || !utf8.ValidString(se.To) {
				return problem("err_utf8")
			}
		}
	case "add":
		if !httpURL(c.Value) || len(c.Value) > maxKey {
			return problem("err_url", c.Value)
		}
		if c.Elsewhere != "" && c.Elsewhere != "move" && c.Elsewhere != "both" {
			return problem("err_action", c.Elsewhere)
		}
		if err := line("title", c.Title, maxTitle); err != nil {
			return err
		}
		if utf8.RuneCountInString(c.Lead) > maxText {
			return problem("err_too_long", field("lead"), maxText)
		}
		if err := line("category", c.Category, maxCategory); err != nil {
			return err
		}
		if utf8.RuneCountInString(c.Comment) > maxText {
			return problem("err_too_long", field("comment"), maxText)
		}
	}
	return nil
}

// line checks a one-line value.
func line(name, v string, max int) error {
	if strings.ContainsAny(v, "\r\n") {
		return problem("err_one_line", field(name))
	}
	if utf8.RuneCountInString(v) > max {
		return problem("err_too_long", field(name), max)
	}
	return nil
}

// httpURL reports whether s is an absolute http(s) URL with a host.
func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// problem is an invalid change, said in the page's language (Problem).
func problem(key string, args ...any) error {
	return &Problem{Kind: ErrInvalid, Key: key, Args: args}
}
