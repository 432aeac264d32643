# Ideas in action: release notes, their emails and pages.
refused-release-title = A title needs 1 to { $max } characters on one line.
refused-release-body = Write what shipped in at most { $max } characters.
refused-release-ideas = A note can name at most { $max } ideas.
refused-release-no-idea = There is no idea #{ $number } to deliver.
refused-release-no-implemented = No status means implemented: add one of kind “completed” first.
mail-release-subject = Shipped: { $title }
mail-release-text = You asked, we built it. “{ $title }” delivers ideas you voted for, follow or commented on:
mail-release-ideas = The ideas it delivers
idea-delivered-in = Delivered in
idea-in-storm = Submitted in the storm session
nav-changelog = Ideas in action
changelog-title = Ideas in action
changelog-intro = What we built because you asked, newest first.
changelog-feed = Follow it (Atom)
changelog-implemented = { $count ->
    [one] { $count } idea implemented since { $since }
   *[other] { $count } ideas implemented since { $since }
}
changelog-none = Nothing shipped yet.
changelog-delivers = The ideas it delivers
changelog-all = All of Ideas in action
changelog-new = Publish a release note
changelog-field-title = Title
changelog-field-body = What shipped (Markdown)
changelog-field-date = Shipped on
changelog-date-hint = Today if left empty.
changelog-field-ideas = The ideas it delivers
changelog-ideas-hint = Their numbers, such as 12, 15, 31. Everyone who voted for, follows or commented on one of them gets one email.
changelog-field-implement = Set these ideas to Implemented, with this note as their status note
changelog-publish = Publish
feed-changelog-title = Ideas in action
refused-release-body-implement = Setting the ideas to Implemented makes this note their public status note, which holds at most { $max } characters.
audit-action-publish_release = Publish a release note
