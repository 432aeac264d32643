//! Moderator pages: the flag queue, the audit log; and the tools shown on an idea page (tags are
//! in `tags.rs`).

use maud::{Markup, html};

use crate::domain::clock;
use crate::domain::read::{
    AuditView, AuthorRef, CommentView, FlaggedItem, HiddenItem, IdeaCard, TagRef,
};
use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;
use crate::views::components::{Field, csrf_field, error_summary};
use crate::views::layout::{Chrome, page};

/// The tabs between the moderation pages, the one at `current` marked as the page shown.
pub fn mod_nav(current: &str) -> Markup {
    const TABS: [(&str, &str); 6] = [
        ("/mod", "Overview"),
        ("/mod/flags", "Flags"),
        ("/mod/hidden", "Hidden"),
        ("/mod/audit", "Audit log"),
        ("/mod/tags", "Tags"),
        ("/mod/users", "Bans"),
    ];
    html! {
        nav.tabs aria-label="Moderation" {
            @for (href, name) in TABS {
                a href=(href) aria-current=[(href == current).then_some("page")] { (name) }
            }
        }
    }
}

pub fn flags(chrome: &Chrome, csrf: &str, items: &[FlaggedItem]) -> Markup {
    page(
        "Flags",
        chrome,
        false,
        html! {
            h1 { "Flagged content" }
            (mod_nav("/mod/flags"))
            @if items.is_empty() { p.card.empty { "Nothing is flagged. Flags people raise on ideas and comments wait here." } }
            @else {
            table {
                thead { tr { th { "Flags" } th { "What" } th { "Reasons" } th { "Decision" } } }
                tbody {
                    @for item in items {
                        tr {
                            td { (item.flags) }
                            td {
                                a href={ "/ideas/" (item.idea) } { "#" (item.idea) " " (item.title) }
                                @if item.kind == "comment" { br; span.muted { "Comment: " (item.excerpt) } }
                            }
                            td { ul { @for reason in &item.reasons { li { (reason) } } } }
                            td {
                                @for (decision, label) in [("dismiss", "Dismiss"), ("hide", "Hide")] {
                                    form.inline method="post" action="/mod/flags/resolve" {
                                        (csrf_field(csrf))
                                        @if let Some(comment) = &item.comment_id {
                                            input type="hidden" name="comment" value=(comment);
                                        } @else {
                                            input type="hidden" name="idea" value=(item.idea);
                                        }
                                        input type="hidden" name="decision" value=(decision);
                                        button.secondary type="submit" { (label) }
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
    page(
        "Hidden",
        chrome,
        false,
        html! {
            h1 { "Hidden ideas and comments" }
            (mod_nav("/mod/hidden"))
            @if items.is_empty() {
                p.card.empty { "Nothing is hidden. What you hide from an idea page or the flag queue is listed here, to show it again." }
            } @else {
            table {
                thead { tr { th { "What" } th { "Hidden" } th { "Reason" } th { span.visually-hidden { "Decision" } } } }
                tbody {
                    @for item in items {
                        tr {
                            td {
                                @if let Some(comment) = &item.comment_id {
                                    "Comment on " a href={ "/ideas/" (item.idea) "?comment=" (comment) } { "#" (item.idea) " " (item.title) }
                                    br; span.muted { (item.excerpt) }
                                } @else {
                                    a href={ "/ideas/" (item.idea) } { "#" (item.idea) " " (item.title) }
                                }
                            }
                            td { time datetime=(clock::rfc3339(item.hidden_at)) { (clock::readable(item.hidden_at)) } }
                            td { (item.reason) }
                            td {
                                form method="post" action=(match &item.comment_id {
                                    Some(comment) => format!("/mod/comments/{comment}/unhide"),
                                    None => format!("/mod/ideas/{}/unhide", item.idea),
                                }) {
                                    (csrf_field(csrf))
                                    input type="hidden" name="return_to" value="/mod/hidden";
                                    button.secondary type="submit"
                                        aria-label={ "Unhide " (if item.comment_id.is_some() { "the comment on #" } else { "#" }) (item.idea) " " (item.title) } { "Unhide" }
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
    page(
        "Audit log",
        chrome,
        false,
        html! {
            h1 { "Audit log" }
            (mod_nav("/mod/audit"))
            form.filters method="get" action="/mod/audit" {
                div.field {
                    label for="action" { "Action" }
                    select #action name="action" {
                        option value="" { "All actions" }
                        @for (value, name) in crate::domain::audit::ACTIONS {
                            option value=(value) selected[value == action] { (name) }
                        }
                    }
                }
                button type="submit" { "Filter" }
            }
            @if entries.is_empty() {
                p.card.empty { "Nothing is recorded here yet: every merge, hide, lock, ban and role change will be." }
            } @else {
            table {
                thead { tr { th { "When" } th { "Who" } th { "Action" } th { "What" } th { "Reason" } } }
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
            ..
        } = *self;
        let action = |what: &str| format!("/mod/ideas/{number}/{what}");
        html! {
        section.mod-panel aria-labelledby="mod-heading" {
            h2 #mod-heading { "Moderation" }
            @if let Some(target) = merged_into {
                div.tool {
                    h3 { "Merged" }
                    p { "Merged into " a href={ "/ideas/" (target) } { "#" (target) } "." }
                    form method="post" action=(action("unmerge")) {
                        (csrf_field(csrf))
                        button type="submit" { "Unmerge" }
                    }
                }
            } @else {
                div.tool {
                    h3 { "Merge" }
                    form method="post" action=(action("merge")) {
                        (csrf_field(csrf))
                        label for="merge-into" { "Merge this idea into #" }
                        input #merge-into type="text" inputmode="numeric" name="into" required;
                        button.secondary type="submit" { "Merge" }
                    }
                    @if !candidates.is_empty() {
                        p.muted { "Possible duplicates:" }
                        ul.candidates {
                            @for idea in candidates {
                                li {
                                    a href={ "/ideas/" (idea.number) } { "#" (idea.number) " " (idea.title) }
                                    form method="post" action=(action("merge")) {
                                        (csrf_field(csrf))
                                        input type="hidden" name="into" value=(idea.number);
                                        button.link type="submit" { "merge into #" (idea.number) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div.tool {
                h3 { "Visibility" }
                form method="post" action=(action(if hidden { "unhide" } else { "hide" })) {
                    (csrf_field(csrf))
                    @if !hidden {
                        label for="hide-reason" { "Reason to hide it" }
                        input #hide-reason type="text" name="reason" required;
                    }
                    button.secondary type="submit" { (if hidden { "Unhide" } else { "Hide" }) }
                }
                form method="post" action=(action(if locked { "unlock" } else { "lock" })) {
                    (csrf_field(csrf))
                    button.secondary type="submit" { (if locked { "Unlock comments" } else { "Lock comments" }) }
                }
            }
            @if merged_into.is_none() && !self.tag_choices.is_empty() {
                div.tool {
                    h3 { "Tags" }
                    (self.tag_form(&action("tags")))
                }
            }
            @if author.role == Role::Member {
                div.tool {
                    h3 { "Author" }
                    (ban_author_form(csrf, author, &format!("/ideas/{number}")))
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
                    legend { "Tags of this idea" }
                    @for tag in self.tag_choices {
                        label.check {
                            input type="checkbox" name="tags" value=(tag.slug)
                                checked[self.tags.iter().any(|t| t.slug == tag.slug)];
                            " " (tag.name)
                        }
                    }
                }
                button.secondary type="submit" { "Save tags" }
            }
        }
    }
}

/// A moderator's tools under a comment: hide it (with a reason) or show it again, and ban its
/// author; folded away until opened.
pub fn comment_tools(csrf: &str, comment: &CommentView) -> Markup {
    let action = |what: &str| format!("/mod/comments/{}/{what}", comment.id);
    let reason_id = format!("hide-reason-{}", comment.id);
    let here = format!("/ideas/{}?comment={}", comment.idea_number, comment.id);
    html! {
        details.mod-comment-tools {
            summary { "Moderate" }
            @if comment.hidden {
                form method="post" action=(action("unhide")) {
                    (csrf_field(csrf))
                    button.secondary type="submit" { "Unhide" }
                }
            } @else {
                form method="post" action=(action("hide")) {
                    (csrf_field(csrf))
                    label for=(reason_id) { "Reason to hide it" }
                    input id=(reason_id) type="text" name="reason" required;
                    button.secondary type="submit" { "Hide" }
                }
            }
            @if comment.author.role == Role::Member {
                (ban_author_form(csrf, &comment.author, &here))
            }
        }
    }
}

/// Bans the author of what the moderator is looking at (moderators never see addresses), with
/// the reason the audit log keeps, and comes back to `return_to`.
pub fn ban_author_form(csrf: &str, author: &AuthorRef, return_to: &str) -> Markup {
    let field = format!("ban-reason-{}", author.id);
    html! {
        form method="post" action={ "/mod/users/" (author.id) "/ban" } {
            (csrf_field(csrf))
            input type="hidden" name="return_to" value=(return_to);
            label for=(field) { "Reason to ban " (author.name) }
            input id=(field) type="text" name="reason" required;
            button.danger type="submit" { "Ban " (author.name) }
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
    let title = if draft.errors.is_empty() {
        "Ban"
    } else {
        "Error: Ban"
    };
    page(
        title,
        chrome,
        false,
        html! {
            h1 { "Ban or unban someone" }
            (mod_nav("/mod/users"))
            (error_summary(draft.errors, chrome.lang))
            form.card method="post" action="/mod/users" novalidate {
                (csrf_field(csrf))
                (Field { name: "email", label: "Their email", kind: "email", value: draft.email, hint: Some("Or use \"Ban\" on their idea or comment, where you see their name."), autocomplete: "off", errors: draft.errors, required: true })
                (Field { name: "reason", label: "Reason (goes in the audit log)", kind: "text", value: draft.reason, hint: None, autocomplete: "off", errors: draft.errors, required: false })
                fieldset.field {
                    legend { "Decision" }
                    label.check { input type="radio" name="decision" value="ban" checked[!draft.unban]; " Ban (read only, signed out)" }
                    label.check { input type="radio" name="decision" value="unban" checked[draft.unban]; " Unban" }
                }
                button type="submit" { "Apply" }
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
