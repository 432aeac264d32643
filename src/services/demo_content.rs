//! What the demo board says, in each language the board speaks: `demo/<language>.toml`, built
//! into the binary — its people, tags, ideas, remarks, the product team's notes and the
//! moderation story's texts.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::i18n::Lang;

/// A whole demo board's words in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoContent {
    /// (name, email): admin, moderator, product, then the customers.
    pub people: Vec<(String, String)>,
    /// Comments customers leave under ideas.
    pub remarks: Vec<String>,
    /// The answer some of those comments get.
    pub reply: String,
    pub tags: Vec<DemoTag>,
    /// Product areas; an idea lands in the area of its first tag.
    #[serde(default)]
    pub areas: Vec<DemoArea>,
    /// The phrases the product manager watches (in the daily digest).
    #[serde(default)]
    pub watched: Vec<String>,
    /// A listening post with the entries it brought (`/insights/listening`).
    #[serde(default)]
    pub listening: Option<DemoFeed>,
    pub notes: PipelineNotes,
    pub story: StoryTexts,
    pub ideas: Vec<DemoIdea>,
}

/// A tag with its name in the board's language and in the others (`names`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoTag {
    pub slug: String,
    pub name: String,
    pub color: String,
    #[serde(default)]
    pub names: BTreeMap<String, String>,
}

/// A product area: its names, description, owners (the staff's email addresses) and the tags
/// whose ideas it takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoArea {
    pub name: String,
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    pub description: String,
    pub owners: Vec<String>,
    pub tags: Vec<String>,
}

/// A feed the product team listens to, and what it brought at its first poll.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoFeed {
    pub name: String,
    pub url: String,
    pub entries: Vec<DemoEntry>,
}

/// One post of that feed; its link is its id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoEntry {
    pub title: String,
    pub summary: String,
    pub link: String,
}

/// An idea: its words, tag slugs and the status it ends in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoIdea {
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub status: String,
}

/// The notes the product team writes at each step of the pipeline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineNotes {
    pub review: String,
    pub plan: String,
    pub start: String,
    pub implemented: String,
    pub not_planned: String,
    pub archived: String,
}

/// The moderation story's words (`demo_story`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryTexts {
    pub product_comment: String,
    pub duplicate_title: String,
    pub duplicate_body: String,
    pub advert_title: String,
    pub advert_body: String,
    pub hide_reason: String,
    pub rude_comment: String,
    pub flag_reason: String,
    /// The storm session open on the demo board, and the idea a customer answers it with.
    pub storm_title: String,
    pub storm_slug: String,
    pub storm_question: String,
    pub storm_idea_title: String,
    pub storm_idea_body: String,
    /// The release note that delivers the demo's implemented ideas.
    pub release_title: String,
    pub release_body: String,
}

/// The staff the story needs (admin, moderator, product) and at least five customers.
pub const PEOPLE_NEEDED: usize = 8;

/// The demo's file for `lang`, as shipped.
fn file_for(lang: Lang) -> &'static str {
    match lang.tag().as_str() {
        "de" => include_str!("../../demo/de.toml"),
        _ => include_str!("../../demo/en.toml"),
    }
}

impl DemoContent {
    /// The demo board in `lang`; a shipped file that does not read is a build mistake, told as
    /// the parser's own message.
    pub fn for_language(lang: Lang) -> Result<Self, String> {
        let content: Self = toml::from_str(file_for(lang))
            .map_err(|error| format!("demo/{}.toml: {error}", lang.tag()))?;
        if content.people.len() < PEOPLE_NEEDED || content.remarks.is_empty() {
            return Err(format!(
                "demo/{}.toml needs {PEOPLE_NEEDED} people and some remarks",
                lang.tag()
            ));
        }
        Ok(content)
    }

    /// The steps an idea takes to reach `status`, each with the note the product team writes,
    /// so that the demo's timelines, roadmap and status feed tell how it got there.
    pub fn story_to(&self, status: &str) -> Vec<(&'static str, &str)> {
        let notes = &self.notes;
        let review = ("under-review", notes.review.as_str());
        let plan = ("planned", notes.plan.as_str());
        let start = ("in-progress", notes.start.as_str());
        match status {
            "under-review" => vec![review],
            "planned" => vec![review, plan],
            "in-progress" => vec![plan, start],
            "implemented" => vec![plan, start, ("implemented", &notes.implemented)],
            "not-planned" => vec![review, ("not-planned", &notes.not_planned)],
            "archived" => vec![("archived", &notes.archived)],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_whole_demo_with_the_same_tags_and_statuses() {
        let english = DemoContent::for_language(Lang::english()).expect("en.toml reads");
        for lang in Lang::all() {
            let content = DemoContent::for_language(lang).expect("the demo file reads");
            let slugs = |c: &DemoContent| c.tags.iter().map(|t| t.slug.clone()).collect::<Vec<_>>();
            assert_eq!(slugs(&content), slugs(&english), "{}", lang.tag());
            for idea in &content.ideas {
                assert!(
                    idea.status == "open" || !content.story_to(&idea.status).is_empty(),
                    "{}: no story to {}",
                    lang.tag(),
                    idea.status
                );
                for tag in &idea.tags {
                    assert!(slugs(&content).contains(tag), "{}: tag {tag}", lang.tag());
                }
            }
            for area in &content.areas {
                for tag in &area.tags {
                    assert!(
                        slugs(&content).contains(tag),
                        "{}: area tag {tag}",
                        lang.tag()
                    );
                }
            }
            assert_eq!(content.areas.len(), english.areas.len(), "{}", lang.tag());
            let statuses =
                |c: &DemoContent| c.ideas.iter().map(|i| i.status.clone()).collect::<Vec<_>>();
            assert_eq!(statuses(&content), statuses(&english), "{}", lang.tag());
        }
    }
}
