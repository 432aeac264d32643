//! `Account`: a person's account as the rest of the application sees it, and the one rule every
//! use case asks of it (may this person do that?).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::ServiceResult;
use super::error::ServiceError;
use crate::db::models::users;
use crate::domain::ids::UserId;
use crate::domain::roles::{Actor, Permission, Role};
use crate::domain::validation::Text;

/// A person's account as the rest of the application sees it (no password hash).
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    #[serde(skip)]
    pub banned: bool,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
    /// The chosen language's tag; `None` follows the browser.
    #[serde(skip)]
    pub locale: Option<String>,
}

impl Account {
    /// The permissions view of this person.
    pub fn actor(&self) -> Actor {
        Actor {
            role: self.role,
            banned: self.banned,
        }
    }

    /// Refuses with 403 unless this person may do `permission`.
    pub fn require(&self, permission: Permission) -> ServiceResult<()> {
        if self.actor().can(permission) {
            Ok(())
        } else if self.banned {
            Err(ServiceError::refused(Text::new("refused-banned")))
        } else {
            Err(ServiceError::forbidden())
        }
    }
}

impl TryFrom<users::User> for Account {
    type Error = ServiceError;

    fn try_from(user: users::User) -> ServiceResult<Self> {
        let role = Role::parse(&user.role).map_err(|_| {
            ServiceError::Internal(anyhow::anyhow!(
                "user {} has unknown role {:?}",
                user.id,
                user.role
            ))
        })?;
        Ok(Self {
            id: user.id,
            email: user.email,
            name: user.name,
            role,
            banned: user.banned_at.is_some(),
            created_at: user.created_at,
            locale: user.locale,
        })
    }
}
