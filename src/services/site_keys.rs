//! Site-wide signing keys: made once, kept in the settings table, shared by every instance.

use super::ServiceResult;
use crate::db::Db;
use crate::db::models::pipeline;
use crate::domain::secrets::{self, SigningKey};
use crate::services::error::ServiceError;

const FORM_KEY_SETTING: &str = "form_signing_key";

/// The key that signs anonymous visitors' form tokens, made on first start (the first instance
/// to write it wins; the others read the same key).
pub fn form_key(db: &mut Db) -> ServiceResult<SigningKey> {
    if let Some(key) = pipeline::setting(db.conn()?, FORM_KEY_SETTING)? {
        return Ok(SigningKey::new(key));
    }
    let key = db.write(|conn| {
        pipeline::setting_if_absent(conn, FORM_KEY_SETTING, &secrets::new_token(""))?;
        pipeline::setting(conn, FORM_KEY_SETTING)?
            .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("no form signing key")))
    })?;
    Ok(SigningKey::new(key))
}
