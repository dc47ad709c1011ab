package review

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// HTML is the entry on the week's page: the article's start and its form,
// with every field (the "entry" template closes the article). It is
// written here rather than by a template: a week has hundreds of entries,
// and html/template's escaping by reflection made most of the page's
// time (BenchmarkWeekPage). Every value is escaped here.
func (e *entryData) HTML() template.HTML {
	var b strings.Builder
	b.Grow(2048 + len(e.FLead) + len(e.PostText))
	l := &e.C.L
	w := b.WriteString
	esc := func(s string) { w(template.HTMLEscapeString(s)) }
	w(`<article class="entry state-`)
	esc(e.State)
	if e.Hidden {
		w(" is-hidden")
	}
	if e.LowTitle || e.LowLead {
		w(" low")
	}
	w(`" id="`)
	esc(e.ID)
	w(`" tabindex="-1" data-v="`)
	esc(e.V)
	w("\">\n<form method=\"post\" class=\"f-entry\"")
	if e.Paras {
		w(` action="/weeks/`)
		esc(e.C.Week)
		w(`"`)
	}
	w(">\n<input type=\"hidden\" name=\"csrf\" value=\"")
	esc(e.C.CSRF)
	w(`"><input type="hidden" name="entry" value="`)
	esc(e.Entry.Key)
	w("\">\n")
	w(e.thumbHTML())
	w("<h3 class=\"title\"><a href=\"")
	w(safeURL(e.Entry.URL))
	w(`" rel="noreferrer" target="_blank">`)
	esc(e.Entry.Title)
	w("</a>")
	if e.Edit.Title != "" {
		w(` <span class="edited">`)
		esc(l.Edited)
		w("</span>")
	}
	if e.LowTitle {
		w(` <span class="tocheck">`)
		esc(l.CheckTitle)
		w("</span>")
	}
	if e.LowLead {
		w(` <span class="tocheck">`)
		esc(l.CheckLead)
		w("</span>")
	}
	w("</h3>\n<p class=\"meta\">")
	if e.State != "ok" {
		w(`<span class="pstate pstate-`)
		esc(e.State)
		w(`">`)
		if e.State == "wayback" || e.State == "textfrom" {
			w(`<a href="`)
			w(safeURL(e.Page.Snapshot + e.Page.TextFrom))
			w(`" rel="noreferrer">`)
			esc(e.StateText)
			w("</a>")
		} else {
			esc(e.StateText)
		}
		w("</span> · ")
	}
	esc(e.Shared)
	if e.Via != "" {
		w(" · ")
		if e.Entry.ViaURL != "" {
			w(`<a href="`)
			w(safeURL(e.Entry.ViaURL))
			w(`" rel="noreferrer">`)
			esc(e.Via)
			w("</a>")
		} else {
			esc(e.Via)
		}
	}
	if e.PostURL != "" {
		w(` · <a href="`)
		w(safeURL(e.PostURL))
		w(`" rel="noreferrer" target="_blank">`)
		esc(l.SeePost)
		w("</a>")
	}
	w("</p>\n")
	if e.PostText != "" {
		w(`<blockquote class="post">`)
		esc(e.PostText)
		w("</blockquote>\n")
	}
	w("<div class=\"fields\">\n<label class=\"wide\">")
	esc(l.Title)
	w(` <input name="title" value="`)
	esc(e.FTitle)
	w("\"></label>\n<label class=\"wide\">")
	esc(l.Lead)
	w(` <textarea name="lead" rows="3">`)
	esc(e.FLead)
	w("</textarea></label>\n")
	if len(e.Page.Paragraphs) > 0 {
		if e.Paras {
			w(`<fieldset class="paras wide" id="paras"><legend>`)
			esc(l.Paragraphs)
			w("</legend>\n<label class=\"para\"><input type=\"radio\" name=\"para\" value=\"\" checked> ")
			esc(l.KeepLead)
			w("</label>\n")
			for i, p := range e.Page.Paragraphs {
				w(`<label class="para"><input type="radio" name="para" value="`)
				w(strconv.Itoa(i))
				w(`"> <span>`)
				esc(p)
				w("</span></label>\n")
			}
			w("</fieldset>")
		} else {
			w(`<a class="paras wide" href="/weeks/`)
			esc(e.C.Week)
			w("/entries/")
			esc(e.ID)
			w(`#paras">`)
			esc(l.Paragraphs)
			w("</a>")
		}
		w("\n")
	}
	w(`<label class="wide">`)
	esc(l.Comment)
	w(` <textarea name="comment" rows="1">`)
	esc(e.FComment)
	w("</textarea></label>\n<label>")
	esc(l.Section)
	w(` <input name="category" list="cats" value="`)
	esc(e.FCategory)
	w("\"></label>\n")
	if !e.Hidden {
		w("<label>")
		esc(l.Place)
		w(` <input type="number" name="position" value="`)
		w(strconv.Itoa(e.Position))
		w(`" min="1" max="`)
		w(strconv.Itoa(e.Size))
		w("\"></label>\n")
	}
	w(`<label class="check"><input type="checkbox" name="hidden" value="1"`)
	if e.Hidden {
		w(" checked")
	}
	w("> ")
	esc(l.Hidden)
	w("</label>\n</div>\n<div class=\"actions\">\n<button class=\"primary\">")
	esc(l.Save)
	w("</button>\n")
	if e.Hidden {
		w(`<button name="do" value="show" class="b-show">`)
		esc(l.Show)
		w("</button>")
	} else {
		w(`<button name="do" value="hide" class="b-hide">`)
		esc(l.Hide)
		w("</button>\n<button name=\"do\" value=\"up\"")
		if e.Position == 1 {
			w(" disabled")
		}
		w(">↑ ")
		esc(l.Up)
		w(`</button><button name="do" value="down"`)
		if e.Position == e.Size {
			w(" disabled")
		}
		w(">↓ ")
		esc(l.Down)
		w("</button>")
	}
	w("\n</div>\n")
	if e.Msg != "" {
		w(`<p class="msg`)
		role := "status"
		if e.Bad {
			w(" bad")
			role = "alert"
		}
		w(`" id="m-`)
		esc(e.ID)
		w(`" role="`)
		w(role)
		w(`">`)
		esc(e.Msg)
		w("</p>\n")
	}
	w("</form>\n")
	return template.HTML(b.String()) // every value escaped above.
}

// safeURL is u escaped for an href, when it is an http(s) URL or a path
// of this site; "#" otherwise (a javascript: URL is never linked).
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || !(p.Scheme == "http" || p.Scheme == "https" || p.Scheme == "" && strings.HasPrefix(u, "/")) {
		return "#"
	}
	return template.HTMLEscapeString(u)
}
