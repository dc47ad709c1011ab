package review

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/moisson/moisson/digest"
)

// messages is the page's catalog: one string per key and language. Every
// key is in both languages (TestCatalog fails otherwise). A count's noun
// has two keys: "links" for the plural and "links_1" for the singular,
// picked by plural (French says "0 lien", English "0 links").
var messages = map[string]map[string]string{
	"fr": {
		"weeks": "Semaines", "status": "État du bot", "logout": "Déconnexion",
		"current": "semaine en cours", "week": "Semaine", "state": "État",
		"links": "liens", "hidden_n": "masqués", "failed_n": "en échec", "edits": "modifications",
		"links_1": "lien", "hidden_n_1": "masqué", "failed_n_1": "en échec", "edits_1": "modification",
		"publish_at": "se publie seule le", "published_at": "publiée le", "drafted_at": "écrite en brouillon le", "none": "aucune",
		"cutoff": "clôture", "closed_at": "close le",
		"state_open": "en cours", "state_pending": "en attente", "state_draft": "brouillon",
		"state_published": "publiée", "state_conflict": "fichier modifié à la main", "state_empty": "vide",
		"state_unpushed": "écrite, pas poussée", "written_at": "écrite le",
		"hide": "Masquer", "show": "Afficher", "title": "Titre", "lead": "Chapeau",
		"section": "Section", "new_section": "ou une nouvelle section", "comment": "Commentaire",
		"save": "Enregistrer", "move": "Déplacer", "up": "Monter", "down": "Descendre", "edit": "Modifier",
		"paragraphs": "Prendre un autre paragraphe de la page", "use": "Prendre ce paragraphe",
		"add_link": "Ajouter un lien", "url": "Adresse", "add": "Ajouter",
		"regenerate": "Régénérer", "refresh": "relire toutes les pages", "force": "écraser le fichier modifié à la main",
		"publish": "Approuver et publier", "hold": "Retenir", "release": "Libérer", "held": "retenue",
		"approved": "approuvée", "undo": "Annuler la dernière modification", "intro": "Introduction",
		"log": "Journal des modifications", "preview": "Aperçu", "markdown": "Markdown",
		"shared": "Partagé le %s (%s)", "via": "via %s",
		"src_x": "X", "src_bluesky": "Bluesky", "src_mastodon": "Mastodon", "src_feed": "flux %s",
		"src_hand": "ajouté à la main", "src_archive": "archive X",
		"page_ok": "page lue", "page_failed": "échec : %s", "page_wayback": "prise dans la Wayback Machine",
		"page_none": "pas encore lue", "page_meta": "chapeau tiré de la description",
		"hidden_entries": "Liens masqués", "no_entries": "Aucun lien cette semaine.",
		"edited": "modifié", "by": "par",
		"done_hide": "Lien masqué.", "done_show": "Lien rétabli.", "done_title": "Titre enregistré.",
		"done_lead": "Chapeau enregistré.", "done_category": "Lien déplacé.", "done_comment": "Commentaire enregistré.",
		"done_up": "Lien monté.", "done_down": "Lien descendu.", "done_add": "Lien ajouté.",
		"done_hold": "Semaine retenue.", "done_release": "Semaine libérée.", "done_intro": "Introduction enregistrée.",
		"done_undo": "Dernière modification annulée.", "done_regenerate": "Semaine régénérée.",
		"done_publish": "Semaine approuvée et publiée.",
		"sources":      "Sources", "position": "Position", "last_read": "Dernière lecture", "last_error": "Dernière erreur",
		"counts":       "Posts : %d, liens : %d, pages : %d, en attente : %d, en échec : %d",
		"failed_links": "Liens en échec", "next_cutoff": "Prochaine clôture", "last_publication": "Dernière publication",
		"warnings": "Avertissements", "pending_weeks": "Semaines en attente", "settings": "Réglages",
		"link_check":    "Vérification des liens publiés",
		"lc_figures":    "%d vérifiés, %d disparus (%d remplacés par une archive, %d sans archive), %d incertains, %d revenus",
		"wayback_queue": "File de la Wayback Machine",
		"wb_figures":    "%d en attente, ~%s s prévues, %d envoyées (%d refusées pour débit)",
		"wb_paused":     "en pause jusqu'au",
		"store":         "Base", "daemon": "processus en marche",
		"login": "Connexion", "token": "Jeton (MOISSON_UI_TOKEN)", "wrong_token": "Jeton incorrect.", "enter": "Entrer",
		"error": "Erreur", "back": "Retour", "keys": "Clavier : j/k lien suivant/précédent, h masquer/afficher, u annuler.",
		"open": "Ouvrir", "reason": "Pourquoi", "detail": "Détail technique",
		"err_400": "Cette demande n'est pas valide.", "err_403": "Cette demande est refusée.",
		"err_404":         "Introuvable : la semaine ou le lien n'existe pas.",
		"err_409":         "Impossible dans l'état de la semaine (déjà publiée, ou fichier modifié à la main).",
		"err_500":         "Une erreur interne a empêché la modification ; rien n'a été perdu, le journal du processus dit pourquoi.",
		"err_503":         "La demande a été interrompue ; réessayez.",
		"err_week_id":     "« %s » n'est pas une semaine (2014-W40).",
		"err_which_entry": "Quel lien ? (%s)", "err_key_long": "La clé du lien est trop longue.",
		"err_week_action": "« %s » porte sur la semaine, pas sur un lien.", "err_action": "Action inconnue : « %s ».",
		"err_utf8": "Texte illisible (pas en UTF-8).", "err_add_only": "La section et le commentaire vont avec « ajouter ».",
		"err_no_value": "« %s » ne prend pas de valeur.", "err_one_line": "%s : une seule ligne.",
		"err_too_long": "%s : plus de %d caractères.", "err_url": "« %s » n'est pas une adresse http(s).",
		"f_title": "Titre", "f_lead": "Chapeau", "f_category": "Section", "f_comment": "Commentaire", "f_intro": "Introduction",
		"f_section": "Section",
		"place":     "Place dans la section", "hidden_box": "masqué (hors du billet)", "unsaved": "Modifications non enregistrées",
		"check_title": "titre à vérifier", "check_lead": "chapeau à vérifier", "keep_lead": "Garder le chapeau ci-dessus",
		"show_all": "Montrer tous les liens (%d)", "only_check": "Ne montrer que les titres et chapeaux à vérifier (%d)",
		"preview_open": "Ouvrir l'aperçu", "done_save": "Lien enregistré.", "err_para": "Ce paragraphe n'existe pas.",
		"act_save": "enregistré", "act_hide": "masqué", "act_show": "rétabli", "act_title": "titre", "act_lead": "chapeau",
		"act_category": "section", "act_comment": "commentaire", "act_up": "monté", "act_down": "descendu", "act_move": "déplacé",
		"act_add": "ajouté", "act_hold": "retenue", "act_release": "libérée", "act_intro": "introduction", "act_undo": "annulation",
		"act_regenerate": "régénérée", "act_publish": "publiée", "act_approve": "approuvée",
		"state_scheduled": "programmée", "publish_early": "Publier maintenant…", "close_publish": "Clore la semaine et publier",
		"confirm_close": "La semaine se clôt %s ; la publier maintenant et la clore ?", "cancel": "Annuler",
		"done_publish_early": "Semaine close et publiée.", "act_close": "close", "act_publish_early": "close et publiée",
		"reason_held": "retenue par l'auteur", "reason_not_written": "pas encore écrite",
		"reason_retry":    "tout n'a pas pu être fait (nouvel essai au prochain tour) : %s",
		"reason_unpushed": "git a refusé l'envoi (%s, nouvel essai automatique) : %s", "attempts": "tentatives", "attempts_1": "tentative",
		"page_textfrom": "derrière un mur anti-robots : texte pris dans la Wayback Machine", "page_blocked": "bloquée (%s)",
		"page_unreachable": "serveur injoignable", "page_status": "la page répond %d", "page_error": "lecture impossible (détail : %s)",
		"wall_consent": "bandeau de consentement", "wall_challenge": "vérification anti-robots", "wall_login": "connexion demandée",
		"wall_paywall": "accès payant", "wall_js-shell": "page faite en JavaScript",
		"by_cli": "ligne de commande", "fld_title": "titre", "fld_lead": "chapeau", "fld_comment": "commentaire",
		"fld_category": "section", "fld_hide": "masqué", "fld_show": "rétabli", "fld_order": "place",
		"warn_draft": "semaine %s : brouillon en attente d'approbation", "warn_week": "semaine %s : %s",
		"warn_no_source": "aucune source configurée : renseignez %s", "warn_unreadable": "%s : %s posts dont les liens n'ont pu être lus (chacun dans le journal avec son id)",
		"warn_x_limit":  "API X : la limite mensuelle de posts lus (%s) est atteinte ; lecture arrêtée jusqu'au mois prochain (relever MOISSON_X_MAX_POSTS_PER_MONTH pour lire maintenant)",
		"err_save_only": "Le titre, le chapeau, « masqué » et la place vont avec « enregistrer ».",
		"err_position":  "La place dans la section va de 1 à %d.",
		// A post file edited by hand (weekly.Service.Conflict, Resolve).
		"conflict_title": "Fichier modifié à la main", "conflict_see": "Voir les différences et choisir", "frozen": "figée (fichier gardé)",
		"conflict_reason_hand":        "%s a été modifié à la main depuis que moisson l'a écrit (%s) : gardé tel quel",
		"conflict_reason_remote":      "%s a été modifié sur le dépôt distant depuis que moisson l'a écrit (%s) : gardé tel quel",
		"conflict_reason_remote_kept": "%s a été modifié sur le dépôt distant, en conflit avec la nouvelle version de moisson (%s) : la version du dépôt distant est gardée comme modification à la main",
		"conflict_reason_short":       "modifié à la main depuis que moisson l'a écrit",
		"conflict_none":               "Le fichier est celui que moisson a écrit : rien à choisir.",
		"conflict_frozen":             "Semaine figée : vous avez gardé ce fichier, moisson ne l'écrit plus tant que vous ne choisissez pas de l'écraser.",
		"conflict_diff":               "Le fichier comparé à ce que moisson écrirait", "conflict_counts": "+%d −%d lignes",
		"conflict_legend": "Lignes « + » : seulement dans le fichier ; lignes « − » : seulement dans la version de moisson.",
		"conflict_old":    "moisson", "conflict_new": "fichier", "conflict_line": "ligne",
		"conflict_keep":             "Garder le fichier",
		"conflict_keep_exact":       "Tout ce qui a changé devient des modifications de la semaine (titres, chapeaux, commentaires, liens masqués, sections, ordre, introduction) : rien n'est perdu, et moisson réécrit ensuite la semaine avec elles.",
		"conflict_keep_frozen":      "Une partie du fichier ne se traduit pas en modifications : la semaine sera figée. Le fichier reste tel quel, moisson ne l'écrit plus jusqu'à ce que vous choisissiez de l'écraser. Ce qui se traduit est gardé aussi :",
		"conflict_unmapped":         "Ce qui ne se traduit pas en modifications",
		"conflict_keep_button":      "Garder le fichier",
		"conflict_overwrite":        "Écraser le fichier",
		"conflict_overwrite_says":   "Écrire la version de moisson à la place du fichier : les changements faits à la main dans le fichier sont perdus.",
		"conflict_overwrite_button": "Écraser avec la version de moisson",
		"done_keep":                 "Fichier gardé.", "done_overwrite": "Fichier écrasé par la version de moisson.",
		"act_keep": "fichier gardé", "act_overwrite": "fichier écrasé",
		"rb_colon": " : ", "rb_title": "titre", "rb_lead": "chapeau", "rb_comment": "commentaire", "rb_hidden": "masqué",
		"rb_shown": "rétabli", "rb_intro": "introduction", "rb_order": "ordre des liens", "rb_sections_order": "ordre des sections",
		"rb_section_renamed": "section renommée", "rb_section": "déplacé dans la section",
		// The post that shared a link; links shared in an earlier week.
		"see_post": "voir le post", "shared_in": "déjà partagé en semaine", "published_in": "déjà publié en semaine",
		"once": "Ne plus le lister", "again": "Le lister de nouveau",
		// A linked page's Webmention; the status's counts.
		"mention_accepted": "Webmention acceptée par la page le %s", "mention_sent": "Webmention envoyée le %s (la page la traitera plus tard)",
		"mention_no_endpoint": "pas de Webmention : la page n'en reçoit pas", "mention_failed": "Webmention en échec (%s) : nouvel essai le %s",
		"mention_given_up": "Webmention abandonnée après %d essais (%s)", "mention_unknown": "raison inconnue",
		"wm_figures": "%d acceptées, %d envoyées, %d pages sans réception, %d à réessayer, %d abandonnées", "wm_title": "Webmentions",
		"shared_before":      "Déjà partagés",
		"shared_before_says": "Ces liens ont déjà été partagés une semaine précédente : ils sont laissés de côté, sauf si vous les listez de nouveau.",
		"done_again":         "Lien listé de nouveau.", "done_once": "Lien laissé de côté.",
		"act_again": "listé de nouveau", "act_once": "laissé de côté",
		// The sections editor; a link added that is already in another week.
		"sections": "Sections : renommer, réordonner, créer", "sections_order": "Ordre", "sections_new": "nouvelle section",
		"done_sections": "Sections enregistrées.", "act_sections": "sections",
		"elsewhere_in":   "Ce lien est déjà dans la semaine",
		"elsewhere_move": "Le déplacer ici", "elsewhere_both": "Le garder dans les deux",
	},
	"en": {
		"weeks": "Weeks", "status": "Bot status", "logout": "Log out",
		"current": "current week", "week": "Week", "state": "State",
		"links": "links", "hidden_n": "hidden", "failed_n": "failed", "edits": "edits",
		"links_1": "link", "hidden_n_1": "hidden", "failed_n_1": "failed", "edits_1": "edit",
		"publish_at": "publishes itself on", "published_at": "published on", "drafted_at": "written as a draft on", "none": "none",
		"cutoff": "cutoff", "closed_at": "closed on",
		"state_open": "open", "state_pending": "pending", "state_draft": "draft",
		"state_published": "published", "state_conflict": "file edited by hand", "state_empty": "empty",
		"state_unpushed": "written, not pushed", "written_at": "written on",
		"hide": "Hide", "show": "Show", "title": "Title", "lead": "Lead",
		"section": "Section", "new_section": "or a new section", "comment": "Comment",
		"save": "Save", "move": "Move", "up": "Up", "down": "Down", "edit": "Edit",
		"paragraphs": "Pick another paragraph of the page", "use": "Use this paragraph",
		"add_link": "Add a link", "url": "URL", "add": "Add",
		"regenerate": "Regenerate", "refresh": "fetch every page again", "force": "overwrite the file edited by hand",
		"publish": "Approve and publish", "hold": "Hold", "release": "Release", "held": "held",
		"approved": "approved", "undo": "Undo the last edit", "intro": "Introduction",
		"log": "Edit log", "preview": "Preview", "markdown": "Markdown",
		"shared": "Shared on %s (%s)", "via": "via %s",
		"src_x": "X", "src_bluesky": "Bluesky", "src_mastodon": "Mastodon", "src_feed": "feed %s",
		"src_hand": "added by hand", "src_archive": "X archive",
		"page_ok": "page read", "page_failed": "failed: %s", "page_wayback": "taken from the Wayback Machine",
		"page_none": "not read yet", "page_meta": "lead from the description",
		"hidden_entries": "Hidden links", "no_entries": "No links this week.",
		"edited": "edited", "by": "by",
		"done_hide": "Link hidden.", "done_show": "Link shown again.", "done_title": "Title saved.",
		"done_lead": "Lead saved.", "done_category": "Link moved.", "done_comment": "Comment saved.",
		"done_up": "Link moved up.", "done_down": "Link moved down.", "done_add": "Link added.",
		"done_hold": "Week held.", "done_release": "Week released.", "done_intro": "Introduction saved.",
		"done_undo": "Last edit undone.", "done_regenerate": "Week regenerated.",
		"done_publish": "Week approved and published.",
		"sources":      "Sources", "position": "Position", "last_read": "Last read", "last_error": "Last error",
		"counts":       "Posts: %d, links: %d, pages: %d, pending: %d, failed: %d",
		"failed_links": "Failed links", "next_cutoff": "Next cutoff", "last_publication": "Last publication",
		"warnings": "Warnings", "pending_weeks": "Pending weeks", "settings": "Settings",
		"link_check":    "Published links checked",
		"lc_figures":    "%d checked, %d gone (%d rescued, %d not archived), %d unknown, %d restored",
		"wayback_queue": "Wayback Machine queue",
		"wb_figures":    "%d queued, ~%s s expected, %d sent (%d throttled)",
		"wb_paused":     "paused until",
		"store":         "Store", "daemon": "daemon running",
		"login": "Log in", "token": "Token (MOISSON_UI_TOKEN)", "wrong_token": "Wrong token.", "enter": "Enter",
		"error": "Error", "back": "Back", "keys": "Keys: j/k next/previous link, h hide/show, u undo.",
		"open": "Open", "reason": "Why", "detail": "Technical detail",
		"err_400": "This request is not valid.", "err_403": "This request is refused.",
		"err_404":         "Not found: the week or the link does not exist.",
		"err_409":         "Not possible in the week's state (already published, or its file edited by hand).",
		"err_500":         "An internal error stopped the change; nothing was lost, the process's log says why.",
		"err_503":         "The request was interrupted; try again.",
		"err_week_id":     "%q is not a week (2014-W40).",
		"err_which_entry": "Which link? (%s)", "err_key_long": "The link's key is too long.",
		"err_week_action": "%q is a change to the week, not to a link.", "err_action": "Unknown action %q.",
		"err_utf8": "Unreadable text (not UTF-8).", "err_add_only": "Section and comment go with \"add\".",
		"err_no_value": "%q takes no value.", "err_one_line": "%s: one line only.",
		"err_too_long": "%s: longer than %d characters.", "err_url": "%q is not an http(s) URL.",
		"f_title": "Title", "f_lead": "Lead", "f_category": "Section", "f_comment": "Comment", "f_intro": "Introduction",
		"f_section": "Section",
		"place":     "Place in the section", "hidden_box": "hidden (left out of the post)", "unsaved": "Unsaved changes",
		"check_title": "check this title", "check_lead": "check this lead", "keep_lead": "Keep the lead above",
		"show_all": "Show every link (%d)", "only_check": "Show only the titles and leads to check (%d)",
		"preview_open": "Open the preview", "done_save": "Link saved.", "err_para": "No such paragraph.",
		"act_save": "saved", "act_hide": "hidden", "act_show": "shown", "act_title": "title", "act_lead": "lead",
		"act_category": "section", "act_comment": "comment", "act_up": "up", "act_down": "down", "act_move": "moved",
		"act_add": "added", "act_hold": "held", "act_release": "released", "act_intro": "introduction", "act_undo": "undo",
		"act_regenerate": "regenerated", "act_publish": "published", "act_approve": "approved",
		"state_scheduled": "scheduled", "publish_early": "Publish now…", "close_publish": "Close the week and publish",
		"confirm_close": "The week closes %s; publish it now and close it?", "cancel": "Cancel",
		"done_publish_early": "Week closed and published.", "act_close": "closed", "act_publish_early": "closed and published",
		"reason_held": "held by the author", "reason_not_written": "not written yet",
		"reason_retry":    "not everything could be done (tried again next time): %s",
		"reason_unpushed": "git refused the push (%s, tried again by itself): %s", "attempts": "attempts", "attempts_1": "attempt",
		"page_textfrom": "behind a bot wall: text taken from the Wayback Machine", "page_blocked": "blocked (%s)",
		"page_unreachable": "server unreachable", "page_status": "the page answers %d", "page_error": "could not be read (detail: %s)",
		"wall_consent": "consent banner", "wall_challenge": "bot check", "wall_login": "login required",
		"wall_paywall": "paywall", "wall_js-shell": "page made in JavaScript",
		"by_cli": "command line", "fld_title": "title", "fld_lead": "lead", "fld_comment": "comment",
		"fld_category": "section", "fld_hide": "hidden", "fld_show": "shown", "fld_order": "place",
		"warn_draft": "week %s: draft waiting for approval", "warn_week": "week %s: %s",
		"warn_no_source": "no source configured: set %s", "warn_unreadable": "%s: %s posts whose links could not be read (each logged with its id)",
		"warn_x_limit":  "X API: the monthly limit of posts read (%s) is reached: reads stopped until next month (raise MOISSON_X_MAX_POSTS_PER_MONTH to read now)",
		"err_save_only": "Title, lead, hidden and place go with \"save\".",
		"err_position":  "The place in the section goes from 1 to %d.",
		// A post file edited by hand (weekly.Service.Conflict, Resolve).
		"conflict_title": "File edited by hand", "conflict_see": "See the differences and choose", "frozen": "frozen (file kept)",
		"conflict_reason_hand":        "%s was edited by hand since moisson wrote it (%s): kept as it is",
		"conflict_reason_remote":      "%s was changed on the remote since moisson wrote it (%s): kept as it is",
		"conflict_reason_remote_kept": "%s was changed on the remote and conflicted with moisson's new version (%s): the remote's version kept as a hand edit",
		"conflict_reason_short":       "edited by hand since moisson wrote it",
		"conflict_none":               "The file is the one moisson wrote: nothing to choose.",
		"conflict_frozen":             "Week frozen: you kept this file, moisson no longer writes it until you choose to overwrite it.",
		"conflict_diff":               "The file compared with what moisson would write", "conflict_counts": "+%d −%d lines",
		"conflict_legend": "\"+\" lines: only in the file; \"−\" lines: only in moisson's version.",
		"conflict_old":    "moisson", "conflict_new": "file", "conflict_line": "line",
		"conflict_keep":             "Keep the file",
		"conflict_keep_exact":       "Everything that changed becomes the week's edits (titles, leads, comments, hidden links, sections, order, introduction): nothing is lost, and moisson then writes the week with them.",
		"conflict_keep_frozen":      "Part of the file does not map to edits: the week will be frozen. The file stays as it is, and moisson no longer writes it until you choose to overwrite it. What maps is kept too:",
		"conflict_unmapped":         "What does not map to edits",
		"conflict_keep_button":      "Keep the file",
		"conflict_overwrite":        "Overwrite the file",
		"conflict_overwrite_says":   "Write moisson's version in place of the file: the changes made by hand in the file are lost.",
		"conflict_overwrite_button": "Overwrite with moisson's version",
		"done_keep":                 "File kept.", "done_overwrite": "File overwritten with moisson's version.",
		"act_keep": "file kept", "act_overwrite": "file overwritten",
		"rb_colon": ": ", "rb_title": "title", "rb_lead": "lead", "rb_comment": "comment", "rb_hidden": "hidden",
		"rb_shown": "shown", "rb_intro": "introduction", "rb_order": "order of the links", "rb_sections_order": "order of the sections",
		"rb_section_renamed": "section renamed", "rb_section": "moved to the section",
		// The post that shared a link; links shared in an earlier week.
		"see_post": "see the post", "shared_in": "already shared in week", "published_in": "already published in week",
		"once": "Leave it out", "again": "List it again",
		// A linked page's Webmention; the status's counts.
		"mention_accepted": "Webmention accepted by the page on %s", "mention_sent": "Webmention sent on %s (the page will process it later)",
		"mention_no_endpoint": "no Webmention: the page takes none", "mention_failed": "Webmention failed (%s): tried again on %s",
		"mention_given_up": "Webmention given up after %d attempts (%s)", "mention_unknown": "unknown reason",
		"wm_figures": "%d accepted, %d sent, %d pages that take none, %d to retry, %d given up", "wm_title": "Webmentions",
		"shared_before":      "Shared before",
		"shared_before_says": "These links were already shared in an earlier week: they are left out, unless you list them again.",
		"done_again":         "Link listed again.", "done_once": "Link left out.",
		"act_again": "listed again", "act_once": "left out",
		// The sections editor; a link added that is already in another week.
		"sections": "Sections: rename, reorder, create", "sections_order": "Order", "sections_new": "new section",
		"done_sections": "Sections saved.", "act_sections": "sections",
		"elsewhere_in":   "This link is already in week",
		"elsewhere_move": "Move it here", "elsewhere_both": "Keep it in both",
	},
}

