package digest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/moisson/moisson"
)

// Lang is the language of the post: its introduction, the wording of its
// dates, the section of uncategorised links, its default title and slug.
type Lang string

// The languages of the post.
const (
	French  Lang = "fr"
	English Lang = "en"
)

// ParseLang reads MOISSON_LANG: "fr" or "en", whatever the case; "" is
// French.
func ParseLang(s string) (Lang, error) {
	switch l := Lang(strings.ToLower(strings.TrimSpace(s))); l {
	case "":
		return French, nil
	case French, English:
		return l, nil
	}
	return "", fmt.Errorf("digest: unknown language %q (want fr or en)", s)
}

// preset is what a language gives the post.
type preset struct {
	// section is the section of links with neither a hashtag nor a rule.
	section string
	// title and slug are the week's patterns (Config.Title and
	// Config.Slug set to WeekPattern): the title names the week and its
	// days, never a source.
	title, slug string
	// category is the post's category when none is configured.
	category string
	// dateRange spells the days of a week.
	dateRange func(first, last time.Time) string
	// intro is the post's introduction (Markdown) for a week of n links
	// from the given kinds of source.
	intro func(days string, n int, sources []string) string
	// description is the front matter's summary.
	description func(n int, sections string) string
	// archive names the archived copy of a gone page, in the link added
	// after it (DeadLinkAnnotate).
	archive string
}

var presets = map[Lang]preset{
	French: {
		section:   DefaultSection,
		archive:   "archive",
		category:  DefaultCategory,
		title:     "Moisson de liens, semaine {{.Week.Number}} ({{.Week.Days}})",
		slug:      "moisson-de-liens-{{.Week.Year}}-w{{printf \"%02d\" .Week.Number}}",
		dateRange: FrenchRange,
		intro: func(days string, n int, sources []string) string {
			if n == 0 {
				return fmt.Sprintf("Aucun lien n'a été partagé pendant la semaine %s.", days)
			}
			s := fmt.Sprintf("La moisson de liens pour la semaine %s.%s", days, hardBreak)
			if where := joinWords(sourceWords(French, sources), "et"); where != "" {
				s += "Ils ont, pour la plupart, été publiés " + where + "." + hardBreak
			}
			return s + "Les voici rassemblés pour ceux qui les auraient ratés."
		},
		description: func(n int, sections string) string {
			switch n {
			case 0:
				return "Aucun lien cette semaine"
			case 1:
				return "1 lien : " + sections
			}
			return strconv.Itoa(n) + " liens : " + sections
		},
	},
	English: {
		section:   "Miscellaneous",
		archive:   "archive",
		category:  "links",
		title:     "Links of the week, week {{.Week.Number}} ({{.Week.Days}})",
		slug:      "link-harvest-{{.Week.Year}}-w{{printf \"%02d\" .Week.Number}}",
		dateRange: EnglishRange,
		intro: func(days string, n int, sources []string) string {
			if n == 0 {
				return fmt.Sprintf("No link was shared during the week %s.", days)
			}
			s := fmt.Sprintf("The links of the week %s.%s", days, hardBreak)
			if where := joinWords(sourceWords(English, sources), "and"); where != "" {
				s += "Most of them were shared " + where + "." + hardBreak
			}
			return s + "Here they are, gathered for those who missed them."
		},
		description: func(n int, sections string) string {
			switch n {
			case 0:
				return "No link this week"
			case 1:
				return "1 link: " + sections
			}
			return strconv.Itoa(n) + " links: " + sections
		},
	},
}

func (l Lang) preset() preset {
	if p, ok := presets[l]; ok {
		return p
	}
	return presets[French]
}

// The kinds of source a link comes from, as SourceOf names them.
const (
	SourceX        = "x"
	SourceMastodon = "mastodon"
	SourceBluesky  = "bluesky"
	SourceFeed     = "feed"
	SourceHand     = moisson.HandSource
)

// sourceOrder is the order in which the introduction names the sources.
var sourceOrder = []string{SourceX, SourceMastodon, SourceBluesky, SourceFeed}

// SourceOf is the kind of source of the post postKey (moisson.Post.Key):
// SourceX, SourceMastodon, SourceBluesky, SourceFeed (any "feed:" URL),
// SourceHand (a link the author added by hand), or the source's own name.
func SourceOf(postKey string) string {
	src, _, _ := strings.Cut(postKey, "/")
	switch {
	case strings.HasPrefix(postKey, "feed:"):
		return SourceFeed
	case src == "x" || src == "twitter":
		return SourceX
	case strings.HasPrefix(src, "mastodon"):
		return SourceMastodon
	case strings.HasPrefix(src, "bluesky"):
		return SourceBluesky
	}
	return src
}

// sourceWords names the sources in the introduction's words, in a fixed
// order; a link added by hand is named by none.
func sourceWords(l Lang, sources []string) []string {
	words := map[Lang]map[string]string{
		French: {
			SourceX: "sur mon compte Twitter", SourceMastodon: "sur Mastodon",
			SourceBluesky: "sur Bluesky", SourceFeed: "dans mes favoris",
		},
		English: {
			SourceX: "on my Twitter account", SourceMastodon: "on Mastodon",
			SourceBluesky: "on Bluesky", SourceFeed: "in my bookmarks",
		},
	}[l]
	var out []string
	for _, s := range sourceOrder {
		for _, got := range sources {
			if got == s {
				out = append(out, words[s])
				break
			}
		}
	}
	return out
}

// joinWords joins "a", "b" and "c" as "a, b and c".
func joinWords(words []string, and string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

var englishMonths = [...]string{
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
}

var englishDays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

var frenchDays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// EnglishDate spells t's date in English: "October 3, 2014".
func EnglishDate(t time.Time) string {
	return fmt.Sprintf("%s %d, %d", englishMonths[t.Month()-1], t.Day(), t.Year())
}

// EnglishRange spells the days from first to last in English, naming the
// month and the year once when they are shared: "from December 1 to 5,
// 2014", "from September 29 to October 3, 2014", "from December 29, 2014
// to January 2, 2015".
func EnglishRange(first, last time.Time) string {
	switch {
	case first.Year() != last.Year():
		return "from " + EnglishDate(first) + " to " + EnglishDate(last)
	case first.Month() != last.Month():
		return fmt.Sprintf("from %s %d to %s", englishMonths[first.Month()-1], first.Day(), EnglishDate(last))
	case first.Day() != last.Day():
		return fmt.Sprintf("from %s %d to %d, %d", englishMonths[first.Month()-1], first.Day(), last.Day(), last.Year())
	default:
		return "of " + EnglishDate(last)
	}
}

// LongDate spells t's date in the language, with the day of the week:
// "vendredi 3 octobre 2014", "Friday, October 3, 2014".
func (l Lang) LongDate(t time.Time) string {
	if l == English {
		return englishDays[t.Weekday()] + ", " + EnglishDate(t)
	}
	return frenchDays[t.Weekday()] + " " + FrenchDate(t)
}

// Date spells t's date in the language: "3 octobre 2014", "October 3,
// 2014".
func (l Lang) Date(t time.Time) string {
	if l == English {
		return EnglishDate(t)
	}
	return FrenchDate(t)
}
