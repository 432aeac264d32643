## Der Seitenrahmen: Navigation, Fußzeile, was jede Seite teilt.

language-name = Deutsch
number-group-separator = .
number-decimal-separator = ,
skip-to-content = Zum Inhalt springen
nav-main = Hauptmenü
nav-submit = Idee einreichen
nav-roadmap = Roadmap
nav-admin = Verwaltung
nav-moderate = Moderieren
nav-export = Export
nav-read-only = Nur lesen
nav-account = Konto ({ $name })
nav-log-out = Abmelden
nav-log-in = Anmelden
nav-register = Registrieren
read-only-notice = Dein Konto ist gesperrt: Du kannst lesen, aber nicht mitmachen.
footer-tagline = Ideaboard — eine offene Ideen-Community.
footer-status = Status
footer-api = API
footer-feed = Feed
footer-language = Sprache:
age = { $unit ->
    [minute] { $count ->
        [one] vor 1 Minute
       *[other] vor { $count } Minuten
    }
    [hour] { $count ->
        [one] vor 1 Stunde
       *[other] vor { $count } Stunden
    }
    [day] { $count ->
        [one] vor 1 Tag
       *[other] vor { $count } Tagen
    }
    [month] { $count ->
        [one] vor 1 Monat
       *[other] vor { $count } Monaten
    }
    [year] { $count ->
        [one] vor 1 Jahr
       *[other] vor { $count } Jahren
    }
   *[now] gerade eben
}
