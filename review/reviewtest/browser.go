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
	"github.com/chromedp/cdproto/page"
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
	// JS is whether the tab runs the page's script.
	JS bool
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
	return &Page{Ctx: ctx, Base: base, JS: js}
}

func (p *Page) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return 15 * time.Second
}

func contextTimeout(p *Page) (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.Ctx, p.timeout())
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
// expression) holds on the page that follows, with a message shown where
// the action was made: the entry's (msg, a CSS selector) or the week's
// (#week-msg) when msg is "". A message saying it failed, or an error
// page, fails the step at once with its text.
func (p *Page) submit(what, sel, cond, msg string) error {
	// Mark the page as it is: the result must come from a new one (with
	// the script, the head is replaced after every form; without, the
	// whole page is new). Messages shown before are emptied.
	if err := p.run(what, chromedp.Steps(chromedp.Evaluate[chromedp.Void](`(function(){var h=document.querySelector('.week-head')||document.getElementById('main'); if(h){h.setAttribute('data-stale','1')}; document.querySelectorAll('p.msg').forEach(function(m){m.textContent=''})})()`)),
		chromedp.Click(chromedp.CSS(sel))); err != nil {
		return err
	}
	if msg == "" {
		msg = "#week-msg"
	}
	full := `(function(){var e=document.getElementById('error-message')||document.querySelector('p.msg.bad'); if(e&&e.textContent.trim()){return "ERR "+e.textContent}; var h=document.querySelector('.week-head')||document.getElementById('main'); if(!h||h.hasAttribute('data-stale')){return ""}; ` +
		`var m=document.querySelector(` + js(msg) + `); if(!m||!m.textContent.trim()){return ""}; `
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

// entryMsg is the selector of the message of the entry whose key is key.
func entryMsg(key string) string { return "#m-" + review.EntryID(key) }

// fill sets fields of the entry's form: name -> value.
func (p *Page) fill(key string, fields map[string]string) error {
	id := review.EntryID(key)
	var acts []chromedp.Action[chromedp.Void]
	for name, v := range fields {
		acts = append(acts, chromedp.SetValue(chromedp.CSS("#"+id+" form.f-entry [name="+name+"]"), v))
	}
	return p.run("fill the form of "+key, acts...)
}

// Save sets the entry's fields (title, lead, comment, category, position:
// name -> value) and saves them, every one in one request, then waits
// for the page to show them.
func (p *Page) Save(key string, fields map[string]string) error {
	if err := p.fill(key, fields); err != nil {
		return err
	}
	id := review.EntryID(key)
	cond := "true"
	if t, ok := fields["title"]; ok {
		cond += ` && document.querySelector('#` + id + ` h3.title a').textContent.trim()===` + js(t)
	}
	for _, name := range []string{"lead", "comment"} {
		if v, ok := fields[name]; ok {
			cond += ` && document.querySelector('#` + id + ` [name=` + name + `]').value===` + js(v)
		}
	}
	if c, ok := fields["category"]; ok && c != "" {
		cond += ` && document.querySelector('#` + review.SectionID(c) + ` #` + id + `')`
	}
	return p.submit("save "+key, "#"+id+" button.primary", cond, entryMsg(key))
}

// Hide hides the entry whose key is key.
func (p *Page) Hide(key string) error {
	id := review.EntryID(key)
	return p.submit("hide "+key, "#"+id+" button.b-hide", `document.querySelector('#hidden #`+id+`')`, entryMsg(key))
}

// Show shows the hidden entry whose key is key again.
func (p *Page) Show(key string) error {
	id := review.EntryID(key)
	return p.submit("show "+key, "#"+id+" button.b-show", `!document.querySelector('#hidden #`+id+`')`, entryMsg(key))
}

// EditTitle sets the entry's title.
func (p *Page) EditTitle(key, title string) error {
	return p.Save(key, map[string]string{"title": title})
}

// EditLead sets the entry's lead.
func (p *Page) EditLead(key, lead string) error {
	return p.Save(key, map[string]string{"lead": lead})
}

// OpenParagraphs shows the page's paragraphs in the entry's form (with
// the script; without, it opens the entry's own page).
func (p *Page) OpenParagraphs(key string) error {
	id := review.EntryID(key)
	return p.run("open the paragraphs", chromedp.Click(chromedp.CSS("#"+id+" a.paras")), chromedp.WaitVisible(chromedp.CSS("#"+id+" fieldset.paras")))
}

// PickParagraph makes the page's paragraph number i (from 0) the entry's
// lead: the link to the page's paragraphs brings them in (with the
// script) or opens the entry's page (without).
func (p *Page) PickParagraph(key string, i int) error {
	id := review.EntryID(key)
	if err := p.OpenParagraphs(key); err != nil {
		return err
	}
	radio := fmt.Sprintf("#%s fieldset.paras label.para:nth-of-type(%d) input", id, i+2)
	if err := p.run("pick a paragraph", chromedp.WaitVisible(chromedp.CSS(radio)), chromedp.Click(chromedp.CSS(radio))); err != nil {
		return err
	}
	return p.submit("pick paragraph of "+key, "#"+id+" button.primary", "true", entryMsg(key))
}

// Move moves the entry to section, an existing one or a new one.
func (p *Page) Move(key, section string) error {
	return p.Save(key, map[string]string{"category": section})
}

// MoveUp and MoveDown move the entry within its section.
func (p *Page) MoveUp(key string) error {
	id := review.EntryID(key)
	return p.submit("move up "+key, "#"+id+" button[value=up]", "true", entryMsg(key))
}

// MoveDown moves the entry down within its section.
func (p *Page) MoveDown(key string) error {
	id := review.EntryID(key)
	return p.submit("move down "+key, "#"+id+" button[value=down]", "true", entryMsg(key))
}

// Comment sets the entry's comment.
func (p *Page) Comment(key, text string) error {
	return p.Save(key, map[string]string{"comment": text})
}

// AddLink adds a link by hand, in section (an existing one or a new one;
// the default section when empty), with a comment.
func (p *Page) AddLink(url, section, comment string) error {
	if err := p.run("open the add form", chromedp.SetAttributeValue(chromedp.CSS("#add"), "open", ""),
		chromedp.SetValue(chromedp.CSS("#f-add input[name=value]"), url),
		chromedp.SetValue(chromedp.CSS("#f-add textarea[name=comment]"), comment),
		chromedp.SetValue(chromedp.CSS("#f-add input[name=category]"), section)); err != nil {
		return err
	}
	cond := `document.getElementById(` + js(review.EntryID(url)) + `)`
	if section != "" {
		cond = `document.querySelector('#` + review.SectionID(section) + ` #` + review.EntryID(url) + `')`
	}
	return p.submit("add "+url, "#f-add button", cond, entryMsg(url))
}

// Undo takes back the last edit.
func (p *Page) Undo() error {
	return p.submit("undo", "#b-undo", "true", "")
}

// Hold and Release hold the week back from publishing itself, or let it.
func (p *Page) Hold() error {
	return p.submit("hold", "#b-hold", `document.getElementById('week-held')`, "")
}

// Release lets a held week publish itself again.
func (p *Page) Release() error {
	return p.submit("release", "#b-release", `!document.getElementById('week-held')`, "")
}

// Regenerate regenerates the week.
func (p *Page) Regenerate(refresh, force bool) error {
	var acts []chromedp.Action[chromedp.Void]
	if refresh {
		acts = append(acts, chromedp.Click(chromedp.CSS("#f-week input[name=refresh]")))
	}
	if force {
		acts = append(acts, chromedp.Click(chromedp.CSS("#f-week input[name=force]")))
	}
	if len(acts) > 0 {
		if err := p.run("regenerate options", acts...); err != nil {
			return err
		}
	}
	return p.submit("regenerate", "#b-regenerate", "true", "")
}

// Approve approves and publishes the week.
func (p *Page) Approve() error {
	return p.submit("approve", "#b-publish", "true", "")
}

// PublishEarly asks to publish the week still open and answers the
// page's question with accept: the script's confirmation dialog, or
// without it the page's confirmation step. It returns the question asked.
// Accepted, it waits for the week to say it was published.
func (p *Page) PublishEarly(accept bool) (string, error) {
	if !p.JS {
		if err := p.run("publish early", chromedp.Click(chromedp.CSS("#b-publish")), chromedp.WaitVisible(chromedp.CSS("#confirm-close"))); err != nil {
			return "", err
		}
		q, err := chromedp.Run(p.Ctx, chromedp.Text(chromedp.CSS("#confirm-q")))
		if err != nil {
			return "", fmt.Errorf("reviewtest: read the question: %w", err)
		}
		if !accept {
			return q, p.run("cancel", chromedp.Click(chromedp.CSS("#b-cancel")), chromedp.WaitReady(chromedp.CSS("#week-head")))
		}
		return q, p.submit("close and publish", "#b-close-publish", `!document.getElementById('b-publish')`, "")
	}
	asked := make(chan string, 1)
	ctx, cancel := context.WithCancel(p.Ctx)
	defer cancel()
	if err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			select {
			case asked <- d.Message:
			default:
			}
			go chromedp.Call(p.Ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
		}
	}); err != nil {
		return "", fmt.Errorf("reviewtest: listen for the dialog: %w", err)
	}
	if !accept {
		if err := p.run("publish early", chromedp.Click(chromedp.CSS("#b-publish"))); err != nil {
			return "", err
		}
		select {
		case q := <-asked:
			return q, nil
		case <-time.After(p.timeout()):
			return "", fmt.Errorf("reviewtest: publish early: no question asked")
		}
	}
	err := p.submit("publish early", "#b-publish", `!document.getElementById('b-publish')`, "")
	select {
	case q := <-asked:
		return q, err
	default:
		return "", fmt.Errorf("reviewtest: publish early: published without a question (%v)", err)
	}
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
