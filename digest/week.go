package digest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// WeekOf returns the week whose window holds t: Start <= t < End.
//
// End is the first cutoff (CutoffDay at CutoffHour:CutoffMinute, wall clock
// in Location) strictly after t, so a link posted exactly at the cutoff
// belongs to the next week. Start is the cutoff seven calendar days before
// End: around a change of daylight saving time a week lasts 167 or 169
// hours, and consecutive weeks still tile time with no gap. Monday is 00:00
// on the Monday of End's ISO week and ID is that ISO week, "2014-W40".
func (c Config) WeekOf(t time.Time) moisson.Week {
	lt := t.In(c.loc())
	ahead := (int(c.CutoffDay) - int(lt.Weekday()) + 7) % 7
	end := c.cutoff(lt.Year(), lt.Month(), lt.Day()+ahead)
	if !end.After(t) {
		end = c.cutoff(lt.Year(), lt.Month(), lt.Day()+ahead+7)
	}
	return c.weekEnding(end)
}

// cutoff is the cutoff time on the given day (normalised as by time.Date).
func (c Config) cutoff(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, c.CutoffHour, c.CutoffMinute, 0, 0, c.loc())
}

func (c Config) weekEnding(end time.Time) moisson.Week {
	y, m, d := end.Date()
	back := (int(end.Weekday()) + 6) % 7 // days since Monday
	year, week := end.ISOWeek()
	return moisson.Week{
		ID:     fmt.Sprintf("%04d-W%02d", year, week),
		Start:  c.cutoff(y, m, d-7),
		End:    end,
		Monday: time.Date(y, m, d-back, 0, 0, 0, 0, c.loc()),
	}
}

// Next returns the week after w.
func (c Config) Next(w moisson.Week) moisson.Week {
	return c.WeekOf(w.End)
}

var (
	isoWeekRE = regexp.MustCompile(`^(\d{4})-[Ww](\d{1,2})$`)
	dateRE    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// ParseWeek parses an ISO week, "2014-W40", into the week whose cutoff
// falls in it. It also accepts a date, "2014-10-03", meaning the week that
// holds the start (00:00) of that day: the week whose post bears that date
// when it is the cutoff day.
func (c Config) ParseWeek(s string) (moisson.Week, error) {
	s = strings.TrimSpace(s)
	if m := isoWeekRE.FindStringSubmatch(s); m != nil {
		year, _ := strconv.Atoi(m[1])
		week, _ := strconv.Atoi(m[2])
		if week < 1 || week > 53 {
			return moisson.Week{}, fmt.Errorf("digest: parse week %q: week number %d is not between 1 and 53", s, week)
		}
		// January 4th is always in ISO week 1.
		jan4 := time.Date(year, time.January, 4, 0, 0, 0, 0, time.UTC)
		monday := 4 - (int(jan4.Weekday())+6)%7 + 7*(week-1)
		offset := (int(c.CutoffDay) + 6) % 7 // days from Monday to the cutoff day
		end := c.cutoff(year, time.January, monday+offset)
		if y, w := end.ISOWeek(); y != year || w != week {
			return moisson.Week{}, fmt.Errorf("digest: parse week %q: %d has no week %d", s, year, week)
		}
		return c.weekEnding(end), nil
	}
	if dateRE.MatchString(s) {
		day, err := time.ParseInLocation(time.DateOnly, s, c.loc())
		if err != nil {
			return moisson.Week{}, fmt.Errorf("digest: parse week %q: %w", s, err)
		}
		return c.WeekOf(day), nil
	}
	return moisson.Week{}, fmt.Errorf("digest: parse week %q: want an ISO week like 2014-W40 or a date like 2014-10-03", s)
}

var frenchMonths = [...]string{
	"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre",
}

func frenchDay(d int) string {
	if d == 1 {
		return "1er"
	}
	return strconv.Itoa(d)
}

// FrenchDate spells t's date in French: "3 octobre 2014", "1er mai 2015".
func FrenchDate(t time.Time) string {
	return fmt.Sprintf("%s %s %d", frenchDay(t.Day()), frenchMonths[t.Month()-1], t.Year())
}

// FrenchRange spells the days from first to last in French, naming the
// month and the year once when they are shared: "du 1er au 5 décembre 2014",
// "du 29 septembre au 3 octobre 2014", "du 29 décembre 2014 au 2 janvier
// 2015". The dates are read in their own locations.
func FrenchRange(first, last time.Time) string {
	switch {
	case first.Year() != last.Year():
		return "du " + FrenchDate(first) + " au " + FrenchDate(last)
	case first.Month() != last.Month():
		return fmt.Sprintf("du %s %s au %s", frenchDay(first.Day()), frenchMonths[first.Month()-1], FrenchDate(last))
	case first.Day() != last.Day():
		return fmt.Sprintf("du %s au %s", frenchDay(first.Day()), FrenchDate(last))
	default:
		return "du " + FrenchDate(last)
	}
}

// isoWeekID reads an ISO week ID, "2014-W40", into its year and number.
func isoWeekID(id string) (year, number int, ok bool) {
	m := isoWeekRE.FindStringSubmatch(id)
	if m == nil {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	number, _ = strconv.Atoi(m[2])
	return year, number, number >= 1 && number <= 53
}
