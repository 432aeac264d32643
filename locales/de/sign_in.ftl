## Anmelden über den Identitätsanbieter des Unternehmens.

sign-in-providers = Anmelden mit
sign-in-with = Mit { $provider } anmelden
sign-in-or-password = Oder mit E-Mail-Adresse und Passwort anmelden:
sign-in-refused-title = Anmeldung abgelehnt
sign-in-try-again = Zurück zur Anmeldung
sign-in-refused-unknown-provider = Diesen Anmeldedienst gibt es hier nicht.
sign-in-refused-unreachable = { $provider } ist gerade nicht erreichbar. Versuch es in ein paar Minuten noch einmal; klappt es weiter nicht, sag den Admins des Boards Bescheid.
sign-in-refused-state = Diese Anmeldung passt zu keiner, die in diesem Browser begonnen wurde: Sie wurde in einem anderen Browser oder Tab begonnen, schon benutzt oder unterwegs verändert. Fang auf der Anmeldeseite neu an.
sign-in-refused-too-long = Diese Anmeldung hat länger als zehn Minuten gedauert. Fang auf der Anmeldeseite neu an.
sign-in-refused-provider-said-no = { $provider } hat dich nicht angemeldet (vielleicht wurde abgebrochen). Fang neu an, wenn du dich anmelden wolltest.
sign-in-refused-code-refused = { $provider } hat diese Anmeldung nicht bestätigt. Fang auf der Anmeldeseite neu an.
sign-in-refused-nonce = Die Antwort von { $provider } gehört nicht zu dieser Anmeldung und wurde deshalb nicht angenommen. Fang auf der Anmeldeseite neu an.
sign-in-refused-expired = Die Antwort von { $provider } war bei ihrer Ankunft schon abgelaufen. Fang auf der Anmeldeseite neu an; passiert das immer wieder, geht vielleicht die Uhr des Servers falsch.
sign-in-refused-audience = Die Antwort von { $provider } war für eine andere Anwendung bestimmt und wurde deshalb nicht angenommen. Sag den Admins des Boards Bescheid.
sign-in-refused-not-verifiable = Die Antwort von { $provider } ließ sich nicht prüfen und wurde deshalb nicht angenommen. Sag den Admins des Boards Bescheid.
sign-in-refused-no-verified-email = { $provider } hat keine E-Mail-Adresse für dich bestätigt, und dieses Board braucht eine. Bestätige deine Adresse bei { $provider } und versuch es noch einmal.
sign-in-refused-not-allowed = Mit deiner Adresse kannst du diesem Board nicht beitreten. Melde dich mit deinem Firmenkonto an oder frag die Admins des Boards.
sign-in-link-title = Konto verbinden
sign-in-link-intro = Ein Konto mit { $email } gibt es hier schon. Gib einmal sein Passwort ein, um es zu verbinden; danach genügt die Anmeldung über deinen Anbieter.
sign-in-link-submit = Verbinden und anmelden
sign-in-link-wrong-password = Das ist nicht das Passwort dieses Kontos.
refused-password-login-off = Dieses Board nutzt keine Passwörter: Melde dich auf der Anmeldeseite über den Anbieter deines Unternehmens an.
refused-email-domain = Nur Adressen bei { $domains } können diesem Board beitreten.
