//! Who hears about what: notification preferences, signed one-click unsubscribe links that work
//! signed out (RFC 8058), and queuing notification mail in the change's own transaction.

use std::collections::HashMap;

use super::ServiceResult;
use crate::db::models::outbox::{self, NewOutboxMessage};
use crate::db::models::{ideas, pipeline, subscriptions, users};
use crate::db::{Db, DbConnection};
use crate::domain::ids::{IdeaId, UserId};
use crate::domain::validation::Text;
use crate::domain::{clock, secrets};
use crate::i18n::Lang;
use crate::mail::RenderedEmail;
use crate::services::error::ServiceError;

/// The kinds of notification a person can tune; also the preference column names.
pub const KINDS: [&str; 8] = [
    "status_changes",
    "releases",
    "comments",
    "replies",
    "merges",
    "storms",
    "area_ideas",
    "weekly_summary",
];

/// The kinds only staff are asked about: alerts about their areas, the weekly summary.
pub const STAFF_KINDS: [&str; 2] = ["area_ideas", "weekly_summary"];

/// A preference's default.
pub fn default_for(kind: &str) -> &'static str {
    match kind {
        "comments" => "digest",
        "storms" => "area",
        _ => "instant",
    }
}

/// The preference of `kind` for each of `user_ids`.
pub fn preferences(
    conn: &mut DbConnection,
    user_ids: &[UserId],
    kind: &str,
) -> ServiceResult<HashMap<UserId, String>> {
    let mut chosen: HashMap<UserId, String> = user_ids
        .iter()
        .map(|u| (u.clone(), default_for(kind).to_string()))
        .collect();
    for (user, kinds) in pipeline::preferences_of(conn, user_ids)? {
        let (status_changes, comments, replies, merges, area_ideas, weekly_summary, storms) =
            kinds.0;
        let (releases,) = kinds.1;
        let value = match kind {
            "storms" => storms,
            "releases" => releases,
            "status_changes" => status_changes,
            "comments" => comments,
            "replies" => replies,
            "area_ideas" => area_ideas,
            "weekly_summary" => weekly_summary,
            _ => merges,
        };
        chosen.insert(user, value);
    }
    Ok(chosen)
}

const KEY_SETTING: &str = "unsubscribe_signing_key";

/// The site's signing key, made once and shared by every instance through the database (call
/// inside a write transaction: it may make the key).
fn signing_key(conn: &mut DbConnection) -> ServiceResult<String> {
    if let Some(key) = pipeline::setting(conn, KEY_SETTING)? {
        return Ok(key);
    }
    pipeline::setting_if_absent(conn, KEY_SETTING, &secrets::new_token(""))?;
    pipeline::setting(conn, KEY_SETTING)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("no signing key")))
}

fn signature(key: &str, payload: &str) -> ServiceResult<String> {
    Ok(secrets::hmac_hex(key.as_bytes(), payload))
}

/// What an unsubscribe link stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsubscribe {
    /// Stop following one idea.
    Idea { user_id: UserId, idea_id: IdeaId },
    /// Turn one kind of email off.
    Kind { user_id: UserId, kind: String },
}

impl Unsubscribe {
    fn payload(&self) -> String {
        match self {
            Unsubscribe::Idea { user_id, idea_id } => format!("idea:{user_id}:{idea_id}"),
            Unsubscribe::Kind { user_id, kind } => format!("kind:{user_id}:{kind}"),
        }
    }

    fn parse(payload: &str) -> Option<Self> {
        let mut parts = payload.splitn(3, ':');
        match (parts.next()?, parts.next()?, parts.next()?) {
            ("idea", user, idea) => Some(Unsubscribe::Idea {
                user_id: UserId::from_stored(user.into()),
                idea_id: IdeaId::from_stored(idea.into()),
            }),
            ("kind", user, kind) if KINDS.contains(&kind) || kind == DIGEST => {
                Some(Unsubscribe::Kind {
                    user_id: UserId::from_stored(user.into()),
                    kind: kind.into(),
                })
            }
            _ => None,
        }
    }
}

