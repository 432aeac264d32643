//! `seed --demo`: a small, friendly board made through the real services, so a newcomer sees a
//! living board at once — staff and customers with printed passwords, tagged ideas, votes,
//! comments and replies, a few ideas along the pipeline, and some moderation (`demo_story`).
#![expect(
    clippy::indexing_slicing,
    reason = "the demo board indexes its own fixed lists of people and ideas; it runs in the CLI, never on a request"
)]

use rand::Rng;
use rand::seq::SliceRandom;

use super::ServiceResult;
use super::accounts::{self, Account, Registration};
use super::{comments, ideas, votes};
use crate::db::Db;
use crate::db::models::ideas as idea_rows;
use crate::db::models::tags::{self, NewTag};
use crate::domain::accounts::NewPassword;
use crate::domain::clock;
use crate::domain::ideas::VoteValue;
use crate::domain::ids::TagId;
use crate::domain::ranking::HalfLife;
use crate::domain::roles::Role;
use crate::services::error::ServiceError;

/// One demo account: (role, name, email, password).
pub type DemoAccount = (Role, String, String, String);

const TAGS: &[(&str, &str, &str)] = &[
    ("ui", "User interface", "#2b6cb0"),
    ("mobile", "Mobile", "#6b46c1"),
    ("integrations", "Integrations", "#2f855a"),
    ("performance", "Performance", "#c05621"),
    ("reporting", "Reporting", "#b7791f"),
];

/// (title, body, tags, status slug)
/// A demo idea: title, body, tag slugs and the status it ends in.
type DemoIdea = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
);

const IDEAS: &[DemoIdea] = &[
    (
        "Dark mode for the whole app",
        "Working late, the bright white screens hurt. A **dark theme** that follows the system setting would be perfect.",
        &["ui"],
        "planned",
    ),
    (
        "Export ideas and votes to CSV",
        "Our product team wants to analyse feedback in a spreadsheet.\n\n- one row per idea\n- points and status",
        &["reporting"],
        "under-review",
    ),
    (
        "Offline mode for the mobile app",
        "On trains and planes I lose everything I typed. Please keep drafts offline and sync later.",
        &["mobile"],
        "open",
    ),
    (
        "Keyboard shortcuts for power users",
        "`j`/`k` to move, `p` to promote — like in good mail clients.",
        &["ui"],
        "in-progress",
    ),
    (
        "Slack integration for status changes",
        "Post to a channel when an idea we follow changes status.",
        &["integrations"],
        "implemented",
    ),
    (
        "Faster search on large boards",
        "Search takes a while with thousands of ideas. It should feel instant.",
        &["performance"],
        "open",
    ),
    (
        "Weekly email digest of top ideas",
        "A short Monday email with the week's most promoted ideas.",
        &["reporting"],
        "open",
    ),
    (
        "Two-factor authentication",
        "Accounts with admin rights should be able to require a second factor.",
        &[],
        "under-review",
    ),
    (
        "Bulk-tag ideas as a moderator",
        "Selecting twenty ideas and tagging them at once would save hours.",
        &["ui"],
        "open",
    ),
    (
        "Webhooks for new ideas",
        "Let us receive a signed HTTP call whenever an idea is submitted.",
        &["integrations"],
        "planned",
    ),
    (
        "Larger touch targets on phones",
        "The promote buttons are hard to hit with a thumb.",
        &["mobile", "ui"],
        "implemented",
    ),
    (
        "Attach screenshots to ideas",
        "A picture often explains a problem better than words.",
        &[],
        "open",
    ),
    (
        "Show who promoted my idea",
        "It would be motivating to see which customers support an idea.",
        &[],
        "not-planned",
    ),
    (
        "Sort by most discussed",
        "Sometimes the liveliest debates are the most useful.",
        &["ui"],
        "implemented",
    ),
    (
        "Jira sync for planned ideas",
        "When product marks an idea Planned, create a Jira issue automatically.",
        &["integrations"],
        "open",
    ),
    (
        "Reduce page weight on slow networks",
        "Rural customers on 3G wait seconds for each page.",
        &["performance", "mobile"],
        "open",
    ),
    (
        "Roadmap page for customers",
        "A public roadmap with planned and in-progress ideas.",
        &["reporting"],
        "in-progress",
    ),
    (
        "Follow an idea without voting",
        "I want updates on ideas I am neutral about.",
        &[],
        "open",
    ),
    (
        "Markdown preview while writing",
        "Show how the description will look before submitting.",
        &["ui"],
        "open",
    ),
    (
        "Single sign-on with our identity provider",
        "Employees should log in with the company account.",
        &["integrations"],
        "under-review",
    ),
    (
        "Charts of votes over time",
        "See whether an idea is gaining or losing support.",
        &["reporting"],
        "open",
    ),
    (
        "Merge duplicate ideas automatically",
        "So many ideas are the same request in other words.",
        &[],
        "open",
    ),
    (
        "Undo a vote by accident",
        "On mobile I sometimes tap demote by mistake.",
        &["mobile"],
        "implemented",
    ),
    (
        "High-contrast theme",
        "For customers with low vision, a high-contrast option.",
        &["ui"],
        "open",
    ),
    (
        "API rate limits per token",
        "We integrate heavily; clear limits help us plan.",
        &["integrations", "performance"],
        "open",
    ),
    (
        "Archive ideas nobody voted for in a year",
        "Keeps the board focused on what matters now.",
        &[],
        "archived",
    ),
    (
        "Translate the interface into German",
        "Half our customers prefer German.",
        &["ui"],
        "open",
    ),
    (
        "Notify me when someone replies",
        "Replies to my comments get lost today.",
        &[],
        "planned",
    ),
];

