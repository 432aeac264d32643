//! Reading each setting's raw text into its value, with a message naming the setting when it
//! cannot be read.

use std::collections::BTreeMap;
use std::time::Duration;

use super::{KEYS, Secret};

/// `SMTP_URL`: an smtp:// or smtps:// URL, kept secret (it may hold a password).
pub(super) fn parse_smtp_url(raw: &str) -> Result<Secret, String> {
    let parsed = url::Url::parse(raw).map_err(|_| "SMTP_URL is not a valid URL".to_string())?;
    if !matches!(parsed.scheme(), "smtp" | "smtps") {
        return Err("SMTP_URL must start with smtp:// or smtps://".into());
    }
    Ok(Secret::new(raw))
}

/// `RANK_HALF_LIFE_DAYS`, or the default half-life.
pub(super) fn parse_half_life(
    raw: Option<&str>,
) -> Result<crate::domain::ranking::HalfLife, String> {
    match raw {
        None => Ok(crate::domain::ranking::HalfLife::default()),
        Some(raw) => raw
            .parse::<f64>()
            .map_err(|_| "RANK_HALF_LIFE_DAYS must be a number of days".to_string())
            .and_then(crate::domain::ranking::HalfLife::days),
    }
}

/// A number of seconds within bounds, as a `Duration`.
pub(super) fn seconds(
    raw: Option<&str>,
    name: &str,
    default: u32,
    min: u32,
    max: u32,
) -> Result<Duration, String> {
    Ok(Duration::from_secs(
        parse_number(raw, name, default, min, max)?.into(),
    ))
}

/// `TRUSTED_PROXIES`: addresses or CIDR ranges separated by commas or spaces; a bare address is
/// one host (`/32` or `/128`).
pub(super) fn parse_trusted_proxies(raw: Option<&str>) -> Result<Vec<ipnet::IpNet>, String> {
    let Some(raw) = raw else {
        return Ok(Vec::new());
    };
    raw.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.parse::<ipnet::IpNet>()
                .or_else(|_| part.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    format!(
                        "TRUSTED_PROXIES must list addresses or CIDR ranges such as \
                         10.0.0.0/8, 127.0.0.1; `{part}` is neither"
                    )
                })
        })
        .collect()
}

/// `FORWARDED_HEADER`: `x-forwarded-for` (the default) or `forwarded`, in any case.
pub(super) fn parse_forwarded_header(raw: Option<&str>) -> Result<super::ForwardedHeader, String> {
    match raw.map(str::to_ascii_lowercase).as_deref() {
        None | Some("x-forwarded-for") => Ok(super::ForwardedHeader::XForwardedFor),
        Some("forwarded") => Ok(super::ForwardedHeader::Forwarded),
        Some(other) => Err(format!(
            "FORWARDED_HEADER must be x-forwarded-for or forwarded, the header your proxy \
             writes; `{other}` is neither"
        )),
    }
}

/// An `on`/`off` setting (also `true`/`false`, `1`/`0`, `yes`/`no`); off when unset.
pub(super) fn parse_switch(raw: Option<&str>, name: &str) -> Result<bool, String> {
    match raw.map(str::to_ascii_lowercase).as_deref() {
        None | Some("off" | "false" | "0" | "no") => Ok(false),
        Some("on" | "true" | "1" | "yes") => Ok(true),
        Some(other) => Err(format!("{name} must be on or off; `{other}` is neither")),
    }
}

/// Variables that look like ours (`IDEABOARD_…`) but name nothing: a typo would otherwise be
/// ignored silently.
pub(super) fn refuse_unknown_variables(
    names: impl Iterator<Item = std::ffi::OsString>,
) -> Result<(), String> {
    for name in names {
        let name = name.to_string_lossy();
        if name.starts_with("IDEABOARD_") && name != "IDEABOARD_CONFIG" {
            return Err(format!(
                "unknown setting {name}: settings are named without a prefix ({}), and \
                 IDEABOARD_CONFIG names the settings file",
                KEYS.map(str::to_ascii_uppercase).join(", ")
            ));
        }
    }
    Ok(())
}

/// `LOG`: a tracing filter such as `info` or `ideaboard=debug,actix_web=warn`.
pub(super) fn parse_log_filter(raw: &str) -> Result<String, String> {
    tracing_subscriber::EnvFilter::try_new(raw)
        .map(|_| raw.to_string())
        .map_err(|e| format!("LOG is not a valid filter such as info or ideaboard=debug: {e}"))
}

/// `BASE_URL`: the site's root, http or https, with no path, query, fragment or credentials
/// (links in emails are built by appending paths to it).
pub(super) fn parse_base_url(raw: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(raw)
        .map_err(|_| "BASE_URL must be a URL such as https://ideas.example.com".to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("BASE_URL must start with http:// or https://".into());
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(
            "BASE_URL must be the site's root, such as https://ideas.example.com, without a path"
                .into(),
        );
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("BASE_URL must not hold a user name or password".into());
    }
    Ok(url)
}

pub(super) fn parse_number(
    raw: Option<&str>,
    name: &str,
    default: u32,
    min: u32,
    max: u32,
) -> Result<u32, String> {
    match raw {
        None => Ok(default),
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(format!("{name} must be a whole number from {min} to {max}")),
        },
    }
}

pub(super) fn parse_toml(file: &str, text: &str) -> Result<BTreeMap<String, String>, String> {
    let table: toml::Table = text
        .parse()
        .map_err(|e| format!("{file} is not valid TOML: {e}"))?;
    let mut values = BTreeMap::new();
    for (key, value) in table {
        if !KEYS.contains(&key.as_str()) {
            return Err(format!("{file}: unknown setting `{key}`"));
        }
        let raw = match value {
            toml::Value::String(s) => s,
            toml::Value::Integer(n) => n.to_string(),
            other => {
                return Err(format!(
                    "{file}: `{key}` must be a string or a number, not {}",
                    other.type_str()
                ));
            }
        };
        values.insert(key, raw);
    }
    Ok(values)
}
