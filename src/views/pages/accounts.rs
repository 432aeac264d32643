//! Account pages: register, log in, password reset, and the account page (password, API tokens).

use maud::{Markup, html};

use crate::domain::accounts::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Arg, Lang};
use crate::views::components::{Field, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

fn password_hint(lang: Lang) -> String {
    lang.t_with(
        "password-hint",
        &[
            ("min", Arg::Number(PASSWORD_MIN_CHARS as i64)),
            ("max", Arg::Number(PASSWORD_MAX_CHARS as i64)),
        ],
    )
}

/// The page title, or "Error: …" before it when a form was refused.
fn titled(lang: Lang, key: &str, refused: bool) -> String {
    let title = lang.t(key);
    if refused {
        lang.t_with("error-title", &[("title", title.into())])
    } else {
        title
    }
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
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let hint = password_hint(lang);
    let (email, name, password) = (
        lang.t("field-email"),
        lang.t("field-display-name"),
        lang.t("field-password"),
    );
    let name_hint = lang.t("field-display-name-hint");
    page(
        &titled(lang, "register-title", !errors.is_empty()),
        chrome,
        true,
        html! {
            h1 { (lang.t("register-title")) }
            (error_summary(errors, chrome.lang))
            form.card method="post" action="/register" novalidate {
                (csrf_field(csrf))
                (Field { name: "email", label: &email, kind: "email", value: &values.email, hint: None, autocomplete: "email", errors, required: true })
                (Field { name: "name", label: &name, kind: "text", value: &values.name, hint: Some(&name_hint), autocomplete: "nickname", errors, required: true })
                (Field { name: "password", label: &password, kind: "password", value: "", hint: Some(&hint), autocomplete: "new-password", errors, required: true })
                button type="submit" { (lang.t("register-submit")) }
            }
            p { (lang.t("register-have-account")) " " a href="/login" { (lang.t("login-title")) } }
        },
    )
}

/// The log-in page; `next` is where a successful log-in goes (kept through a failed one).
pub fn login(
    chrome: &Chrome,
    csrf: &str,
    email: &str,
    next: &str,
    failed: Option<&str>,
    ways: &super::sign_in::Ways,
) -> Markup {
    let lang = chrome.lang;
    let no_errors = FieldErrors::default();
    let (email_label, password) = (lang.t("field-email"), lang.t("field-password"));
    page(
        &titled(lang, "login-title", failed.is_some()),
        chrome,
        true,
        html! {
            h1 { (lang.t("login-title")) }
            @if let Some(message) = failed {
                // Takes the focus, as a form's error summary does.
                p.flash.error.error-summary role="alert" id="login-error" tabindex="-1" autofocus { (message) }
            }
            (super::sign_in::provider_buttons(chrome, ways, next))
            @if ways.password {
                form.card method="post" action="/login" novalidate {
                    (csrf_field(csrf))
                    @if next != "/" {
                        input type="hidden" name="next" value=(next);
                    }
                    (Field { name: "email", label: &email_label, kind: "email", value: email, hint: None, autocomplete: "username", errors: &no_errors, required: true })
                    (Field { name: "password", label: &password, kind: "password", value: "", hint: None, autocomplete: "current-password", errors: &no_errors, required: true })
                    button type="submit" { (lang.t("login-submit")) }
                }
                p { a href="/reset" { (lang.t("login-forgot")) } " · " a href="/register" { (lang.t("register-title")) } }
            }
        },
    )
}

pub fn reset_request(chrome: &Chrome, csrf: &str, email: &str, errors: &FieldErrors) -> Markup {
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let email_label = lang.t("field-email");
    page(
        &titled(lang, "reset-title", !errors.is_empty()),
        chrome,
        true,
        html! {
            h1 { (lang.t("reset-title")) }
            p { (lang.t("reset-intro")) }
            form.card method="post" action="/reset" novalidate {
                (csrf_field(csrf))
                (Field { name: "email", label: &email_label, kind: "email", value: email, hint: None, autocomplete: "email", errors, required: true })
                button type="submit" { (lang.t("reset-send")) }
            }
        },
    )
}

pub fn reset_requested(chrome: &Chrome) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("check-email-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("check-email-title")) }
            p { (lang.t("reset-sent")) }
        },
    )
}

