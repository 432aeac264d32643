## Signing in through the company's identity provider.

sign-in-providers = Sign in with
sign-in-with = Sign in with { $provider }
sign-in-or-password = Or log in with your email and password:
sign-in-refused-title = Sign-in refused
sign-in-try-again = Back to log in
sign-in-refused-unknown-provider = This board has no such sign-in provider.
sign-in-refused-unreachable = { $provider } cannot be reached right now. Try again in a few minutes; if it keeps failing, tell the board's administrators.
sign-in-refused-state = This sign-in could not be matched to one begun in this browser: it was begun in another browser or tab, was used already, or was changed on the way. Start again from the log-in page.
sign-in-refused-too-long = This sign-in took longer than ten minutes. Start again from the log-in page.
sign-in-refused-provider-said-no = { $provider } did not sign you in (it may have been cancelled). Start again if you meant to.
sign-in-refused-code-refused = { $provider } would not confirm this sign-in. Start again from the log-in page.
sign-in-refused-nonce = The answer from { $provider } does not belong to this sign-in, so it was not trusted. Start again from the log-in page.
sign-in-refused-expired = The answer from { $provider } had expired when it arrived. Start again from the log-in page; if it keeps happening, the server's clock may be wrong.
sign-in-refused-audience = The answer from { $provider } was meant for another application, so it was not trusted. Tell the board's administrators.
sign-in-refused-not-verifiable = The answer from { $provider } could not be verified, so it was not trusted. Tell the board's administrators.
sign-in-refused-no-verified-email = { $provider } did not confirm an email address for you, and this board needs one. Confirm your address with { $provider } and try again.
sign-in-refused-not-allowed = Your address may not join this board. Sign in with your company account, or ask the board's administrators.
sign-in-link-title = Connect your account
sign-in-link-intro = An account with { $email } already exists here. Enter its password once to connect it; from then on, signing in with your provider is enough.
sign-in-link-submit = Connect and sign in
sign-in-link-wrong-password = That is not this account's password.
refused-password-login-off = This board does not use passwords: sign in with your company's provider on the log-in page.
refused-email-domain = Only addresses at { $domains } may join this board.
