package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/moisson/moisson"
	"github.com/moisson/moisson/bot"
	"github.com/moisson/moisson/bot/internal/httpsrc"
	"github.com/moisson/moisson/bot/internal/posttext"
)

// Config configures the Mastodon source.
type Config struct {
	// Account is the account read (MOISSON_MASTODON): "@user@instance", or
	// its profile URL "https://instance/@user".
	Account string
	// Token is an access token for the instances that refuse anonymous API
	// reads (MOISSON_MASTODON_TOKEN); none is needed elsewhere.
	Token string
	// Boosts keeps the account's boosts (MOISSON_MASTODON_BOOSTS), as
	// retweets are kept on X, crediting the boosted account.
	Boosts bool
	// HTTPClient sends the requests; a client with a timeout when nil.
	HTTPClient *http.Client
	// UserAgent is sent with each request; moisson's own when empty.
	UserAgent string
	// PageSize is the number of statuses asked per request, 1 to 40; 40
	// when zero.
	PageSize int
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Sleep waits out a rate limit; a timer honouring ctx when nil.
	Sleep func(ctx context.Context, d time.Duration) error
	// MaxWait is the longest rate-limit wait; a longer one fails the read
	// with a *ServiceError whose RetryAt says when to come back. 6 minutes
	// when zero (the limits reset every 5).
	MaxWait time.Duration
	// Logger receives rate-limit waits and the statuses whose links cannot
	// be read; nothing is logged when nil.
	Logger *slog.Logger
}

// Source reads one account's public statuses through its instance's
// API (no key: public statuses need no token since Mastodon 2.7). It is a
// RangeSource named "mastodon". Its methods may be called from several
// goroutines.
//
// A status's links are the <a href> of its HTML content, less mentions and
// hashtags; its card (title, description) is the fallback for its only
// link. Replies to other accounts are left out (exclude_replies), the
// author's own threads are kept.
type Source struct {
	base     string // https://instance
	user     string
	host     string
	token    string
	boosts   bool
	pageSize int
	httpsrc.Base

	unreadable atomic.Int64

	mu sync.Mutex
	id string // the account's id, looked up once
}

var (
	_ bot.RangeSource       = (*Source)(nil)
	_ bot.UnreadableCounter = (*Source)(nil)
)

// ParseAccount reads "@user@instance", "user@instance" or a
// profile URL "https://instance/@user" into the instance's base URL and
// the user name.
func ParseAccount(s string) (base, user string, err error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return "", "", fmt.Errorf("mastodon: %q is not a profile URL", s)
		}
		path := strings.Trim(u.Path, "/")
		user, ok := strings.CutPrefix(path, "@")
		if !ok || user == "" || strings.ContainsAny(user, "/@") {
			return "", "", fmt.Errorf("mastodon: %q is not a profile URL like https://instance/@user", s)
		}
		return u.Scheme + "://" + u.Host, user, nil
	}
	user, host, ok := strings.Cut(strings.TrimPrefix(s, "@"), "@")
	if !ok || !mastodonUserRE.MatchString(user) || !hostRE.MatchString(host) && !strings.Contains(host, ":") {
		return "", "", fmt.Errorf("mastodon: %q: want @user@instance (or https://instance/@user)", s)
	}
	return "https://" + strings.ToLower(host), user, nil
}

var mastodonUserRE = regexp.MustCompile(`^[A-Za-z0-9_]+([.-]+[A-Za-z0-9_]+)*$`)

// hostRE is a host name: dot-separated labels, the last one not numeric.
var hostRE = regexp.MustCompile(`^(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$`)

// New checks cfg and returns the source. It makes no request: the
// account's id is looked up on the first read.
func New(cfg Config) (*Source, error) {
	base, user, err := ParseAccount(cfg.Account)
	if err != nil {
		return nil, fmt.Errorf("%w: check MOISSON_MASTODON", err)
	}
	m := &Source{
		base: base, user: user, host: posttext.HostOf(base), token: strings.TrimSpace(cfg.Token), boosts: cfg.Boosts,
		pageSize: cfg.PageSize,
		Base: httpsrc.Base{HTTPClient: cfg.HTTPClient, UserAgent: cfg.UserAgent, Now: cfg.Now,
			Sleep: cfg.Sleep, MaxWait: cfg.MaxWait, Logger: cfg.Logger},
	}
	switch {
	case m.pageSize == 0:
		m.pageSize = 40
	case m.pageSize < 1 || m.pageSize > 40:
		return nil, fmt.Errorf("mastodon: page size %d is out of 1..40", cfg.PageSize)
	}
	m.Defaults(6 * time.Minute)
	return m, nil
}

// Name implements bot.Source.
func (m *Source) Name() string { return "mastodon" }

