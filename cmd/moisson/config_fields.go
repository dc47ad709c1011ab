package main

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	caarlos0env "github.com/caarlos0/env/v11"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot/feed"
)

// setting is one variable as Config's tags declare it.
type setting struct {
	key      string // MOISSON_DB
	field    string // the Go field's name, as caarlos0/env's errors name it
	index    []int  // the field's path in Config, for reflect.Value.FieldByIndex
	kind     string // string, bool, int, duration, list
	def      string // envDefault
	doc      string // the default as the docs tell it, when def is not it
	section  string // the .env.example section it belongs to
	help     string
	example  string
	secret   bool
	fromFile bool
	lower    bool
	raw      bool
	show     string // "", url, feeds, lines
	oneof    []string
	optional bool
	min      string
	problem  string
}

// settings returns every variable of Config, in the order of its fields
// (the order of .env.example and of `moisson config`).
func settings() []setting {
	var out []setting
	section := ""
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			idx := append(append([]int(nil), index...), i)
			key := sf.Tag.Get("env")
			if key == "" {
				if sf.Type.Kind() == reflect.Struct {
					walk(sf.Type, idx)
				}
				continue
			}
			if s := sf.Tag.Get("section"); s != "" {
				section = s
			}
			st := setting{
				key: key, field: sf.Name, index: idx, def: sf.Tag.Get("envDefault"), doc: sf.Tag.Get("doc"),
				section: section, help: sf.Tag.Get("help"), example: sf.Tag.Get("example"),
				secret: sf.Tag.Get("secret") == "true", fromFile: sf.Tag.Get("fromfile") == "true",
				lower: sf.Tag.Get("lower") == "true", raw: sf.Tag.Get("raw") == "true", show: sf.Tag.Get("show"),
				oneof: strings.Fields(sf.Tag.Get("oneof")), optional: sf.Tag.Get("optional") == "true",
				min: sf.Tag.Get("min"), problem: sf.Tag.Get("problem"),
			}
			switch {
			case sf.Type == reflect.TypeFor[time.Duration]():
				st.kind = "duration"
			case sf.Type.Kind() == reflect.Bool:
				st.kind = "bool"
			case sf.Type.Kind() == reflect.Int, sf.Type.Kind() == reflect.Int64:
				st.kind = "int"
			case sf.Type.Kind() == reflect.Slice:
				st.kind = "list"
			default:
				st.kind = "string"
			}
			if st.example == "" {
				st.example = st.def
				if st.kind == "bool" {
					st.example = "1"
				}
			}
			out = append(out, st)
		}
	}
	walk(reflect.TypeFor[Config](), nil)
	return out
}

// settingByKey returns the setting of the variable key.
func settingByKey(key string) (setting, bool) {
	for _, s := range settings() {
		if s.key == key {
			return s, true
		}
	}
	return setting{}, false
}

// fileKeys returns the variables that KEY_FILE can give: the secrets,
// and the feeds.
func fileKeys() []string {
	var keys []string
	for _, s := range settings() {
		if s.secret || s.fromFile {
			keys = append(keys, s.key)
		}
	}
	return keys
}

// envOptions are caarlos0/env's options over vars: moisson's readings of
// booleans (1/0, yes/no, on/off), whole numbers and durations, whose
// errors say what is wanted.
func envOptions(vars map[string]string) caarlos0env.Options {
	return caarlos0env.Options{
		Environment: vars,
		FuncMap: map[reflect.Type]caarlos0env.ParserFunc{
			reflect.TypeFor[bool](): func(v string) (any, error) {
				switch strings.ToLower(strings.TrimSpace(v)) {
				case "1", "true", "t", "yes", "y", "on":
					return true, nil
				case "0", "false", "f", "no", "n", "off":
					return false, nil
				}
				return nil, errors.New("want 1 or 0, true or false, yes or no, on or off")
			},
			reflect.TypeFor[int](): func(v string) (any, error) {
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil {
					return nil, errors.New("want a whole number")
				}
				return n, nil
			},
			reflect.TypeFor[int64](): func(v string) (any, error) {
				n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				if err != nil {
					return nil, errors.New("want a whole number")
				}
				return n, nil
			},
			reflect.TypeFor[time.Duration](): func(v string) (any, error) {
				d, err := time.ParseDuration(strings.TrimSpace(v))
				if err != nil {
					return nil, errors.New("want a duration (s, m, h)")
				}
				return d, nil
			},
		},
	}
}

