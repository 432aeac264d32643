//! Account pages: register, log in, password reset, and the account page (password, API tokens).

use maud::{Markup, html};

use crate::domain::accounts::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

fn password_hint() -> String {
    format!(
        "{PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters. A few unrelated words work well."
    )
}

/// What a person typed into the register form (never the password).
#[derive(Debug, Clone, Default)]
pub struct RegisterValues {
    pub email: String,
    pub name: String,
}

pub fn register(
    chrome: &Chrome,
    csrf: &str,
    values: &RegisterValues,
    errors: &FieldErrors,
) -> Markup {
    let hint = password_hint();
    let title = if errors.is_empty() {
        "Create an account"
    } else {
        "Error: Create an account"
    };
    page(
        title,
        chrome,
        true,
        html! {
            h1 { "Create an account" }
            (error_summary(errors))
            form.card method="post" action="/register" novalidate {
                (csrf_field(csrf))
                (Field { name: "email", label: "Email", kind: "email", value: &values.email, hint: None, autocomplete: "email", errors, required: true })
                (Field { name: "name", label: "Display name", kind: "text", value: &values.name, hint: Some("Shown next to your ideas and comments."), autocomplete: "nickname", errors, required: true })
                (Field { name: "password", label: "Password", kind: "password", value: "", hint: Some(&hint), autocomplete: "new-password", errors, required: true })
                button type="submit" { "Create account" }
            }
            p { "Already have an account? " a href="/login" { "Log in" } }
        },
    )
}

/// The log-in page; `next` is where a successful log-in goes (kept through a failed one).
pub fn login(chrome: &Chrome, csrf: &str, email: &str, next: &str, failed: Option<&str>) -> Markup {
    let no_errors = FieldErrors::default();
    let title = if failed.is_some() {
        "Error: Log in"
    } else {
        "Log in"
    };
    page(
        title,
        chrome,
        true,
        html! {
            h1 { "Log in" }
            @if let Some(message) = failed {
                // Takes the focus, as a form's error summary does.
                p.flash.error.error-summary role="alert" id="login-error" tabindex="-1" autofocus { (message) }
            }
            form.card method="post" action="/login" novalidate {
                (csrf_field(csrf))
                @if next != "/" {
                    input type="hidden" name="next" value=(next);
                }
                (Field { name: "email", label: "Email", kind: "email", value: email, hint: None, autocomplete: "username", errors: &no_errors, required: true })
                (Field { name: "password", label: "Password", kind: "password", value: "", hint: None, autocomplete: "current-password", errors: &no_errors, required: true })
                button type="submit" { "Log in" }
            }
            p { a href="/reset" { "Forgot your password?" } " · " a href="/register" { "Create an account" } }
        },
    )
}

pub fn reset_request(chrome: &Chrome, csrf: &str, email: &str, errors: &FieldErrors) -> Markup {
    page(
        "Reset your password",
        chrome,
        true,
        html! {
            h1 { "Reset your password" }
            p { "Enter the email address of your account. We will send a link that lets you choose a new password." }
            form.card method="post" action="/reset" novalidate {
                (csrf_field(csrf))
                (Field { name: "email", label: "Email", kind: "email", value: email, hint: None, autocomplete: "email", errors, required: true })
                button type="submit" { "Send the link" }
            }
        },
    )
}

pub fn reset_requested(chrome: &Chrome) -> Markup {
    page(
        "Check your email",
        chrome,
        true,
        html! {
            h1 { "Check your email" }
            p { "If an account exists for that address, a link to reset its password is on its way. The link works once, within one hour." }
        },
    )
}

/// After registering: the same words whether or not the address has an account.
pub fn registration_sent(chrome: &Chrome, email: &str) -> Markup {
    page(
        "Check your email",
        chrome,
        true,
        html! {
            h1 { "Check your email" }
            p { "We sent a message to " strong { (email) } "." }
            p { (crate::services::registration::LINK_SENT) }
        },
    )
}

