package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// variablePrefixes are the prefixes of moisson's variables: a variable
// with one of them that moisson does not know is most likely a typo
// (MOISSON_FEED for MOISSON_FEEDS), and is told, not ignored.
var variablePrefixes = []string{"MOISSON_", "X_", "WAYBACK_"}

// testVariables are read by the tests only (go test), never by the
// program: not warned about.
var testVariables = []string{"MOISSON_CHROMIUM", "MOISSON_CORPUS", "MOISSON_REVIEW_SCREENSHOT", "MOISSON_DEMO_SCREENSHOT", "MOISSON_ENV_FILE_FOR_TEST"}

// UnknownVariable is a variable set in the .env file or in the
// environment, with one of moisson's prefixes, that moisson does not
// read.
type UnknownVariable struct {
	Name   string // MOISSON_FEED
	Origin string // where it was set: the .env file's path or "environment"
	Near   string // the variable probably meant ("MOISSON_FEEDS"), or ""
}

// String tells the variable, where it was set and the one meant.
func (u UnknownVariable) String() string {
	where := "the environment"
	if u.Origin != "environment" {
		where = u.Origin
	}
	s := fmt.Sprintf("%s (set in %s) is not a moisson variable and is ignored", u.Name, where)
	if u.Near != "" {
		s += "; did you mean " + u.Near + "?"
	}
	return s
}

// knownVariables returns every variable moisson reads (Config's env
// tags), KEY_FILE forms included, sorted.
func knownVariables() []string {
	var keys []string
	for _, s := range settings() {
		keys = append(keys, s.key)
		if s.secret || s.fromFile {
			keys = append(keys, s.key+"_FILE")
		}
	}
	keys = append(keys, testVariables...)
	sort.Strings(keys)
	return slices.Compact(keys)
}

// UnknownVariables returns the variables with moisson's prefixes
// (MOISSON_, X_, WAYBACK_) that were set, in the .env file or in the
// environment, and that moisson does not read, each with the variable
// probably meant. Sorted by name.
func (c *Config) UnknownVariables() []UnknownVariable {
	known := knownVariables()
	var out []UnknownVariable
	for name, origin := range c.origins {
		if !hasVariablePrefix(name) || strings.HasPrefix(origin, "flag ") || strings.HasPrefix(origin, "file ") {
			continue
		}
		if _, found := slices.BinarySearch(known, name); found {
			continue
		}
		out = append(out, UnknownVariable{Name: name, Origin: origin, Near: nearestVariable(name, known)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Warnings returns what is odd in the configuration without being wrong,
// one sentence each: the unknown variables, and a blog configuration
// that cannot be read (after Validate). `moisson config`, `status` and
// the daemon's start tell them.
func (c *Config) Warnings() []string {
	var out []string
	for _, u := range c.UnknownVariables() {
		out = append(out, u.String())
	}
	out = append(out, c.siteNotes...)
	if renderer, ok := noDefinitionLists[c.BlogFormat]; ok && c.PostStyle == "definition" && c.HugoDL {
		out = append(out, fmt.Sprintf("MOISSON_POST_STYLE=definition: %s renders no definition lists unless you added a plugin, so each lead would show as \": lead\"; quote (the default) or bold show everywhere", renderer))
	}
	return out
}

// noDefinitionLists are the presets whose Markdown renders no definition
// list by default, and their renderer.
var noDefinitionLists = map[string]string{
	"eleventy": "Eleventy's markdown-it",
	"zola":     "Zola's pulldown-cmark",
	"astro":    "Astro's remark",
}

func hasVariablePrefix(name string) bool {
	for _, p := range variablePrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// nearestVariable returns the known variable closest to name: within a
// few edits of it (a letter missing, two swapped), the same with a
// prefix more or less (WAYBACK_RATE for MOISSON_WAYBACK_RATE), or the
// only one it starts (MOISSON_GIT for MOISSON_GIT_PUSH); "" when none is
// near.
func nearestVariable(name string, known []string) string {
	var candidates []string
	for _, k := range known {
		if !slices.Contains(testVariables, k) {
			candidates = append(candidates, k)
		}
	}
	best, bestD := "", 0
	for _, k := range candidates {
		// Allowed edits grow with the length of what follows the prefix:
		// one for MOISSON_FEED, so that MOISSON_BLOG is not taken for
		// MOISSON_SLUG.
		n := len(k)
		for _, p := range variablePrefixes {
			if strings.HasPrefix(k, p) {
				n -= len(p)
				break
			}
		}
		limit := 1
		switch {
		case n > 12:
			limit = 3
		case n > 6:
			limit = 2
		}
		if d := levenshtein(name, k); d <= limit && (best == "" || d < bestD) {
			best, bestD = k, d
		}
	}
	if best != "" {
		return best
	}
	for _, k := range candidates {
		if strings.HasSuffix(k, "_"+name) || strings.HasSuffix(name, "_"+k) {
			return k
		}
	}
	var prefixed []string
	for _, k := range candidates {
		if strings.HasPrefix(k, name+"_") {
			prefixed = append(prefixed, k)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// logConfigWarnings logs the configuration's warnings, once, at the
// daemon's start.
func (e *env) logConfigWarnings() {
	for _, u := range e.cfg.UnknownVariables() {
		e.log.Warn("unknown variable ignored", "variable", u.Name, "set_in", u.Origin, "did_you_mean", u.Near)
	}
	for _, n := range e.cfg.siteNotes {
		e.log.Warn(n)
	}
	format, folder, why := e.cfg.PostFormat()
	e.log.Info("post format", "format", format, "folder", folder, "why", why)
	slug := e.cfg.SlugChoice()
	e.log.Info("slug", "slug", slug.Pattern, "why", slug.Why)
}