// String describes the source without its token.
func (m *Source) String() string {
	auth := "anonymous"
	if m.token != "" {
		auth = "with a token"
	}
	return fmt.Sprintf("mastodon source (@%s@%s, %s)", m.user, m.host, auth)
}

// GoString is String: %#v must not show the token either.
func (m *Source) GoString() string { return m.String() }

// Unreadable implements bot.UnreadableCounter.
func (m *Source) Unreadable() int64 { return m.unreadable.Load() }

// Fetch implements bot.Source: it returns the statuses newer than cursor (the
// newest status id seen), or the whole history when cursor is "", oldest
// first. Newer statuses are read upwards with min_id, so a read that fails
// part way returns the statuses read with a cursor that resumes above
// them; a first read fails whole (its pages come newest first). Errors are
// *ServiceError when the instance answered.
func (m *Source) Fetch(ctx context.Context, cursor string) ([]moisson.Post, string, error) {
	if cursor != "" && !posttext.IsNumericID(cursor) {
		return nil, cursor, fmt.Errorf("mastodon: cursor %q is not a status id", cursor)
	}
	newest := cursor
	var posts []moisson.Post
	keep := func(st mastodonStatus) bool {
		if posttext.CompareNumericIDs(st.ID, newest) > 0 {
			newest = st.ID
		}
		if p, ok := m.post(ctx, st); ok {
			posts = append(posts, p)
		}
		return true
	}
	var err error
	if cursor == "" {
		err = m.walk(ctx, url.Values{}, "next", keep)
	} else {
		err = m.walk(ctx, url.Values{"min_id": {cursor}}, "prev", keep)
	}
	sortMastodonPosts(posts)
	if err != nil {
		if cursor == "" {
			return posts, cursor, err
		}
		return posts, newest, err
	}
	return posts, newest, nil
}

