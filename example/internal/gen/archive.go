package main

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The example account.
const (
	accountID   = "2244776688"
	username    = "moisson_demo"
	displayName = "Moisson (démo)"
)

// Other accounts the posts mention.
var others = map[string]struct{ ID, Name string }{
	"CloudFlare":  {"32373708", "CloudFlare"},
	"florentsolt": {"14287563", "Florent Solt"},
	"jpetazzo":    {"15160529", "Jérôme Petazzoni"},
	"b0rk":        {"6603532", "Julia Evans"},
}

// paris is Europe/Paris in summer time, all the example needs.
var paris = time.FixedZone("CEST", 2*3600)

// post is a post before it is dressed as an archive tweet.
type post struct {
	At   time.Time
	Text string // before the link: the link, then the hashtags, are appended
	URL  string // the shared link; "" for none
	Tags []string
	// Media is a photo attached to the post.
	Media bool
	// ReplyTo is the screen name replied to; ReplyToURL is the link of the
	// post replied to, for a self-reply.
	ReplyTo    string
	ReplyToURL string
	Retweet    string // the retweeted account
	id         string
}

type indexed struct {
	Text    string   `json:"text"`
	Indices []string `json:"indices"`
}

type mention struct {
	Name       string   `json:"name"`
	ScreenName string   `json:"screen_name"`
	Indices    []string `json:"indices"`
	IDStr      string   `json:"id_str"`
	ID         string   `json:"id"`
}

type urlEntity struct {
	URL         string   `json:"url"`
	ExpandedURL string   `json:"expanded_url"`
	DisplayURL  string   `json:"display_url"`
	Indices     []string `json:"indices"`
}

type media struct {
	ExpandedURL   string         `json:"expanded_url"`
	Indices       []string       `json:"indices"`
	URL           string         `json:"url"`
	MediaURL      string         `json:"media_url"`
	IDStr         string         `json:"id_str"`
	ID            string         `json:"id"`
	MediaURLHTTPS string         `json:"media_url_https"`
	Sizes         map[string]any `json:"sizes"`
	Type          string         `json:"type"`
	DisplayURL    string         `json:"display_url"`
}

type entities struct {
	Hashtags     []indexed   `json:"hashtags"`
	Symbols      []indexed   `json:"symbols"`
	UserMentions []mention   `json:"user_mentions"`
	URLs         []urlEntity `json:"urls"`
	Media        []media     `json:"media,omitempty"`
}

type tweet struct {
	EditInfo             map[string]any `json:"edit_info"`
	Retweeted            bool           `json:"retweeted"`
	Source               string         `json:"source"`
	Entities             entities       `json:"entities"`
	DisplayTextRange     []string       `json:"display_text_range"`
	FavoriteCount        string         `json:"favorite_count"`
	InReplyToStatusIDStr string         `json:"in_reply_to_status_id_str,omitempty"`
	IDStr                string         `json:"id_str"`
	InReplyToUserID      string         `json:"in_reply_to_user_id,omitempty"`
	Truncated            bool           `json:"truncated"`
	RetweetCount         string         `json:"retweet_count"`
	ID                   string         `json:"id"`
	InReplyToStatusID    string         `json:"in_reply_to_status_id,omitempty"`
	PossiblySensitive    bool           `json:"possibly_sensitive,omitempty"`
	CreatedAt            string         `json:"created_at"`
	Favorited            bool           `json:"favorited"`
	FullText             string         `json:"full_text"`
	Lang                 string         `json:"lang"`
	InReplyToScreenName  string         `json:"in_reply_to_screen_name,omitempty"`
	InReplyToUserIDStr   string         `json:"in_reply_to_user_id_str,omitempty"`
	ExtendedEntities     map[string]any `json:"extended_entities,omitempty"`
}

// snowflake makes a tweet id of the time t, as X does.
func snowflake(t time.Time, seq int) string {
	const epoch = 1288834974657
	return strconv.FormatInt((t.UnixMilli()-epoch)<<22|int64(seq&0xfff), 10)
}

// tco makes a t.co link for u.
func tco(u string, n int) string {
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	sum := sha1.Sum([]byte(fmt.Sprint(u, n)))
	b := make([]byte, 10)
	for i := range b {
		b[i] = alphabet[int(sum[i])%len(alphabet)]
	}
	return "http://t.co/" + string(b)
}

