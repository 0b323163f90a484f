//! Targets: base-year actual, last year's plan and completion (超额完成 above 100%), the
//! year before's actual and last year's growth in the speech's words, this year's target and
//! growth. Typing either the target or the growth updates the other at once.

use leptos::prelude::*;

use super::explain::LiveNum;
use super::fields::{FieldUnit, NumberField};
use super::use_ctx;
use crate::engine::edit;
use crate::engine::explain::vocabulary::growth_words;
use crate::engine::explain::{shown_bare, shown_text, Figure};
use crate::engine::field::IndicatorField;
use crate::engine::num::Step;
use crate::engine::{Dec, Field, Indicator, TargetSpec};

#[component]
pub fn Targets() -> impl IntoView {
    let ctx = use_ctx();
    let rows = move || {
        ctx.scenario.with(|s| {
            Indicator::ALL
                .into_iter()
                .filter(|k| s.indicator(*k).is_some())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" id="targets" aria-labelledby="targets-title">
            <h2 id="targets-title">{move || ctx.t("全年目标", "Annual targets")}</h2>
            <div class="table-wrap">
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">{move || ctx.t("指标", "Indicator")}</th>
                        <th scope="col">{move || ctx.t("上年实际（亿元）", "Last year's actual (100M CNY)")}</th>
                        // Each input with the figure it gives below it: the table keeps to its card
                        // at 1024 px (tests/e2e/layout.test.mjs).
                        <th scope="col">{move || ctx.t("上年计划（亿元）· 完成率", "Last year's plan (100M CNY) · completion")}</th>
                        <th scope="col">{move || ctx.t("前年实际（亿元）· 上年同比", "The year before (100M CNY) · last year's growth")}</th>
                        <th scope="col">{move || ctx.t("今年目标（亿元）", "This year's target (100M CNY)")}</th>
                        <th scope="col">{move || ctx.t("增长率（%）", "Growth (%)")}</th>
                        <th scope="col">{move || ctx.t("一季度", "Q1")}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|k| *k let:k>
                        <TargetRow indicator=k />
                    </For>
                </tbody>
            </table>
            </div>
        </section>
    }
}

#[component]
fn TargetRow(indicator: Indicator) -> impl IntoView {
    let ctx = use_ctx();
    let k = indicator;
    let key = k.key();
    let name = move || match ctx.lang.get() {
        crate::engine::Lang::Zh => k.zh(),
        crate::engine::Lang::En => k.en(),
    };
    // Memos: an edit of another indicator leaves this row alone.
    let planned = Memo::new(move |_| {
        ctx.computed
            .with(|c| c.as_ref().and_then(|c| c.0.plan.indicator(k).cloned()))
    });
    let planned = move || planned.get();
    // A figure as shown (the same text as its explanation's result), without its unit.
    let shown_bare_of = move |f: Figure| {
        ctx.computed
            .with(|c| c.as_ref().and_then(|c| shown_bare(&c.0.plan, f)))
    };
    let input = Memo::new(move |_| ctx.scenario.with(|s| s.indicator(k).cloned()));
    let input = move || input.get();
    let update = move |f: Box<dyn Fn(&mut crate::engine::IndicatorInput)>| {
        ctx.edit(|s| {
            if let Some(i) = s.indicator_mut(k) {
                f(i)
            }
        })
    };
    let field = move |f: IndicatorField| Field::Indicator(k, f);
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>
                <NumberField
                    id=format!("base-{key}")
                    label=Signal::derive(move || format!("{} {}", name(), ctx.t("上年实际", "last year's actual")))
                    hide_label=true
                    value=Signal::derive(move || input().map(|i| i.base_actual))
                    unit=FieldUnit::YI
                    field=field(IndicatorField::BaseActual)
                    on_commit={move |v: Option<Dec>| { if let Some(v) = v { update(Box::new(move |i| i.base_actual = v)) } }}
                />
            </td>
            <td>
                <NumberField
                    id=format!("plan-{key}")
                    label=Signal::derive(move || format!("{} {}", name(), ctx.t("上年计划", "last year's plan")))
                    hide_label=true
                    empty_ok=true
                    value=Signal::derive(move || input().and_then(|i| i.last_year_plan))
                    unit=FieldUnit::YI
                    field=field(IndicatorField::LastYearPlan)
                    on_commit={move |v: Option<Dec>| update(Box::new(move |i| i.last_year_plan = v))}
                />
                <span class="under figure"><LiveNum figure=Figure::Completion(k) text=Signal::derive(move || shown_bare_of(Figure::Completion(k))) />
                {move || planned().and_then(|p| p.completion).filter(|c| *c > Dec::ONE).map(|_| view! {
                    <span class="badge over" id=format!("over-{key}")>{move || ctx.t("超额完成", "exceeded")}</span>
                })}</span>
            </td>
            <td>
                <NumberField
                    id=format!("before-{key}")
                    label=Signal::derive(move || format!("{} {}", name(), ctx.t("前年实际", "the year before's actual")))
                    hide_label=true
                    empty_ok=true
                    value=Signal::derive(move || input().and_then(|i| i.year_before_actual))
                    unit=FieldUnit::YI
                    non_negative=true
                    field=field(IndicatorField::YearBeforeActual)
                    on_commit={move |v: Option<Dec>| update(Box::new(move |i| i.year_before_actual = v))}
                />
                // In the speech's words: 增长2.04倍, 下降5%; never 增长204% or 增长-5%.
                <span class="under figure"><LiveNum figure=Figure::LastYearGrowth(k) id=format!("last-growth-{key}")
                    text=Signal::derive(move || planned().and_then(|p| p.last_year_growth).map(|g| {
                        growth_words(g.units(Step::PERCENT_2), false, ctx.lang.get())
                    })) /></span>
            </td>
            <td>
                <NumberField
                    id=format!("target-{key}")
                    label=Signal::derive(move || format!("{} {}", name(), ctx.t("今年目标", "target")))
                    hide_label=true
                    value=Signal::derive(move || planned().map(|p| p.target))
                    unit=FieldUnit::YI
                    non_negative=true
                    field=field(IndicatorField::Target)
                    on_commit={move |v: Option<Dec>| { if let Some(v) = v { ctx.edit(|s| { edit::set_target(s, k, TargetSpec::Amount(v)); }) } }}
                />
            </td>
            <td>
                <NumberField
                    id=format!("growth-{key}")
                    label=Signal::derive(move || format!("{} {}", name(), ctx.t("增长率", "growth")))
                    hide_label=true
                    value=Signal::derive(move || planned().and_then(|p| p.growth))
                    unit=FieldUnit::Growth
                    marks_as=Field::Indicator(k, IndicatorField::Target)
                    on_commit={move |v: Option<Dec>| { if let Some(v) = v { ctx.edit(|s| { edit::set_target(s, k, TargetSpec::Growth(v)); }) } }}
                />
                <LiveNum figure=Figure::Growth(k) why=true
                    text=Signal::derive(move || planned().and_then(|p| p.growth).map(|_| ctx.t("为什么", "why").to_string())) />
            </td>
            <td class="figure">
                <LiveNum figure=Figure::QuarterAmount(k, 0) id=format!("q1-{key}")
                    text=Signal::derive(move || ctx.computed.with(|c| c.as_ref().and_then(|c| match ctx.lang.get() {
                        crate::engine::Lang::Zh => shown_text(&c.0.plan, Figure::QuarterAmount(k, 0), crate::engine::Lang::Zh),
                        crate::engine::Lang::En => shown_bare(&c.0.plan, Figure::QuarterAmount(k, 0)),
                    }))) />
            </td>
        </tr>
    }
}
