# Offizielle Antworten, Antwortzeiten und der Triage-Eingang.
response-wait = { $unit ->
    [hours] { $count ->
        [one] 1 Stunde
       *[other] { $count } Stunden
    }
   *[days] { $count ->
        [one] 1 Tag
       *[other] { $count } Tagen
    }
}
response-waiting = Wartet seit { $wait } auf eine offizielle Antwort
response-past-target = Ziel von { $days } Tagen überschritten
response-answered = Erste offizielle Antwort nach { $wait }
comment-official = Offizielle Antwort
comment-official-check = Als offizielle Antwort senden
comment-official-hint = Antwortet im Namen des Unternehmens; die erste beendet die Wartezeit im Triage-Eingang.
