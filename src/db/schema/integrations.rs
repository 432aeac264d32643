//! The tables of integrations with other systems: webhook endpoints and their deliveries, and
//! what imports wrote.

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
