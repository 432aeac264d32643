//! The fields for a status's or tag's names per language: one per language the board speaks,
//! named `name_<tag>`, empty where the language shows the one name.

use maud::{Markup, html};

use crate::domain::local_names::LocalNames;
use crate::i18n::{Arg, Lang};

/// One labelled field per language; `key` keeps the ids apart when a page has several forms,
/// `of` names the thing in visually hidden labels (a row of a table), else the labels show.
pub fn names_fields(key: &str, names: &LocalNames, of: Option<&str>, lang: Lang) -> Markup {
    html! {
        @for language in Lang::all() {
            @let tag = language.tag();
            @let id = format!("name_{tag}-{key}");
            @let language_name = language.t("language-name");
            @let label = match of {
                Some(name) => lang.t_with("name-of-in-language", &[("name", Arg::from(name)), ("language", Arg::from(language_name.as_str()))]),
                None => lang.t_with("name-in-language", &[("language", Arg::from(language_name.as_str()))]),
            };
            @if of.is_some() {
                label.visually-hidden for=(id) { (label) }
            } @else {
                label for=(id) { (label) }
            }
            input id=(id) type="text" name={ "name_" (tag) } value=(names.get(&tag).unwrap_or("")) lang=(tag) placeholder=[of.map(|_| language_name.as_str())];
        }
    }
}
