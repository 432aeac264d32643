//! Merging duplicates losslessly, and undoing it exactly. A merge of B into A runs in one
//! transaction with both ideas locked in id order; a merge record lists everything that moved,
//! so unmerge puts B back as it was and A returns to what it would be without B.

use std::collections::HashSet;

use super::ServiceResult;
use super::accounts::Account;
use super::ideas::{self, IdeaDetail};
use super::{audit, notifications, votes};
use crate::db::models::ideas::{self as idea_rows, Idea};
use crate::db::models::moderation::{self, MergeItem};
use crate::db::models::{subscriptions, tags, votes as vote_rows};
use crate::db::{Db, DbConnection};
use crate::domain::ids::{CommentId, IdeaId, TagId, UserId};
use crate::domain::merge::{MergePlan, plan, refusal};
use crate::domain::ranking::HalfLife;
use crate::domain::roles::Permission;
use crate::domain::validation::{FieldErrors, Text};
use crate::domain::{clock, merge};
use crate::mail::messages;
use crate::services::error::ServiceError;

const MOVED_VOTE: &str = "moved_vote";
const DROPPED_VOTE: &str = "dropped_vote";
const MOVED_COMMENT: &str = "moved_comment";
const ADDED_TAG: &str = "added_tag";
const ADDED_SUBSCRIPTION: &str = "added_subscription";

fn find(conn: &mut DbConnection, number: i64, field: &'static str) -> ServiceResult<Idea> {
    idea_rows::find_by_number(conn, number)?.ok_or_else(|| {
        ServiceError::Validation(FieldErrors::single(
            field,
            Text::new("refused-no-idea").with("number", number.to_string()),
        ))
    })
}

/// Locks two ideas in id order (so two opposite merges cannot deadlock) and returns them fresh.
fn lock_pair(conn: &mut DbConnection, a: &IdeaId, b: &IdeaId) -> ServiceResult<(Idea, Idea)> {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    let first_row = idea_rows::lock(conn, first)?.ok_or(ServiceError::NotFound)?;
    let second_row = idea_rows::lock(conn, second)?.ok_or(ServiceError::NotFound)?;
    Ok(if a < b {
        (first_row, second_row)
    } else {
        (second_row, first_row)
    })
}

fn vote_item(merge_id: &str, kind: &str, vote: &vote_rows::Vote) -> MergeItem {
    MergeItem {
        merge_id: merge_id.to_string(),
        kind: kind.to_string(),
        ref_id: vote.id.clone(),
        user_id: Some(vote.user_id.clone()),
        value: Some(vote.value),
        created_at: Some(vote.created_at),
        updated_at: Some(vote.updated_at),
    }
}

fn ref_item(merge_id: &str, kind: &str, ref_id: &str) -> MergeItem {
    MergeItem {
        merge_id: merge_id.to_string(),
        kind: kind.to_string(),
        ref_id: ref_id.to_string(),
        user_id: None,
        value: None,
        created_at: None,
        updated_at: None,
    }
}

/// Merges idea `source_number` into `target_number`; returns the target as the actor sees it.
pub fn merge(
    db: &mut Db,
    actor: &Account,
    source_number: i64,
    target_number: i64,
    half_life: HalfLife,
    base_url: &str,
) -> ServiceResult<IdeaDetail> {
    actor.require(Permission::Merge)?;
    db.write(|conn| {
        let source =
            idea_rows::find_by_number(conn, source_number)?.ok_or(ServiceError::NotFound)?;
        let target = find(conn, target_number, "into")?;
        if source.id == target.id {
            return Err(ServiceError::Validation(FieldErrors::single(
                "into",
                Text::new("refused-merge-self"),
            )));
        }
        let (source, target) = lock_pair(conn, &source.id, &target.id)?;
        if let Some(reason) = refusal(
            &source.id,
            &target.id,
            source.merged_into_id.is_some(),
            target.merged_into_id.is_some(),
        ) {
            return Err(ServiceError::conflict_coded(
                "merge_refused",
                "into",
                Text::new(reason),
            ));
        }
        let (source_votes, planned) = plan_merge(conn, &source, &target)?;
        let comments = moderation::comment_ids_of(conn, &source.id)?;
        let merge_id = clock::new_id();
        record_merge(
            conn,
            &merge_id,
            (&source, &target),
            actor,
            &source_votes,
            &planned,
            &comments,
        )?;
        move_to_target(conn, &source, &target, &planned, &comments)?;
        votes::recount(conn, &source.id, half_life)?;
        votes::recount(conn, &target.id, half_life)?;

        notify_merge(conn, &merge_id, &source, &target, actor, base_url)?;
        tell_webhooks(conn, &merge_id, (&source, &target), base_url)?;
        let label = format!("#{} into #{}", source.number, target.number);
        audit::record(conn, actor, "merge", "idea", source.id.as_str(), &label, "")?;
        tracing::info!(
            source = source.number,
            target = target.number,
            "ideas merged"
        );
        Ok(())
    })?;
    ideas::get(db, Some(actor), target_number)
}

