-- Who signs in through which identity provider: the provider's key and its stable subject id.
CREATE TABLE user_identities (
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

-- A sign-in begun at a provider and not yet returned: found by a hash of its state, used once.
CREATE TABLE oidc_sign_ins (
    state_hash TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- A provider's person whose verified address belongs to an account with a password: linked once
-- that password is typed (found by a hash of the token in the browser's cookie).
CREATE TABLE oidc_links (
    token_hash TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    return_to TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
