# Was das Board antwortet, wenn es etwas ablehnt, und seine Fehlerseiten.

## Fehlerseiten

error-page-400 = Ungültige Anfrage
error-page-401 = Bitte melde dich an
error-page-403 = Nicht erlaubt
error-page-404 = Seite nicht gefunden
error-page-405 = Hier nicht möglich
error-page-409 = Das geht gerade nicht
error-page-413 = Zu groß
error-page-422 = Bitte prüfe deine Eingabe
error-page-429 = Etwas langsamer, bitte
error-page-503 = Noch nicht bereit
error-page-other = Etwas ist schiefgegangen
error-page-log-in = Anmelden
error-page-back = Zurück zum Board
error-page-status = Fehler { $status }

## Warum eine Anfrage scheiterte

problem-validation = Bitte korrigiere: { $errors }
problem-unauthorized = Melde dich an (oder sende ein gültiges API-Token), um das zu tun.
problem-invalid-credentials = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.
problem-not-found = Hier gibt es nichts.
problem-rate-limited = Zu viele Versuche. Versuche es in { $seconds } Sekunden wieder.
problem-unavailable = Der Dienst ist noch nicht bereit. Versuche es gleich noch einmal.
problem-internal = Bei uns ist etwas schiefgegangen. Es wurde protokolliert.
problem-csrf = Dieses Formular ist abgelaufen oder kam nicht von dieser Seite. Geh zurück, lade die Seite neu und versuche es noch einmal.
problem-session-ended = Du bist nicht mehr angemeldet: Deine Sitzung ist beendet. Melde dich an und versuche es dann noch einmal.
problem-too-large = Diese Anfrage ist zu groß.
problem-no-route = Diese API-Route gibt es nicht; /api/openapi.json listet alle.
problem-method = Diese Adresse nimmt solche Anfragen nicht an.

## Ablehnungen

