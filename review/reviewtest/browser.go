package reviewtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/moisson/moisson/review"
)

// Chromium returns the path of the Chromium to drive: MOISSON_CHROMIUM,
// else /usr/bin/chromium, else "chromium" or "chromium-browser" on PATH;
// "" when there is none.
func Chromium() string {
	for _, p := range []string{os.Getenv("MOISSON_CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// StartBrowser starts a headless Chromium with a fresh profile for the
// test and returns its context; it is closed when the test ends. Without
// Chromium the test is skipped, except under CI (CI set), where it fails.
func StartBrowser(t testing.TB) context.Context {
	t.Helper()
	path := Chromium()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (apt-get install chromium); CI needs it")
		}
		t.Skip("chromium is not installed (apt-get install chromium): browser test skipped")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Start the browser now (chromedp wants no timeout on the first call:
	// it would stop the browser with it).
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("reviewtest: start chromium %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// Page is one browser tab on the review page at Base ("http://127.0.0.1:7080").
// Its methods drive the page as a person does, through its forms, and
// wait until the page shows the result; they work with JavaScript on
// (forms sent in the background) and off (plain POST and redirect).
type Page struct {
	Ctx  context.Context
	Base string
	// Week is the week the steps act on (set by OpenWeek).
	Week string
	// Timeout bounds each step (15 seconds when zero).
	Timeout time.Duration
}

// NewPage opens a tab in the browser of StartBrowser, with JavaScript on
// or off. The tab is closed when the test ends.
func NewPage(t testing.TB, browser context.Context, base string, js bool) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
		t.Fatalf("reviewtest: new tab: %v", err)
	}
	return &Page{Ctx: ctx, Base: base}
}

func (p *Page) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return 15 * time.Second
}

func (p *Page) run(what string, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(p.Ctx, p.timeout())
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		return fmt.Errorf("reviewtest: %s: %w", what, err)
	}
	return nil
}

// Open loads path ("/status") and waits for the page.
func (p *Page) Open(path string) error {
	return p.run("open "+path, chromedp.Navigate(p.Base+path), chromedp.WaitReady(chromedp.CSS("#main")))
}

// OpenWeek loads the page of week id; the following steps act on it.
func (p *Page) OpenWeek(id string) error {
	p.Week = id
	return p.run("open week "+id, chromedp.Navigate(p.Base+"/weeks/"+id), chromedp.WaitReady(chromedp.CSS(".week-head")))
}

// Login signs in with the token on the login form.
func (p *Page) Login(token string) error {
	if err := p.run("login", chromedp.Navigate(p.Base+"/login"), chromedp.WaitReady(chromedp.CSS("input[name=token]")),
		chromedp.SetValue(chromedp.CSS("input[name=token]"), token)); err != nil {
		return err
	}
	return p.submit("login", "main form[action='/login'] button", "!document.querySelector('input[name=token]')", "")
}

// EvalBool evaluates a JavaScript expression that gives a boolean.
func (p *Page) EvalBool(what, expr string) (bool, error) {
	ctx, cancel := context.WithTimeout(p.Ctx, p.timeout())
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
	if err != nil {
		return false, fmt.Errorf("reviewtest: %s: %w", what, err)
	}
	return v, nil
}

// js quotes s as a JavaScript string.
func js(s string) string {
	b, _ := json.Marshal(s) // a string always marshals.
	return string(b)
}

// submit clicks the button sel, then waits until cond (a JavaScript
// expression) holds on the page that follows, and for that page's flash
// saying done (none when done is ""). A page showing an error fails the
// step at once with the error.
func (p *Page) submit(what, sel, cond, done string) error {
	// Mark the page as it is: the result must come from a new one.
	if err := p.run(what, chromedp.Steps(chromedp.Evaluate[chromedp.Void](`(function(){var h=document.querySelector('.week-head')||document.getElementById('main'); if(h){h.setAttribute('data-stale','1')}; var f=document.getElementById('flash'); if(f){f.remove()}})()`)),
		chromedp.Click(chromedp.CSS(sel))); err != nil {
		return err
	}
	full := `(function(){var e=document.getElementById('error-message')||document.getElementById('js-error'); if(e){return "ERR "+e.textContent}; var h=document.querySelector('.week-head')||document.getElementById('main'); if(!h||h.hasAttribute('data-stale')){return ""}; `
	if done != "" {
		full += `var f=document.getElementById('flash'); if(!f||f.getAttribute('data-done')!==` + js(done) + `){return ""}; `
	}
	if cond == "" {
		cond = "true"
	}
	full += `return (` + cond + `) ? "OK" : ""})()`
	deadline := time.Now().Add(p.timeout())
	for {
		ctx, cancel := context.WithTimeout(p.Ctx, 3*time.Second)
		res, err := chromedp.Run(ctx, chromedp.Evaluate[string](full))
		cancel()
		switch {
		case err == nil && res == "OK":
			return nil
		case err == nil && len(res) > 4 && res[:4] == "ERR ":
			return fmt.Errorf("reviewtest: %s: the page says: %s", what, res[4:])
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("reviewtest: %s: the page did not show the result in %s (last error: %v)", what, p.timeout(), err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// openEdit opens the entry's edit panel.
func (p *Page) openEdit(key string) error {
	return p.run("open the edit panel", chromedp.SetAttributeValue(chromedp.CSS("#"+review.EntryID(key)+" details.edit"), "open", ""))
}

// Hide hides the entry whose key is key.
func (p *Page) Hide(key string) error {
	id := review.EntryID(key)
	return p.submit("hide "+key, "#"+id+" form.f-hide button[value=hide]", `document.querySelector('#hidden #`+id+`')`, "hide")
}

// Show shows the hidden entry whose key is key again.
func (p *Page) Show(key string) error {
	id := review.EntryID(key)
	return p.submit("show "+key, "#"+id+" form.f-hide button[value=show]", `!document.querySelector('#hidden #`+id+`')`, "show")
}

// EditTitle sets the entry's title.
func (p *Page) EditTitle(key, title string) error {
	id := review.EntryID(key)
	if err := p.openEdit(key); err != nil {
		return err
	}
	if err := p.run("type the title", chromedp.SetValue(chromedp.CSS("#"+id+" form.f-title input[name=value]"), title)); err != nil {
		return err
	}
	return p.submit("edit title of "+key, "#"+id+" form.f-title button",
		`document.querySelector('#`+id+` h3.title a').textContent.trim()===`+js(title), "title")
}

// EditLead sets the entry's lead.
func (p *Page) EditLead(key, lead string) error {
	id := review.EntryID(key)
	if err := p.openEdit(key); err != nil {
		return err
	}
	if err := p.run("type the lead", chromedp.SetValue(chromedp.CSS("#"+id+" form.f-lead textarea"), lead)); err != nil {
		return err
	}
	return p.submit("edit lead of "+key, "#"+id+" form.f-lead button",
		`(document.querySelector('#`+id+` p.lead')||{}).textContent===`+js(lead), "lead")
}

// PickParagraph makes the page's paragraph number i (from 0) the entry's
// lead.
func (p *Page) PickParagraph(key string, i int) error {
	id := review.EntryID(key)
	if err := p.openEdit(key); err != nil {
		return err
	}
	radio := fmt.Sprintf("#%s form.f-para label.para:nth-of-type(%d) input", id, i+1)
	if err := p.run("pick a paragraph", chromedp.Click(chromedp.CSS(radio))); err != nil {
		return err
	}
	return p.submit("pick paragraph of "+key, "#"+id+" form.f-para button", "true", "lead")
}

// Move moves the entry to section, picked in the list when it is there,
// typed as a new section otherwise.
func (p *Page) Move(key, section string) error {
	id := review.EntryID(key)
	if err := p.openEdit(key); err != nil {
		return err
	}
	exists, err := p.EvalBool("read the sections", `Array.from(document.querySelectorAll('#`+id+` form.f-category select option')).some(function(o){return o.value===`+js(section)+`})`)
	if err != nil {
		return err
	}
	field := "#" + id + " form.f-category input[name=new]"
	if exists {
		field = "#" + id + " form.f-category select"
	}
	if err := p.run("choose the section", chromedp.SetValue(chromedp.CSS(field), section)); err != nil {
		return err
	}
	return p.submit("move "+key+" to "+section, "#"+id+" form.f-category button",
		`document.querySelector('#`+review.SectionID(section)+` #`+id+`')`, "category")
}

// MoveUp and MoveDown move the entry within its section.
func (p *Page) MoveUp(key string) error {
	id := review.EntryID(key)
	return p.submit("move up "+key, "#"+id+" form.f-move button[value=up]", "true", "up")
}

// MoveDown moves the entry down within its section.
func (p *Page) MoveDown(key string) error {
	id := review.EntryID(key)
	return p.submit("move down "+key, "#"+id+" form.f-move button[value=down]", "true", "down")
}

// Comment sets the entry's comment.
func (p *Page) Comment(key, text string) error {
	id := review.EntryID(key)
	if err := p.openEdit(key); err != nil {
		return err
	}
	if err := p.run("type the comment", chromedp.SetValue(chromedp.CSS("#"+id+" form.f-comment textarea"), text)); err != nil {
		return err
	}
	return p.submit("comment "+key, "#"+id+" form.f-comment button",
		`(document.querySelector('#`+id+` p.comment')||{}).textContent===`+js(text), "comment")
}

// AddLink adds a link by hand, in section (an existing one or a new one;
// the default section when empty), with a comment.
func (p *Page) AddLink(url, section, comment string) error {
	exists, err := p.EvalBool("read the sections", `Array.from(document.querySelectorAll('#f-add select option')).some(function(o){return o.value!=='' && o.value===`+js(section)+`})`)
	if err != nil {
		return err
	}
	if err := p.run("open the add form", chromedp.SetAttributeValue(chromedp.CSS("#add"), "open", ""),
		chromedp.SetValue(chromedp.CSS("#f-add input[name=value]"), url),
		chromedp.SetValue(chromedp.CSS("#f-add textarea[name=comment]"), comment)); err != nil {
		return err
	}
	if section != "" {
		field := "#f-add input[name=new]"
		if exists {
			field = "#f-add select"
		}
		if err := p.run("choose the section", chromedp.SetValue(chromedp.CSS(field), section)); err != nil {
			return err
		}
	}
	cond := `document.getElementById(` + js(review.EntryID(url)) + `)`
	if section != "" {
		cond = `document.querySelector('#` + review.SectionID(section) + ` #` + review.EntryID(url) + `')`
	}
	return p.submit("add "+url, "#f-add button", cond, "add")
}

// Undo takes back the last edit.
func (p *Page) Undo() error {
	return p.submit("undo", "#f-undo button", "true", "undo")
}

// Hold and Release hold the week back from publishing itself, or let it.
func (p *Page) Hold() error {
	return p.submit("hold", "#f-hold button[value=hold]", `document.getElementById('week-held')`, "hold")
}

// Release lets a held week publish itself again.
func (p *Page) Release() error {
	return p.submit("release", "#f-hold button[value=release]", `!document.getElementById('week-held')`, "release")
}

// Regenerate regenerates the week.
func (p *Page) Regenerate(refresh, force bool) error {
	var acts []chromedp.Action[chromedp.Void]
	if refresh {
		acts = append(acts, chromedp.Click(chromedp.CSS("#f-regenerate input[name=refresh]")))
	}
	if force {
		acts = append(acts, chromedp.Click(chromedp.CSS("#f-regenerate input[name=force]")))
	}
	if len(acts) > 0 {
		if err := p.run("regenerate options", acts...); err != nil {
			return err
		}
	}
	return p.submit("regenerate", "#f-regenerate button", "true", "regenerate")
}

// Approve approves and publishes the week.
func (p *Page) Approve() error {
	return p.submit("approve", "#f-publish button", "true", "publish")
}

// Screenshot saves a PNG of the whole page at path.
func (p *Page) Screenshot(path string) error {
	ctx, cancel := context.WithTimeout(p.Ctx, p.timeout())
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("reviewtest: screenshot: %w", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return fmt.Errorf("reviewtest: screenshot: %w", err)
	}
	return nil
}
