## Das Board: Filter, Sortierungen, Karten, Stimmen, Seiten.

board-title = Ideen
board-submit = Idee einreichen
board-search-label = Ideen durchsuchen
board-search-placeholder = Dunkelmodus, Export…
board-status-label = Status
board-any-status = Jeder Status
board-tag-label = Schlagwort
board-any-tag = Jedes Schlagwort
board-show = Anzeigen
board-orders = Sortierung
sort-popular = Beliebt
sort-top = Top
sort-new = Neu
sort-trending = Im Trend
sort-discussed = Meistdiskutiert
sort-relevance = Beste Treffer
board-idea-count = { $count ->
    [one] { $count } Idee
   *[other] { $count } Ideen
}
board-search-capped = { $count }+ Ideen. Eine Suche betrachtet die { $count } neuesten Ideen mit ihren Wörtern; ein weiteres Wort grenzt sie ein.
board-no-match = Keine Idee passt zu diesen Filtern.
board-clear-filters = Filter zurücksetzen
board-try-other-words = oder andere Wörter versuchen.
board-welcome-title = Willkommen! Auf diesem Board gibt es noch keine Ideen.
board-welcome-question = Was sollen wir bauen oder ändern?
board-welcome-link = Reiche die erste Idee ein
board-welcome-rest = : Andere unterstützen sie, kommentieren und erfahren, wenn sie vorankommt.
pages = Seiten
page-previous = ← Vorige Seite
page-next = Nächste Seite →
page-of = Seite { $page } von { $pages }
card-comments = { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}
card-by = von
vote-points = { $count ->
    [one] Punkt
   *[other] Punkte
}
vote-points-spoken = { $count ->
    [one] { $count } Punkt
   *[other] { $count } Punkte
}
vote-counts = { $up } dafür · { $down } dagegen
vote-promote = Unterstützen
vote-demote = Ablehnen
vote-promote-title = Unterstützen (+10)
vote-demote-title = Ablehnen (−10)
vote-withdraw-promote = Unterstützung zurücknehmen
vote-withdraw-demote = Ablehnung zurücknehmen
vote-log-in = Zum Abstimmen anmelden
vote-closed = Abstimmung beendet
roadmap-title = Roadmap
roadmap-intro = Wo die Ideen stehen, die beliebtesten zuerst.
roadmap-empty = Noch nichts.
feed-ideas-link = Neueste Ideen
feed-status-link = Statusänderungen
feed-ideas-title = Ideaboard — neueste Ideen
feed-tag-title = Ideaboard — neueste Ideen mit dem Schlagwort { $tag }
feed-status-title = Ideaboard — Statusänderungen
feed-status-entry = #{ $number } „{ $title }“ ist jetzt { $status }
card-area = Bereich: { $area }
board-area-label = Bereich
board-any-area = Alle Bereiche
