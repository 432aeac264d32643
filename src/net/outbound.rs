//! Outbound HTTP: the one client for everything the server fetches (listening posts' feeds,
//! webhook deliveries, identity providers),
//! with timeouts, a size limit, at most five redirects, and the guard against server-side
//! request forgery — only http(s), and no loopback, private, link-local, shared, multicast or
//! otherwise non-public address, checked on the literal address and again on every address DNS
//! resolution gives (the client connects only to the addresses that passed), unless the purpose
//! allows private addresses (`FEEDS_ALLOW_PRIVATE=on`, for tests and intranets).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use openidconnect::http;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use url::{Host, Url};

/// How long a connection may take to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a whole request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// The most redirects followed.
const MAX_REDIRECTS: usize = 5;

/// Why a fetch did not bring a body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The URL or an address it resolves to is not allowed.
    #[error("refused: {0}")]
    Refused(String),
    /// The body is larger than allowed.
    #[error("the answer is larger than {0} bytes")]
    TooLarge(usize),
    /// The server answered with an error status.
    #[error("the server answered {0}")]
    Status(u16),
    /// The connection failed or timed out.
    #[error("{0}")]
    Failed(String),
}

/// What a successful fetch brought: 200 with a body, or 304 (not modified) without.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub not_modified: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body: Vec<u8>,
}

/// The outbound client: one connection pool for the whole process; cheap to clone.
#[derive(Clone)]
pub struct Outbound {
    client: reqwest::Client,
    /// For POSTs (webhooks): follows no redirect, so a delivery goes where it was registered.
    direct: reqwest::Client,
    allow_private: bool,
}

impl Outbound {
    /// A client; `allow_private` lets it reach loopback and private addresses.
    pub fn new(allow_private: bool) -> Result<Self, String> {
        let builder = || {
            reqwest::Client::builder()
                .user_agent(concat!("Ideaboard/", env!("CARGO_PKG_VERSION")))
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(REQUEST_TIMEOUT)
                .dns_resolver(Arc::new(GuardedResolver { allow_private }))
                // A proxy from the environment would resolve the names itself, past the guard.
                .no_proxy()
        };
        let direct = builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("cannot build the outbound HTTP client: {e}"))?;
        let client = builder()
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= MAX_REDIRECTS {
                    return attempt.error("too many redirects");
                }
                match check_url(attempt.url(), allow_private) {
                    Ok(()) => attempt.follow(),
                    Err(refused) => attempt.error(refused),
                }
            }))
            .build()
            .map_err(|e| format!("cannot build the outbound HTTP client: {e}"))?;
        Ok(Outbound {
            client,
            direct,
            allow_private,
        })
    }

    /// Whether `url` may be fetched: http(s), a host, and no refused literal address or
    /// address its name resolves to now. The reason, in English, when not.
    pub async fn vet(&self, url: &Url) -> Result<(), FetchError> {
        check_url(url, self.allow_private)?;
        if let Some(Host::Domain(name)) = url.host() {
            let port = url.port_or_known_default().unwrap_or(80);
            resolve_allowed(name, port, self.allow_private).await?;
        }
        Ok(())
    }

    /// GETs `url` with `headers` (such as `If-None-Match`), reading at most `limit` bytes.
    pub async fn get(
        &self,
        url: &Url,
        headers: &[(HeaderName, String)],
        limit: usize,
    ) -> Result<Fetched, FetchError> {
        check_url(url, self.allow_private)?;
        let mut sent = HeaderMap::new();
        for (name, value) in headers {
            if let Ok(value) = HeaderValue::from_str(value) {
                sent.insert(name.clone(), value);
            }
        }
        let response = self
            .client
            .get(url.clone())
            .headers(sent)
            .send()
            .await
            .map_err(failure)?;
        let status = response.status();
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let etag = header(reqwest::header::ETAG);
        let last_modified = header(reqwest::header::LAST_MODIFIED);
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(Fetched {
                not_modified: true,
                etag,
                last_modified,
                body: Vec::new(),
            });
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(FetchError::TooLarge(limit));
        }
        let body = read_limited(response, limit).await?;
        Ok(Fetched {
            not_modified: false,
            etag,
            last_modified,
            body,
        })
    }
}