/// The page a registration link opens.
/// The page a registration link opens: the name (to keep or change) and the password chosen when
/// registering, which proves the person at the link is the person who registered.
pub fn registration_confirm(
    chrome: &Chrome,
    csrf: &str,
    token: &str,
    name: &str,
    errors: &FieldErrors,
) -> Markup {
    page(
        "Finish creating your account",
        chrome,
        true,
        html! {
            h1 { "Welcome, " (name) }
            form.card method="post" action={ "/register/" (token) } novalidate {
                (csrf_field(csrf))
                p { "Enter the password you chose when you registered, and your account is ready; you will be signed in." }
                (Field { name: "name", label: "Display name", kind: "text", value: name, hint: Some("Shown next to your ideas and comments."), autocomplete: "nickname", errors, required: true })
                (Field { name: "password", label: "Password", kind: "password", value: "", hint: None, autocomplete: "current-password", errors, required: true })
                button type="submit" { "Create my account" }
            }
            p { "Did not register? Then ignore this link: without the password it makes nothing." }
        },
    )
}

pub fn registration_link_unusable(chrome: &Chrome) -> Markup {
    page(
        "Link expired",
        chrome,
        true,
        html! {
            h1 { "This link no longer works" }
            p { "Registration links work once and for 24 hours. " a href="/register" { "Register again" } " or " a href="/login" { "log in" } "." }
        },
    )
}

pub fn reset_form(chrome: &Chrome, csrf: &str, token: &str, errors: &FieldErrors) -> Markup {
    let hint = password_hint();
    page(
        "Choose a new password",
        chrome,
        true,
        html! {
            h1 { "Choose a new password" }
            form.card method="post" action={ "/reset/" (token) } novalidate {
                (csrf_field(csrf))
                (Field { name: "password", label: "New password", kind: "password", value: "", hint: Some(&hint), autocomplete: "new-password", errors, required: true })
                button type="submit" { "Set password" }
            }
        },
    )
}

pub fn reset_link_unusable(chrome: &Chrome) -> Markup {
    page(
        "Link expired",
        chrome,
        true,
        html! {
            h1 { "This link no longer works" }
            p { "Reset links work once and for one hour. " a href="/reset" { "Ask for a new link" } "." }
        },
    )
}

/// A token as the account page lists it.
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: Option<String>,
    pub revoked: Option<String>,
}

/// The account page's data.
pub struct AccountView<'a> {
    pub email: &'a str,
    pub name: &'a str,
    /// What the name field holds: the name, or what was typed into a refused form.
    pub name_draft: &'a str,
    pub name_errors: &'a FieldErrors,
    /// The chosen language's tag, or `None` to follow the browser.
    pub locale: Option<&'a str>,
    pub role: &'a str,
    pub tokens: &'a [TokenRow],
    /// A token created just now, shown this once.
    pub new_token: Option<&'a str>,
    pub password_errors: &'a FieldErrors,
    pub token_errors: &'a FieldErrors,
}

