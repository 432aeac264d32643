# Official responses, response times and the triage inbox.
response-wait = { $unit ->
    [hours] { $count ->
        [one] 1 hour
       *[other] { $count } hours
    }
   *[days] { $count ->
        [one] 1 day
       *[other] { $count } days
    }
}
response-waiting = Waiting for an official answer for { $wait }
response-past-target = past the { $days }-day target
response-answered = First answered after { $wait }
comment-official = Official response
comment-official-check = Post as the official response
comment-official-hint = Answers the idea for the company; the first one ends its wait in the triage inbox.
nav-triage = Triage
tool-triage = Triage
tool-triage-what = the ideas waiting for an official answer, oldest first
triage-title = Triage
triage-heading = Ideas waiting for an answer
triage-lead = Oldest first. An official answer or a status change takes an idea out of this list; so do merging it and hiding it.
triage-count = { $count ->
    [0] No idea waits for an answer.
    [one] 1 idea waits for an answer.
   *[other] { $count } ideas wait for an answer.
}
triage-filter-area = Area
triage-all-areas = All areas
triage-mine = Only my areas
triage-unsorted = Only ideas in no area
triage-past-target = Only past the { $days }-day target
triage-filter = Filter
triage-empty = Nothing here waits for an answer.
triage-no-area = No area
triage-points = { $count ->
    [one] 1 point
   *[other] { $count } points
}
triage-waiting = waiting for { $wait }
triage-badge-past-target = Past target
triage-badge-threshold = Threshold reached
triage-answer = Answer officially
triage-answer-label = Official answer (Markdown)
triage-answer-send = Send the answer
triage-status = Change the status
triage-status-label = New status
triage-note-label = Public note (Markdown)
triage-status-send = Change the status
triage-area-label = Area of #{ $number }
triage-area-save = Save the area
triage-merge-into = Merge into #{ $number } { $title }
triage-hide-spam = Hide as spam
triage-spam-reason = Spam
triage-pages = Pages of the inbox
promise-record = { $target ->
    [one] We answer within 1 day
   *[other] We answer within { $target } days
} — median { $median } days over the last { $window } days
promise-only = { $target ->
    [one] We answer within 1 day.
   *[other] We answer within { $target } days.
}
insights-title = Response times
insights-lead = Ideas submitted from { $from } to { $to } (UTC), and how long they waited for their first official answer. Target: { $target } days.
insights-window = Submitted in the last
insights-days = { $days } days
insights-show = Show
insights-median = median
insights-p90 = 90th percentile
insights-within = answered within the target
insights-answered = answered
insights-unanswered = waiting
insights-submitted = submitted
insights-chart = Median and 90th percentile time to a first answer per month of submission, and the ideas waiting at each month's end
insights-backlog = waiting at the month's end
insights-by-month = By month of submission
insights-month = Month
insights-by-area = By area
insights-csv = Download these figures as CSV
tool-insights = Response times
tool-insights-what = how fast ideas get their first official answer, per area and month
answer-rated = { $helpful ->
    [one] 1 person found this answer helpful
   *[other] { $helpful } people found this answer helpful
}, { $unhelpful ->
    [one] 1 did not
   *[other] { $unhelpful } did not
}.
answer-rate-question = Did this answer you?
answer-helpful = Helpful
answer-unhelpful = Not helpful
triage-views = Inbox views
triage-waiting-tab = Waiting for an answer
triage-again-tab = Answer again ({ $count })
triage-again-count = { $count ->
    [0] No idea needs answering again.
    [one] 1 idea's latest answer did not help most of those asked.
   *[other] { $count } ideas' latest answers did not help most of those asked.
}
insights-helpful = found helpful
insights-by-staff = Answers by staff member
insights-staff = Staff member
insights-no-ratings = No official answer to these ideas has been rated yet.
areas-title = Product areas
areas-lead = Each area of the product has owners on staff, who answer its ideas and are told of new ones.
areas-empty = No area yet: create the first below.
areas-name = Name
areas-description = Description (Markdown)
areas-owners = Owners
areas-owners-hint = Email addresses of product, moderator or admin accounts, separated by commas.
areas-open = Open ideas
areas-new = New area
areas-create = Create the area
areas-position = Position (smaller first)
areas-edit-title = Area “{ $name }”
areas-back = ← All areas
areas-delete-note = Deleting the area keeps its ideas; they are in no area afterwards.
areas-delete-question = Delete the area “{ $name }”? Its ideas stay, in no area.
tool-areas = Product areas
tool-areas-what = the areas of the product and their owners
