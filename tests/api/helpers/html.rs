//! Reading pages the way a person would: the CSRF token of a form, visible text, field errors.

/// The value of the first `csrf_token` hidden field.
pub fn csrf_token(page: &str) -> String {
    attribute_after(page, "name=\"csrf_token\" value=\"")
        .expect("the page has a form with a CSRF token")
}

fn attribute_after(page: &str, marker: &str) -> Option<String> {
    let start = page.find(marker)? + marker.len();
    let end = page[start..].find('"')? + start;
    Some(page[start..end].to_string())
}

/// The error message shown under the field `name`, if any.
pub fn field_error(page: &str, name: &str) -> Option<String> {
    let marker = format!("id=\"field-{name}-error\">");
    let start = page.find(&marker)? + marker.len();
    let end = page[start..].find('<')? + start;
    Some(page[start..end].to_string())
}

/// Whether the navigation shows someone signed in.
pub fn is_signed_in(page: &str) -> bool {
    page.contains("action=\"/logout\"")
}
