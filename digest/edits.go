package digest

import (
	"bytes"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/moisson/moisson"
)

// Apply returns d, a digest as Build made it, with the author's edits e
// applied; Render then writes the post as the author wants it, and the
// review page shows the same digest.
//
// Each entry is matched to its edit by Entry.Key. A hidden entry leaves
// Sections for Hidden (and is not counted in Links nor listed in
// Unscraped). A title, lead or comment set in the edit replaces the
// entry's; a category moves the entry to that section, an existing one
// (whatever the case of the name given) or a new one. Within a section
// the entries named in e.Order come first, in that order, then the others
// in posting order; sections come in the posting order of their first
// entry, so that moving entries never reorders the sections, unless the
// author ordered them (e.Sections: those named first, in that order).
// A section renamed (e.Renames, by its lower-cased name) takes its new
// name, with every entry that would be in it. Keys of e
// that name no entry (a link since removed from the store, a page now
// merged with another) are ignored.
//
// e is kept in the result's Edits: Render takes the introduction from it.
func Apply(d Digest, e moisson.WeekEdits) Digest {
	all := make([]Entry, 0, d.Links+len(d.Hidden))
	for _, s := range d.Sections {
		all = append(all, s.Entries...)
	}
	all = append(all, d.Hidden...)
	slices.SortStableFunc(all, func(a, b Entry) int { return a.Index - b.Index })

	names := make(map[string]string) // lower-cased section name -> name
	for _, s := range d.Sections {
		if _, ok := names[strings.ToLower(s.Name)]; !ok {
			names[strings.ToLower(s.Name)] = s.Name
		}
	}
	rank := make(map[string]int, len(e.Order))
	for i, k := range e.Order {
		if _, ok := rank[k]; !ok {
			rank[k] = i
		}
	}

	out := Digest{Week: d.Week, Edits: e}
	index := make(map[string]int) // lower-cased section name -> index in out.Sections
	for _, en := range all {
		edit := e.Entries[en.Key]
		if t := oneLine(edit.Title); t != "" {
			en.Title, en.TitleSource, en.TitleConfidence = t, moisson.SourceEdit, moisson.ConfidenceHigh
		}
		if l := strings.TrimSpace(edit.Lead); l != "" {
			en.Lead = l
		}
		if c := strings.TrimSpace(edit.Comment); c != "" {
			en.Comment = c
		}
		if c := oneLine(edit.Category); c != "" {
			en.Category = c
		}
		if r := oneLine(e.Renames[strings.ToLower(en.Category)]); r != "" {
			en.Category = r
		}
		if name, ok := names[strings.ToLower(en.Category)]; ok {
			en.Category = name
		} else {
			names[strings.ToLower(en.Category)] = en.Category
		}
		if edit.Hidden {
			out.Hidden = append(out.Hidden, en)
			continue
		}
		key := strings.ToLower(en.Category)
		i, ok := index[key]
		if !ok {
			i = len(out.Sections)
			index[key] = i
			out.Sections = append(out.Sections, Section{Name: en.Category})
		}
		out.Sections[i].Entries = append(out.Sections[i].Entries, en)
		out.Links++
	}
	if len(e.Sections) > 0 {
		srank := make(map[string]int, len(e.Sections))
		for i, name := range e.Sections {
			if _, ok := srank[strings.ToLower(oneLine(name))]; !ok {
				srank[strings.ToLower(oneLine(name))] = i
			}
		}
		slices.SortStableFunc(out.Sections, func(a, b Section) int {
			ra, oka := srank[strings.ToLower(a.Name)]
			rb, okb := srank[strings.ToLower(b.Name)]
			switch {
			case oka && okb:
				return ra - rb
			case oka:
				return -1
			case okb:
				return 1
			}
			return 0
		})
	}
	for _, s := range out.Sections {
		slices.SortStableFunc(s.Entries, func(a, b Entry) int {
			ra, oka := rank[a.Key]
			rb, okb := rank[b.Key]
			switch {
			case oka && okb:
				return ra - rb
			case oka:
				return -1
			case okb:
				return 1
			}
			return 0 // posting order, kept by the stable sort
		})
	}
	out.Unscraped = unscraped(out.Sections)
	return out
}

