//! Typed ids: an idea's, a person's, a comment's … are different types, so one cannot be passed
//! where another is wanted. Each is a uuid (v7) stored as text.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
            utoipa::ToSchema,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new, time-ordered id.
            pub fn generate() -> Self {
                Self(super::clock::new_id())
            }

            /// An id as stored or as typed (in a path or a JSON body).
            pub fn from_stored(id: String) -> Self {
                Self(id)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    )*};
}

id_type!(
    /// An idea's id (its public number is `number`).
    IdeaId,
    /// A person's account id.
    UserId,
    /// A comment's id.
    CommentId,
    /// A tag's id.
    TagId,
    /// A status's id.
    StatusId,
    /// A product area's id.
    AreaId,
    /// A storm session's id.
    StormId,
    /// A webhook endpoint's id.
    WebhookId,
);