/// The pseudo-kind of the daily digest: unsubscribing turns every digest preference off.
pub const DIGEST: &str = "digest";

/// A signed token for an unsubscribe link: hex payload, a dot, the HMAC.
pub fn unsubscribe_token(conn: &mut DbConnection, what: &Unsubscribe) -> ServiceResult<String> {
    token_with(&signing_key(conn)?, what)
}

fn token_with(key: &str, what: &Unsubscribe) -> ServiceResult<String> {
    let payload = what.payload();
    Ok(format!(
        "{}.{}",
        hex::encode(payload.as_bytes()),
        signature(key, &payload)?
    ))
}

/// Checks a token's signature and says what it unsubscribes from; 404 for anything forged.
pub fn read_token(db: &mut Db, token: &str) -> ServiceResult<Unsubscribe> {
    let conn = db.conn()?;
    let (payload_hex, sig) = token.split_once('.').ok_or(ServiceError::NotFound)?;
    let payload = hex::decode(payload_hex)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or(ServiceError::NotFound)?;
    let key = match pipeline::setting(conn, KEY_SETTING)? {
        Some(key) => key,
        None => db.write(signing_key)?,
    };
    if !secrets::constant_time_eq(&signature(&key, &payload)?, sig) {
        return Err(ServiceError::NotFound);
    }
    Unsubscribe::parse(&payload).ok_or(ServiceError::NotFound)
}

/// What an unsubscribe page names: the emails about one idea, or one kind of email.
pub fn describe(db: &mut Db, what: &Unsubscribe) -> ServiceResult<Text> {
    let conn = db.conn()?;
    Ok(match what {
        Unsubscribe::Idea { idea_id, .. } => match ideas::find_by_id(conn, idea_id)? {
            Some(idea) => Text::new("unsubscribe-what-idea")
                .with("number", idea.number.to_string())
                .with("title", idea.title),
            None => Text::new("unsubscribe-what-idea-gone"),
        },
        Unsubscribe::Kind { kind, .. } => {
            Text::new("unsubscribe-what-kind").with("kind", kind.as_str())
        }
    })
}

/// Applies an unsubscribe (idempotent); returns what it stopped, in words.
pub fn apply(db: &mut Db, token: &str) -> ServiceResult<Text> {
    let what = read_token(db, token)?;
    db.write(|conn| {
        match &what {
            Unsubscribe::Idea { user_id, idea_id } => {
                subscriptions::unsubscribe(conn, user_id, idea_id)?;
            }
            Unsubscribe::Kind { user_id, kind } if kind == DIGEST => {
                for kind in KINDS {
                    let current = preferences(conn, std::slice::from_ref(user_id), kind)?;
                    if current.get(user_id).map(String::as_str) == Some("digest") {
                        pipeline::set_preference(conn, user_id, kind, "off")?;
                    }
                }
            }
            Unsubscribe::Kind { user_id, kind } => {
                pipeline::set_preference(conn, user_id, kind, "off")?;
            }
        }
        Ok::<_, ServiceError>(())
    })?;
    tracing::info!("unsubscribed through a signed link");
    describe(db, &what)
}

/// One event to tell people about.
pub struct Notice<'a> {
    /// Unique per event: with the recipient, the outbox's and digest's idempotency key.
    pub event_key: String,
    /// The preference it falls under (`status_changes`, `comments`, `replies`, `merges`).
    pub kind: &'static str,
    pub idea: &'a ideas::Idea,
    /// Who hears about it; the actor is never among them.
    pub recipients: Vec<UserId>,
    /// The person who caused it.
    pub actor_id: &'a UserId,
    /// One line for the daily digest, written in each reader's language.
    pub digest_line: Text,
    /// Where the digest line links to.
    pub link: String,
}