// msg returns the message key in lang, formatted with args (a field
// argument is translated too). A key missing from a language falls back
// to French, then to the key itself; TestCatalog sees that none is.
func msg(lang, key string, args ...any) string {
	m, ok := messages[lang][key]
	if !ok {
		if m, ok = messages["fr"][key]; !ok {
			m = key
		}
	}
	if len(args) > 0 {
		shown := make([]any, len(args))
		for i, a := range args {
			shown[i] = a
			if f, ok := a.(field); ok {
				shown[i] = msg(lang, "f_"+string(f))
			}
		}
		return fmt.Sprintf(m, shown...)
	}
	return m
}

// hasMsg reports whether key is in the catalog.
func hasMsg(key string) bool {
	_, ok := messages["fr"][key]
	return ok
}

// plural reports whether n takes the plural noun in lang: French counts
// 0 and 1 as singular ("0 lien", "1 lien", "2 liens"), English only 1.
func plural(lang string, n int) bool {
	if lang == "fr" {
		return n < -1 || n > 1
	}
	return n != 1
}

// count is n and its noun in lang: the key's plural, or its "_1" form.
func count(lang string, n int, key string) string {
	if !plural(lang, n) {
		key += "_1"
	}
	return fmt.Sprintf("%d %s", n, msg(lang, key))
}

