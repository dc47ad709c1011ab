package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nodeStats accumulates, for one element, the score of the paragraphs
// below it and the amount of text and link text it holds.
type nodeStats struct {
	node      *html.Node
	score     float64
	runes     int
	linkRunes int
	paras     int
	// good counts the runes of the long, link-poor paragraphs below.
	good int
}

// scorer finds the element that holds the article, in the manner of
// Readability: every paragraph gives points to its parent and, less and
// less, to its ancestors; the best-scored element, weighed by its link
// density and its class, is the content.
type scorer struct {
	idx   map[*html.Node]int
	stats []nodeStats
	// confirmed marks the blocks whose text appears in the JSON-LD
	// articleBody.
	confirmed []bool
}

var (
	positiveClass = regexp.MustCompile(`article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story`)
	negativeClass = regexp.MustCompile(`hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|byline|author|caption`)
)

// classWeight is Readability's weight of an element's class and id.
func classWeight(n *html.Node) float64 {
	var w float64
	for _, key := range []string{"class", "id"} {
		v := attr(n, key)
		if v == "" {
			continue
		}
		v = strings.ToLower(v)
		if negativeClass.MatchString(v) {
			w -= 25
		}
		if positiveClass.MatchString(v) {
			w += 25
		}
	}
	return w
}

// tagWeight is the initial score of an element from its tag.
func tagWeight(n *html.Node) float64 {
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		w := 5.0
		if n.DataAtom != atom.Div {
			w = 10
		}
		return w
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

func (s *scorer) get(n *html.Node) *nodeStats {
	if i, ok := s.idx[n]; ok {
		return &s.stats[i]
	}
	s.idx[n] = len(s.stats)
	s.stats = append(s.stats, nodeStats{node: n})
	return &s.stats[len(s.stats)-1]
}

func (s *scorer) score(n *html.Node) (float64, bool) {
	if i, ok := s.idx[n]; ok {
		return s.stats[i].score, true
	}
	return 0, false
}

// startOf is the element a block's points go to first: the parent of a
// paragraph, or the element itself when the text runs directly in it
// among other blocks.
func startOf(b *block) *html.Node {
	if b.kind == kindPara || b.whole {
		return b.node.Parent
	}
	return b.node
}

// scores gives every block's points to its ancestors. Blocks in
// boilerplate count only when withBoiler is set, and comments never: a
// link shared on a forum whose thread fills the page has no text of its
// own, and the first reply is no opening paragraph.
func (s *scorer) scores(w *walker, withBoiler, withItems bool) {
	s.idx = make(map[*html.Node]int, len(w.blocks))
	s.stats = s.stats[:0]
	for i := range w.blocks {
		b := &w.blocks[i]
		if b.boiler != nil && !withBoiler || b.comment {
			continue
		}
		if b.kind == kindItem && !withItems {
			continue
		}
		// Text and link text, for link density; good paragraph text, to
		// find the article split among several containers.
		good := 0
		if b.kind != kindHeading && b.kind != kindItem && b.words >= 20 && b.linkDensity() < 0.3 {
			good = b.runes
		}
		level := 0
		for a := b.node; a != nil && a.Type == html.ElementNode && level < 16; a = a.Parent {
			st := s.get(a)
			st.runes += b.runes
			st.linkRunes += b.linkRunes
			st.good += good
			level++
		}
		if b.kind == kindHeading || b.runes < 25 {
			continue
		}
		if b.linkDensity() > 0.5 {
			continue
		}
		pts := 1 + float64(b.commas)
		if l := float64(b.runes) / 100; l < 3 {
			pts += l
		} else {
			pts += 3
		}
		if s.confirmed != nil && s.confirmed[i] {
			pts *= 3
		}
		level = 0
		for a := startOf(b); a != nil && a.Type == html.ElementNode && level < 5; a = a.Parent {
			st := s.get(a)
			if st.paras == 0 {
				st.score += tagWeight(a) + classWeight(a)
				if attr(a, "itemprop") == "articleBody" {
					st.score += 50
				}
			}
			st.paras++
			div := 1.0
			switch {
			case level == 1:
				div = 2
			case level > 1:
				div = float64(level) * 3
			}
			st.score += pts / div
			level++
		}
	}
}

// final is a candidate's score weighed by its link density.
func (st *nodeStats) final() float64 {
	if st.paras == 0 {
		return 0
	}
	ld := 0.0
	if st.runes > 0 {
		ld = float64(st.linkRunes) / float64(st.runes)
	}
	return st.score * (1 - ld)
}

// contentRoot returns the element holding the article and the set of its
// siblings that belong to the article too (nil when there is no content).
// confirmed, when not nil, marks the blocks found in the JSON-LD
// articleBody.
func contentRoot(w *walker, confirmed []bool) (*html.Node, map[*html.Node]bool) {
	s := &scorer{confirmed: confirmed}
	var top *html.Node
	var topScore float64
	// Pages made of lists, then pages wrapped whole in something that
	// looks like boilerplate, get a second and a third chance.
	for pass := 0; pass < 3 && (top == nil || topScore < 10); pass++ {
		s.scores(w, pass == 2, pass >= 1)
		top, topScore = s.best()
	}
	if top == nil {
		return nil, nil
	}
	top = s.climb(top, topScore)
	top = s.extend(top)
	return top, s.siblings(w, top)
}

// best returns the best-scored element.
func (s *scorer) best() (*html.Node, float64) {
	var top *html.Node
	var topScore float64
	for i := range s.stats {
		st := &s.stats[i]
		if st.paras == 0 {
			continue
		}
		if f := st.final(); top == nil || f > topScore {
			top, topScore = st.node, f
		}
	}
	return top, topScore
}

// climb moves up from the best element when its ancestors hold the
// article better: when several top candidates share an ancestor, or when
// the parent scores higher.
func (s *scorer) climb(top *html.Node, topScore float64) *html.Node {
	// Several good candidates under one ancestor: the ancestor is the
	// article.
	var alts []*html.Node
	for i := range s.stats {
		st := &s.stats[i]
		if st.node != top && st.paras > 0 && st.final() >= topScore*0.75 {
			alts = append(alts, st.node)
		}
	}
	if len(alts) >= 3 {
		for p := top.Parent; p != nil && p.DataAtom != atom.Body; p = p.Parent {
			n := 0
			for _, a := range alts {
				if isAncestor(p, a) {
					n++
				}
			}
			if n >= 3 {
				top = p
				break
			}
		}
	}
	last, _ := s.score(top)
	threshold := last / 3
	for p := top.Parent; p != nil && p.DataAtom != atom.Body; p = p.Parent {
		ps, ok := s.score(p)
		if !ok {
			continue
		}
		if ps < threshold {
			break
		}
		if ps > last {
			top = p
			break
		}
		last = ps
	}
	// An only child says no more than its parent.
	for top.Parent != nil && top.Parent.DataAtom != atom.Body && top.Parent.Type == html.ElementNode && onlyElementChild(top) {
		top = top.Parent
	}
	return top
}

// extend moves up from top to an ancestor that holds more of the
// article's paragraphs, when the article is split among several
// containers (by figures, asides, ads) and the ancestor holds little
// else.
func (s *scorer) extend(top *html.Node) *html.Node {
	st, ok := s.idx[top]
	if !ok {
		return top
	}
	good := s.stats[st].good
	best := top
	a := top
	for k := 0; k < 4; k++ {
		a = a.Parent
		if a == nil || a.Type != html.ElementNode || a.DataAtom == atom.Body || a.DataAtom == atom.Html {
			break
		}
		i, ok := s.idx[a]
		if !ok {
			continue
		}
		sa := &s.stats[i]
		if float64(sa.good) > float64(good)*1.1 && float64(sa.good) >= 0.6*float64(sa.runes) {
			best, good = a, sa.good
		}
	}
	return best
}

// onlyElementChild reports whether n is its parent's only element child.
func onlyElementChild(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode {
			return false
		}
	}
	return true
}

