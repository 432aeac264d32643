//! Row types and the query functions of each table, one module per table.

pub mod answer_ratings;
pub mod api_tokens;
pub mod area_alerts;
pub mod areas;
pub mod comments;
pub mod ideas;
pub mod identities;
pub mod import_keys;
pub mod listening;
pub mod moderation;
pub mod outbox;
pub mod own_data;
pub mod password_resets;
pub mod pending_registrations;
pub mod pipeline;
pub mod rate_limits;
pub mod release_notes;
pub mod sessions;
pub mod statuses;
pub mod storms;
pub mod subscriptions;
pub mod tags;
pub mod users;
pub mod votes;
pub mod watches;
pub mod webhooks;