/// `idea.merged`, with both ideas' counts as the merge left them.
fn tell_webhooks(
    conn: &mut DbConnection,
    merge_id: &str,
    (source, target): (&Idea, &Idea),
    base_url: &str,
) -> ServiceResult<()> {
    let reread = |conn: &mut DbConnection, idea: &Idea| -> ServiceResult<Idea> {
        Ok(idea_rows::find_by_id(conn, &idea.id)?.unwrap_or_else(|| idea.clone()))
    };
    let (duplicate, into) = (reread(conn, source)?, reread(conn, target)?);
    let happened = super::webhook_events::Happened::Merged {
        duplicate: &duplicate,
        into: &into,
        merge_id,
    };
    super::webhook_events::emit(conn, base_url, &happened)?;
    Ok(())
}

/// What a merge of `source` into `target` moves: the source's votes (each moved or dropped),
/// and the tags and followers the target gains.
fn plan_merge(
    conn: &mut DbConnection,
    source: &Idea,
    target: &Idea,
) -> ServiceResult<(Vec<vote_rows::Vote>, MergePlan)> {
    let source_votes = vote_rows::of_idea(conn, &source.id)?;
    let target_voters: HashSet<UserId> = vote_rows::of_idea(conn, &target.id)?
        .into_iter()
        .map(|v| v.user_id)
        .collect();
    let source_tags = tags::ids_on(conn, &source.id)?;
    let target_tags: HashSet<TagId> = tags::ids_on(conn, &target.id)?.into_iter().collect();
    let source_followers = subscriptions::followers(conn, &source.id)?;
    let target_followers: HashSet<UserId> = subscriptions::followers(conn, &target.id)?
        .into_iter()
        .collect();
    let vote_refs: Vec<merge::VoteRef> = source_votes
        .iter()
        .map(|v| (v.id.clone(), v.user_id.clone()))
        .collect();
    let planned = plan(
        &vote_refs,
        &target_voters,
        &source_tags,
        &target_tags,
        &source_followers,
        &target_followers,
    );
    Ok((source_votes, planned))
}

/// The merge record, listing exactly what moved, so that unmerge restores the source as it was.
fn record_merge(
    conn: &mut DbConnection,
    merge_id: &str,
    (source, target): (&Idea, &Idea),
    actor: &Account,
    source_votes: &[vote_rows::Vote],
    planned: &MergePlan,
    comments: &[CommentId],
) -> ServiceResult<()> {
    moderation::insert_merge(
        conn,
        merge_id,
        &source.id,
        &target.id,
        &actor.id,
        clock::now(),
    )?;
    for vote in source_votes {
        let kind = if planned.moved_votes.contains(&vote.id) {
            MOVED_VOTE
        } else {
            DROPPED_VOTE
        };
        moderation::insert_item(conn, &vote_item(merge_id, kind, vote))?;
    }
    for id in comments {
        moderation::insert_item(conn, &ref_item(merge_id, MOVED_COMMENT, id.as_str()))?;
    }
    for id in &planned.added_tags {
        moderation::insert_item(conn, &ref_item(merge_id, ADDED_TAG, id.as_str()))?;
    }
    for id in &planned.added_followers {
        moderation::insert_item(conn, &ref_item(merge_id, ADDED_SUBSCRIPTION, id.as_str()))?;
    }
    Ok(())
}

/// Moves the planned votes, the comments, tags and followers to the target, and points the
/// source at it.
fn move_to_target(
    conn: &mut DbConnection,
    source: &Idea,
    target: &Idea,
    planned: &MergePlan,
    comments: &[CommentId],
) -> ServiceResult<()> {
    vote_rows::move_to(conn, &planned.moved_votes, &target.id)?;
    vote_rows::delete_many(conn, &planned.dropped_votes)?;
    moderation::move_comments(conn, comments, &target.id)?;
    moderation::mark_merged_from(conn, comments, &source.id)?;
    for tag in &planned.added_tags {
        tags::attach(conn, &target.id, tag)?;
    }
    let now = clock::now();
    for user in &planned.added_followers {
        subscriptions::subscribe(conn, user, &target.id, now)?;
    }
    moderation::set_merged_into(conn, &source.id, Some(&target.id))?;
    Ok(())
}

