//! Typed configuration from the environment and an optional `ideaboard.toml`; secrets redacted.

mod sign_in;
mod values;

pub use sign_in::{OidcProvider, SignIn};

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Where the data lives, chosen by the URL scheme.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file (created with its folder if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL, passed to libpq as written.
    Postgres(String),
}

impl DatabaseUrl {
    /// `sqlite://<relative or absolute path>` or `postgres://…` / `postgresql://…`.
    pub fn parse(input: &str) -> Result<Self, String> {
        let input = input.trim();
        if let Some(path) = input.strip_prefix("sqlite://") {
            if path.is_empty() || path == ":memory:" {
                return Err(
                    "DATABASE_URL sqlite:// needs a file path, such as sqlite://data/ideaboard.db"
                        .into(),
                );
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if input.starts_with("postgres://") || input.starts_with("postgresql://") {
            url::Url::parse(input)
                .map_err(|e| format!("DATABASE_URL is not a valid PostgreSQL URL: {e}"))?;
            return Ok(Self::Postgres(input.to_string()));
        }
        Err("DATABASE_URL must start with sqlite:// or postgres://".into())
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Self::Sqlite(_))
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => write!(f, "{}", redact_url(url)),
        }
    }
}

/// A URL with any password replaced by `***`, for logs.
pub fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        Err(_) => "<unparseable url>".into(),
    }
}

/// A value that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", redact_url(&self.0))
    }
}

use values::{
    parse_base_url, parse_forwarded_header, parse_half_life, parse_log_filter, parse_number,
    parse_smtp_url, parse_switch, parse_toml, parse_trusted_proxies, refuse_unknown_variables,
    seconds,
};

/// The header in which the trusted proxies name the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For`, written by nginx, HAProxy, Caddy, Traefik and cloud load balancers.
    #[default]
    XForwardedFor,
    /// `Forwarded` (RFC 7239).
    Forwarded,
}

/// Everything the server needs to know at start.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub bind: SocketAddr,
    /// The public address of the site, used in emails and for cookie security (https ⇒ Secure).
    pub base_url: url::Url,
    /// `None` writes emails as `.eml` files into `mail_dir`.
    pub smtp_url: Option<Secret>,
    pub mail_from: String,
    pub mail_dir: PathBuf,
    pub pool_size: u32,
    pub log: String,
    /// Authentication attempts per minute per client IP.
    pub auth_rate_limit: u32,
    /// Peers whose forwarding header is believed (none by default).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Which forwarding header those proxies write; the other is ignored.
    pub forwarded_header: ForwardedHeader,
    /// How often the outbox worker looks for due mail when not woken.
    pub outbox_poll_interval: Duration,
    /// The first retry delay; each later one doubles, capped at one hour.
    pub outbox_retry_base: Duration,
    /// Attempts before a message is marked failed.
    pub outbox_max_attempts: u32,
    /// How long a claimed message stays reserved for the instance sending it; after a crash,
    /// another instance takes it over when this lapses.
    pub outbox_lease: Duration,
    /// The half-life of a vote's weight in the `popular` order.
    pub rank_half_life: crate::domain::ranking::HalfLife,
    /// Ideas still open after this many days without a vote move to Archived (off when `None`).
    pub archive_after_days: Option<u32>,
    /// Memory for rendered board pages kept for reuse, in MiB (0 turns the page cache off).
    pub page_cache_mb: u32,
    /// How long a page kept for everyone may still be served after others changed the board, in
    /// seconds (0: every page is exact). Whoever changed something sees it at once.
    pub page_stale_secs: u32,
    /// The language of a page when nothing about the request chooses one (`en`, `de`).
    pub default_locale: crate::i18n::Lang,
    /// The language the full-text search stems in (`english`, `german`); a change takes effect
    /// with `ideaboard reindex`.
    pub search_language: crate::domain::search_language::SearchLanguage,
    /// The response target and the review threshold that triage watches.
    pub response: crate::domain::response::ResponsePolicy,
    /// Whether listening posts may fetch feeds from loopback and private addresses
    /// (`FEEDS_ALLOW_PRIVATE=on`: tests, an intranet's forum); off, they are refused.
    pub feeds_allow_private: bool,
    /// Whether webhooks may be delivered to loopback and private addresses
    /// (`WEBHOOKS_ALLOW_PRIVATE=on`: tests, a receiver on the intranet); off, they are refused
    /// when registered and again after DNS resolution at each delivery.
    pub webhooks_allow_private: bool,
    /// How people sign in: providers, passwords, who may join.
    pub sign_in: SignIn,
}