/// After registering: the same words whether or not the address has an account.
pub fn registration_sent(chrome: &Chrome, email: &str) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("check-email-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("check-email-title")) }
            p { (lang.t_with("registration-sent", &[("email", email.into())])) }
            p { (crate::services::registration::LINK_SENT) }
        },
    )
}

/// The page a registration link opens: the name (to keep or change) and the password chosen when
/// registering, which proves the person at the link is the person who registered.
pub fn registration_confirm(
    chrome: &Chrome,
    csrf: &str,
    token: &str,
    name: &str,
    errors: &FieldErrors,
) -> Markup {
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let (name_label, name_hint, password) = (
        lang.t("field-display-name"),
        lang.t("field-display-name-hint"),
        lang.t("field-password"),
    );
    page(
        &titled(lang, "registration-finish-title", !errors.is_empty()),
        chrome,
        true,
        html! {
            h1 { (lang.t_with("registration-welcome", &[("name", name.into())])) }
            form.card method="post" action={ "/register/" (token) } novalidate {
                (csrf_field(csrf))
                p { (lang.t("registration-finish-intro")) }
                (Field { name: "name", label: &name_label, kind: "text", value: name, hint: Some(&name_hint), autocomplete: "nickname", errors, required: true })
                (Field { name: "password", label: &password, kind: "password", value: "", hint: None, autocomplete: "current-password", errors, required: true })
                button type="submit" { (lang.t("registration-finish-submit")) }
            }
            p { (lang.t("registration-not-you")) }
        },
    )
}

pub fn registration_link_unusable(chrome: &Chrome) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("link-expired-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("link-no-longer-works")) }
            p { (lang.t("registration-link-rule")) " " a href="/register" { (lang.t("register-again")) } " " (lang.t("or")) " " a href="/login" { (lang.t("log-in-lower")) } "." }
        },
    )
}

pub fn reset_form(chrome: &Chrome, csrf: &str, token: &str, errors: &FieldErrors) -> Markup {
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let hint = password_hint(lang);
    let label = lang.t("field-new-password");
    page(
        &titled(lang, "new-password-title", !errors.is_empty()),
        chrome,
        true,
        html! {
            h1 { (lang.t("new-password-title")) }
            form.card method="post" action={ "/reset/" (token) } novalidate {
                (csrf_field(csrf))
                (Field { name: "password", label: &label, kind: "password", value: "", hint: Some(&hint), autocomplete: "new-password", errors, required: true })
                button type="submit" { (lang.t("set-password")) }
            }
        },
    )
}

pub fn reset_link_unusable(chrome: &Chrome) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("link-expired-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("link-no-longer-works")) }
            p { (lang.t("reset-link-rule")) " " a href="/reset" { (lang.t("ask-new-link")) } "." }
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
    /// A refused deletion's reason (the password).
    pub delete_errors: &'a FieldErrors,
    /// Whether the account has a password (accounts made by a provider or an import have none).
    pub has_password: bool,
    /// Whether the board accepts passwords (`PASSWORD_LOGIN`).
    pub passwords_on: bool,
    /// The providers they sign in with: name, linked since.
    pub providers: &'a [(String, String)],
}