const REMARKS: &[&str] = &[
    "Yes please! This is the one thing I miss.",
    "We work around this today, but it is painful.",
    "Would this also cover the API?",
    "+1, our whole team wants this.",
    "I am not sure this is worth the complexity.",
    "Great idea — even better with a setting to turn it off.",
];

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

/// Makes the demo board on an empty database and returns the accounts with their passwords.
pub fn seed_demo(
    db: &mut Db,
    half_life: HalfLife,
    base_url: &str,
) -> ServiceResult<Vec<DemoAccount>> {
    let conn = db.conn()?;
    if idea_rows::count(conn)? > 0 {
        return Err(ServiceError::Conflict {
            code: "not_empty",
            field: "ideas",
            message: "The board already has ideas; the demo needs an empty database.".into(),
        });
    }
    let mut rng = rand::thread_rng();
    let (printed, accounts_made) = make_people(db, &mut rng)?;
    db.write(|conn| {
        for (slug, name, color) in TAGS {
            tags::insert(
                conn,
                &NewTag {
                    id: &TagId::generate(),
                    slug,
                    name,
                    color,
                    created_at: clock::now(),
                    names: "{}",
                },
            )?;
        }
        Ok::<_, ServiceError>(())
    })?;
    let customers = &accounts_made[3..];
    for (i, demo_idea) in IDEAS.iter().enumerate() {
        let author = &customers[i % customers.len()];
        make_idea(
            db,
            &mut rng,
            (i, demo_idea),
            author,
            &accounts_made,
            half_life,
            base_url,
        )?;
    }
    super::demo_story::tell(db, &accounts_made, half_life, base_url)?;
    Ok(printed)
}

