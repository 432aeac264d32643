## The board: filters, orders, cards, votes, pages.

board-title = Ideas
board-submit = Submit an idea
board-search-label = Search ideas
board-search-placeholder = dark mode, export…
board-status-label = Status
board-any-status = Any status
board-tag-label = Tag
board-any-tag = Any tag
board-show = Show
board-orders = Order
sort-popular = Popular
sort-top = Top
sort-new = New
sort-trending = Trending
sort-discussed = Most discussed
sort-relevance = Best match
board-idea-count = { $count ->
    [one] { $count } idea
   *[other] { $count } ideas
}
board-search-capped = { $count }+ ideas. A search looks at the { $count } newest ideas with its words; add a word to narrow it.
board-no-match = No ideas match these filters.
board-clear-filters = Clear the filters
board-try-other-words = or try other words.
board-welcome-title = Welcome! This board has no ideas yet.
board-welcome-question = What should we build or change?
board-welcome-link = Submit the first idea
board-welcome-rest = : others will promote it, comment and hear when it moves.
pages = Pages
page-previous = ← Previous page
page-next = Next page →
page-of = Page { $page } of { $pages }
card-comments = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
card-by = by
vote-points = { $count ->
    [one] point
   *[other] points
}
vote-points-spoken = { $count ->
    [one] { $count } point
   *[other] { $count } points
}
vote-counts = { $up } up · { $down } down
vote-promote = Promote
vote-demote = Demote
vote-promote-title = Promote (+10)
vote-demote-title = Demote (−10)
vote-withdraw-promote = Withdraw your promote
vote-withdraw-demote = Withdraw your demote
vote-log-in = Log in to vote
vote-closed = Voting closed
roadmap-title = Roadmap
roadmap-intro = Where ideas stand, most popular first.
roadmap-empty = Nothing yet.
feed-ideas-link = Newest ideas
feed-status-link = Status changes
feed-ideas-title = Ideaboard — newest ideas
feed-tag-title = Ideaboard — newest ideas tagged { $tag }
feed-status-title = Ideaboard — status changes
feed-status-entry = #{ $number } { $title } is now { $status }
card-area = Area: { $area }
board-area-label = Area
board-any-area = Any area