/// Every setting name, in the file (lowercase) and the environment (uppercase).
const KEYS: [&str; 29] = [
    "database_url",
    "bind",
    "base_url",
    "smtp_url",
    "mail_from",
    "mail_dir",
    "pool_size",
    "log",
    "auth_rate_limit",
    "outbox_poll_ms",
    "outbox_retry_base_secs",
    "outbox_max_attempts",
    "rank_half_life_days",
    "archive_after_days",
    "outbox_lease_secs",
    "page_cache_mb",
    "page_stale_secs",
    "trusted_proxies",
    "forwarded_header",
    "default_locale",
    "search_language",
    "response_target_days",
    "review_threshold_points",
    "feeds_allow_private",
    "webhooks_allow_private",
    "oidc_providers",
    "oidc_allow_private",
    "password_login",
    "allowed_email_domains",
];

impl Config {
    /// Reads `ideaboard.toml` if present (or the file named by `IDEABOARD_CONFIG`, which must
    /// exist), then the environment, which wins. Any unknown or unreadable value, and any
    /// `IDEABOARD_…` variable that names no setting, is an error naming it.
    pub fn load() -> Result<Self, String> {
        refuse_unknown_variables(std::env::vars_os().map(|(name, _)| name))?;
        let mut values = BTreeMap::new();
        let named = std::env::var("IDEABOARD_CONFIG").ok();
        let file = named.clone().unwrap_or_else(|| "ideaboard.toml".into());
        match std::fs::read_to_string(&file) {
            Ok(text) => values.extend(parse_toml(&file, &text)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && named.is_none() => {}
            Err(e) => return Err(format!("cannot read {file} (IDEABOARD_CONFIG): {e}")),
        }
        for key in KEYS {
            if let Ok(value) = std::env::var(key.to_ascii_uppercase()) {
                values.insert(key.to_string(), value);
            }
        }
        Self::from_values(&values)
    }

    /// Builds a config from setting names (lowercase) to raw values; missing ones take defaults.
    pub fn from_values(values: &BTreeMap<String, String>) -> Result<Self, String> {
        let get = |key: &str| values.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
        let database_url =
            DatabaseUrl::parse(get("database_url").unwrap_or("sqlite://data/ideaboard.db"))?;
        let bind: SocketAddr = get("bind")
            .unwrap_or("127.0.0.1:8080")
            .parse()
            .map_err(|_| "BIND must be an address and port, such as 127.0.0.1:8080".to_string())?;
        let base_url = match get("base_url") {
            Some(raw) => parse_base_url(raw)?,
            None => parse_base_url(&format!("http://{bind}"))?,
        };
        let smtp_url = get("smtp_url").map(parse_smtp_url).transpose()?;
        let mail_from = get("mail_from")
            .unwrap_or("Ideaboard <ideaboard@localhost>")
            .to_string();
        mail_from.parse::<lettre::message::Mailbox>().map_err(|_| {
            "MAIL_FROM must be an address such as Ideaboard <ideas@example.com>".to_string()
        })?;
        Ok(Self {
            database_url,
            bind,
            base_url,
            smtp_url,
            mail_from,
            mail_dir: PathBuf::from(get("mail_dir").unwrap_or("data/mail")),
            pool_size: parse_number(get("pool_size"), "POOL_SIZE", 10, 1, 512)?,
            log: parse_log_filter(get("log").unwrap_or("info"))?,
            auth_rate_limit: parse_number(
                get("auth_rate_limit"),
                "AUTH_RATE_LIMIT",
                10,
                1,
                1_000_000,
            )?,
            trusted_proxies: parse_trusted_proxies(get("trusted_proxies"))?,
            forwarded_header: parse_forwarded_header(get("forwarded_header"))?,
            outbox_poll_interval: Duration::from_millis(
                parse_number(get("outbox_poll_ms"), "OUTBOX_POLL_MS", 1000, 10, 600_000)?.into(),
            ),
            outbox_retry_base: seconds(
                get("outbox_retry_base_secs"),
                "OUTBOX_RETRY_BASE_SECS",
                30,
                0,
                3600,
            )?,
            outbox_max_attempts: parse_number(
                get("outbox_max_attempts"),
                "OUTBOX_MAX_ATTEMPTS",
                8,
                1,
                100,
            )?,
            rank_half_life: parse_half_life(get("rank_half_life_days"))?,
            outbox_lease: seconds(get("outbox_lease_secs"), "OUTBOX_LEASE_SECS", 30, 1, 86_400)?,
            archive_after_days: get("archive_after_days")
                .map(|raw| parse_number(Some(raw), "ARCHIVE_AFTER_DAYS", 0, 1, 36_500))
                .transpose()?,
            page_cache_mb: parse_number(get("page_cache_mb"), "PAGE_CACHE_MB", 16, 0, 4096)?,
            page_stale_secs: parse_number(get("page_stale_secs"), "PAGE_STALE_SECS", 5, 0, 300)?,
            default_locale: parse_default_locale(get("default_locale"))?,
            search_language: parse_search_language(get("search_language"))?,
            response: parse_response_policy(
                get("response_target_days"),
                get("review_threshold_points"),
            )?,
            feeds_allow_private: parse_switch(get("feeds_allow_private"), "FEEDS_ALLOW_PRIVATE")?,
            webhooks_allow_private: parse_switch(
                get("webhooks_allow_private"),
                "WEBHOOKS_ALLOW_PRIVATE",
            )?,
            sign_in: sign_in::parse(
                get("oidc_providers"),
                get("oidc_allow_private"),
                get("password_login"),
                get("allowed_email_domains"),
            )?,
        })
    }

    /// Whether the site is served over https, which makes cookies Secure and `__Host-` prefixed.
    pub fn is_https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// An absolute URL on this site for `path` (which starts with `/`).
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url.as_str().trim_end_matches('/'), path)
    }
}