// Move returns the order (for moisson.WeekEdits.Order) that moves the
// entry named key by delta places within its section of d, a digest as
// Apply made it: -1 moves it up, 1 down, and a move past either end of
// the section stops there. The order names every entry of the post, so
// that the post keeps the order the author sees. ok is false when no
// entry of d's sections has that key or when it would not move.
func Move(d Digest, key string, delta int) (order []string, ok bool) {
	for _, s := range d.Sections {
		keys := make([]string, len(s.Entries))
		for i, en := range s.Entries {
			keys[i] = en.Key
		}
		if from := slices.Index(keys, key); from >= 0 {
			to := min(max(from+delta, 0), len(keys)-1)
			if to != from {
				keys = slices.Insert(slices.Delete(keys, from, from+1), to, key)
				ok = true
			}
		}
		order = append(order, keys...)
	}
	if !ok {
		return nil, false
	}
	return order, true
}

// ReadBack is what a post file edited by hand says, read back into the
// author's edits (see ReadBackFile).
type ReadBack struct {
	// Edits are the week's edits with what the file changed: titles,
	// leads, comments, hidden entries, sections (renamed, moved, in a new
	// order), the order of the entries and the introduction.
	Edits moisson.WeekEdits
	// Changes say what was read back, one line each ("title: <url>").
	Changes []string
	// Exact is true when the post written with Edits says what the file
	// says: the same lines but for blank ones, and the same front matter
	// unless the file's is the one moisson wrote (its tags and
	// description then follow the edits). Everything the author changed
	// maps to edits. When false,
	// Post differs from the file where it could not map (the front
	// matter, text outside the entries, a link moisson does not know).
	Exact bool
	// Post is the post as moisson writes it with Edits.
	Post []byte
}

