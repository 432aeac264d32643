//! Idea pages: the idea itself with its comments, and editing (submitting is `submit`).

use chrono::NaiveDateTime;
use maud::{Markup, html};

use crate::domain::age::shown_age;
use crate::domain::clock;
use crate::domain::ideas::{BODY_MAX, COMMENT_MAX};
use crate::domain::read::{CommentView, IdeaCard, IdeaDetail};
use crate::domain::response::{ResponsePolicy, wait_changes_at};
use crate::domain::roles::Role;
use crate::domain::validation::FieldErrors;
use crate::i18n::{Arg, Lang};
use crate::views::components::age::age_text;
use crate::views::components::avatar::avatar;
use crate::views::components::idea_card::{area_label, status_badge, tag_links};
use crate::views::components::markdown::SanitizedMarkdown;
use crate::views::components::response::{answer_rating, official_badge, response_note};
use crate::views::components::vote::VoteWidget;
use crate::views::components::{
    Field, TextArea, confirm_delete, csrf_field, error_summary, person_name,
};
use crate::views::layout::{Chrome, page};
use crate::views::pages::moderation::IdeaTools;

/// Everything the idea page shows.
pub struct IdeaPageView<'a> {
    pub idea: &'a IdeaDetail,
    /// The threads on the page of comments shown.
    pub comments: &'a [CommentView],
    /// Which page of comments that is (from 1), and how many there are.
    pub comment_page: usize,
    pub comment_pages: usize,
    /// Possible duplicates, shown to moderators with a one-click merge.
    pub duplicates: &'a [IdeaCard],
    /// The ideas merged into this one: (number, title).
    pub merged_here: &'a [(i64, String)],
    /// The statuses product can choose.
    pub statuses: &'a [crate::domain::read::Choice],
    /// Every tag, for moderators.
    pub tag_choices: &'a [crate::domain::read::TagRef],
    /// Every product area, for staff to put the idea in one (empty for everyone else).
    pub area_choices: &'a [crate::domain::read::Choice],
    pub status_errors: &'a FieldErrors,
    pub now: NaiveDateTime,
    pub comment_errors: &'a FieldErrors,
    pub comment_draft: &'a str,
    /// The response target, for staff to see how the idea's wait stands against it.
    pub response: ResponsePolicy,
}

/// When the idea page as rendered at `view.now` stops being exact without any change to the data:
/// when the first of the ages it shows (the idea's, its status changes', its comments') would
/// read differently.
pub fn idea_page_exact_until(view: &IdeaPageView<'_>) -> Option<NaiveDateTime> {
    let comments = view
        .comments
        .iter()
        .flat_map(|thread| std::iter::once(thread).chain(&thread.replies));
    std::iter::once(view.idea.card.created_at)
        .chain(view.idea.history.iter().map(|change| change.at))
        .chain(comments.map(|comment| comment.created_at))
        .map(|at| shown_age(at, view.now).changes_at)
        .chain(waiting_changes_at(view))
        .min()
}

/// For staff, when the idea's wait (while unanswered) next reads differently.
fn waiting_changes_at(view: &IdeaPageView<'_>) -> Option<NaiveDateTime> {
    let card = &view.idea.card;
    (view.idea.can_respond && card.first_response_at.is_none())
        .then(|| wait_changes_at(card.created_at, view.now))
}