// siblings returns top and its siblings that are part of the article:
// well-scored ones, those of the same class, and plain paragraphs.
func (s *scorer) siblings(w *walker, top *html.Node) map[*html.Node]bool {
	in := map[*html.Node]bool{top: true}
	if top.Parent == nil {
		return in
	}
	topScore, _ := s.score(top)
	threshold := topScore * 0.2
	if threshold < 10 {
		threshold = 10
	}
	cls := attr(top, "class")
	for c := top.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == top || c.Type != html.ElementNode {
			continue
		}
		bonus := 0.0
		if cls != "" && attr(c, "class") == cls {
			bonus = topScore * 0.2
		}
		if sc, ok := s.score(c); ok && sc+bonus >= threshold {
			in[c] = true
			continue
		}
		if c.DataAtom == atom.P {
			i, ok := s.idx[c]
			if !ok {
				continue
			}
			st := &s.stats[i]
			ld := 0.0
			if st.runes > 0 {
				ld = float64(st.linkRunes) / float64(st.runes)
			}
			if st.runes > 80 && ld < 0.25 {
				in[c] = true
			}
		}
	}
	return in
}

// isAncestor reports whether a is n or one of n's ancestors.
func isAncestor(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// inRegion reports whether n lies in top or in one of the siblings kept
// with it.
func inRegion(n, top *html.Node, region map[*html.Node]bool) bool {
	parent := top.Parent
	for ; n != nil; n = n.Parent {
		if n.Parent == parent {
			return region[n]
		}
	}
	return false
}

// confirmBlocks marks the blocks whose opening words appear in the
// JSON-LD articleBody.
func confirmBlocks(blocks []block, body string) []bool {
	nb := normalizeLoose(body)
	out := make([]bool, len(blocks))
	for i := range blocks {
		b := &blocks[i]
		if b.words < 5 || b.kind == kindHeading {
			continue
		}
		t := normalizeLoose(b.text)
		if len(t) > 80 {
			t = t[:80]
		}
		out[i] = strings.Contains(nb, t)
	}
	return out
}

// normalizeLoose lower-cases s and keeps its letters and digits, one
// space between words: enough to compare texts told apart by punctuation
// and spacing only.
func normalizeLoose(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	sp := false
	for _, r := range strings.ToLower(s) {
		if isWordRune(r) {
			if sp && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sp = false
			sb.WriteRune(r)
		} else {
			sp = true
		}
	}
	return sb.String()
}
