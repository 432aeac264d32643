//! Signing in through an identity provider: the person a provider vouches for, and why a sign-in
//! was refused (each reason a sentence people can act on: the `sign-in-refused-…` texts).

/// What the provider vouches for, its ID token verified.
#[derive(Debug, Clone)]
pub struct VerifiedPerson {
    /// The provider's stable id for the person (`sub`).
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
}

/// A refused sign-in through a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInRefusal {
    /// No provider has this key.
    UnknownProvider,
    /// The provider's discovery document or keys could not be read (or its address is refused).
    Unreachable,
    /// The return's state is not one this browser began: changed on the way, begun in another
    /// browser, or already used.
    StateMismatch,
    /// The return came after the sign-in's ten minutes.
    TookTooLong,
    /// The provider answered with an error (the person cancelled, say).
    ProviderSaidNo,
    /// The provider would not exchange the code for tokens.
    CodeRefused,
    /// The ID token's nonce is not this sign-in's.
    WrongNonce,
    /// The ID token has expired.
    Expired,
    /// The ID token was issued to another application.
    WrongAudience,
    /// The ID token's signature, issuer or another claim does not check out.
    NotVerifiable,
    /// The provider vouches for no email address.
    NoVerifiedEmail,
    /// The address may not make an account here (`ALLOWED_EMAIL_DOMAINS`).
    NotAllowedToJoin,
}

impl SignInRefusal {
    /// The suffix of its `sign-in-refused-…` text.
    pub fn code(self) -> &'static str {
        match self {
            Self::UnknownProvider => "unknown-provider",
            Self::Unreachable => "unreachable",
            Self::StateMismatch => "state",
            Self::TookTooLong => "too-long",
            Self::ProviderSaidNo => "provider-said-no",
            Self::CodeRefused => "code-refused",
            Self::WrongNonce => "nonce",
            Self::Expired => "expired",
            Self::WrongAudience => "audience",
            Self::NotVerifiable => "not-verifiable",
            Self::NoVerifiedEmail => "no-verified-email",
            Self::NotAllowedToJoin => "not-allowed",
        }
    }
}
