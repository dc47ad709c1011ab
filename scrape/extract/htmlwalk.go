package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockKind says what kind of element holds a block of text.
type blockKind uint8

// The kinds of block.
const (
	kindDiv     blockKind = iota // text directly in a div, section, td...
	kindPara                     // a <p>
	kindHeading                  // h1-h6
	kindItem                     // li, dt, dd
	kindPre                      // pre
	kindQuote                    // blockquote
)

// block is one paragraph of the page as a reader sees it: the text of a
// <p>, of a heading, a run of text directly inside a <div>, or a part of
// such a run between two <br><br>.
type block struct {
	// node is the element holding the text.
	node      *html.Node
	text      string
	runes     int
	linkRunes int
	words     int
	commas    int
	kind      blockKind
	// whole is true when the text is all node holds (a <p>, a div with
	// only inline content): node is then the paragraph itself.
	whole bool
	// boiler is the innermost boilerplate element (nav, aside, share box,
	// byline, caption...) around the block, nil when there is none.
	boiler *html.Node
	// comment is set when the block lies in a thread of comments, which
	// is never the article, however much of the page it fills.
	comment bool
}

// linkDensity is the share of the block's text that is link text.
func (b *block) linkDensity() float64 {
	if b.runes == 0 {
		return 0
	}
	return float64(b.linkRunes) / float64(b.runes)
}

// frame is an open block-level element during the walk.
type frame struct {
	node          *html.Node
	runs          int
	blockChildren int
	lastBlock     int
	// input is set when the element holds a field to type in.
	input bool
}

// link is a link's target and text.
type link struct {
	href, text string
	// logo is set when text is the alt text of the image the link holds
	// (or the link's title), not text a reader sees.
	logo bool
}

// heading is the text of an h1 and whether it sits in boilerplate.
type heading struct {
	text   string
	boiler bool
	// block is the index of the heading's first block.
	block int
}

// walker gathers in one pass over the DOM everything extraction needs.
type walker struct {
	meta   pageMeta
	blocks []block
	h1s    []heading
	h2s    []string
	// h3s are the h3 texts: with the h1s and h2s, the headings a <title>
	// may repeat.
	h3s []string
	// heads are the h1, h2 and h3 and the elements whose class or
	// itemprop says headline, in document order: the headings a <title>
	// may hold among its breadcrumbs.
	heads []heading
	// homeLinks are the links that may point at the site's home page
	// (their href ends with a slash): their text names the site.
	homeLinks []link

	frames  []frame
	boilers []*html.Node
	// comments counts the open elements that hold comments.
	comments int
	buf      strings.Builder
	// asides holds the text of the buttons and noscript elements, the
	// first few kilobytes: what a wall says outside its paragraphs.
	asides strings.Builder
	runes  int
	links  int
	inLink int
	brs    int
	space  bool
	// classCache remembers isBoilerClass by class and id: pages repeat
	// them.
	classCache map[string]bool
	// bodyImage is the first large image of the content (contentImage),
	// imagesSeen the images looked at.
	bodyImage  pageImage
	imagesSeen int
}

func newWalker() *walker {
	return &walker{
		meta:   pageMeta{props: make(map[string]string, 32)},
		blocks: make([]block, 0, 128),
		frames: make([]frame, 0, 32),

		classCache: make(map[string]bool, 64),
	}
}

// blockTags are the elements that break a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true,
	atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Html: true, atom.Legend: true, atom.Li: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true, atom.Thead: true,
	atom.Tr: true, atom.Ul: true, atom.Frameset: true, atom.Noframes: true,
}

// skipTags are never read for text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Canvas: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Option: true, atom.Link: true, atom.Img: true,
	atom.Audio: true, atom.Video: true, atom.Picture: true, atom.Map: true,
	atom.Label: true,
}

// boilerTags are elements that hold no article text, whatever their class.
var boilerTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Header: true,
	atom.Figure: true, atom.Figcaption: true, atom.Menu: true, atom.Dialog: true,
	atom.Caption: true, atom.Address: true,
}

// boilerRoles are ARIA roles of the same kind.
var boilerRoles = map[string]bool{
	"navigation": true, "complementary": true, "contentinfo": true,
	"banner": true, "dialog": true, "alertdialog": true, "menu": true,
	"menubar": true, "search": true, "alert": true, "toolbar": true,
}

