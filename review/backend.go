package review

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/digest"
)

// Backend is what the page and the API need of the rest of moisson. The
// command line calls the same functions (package weekly implements it), so
// that an edit made on the page and one made by a command are the same
// thing.
type Backend interface {
	// Status is the bot's state: sources, pending and failed links, the
	// next cutoff, the last publication, warnings.
	Status(ctx context.Context) (Status, error)
	// Weeks lists the weeks that have links or a publication, the most
	// recent first, the current week included.
	Weeks(ctx context.Context) ([]WeekSummary, error)
	// Week is one week as it will be published: the digest with the
	// author's edits applied, the hidden entries, each entry's page and
	// post, and the post's Markdown.
	Week(ctx context.Context, id string) (WeekView, error)
	// Edit applies one change to a week and records it in the edit log.
	Edit(ctx context.Context, id string, c Change) error
	// Undo takes back the last change to a week.
	Undo(ctx context.Context, id, by string) error
	// Regenerate scrapes the week's links again (those that failed, or
	// every one with refresh) and writes the week again if it was
	// written (never over a file edited by hand unless force).
	Regenerate(ctx context.Context, id string, refresh, force bool, by string) (WeekView, error)
	// Publish approves the week and publishes it now (written, not as a
	// draft; committed and pushed with MOISSON_GIT_PUSH).
	Publish(ctx context.Context, id, by string) (moisson.Publication, error)
	// Scrape scrapes URLs (stored unless noStore) and returns the pages in
	// the order given.
	Scrape(ctx context.Context, urls []string, refresh, noStore bool) ([]moisson.Page, error)
	// Import stores the posts of an archive export at path (a path on the
	// machine the daemon runs on).
	Import(ctx context.Context, path string) (ImportResult, error)
	// Conflict compares the week's post file with what moisson would
	// write (moisson.ErrNotFound when the week was never written).
	Conflict(ctx context.Context, id string) (ConflictView, error)
	// Resolve applies the author's choice on a post file edited by hand:
	// ChoiceKeep or ChoiceOverwrite; recorded in the week's log.
	Resolve(ctx context.Context, id, choice, by string) error
}

// EarlyPublisher is a Backend that can close a week before its cutoff and
// publish it (weekly.Service): the page's answer to "the week closes
// Friday 18:00; publish now and close it?". Publish refuses a week still
// open with a *moisson.WeekOpenError (wrapped in ErrConflict).
type EarlyPublisher interface {
	PublishEarly(ctx context.Context, id, by string) (moisson.Publication, error)
}

// Change is one edit of a week, as the page's forms and the API send it.
type Change struct {
	// Action is one of the moisson.EditEvent actions: "save" (every
	// field of an entry at once, as the page's form sends it), "hide",
	// "show", "title", "lead", "category", "comment", "up", "down",
	// "add", "hold", "release", "intro"; "again" lists once more a link
	// whose page was shared in an earlier week, "once" leaves it out
	// again.
	Action string `json:"action"`
	// Entry is the entry's key (digest.Entry.Key); empty for "add",
	// "hold", "release" and "intro".
	Entry string `json:"entry,omitempty"`
	// Value is the new title, lead, category, comment or intro; the URL
	// for "add". An empty value takes back the author's change (the
	// page's own title, lead or category again).
	Value string `json:"value,omitempty"`
	// Category and Comment go with "add" and "save".
	Category string `json:"category,omitempty"`
	Comment  string `json:"comment,omitempty"`
	// Title, Lead, Hidden and Position go with "save", with Category and
	// Comment: the entry's whole state as the page's form shows it. A
	// field equal to what the week shows now is left as it is (an edit
	// stays an edit, a page's own title stays the page's); an empty
	// title, lead or section takes back the author's change. Position is
	// the entry's place in its section, from 1; 0 keeps it.
	Title    string `json:"title,omitempty"`
	Lead     string `json:"lead,omitempty"`
	Hidden   bool   `json:"hidden,omitempty"`
	Position int    `json:"position,omitempty"`
	// Elsewhere goes with "add" (Title, Lead, Category and Comment too)
	// when the link is already in another week: "move" takes it out of
	// that week, "both" keeps it there too. Without it, adding such a
	// link is refused with an *ElsewhereError, so that it never moves
	// silently.
	Elsewhere string `json:"elsewhere,omitempty"`
	// By says who made the change ("page 127.0.0.1", "cli").
	By string `json:"-"`
}

