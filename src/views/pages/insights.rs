//! `/insights/responses`: how fast ideas get their first official answer — the figures, a chart of
//! the median and 90th percentile per month and of the backlog, the same numbers as tables, and
//! a link to them as CSV.

use chrono::Duration;
use maud::{Markup, html};

use crate::domain::read::Choice;
use crate::domain::response_figures::Figures;
use crate::i18n::{Arg, Lang};
use crate::services::insights::{MonthFigures, ResponseFigures};
use crate::views::components::response::wait_text;
use crate::views::layout::{Chrome, page};

/// The windows offered (days).
const WINDOWS: [i64; 4] = [30, 90, 180, 365];

/// A time in hours as people read it ("30 hours", "9 days"), or a dash.
fn hours_text(hours: Option<f64>, lang: Lang) -> String {
    match hours {
        Some(hours) => wait_text(lang, Duration::minutes((hours * 60.0).round() as i64)),
        None => "—".to_string(),
    }
}

/// A share (0 to 1) as a whole percentage, or a dash when there is none.
pub fn share_text(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |s| format!("{}%", (s * 100.0).round()))
}

/// The figures' address with another window or area, `suffix` being `""` or `".csv"`.
pub fn figures_url(suffix: &str, days: i64, area: Option<&str>) -> String {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    pairs.append_pair("days", &days.to_string());
    if let Some(area) = area {
        pairs.append_pair("area", area);
    }
    format!("/insights/responses{suffix}?{}", pairs.finish())
}

pub fn figures_page(chrome: &Chrome, figures: &ResponseFigures, areas: &[Choice]) -> Markup {
    let lang = chrome.lang;
    let area = figures.area.as_ref().map(|a| a.slug.as_str());
    page(
        &lang.t("insights-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("insights-title")) }
            p.muted { (lang.t_with("insights-lead", &[("from", Arg::from(figures.first_day.as_str())), ("to", Arg::from(figures.last_day.as_str())), ("target", Arg::Number(i64::from(figures.target_days)))])) }
            (window_form(figures, areas, lang))
            (summary(&figures.total, lang))
            (month_chart(&figures.months, lang))
            (month_table(&figures.months, lang))
            (area_table(figures, lang))
            (staff_table(figures, lang))
            p { a href=(figures_url(".csv", figures.days, area)) download { (lang.t("insights-csv")) } }
        },
    )
}

fn window_form(figures: &ResponseFigures, areas: &[Choice], lang: Lang) -> Markup {
    let chosen = figures.area.as_ref().map(|a| a.slug.as_str());
    html! {
        form.card.filters method="get" action="/insights/responses" {
            div.field {
                label for="insights-days" { (lang.t("insights-window")) }
                select #insights-days name="days" {
                    @for days in WINDOWS {
                        option value=(days) selected[days == figures.days] { (lang.t_with("insights-days", &[("days", Arg::Number(days))])) }
                    }
                    @if !WINDOWS.contains(&figures.days) {
                        option value=(figures.days) selected { (lang.t_with("insights-days", &[("days", Arg::Number(figures.days))])) }
                    }
                }
            }
            div.field {
                label for="insights-area" { (lang.t("triage-filter-area")) }
                select #insights-area name="area" {
                    option value="" selected[chosen.is_none()] { (lang.t("triage-all-areas")) }
                    @for area in areas {
                        option value=(area.slug) selected[chosen == Some(area.slug.as_str())] { (area.shown(lang)) }
                    }
                }
            }
            button type="submit" { (lang.t("insights-show")) }
        }
    }
}

fn summary(total: &Figures, lang: Lang) -> Markup {
    let p90 = total.p90_hours.map(|h| h as f64);
    html! {
        ul.stats.insights-summary {
            li { strong { (hours_text(total.median_hours, lang)) } " " (lang.t("insights-median")) }
            li { strong { (hours_text(p90, lang)) } " " (lang.t("insights-p90")) }
            li { strong { (share_text(total.within_target_share)) } " " (lang.t("insights-within")) }
            li { strong { (lang.number(total.answered)) } " " (lang.t("insights-answered")) }
            li { strong { (lang.number(total.unanswered)) } " " (lang.t("insights-unanswered")) }
        }
    }
}

