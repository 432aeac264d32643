//! `seed --demo`: a small, friendly board made through the real services, so a newcomer sees a
//! living board at once — staff and customers with printed passwords, tagged ideas, votes,
//! comments and replies, a few ideas along the pipeline, and some moderation (`demo_story`).
#![expect(
    clippy::indexing_slicing,
    reason = "the demo board indexes its own fixed lists of people and ideas; it runs in the CLI, never on a request"
)]

use std::collections::HashMap;

use rand::Rng;
use rand::seq::SliceRandom;

use super::ServiceResult;
use super::accounts::{self, Account, Registration};
use super::areas::{self, AreaInput};
use super::comments::{self, NewCommentInput};
use super::demo_content::{DemoContent, DemoIdea};
use super::{ideas, votes};
use crate::db::Db;
use crate::db::models::ideas as idea_rows;
use crate::db::models::tags::{self, NewTag};
use crate::domain::accounts::NewPassword;
use crate::domain::clock;
use crate::domain::ideas::VoteValue;
use crate::domain::ids::TagId;
use crate::domain::local_names::LocalNames;
use crate::domain::ranking::HalfLife;
use crate::domain::roles::Role;
use crate::domain::validation::Text;
use crate::i18n::Lang;
use crate::services::error::ServiceError;

/// One demo account: (role, name, email, password).
pub type DemoAccount = (Role, String, String, String);

const PASSWORD_WORDS: &[&str] = &[
    "amber", "canyon", "velvet", "orbit", "lantern", "meadow", "quartz", "harbor", "pepper",
    "glacier", "willow", "comet", "saddle", "tundra", "violet", "ember",
];

/// Four different words, checked by the same rule sign-up applies (a word drawn twice once made
/// a password the strength check refuses).
fn password(rng: &mut impl Rng, name: &str, email: &str) -> String {
    let mut candidate = String::new();
    for _ in 0..64 {
        candidate = PASSWORD_WORDS
            .choose_multiple(rng, 4)
            .copied()
            .collect::<Vec<_>>()
            .join("-");
        if NewPassword::parse(&candidate, &[name, email]).is_ok() {
            break;
        }
    }
    candidate
}

/// Makes the demo board on an empty database, in `lang`'s words, and returns the accounts with
/// their passwords.
pub fn seed_demo(
    db: &mut Db,
    lang: Lang,
    half_life: HalfLife,
    base_url: &str,
) -> ServiceResult<Vec<DemoAccount>> {
    let content = DemoContent::for_language(lang).map_err(|e| anyhow::anyhow!(e))?;
    let conn = db.conn()?;
    if idea_rows::count(conn)? > 0 {
        return Err(ServiceError::conflict_coded(
            "not_empty",
            "ideas",
            Text::new("refused-demo-not-empty"),
        ));
    }
    let mut rng = rand::thread_rng();
    let (printed, accounts_made) = make_people(db, &mut rng, &content.people)?;
    if let Some(product) = accounts_made.get(2) {
        for phrase in &content.watched {
            super::watches::create(db, product, phrase, "daily")?;
        }
        if let Some(feed) = &content.listening {
            super::listening::seed_demo_feed(db, product, feed, base_url)?;
        }
    }
    db.write(|conn| {
        for tag in &content.tags {
            tags::insert(
                conn,
                &NewTag {
                    id: &TagId::generate(),
                    slug: &tag.slug,
                    name: &tag.name,
                    color: &tag.color,
                    created_at: clock::now(),
                    names: &LocalNames::as_typed(tag.names.clone()).to_stored(),
                },
            )?;
        }
        Ok::<_, ServiceError>(())
    })?;
    let area_of_tag = make_areas(db, &accounts_made[0], &content)?;
    let customers = &accounts_made[3..];
    let board = DemoBoard {
        content: &content,
        everyone: &accounts_made,
        area_of_tag: &area_of_tag,
        half_life,
        base_url,
    };
    for (i, demo_idea) in content.ideas.iter().enumerate() {
        let author = &customers[i % customers.len()];
        board.make_idea(db, &mut rng, i, demo_idea, author)?;
    }
    super::demo_story::tell(db, &content.story, &accounts_made, half_life, base_url)?;
    Ok(printed)
}