/// `DEFAULT_LOCALE`: a language the board speaks (English when unset).
fn parse_default_locale(tag: Option<&str>) -> Result<crate::i18n::Lang, String> {
    match tag {
        None => Ok(crate::i18n::Lang::english()),
        Some(tag) => crate::i18n::Lang::parse(tag).ok_or_else(|| {
            let known: Vec<String> = crate::i18n::Lang::all()
                .into_iter()
                .map(|l| l.tag())
                .collect();
            format!("DEFAULT_LOCALE must be one of {}", known.join(", "))
        }),
    }
}

/// `RESPONSE_TARGET_DAYS` (default 7) and `REVIEW_THRESHOLD_POINTS` (default 500).
fn parse_response_policy(
    target_days: Option<&str>,
    threshold: Option<&str>,
) -> Result<crate::domain::response::ResponsePolicy, String> {
    let defaults = crate::domain::response::ResponsePolicy::default();
    Ok(crate::domain::response::ResponsePolicy {
        target_days: parse_number(
            target_days,
            "RESPONSE_TARGET_DAYS",
            defaults.target_days,
            1,
            365,
        )?,
        review_threshold_points: parse_number(
            threshold,
            "REVIEW_THRESHOLD_POINTS",
            defaults.review_threshold_points,
            1,
            100_000_000,
        )?,
    })
}

