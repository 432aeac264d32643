//! `/insights`: the community insights for staff — activity per week and the sentiment of ideas
//! and comments per month, each a server-drawn SVG chart with a table of the same numbers beneath
//! it and a CSV download, for a chosen period and area.

use maud::{Markup, html};

use crate::views::pages::insights::share_text;

use crate::domain::community::{MonthSentiment, WeekActivity};
use crate::domain::read::Choice;
use crate::i18n::{Arg, Lang};
use crate::services::community::Dashboard;
use crate::views::layout::{Chrome, page};
use crate::views::pages::community_pipeline::{
    attention_section, funnel_section, in_action_section, rising_section,
};

/// The periods offered (days up to today).
pub const PERIODS: [i64; 3] = [30, 90, 365];

const WIDTH: f64 = 640.0;
const LEFT: f64 = 132.0;
const RIGHT: f64 = 16.0;

/// What the dashboard shows: the period as asked (a number of days, or from–to) and the area.
#[derive(Debug, Clone)]
pub struct Shown {
    pub days: Option<i64>,
    pub from: String,
    pub to: String,
    pub area: Option<String>,
}

impl Shown {
    /// The query string that asks for the same period and area.
    pub fn query(&self) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        match self.days {
            Some(days) => {
                pairs.append_pair("days", &days.to_string());
            }
            None => {
                pairs.append_pair("from", &self.from);
                pairs.append_pair("to", &self.to);
            }
        }
        if let Some(area) = &self.area {
            pairs.append_pair("area", area);
        }
        pairs.finish()
    }
}

/// Every how many bars a chart names one, so that at most eight names share its width.
pub fn label_every(bars: usize) -> usize {
    bars.div_ceil(8).max(1)
}

/// A table of the chart's numbers: shown at once when short, folded away when long (the chart
/// above says the same).
pub fn numbers(rows: usize, table: Markup, lang: Lang) -> Markup {
    html! {
        @if rows > 16 {
            details.numbers {
                summary { (lang.t_with("community-show-numbers", &[("rows", Arg::Number(rows as i64))])) }
                (table)
            }
        } @else {
            (table)
        }
    }
}

pub fn dashboard_page(
    chrome: &Chrome,
    shown: &Shown,
    dashboard: &Dashboard,
    areas: &[Choice],
) -> Markup {
    let lang = chrome.lang;
    let query = shown.query();
    let (activity, sentiment) = (&dashboard.activity, &dashboard.sentiment);
    page(
        &lang.t("community-title"),
        chrome,
        false,
        html! {
            h1 { (lang.t("community-title")) }
            p.muted { (lang.t("community-lead")) " " a href="/insights/responses" { (lang.t("tool-insights")) } " · " a href="/insights/watch" { (lang.t("watch-title")) } " · " a href="/insights/listening" { (lang.t("listening-title")) } }
            (period_form(shown, areas, lang))
            section aria-labelledby="activity-heading" {
                h2 #activity-heading { (lang.t("community-activity")) }
                p.muted { (lang.t_with("community-activity-lead", &[("from", Arg::from(crate::domain::community::day_key(activity.from))), ("to", Arg::from(crate::domain::community::day_key(activity.to)))])) }
                (activity_chart(&activity.weeks, lang))
                (numbers(activity.weeks.len(), activity_table(&activity.weeks, lang), lang))
                p { a href=(format!("/insights/activity.csv?{query}")) download { (lang.t("community-activity-csv")) } }
            }
            section aria-labelledby="sentiment-heading" {
                h2 #sentiment-heading { (lang.t("community-sentiment")) }
                p.muted {
                    (lang.t("community-sentiment-lead")) " "
                    @match &sentiment.area {
                        Some(area) => (lang.t_with("community-in-area", &[("area", Arg::from(area.names.shown(lang, &area.name)))])),
                        None => (lang.t("community-whole-board")),
                    }
                }
                (sentiment_chart(&sentiment.months, lang))
                (numbers(sentiment.months.len(), sentiment_table(&sentiment.months, lang), lang))
                p { a href=(format!("/insights/sentiment.csv?{query}")) download { (lang.t("community-sentiment-csv")) } }
            }
            (attention_section(&dashboard.attention, &format!("/insights/attention.csv?{query}"), lang))
            (rising_section(&dashboard.rising, &format!("/insights/rising.csv?{query}"), lang))
            (funnel_section(&dashboard.funnel.steps, &format!("/insights/funnel.csv?{query}"), lang))
            (in_action_section(&dashboard.in_action, &format!("/insights/in-action.csv?{query}"), lang))
        },
    )
}

