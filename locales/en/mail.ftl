## Emails: status changes, comments and replies, merges.

mail-date-format = %-d %B %Y
chrono-locale = en_GB
mail-hello = Hello { $name },
mail-status-subject = #{ $number } "{ $title }" is now { $status }
mail-status-text = On { $date } the idea #{ $number } "{ $title }" became { $status }.
mail-see = See #{ $number }
mail-comment-subject = { $commenter } commented on #{ $number } "{ $title }"
mail-reply-subject = { $commenter } replied to you on #{ $number } "{ $title }"
mail-read-reply = Read and reply
mail-merged-subject = #{ $source } "{ $source_title }" was merged into #{ $target }
mail-merged-text = The idea #{ $source } "{ $source_title }" was merged into #{ $target } "{ $target_title }", which asks for the same thing. Votes, comments and followers moved with it.
mail-stop-idea = Stop emails about this idea
mail-stop-kind = { $kind ->
    [status_changes] Stop all status change emails
    [comments] Stop all comment emails
    [replies] Stop all reply emails
    [area_ideas] Stop all emails about ideas in my areas
    [releases] Stop all emails about what shipped
    [storms] Stop all storm session emails
    [weekly_summary] Stop the weekly summary
   *[merges] Stop all merge emails
}
mail-reset-subject = Reset your Ideaboard password
mail-reset-asked = Someone (we hope you) asked to reset the password of your Ideaboard account. Open this link within one hour to choose a new password:
mail-reset-link = Choose a new password
mail-reset-after = The link works once. If you did not ask for this, ignore this email: your password stays as it is.
mail-confirm-subject = Finish creating your Ideaboard account
mail-confirm-asked = Someone (we hope you) asked for an Ideaboard account with this address. Open this link within 24 hours to finish and sign in:
mail-confirm-link = Finish creating my account
mail-confirm-after = If it was not you, ignore this email: no account is made without this link.
mail-existing-subject = You already have an Ideaboard account
mail-existing-asked = Someone (we hope you) tried to create an Ideaboard account with this address, which already has one. Log in here:
mail-existing-link = Log in
mail-existing-after = Forgot the password? Choose a new one here:
mail-existing-ignore = If it was not you, ignore this email: nothing changed.
mail-digest-subject = { $count ->
    [one] Your Ideaboard digest: 1 update
   *[other] Your Ideaboard digest: { $count } updates
}
mail-digest-intro = What happened on the ideas you follow:
mail-digest-stop = Stop daily digests
unsubscribe-title = Unsubscribe
unsubscribe-ask-title = Unsubscribe?
unsubscribe-ask = Stop { $what }?
unsubscribe-button = Unsubscribe
unsubscribe-done-title = You are unsubscribed
unsubscribe-done = You will get no more { $what }.
unsubscribe-what-idea = emails about #{ $number } “{ $title }”
unsubscribe-what-idea-gone = emails about this idea
unsubscribe-what-kind = { $kind ->
    [digest] daily digest emails
    [status_changes] status change emails
    [comments] comment emails
    [replies] reply emails
    [merges] merge emails
    [area_ideas] emails about ideas in your areas
    [releases] emails about what shipped
    [storms] storm session emails
    [weekly_summary] weekly summaries
   *[other] these emails
}
mail-test-subject = Ideaboard test email
mail-test-text = This is a test email from Ideaboard. Delivery works.
mail-area-subject = { $alert ->
    [threshold] #{ $number } "{ $title }" reached { $points } points without an answer ({ $area })
    [past_target] #{ $number } "{ $title }" has waited over { $days } days for an answer ({ $area })
   *[new] New idea in { $area }: #{ $number } "{ $title }"
}
mail-area-text = { $alert ->
    [threshold] The idea #{ $number } "{ $title }" in { $area }, an area you own, reached { $points } points and has no official answer yet.
    [past_target] The idea #{ $number } "{ $title }" in { $area }, an area you own, has waited over { $days } days, the response target, for an official answer.
   *[new] A new idea arrived in { $area }, an area you own: #{ $number } "{ $title }".
}
mail-area-answer = Answer it
mail-weekly-subject = { $count ->
    [one] Ideaboard this week: 1 idea waits for an answer
   *[other] Ideaboard this week: { $count } ideas wait for an answer
}
mail-weekly-board = The whole board
mail-weekly-no-median = —
mail-weekly-line = { $scope }: { $waiting } waiting ({ $past } past the { $days }-day target), { $answered } answered in the last 7 days, median { $median } days to a first answer over the last 4 weeks
mail-watch-subject = { $where ->
    [entry] "{ $phrase }" in "{ $title }" from { $author }
    [comment] "{ $phrase }" in a comment on #{ $number } "{ $title }"
   *[idea] "{ $phrase }" in the idea #{ $number } "{ $title }"
}
mail-watch-text = { $where ->
    [entry] Words you watch turned up in an entry of the feed { $author }, "{ $title }":
    [comment] { $author } wrote words you watch in a comment on the idea #{ $number } "{ $title }":
   *[idea] { $author } wrote words you watch in the idea #{ $number } "{ $title }":
}
mail-watch-open = Read it on the board
mail-watch-manage = Change the words you watch
