//! Use cases, one transaction each; every permission check happens here.

pub mod account;
pub mod accounts;
pub mod answer_ratings;
pub mod api_tokens;
pub mod area_alerts;
pub mod areas;
pub mod audit;
pub mod board;
pub mod board_choices;
pub mod changelog;
pub mod comment_threads;
pub mod comments;
pub mod community;
pub mod delivery;
pub mod demo;
pub mod demo_content;
pub mod demo_story;
pub mod digest;
pub mod duplicates;
pub mod error;
pub mod export;
pub mod export_rows;
pub mod feeds;
pub mod hidden;
pub mod idea_page;
pub mod ideas;
pub mod import;
pub mod insights;
pub mod listening;
pub mod mail_queue;
pub mod maintenance;
pub mod merge;
pub mod moderation;
pub mod notifications;
pub mod own_data;
pub mod password_reset;
pub mod pipeline;
pub mod rate_limits;
pub mod registration;
pub mod rerender;
pub mod rescore;
pub mod search_index;
pub mod seed;
mod seed_draws;
pub mod seed_words;
pub mod sentiments;
pub mod sessions;
pub mod sign_in;
pub mod site_keys;
pub mod staff_home;
pub mod statuses;
pub mod storm_mail;
pub mod storms;
pub mod tags;
pub mod theme;
pub mod timeline;
pub mod triage;
pub mod votes;
pub mod watches;
pub mod webhook_events;
pub mod webhooks;
pub mod weekly_summary;

use error::ServiceError;

/// The database every use case is given (`Db`, one task's access) and the value that hands it
/// out (`Database`), for the callers above services.
pub use crate::db::{Backend, Database, Db};

/// What every service returns.
pub type ServiceResult<T> = Result<T, ServiceError>;
