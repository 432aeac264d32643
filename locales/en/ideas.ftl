## Submitting an idea, the idea page, comments, editing.

submit-title = Submit an idea
submit-title-hint = { $min } to { $max } characters. Say what you want, not how.
field-title = Title
field-description = Description (Markdown)
submit-description-hint = Why it matters, who it helps. Markdown works: *emphasis*, lists, links.
submit-tags = Tags (optional)
submit-check = Check for similar ideas
submit-send = Submit my idea
submit-follow-note = Submitting promotes your idea and follows it, so you hear when it moves.
similar-none = No similar ideas found. Yours looks new!
similar-intro = These existing ideas look similar. If one is yours, promote it instead:
similar-points = { $count ->
    [one] { $count } point
   *[other] { $count } points
}
vote-help = ▲ +10 · ▼ −10 points
vote-help-spoken = A promote adds 10 points, a demote takes 10 away.
idea-merged-into = This idea was merged into { $target }: its votes, followers and comments are there now.
idea-also-asked = Also asked as
idea-merged-here = (merged here with their votes).
idea-merged-badge = Merged
idea-edit-own = Edit your idea
idea-hidden-notice = Hidden by a moderator: only moderators see this idea.
idea-by = by
idea-edited = edited
follow = Follow
unfollow = Unfollow
flag = Flag
flag-question = What is wrong?
flag-send = Send to moderators
status-heading = Status
status-submitted = Submitted
status-change-to = Change status to
status-note = Public note (Markdown, required)
status-note-hint = Everyone following the idea gets it by email.
status-change = Change status
comments-heading = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
comments-pages = Pages of comments
comments-earlier = ← Earlier comments
comments-later = Later comments →
comments-page-of = Comments page { $page } of { $pages }
comments-locked = Comments are locked.
comment-add = Add a comment (Markdown)
comment-send = Comment
comment-log-in = Log in
comment-log-in-rest = to comment.
comment-deleted = Comment deleted.
comment-from = from
comment-hidden = hidden
comment-edit = Edit
comment-delete-question = Delete this comment? This cannot be undone.
delete = Delete
delete-yes = Yes, delete
reply = Reply
reply-label = Your reply
edit-idea-title = Edit your idea
edit-idea-heading = Edit idea #{ $number }
save = Save
cancel = Cancel
edit-comment-title = Edit your comment
field-comment = Comment (Markdown)
staff-badge-title = Works on this board
badge-moderator = Moderator
badge-product = Product team
badge-admin = Admin
submit-area = Product area (optional)
submit-area-none = — None —
idea-area-label = Product area
idea-area-save = Save the area
