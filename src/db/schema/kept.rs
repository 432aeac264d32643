//! The tables the database keeps from the others by triggers — totals, response times, activity,
//! sentiment, the funnel, rising ideas and the content version — which `check` recounts and
//! `rerank` rebuilds.

diesel::table! {
    response_days (day, area_key) {
        day -> Text,
        area_key -> Text,
        submitted -> BigInt,
        answered -> BigInt,
    }
}

diesel::table! {
    response_times (day, area_key, hours) {
        day -> Text,
        area_key -> Text,
        hours -> BigInt,
        ideas -> BigInt,
    }
}

diesel::table! {
    response_months (month, area_key) {
        month -> Text,
        area_key -> Text,
        submitted -> BigInt,
        answered -> BigInt,
    }
}

diesel::table! {
    response_month_times (month, area_key, hours) {
        month -> Text,
        area_key -> Text,
        hours -> BigInt,
        ideas -> BigInt,
    }
}

diesel::table! {
    activity_days (day, shard) {
        day -> Text,
        shard -> BigInt,
        ideas -> BigInt,
        votes -> BigInt,
        comments -> BigInt,
        accounts -> BigInt,
    }
}

diesel::table! {
    member_weeks (week, user_id) {
        week -> Text,
        user_id -> Text,
        acts -> BigInt,
    }
}

diesel::table! {
    activity_weeks (week, shard) {
        week -> Text,
        shard -> BigInt,
        members -> BigInt,
    }
}

diesel::table! {
    sentiment_days (day, area_key) {
        day -> Text,
        area_key -> Text,
        negative -> BigInt,
        neutral -> BigInt,
        positive -> BigInt,
    }
}

diesel::table! {
    funnel_times (day, step, days) {
        day -> Text,
        step -> Text,
        days -> BigInt,
        ideas -> BigInt,
    }
}

diesel::table! {
    /// Ideas in action: live ideas first implemented per day (UTC) and current status.
    action_days (day, status_id) {
        day -> Text,
        status_id -> Text,
        ideas -> BigInt,
    }
}

diesel::table! {
    idea_weeks (idea_id, week) {
        idea_id -> Text,
        week -> Text,
        points -> BigInt,
    }
}

diesel::table! {
    /// Live ideas per status, kept by triggers (migration 000006).
    idea_counts (status_id) {
        status_id -> Text,
        live -> BigInt,
    }
}

diesel::table! {
    /// Live ideas per tag, kept by triggers (migration 000006).
    tag_counts (tag_id) {
        tag_id -> Text,
        live -> BigInt,
    }
}

diesel::table! {
    /// Changes to what public pages show, counted by triggers (migration 000007); the content
    /// version is the sum over the shards.
    content_version (shard) {
        shard -> BigInt,
        changes -> BigInt,
    }
}
