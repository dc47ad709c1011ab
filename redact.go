package moisson

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// secretWords are the parts of a query parameter's name that say its value
// is a secret.
var secretWords = []string{"token", "secret", "key", "auth", "pass", "sig", "session"}

// RedactURL hides what may be a secret in a URL, so that it can be shown in
// logs, errors, status, pages and the store's keys: the userinfo (user and
// password), the values of query parameters such as ?token= or ?api_key=,
// and path segments that are credentials (Pinboard's "secret:…", long
// random tokens such as linkding's). When something was hidden, a short
// hash of the whole URL is added as its fragment, so that two URLs never
// get the same name. A URL with nothing to hide is returned as is.
//
// It is the one function every package uses to show a URL that may carry
// a secret.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Not a URL we can take apart: hide anything like userinfo.
		return RedactText(raw)
	}
	if u.Host == "" && u.User == nil {
		return raw
	}
	hidden := false
	if u.User != nil {
		// Already hidden ("***@", as this function writes it): kept, so
		// that redacting twice gives the same name.
		if _, hasPass := u.User.Password(); hasPass || u.User.Username() != "***" {
			hidden = true
		}
		u.User = url.User("***")
	}
	segs := strings.Split(u.Path, "/")
	for i, seg := range segs {
		if name, rest, ok := strings.Cut(seg, ":"); ok && (name == "secret" || name == "token") {
			if rest == "***" {
				continue
			}
			segs[i] = name + ":***"
			hidden = true
		} else if looksLikeToken(seg) {
			segs[i] = "***"
			hidden = true
		}
	}
	u.Path, u.RawPath = strings.Join(segs, "/"), ""
	q := u.Query()
	for k := range q {
		if secretName(k) {
			if !(len(q[k]) == 1 && q[k][0] == "***") {
				hidden = true
			}
			q[k] = []string{"***"}
			continue
		}
		// A value may hold a whole URL or query, percent-encoded once or
		// more (a redirect's ?url=https%3A%2F%2F…%3Ftoken%3D…): its
		// secrets are hidden in every decoded form.
		for i, v := range q[k] {
			if r, ok := redactValue(v); ok {
				q[k][i] = r
				hidden = true
			}
		}
	}
	// A fragment may carry a query too (#access_token=…).
	if f := u.EscapedFragment(); strings.Contains(f, "=") {
		if _, ok := redactValue(f); ok {
			hidden = true
		}
	}
	if !hidden {
		return raw
	}
	u.RawQuery = q.Encode()
	u.Fragment, u.RawFragment = "", ""
	sum := sha256.Sum256([]byte(raw))
	return strings.ReplaceAll(u.String(), "%2A", "*") + "#" + hex.EncodeToString(sum[:4])
}

// secretName reports whether a query parameter's name says its value is
// a secret.
func secretName(name string) bool {
	lk := strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(lk, w) {
			return true
		}
	}
	return false
}

// redactValue hides the secrets of a query value that is itself a URL or
// a query, decoding it up to three times; ok is false when it hides
// nothing.
func redactValue(v string) (string, bool) {
	for range 3 {
		if strings.Contains(v, "://") {
			if u, err := url.Parse(strings.TrimSpace(v)); err == nil && u.Host != "" {
				if r := RedactURL(strings.TrimSpace(v)); r != strings.TrimSpace(v) {
					return r, true
				}
				return "", false
			}
		}
		if strings.Contains(v, "=") {
			if q, err := url.ParseQuery(strings.TrimPrefix(v, "?")); err == nil {
				for k, vals := range q {
					if secretName(k) && !(len(vals) == 1 && vals[0] == "***") {
						return "***", true
					}
				}
			}
		}
		d, err := url.QueryUnescape(v)
		if err != nil || d == v {
			return "", false
		}
		v = d
	}
	return "", false
}

// RedactText hides the secrets of every URL written in s (an error
// message, a git remote's output): each whitespace-separated word that
// holds "://" is passed through RedactURL, and a userinfo that cannot be
// parsed is replaced by "***".
func RedactText(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	fields := strings.Fields(s)
	for _, f := range fields {
		i := strings.Index(f, "://")
		if i < 0 {
			continue
		}
		// The URL starts at its scheme: skip quotes or brackets before it.
		start := strings.LastIndexFunc(f[:i], func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		}) + 1
		end := len(f)
		for end > start && strings.ContainsRune(`"'),;>]`, rune(f[end-1])) {
			end--
		}
		word := f[start:end]
		red := word
		if u, err := url.Parse(word); err == nil && u.Host != "" {
			red = RedactURL(word)
		} else if scheme, rest, ok := strings.Cut(word, "://"); ok {
			if at := strings.LastIndex(rest, "@"); at > 0 && !strings.Contains(rest[:at], "/") {
				red = scheme + "://***@" + rest[at+1:]
			}
		}
		if red != word {
			s = strings.ReplaceAll(s, word, red)
		}
	}
	return s
}

// looksLikeToken reports whether a path segment is a random token: long,
// made of letters and digits mixed, with no word separators.
func looksLikeToken(seg string) bool {
	if len(seg) < 12 {
		return false
	}
	letters, digits := 0, 0
	for _, r := range seg {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters++
		case r == '_':
		default:
			return false
		}
	}
	return digits >= 4 && letters >= 4
}
