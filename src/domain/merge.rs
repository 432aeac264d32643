//! The merge plan: which of the source idea's votes move to the target, which are dropped (the
//! voter already voted on the target: their target vote stands, never counted twice), and which
//! tags and followers the target gains. Pure, so the rules are tested without a database.

use std::collections::HashSet;

use super::ids::{TagId, UserId};

/// A vote as the plan sees it: (vote id, voter id).
pub type VoteRef = (String, UserId);

/// What a merge changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergePlan {
    /// Source votes re-pointed at the target.
    pub moved_votes: Vec<String>,
    /// Source votes removed because their voter had voted on the target.
    pub dropped_votes: Vec<String>,
    /// Tags the target gains.
    pub added_tags: Vec<TagId>,
    /// People who start following the target.
    pub added_followers: Vec<UserId>,
}

/// Plans the merge of a source idea into a target.
pub fn plan(
    source_votes: &[VoteRef],
    target_voters: &HashSet<UserId>,
    source_tags: &[TagId],
    target_tags: &HashSet<TagId>,
    source_followers: &[UserId],
    target_followers: &HashSet<UserId>,
) -> MergePlan {
    let mut plan = MergePlan::default();
    for (vote_id, voter) in source_votes {
        if target_voters.contains(voter) {
            plan.dropped_votes.push(vote_id.clone());
        } else {
            plan.moved_votes.push(vote_id.clone());
        }
    }
    plan.added_tags = source_tags
        .iter()
        .filter(|t| !target_tags.contains(*t))
        .cloned()
        .collect();
    plan.added_followers = source_followers
        .iter()
        .filter(|u| !target_followers.contains(*u))
        .cloned()
        .collect();
    plan
}

/// Why a merge of `source` into `target` cannot happen, if it cannot: the key of the refusal's
/// text.
pub fn refusal<Id: PartialEq + ?Sized>(
    source: &Id,
    target: &Id,
    source_merged: bool,
    target_merged: bool,
) -> Option<&'static str> {
    if source == target {
        Some("refused-merge-self")
    } else if source_merged {
        Some("refused-merge-source-merged")
    } else if target_merged {
        Some("refused-merge-target-merged")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(slugs: &[&str]) -> HashSet<TagId> {
        slugs
            .iter()
            .map(|s| TagId::from_stored(s.to_string()))
            .collect()
    }

    fn person(name: &str) -> UserId {
        UserId::from_stored(name.to_string())
    }

    fn people(names: &[&str]) -> HashSet<UserId> {
        names.iter().map(|name| person(name)).collect()
    }

    #[test]
    fn overlapping_voters_keep_their_target_vote_and_are_never_counted_twice() {
        let source = vec![
            ("v1".to_string(), person("ann")),
            ("v2".to_string(), person("bob")),
        ];
        let plan = plan(
            &source,
            &people(&["bob"]),
            &[],
            &tags(&[]),
            &[],
            &people(&[]),
        );
        assert_eq!(plan.moved_votes, ["v1"]);
        assert_eq!(plan.dropped_votes, ["v2"]);
    }

    #[test]
    fn tags_and_followers_are_unioned() {
        let plan = plan(
            &[],
            &people(&[]),
            &[
                TagId::from_stored("ui".into()),
                TagId::from_stored("mobile".into()),
            ],
            &tags(&["ui"]),
            &[person("ann"), person("cy")],
            &people(&["cy"]),
        );
        assert_eq!(plan.added_tags, [TagId::from_stored("mobile".into())]);
        assert_eq!(plan.added_followers, [person("ann")]);
    }

    #[test]
    fn self_merges_and_merges_involving_merged_ideas_are_refused() {
        assert!(refusal("a", "a", false, false).is_some());
        assert!(refusal("a", "b", true, false).is_some());
        assert!(refusal("a", "b", false, true).is_some());
        assert!(refusal("a", "b", false, false).is_none());
    }
}