// boilerWords are parts of the class or id of blocks that are not the
// article: bylines, captions, share and newsletter boxes, comments...
var boilerWords = []string{
	"-ad-", "advert", "ai2html", "banner", "breadcrumb", "byline", "caption",
	"combx", "comment", "community", "consent", "cookie", "cover-wrap", "credit",
	"dateline", "disqus", "footer", "gdpr", "header", "legends", "masthead", "menu",
	"modal", "navbar", "navigation", "newsletter", "outbrain", "pager", "pagination",
	"paywall", "popup", "promo", "related", "remark", "replies", "rss", "share",
	"sharing", "shoutbox", "sidebar", "signup", "skyscraper", "social", "sponsor",
	"subscri", "supplemental", "taboola", "timestamp", "toolbar", "widget",
	"yom-remote", "agegate", "author", "admonition", "callout", "markdown-alert",
	"disclaimer", "disclosure", "rgpd", "dsgvo",
}

// boilerTokens are whole words of a class or id with the same meaning.
var boilerTokens = map[string]bool{
	"ad": true, "ads": true, "meta": true, "tag": true, "tags": true, "nav": true,
	"date": true, "print": true, "hidden": true, "hide": true,
	"poll": true, "polls": true, "survey": true, "quiz": true,
}

// strongBoilerWords name boxes that are never the article, even when
// their class also says "content".
var strongBoilerWords = []string{"sponsor", "related", "outbrain", "taboola"}

// contentWords rescue elements whose class says they are the content.
var contentWords = []string{
	"article", "body", "column", "content", "main", "mathjax", "shadow", "story",
	"entry", "post-text", "prose",
}

// isBoilerClass reports whether a lower-cased class and id name
// boilerplate.
func isBoilerClass(s string) bool {
	// Drupal classes every node by its state: "node-promoted" means
	// promoted to the front page, and is on the article itself.
	s = strings.ReplaceAll(s, "node-promoted", "node")
	hit := false
	for _, w := range boilerWords {
		if strings.Contains(s, w) {
			hit = true
			break
		}
	}
	if !hit {
		for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r < 'a' || r > 'z' }) {
			if boilerTokens[tok] {
				hit = true
				break
			}
		}
	}
	if !hit {
		return false
	}
	for _, w := range strongBoilerWords {
		if strings.Contains(s, w) {
			// "sponsored-content", "related-content": the content of
			// another page.
			return true
		}
	}
	for _, w := range contentWords {
		if strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// isCommentBox reports whether a boilerplate element holds readers'
// comments: its class or id says "comment" or names a comment service.
func isCommentBox(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		if strings.Contains(v, "comment") || strings.Contains(v, "disqus") {
			return true
		}
	}
	return false
}

// isHidden reports whether n is not shown to readers.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			if strings.Contains(a.Val, "none") || strings.Contains(a.Val, "hidden") {
				s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
				if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
					return true
				}
			}
		case "class":
			if strings.Contains(a.Val, "sr-only") || strings.Contains(a.Val, "screen-reader") || strings.Contains(a.Val, "visually-hidden") {
				return true
			}
		}
	}
	return false
}

// isBoiler reports whether n is navigation, a byline, a caption, a share,
// cookie or newsletter box, comments or any other element around the
// article rather than in it.
func (w *walker) isBoiler(n *html.Node) bool {
	if boilerTags[n.DataAtom] {
		return true
	}
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.Main, atom.Article, atom.P:
		return false
	}
	var cls, id, role string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			cls = a.Val
		case "id":
			id = a.Val
		case "role":
			role = a.Val
		case "itemprop":
			if a.Val == "articleBody" {
				return false
			}
		}
	}
	if role != "" && boilerRoles[strings.ToLower(role)] {
		return true
	}
	if cls == "" && id == "" {
		return false
	}
	key := cls + " " + id
	if v, ok := w.classCache[key]; ok {
		return v
	}
	v := isBoilerClass(strings.ToLower(key))
	w.classCache[key] = v
	return v
}

// walk visits n and its descendants in document order.
func (w *walker) walk(n *html.Node) {
	switch n.Type {
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
	case html.TextNode:
		w.text(n.Data)
	case html.ElementNode:
		w.element(n)
	}
}

