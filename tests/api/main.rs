//! The integration tests: the real server over HTTP, a real SMTP sink, SQLite and PostgreSQL.
//! Each test runs on both backends; the PostgreSQL variants need `TEST_DATABASE_URL` and run with
//! `cargo test -- --ignored`.
#![expect(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test fails loudly at the first thing that is not as it should be, and indexes the \
              JSON it asserts on"
)]

mod helpers;

mod account_page;
mod accounts;
mod answer_ratings;
mod api;
mod area_admin;
mod area_alerts;
mod areas;
mod bad_input;
mod banned_pages;
mod board;
mod changelog;
mod cli;
mod comments;
mod community;
mod compression;
mod csrf;
mod error_languages;
mod export;
mod faults;
mod feeds;
mod flags_and_tags;
mod form_feedback;
mod funnel;
mod idea_page_cache;
mod ideas;
mod imports;
mod insights;
mod languages;
mod listening;
mod local_names;
mod mail_languages;
mod moderation;
mod moderator_routes;
mod openapi;
mod outage;
mod outbox;
mod own_data;
mod page_cache;
mod pages;
mod password_reset;
mod pipeline;
mod plans;
mod rate_limits;
mod recent_pages;
mod registration_links;
mod responses;
mod rising;
mod roles;
mod schema;
mod search_languages;
mod sign_in;
mod site;
mod staff_pages;
mod status_admin;
mod storm_pages;
mod storms;
mod totals;
mod trending;
mod triage;
mod votes;
mod watches;
mod webhook_pages;
mod webhook_refusals;
mod webhooks;
