package digest

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/moisson/moisson"
)

// Data returns what the post's template is given for d, dated date (see
// Data); the title and slug patterns are run, the front matter built.
func (c Config) Data(d Digest, date time.Time) (Data, error) {
	return c.data(d, date)
}

func (c Config) data(d Digest, date time.Time) (Data, error) {
	loc := c.loc()
	lang := c.lang()
	if d.Week.Monday.IsZero() {
		d.Week.Monday = c.weekEnding(d.Week.End.In(loc)).Monday
	}
	end := d.Week.End.In(loc)
	year, number := end.ISOWeek()
	if y, n, ok := isoWeekID(d.Week.ID); ok {
		// A week closed early keeps its number even when it closed in
		// the ISO week before its cutoff's.
		year, number = y, n
	}
	last := lastDay(d.Week, c)
	days := lang.preset().dateRange(firstDay(d.Week, c), last)
	data := Data{
		Lang:   lang,
		Format: c.format(),
		Date:   date.In(loc),
		Draft:  c.Draft,
		Week: WeekData{
			ID: d.Week.ID, Year: year, Number: number,
			Start: d.Week.Start.In(loc), End: end, Monday: d.Week.Monday.In(loc), LastDay: last,
			Days: days,
		},
		Links:        d.Links,
		Hidden:       len(d.Hidden),
		Unscraped:    len(d.Unscraped),
		BoldLinks:    c.style() == StyleBold,
		Style:        c.style(),
		Microformats: c.Microformats && c.style() == StyleQuote,
		Categories:   []string{c.category()},
	}
	kinds := map[string]bool{}
	tagSeen := map[string]bool{}
	var hashtags []string
	for _, s := range d.Sections {
		sd := SectionData{Name: s.Name, Heading: escapeHeading(s.Name)}
		if k := strings.ToLower(s.Name); !tagSeen[k] {
			tagSeen[k] = true
			data.Tags = append(data.Tags, oneLine(s.Name))
		}
		for _, e := range s.Entries {
			ed := c.entryData(e)
			for _, p := range ed.Posts {
				kinds[p.Source] = true
				hashtags = append(hashtags, p.Hashtags...)
			}
			sd.Entries = append(sd.Entries, ed)
		}
		data.Sections = append(data.Sections, sd)
	}
	if c.HashtagTags {
		for _, h := range hashtags {
			if k := strings.ToLower(h); h != "" && !tagSeen[k] {
				tagSeen[k] = true
				data.Tags = append(data.Tags, h)
			}
		}
	}
	for _, k := range append(sourceOrder, SourceHand) {
		if kinds[k] {
			data.Sources = append(data.Sources, k)
		}
	}
	if extra, err := extraFields(c.ExtraFrontMatter); err == nil {
		for _, f := range extra {
			if a, ok := f.value.(string); ok && f.key == "author" {
				data.Author = a
			}
		}
	}
	data.Description = c.description(d)
	if intro := authorMarkdown(d.Edits.Intro); intro != "" {
		data.Intro = intro
	} else {
		data.Intro = lang.preset().intro(days, d.Links, data.Sources)
	}

	var err error
	if data.Title, err = runPattern("title", c.title(), data); err != nil {
		return data, fmt.Errorf("digest: title pattern: %w", err)
	}
	slug, err := runPattern("slug", c.slug(), data)
	if err != nil {
		return data, fmt.Errorf("digest: slug pattern: %w", err)
	}
	data.Slug = slug
	// The slug goes into the front matter only when it names the week: a
	// fixed slug there would give every week the same URL on Hugo (and
	// change the URLs of the posts written before it was added).
	next := data
	next.Week.ID, next.Week.Year, next.Week.Number = "2000-W01", 2000, 1
	next.Week.End = next.Week.End.AddDate(-30, 0, 0)
	other, err := runPattern("slug", c.slug(), next)
	data.weekSlug = err == nil && other != slug
	data.URL = c.url(data)
	fm, err := c.frontMatterText(data)
	if err != nil {
		return data, err
	}
	data.FrontMatter = fm
	return data, nil
}

