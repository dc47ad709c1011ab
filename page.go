package moisson

// The sources of a page's title and lead (Page.TitleSource, LeadSource)
// set outside the extraction, which names its own ("json-ld", "meta",
// "headline", "title-cut"...: see scrape/extract).
const (
	// SourceWayback: the words of the Wayback Machine's copy of a page
	// that was gone, parked or behind a bot wall.
	SourceWayback = "wayback"
	// SourceFeed: the title or summary the source gave with the link (a
	// feed item's, a bookmark's, X's link card).
	SourceFeed = "feed"
	// SourcePost: the text of the post that shared the link.
	SourcePost = "post"
	// SourceURL: the link's address, for want of anything else.
	SourceURL = "url"
	// SourceEdit: the author's hand edit.
	SourceEdit = "edit"
)

// The confidences of a title or a lead (Page.TitleConfidence): how sure
// moisson is that it is the page's. "low" ones are shown for a look
// before they are published.
const (
	ConfidenceHigh   = "high"
	ConfidenceMedium = "medium"
	ConfidenceLow    = "low"
)

// Rescuable reports whether a page is to be taken from the Wayback
// Machine, once its week is over: it is gone for good (404, 410, a dead
// domain, a parked or for-sale domain), its server could not be reached
// on its last attempt (connection refused, TLS failure), or a bot wall
// stands in front of it; and it was not asked already.
func (p Page) Rescuable() bool {
	return !p.OK() && (p.Permanent || p.Unreachable || p.Blocked != "") && p.Snapshot == ""
}

// Rescued returns the page to store for p once the Wayback Machine gave
// copy (OK, with its Snapshot). A page behind a bot wall works for
// people: it keeps its live URL and no archive mark (no Snapshot), and
// only its words come from the copy (TitleSource and LeadSource say so).
// Any other is the copy, marked as such.
func (p Page) Rescued(copy Page) Page {
	if !copy.OK() {
		return copy
	}
	if copy.Title != "" {
		copy.TitleSource = SourceWayback
	}
	if copy.Lead != "" {
		copy.LeadSource = SourceWayback
	}
	if p.Blocked != "" && !p.Permanent {
		copy.TextFrom = copy.Snapshot
		copy.Snapshot = ""
		copy.FinalURL = p.URL
		if p.FinalURL != "" {
			copy.FinalURL = p.FinalURL
		}
		copy.Status = p.Status
	}
	return copy
}