func displayURL(u string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
	s = strings.TrimPrefix(s, "www.")
	if r := []rune(s); len(r) > 26 {
		s = string(r[:26]) + "…"
	}
	return s
}

// prefixes vary the posts' wording.
var prefixes = []string{"", "À lire : ", "", "", "Intéressant : ", "", "", "Très clair : "}

// writeArchive writes data/tweets.js, data/account.js and data/manifest.js.
func writeArchive(dir string, refs []ref) error {
	week := weekPosts(refs)
	var posts []post
	posts = append(posts,
		post{At: time.Date(2014, 9, 25, 9, 12, 7, 0, paris), Text: "Shellshock : mettez bash à jour, vraiment.", URL: sites[47].URL, Tags: []string{"Security", "bash"}},
		post{At: time.Date(2014, 9, 26, 11, 40, 31, 0, paris), Text: "Everything you need to know about the Shellshock Bash bug", URL: sites[48].URL, Tags: []string{"Security"}},
		post{At: time.Date(2014, 9, 26, 17, 59, 30, 0, paris), Text: "Triggers & vues MySQL sur Amazon RDS", URL: sites[49].URL, Tags: []string{"MySQL", "AWS"}},
	)
	posts = append(posts, week...)
	posts = append(posts,
		post{At: time.Date(2014, 10, 3, 18, 0, 0, 0, paris), Text: "Inside Shellshock: How hackers are using it to exploit systems", URL: sites[50].URL, Tags: []string{"Security"}},
		post{At: time.Date(2014, 10, 9, 20, 15, 42, 0, paris), Text: "PostgreSQL 9.4 Beta 3 <jsonb> change de format sur disque", URL: sites[51].URL, Tags: []string{"PostgreSQL"}},
	)
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].At.Before(posts[j].At) })
	for i := range posts {
		posts[i].id = snowflake(posts[i].At, i)
	}
	var tweets []map[string]tweet
	for i, p := range posts {
		t := dress(p, i, posts)
		tweets = append(tweets, map[string]tweet{"tweet": t})
	}
	// An archive lists the newest post first.
	for i, j := 0, len(tweets)-1; i < j; i, j = i+1, j-1 {
		tweets[i], tweets[j] = tweets[j], tweets[i]
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := writeJS(filepath.Join(dir, "tweets.js"), "window.YTD.tweets.part0", tweets); err != nil {
		return err
	}
	account := []map[string]any{{"account": map[string]any{
		"email":              "moisson@example.org",
		"createdVia":         "web",
		"username":           username,
		"accountId":          accountID,
		"createdAt":          "2010-11-22T08:41:19.000Z",
		"accountDisplayName": displayName,
	}}}
	if err := writeJS(filepath.Join(dir, "account.js"), "window.YTD.account.part0", account); err != nil {
		return err
	}
	manifest := map[string]any{
		"userInfo":    map[string]any{"accountId": accountID, "userName": username, "displayName": displayName},
		"archiveInfo": map[string]any{"sizeBytes": "48213", "generationDate": "2024-03-02T10:15:40.000Z", "isPartialArchive": false, "maxPartSizeBytes": "53687091200"},
		"readmeInfo":  map[string]any{"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
		"dataTypes": map[string]any{
			"account": map[string]any{"files": []map[string]string{{"fileName": "data/account.js", "globalName": "YTD.account.part0", "count": "1"}}},
			"tweets": map[string]any{
				"mediaDirectory": "data/tweets_media",
				"files":          []map[string]string{{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": strconv.Itoa(len(tweets))}},
			},
		},
	}
	var buf bytes.Buffer
	buf.WriteString("window.__THAR_CONFIG = ")
	if err := encodeJS(&buf, manifest); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "manifest.js"), buf.Bytes(), 0o644)
}

// weekPosts lists the posts of the reference week, in the order they were
// posted, and spreads them over the working hours of the week.
func weekPosts(refs []ref) []post {
	var ps []post
	add := func(p post) { ps = append(ps, p) }
	for i, r := range refs {
		title := r.Title
		text := prefixes[i%len(prefixes)] + title
		tags := []string{r.Section}
		u, _ := url.Parse(r.URL)
		switch {
		case strings.Contains(u.Host, "cloudflare"):
			tags = append(tags, "CloudFlare")
		case strings.Contains(u.Host, "mariadb"):
			tags = append(tags, "MariaDB")
		case strings.Contains(r.URL, "spark"):
			tags = append(tags, "Spark")
		}
		p := post{Text: text, URL: r.URL, Tags: tags}
		if strings.HasSuffix(r.URL, "setting-up-apache-spark-part-ii/") {
			// The second part, posted as a reply to the post of the first.
			p.Text = "Et la suite : " + title
			p.ReplyTo = username
			p.ReplyToURL = refs[i-1].URL
		}
		add(p)
		switch {
		case strings.HasSuffix(r.URL, "/introducing-universal-ssl/"):
			add(post{Retweet: "CloudFlare", Text: "RT @CloudFlare: Introducing Universal SSL: free SSL for every CloudFlare site, including the 2 million on our free plan", URL: r.URL, Tags: []string{"SSL"}})
		case strings.HasSuffix(r.URL, "/universal-ssl-be-just-a-bit-more-patient/"):
			add(post{Text: "Le mur de post-it après la rétro de ce matin", Tags: []string{"Agile"}, Media: true})
		case strings.Contains(r.URL, "nginx-cache-based-on-response-time"):
			add(post{ReplyTo: "florentsolt", Text: "@florentsolt et avec proxy_no_cache + un map sur $upstream_response_time ? La doc :", URL: sites[52].URL})
		case strings.HasSuffix(r.URL, "severity-levels-reduce-mttr/"):
			add(post{Text: "Universal SSL activé sur mes sites perso, rien à faire, ça marche", URL: refs[4].URL, Tags: []string{"SSL", "CloudFlare"}})
		case strings.Contains(r.URL, "breaking-a-bootloader"):
			add(post{Text: "Tellement vrai", URL: "https://twitter.com/b0rk/status/517349856214708224", Tags: []string{"DevOps"}})
		case strings.Contains(r.URL, "chef-and-orchestration"):
			add(post{ReplyTo: "jpetazzo", Text: "@jpetazzo merci ! Pour les curieux, c'est expliqué ici :", URL: sites[53].URL, Tags: []string{"Docker"}})
		}
	}
	add(post{Text: "Redis persistence demystified, toujours d'actualité", URL: deadURL, Tags: []string{"Redis"}})

	// Working hours: 08:00 to 18:00, Friday to 17:00.
	const day, friday = 600, 540
	total := 4*day + friday
	for k := range ps {
		m := k * total / (len(ps) - 1)
		d := min(m/day, 4)
		m -= d * day
		ps[k].At = time.Date(2014, 9, 29+d, 8, 0, 0, 0, paris).Add(time.Duration(m)*time.Minute + time.Duration(k*37%60)*time.Second)
		if k == len(ps)-1 {
			ps[k].At = time.Date(2014, 10, 3, 17, 0, 0, 0, paris)
		}
	}
	return ps
}

// deadURL is the link of the week that answers 404.
const deadURL = "http://oldblog.antirez.com/post/redis-persistence-demystified.html"

var sources = []string{
	`<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>`,
	`<a href="https://about.twitter.com/products/tweetdeck" rel="nofollow">TweetDeck</a>`,
	`<a href="http://bufferapp.com" rel="nofollow">Buffer</a>`,
}

// dress makes the archive tweet of post i.
func dress(p post, i int, posts []post) tweet {
	var e entities
	e.Hashtags, e.Symbols, e.UserMentions, e.URLs = []indexed{}, []indexed{}, []mention{}, []urlEntity{}
	text := p.Text
	pos := func() int { return utf8.RuneCountInString(text) }
	idx := func(a, b int) []string { return []string{strconv.Itoa(a), strconv.Itoa(b)} }
	for name, o := range others {
		for _, prefix := range []string{"@", "RT @"} {
			if strings.HasPrefix(text, prefix+name) {
				start := utf8.RuneCountInString(prefix) - 1
				e.UserMentions = append(e.UserMentions, mention{Name: o.Name, ScreenName: name, Indices: idx(start, start+1+len(name)), IDStr: o.ID, ID: o.ID})
			}
		}
	}
	// Posts of 2014 hold 140 characters: shorten the text to make room.
	room := 140 - 23
	for _, t := range p.Tags {
		room -= 2 + utf8.RuneCountInString(t)
	}
	if r := []rune(text); len(r) > room {
		text = strings.TrimSpace(string(r[:room-1])) + "…"
	}
	if p.URL != "" {
		short := tco(p.URL, i)
		text += " "
		e.URLs = append(e.URLs, urlEntity{URL: short, ExpandedURL: p.URL, DisplayURL: displayURL(p.URL), Indices: idx(pos(), pos()+len(short))})
		text += short
	}
	for _, t := range p.Tags {
		text += " "
		e.Hashtags = append(e.Hashtags, indexed{Text: t, Indices: idx(pos(), pos()+1+utf8.RuneCountInString(t))})
		text += "#" + t
	}
	var ext map[string]any
	if p.Media {
		short := tco("media", i)
		text += " "
		m := media{
			ExpandedURL:   fmt.Sprintf("https://twitter.com/%s/status/%s/photo/1", username, p.id),
			Indices:       idx(pos(), pos()+len(short)),
			URL:           short,
			MediaURL:      "http://pbs.twimg.com/media/ByxqR2hIIAAd9Xk.jpg",
			IDStr:         snowflake(p.At.Add(-time.Minute), 1),
			MediaURLHTTPS: "https://pbs.twimg.com/media/ByxqR2hIIAAd9Xk.jpg",
			Sizes:         map[string]any{"large": map[string]string{"w": "1024", "h": "768", "resize": "fit"}, "thumb": map[string]string{"w": "150", "h": "150", "resize": "crop"}},
			Type:          "photo",
			DisplayURL:    "pic.twitter.com/" + short[len("http://t.co/"):],
		}
		m.ID = m.IDStr
		text += short
		e.Media = []media{m}
		ext = map[string]any{"media": e.Media}
	}
	id := p.id
	created := p.At.UTC()
	t := tweet{
		EditInfo: map[string]any{"initial": map[string]any{
			"editTweetIds":   []string{id},
			"editableUntil":  created.Add(30 * time.Minute).Format("2006-01-02T15:04:05.000Z"),
			"editsRemaining": "5",
			"isEditEligible": false,
		}},
		Source:           sources[i%len(sources)],
		Entities:         e,
		DisplayTextRange: []string{"0", strconv.Itoa(pos())},
		FavoriteCount:    strconv.Itoa(i * 7 % 5),
		IDStr:            id,
		RetweetCount:     strconv.Itoa(i * 3 % 4),
		ID:               id,
		CreatedAt:        created.Format(time.RubyDate),
		FullText:         escapeText(text),
		Lang:             lang(p),
		ExtendedEntities: ext,
	}
	if p.Retweet != "" {
		t.FavoriteCount, t.RetweetCount = "0", "57"
	}
	if p.ReplyTo != "" {
		t.InReplyToScreenName = p.ReplyTo
		if p.ReplyTo == username {
			t.InReplyToUserID = accountID
			for _, q := range posts {
				if q.URL == p.ReplyToURL && q.ReplyTo == "" && q.Retweet == "" {
					t.InReplyToStatusID = q.id
					break
				}
			}
		} else {
			t.InReplyToUserID = others[p.ReplyTo].ID
			t.InReplyToStatusID = snowflake(p.At.Add(-17*time.Minute), 3)
		}
		t.InReplyToUserIDStr, t.InReplyToStatusIDStr = t.InReplyToUserID, t.InReplyToStatusID
	}
	return t
}

// escapeText escapes text as X does: &, < and > only.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func lang(p post) string {
	if p.Retweet != "" || !strings.ContainsAny(p.Text, "àéèêç:") {
		return "en"
	}
	return "fr"
}

func writeJS(path, global string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(global + " = ")
	if err := encodeJS(&buf, v); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// encodeJS writes v as the archive does: two-space indents and a space
// before each colon.
func encodeJS(w *bytes.Buffer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if strings.HasPrefix(trimmed, `"`) {
			if k := strings.Index(line, `": `); k >= 0 {
				line = line[:k] + `" : ` + line[k+3:]
			}
		}
		w.WriteString(line)
	}
	return nil
}