// field names a form field in a Problem's arguments: msg translates it
// ("f_title").
type field string

// Problem is an error the author can read in the page's language: Key is
// its message in the catalog, Args fill it. It wraps Kind (ErrInvalid,
// ErrConflict) for the status; its Error is the English message, for the
// API and the logs.
type Problem struct {
	Kind error
	Key  string
	Args []any
}

func (p *Problem) Error() string {
	return fmt.Sprintf("%s: %s", p.Kind, strings.TrimSuffix(msg("en", p.Key, p.Args...), "."))
}

func (p *Problem) Unwrap() error { return p.Kind }

// say is err as the page says it in lang: a Problem's own message, or
// the sentence of its status, and the technical detail (the error's text,
// secrets hidden) when it is not a Problem.
func say(lang string, err error) (sentence, detail string) {
	var p *Problem
	if errors.As(err, &p) {
		return msg(lang, p.Key, p.Args...), ""
	}
	key := fmt.Sprintf("err_%d", errStatus(err))
	if !hasMsg(key) {
		key = "err_500"
	}
	return msg(lang, key), err.Error()
}

// sourceLabel says where a post was read, from its Link.PostKey
// ("x/123", "feed:https://example.org/feed.xml/guid", "bluesky/at://…"):
// "X", "flux example.org". The key's source part cannot be cut at the
// first "/" (a feed's is a URL).
func sourceLabel(lang, postKey string) string {
	switch {
	case postKey == "":
		return ""
	case strings.HasPrefix(postKey, "feed:"):
		rest := strings.TrimPrefix(postKey, "feed:")
		if u, err := url.Parse(rest); err == nil && u.Host != "" {
			return msg(lang, "src_feed", strings.TrimPrefix(u.Hostname(), "www."))
		}
		return msg(lang, "src_feed", "")
	}
	switch src := digest.SourceOf(postKey); src {
	case digest.SourceX, "x-v1.1":
		return msg(lang, "src_x")
	case "archive":
		return msg(lang, "src_archive")
	case digest.SourceBluesky, digest.SourceMastodon, digest.SourceHand:
		return msg(lang, "src_"+src)
	default:
		return src
	}
}

// The months and days, for dates in French without a library.
var (
	monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	daysFR   = [...]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
)

// weekday is t's day's short name in lang.
func weekday(lang string, t time.Time) string {
	if lang == "fr" {
		return daysFR[t.Weekday()]
	}
	return t.Format("Mon")
}