/// The followers of an idea plus `extra` people, once each.
pub fn followers_and(
    conn: &mut DbConnection,
    idea_id: &IdeaId,
    extra: &[UserId],
) -> ServiceResult<Vec<UserId>> {
    let mut people = subscriptions::followers(conn, idea_id)?;
    for person in extra {
        if !people.contains(person) {
            people.push(person.clone());
        }
    }
    Ok(people)
}

/// Who hears about a change to `idea`: its followers and its author, once each.
pub fn followers_and_author(
    conn: &mut DbConnection,
    idea: &ideas::Idea,
) -> ServiceResult<Vec<UserId>> {
    followers_and(conn, &idea.id, std::slice::from_ref(&idea.author_id))
}

/// Queues the notice for each recipient as their preference says: an email now (with one-click
/// unsubscribe links for the idea and for the kind), a line in their daily digest, or nothing.
/// Runs inside the change's own transaction; unique on event and recipient.
pub fn notify(
    conn: &mut DbConnection,
    notice: &Notice<'_>,
    base_url: &str,
    render: impl Fn(&str, Lang) -> RenderedEmail,
) -> ServiceResult<usize> {
    let recipients: Vec<UserId> = notice
        .recipients
        .iter()
        .filter(|u| *u != notice.actor_id)
        .cloned()
        .collect();
    let chosen = preferences(conn, &recipients, notice.kind)?;
    let now = clock::now();
    let base = base_url.trim_end_matches('/');
    let mut queued = 0;
    let mut key: Option<String> = None;
    for user_id in recipients {
        let choice = chosen.get(&user_id).map(String::as_str);
        if !matches!(choice, Some("instant" | "digest")) {
            continue;
        }
        // A deleted account's row stays for what it wrote; it is told nothing.
        let Some(user) = users::find_by_id(conn, &user_id)?.filter(|u| u.deleted_at.is_none())
        else {
            continue;
        };
        if choice == Some("digest") {
            pipeline::add_digest_item(
                conn,
                &clock::new_id(),
                &user_id,
                &notice.event_key,
                notice.kind,
                &notice
                    .digest_line
                    .in_language(Lang::of_person(user.locale.as_deref())),
                &notice.link,
                now,
            )?;
            continue;
        }
        let key = match &key {
            Some(key) => key.clone(),
            None => key.insert(signing_key(conn)?).clone(),
        };
        // Written in the recipient's language, whoever caused it.
        let lang = Lang::of_person(user.locale.as_deref());
        let email = render(&user.name, lang);
        let (email, unsubscribe_url) =
            with_unsubscribe_links(email, lang, &key, base, &user.id, notice)?;
        queued += outbox::enqueue(
            conn,
            &NewOutboxMessage {
                id: &clock::new_id(),
                event_key: &notice.event_key,
                recipient: &user.email,
                kind: notice.kind,
                subject: &email.subject,
                body_text: &email.text,
                body_html: &email.html,
                next_attempt_at: now,
                created_at: now,
                list_unsubscribe: Some(&unsubscribe_url),
            },
        )?;
    }
    Ok(queued)
}

/// Adds a one-click link that turns `kind` off for `user_id` to both parts of `email`; returns it
/// with the link, which also goes in the `List-Unsubscribe` header.
pub fn with_kind_link(
    conn: &mut DbConnection,
    mut email: RenderedEmail,
    lang: Lang,
    user_id: &UserId,
    kind: &str,
    base_url: &str,
) -> ServiceResult<(RenderedEmail, String)> {
    let token = unsubscribe_token(
        conn,
        &Unsubscribe::Kind {
            user_id: user_id.clone(),
            kind: kind.into(),
        },
    )?;
    let url = format!("{}/unsubscribe/{token}", base_url.trim_end_matches('/'));
    let stop = lang.t_with("mail-stop-kind", &[("kind", kind.into())]);
    email.text.push_str(&format!("\n--\n{stop}: {url}\n"));
    // The URL is the configured base URL plus hex and a dot: nothing to escape.
    let link = maud::html! { p { a href=(url) { (stop) } } };
    email.html = email
        .html
        .replacen("</body>", &format!("{}</body>", link.into_string()), 1);
    Ok((email, url))
}

