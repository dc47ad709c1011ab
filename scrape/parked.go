package scrape

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/moisson/moisson"
)

// One detector tells parked and for-sale domains, parking landers and
// hosting placeholders, for a live page (Scrape, linkcheck) and for a
// Wayback capture (Rescue) alike: such a page says nothing of what was
// shared, so it is treated as gone and its words are never published.

// saleSignatures are the words of a domain offered for sale or parked, in
// several languages, lower-case. They mark a page wherever they are on a
// short page.
var saleSignatures = []string{
	// English
	"domain is for sale", "domain may be for sale", "domain name is for sale", "domain is available for sale",
	"this domain is parked", "domain parking", "buy this domain", "is for sale!", "parked free",
	"inquire about this domain", "make an offer on this domain", "this domain has expired",
	"domain has expired", "renew this domain", "parked domain", "the domain name is for sale",
	"get this domain", "this domain name is available", "domain is listed for sale",
	// French
	"ce nom de domaine est à vendre", "ce domaine est à vendre", "domaine à vendre", "nom de domaine à vendre",
	"ce nom de domaine est en vente", "ce domaine a expiré",
	// German
	"diese domain steht zum verkauf", "diese domain kaufen", "diese domain ist zu verkaufen",
	"domain steht zum verkauf", "diese domain kann erworben werden", "diese domain ist geparkt",
	// Spanish, Portuguese, Italian, Dutch
	"este dominio está a la venta", "este dominio está en venta", "dominio en venta", "este dominio puede estar en venta",
	"este domínio está à venda", "domínio à venda", "questo dominio è in vendita", "dominio in vendita",
	"dit domein is te koop", "domeinnaam is te koop", "deze domeinnaam is te koop",
	// Polish, Russian, Japanese, Chinese
	"ta domena jest na sprzedaż", "domena na sprzedaż", "домен продается", "этот домен продаётся", "домен продаётся",
	"このドメインは販売中", "このドメインは売り物です", "该域名正在出售", "此域名出售", "域名出售",
}

// placeholderSignatures are the words of hosting placeholders: a default
// server page, a suspended account. Common words, so they mark only a
// page with next to no text whose title starts with them, or that has no
// title.
var placeholderSignatures = []string{
	"future home of something quite cool", "account suspended", "website is under construction",
	"default web site page", "welcome to nginx", "apache2 ubuntu default page", "apache2 debian default page",
	"it works!", "test page for the apache", "this site is parked",
	"site en construction", "webhosting default page", "hosting default page",
}

// parkingMarkup are pieces of the markup, scripts and links of the known
// parking services and domain marketplaces, lower-case: Sedo, Bodis,
// ParkingCrew, Afternic and GoDaddy, Dan.com, HugeDomains, Above,
// ParkLogic, Uniregistry, DomainMarket, and AdSense for domains (whose
// script only parking landers load). They mark a page wherever they are
// in its HTML.
var parkingMarkup = []string{
	"sedoparking.com", "img.sedoparking", "sedo.com/search/details", "sedo domain parking",
	"bodis.com", "bodiscdn", "parkingcrew.net", "parkingcrew.com",
	"afternic.com/forsale", "afternic.com/domain", "forsale.godaddy.com", "godaddy.com/domainsearch/find",
	"parked-content.godaddy.com", "img1.wsimg.com/parking-lander", "wsimg.com/parking",
	"//dan.com/", "dan.com/buy-domain", "hugedomains.com/domain_profile", "//www.hugedomains.com",
	"above.com/marketplace", "trafficcdn.liquidweb", "parklogic", "uniregistry.com/market",
	"domainmarket.com/buynow", "buydomains.com", "undeveloped.com", "domainnamesales.com",
	"adsense/domains/caf.js", "google.com/adsense/domains", "/parking-lander",
	"domain-parking", "domainparking",
}