// ReadBackFile reads file, the week's post as the author edited it by
// hand, back into edits: base is the week as Build made it, cur the
// week's edits, cfg the configuration the post is written with (Draft
// set as for the file). Each entry is found by its link; an entry
// whose link is gone from the file is hidden, one that is back is shown.
// The file is read as the built-in template writes it (a definition list,
// or bold links with Config.BoldLinks): a file that cannot be read that
// way, or a custom template, gives edits that do not make the file again
// (ReadBack.Exact false). Nothing is stored: the caller stores Edits.
func ReadBackFile(base Digest, cur moisson.WeekEdits, cfg Config, file []byte) ReadBack {
	applied := Apply(base, cur)
	mine := Render(applied, cfg)
	rb := ReadBack{Edits: cloneWeekEdits(cur)}
	if bytes.Equal(mine, file) {
		rb.Exact, rb.Post = true, mine
		return rb
	}
	entries := map[string]Entry{}
	shownAt := map[string]bool{}
	var shown []string
	urls := map[string]string{}
	addURL := func(u, key string) {
		if u != "" {
			if _, ok := urls[markdownURL(u)]; !ok {
				urls[markdownURL(u)] = key
			}
		}
	}
	for _, s := range applied.Sections {
		for _, en := range s.Entries {
			entries[en.Key] = en
			shownAt[en.Key] = true
			shown = append(shown, en.Key)
		}
	}
	for _, en := range applied.Hidden {
		entries[en.Key] = en
	}
	for _, en := range entries {
		addURL(en.URL, en.Key)
		addURL(en.ArchiveURL, en.Key)
		addURL(en.Key, en.Key)
	}
	_, mineBody := splitFrontMatter(string(mine))
	_, fileBody := splitFrontMatter(strings.ReplaceAll(string(file), "\r\n", "\n"))
	have := parsePost(mineBody, urls)
	got := parsePost(fileBody, urls)

	edits := &rb.Edits
	if edits.Entries == nil {
		edits.Entries = map[string]moisson.EntryEdit{}
	}
	change := func(what, key string) { rb.Changes = append(rb.Changes, what+": "+key) }
	if got.intro != have.intro {
		edits.Intro = got.intro
		rb.Changes = append(rb.Changes, "intro")
	}
	mineBlocks := map[string]postEntry{}
	for _, pe := range have.entries {
		mineBlocks[pe.key] = pe
	}
	inFile := map[string]bool{}
	for _, pe := range got.entries {
		if inFile[pe.key] {
			continue // the same link twice: the first one is the entry
		}
		inFile[pe.key] = true
		en := entries[pe.key]
		ed := edits.Entries[pe.key]
		if ed.Hidden {
			ed.Hidden = false
			change("shown", pe.key)
		}
		was, ok := mineBlocks[pe.key]
		if !ok {
			// A hidden entry back in the file: what moisson would write
			// for it is its block in a post that shows it.
			was = renderedEntry(cfg, en)
		}
		if pe.block() != was.block() {
			hasLead := cfg.entryData(en).LeadMarkdown != ""
			title, lead, comment := readEntry(pe, cfg.style(), hasLead)
			_, wasLead, wasComment := readEntry(was, cfg.style(), hasLead)
			if title != "" && title != was.title {
				ed.Title = unescapeText(title)
				change("title", pe.key)
			}
			if lead != wasLead {
				ed.Lead = stripVia(lead, en)
				change("lead", pe.key)
			}
			if comment != wasComment {
				ed.Comment = comment
				change("comment", pe.key)
			}
		}
		edits.Entries[pe.key] = ed
	}
	for _, key := range shown {
		if !inFile[key] {
			ed := edits.Entries[key]
			ed.Hidden = true
			edits.Entries[key] = ed
			change("hidden", key)
		}
	}
	readSections(applied, got, edits, &rb.Changes)

	var order, wasOrder []string
	for _, pe := range got.entries {
		if !slices.Contains(order, pe.key) {
			order = append(order, pe.key)
		}
	}
	for _, pe := range have.entries {
		if inFile[pe.key] {
			wasOrder = append(wasOrder, pe.key)
		}
	}
	if !slices.Equal(order, wasOrder) {
		edits.Order = order
		rb.Changes = append(rb.Changes, "order")
	}
	for k, v := range edits.Entries {
		if v.IsZero() {
			delete(edits.Entries, k)
		}
	}
	if len(edits.Entries) == 0 {
		edits.Entries = nil
	}
	rb.Post = Render(Apply(base, *edits), cfg)
	rb.Exact = sameBody(mine, rb.Post, file)
	return rb
}

// sameBody reports whether post, as moisson writes it with the edits read
// back, says what file says: the same text but for blank lines, and the
// same front matter unless the file's is the one moisson wrote before
// (mine's): its tags and description follow the edits.
func sameBody(mine, post, file []byte) bool {
	mineFront, _ := splitFrontMatter(string(mine))
	postFront, postBody := splitFrontMatter(string(post))
	fileFront, fileBody := splitFrontMatter(strings.ReplaceAll(string(file), "\r\n", "\n"))
	if fileFront != mineFront && fileFront != postFront {
		return false
	}
	return slices.Equal(nonBlank(postBody), nonBlank(fileBody))
}

