package review

import "fmt"

// messages is the page's catalog: one string per key and language. A key
// missing from a language falls back to French, then to the key itself.
var messages = map[string]map[string]string{
	"fr": {
		"weeks": "Semaines", "status": "État du bot", "logout": "Déconnexion",
		"current": "semaine en cours", "week": "Semaine", "state": "État",
		"links": "liens", "hidden_n": "masqués", "failed_n": "en échec", "edits": "modifications",
		"links_1": "lien", "hidden_n_1": "masqué", "failed_n_1": "en échec", "edits_1": "modification",
		"publish_at": "se publie seule le", "published_at": "publiée le", "drafted_at": "écrite en brouillon le", "none": "aucune",
		"state_open": "en cours", "state_pending": "en attente", "state_draft": "brouillon",
		"state_published": "publiée", "state_conflict": "fichier modifié à la main", "state_empty": "vide",
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
		"open": "Ouvrir", "reason": "Pourquoi",
	},
	"en": {
		"weeks": "Weeks", "status": "Bot status", "logout": "Log out",
		"current": "current week", "week": "Week", "state": "State",
		"links": "links", "hidden_n": "hidden", "failed_n": "failed", "edits": "edits",
		"links_1": "link", "hidden_n_1": "hidden", "failed_n_1": "failed", "edits_1": "edit",
		"publish_at": "publishes itself on", "published_at": "published on", "drafted_at": "written as a draft on", "none": "none",
		"state_open": "open", "state_pending": "pending", "state_draft": "draft",
		"state_published": "published", "state_conflict": "file edited by hand", "state_empty": "empty",
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
		"open": "Open", "reason": "Why",
	},
}

// msg returns the message key in lang, formatted with args.
func msg(lang, key string, args ...any) string {
	m, ok := messages[lang][key]
	if !ok {
		if m, ok = messages["fr"][key]; !ok {
			m = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

// hasMsg reports whether key is in the catalog.
func hasMsg(key string) bool {
	_, ok := messages["fr"][key]
	return ok
}

// The months, for dates in French without a library.
var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