pub fn account(chrome: &Chrome, csrf: &str, view: &AccountView<'_>) -> Markup {
    let lang = chrome.lang;
    let hint = password_hint(lang);
    let errors = &view.password_errors.in_language(lang);
    let name_errors = &view.name_errors.in_language(lang);
    let refused = !(view.name_errors.is_empty()
        && view.password_errors.is_empty()
        && view.token_errors.is_empty()
        && view.delete_errors.is_empty());
    let (name_label, current, new) = (
        lang.t("account-name-label"),
        lang.t("field-current-password"),
        lang.t("field-new-password"),
    );
    page(
        &titled(lang, "account-title", refused),
        chrome,
        false,
        html! {
            h1 { (lang.t("account-title")) }
            p { (view.name) " · " (view.email) " · " span.badge { (view.role) } }
            p { a href="/account/notifications" { (lang.t("account-notifications")) } }
            (error_summary(view.name_errors, chrome.lang))
            (error_summary(view.password_errors, chrome.lang))
            (error_summary(view.token_errors, chrome.lang))
            (error_summary(view.delete_errors, chrome.lang))
            h2 #name { (lang.t("account-name-heading")) }
            form.card method="post" action="/account/name" novalidate {
                (csrf_field(csrf))
                (Field { name: "name", label: &name_label, kind: "text", value: view.name_draft, hint: None, autocomplete: "nickname", errors: name_errors, required: true })
                button type="submit" { (lang.t("account-name-save")) }
            }
            (language_form(lang, csrf, view.locale))
            (sign_in_section(lang, view))
            @if view.has_password {
                h2 #password { (lang.t("account-password-heading")) }
                form.card method="post" action="/account/password" novalidate {
                    (csrf_field(csrf))
                    (Field { name: "current_password", label: &current, kind: "password", value: "", hint: None, autocomplete: "current-password", errors, required: true })
                    (Field { name: "new_password", label: &new, kind: "password", value: "", hint: Some(&hint), autocomplete: "new-password", errors, required: true })
                    p.hint { (lang.t("account-password-note")) }
                    button type="submit" { (lang.t("account-password-save")) }
                }
            }
            (tokens_section(lang, csrf, view))
            (own_data_section(lang, csrf, view.delete_errors, view.has_password))
        },
    )
}

/// How they sign in: the linked providers, and a note when the account has no password.
fn sign_in_section(lang: Lang, view: &AccountView<'_>) -> Markup {
    html! {
        @if !view.providers.is_empty() || !view.has_password {
            h2 #sign-in { (lang.t("account-sign-in-heading")) }
            @if !view.providers.is_empty() {
                ul {
                    @for (name, since) in view.providers {
                        li { (lang.t_with("account-sign-in-provider", &[("provider", name.clone().into()), ("since", since.clone().into())])) }
                    }
                }
            }
            @if !view.has_password && view.passwords_on {
                p.hint { (lang.t("account-no-password")) " " a href="/reset" { (lang.t("login-forgot")) } }
            }
        }
    }
}

/// "Your data": the download, and the deletion of the account behind its password.
fn own_data_section(lang: Lang, csrf: &str, errors: &FieldErrors, has_password: bool) -> Markup {
    let errors = &errors.in_language(lang);
    let password = lang.t("own-data-password");
    html! {
        h2 #your-data { (lang.t("own-data-title")) }
        p { (lang.t("own-data-lead")) }
        p { a href="/account/export" download="ideaboard-my-data.json" { (lang.t("own-data-download")) } }
        h2 #delete-account { (lang.t("own-data-delete")) }
        form.card method="post" action="/account/delete" novalidate {
            (csrf_field(csrf))
            p { (lang.t("own-data-delete-lead")) }
            @if has_password {
                (Field { name: "password", label: &password, kind: "password", value: "", hint: None, autocomplete: "current-password", errors, required: true })
            } @else {
                p.hint { (lang.t("own-data-delete-fresh-sign-in")) }
                @if let Some(message) = errors.for_field("password") {
                    p.flash.error #field-password tabindex="-1" { (message) }
                }
            }
            label.check {
                input type="checkbox" name="remove_content" value="on";
                " " (lang.t("own-data-remove-content"))
            }
            button.danger type="submit" { (lang.t("own-data-delete-button")) }
        }
    }
}

