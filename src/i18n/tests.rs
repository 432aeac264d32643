//! The translation files themselves: every key in every language, none empty; numbers, plurals
//! and the order in which a request's language is chosen.

use std::collections::BTreeMap;

use super::negotiate::{Asked, choose};
use super::{Arg, Lang};

/// The messages of one language's files: key → its text (the value and any indented lines).
fn messages(tag: &str) -> BTreeMap<String, String> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(tag);
    let mut messages = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("the language's folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_message = line.chars().next().is_some_and(|c| c.is_ascii_lowercase());
            if starts_message && let Some((key, value)) = line.split_once('=') {
                let key = key.trim().to_string();
                assert!(
                    messages
                        .insert(key.clone(), value.trim().to_string())
                        .is_none(),
                    "{tag}: {key} twice"
                );
                current = Some(key);
            } else if line.starts_with(' ')
                && let Some(key) = &current
                && let Some(value) = messages.get_mut(key)
            {
                value.push_str(line.trim());
            } else if !line.starts_with(' ') {
                current = None;
            }
        }
    }
    messages
}

#[test]
fn every_key_exists_in_every_language_and_none_is_empty() {
    let english = messages("en");
    assert!(english.len() > 50, "the files are read: {}", english.len());
    for lang in Lang::all() {
        let tag = lang.tag();
        let theirs = messages(&tag);
        let missing: Vec<_> = english
            .keys()
            .filter(|k| !theirs.contains_key(*k))
            .collect();
        let extra: Vec<_> = theirs
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(extra.is_empty(), "{tag} has keys English lacks: {extra:?}");
        let empty: Vec<_> = theirs.iter().filter(|(_, v)| v.is_empty()).collect();
        assert!(empty.is_empty(), "{tag}: empty {empty:?}");
    }
}

#[test]
fn every_audited_action_has_its_label_in_every_language() {
    for lang in Lang::all() {
        let theirs = messages(&lang.tag());
        let missing: Vec<_> = crate::domain::audit::ACTIONS
            .iter()
            .map(|(action, _)| format!("audit-action-{action}"))
            .filter(|key| !theirs.contains_key(key))
            .collect();
        assert!(missing.is_empty(), "{}: {missing:?}", lang.tag());
    }
}

#[test]
fn german_and_english_are_both_there() {
    let tags: Vec<String> = Lang::all().into_iter().map(Lang::tag).collect();
    assert_eq!(tags, ["en", "de"]);
}

#[test]
fn numbers_and_plurals_follow_the_language() {
    let (en, de) = (Lang::english(), Lang::parse("de").expect("German"));
    assert_eq!(en.number(1234567), "1,234,567");
    assert_eq!(de.number(1234), "1.234");
    assert_eq!(de.number(-5), "-5");
    assert_eq!(
        en.t_with("board-idea-count", &[("count", Arg::Number(1))]),
        "1 idea"
    );
    assert_eq!(
        de.t_with("board-idea-count", &[("count", Arg::Number(1234))]),
        "1.234 Ideen"
    );
}

#[test]
fn the_preference_beats_the_cookie_which_beats_the_browser() {
    let default = Lang::english();
    let de = Lang::parse("de").expect("German");
    let asked = |preference, cookie, accept_language| Asked {
        preference,
        cookie,
        accept_language,
    };
    assert_eq!(choose(asked(None, None, None), default), default);
    assert_eq!(
        choose(
            asked(None, None, Some("fr-CH, de-DE;q=0.8, en;q=0.5")),
            default
        ),
        de
    );
    assert_eq!(
        choose(asked(None, Some("en"), Some("de")), default),
        default
    );
    assert_eq!(
        choose(asked(Some("de"), Some("en"), Some("en")), default),
        de
    );
    assert_eq!(
        choose(asked(None, Some("klingon"), Some("de")), default),
        de,
        "unknown is skipped"
    );
    assert_eq!(
        choose(asked(None, None, Some("fr")), de),
        de,
        "the board default"
    );
}
