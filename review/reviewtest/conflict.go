package reviewtest

import (
	"encoding/json"

	"github.com/moisson/moisson/review"
)

// jsonOf writes v as a JavaScript value.
func jsonOf(v any) string {
	b, _ := json.Marshal(v) // maps of strings and ints always marshal.
	return string(b)
}

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

// EditSections renames sections (old name -> new), gives them places
// (name -> place, from 1) and creates one (newSection, unless ""), in the
// sections editor.
func (p *Page) EditSections(rename map[string]string, place map[string]int, newSection string) error {
	set := `(function(r,pl,n){document.getElementById('sections').open=true; var rows=document.querySelectorAll('#f-sections tbody tr'); rows.forEach(function(tr){var from=tr.querySelector('input[name=from]').value; if(from===''){tr.querySelector('input[name=to]').value=n; return}; if(r[from]!==undefined){tr.querySelector('input[name=to]').value=r[from]}; if(pl[from]!==undefined){tr.querySelector('input[name=place]').value=pl[from]}})})(` + jsonOf(rename) + `,` + jsonOf(place) + `,` + js(newSection) + `)`
	if _, err := p.EvalBool("fill the sections editor", set+`, true`); err != nil {
		return err
	}
	return p.submit("save the sections", "#f-sections button", "true", "")
}

// AddLinkAsked adds a link already in another week, with a title and a
// lead: the page asks where it goes.
func (p *Page) AddLinkAsked(url, title, lead string) error {
	if _, err := p.EvalBool("fill the add form", `(function(){document.getElementById('add').open=true; var f=document.getElementById('f-add'); f.querySelector('[name=value]').value=`+js(url)+`; f.querySelector('[name=title]').value=`+js(title)+`; f.querySelector('[name=lead]').value=`+js(lead)+`; return true})()`); err != nil {
		return err
	}
	return p.submit("add "+url, "#f-add button", `!!document.getElementById('f-elsewhere')`, "#elsewhere")
}

// KeepBoth answers the question of AddLinkAsked: kept in both weeks.
func (p *Page) KeepBoth(url string) error {
	return p.submit("keep both "+url, "#b-keep-both", `!!document.getElementById(`+js(review.EntryID(url))+`)`, "#m-"+review.EntryID(url))
}
