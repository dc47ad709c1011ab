package moisson

import "time"

// WeekEdits is the author's curation of one week's post, as stored: it is
// applied every time the week is built (digest, run, backfill, a later
// scrape, a Wayback rescue), so that no regeneration loses it.
//
// Entries are named by their key: the URL, as shared, of the link the
// entry is made from (digest.Entry.Key).
type WeekEdits struct {
	// Week is the ISO week, "2014-W40".
	Week string `json:"week"`
	// Entries holds the changes to single entries, by entry key.
	Entries map[string]EntryEdit `json:"entries,omitempty"`
	// Order is the author's order of the entries, by key: the entries
	// named here come first, in this order (within their section), the
	// others after them in the order they were posted. Sections come in
	// the order of their first entry.
	Order []string `json:"order,omitempty"`
	// Held is true when the author holds the week back: it is not
	// published by itself (MOISSON_PUBLISH=after:D) until released.
	Held bool `json:"held,omitempty"`
	// Approved is true once the author approved the week for
	// publication (MOISSON_PUBLISH=review or after:D).
	Approved bool `json:"approved,omitempty"`
	// Intro, when set, replaces the post's introduction (Markdown).
	Intro string `json:"intro,omitempty"`
	// Sections is the author's order of the sections, by name (case
	// ignored): the sections named here come first, in this order, the
	// others after them in the order of their first entry. A name no
	// entry is in yet is a section the author created: it is offered to
	// move entries to, and shows in the post once it has one.
	Sections []string `json:"sections,omitempty"`
	// Renames renames sections: the lower-cased name a section is built
	// with, to the name the author gave it. An entry moved there later
	// (a hashtag, a domain rule) is renamed too.
	Renames map[string]string `json:"renames,omitempty"`
	// Frozen is true when the author kept a post file edited by hand that
	// moisson could not read back into edits: moisson no longer writes the
	// week's file (the author's text stays as it is) until the author
	// chooses to overwrite it.
	Frozen bool `json:"frozen,omitempty"`
	// Version counts the changes made to the week; 0 for no edits.
	Version int `json:"version,omitempty"`
	// UpdatedAt is the time of the last change.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// EntryEdit is the author's change to one entry. A zero field changes
// nothing: the entry keeps what the page and the post give it.
type EntryEdit struct {
	// Hidden leaves the entry out of the post.
	Hidden bool `json:"hidden,omitempty"`
	// Title replaces the page's title.
	Title string `json:"title,omitempty"`
	// Lead replaces the page's lead (one of Page.Paragraphs, or the
	// author's own text).
	Lead string `json:"lead,omitempty"`
	// Category moves the entry to another section (an existing one or a
	// new one).
	Category string `json:"category,omitempty"`
	// Comment is the author's word on the link, in Markdown, shown after
	// the lead.
	Comment string `json:"comment,omitempty"`
	// Again lists a link whose page was already shared in an earlier week
	// once more in this one (by default a page appears only in the first
	// week it was shared).
	Again bool `json:"again,omitempty"`
}

// IsZero reports whether the edit changes nothing.
func (e EntryEdit) IsZero() bool { return e == EntryEdit{} }

// EditEvent is one line of the log of the author's changes: who changed
// what and when.
type EditEvent struct {
	At   time.Time `json:"at"`
	Week string    `json:"week"`
	// Entry is the entry's key; empty for a change to the whole week.
	Entry string `json:"entry,omitempty"`
	// Action names the change: "hide", "show", "title", "lead",
	// "category", "comment", "move", "add", "approve", "hold", "release",
	// "publish", "undo", "regenerate", "intro", "sections", "again",
	// "keep" (a file edited by hand kept), "overwrite" (moisson's version
	// written over it).
	Action string `json:"action"`
	// Detail is the new value, shortened, when it says something.
	Detail string `json:"detail,omitempty"`
	// By says where the change came from: "page 127.0.0.1", "cli".
	By string `json:"by,omitempty"`
}

// HandSource is the Source of the posts that hold the links the author
// added by hand on the review page: they are stored, scraped and dated
// like the others, in the week they were added to.
const HandSource = "hand"
