//! Signing in through identity providers: the "Sign in with …" buttons, the page that refuses a
//! sign-in with its reason, and the page where a linked account's password is typed once.

use maud::{Markup, html};

use crate::domain::sign_in::SignInRefusal;
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// A provider as its button shows it.
#[derive(Debug, Clone)]
pub struct ProviderButton {
    pub key: String,
    pub name: String,
}

/// How this board lets people in: its providers, and whether passwords work.
#[derive(Debug, Clone)]
pub struct Ways {
    pub providers: Vec<ProviderButton>,
    pub password: bool,
}

/// One link per provider, each starting a sign-in that comes back to `next`.
pub fn provider_buttons(chrome: &Chrome, ways: &Ways, next: &str) -> Markup {
    let lang = chrome.lang;
    let back = if next == "/" {
        String::new()
    } else {
        format!("?next={}", urlencoding::encode(next))
    };
    html! {
        @if !ways.providers.is_empty() {
            ul.sign-in-providers aria-label=(lang.t("sign-in-providers")) {
                @for provider in &ways.providers {
                    li {
                        a.button href=(format!("/login/oidc/{}{back}", provider.key)) {
                            (lang.t_with("sign-in-with", &[("provider", provider.name.clone().into())]))
                        }
                    }
                }
            }
            @if ways.password {
                p.sign-in-or { (lang.t("sign-in-or-password")) }
            }
        }
    }
}

/// A refused sign-in: what happened, in words people can act on, and a way to try again.
pub fn refused(chrome: &Chrome, refusal: SignInRefusal, provider: Option<&str>) -> Markup {
    let lang = chrome.lang;
    let provider = provider.unwrap_or("—").to_string();
    let reason = lang.t_with(
        &format!("sign-in-refused-{}", refusal.code()),
        &[("provider", provider.into())],
    );
    page(
        &lang.t("sign-in-refused-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("sign-in-refused-title")) }
            p.flash.error role="alert" id="sign-in-refusal" data-reason=(refusal.code()) { (reason) }
            p { a href="/login" { (lang.t("sign-in-try-again")) } }
        },
    )
}

/// The password step: the provider vouched for an address whose account has a password.
pub fn link_form(chrome: &Chrome, csrf: &str, email: &str, errors: &FieldErrors) -> Markup {
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let password = lang.t("field-password");
    page(
        &lang.t("sign-in-link-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("sign-in-link-title")) }
            (error_summary(errors, lang))
            p { (lang.t_with("sign-in-link-intro", &[("email", email.to_string().into())])) }
            form.card method="post" action="/login/oidc/link" novalidate {
                (csrf_field(csrf))
                (Field { name: "password", label: &password, kind: "password", value: "", hint: None, autocomplete: "current-password", errors, required: true })
                button type="submit" { (lang.t("sign-in-link-submit")) }
            }
            p { a href="/reset" { (lang.t("login-forgot")) } }
        },
    )
}