/// `SEARCH_LANGUAGE`: `english` unless set, one of the languages the index stems in.
fn parse_search_language(
    raw: Option<&str>,
) -> Result<crate::domain::search_language::SearchLanguage, String> {
    use crate::domain::search_language::SearchLanguage;
    match raw {
        None => Ok(SearchLanguage::default()),
        Some(name) => SearchLanguage::parse(name).ok_or_else(|| {
            let known: Vec<&str> = SearchLanguage::ALL.iter().map(|l| l.name()).collect();
            format!("SEARCH_LANGUAGE must be one of {}", known.join(", "))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, String> {
        Config::from_values(
            &pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn defaults_serve_sqlite_on_localhost() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(
            c.database_url,
            DatabaseUrl::Sqlite("data/ideaboard.db".into())
        );
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.base_url.as_str(), "http://127.0.0.1:8080/");
        assert_eq!(c.auth_rate_limit, 10);
        assert!(c.smtp_url.is_none());
    }

    #[test]
    fn unknown_schemes_and_bad_numbers_are_refused_with_the_setting_named() {
        assert!(
            config(&[("database_url", "mysql://x")])
                .unwrap_err()
                .contains("DATABASE_URL")
        );
        assert!(
            config(&[("smtp_url", "http://x")])
                .unwrap_err()
                .contains("SMTP_URL")
        );
        assert!(
            config(&[("pool_size", "0")])
                .unwrap_err()
                .contains("POOL_SIZE")
        );
        assert!(config(&[("bind", "nowhere")]).unwrap_err().contains("BIND"));
        assert!(
            config(&[("auth_rate_limit", "ten")])
                .unwrap_err()
                .contains("AUTH_RATE_LIMIT")
        );
    }

    #[test]
    fn a_log_filter_and_a_base_url_are_checked_at_start() {
        assert!(config(&[("log", "ideaboard=debug,actix_web=warn")]).is_ok());
        assert!(
            config(&[("log", "ideaboard=loud")])
                .unwrap_err()
                .contains("LOG")
        );
        assert!(config(&[("base_url", "https://ideas.example.com")]).is_ok());
        assert!(config(&[("base_url", "https://ideas.example.com/")]).is_ok());
        for bad in [
            "https://example.com/ideas",
            "https://example.com/?x=1",
            "https://u:p@example.com",
        ] {
            assert!(
                config(&[("base_url", bad)])
                    .unwrap_err()
                    .contains("BASE_URL"),
                "{bad}"
            );
        }
    }

    #[test]
    fn variables_that_look_like_settings_but_name_none_are_refused() {
        let names = |list: &[&str]| {
            list.iter()
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert!(refuse_unknown_variables(names(&["PATH", "IDEABOARD_CONFIG", "BIND"])).is_ok());
        let refused = refuse_unknown_variables(names(&["IDEABOARD_BIND"])).unwrap_err();
        assert!(refused.contains("IDEABOARD_BIND") && refused.contains("DATABASE_URL"));
    }

    #[test]
    fn trusted_proxies_are_ranges_or_single_addresses() {
        let c = config(&[("trusted_proxies", "10.0.0.0/8, 127.0.0.1 ::1")]).expect("valid");
        assert_eq!(c.forwarded_header, ForwardedHeader::XForwardedFor);
        let rfc = config(&[("forwarded_header", "Forwarded")]).expect("valid");
        assert_eq!(rfc.forwarded_header, ForwardedHeader::Forwarded);
        assert!(
            config(&[("forwarded_header", "x-real-ip")])
                .expect_err("unknown header")
                .contains("FORWARDED_HEADER")
        );
        let shown: Vec<String> = c.trusted_proxies.iter().map(|n| n.to_string()).collect();
        assert_eq!(shown, ["10.0.0.0/8", "127.0.0.1/32", "::1/128"]);
        assert!(config(&[]).expect("defaults").trusted_proxies.is_empty());
        assert!(
            config(&[("trusted_proxies", "10.0.0.0/33")])
                .unwrap_err()
                .contains("TRUSTED_PROXIES")
        );
    }

    #[test]
    fn secrets_never_appear_in_debug_output() {
        let c = config(&[
            ("database_url", "postgres://app:hunter2secret@db/ideas"),
            (
                "smtp_url",
                "smtp://mailer:s3cretpass@mail.example.com:587?tls=required",
            ),
        ])
        .expect("valid");
        let printed = format!("{c:?}");
        assert!(
            !printed.contains("hunter2secret") && !printed.contains("s3cretpass"),
            "{printed}"
        );
        assert!(printed.contains("***"));
    }

    #[test]
    fn toml_files_reject_unknown_settings() {
        assert!(parse_toml("f", "bind = \"127.0.0.1:9000\"\npool_size = 4").is_ok());
        assert!(
            parse_toml("f", "colour = \"blue\"")
                .unwrap_err()
                .contains("unknown setting")
        );
    }
}
