//! Who the client is: the socket's peer, or, when that peer is a trusted proxy, the right-most
//! address in the forwarding header the operator's proxy writes that no trusted proxy added.

use std::net::{IpAddr, SocketAddr};

use actix_web::HttpRequest;
use actix_web::http::header::HeaderMap;
use ipnet::IpNet;

use crate::config::ForwardedHeader;

/// The client's address for rate limits and logs. Forwarding headers are believed only from a
/// peer in `trusted`, and only the one header the proxy writes (`header`): a proxy appends to
/// its own header and passes the other through untouched, so the other is the client's to forge.
pub fn client_ip(req: &HttpRequest, trusted: &[IpNet], header: ForwardedHeader) -> String {
    match req.peer_addr() {
        Some(peer) => {
            client_address(peer.ip(), &forwarded_chain(req.headers(), header), trusted).to_string()
        }
        None => "unknown".into(),
    }
}

/// The addresses a request passed through, client first, as the proxies wrote them into
/// `header`. An entry that is no address is kept as `None`, so the walk stops there instead of
/// skipping it.
fn forwarded_chain(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let values = |name: &'static str| {
        headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .flat_map(|value| value.split(','))
    };
    match header {
        ForwardedHeader::XForwardedFor => values("x-forwarded-for")
            .map(|entry| parse_node(entry.trim()))
            .collect(),
        ForwardedHeader::Forwarded => values("forwarded")
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.eq_ignore_ascii_case("for"))
                    .and_then(|(_, node)| parse_node(node.trim().trim_matches('"')))
            })
            .collect(),
    }
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
        .map(|ip: IpAddr| ip.to_canonical())
}

/// Walks the chain from the right while each hop is a trusted proxy; the first address that is
/// not is the client. An unreadable entry ends the walk at the proxy that wrote it; a chain of
/// trusted proxies only ends at its left-most address.
fn client_address(peer: IpAddr, chain: &[Option<IpAddr>], trusted: &[IpNet]) -> IpAddr {
    // A dual-stack socket reports IPv4 peers as `::ffff:a.b.c.d`; they are IPv4 clients, and
    // `10.0.0.0/8` must match them.
    let peer = peer.to_canonical();
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
        client_by(ForwardedHeader::XForwardedFor, peer, pairs, trusted)
    }

    fn client_by(
        header: ForwardedHeader,
        peer: &str,
        pairs: &[(&'static str, &'static str)],
        trusted: &[&str],
    ) -> IpAddr {
        client_address(
            ip(peer),
            &forwarded_chain(&headers(pairs), header),
            &nets(trusted),
        )
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
    fn only_the_header_the_proxy_writes_is_read_and_it_accepts_ports_and_brackets() {
        let both = [
            (
                "forwarded",
                "for=1.2.3.4;proto=https, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.1",
            ),
            ("x-forwarded-for", "198.51.100.1"),
        ];
        assert_eq!(
            client_by(
                ForwardedHeader::Forwarded,
                "10.0.0.2",
                &both,
                &["10.0.0.0/8"]
            ),
            ip("2001:db8:cafe::17")
        );
        // A proxy that writes X-Forwarded-For passes a client's own `Forwarded` through
        // untouched: believing it would let every client name any address.
        assert_eq!(
            client("10.0.0.2", &both, &["10.0.0.0/8"]),
            ip("198.51.100.1")
        );
        let only_forged = [("forwarded", "for=1.2.3.4")];
        assert_eq!(
            client("10.0.0.2", &only_forged, &["10.0.0.0/8"]),
            ip("10.0.0.2")
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

    #[test]
    fn ipv4_mapped_ipv6_addresses_are_ipv4_addresses() {
        let chain = [("x-forwarded-for", "::ffff:203.0.113.9, ::ffff:10.0.0.5")];
        assert_eq!(
            client("::ffff:10.0.0.2", &chain, &["10.0.0.0/8"]),
            ip("203.0.113.9")
        );
        assert_eq!(client("::ffff:198.51.100.7", &[], &[]), ip("198.51.100.7"));
    }
}
