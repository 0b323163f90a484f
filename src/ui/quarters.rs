//! Quarters: four shares with their sum, auto-balance, last year's seasonal pattern; per
//! quarter the amount (typing it solves the share), cumulative amount, task progress
//! against time progress, daily quota and year-on-year growth.

use leptos::prelude::*;

use super::explain::{LiveNum, Num};
use super::fields::{FieldUnit, NumberField};
use super::use_ctx;
use crate::engine::calendar::{quarter_en, quarter_zh};
use crate::engine::edit::share_for_quarter_amount;
use crate::engine::explain::{shown_bare, Figure};
use crate::engine::field::IndicatorField;
use crate::engine::format::{fixed_units, rate_text};
use crate::engine::num::Step;
use crate::engine::quarters::{auto_balance, seasonal_pattern, share_sum, shares_balanced};
use crate::engine::{Dec, Field, Indicator, Lang};

/// The shares an indicator uses: its own, or the scenario's.
fn shares_of(s: &crate::engine::Scenario, k: Indicator) -> [Dec; 4] {
    s.indicator(k)
        .and_then(|i| i.quarter_shares)
        .unwrap_or(s.quarter_shares)
}

fn set_shares(s: &mut crate::engine::Scenario, k: Indicator, shares: [Dec; 4]) {
    match s.indicator_mut(k) {
        Some(i) if i.quarter_shares.is_some() => i.quarter_shares = Some(shares),
        _ => s.quarter_shares = shares,
    }
}

