# What the board answers when it refuses something, and its error pages.

## Error pages

error-page-400 = Bad request
error-page-401 = Please sign in
error-page-403 = Not allowed
error-page-404 = Page not found
error-page-405 = Not accepted here
error-page-409 = That cannot be done now
error-page-413 = Too large
error-page-422 = Please check your input
error-page-429 = Slow down
error-page-503 = Not ready
error-page-other = Something went wrong
error-page-log-in = Log in
error-page-back = Back to the board
error-page-status = Error { $status }

## Why a request failed

problem-validation = Please correct: { $errors }
problem-unauthorized = Sign in (or send a valid API token) to do this.
problem-invalid-credentials = That email and password do not match an account.
problem-not-found = There is nothing here.
problem-rate-limited = Too many attempts. Try again in { $seconds } seconds.
problem-unavailable = The service is not ready. Try again shortly.
problem-internal = Something went wrong on our side. It has been logged.
problem-csrf = This form has expired or did not come from this site. Go back, reload the page and try again.
problem-session-ended = You are no longer logged in: your session has ended. Log in, then try again.
problem-too-large = That request is too large.
problem-no-route = There is no such API route; /api/openapi.json lists them all.
problem-method = This address does not accept that kind of request.

## Refusals

refused-permission = You do not have permission to do this.
refused-banned = Your account is banned: you can read but not take part.
refused-ban = Administrators and you yourself cannot be banned.
refused-vote-merged = This idea was merged into another one; vote there.
refused-voting-closed = Voting is closed on ideas with the status “{ $status }”.
refused-comment-merged = This idea was merged into another one; comment there.
refused-comments-locked = Comments on this idea are locked.
refused-comment-not-yours = You can change only your own comments.
refused-reply-parent = You can reply only to a visible top-level comment of this idea.
refused-edit = Only the author can edit an idea, and only until others have voted or commented.
refused-edit-not-author = Only the author can edit an idea.
refused-edit-too-late = This idea can no longer be edited: others have voted on it or commented.
refused-status-merged = This idea was merged; change the status of the idea it was merged into.
refused-status-already = The idea already has the status “{ $status }”.
refused-status-exists = A status “{ $slug }” exists already.
refused-status-required = New ideas start in this status; it cannot be retired.
refused-status-in-use = This status is in use; retire it instead.
refused-status-kind = The kind is open, active, completed, declined or closed.
refused-tag-exists = A tag “{ $slug }” exists already.
refused-color = A colour is #rgb or #rrggbb.
refused-no-status = There is no status “{ $slug }”.
refused-no-tag = There is no tag “{ $slug }”.
refused-no-idea = There is no idea #{ $number }.
refused-no-account = No account has this address.
refused-merge-self = An idea cannot be merged into itself.
refused-merge-source-merged = This idea is already merged into another one.
refused-merge-target-merged = The target idea is itself merged; merge into the idea it points to.
refused-merge-into = Type the number of the idea to merge into.
refused-not-merged = This idea is not merged.
refused-target-merged = #{ $number } was merged since; unmerge it first.
refused-flagged-already = You flagged this already.
refused-flags-target = Name the idea or comment whose flags you resolve.
refused-reason-empty = Give a reason; it goes in the audit log.
refused-email-taken = An account with this email address already exists. Log in, or reset your password.
refused-current-password = That is not your current password.
refused-same-password = Choose a password different from the current one.
refused-own-admin-role = You cannot remove your own administrator role; ask another administrator.
refused-notification-choice = Choose off, instant or daily digest.
refused-page = Pages start at 1.
refused-per-page = Ask for 1 to { $max } ideas per page.
refused-whole-number = Use a whole number.
refused-yes-or-no = Use true or false.
refused-days = Choose a number of days from 1 to { $max }.
refused-rate-not-asked = Only the idea's author and the people who voted on it say whether the answer helped them.
refused-rate-own = You gave this answer: those who asked say whether it helped.
refused-date = Use a date like 2026-01-31.
refused-period-choice = Choose 30, 90 or 365 days, or give a first and a last day.
refused-period-order = Start the period on or before its last day.
refused-period-length = A period can be at most { $days } days long.
refused-sort = Sort by popular, top, trending, new or discussed.
refused-limit = Use 0 for everything, or a positive number.
refused-form-unread = The form could not be read.
refused-form-unreadable = The form could not be read: { $detail }
refused-query-unreadable = The address's query could not be read: { $detail }
refused-demo-not-empty = The board already has ideas; the demo needs an empty database.
refused-seed-not-empty = The board already has ideas; seed an empty database.
refused-seed-size = Seeding needs at least one user, and ideas for votes or comments.
refused-feed-language = There is no feed in “{ $tag }”; ask for one of { $spoken }.
refused-status-position = A position is a whole number from 0 to { $max }.
refused-status-name = A status name has 1 to 40 characters.
refused-reason-long = A reason has at most 500 characters.
refused-note-empty = Write a public note: customers see why the status changed.
refused-note-long = A note has at most 5000 characters.
refused-format = Choose csv or json.
refused-comment-page = A page of comments is a number from 1.
refused-sort-any = Sort by popular, top, new, trending, discussed or relevance.
refused-role = Choose one of member, moderator, product or admin.
refused-past-last-page = { $last ->
    [one] There is only page 1.
   *[other] There are only { $last } pages.
}
archived-note = Archived automatically: still open after { $days } days without a vote.
hidden-no-reason = No reason recorded
refused-area-name = An area's name has 1 to 40 characters, with at least one letter or digit.
refused-area-description = A description has at most 5000 characters.
refused-area-exists = An area “{ $slug }” exists already.
refused-owners-empty = Name at least one owner: the email address of a product, moderator or admin account.
refused-owner = No account has the address “{ $email }”.
refused-owner-not-staff = “{ $email }” is not a product, moderator or admin account; only staff own areas.
refused-no-area = There is no area “{ $slug }”.
refused-area-merged = This idea was merged; set the area of the idea it was merged into.
refused-area-missing = Send "area": a slug, or null for none.
refused-watch-phrase-empty = Type a word or phrase to watch.
refused-watch-phrase-long = A phrase has at most { $max } characters.
refused-watch-phrase-words = A phrase has at most { $max } words.
refused-watch-phrase-stop-words = Only words the search leaves out in English and German ("in", "an"): add a word that says something.
refused-watch-delivery = Choose how to be told: instant or daily.
refused-watch-too-many = You watch { $max } phrases, the most one person can: stop watching one first.
refused-watch-duplicate = You watch this phrase already.
refused-feed-name = Give the feed a name of 1 to { $max } characters, such as "Support forum".
refused-feed-url = Type the feed's full address, starting with http:// or https://, without a user name or password.
refused-feed-private = This address points into a private network or at this server, which the board does not fetch.
refused-feed-unresolvable = No server answers to this address's name.
refused-feed-interval = Poll every { $min } to { $max } minutes.
refused-feed-duplicate = The board listens to this feed already.