func (w *walker) element(n *html.Node) {
	switch n.DataAtom {
	case atom.Html:
		if v := attr(n, "lang"); v != "" {
			w.meta.htmlLang = v
		} else if v := attr(n, "xml:lang"); v != "" {
			w.meta.htmlLang = v
		}
	case atom.Head:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		return
	case atom.Title:
		if w.meta.docTitle == "" {
			w.meta.docTitle = collapse(nodeText(n))
		}
		return
	case atom.Meta:
		w.metaTag(n)
		return
	case atom.Script:
		if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
			w.meta.jsonLD = append(w.meta.jsonLD, n.FirstChild.Data)
		}
		return
	case atom.Br:
		w.br()
		return
	case atom.Hr:
		w.flush()
		return
	}
	if (n.DataAtom == atom.Input || n.DataAtom == atom.Textarea) && len(w.frames) > 0 && isTypedInput(n) {
		w.frames[len(w.frames)-1].input = true
	}
	if (n.DataAtom == atom.Img || n.DataAtom == atom.Picture) && !isHidden(n) {
		w.contentImage(n)
	}
	if skipTags[n.DataAtom] || isHidden(n) {
		if (n.DataAtom == atom.Button || n.DataAtom == atom.Noscript) && w.asides.Len() < wallAsideBytes {
			// Their words are no paragraph, but a wall says what it is
			// in them ("Accept all", "Enable JavaScript").
			w.asides.WriteString(nodeText(n))
			w.asides.WriteByte(' ')
		}
		return
	}
	if n.DataAtom == 0 && (n.Data == "math" || strings.HasPrefix(n.Data, "svg")) {
		return
	}
	// Inline elements are never boilerplate by their class: a link
	// classed "meta-org" inside a sentence is part of it.
	isBlock := blockTags[n.DataAtom]
	boiler := isBlock && w.isBoiler(n)
	if !isBlock {
		if n.DataAtom == atom.A {
			w.inLink++
			if len(w.homeLinks) < 32 {
				if href := strings.TrimSpace(attr(n, "href")); isRootish(href) {
					if t := collapse(nodeText(n)); t != "" && len(t) < 100 {
						w.homeLinks = append(w.homeLinks, link{href: href, text: t})
					} else if t := logoText(n); t != "" && len(t) < 100 {
						w.homeLinks = append(w.homeLinks, link{href: href, text: t, logo: true})
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		if n.DataAtom == atom.A {
			w.inLink--
		}
		return
	}
	w.flush()
	if len(w.frames) > 0 {
		w.frames[len(w.frames)-1].blockChildren++
	}
	w.frames = append(w.frames, frame{node: n, lastBlock: -1})
	comments := boiler && isCommentBox(n)
	if boiler {
		w.boilers = append(w.boilers, n)
	}
	if comments {
		w.comments++
	}
	first := len(w.blocks)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	w.flush()
	f := w.frames[len(w.frames)-1]
	w.frames = w.frames[:len(w.frames)-1]
	if boiler {
		w.boilers = w.boilers[:len(w.boilers)-1]
	}
	if comments {
		w.comments--
	}
	if f.runs == 1 && f.blockChildren == 0 && f.lastBlock >= 0 {
		w.blocks[f.lastBlock].whole = true
	}
	if f.input {
		w.formBox(n, first)
	}
	if (n.DataAtom == atom.H2 && len(w.h2s) < 16) || (n.DataAtom == atom.H3 && len(w.h3s) < 16) {
		var parts []string
		for i := first; i < len(w.blocks); i++ {
			parts = append(parts, w.blocks[i].text)
		}
		if n.DataAtom == atom.H2 {
			w.h2s = append(w.h2s, strings.Join(parts, " "))
		} else {
			w.h3s = append(w.h3s, strings.Join(parts, " "))
		}
	}
	if len(w.heads) < 32 && (n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3 || isHeadlineElement(n)) && len(w.blocks) > first {
		var parts []string
		for i := first; i < len(w.blocks) && i < first+4; i++ {
			parts = append(parts, w.blocks[i].text)
		}
		w.heads = append(w.heads, heading{text: strings.Join(parts, " "), boiler: len(w.boilers) > 0 && !isHeaderOnly(w.boilers), block: first})
	}
	if n.DataAtom == atom.H1 {
		var parts []string
		for i := first; i < len(w.blocks); i++ {
			parts = append(parts, w.blocks[i].text)
		}
		if t := strings.Join(parts, " "); t != "" {
			w.h1s = append(w.h1s, heading{text: t, boiler: len(w.boilers) > 0 && !isHeaderOnly(w.boilers), block: first})
		}
	}
}

// headlineClasses are the class, id and itemprop words of the elements
// that hold a post's or a story's headline (Blogger's "post-title",
// WordPress's "entry-title", schema.org's itemprop="headline").
var headlineClasses = []string{"headline", "entry-title", "post-title", "article-title", "story-title", "posttitle", "storytitle", "entrytitle", "article-header__title", "node-title", "page-title",
	"entry_title", "post_title", "article_title", "story_title", "articletitle", "news_title", "newstitle", "news-title"}

// headlineTokens are class or id values that name the headline only
// when whole: "title" is the headline of many 2000s templates
// (<div class="title">), but "widget-title" or "site-title" are not.
var headlineTokens = map[string]bool{"title": true, "art_title": true, "arttitle": true, "contenttitle": true, "content-title": true}

// isHeadlineElement reports whether n's class, id or itemprop names it
// the headline.
func isHeadlineElement(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" && a.Key != "itemprop" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, c := range headlineClasses {
			if strings.Contains(v, c) {
				return true
			}
		}
		if a.Key != "itemprop" && strings.Contains(v, "title") {
			for rest := v; rest != ""; {
				var tok string
				tok, rest, _ = strings.Cut(strings.TrimLeft(rest, " \t\n"), " ")
				if headlineTokens[strings.TrimSpace(tok)] {
					return true
				}
			}
		}
	}
	return false
}

// isRootish reports whether href may be a site's home page: its path is
// "/" or a single directory ("/blog/"), as a blog living below a site's
// root has it.
func isRootish(href string) bool {
	// "http://www.example.com" and "/index.html" name the home page as
	// well as "/": 2000s templates wrote them so.
	lower := strings.ToLower(href)
	for _, idx := range []string{"/index.html", "/index.htm", "/index.php", "/default.asp", "/default.aspx", "/index.shtml"} {
		if strings.HasSuffix(lower, idx) {
			href = href[:len(href)-len(idx)+1]
			break
		}
	}
	for _, p := range []string{"https://", "http://"} {
		if rest, ok := strings.CutPrefix(lower, p); ok && rest != "" && !strings.ContainsAny(rest, "/?#") {
			href += "/"
		}
	}
	if !strings.HasSuffix(href, "/") {
		return false
	}
	for _, p := range []string{"https://", "http://", "//"} {
		if rest, ok := strings.CutPrefix(href, p); ok {
			i := strings.IndexByte(rest, '/')
			if i < 0 {
				// "http://", no host: no home page.
				return false
			}
			href = rest[i:]
			break
		}
	}
	if href == "/" {
		return true
	}
	return href[0] == '/' && strings.IndexByte(href[1:], '/') == len(href)-2
}

// formBoxWords is the most words a box around a form field holds when
// it is a form (newsletter sign-up, search, login) rather than a text
// with a form in it.
const formBoxWords = 40

// formBox marks as boilerplate the text of n, an element holding a field
// to type in, when it is short: a sign-up, search or login box says
// "Get our posts by email", never the article's words. The field then
// counts as its parent's, which is judged the same way, up to the first
// box that holds more than a form's words. The article, main or body
// element is never a form box.
func (w *walker) formBox(n *html.Node, first int) {
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.Main, atom.Article:
		return
	}
	words := 0
	for i := first; i < len(w.blocks); i++ {
		words += w.blocks[i].words
	}
	if words > formBoxWords {
		return
	}
	for i := first; i < len(w.blocks); i++ {
		if w.blocks[i].boiler == nil {
			w.blocks[i].boiler = n
		}
	}
	if len(w.frames) > 0 {
		w.frames[len(w.frames)-1].input = true
	}
}