// SectionEdit is one section in the sections editor: its name now
// (From, empty for a new section) and the name the author gives it (To).
// A "sections" change carries them in its Value, one per line, From and
// To separated by a tab (SectionsValue, ParseSections).
type SectionEdit struct {
	From string `json:"from,omitempty"`
	To   string `json:"to"`
}

// SectionsValue is the Value of a "sections" change: the week's sections
// in the order the author wants, each renamed (To differs from From) or
// created (From empty). A section left out keeps its place after them.
func SectionsValue(sections []SectionEdit) string {
	lines := make([]string, len(sections))
	for i, se := range sections {
		lines[i] = strings.Join(strings.Fields(se.From), " ") + "\t" + strings.Join(strings.Fields(se.To), " ")
	}
	return strings.Join(lines, "\n")
}

// ParseSections reads the Value of a "sections" change.
func ParseSections(value string) []SectionEdit {
	var out []SectionEdit
	for _, l := range strings.Split(value, "\n") {
		from, to, ok := strings.Cut(l, "\t")
		if !ok {
			from, to = "", l
		}
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if from != "" || to != "" {
			out = append(out, SectionEdit{From: from, To: to})
		}
	}
	return out
}

// WeekState is where a week stands.
type WeekState string

// The states of a week.
const (
	// StateOpen: the week's cutoff is still ahead.
	StateOpen WeekState = "open"
	// StatePending: the cutoff has passed but the week cannot be
	// published yet (a source not read past the cutoff, a publication
	// that failed): Reason says why.
	StatePending WeekState = "pending"
	// StateDraft: written as a draft, waiting for the author's approval.
	StateDraft WeekState = "draft"
	// StatePublished: written and published.
	StatePublished WeekState = "published"
	// StateConflict: the file on disk was edited by hand since moisson
	// wrote it; moisson leaves it alone until a forced write.
	StateConflict WeekState = "conflict"
	// StateEmpty: every source answered and the week has no links.
	StateEmpty WeekState = "empty"
	// StateUnpushed: written and committed, but git refused every push
	// so far (MOISSON_GIT_PUSH): Reason gives the attempts and git's
	// last message. It is tried again by itself.
	StateUnpushed WeekState = "unpushed"
)

// WeekSummary is one line of the list of weeks.
type WeekSummary struct {
	Week   moisson.Week `json:"week"`
	State  WeekState    `json:"state"`
	Reason string       `json:"reason,omitempty"`
	Links  int          `json:"links"`
	Hidden int          `json:"hidden"`
	Failed int          `json:"failed"`
	// Publication is the week's, when it was written.
	Publication *moisson.Publication `json:"publication,omitempty"`
	// PublishAt is when the week publishes itself (MOISSON_PUBLISH=after:D),
	// zero otherwise.
	PublishAt time.Time `json:"publish_at,omitzero"`
	Edits     int       `json:"edits"`
	// Held and Approved are the author's (moisson.WeekEdits).
	Held     bool `json:"held,omitempty"`
	Approved bool `json:"approved,omitempty"`
}

// EntryView is one entry with what the page shows beside it.
type EntryView struct {
	Entry digest.Entry `json:"entry"`
	// Page is the stored page of the entry's link (zero when not scraped
	// yet).
	Page moisson.Page `json:"page"`
	// Post is the post that shared it.
	Post moisson.Post `json:"post"`
	// Edit is the author's change to the entry.
	Edit moisson.EntryEdit `json:"edit"`
	// PostURL is the address of the post that shared it on X, Bluesky
	// or Mastodon ("" for a feed item or a link added by hand).
	PostURL string `json:"post_url,omitempty"`
	// SharedIn is the earlier week that shared the same page, for an
	// entry the author listed again (moisson.EntryEdit.Again).
	SharedIn string `json:"shared_in,omitempty"`
	// Mention is the Webmention state of the pair (the week's published
	// post, the entry's page); nil when none was sent (MOISSON_WEBMENTION
	// off, the week not published or its delay not passed).
	Mention *moisson.Mention `json:"mention,omitempty"`
}