// FetchRange implements bot.RangeSource. Status ids grow with time (the
// creation time in milliseconds, shifted 16 bits), so the read starts at
// the id of to and goes down to from: the history is reached to its start.
func (m *Source) FetchRange(ctx context.Context, from, to time.Time) ([]moisson.Post, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("mastodon: empty range %s to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	maxID := strconv.FormatUint(uint64(to.UnixMilli())<<16, 10)
	var posts []moisson.Post
	err := m.walk(ctx, url.Values{"max_id": {maxID}}, "next", func(st mastodonStatus) bool {
		if st.CreatedAt.Before(from) {
			return false
		}
		if p, ok := m.post(ctx, st); ok && !p.CreatedAt.Before(from) && p.CreatedAt.Before(to) {
			posts = append(posts, p)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	sortMastodonPosts(posts)
	return posts, nil
}

func sortMastodonPosts(posts []moisson.Post) {
	posttext.SortByTime(posts)
}

// walk reads the account's statuses from q on, following the Link header
// rel (next: older, prev: newer), calling fn for each status until fn
// returns false or a page comes back empty.
func (m *Source) walk(ctx context.Context, q url.Values, rel string, fn func(mastodonStatus) bool) error {
	id, err := m.lookup(ctx)
	if err != nil {
		return err
	}
	path := "/api/v1/accounts/" + url.PathEscape(id) + "/statuses"
	seen := make(map[string]bool)
	for {
		q.Set("limit", strconv.Itoa(m.pageSize))
		q.Set("exclude_replies", "true")
		if !m.boosts {
			q.Set("exclude_reblogs", "true")
		}
		var page []mastodonStatus
		h, err := m.get(ctx, path, q, &page)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		for _, st := range page {
			if st.ID == "" || seen[st.ID] {
				continue
			}
			seen[st.ID] = true
			if !fn(st) {
				return nil
			}
		}
		next := mastodonLinkQuery(h.Get("Link"), rel)
		if next == nil {
			return nil
		}
		q = next
	}
}

// mastodonLinkQuery returns the max_id/min_id/since_id of the Link
// header's rel URL, or nil when there is none. The URL itself is not
// followed: only its paging parameters are taken.
func mastodonLinkQuery(header, rel string) url.Values {
	for _, part := range strings.Split(header, ",") {
		target, params, ok := strings.Cut(strings.TrimSpace(part), ";")
		if !ok || !strings.Contains(strings.ReplaceAll(params, " ", ""), `rel="`+rel+`"`) {
			continue
		}
		u, err := url.Parse(strings.Trim(strings.TrimSpace(target), "<>"))
		if err != nil {
			return nil
		}
		q := url.Values{}
		for _, k := range []string{"max_id", "min_id", "since_id"} {
			if v := u.Query().Get(k); v != "" {
				q.Set(k, v)
			}
		}
		if len(q) == 0 {
			return nil
		}
		return q
	}
	return nil
}

// lookup returns the account's id, asking /api/v1/accounts/lookup the
// first time only.
func (m *Source) lookup(ctx context.Context) (string, error) {
	m.mu.Lock()
	id := m.id
	m.mu.Unlock()
	if id != "" {
		return id, nil
	}
	var acct struct {
		ID string `json:"id"`
	}
	if _, err := m.get(ctx, "/api/v1/accounts/lookup", url.Values{"acct": {m.user}}, &acct); err != nil {
		var se *httpsrc.ServiceError
		if errors.As(err, &se) && se.StatusCode == http.StatusNotFound {
			se.Text = fmt.Sprintf("mastodon: account @%s@%s not found: check MOISSON_MASTODON", m.user, m.host)
		}
		return "", err
	}
	if acct.ID == "" {
		return "", fmt.Errorf("mastodon: lookup @%s@%s: no id in the answer", m.user, m.host)
	}
	m.mu.Lock()
	m.id = acct.ID
	m.mu.Unlock()
	return acct.ID, nil
}

// get sends a GET to the instance and decodes a 200 into v, waiting out
// rate limits and retrying server errors. It returns the answer's headers.
func (m *Source) get(ctx context.Context, path string, q url.Values, v any) (http.Header, error) {
	u := m.base + path + "?" + q.Encode()
	var n429, n5xx int
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, fmt.Errorf("mastodon: get %s: %w", path, err)
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", m.UserAgent)
		if m.token != "" {
			req.Header.Set("Authorization", "Bearer "+m.token)
		}
		resp, err := m.HTTPClient.Do(req)
		if err != nil {
			var urlErr *url.Error
			if errors.As(err, &urlErr) {
				err = urlErr.Err
			}
			return nil, fmt.Errorf("mastodon: get %s: %w", path, err)
		}
		body, err := httpsrc.ReadBody(resp.Body, httpsrc.MaxAPIBody)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("mastodon: get %s: read body: %w", path, err)
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			if err := json.Unmarshal(body, v); err != nil {
				return nil, fmt.Errorf("mastodon: get %s: decode: %w", path, err)
			}
			return resp.Header, nil
		case resp.StatusCode == http.StatusTooManyRequests:
			n429++
			e := m.apiError(path, resp.StatusCode, body)
			reset, ok := httpsrc.RateLimitReset(resp.Header, m.Now())
			if !ok {
				reset = m.Now().Add(5 * time.Minute)
			}
			e.RetryAt = reset
			if n429 > httpsrc.Max429Retries {
				return nil, e
			}
			if err := m.WaitForReset(ctx, reset, e); err != nil {
				return nil, err
			}
		case resp.StatusCode >= 500:
			n5xx++
			if n5xx > httpsrc.Max5xxRetries {
				return nil, m.apiError(path, resp.StatusCode, body)
			}
			d := time.Duration(n5xx) * 5 * time.Second
			m.Logger.WarnContext(ctx, "mastodon server error, retrying", "status", resp.StatusCode, "path", path, "wait", d)
			if err := m.Sleep(ctx, d); err != nil {
				return nil, fmt.Errorf("mastodon: get %s: %w", path, err)
			}
		default:
			return nil, m.apiError(path, resp.StatusCode, body)
		}
	}
}

// apiError turns an error answer ({"error":"…"}) into a *ServiceError
// whose message says what to do.
func (m *Source) apiError(path string, status int, body []byte) *httpsrc.ServiceError {
	var x struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(body, &x) // an HTML error page leaves it empty
	e := &httpsrc.ServiceError{Service: "mastodon", StatusCode: status, Message: x.Error}
	text := fmt.Sprintf("%d %s", status, http.StatusText(status))
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		if m.token != "" {
			e.Text = fmt.Sprintf("mastodon: get %s: %s: the instance refuses the token: check MOISSON_MASTODON_TOKEN", path, text)
		} else {
			e.Text = fmt.Sprintf("mastodon: get %s: %s: %s refuses anonymous API reads: set MOISSON_MASTODON_TOKEN", path, text, m.host)
		}
	case status == http.StatusTooManyRequests:
		e.Text = fmt.Sprintf("mastodon: get %s: %s: rate limited", path, text)
	default:
		e.Text = fmt.Sprintf("mastodon: get %s: %s", path, text)
		if x.Error != "" {
			e.Text += " (" + x.Error + ")"
		}
	}
	return e
}

// The Mastodon API shapes (formats/README.md).

type mastodonStatus struct {
	ID                 string           `json:"id"`
	CreatedAt          time.Time        `json:"created_at"`
	InReplyToID        *string          `json:"in_reply_to_id"`
	InReplyToAccountID *string          `json:"in_reply_to_account_id"`
	URL                string           `json:"url"`
	Content            string           `json:"content"`
	SpoilerText        string           `json:"spoiler_text"`
	Account            mastodonAccount  `json:"account"`
	Reblog             *mastodonStatus  `json:"reblog"`
	Mentions           []mastodonAcct   `json:"mentions"`
	Tags               []mastodonTag    `json:"tags"`
	Card               *mastodonCard    `json:"card"`
	MediaAttachments   []map[string]any `json:"media_attachments"`
}

type mastodonAccount struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	Acct     string `json:"acct"`
	URL      string `json:"url"`
}