// parseSettings reads vars (the variables of .env, the environment and
// the KEY_FILE files) into a Config with caarlos0/env, after moisson's
// own readings: values trimmed (but raw ones), choices lower-cased, lists
// split on commas and spaces. A variable set to nothing keeps its
// default, except a text, which it empties (MOISSON_LISTEN= is no page).
func parseSettings(vars map[string]string) (Config, configErrors) {
	all := settings()
	clean := make(map[string]string)
	var emptied []setting
	for _, s := range all {
		v, ok := vars[s.key]
		if !ok {
			continue
		}
		if !s.raw {
			v = strings.TrimSpace(v)
		}
		if s.lower {
			v = strings.ToLower(v)
		}
		if s.kind == "list" {
			v = strings.Join(strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }), ",")
		}
		if strings.TrimSpace(v) == "" {
			if s.kind == "string" {
				emptied = append(emptied, s)
			}
			continue
		}
		clean[s.key] = v
	}
	var c Config
	var errs configErrors
	if err := caarlos0env.ParseWithOptions(&c, envOptions(clean)); err != nil {
		var agg caarlos0env.AggregateError
		if !errors.As(err, &agg) {
			agg.Errors = []error{err}
		}
		for _, e := range agg.Errors {
			var pe caarlos0env.ParseError
			if !errors.As(e, &pe) {
				errs = append(errs, fmt.Errorf("configuration: %w", e))
				continue
			}
			for _, s := range all {
				if s.field == pe.Name {
					errs = append(errs, &configError{Key: s.key, Value: vars[s.key], Problem: pe.Err.Error(), Example: s.example})
					// The default stays, as when the variable is unset.
					def := defaultConfig()
					reflect.ValueOf(&c).Elem().FieldByIndex(s.index).Set(reflect.ValueOf(def).FieldByIndex(s.index))
					break
				}
			}
		}
	}
	for _, s := range emptied {
		reflect.ValueOf(&c).Elem().FieldByIndex(s.index).SetString("")
	}
	return c, errs
}