// isTypedInput reports whether n is a field a reader types in: a
// textarea or a text, e-mail, search, password or similar input, not a
// hidden one, a button or a box to tick.
func isTypedInput(n *html.Node) bool {
	if n.DataAtom == atom.Textarea {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(attr(n, "type"))) {
	case "", "text", "email", "search", "password", "tel", "url", "number":
		return true
	}
	return false
}

// isHeaderOnly reports whether the boilerplate around a heading is only
// <header> elements, where an article's h1 commonly sits.
func isHeaderOnly(boilers []*html.Node) bool {
	for _, b := range boilers {
		if b.DataAtom != atom.Header && !strings.Contains(strings.ToLower(attr(b, "class")), "header") {
			return false
		}
	}
	return true
}

// metaTag records a <meta> of the head. Names are lower-cased and their
// dots made colons ("DC.Title" is "dc:title"); a property may list several
// names ("og:title twitter:title"). A later tag overrides an earlier one.
func (w *walker) metaTag(n *html.Node) {
	var name, property, equiv, content string
	for _, a := range n.Attr {
		switch a.Key {
		case "name":
			name = a.Val
		case "property":
			property = a.Val
		case "http-equiv":
			equiv = a.Val
		case "content":
			content = a.Val
		}
	}
	content = collapse(content)
	if content == "" {
		return
	}
	for _, k := range strings.Fields(strings.ToLower(property)) {
		w.meta.props[k] = content
		w.meta.metaImage(k, content)
	}
	if name != "" {
		k := strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(name), "")), ".", ":")
		w.meta.props[k] = content
		w.meta.metaImage(k, content)
	}
	if equiv != "" {
		w.meta.props[strings.ToLower(equiv)] = content
	}
}