func (c Config) entryData(e Entry) EntryData {
	lead := renderLead(c.cutLead(e.Lead))
	if via := renderVia(e.Via, e.ViaURL); via != "" {
		if lead != "" {
			lead += hardBreak
		}
		lead += via
	}
	// A page that is gone but archived links as DeadLinkStyle says: to
	// its copy, or to the live URL with the copy after it.
	target, note := e.URL, ""
	if isWebURL(e.ArchiveURL) {
		if c.DeadLinkStyle == DeadLinkArchive {
			target = e.ArchiveURL
		} else {
			note = fmt.Sprintf(" ([%s](%s))", c.lang().preset().archive, markdownURL(e.ArchiveURL))
		}
	}
	titleLink := fmt.Sprintf("[%s](%s)", escapeText(oneLine(e.Title)), markdownURL(target))
	ed := EntryData{
		Key: e.Key, Title: e.Title, URL: e.URL, Lead: e.Lead, Comment: e.Comment,
		Via: e.Via, ViaURL: e.ViaURL, ArchiveURL: e.ArchiveURL, Site: e.Site, Kind: e.Kind,
		Scraped:         e.Scraped,
		Link:            titleLink + note,
		TitleLink:       titleLink,
		ArchiveNote:     note,
		LeadMarkdown:    lead,
		CommentMarkdown: authorMarkdown(e.Comment),
		QuoteMarkdown:   renderQuote(c.cutLead(e.Lead)),
		ViaMarkdown:     renderVia(e.Via, e.ViaURL),
		Image:           c.imageData(e),
	}
	for _, l := range append([]moisson.Link{e.Link}, e.Shares...) {
		if l.PostKey == "" && l.URL == "" {
			continue
		}
		ed.Posts = append(ed.Posts, PostData{
			Key: l.PostKey, Source: SourceOf(l.PostKey), Text: l.PostText,
			PostedAt: l.PostedAt.In(c.loc()), Hashtags: l.Hashtags,
		})
	}
	return ed
}

// descriptionMax is the length the description's list of sections is
// kept under: social cards show about 160 characters.
const descriptionMax = 150

// description is the front matter's summary: "47 liens : SSL, PHP,
// MySQL…", the sections named while they fit.
func (c Config) description(d Digest) string {
	var names []string
	size := 0
	more := false
	for _, s := range d.Sections {
		n := oneLine(s.Name)
		if size+utf8.RuneCountInString(n)+2 > descriptionMax && len(names) > 0 {
			more = true
			break
		}
		names = append(names, n)
		size += utf8.RuneCountInString(n) + 2
	}
	list := strings.Join(names, ", ")
	if more {
		list += "…"
	}
	return c.lang().preset().description(d.Links, list)
}

// fileName runs the file name pattern; the date is the week's cutoff.
func (c Config) fileName(data Data) (string, error) {
	pattern := c.FileName
	if pattern == "" {
		pattern = DefaultFileName
	}
	data.Date = data.Week.End
	name, err := runPattern("file name", pattern, data)
	if err != nil {
		return "", fmt.Errorf("digest: file name pattern: %w", err)
	}
	if name == "" || name != path.Base(name) || strings.ContainsAny(name, `\/`) || strings.HasPrefix(name, ".") {
		return "", fmt.Errorf("digest: file name %q (from pattern %q) must be a plain file name", name, pattern)
	}
	return name, nil
}

// post renders d dated date with the configured template.
func (c Config) post(d Digest, date time.Time) ([]byte, error) {
	data, err := c.data(d, date)
	if err != nil {
		return nil, err
	}
	s, err := c.template().execute("", data)
	if err != nil {
		return nil, err
	}
	return []byte(s), nil
}
