package reviewtest

import "github.com/moisson/moisson/review"

// The steps of a post file edited by hand: the conflict page's diff and
// the author's choice.

// ApproveToConflict approves the week whose post file was edited by hand:
// the page answers with the file's diff and the choices.
func (p *Page) ApproveToConflict() error {
	return p.submit("approve a week edited by hand", "#b-publish",
		`location.pathname.endsWith('/conflict') && document.getElementById('diff')`, "h1")
}

// OpenConflict opens the conflict page of the week (from its link on the
// week's page, or its "frozen" badge).
func (p *Page) OpenConflict() error {
	return p.submit("open the conflict page", "#conflict-link, #week-frozen",
		`location.pathname.endsWith('/conflict')`, "h1")
}

// Keep keeps the file edited by hand; Overwrite writes moisson's version
// over it. Both come back to the week's page.
func (p *Page) Keep() error {
	return p.submit("keep the file", "#f-keep button", `document.getElementById('week-state')`, "")
}

// Overwrite writes moisson's version over the file edited by hand.
func (p *Page) Overwrite() error {
	return p.submit("overwrite the file", "#f-overwrite button", `document.getElementById('week-state')`, "")
}

// RegenerateToConflict regenerates the week whose post file was edited
// by hand: the page answers with the file's diff and the choices.
func (p *Page) RegenerateToConflict() error {
	return p.submit("regenerate a week edited by hand", "#b-regenerate",
		`location.pathname.endsWith('/conflict') && document.getElementById('diff')`, "h1")
}

// ListAgain lists again the link whose page was shared in an earlier
// week; LeaveOut leaves it out again.
func (p *Page) ListAgain(key string) error {
	id := review.EntryID(key)
	return p.submit("list again "+key, "#shared-before #"+id+" form.f-again button",
		`!!document.querySelector('article#`+id+` form.f-once')`, "#m-"+id)
}

// LeaveOut leaves out again a link listed again.
func (p *Page) LeaveOut(key string) error {
	id := review.EntryID(key)
	return p.submit("leave out "+key, "article#"+id+" form.f-once button",
		`!!document.querySelector('#shared-before #`+id+`')`, "")
}
