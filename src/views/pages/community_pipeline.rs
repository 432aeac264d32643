//! The sections of `/insights` about ideas and the pipeline: the funnel of the period's ideas,
//! "Ideas in action" (implemented ideas per quarter), "needs attention" (the most negative ideas
//! still waiting for an answer) and "rising" (the ideas whose points grew most) — each chart with
//! its title and a table of the same numbers.

use maud::{Markup, html};

use crate::views::pages::insights::share_text;

use crate::domain::funnel::FunnelStep;
use crate::domain::read::IdeaCard;
use crate::i18n::Lang;
use crate::services::community::QuarterInAction;
use crate::views::components::idea_card::{area_label, status_badge};
use crate::views::pages::community::label_every;

const WIDTH: f64 = 640.0;
const LEFT: f64 = 140.0;
const RIGHT: f64 = 56.0;

fn days_text(days: Option<f64>, lang: Lang) -> String {
    days.map_or_else(
        || "—".to_string(),
        |days| {
            lang.t_with(
                "community-days",
                &[("days", crate::i18n::Arg::from(format!("{days}")))],
            )
        },
    )
}

/// The key of a step's name.
fn step_key(step: &str) -> &'static str {
    match step {
        "submitted" => "community-step-submitted",
        "answered" => "community-step-answered",
        "planned" => "community-step-planned",
        _ => "community-step-implemented",
    }
}

/// Horizontal bars, one per idea: its label ("#12"), its length's value and the text beside it.
fn idea_bars(id: &str, title: &str, bars: &[(String, f64, String)]) -> Markup {
    const ROW: f64 = 24.0;
    let height = ROW * bars.len() as f64 + 8.0;
    let left = 64.0;
    let plot = WIDTH - left - RIGHT;
    let max = bars
        .iter()
        .map(|(_, value, _)| *value)
        .fold(0.0, f64::max)
        .max(f64::EPSILON);
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-labelledby=(id) {
                title #(id) { (title) }
                @for (i, (label, value, text)) in bars.iter().enumerate() {
                    @let top = 4.0 + ROW * i as f64;
                    @let width = plot * value / max;
                    text.series x=(left - 8.0) y=(format!("{:.1}", top + ROW / 2.0 + 4.0)) text-anchor="end" { (label) }
                    rect.activity x=(left) y=(format!("{:.1}", top + 4.0)) width=(format!("{width:.1}")) height=(format!("{:.1}", ROW - 8.0)) {}
                    text.scale x=(format!("{:.1}", left + width + 4.0)) y=(format!("{:.1}", top + ROW / 2.0 + 4.0)) { (text) }
                }
            }
        }
    }
}

/// A row's heading cell naming an idea: its link, status and area.
fn idea_cell(card: &IdeaCard, lang: Lang) -> Markup {
    html! {
        th scope="row" {
            a href=(format!("/ideas/{}", card.number)) { "#" (card.number) " " (card.title) }
            " " (status_badge(&card.status, lang)) (area_label(card.area.as_ref(), lang))
        }
    }
}

/// A bar per step as long as its share of the submitted ideas.
pub fn funnel_section(steps: &[FunnelStep], csv: &str, lang: Lang) -> Markup {
    const ROW: f64 = 34.0;
    let height = ROW * steps.len() as f64 + 8.0;
    let plot = WIDTH - LEFT - RIGHT;
    html! {
        section aria-labelledby="funnel-heading" {
            h2 #funnel-heading { (lang.t("community-funnel")) }
            p.muted { (lang.t("community-funnel-lead")) }
            figure.chart {
                svg viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-labelledby="funnel-chart-title" {
                    title #funnel-chart-title { (lang.t("community-funnel-chart")) }
                    @for (i, step) in steps.iter().enumerate() {
                        @let top = 4.0 + ROW * i as f64;
                        @let width = plot * step.share.unwrap_or(0.0);
                        text.series x=(LEFT - 8.0) y=(format!("{:.1}", top + ROW / 2.0)) text-anchor="end" { (lang.t(step_key(step.step))) }
                        rect.activity x=(LEFT) y=(format!("{:.1}", top + 4.0)) width=(format!("{width:.1}")) height=(format!("{:.1}", ROW - 10.0)) {}
                        text.scale x=(format!("{:.1}", LEFT + width + 4.0)) y=(format!("{:.1}", top + ROW / 2.0)) { (share_text(step.share)) }
                    }
                }
            }
            div.table-scroll {
                table {
                    caption { (lang.t("community-funnel-table")) }
                    thead { tr {
                        th scope="col" { (lang.t("community-step")) }
                        th scope="col" { (lang.t("community-ideas")) }
                        th scope="col" { (lang.t("community-share")) }
                        th scope="col" { (lang.t("community-median-days")) }
                    } }
                    tbody {
                        @for step in steps {
                            tr {
                                th scope="row" { (lang.t(step_key(step.step))) }
                                td.number { (lang.number(step.ideas)) }
                                td.number { (share_text(step.share)) }
                                td.number { (days_text(step.median_days, lang)) }
                            }
                        }
                    }
                }
            }
            p { a href=(csv) download { (lang.t("community-funnel-csv")) } }
        }
    }
}

