//! `PAGE_STALE_SECS`: a page kept for everyone is still served for a few seconds after others
//! changed the board, but never to the browser that made a change, and never past the window.

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;
use crate::page_cache::ago;

on_both_backends!(
    a_kept_page_lags_others_changes_briefly_but_never_ones_own,
    ones_own_change_is_seen_on_another_instance_whose_clock_runs_ahead,
);

/// The points shown for idea `number` on a board or idea page.
fn points_of(page: &str, number: i64) -> &str {
    let start = page
        .find(&format!("id=\"vote-{number}\""))
        .unwrap_or_else(|| panic!("no vote widget for #{number} in {page}"));
    let strong = page[start..].find("<strong>").expect("points") + start + "<strong>".len();
    let end = page[strong..].find("</strong>").expect("points end") + strong;
    &page[strong..end]
}

/// Ada's idea #1 (her own promote: 10 points), aged three days so that no age on the pages reads
/// differently while a test runs.
async fn one_idea_of_days_ago(app: &TestApp, backend: Backend) {
    let ada = app.api_user("ada@example.com", "Ada").await;
    app.create_idea(&ada, "Dark mode everywhere", "Please, at night.")
        .await;
    let days_ago = ago(backend, 3.0 * 86_400.0 + 3600.0);
    app.execute_sql(format!("UPDATE ideas SET created_at = {days_ago}"))
        .await;
}

/// Bo, signed in through the log-in page, promotes idea #1 through the board's form.
async fn bo_promotes_idea_1(app: &TestApp) -> (reqwest::Client, reqwest::Response) {
    let bo = app.register("bo@example.com", "Bo").await;
    let voted = app
        .submit_form(
            &bo,
            "/",
            "/ideas/1/vote",
            &[("value", "1"), ("return_to", "/")],
        )
        .await;
    assert_eq!(voted.status().as_u16(), 303);
    (bo, voted)
}

async fn a_kept_page_lags_others_changes_briefly_but_never_ones_own(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.page_stale_secs = 5).await;
    one_idea_of_days_ago(&app, backend).await;
    let visitor = app.api_client();
    for path in ["/", "/ideas/1"] {
        let (status, page) = app.get_page(&visitor, path).await;
        assert_eq!(status, 200);
        assert_eq!(points_of(&page, 1), "10", "{path}: the author's own vote");
    }

    // Bo promotes it through the board's form: his browser is given the version after it.
    let (bo, voted) = bo_promotes_idea_1(&app).await;
    assert!(
        voted
            .cookies()
            .any(|c| c.name() == "ideaboard_changed" && c.value().parse::<i64>().is_ok()),
        "the vote's answer names the version after the change"
    );
    // A visitor is served the page kept from before, for a few seconds.
    for path in ["/", "/ideas/1"] {
        let (_, page) = app.get_page(&visitor, path).await;
        assert_eq!(
            points_of(&page, 1),
            "10",
            "{path}: kept from before the vote"
        );
    }

    // Bo sees his vote at once (and the board he read is the one kept from now on).
    let (_, own) = app.get_page(&bo, "/").await;
    assert_eq!(points_of(&own, 1), "20");
    assert!(own.contains("Account (Bo)"));
    let (_, page) = app.get_page(&visitor, "/").await;
    assert_eq!(points_of(&page, 1), "20", "the newest kept page is served");

    // Bo logs out: as a visitor now, his browser still gets pages with his vote in them.
    let logged_out = app.submit_form(&bo, "/", "/logout", &[]).await;
    assert_eq!(logged_out.status().as_u16(), 303);
    for path in ["/", "/ideas/1"] {
        let (_, page) = app.get_page(&bo, path).await;
        assert!(page.contains("Log in to vote"), "{path}: signed out");
        assert_eq!(points_of(&page, 1), "20", "{path}: read after his change");
    }

    // An API vote (with a token) is no browser's change: no cookie.
    let cy = app.api_user("cy@example.com", "Cy").await;
    let api_vote = app
        .api_client()
        .put(app.url("/api/v1/ideas/1/vote"))
        .bearer_auth(&cy)
        .json(&serde_json::json!({"value": 1}))
        .send()
        .await
        .expect("PUT");
    assert_eq!(api_vote.status().as_u16(), 200);
    assert!(api_vote.headers().get("set-cookie").is_none());

    // Past the window every visitor sees every change.
    app.state.clock.advance(chrono::Duration::seconds(6));
    for path in ["/", "/ideas/1"] {
        let (_, page) = app.get_page(&visitor, path).await;
        assert_eq!(points_of(&page, 1), "30", "{path}: the window is over");
    }
}

async fn ones_own_change_is_seen_on_another_instance_whose_clock_runs_ahead(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.page_stale_secs = 5).await;
    let other = app.spawn_second(|config| config.page_stale_secs = 5).await;
    // The second instance's clock is 3 s ahead: a page it reads now looks younger than a change
    // made on the first one a moment later. Only the version tells them apart.
    other.state.clock.advance(chrono::Duration::seconds(3));
    one_idea_of_days_ago(&app, backend).await;
    let (_, before) = other.get_page(&app.api_client(), "/").await;
    assert_eq!(points_of(&before, 1), "10", "kept on the second instance");

    let (bo, _) = bo_promotes_idea_1(&app).await;
    let logged_out = app.submit_form(&bo, "/", "/logout", &[]).await;
    assert_eq!(logged_out.status().as_u16(), 303);
    // The "You are logged out." message is shown (a page with a message is never kept).
    let (_, page) = app.get_page(&bo, "/").await;
    assert!(page.contains("You are logged out."));
    let (_, page) = other.get_page(&bo, "/").await;
    assert!(page.contains("Log in to vote"));
    assert_eq!(
        points_of(&page, 1),
        "20",
        "his vote, on the other instance too"
    );
    let (_, page) = other.get_page(&app.api_client(), "/").await;
    assert_eq!(
        points_of(&page, 1),
        "20",
        "the newest kept page from then on"
    );
}
