//! Ideaboard: an idea-community platform in the style of IdeaStorm.

pub mod assets;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod net;
pub mod services;
pub mod startup;
pub mod telemetry;
pub mod views;
pub mod web;
