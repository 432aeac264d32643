//! The company side's own tables: watched words and their matches, listening posts and their
//! entries, storm sessions, release notes and the ideas they deliver.

diesel::table! {
    watches (id) {
        id -> Text,
        user_id -> Text,
        phrase -> Text,
        phrase_key -> Text,
        delivery -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    watch_matches (watch_id, item_key) {
        watch_id -> Text,
        item_key -> Text,
        idea_id -> Nullable<Text>,
        comment_id -> Nullable<Text>,
        passage -> Text,
        term_start -> Integer,
        term_end -> Integer,
        matched_at -> Timestamp,
        entry_id -> Nullable<Text>,
    }
}

diesel::table! {
    listening_feeds (id) {
        id -> Text,
        name -> Text,
        url -> Text,
        interval_minutes -> Integer,
        etag -> Nullable<Text>,
        last_modified -> Nullable<Text>,
        next_poll_at -> Timestamp,
        last_polled_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        failures -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    listening_entries (id) {
        id -> Text,
        feed_id -> Text,
        guid -> Text,
        title -> Text,
        link -> Nullable<Text>,
        summary -> Text,
        published_at -> Nullable<Timestamp>,
        fetched_at -> Timestamp,
        sentiment_score -> Double,
        sentiment_label -> Text,
        state -> Text,
        idea_id -> Nullable<Text>,
    }
}

diesel::table! {
    storms (id) {
        id -> Text,
        slug -> Text,
        title -> Text,
        question -> Text,
        question_html -> Text,
        area_id -> Nullable<Text>,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        votes_after_close -> Bool,
        published_at -> Nullable<Timestamp>,
        opening_mailed_at -> Nullable<Timestamp>,
        summary -> Nullable<Text>,
        summary_html -> Nullable<Text>,
        summary_published_at -> Nullable<Timestamp>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    release_notes (id) {
        id -> Text,
        title -> Text,
        body -> Text,
        body_html -> Text,
        released_on -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    release_note_ideas (note_id, idea_id) {
        note_id -> Text,
        idea_id -> Text,
    }
}