// nonBlank returns the lines of s that are not blank.
func nonBlank(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// readSections reads the sections of the file back: a section whose
// entries all went under one new heading is renamed, an entry under
// another heading is moved there, and the headings' order is kept when
// it is not the post's.
func readSections(applied Digest, got parsedPost, edits *moisson.WeekEdits, changes *[]string) {
	heading := map[string]string{} // entry key -> heading it is under in the file
	for _, pe := range got.entries {
		if _, ok := heading[pe.key]; !ok {
			heading[pe.key] = pe.section
		}
	}
	names := map[string]bool{}
	for _, s := range applied.Sections {
		names[strings.ToLower(s.Name)] = true
	}
	renamed := map[string]bool{} // lower-cased new names given by a rename
	for _, s := range applied.Sections {
		var under []string
		for _, en := range s.Entries {
			if h, ok := heading[en.Key]; ok && !slices.Contains(under, h) {
				under = append(under, h)
			}
		}
		if len(under) != 1 || strings.EqualFold(under[0], s.Name) || names[strings.ToLower(under[0])] || renamed[strings.ToLower(under[0])] || under[0] == "" {
			continue
		}
		// Every entry of s (in the file) is under one heading no other
		// section has: s was renamed.
		renamed[strings.ToLower(under[0])] = true
		from := strings.ToLower(s.Name)
		for old, to := range edits.Renames {
			if strings.EqualFold(to, s.Name) {
				from = old // renamed before: the name it is built with
			}
		}
		if edits.Renames == nil {
			edits.Renames = map[string]string{}
		}
		edits.Renames[from] = under[0]
		*changes = append(*changes, "section renamed: "+s.Name+" → "+under[0])
		for _, en := range s.Entries {
			heading[en.Key] = s.Name // moved with the section: no move of its own
		}
	}
	for _, s := range applied.Sections {
		for _, en := range s.Entries {
			if h, ok := heading[en.Key]; ok && h != "" && !strings.EqualFold(h, s.Name) {
				ed := edits.Entries[en.Key]
				ed.Category = h
				edits.Entries[en.Key] = ed
				*changes = append(*changes, "section "+h+": "+en.Key)
			}
		}
	}
	for _, en := range applied.Hidden {
		if h, ok := heading[en.Key]; ok && h != "" && !strings.EqualFold(h, en.Category) {
			ed := edits.Entries[en.Key]
			ed.Category = h
			edits.Entries[en.Key] = ed
		}
	}
	var order, lower []string
	for _, h := range got.headings {
		if !slices.Contains(lower, strings.ToLower(h)) {
			order = append(order, h)
			lower = append(lower, strings.ToLower(h))
		}
	}
	// The post's order of the sections still in the file.
	var was []string
	for _, s := range applied.Sections {
		name := s.Name
		for old, to := range edits.Renames {
			if old == strings.ToLower(name) || strings.EqualFold(to, name) {
				name = to
			}
		}
		if n := strings.ToLower(name); slices.Contains(lower, n) && !slices.Contains(was, n) {
			was = append(was, n)
		}
	}
	lower = slices.DeleteFunc(slices.Clone(lower), func(n string) bool { return !slices.Contains(was, n) })
	if !slices.Equal(lower, was) {
		edits.Sections = order
		*changes = append(*changes, "sections order")
	}
}

// cloneWeekEdits copies e's map and slices.
func cloneWeekEdits(e moisson.WeekEdits) moisson.WeekEdits {
	c := e
	c.Entries = maps.Clone(e.Entries)
	c.Renames = maps.Clone(e.Renames)
	c.Order = slices.Clone(e.Order)
	c.Sections = slices.Clone(e.Sections)
	return c
}

// parsedPost is the body of a post read back: its introduction, its
// headings and its entries, each with the heading it is under.
type parsedPost struct {
	intro    string
	headings []string
	entries  []postEntry
}

// postEntry is one entry of a post read back: its link line and the
// lines after it, up to the next entry or heading.
type postEntry struct {
	key, title, section string
	link                string
	lines               []string
}

// block is the entry's text, blank lines at its end left out.
func (p postEntry) block() string {
	return strings.TrimRight(p.link+"\n"+strings.Join(p.lines, "\n"), "\n ")
}

var (
	headingRE = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)
	ialRE     = regexp.MustCompile(`^\s*\{:.*\}\s*$`)
)

// parsePost splits the body of a post into its introduction, headings
// and entries; urls maps an entry's link (as Markdown writes it) to its
// key.
func parsePost(body string, urls map[string]string) parsedPost {
	var p parsedPost
	var intro []string
	section := ""
	inIntro := true
	for _, line := range strings.Split(body, "\n") {
		if m := headingRE.FindStringSubmatch(line); m != nil {
			inIntro = false
			section = unescapeText(m[1])
			p.headings = append(p.headings, section)
			continue
		}
		if ialRE.MatchString(line) {
			continue
		}
		if key, title, ok := entryLine(line, urls); ok {
			inIntro = false
			p.entries = append(p.entries, postEntry{key: key, title: title, section: section, link: line})
			continue
		}
		switch {
		case inIntro:
			intro = append(intro, line)
		case len(p.entries) > 0 && (len(p.headings) == 0 || p.entries[len(p.entries)-1].section == section):
			last := &p.entries[len(p.entries)-1]
			last.lines = append(last.lines, line)
		case strings.TrimSpace(line) != "":
			// Text under a heading before its first entry: kept as an
			// entry of no link, which maps to nothing.
			p.entries = append(p.entries, postEntry{section: section, link: line})
		}
	}
	p.intro = strings.TrimSpace(strings.Join(intro, "\n"))
	kept := p.entries[:0]
	for _, e := range p.entries {
		if e.key != "" {
			kept = append(kept, e)
		}
	}
	p.entries = kept
	return p
}

