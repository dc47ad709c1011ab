package main

import "github.com/spf13/cobra"

// The commands whose files still parse their own flags (the standard flag
// package): wrapped until they are moved to cobra.

func (e *env) demoCommand() *cobra.Command {
	return e.legacyCommand("demo [--out DIR] [--serve]", "Run the whole pipeline on the embedded example, offline",
		"Demo runs the whole pipeline (import, scrape, digest, review) on the example embedded in moisson: no network, no credentials.", runDemo)
}

func (e *env) runCommand() *cobra.Command {
	return e.legacyCommand("run [--once]", "The background process: poll, scrape, publish, serve the review page",
		"Run polls the sources, scrapes new links and publishes each week's post at the cutoff, until SIGINT or SIGTERM.", runRun)
}

func (e *env) linkcheckCommand() *cobra.Command {
	return e.legacyCommand("linkcheck [--since DATE]", "Check the links of published weeks",
		"Linkcheck checks the links of the published weeks and points the gone ones to their archived copy.", runLinkcheck)
}

func (e *env) backfillCommand() *cobra.Command {
	return e.legacyCommand("backfill --from DATE [--to DATE] [--archive PATH] [--out BLOGDIR]", "Write every past week's post",
		"Backfill writes the post of every past week of a range.", runBackfill)
}
