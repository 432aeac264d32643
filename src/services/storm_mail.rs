//! Who hears of a storm session, and the queuing of its mail: the opening announcement (sent once
//! by whichever instance claims it) to the followers of its area and everyone who asked for every
//! session; the closing summary to each participant once. Each mail carries the one-click link
//! that turns the `storms` preference off, which both respect.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;

use super::ServiceResult;
use super::mail_queue::queue_to_people;
use super::notifications::preferences;
use crate::db::models::storms::{self as storm_rows, Storm};
use crate::db::{Db, DbConnection};
use crate::domain::ids::{StormId, UserId};
use crate::domain::ranking;
use crate::mail::storms::{StormMail, TopIdea, storm_opened, storm_summary};

/// The preference both mails fall under.
const KIND: &str = "storms";
/// Ideas the summary lists.
const SUMMARY_TOP_IDEAS: i64 = 5;

/// Announces every session open at `now` that has not been announced; returns how many emails
/// were queued. Each session in its own transaction, claimed first, so two instances never both
/// announce one.
pub fn announce_opened(db: &mut Db, now: NaiveDateTime, base_url: &str) -> ServiceResult<usize> {
    let due = storm_rows::opened_unannounced(db.conn()?, now)?;
    let mut queued = 0;
    for storm in due {
        queued += db.write(|conn| {
            if storm_rows::claim_opening(conn, &storm.id, now)? == 0 {
                return Ok(0);
            }
            let people = opening_audience(conn, &storm)?;
            let link = storm_link(base_url, &storm.slug);
            let mail = mail_of(&storm, &storm.question, &storm.question_html, &link);
            let event = format!("storm-open:{}", storm.id);
            queue_to_people(conn, &people, (KIND, &event), base_url, |lang, name| {
                storm_opened(lang, name, &mail)
            })
        })?;
        tracing::info!(slug = %storm.slug, "storm session opened and announced");
    }
    Ok(queued)
}

/// Queues the session's summary to each of its participants (inside the publishing write).
pub(crate) fn summary_to_participants(
    conn: &mut DbConnection,
    storm_id: &StormId,
    base_url: &str,
) -> ServiceResult<usize> {
    let Some(storm) = storm_rows::find_by_id(conn, storm_id)? else {
        return Ok(0);
    };
    let people = storm_rows::participants(conn, storm_id)?;
    let top: Vec<TopIdea> = storm_rows::top_ideas(conn, storm_id, SUMMARY_TOP_IDEAS)?
        .into_iter()
        .map(|(number, title, up, down)| TopIdea {
            number,
            title,
            points: ranking::points(up, down),
            link: format!("{}/ideas/{number}", base_url.trim_end_matches('/')),
        })
        .collect();
    let link = storm_link(base_url, &storm.slug);
    let summary = storm.summary.clone().unwrap_or_default();
    let summary_html = storm.summary_html.clone().unwrap_or_default();
    let mail = mail_of(&storm, &summary, &summary_html, &link);
    let event = format!("storm-summary:{}", storm.id);
    queue_to_people(conn, &people, (KIND, &event), base_url, |lang, name| {
        storm_summary(lang, name, &mail, &top)
    })
}

/// Who hears of a session opening: with the preference `instant`, everyone; with `area` (the
/// default), those who follow an idea in the session's area.
fn opening_audience(conn: &mut DbConnection, storm: &Storm) -> ServiceResult<BTreeSet<UserId>> {
    let mut people: BTreeSet<UserId> = storm_rows::told_of_every_session(conn)?
        .into_iter()
        .collect();
    if let Some(area) = &storm.area_id {
        let followers: Vec<UserId> = storm_rows::area_followers(conn, area)?
            .into_iter()
            .collect();
        let chosen = preferences(conn, &followers, KIND)?;
        people.extend(
            followers
                .into_iter()
                .filter(|person| chosen.get(person).map(String::as_str) == Some("area")),
        );
    }
    Ok(people)
}

fn mail_of<'a>(storm: &'a Storm, text: &'a str, html: &'a str, link: &'a str) -> StormMail<'a> {
    StormMail {
        title: &storm.title,
        text,
        html,
        ends_at: storm.ends_at,
        link,
    }
}

/// A session's page.
pub fn storm_link(base_url: &str, slug: &str) -> String {
    format!("{}/storms/{slug}", base_url.trim_end_matches('/'))
}
