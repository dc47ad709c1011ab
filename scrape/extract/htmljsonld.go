package extract

import (
	"encoding/json"
	"html"
	"strings"
)

// ldInfo is what the page's JSON-LD says of the article.
type ldInfo struct {
	// headline and name are the article object's, entities decoded.
	headline string
	name     string
	// found is set once an article object was read: the first one wins.
	found bool
	// body is the article's articleBody text, when given.
	body      string
	publisher string
	website   string
	lang      string
	// image is the article's image (its URL).
	image string
}

// parseJSONLD reads the application/ld+json scripts gathered by the walk.
// Malformed scripts are ignored: they are common and say nothing useful.
func (m *pageMeta) parseJSONLD() {
	for _, raw := range m.jsonLD {
		raw = strings.TrimSpace(raw)
		raw = strings.TrimPrefix(raw, "<!--")
		raw = strings.TrimSuffix(raw, "-->")
		raw = strings.TrimPrefix(strings.TrimSpace(raw), "//")
		raw = strings.TrimPrefix(strings.TrimSpace(raw), "<![CDATA[")
		raw = strings.TrimSuffix(strings.TrimSpace(raw), "]]>")
		raw = strings.TrimSuffix(strings.TrimSpace(raw), "//")
		var v any
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			continue
		}
		m.ld.visit(v, 0)
	}
	m.jsonLD = nil
}

// isArticleType reports whether a schema.org type is an article's (any
// *Article, Report, *Posting, APIReference), whose headline is the page's.
func isArticleType(t string) bool {
	for _, s := range []string{"Article", "Report", "Posting", "APIReference"} {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// visit walks a decoded JSON-LD value looking for the article object.
func (l *ldInfo) visit(v any, depth int) {
	if depth > 6 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			l.visit(e, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			l.visit(g, depth+1)
		}
		types := ldTypes(x["@type"])
		article := false
		for _, t := range types {
			if isArticleType(t) {
				article = true
			}
			if t == "WebSite" && l.website == "" {
				l.website = ldString(x["name"])
			}
		}
		if !article || l.found {
			return
		}
		l.found = true
		l.headline = ldString(x["headline"])
		l.name = ldString(x["name"])
		if l.body == "" {
			l.body = ldString(x["articleBody"])
		}
		if l.lang == "" {
			l.lang = ldString(x["inLanguage"])
		}
		if l.image == "" {
			l.image = ldImage(x["image"], 0)
		}
		if l.publisher == "" {
			if p, ok := x["publisher"].(map[string]any); ok {
				l.publisher = ldString(p["name"])
			}
		}
	}
}

// ldTypes returns the @type of an object, a string or a list of them.
func ldTypes(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldString returns a JSON-LD string value, entities decoded, white space
// collapsed; "" for anything else.
func ldString(v any) string {
	s, ok := v.(string)
	if !ok {
		return ""
	}
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return collapse(s)
}
