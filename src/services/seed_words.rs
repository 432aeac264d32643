//! The words a seeded board is written in: titles and bodies drawn from word lists, reproducibly
//! from the seed's random numbers.
#![expect(
    clippy::indexing_slicing,
    reason = "a word is picked by an index drawn from the list's own length; the CLI only"
)]

use rand::Rng;
use rand_chacha::ChaCha8Rng;

const VERBS: &[&str] = &[
    "Add",
    "Support",
    "Improve",
    "Allow",
    "Show",
    "Export",
    "Sync",
    "Schedule",
    "Filter",
    "Share",
    "Customise",
    "Automate",
    "Speed up",
    "Simplify",
    "Preview",
    "Archive",
    "Group",
    "Track",
    "Import",
    "Search",
];
pub const ADJECTIVES: &[&str] = &[
    "dark",
    "offline",
    "bulk",
    "keyboard",
    "mobile",
    "shared",
    "recurring",
    "custom",
    "encrypted",
    "faster",
    "accessible",
    "weekly",
    "multiple",
    "inline",
    "detailed",
    "private",
    "public",
    "smart",
    "nested",
    "default",
];
pub const NOUNS: &[&str] = &[
    "mode",
    "reports",
    "invoices",
    "dashboards",
    "notifications",
    "calendars",
    "exports",
    "tags",
    "comments",
    "attachments",
    "shortcuts",
    "themes",
    "backups",
    "permissions",
    "webhooks",
    "charts",
    "templates",
    "labels",
    "filters",
    "projects",
    "teams",
    "tickets",
    "playlists",
    "drivers",
    "laptops",
    "monitors",
    "keyboards",
    "batteries",
    "updates",
    "warranties",
];
const PLACES: &[&str] = &[
    "on mobile",
    "for teams",
    "in the dashboard",
    "via the API",
    "for admins",
    "in email",
    "on Linux",
    "for large accounts",
    "in the web app",
    "for support",
];
pub const REASONS: &[&str] = &[
    "It would save our team hours every week.",
    "Competitors already offer this and customers ask for it.",
    "Right now we work around it with spreadsheets.",
    "This matters most for people on slow connections.",
    "It would make the product usable for our accessibility needs.",
    "Large accounts hit this limit every month.",
    "We would happily pay more for this.",
];

pub fn pick<'a>(rng: &mut ChaCha8Rng, words: &'a [&'a str]) -> &'a str {
    words[rng.gen_range(0..words.len())]
}

pub fn title(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {} {} {}",
        pick(rng, VERBS),
        pick(rng, ADJECTIVES),
        pick(rng, NOUNS),
        pick(rng, PLACES)
    )
}

pub fn body(rng: &mut ChaCha8Rng) -> String {
    format!(
        "We would like to {} {} {}.\n\n{} {}",
        pick(rng, VERBS).to_lowercase(),
        pick(rng, ADJECTIVES),
        pick(rng, NOUNS),
        pick(rng, REASONS),
        pick(rng, REASONS)
    )
}

pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
