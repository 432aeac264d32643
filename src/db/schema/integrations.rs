//! The tables of integrations with other systems: webhook endpoints and their deliveries, and
//! what imports wrote, and the identity providers people sign in with.

diesel::table! {
    webhooks (id) {
        id -> Text,
        url -> Text,
        events -> Text,
        format -> Text,
        secret -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        failing_since -> Nullable<Timestamp>,
        paused_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event -> Text,
        event_key -> Text,
        body -> Text,
        state -> Text,
        attempts -> BigInt,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        lease_owner -> Nullable<Text>,
        last_status -> Nullable<Integer>,
        last_duration_ms -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    import_keys (source, kind, source_id) {
        source -> Text,
        kind -> Text,
        source_id -> Text,
        local_id -> Text,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    user_identities (provider, subject) {
        provider -> Text,
        subject -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    oidc_sign_ins (state_hash) {
        state_hash -> Text,
        provider -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        return_to -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    oidc_links (token_hash) {
        token_hash -> Text,
        provider -> Text,
        subject -> Text,
        user_id -> Text,
        return_to -> Text,
        created_at -> Timestamp,
    }
}
