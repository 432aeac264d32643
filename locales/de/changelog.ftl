# Ideas in action: Versionshinweise, ihre E-Mails und Seiten.
refused-release-title = Ein Titel braucht 1 bis { $max } Zeichen in einer Zeile.
refused-release-body = Beschreiben Sie in höchstens { $max } Zeichen, was umgesetzt wurde.
refused-release-ideas = Ein Hinweis kann höchstens { $max } Ideen nennen.
refused-release-no-idea = Es gibt keine Idee #{ $number }, die umgesetzt werden könnte.
refused-release-no-implemented = Kein Status bedeutet „umgesetzt“: Legen Sie zuerst einen der Art „abgeschlossen“ an.
mail-release-subject = Umgesetzt: { $title }
mail-release-text = Sie haben gefragt, wir haben es gebaut. „{ $title }“ setzt Ideen um, für die Sie gestimmt haben, denen Sie folgen oder die Sie kommentiert haben:
mail-release-ideas = Die umgesetzten Ideen
