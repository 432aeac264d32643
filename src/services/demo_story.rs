//! The demo board's moderation story, told through the real services after its ideas exist: the
//! product team answers in a thread, a duplicate is merged into the idea it repeats, an advert is
//! hidden with its reason, and a rude comment waits in the flag queue; then the company side: a
//! storm session open for a week, answered with an idea, and a release note delivering the
//! ideas implemented.
#![expect(
    clippy::indexing_slicing,
    reason = "the demo indexes its own fixed list of people; it runs in the CLI, never on a request"
)]

use super::ServiceResult;
use super::accounts::Account;
use super::changelog::{self, ReleaseInput};
use super::comments::{self, NewCommentInput};
use super::demo_content::StoryTexts;
use super::moderation::FlagTarget;
use super::storms::{self, StormInput};
use super::{board, ideas, merge, moderation, votes};
use crate::db::Db;
use crate::domain::clock;
use crate::domain::ideas::VoteValue;
use crate::domain::ranking::HalfLife;
use crate::domain::storms::StormFields;
use chrono::Duration;

/// `people` as the demo makes them: admin, moderator, product, then five customers.
pub fn tell(
    db: &mut Db,
    texts: &StoryTexts,
    people: &[Account],
    half_life: HalfLife,
    base_url: &str,
) -> ServiceResult<()> {
    let (moderator, product, customers) = (&people[1], &people[2], &people[3..]);
    let answer = NewCommentInput {
        official: true,
        ..NewCommentInput::plain(&texts.product_comment)
    };
    comments::create(db, product, 1, answer, base_url)?;

    let duplicate = submit(
        db,
        &customers[1],
        &texts.duplicate_title,
        &texts.duplicate_body,
        (half_life, base_url),
    )?;
    for voter in &customers[2..4] {
        votes::cast(
            db,
            voter,
            &duplicate.0,
            VoteValue::Promote,
            &votes::VoteRules::ranking_only(half_life),
        )?;
    }
    merge::merge(db, moderator, duplicate.1, 1, half_life, base_url)?;

    let advert = submit(
        db,
        &customers[4],
        &texts.advert_title,
        &texts.advert_body,
        (half_life, base_url),
    )?;
    moderation::set_idea_hidden(db, moderator, advert.1, true, &texts.hide_reason)?;

    let rude_comment = NewCommentInput::plain(&texts.rude_comment);
    let rude = comments::create(db, &customers[4], 2, rude_comment, base_url)?;
    moderation::flag(
        db,
        &customers[0],
        &FlagTarget::Comment(rude.id),
        &texts.flag_reason,
    )?;
    ask_and_ship(db, texts, people, half_life, base_url)
}

/// A storm session open from yesterday for a week, answered by a customer and promoted by two
/// others; a release note naming every implemented idea.
fn ask_and_ship(
    db: &mut Db,
    texts: &StoryTexts,
    people: &[Account],
    half_life: HalfLife,
    base_url: &str,
) -> ServiceResult<()> {
    let (product, customers) = (&people[2], &people[3..]);
    let now = clock::now();
    let session = StormInput {
        fields: StormFields {
            title: texts.storm_title.clone(),
            slug: texts.storm_slug.clone(),
            question: texts.storm_question.clone(),
            starts_at: clock::rfc3339(now - Duration::days(1)),
            ends_at: clock::rfc3339(now + Duration::days(6)),
        },
        published: true,
        ..StormInput::default()
    };
    storms::create(db, product, &session, now)?;
    let answer = ideas::Submission {
        title: texts.storm_idea_title.clone(),
        body: texts.storm_idea_body.clone(),
        storm: Some(texts.storm_slug.clone()),
        at: Some(now),
        ..Default::default()
    };
    let idea = ideas::submit(db, &customers[0], &answer, half_life, base_url)?;
    for voter in &customers[1..3] {
        votes::cast(
            db,
            voter,
            &idea.card.id,
            VoteValue::Promote,
            &votes::VoteRules::ranking_only(half_life),
        )?;
    }
    let implemented = board::ListQuery {
        status: Some("implemented".into()),
        per_page: Some(board::MAX_PER_PAGE),
        ..board::ListQuery::default()
    };
    let (_, shipped) = board::list(db, Some(product), &implemented)?;
    let note = ReleaseInput {
        title: texts.release_title.clone(),
        body: texts.release_body.clone(),
        ideas: shipped.items.iter().map(|card| card.number).collect(),
        ..ReleaseInput::default()
    };
    changelog::publish(db, product, &note, base_url)?;
    Ok(())
}

/// Submits an idea without tags; returns its id and number.
fn submit(
    db: &mut Db,
    author: &Account,
    title: &str,
    body: &str,
    (half_life, base_url): (HalfLife, &str),
) -> ServiceResult<(crate::domain::ids::IdeaId, i64)> {
    let submission = ideas::Submission {
        title: title.into(),
        body: body.into(),
        tags: Vec::new(),
        area: None,
        ..Default::default()
    };
    let idea = ideas::submit(db, author, &submission, half_life, base_url)?;
    Ok((idea.card.id, idea.card.number))
}