/// Queues the "your idea was merged" email for B's author and followers (not the moderator),
/// as their merge preference allows.
fn notify_merge(
    conn: &mut DbConnection,
    merge_id: &str,
    source: &Idea,
    target: &Idea,
    actor: &Account,
    base_url: &str,
) -> ServiceResult<()> {
    let link = format!("{}/ideas/{}", base_url.trim_end_matches('/'), target.number);
    let notice = notifications::Notice {
        event_key: format!("merge:{merge_id}"),
        kind: "merges",
        recipients: notifications::followers_and_author(conn, source)?,
        idea: source,
        actor_id: &actor.id,
        digest_line: Text::new("mail-merged-subject")
            .with("source", source.number.to_string())
            .with("source_title", source.title.as_str())
            .with("target", target.number.to_string()),
        link: link.clone(),
    };
    notifications::notify(conn, &notice, base_url, |name, lang| {
        messages::idea_merged(
            lang,
            name,
            (source.number, &source.title),
            (target.number, &target.title),
            &link,
        )
    })?;
    Ok(())
}

/// Puts back what the merge record `merge_id` lists: the source's votes as they were, its
/// comments (with the replies written to them since), and takes the tags and followers the
/// target gained off it again.
fn restore(
    conn: &mut DbConnection,
    merge_id: &str,
    source: &Idea,
    target: &Idea,
) -> ServiceResult<()> {
    let items = moderation::items_of(conn, merge_id)?;
    let of_kind = |kind: &str| items.iter().filter(|i| i.kind == kind).collect::<Vec<_>>();
    let moved: Vec<String> = of_kind(MOVED_VOTE)
        .iter()
        .map(|i| i.ref_id.clone())
        .collect();
    vote_rows::delete_many(conn, &moved)?;
    for item in of_kind(MOVED_VOTE).into_iter().chain(of_kind(DROPPED_VOTE)) {
        let (Some(user_id), Some(value), Some(created_at), Some(updated_at)) =
            (&item.user_id, item.value, item.created_at, item.updated_at)
        else {
            return Err(ServiceError::Internal(anyhow::anyhow!(
                "merge item {} is incomplete",
                item.ref_id
            )));
        };
        vote_rows::insert(
            conn,
            &vote_rows::NewVote {
                id: &item.ref_id,
                idea_id: &source.id,
                user_id,
                value,
                created_at,
                updated_at,
            },
        )?;
    }
    let mut comments: Vec<CommentId> = of_kind(MOVED_COMMENT)
        .iter()
        .map(|i| CommentId::from_stored(i.ref_id.clone()))
        .collect();
    // Replies written on A to a moved comment travel back with their thread.
    comments.extend(moderation::replies_to(conn, &target.id, &comments)?);
    moderation::move_comments(conn, &comments, &source.id)?;
    moderation::clear_merged_from(conn, &comments, &source.id)?;
    for item in of_kind(ADDED_TAG) {
        tags::detach(conn, &target.id, &TagId::from_stored(item.ref_id.clone()))?;
    }
    for item in of_kind(ADDED_SUBSCRIPTION) {
        subscriptions::unsubscribe(conn, &UserId::from_stored(item.ref_id.clone()), &target.id)?;
    }
    Ok(())
}

/// Undoes the live merge of idea `source_number`: B comes back exactly as it was.
pub fn unmerge(
    db: &mut Db,
    actor: &Account,
    source_number: i64,
    half_life: HalfLife,
) -> ServiceResult<IdeaDetail> {
    actor.require(Permission::Merge)?;
    db.write(|conn| {
        let source =
            idea_rows::find_by_number(conn, source_number)?.ok_or(ServiceError::NotFound)?;
        let record = moderation::active_merge_of(conn, &source.id)?.ok_or(
            ServiceError::conflict_coded("not_merged", "idea", Text::new("refused-not-merged")),
        )?;
        let (source, target) = lock_pair(conn, &source.id, &record.target_id)?;
        if target.merged_into_id.is_some() {
            return Err(ServiceError::conflict_coded(
                "target_merged",
                "idea",
                Text::new("refused-target-merged").with("number", target.number.to_string()),
            ));
        }
        restore(conn, &record.id, &source, &target)?;
        moderation::set_merged_into(conn, &source.id, None)?;
        votes::recount(conn, &source.id, half_life)?;
        votes::recount(conn, &target.id, half_life)?;
        moderation::mark_undone(conn, &record.id, &actor.id, clock::now())?;
        let label = format!("#{} out of #{}", source.number, target.number);
        audit::record(
            conn,
            actor,
            "unmerge",
            "idea",
            source.id.as_str(),
            &label,
            "",
        )?;
        Ok(())
    })?;
    ideas::get(db, Some(actor), source_number)
}
