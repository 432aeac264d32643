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
nav-triage = Triage
tool-triage = Triage
tool-triage-what = die Ideen, die auf eine offizielle Antwort warten, die ältesten zuerst
triage-title = Triage
triage-heading = Ideen, die auf eine Antwort warten
triage-lead = Die ältesten zuerst. Eine offizielle Antwort oder ein neuer Status nimmt eine Idee aus dieser Liste, ebenso Zusammenführen und Verbergen.
triage-count = { $count ->
    [0] Keine Idee wartet auf eine Antwort.
    [one] 1 Idee wartet auf eine Antwort.
   *[other] { $count } Ideen warten auf eine Antwort.
}
triage-filter-area = Bereich
triage-all-areas = Alle Bereiche
triage-mine = Nur meine Bereiche
triage-unsorted = Nur Ideen ohne Bereich
triage-past-target = Nur über dem Ziel von { $days } Tagen
triage-filter = Filtern
triage-empty = Hier wartet nichts auf eine Antwort.
triage-no-area = Kein Bereich
triage-points = { $count ->
    [one] 1 Punkt
   *[other] { $count } Punkte
}
triage-waiting = wartet seit { $wait }
triage-badge-past-target = Ziel überschritten
triage-badge-threshold = Schwelle erreicht
triage-answer = Offiziell antworten
triage-answer-label = Offizielle Antwort (Markdown)
triage-answer-send = Antwort senden
triage-status = Status ändern
triage-status-label = Neuer Status
triage-note-label = Öffentliche Notiz (Markdown)
triage-status-send = Status ändern
triage-area-label = Bereich von #{ $number }
triage-area-save = Bereich speichern
triage-merge-into = In #{ $number } { $title } zusammenführen
triage-hide-spam = Als Spam verbergen
triage-spam-reason = Spam
triage-pages = Seiten des Eingangs
promise-record = { $target ->
    [one] Wir antworten innerhalb eines Tages
   *[other] Wir antworten innerhalb von { $target } Tagen
} – im Median nach { $median } Tagen in den letzten { $window } Tagen
promise-only = { $target ->
    [one] Wir antworten innerhalb eines Tages.
   *[other] Wir antworten innerhalb von { $target } Tagen.
}
insights-title = Antwortzeiten
insights-lead = Ideen, eingereicht vom { $from } bis { $to } (UTC), und wie lange sie auf ihre erste offizielle Antwort warteten. Ziel: { $target } Tage.
insights-window = Eingereicht in den letzten
insights-days = { $days } Tagen
insights-show = Anzeigen
insights-median = Median
insights-p90 = 90. Perzentil
insights-within = innerhalb des Ziels beantwortet
insights-answered = beantwortet
insights-unanswered = wartend
insights-submitted = eingereicht
insights-chart = Median und 90. Perzentil der Zeit bis zur ersten Antwort je Einreichungsmonat, und die am Monatsende wartenden Ideen
insights-backlog = am Monatsende wartend
insights-by-month = Nach Einreichungsmonat
insights-month = Monat
insights-by-area = Nach Bereich
insights-csv = Diese Zahlen als CSV herunterladen
tool-insights = Antwortzeiten
tool-insights-what = wie schnell Ideen ihre erste offizielle Antwort bekommen, je Bereich und Monat
answer-rated = { $helpful ->
    [one] 1 Person fand diese Antwort hilfreich
   *[other] { $helpful } Personen fanden diese Antwort hilfreich
}, { $unhelpful ->
    [one] 1 nicht
   *[other] { $unhelpful } nicht
}.
answer-rate-question = Hat dich das beantwortet?
answer-helpful = Hilfreich
answer-unhelpful = Nicht hilfreich
triage-views = Ansichten des Eingangs
triage-waiting-tab = Wartet auf Antwort
triage-again-tab = Erneut antworten ({ $count })
triage-again-count = { $count ->
    [0] Keine Idee braucht eine neue Antwort.
    [one] Bei 1 Idee hat die letzte Antwort den meisten Gefragten nicht geholfen.
   *[other] Bei { $count } Ideen hat die letzte Antwort den meisten Gefragten nicht geholfen.
}
insights-helpful = als hilfreich bewertet
insights-by-staff = Antworten je Teammitglied
insights-staff = Teammitglied
insights-no-ratings = Noch keine offizielle Antwort auf diese Ideen wurde bewertet.
areas-title = Produktbereiche
areas-lead = Jeder Bereich des Produkts hat Verantwortliche im Team, die seine Ideen beantworten und von neuen erfahren.
areas-empty = Noch kein Bereich: Lege unten den ersten an.
areas-name = Name
areas-description = Beschreibung (Markdown)
areas-owners = Verantwortliche
areas-owners-hint = E-Mail-Adressen von Produkt-, Moderations- oder Admin-Konten, durch Kommas getrennt.
areas-open = Offene Ideen
areas-new = Neuer Bereich
areas-create = Bereich anlegen
areas-position = Position (kleinere zuerst)
areas-edit-title = Bereich „{ $name }“
areas-back = ← Alle Bereiche
areas-delete-note = Beim Löschen des Bereichs bleiben seine Ideen erhalten; sie sind danach in keinem Bereich.
areas-delete-question = Den Bereich „{ $name }“ löschen? Seine Ideen bleiben, ohne Bereich.
tool-areas = Produktbereiche
tool-areas-what = die Bereiche des Produkts und ihre Verantwortlichen
