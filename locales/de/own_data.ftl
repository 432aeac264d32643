# Die eigenen Daten: der Download, das Löschen eines Kontos und was Seiten an seiner Stelle zeigen.
audit-action-delete_account = Konto löschen
refused-delete-sign-in-again = Dein Konto hat kein Passwort: Melde dich erneut an und lösche es dann innerhalb von zehn Minuten auf deiner Kontoseite.
refused-delete-last-admin = Der letzte Administrator des Boards kann nicht gelöscht werden: mache zuerst jemand anderen zum Administrator.
removed-by-author = Von der Autorin oder dem Autor entfernt
own-data-title = Deine Daten
own-data-lead = Lade alles herunter, was das Board über dich speichert: dein Konto, Ideen, Kommentare, Stimmen, gefolgte Ideen, beobachtete Begriffe, Tokens und die E-Mails an dich.
own-data-download = Meine Daten herunterladen (JSON)
own-data-delete = Mein Konto löschen
own-data-delete-lead = Deine Stimmen werden zurückgenommen und alle Zählungen folgen. Deine Ideen und Kommentare bleiben, als die eines gelöschten Kontos, außer du entfernst sie auch. Du wirst überall abgemeldet. Das lässt sich nicht rückgängig machen.
own-data-password = Dein Passwort
own-data-remove-content = Auch meine Ideen und Kommentare entfernen
own-data-delete-button = Mein Konto endgültig löschen
flash-account-deleted = Dein Konto ist gelöscht. Danke für deine Ideen.
users-delete-question = Das Konto von { $name } löschen? Die Stimmen werden zurückgenommen; Ideen und Kommentare bleiben, als die eines gelöschten Kontos.
flash-user-deleted = Das Konto ist gelöscht.
refused-delete-own-here = Lösche dein eigenes Konto auf deiner Kontoseite, mit deinem Passwort.
