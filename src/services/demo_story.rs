//! The demo board's moderation story, told through the real services after its ideas exist: the
//! product team answers in a thread, a duplicate is merged into the idea it repeats, an advert is
//! hidden with its reason, and a rude comment waits in the flag queue.
#![expect(
    clippy::indexing_slicing,
    reason = "the demo indexes its own fixed list of people; it runs in the CLI, never on a request"
)]

use super::ServiceResult;
use super::accounts::Account;
use super::comments::{self, NewCommentInput};
use super::demo_content::StoryTexts;
use super::moderation::FlagTarget;
use super::{ideas, merge, moderation, votes};
use crate::db::Db;
use crate::domain::ideas::VoteValue;
use crate::domain::ranking::HalfLife;

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
        votes::cast(db, voter, &duplicate.0, VoteValue::Promote, half_life)?;
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
