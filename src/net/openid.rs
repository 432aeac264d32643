//! OpenID Connect at the identity providers: discovery (kept for ten minutes), the authorization
//! URL with PKCE, state and nonce, and the code exchanged for tokens with the ID token's
//! signature and claims verified — all through the guarded outbound client.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AccessToken, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest, HttpResponse, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    SubjectIdentifier, TokenResponse,
};

use super::outbound::{FetchError, Outbound};
use crate::config::OidcProvider;
use crate::domain::sign_in::{SignInRefusal, VerifiedPerson};

/// How long a provider's discovery document and keys are kept before they are read again.
const DISCOVERY_KEPT: Duration = Duration::from_secs(600);

type ProviderClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A sign-in begun: where to send the person, and what their return must match.
pub struct Started {
    pub url: url::Url,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// What a returning sign-in brings back to be checked.
pub struct Returned {
    pub code: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// The time the ID token is checked against (the server's clock).
    pub now: DateTime<Utc>,
}

/// The providers' client: one per process, discovery kept per provider.
pub struct OpenId {
    outbound: Outbound,
    /// Whether plain http is allowed (with `OIDC_ALLOW_PRIVATE`); otherwise every request the
    /// library makes — discovery, keys, token, user info — must be https.
    allow_http: bool,
    discovered: Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>,
}

impl OpenId {
    pub fn new(outbound: Outbound, allow_http: bool) -> Self {
        Self {
            outbound,
            allow_http,
            discovered: Mutex::new(HashMap::new()),
        }
    }

    /// The authorization URL for `provider`, returning to `redirect_uri`.
    pub async fn start(
        &self,
        provider: &OidcProvider,
        redirect_uri: &str,
    ) -> Result<Started, SignInRefusal> {
        let client = self.client(provider, redirect_uri).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Started {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the returned code (with the PKCE verifier) and verifies the ID token: its
    /// signature by the provider's keys, issuer, audience, expiry and nonce. The email comes
    /// from the ID token or, when it has none, from the user-info endpoint for the same subject.
    pub async fn finish(
        &self,
        provider: &OidcProvider,
        redirect_uri: &str,
        returned: Returned,
    ) -> Result<VerifiedPerson, SignInRefusal> {
        let client = self.client(provider, redirect_uri).await?;
        let http = self.http();
        let tokens = client
            .exchange_code(AuthorizationCode::new(returned.code))
            .map_err(|e| refused_because(provider, "no token endpoint", &e))?
            .set_pkce_verifier(PkceCodeVerifier::new(returned.pkce_verifier))
            .request_async(&http)
            .await
            .map_err(|e| {
                tracing::warn!(provider = %provider.key, error = %e, "the code exchange failed");
                SignInRefusal::CodeRefused
            })?;
        let id_token = tokens.id_token().ok_or_else(|| {
            tracing::warn!(provider = %provider.key, "the token answer has no ID token");
            SignInRefusal::NotVerifiable
        })?;
        let now = returned.now;
        let verifier = client.id_token_verifier().set_time_fn(move || now);
        let claims = match id_token.claims(&verifier, &Nonce::new(returned.nonce)) {
            Ok(claims) => claims,
            Err(error) => {
                if matches!(error, ClaimsVerificationError::SignatureVerification(_)) {
                    // The provider may have rotated its keys: read them again next time.
                    self.forget(provider);
                }
                return Err(classify(provider, &error));
            }
        };
        let mut person = VerifiedPerson {
            subject: claims.subject().to_string(),
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified().unwrap_or(false),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string())
                .or_else(|| claims.preferred_username().map(|u| u.to_string())),
        };
        if person.email.is_none() {
            self.ask_user_info(&client, provider, tokens.access_token(), &mut person)
                .await;
        }
        Ok(person)
    }

    /// Fills the email (and a missing name) from the user-info endpoint, if the provider has one
    /// and it answers for the same subject.
    async fn ask_user_info(
        &self,
        client: &ProviderClient,
        provider: &OidcProvider,
        access_token: &AccessToken,
        person: &mut VerifiedPerson,
    ) {
        let subject = SubjectIdentifier::new(person.subject.clone());
        let Ok(request) = client.user_info(access_token.clone(), Some(subject)) else {
            return;
        };
        let answer: Result<CoreUserInfoClaims, _> = request.request_async(&self.http()).await;
        match answer {
            Ok(info) => {
                person.email = info.email().map(|e| e.to_string());
                person.email_verified = info.email_verified().unwrap_or(false);
                if person.name.is_none() {
                    person.name = info.name().and_then(|n| n.get(None)).map(|n| n.to_string());
                }
            }
            Err(e) => tracing::warn!(provider = %provider.key, error = %e, "user info failed"),
        }
    }

    /// The provider's client, from its discovery document (read again after `DISCOVERY_KEPT`).
    async fn client(
        &self,
        provider: &OidcProvider,
        redirect_uri: &str,
    ) -> Result<ProviderClient, SignInRefusal> {
        let metadata = self.metadata(provider).await?;
        let redirect = RedirectUrl::new(redirect_uri.to_string())
            .map_err(|e| refused_because(provider, "redirect URI", &e))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(provider.client_id.clone()),
            provider
                .client_secret
                .as_ref()
                .map(|s| ClientSecret::new(s.expose().to_string())),
        )
        .set_redirect_uri(redirect))
    }