#[component]
pub fn Quarters() -> impl IntoView {
    let ctx = use_ctx();
    let locked = RwSignal::new([false; 4]);
    let message = RwSignal::new(None::<(&'static str, &'static str)>);
    let k = move || ctx.indicator.get();
    let shares = move || ctx.scenario.with(|s| shares_of(s, k()));
    let own_shares = move || {
        ctx.scenario
            .with(|s| s.indicator(k()).and_then(|i| i.quarter_shares).is_some())
    };
    let share_field = move |q: usize| {
        if own_shares() {
            Field::Indicator(k(), IndicatorField::QuarterShare(q))
        } else {
            Field::QuarterShare(q)
        }
    };
    // A figure as shown (the same text as its explanation's result), without its unit.
    let figure_text = move |f: Figure| {
        ctx.computed
            .with(|c| c.as_ref().and_then(|c| shown_bare(&c.0.plan, f)))
    };
    let planned = move || {
        ctx.computed
            .with(|c| c.as_ref().and_then(|c| c.0.plan.indicator(k()).cloned()))
    };
    let base_quarters = move || {
        ctx.scenario
            .with(|s| s.indicator(k()).and_then(|i| i.base_quarters))
    };

    let balance = move |_| match auto_balance(&shares(), &locked.get()) {
        Some(b) => {
            message.set(None);
            ctx.edit(|s| set_shares(s, k(), b));
        }
        None => message.set(Some((
            "无法自动平衡：其余季度合计已超过 100%，或四个季度都已锁定",
            "Cannot balance: the other quarters already exceed 100%, or all four are locked",
        ))),
    };
    let seasonal = move |_| match base_quarters().as_ref().and_then(seasonal_pattern) {
        Some(p) => {
            message.set(None);
            ctx.edit(|s| set_shares(s, k(), p));
        }
        None => message.set(Some((
            "没有上年分季度实际数，无法套用上年季节规律",
            "Last year's quarterly actuals are missing, so there is no seasonal pattern to use",
        ))),
    };

    // Last year's actual of a quarter (上年同期), for its year-on-year growth and the seasonal
    // pattern. Cleared quarters count nothing; all four cleared, there are none.
    let commit_base_quarter = move |q: usize, v: Option<Dec>| {
        ctx.edit(|s| {
            if let Some(i) = s.indicator_mut(k()) {
                let mut quarters = i.base_quarters.unwrap_or([Dec::ZERO; 4]);
                quarters[q] = v.unwrap_or(Dec::ZERO);
                i.base_quarters = (!quarters.iter().all(|b| b.is_zero())).then_some(quarters);
            }
        })
    };
    // Last year's quarters pasted from a spreadsheet into one of the fields: that quarter and
    // the ones after it.
    let paste_message = RwSignal::new(None::<crate::engine::Bilingual>);
    let paste_base_quarters = move |from: usize, cells: Vec<String>| {
        let existing = base_quarters();
        match crate::engine::quarters::paste_base_quarters(existing, from, &cells) {
            Ok(quarters) => {
                paste_message.set(None);
                ctx.library.close_step();
                ctx.edit(|s| {
                    if let Some(i) = s.indicator_mut(k()) {
                        i.base_quarters = Some(quarters);
                    }
                });
                ctx.library.close_step();
            }
            Err(why) => paste_message.set(Some(why)),
        }
    };
    let toggle_own = move |ev: leptos::ev::Event| {
        let own = event_target_checked(&ev);
        ctx.edit(|s| {
            let county = s.quarter_shares;
            if let Some(i) = s.indicator_mut(k()) {
                // Its own shares start from the county's, so that nothing moves until edited.
                i.quarter_shares = own.then_some(i.quarter_shares.unwrap_or(county));
            }
        });
        ctx.library.close_step();
    };

    let quarter_row = move |q: usize| {
        let name = move || match ctx.lang.get() {
            Lang::Zh => quarter_zh(q),
            Lang::En => quarter_en(q),
        };
        let commit_share = move |v: Option<Dec>| {
            if let Some(v) = v {
                ctx.edit(|s| {
                    let mut sh = shares_of(s, k());
                    sh[q] = v;
                    set_shares(s, k(), sh);
                })
            }
        };
        // Typing a quarter's amount solves its share backwards: s = Q / T.
        let commit_amount = move |v: Option<Dec>| {
            let (Some(v), Some(p)) = (v, planned()) else {
                return;
            };
            if let Some(share) = share_for_quarter_amount(p.target, v) {
                ctx.edit(|s| {
                    let mut sh = shares_of(s, k());
                    sh[q] = share;
                    set_shares(s, k(), sh);
                });
            }
        };
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td>
                    <NumberField
                        id=format!("share-q{}", q + 1)
                        label=Signal::derive(move || format!("{} {}", name(), ctx.t("占比（%）", "share (%)")))
                        hide_label=true
                        value=Signal::derive(move || Some(shares()[q]))
                        unit=FieldUnit::Percent
                        field=Signal::derive(move || Some(share_field(q)))
                        on_commit=commit_share
                    />
                    <label class="lock">
                        <input type="checkbox"
                            prop:checked=move || locked.get()[q]
                            on:change=move |ev| { let on = event_target_checked(&ev); locked.update(|l| l[q] = on) } />
                        <span>{move || ctx.t("锁定", "lock")}</span>
                    </label>
                </td>
                <td>
                    <NumberField
                        id=format!("amount-q{}", q + 1)
                        label=Signal::derive(move || format!("{} {}", name(), ctx.t("任务（亿元）", "amount (100M CNY)")))
                        hide_label=true
                        value=Signal::derive(move || planned().map(|p| p.quarters[q].amount))
                        unit=FieldUnit::YI
                        non_negative=true
                        on_commit=commit_amount
                    />
                    <Num figure=Figure::QuarterAmount(k(), q) id=format!("quarter-amount-q{}", q + 1)
                        text=Signal::derive(move || ctx.t("为什么", "why").to_string()) why=true />
                </td>
                <td class="figure">
                    <LiveNum figure=Figure::Cumulative(k(), q) text=Signal::derive(move || figure_text(Figure::Cumulative(k(), q))) />
                </td>
                <td class="figure">
                    <LiveNum figure=Figure::TaskProgress(k(), q) text=Signal::derive(move || figure_text(Figure::TaskProgress(k(), q))) />
                    {move || planned().is_some().then_some(" / ")}
                    <LiveNum figure=Figure::TimeProgress(q) text=Signal::derive(move || figure_text(Figure::TimeProgress(q))) />
                    <span class="gap" class:behind=move || planned().is_some_and(|p| p.quarters[q].progress_gap.is_negative())>
                        {move || planned().map(|p| {
                            let points = p.quarters[q].progress_gap.units(Step::PERCENT_2);
                            format!(" ({}{})", if points >= 0 { "+" } else { "" }, fixed_units(points, 2))
                        }).unwrap_or_default()}
                    </span>
                </td>
                <td class="figure">
                    <LiveNum figure=Figure::Daily(k(), q) id=format!("daily-q{}", q + 1) text=Signal::derive(move || figure_text(Figure::Daily(k(), q))) />
                </td>
                <td>
                    <NumberField
                        id=format!("base-q{}", q + 1)
                        label=Signal::derive(move || format!("{} {}", name(), ctx.t("上年同期（亿元）", "same quarter last year (100M CNY)")))
                        hide_label=true
                        empty_ok=true
                        value=Signal::derive(move || base_quarters().map(|b| b[q]).filter(|b| !b.is_zero()))
                        unit=FieldUnit::YI
                        non_negative=true
                        field=Signal::derive(move || Some(Field::Indicator(k(), IndicatorField::BaseQuarter(q))))
                        on_commit={move |v: Option<Dec>| commit_base_quarter(q, v)}
                        on_paste_cells={move |cells: Vec<String>| paste_base_quarters(q, cells)}
                    />
                </td>
                <td class="figure">
                    <LiveNum figure=Figure::QuarterGrowth(k(), q) text=Signal::derive(move || figure_text(Figure::QuarterGrowth(k(), q))) />
                </td>
            </tr>
        }
    };

    view! {
        <section class="card" id="quarters" aria-labelledby="quarters-title">
            <h2 id="quarters-title">
                {move || ctx.t("季度分解", "Quarters")} " · "
                <IndicatorPicker id="quarters-indicator" />
            </h2>
            <p class="share-sum" class:unbalanced=move || !shares_balanced(&shares())>
                {move || ctx.t("四季度占比合计：", "Sum of the four shares: ")}
                <strong id="share-sum">{move || format!("{}%", rate_text(share_sum(&shares())))}</strong>
                {move || (!shares_balanced(&shares())).then(|| ctx.t("（应为 100%）", " (must be 100%)"))}
                {move || own_shares().then(|| ctx.t("（本指标单独设定）", " (this indicator's own)"))}
            </p>
            <label class="own-shares">
                <input type="checkbox" id="own-shares" prop:checked=own_shares on:change=toggle_own />
                {move || ctx.t("本指标单独设定季度占比（不随全县）", "This indicator has its own quarter shares (not the county's)")}
            </label>
            <div class="actions">
                <button type="button" id="auto-balance" on:click=balance>{move || ctx.t("自动平衡", "Auto-balance")}</button>
                <button type="button" id="seasonal" on:click=seasonal>{move || ctx.t("套用上年季节规律", "Use last year's seasonal pattern")}</button>
                <span class="field-error" role="alert">{move || message.get().map(|(zh, en)| ctx.t(zh, en))}</span>
                <span class="field-error" id="base-quarters-error" role="alert">{move || paste_message.get().map(|m| m.get(ctx.lang.get()).to_string())}</span>
            </div>
            <div class="table-wrap">
            <table class="grid">
                <thead><tr>
                    <th scope="col">{move || ctx.t("季度", "Quarter")}</th>
                    <th scope="col">{move || ctx.t("占比（%）", "Share (%)")}</th>
                    <th scope="col">{move || ctx.t("任务（亿元）", "Amount (100M CNY)")}</th>
                    <th scope="col">{move || ctx.t("累计（亿元）", "Cumulative (100M CNY)")}</th>
                    <th scope="col">{move || ctx.t("任务进度 / 时间进度", "Task / time progress")}</th>
                    <th scope="col">{move || ctx.t("日均（万元）", "Daily (10k CNY)")}</th>
                    <th scope="col">{move || ctx.t("上年同期（亿元）", "Same quarter last year (100M CNY)")}</th>
                    <th scope="col">{move || ctx.t("同比增长", "Year on year")}</th>
                </tr></thead>
                <tbody>{(0..4).map(quarter_row).collect_view()}</tbody>
            </table>
            </div>
        </section>
    }
}

/// Choose the indicator shown by the quarter table and the decomposition.
#[component]
pub fn IndicatorPicker(#[prop(into)] id: String) -> impl IntoView {
    let ctx = use_ctx();
    // A memo, so that the options are not rebuilt on every edit of the scenario.
    let options = Memo::new(move |_| {
        ctx.scenario.with(|s| {
            Indicator::ALL
                .into_iter()
                .filter(|k| s.indicator(*k).is_some())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <label class="visually-hidden" for=id.clone()>{move || ctx.t("指标", "Indicator")}</label>
        <select id=id class="indicator-picker" on:change=move |ev| {
            let key = event_target_value(&ev);
            if let Some(k) = Indicator::ALL.into_iter().find(|k| k.key() == key) { ctx.indicator.set(k) }
        }>
            {move || options.get().into_iter().map(|k| {
                let lang = ctx.lang.get();
                view! {
                    <option value=k.key() selected=move || ctx.indicator.get() == k>
                        {if lang == Lang::Zh { k.zh() } else { k.en() }}
                    </option>
                }
            }).collect_view()}
        </select>
    }
}
