//! The actions the audit log records, each with the name people read.

/// Every action the log records, with the name the audit page's filter shows for it.
pub const ACTIONS: [(&str, &str); 24] = [
    ("merge", "Merge"),
    ("unmerge", "Unmerge"),
    ("hide_idea", "Hide an idea"),
    ("unhide_idea", "Unhide an idea"),
    ("hide_comment", "Hide a comment"),
    ("unhide_comment", "Unhide a comment"),
    ("lock_idea", "Lock comments"),
    ("unlock_idea", "Unlock comments"),
    ("dismiss_flags", "Dismiss flags"),
    ("tag_idea", "Tag an idea"),
    ("create_tag", "Create a tag"),
    ("update_tag", "Change a tag"),
    ("delete_tag", "Delete a tag"),
    ("ban_user", "Ban"),
    ("unban_user", "Unban"),
    ("set_role", "Change a role"),
    ("change_status", "Change an idea's status"),
    ("create_status", "Create a status"),
    ("update_status", "Change a status"),
    ("delete_status", "Delete a status"),
    ("test_mail", "Send a test email"),
    ("retry_mail", "Retry an email"),
    ("create_area", "Create an area"),
    ("set_area", "Put an idea in an area"),
];
