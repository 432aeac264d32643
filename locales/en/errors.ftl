## Why a field was refused.

errors-intro = Please correct the following:
error-one-line = This must be one line, without control characters such as NUL.
error-control-characters = This cannot hold control characters such as NUL or escape.
error-direction = This cannot hold characters that change the direction of text (such as U+202E).
error-title-tabs = A title cannot hold tabs.
error-title-short = Give your idea a title of at least { $min } characters.
error-title-long = A title has at most { $max } characters (this one has { $chars }).
error-write = { $what ->
    [description] Write your description.
   *[comment] Write your comment.
}
error-too-long = { $what ->
    [description] A description has at most { $max } characters (this one has { $chars }).
   *[comment] A comment has at most { $max } characters (this one has { $chars }).
}
error-vote = A vote is 1 (promote), -1 (demote) or 0 (retract).
error-tags-many = Choose at most { $max } tags.
error-email-empty = Enter your email address.
error-email-long = An email address has at most 254 characters.
error-email-shape = Enter an email address like name@example.com.
error-name-empty = Enter the name other people will see.
error-name-long = A name has at most 60 characters.
error-password-short = Use at least { $min } characters.
error-password-long = Use at most { $max } characters.
error-password-personal = This password is too easy to guess: it contains your name or email address.
error-password-weak = This password is too easy to guess.{ $hint } Try a few unrelated words together.
error-token-name-empty = Give the token a name, such as the script that will use it.
error-name-staff = This name looks like the name of someone who runs this board. Choose another.
error-login-failed = That email and password do not match an account.
error-locale = Choose one of: { $known }.
error-token-name-long = A token name has at most 60 characters.
error-tag-name = A tag name has 1 to 40 characters, with at least one letter or digit.
error-colour = A colour is #rgb or #rrggbb.
error-no-tag = There is no tag "{ $slug }".
error-name-language = The board speaks no language tagged "{ $tag }".
error-name-in-language = A name in { $language } has at most 40 characters.