// checkTags runs the checks the tags declare (oneof, min), each error
// naming the variable with its value and an example.
func (c *Config) checkTags() []error {
	var errs []error
	v := reflect.ValueOf(c).Elem()
	for _, s := range settings() {
		f := v.FieldByIndex(s.index)
		if len(s.oneof) > 0 {
			val := strings.TrimSpace(f.String())
			if s.lower {
				val = strings.ToLower(val)
			}
			f.SetString(val)
			if !(val == "" && s.optional) && !contains(s.oneof, val) {
				errs = append(errs, &configError{Key: s.key, Value: val, Problem: "want " + words(s.oneof), Example: s.example})
			}
		}
		if s.min == "" {
			continue
		}
		var below bool
		var shown string
		switch s.kind {
		case "duration":
			least, err := time.ParseDuration(s.min)
			if err != nil {
				panic(fmt.Sprintf("config: %s: bad min tag %q", s.key, s.min)) // TestSettingsTags fails first
			}
			d := time.Duration(f.Int())
			below, shown = d < least, d.String()
		case "int":
			least, err := strconv.ParseInt(s.min, 10, 64)
			if err != nil {
				panic(fmt.Sprintf("config: %s: bad min tag %q", s.key, s.min))
			}
			below, shown = f.Int() < least, strconv.FormatInt(f.Int(), 10)
		}
		if below {
			problem := s.problem
			if problem == "" {
				problem = "want at least " + s.min
			}
			errs = append(errs, &configError{Key: s.key, Value: shown, Problem: problem, Example: s.example})
		}
	}
	return errs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// words is "a, b or c".
func words(list []string) string {
	if len(list) == 1 {
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " or " + list[len(list)-1]
}

// display is the value of s in c as `moisson config` shows it: secrets
// as "***" (or "" when unset), the secrets of URLs masked.
func (c *Config) display(s setting) string {
	f := reflect.ValueOf(c).Elem().FieldByIndex(s.index)
	var v string
	switch s.kind {
	case "bool":
		v = strconv.FormatBool(f.Bool())
	case "duration":
		v = time.Duration(f.Int()).String()
	case "int":
		v = strconv.FormatInt(f.Int(), 10)
	case "list":
		items := make([]string, f.Len())
		for i := range items {
			items[i] = f.Index(i).String()
		}
		if s.show == "feeds" {
			for i, it := range items {
				items[i] = redactFeed(it)
			}
		}
		v = strings.Join(items, ",")
	default:
		v = f.String()
	}
	switch {
	case s.secret:
		if v != "" {
			v = "***"
		}
	case s.show == "url":
		v = moisson.RedactURL(v)
	case s.show == "lines":
		v = strings.ReplaceAll(v, "\n", `\n`)
	}
	return v
}

// redactFeed masks the secrets of a feed spec (links:URL, posts:URL or a
// URL).
func redactFeed(f string) string {
	switch u, mode, err := feed.ParseSpec(f); {
	case err != nil:
		return moisson.RedactText(f)
	case mode != feed.ModeAuto:
		return mode + ":" + moisson.RedactURL(u)
	default:
		return moisson.RedactURL(u)
	}
}

// Redacted returns every setting as a KEY=VALUE line for display, in the
// order of .env.example, secrets replaced by "***" (or "" when unset).
func (c Config) Redacted() []string {
	var out []string
	for _, s := range settings() {
		out = append(out, s.key+"="+c.display(s))
	}
	return out
}

// Changed returns, as Redacted does, the settings whose value differs
// from the default: what `status` shows (`moisson config` shows them all).
func (c Config) Changed() []string {
	def := defaultConfig()
	var out []string
	for _, s := range settings() {
		if v := c.display(s); v != def.display(s) {
			out = append(out, s.key+"="+v)
		}
	}
	return out
}

// envExampleHeader opens .env.example.
const envExampleHeader = `# moisson reads its settings from the environment and from ./.env (this
# file, copied to .env). The environment wins over .env. Every variable is
# optional; the value shown is the default.
#
# Any secret can come from a file instead, as Docker secrets and systemd
# credentials give them: X_BEARER_TOKEN_FILE=/run/secrets/x_bearer_token (every
# variable marked secret below, and MOISSON_FEEDS_FILE). Booleans: 1/0,
# true/false, yes/no, on/off. Write values without quotes: docker --env-file
# and systemd's EnvironmentFile keep them as part of the value.
# moisson config prints the settings in effect and where each came from; it
# warns about a MOISSON_, X_ or WAYBACK_ variable it does not know.
#
# Generated from the Config struct (cmd/moisson/config.go) by
# go generate ./cmd/moisson: edit the struct's tags, not this file.
`

// codeSpan matches {code} in a help tag: `code` in the docs, plain text
// in .env.example (a struct tag cannot hold a backquote).
var codeSpan = regexp.MustCompile(`\{([^{}]+)\}`)

// mdLinkText matches a Markdown link, [text](target).
var mdLinkText = regexp.MustCompile(`\[([^\]]+)\]\(([^)]+)\)`)

// envExample returns .env.example: every variable with its default and
// what it does, by section.
func envExample() string {
	var b strings.Builder
	b.WriteString(envExampleHeader)
	section := ""
	for _, s := range settings() {
		if s.section != section {
			section = s.section
			title := "# --- " + section + " "
			b.WriteString("\n" + title + strings.Repeat("-", max(3, 76-len(title))) + "\n")
		}
		help := mdLinkText.ReplaceAllString(s.help, "$1 (docs/$2)")
		help = codeSpan.ReplaceAllString(strings.NewReplacer("<", "", ">", "").Replace(help), "$1")
		if s.doc != "" {
			help += " (default: " + s.doc + ")"
		}
		help = sentence(help)
		if s.secret {
			help += " Secret."
		}
		for _, line := range wrap(help, 76) {
			b.WriteString("# " + line + "\n")
		}
		b.WriteString(s.key + "=" + s.def + "\n")
	}
	return b.String()
}

// sentence starts text with a capital and ends it with a full stop.
func sentence(text string) string {
	r, n := utf8.DecodeRuneInString(text)
	text = string(unicode.ToUpper(r)) + text[n:]
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return text
}

// wrap cuts text into lines of at most width characters, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// The generated table of docs/configuration.md sits between these lines.
const (
	tableBegin = "<!-- settings table: generated from the Config struct by go generate ./cmd/moisson; do not edit -->"
	tableEnd   = "<!-- end of the settings table -->"
)

// settingsTable returns docs/configuration.md's table of the variables:
// variable, default, what it does.
func settingsTable() string {
	var b strings.Builder
	b.WriteString("| variable | default | what it does |\n|---|---|---|\n")
	for _, s := range settings() {
		def := ""
		switch {
		case s.doc != "":
			def = s.doc
			if strings.HasPrefix(def, "{{") {
				def = "`" + def + "`"
			}
		case s.def != "":
			def = "`" + s.def + "`"
		}
		help := codeSpan.ReplaceAllString(s.help, "`$1`")
		if s.secret {
			help += " (secret; or " + s.key + "_FILE)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.key, strings.ReplaceAll(def, "|", `\|`), strings.ReplaceAll(help, "|", `\|`))
	}
	return b.String()
}

// withSettingsTable returns the page doc with its generated table
// replaced by table; an error when the page has no markers.
func withSettingsTable(doc, table string) (string, error) {
	i := strings.Index(doc, tableBegin)
	j := strings.Index(doc, tableEnd)
	if i < 0 || j < i {
		return "", fmt.Errorf("docs/configuration.md: the lines %q and %q that hold the table are missing", tableBegin, tableEnd)
	}
	return doc[:i] + tableBegin + "\n" + table + doc[j:], nil
}
