//! Pages, grouped by what they are about.

pub mod accounts;
pub mod admin;
pub mod api_docs;
pub mod area_admin;
pub mod board;
pub mod changelog;
pub mod community;
pub mod community_pipeline;
pub mod delivery;
pub mod errors;
pub mod export;
pub mod ideas;
pub mod insights;
pub mod listening;
pub mod moderation;
pub mod pipeline;
pub mod sign_in;
pub mod staff;
pub mod statuses;
pub mod storms;
pub mod submit;
pub mod tags;
pub mod triage;
pub mod watch;
pub mod webhooks;
