## Warum ein Feld abgelehnt wurde.

errors-intro = Bitte korrigiere Folgendes:
error-one-line = Dies muss eine Zeile sein, ohne Steuerzeichen wie NUL.
error-control-characters = Dies darf keine Steuerzeichen wie NUL oder Escape enthalten.
error-direction = Dies darf keine Zeichen enthalten, die die Schreibrichtung ändern (etwa U+202E).
error-title-tabs = Ein Titel darf keine Tabulatoren enthalten.
error-title-short = Gib deiner Idee einen Titel mit mindestens { $min } Zeichen.
error-title-long = Ein Titel hat höchstens { $max } Zeichen (dieser hat { $chars }).
error-write = { $what ->
    [description] Schreib deine Beschreibung.
   *[comment] Schreib deinen Kommentar.
}
error-too-long = { $what ->
    [description] Eine Beschreibung hat höchstens { $max } Zeichen (diese hat { $chars }).
   *[comment] Ein Kommentar hat höchstens { $max } Zeichen (dieser hat { $chars }).
}
error-vote = Eine Stimme ist 1 (dafür), -1 (dagegen) oder 0 (zurückgenommen).
error-tags-many = Wähle höchstens { $max } Schlagwörter.
error-email-empty = Gib deine E-Mail-Adresse ein.
error-email-long = Eine E-Mail-Adresse hat höchstens 254 Zeichen.
error-email-shape = Gib eine E-Mail-Adresse wie name@example.com ein.
error-name-empty = Gib den Namen ein, den andere sehen.
error-name-long = Ein Name hat höchstens 60 Zeichen.
error-password-short = Verwende mindestens { $min } Zeichen.
error-password-long = Verwende höchstens { $max } Zeichen.
error-password-personal = Dieses Passwort ist zu leicht zu erraten: Es enthält deinen Namen oder deine E-Mail-Adresse.
error-password-weak = Dieses Passwort ist zu leicht zu erraten. Versuch es mit ein paar Wörtern, die nichts miteinander zu tun haben.
error-token-name-empty = Gib dem Token einen Namen, etwa das Skript, das es verwenden wird.
error-name-staff = Dieser Name sieht aus wie der Name von jemandem, der dieses Board betreibt. Wähle einen anderen.
error-login-failed = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.
error-locale = Wähle eine davon: { $known }.
error-token-name-long = Ein Token-Name hat höchstens 60 Zeichen.
error-tag-name = Ein Schlagwort hat 1 bis 40 Zeichen, mit mindestens einem Buchstaben oder einer Ziffer.
error-colour = Eine Farbe ist #rgb oder #rrggbb.
error-no-tag = Es gibt kein Schlagwort „{ $slug }“.
error-name-language = Das Board spricht keine Sprache mit dem Kürzel „{ $tag }“.
error-name-in-language = Ein Name auf { $language } hat höchstens 40 Zeichen.