fn period_form(shown: &Shown, areas: &[Choice], lang: Lang) -> Markup {
    let chosen = shown.area.as_deref();
    html! {
        form.card.filters method="get" action="/insights" {
            div.field {
                label for="community-days" { (lang.t("community-period")) }
                select #community-days name="days" {
                    option value="" selected[shown.days.is_none()] { (lang.t("community-from-to")) }
                    @for days in PERIODS {
                        option value=(days) selected[shown.days == Some(days)] { (lang.t_with("community-last-days", &[("days", Arg::Number(days))])) }
                    }
                }
            }
            div.field {
                label for="community-from" { (lang.t("community-from")) }
                input #community-from type="date" name="from" value=(shown.from);
            }
            div.field {
                label for="community-to" { (lang.t("community-to")) }
                input #community-to type="date" name="to" value=(shown.to);
            }
            div.field {
                label for="community-area" { (lang.t("triage-filter-area")) }
                select #community-area name="area" {
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

/// The activity's series: the key of its name and its value in a week.
type Series = (&'static str, fn(&WeekActivity) -> i64);

const SERIES: [Series; 5] = [
    ("community-new-ideas", |w| w.new_ideas),
    ("community-votes", |w| w.votes),
    ("community-comments", |w| w.comments),
    ("community-active-members", |w| w.active_members),
    ("community-new-accounts", |w| w.new_accounts),
];

/// One band of bars per series, each on its own scale (its largest week is the band's height),
/// so that a hundred votes and three ideas both show their shape.
fn activity_chart(weeks: &[WeekActivity], lang: Lang) -> Markup {
    const BAND: f64 = 44.0;
    const GAP: f64 = 12.0;
    let height = (BAND + GAP) * SERIES.len() as f64 + 20.0;
    let slot = (WIDTH - LEFT - RIGHT) / weeks.len().max(1) as f64;
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-labelledby="activity-chart-title" {
                title #activity-chart-title { (lang.t("community-activity-chart")) }
                @for (row, (key, value)) in SERIES.iter().enumerate() {
                    @let top = GAP + (BAND + GAP) * row as f64;
                    @let max = weeks.iter().map(value).max().unwrap_or(0).max(1) as f64;
                    text.series x=(LEFT - 8.0) y=(format!("{:.1}", top + BAND / 2.0)) text-anchor="end" { (lang.t(key)) }
                    text.scale x=(WIDTH - RIGHT) y=(format!("{:.1}", top - 2.0)) text-anchor="end" { (lang.number(max as i64)) }
                    line.axis x1=(LEFT) y1=(format!("{:.1}", top + BAND)) x2=(WIDTH - RIGHT) y2=(format!("{:.1}", top + BAND)) {}
                    @for (i, week) in weeks.iter().enumerate() {
                        @let h = BAND * value(week) as f64 / max;
                        rect.activity x=(format!("{:.1}", LEFT + slot * i as f64 + slot * 0.1)) y=(format!("{:.1}", top + BAND - h)) width=(format!("{:.1}", slot * 0.8)) height=(format!("{:.1}", h)) {}
                    }
                }
                @if let (Some(first), Some(last)) = (weeks.first(), weeks.last()) {
                    text.month x=(LEFT) y=(height - 4.0) { (first.week) }
                    text.month x=(WIDTH - RIGHT) y=(height - 4.0) text-anchor="end" { (last.week) }
                }
            }
        }
    }
}

fn activity_table(weeks: &[WeekActivity], lang: Lang) -> Markup {
    html! {
        div.table-scroll {
            table {
                caption { (lang.t("community-activity-table")) }
                thead { tr {
                    th scope="col" { (lang.t("community-week")) }
                    @for (key, _) in SERIES { th scope="col" { (lang.t(key)) } }
                } }
                tbody {
                    @for week in weeks {
                        tr {
                            th scope="row" { (week.week) }
                            @for (_, value) in SERIES { td.number { (lang.number(value(week))) } }
                        }
                    }
                }
            }
        }
    }
}

/// A month's bar from `bottom` up, `plot` high: (class, top, height) of each label's part.
fn stacked(month: &MonthSentiment, bottom: f64, plot: f64) -> Vec<(&'static str, f64, f64)> {
    let mut top = bottom;
    [
        ("negative", month.negative_share),
        ("neutral", month.neutral_share),
        ("positive", month.positive_share),
    ]
    .into_iter()
    .map(|(class, share)| {
        let height = plot * share.unwrap_or(0.0);
        top -= height;
        (class, top, height)
    })
    .collect()
}

/// A bar per month split into its negative, neutral and positive shares (a month without texts
/// stays empty).
fn sentiment_chart(months: &[MonthSentiment], lang: Lang) -> Markup {
    const HEIGHT: f64 = 220.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 28.0;
    let plot = HEIGHT - TOP - BOTTOM;
    let left = 40.0;
    let slot = (WIDTH - left - RIGHT) / months.len().max(1) as f64;
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-labelledby="sentiment-chart-title" {
                title #sentiment-chart-title { (lang.t("community-sentiment-chart")) }
                text.scale x=(left - 4.0) y=(TOP + 8.0) text-anchor="end" { "100%" }
                text.scale x=(left - 4.0) y=(TOP + plot) text-anchor="end" { "0%" }
                line.axis x1=(left) y1=(TOP + plot) x2=(WIDTH - RIGHT) y2=(TOP + plot) {}
                @for (i, month) in months.iter().enumerate() {
                    @let x = left + slot * i as f64 + slot * 0.15;
                    @for (class, y, h) in stacked(month, TOP + plot, plot) {
                        rect class=(class) x=(format!("{x:.1}")) y=(format!("{y:.1}")) width=(format!("{:.1}", slot * 0.7)) height=(format!("{h:.1}")) {}
                    }
                    @if i % label_every(months.len()) == 0 {
                        text.month x=(format!("{:.1}", x + slot * 0.35)) y=(HEIGHT - 8.0) text-anchor="middle" { (month.month) }
                    }
                }
            }
            figcaption.legend {
                span.key.negative { (lang.t("community-negative")) } " "
                span.key.neutral { (lang.t("community-neutral")) } " "
                span.key.positive { (lang.t("community-positive")) }
            }
        }
    }
}

fn sentiment_table(months: &[MonthSentiment], lang: Lang) -> Markup {
    html! {
        div.table-scroll {
            table {
                caption { (lang.t("community-sentiment-table")) }
                thead { tr {
                    th scope="col" { (lang.t("insights-month")) }
                    th scope="col" { (lang.t("community-negative")) }
                    th scope="col" { (lang.t("community-neutral")) }
                    th scope="col" { (lang.t("community-positive")) }
                    th scope="col" { (lang.t("community-texts")) }
                } }
                tbody {
                    @for month in months {
                        tr {
                            th scope="row" { (month.month) }
                            td.number { (lang.number(month.negative)) " (" (share_text(month.negative_share)) ")" }
                            td.number { (lang.number(month.neutral)) " (" (share_text(month.neutral_share)) ")" }
                            td.number { (lang.number(month.positive)) " (" (share_text(month.positive_share)) ")" }
                            td.number { (lang.number(month.total)) }
                        }
                    }
                }
            }
        }
    }
}
