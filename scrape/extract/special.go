package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// applySpecial corrects what extractHTML found for the kinds of page people
// share whose body says little of their content: videos (YouTube, Vimeo),
// slide decks (SlideShare, Speaker Deck) and GitHub repositories. It
// changes p only for those sites, and only with what it finds.
//
// A video's or a deck's page has no readable body: its title and
// description metadata are the author's own words about the content, so
// they are taken as the title and lead, and LeadFromMeta stays false, as
// it would for an article's opening paragraph. A GitHub repository's lead
// is its README's first real paragraph; when the README gives none, the
// repository's description is used and LeadFromMeta is set.
func applySpecial(doc *goquery.Document, u *url.URL, p *Result) {
	if doc == nil || u == nil || p == nil {
		return
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	for _, prefix := range []string{"www.", "m."} {
		host = strings.TrimPrefix(host, prefix)
	}
	segs := pathSegments(u)
	switch {
	case isYouTubeVideo(host, segs, u):
		applyMedia(doc, p, "YouTube", " - YouTube")
	case isVimeoVideo(host, segs):
		applyMedia(doc, p, "Vimeo", " on Vimeo")
	case (host == "slideshare.net" || strings.HasSuffix(host, ".slideshare.net")) && len(segs) >= 2:
		applyMedia(doc, p, "SlideShare", " | PPT", " | PDF", " - SlideShare", " | SlideShare")
	case host == "speakerdeck.com" && len(segs) == 2:
		applyMedia(doc, p, "Speaker Deck", " - Speaker Deck")
	case host == "github.com" && len(segs) == 2 && !githubReserved[strings.ToLower(segs[0])]:
		applyGitHubRepo(doc, segs[0], strings.TrimSuffix(segs[1], ".git"), p)
	case host == "github.com" && len(segs) >= 4 && (segs[2] == "issues" || segs[2] == "pull" || segs[2] == "discussions"):
		// "Title · Issue #70123 · golang/go": the headline is the title.
		p.Title = githubThreadSuffix.ReplaceAllString(p.Title, "")
	}
}

// githubThreadSuffix matches what GitHub appends to the title of an issue,
// a pull request or a discussion.
var githubThreadSuffix = regexp.MustCompile(`\s+·\s+(?:Issue|Pull Request|Discussion) #\d+\s+·\s+[^\s/]+/[^\s/]+$`)

// pathSegments returns the non-empty segments of u's path, unescaped.
func pathSegments(u *url.URL) []string {
	var segs []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	return segs
}

func isYouTubeVideo(host string, segs []string, u *url.URL) bool {
	switch host {
	case "youtu.be":
		return len(segs) == 1
	case "youtube.com", "music.youtube.com", "youtube-nocookie.com":
		if len(segs) == 1 && segs[0] == "watch" {
			return u.Query().Get("v") != ""
		}
		return len(segs) == 2 && (segs[0] == "shorts" || segs[0] == "embed" || segs[0] == "live")
	}
	return false
}

func isVimeoVideo(host string, segs []string) bool {
	if host != "vimeo.com" && host != "player.vimeo.com" || len(segs) == 0 {
		return false
	}
	last := segs[len(segs)-1]
	for _, r := range last {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// applyMedia sets a video's or a slide deck's title and lead from its
// metadata, removing the site's suffixes from the title.
func applyMedia(doc *goquery.Document, p *Result, site string, suffixes ...string) {
	title := specialMeta(doc, `meta[property="og:title"]`, `meta[name="twitter:title"]`, `meta[name="title"]`)
	if title == "" {
		title = p.Title
	}
	for _, s := range suffixes {
		title = strings.TrimSpace(strings.TrimSuffix(title, s))
	}
	if title != "" {
		p.Title = title
		p.TitleSource, p.TitleConfidence = SourceSiteRule, ConfidenceHigh
	}
	lead := specialMeta(doc, `meta[property="og:description"]`, `meta[name="description"]`, `meta[name="twitter:description"]`)
	if lead = strings.TrimSpace(mediaBoilerplate.ReplaceAllString(lead, "")); lead != "" {
		p.Lead = capLead(lead, leadCap)
		p.LeadSource, p.LeadConfidence = SourceSiteRule, ConfidenceHigh
	}
	p.LeadFromMeta = false
	if p.Site == "" {
		p.Site = site
	}
}

// mediaBoilerplate matches what SlideShare appends to every description.
var mediaBoilerplate = regexp.MustCompile(`\s*-?\s*Download as an? [A-Z, ]+ or view online for free\.?$`)

// githubReserved are first path segments of github.com that are not
// owners: github.com/features/actions is not a repository.
var githubReserved = map[string]bool{
	"about": true, "account": true, "apps": true, "blog": true, "collections": true,
	"codespaces": true, "contact": true, "customer-stories": true, "dashboard": true,
	"enterprise": true, "events": true, "explore": true, "features": true,
	"issues": true, "join": true, "login": true, "logout": true, "marketplace": true,
	"new": true, "notifications": true, "orgs": true, "organizations": true,
	"pricing": true, "pulls": true, "search": true, "security": true, "settings": true,
	"site": true, "solutions": true, "sponsors": true, "team": true, "topics": true,
	"trending": true, "users": true,
}

// githubBoilerplate matches the sentence GitHub appends to repository
// descriptions in its metadata.
var githubBoilerplate = regexp.MustCompile(`(?i)\s*Contribute to \S+ development by creating an account on GitHub\.?`)

// applyGitHubRepo sets a repository page's title to "OWNER/REPO:
// description" and its lead to the README's first real paragraph, or else
// the description.
func applyGitHubRepo(doc *goquery.Document, owner, repo string, p *Result) {
	name := owner + "/" + repo
	// Spell the name as the page does: links are often shared lower-case.
	for _, t := range []string{specialMeta(doc, `meta[property="og:title"]`), doc.Find("title").First().Text()} {
		if i := indexFold(t, name); i >= 0 {
			name = t[i : i+len(name)]
			break
		}
	}
	desc := githubDescription(doc, name, repo)
	if desc != "" {
		p.Title = name + ": " + desc
	} else {
		p.Title = name
	}
	p.TitleSource, p.TitleConfidence = SourceSiteRule, ConfidenceHigh
	if lead := readmeLead(doc); lead != "" {
		p.Lead, p.LeadFromMeta = lead, false
		p.LeadSource, p.LeadConfidence = SourceSiteRule, ConfidenceHigh
	} else if desc != "" {
		p.Lead, p.LeadFromMeta = desc, true
		p.LeadSource, p.LeadConfidence = SourceSiteRule, ConfidenceMedium
	}
	if p.Site == "" {
		p.Site = "GitHub"
	}
}

// githubDescription returns the repository's description from the page's
// metadata, without GitHub's boilerplate and the repository's name.
func githubDescription(doc *goquery.Document, name, repo string) string {
	for _, sel := range []string{`meta[name="description"]`, `meta[property="og:description"]`} {
		d := githubBoilerplate.ReplaceAllString(specialMeta(doc, sel), "")
		d = strings.TrimSpace(d)
		for _, suffix := range []string{" - " + name, " · " + name} {
			if n := len(d) - len(suffix); n >= 0 && strings.EqualFold(d[n:], suffix) {
				d = strings.TrimSpace(d[:n])
			}
		}
		for _, prefix := range []string{name + " - ", repo + " - ", name + ": "} {
			if len(d) >= len(prefix) && strings.EqualFold(d[:len(prefix)], prefix) {
				d = strings.TrimSpace(d[len(prefix):])
			}
		}
		if d == "" || indexFold(d, "GitHub is where") == 0 {
			continue
		}
		return d
	}
	return ""
}

// readmeLead returns the first real paragraph of a repository's README:
// not a row of badges or images, not a line of links, not a heading set
// in a <p>, not a one-word tagline.
func readmeLead(doc *goquery.Document) string {
	var lead string
	doc.Find("article.markdown-body p, #readme .markdown-body p").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.Closest("table, li, pre, details, blockquote").Length() > 0 || s.Find("h1, h2, h3, h4, h5, h6").Length() > 0 {
			return true
		}
		text := specialSpace(s.Text())
		if len(strings.Fields(text)) < 4 || len(text) < 20 {
			return true
		}
		if linked := len(specialSpace(s.Find("a").Text())); linked*10 >= len(text)*9 {
			return true
		}
		lead = capLead(text, leadCap)
		return false
	})
	return lead
}

// specialMeta returns the content of the first of the selected meta tags
// that has one, whitespace collapsed.
func specialMeta(doc *goquery.Document, selectors ...string) string {
	for _, sel := range selectors {
		var found string
		doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			found = specialSpace(s.AttrOr("content", ""))
			return found == ""
		})
		if found != "" {
			return found
		}
	}
	return ""
}

// indexFold returns the byte index of the first case-insensitive match of
// sub in s, or -1. Unlike an index into strings.ToLower(s), it is always a
// valid index into s.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// specialSpace collapses runs of white space into one space and trims.
func specialSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
