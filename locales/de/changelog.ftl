# Ideas in action: Versionshinweise, ihre E-Mails und Seiten.
refused-release-title = Ein Titel braucht 1 bis { $max } Zeichen in einer Zeile.
refused-release-body = Beschreiben Sie in höchstens { $max } Zeichen, was umgesetzt wurde.
refused-release-ideas = Ein Hinweis kann höchstens { $max } Ideen nennen.
refused-release-no-idea = Es gibt keine Idee #{ $number }, die umgesetzt werden könnte.
refused-release-no-implemented = Kein Status bedeutet „umgesetzt“: Legen Sie zuerst einen der Art „abgeschlossen“ an.
mail-release-subject = Umgesetzt: { $title }
mail-release-text = Sie haben gefragt, wir haben es gebaut. „{ $title }“ setzt Ideen um, für die Sie gestimmt haben, denen Sie folgen oder die Sie kommentiert haben:
mail-release-ideas = Die umgesetzten Ideen
idea-delivered-in = Umgesetzt in
idea-in-storm = Eingereicht in der Storm-Session
nav-changelog = Ideen in Aktion
changelog-title = Ideen in Aktion
changelog-intro = Was wir gebaut haben, weil Sie danach gefragt haben – das Neueste zuerst.
changelog-feed = Folgen (Atom)
changelog-implemented = { $count ->
    [one] { $count } Idee umgesetzt seit { $since }
   *[other] { $count } Ideen umgesetzt seit { $since }
}
changelog-none = Noch nichts umgesetzt.
changelog-delivers = Die umgesetzten Ideen
changelog-all = Alle Ideen in Aktion
changelog-new = Versionshinweis veröffentlichen
changelog-field-title = Titel
changelog-field-body = Was umgesetzt wurde (Markdown)
changelog-field-date = Umgesetzt am
changelog-date-hint = Leer lassen für heute.
changelog-field-ideas = Die umgesetzten Ideen
changelog-ideas-hint = Ihre Nummern, etwa 12, 15, 31. Alle, die für eine davon gestimmt haben, ihr folgen oder sie kommentiert haben, bekommen eine E-Mail.
changelog-field-implement = Diese Ideen auf „Umgesetzt“ setzen, mit diesem Hinweis als Statusnotiz
changelog-publish = Veröffentlichen
feed-changelog-title = Ideen in Aktion
refused-release-body-implement = Wenn die Ideen auf „Umgesetzt“ gesetzt werden, wird dieser Hinweis ihre öffentliche Statusnotiz, und die fasst höchstens { $max } Zeichen.
audit-action-publish_release = Versionshinweis veröffentlichen
