package digest

import (
	"strings"
	"testing"
	"time"
)

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("load Europe/Paris: %v", err)
	}
	return loc
}

func TestWeekOf(t *testing.T) {
	loc := paris(t)
	at := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	sunday := DefaultConfig()
	sunday.Location = time.UTC
	sunday.CutoffDay, sunday.CutoffHour, sunday.CutoffMinute = time.Sunday, 23, 30

	tests := []struct {
		name               string
		cfg                Config
		t                  time.Time
		id                 string
		start, end, monday time.Time
		wantHours          float64
	}{
		{
			name: "friday 17:59 is the end of the week",
			t:    at(2014, 10, 3, 17, 59), id: "2014-W40",
			start: at(2014, 9, 26, 18, 0), end: at(2014, 10, 3, 18, 0), monday: at(2014, 9, 29, 0, 0), wantHours: 168,
		},
		{
			name: "friday 18:00 sharp goes to the next week",
			t:    at(2014, 10, 3, 18, 0), id: "2014-W41",
			start: at(2014, 10, 3, 18, 0), end: at(2014, 10, 10, 18, 0), monday: at(2014, 10, 6, 0, 0), wantHours: 168,
		},
		{
			name: "the last nanosecond before the cutoff",
			t:    at(2014, 10, 3, 18, 0).Add(-time.Nanosecond), id: "2014-W40",
			start: at(2014, 9, 26, 18, 0), end: at(2014, 10, 3, 18, 0), monday: at(2014, 9, 29, 0, 0), wantHours: 168,
		},
		{
			name: "saturday belongs to the next week",
			t:    at(2014, 10, 4, 10, 0), id: "2014-W41",
			start: at(2014, 10, 3, 18, 0), end: at(2014, 10, 10, 18, 0), monday: at(2014, 10, 6, 0, 0), wantHours: 168,
		},
		{
			name: "monday midnight",
			t:    at(2014, 9, 29, 0, 0), id: "2014-W40",
			start: at(2014, 9, 26, 18, 0), end: at(2014, 10, 3, 18, 0), monday: at(2014, 9, 29, 0, 0), wantHours: 168,
		},
		{
			name: "an instant given in UTC is read in Paris",
			t:    utc("2014-10-03T16:00:00Z"), id: "2014-W41",
			start: at(2014, 10, 3, 18, 0), end: at(2014, 10, 10, 18, 0), monday: at(2014, 10, 6, 0, 0), wantHours: 168,
		},
		{
			name: "the week summer time ends lasts 169 hours",
			t:    utc("2014-10-26T01:30:00Z"), id: "2014-W44",
			start: utc("2014-10-24T16:00:00Z"), end: utc("2014-10-31T17:00:00Z"), monday: at(2014, 10, 27, 0, 0), wantHours: 169,
		},
		{
			name: "the week summer time starts lasts 167 hours",
			t:    at(2015, 3, 29, 12, 0), id: "2015-W14",
			start: utc("2015-03-27T17:00:00Z"), end: utc("2015-04-03T16:00:00Z"), monday: at(2015, 3, 30, 0, 0), wantHours: 167,
		},
		{
			name: "new year's eve is in 2015-W01",
			t:    at(2014, 12, 31, 23, 59), id: "2015-W01",
			start: at(2014, 12, 26, 18, 0), end: at(2015, 1, 2, 18, 0), monday: at(2014, 12, 29, 0, 0), wantHours: 168,
		},
		{
			name: "2020 has a week 53 ending on new year's day",
			t:    at(2020, 12, 30, 12, 0), id: "2020-W53",
			start: at(2020, 12, 25, 18, 0), end: at(2021, 1, 1, 18, 0), monday: at(2020, 12, 28, 0, 0), wantHours: 168,
		},
		{
			name: "sunday cutoff: monday is six days before",
			cfg:  sunday, t: time.Date(2014, 10, 5, 23, 29, 0, 0, time.UTC), id: "2014-W40",
			start:     time.Date(2014, 9, 28, 23, 30, 0, 0, time.UTC),
			end:       time.Date(2014, 10, 5, 23, 30, 0, 0, time.UTC),
			monday:    time.Date(2014, 9, 29, 0, 0, 0, 0, time.UTC),
			wantHours: 168,
		},
		{
			name: "sunday cutoff, at the cutoff",
			cfg:  sunday, t: time.Date(2014, 10, 5, 23, 30, 0, 0, time.UTC), id: "2014-W41",
			start:     time.Date(2014, 10, 5, 23, 30, 0, 0, time.UTC),
			end:       time.Date(2014, 10, 12, 23, 30, 0, 0, time.UTC),
			monday:    time.Date(2014, 10, 6, 0, 0, 0, 0, time.UTC),
			wantHours: 168,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			if cfg.Location == nil {
				cfg = DefaultConfig()
			}
			w := cfg.WeekOf(tc.t)
			if w.ID != tc.id {
				t.Errorf("ID = %s, want %s", w.ID, tc.id)
			}
			if !w.Start.Equal(tc.start) {
				t.Errorf("Start = %v, want %v", w.Start, tc.start)
			}
			if !w.End.Equal(tc.end) {
				t.Errorf("End = %v, want %v", w.End, tc.end)
			}
			if !w.Monday.Equal(tc.monday) {
				t.Errorf("Monday = %v, want %v", w.Monday, tc.monday)
			}
			if got := w.End.Sub(w.Start).Hours(); got != tc.wantHours {
				t.Errorf("week lasts %vh, want %vh", got, tc.wantHours)
			}
		})
	}
}

