package digest

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v3"
)

// field is one field of the front matter, in order.
type field struct {
	key string
	// value is a string, a time.Time, a bool or a []string; node, when
	// set (extra fields), is the YAML as configured.
	value any
	node  *yaml.Node
}

// fields are the front matter's fields for data, in the order written.
//
// Jekyll: layout, title, date, category, tags, description, image (the
// share image: see Data.shareImage), slug (when
// it names the week: a fixed one would give every week one URL), lang,
// published: false for a draft. Hugo and Markdown: title, date,
// categories, tags, description, images (Hugo: a list) or image, slug,
// lang (Markdown only: Hugo reads
// the language from the site), draft: true for a draft. Eleventy (as
// eleventy-base-blog's posts): title, description, date, tags starting
// with "posts" (the collection the blog lists, Config.Collection), image,
// draft. Zola (its page
// front matter): title, description, date, slug, draft, then
// [taxonomies] with tags and categories as the site declares them
// (Config.Taxonomies). Astro (the blog starter's schema): title,
// description, pubDate, tags, draft (Zola and Astro get no share image:
// Zola's page schema has no such field, and the Astro starter's
// heroImage is a local asset, not an address). The extra fields of
// Config.ExtraFrontMatter follow, or replace a field of the same name.
func (c Config) fields(data Data) ([]field, error) {
	var fs []field
	add := func(k string, v any) { fs = append(fs, field{key: k, value: v}) }
	tags := data.Tags
	switch c.format() {
	case FormatJekyll:
		add("layout", "post")
		add("title", data.Title)
		add("date", data.Date)
		add("category", c.category())
		if len(tags) > 0 {
			add("tags", tags)
		}
		add("description", data.Description)
		if img := data.shareImage(); img != "" {
			add("image", img) // jekyll-seo-tag's og:image
		}
		if data.weekSlug {
			add("slug", data.Slug)
		}
		add("lang", string(data.Lang))
		if data.Draft {
			add("published", false)
		}
	case FormatEleventy:
		add("title", data.Title)
		add("description", data.Description)
		add("date", data.Date)
		// Eleventy makes a collection of each tag; the blog lists
		// collections.posts (or the one Config.Collection names).
		coll := c.Collection
		if coll == "" {
			coll = "posts"
		}
		add("tags", append([]string{coll}, slices.DeleteFunc(slices.Clone(tags), func(t string) bool { return t == coll })...))
		if img := data.shareImage(); img != "" {
			add("image", img)
		}
		if data.Draft {
			// eleventy-base-blog leaves out of its build what says
			// draft: true.
			add("draft", true)
		}
	case FormatZola:
		add("title", data.Title)
		add("description", data.Description)
		add("date", data.Date)
		if data.weekSlug {
			add("slug", data.Slug)
		}
		if data.Draft {
			add("draft", true)
		}
		tax := map[string]any{}
		if len(tags) > 0 && (c.Taxonomies == nil || slices.Contains(c.Taxonomies, "tags")) {
			tax["tags"] = tags
		}
		if slices.Contains(c.Taxonomies, "categories") {
			tax["categories"] = []string{c.category()}
		}
		if len(tax) > 0 {
			add("taxonomies", tax)
		}
	case FormatAstro:
		add("title", data.Title)
		add("description", data.Description)
		add("pubDate", data.Date)
		if len(tags) > 0 {
			add("tags", tags)
		}
		if data.Draft {
			add("draft", true)
		}
	default:
		add("title", data.Title)
		add("date", data.Date)
		add("categories", []string{c.category()})
		if len(tags) > 0 {
			add("tags", tags)
		}
		add("description", data.Description)
		if img := data.shareImage(); img != "" {
			if c.format() == FormatHugo {
				add("images", []string{img}) // Hugo's opengraph and twitter_cards templates
			} else {
				add("image", img)
			}
		}
		if data.weekSlug {
			add("slug", data.Slug)
		}
		if c.format() == FormatMarkdown {
			add("lang", string(data.Lang))
		}
		if data.Draft {
			add("draft", true)
		}
	}
	extra, err := extraFields(c.ExtraFrontMatter)
	if err != nil {
		return nil, err
	}
	for _, x := range extra {
		replaced := false
		for i := range fs {
			if fs[i].key == x.key {
				fs[i] = x
				replaced = true
			}
		}
		if !replaced {
			fs = append(fs, x)
		}
	}
	return fs, nil
}