/// Adds the two one-click unsubscribe links (this idea; this kind of email) to both parts of
/// `email`; returns it with the idea's link, which also goes in the `List-Unsubscribe` header.
fn with_unsubscribe_links(
    mut email: RenderedEmail,
    lang: Lang,
    key: &str,
    base: &str,
    user_id: &UserId,
    notice: &Notice<'_>,
) -> ServiceResult<(RenderedEmail, String)> {
    let idea_token = token_with(
        key,
        &Unsubscribe::Idea {
            user_id: user_id.clone(),
            idea_id: notice.idea.id.clone(),
        },
    )?;
    let unsubscribe_url = format!("{base}/unsubscribe/{idea_token}");
    let kind_token = token_with(
        key,
        &Unsubscribe::Kind {
            user_id: user_id.clone(),
            kind: notice.kind.into(),
        },
    )?;
    let kind_url = format!("{base}/unsubscribe/{kind_token}");
    let stop_idea = lang.t("mail-stop-idea");
    let stop_kind = lang.t_with("mail-stop-kind", &[("kind", notice.kind.into())]);
    email.text.push_str(&format!(
        "\n--\n{stop_idea}: {unsubscribe_url}\n{stop_kind}: {kind_url}\n"
    ));
    // The URLs are the configured base URL plus hex and a dot: nothing to escape; the words come
    // from the translation files, escaped as any text.
    let footer = maud::html! {
        p style="color:#616e7c;font-size:0.875rem" {
            a href=(unsubscribe_url) { (stop_idea) } " · " a href=(kind_url) { (stop_kind) }
        }
    }
    .into_string()
        + "</body>";
    email.html = email.html.replacen("</body>", &footer, 1);
    Ok((email, unsubscribe_url))
}

/// A person's preference for each kind, in `KINDS` order.
pub fn my_preferences(
    db: &mut Db,
    account: &super::accounts::Account,
) -> ServiceResult<Vec<(&'static str, String)>> {
    let conn = db.conn()?;
    let mut out = Vec::new();
    // Only staff own areas and read the weekly summary, so only they are asked about them.
    let staff = account
        .actor()
        .can(crate::domain::roles::Permission::Triage);
    for kind in KINDS
        .into_iter()
        .filter(|k| staff || !STAFF_KINDS.contains(k))
    {
        let chosen = preferences(conn, std::slice::from_ref(&account.id), kind)?;
        out.push((
            kind,
            chosen
                .get(&account.id)
                .cloned()
                .unwrap_or_else(|| default_for(kind).to_string()),
        ));
    }
    Ok(out)
}

/// The choices a preference offers: storm sessions are told at once or not at all, and by
/// default only those in the areas of ideas the person follows; the weekly summary has no digest.
pub fn choices_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "storms" => &["area", "instant", "off"],
        "weekly_summary" | "releases" => &["instant", "off"],
        _ => &["instant", "digest", "off"],
    }
}

/// Sets a person's preferences; each value one of its kind's `choices_of`.
pub fn set_my_preferences(
    db: &mut Db,
    account: &super::accounts::Account,
    values: &[(&'static str, String)],
) -> ServiceResult<()> {
    account.require(crate::domain::roles::Permission::ManageOwnAccount)?;
    let mut errors = crate::domain::validation::FieldErrors::default();
    for (kind, value) in values {
        if !choices_of(kind).contains(&value.as_str()) {
            errors.add(
                kind,
                crate::domain::validation::Text::new("refused-notification-choice"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    db.write(|conn| {
        for (kind, value) in values {
            pipeline::set_preference(conn, &account.id, kind, value)?;
        }
        Ok(())
    })
}