/// Stacked bars per quarter: implemented, then partially implemented.
pub fn in_action_section(quarters: &[QuarterInAction], csv: &str, lang: Lang) -> Markup {
    const HEIGHT: f64 = 200.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 26.0;
    let plot = HEIGHT - TOP - BOTTOM;
    let left = 48.0;
    let slot = (WIDTH - left - 16.0) / quarters.len().max(1) as f64;
    let max = quarters
        .iter()
        .map(|q| q.implemented + q.partially_implemented)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    html! {
        section aria-labelledby="in-action-heading" {
            h2 #in-action-heading { (lang.t("community-in-action")) }
            p.muted { (lang.t("community-in-action-lead")) }
            figure.chart {
                svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-labelledby="in-action-chart-title" {
                    title #in-action-chart-title { (lang.t("community-in-action-chart")) }
                    text.scale x=(left - 4.0) y=(TOP + 8.0) text-anchor="end" { (lang.number(max as i64)) }
                    line.axis x1=(left) y1=(TOP + plot) x2=(WIDTH - 16.0) y2=(TOP + plot) {}
                    @for (i, quarter) in quarters.iter().enumerate() {
                        @let x = left + slot * i as f64 + slot * 0.2;
                        @let done = plot * quarter.implemented as f64 / max;
                        @let partly = plot * quarter.partially_implemented as f64 / max;
                        rect.positive x=(format!("{x:.1}")) y=(format!("{:.1}", TOP + plot - done)) width=(format!("{:.1}", slot * 0.6)) height=(format!("{done:.1}")) {}
                        rect.neutral x=(format!("{x:.1}")) y=(format!("{:.1}", TOP + plot - done - partly)) width=(format!("{:.1}", slot * 0.6)) height=(format!("{partly:.1}")) {}
                        @if i % label_every(quarters.len()) == 0 {
                            text.month x=(format!("{:.1}", x + slot * 0.3)) y=(HEIGHT - 8.0) text-anchor="middle" { (quarter.quarter) }
                        }
                    }
                }
                figcaption.legend {
                    span.key.positive { (lang.t("community-implemented")) } " "
                    span.key.neutral { (lang.t("community-partially-implemented")) }
                }
            }
            div.table-scroll {
                table {
                    caption { (lang.t("community-in-action-table")) }
                    thead { tr {
                        th scope="col" { (lang.t("community-quarter")) }
                        th scope="col" { (lang.t("community-implemented")) }
                        th scope="col" { (lang.t("community-partially-implemented")) }
                    } }
                    tbody {
                        @for quarter in quarters {
                            tr {
                                th scope="row" { (quarter.quarter) }
                                td.number { (lang.number(quarter.implemented)) }
                                td.number { (lang.number(quarter.partially_implemented)) }
                            }
                        }
                    }
                }
            }
            p { a href=(csv) download { (lang.t("community-in-action-csv")) } }
        }
    }
}

/// The most negative ideas still waiting for an official answer, each linked to its page.
pub fn attention_section(ideas: &[(IdeaCard, f64)], csv: &str, lang: Lang) -> Markup {
    let bars: Vec<(String, f64, String)> = ideas
        .iter()
        .map(|(card, score)| (format!("#{}", card.number), -score, format!("{score:.2}")))
        .collect();
    html! {
        section aria-labelledby="attention-heading" {
            h2 #attention-heading { (lang.t("community-attention")) }
            p.muted { (lang.t("community-attention-lead")) }
            @if ideas.is_empty() {
                p { (lang.t("community-attention-none")) }
            } @else {
                (idea_bars("attention-chart-title", &lang.t("community-attention-chart"), &bars))
                div.table-scroll {
                    table {
                        thead { tr {
                            th scope="col" { (lang.t("community-idea")) }
                            th scope="col" { (lang.t("community-score")) }
                            th scope="col" { (lang.t("community-comments")) }
                            th scope="col" { (lang.t("community-points")) }
                        } }
                        tbody {
                            @for (card, score) in ideas {
                                tr {
                                    (idea_cell(card, lang))
                                    td.number { (format!("{score:.2}")) }
                                    td.number { (lang.number(card.comment_count)) }
                                    td.number { (lang.number(card.points())) }
                                }
                            }
                        }
                    }
                }
                p { a href=(csv) download { (lang.t("community-attention-csv")) } }
            }
        }
    }
}

/// The ideas whose points grew most in the period, each linked to its page.
pub fn rising_section(ideas: &[(IdeaCard, i64)], csv: &str, lang: Lang) -> Markup {
    let bars: Vec<(String, f64, String)> = ideas
        .iter()
        .map(|(card, gained)| {
            (
                format!("#{}", card.number),
                *gained as f64,
                format!("+{gained}"),
            )
        })
        .collect();
    html! {
        section aria-labelledby="rising-heading" {
            h2 #rising-heading { (lang.t("community-rising")) }
            p.muted { (lang.t("community-rising-lead")) }
            @if ideas.is_empty() {
                p { (lang.t("community-rising-none")) }
            } @else {
                (idea_bars("rising-chart-title", &lang.t("community-rising-chart"), &bars))
                div.table-scroll {
                    table {
                        thead { tr {
                            th scope="col" { (lang.t("community-idea")) }
                            th scope="col" { (lang.t("community-gained")) }
                            th scope="col" { (lang.t("community-points")) }
                        } }
                        tbody {
                            @for (card, gained) in ideas {
                                tr {
                                    (idea_cell(card, lang))
                                    td.number { "+" (lang.number(*gained)) }
                                    td.number { (lang.number(card.points())) }
                                }
                            }
                        }
                    }
                }
                p { a href=(csv) download { (lang.t("community-rising-csv")) } }
            }
        }
    }
}