// TestWeeksTile walks two years, DST changes included, and checks that every
// instant is in its week and that consecutive weeks meet with no gap.
func TestWeeksTile(t *testing.T) {
	loc := paris(t)
	nightly := DefaultConfig()
	// 02:30 on a Sunday does not exist on the day summer time starts.
	nightly.CutoffDay, nightly.CutoffHour, nightly.CutoffMinute = time.Sunday, 2, 30
	midnight := DefaultConfig()
	midnight.CutoffDay, midnight.CutoffHour = time.Saturday, 0
	ny := DefaultConfig()
	ny.Location, _ = time.LoadLocation("America/New_York")
	configs := map[string]Config{"default": DefaultConfig(), "sunday 02:30": nightly, "saturday 00:00": midnight, "new york": ny}
	for name, cfg := range configs {
		t.Run(name, func(t *testing.T) {
			if cfg.Location == nil {
				t.Fatal("no location")
			}
			w := cfg.WeekOf(time.Date(2014, 1, 1, 0, 0, 0, 0, loc))
			for w.End.Year() < 2016 {
				// Both edges, and instants every 7h13m in between.
				probes := []time.Time{w.Start, w.End.Add(-time.Nanosecond)}
				for tm := w.Start; tm.Before(w.End); tm = tm.Add(7*time.Hour + 13*time.Minute) {
					probes = append(probes, tm)
				}
				for _, tm := range probes {
					if got := cfg.WeekOf(tm); got != w {
						t.Fatalf("WeekOf(%v) = %s [%v, %v), want %s [%v, %v)", tm, got.ID, got.Start, got.End, w.ID, w.Start, w.End)
					}
				}
				if h := w.End.Sub(w.Start).Hours(); h < 167 || h > 169 {
					t.Fatalf("week %s lasts %vh", w.ID, h)
				}
				if w.End.In(cfg.Location).Weekday() != cfg.CutoffDay {
					t.Fatalf("week %s ends on %v", w.ID, w.End.In(cfg.Location).Weekday())
				}
				if w.Monday.Weekday() != time.Monday || w.Monday.After(w.End) || w.End.Sub(w.Monday) > 7*24*time.Hour {
					t.Fatalf("week %s: Monday %v", w.ID, w.Monday)
				}
				if got, err := cfg.ParseWeek(w.ID); err != nil || got != w {
					t.Fatalf("ParseWeek(%s) = %+v, %v; want %+v", w.ID, got, err, w)
				}
				next := cfg.Next(w)
				if !next.Start.Equal(w.End) || next.ID == w.ID {
					t.Fatalf("Next(%s) = %s starting %v, want a new week starting %v", w.ID, next.ID, next.Start, w.End)
				}
				w = next
			}
		})
	}
}

