//! Administration pages: the user list with role changes, each account's data and its deletion.

use maud::{Markup, html};

use crate::domain::roles::Role;
use crate::i18n::Arg;
use crate::views::components::{confirm_delete, csrf_field};
use crate::views::layout::{Chrome, page};

/// One account as the admin list shows it.
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub banned: bool,
    pub joined: String,
}

/// The accounts; `me` is the admin's own id (their own account is deleted on /account).
pub fn users(chrome: &Chrome, csrf: &str, rows: &[UserRow], me: &str) -> Markup {
    let lang = chrome.lang;
    page(
        &lang.t("users-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("users-title")) }
            div.table-scroll { table {
                thead { tr { th { (lang.t("col-name")) } th { (lang.t("col-email")) } th { (lang.t("col-joined")) } th { (lang.t("col-role")) } th { span.visually-hidden { (lang.t("delete")) } } } }
                tbody {
                    @for row in rows {
                        tr {
                            td { (row.name) @if row.banned { " " span.badge { (lang.t("user-banned")) } } }
                            td { (row.email) }
                            td { (row.joined) }
                            td {
                                form method="post" action="/admin/users/role" {
                                    (csrf_field(csrf))
                                    input type="hidden" name="user_id" value=(row.id);
                                    label.skip for={ "role-" (row.id) } { (lang.t_with("role-of", &[("name", row.name.as_str().into())])) }
                                    select id={ "role-" (row.id) } name="role" {
                                        @for role in Role::ALL {
                                            option value=(role.as_str()) selected[role == row.role] { (lang.t(&format!("role-{}", role.as_str()))) }
                                        }
                                    }
                                    " "
                                    button.secondary type="submit" { (lang.t("save")) }
                                }
                            }
                            td { @if row.id != me { (confirm_delete(csrf, &format!("/admin/users/{}/delete", row.id), &lang.t_with("users-delete-question", &[("name", Arg::from(row.name.as_str()))]), lang)) } }
                        }
                    }
                }
            } }
        },
    )
}
