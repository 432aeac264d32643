//! Who the client is: the socket's peer, or, when that peer is a trusted proxy, the right-most
//! address in `Forwarded` / `X-Forwarded-For` that no trusted proxy added.

use std::net::{IpAddr, SocketAddr};

use actix_web::HttpRequest;
use actix_web::http::header::HeaderMap;
use ipnet::IpNet;

/// The client's address for rate limits and logs. Forwarding headers are believed only from a
/// peer in `trusted`; otherwise anybody could name any address and escape every limit.
pub fn client_ip(req: &HttpRequest, trusted: &[IpNet]) -> String {
    match req.peer_addr() {
        Some(peer) => {
            client_address(peer.ip(), &forwarded_chain(req.headers()), trusted).to_string()
        }
        None => "unknown".into(),
    }
}

/// The addresses a request passed through, client first, as the proxies wrote them: from
/// `Forwarded` (RFC 7239) when present, else `X-Forwarded-For`. An entry that is no address is
/// kept as `None`, so the walk stops there instead of skipping it.
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<&str> = headers
        .get_all("forwarded")
        .filter_map(|v| v.to_str().ok())
        .collect();
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .flat_map(|value| value.split(','))
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.eq_ignore_ascii_case("for"))
                    .and_then(|(_, node)| parse_node(node.trim().trim_matches('"')))
            })
            .collect();
    }
    headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|entry| parse_node(entry.trim()))
        .collect()
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]`
/// or `[2001:db8::1]:4711`.
fn parse_node(node: &str) -> Option<IpAddr> {
    node.parse::<IpAddr>()
        .ok()
        .or_else(|| node.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            node.strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|inner| inner.parse().ok())
        })
}

/// Walks the chain from the right while each hop is a trusted proxy; the first address that is
/// not is the client. An unreadable entry ends the walk at the proxy that wrote it; a chain of
/// trusted proxies only ends at its left-most address.
fn client_address(peer: IpAddr, chain: &[Option<IpAddr>], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut reporter = peer;
    for hop in chain.iter().rev() {
        match hop {
            Some(ip) if is_trusted(ip) => reporter = *ip,
            Some(ip) => return *ip,
            None => return reporter,
        }
    }
    reporter
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().expect("net")).collect()
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn client(peer: &str, pairs: &[(&'static str, &'static str)], trusted: &[&str]) -> IpAddr {
        client_address(ip(peer), &forwarded_chain(&headers(pairs)), &nets(trusted))
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let forged = [("x-forwarded-for", "203.0.113.9")];
        assert_eq!(client("198.51.100.7", &forged, &[]), ip("198.51.100.7"));
        assert_eq!(
            client("198.51.100.7", &forged, &["10.0.0.0/8"]),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        // The client forged the first entry; the load balancer appended the real address.
        let chain = [("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.0.0.5")];
        assert_eq!(
            client("10.0.0.2", &chain, &["10.0.0.0/8"]),
            ip("203.0.113.9")
        );
        let split = [
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-for", "203.0.113.9"),
        ];
        assert_eq!(
            client("10.0.0.2", &split, &["10.0.0.0/8"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn forwarded_wins_over_x_forwarded_for_and_accepts_ports_and_brackets() {
        let both = [
            (
                "forwarded",
                "for=1.2.3.4;proto=https, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.1",
            ),
            ("x-forwarded-for", "198.51.100.1"),
        ];
        assert_eq!(
            client("10.0.0.2", &both, &["10.0.0.0/8"]),
            ip("2001:db8:cafe::17")
        );
        let ported = [("x-forwarded-for", "203.0.113.9:5555")];
        assert_eq!(
            client("10.0.0.2", &ported, &["10.0.0.0/8"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn garbage_or_an_all_trusted_chain_stops_at_the_last_proxy_that_spoke() {
        let garbage = [("x-forwarded-for", "203.0.113.9, unknown, 10.0.0.5")];
        assert_eq!(
            client("10.0.0.2", &garbage, &["10.0.0.0/8"]),
            ip("10.0.0.5")
        );
        let internal = [("x-forwarded-for", "10.0.0.9, 10.0.0.5")];
        assert_eq!(
            client("10.0.0.2", &internal, &["10.0.0.0/8"]),
            ip("10.0.0.9")
        );
        assert_eq!(client("10.0.0.2", &[], &["10.0.0.0/8"]), ip("10.0.0.2"));
    }
}
