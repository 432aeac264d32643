//! Moderator pages: the flag queue, the audit log; and the tools shown on an idea page (tags are
//! in `tags.rs`).

use maud::{Markup, html};

use crate::domain::clock;
use crate::domain::read::{
    AuditView, AuthorRef, CommentView, FlaggedItem, HiddenItem, IdeaCard, TagRef,
};
use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;
use crate::i18n::Lang;
use crate::views::components::{Field, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// The tabs between the moderation pages, the one at `current` marked as the page shown.
pub fn mod_nav(current: &str, lang: Lang) -> Markup {
    const TABS: [(&str, &str); 6] = [
        ("/mod", "mod-overview"),
        ("/mod/flags", "mod-flags"),
        ("/mod/hidden", "mod-hidden"),
        ("/mod/audit", "mod-audit"),
        ("/mod/tags", "mod-tags"),
        ("/mod/users", "mod-bans"),
    ];
    html! {
        nav.tabs aria-label=(lang.t("mod-nav")) {
            @for (href, name) in TABS {
                a href=(href) aria-current=[(href == current).then_some("page")] { (lang.t(name)) }
            }
        }
    }
}

pub fn flags(chrome: &Chrome, csrf: &str, items: &[FlaggedItem]) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("mod-flags"),
        chrome,
        false,
        html! {
            h1 { (lang.t("flags-heading")) }
            (mod_nav("/mod/flags", lang))
            @if items.is_empty() { p.card.empty { (lang.t("flags-empty")) } }
            @else {
            table {
                thead { tr { th { (lang.t("col-flags")) } th { (lang.t("col-what")) } th { (lang.t("col-reasons")) } th { (lang.t("col-decision")) } } }
                tbody {
                    @for item in items {
                        tr {
                            td { (item.flags) }
                            td {
                                a href={ "/ideas/" (item.idea) } { "#" (item.idea) " " (item.title) }
                                @if item.kind == "comment" { br; span.muted { (lang.t("flag-comment")) " " (item.excerpt) } }
                            }
                            td { ul { @for reason in &item.reasons { li { (reason) } } } }
                            td {
                                @for (decision, label) in [("dismiss", "decision-dismiss"), ("hide", "decision-hide")] {
                                    form.inline method="post" action="/mod/flags/resolve" {
                                        (csrf_field(csrf))
                                        @if let Some(comment) = &item.comment_id {
                                            input type="hidden" name="comment" value=(comment);
                                        } @else {
                                            input type="hidden" name="idea" value=(item.idea);
                                        }
                                        input type="hidden" name="decision" value=(decision);
                                        button.secondary type="submit" { (lang.t(label)) }
                                    }
                                    " "
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

/// What moderators hid, each with the reason and a button to show it again.
pub fn hidden(chrome: &Chrome, csrf: &str, items: &[HiddenItem]) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("mod-hidden"),
        chrome,
        false,
        html! {
            h1 { (lang.t("hidden-heading")) }
            (mod_nav("/mod/hidden", lang))
            @if items.is_empty() {
                p.card.empty { (lang.t("hidden-empty")) }
            } @else {
            table {
                thead { tr { th { (lang.t("col-what")) } th { (lang.t("col-hidden")) } th { (lang.t("col-reason")) } th { span.visually-hidden { (lang.t("col-decision")) } } } }
                tbody {
                    @for item in items {
                        tr {
                            td {
                                @if let Some(comment) = &item.comment_id {
                                    (lang.t("hidden-comment-on")) " " a href={ "/ideas/" (item.idea) "?comment=" (comment) } { "#" (item.idea) " " (item.title) }
                                    br; span.muted { (item.excerpt) }
                                } @else {
                                    a href={ "/ideas/" (item.idea) } { "#" (item.idea) " " (item.title) }
                                }
                            }
                            td { time datetime=(clock::rfc3339(item.hidden_at)) { (clock::readable(item.hidden_at)) } }
                            td { @if item.reason.is_empty() { (lang.t("hidden-no-reason")) } @else { (item.reason) } }
                            td {
                                form method="post" action=(match &item.comment_id {
                                    Some(comment) => format!("/mod/comments/{comment}/unhide"),
                                    None => format!("/mod/ideas/{}/unhide", item.idea),
                                }) {
                                    (csrf_field(csrf))
                                    input type="hidden" name="return_to" value="/mod/hidden";
                                    button.secondary type="submit"
                                        aria-label=(lang.t_with(if item.comment_id.is_some() { "unhide-comment" } else { "unhide-idea" }, &[("number", item.idea.to_string().into()), ("title", item.title.as_str().into())])) { (lang.t("unhide")) }
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

pub fn audit(chrome: &Chrome, entries: &[AuditView], action: &str) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("mod-audit"),
        chrome,
        false,
        html! {
            h1 { (lang.t("mod-audit")) }
            (mod_nav("/mod/audit", lang))
            form.filters method="get" action="/mod/audit" {
                div.field {
                    label for="action" { (lang.t("audit-filter-action")) }
                    select #action name="action" {
                        option value="" { (lang.t("audit-all-actions")) }
                        @for (value, _) in crate::domain::audit::ACTIONS {
                            option value=(value) selected[value == action] { (lang.t(&format!("audit-action-{value}"))) }
                        }
                    }
                }
                button type="submit" { (lang.t("audit-filter")) }
            }
            @if entries.is_empty() {
                p.card.empty { (lang.t("audit-empty")) }
            } @else {
            table {
                thead { tr { th { (lang.t("col-when")) } th { (lang.t("col-who")) } th { (lang.t("col-action")) } th { (lang.t("col-what")) } th { (lang.t("col-reason")) } } }
                tbody {
                    @for entry in entries {
                        tr {
                            td { time datetime=(clock::rfc3339(entry.at)) { (clock::readable(entry.at)) } }
                            td { a href={ "/mod/audit?actor=" (entry.actor_id) } { (entry.actor) } }
                            td { code { (entry.action) } }
                            td { (entry.subject) }
                            td { (entry.reason) }
                        }
                    }
                }
            }
            }
        },
    )
}

/// The moderator's tools on an idea page: hide, lock, merge (with duplicate candidates), unmerge,
/// its tags, and banning its author.
pub struct IdeaTools<'a> {
    pub csrf: &'a str,
    pub number: i64,
    pub hidden: bool,
    pub locked: bool,
    pub merged_into: Option<i64>,
    /// Likely duplicates, each with a one-click merge.
    pub candidates: &'a [IdeaCard],
    pub author: &'a AuthorRef,
    /// The idea's tags, and every tag to choose from.
    pub tags: &'a [TagRef],
    pub tag_choices: &'a [TagRef],
    pub lang: Lang,
}

impl maud::Render for IdeaTools<'_> {
    fn render(&self) -> Markup {
        let IdeaTools {
            csrf,
            number,
            hidden,
            locked,
            merged_into,
            candidates,
            author,
            lang,
            ..
        } = *self;
        let action = |what: &str| format!("/mod/ideas/{number}/{what}");
        html! {
        section.mod-panel aria-labelledby="mod-heading" {
            h2 #mod-heading { (lang.t("panel-heading")) }
            @if let Some(target) = merged_into {
                div.tool {
                    h3 { (lang.t("panel-merged")) }
                    p { (lang.t("panel-merged-into")) " " a href={ "/ideas/" (target) } { "#" (target) } "." }
                    form method="post" action=(action("unmerge")) {
                        (csrf_field(csrf))
                        button type="submit" { (lang.t("panel-unmerge")) }
                    }
                }
            } @else {
                div.tool {
                    h3 { (lang.t("panel-merge")) }
                    form method="post" action=(action("merge")) {
                        (csrf_field(csrf))
                        label for="merge-into" { (lang.t("panel-merge-into")) }
                        input #merge-into type="text" inputmode="numeric" name="into" required;
                        button.secondary type="submit" { (lang.t("panel-merge")) }
                    }
                    @if !candidates.is_empty() {
                        p.muted { (lang.t("panel-duplicates")) }
                        ul.candidates {
                            @for idea in candidates {
                                li {
                                    a href={ "/ideas/" (idea.number) } { "#" (idea.number) " " (idea.title) }
                                    form method="post" action=(action("merge")) {
                                        (csrf_field(csrf))
                                        input type="hidden" name="into" value=(idea.number);
                                        button.link type="submit" { (lang.t_with("panel-merge-into-this", &[("number", idea.number.to_string().into())])) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div.tool {
                h3 { (lang.t("panel-visibility")) }
                form method="post" action=(action(if hidden { "unhide" } else { "hide" })) {
                    (csrf_field(csrf))
                    @if !hidden {
                        label for="hide-reason" { (lang.t("panel-hide-reason")) }
                        input #hide-reason type="text" name="reason" required;
                    }
                    button.secondary type="submit" { (lang.t(if hidden { "unhide" } else { "panel-hide" })) }
                }
                form method="post" action=(action(if locked { "unlock" } else { "lock" })) {
                    (csrf_field(csrf))
                    button.secondary type="submit" { (lang.t(if locked { "panel-unlock" } else { "panel-lock" })) }
                }
            }
            @if merged_into.is_none() && !self.tag_choices.is_empty() {
                div.tool {
                    h3 { (lang.t("panel-tags")) }
                    (self.tag_form(&action("tags")))
                }
            }
            @if author.role == Role::Member {
                div.tool {
                    h3 { (lang.t("panel-author")) }
                    (ban_author_form(csrf, author, &format!("/ideas/{number}"), lang))
                }
            }
        }
        }
    }
}

impl IdeaTools<'_> {
    /// The idea's tags as checkboxes, every tag offered.
    fn tag_form(&self, action: &str) -> Markup {
        html! {
            form method="post" action=(action) {
                (csrf_field(self.csrf))
                fieldset.field {
                    legend { (self.lang.t("panel-tags-of-idea")) }
                    @for tag in self.tag_choices {
                        label.check {
                            input type="checkbox" name="tags" value=(tag.slug)
                                checked[self.tags.iter().any(|t| t.slug == tag.slug)];
                            " " (tag.names.shown(self.lang, &tag.name))
                        }
                    }
                }
                button.secondary type="submit" { (self.lang.t("panel-save-tags")) }
            }
        }
    }
}

/// A moderator's tools under a comment: hide it (with a reason) or show it again, and ban its
/// author; folded away until opened.
pub fn comment_tools(csrf: &str, comment: &CommentView, lang: Lang) -> Markup {
    let action = |what: &str| format!("/mod/comments/{}/{what}", comment.id);
    let reason_id = format!("hide-reason-{}", comment.id);
    let here = format!("/ideas/{}?comment={}", comment.idea_number, comment.id);
    html! {
        details.mod-comment-tools {
            summary { (lang.t("comment-moderate")) }
            @if comment.hidden {
                form method="post" action=(action("unhide")) {
                    (csrf_field(csrf))
                    button.secondary type="submit" { (lang.t("unhide")) }
                }
            } @else {
                form method="post" action=(action("hide")) {
                    (csrf_field(csrf))
                    label for=(reason_id) { (lang.t("panel-hide-reason")) }
                    input id=(reason_id) type="text" name="reason" required;
                    button.secondary type="submit" { (lang.t("panel-hide")) }
                }
            }
            @if comment.author.role == Role::Member {
                (ban_author_form(csrf, &comment.author, &here, lang))
            }
        }
    }
}

/// Bans the author of what the moderator is looking at (moderators never see addresses), with
/// the reason the audit log keeps, and comes back to `return_to`.
pub fn ban_author_form(csrf: &str, author: &AuthorRef, return_to: &str, lang: Lang) -> Markup {
    let name = [("name", crate::i18n::Arg::from(author.name.as_str()))];
    let field = format!("ban-reason-{}", author.id);
    html! {
        form method="post" action={ "/mod/users/" (author.id) "/ban" } {
            (csrf_field(csrf))
            input type="hidden" name="return_to" value=(return_to);
            label for=(field) { (lang.t_with("ban-reason-for", &name)) }
            input id=(field) type="text" name="reason" required;
            button.danger type="submit" { (lang.t_with("ban-person", &name)) }
        }
    }
}

/// Ban or unban someone by email.
/// What was typed into the ban form (kept when it is refused).
pub struct BanDraft<'a> {
    pub email: &'a str,
    pub reason: &'a str,
    pub unban: bool,
    pub errors: &'a FieldErrors,
}

pub fn ban_form(chrome: &Chrome, csrf: &str, draft: &BanDraft<'_>) -> Markup {
    let lang = chrome.lang;
    let errors = &draft.errors.in_language(lang);
    let title = lang.t("ban-title");
    let (email, hint, reason) = (
        lang.t("ban-email"),
        lang.t("ban-email-hint"),
        lang.t("ban-reason"),
    );
    page(
        &if errors.is_empty() {
            title
        } else {
            lang.t_with("error-title", &[("title", title.into())])
        },
        chrome,
        false,
        html! {
            h1 { (lang.t("ban-heading")) }
            (mod_nav("/mod/users", lang))
            (error_summary(errors, lang))
            form.card method="post" action="/mod/users" novalidate {
                (csrf_field(csrf))
                (Field { name: "email", label: &email, kind: "email", value: draft.email, hint: Some(&hint), autocomplete: "off", errors, required: true })
                (Field { name: "reason", label: &reason, kind: "text", value: draft.reason, hint: None, autocomplete: "off", errors, required: false })
                fieldset.field {
                    legend { (lang.t("ban-decision")) }
                    label.check { input type="radio" name="decision" value="ban" checked[!draft.unban]; " " (lang.t("ban-ban")) }
                    label.check { input type="radio" name="decision" value="unban" checked[draft.unban]; " " (lang.t("ban-unban")) }
                }
                button type="submit" { (lang.t("ban-apply")) }
            }
        },
    )
}

/// The small "flag this" form under an idea or comment.
pub fn flag_form(csrf: &str, action: &str, lang: crate::i18n::Lang) -> Markup {
    html! {
        details.flag-form {
            summary { (lang.t("flag")) }
            form method="post" action=(action) {
                (csrf_field(csrf))
                label for={ "flag-" (action) } { (lang.t("flag-question")) }
                input id={ "flag-" (action) } type="text" name="reason" required maxlength="500";
                button.secondary type="submit" { (lang.t("flag-send")) }
            }
        }
    }
}
