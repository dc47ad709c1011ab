// Package scrape fetches the pages behind shared links, politely and
// safely (one client, per-host delays, retries with backoff, private
// networks refused, bodies bounded), and makes of each a moisson.Page
// with the extraction of package scrape/extract, which it calls and
// which knows nothing of fetching. A wall answered instead of the page (a
// consent page, a bot challenge, a JavaScript or login shell) makes a
// page that is Blocked, with an Error and not Permanent: tried again
// later, never stored as the page's title and lead. The Wayback Machine
// client takes gone pages from their captures.
package scrape
