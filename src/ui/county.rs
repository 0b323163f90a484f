//! The scenario's own settings: county, scenario name, plan year, and the days daily quotas
//! are counted over (calendar days, 春节不放假, or working days per quarter).

use leptos::prelude::*;

use super::fields::{FieldUnit, NumberField, TextField};
use super::use_ctx;
use crate::engine::calendar::{quarter_days, weekdays};
use crate::engine::checklist::checklist;
use crate::engine::field::Setting;
use crate::engine::{Dec, Field, Lang};

/// A typed year kept within what an `i32` holds; validation says when it is out of range.
fn year(v: Dec) -> i32 {
    v.floor_int().clamp(0, 9999) as i32
}

#[component]
pub fn ScenarioSettings() -> impl IntoView {
    let ctx = use_ctx();
    let label =
        move |zh: &'static str, en: &'static str| Signal::derive(move || ctx.t(zh, en).to_string());
    let plan_year = Memo::new(move |_| ctx.scenario.with(|s| s.plan_year));
    let days = Memo::new(move |_| ctx.scenario.with(|s| s.quarter_days));
    let working = move || days.get().is_some();
    let on_days = move |ev: leptos::ev::Event| {
        let working = event_target_value(&ev) == "working";
        ctx.edit(|s| {
            // Working days start from Monday to Friday of the plan year; the office then
            // takes its holidays off.
            s.quarter_days = working.then(|| weekdays(s.plan_year));
        });
    };
    let calendar_text = move || {
        let d = quarter_days(plan_year.get());
        match ctx.lang.get() {
            Lang::Zh => format!(
                "{} 年各季度日历天数：{}、{}、{}、{} 天",
                plan_year.get(),
                d[0],
                d[1],
                d[2],
                d[3]
            ),
            Lang::En => format!(
                "Calendar days of {}'s quarters: {}, {}, {}, {}",
                plan_year.get(),
                d[0],
                d[1],
                d[2],
                d[3]
            ),
        }
    };
    // What is still missing, while anything is: a blank scenario guides instead of showing
    // tables of zeros.
    let checklist = Memo::new(move |_| ctx.scenario.with(checklist));
    let missing = move || checklist.with(|items| items.iter().any(|i| !i.done));
    view! {
        <section class="card" id="scenario-settings" aria-labelledby="scenario-settings-title">
            <h2 id="scenario-settings-title">{move || ctx.t("县与方案", "County and scenario")}</h2>
            <Show when=missing>
                <ol class="checklist no-print" id="checklist">
                    {move || {
                        let lang = ctx.lang.get();
                        checklist.get().into_iter().map(|item| {
                            let (zh, en) = item.step.names();
                            let name = if lang == Lang::Zh { zh } else { en };
                            let mark = if item.done { "✓" } else { "○" };
                            view! {
                                <li class:done=item.done>
                                    <span class="mark" aria-hidden="true">{mark}</span>
                                    <strong>{name}</strong>
                                    <span class="detail">{match lang {
                                        Lang::Zh => format!("：{}", item.detail.zh),
                                        Lang::En => format!(": {}", item.detail.en),
                                    }}</span>
                                </li>
                            }
                        }).collect_view()
                    }}
                </ol>
            </Show>
            <div class="settings-row">
                <TextField id="county-field" label=label("县（市、区）名", "County")
                    value=Signal::derive(move || ctx.scenario.with(|s| s.county.clone()))
                    on_commit={move |v: String| ctx.edit(|s| s.county = v)} />
                <TextField id="scenario-name-field" label=label("方案名称", "Scenario name")
                    value=Signal::derive(move || ctx.scenario.with(|s| s.name.clone()))
                    on_commit={move |v: String| ctx.edit(|s| s.name = v)} />
                <NumberField id="plan-year" unit=FieldUnit::Count non_negative=true
                    label=label("计划年份", "Plan year")
                    value=Signal::derive(move || Some(Dec::int(i64::from(plan_year.get()))))
                    field=Field::Setting(Setting::PlanYear)
                    on_commit={move |v: Option<Dec>| { if let Some(v) = v { ctx.edit(|s| s.plan_year = year(v)) } }} />
                <span class="field">
                    <span class="field-label">{move || ctx.t("基年", "Base year")}</span>
                    <span id="base-year" class="figure-text">{move || plan_year.get() - 1}</span>
                </span>
            </div>
            <div class="settings-row">
                <span class="field">
                    <label for="day-count">{move || ctx.t("日均按", "Daily quotas over")}</label>
                    <select id="day-count" on:change=on_days>
                        <option value="calendar" selected=move || !working()>
                            {move || ctx.t("日历天数（春节不放假）", "calendar days (no holiday break)")}
                        </option>
                        <option value="working" selected=working>
                            {move || ctx.t("工作日（按季度填写）", "working days (per quarter)")}
                        </option>
                    </select>
                </span>
                {move || match days.get() {
                    None => view! { <p class="hint" id="calendar-days">{calendar_text}</p> }.into_any(),
                    Some(_) => (0..4usize).map(|q| {
                        let name = move || match ctx.lang.get() {
                            Lang::Zh => format!("{}工作日", crate::engine::calendar::quarter_zh(q)),
                            Lang::En => format!("{} working days", crate::engine::calendar::quarter_en(q)),
                        };
                        view! {
                            <NumberField id=format!("days-q{}", q + 1) unit=FieldUnit::Count non_negative=true
                                label=Signal::derive(name)
                                value=Signal::derive(move || days.get().map(|d| Dec::int(i64::from(d[q]))))
                                field=Field::QuarterDays(q)
                                on_commit={move |v: Option<Dec>| { if let Some(v) = v {
                                    let n = v.floor_int().clamp(0, 1000) as u32;
                                    ctx.edit(|s| if let Some(d) = &mut s.quarter_days { d[q] = n })
                                } }} />
                        }
                    }).collect_view().into_any(),
                }}
            </div>
        </section>
    }
}
