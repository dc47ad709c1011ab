package main

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The flags whose values are checked as they are parsed, so that a bad
// one is a usage error (exit status 2) named with its flag.

// dateValue is a day, YYYY-MM-DD; the command reads it in MOISSON_TZ.
type dateValue struct{ s *string }

func (d dateValue) String() string { return *d.s }
func (d dateValue) Type() string   { return "DATE" }
func (d dateValue) Set(v string) error {
	v = strings.TrimSpace(v)
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return errors.New("want a date like 2014-09-29")
	}
	*d.s = v
	return nil
}

var isoWeekFlagRE = regexp.MustCompile(`^(\d{4})-[Ww](\d{1,2})$`)

// weekValue is a week: "2014-W40", a day in it, "last" or "current".
type weekValue struct{ s *string }

func (w weekValue) String() string { return *w.s }
func (w weekValue) Type() string   { return "WEEK" }
func (w weekValue) Set(v string) error {
	v = strings.TrimSpace(v)
	switch strings.ToLower(v) {
	case "last", "current":
		*w.s = strings.ToLower(v)
		return nil
	}
	if m := isoWeekFlagRE.FindStringSubmatch(v); m != nil {
		if n, _ := strconv.Atoi(m[2]); n >= 1 && n <= 53 {
			*w.s = v
			return nil
		}
		return errors.New("the week number is not between 1 and 53")
	}
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		*w.s = v
		return nil
	}
	return errors.New(`want an ISO week like 2014-W40, a date in it like 2014-10-03, "last" or "current"`)
}

// countValue is a whole number, 0 or more.
type countValue struct{ n *int }

func (c countValue) String() string { return strconv.Itoa(*c.n) }
func (c countValue) Type() string   { return "N" }
func (c countValue) Set(v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return errors.New("want a whole number, 0 or more")
	}
	*c.n = n
	return nil
}