// SharedBefore is a link of the week left out because its page was
// already shared in an earlier week: the author may list it again.
type SharedBefore struct {
	Key   string `json:"key"`
	URL   string `json:"url"`
	Title string `json:"title"`
	// Week is the earlier week; Published is true when that week was
	// published.
	Week      string `json:"week"`
	Published bool   `json:"published,omitempty"`
}

// WeekView is one week as the page shows it.
type WeekView struct {
	Summary WeekSummary   `json:"summary"`
	Digest  digest.Digest `json:"-"`
	// Sections are the post's sections, with their entries in the post's
	// order; Hidden the entries the author hid.
	Sections []SectionView `json:"sections"`
	Hidden   []EntryView   `json:"hidden"`
	// Markdown is the post exactly as it will be written.
	Markdown string `json:"markdown"`
	// Categories are the sections an entry can be moved to: the week's
	// and those of the categories file.
	Categories []string `json:"categories"`
	// Log is the week's edit log, the most recent first.
	Log []moisson.EditEvent `json:"log"`
	// Intro is the introduction as it will be written: the author's
	// (IntroEdited) or the one moisson writes, naming the week's dates
	// and sources.
	Intro       string `json:"intro,omitempty"`
	IntroEdited bool   `json:"intro_edited,omitempty"`
	// AllSections are the post's sections in order, then those the
	// author created that have no entry yet (the sections editor).
	AllSections []string `json:"all_sections,omitempty"`
	// SharedBefore are the week's links left out because their page was
	// shared in an earlier week.
	SharedBefore []SharedBefore `json:"shared_before,omitempty"`
	// Lang is the post's language ("fr", "en"): the page follows it.
	Lang string `json:"lang"`
}

// SectionView is one section of the week.
type SectionView struct {
	Name    string      `json:"name"`
	Entries []EntryView `json:"entries"`
}

// Status is the bot's state, for the page, `moisson status` and the API.
type Status struct {
	Store   string       `json:"store"`
	Daemon  bool         `json:"daemon"`
	Posts   int          `json:"posts"`
	Links   int          `json:"links"`
	Pages   int          `json:"pages"`
	Pending int          `json:"pending"`
	Failed  int          `json:"failed_count"`
	Sources []SourceInfo `json:"sources"`
	// FailedLinks are the most recent failures.
	FailedLinks     []moisson.Page       `json:"failed"`
	LastPublication *moisson.Publication `json:"last_publication,omitempty"`
	NextCutoff      time.Time            `json:"next_cutoff"`
	NextWeek        string               `json:"next_week"`
	// LowConfidenceTitles counts the next week's titles that are guesses.
	LowConfidenceTitles int `json:"low_confidence_titles,omitempty"`
	// PendingWeeks are the weeks whose cutoff passed that are not
	// published yet, with why.
	PendingWeeks []WeekSummary `json:"pending_weeks,omitempty"`
	Warnings     []string      `json:"warnings,omitempty"`
	// Settings are KEY=VALUE lines, secrets hidden.
	Settings []string `json:"settings,omitempty"`
	// LinkCheck is the last link-rot sweep (moisson linkcheck,
	// MOISSON_LINKCHECK); nil when none ran.
	LinkCheck *LinkCheck `json:"link_check,omitempty"`
	// Wayback is the Wayback Machine queue of the process that answers
	// (the daemon); nil when it asks nothing of the Wayback Machine.
	Wayback *WaybackQueue `json:"wayback,omitempty"`
	// Health is what `moisson health` says; nil when not known.
	Health *Health `json:"health,omitempty"`
	// Webmention counts the Webmention pairs by state; nil when
	// MOISSON_WEBMENTION is off.
	Webmention *MentionCounts `json:"webmention,omitempty"`
}

