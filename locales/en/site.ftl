## The page frame: navigation, footer, what every page shares.

language-name = English
number-group-separator = ,
number-decimal-separator = .
skip-to-content = Skip to content
nav-main = Main
nav-submit = Submit an idea
nav-roadmap = Roadmap
nav-admin = Admin
nav-moderate = Moderate
nav-export = Export
nav-read-only = Read only
nav-account = Account ({ $name })
nav-log-out = Log out
nav-log-in = Log in
nav-register = Register
read-only-notice = Your account is banned: you can read but not take part.
footer-tagline = Ideaboard — an open idea community.
footer-status = Status
footer-api = API
footer-feed = Feed
footer-language = Language:
age = { $unit ->
    [minute] { $count ->
        [one] 1 minute ago
       *[other] { $count } minutes ago
    }
    [hour] { $count ->
        [one] 1 hour ago
       *[other] { $count } hours ago
    }
    [day] { $count ->
        [one] 1 day ago
       *[other] { $count } days ago
    }
    [month] { $count ->
        [one] 1 month ago
       *[other] { $count } months ago
    }
    [year] { $count ->
        [one] 1 year ago
       *[other] { $count } years ago
    }
   *[now] just now
}
