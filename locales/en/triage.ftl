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
