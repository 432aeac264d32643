//! Static assets embedded in the binary, served under content-hashed names with long cache headers.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// One embedded file.
pub struct Asset {
    /// The name in the source tree, such as `site.css`.
    pub name: &'static str,
    pub content_type: &'static str,
    pub bytes: &'static [u8],
}

/// Every asset shipped with the binary.
pub const ASSETS: &[Asset] = &[
    Asset {
        name: "site.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../assets/site.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../assets/favicon.svg"),
    },
    Asset {
        name: "site.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/site.js"),
    },
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/htmx.min.js"),
    },
];

/// `site.css` → `site.3f2a9c1b.css`: the first 8 hex digits of the content's SHA-256.
fn hashed_name(asset: &Asset) -> String {
    let digest = hex::encode(Sha256::digest(asset.bytes));
    match asset.name.split_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &digest[..8]),
        None => format!("{}.{}", asset.name, &digest[..8]),
    }
}

fn table() -> &'static Vec<(String, &'static Asset)> {
    static TABLE: OnceLock<Vec<(String, &'static Asset)>> = OnceLock::new();
    TABLE.get_or_init(|| ASSETS.iter().map(|a| (hashed_name(a), a)).collect())
}

/// The URL path of an asset by its source name (`/assets/site.3f2a9c1b.css`).
pub fn url(name: &str) -> String {
    table()
        .iter()
        .find(|(_, asset)| asset.name == name)
        .map(|(hashed, _)| format!("/assets/{hashed}"))
        .unwrap_or_else(|| format!("/assets/{name}"))
}

/// The asset served under a hashed name, if any.
pub fn by_hashed_name(hashed: &str) -> Option<&'static Asset> {
    table()
        .iter()
        .find(|(name, _)| name == hashed)
        .map(|(_, asset)| *asset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_urls_resolve_back_to_their_asset() {
        let url = url("site.css");
        assert!(
            url.starts_with("/assets/site.") && url.ends_with(".css"),
            "{url}"
        );
        let hashed = url.trim_start_matches("/assets/");
        assert_eq!(by_hashed_name(hashed).map(|a| a.name), Some("site.css"));
        assert!(by_hashed_name("site.css").is_none());
    }
}