pub fn idea_page(chrome: &Chrome, view: &IdeaPageView<'_>) -> Markup {
    let lang = chrome.lang;
    let idea = view.idea;
    let card = &idea.card;
    let csrf = chrome.action_csrf();
    let here = format!("/ideas/{}", card.number);
    let title = format!("#{} {}", card.number, card.title);
    page(
        &title,
        chrome,
        false,
        html! {
            article.idea-page.with-panel[idea.can_moderate && csrf.is_some()] {
                div.vote-column {
                    (VoteWidget {
                        number: card.number,
                        points: card.points(),
                        upvotes: card.upvotes,
                        downvotes: card.downvotes,
                        my_vote: card.my_vote,
                        voting_open: card.voting_open,
                        csrf,
                        read_only: chrome.read_only(),
                        return_to: &here,
                        lang: chrome.lang,
                    })
                    p.vote-help.muted {
                        span aria-hidden="true" { (lang.t("vote-help")) }
                        span.visually-hidden { (lang.t("vote-help-spoken")) }
                    }
                }
                div.idea-main {
                    h1 { span.muted { "#" (card.number) } " " (card.title) }
                    (byline(view, lang))
                    @if let Some(target) = idea.merged_into {
                        p.flash { a href={ "/ideas/" (target) } { (lang.t_with("idea-merged-into", &[("target", format!("#{target}").into())])) } }
                    }
                    div.body { (SanitizedMarkdown(&idea.body_html)) }
                    (asked_and_delivered(idea, lang))
                    @if !view.merged_here.is_empty() {
                        p.merged-here.muted {
                            (lang.t("idea-also-asked")) " "
                            @for (i, (number, title)) in view.merged_here.iter().enumerate() {
                                @if i > 0 { ", " }
                                @if idea.can_moderate {
                                    a href={ "/ideas/" (number) } { "#" (number) " " (title) }
                                } @else {
                                    "#" (number) " " (title)
                                }
                            }
                            " " (lang.t("idea-merged-here"))
                        }
                    }
                    @if idea.can_edit {
                        p { a href={ "/ideas/" (card.number) "/edit" } { (lang.t("idea-edit-own")) } }
                    }
                    @if idea.hidden {
                        p.flash.error { (lang.t("idea-hidden-notice")) }
                    }
                    @if let (Some(csrf), None) = (csrf, idea.merged_into) {
                        div.idea-actions {
                            (follow_form(csrf, card.number, idea.subscribed, lang))
                            (crate::views::pages::moderation::flag_form(csrf, &format!("/ideas/{}/flag", card.number), lang))
                        }
                    }
                    @if idea.can_respond && idea.merged_into.is_none() {
                        (response_note(view.response, card.created_at, card.first_response_at, view.now, lang))
                    }
                    (status_timeline(view, csrf, lang))
                    @if let (false, Some(csrf)) = (view.area_choices.is_empty(), csrf) {
                        (area_form(view, csrf, lang))
                    }
                }
                @if let (true, Some(csrf)) = (idea.can_moderate, csrf) {
                    (IdeaTools { csrf, number: card.number, hidden: idea.hidden, locked: idea.locked, merged_into: idea.merged_into, candidates: view.duplicates, author: &card.author, tags: &card.tags, tag_choices: view.tag_choices, lang })
                }
            }
            @if idea.merged_into.is_none() {
                (comments_section(view, csrf, chrome.read_only(), lang))
            }
        },
    )
}

/// Status, tags, author with avatar, age — or "Merged" for a merged idea, whose own status no
/// longer counts.
fn byline(view: &IdeaPageView<'_>, lang: Lang) -> Markup {
    let idea = view.idea;
    let card = &idea.card;
    html! {
        p.meta.byline {
            @if idea.merged_into.is_some() {
                span.badge.kind-closed { (lang.t("idea-merged-badge")) }
            } @else {
                (status_badge(&card.status, lang))
            }
            " " (tag_links(&card.tags, lang))
            (area_label(card.area.as_ref(), lang))
            span.muted {
                (avatar(&card.author)) " "
                (lang.t("idea-by")) " " (person_name(&card.author.name, card.author.role, lang)) " · "
                time datetime=(clock::rfc3339(card.created_at)) { (age_text(lang, &shown_age(card.created_at, view.now))) }
                @if let Some(edited) = idea.edited_at {
                    " · " span title=(clock::rfc3339(edited)) { (lang.t("idea-edited")) }
                }
            }
        }
    }
}

/// Follow or unfollow the idea (email when it moves or gets comments).
fn follow_form(csrf: &str, number: i64, following: bool, lang: Lang) -> Markup {
    html! {
        form.inline method="post" action={ "/ideas/" (number) "/follow" } {
            (csrf_field(csrf))
            input type="hidden" name="follow" value=(!following);
            button.secondary type="submit" { (lang.t(if following { "unfollow" } else { "follow" })) }
        }
    }
}

/// The idea's status history, and the form that changes it for those who may.
fn status_timeline(view: &IdeaPageView<'_>, csrf: Option<&str>, lang: Lang) -> Markup {
    let idea = view.idea;
    let card = &idea.card;
    let (note_label, note_hint) = (lang.t("status-note"), lang.t("status-note-hint"));
    let status_errors = &view.status_errors.in_language(lang);
    html! {
        section.status-timeline aria-labelledby="status-heading" {
            h2 #status-heading { (lang.t("status-heading")) }
            ol.timeline {
                li {
                    span class="dot kind-open" {} " " (lang.t("status-submitted")) " "
                    time datetime=(clock::rfc3339(card.created_at)) { (age_text(lang, &shown_age(card.created_at, view.now))) }
                }
                @for change in &idea.history {
                    li {
                        span class="dot kind-active" {} " "
                        strong { (change.to_names.shown(lang, &change.to_name)) } " — " (person_name(&change.by, change.by_role.unwrap_or(Role::Member), lang)) ", "
                        time datetime=(clock::rfc3339(change.at)) { (age_text(lang, &shown_age(change.at, view.now))) }
                        div.body.note { (SanitizedMarkdown(&change.note_html)) }
                    }
                }
            }
            @if let (true, Some(csrf)) = (idea.can_change_status, csrf) {
                form.card method="post" action={ "/ideas/" (card.number) "/status" } {
                    (csrf_field(csrf))
                    div.field {
                        label for="new-status" { (lang.t("status-change-to")) }
                        select #new-status name="status" {
                            @for status in view.statuses {
                                @if status.slug != card.status.slug { option value=(status.slug) { (status.shown(lang)) } }
                            }
                        }
                    }
                    (TextArea { name: "note", label: &note_label, value: "", hint: Some(&note_hint), errors: status_errors, rows: 4, maxlength: 5000 })
                    button type="submit" { (lang.t("status-change")) }
                }
            }
        }
    }
}