pub fn account(chrome: &Chrome, csrf: &str, view: &AccountView<'_>) -> Markup {
    let hint = password_hint();
    let errors = view.password_errors;
    let refused = !(view.name_errors.is_empty()
        && view.password_errors.is_empty()
        && view.token_errors.is_empty());
    page(
        if refused {
            "Error: Your account"
        } else {
            "Your account"
        },
        chrome,
        false,
        html! {
            h1 { "Your account" }
            p { (view.name) " · " (view.email) " · " span.badge { (view.role) } }
            p { a href="/account/notifications" { "Email notifications" } }
            (error_summary(view.name_errors))
            (error_summary(view.password_errors))
            (error_summary(view.token_errors))
            h2 #name { "Your name" }
            form.card method="post" action="/account/name" novalidate {
                (csrf_field(csrf))
                (Field { name: "name", label: "The name everyone sees beside your ideas and comments", kind: "text", value: view.name_draft, hint: None, autocomplete: "nickname", errors: view.name_errors, required: true })
                button type="submit" { "Save name" }
            }
            h2 #language { "Language" }
            form.card method="post" action="/account/language" {
                (csrf_field(csrf))
                div.field {
                    label for="field-locale" { "The language of your pages and emails" }
                    select #field-locale name="locale" {
                        option value="" selected[view.locale.is_none()] { "As my browser asks" }
                        @for lang in crate::i18n::Lang::all() {
                            option value=(lang.tag()) lang=(lang.tag()) selected[view.locale == Some(lang.tag().as_str())] { (lang.t("language-name")) }
                        }
                    }
                }
                button type="submit" { "Save language" }
            }
            h2 #password { "Change password" }
            form.card method="post" action="/account/password" novalidate {
                (csrf_field(csrf))
                (Field { name: "current_password", label: "Current password", kind: "password", value: "", hint: None, autocomplete: "current-password", errors, required: true })
                (Field { name: "new_password", label: "New password", kind: "password", value: "", hint: Some(&hint), autocomplete: "new-password", errors, required: true })
                p.hint { "Changing your password signs you out everywhere else and revokes your API tokens." }
                button type="submit" { "Change password" }
            }

            h2 #developer { "For developers" }
            h3 #tokens { "API tokens" }
            p { "Scripts use a token with " code { "Authorization: Bearer <token>" } " on " code { "/api/v1" } " — see the " a href="/api/openapi.json" { "API description" } "." }
            @if let Some(secret) = view.new_token {
                div.flash role="status" {
                    p { "Your new token — copy it now, it will not be shown again:" }
                    p.secret #new-token { (secret) }
                }
            }
            form.card method="post" action="/account/tokens" novalidate {
                (csrf_field(csrf))
                (Field { name: "token_name", label: "Token name", kind: "text", value: "", hint: Some("Such as the script that will use it."), autocomplete: "off", errors: view.token_errors, required: true })
                button type="submit" { "Create token" }
            }
            @if view.tokens.is_empty() {
                p.muted { "No tokens yet." }
            } @else {
                table {
                    thead { tr { th { "Name" } th { "Created" } th { "Last used" } th { span.skip { "Actions" } } } }
                    tbody {
                        @for token in view.tokens {
                            tr {
                                td { (token.name) }
                                td { (token.created) }
                                td { (token.last_used.as_deref().unwrap_or("never")) }
                                td {
                                    @if let Some(revoked) = &token.revoked {
                                        span.muted { "revoked " (revoked) }
                                    } @else {
                                        form method="post" action={ "/account/tokens/" (token.id) "/revoke" } {
                                            (csrf_field(csrf))
                                            button.secondary type="submit" aria-label={ "Revoke " (token.name) } { "Revoke" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The notification preferences form.
pub fn notification_preferences(
    chrome: &Chrome,
    csrf: &str,
    values: &[(&'static str, String)],
) -> Markup {
    let label = |kind: &str| match kind {
        "status_changes" => "Status changes on ideas I follow",
        "comments" => "New comments on ideas I follow",
        "replies" => "Replies to my comments",
        _ => "Ideas I follow merged into others",
    };
    page(
        "Notifications",
        chrome,
        true,
        html! {
            h1 { "Email notifications" }
            form.card method="post" action="/account/notifications" {
                (csrf_field(csrf))
                @for (kind, value) in values {
                    fieldset.field {
                        legend { (label(kind)) }
                        @for (option, text) in [("instant", "Right away"), ("digest", "Daily digest"), ("off", "Never")] {
                            label.check {
                                input type="radio" name=(kind) value=(option) checked[value == option];
                                " " (text)
                            }
                        }
                    }
                }
                button type="submit" { "Save" }
            }
            p.muted { "Every email also has a one-click unsubscribe link." }
        },
    )
}