impl Outbound {
    /// POSTs `body` as JSON with `headers`, following no redirect; the answer's status when it is
    /// a success (2xx), its body read up to `POST_ANSWER_LIMIT` and dropped.
    pub async fn post_json(
        &self,
        url: &Url,
        headers: &[(HeaderName, String)],
        body: String,
    ) -> Result<u16, FetchError> {
        check_url(url, self.allow_private)?;
        let mut sent = HeaderMap::new();
        for (name, value) in headers {
            if let Ok(value) = HeaderValue::from_str(value) {
                sent.insert(name.clone(), value);
            }
        }
        sent.insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        let response = self
            .direct
            .post(url.clone())
            .headers(sent)
            .body(body)
            .send()
            .await
            .map_err(failure)?;
        let status = response.status();
        let mut stream = response.bytes_stream();
        let mut read = 0;
        while let Some(chunk) = stream.next().await {
            read += chunk.map_err(failure)?.len();
            if read > POST_ANSWER_LIMIT {
                break;
            }
        }
        if status.is_success() {
            Ok(status.as_u16())
        } else {
            Err(FetchError::Status(status.as_u16()))
        }
    }

    /// Whether `typed` is a URL that may be fetched, written as `url` writes it (so one address
    /// typed two ways is one): http(s) with a host and no password in it (`Malformed`), an
    /// address the guard allows (`NotPublic`), and a name that resolves (`Unresolvable`).
    pub async fn vet_typed(&self, typed: &str) -> Result<Url, UrlRefusal> {
        let url = Url::parse(typed.trim()).map_err(|_| UrlRefusal::Malformed)?;
        let plain = matches!(url.scheme(), "http" | "https")
            && url.host_str().is_some()
            && url.username().is_empty()
            && url.password().is_none();
        if !plain {
            return Err(UrlRefusal::Malformed);
        }
        match self.vet(&url).await {
            Ok(()) => Ok(url),
            Err(FetchError::Refused(reason)) => {
                tracing::info!(%reason, "an outbound address was refused");
                Err(UrlRefusal::NotPublic)
            }
            Err(other) => {
                tracing::info!(reason = %other, "an outbound address does not resolve");
                Err(UrlRefusal::Unresolvable)
            }
        }
    }
}

/// The most of an identity provider's answer that is read (discovery, keys, tokens).
const PROVIDER_ANSWER_LIMIT: usize = 1024 * 1024;

impl Outbound {
    /// Sends an HTTP request as the OpenID Connect client library builds it (discovery, the key
    /// set, the token and user-info endpoints) through the guard, and gives back its answer,
    /// whatever its status, read up to `PROVIDER_ANSWER_LIMIT`.
    pub async fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, FetchError> {
        let url = Url::parse(&request.uri().to_string())
            .map_err(|_| FetchError::Refused("not a URL".into()))?;
        check_url(&url, self.allow_private)?;
        // Only a GET follows redirects (each hop guarded): a token request's body stays where
        // it was sent.
        let client = match request.method() == http::Method::GET {
            true => &self.client,
            false => &self.direct,
        };
        let request = reqwest::Request::try_from(request).map_err(failure)?;
        let response = client.execute(request).await.map_err(failure)?;
        let mut answer = http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            answer = answer.header(name, value);
        }
        let body = read_limited(response, PROVIDER_ANSWER_LIMIT).await?;
        answer
            .body(body)
            .map_err(|e| FetchError::Failed(e.to_string()))
    }
}

/// Why a typed URL may not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlRefusal {
    Malformed,
    NotPublic,
    Unresolvable,
}

/// The most of an answer to a POST that is read (then the connection is dropped).
const POST_ANSWER_LIMIT: usize = 64 * 1024;