/// The product area the idea is in, for staff to change (or to take it out of any).
fn area_form(view: &IdeaPageView<'_>, csrf: &str, lang: Lang) -> Markup {
    let card = &view.idea.card;
    let current = card.area.as_ref().map(|area| area.slug.as_str());
    html! {
        form.card method="post" action={ "/ideas/" (card.number) "/area" } {
            (csrf_field(csrf))
            div.field {
                label for="idea-area" { (lang.t("idea-area-label")) }
                select #idea-area name="area" {
                    option value="" selected[current.is_none()] { (lang.t("submit-area-none")) }
                    @for area in view.area_choices {
                        option value=(area.slug) selected[current == Some(area.slug.as_str())] { (area.shown(lang)) }
                    }
                }
            }
            button.secondary type="submit" { (lang.t("idea-area-save")) }
        }
    }
}

/// Links to the earlier and later pages of comments (oldest first), and where this one stands.
fn comment_pages(view: &IdeaPageView<'_>, lang: Lang) -> Markup {
    let (page, pages) = (view.comment_page, view.comment_pages);
    let link = |to: usize| format!("/ideas/{}?comments={to}#comments", view.idea.card.number);
    html! {
        @if pages > 1 {
            nav.pagination aria-label=(lang.t("comments-pages")) {
                @if page > 1 {
                    a rel="prev" href=(link(page - 1)) { (lang.t("comments-earlier")) }
                }
                span { (lang.t_with("comments-page-of", &[("page", Arg::from(page)), ("pages", Arg::from(pages))])) }
                @if page < pages {
                    a rel="next" href=(link(page + 1)) { (lang.t("comments-later")) }
                }
            }
        }
    }
}

/// The comments with their replies, and the form to add one (or why there is none).
fn comments_section(
    view: &IdeaPageView<'_>,
    csrf: Option<&str>,
    read_only: bool,
    lang: Lang,
) -> Markup {
    let idea = view.idea;
    let card = &idea.card;
    let comment_label = lang.t("comment-add");
    let comment_errors = &view.comment_errors.in_language(lang);
    html! {
        section #comments aria-labelledby="comments-heading" {
            h2 #comments-heading { (lang.t_with("comments-heading", &[("count", Arg::Number(card.comment_count))])) }
            (comment_pages(view, lang))
            @for comment in view.comments {
                (comment_block(comment, csrf, view.now, true, (idea.locked, idea.can_moderate, idea.can_rate_answers), lang))
            }
            (comment_pages(view, lang))
            @if idea.locked {
                p.muted { (lang.t("comments-locked")) }
            } @else if let Some(csrf) = csrf {
                form.card method="post" action={ "/ideas/" (card.number) "/comments" } novalidate {
                    (csrf_field(csrf))
                    (TextArea { name: "body", label: &comment_label, value: view.comment_draft, hint: None, errors: comment_errors, rows: 4, maxlength: COMMENT_MAX })
                    @if idea.can_respond {
                        div.field {
                            label.check {
                                input type="checkbox" name="official" aria-describedby="comment-official-hint";
                                " " (lang.t("comment-official-check"))
                            }
                            p.hint #comment-official-hint { (lang.t("comment-official-hint")) }
                        }
                    }
                    button type="submit" { (lang.t("comment-send")) }
                }
            } @else if read_only {
                p.muted { (lang.t("read-only-notice")) }
            } @else {
                p { a href="/login" { (lang.t("comment-log-in")) } " " (lang.t("comment-log-in-rest")) }
            }
        }
    }
}

