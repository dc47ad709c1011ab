package reviewtest

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