type mastodonAcct struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	Acct     string `json:"acct"`
	URL      string `json:"url"`
}

type mastodonTag struct {
	Name string `json:"name"`
}

type mastodonCard struct {
	URL         string `json:"url"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// post turns a status into a Post; ok is false when it is left out (a
// reply to another account, a boost when boosts are off).
func (m *Source) post(ctx context.Context, st mastodonStatus) (moisson.Post, bool) {
	src := st
	if st.Reblog != nil {
		if !m.boosts {
			return moisson.Post{}, false
		}
		src = *st.Reblog
	} else if st.InReplyToAccountID != nil && *st.InReplyToAccountID != "" && *st.InReplyToAccountID != st.Account.ID {
		return moisson.Post{}, false
	}
	hosts := map[string]bool{m.host: true}
	if h := posttext.HostOf(src.URL); h != "" {
		hosts[h] = true
	}
	p := mastodonPost(src.Content, src.Tags, src.Card, mastodonMentions(src.Mentions, m.host), hosts)
	p.ID = st.ID
	p.Source = "mastodon"
	p.CreatedAt = st.CreatedAt.UTC()
	if st.Reblog != nil {
		p.Retweet = true
		p.Via = "@" + mastodonFullAcct(src.Account.Acct, m.host)
		p.ViaURL = src.Account.URL
	}
	if n := posttext.CutLinks(p.Text, p.URLs); len(n) > 0 {
		m.unreadable.Add(1)
		m.Logger.WarnContext(ctx, "mastodon: a link of the status cannot be read", "post_id", p.ID, "shown_as", strings.Join(n, " "))
	}
	return p, true
}

// mastodonMention is a mentioned account: its full "user@instance" and
// profile URL.
type mastodonMention struct {
	acct, username, url string
}

func mastodonMentions(ms []mastodonAcct, host string) []mastodonMention {
	out := make([]mastodonMention, 0, len(ms))
	for _, mm := range ms {
		out = append(out, mastodonMention{acct: mastodonFullAcct(mm.Acct, host), username: mm.Username, url: mm.URL})
	}
	return out
}

// mastodonFullAcct returns "user@instance" for an acct that is local
// ("user") or remote ("user@other").
func mastodonFullAcct(acct, host string) string {
	acct = strings.TrimPrefix(acct, "@")
	if acct == "" || strings.Contains(acct, "@") {
		return acct
	}
	return acct + "@" + host
}

// mastodonPost reads what a status's HTML says: its text, links,
// hashtags (spelled as written), the card as the fallback of its only
// link, and a "via @x" credit. It serves the API and the archive alike.
func mastodonPost(content string, tags []mastodonTag, card *mastodonCard, mentions []mastodonMention, hosts map[string]bool) moisson.Post {
	p := moisson.Post{Text: posttext.HTMLText(content)}
	p.URLs = posttext.ContentLinks(content, hosts)
	// The tags as written in the text; the API gives them lower-cased.
	written := make(map[string]string)
	for _, mm := range posttext.HashtagRE.FindAllStringSubmatch(p.Text, -1) {
		if _, ok := written[strings.ToLower(mm[1])]; !ok {
			written[strings.ToLower(mm[1])] = mm[1]
		}
	}
	seen := make(map[string]bool)
	for _, t := range tags {
		name := strings.TrimPrefix(strings.TrimSpace(t.Name), "#")
		if name == "" || seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		if w, ok := written[strings.ToLower(name)]; ok {
			name = w
		}
		p.Hashtags = append(p.Hashtags, name)
	}
	if card != nil && len(p.URLs) == 1 && (card.URL == p.URLs[0] || posttext.HostOf(card.URL) == posttext.HostOf(p.URLs[0])) {
		p.Title = strings.TrimSpace(card.Title)
		p.Summary = strings.TrimSpace(card.Description)
	}
	if h := posttext.ViaHandle(p.Text); h != "" {
		name := strings.TrimPrefix(h, "@")
		for _, mm := range mentions {
			if strings.EqualFold(name, mm.acct) || !strings.Contains(name, "@") && strings.EqualFold(name, mm.username) {
				p.Via, p.ViaURL = "@"+mm.acct, mm.url
				break
			}
		}
		if p.Via == "" {
			p.Via = h
			if user, host, ok := strings.Cut(name, "@"); ok {
				p.ViaURL = "https://" + host + "/@" + user
			}
		}
	}
	return p
}
