//! `/theme.css`: the colours admins give statuses and moderators give tags, as class rules (the
//! CSP allows no inline style), each with the text colour that reads on it (WCAG AA).

use std::fmt::Write;

use crate::domain::colors::Rgb;

/// The part of a class name a slug gives (`status-<slug>`, `tag-<slug>`): the slug itself when
/// it holds only lowercase letters, digits and hyphens, as slugs are made; otherwise nothing, and
/// the element keeps its plain look.
pub fn class_part(slug: &str) -> Option<&str> {
    let fits = !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    fits.then_some(slug)
}

/// The class names of a status badge: its kind's look, overridden by its own colour.
pub fn status_classes(slug: &str, kind: &'static str) -> String {
    match class_part(slug) {
        Some(part) => format!("badge status kind-{kind} status-{part}"),
        None => format!("badge status kind-{kind}"),
    }
}

/// The class names of a tag link.
pub fn tag_classes(slug: &str) -> String {
    match class_part(slug) {
        Some(part) => format!("tag tag-{part}"),
        None => "tag".to_string(),
    }
}

/// The stylesheet for these statuses and tags, each as (slug, colour); a colour that does not
/// parse is left out.
pub fn stylesheet(statuses: &[(String, String)], tags: &[(String, String)]) -> String {
    let mut css = String::from("/* Status and tag colours, as set on the board. */\n");
    let rules = [("status", statuses), ("tag", tags)];
    for (kind, items) in rules {
        for (slug, color) in items {
            let (Some(part), Some(background)) = (class_part(slug), Rgb::parse(color)) else {
                continue;
            };
            let (fill, text) = (background.hex(), background.text_on().hex());
            let selector = if kind == "status" {
                format!(".badge.status-{part}")
            } else {
                format!(".tag.tag-{part}")
            };
            // Writing to a String cannot fail.
            let _ = writeln!(
                css,
                "{selector} {{ background: {fill}; border-color: {fill}; color: {text}; }}"
            );
        }
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_colour_gets_a_rule_with_readable_text_and_odd_slugs_get_none() {
        let statuses = vec![
            ("under-review".to_string(), "#b7791f".to_string()),
            ("planned".to_string(), "#2b6cb0".to_string()),
            ("Bad slug}".to_string(), "#000000".to_string()),
        ];
        let tags = vec![
            ("ui".to_string(), "#fff".to_string()),
            ("mobile".to_string(), "purple".to_string()),
        ];
        let css = stylesheet(&statuses, &tags);
        assert!(css.contains(
            ".badge.status-under-review { background: #b7791f; border-color: #b7791f; color: #000000; }"
        ));
        assert!(css.contains(
            ".badge.status-planned { background: #2b6cb0; border-color: #2b6cb0; color: #ffffff; }"
        ));
        assert!(css.contains(
            ".tag.tag-ui { background: #ffffff; border-color: #ffffff; color: #000000; }"
        ));
        assert!(!css.contains("Bad") && !css.contains("mobile"), "{css}");
        assert_eq!(
            status_classes("Bad slug}", "open"),
            "badge status kind-open"
        );
        assert_eq!(tag_classes("ui"), "tag tag-ui");
    }
}
