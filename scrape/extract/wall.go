package extract

import (
	"bytes"
	"net/url"
	"strings"
)

// The kinds of wall a page may be hidden behind (Result.Blocked).
const (
	// WallConsent is a cookie-consent page standing in for the page, or
	// a redirect to one (consent.yahoo.com, consent.google.com).
	WallConsent = "consent"
	// WallChallenge is a bot challenge or a refusal of bots: Cloudflare's
	// "Just a moment…", DataDome, Akamai's "Access Denied", PerimeterX,
	// Imperva, a CAPTCHA.
	WallChallenge = "challenge"
	// WallLogin is a sign-in page standing in for the page.
	WallLogin = "login"
	// WallPaywall is a subscription page standing in for the article.
	WallPaywall = "paywall"
	// WallJSShell is a page that shows nothing without JavaScript and
	// says nothing of itself in its metadata.
	WallJSShell = "js-shell"
)

// wallTitles are <title>s that only walls have, normalized (lower case,
// runs of punctuation and spaces as one space), in English, French and
// German, with the wall they name. A title matches when it is one of
// these, or starts with one followed by a separator.
var wallTitles = map[string]string{
	"just a moment":                                    WallChallenge,
	"un instant":                                       WallChallenge,
	"einen moment":                                     WallChallenge,
	"nur einen moment":                                 WallChallenge,
	"please wait":                                      WallChallenge,
	"attention required":                               WallChallenge,
	"access denied":                                    WallChallenge,
	"accès refusé":                                     WallChallenge,
	"acces refuse":                                     WallChallenge,
	"zugriff verweigert":                               WallChallenge,
	"are you a robot":                                  WallChallenge,
	"are you a human":                                  WallChallenge,
	"robot or human":                                   WallChallenge,
	"êtes vous un robot":                               WallChallenge,
	"etes vous un robot":                               WallChallenge,
	"sind sie ein roboter":                             WallChallenge,
	"bist du ein roboter":                              WallChallenge,
	"pardon our interruption":                          WallChallenge,
	"access to this page has been denied":              WallChallenge,
	"human verification":                               WallChallenge,
	"bot verification":                                 WallChallenge,
	"security check":                                   WallChallenge,
	"vérification de sécurité":                         WallChallenge,
	"sicherheitsüberprüfung":                           WallChallenge,
	"ddos guard":                                       WallChallenge,
	"captcha":                                          WallChallenge,
	"before you continue":                              WallConsent,
	"before you continue to google":                    WallConsent,
	"before you continue to youtube":                   WallConsent,
	"avant d accéder à google":                         WallConsent,
	"avant d accéder à youtube":                        WallConsent,
	"bevor sie zu google weitergehen":                  WallConsent,
	"bevor sie zu youtube weitergehen":                 WallConsent,
	"yahoo is part of the yahoo family of brands":      WallConsent,
	"yahoo fait partie de la famille de marques yahoo": WallConsent,
	"yahoo ist teil der yahoo markenfamilie":           WallConsent,
	"cookie consent":                                   WallConsent,
	"privacy consent":                                  WallConsent,
	"your privacy choices":                             WallConsent,
	"consentement aux cookies":                         WallConsent,
	"gestion des cookies":                              WallConsent,
	"cookie einstellungen":                             WallConsent,
	"datenschutzeinstellungen":                         WallConsent,
	"javascript is not available":                      WallJSShell,
	"javascript is disabled":                           WallJSShell,
	"javascript required":                              WallJSShell,
	"please enable javascript":                         WallJSShell,
	"javascript est désactivé":                         WallJSShell,
	"javascript ist deaktiviert":                       WallJSShell,
	"subscribe to read":                                WallPaywall,
	"subscribe to continue reading":                    WallPaywall,
	"abonnez vous pour lire":                           WallPaywall,
	"sign in":                                          WallLogin,
	"log in":                                           WallLogin,
	"login":                                            WallLogin,
	"sign in to continue":                              WallLogin,
	"log in to continue":                               WallLogin,
	"se connecter":                                     WallLogin,
	"connexion":                                        WallLogin,
	"identifiez vous":                                  WallLogin,
	"anmelden":                                         WallLogin,
	"anmeldung":                                        WallLogin,
	"einloggen":                                        WallLogin,
}

// challengeMarks are bytes that only the pages of bot challenges carry in
// their markup (Cloudflare's challenge options and page, DataDome's
// captcha host, Imperva's resource, PerimeterX's captcha, DDoS-Guard).
// Cloudflare's beacon on ordinary pages ("challenge-platform/scripts/jsd")
// is not one of them.
var challengeMarks = [][]byte{
	[]byte("_cf_chl_opt"), []byte("/chl_page/"), []byte("cf-browser-verification"), []byte("challenge-form"),
	[]byte("captcha-delivery.com"), []byte("_Incapsula_Resource"), []byte("px-captcha"),
	[]byte("ddos-guard.net/"), []byte("cf-challenge"), []byte("hcaptcha.com/1/api.js"),
	[]byte("g-recaptcha"), []byte("/recaptcha/api.js"),
}

// consentHosts are the hosts of consent walls sites redirect to.
var consentHosts = []string{"consent.", "guce.", "myprivacy.", "cmp.", "privacy."}

