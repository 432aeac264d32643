## Eine Idee einreichen, die Ideenseite, Kommentare, Bearbeiten.

submit-title = Idee einreichen
submit-title-hint = { $min } bis { $max } Zeichen. Sag, was du willst, nicht wie.
field-title = Titel
field-description = Beschreibung (Markdown)
submit-description-hint = Warum es wichtig ist und wem es hilft. Markdown funktioniert: *Betonung*, Listen, Links.
submit-tags = Schlagwörter (optional)
submit-check = Nach ähnlichen Ideen suchen
submit-send = Meine Idee einreichen
submit-follow-note = Mit dem Einreichen unterstützt du deine Idee und folgst ihr, damit du erfährst, wenn sie vorankommt.
similar-none = Keine ähnlichen Ideen gefunden. Deine sieht neu aus!
similar-intro = Diese Ideen sehen ähnlich aus. Ist deine dabei, unterstütze lieber sie:
similar-points = { $count ->
    [one] { $count } Punkt
   *[other] { $count } Punkte
}
vote-help = ▲ +10 · ▼ −10 Punkte
vote-help-spoken = Unterstützen gibt 10 Punkte, Ablehnen nimmt 10 weg.
idea-merged-into = Diese Idee wurde mit { $target } zusammengeführt: Ihre Stimmen, Follower und Kommentare sind jetzt dort.
idea-also-asked = Auch eingereicht als
idea-merged-here = (hierher zusammengeführt, mit ihren Stimmen).
idea-merged-badge = Zusammengeführt
idea-edit-own = Deine Idee bearbeiten
idea-hidden-notice = Von der Moderation verborgen: Nur die Moderation sieht diese Idee.
idea-by = von
idea-edited = bearbeitet
follow = Folgen
unfollow = Nicht mehr folgen
flag = Melden
flag-question = Was stimmt nicht?
flag-send = An die Moderation senden
status-heading = Status
status-submitted = Eingereicht
status-change-to = Status ändern zu
status-note = Öffentliche Notiz (Markdown, Pflicht)
status-note-hint = Alle, die der Idee folgen, bekommen sie per E-Mail.
status-change = Status ändern
comments-heading = { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}
comments-pages = Seiten der Kommentare
comments-earlier = ← Frühere Kommentare
comments-later = Spätere Kommentare →
comments-page-of = Kommentarseite { $page } von { $pages }
comments-locked = Kommentare sind gesperrt.
comment-add = Kommentar schreiben (Markdown)
comment-send = Kommentieren
comment-log-in = Melde dich an,
comment-log-in-rest = um zu kommentieren.
comment-deleted = Kommentar gelöscht.
comment-from = aus
comment-hidden = verborgen
comment-edit = Bearbeiten
comment-delete-question = Diesen Kommentar löschen? Das lässt sich nicht rückgängig machen.
delete = Löschen
delete-yes = Ja, löschen
reply = Antworten
reply-label = Deine Antwort
edit-idea-title = Deine Idee bearbeiten
edit-idea-heading = Idee #{ $number } bearbeiten
save = Speichern
cancel = Abbrechen
edit-comment-title = Deinen Kommentar bearbeiten
field-comment = Kommentar (Markdown)
staff-badge-title = Arbeitet an diesem Board
badge-moderator = Moderation
badge-product = Produktteam
badge-admin = Verwaltung
submit-area = Produktbereich (optional)
submit-area-none = — Keiner —
idea-area-label = Produktbereich
idea-area-save = Bereich speichern
