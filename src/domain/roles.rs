//! Roles and the permission matrix: who may do what. Services ask `Actor::can` before acting.

use super::validation::Text;
use serde::Serialize;

/// A person's role on the board, from least to most trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Member,
    Moderator,
    Product,
    Admin,
}

impl Role {
    /// All roles, least trusted first.
    pub const ALL: [Role; 4] = [Role::Member, Role::Moderator, Role::Product, Role::Admin];

    /// Parses the stored or typed name (`member`, `moderator`, `product`, `admin`).
    pub fn parse(input: &str) -> Result<Self, Text> {
        match input.trim().to_ascii_lowercase().as_str() {
            "member" => Ok(Role::Member),
            "moderator" => Ok(Role::Moderator),
            "product" => Ok(Role::Product),
            "admin" => Ok(Role::Admin),
            _ => Err(Text::new("refused-role")),
        }
    }

    /// The role a stored name says, or `Member` for a name that is none (the least trust).
    pub fn from_stored(stored: &str) -> Self {
        Self::parse(stored).unwrap_or(Role::Member)
    }

    /// Whether people with this role act for the site (moderators, product, admins).
    pub fn is_staff(self) -> bool {
        self != Role::Member
    }

    /// The key (in the translation files) of the badge shown beside a staff member's name.
    pub fn badge(self) -> Option<&'static str> {
        match self {
            Role::Member => None,
            Role::Moderator => Some("badge-moderator"),
            Role::Product => Some("badge-product"),
            Role::Admin => Some("badge-admin"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Moderator => "moderator",
            Role::Product => "product",
            Role::Admin => "admin",
        }
    }

    /// Whether this role grants `permission` (ignoring bans; see `Actor::can`).
    pub fn grants(self, permission: Permission) -> bool {
        use Permission::*;
        match permission {
            SubmitIdea | Vote | Comment | Follow | Flag | EditOwn | ManageOwnAccount => true,
            Tag | Merge | Hide | Lock | Ban | ReviewFlags | ViewAudit => {
                matches!(self, Role::Moderator | Role::Admin)
            }
            ChangeStatus | Export | ManageRoadmap | ManageStorms | PublishReleases => {
                matches!(self, Role::Product | Role::Admin)
            }
            SetArea | Respond | Triage | ViewInsights => self.is_staff(),
            ManageRoles | ManageStatuses | ManageTags | ManageSettings | ViewMailDelivery
            | ListUsers | ManageAreas | ManageWebhooks => self == Role::Admin,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything a signed-in person might be allowed to do. Reading public pages needs no permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    SubmitIdea,
    Vote,
    Comment,
    Follow,
    Flag,
    EditOwn,
    ManageOwnAccount,
    Tag,
    Merge,
    Hide,
    Lock,
    Ban,
    ReviewFlags,
    ViewAudit,
    ChangeStatus,
    Export,
    ManageRoadmap,
    /// Create, publish and sum up storm sessions (product staff and admins).
    ManageStorms,
    /// Publish release notes, setting their ideas to Implemented (product staff and admins).
    PublishReleases,
    /// Define product areas and their owners.
    ManageAreas,
    /// Put an idea in a product area (every staff role).
    SetArea,
    /// Answer an idea with an official response (every staff role).
    Respond,
    /// Read the triage inbox and the response-time figures (every staff role).
    Triage,
    /// See the community insights: activity, sentiment (also on ideas and comments in the API),
    /// watched words (every staff role).
    ViewInsights,
    ManageRoles,
    ManageStatuses,
    ManageTags,
    ManageSettings,
    ViewMailDelivery,
    ListUsers,
    /// Register, test, resume and remove webhook endpoints (administrators).
    ManageWebhooks,
}

/// The person acting, as far as permissions are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    pub banned: bool,
}

impl Actor {
    /// A banned person may still manage their own account (log out, change password) and read,
    /// but nothing that other people see.
    pub fn can(self, permission: Permission) -> bool {
        if self.banned && permission != Permission::ManageOwnAccount {
            return false;
        }
        self.role.grants(permission)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_cannot_moderate_or_administer() {
        let member = Actor {
            role: Role::Member,
            banned: false,
        };
        assert!(member.can(Permission::Vote));
        assert!(!member.can(Permission::Merge));
        assert!(!member.can(Permission::ChangeStatus));
        assert!(!member.can(Permission::ManageRoles));
    }

    #[test]
    fn each_staff_role_gets_its_own_powers() {
        let moderator = Actor {
            role: Role::Moderator,
            banned: false,
        };
        let product = Actor {
            role: Role::Product,
            banned: false,
        };
        let admin = Actor {
            role: Role::Admin,
            banned: false,
        };
        assert!(moderator.can(Permission::Merge) && !moderator.can(Permission::Export));
        assert!(product.can(Permission::Export) && !product.can(Permission::Merge));
        assert!(
            admin.can(Permission::Merge)
                && admin.can(Permission::Export)
                && admin.can(Permission::ManageRoles)
        );
    }

    #[test]
    fn banned_people_read_only() {
        let banned_admin = Actor {
            role: Role::Admin,
            banned: true,
        };
        assert!(!banned_admin.can(Permission::Vote));
        assert!(!banned_admin.can(Permission::ManageRoles));
        assert!(banned_admin.can(Permission::ManageOwnAccount));
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("owner").is_err());
    }
}
