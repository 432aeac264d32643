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
   *[merges] Keine E-Mails mehr zu Zusammenführungen
}
