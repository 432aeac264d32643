# People's own data: the download, the deletion of an account, and what pages show in their place.
audit-action-delete_account = Delete an account
refused-delete-sign-in-again = Your account has no password: sign in again, then delete it on your account page within ten minutes.
refused-delete-last-admin = The board's last administrator cannot be deleted: make someone else an administrator first.
removed-by-author = Removed by its author
own-data-title = Your data
own-data-lead = Download everything the board holds about you: your account, ideas, comments, votes, follows, watched phrases, tokens and the emails sent to you.
own-data-download = Download my data (JSON)
own-data-delete = Delete my account
own-data-delete-lead = Your votes are taken back and every count follows. Your ideas and comments stay, shown as by a deleted account, unless you remove them too. You are signed out everywhere. This cannot be undone.
own-data-password = Your password
own-data-remove-content = Also remove my ideas and comments
own-data-delete-button = Delete my account for good
flash-account-deleted = Your account is deleted. Thank you for your ideas.
users-delete-question = Delete the account of { $name }? Their votes are taken back; their ideas and comments stay, shown as by a deleted account.
flash-user-deleted = The account is deleted.
refused-delete-own-here = Delete your own account on your account page, with your password.
