//! `Application::build`: connect and migrate, bind (port 0 in tests), start the jobs and the mail
//! worker, serve.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
use tokio::sync::Notify;
use tracing_actix_web::TracingLogger;

use crate::config::Config;
use crate::db::{CheckpointPolicy, Database};
use crate::domain::clock::Clock;
use crate::jobs::Jobs;
use crate::mail::Mailer;
use crate::mail::worker::OutboxWorker;
use crate::services::search_index::LanguageAtStart;
use crate::telemetry::RequestSpan;
use crate::web::middleware::{
    no_store_for_signed_in, refuse_control_characters_in_paths, remember_changes, security_headers,
    write_cookies,
};
use crate::web::page_cache::PageCache;
use crate::web::routes;
use crate::web::state::AppState;

/// A built, bound, not-yet-awaited server.
pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
}

impl Application {
    /// Connects to the database (creating and migrating it), binds `config.bind`, and spawns the
    /// outbox worker. Must be called inside a Tokio runtime.
    pub async fn build(config: Config) -> Result<Self, String> {
        let config = Arc::new(config);
        crate::i18n::set_board_default(config.default_locale);
        let db = open_migrated(&config).await?;
        let form_key = {
            let db = db.clone();
            db.run(crate::services::site_keys::form_key)
                .await
                .map_err(|e| format!("cannot read the form signing key: {e}"))?
        };
        let mailer = Mailer::from_config(&config)?;
        match &mailer {
            Mailer::Files(_, dir) => tracing::info!(
                "no SMTP_URL set: emails are written as .eml files to {}",
                dir.display()
            ),
            Mailer::Smtp(_) => tracing::info!("emails are sent by SMTP"),
            Mailer::Memory(_) => {}
        }

        let listener = TcpListener::bind(config.bind)
            .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let mail_wake = Arc::new(Notify::new());
        let outbound = crate::net::outbound::Outbound::new(config.feeds_allow_private)?;
        let webhook_outbound = crate::net::outbound::Outbound::new(config.webhooks_allow_private)?;
        let webhook_wake = Arc::new(Notify::new());
        let state = AppState {
            db: db.clone(),
            config: config.clone(),
            mail_wake: mail_wake.clone(),
            webhook_wake: webhook_wake.clone(),
            webhook_outbound: webhook_outbound.clone(),
            pages: Arc::new(PageCache::new(config.page_cache_mb)),
            versions: Arc::default(),
            clock: Clock::default(),
            form_key,
            promise: Arc::default(),
            choices: Arc::default(),
            outbound: outbound.clone(),
            openid: Arc::new(crate::net::openid::OpenId::new(
                crate::net::outbound::Outbound::new(config.sign_in.allow_private)?,
                config.sign_in.allow_private,
            )),
        };
        Jobs {
            db: db.clone(),
            base_url: config.base_url.to_string(),
            archive_after_days: config.archive_after_days,
            response: config.response,
            outbound: outbound.clone(),
        }
        .spawn();
        tokio::spawn(webhook_worker(&config, db.clone(), webhook_outbound, webhook_wake).run());
        tokio::spawn(outbox_worker(&config, db, mailer, mail_wake).run());
        let server = serve(listener, state.clone(), config.is_https())?;
        Ok(Self {
            port,
            server,
            state,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the process is told to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Opens the database and brings it up to date, off the async runtime.
async fn open_migrated(config: &Config) -> Result<Database, String> {
    let db = Database::open(
        &config.database_url,
        config.pool_size,
        CheckpointPolicy::ByJob,
    )?;
    let migrating = db.clone();
    let half_life = config.rank_half_life;
    let applied = tokio::task::spawn_blocking(move || {
        crate::services::maintenance::migrate(&mut migrating.access(), half_life)
    })
    .await
    .map_err(|e| format!("migration task failed: {e}"))??;
    if applied > 0 {
        tracing::info!(applied, "database migrated");
    }
    let language = config.search_language;
    let mut checking = db.access();
    let at_start = tokio::task::spawn_blocking(move || {
        crate::services::search_index::take_configured(&mut checking, language)
    })
    .await
    .map_err(|e| format!("search language task failed: {e}"))?
    .map_err(|e| format!("cannot read the search index's language: {e}"))?;
    match at_start {
        LanguageAtStart::InStep => {}
        LanguageAtStart::Adopted => {
            tracing::info!(%language, "search index stems in the configured language")
        }
        LanguageAtStart::ReindexNeeded { indexed } => tracing::warn!(
            %indexed,
            configured = %language,
            "the search index stems in another language than SEARCH_LANGUAGE: searches use it \
             until `ideaboard reindex` runs"
        ),
    }
    Ok(db)
}

/// The outbox worker as configured.
fn outbox_worker(config: &Config, db: Database, mailer: Mailer, wake: Arc<Notify>) -> OutboxWorker {
    OutboxWorker {
        db,
        mailer,
        mail_from: config.mail_from.clone(),
        host: config
            .base_url
            .host_str()
            .unwrap_or("localhost")
            .to_string(),
        poll_interval: config.outbox_poll_interval,
        retry_base: config.outbox_retry_base,
        max_attempts: config.outbox_max_attempts,
        lease: config.outbox_lease,
        instance: crate::domain::clock::new_id(),
        wake,
    }
}

/// The webhook worker as configured: the outbox's poll interval, retry base and lease.
fn webhook_worker(
    config: &Config,
    db: Database,
    outbound: crate::net::outbound::Outbound,
    wake: Arc<Notify>,
) -> crate::jobs::webhooks::WebhookWorker {
    crate::jobs::webhooks::WebhookWorker {
        db,
        outbound,
        base_url: config.base_url.to_string(),
        poll_interval: config.outbox_poll_interval,
        retry_base: config.outbox_retry_base,
        lease: config.outbox_lease,
        instance: crate::domain::clock::new_id(),
        wake,
    }
}

/// The HTTP server on `listener`: middleware, shared state and every route.
fn serve(listener: TcpListener, state: AppState, https: bool) -> Result<Server, String> {
    let data = web::Data::new(state);
    Ok(HttpServer::new(move || {
        App::new()
            .wrap(from_fn(crate::web::error::in_request_language))
            .wrap(from_fn(write_cookies))
            .wrap(from_fn(remember_changes))
            .wrap(from_fn(no_store_for_signed_in))
            .wrap(from_fn(refuse_control_characters_in_paths))
            .wrap(security_headers(https))
            .wrap(from_fn(crate::web::compression::compress_responses))
            .wrap(TracingLogger::<RequestSpan>::new())
            .app_data(data.clone())
            .configure(routes::configure)
    })
    // Responses go out as soon as they are written, never held back waiting for an ACK.
    .tcp_nodelay(true)
    .listen(listener)
    .map_err(|e| format!("cannot serve: {e}"))?
    .run())
}
