//! The overview: the numbers of the speech, in the speech's own order, each one a button
//! that explains itself.

use leptos::prelude::*;

use super::explain::Num;
use super::{use_ctx, Computed};
use crate::engine::explain::Figure;
use crate::engine::format::{fixed, fixed_units, percent, percent2, trimmed, yi};
use crate::engine::{Indicator, Lang};

#[component]
pub fn Overview() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="card overview" id="overview" aria-labelledby="overview-title">
            <h2 id="overview-title">{move || ctx.t("总览：讲话中的数字", "Overview: the figures of the speech")}</h2>
            {move || {
                let lang = ctx.lang.get();
                ctx.computed.get().map(|c| body(&c.0, lang))
            }}
        </section>
    }
}

fn body(c: &Computed, lang: Lang) -> impl IntoView {
    let p = &c.plan;
    let s = &c.scenario;
    let zh = lang == Lang::Zh;
    let amount = move |x: f64| yi(x, lang);
    let mut items: Vec<AnyView> = Vec::new();

    // 上年回顾 and this year's targets, per indicator.
    for ip in &p.indicators {
        let k = ip.indicator;
        let name = if zh { k.zh() } else { k.en() };
        let mut parts: Vec<AnyView> = vec![
            view! { <span class="k">{name}</span> }.into_any(),
            view! { <span>{if zh { "：上年完成 " } else { ": last year " }}{amount(ip.base)}</span> }.into_any(),
        ];
        if let (Some(plan), Some(_)) = (ip.last_year_plan, ip.completion) {
            parts.push(view! {
                <span>{if zh { format!("，占年计划{}的", amount(plan)) } else { format!(", of a plan of {}: ", amount(plan)) }}</span>
                <Num figure=Figure::Completion(k) text=percent2(ip.completion.unwrap_or_default()) />
            }.into_any());
        }
        parts.push(view! {
            <span>{if zh { "；今年目标 " } else { "; this year's target " }}</span>
            <Num figure=Figure::Target(k) id=format!("overview-target-{}", k.key()) text=amount(ip.target) />
        }.into_any());
        if let Some(g) = ip.growth {
            parts.push(
                view! {
                    <span>{if zh { "，增长 " } else { ", growth " }}</span>
                    <Num figure=Figure::Growth(k) text=percent2(g) />
                }
                .into_any(),
            );
        }
        parts.push(view! {
            <span>{if zh { "；一季度 " } else { "; Q1 " }}</span>
            <Num figure=Figure::QuarterAmount(k, 0) id=format!("overview-q1-{}", k.key())
                text=format!("{}{}", fixed_units(ip.quarters[0].amount_units, 2), if zh { "亿元" } else { " (100M CNY)" }) />
            <span>{if zh { format!("（占全年{}）", percent(ip.shares[0])) } else { format!(" ({} of the year)", percent(ip.shares[0])) }}</span>
        }.into_any());
        items.push(view! { <li class="indicator-line">{parts}</li> }.into_any());
    }

    if let Some(o) = p.indicator(Indicator::Output) {
        let q1 = o.quarters[0];
        items.push(view! {
            <li>
                {if zh { "一季度任务进度 " } else { "Q1 task progress " }}
                <Num figure=Figure::TaskProgress(Indicator::Output, 0) text=percent2(q1.task_progress) />
                {if zh { "，时间进度 " } else { ", time progress " }}
                <Num figure=Figure::TimeProgress(0) text=percent2(q1.time_progress) />
                {if zh { "；日均产值 " } else { "; daily output " }}
                <Num figure=Figure::Daily(Indicator::Output, 0) id="overview-daily-output"
                    text=format!("{}{}", fixed_units(q1.daily_units, 2), if zh { "万元" } else { " (10k CNY)" }) />
            </li>
        }.into_any());
    }

    if let Some(f) = &p.five_year {
        let mut line: Vec<AnyView> = vec![view! {
            <span>{if zh { format!("“十四五”：{}年全部工业增加值 ", f.end_year) } else { format!("Five-year plan: all-industry value added in {} ", f.end_year) }}</span>
            <Num figure=Figure::FiveYearTarget text=amount(f.target) />
            <span>{if zh { format!("，是{}年的 ", f.base_year) } else { ", ".to_string() }}</span>
            <Num figure=Figure::FiveYearMultiple text=format!("{}{}", trimmed(f.multiple, 2), if zh { "倍" } else { "×" }) />
            <span>{if zh { String::new() } else { format!(" the {} value", f.base_year) }}</span>
            <span>{if zh { "，年均增长 " } else { ", compound annual growth " }}</span>
            <Num figure=Figure::FiveYearCagr id="overview-cagr" text=percent2(f.cagr) />
        }.into_any()];
        if let (Some(share), Some(points)) = (f.share_end, f.share_change_points) {
            line.push(view! {
                <span>{if zh { "，占全县GDP " } else { ", share of county GDP " }}</span>
                <Num figure=Figure::FiveYearShare text=percent2(share) />
                <span>{if zh { if points >= 0.0 { "，增加 " } else { "，减少 " } } else if points >= 0.0 { ", up " } else { ", down " }}</span>
                <Num figure=Figure::FiveYearShareChange text=format!("{}{}", fixed(points.abs(), 2), if zh { " 个百分点" } else { " points" }) />
            }.into_any());
        }
        if let Some(need) = f.va_needed {
            line.push(view! {
                <span>{if zh { format!("；占比达到 {} 需增加值 ", percent(f.wanted_share.unwrap_or_default())) } else { format!("; a share of {} needs ", percent(f.wanted_share.unwrap_or_default())) }}</span>
                <Num figure=Figure::FiveYearVaNeeded text=amount(need) />
            }.into_any());
        }
        items.push(view! { <li>{line}</li> }.into_any());
    }

    if let Some(g) = &p.gdp {
        items.push(view! {
            <li>
                {if zh { format!("{}年工业增加值占GDP ", p.plan_year) } else { format!("Industry's share of GDP in {}: ", p.plan_year) }}
                <Num figure=Figure::GdpShare id="overview-gdp-share" text=percent2(g.share_target) />
                {if zh { "，比上年" } else { ", " }}
                <Num figure=Figure::GdpShareChange text=format!("{}{}", if g.share_change_points >= 0.0 { "+" } else { "−" }, fixed(g.share_change_points.abs(), 2)) />
                {if zh { " 个百分点" } else { " percentage points on last year" }}
                {g.va_needed.map(|need| view! {
                    {if zh { format!("；占比达到 {} 需增加值 ", percent(g.wanted_share.unwrap_or_default())) } else { format!("; a share of {} needs ", percent(g.wanted_share.unwrap_or_default())) }}
                    <Num figure=Figure::GdpVaNeeded text=amount(need) />
                })}
            </li>
        }.into_any());
    }

    if let Some(sales) = &p.sales {
        items.push(view! {
            <li>
                {if zh { format!("产销率达到 {}：全年销售产值 ", percent(sales.ratio)) } else { format!("A sales-to-output ratio of {}: annual sales ", percent(sales.ratio)) }}
                <Num figure=Figure::SalesAnnual text=amount(sales.annual) />
                {if zh { "，一季度 " } else { ", Q1 " }}
                <Num figure=Figure::SalesQ1 text=amount(sales.q1) />
            </li>
        }.into_any());
    }

    if let Some(pp) = &p.projects {
        items.push(view! {
            <li>
                {if zh { format!("重点项目 {} 个", pp.count) } else { format!("{} key projects", pp.count) }}
                {pp.annual_investment.map(|a| view! { {if zh { "，总投资 " } else { ", investment " }} <Num figure=Figure::Target(Indicator::Investment) text=amount(a) /> })}
                {pp.to_start_q1.map(|n| view! {
                    {if zh { format!("；一季度开工率 {}，须开工 ", percent(pp.q1_start_rate.unwrap_or_default())) } else { format!("; Q1 start rate {}: to start ", percent(pp.q1_start_rate.unwrap_or_default())) }}
                    <Num figure=Figure::ProjectsToStart id="overview-projects-to-start" text=format!("{n}{}", if zh { " 个" } else { "" }) />
                })}
                {pp.q1_investment.map(|q| view! {
                    {if zh { format!("；完成全年投资的 {}，即 ", percent(pp.q1_investment_share.unwrap_or_default())) } else { format!("; {} of the year's investment: ", percent(pp.q1_investment_share.unwrap_or_default())) }}
                    <Num figure=Figure::Q1Investment text=amount(q) />
                })}
            </li>
        }.into_any());
    }

    for (i, park) in p.parks.iter().enumerate() {
        let name = s.parks.get(i).map(|p| p.name.clone()).unwrap_or_default();
        items.push(view! {
            <li>
                <span class="user-text">{name}</span>
                {if zh { format!(" 占全县工业 {}：需产值 ", percent(park.share)) } else { format!(" at {} of county industry needs output of ", percent(park.share)) }}
                <Num figure=Figure::ParkOutput(i) text=amount(park.output_needed) />
            </li>
        }.into_any());
    }

    if let Some(f) = &p.fleet {
        items.push(view! {
            <li>
                {if zh { format!("{}亿元企业舰队：", trimmed(f.threshold, 2)) } else { format!("Fleet of enterprises at {} or more: ", yi(f.threshold, lang)) }}
                <Num figure=Figure::FleetCount id="overview-fleet" text=format!("{}{}", f.members.len(), if zh { " 家" } else { "" }) />
            </li>
        }.into_any());
    }

    view! { <ol class="speech">{items}</ol> }
}
