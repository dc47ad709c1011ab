package reviewtest

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core (testdata/README.md says which and its licence).
//
//go:embed testdata/axe.min.js
var axeSource string

// Violation is one rule of axe-core that the page breaks, with the
// elements that break it.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
}

// Theme makes the tab prefer the "light" or "dark" colour scheme.
func (p *Page) Theme(theme string) error {
	ctx, cancel := contextTimeout(p)
	defer cancel()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: theme}}})
	if err != nil {
		return fmt.Errorf("reviewtest: theme %s: %w", theme, err)
	}
	return nil
}

// Axe runs axe-core on the page as it is now, with the rules of WCAG 2.0
// and 2.1, levels A and AA (colour contrast included), and returns what
// breaks them.
func (p *Page) Axe() ([]Violation, error) {
	ctx, cancel := contextTimeout(p)
	defer cancel()
	// The tab's script setting does not stop the test's own.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		return nil, fmt.Errorf("reviewtest: axe: %w", err)
	}
	defer chromedp.Call(p.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !p.JS})
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`if (typeof axe === "undefined") {`+axeSource+`}`)); err != nil {
		return nil, fmt.Errorf("reviewtest: load axe-core: %w", err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
		resultTypes: ["violations"]
	}).then(function (r) {
		return r.violations.map(function (v) {
			return {id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.map(function (n) {
				return n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " ");
			})};
		});
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("reviewtest: axe: %w", err)
	}
	return v, nil
}
