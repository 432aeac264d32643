//! HTTP: routes, extractors, middleware, HTML page handlers and JSON API handlers.

pub mod api;
pub mod assets;
pub mod client_ip;
pub mod compression;
pub mod cookies;
pub mod error;
pub mod export;
pub mod extractors;
pub mod feeds;
pub mod health;
pub mod language;
pub mod middleware;
pub mod page_cache;
pub mod pages;
pub mod promise;
pub mod routes;
pub mod state;
pub mod version_reads;
pub mod webhook_fields;