// text appends a text node's content to the current run, collapsing
// white space.
func (w *walker) text(s string) {
	for _, r := range s {
		if r == '\u00a0' || unicode.IsSpace(r) || r == '\u200b' {
			if r == '\u200b' {
				continue
			}
			if w.runes > 0 {
				w.space = true
			}
			continue
		}
		if w.space {
			w.buf.WriteByte(' ')
			w.runes++
			if w.inLink > 0 {
				w.links++
			}
			w.space = false
		}
		w.buf.WriteRune(r)
		w.runes++
		if w.inLink > 0 {
			w.links++
		}
		w.brs = 0
	}
}

// br handles a line break: two in a row end a paragraph.
func (w *walker) br() {
	if w.brs > 0 {
		w.flush()
		return
	}
	w.brs++
	if w.runes > 0 {
		w.space = true
	}
}

// flush ends the current run of text and records it as a block.
func (w *walker) flush() {
	w.brs = 0
	w.space = false
	if w.runes == 0 {
		return
	}
	text := w.buf.String()
	w.buf.Reset()
	b := block{text: text, runes: w.runes, linkRunes: w.links}
	w.runes, w.links = 0, 0
	if len(w.frames) == 0 {
		return
	}
	f := &w.frames[len(w.frames)-1]
	f.runs++
	f.lastBlock = len(w.blocks)
	b.node = f.node
	b.kind = kindOf(f.node.DataAtom)
	if len(w.boilers) > 0 {
		b.boiler = w.boilers[len(w.boilers)-1]
	}
	b.comment = w.comments > 0
	b.words, b.commas = countWords(text)
	w.blocks = append(w.blocks, b)
}

// kindOf classifies the element holding a run of text.
func kindOf(a atom.Atom) blockKind {
	switch a {
	case atom.P:
		return kindPara
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return kindHeading
	case atom.Li, atom.Dt, atom.Dd:
		return kindItem
	case atom.Pre:
		return kindPre
	case atom.Blockquote:
		return kindQuote
	}
	return kindDiv
}

// countWords counts the words of s as the scoring's normalize does (runs
// of letters and digits) and its commas.
func countWords(s string) (words, commas int) {
	in := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if isWordRune(r) {
			if !in {
				words++
				in = true
			}
			continue
		}
		in = false
		if r == ',' || r == '，' || r == '、' {
			commas++
		}
	}
	return words, commas
}

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// nodeText is the raw text of n's descendants.
func nodeText(n *html.Node) string {
	var sb strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return sb.String()
}

// logoText is the name a link without text gives: the alt text of the
// logo it holds, or its title.
func logoText(a *html.Node) string {
	var alt string
	var f func(*html.Node)
	f = func(n *html.Node) {
		for c := n.FirstChild; c != nil && alt == ""; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Img {
				alt = collapse(attr(c, "alt"))
			} else {
				f(c)
			}
		}
	}
	f(a)
	if alt != "" {
		return alt
	}
	return collapse(attr(a, "title"))
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	return strings.Join(strings.Fields(s), " ")
}