/// Bars of the median and 90th percentile per month (hours, left scale) and a line of the
/// backlog (right scale); the table beneath says the same in words.
fn month_chart(months: &[MonthFigures], lang: Lang) -> Markup {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 240.0;
    const LEFT: f64 = 48.0;
    const BOTTOM: f64 = 28.0;
    const TOP: f64 = 12.0;
    let plot = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - 2.0 * LEFT) / months.len().max(1) as f64;
    let max_hours = months
        .iter()
        .filter_map(|m| m.figures.p90_hours)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let max_backlog = months.iter().map(|m| m.backlog).max().unwrap_or(0).max(1) as f64;
    let y = |value: f64, max: f64| TOP + plot - plot * value / max;
    let line: Vec<String> = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            format!(
                "{:.1},{:.1}",
                LEFT + slot * (i as f64 + 0.5),
                y(m.backlog as f64, max_backlog)
            )
        })
        .collect();
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-labelledby="insights-chart-title" {
                title #insights-chart-title { (lang.t("insights-chart")) }
                line.axis x1=(LEFT) y1=(TOP + plot) x2=(WIDTH - LEFT) y2=(TOP + plot) {}
                text.scale x=(LEFT - 4.0) y=(TOP + 8.0) text-anchor="end" { (max_hours) "h" }
                text.scale x=(WIDTH - LEFT + 4.0) y=(TOP + 8.0) { (max_backlog) }
                @for (i, month) in months.iter().enumerate() {
                    @let x = LEFT + slot * i as f64;
                    @let median = month.figures.median_hours.unwrap_or(0.0);
                    @let p90 = month.figures.p90_hours.unwrap_or(0) as f64;
                    rect.median x=(format!("{:.1}", x + slot * 0.15)) y=(format!("{:.1}", y(median, max_hours))) width=(format!("{:.1}", slot * 0.3)) height=(format!("{:.1}", plot * median / max_hours)) {}
                    rect.p90 x=(format!("{:.1}", x + slot * 0.5)) y=(format!("{:.1}", y(p90, max_hours))) width=(format!("{:.1}", slot * 0.3)) height=(format!("{:.1}", plot * p90 / max_hours)) {}
                    text.month x=(format!("{:.1}", x + slot * 0.5)) y=(HEIGHT - 8.0) text-anchor="middle" { (month.month) }
                }
                polyline.backlog points=(line.join(" ")) {}
            }
            figcaption.legend {
                span.key.median { (lang.t("insights-median")) } " "
                span.key.p90 { (lang.t("insights-p90")) } " "
                span.key.backlog { (lang.t("insights-backlog")) }
            }
        }
    }
}

fn figure_cells(figures: &Figures, lang: Lang) -> Markup {
    let p90 = figures.p90_hours.map(|h| h as f64);
    html! {
        td.number { (lang.number(figures.submitted)) }
        td.number { (lang.number(figures.answered)) }
        td.number { (lang.number(figures.unanswered)) }
        td.number { (hours_text(figures.median_hours, lang)) }
        td.number { (hours_text(p90, lang)) }
        td.number { (share_text(figures.within_target_share)) }
    }
}

fn figure_headers(first: &str, lang: Lang) -> Markup {
    html! {
        th scope="col" { (first) }
        @for key in ["insights-submitted", "insights-answered", "insights-unanswered", "insights-median", "insights-p90", "insights-within"] {
            th scope="col" { (lang.t(key)) }
        }
    }
}

fn month_table(months: &[MonthFigures], lang: Lang) -> Markup {
    html! {
        h2 { (lang.t("insights-by-month")) }
        div.table-scroll {
            table {
                thead { tr { (figure_headers(&lang.t("insights-month"), lang)) th scope="col" { (lang.t("insights-backlog")) } } }
                tbody {
                    @for month in months {
                        tr { th scope="row" { (month.month) } (figure_cells(&month.figures, lang)) td.number { (lang.number(month.backlog)) } }
                    }
                }
            }
        }
    }
}

fn area_table(figures: &ResponseFigures, lang: Lang) -> Markup {
    html! {
        h2 { (lang.t("insights-by-area")) }
        div.table-scroll {
            table {
                thead { tr { (figure_headers(&lang.t("triage-filter-area"), lang)) th scope="col" { (lang.t("insights-helpful")) } } }
                tbody {
                    @for area in &figures.areas {
                        tr {
                            th scope="row" { @match &area.area { Some(a) => (a.names.shown(lang, &a.name)), None => (lang.t("triage-no-area")) } }
                            (figure_cells(&area.figures, lang))
                            td.number { (share_text(area.quality.helpful_share)) }
                        }
                    }
                }
            }
        }
    }
}

/// How each staff member's official answers were rated, best first.
fn staff_table(figures: &ResponseFigures, lang: Lang) -> Markup {
    html! {
        h2 { (lang.t("insights-by-staff")) }
        @if figures.staff.is_empty() {
            p.muted { (lang.t("insights-no-ratings")) }
        } @else {
            div.table-scroll {
                table {
                    thead { tr {
                        th scope="col" { (lang.t("insights-staff")) }
                        th scope="col" { (lang.t("answer-helpful")) }
                        th scope="col" { (lang.t("answer-unhelpful")) }
                        th scope="col" { (lang.t("insights-helpful")) }
                    } }
                    tbody {
                        @for person in &figures.staff {
                            tr {
                                th scope="row" { (person.name) }
                                td.number { (lang.number(person.quality.helpful)) }
                                td.number { (lang.number(person.quality.unhelpful)) }
                                td.number { (share_text(person.quality.helpful_share)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