// parkingHosts are the hosts of parking services and domain marketplaces:
// a link whose redirects end there points to a domain for sale.
var parkingHosts = []string{
	"sedo.com", "sedoparking.com", "bodis.com", "parkingcrew.net", "afternic.com", "dan.com",
	"hugedomains.com", "above.com", "buydomains.com", "domainmarket.com", "undeveloped.com",
	"uniregistry.com", "domainnamesales.com", "efty.com", "atom.com", "squadhelp.com", "brandbucket.com",
	"sav.com", "parklogic.com", "domainlore.com", "voodoo.com", "dynadot.com",
}

// jsLanderMarkers are the redirects of JavaScript-only parking landers: a
// near-empty page whose script sends the browser to the parking service's
// "/lander" path.
var jsLanderMarkers = []string{
	`"/lander"`, `'/lander'`, `/lander?`, `location.href="/lander`, `window.location.replace("/lander`,
}

// shortPageText is the most text (title, lead and paragraphs) a page may
// hold for the sale and placeholder words in its title or text to mark
// it, and smallPageText for its markup to: an article may quote them,
// be titled "The economics of domain parking" or link to a marketplace,
// while a parked page holds a few lines.
const (
	shortPageText = 600
	smallPageText = 2000
)

// Parked says why a page is a parked or for-sale domain, a parking lander
// or a hosting placeholder, or returns "" when it is not one. requested is
// the URL asked, final where the redirects ended (either may be empty),
// p the page extracted, body the HTML as served (nil when not at hand).
func Parked(requested, final string, p moisson.Page, body []byte) string {
	if why := parkedRedirect(requested, final); why != "" {
		return why
	}
	title := strings.ToLower(p.Title)
	text := strings.ToLower(p.Lead + " \n " + strings.Join(p.Paragraphs, " \n "))
	n := len([]rune(strings.TrimSpace(title + " " + text)))
	short, small := n <= shortPageText, n <= smallPageText
	for _, sig := range saleSignatures {
		if short && (strings.Contains(title, sig) || strings.Contains(text, sig)) {
			return "a parked or for-sale domain"
		}
	}
	// A placeholder's title is the placeholder's own words, or none: a
	// short news item titled "…: account suspended" is no placeholder.
	t := strings.TrimSpace(title)
	for _, sig := range placeholderSignatures {
		// Two words ("it works!", "account suspended") are the whole title.
		titled := t == sig || len(strings.Fields(sig)) > 2 && strings.HasPrefix(t, sig)
		if short && (titled || t == "" && strings.Contains(text, sig)) {
			return "a hosting placeholder"
		}
	}
	if len(body) == 0 || !small {
		return ""
	}
	head := bytes.ToLower(body[:min(len(body), 64<<10)])
	for _, sig := range parkingMarkup {
		if bytes.Contains(head, []byte(sig)) {
			return "a parked domain (" + strings.Trim(sig, "/.") + ")"
		}
	}
	if short {
		for _, m := range jsLanderMarkers {
			if bytes.Contains(head, []byte(m)) {
				return "a parked domain (a JavaScript lander)"
			}
		}
		// A page whose words are only in its markup (a lander that
		// writes itself with a script): the sale words anywhere.
		for _, sig := range saleSignatures {
			if bytes.Contains(head, []byte(sig)) {
				return "a parked or for-sale domain"
			}
		}
	}
	return ""
}

// parkedRedirect says why a link whose redirects went from requested to
// final was sent to a parking service or a domain marketplace.
func parkedRedirect(requested, final string) string {
	f, err := url.Parse(final)
	if err != nil || f.Host == "" {
		return ""
	}
	fh := strings.TrimPrefix(strings.ToLower(f.Hostname()), "www.")
	rh := ""
	if r, err := url.Parse(requested); err == nil {
		rh = strings.TrimPrefix(strings.ToLower(r.Hostname()), "www.")
	}
	if fh == rh {
		return ""
	}
	for _, h := range parkingHosts {
		if fh == h || strings.HasSuffix(fh, "."+h) {
			return "a domain for sale (sent to " + h + ")"
		}
	}
	return ""
}