    async fn metadata(
        &self,
        provider: &OidcProvider,
    ) -> Result<CoreProviderMetadata, SignInRefusal> {
        let kept = self.discovered.lock().ok().and_then(|kept| {
            kept.get(&provider.key)
                .filter(|(at, _)| at.elapsed() < DISCOVERY_KEPT)
                .map(|(_, metadata)| metadata.clone())
        });
        if let Some(metadata) = kept {
            return Ok(metadata);
        }
        let issuer = IssuerUrl::new(provider.issuer.clone())
            .map_err(|e| refused_because(provider, "issuer URL", &e))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http())
            .await
            .map_err(|e| {
                tracing::warn!(provider = %provider.key, error = %e, "discovery failed");
                SignInRefusal::Unreachable
            })?;
        if let Ok(mut kept) = self.discovered.lock() {
            kept.insert(provider.key.clone(), (Instant::now(), metadata.clone()));
        }
        Ok(metadata)
    }

    /// Drops what discovery brought for `provider`, so the next sign-in reads it again.
    fn forget(&self, provider: &OidcProvider) {
        if let Ok(mut kept) = self.discovered.lock() {
            kept.remove(&provider.key);
        }
    }

    /// The library's HTTP client: every request through the guarded outbound client.
    fn http(
        &self,
    ) -> impl Fn(
        HttpRequest,
    )
        -> std::pin::Pin<Box<dyn Future<Output = Result<HttpResponse, FetchError>> + Send>> {
        let outbound = self.outbound.clone();
        let allow_http = self.allow_http;
        move |request| {
            let outbound = outbound.clone();
            Box::pin(async move {
                if !allow_http && request.uri().scheme_str() != Some("https") {
                    return Err(FetchError::Refused(
                        "an identity provider is reached over https only".into(),
                    ));
                }
                outbound.exchange(request).await
            })
        }
    }
}

/// Logs why a provider's setting cannot be used; the person is told it cannot be reached.
fn refused_because(
    provider: &OidcProvider,
    what: &str,
    error: &dyn std::fmt::Display,
) -> SignInRefusal {
    tracing::warn!(provider = %provider.key, %error, "{what} cannot be used");
    SignInRefusal::Unreachable
}

/// Which refusal an ID token's failed check is (the cause is logged).
fn classify(provider: &OidcProvider, error: &ClaimsVerificationError) -> SignInRefusal {
    tracing::warn!(provider = %provider.key, %error, "an ID token was refused");
    match error {
        ClaimsVerificationError::Expired(_) => SignInRefusal::Expired,
        ClaimsVerificationError::InvalidAudience(_) => SignInRefusal::WrongAudience,
        ClaimsVerificationError::InvalidNonce(_) => SignInRefusal::WrongNonce,
        _ => SignInRefusal::NotVerifiable,
    }
}