// entryLine reports whether line starts an entry: a Markdown link,
// bold or not, to one of urls, at the start of the line. It returns the
// entry's key and the link's text as written.
func entryLine(line string, urls map[string]string) (key, title string, ok bool) {
	s := strings.TrimPrefix(line, "**")
	if !strings.HasPrefix(s, "[") {
		return "", "", false
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ']':
			if i+1 >= len(s) || s[i+1] != '(' {
				return "", "", false
			}
			end := strings.IndexByte(s[i+2:], ')')
			if end < 0 {
				return "", "", false
			}
			key, ok := urls[s[i+2:i+2+end]]
			return key, s[1:i], ok
		}
	}
	return "", "", false
}

// renderedEntry is the block moisson writes for en.
func renderedEntry(cfg Config, en Entry) postEntry {
	ed := cfg.entryData(en)
	var lines []string
	if cfg.style() == StyleQuote {
		link := "**" + ed.TitleLink + "**" + ed.ArchiveNote
		if ed.ViaMarkdown != "" {
			link += ", " + ed.ViaMarkdown
		}
		if ed.QuoteMarkdown != "" {
			lines = append(lines, strings.Split(ed.QuoteMarkdown, "\n")...)
		}
		if ed.CommentMarkdown != "" {
			lines = append(lines, strings.Split(ed.CommentMarkdown, "\n")...)
		}
		return postEntry{key: en.Key, title: escapeText(oneLine(en.Title)), link: link, lines: lines}
	}
	if cfg.style() == StyleBold {
		link := "**" + ed.TitleLink + "**" + ed.ArchiveNote
		if ed.LeadMarkdown != "" {
			link += hardBreak[:2]
			lines = append(lines, strings.Split(ed.LeadMarkdown, "\n")...)
		}
		if ed.CommentMarkdown != "" {
			lines = append(lines, "")
			lines = append(lines, strings.Split(ed.CommentMarkdown, "\n")...)
		}
		return postEntry{key: en.Key, title: escapeText(oneLine(en.Title)), link: link, lines: lines}
	}
	switch {
	case ed.CommentMarkdown != "" && ed.LeadMarkdown != "":
		lines = append(lines, "", ": "+ed.LeadMarkdown, "")
		lines = append(lines, strings.Split(indent(ed.CommentMarkdown, "  "), "\n")...)
	case ed.CommentMarkdown != "":
		lines = append(lines, "")
		first, rest, _ := strings.Cut(ed.CommentMarkdown, "\n")
		lines = append(lines, ": "+first)
		if rest != "" {
			lines = append(lines, strings.Split(indent(rest, "  "), "\n")...)
		}
	case ed.LeadMarkdown != "":
		lines = append(lines, ": "+ed.LeadMarkdown)
	}
	return postEntry{key: en.Key, title: escapeText(oneLine(en.Title)), link: ed.Link, lines: strings.Split(strings.Join(lines, "\n"), "\n")}
}