// extraFields parses MOISSON_FRONT_MATTER: a YAML mapping.
func extraFields(src string) ([]field, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, fmt.Errorf("digest: extra front matter: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("digest: extra front matter: want a YAML mapping (\"author: Jane\"), got %q", src)
	}
	m := doc.Content[0]
	var out []field
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			return nil, fmt.Errorf("digest: extra front matter: key at line %d is not a name", k.Line)
		}
		var value any
		if err := v.Decode(&value); err != nil {
			return nil, fmt.Errorf("digest: extra front matter: %s: %w", k.Value, err)
		}
		out = append(out, field{key: k.Value, value: value, node: v})
	}
	return out, nil
}

// frontMatterText writes the front matter, delimiters included.
func (c Config) frontMatterText(data Data) (string, error) {
	fs, err := c.fields(data)
	if err != nil {
		return "", err
	}
	if c.frontMatter() == TOML {
		return tomlFrontMatter(fs)
	}
	return c.yamlFrontMatter(fs)
}

// yamlFrontMatter encodes the fields with a YAML encoder, in the style of
// the hand-written posts: the title double-quoted, simple words plain,
// anything YAML 1.1 (Jekyll's Psych) could read as another type quoted.
func (c Config) yamlFrontMatter(fs []field) (string, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range fs {
		var v *yaml.Node
		if f.node != nil {
			v = f.node
		} else {
			switch x := f.value.(type) {
			case string:
				v = yamlScalar(x, f.key == "title" || f.key == "description")
			case bool:
				v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x)}
			case time.Time:
				if c.format() == FormatJekyll {
					// Jekyll's own format, as the hand-written posts.
					v = &yaml.Node{Kind: yaml.ScalarNode, Value: x.Format("2006-01-02 15:04:05 -0700")}
				} else {
					v = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: x.Format(time.RFC3339)}
				}
			case []string:
				v = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
				for _, s := range x {
					v.Content = append(v.Content, yamlScalar(s, c.format() != FormatJekyll))
				}
			default:
				return "", fmt.Errorf("digest: front matter field %s: unexpected %T", f.key, f.value)
			}
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: f.key}, v)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return "", fmt.Errorf("digest: front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return "", fmt.Errorf("digest: front matter: %w", err)
	}
	b.WriteString("---\n")
	return b.String(), nil
}

// yamlScalar is s as a YAML string: double-quoted when quoted or when it
// is not a simple word, plain otherwise.
func yamlScalar(s string, quoted bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if quoted || yamlPlain(s) != s {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// tomlFrontMatter encodes the fields with a TOML encoder, one key at a
// time to keep their order; tables (from the extra fields) come last, as
// TOML wants.
func tomlFrontMatter(fs []field) (string, error) {
	var b, tables bytes.Buffer
	b.WriteString("+++\n")
	for _, f := range fs {
		v := f.value
		if t, ok := v.(time.Time); ok {
			v = t.Truncate(time.Second)
		}
		w := &b
		if _, ok := v.(map[string]any); ok {
			w = &tables
		}
		if err := toml.NewEncoder(w).Encode(map[string]any{f.key: v}); err != nil {
			return "", fmt.Errorf("digest: front matter field %s: %w", f.key, err)
		}
	}
	b.Write(tables.Bytes())
	b.WriteString("+++\n")
	return b.String(), nil
}

// shareImage is the address of the post's share image: the first image
// the post shows (MOISSON_IMAGES), for the front matter field that
// themes turn into og:image, so that a post shared on Mastodon or
// elsewhere gets a card with a picture; "" when the post shows none.
func (d Data) shareImage() string {
	for _, s := range d.Sections {
		for _, e := range s.Entries {
			if e.Image != nil {
				return e.Image.URL
			}
		}
	}
	return ""
}