refused-permission = Dazu hast du keine Berechtigung.
refused-banned = Dein Konto ist gesperrt: Du kannst lesen, aber nicht mitmachen.
refused-ban = Administratoren und du selbst können nicht gesperrt werden.
refused-vote-merged = Diese Idee wurde mit einer anderen zusammengeführt; stimme dort ab.
refused-voting-closed = Für Ideen mit dem Status „{ $status }“ ist die Abstimmung geschlossen.
refused-comment-merged = Diese Idee wurde mit einer anderen zusammengeführt; kommentiere dort.
refused-comments-locked = Die Kommentare zu dieser Idee sind gesperrt.
refused-comment-not-yours = Du kannst nur deine eigenen Kommentare ändern.
refused-reply-parent = Du kannst nur auf einen sichtbaren Kommentar der obersten Ebene dieser Idee antworten.
refused-edit = Nur die Autorin oder der Autor kann eine Idee bearbeiten, und nur, bis andere abgestimmt oder kommentiert haben.
refused-edit-not-author = Nur die Autorin oder der Autor kann eine Idee bearbeiten.
refused-edit-too-late = Diese Idee kann nicht mehr bearbeitet werden: Andere haben schon abgestimmt oder kommentiert.
refused-status-merged = Diese Idee wurde zusammengeführt; ändere den Status der Idee, in die sie aufging.
refused-status-already = Die Idee hat schon den Status „{ $status }“.
refused-status-exists = Einen Status „{ $slug }“ gibt es schon.
refused-status-required = Neue Ideen beginnen in diesem Status; er kann nicht stillgelegt werden.
refused-status-in-use = Dieser Status wird verwendet; lege ihn stattdessen still.
refused-status-kind = Die Art ist open, active, completed, declined oder closed.
refused-tag-exists = Ein Schlagwort „{ $slug }“ gibt es schon.
refused-color = Eine Farbe hat die Form #rgb oder #rrggbb.
refused-no-status = Es gibt keinen Status „{ $slug }“.
refused-no-tag = Es gibt kein Schlagwort „{ $slug }“.
refused-no-idea = Es gibt keine Idee #{ $number }.
refused-no-account = Zu dieser Adresse gibt es kein Konto.
refused-merge-self = Eine Idee kann nicht mit sich selbst zusammengeführt werden.
refused-merge-source-merged = Diese Idee ist schon mit einer anderen zusammengeführt.
refused-merge-target-merged = Die Zielidee ist selbst zusammengeführt; führe mit der Idee zusammen, auf die sie zeigt.
refused-merge-into = Gib die Nummer der Idee ein, mit der zusammengeführt werden soll.
refused-not-merged = Diese Idee ist nicht zusammengeführt.
refused-target-merged = #{ $number } wurde inzwischen zusammengeführt; hebe dort zuerst die Zusammenführung auf.
refused-flagged-already = Du hast das schon gemeldet.
refused-flags-target = Nenne die Idee oder den Kommentar, dessen Meldungen du erledigst.
refused-reason-empty = Gib einen Grund an; er kommt ins Protokoll.
refused-email-taken = Ein Konto mit dieser E-Mail-Adresse gibt es schon. Melde dich an oder setze dein Passwort zurück.
refused-current-password = Das ist nicht dein aktuelles Passwort.
refused-same-password = Wähle ein anderes Passwort als das aktuelle.
refused-own-admin-role = Du kannst dir die Administratorrolle nicht selbst nehmen; bitte eine andere Administratorin oder einen anderen Administrator.
refused-notification-choice = Wähle „Nie“, „Sofort“ oder „Tägliche Zusammenfassung“.
refused-page = Seiten beginnen bei 1.
refused-per-page = Wähle 1 bis { $max } Ideen pro Seite.
refused-whole-number = Gib eine ganze Zahl ein.
refused-yes-or-no = Gib true oder false an.
refused-days = Wähle eine Zahl von Tagen zwischen 1 und { $max }.
refused-rate-not-asked = Nur wer die Idee eingereicht oder über sie abgestimmt hat, sagt, ob die Antwort geholfen hat.
refused-rate-own = Diese Antwort stammt von dir: Ob sie geholfen hat, sagen die Fragenden.
refused-date = Gib ein Datum wie 2026-01-31 ein.
refused-period-choice = Wähle 30, 90 oder 365 Tage oder gib einen ersten und einen letzten Tag an.
refused-period-order = Der Zeitraum muss an oder vor seinem letzten Tag beginnen.
refused-period-length = Ein Zeitraum darf höchstens { $days } Tage lang sein.
refused-sort = Sortiere nach popular, top, trending, new oder discussed.
refused-limit = Gib 0 für alles oder eine positive Zahl ein.
refused-form-unread = Das Formular konnte nicht gelesen werden.
refused-form-unreadable = Das Formular konnte nicht gelesen werden: { $detail }
refused-query-unreadable = Die Parameter der Adresse konnten nicht gelesen werden: { $detail }
refused-demo-not-empty = Das Board hat schon Ideen; die Demo braucht eine leere Datenbank.
refused-seed-not-empty = Das Board hat schon Ideen; fülle eine leere Datenbank.
refused-seed-size = Zum Füllen braucht es mindestens ein Konto und Ideen für Stimmen oder Kommentare.
refused-feed-language = Einen Feed in „{ $tag }“ gibt es nicht; frage nach einer dieser Sprachen: { $spoken }.
refused-status-position = Eine Position ist eine ganze Zahl von 0 bis { $max }.
refused-status-name = Ein Statusname hat 1 bis 40 Zeichen.
refused-reason-long = Ein Grund hat höchstens 500 Zeichen.
refused-note-empty = Schreib eine öffentliche Notiz: Die Kundschaft sieht, warum sich der Status geändert hat.
refused-note-long = Eine Notiz hat höchstens 5000 Zeichen.
refused-format = Wähle csv oder json.
refused-comment-page = Eine Kommentarseite ist eine Zahl ab 1.
refused-sort-any = Sortiere nach popular, top, new, trending, discussed oder relevance.
refused-role = Wähle member, moderator, product oder admin.
refused-past-last-page = { $last ->
    [one] Es gibt nur Seite 1.
   *[other] Es gibt nur { $last } Seiten.
}
archived-note = Automatisch archiviert: nach { $days } Tagen ohne Stimme noch offen.
hidden-no-reason = Kein Grund vermerkt
refused-area-name = Der Name eines Bereichs hat 1 bis 40 Zeichen, mindestens einen Buchstaben oder eine Ziffer.
refused-area-description = Eine Beschreibung hat höchstens 5000 Zeichen.
refused-area-exists = Einen Bereich „{ $slug }“ gibt es schon.
refused-owners-empty = Nenne mindestens eine Verantwortliche oder einen Verantwortlichen: die E-Mail-Adresse eines Produkt-, Moderations- oder Admin-Kontos.
refused-owner = Zur Adresse „{ $email }“ gibt es kein Konto.
refused-owner-not-staff = „{ $email }“ ist kein Produkt-, Moderations- oder Admin-Konto; nur das Team verantwortet Bereiche.
refused-no-area = Es gibt keinen Bereich „{ $slug }“.
refused-area-merged = Diese Idee wurde zusammengeführt; lege den Bereich der Idee fest, in die sie aufging.
refused-area-missing = Sende "area": einen Slug oder null für keinen Bereich.
refused-watch-phrase-empty = Gib ein Wort oder einen Begriff zum Beobachten ein.
refused-watch-phrase-long = Ein Begriff hat höchstens { $max } Zeichen.
refused-watch-phrase-words = Ein Begriff hat höchstens { $max } Wörter.
refused-watch-phrase-stop-words = Nur Wörter, die die Suche im Deutschen und Englischen auslässt („in“, „an“): Füge ein Wort hinzu, das etwas sagt.
refused-watch-delivery = Wähle, wie du benachrichtigt wirst: instant (sofort) oder daily (täglich).
refused-watch-too-many = Du beobachtest { $max } Begriffe, so viele wie eine Person kann: Beende zuerst eine Beobachtung.
refused-watch-duplicate = Diesen Begriff beobachtest du schon.
refused-feed-name = Gib dem Feed einen Namen mit 1 bis { $max } Zeichen, etwa „Support-Forum“.
refused-feed-url = Gib die vollständige Adresse des Feeds ein, beginnend mit http:// oder https://, ohne Benutzername oder Passwort.
refused-feed-private = Diese Adresse zeigt in ein privates Netz oder auf diesen Server; so etwas ruft das Board nicht ab.
refused-feed-unresolvable = Unter dem Namen dieser Adresse antwortet kein Server.
refused-feed-interval = Abfragen alle { $min } bis { $max } Minuten.
refused-feed-duplicate = Diesem Feed hört das Board schon zu.