func TestParseWeek(t *testing.T) {
	loc := paris(t)
	cfg := DefaultConfig()
	tests := []struct {
		in      string
		id      string
		end     time.Time
		wantErr string
	}{
		{in: "2014-W40", id: "2014-W40", end: time.Date(2014, 10, 3, 18, 0, 0, 0, loc)},
		{in: " 2014-w40 ", id: "2014-W40", end: time.Date(2014, 10, 3, 18, 0, 0, 0, loc)},
		{in: "2014-W1", id: "2014-W01", end: time.Date(2014, 1, 3, 18, 0, 0, 0, loc)},
		{in: "2015-W01", id: "2015-W01", end: time.Date(2015, 1, 2, 18, 0, 0, 0, loc)},
		{in: "2020-W53", id: "2020-W53", end: time.Date(2021, 1, 1, 18, 0, 0, 0, loc)},
		{in: "2014-10-03", id: "2014-W40", end: time.Date(2014, 10, 3, 18, 0, 0, 0, loc)},
		{in: "2014-09-27", id: "2014-W40", end: time.Date(2014, 10, 3, 18, 0, 0, 0, loc)},
		{in: "2014-10-04", id: "2014-W41", end: time.Date(2014, 10, 10, 18, 0, 0, 0, loc)},
		{in: "", wantErr: "want an ISO week like 2014-W40 or a date like 2014-10-03"},
		{in: "2014-40", wantErr: "want an ISO week"},
		{in: "W40", wantErr: "want an ISO week"},
		{in: "2014-W40x", wantErr: "want an ISO week"},
		{in: "2014-W00", wantErr: "week number 0 is not between 1 and 53"},
		{in: "2014-W54", wantErr: "week number 54 is not between 1 and 53"},
		{in: "2014-W53", wantErr: "2014 has no week 53"},
		{in: "2014-13-01", wantErr: `parse week "2014-13-01"`},
		{in: "2014-02-30", wantErr: "day out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			w, err := cfg.ParseWeek(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseWeek(%q) error = %v, want one containing %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseWeek(%q): %v", tc.in, err)
			}
			if w.ID != tc.id || !w.End.Equal(tc.end) {
				t.Errorf("ParseWeek(%q) = %s ending %v, want %s ending %v", tc.in, w.ID, w.End, tc.id, tc.end)
			}
		})
	}
}

func TestFrench(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		first, last time.Time
		want        string
	}{
		{d(2014, 9, 29), d(2014, 10, 3), "du 29 septembre au 3 octobre 2014"},
		{d(2014, 12, 1), d(2014, 12, 5), "du 1er au 5 décembre 2014"},
		{d(2014, 12, 29), d(2015, 1, 2), "du 29 décembre 2014 au 2 janvier 2015"},
		{d(2015, 7, 27), d(2015, 8, 1), "du 27 juillet au 1er août 2015"},
		{d(2015, 2, 2), d(2015, 2, 6), "du 2 au 6 février 2015"},
		{d(2015, 2, 2), d(2015, 2, 2), "du 2 février 2015"},
	}
	for _, tc := range tests {
		if got := FrenchRange(tc.first, tc.last); got != tc.want {
			t.Errorf("FrenchRange(%v, %v) = %q, want %q", tc.first, tc.last, got, tc.want)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string
	}{
		{"default", func(*Config) {}, ""},
		{"hugo", func(c *Config) { c.Format = FormatHugo }, ""},
		{"bad format", func(c *Config) { c.Format = "hexo" }, `unknown format "hexo"`},
		{"bad hour", func(c *Config) { c.CutoffHour = 24 }, "cutoff hour 24"},
		{"bad minute", func(c *Config) { c.CutoffMinute = -1 }, "cutoff minute -1"},
		{"bad day", func(c *Config) { c.CutoffDay = 7 }, "cutoff day 7"},
		{"bad slug", func(c *Config) { c.Slug = "../x" }, `slug "../x"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.edit(&cfg)
			err := cfg.Validate()
			if (err == nil) != (tc.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("Validate() = %v, want error containing %q", err, tc.wantErr)
			}
		})
	}
}
