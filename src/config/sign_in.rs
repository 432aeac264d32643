//! How people sign in: the OpenID Connect providers (`OIDC_PROVIDERS`), whether passwords are
//! accepted (`PASSWORD_LOGIN`), and who may join (`ALLOWED_EMAIL_DOMAINS`).

use serde::Deserialize;

use super::Secret;
use super::values::parse_switch;

/// One identity provider people may sign in with.
#[derive(Debug, Clone)]
pub struct OidcProvider {
    /// Lowercase letters, digits and `-`: the provider's part of `/login/oidc/<key>/callback`.
    pub key: String,
    /// What the button says: "Sign in with <name>".
    pub name: String,
    /// The issuer URL; its `/.well-known/openid-configuration` is read.
    pub issuer: String,
    pub client_id: String,
    /// None for a public client (PKCE alone).
    pub client_secret: Option<Secret>,
}

/// The sign-in settings.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub providers: Vec<OidcProvider>,
    /// Whether a provider may be on loopback or a private network (`OIDC_ALLOW_PRIVATE=on`: an
    /// identity provider on the intranet, tests).
    pub allow_private: bool,
    /// Whether email and password sign people in and up (`PASSWORD_LOGIN`, on unless `off`).
    pub password_login: bool,
    /// The domains whose addresses may make an account (`ALLOWED_EMAIL_DOMAINS`); empty: any.
    pub allowed_email_domains: Vec<String>,
}

impl SignIn {
    /// The provider with `key`.
    pub fn provider(&self, key: &str) -> Option<&OidcProvider> {
        self.providers.iter().find(|p| p.key == key)
    }

    /// Whether an address in `email` may make an account here.
    pub fn may_join(&self, email: &str) -> bool {
        if self.allowed_email_domains.is_empty() {
            return true;
        }
        let domain = email.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase());
        domain.is_some_and(|d| self.allowed_email_domains.contains(&d))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderEntry {
    key: String,
    name: String,
    issuer: String,
    client_id: String,
    client_secret: Option<String>,
}

/// Reads the four settings; `PASSWORD_LOGIN=off` needs at least one provider.
pub(super) fn parse(
    providers: Option<&str>,
    allow_private: Option<&str>,
    password_login: Option<&str>,
    domains: Option<&str>,
) -> Result<SignIn, String> {
    let allow_private = parse_switch(allow_private, "OIDC_ALLOW_PRIVATE")?;
    let providers = match providers {
        None => Vec::new(),
        Some(raw) => parse_providers(raw)?,
    };
    if let Some(plain) = providers
        .iter()
        .find(|p| !allow_private && !p.issuer.starts_with("https://"))
    {
        return Err(format!(
            "OIDC_PROVIDERS: the issuer of `{}` must be https (http only with OIDC_ALLOW_PRIVATE=on, \
             for a provider on your own network)",
            plain.key
        ));
    }
    let password_login = match password_login {
        None => true,
        Some(raw) => parse_switch(Some(raw), "PASSWORD_LOGIN")?,
    };
    if !password_login && providers.is_empty() {
        return Err("PASSWORD_LOGIN=off needs at least one provider in OIDC_PROVIDERS".into());
    }
    Ok(SignIn {
        providers,
        allow_private,
        password_login,
        allowed_email_domains: parse_domains(domains)?,
    })
}

/// `OIDC_PROVIDERS`: a JSON list of `{key, name, issuer, client_id, client_secret?}`.
fn parse_providers(raw: &str) -> Result<Vec<OidcProvider>, String> {
    let entries: Vec<ProviderEntry> = serde_json::from_str(raw).map_err(|e| {
        format!(
            "OIDC_PROVIDERS must be a JSON list of {{\"key\", \"name\", \"issuer\", \
             \"client_id\", \"client_secret\"}}: {e}"
        )
    })?;
    let mut providers: Vec<OidcProvider> = Vec::new();
    for entry in entries {
        let key_ok = !entry.key.is_empty()
            && entry.key.len() <= 32
            && entry
                .key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && entry.key != "link";
        if !key_ok {
            return Err(format!(
                "OIDC_PROVIDERS: the key `{}` must be 1 to 32 lowercase letters, digits or - (and not `link`)",
                entry.key
            ));
        }
        if providers.iter().any(|p| p.key == entry.key) {
            return Err(format!("OIDC_PROVIDERS: the key `{}` is twice", entry.key));
        }
        let name = entry.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(format!(
                "OIDC_PROVIDERS: the name of `{}` must be 1 to 40 characters",
                entry.key
            ));
        }
        let issuer = url::Url::parse(entry.issuer.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if issuer.is_none() || entry.client_id.trim().is_empty() {
            return Err(format!(
                "OIDC_PROVIDERS: `{}` needs an http(s) issuer URL and a client_id",
                entry.key
            ));
        }
        providers.push(OidcProvider {
            key: entry.key,
            name,
            issuer: entry.issuer.trim().to_string(),
            client_id: entry.client_id.trim().to_string(),
            client_secret: entry
                .client_secret
                .filter(|s| !s.is_empty())
                .map(Secret::new),
        });
    }
    Ok(providers)
}

/// `ALLOWED_EMAIL_DOMAINS`: domains separated by commas or spaces, such as `example.com`.
fn parse_domains(raw: Option<&str>) -> Result<Vec<String>, String> {
    let Some(raw) = raw else {
        return Ok(Vec::new());
    };
    raw.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let domain = part.trim_start_matches('@').to_ascii_lowercase();
            let plain = domain.contains('.')
                && domain
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
            if plain {
                Ok(domain)
            } else {
                Err(format!(
                    "ALLOWED_EMAIL_DOMAINS must list domains such as example.com; `{part}` is not one"
                ))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_are_read_from_json_and_checked() {
        let raw = r#"[{"key": "company", "name": "Company SSO", "issuer": "https://id.example.com",
            "client_id": "ideaboard", "client_secret": "s3cret-value"}]"#;
        let plain = raw.replace("https://", "http://");
        assert!(
            parse(Some(&plain), None, None, None)
                .unwrap_err()
                .contains("must be https")
        );
        assert!(parse(Some(&plain), Some("on"), None, None).is_ok());
        let sign_in = parse(
            Some(raw),
            None,
            Some("off"),
            Some("Example.com, @example.org"),
        )
        .expect("valid");
        assert!(!sign_in.password_login);
        assert_eq!(sign_in.providers[0].name, "Company SSO");
        assert!(!format!("{sign_in:?}").contains("s3cret-value"));
        assert!(sign_in.may_join("ann@EXAMPLE.com") && sign_in.may_join("bo@example.org"));
        assert!(!sign_in.may_join("eve@example.com.evil.test") && !sign_in.may_join("nobody"));
        for bad in [
            r#"[{"key": "Company", "name": "C", "issuer": "https://x.test", "client_id": "c"}]"#,
            r#"[{"key": "c", "name": "C", "issuer": "ftp://x.test", "client_id": "c"}]"#,
            r#"[{"key": "c", "name": "C", "issuer": "https://x.test", "client_id": "c", "colour": 1}]"#,
            "company",
        ] {
            assert!(
                parse(Some(bad), None, None, None)
                    .unwrap_err()
                    .contains("OIDC_PROVIDERS"),
                "{bad}"
            );
        }
        assert!(
            parse(None, None, Some("off"), None)
                .unwrap_err()
                .contains("PASSWORD_LOGIN")
        );
        assert!(
            parse(None, None, None, Some("not a domain"))
                .unwrap_err()
                .contains("ALLOWED_EMAIL_DOMAINS")
        );
    }
}