/// The demo's staff and customers, with the passwords to print.
fn make_people(db: &mut Db, rng: &mut impl Rng) -> ServiceResult<(Vec<DemoAccount>, Vec<Account>)> {
    let people: [(Role, &str, &str); 8] = [
        (Role::Admin, "Avery Admin", "admin@demo.example"),
        (
            Role::Moderator,
            "Morgan Moderator",
            "moderator@demo.example",
        ),
        (Role::Product, "Priya Product", "product@demo.example"),
        (Role::Member, "Casey Customer", "casey@demo.example"),
        (Role::Member, "Jordan Lee", "jordan@demo.example"),
        (Role::Member, "Sam Rivera", "sam@demo.example"),
        (Role::Member, "Taylor Kim", "taylor@demo.example"),
        (Role::Member, "Alex Novak", "alex@demo.example"),
    ];
    let mut printed = Vec::new();
    let mut accounts_made: Vec<Account> = Vec::new();
    for (role, name, email) in people {
        let password = password(rng, name, email);
        let registration = Registration {
            email: email.into(),
            name: name.into(),
            password: password.clone(),
        };
        accounts_made.push(accounts::register(db, &registration, Some(role))?);
        printed.push((role, name.to_string(), email.to_string(), password));
    }
    Ok((printed, accounts_made))
}

/// One demo idea through the real services: submitted, voted on by the others, commented and
/// replied to, and moved along the pipeline where the list says so.
fn make_idea(
    db: &mut Db,
    rng: &mut impl Rng,
    (i, (title, body, tag_slugs, status)): (usize, &DemoIdea),
    author: &Account,
    everyone: &[Account],
    half_life: HalfLife,
    base_url: &str,
) -> ServiceResult<()> {
    let submission = ideas::Submission {
        title: (*title).into(),
        body: (*body).into(),
        tags: tag_slugs.iter().map(|t| t.to_string()).collect(),
    };
    let idea = ideas::submit(db, author, &submission, half_life)?;
    for voter in everyone.iter().filter(|a| a.id != author.id) {
        let roll: f64 = rng.r#gen();
        let value = match roll {
            r if r < 0.55 - (i as f64) * 0.015 => VoteValue::Promote,
            r if r < 0.65 => VoteValue::Demote,
            _ => continue,
        };
        votes::cast(db, voter, &idea.card.id, value, half_life)?;
    }
    for _ in 0..rng.gen_range(0..4) {
        let commenter = &everyone[rng.gen_range(0..everyone.len())];
        let remark = REMARKS[rng.gen_range(0..REMARKS.len())];
        let comment = comments::create(db, commenter, idea.card.number, remark, None, base_url)?;
        if rng.gen_bool(0.4) {
            let replier = &everyone[rng.gen_range(0..everyone.len())];
            comments::create(
                db,
                replier,
                idea.card.number,
                "Good point — agreed.",
                Some(&comment.id),
                base_url,
            )?;
        }
    }
    if let Some(product) = everyone.iter().find(|a| a.role == Role::Product) {
        for (slug, note) in story_to(status) {
            super::pipeline::change_status(db, product, idea.card.number, slug, note, base_url)?;
        }
    }
    Ok(())
}

/// The steps an idea takes to reach `status`, each with the note the product team writes, so
/// that the demo's timelines, roadmap and status feed tell how it got there.
fn story_to(status: &str) -> &'static [(&'static str, &'static str)] {
    const REVIEW: (&str, &str) = (
        "under-review",
        "Thanks, everyone: we are looking at this with the team and reading every comment.",
    );
    const PLAN: (&str, &str) = (
        "planned",
        "This is on our roadmap for next quarter. Follow the idea to hear when work starts.",
    );
    const START: (&str, &str) = (
        "in-progress",
        "Work has started. We will share a preview with the people who promoted this.",
    );
    match status {
        "under-review" => &[REVIEW],
        "planned" => &[REVIEW, PLAN],
        "in-progress" => &[PLAN, START],
        "implemented" => &[
            PLAN,
            START,
            (
                "implemented",
                "Shipped! It is live for everyone now. Thank you for asking for it.",
            ),
        ],
        "not-planned" => &[
            REVIEW,
            (
                "not-planned",
                "We will not build this for now: it would slow the board down for everyone. Comments stay open.",
            ),
        ],
        "archived" => &[(
            "archived",
            "Archived after a long time without new votes; promote it again to bring it back.",
        )],
        _ => &[],
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