fn comment_block(
    comment: &CommentView,
    csrf: Option<&str>,
    now: NaiveDateTime,
    top_level: bool,
    (locked, moderate, rate): (bool, bool, bool),
    lang: Lang,
) -> Markup {
    html! {
        article.comment.official[comment.official && !comment.deleted] id={ "comment-" (comment.id) } {
            @if comment.deleted {
                p.muted { (lang.t("comment-deleted")) }
            } @else {
                p.meta.muted {
                    @if comment.official { (official_badge(lang)) " " }
                    (avatar(&comment.author)) " "
                    strong { (person_name(&comment.author.name, comment.author.role, lang)) } " · "
                    time datetime=(clock::rfc3339(comment.created_at)) { (age_text(lang, &shown_age(comment.created_at, now))) }
                    @if comment.edited_at.is_some() { " · " (lang.t("idea-edited")) }
                    @if let Some(from) = comment.merged_from { " · " (lang.t("comment-from")) " " a href={ "/ideas/" (from) } { "#" (from) } }
                    @if comment.hidden { " · " strong { (lang.t("comment-hidden")) } }
                }
                div.body { (SanitizedMarkdown(&comment.body_html)) }
                @if comment.official {
                    (answer_rating(comment, csrf, rate && !comment.mine, lang))
                }
                @if let (false, Some(csrf)) = (comment.mine, csrf) {
                    (crate::views::pages::moderation::flag_form(csrf, &format!("/comments/{}/flag", comment.id), lang))
                }
                @if let (true, Some(csrf)) = (moderate, csrf) {
                    (crate::views::pages::moderation::comment_tools(csrf, comment, lang))
                }
                @if comment.mine {
                    @if let Some(csrf) = csrf {
                        div.comment-actions {
                            a href={ "/comments/" (comment.id) "/edit" } { (lang.t("comment-edit")) }
                            " "
                            (confirm_delete(csrf, &format!("/comments/{}/delete", comment.id), &lang.t("comment-delete-question"), lang))
                        }
                    }
                }
            }
            @for reply in &comment.replies {
                div.reply { (comment_block(reply, csrf, now, false, (locked, moderate, rate), lang)) }
            }
            @if top_level && !comment.deleted && !locked {
                @if let Some(csrf) = csrf {
                    details.reply-form {
                        summary { (lang.t("reply")) }
                        form method="post" action={ "/ideas/" (comment.idea_number) "/comments" } {
                            (csrf_field(csrf))
                            input type="hidden" name="parent_id" value=(comment.id);
                            label for={ "reply-" (comment.id) } { (lang.t("reply-label")) }
                            textarea id={ "reply-" (comment.id) } name="body" rows="3" maxlength=(COMMENT_MAX) {}
                            button type="submit" { (lang.t("reply")) }
                        }
                    }
                }
            }
        }
    }
}

/// The author's edit form.
pub fn edit_idea(
    chrome: &Chrome,
    csrf: &str,
    number: i64,
    title: &str,
    body: &str,
    errors: &FieldErrors,
) -> Markup {
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let (title_label, body_label) = (lang.t("field-title"), lang.t("field-description"));
    page(
        &lang.t("edit-idea-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t_with("edit-idea-heading", &[("number", number.to_string().into())])) }
            (error_summary(errors, lang))
            form.card method="post" action={ "/ideas/" (number) "/edit" } novalidate {
                (csrf_field(csrf))
                (Field { name: "title", label: &title_label, kind: "text", value: title, hint: None, autocomplete: "off", errors, required: true })
                (TextArea { name: "body", label: &body_label, value: body, hint: None, errors, rows: 10, maxlength: BODY_MAX })
                button type="submit" { (lang.t("save")) }
                " " a href={ "/ideas/" (number) } { (lang.t("cancel")) }
            }
        },
    )
}

/// The edit form of a comment.
pub fn edit_comment(
    chrome: &Chrome,
    csrf: &str,
    comment_id: &str,
    number: i64,
    body: &str,
    errors: &FieldErrors,
) -> Markup {
    let lang = chrome.lang;
    let errors = &errors.in_language(lang);
    let label = lang.t("field-comment");
    page(
        &lang.t("edit-comment-title"),
        chrome,
        true,
        html! {
            h1 { (lang.t("edit-comment-title")) }
            form.card method="post" action={ "/comments/" (comment_id) "/edit" } novalidate {
                (csrf_field(csrf))
                (TextArea { name: "body", label: &label, value: body, hint: None, errors, rows: 6, maxlength: COMMENT_MAX })
                button type="submit" { (lang.t("save")) }
                " " a href={ "/ideas/" (number) "#comment-" (comment_id) } { (lang.t("cancel")) }
            }
        },
    )
}

/// The storm session an idea answers, and the release notes that deliver it.
fn asked_and_delivered(idea: &IdeaDetail, lang: Lang) -> Markup {
    html! {
        @if let Some(storm) = &idea.card.storm {
            p.muted { (lang.t("idea-in-storm")) " " a href={ "/storms/" (storm.slug) } { (storm.title) } }
        }
        @if !idea.delivered_in.is_empty() {
            p.delivered-in {
                (lang.t("idea-delivered-in")) " "
                @for (i, (id, title, day)) in idea.delivered_in.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href={ "/changelog/" (id) } { (title) } " (" (day) ")"
                }
            }
        }
    }
}
