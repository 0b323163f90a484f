//! The other inputs of the speech: county GDP and industry's share, the five-year horizon,
//! the sales-to-output ratio, key projects, parks and the fleet threshold.

use leptos::prelude::*;

use super::fields::{FieldUnit, NumberField, TextField};
use super::use_ctx;
use crate::engine::field::{FiveYearField, GdpField, Setting};
use crate::engine::{Dec, Field, FiveYearInput, GdpInput, Park, Scenario, TargetSpec};

/// A year typed as a whole number, kept within what validation accepts.
fn year(v: Dec) -> i32 {
    v.floor_int().clamp(1900, 2200) as i32
}

fn growth_of(spec: TargetSpec) -> Option<Dec> {
    match spec {
        TargetSpec::Growth(g) => Some(g),
        _ => None,
    }
}

#[component]
pub fn Settings() -> impl IntoView {
    let ctx = use_ctx();
    // The park rows are rebuilt only when parks are added or removed, not on every edit.
    let parks = Memo::new(move |_| ctx.scenario.with(|s| s.parks.len()));
    let edit = move |f: Box<dyn Fn(&mut Scenario)>| ctx.edit(|s| f(s));
    let gdp = move || ctx.scenario.with(|s| s.gdp.clone());
    let five = move || ctx.scenario.with(|s| s.five_year.clone());
    let label =
        move |zh: &'static str, en: &'static str| Signal::derive(move || ctx.t(zh, en).to_string());
    let gdp_edit = move |f: Box<dyn Fn(&mut GdpInput)>| {
        edit(Box::new(move |s| {
            let g = s.gdp.get_or_insert(GdpInput {
                gdp_base: Dec::int(100),
                gdp_target: TargetSpec::Growth(Dec::ZERO),
                industry_va_base: Dec::ZERO,
                industry_va_target: TargetSpec::Growth(Dec::ZERO),
                target_share: None,
                gdp_price_index: None,
                va_price_index: None,
            });
            f(g)
        }))
    };
    let five_edit = move |f: Box<dyn Fn(&mut FiveYearInput)>| {
        edit(Box::new(move |s| {
            let base_year = s.plan_year - 2;
            let y = s.five_year.get_or_insert(FiveYearInput {
                base_year,
                end_year: base_year + 5,
                base: Dec::ONE,
                target: TargetSpec::Multiple(Dec::ONE),
                gdp_base: None,
                gdp_growth: None,
                target_share: None,
            });
            f(y)
        }))
    };
    view! {
        <section class="card" id="settings" aria-labelledby="settings-title">
            <h2 id="settings-title">{move || ctx.t("GDP、“十四五”、产销、项目、园区与舰队", "GDP, five-year horizon, sales, projects, parks and fleet")}</h2>
            <div class="settings-grid">
                <fieldset>
                    <legend>{move || ctx.t("全县GDP与工业增加值（今年）", "County GDP and industry value added (this year)")}</legend>
                    <NumberField id="gdp-base" unit=FieldUnit::YI non_negative=true label=label("上年GDP（亿元）", "Last year's GDP (100M CNY)")
                        value=Signal::derive(move || gdp().map(|g| g.gdp_base)) field=Field::Gdp(GdpField::GdpBase)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { gdp_edit(Box::new(move |g| g.gdp_base = v)) }} />
                    <NumberField id="gdp-growth" unit=FieldUnit::Percent label=label("GDP增速（%）", "GDP growth (%)")
                        value=Signal::derive(move || gdp().and_then(|g| growth_of(g.gdp_target))) field=Field::Gdp(GdpField::GdpTarget)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { gdp_edit(Box::new(move |g| g.gdp_target = TargetSpec::Growth(v))) }} />
                    <NumberField id="va-base" unit=FieldUnit::YI non_negative=true label=label("上年全部工业增加值（亿元）", "Last year's industry value added (100M CNY)")
                        value=Signal::derive(move || gdp().map(|g| g.industry_va_base)) field=Field::Gdp(GdpField::IndustryVaBase)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { gdp_edit(Box::new(move |g| g.industry_va_base = v)) }} />
                    <NumberField id="va-growth" unit=FieldUnit::Percent label=label("工业增加值增速（%）", "Industry value added growth (%)")
                        value=Signal::derive(move || gdp().and_then(|g| growth_of(g.industry_va_target))) field=Field::Gdp(GdpField::IndustryVaTarget)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { gdp_edit(Box::new(move |g| g.industry_va_target = TargetSpec::Growth(v))) }} />
                    <NumberField id="gdp-share" unit=FieldUnit::Percent empty_ok=true label=label("目标占比（%）", "Wanted share (%)")
                        value=Signal::derive(move || gdp().and_then(|g| g.target_share)) field=Field::Gdp(GdpField::TargetShare)
                        on_commit={move |v: Option<Dec>| gdp_edit(Box::new(move |g| g.target_share = v))} />
                </fieldset>
                <fieldset>
                    <legend>{move || ctx.t("“十四五”全部工业增加值", "Five-year horizon: industry value added")}</legend>
                    <NumberField id="five-base-year" unit=FieldUnit::Count non_negative=true label=label("基期年份", "Base year")
                        value=Signal::derive(move || five().map(|f| Dec::int(i64::from(f.base_year)))) field=Field::FiveYear(FiveYearField::BaseYear)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { five_edit(Box::new(move |f| f.base_year = year(v))) }} />
                    <NumberField id="five-end-year" unit=FieldUnit::Count non_negative=true label=label("目标年份", "End year")
                        value=Signal::derive(move || five().map(|f| Dec::int(i64::from(f.end_year)))) field=Field::FiveYear(FiveYearField::EndYear)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { five_edit(Box::new(move |f| f.end_year = year(v))) }} />
                    <NumberField id="five-base" unit=FieldUnit::YI non_negative=true label=label("基期增加值（亿元）", "Base-year value (100M CNY)")
                        value=Signal::derive(move || five().map(|f| f.base)) field=Field::FiveYear(FiveYearField::Base)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { five_edit(Box::new(move |f| f.base = v)) }} />
                    <NumberField id="five-multiple" unit=FieldUnit::Times non_negative=true label=label("是基期的几倍", "Multiple of the base")
                        value=Signal::derive(move || five().and_then(|f| match f.target { TargetSpec::Multiple(m) => Some(m), _ => None }))
                        field=Field::FiveYear(FiveYearField::Target)
                        on_commit={move |v: Option<Dec>| if let Some(v) = v { five_edit(Box::new(move |f| f.target = TargetSpec::Multiple(v))) }} />
                    <NumberField id="five-gdp-base" unit=FieldUnit::YI empty_ok=true non_negative=true label=label("基期GDP（亿元）", "Base-year GDP (100M CNY)")
                        value=Signal::derive(move || five().and_then(|f| f.gdp_base)) field=Field::FiveYear(FiveYearField::GdpBase)
                        on_commit={move |v: Option<Dec>| five_edit(Box::new(move |f| f.gdp_base = v))} />
                    <NumberField id="five-gdp-growth" unit=FieldUnit::Percent empty_ok=true label=label("GDP年均增速（%）", "GDP yearly growth (%)")
                        value=Signal::derive(move || five().and_then(|f| f.gdp_growth)) field=Field::FiveYear(FiveYearField::GdpGrowth)
                        on_commit={move |v: Option<Dec>| five_edit(Box::new(move |f| f.gdp_growth = v))} />
                    <NumberField id="five-share" unit=FieldUnit::Percent empty_ok=true label=label("期末目标占比（%）", "Wanted end-year share (%)")
                        value=Signal::derive(move || five().and_then(|f| f.target_share)) field=Field::FiveYear(FiveYearField::TargetShare)
                        on_commit={move |v: Option<Dec>| five_edit(Box::new(move |f| f.target_share = v))} />
                </fieldset>
                <fieldset>
                    <legend>{move || ctx.t("产销、项目与舰队", "Sales, projects and fleet")}</legend>
                    <NumberField id="sales-ratio" unit=FieldUnit::Percent empty_ok=true label=label("产销率（%）", "Sales-to-output ratio (%)")
                        value=Signal::derive(move || ctx.scenario.with(|s| s.sales_ratio_target)) field=Field::Setting(Setting::SalesRatio)
                        on_commit={move |v: Option<Dec>| edit(Box::new(move |s| s.sales_ratio_target = v))} />
                    <NumberField id="projects-count" unit=FieldUnit::Count empty_ok=true non_negative=true label=label("重点项目个数（空 = 按分解树）", "Key projects (empty: those in the tree)")
                        value=Signal::derive(move || ctx.scenario.with(|s| s.projects.count.map(|n| Dec::int(i64::from(n)))))
                        field=Field::Setting(Setting::ProjectCount)
                        on_commit={move |v: Option<Dec>| edit(Box::new(move |s| s.projects.count = v.map(|n| n.floor_int().clamp(0, 1_000_000) as u32)))} />
                    <NumberField id="projects-start-rate" unit=FieldUnit::Percent empty_ok=true label=label("一季度开工率（%）", "Q1 start rate (%)")
                        value=Signal::derive(move || ctx.scenario.with(|s| s.projects.q1_start_rate)) field=Field::Setting(Setting::ProjectStartRate)
                        on_commit={move |v: Option<Dec>| edit(Box::new(move |s| s.projects.q1_start_rate = v))} />
                    <NumberField id="fleet-threshold" unit=FieldUnit::YI empty_ok=true non_negative=true label=label("企业舰队门槛（亿元）", "Fleet threshold (100M CNY)")
                        value=Signal::derive(move || ctx.scenario.with(|s| s.fleet_threshold)) field=Field::Setting(Setting::FleetThreshold)
                        on_commit={move |v: Option<Dec>| edit(Box::new(move |s| s.fleet_threshold = v))} />
                </fieldset>
                <fieldset>
                    <legend>{move || ctx.t("园区", "Industrial parks")}</legend>
                    {move || (0..parks.get()).map(|i| view! {
                        <div class="park">
                            <TextField id=format!("park-name-{i}") label=label("园区名称", "Park")
                                value=Signal::derive(move || ctx.scenario.with(|s| s.parks.get(i).map(|p| p.name.clone()).unwrap_or_default()))
                                on_commit={move |v: String| edit(Box::new(move |s| if let Some(p) = s.parks.get_mut(i) { p.name = v.clone() }))} />
                            <NumberField id=format!("park-share-{i}") unit=FieldUnit::Percent label=label("占全县工业（%）", "Share of county industry (%)")
                                value=Signal::derive(move || ctx.scenario.with(|s| s.parks.get(i).map(|p| p.share_target)))
                                field=Field::ParkShare(i)
                                on_commit={move |v: Option<Dec>| if let Some(v) = v { edit(Box::new(move |s| if let Some(p) = s.parks.get_mut(i) { p.share_target = v })) }} />
                            <button type="button" class="danger" on:click=move |_| edit(Box::new(move |s| { if i < s.parks.len() { s.parks.remove(i); } }))>
                                {move || ctx.t("删除", "Remove")}
                            </button>
                        </div>
                    }).collect_view()}
                    <button type="button" id="add-park" on:click=move |_| {
                        let name = ctx.t("新园区", "New park").to_string();
                        edit(Box::new(move |s| s.parks.push(Park { name: name.clone(), share_target: Dec::ZERO, base_output: None })))
                    }>{move || ctx.t("添加园区", "Add park")}</button>
                </fieldset>
            </div>
        </section>
    }
}
