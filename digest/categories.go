package digest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"
)

// Categories maps hashtags and domains to the sections of the post.
type Categories struct {
	// Hashtags maps a lower-cased hashtag, without '#', to its category.
	Hashtags map[string]string
	// Domains maps a lower-cased domain to its category; a rule for a
	// domain also matches its subdomains, and the longest match wins.
	Domains map[string]string
	// Default is the category of links with no hashtag and no matching
	// domain; empty means DefaultSection, "Divers".
	Default string
}

// LoadCategories reads the categories file at path. An empty path gives
// empty Categories.
//
// The file is UTF-8 text with one rule per line:
//
//	// Lines starting with "//" or ";" are comments, blank lines are ignored.
//	#mysql = MySQL
//	#mariadb = MySQL
//	mariadb.com = MySQL
//	default = Divers
//
// A rule is a key, "=", and a category name; spaces around them do not
// count. The key is one of:
//
//   - "#tag": a hashtag, matched without regard to case (#MySQL, #mysql);
//   - a domain such as "mariadb.com": it matches the domain and its
//     subdomains (blog.mariadb.com), a more specific rule winning;
//     "www.example.com" matches only that host and its subdomains;
//   - "default": the category of links with neither a hashtag nor a
//     matching domain (otherwise "Divers").
//
// Comments cannot start with '#', the hashtag marker, and cannot follow a
// rule on the same line: everything after "=" is the category name. A key
// given twice is an error, as is a line that is not a rule; errors name the
// file and the line.
func LoadCategories(path string) (Categories, error) {
	if path == "" {
		return Categories{}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Categories{}, fmt.Errorf("digest: read categories: %w", err)
	}
	return parseCategories(path, data)
}

func parseCategories(path string, data []byte) (Categories, error) {
	cats := Categories{Hashtags: map[string]string{}, Domains: map[string]string{}}
	firstLine := map[string]int{}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "//") || strings.HasPrefix(line, ";") {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("digest: categories %s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		key, name, ok := strings.Cut(line, "=")
		if !ok {
			return Categories{}, fail("%q is not a rule: want \"#tag = Category\", \"domain.tld = Category\" or \"default = Category\"", line)
		}
		key = strings.ToLower(strings.TrimSpace(key))
		name = strings.Join(strings.Fields(name), " ")
		if name == "" {
			return Categories{}, fail("rule %q names no category", key)
		}
		if first, dup := firstLine[key]; dup {
			return Categories{}, fail("%q already has a rule on line %d", key, first)
		}
		firstLine[key] = n
		switch {
		case key == "default":
			cats.Default = name
		case strings.HasPrefix(key, "#"):
			tag := key[1:]
			if !validHashtag(tag) {
				return Categories{}, fail("%q is not a hashtag: want '#' then letters, digits or '_'", key)
			}
			cats.Hashtags[tag] = name
		default:
			domain := strings.TrimSuffix(key, ".")
			if !validDomain(domain) {
				return Categories{}, fail("%q is not a domain: want a bare host name like example.com, \"#tag\" or \"default\"", key)
			}
			cats.Domains[domain] = name
		}
	}
	if err := sc.Err(); err != nil {
		return Categories{}, fmt.Errorf("digest: read categories %s: %w", path, err)
	}
	return cats, nil
}

func validHashtag(tag string) bool {
	if tag == "" {
		return false
	}
	for _, r := range tag {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

func validDomain(d string) bool {
	if !strings.Contains(d, ".") || strings.HasPrefix(d, ".") || strings.Contains(d, "..") {
		return false
	}
	for _, r := range d {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

// hashtag returns the category of the first of tags that has a rule.
func (c Categories) hashtag(tags []string) (string, bool) {
	for _, t := range tags {
		if name, ok := c.Hashtags[strings.ToLower(strings.TrimPrefix(t, "#"))]; ok {
			return name, true
		}
	}
	return "", false
}

// domain returns the category of the most specific rule matching host.
func (c Categories) domain(host string) (string, bool) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for host != "" {
		if name, ok := c.Domains[host]; ok {
			return name, true
		}
		_, parent, found := strings.Cut(host, ".")
		if !found {
			break
		}
		host = parent
	}
	return "", false
}

func (c Categories) fallback() string {
	if c.Default == "" {
		return DefaultSection
	}
	return c.Default
}

// Names returns the sections the rules name, the default one included,
// sorted without regard to case, each once: of two spellings of a name
// the one that sorts first is kept. They are the sections an entry can be
// moved to besides those of its week.
func (c Categories) Names() []string {
	var all []string
	for _, m := range []map[string]string{c.Hashtags, c.Domains} {
		for _, name := range m {
			all = append(all, name)
		}
	}
	all = append(all, c.fallback())
	slices.SortFunc(all, func(a, b string) int {
		if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return slices.CompactFunc(all, func(a, b string) bool { return strings.EqualFold(a, b) })
}
