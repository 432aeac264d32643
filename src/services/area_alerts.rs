//! Alerts to the owners of a product area, sent by the minute job, each once per idea and area:
//! a new idea in the area (submitted in the last two days), an idea that reached
//! `REVIEW_THRESHOLD_POINTS` unanswered, and an idea that passed the response target unanswered
//! (in the last two days, so a new board or a changed target does not alert about old ideas).
//! Each owner gets them as chosen on the account page (`area_ideas`): at once, in the daily
//! digest, or not at all. A singleton job: one instance sends, through `db::locks`.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};

use super::{ServiceResult, notifications};
use crate::db::locks::{self, Guarded};
use crate::db::models::area_alerts::{self, NEW, PAST_TARGET, THRESHOLD};
use crate::db::models::areas as area_rows;
use crate::db::models::ideas::Idea;
use crate::db::{Db, DbConnection};
use crate::domain::ids::{AreaId, UserId};
use crate::domain::read::AreaRef;
use crate::domain::response::ResponsePolicy;
use crate::domain::validation::{Text, TextArg};
use crate::domain::{markdown, ranking};
use crate::mail::messages::{self, AreaAlert};
use crate::services::error::ServiceError;

/// How far back a new idea or a newly passed target still earns an alert.
const RECENT: Duration = Duration::days(2);

/// Sends every alert due at `now`; returns how many ideas were alerted about.
pub fn send_due(
    db: &mut Db,
    policy: ResponsePolicy,
    now: NaiveDateTime,
    base_url: &str,
) -> ServiceResult<usize> {
    db.write(|conn| {
        if !locks::try_lock_until_commit(conn, Guarded::AreaAlerts)? {
            return Ok(0);
        }
        let cutoff = policy.past_target_cutoff(now);
        let due: Vec<(&'static str, Idea)> = [
            (NEW, area_alerts::due_new(conn, now - RECENT)?),
            (
                THRESHOLD,
                area_alerts::due_threshold(conn, votes_for(policy.review_threshold_points))?,
            ),
            (
                PAST_TARGET,
                area_alerts::due_past_target(conn, cutoff - RECENT, cutoff)?,
            ),
        ]
        .into_iter()
        .flat_map(|(kind, ideas)| ideas.into_iter().map(move |idea| (kind, idea)))
        .collect();
        if due.is_empty() {
            return Ok(0);
        }
        let mut owners: HashMap<AreaId, Vec<UserId>> = HashMap::new();
        for owner in area_rows::owners(conn)? {
            owners.entry(owner.area_id).or_default().push(owner.user_id);
        }
        let areas = area_rows::refs(conn)?;
        let sent = due.len();
        for (kind, idea) in due {
            let Some(area_id) = idea.area_id.clone() else {
                continue;
            };
            let recipients = owners.get(&area_id).cloned().unwrap_or_default();
            if let Some(area) = areas.get(&area_id) {
                alert(conn, (kind, &idea, area), recipients, policy, base_url)?;
            }
            area_alerts::record(conn, &idea.id, kind, &area_id, now)?;
        }
        Ok::<_, ServiceError>(sent)
    })
}

/// The net promotes (`ideas.score`) that make at least `points` (ten a promote).
fn votes_for(points: u32) -> i64 {
    i64::from(points).div_euclid(10) + i64::from(!points.is_multiple_of(10))
}

/// Tells `owners` about `idea` in `area` as each chose.
fn alert(
    conn: &mut DbConnection,
    (kind, idea, area): (&'static str, &Idea, &AreaRef),
    owners: Vec<UserId>,
    policy: ResponsePolicy,
    base_url: &str,
) -> ServiceResult<()> {
    let link = format!("{}/ideas/{}", base_url.trim_end_matches('/'), idea.number);
    let points = ranking::points(idea.upvotes, idea.downvotes);
    let area_name = TextArg::Named {
        name: area.name.clone(),
        names: area.names.clone(),
    };
    let digest_line = Text::new("mail-area-subject")
        .with("alert", kind)
        .with("number", idea.number.to_string())
        .with("title", idea.title.as_str())
        .with("area", area_name)
        .with("points", points.to_string())
        .with("days", policy.target_days.to_string());
    // The author of a new idea is not told about it, should they own its area; nobody caused
    // the other alerts.
    let nobody = UserId::from_stored(String::new());
    let actor_id = if kind == NEW {
        &idea.author_id
    } else {
        &nobody
    };
    let excerpt = markdown::excerpt(&idea.body, 500);
    let notice = notifications::Notice {
        event_key: format!("area-{kind}:{}:{}", idea.id, area.slug),
        kind: "area_ideas",
        recipients: owners,
        idea,
        actor_id,
        digest_line,
        link: link.clone(),
    };
    notifications::notify(conn, &notice, base_url, |name, lang| {
        messages::area_alert(
            lang,
            name,
            &AreaAlert {
                alert: kind,
                idea: (idea.number, &idea.title),
                area: area.names.shown(lang, &area.name),
                points,
                target_days: policy.target_days,
                excerpt: &excerpt,
                link: &link,
            },
        )
    })?;
    Ok(())
}