// MentionCounts counts the Webmention pairs (a published post, a page it
// links to) by state.
type MentionCounts struct {
	Accepted   int `json:"accepted"`
	Sent       int `json:"sent"`
	NoEndpoint int `json:"no_endpoint"`
	// Failed counts the pairs that failed and will be tried again;
	// GivenUp those that failed too many times.
	Failed  int `json:"failed"`
	GivenUp int `json:"given_up"`
}

// String is the status line: "12 accepted, 3 sent, 40 no endpoint, 1 to
// retry, 0 given up".
func (c MentionCounts) String() string {
	return fmt.Sprintf("%d accepted, %d sent, %d no endpoint, %d to retry, %d given up", c.Accepted, c.Sent, c.NoEndpoint, c.Failed, c.GivenUp)
}

// Health says whether moisson does its work unattended: HealthOK, or
// HealthDegraded with why. GET /api/health answers it, `moisson health`
// prints it, MOISSON_NOTIFY sends each reason once when it appears and
// once when it goes.
type Health struct {
	Status  string         `json:"status"`
	Reasons []HealthReason `json:"reasons,omitempty"`
}

// The Health statuses.
const (
	HealthOK       = "ok"
	HealthDegraded = "degraded"
)

// HealthReason is one thing that keeps moisson from its work.
type HealthReason struct {
	// Check names what fails and stays the same while it does
	// ("source:x", "push:2014-W40", "overdue:2014-W40", "held:2014-W40",
	// "wayback", "x-guard"), whatever the message says meanwhile.
	Check string `json:"check"`
	// Message says it to a person, secrets hidden.
	Message string `json:"message"`
}

// HealthChecker is a Backend that knows its health; GET /api/health
// answers "ok" for a Backend that is not one.
type HealthChecker interface {
	Health(ctx context.Context) (Health, error)
}

// LinkCheck is what the last link-rot sweep found.
type LinkCheck struct {
	At time.Time `json:"at"`
	// Checked links; Gone of them, Rescued (pointed to an archived copy),
	// NotArchived (gone, with no copy), Unknown (bot walls, errors: asked
	// again next sweep), Restored (back alive).
	Checked     int `json:"checked"`
	Gone        int `json:"gone"`
	Rescued     int `json:"rescued"`
	NotArchived int `json:"not_archived"`
	Unknown     int `json:"unknown"`
	Restored    int `json:"restored"`
	// Weeks rewritten.
	Weeks int `json:"weeks"`
}

// WaybackQueue is the state of the requests to the Wayback Machine.
type WaybackQueue struct {
	// Queued requests wait for their turn; Sent were made, Throttled of
	// them answered 429 or 503.
	Queued    int `json:"queued"`
	Sent      int `json:"sent"`
	Throttled int `json:"throttled"`
	// PausedUntil is set while every request waits after a 429 or 503.
	PausedUntil time.Time `json:"paused_until,omitzero"`
	// Expected is how long the queued requests will take, in seconds.
	Expected float64 `json:"expected_seconds"`
}

// SourceInfo is one source and where it stopped.
type SourceInfo struct {
	// Name is shown to people: secrets hidden.
	Name string `json:"name"`
	// Removed is true for a source no longer configured whose posts and
	// position are still in the store: it is not read any more.
	Removed  bool      `json:"removed,omitempty"`
	Position string    `json:"position,omitempty"`
	LastRead time.Time `json:"last_read,omitzero"`
	// Cost says what the source costs: "keyless", or for the X API the
	// month's posts read, their estimated cost and the limit.
	Cost    string `json:"cost,omitempty"`
	LastErr string `json:"last_error,omitempty"`
	// Failures counts the polls that failed in a row, the last with
	// LastErr.
	Failures int `json:"failures,omitempty"`
	// Unreadable counts the posts whose links could not be read (a link
	// shortened for display that nothing restores) since the daemon
	// started; each is logged with its id.
	Unreadable int64 `json:"unreadable,omitempty"`
}

// ImportResult is what an import stored.
type ImportResult struct {
	Posts int `json:"posts"`
	New   int `json:"new"`
	Links int `json:"links"`
	// First and Last are the dates of the first and last posts read.
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
}
