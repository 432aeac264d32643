# Ideas in action: release notes, their emails and pages.
refused-release-title = A title needs 1 to { $max } characters on one line.
refused-release-body = Write what shipped in at most { $max } characters.
refused-release-ideas = A note can name at most { $max } ideas.
refused-release-no-idea = There is no idea #{ $number } to deliver.
refused-release-no-implemented = No status means implemented: add one of kind “completed” first.
mail-release-subject = Shipped: { $title }
mail-release-text = You asked, we built it. “{ $title }” delivers ideas you voted for, follow or commented on:
mail-release-ideas = The ideas it delivers
