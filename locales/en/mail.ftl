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
   *[merges] Stop all merge emails
}