/// The demo's staff and customers, with the passwords to print: the first three are admin,
/// moderator and product.
fn make_people(
    db: &mut Db,
    rng: &mut impl Rng,
    people: &[(String, String)],
) -> ServiceResult<(Vec<DemoAccount>, Vec<Account>)> {
    let roles = [Role::Admin, Role::Moderator, Role::Product];
    let mut printed = Vec::new();
    let mut accounts_made: Vec<Account> = Vec::new();
    for (i, (name, email)) in people.iter().enumerate() {
        let role = roles.get(i).copied().unwrap_or(Role::Member);
        let password = password(rng, name, email);
        let registration = Registration {
            email: email.clone(),
            name: name.clone(),
            password: password.clone(),
        };
        accounts_made.push(accounts::register(db, &registration, Some(role))?);
        printed.push((role, name.clone(), email.clone(), password));
    }
    Ok((printed, accounts_made))
}

/// The demo's product areas, made by `admin` through the real service; returns each tag's area
/// slug.
fn make_areas(
    db: &mut Db,
    admin: &Account,
    content: &DemoContent,
) -> ServiceResult<HashMap<String, String>> {
    let mut area_of_tag = HashMap::new();
    for area in &content.areas {
        let input = AreaInput {
            name: area.name.clone(),
            description: area.description.clone(),
            owners: area.owners.clone(),
            names: Some(area.names.clone()),
        };
        let made = areas::create_area(db, admin, &input)?;
        for tag in &area.tags {
            area_of_tag.insert(tag.clone(), made.slug.clone());
        }
    }
    Ok(area_of_tag)
}

/// What every demo idea is made with.
struct DemoBoard<'a> {
    content: &'a DemoContent,
    everyone: &'a [Account],
    /// The area slug of each tag that has one.
    area_of_tag: &'a HashMap<String, String>,
    half_life: HalfLife,
    base_url: &'a str,
}

impl DemoBoard<'_> {
    /// One demo idea (the `i`th) through the real services: submitted, voted on by the others,
    /// commented and replied to, and moved along the pipeline where the list says so.
    fn make_idea(
        &self,
        db: &mut Db,
        rng: &mut impl Rng,
        i: usize,
        demo_idea: &DemoIdea,
        author: &Account,
    ) -> ServiceResult<()> {
        let (everyone, half_life, base_url) = (self.everyone, self.half_life, self.base_url);
        let submission = ideas::Submission {
            title: demo_idea.title.clone(),
            body: demo_idea.body.clone(),
            tags: demo_idea.tags.clone(),
            area: demo_idea
                .tags
                .first()
                .and_then(|tag| self.area_of_tag.get(tag))
                .cloned(),
            ..Default::default()
        };
        let idea = ideas::submit(db, author, &submission, half_life, base_url)?;
        for voter in everyone.iter().filter(|a| a.id != author.id) {
            let roll: f64 = rng.r#gen();
            let value = match roll {
                r if r < 0.55 - (i as f64) * 0.015 => VoteValue::Promote,
                r if r < 0.65 => VoteValue::Demote,
                _ => continue,
            };
            votes::cast(
                db,
                voter,
                &idea.card.id,
                value,
                &votes::VoteRules::ranking_only(half_life),
            )?;
        }
        let remarks = &self.content.remarks;
        for _ in 0..rng.gen_range(0..4) {
            let commenter = &everyone[rng.gen_range(0..everyone.len())];
            let remark = &remarks[rng.gen_range(0..remarks.len())];
            let comment = comments::create(
                db,
                commenter,
                idea.card.number,
                NewCommentInput::plain(remark),
                base_url,
            )?;
            if rng.gen_bool(0.4) {
                let replier = &everyone[rng.gen_range(0..everyone.len())];
                let reply = &self.content.reply;
                comments::create(
                    db,
                    replier,
                    idea.card.number,
                    NewCommentInput::reply(reply, &comment.id),
                    base_url,
                )?;
            }
        }
        if let Some(product) = everyone.iter().find(|a| a.role == Role::Product) {
            for (slug, note) in self.content.story_to(&demo_idea.status) {
                super::pipeline::change_status(
                    db,
                    product,
                    idea.card.number,
                    slug,
                    note,
                    base_url,
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_passwords_are_four_different_words_that_sign_up_accepts() {
        let mut rng = rand::thread_rng();
        for _ in 0..300 {
            let password = password(&mut rng, "Avery Admin", "admin@demo.example");
            let mut words: Vec<&str> = password.split('-').collect();
            assert_eq!(words.len(), 4, "{password}");
            words.sort_unstable();
            words.dedup();
            assert_eq!(words.len(), 4, "a word drawn twice: {password}");
            assert!(
                NewPassword::parse(&password, &["Avery Admin", "admin@demo.example"]).is_ok(),
                "{password}"
            );
        }
    }
}