// readEntry reads an entry's block: its title (as written, escaped), its
// lead (paragraphs separated by "\n", unescaped, the credit line kept)
// and its comment (the author's Markdown). hasLead says whether the
// first paragraph is the lead.
func readEntry(p postEntry, style Style, hasLead bool) (title, lead, comment string) {
	title = p.title
	var paras [][]string
	if style == StyleQuote {
		// The lead is the blockquote ("> " lines, ">" between its
		// paragraphs), the comment the paragraphs after it.
		var quote []string
		var cur []string
		for _, l := range p.lines {
			switch {
			case strings.HasPrefix(l, ">"):
				if t := strings.TrimSpace(strings.TrimPrefix(l, ">")); t != "" {
					quote = append(quote, t)
				}
			case strings.TrimSpace(l) == "":
				if cur != nil {
					paras = append(paras, cur)
				}
				cur = nil
			default:
				cur = append(cur, l)
			}
		}
		if cur != nil {
			paras = append(paras, cur)
		}
		var ls []string
		for _, l := range quote {
			ls = append(ls, unescapeText(l))
		}
		lead = strings.Join(ls, "\n")
		hasLead = false
	} else if style == StyleBold {
		var cur []string
		if strings.HasSuffix(p.link, hardBreak[:2]) {
			cur = []string{}
		}
		for _, l := range p.lines {
			if strings.TrimSpace(l) == "" {
				if cur != nil {
					paras = append(paras, cur)
				}
				cur = nil
				continue
			}
			cur = append(cur, l)
		}
		if cur != nil {
			paras = append(paras, cur)
		}
	} else {
		paras = definition(p.lines)
	}
	if hasLead && len(paras) > 0 {
		var ls []string
		for _, l := range paras[0] {
			ls = append(ls, unescapeText(strings.TrimSpace(l)))
		}
		lead = strings.Join(ls, "\n")
		paras = paras[1:]
	}
	var cs []string
	for _, para := range paras {
		// Lines outside the definition map to nothing: left out (the
		// post written then differs from the file).
		para = slices.DeleteFunc(slices.Clone(para), func(l string) bool { return strings.HasPrefix(l, "\x00") })
		if len(para) > 0 {
			cs = append(cs, strings.Join(para, "\n"))
		}
	}
	comment = strings.TrimSpace(strings.Join(cs, "\n\n"))
	return title, lead, comment
}

// definition reads the lines after an entry's link as a definition:
// ": " then its text, continued on lines indented by two spaces (or lazy
// lines right after a line of text), paragraphs split by blank lines.
// Lines that are not part of it are read as a paragraph of their own.
func definition(lines []string) [][]string {
	var paras [][]string
	var cur []string
	started := false
	blank := false
	for _, l := range lines {
		switch {
		case strings.TrimSpace(l) == "":
			if cur != nil {
				paras = append(paras, cur)
				cur = nil
			}
			blank = true
			continue
		case !started && strings.HasPrefix(l, ": "):
			started = true
			cur = append(cur, strings.TrimPrefix(l, ": "))
		case strings.HasPrefix(l, "  "):
			cur = append(cur, l[2:])
		case !blank && cur != nil:
			cur = append(cur, l) // a lazy continuation line
		default:
			cur = append(cur, "\x00"+l) // outside the definition: maps to nothing
		}
		blank = false
	}
	if cur != nil {
		paras = append(paras, cur)
	}
	return paras
}

// stripVia drops the credit line that moisson adds to en's lead.
func stripVia(lead string, en Entry) string {
	via := renderVia(en.Via, en.ViaURL)
	if via == "" {
		return lead
	}
	lines := strings.Split(lead, "\n")
	if n := len(lines); n > 0 && (lines[n-1] == via || lines[n-1] == unescapeText(via)) {
		lines = lines[:n-1]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

var unescaper = strings.NewReplacer("&#123;", "{", "&#125;", "}", "&#126;", "~", "&#94;", "^", "&amp;", "&")

// unescapeText undoes escapeText (and escapeLineStart, escapeHeading):
// the text as the author sees it.
func unescapeText(s string) string {
	s = unescaper.Replace(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\[]*_`<>|$#-+=:.)~^!{}()", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// splitFrontMatter cuts a post into its front matter (YAML between "---"
// lines or TOML between "+++" lines, delimiters included) and its body.
func splitFrontMatter(s string) (front, body string) {
	for _, fence := range []string{"---", "+++"} {
		if !strings.HasPrefix(s, fence+"\n") {
			continue
		}
		if i := strings.Index(s[len(fence)+1:], "\n"+fence+"\n"); i >= 0 {
			end := len(fence) + 1 + i + len(fence) + 2
			return s[:end], s[end:]
		}
	}
	return "", s
}