/// The choice of language for one's pages and emails, each language named in itself.
fn language_form(lang: Lang, csrf: &str, chosen: Option<&str>) -> Markup {
    html! {
        h2 #language { (lang.t("account-language-heading")) }
        form.card method="post" action="/account/language" {
            (csrf_field(csrf))
            div.field {
                label for="field-locale" { (lang.t("account-language-label")) }
                select #field-locale name="locale" {
                    option value="" selected[chosen.is_none()] { (lang.t("account-language-browser")) }
                    @for offered in Lang::all() {
                        option value=(offered.tag()) lang=(offered.tag()) selected[chosen == Some(offered.tag().as_str())] { (offered.t("language-name")) }
                    }
                }
            }
            button type="submit" { (lang.t("account-language-save")) }
        }
    }
}

/// "For developers": the API tokens, a new one shown once, and the form to make one.
fn tokens_section(lang: Lang, csrf: &str, view: &AccountView<'_>) -> Markup {
    let (label, hint) = (lang.t("field-token-name"), lang.t("field-token-name-hint"));
    let token_errors = &view.token_errors.in_language(lang);
    let intro = lang.t_with(
        "account-tokens-intro",
        &[
            ("header", "Authorization: Bearer <token>".into()),
            ("path", "/api/v1".into()),
        ],
    );
    html! {
        h2 #developer { (lang.t("account-developers")) }
        h3 #tokens { (lang.t("account-tokens")) }
        p { (intro) " " a href="/api/openapi.json" { (lang.t("account-tokens-api-link")) } "." }
        @if let Some(secret) = view.new_token {
            div.flash role="status" {
                p { (lang.t("account-new-token")) }
                p.secret #new-token { (secret) }
            }
        }
        form.card method="post" action="/account/tokens" novalidate {
            (csrf_field(csrf))
            (Field { name: "token_name", label: &label, kind: "text", value: "", hint: Some(&hint), autocomplete: "off", errors: token_errors, required: true })
            button type="submit" { (lang.t("account-create-token")) }
        }
        @if view.tokens.is_empty() {
            p.muted { (lang.t("account-no-tokens")) }
        } @else {
            table {
                thead { tr { th { (lang.t("token-name")) } th { (lang.t("token-created")) } th { (lang.t("token-last-used")) } th { span.skip { (lang.t("token-actions")) } } } }
                tbody {
                    @for token in view.tokens {
                        tr {
                            td { (token.name) }
                            td { (token.created) }
                            td { (token.last_used.clone().unwrap_or_else(|| lang.t("token-never"))) }
                            td {
                                @if let Some(revoked) = &token.revoked {
                                    span.muted { (lang.t_with("token-revoked", &[("day", revoked.as_str().into())])) }
                                } @else {
                                    form method="post" action={ "/account/tokens/" (token.id) "/revoke" } {
                                        (csrf_field(csrf))
                                        button.secondary type="submit" aria-label=(lang.t_with("token-revoke-named", &[("name", token.name.as_str().into())])) { (lang.t("token-revoke")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The notification preferences form.
pub fn notification_preferences(
    chrome: &Chrome,
    csrf: &str,
    values: &[(&'static str, String)],
) -> Markup {
    let lang = chrome.lang;
    let label = |kind: &str| lang.t(&format!("notify-{}", kind.replace('_', "-")));
    page(
        &lang.t("notifications-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("notifications-title")) }
            form.card method="post" action="/account/notifications" {
                (csrf_field(csrf))
                @for (kind, value) in values {
                    fieldset.field {
                        legend { (label(kind)) }
                        @for option in crate::services::notifications::choices_of(kind) {
                            label.check {
                                input type="radio" name=(kind) value=(option) checked[value == option];
                                " " (lang.t(&format!("notify-{option}")))
                            }
                        }
                    }
                }
                button type="submit" { (lang.t("save")) }
            }
            p.muted { (lang.t("notifications-unsubscribe-note")) }
        },
    )
}