/// The answer's body, refused as soon as it grows past `limit` bytes.
async fn read_limited(response: reqwest::Response, limit: usize) -> Result<Vec<u8>, FetchError> {
    let mut body = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(failure)?;
        if body.len() + chunk.len() > limit {
            return Err(FetchError::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A request error in words, without the URL's query (which may carry a token).
fn failure(error: reqwest::Error) -> FetchError {
    let error = error.without_url();
    let mut words = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        if let Some(refused) = cause.downcast_ref::<FetchError>() {
            return refused.clone();
        }
        words = format!("{words}: {cause}");
        source = cause.source();
    }
    FetchError::Failed(words)
}

/// Only http(s) URLs with a host, and no refused literal address.
fn check_url(url: &Url, allow_private: bool) -> Result<(), FetchError> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(FetchError::Refused("only http and https URLs".into()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FetchError::Refused(
            "a user name or password in the URL".into(),
        ));
    }
    let literal = match url.host() {
        None => return Err(FetchError::Refused("the URL names no host".into())),
        Some(Host::Domain(_)) => None,
        Some(Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
        Some(Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
    };
    match literal {
        Some(ip) if !allow_private && !is_public(ip) => Err(refused_address(ip)),
        _ => Ok(()),
    }
}

/// The refusal of a non-public address; which address is logged, not told (a staff member
/// adding feeds learns nothing of the network behind a name).
fn refused_address(ip: IpAddr) -> FetchError {
    tracing::info!(%ip, "an outbound request to a non-public address was refused");
    FetchError::Refused("the address is not public".into())
}

/// Resolves `name` and keeps the addresses allowed; refused when none is.
async fn resolve_allowed(
    name: &str,
    port: u16,
    allow_private: bool,
) -> Result<Vec<SocketAddr>, FetchError> {
    let found: Vec<SocketAddr> = tokio::net::lookup_host((name, port))
        .await
        .map_err(|e| FetchError::Failed(format!("cannot resolve {name}: {e}")))?
        .collect();
    let allowed: Vec<SocketAddr> = found
        .iter()
        .copied()
        .filter(|addr| allow_private || is_public(addr.ip()))
        .collect();
    match (allowed.is_empty(), found.first()) {
        (false, _) => Ok(allowed),
        (true, Some(first)) => Err(refused_address(first.ip())),
        (true, None) => Err(FetchError::Failed(format!("{name} has no address"))),
    }
}

/// The client's resolver: only the allowed addresses of a name reach the connector.
struct GuardedResolver {
    allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let allowed = resolve_allowed(name.as_str(), 0, allow_private).await?;
            let addrs: Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

/// Whether `ip` is an address on the public internet: not loopback, private, link-local, shared
/// (carrier-grade NAT), documentation, benchmarking, multicast, broadcast, unspecified or
/// reserved; an IPv4 address inside IPv6 is judged as IPv4.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_unspecified()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || (a == 192 && b == 0 && c == 0))
        }
        IpAddr::V6(v6) => {
            let [s0, s1, s2, s3, s4, s5, s6, s7] = v6.segments();
            let embedded = |high: u16, low: u16| {
                let [a, b] = high.to_be_bytes();
                let [c, d] = low.to_be_bytes();
                IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d))
            };
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            // IPv4-compatible (::a.b.c.d, `::` and `::1` among them) and 6to4 (2002:a.b.c.d::)
            // addresses lead to an IPv4 address: judged as it.
            if [s0, s1, s2, s3, s4, s5] == [0; 6] {
                return is_public(embedded(s6, s7));
            }
            if s0 == 0x2002 {
                return is_public(embedded(s1, s2));
            }
            !(v6.is_multicast()
                || (s0 & 0xfe00) == 0xfc00
                || (s0 & 0xffc0) == 0xfe80
                || (s0 & 0xffc0) == 0xfec0
                || (s0 == 0x2001 && (s1 == 0x0db8 || s1 == 0))
                || (s0 == 0x0100 && [s1, s2, s3] == [0; 3])
                || s0 == 0x0064)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::7f00:1",
            "::a00:1",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
            "2001:0:4136:e378::1",
            "fec0::1",
            "100::1",
            "64:ff9b::a00:1",
            "2001:db8::1",
        ] {
            let ip: IpAddr = private.parse().expect("an address");
            assert!(!is_public(ip), "{private}");
        }
        for public in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "2002:5db8:d822::1",
            "::ffff:1.1.1.1",
        ] {
            let ip: IpAddr = public.parse().expect("an address");
            assert!(is_public(ip), "{public}");
        }
    }

    #[test]
    fn urls_other_than_http_or_to_private_literals_are_refused() {
        let url = |u: &str| Url::parse(u).expect("a URL");
        assert!(check_url(&url("https://example.com/feed"), false).is_ok());
        assert!(check_url(&url("file:///etc/passwd"), true).is_err());
        assert!(check_url(&url("gopher://example.com/"), true).is_err());
        assert!(check_url(&url("http://127.0.0.1:8080/"), false).is_err());
        assert!(check_url(&url("http://[::1]/"), false).is_err());
        assert!(check_url(&url("http://127.0.0.1:8080/"), true).is_ok());
        assert!(check_url(&url("https://user:secret@example.com/feed"), true).is_err());
    }

    #[tokio::test]
    async fn a_name_resolving_to_loopback_is_refused_unless_allowed() {
        let refused = resolve_allowed("localhost", 80, false).await;
        assert!(
            matches!(refused, Err(FetchError::Refused(_))),
            "{refused:?}"
        );
        let allowed = resolve_allowed("localhost", 80, true).await;
        assert!(allowed.is_ok_and(|addrs| !addrs.is_empty()));
    }
}
