//! Diesel table definitions, in types both SQLite and PostgreSQL share; those kept by triggers
//! are in `kept`, the company side's own (watches, listening posts, storm sessions, release
//! notes) in `company`.

mod company;
mod integrations;
mod kept;
pub use company::*;
pub use integrations::*;
pub use kept::*;

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        email_normalized -> Text,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        banned_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        locale -> Nullable<Text>,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        token_hash -> Text,
        user_id -> Nullable<Text>,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    pending_registrations (id) {
        id -> Text,
        token_hash -> Text,
        email -> Text,
        email_normalized -> Text,
        name -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    password_resets (id) {
        id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        event_key -> Text,
        recipient -> Text,
        kind -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        state -> Text,
        attempts -> BigInt,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        list_unsubscribe -> Nullable<Text>,
        lease_owner -> Nullable<Text>,
    }
}

diesel::table! {
    status_changes (id) {
        id -> Text,
        idea_id -> Text,
        from_status_id -> Text,
        to_status_id -> Text,
        note -> Text,
        note_html -> Text,
        actor_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notification_preferences (user_id) {
        user_id -> Text,
        status_changes -> Text,
        comments -> Text,
        replies -> Text,
        merges -> Text,
        area_ideas -> Text,
        weekly_summary -> Text,
        storms -> Text,
        releases -> Text,
    }
}

diesel::table! {
    digest_items (id) {
        id -> Text,
        user_id -> Text,
        event_key -> Text,
        kind -> Text,
        line -> Text,
        link -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    rate_limits (bucket, window_start) {
        bucket -> Text,
        window_start -> Timestamp,
        hits -> BigInt,
    }
}

diesel::table! {
    statuses (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        color -> Text,
        position -> BigInt,
        kind -> Text,
        on_roadmap -> Bool,
        voting_frozen -> Bool,
        retired_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        names -> Text,
    }
}

diesel::table! {
    tags (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        color -> Text,
        created_at -> Timestamp,
        names -> Text,
    }
}

diesel::table! {
    ideas (id) {
        id -> Text,
        number -> BigInt,
        author_id -> Text,
        title -> Text,
        body -> Text,
        body_html -> Text,
        excerpt -> Text,
        status_id -> Text,
        upvotes -> BigInt,
        downvotes -> BigInt,
        score -> BigInt,
        comment_count -> BigInt,
        up_log -> Nullable<Double>,
        down_log -> Nullable<Double>,
        popular_key -> Double,
        merged_into_id -> Nullable<Text>,
        hidden_at -> Nullable<Timestamp>,
        locked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        trend_up_log -> Nullable<Double>,
        trend_down_log -> Nullable<Double>,
        trending_key -> Double,
        area_id -> Nullable<Text>,
        first_response_at -> Nullable<Timestamp>,
        sentiment_score -> Nullable<Double>,
        sentiment_label -> Nullable<Text>,
        planned_at -> Nullable<Timestamp>,
        implemented_at -> Nullable<Timestamp>,
        storm_id -> Nullable<Text>,
    }
}

diesel::table! {
    areas (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        names -> Text,
        description -> Text,
        description_html -> Text,
        position -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    area_owners (area_id, user_id) {
        area_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    area_alerts (idea_id, kind, area_id) {
        idea_id -> Text,
        kind -> Text,
        area_id -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    answer_ratings (comment_id, user_id) {
        comment_id -> Text,
        user_id -> Text,
        helpful -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    duplicate_candidates (idea_id, candidate_id) {
        idea_id -> Text,
        candidate_id -> Text,
    }
}

diesel::table! {
    idea_tags (idea_id, tag_id) {
        idea_id -> Text,
        tag_id -> Text,
    }
}

diesel::table! {
    votes (id) {
        id -> Text,
        idea_id -> Text,
        user_id -> Text,
        value -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    comments (id) {
        id -> Text,
        idea_id -> Text,
        author_id -> Text,
        parent_id -> Nullable<Text>,
        body -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        hidden_at -> Nullable<Timestamp>,
        merged_from_idea_id -> Nullable<Text>,
        official -> Bool,
        helpful -> BigInt,
        unhelpful -> BigInt,
        sentiment_score -> Nullable<Double>,
        sentiment_label -> Nullable<Text>,
    }
}

diesel::table! {
    merges (id) {
        id -> Text,
        source_id -> Text,
        target_id -> Text,
        actor_id -> Text,
        created_at -> Timestamp,
        undone_at -> Nullable<Timestamp>,
        undone_by -> Nullable<Text>,
    }
}

diesel::table! {
    merge_items (merge_id, kind, ref_id) {
        merge_id -> Text,
        kind -> Text,
        ref_id -> Text,
        user_id -> Nullable<Text>,
        value -> Nullable<BigInt>,
        created_at -> Nullable<Timestamp>,
        updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    flags (id) {
        id -> Text,
        idea_id -> Nullable<Text>,
        comment_id -> Nullable<Text>,
        user_id -> Text,
        reason -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        resolution -> Nullable<Text>,
        resolved_by -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        actor_id -> Text,
        action -> Text,
        subject_type -> Text,
        subject_id -> Text,
        subject_label -> Text,
        reason -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    subscriptions (user_id, idea_id) {
        user_id -> Text,
        idea_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(watches -> users (user_id));
diesel::joinable!(watch_matches -> watches (watch_id));
diesel::joinable!(watch_matches -> ideas (idea_id));
diesel::joinable!(watch_matches -> comments (comment_id));
diesel::joinable!(watch_matches -> listening_entries (entry_id));
diesel::joinable!(listening_entries -> listening_feeds (feed_id));
diesel::joinable!(ideas -> users (author_id));
diesel::joinable!(ideas -> statuses (status_id));
diesel::joinable!(idea_tags -> ideas (idea_id));
diesel::joinable!(idea_tags -> tags (tag_id));
diesel::joinable!(area_owners -> areas (area_id));
diesel::joinable!(area_owners -> users (user_id));
diesel::joinable!(ideas -> areas (area_id));
diesel::joinable!(ideas -> storms (storm_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(release_note_ideas -> release_notes (note_id));
diesel::joinable!(release_note_ideas -> ideas (idea_id));
diesel::joinable!(votes -> ideas (idea_id));
diesel::joinable!(comments -> ideas (idea_id));
diesel::joinable!(comments -> users (author_id));
diesel::joinable!(subscriptions -> ideas (idea_id));
diesel::joinable!(merge_items -> merges (merge_id));
diesel::joinable!(audit_log -> users (actor_id));
diesel::joinable!(status_changes -> users (actor_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(password_resets -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    api_tokens,
    password_resets,
    outbox,
    pending_registrations,
    rate_limits,
    statuses,
    tags,
    areas,
    area_owners,
    storms,
    release_notes,
    release_note_ideas,
    ideas,
    idea_tags,
    duplicate_candidates,
    area_alerts,
    answer_ratings,
    response_days,
    response_times,
    response_months,
    response_month_times,
    activity_days,
    member_weeks,
    activity_weeks,
    sentiment_days,
    funnel_times,
    action_days,
    idea_weeks,
    votes,
    comments,
    subscriptions,
    merges,
    merge_items,
    flags,
    audit_log,
    status_changes,
    notification_preferences,
    settings,
    digest_items,
    idea_counts,
    tag_counts,
    content_version,
    watches,
    watch_matches,
    listening_feeds,
    listening_entries,
    webhooks,
    webhook_deliveries,
    import_keys,
    user_identities,
    oidc_sign_ins,
    oidc_links,
);
