## E-Mails: Statusänderungen, Kommentare und Antworten, Zusammenführungen.

mail-date-format = %-d. %B %Y
chrono-locale = de_DE
mail-hello = Hallo { $name },
mail-status-subject = #{ $number } „{ $title }“ ist jetzt { $status }
mail-status-text = Am { $date } hat die Idee #{ $number } „{ $title }“ den Status „{ $status }“ erhalten.
mail-see = #{ $number } ansehen
mail-comment-subject = { $commenter } hat #{ $number } „{ $title }“ kommentiert
mail-reply-subject = { $commenter } hat dir auf #{ $number } „{ $title }“ geantwortet
mail-read-reply = Lesen und antworten
mail-merged-subject = #{ $source } „{ $source_title }“ wurde mit #{ $target } zusammengeführt
mail-merged-text = Die Idee #{ $source } „{ $source_title }“ wurde mit #{ $target } „{ $target_title }“ zusammengeführt, die dasselbe will. Stimmen, Kommentare und Follower sind mitgezogen.
mail-stop-idea = Keine E-Mails mehr zu dieser Idee
mail-stop-kind = { $kind ->
    [status_changes] Keine E-Mails mehr zu Statusänderungen
    [comments] Keine E-Mails mehr zu Kommentaren
    [replies] Keine E-Mails mehr zu Antworten
    [area_ideas] Keine E-Mails mehr zu Ideen in meinen Bereichen
    [releases] Keine E-Mails mehr zu dem, was umgesetzt wurde
    [storms] Keine E-Mails zu Storm-Sessions mehr
    [weekly_summary] Keine wöchentliche Übersicht mehr
   *[merges] Keine E-Mails mehr zu Zusammenführungen
}
mail-reset-subject = Setze dein Ideaboard-Passwort zurück
mail-reset-asked = Jemand (hoffentlich du) möchte das Passwort deines Ideaboard-Kontos zurücksetzen. Öffne diesen Link innerhalb einer Stunde, um ein neues Passwort zu wählen:
mail-reset-link = Ein neues Passwort wählen
mail-reset-after = Der Link funktioniert einmal. Wenn du das nicht wolltest, ignoriere diese E-Mail: Dein Passwort bleibt, wie es ist.
mail-confirm-subject = Lege dein Ideaboard-Konto fertig an
mail-confirm-asked = Jemand (hoffentlich du) möchte ein Ideaboard-Konto mit dieser Adresse. Öffne diesen Link innerhalb von 24 Stunden, um es fertig anzulegen und dich anzumelden:
mail-confirm-link = Mein Konto fertig anlegen
mail-confirm-after = Warst du es nicht, ignoriere diese E-Mail: Ohne diesen Link entsteht kein Konto.
mail-existing-subject = Du hast schon ein Ideaboard-Konto
mail-existing-asked = Jemand (hoffentlich du) wollte ein Ideaboard-Konto mit dieser Adresse anlegen, die schon eines hat. Hier meldest du dich an:
mail-existing-link = Anmelden
mail-existing-after = Passwort vergessen? Hier wählst du ein neues:
mail-existing-ignore = Warst du es nicht, ignoriere diese E-Mail: Nichts hat sich geändert.
mail-digest-subject = { $count ->
    [one] Deine Ideaboard-Zusammenfassung: 1 Neuigkeit
   *[other] Deine Ideaboard-Zusammenfassung: { $count } Neuigkeiten
}
mail-digest-intro = Was bei den Ideen passiert ist, denen du folgst:
mail-digest-stop = Keine täglichen Zusammenfassungen mehr
unsubscribe-title = Abbestellen
unsubscribe-ask-title = Abbestellen?
unsubscribe-ask = { $what } abbestellen?
unsubscribe-button = Abbestellen
unsubscribe-done-title = Abbestellt
unsubscribe-done = Du bekommst keine { $what } mehr.
unsubscribe-what-idea = E-Mails zu #{ $number } „{ $title }“
unsubscribe-what-idea-gone = E-Mails zu dieser Idee
unsubscribe-what-kind = { $kind ->
    [digest] E-Mails mit der täglichen Zusammenfassung
    [status_changes] E-Mails über Statusänderungen
    [comments] E-Mails über Kommentare
    [replies] E-Mails über Antworten
    [merges] E-Mails über Zusammenführungen
    [area_ideas] E-Mails über Ideen in deinen Bereichen
    [releases] E-Mails zu dem, was umgesetzt wurde
    [storms] E-Mails zu Storm-Sessions
    [weekly_summary] wöchentlichen Übersichten
   *[other] diese E-Mails
}
mail-test-subject = Ideaboard-Test-E-Mail
mail-test-text = Dies ist eine Test-E-Mail von Ideaboard. Der Versand funktioniert.
mail-area-subject = { $alert ->
    [threshold] #{ $number } „{ $title }“ hat ohne Antwort { $points } Punkte erreicht ({ $area })
    [past_target] #{ $number } „{ $title }“ wartet seit über { $days } Tagen auf eine Antwort ({ $area })
   *[new] Neue Idee in { $area }: #{ $number } „{ $title }“
}
mail-area-text = { $alert ->
    [threshold] Die Idee #{ $number } „{ $title }“ in { $area }, einem deiner Bereiche, hat { $points } Punkte erreicht und noch keine offizielle Antwort.
    [past_target] Die Idee #{ $number } „{ $title }“ in { $area }, einem deiner Bereiche, wartet seit über { $days } Tagen – dem Antwortziel – auf eine offizielle Antwort.
   *[new] In { $area }, einem deiner Bereiche, ist eine neue Idee eingegangen: #{ $number } „{ $title }“.
}
mail-area-answer = Jetzt antworten
mail-weekly-subject = { $count ->
    [one] Ideaboard diese Woche: 1 Idee wartet auf eine Antwort
   *[other] Ideaboard diese Woche: { $count } Ideen warten auf eine Antwort
}
mail-weekly-board = Das ganze Board
mail-weekly-no-median = —
mail-weekly-line = { $scope }: { $waiting } wartend ({ $past } über dem Ziel von { $days } Tagen), { $answered } in den letzten 7 Tagen beantwortet, im Median { $median } Tage bis zur ersten Antwort in den letzten 4 Wochen
mail-watch-subject = { $where ->
    [entry] „{ $phrase }“ in „{ $title }“ aus { $author }
    [comment] „{ $phrase }“ in einem Kommentar zu #{ $number } „{ $title }“
   *[idea] „{ $phrase }“ in der Idee #{ $number } „{ $title }“
}
mail-watch-text = { $where ->
    [entry] Wörter, die du beobachtest, sind in einem Eintrag des Feeds { $author } aufgetaucht, „{ $title }“:
    [comment] { $author } hat Wörter, die du beobachtest, in einem Kommentar zur Idee #{ $number } „{ $title }“ geschrieben:
   *[idea] { $author } hat Wörter, die du beobachtest, in der Idee #{ $number } „{ $title }“ geschrieben:
}
mail-watch-open = Auf dem Board lesen
mail-watch-manage = Beobachtete Wörter ändern