// bodyPhrases are what a wall's text says, in English, French and German,
// lower case: found in a page whose own text is short, they tell its kind.
var bodyPhrases = []struct{ phrase, wall string }{
	{"checking your browser", WallChallenge},
	{"checking if the site connection is secure", WallChallenge},
	{"verify you are human", WallChallenge},
	{"verifying you are human", WallChallenge},
	{"not a robot", WallChallenge},
	{"are you a robot", WallChallenge},
	{"unusual traffic", WallChallenge},
	{"enable javascript and cookies to continue", WallChallenge},
	{"vérification de votre navigateur", WallChallenge},
	{"vérifiez que vous êtes humain", WallChallenge},
	{"pas un robot", WallChallenge},
	{"êtes-vous un robot", WallChallenge},
	{"überprüfung ihres browsers", WallChallenge},
	{"überprüfen, ob sie ein mensch sind", WallChallenge},
	{"kein roboter", WallChallenge},
	{"you don't have permission to access", WallChallenge},
	{"accept all", WallConsent},
	{"reject all", WallConsent},
	{"accept cookies", WallConsent},
	{"manage privacy settings", WallConsent},
	{"tout accepter", WallConsent},
	{"tout refuser", WallConsent},
	{"accepter et fermer", WallConsent},
	{"accepter & fermer", WallConsent},
	{"continuer sans accepter", WallConsent},
	{"alle akzeptieren", WallConsent},
	{"alle ablehnen", WallConsent},
	{"zustimmen und weiter", WallConsent},
	{"enable javascript", WallJSShell},
	{"javascript is not available", WallJSShell},
	{"javascript is disabled", WallJSShell},
	{"you need to enable javascript to run this app", WallJSShell},
	{"activer javascript", WallJSShell},
	{"activez javascript", WallJSShell},
	{"javascript aktivieren", WallJSShell},
	{"aktivieren sie javascript", WallJSShell},
}

// wallWords is the most words of readable text a wall has: an article
// with a cookie banner or a "checking your browser" aside is longer.
const wallWords = 150

// wallAsideBytes bounds the text of buttons and noscript elements kept
// for telling walls.
const wallAsideBytes = 4 << 10

// challengeStatus reports whether a status is one bot walls answer with.
func challengeStatus(status int) bool {
	return status == 401 || status == 403 || status == 429 || status == 503
}

// detectWall tells whether an HTML page is a wall rather than the page,
// and which: from its URL (a consent host), its <title>, the marks of
// challenge pages in its markup, and, when its readable text is short,
// what that text says. An article is never a wall for mentioning one:
// title and marks aside, only a page with little text of its own is
// read for a wall's phrases.
func detectWall(body []byte, u *url.URL, status int, w *walker, r *Result) string {
	if u != nil {
		host := strings.ToLower(u.Hostname())
		for _, h := range consentHosts {
			if strings.HasPrefix(host, h) && strings.Contains(strings.ToLower(u.Path+"?"+u.RawQuery), "consent") ||
				h == "consent." && strings.HasPrefix(host, h) {
				return WallConsent
			}
		}
	}
	words := 0
	for i := range w.blocks {
		if w.blocks[i].boiler == nil || status != 0 {
			words += w.blocks[i].words
		}
	}
	short := words <= wallWords && (r.LeadFromMeta || wordCount(r.Lead) < 60)
	if k := titleWall(w.meta.docTitle); k != "" {
		switch k {
		case WallLogin, WallPaywall:
			// "Login" is also the title of a page about logging in: only
			// a short page is the wall itself.
			if !short {
				return ""
			}
		}
		return k
	}
	if challengeStatus(status) || short {
		for _, m := range challengeMarks {
			if bytes.Contains(body, m) {
				return WallChallenge
			}
		}
	}
	if !short {
		return ""
	}
	text := wallText(w)
	for _, p := range bodyPhrases {
		if !strings.Contains(text, p.phrase) {
			continue
		}
		if p.wall == WallJSShell && r.Lead != "" {
			// A shell whose metadata says what the page is: its
			// description stands as its lead.
			continue
		}
		if p.wall == WallConsent && r.Lead != "" && !r.LeadFromMeta && !strings.Contains(strings.ToLower(r.Lead), "cookie") {
			continue
		}
		return p.wall
	}
	if challengeStatus(status) && r.Lead == "" && words < 40 {
		// A bot refused with a page that says next to nothing.
		return WallChallenge
	}
	return ""
}

// titleWall returns the wall a <title> names, or "".
func titleWall(t string) string {
	n := wallNormalize(t)
	if n == "" {
		return ""
	}
	if k, ok := wallTitles[n]; ok {
		return k
	}
	// "Just a moment... | Site", "Attention Required! | Cloudflare",
	// "Access Denied - Site": the wall's words, then a name.
	for i := 0; i < len(t); i++ {
		if siteSep(t, i) > 0 {
			if k, ok := wallTitles[wallNormalize(t[:i])]; ok {
				return k
			}
			break
		}
	}
	return ""
}

// wallNormalize lower-cases s and makes every run of characters that are
// neither letters nor digits one space.
func wallNormalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if r == '\'' || r == '’' || r == '-' || r == '.' || r == '!' || r == '?' || r == '…' || r == ' ' || r == ',' || r == ':' || r == '|' || r == '–' || r == '—' || r == '\u00a0' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wallText is the page's readable text, boilerplate included (a consent
// box is boilerplate), lower case, at most a few thousand bytes.
func wallText(w *walker) string {
	var b strings.Builder
	for i := range w.blocks {
		if b.Len() > 8<<10 {
			break
		}
		b.WriteString(strings.ToLower(w.blocks[i].text))
		b.WriteByte(' ')
	}
	b.WriteString(strings.ToLower(w.asides.String()))
	b.WriteByte(' ')
	b.WriteString(strings.ToLower(w.meta.docTitle))
	return strings.ReplaceAll(b.String(), "’", "'")
}
