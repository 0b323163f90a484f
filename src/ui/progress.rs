//! Through the quarter (进度与追赶): the period reported, the yardstick of time progress, the
//! county's and the enterprises' actuals to date (typed, or pasted from the statistics
//! bureau's table), and what each must still deliver; the enterprises most behind first. The
//! figures are the engine's (`engine::progress`), each one explaining itself.

use std::sync::Arc;

use leptos::prelude::*;

use super::explain::{LiveNum, Num};
use super::fields::{FieldUnit, NumberField};
use super::quarters::IndicatorPicker;
use super::use_ctx;
use crate::engine::explain::vocabulary::shown_bare as shown_bare_of;
use crate::engine::explain::{node_name, shown_bare, shown_text, standing_shown, Figure};
use crate::engine::progress::{
    absurd, children_months, county_standing, default_month_shares, enterprises_in_order,
    has_begun, node_months, read_enterprise_actuals, Order, Part, Period, ReadActuals, Yardstick,
};
use crate::engine::scenario::Actuals;
use crate::engine::{Bilingual, Dec, Field, Indicator, Lang, Scenario};

/// The enterprises listed (most behind first); the rest are in the exports.
const LISTED: usize = 100;

/// The parts of a standing the county's row shows, in order.
const COUNTY_PARTS: [Part; 12] = Part::ALL;
/// The columns of the enterprises' table.
const ENTERPRISE_PARTS: [Part; 9] = [
    Part::Actual,
    Part::PlanToDate,
    Part::CompletionOfQuarter,
    Part::CompletionOfYear,
    Part::GapToTime,
    Part::QuarterRest,
    Part::QuarterRestDaily,
    Part::YearRestDaily,
    Part::YoyGrowth,
];

/// The enterprises' table and each enterprise's months follow the plan once edits pause
/// this long: their exact figures take tens of milliseconds at 10,000 enterprises
/// (docs/PERFORMANCE.md), too long for every keystroke.
const TABLES_DELAY_MS: u64 = 150;

/// Change the scenario's actuals (made when first needed).
fn edit_actuals(s: &mut Scenario, f: impl FnOnce(&mut Actuals)) {
    let a = s
        .actuals
        .get_or_insert_with(|| Arc::new(Actuals::default()));
    f(Arc::make_mut(a));
}

/// A month's share of the year as its field shows it: typed, else the default the typing
/// starts from.
fn month_share_of(ctx: super::Ctx, quarter: usize, i: usize) -> Option<Dec> {
    let k = ctx.indicator.get();
    ctx.scenario.with(|s| {
        let input = s.indicator(k)?;
        Some(match input.month_shares[quarter] {
            Some(t) => t[i],
            None => default_month_shares(
                s.plan_year,
                quarter,
                input.quarter_shares.unwrap_or(s.quarter_shares)[quarter],
                input.base_months.as_ref(),
            )[i],
        })
    })
}

/// Whether the indicator's months of a quarter were typed.
fn typed_months(ctx: super::Ctx, quarter: usize) -> bool {
    let k = ctx.indicator.get();
    ctx.scenario.with(|s| {
        s.indicator(k)
            .is_some_and(|i| i.month_shares[quarter].is_some())
    })
}

/// Type one month's share: the quarter's three start from the defaults where none were typed.
fn set_month_share(s: &mut Scenario, k: Indicator, quarter: usize, i: usize, v: Dec) {
    let (year, county) = (s.plan_year, s.quarter_shares);
    let Some(input) = s.indicator_mut(k) else {
        return;
    };
    let share = input.quarter_shares.unwrap_or(county)[quarter];
    let base = input.base_months;
    let months = input.month_shares[quarter]
        .get_or_insert_with(|| default_month_shares(year, quarter, share, base.as_ref()));
    months[i] = v;
}

/// Download a CSV made from the plan, named after the scenario with `suffix`; the error, if
/// the browser refused.
fn export_csv(
    ctx: super::Ctx,
    suffix: &str,
    make: impl Fn(&Scenario, &crate::engine::Plan) -> String,
) -> Option<String> {
    let (name, text) = ctx.computed.with_untracked(|c| {
        c.as_ref()
            .map(|c| (c.0.scenario.name.clone(), make(&c.0.scenario, &c.0.plan)))
    })?;
    let file = super::files::file_name(&name, suffix, "csv");
    super::files::download(&file, &text, "text/csv;charset=utf-8").err()
}

/// Today's year and month, by the browser's clock.
fn today() -> (i32, u8) {
    let d = js_sys::Date::new_0();
    (d.get_full_year() as i32, (d.get_month() + 1) as u8)
}

#[component]
pub fn Progress() -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let actuals = Memo::new(move |_| ctx.scenario.with(|s| s.actuals.clone()));
    // Open by the planner, or for printing once there are actuals (a closed card prints
    // closed): only then is anything of it worked out on an edit.
    let visible =
        Memo::new(move |_| open.get() || (ctx.printing.get() && actuals.with(Option::is_some)));
    let period = Memo::new(move |_| actuals.get().map(|a| a.period).unwrap_or_default());
    let yardstick = Memo::new(move |_| actuals.get().map(|a| a.yardstick).unwrap_or_default());
    let not_begun = Memo::new(move |_| {
        let year = ctx.scenario.with(|s| s.plan_year);
        let p = period.get();
        (actuals.with(Option::is_some) && !has_begun(year, p, today())).then(|| {
            let name = p.name();
            Bilingual::new(
                format!("{}年{}还没有开始，不会有实际数：请检查所选月份或计划年份", year, name.zh),
                format!("{} {year} has not begun: there can be no actuals for it yet; check the month or the plan year", name.en),
            )
        })
    });
    let k = move || ctx.indicator.get();
    let county_value = move |get: fn(&Actuals) -> &crate::engine::SparseValues| {
        Signal::derive(move || {
            let k = ctx.indicator.get();
            actuals.with(|a| a.as_ref().and_then(|a| get(a).get(k)))
        })
    };
    let commit = move |set: fn(&mut Actuals, Indicator, Option<Dec>)| {
        Callback::new(move |v: Option<Dec>| {
            let k = ctx.indicator.get_untracked();
            ctx.edit(|s| edit_actuals(s, |a| set(a, k, v)));
        })
    };
    let county_absurd = Memo::new(move |_| {
        visible.get().then_some(())?;
        let k = ctx.indicator.get();
        ctx.computed.with(|c| {
            let st = county_standing(&c.as_ref()?.0.plan, k)?;
            absurd(&st).then_some(())
        })
    });
    let order = RwSignal::new(Order::MostBehind);
    let paused = super::after_pause(ctx, std::time::Duration::from_millis(TABLES_DELAY_MS));
    // Whether the tables below still show the plan before the last edits.
    let updating = Memo::new(move |_| visible.get() && ctx.computed.get() != paused.get());
    // The enterprises with an actual, in the order chosen, the first LISTED worked out
    // exactly: while the card is open, once edits pause.
    let listed = Memo::new(move |_| {
        if !visible.get() {
            return (Vec::new(), 0);
        }
        let k = ctx.indicator.get();
        let order = order.get();
        paused.with(|c| {
            let Some(c) = c.as_ref() else {
                return (Vec::new(), 0);
            };
            let (s, p) = (&c.0.scenario, &c.0.plan);
            let (listed, total) = enterprises_in_order(p, k, order, LISTED, |i| node_name(s, p, i));
            let rows = listed
                .into_iter()
                .map(|(i, st)| {
                    let texts = ENTERPRISE_PARTS
                        .map(|part| standing_shown(p, Some(i), k, part, &st).map(shown_bare_of));
                    (i, p.nodes[i].id, node_name(s, p, i), st.behind, texts)
                })
                .collect::<Vec<_>>();
            (rows, total)
        })
    });
    let paste = RwSignal::new(String::new());
    let paste_said = RwSignal::new(None::<(usize, bool, Vec<Bilingual>, Vec<Bilingual>)>);
    // Rows read by name go in as one undo step (the period and yardstick too, where the
    // table names them); what could not be read is said.
    let enter = move |result: Result<ReadActuals, Bilingual>| match result {
        Ok(mut read) => {
            let before = period.get_untracked();
            if let Some(p) = read
                .period
                .filter(|&p| p != before && actuals.with_untracked(Option::is_some))
            {
                let (from, to) = (before.name(), p.name());
                read.notes.push(Bilingual::new(
                    format!("这张表是{}的：{}的实际数已换成它的", to.zh, from.zh),
                    format!(
                        "the table is of {}: the actuals of {} were replaced by its",
                        to.en, from.en
                    ),
                ));
            }
            if !read.rows.is_empty() || read.period.is_some() {
                ctx.library.close_step();
                ctx.edit(|s| edit_actuals(s, |a| read.apply(a)));
                ctx.library.close_step();
            }
            let county = read.rows.iter().any(|r| r.id.is_none());
            paste_said.set(Some((
                read.enterprises(),
                county,
                read.problems,
                read.notes,
            )));
        }
        Err(e) => paste_said.set(Some((0, false, vec![e], Vec::new()))),
    };
    let apply_paste = move |_| {
        let text = paste.get_untracked();
        let k = ctx.indicator.get_untracked();
        enter(
            ctx.scenario
                .with_untracked(|s| read_enterprise_actuals(s, &text, s.tree_unit, k)),
        );
    };
    // A workbook or CSV file: the sheet that names the most enterprises.
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = super::files::picked_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    enter(Err(Bilingual::new(
                        "无法读取文件",
                        "the file cannot be read",
                    )));
                    return;
                }
            };
            let k = ctx.indicator.get_untracked();
            let result = crate::storage::workbook::read(&bytes).map(|sheets| {
                ctx.scenario
                    .with_untracked(|s| crate::storage::workbook::actuals_in(s, &sheets, k))
            });
            enter(result);
        });
    };
    let unit = move || {
        let (zh, en) = ctx.scenario.with(|s| s.tree_unit.names());
        ctx.t(zh, en)
    };
    let export_error = RwSignal::new(None::<String>);
    let export = move |_| {
        let lang = ctx.lang.get_untracked();
        export_error.set(export_csv(ctx, ctx.t("-进度", "-progress"), |s, p| {
            crate::storage::csv::progress(s, p, lang)
        }));
    };
    let has_actuals = move || actuals.with(Option::is_some);
    let planned = Memo::new(move |_| {
        ctx.scenario
            .with(|s| s.indicators.iter().map(|i| i.indicator).collect::<Vec<_>>())
    });
    view! {
        <details class="card" id="progress" prop:open=move || visible.get() on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            // Opened for printing is not opened by the planner.
            if ctx.printing.get_untracked() {
                return;
            }
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary><h2>{move || ctx.t("进度与追赶：实际完成、时间进度、还需完成多少", "Progress and catch-up: actuals, time progress, what is still to deliver")}</h2></summary>
            <p class="hint">{move || ctx.t(
                "统计局公布 1–2月数据后，在这里填累计实际数：全县填在下面，各企业可从表格整列粘贴或读入文件（企业名称、累计实际，可加上季度末累计、上年同期累计）。每个数字都可点开看公式。",
                "Once the statistics bureau publishes the Jan–Feb figures, enter the actuals to date here: the county's below, the enterprises' pasted from a table or read from a file (name and actual to date, optionally the quarter before's and last year's same period). Every figure can be clicked for its formula.",
            )}</p>
            <div class="actions">
                <IndicatorPicker id="progress-indicator" />
                <label for="actuals-period">{move || ctx.t("截至", "Through")}</label>
                <select id="actuals-period" on:change=move |ev| {
                    let i = event_target_value(&ev).parse::<usize>().ok();
                    if let Some(p) = i.and_then(|i| Period::ALL.get(i).copied()) {
                        ctx.edit(|s| edit_actuals(s, |a| a.period = p));
                    }
                }>
                    {Period::ALL.iter().enumerate().map(|(i, &p)| view! {
                        <option value=i.to_string() selected=move || period.get() == p>{move || p.name().get(ctx.lang.get()).to_string()}</option>
                    }).collect_view()}
                </select>
                <label for="actuals-yardstick">{move || ctx.t("时间进度按", "Time progress by")}</label>
                <select id="actuals-yardstick" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(y) = Yardstick::ALL.into_iter().find(|y| y.key() == key) {
                        ctx.edit(|s| edit_actuals(s, |a| a.yardstick = y));
                    }
                }>
                    {Yardstick::ALL.into_iter().map(|y| view! {
                        <option value=y.key() selected=move || yardstick.get() == y>{move || y.name().get(ctx.lang.get()).to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="field-error" id="actuals-period-error" role="alert">{move || not_begun.get().map(|m| m.get(ctx.lang.get()).to_string())}</p>
            <h3>{move || ctx.t("本季度分月计划（全县；各月占比可改，未改则按上年各月规律，没有上年数则按天数；各月合计等于季度）", "The quarter by month (county; the monthly shares can be typed, else they follow last year's months, else the days; the months add up to the quarter)")}</h3>
            <table class="grid progress-months" id="progress-months">
                <thead><tr>
                    <th scope="col">{move || ctx.t("月份", "Month")}</th>
                    <th scope="col">{move || ctx.t("占全年（%）", "Share of the year (%)")}</th>
                    <th scope="col">{move || ctx.with_unit(ctx.t("任务", "Amount"), ctx.t("亿元", "100M CNY"))}</th>
                    <th scope="col">{move || ctx.with_unit(ctx.t("日均", "Daily"), ctx.t("万元", "10k CNY"))}</th>
                    <th scope="col">{move || ctx.t("比上年同月", "On last year's month")}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let q = period.get().quarter();
                        let first = q as u8 * 3 + 1;
                        (first..first + 3).map(|m| {
                            let amount = move || Figure::Month(ctx.indicator.get(), m);
                            let daily = move || Figure::MonthDaily(ctx.indicator.get(), m);
                            let yoy = move || Figure::MonthYoy(ctx.indicator.get(), m);
                            let text = move |f: Figure| Signal::derive(move || ctx.computed.with(|c| c.as_ref().and_then(|c| shown_bare(&c.0.plan, f))));
                            let i = usize::from(m - first);
                            view! {
                                <tr>
                                    <th scope="row">{move || Period::Month(m).name().get(ctx.lang.get()).to_string()}</th>
                                    <td>
                                        <NumberField id=format!("month-share-{m}")
                                            label=Signal::derive(move || format!("{} {}", Period::Month(m).name().get(ctx.lang.get()), ctx.t("占全年", "share of the year")))
                                            hide_label=true
                                            value=Signal::derive(move || month_share_of(ctx, q, i))
                                            unit=FieldUnit::Percent
                                            field=Signal::derive(move || Some(Field::Indicator(ctx.indicator.get(), crate::engine::field::IndicatorField::MonthShare(usize::from(m) - 1))))
                                            on_commit=Callback::new(move |v: Option<Dec>| {
                                                let Some(v) = v else { return };
                                                let k = ctx.indicator.get_untracked();
                                                ctx.edit(|s| set_month_share(s, k, q, i, v));
                                            }) />
                                    </td>
                                    <td class="figure">{move || { let f = amount(); view! { <LiveNum figure=f id=format!("month-{m}") text=text(f) /> } }}</td>
                                    <td class="figure">{move || { let f = daily(); view! { <LiveNum figure=f id=format!("month-daily-{m}") text=text(f) /> } }}</td>
                                    <td class="figure">{move || { let f = yoy(); view! { <LiveNum figure=f id=format!("month-yoy-{m}") text=text(f) /> } }}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            <p class="field-error" id="month-shares-error" role="alert">{move || {
                let f = Field::Indicator(ctx.indicator.get(), crate::engine::field::IndicatorField::MonthShares(period.get().quarter()));
                ctx.problem_at(f).map(|e| e.message.get(ctx.lang.get()).to_string())
            }}</p>
            {move || typed_months(ctx, period.get().quarter()).then(|| view! {
                <button type="button" id="month-shares-reset" on:click=move |_| {
                    let (k, q) = (ctx.indicator.get_untracked(), period.get_untracked().quarter());
                    ctx.edit(|s| { if let Some(i) = s.indicator_mut(k) { i.month_shares[q] = None; } });
                }>{move || ctx.t("各月占比恢复默认（按上年规律或天数）", "Monthly shares back to the default (last year's pattern or days)")}</button>
            })}
            <NodeMonthsTable quarter=Signal::derive(move || period.get().quarter()) visible=visible plan=paused updating=updating />
            <details class="base-months" id="base-months">
                <summary>{move || ctx.t("上年各月实际（亿元）：填了，各月按上年规律分；没填，按天数分（可整行粘贴 12 个数）", "Last year's months (100M CNY): entered, the months follow last year's pattern; else their days (a row of 12 can be pasted)")}</summary>
                <div class="editor-grid">
                    {(0..12usize).map(|m| {
                        let value = Signal::derive(move || {
                            let k = ctx.indicator.get();
                            ctx.scenario.with(|s| s.indicator(k).and_then(|i| i.base_months).map(|b| b[m]))
                        });
                        let set = move |m: usize, v: Option<Dec>| {
                            let k = ctx.indicator.get_untracked();
                            ctx.edit(|s| {
                                if let Some(i) = s.indicator_mut(k) {
                                    let months = i.base_months.get_or_insert([Dec::ZERO; 12]);
                                    months[m] = v.unwrap_or(Dec::ZERO);
                                    if months.iter().all(|x| x.is_zero()) {
                                        i.base_months = None;
                                    }
                                }
                            })
                        };
                        // A row of twelve pasted into any of them fills them all, in order.
                        let paste_row = Callback::new(move |cells: Vec<String>| {
                            let k = ctx.indicator.get_untracked();
                            let read: Vec<Option<Dec>> = cells.iter().take(12).map(|c| {
                                crate::engine::number::parse_number(c).and_then(|n| n.in_yi()).ok()
                            }).collect();
                            if read.len() == 12 && read.iter().all(Option::is_some) {
                                ctx.edit(|s| {
                                    if let Some(i) = s.indicator_mut(k) {
                                        i.base_months = Some(std::array::from_fn(|m| read[m].unwrap_or(Dec::ZERO)));
                                    }
                                })
                            }
                        });
                        view! {
                            <NumberField id=format!("base-month-{}", m + 1)
                                label=Signal::derive(move || Period::Month(m as u8 + 1).name().get(ctx.lang.get()).to_string())
                                value=value
                                unit=FieldUnit::YI
                                field=Signal::derive(move || Some(Field::Indicator(ctx.indicator.get(), crate::engine::field::IndicatorField::BaseMonth(m))))
                                empty_ok=true
                                non_negative=true
                                on_paste_cells=paste_row
                                on_commit=Callback::new(move |v: Option<Dec>| set(m, v)) />
                        }
                    }).collect_view()}
                </div>
            </details>
            <h3>{move || ctx.t("全县", "The county")}</h3>
            <div class="editor-grid">
                <NumberField id="actual-county"
                    label=Signal::derive(move || ctx.with_unit(ctx.t("累计实际", "Actual to date"), ctx.t("亿元", "100M CNY")))
                    value=county_value(|a| &a.county)
                    unit=FieldUnit::YI
                    field=Signal::derive(move || Some(Field::Actual(None, k())))
                    empty_ok=true
                    non_negative=true
                    on_commit=commit(|a, k, v| a.county.set(k, v)) />
                {move || (period.get().quarter() > 0).then(|| view! {
                    <NumberField id="actual-county-before"
                        label=Signal::derive(move || ctx.with_unit(ctx.t("上季度末累计", "Cumulative at the quarter before"), ctx.t("亿元", "100M CNY")))
                        value=county_value(|a| &a.county_before_quarter)
                        unit=FieldUnit::YI
                        empty_ok=true
                        non_negative=true
                        on_commit=commit(|a, k, v| a.county_before_quarter.set(k, v)) />
                })}
                <NumberField id="actual-county-last-year"
                    label=Signal::derive(move || ctx.with_unit(ctx.t("上年同期累计", "Last year, same period"), ctx.t("亿元", "100M CNY")))
                    value=county_value(|a| &a.county_last_year)
                    unit=FieldUnit::YI
                    empty_ok=true
                    non_negative=true
                    on_commit=commit(|a, k, v| a.county_last_year.set(k, v)) />
            </div>
            {move || county_absurd.get().map(|_| view! {
                <p class="field-error" id="actual-county-warning" role="alert">{move || ctx.t(
                    "累计实际超过截至本期计划的十倍：请检查单位（亿元 / 万元）或位数。",
                    "The actual to date is over ten times the plan to date: check the unit (100M / 10k CNY) or the digits.",
                )}</p>
            })}
            <table class="grid progress-county" id="progress-county">
                <tbody>
                    {COUNTY_PARTS.into_iter().map(|part| {
                        let figure = move || Figure::Progress(None, ctx.indicator.get(), part);
                        view! {
                            <tr>
                                <th scope="row">{move || part.name().get(ctx.lang.get()).to_string()}</th>
                                <td class="figure">
                                    {move || {
                                        let f = figure();
                                        view! { <LiveNum figure=f id=format!("progress-county-{}", part.key())
                                            text=Signal::derive(move || ctx.computed.with(|c| c.as_ref().and_then(|c| shown_text(&c.0.plan, f, ctx.lang.get())))) /> }
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h3>{move || ctx.t("可比价：价格指数（上年 = 1）与可比价增长", "Comparable prices: price index (last year = 1) and growth at comparable prices")}</h3>
            <table class="grid progress-prices" id="progress-prices">
                <thead><tr>
                    <th scope="col">{move || ctx.t("指标", "Indicator")}</th>
                    <th scope="col">{move || ctx.t("现价增长", "Growth at current prices")}</th>
                    <th scope="col">{move || ctx.t("价格指数", "Price index")}</th>
                    <th scope="col">{move || ctx.t("可比价增长", "Growth at comparable prices")}</th>
                </tr></thead>
                <tbody>
                    // Rebuilt when the indicators change, not on every edit (a field typed in
                    // would lose its focus).
                    {move || planned.get().into_iter().map(|k| {
                        let key = k.key();
                        let text = move |f: Figure| Signal::derive(move || ctx.computed.with(|c| c.as_ref().and_then(|c| shown_text(&c.0.plan, f, ctx.lang.get()))));
                        view! {
                            <tr>
                                <th scope="row">{move || if ctx.lang.get() == Lang::Zh { k.zh() } else { k.en() }}</th>
                                <td class="figure"><LiveNum figure=Figure::Growth(k) text=text(Figure::Growth(k)) /></td>
                                <td>
                                    <NumberField id=format!("price-index-{key}")
                                        label=Signal::derive(move || format!("{} {}", if ctx.lang.get() == Lang::Zh { k.zh() } else { k.en() }, ctx.t("价格指数", "price index")))
                                        hide_label=true
                                        value=Signal::derive(move || ctx.scenario.with(|s| s.indicator(k).and_then(|i| i.price_index)))
                                        unit=FieldUnit::Times
                                        field=Field::Indicator(k, crate::engine::field::IndicatorField::PriceIndex)
                                        empty_ok=true
                                        on_commit={move |v: Option<Dec>| ctx.edit(|s| { if let Some(i) = s.indicator_mut(k) { i.price_index = v; } })} />
                                </td>
                                <td class="figure"><LiveNum figure=Figure::ComparableGrowth(k) id=format!("comparable-growth-{key}") text=text(Figure::ComparableGrowth(k)) /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <GdpPrices />
            <h3>{move || ctx.t("各企业", "The enterprises")}</h3>
            <label for="actuals-paste">{move || match ctx.lang.get() {
                Lang::Zh => format!("粘贴累计实际：企业名称、累计实际（单位{}），可再加上季度末累计、上年同期累计两列；有表头时按表头认列（可含“指标”列、单位），县名一行填全县", unit()),
                Lang::En => format!("Paste the actuals to date: name, actual (in {}), optionally the cumulative at the quarter before and last year's same period; with a header row the columns are found by their headings (an indicator column and units too), and a row named by the county fills the county's", unit()),
            }}</label>
            <textarea id="actuals-paste" rows="4" prop:value=move || paste.get()
                on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
            <div class="actions">
                <button type="button" id="actuals-apply" on:click=apply_paste>{move || ctx.t("填入", "Enter them")}</button>
                <input type="file" id="actuals-file" class="visually-hidden" accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.txt" on:change=on_file />
                <label class="file-button" for="actuals-file">{move || ctx.t("或从工作簿 / CSV 文件读入", "or read a workbook / CSV file")}</label>
                {move || has_actuals().then(|| view! {
                    <button type="button" id="export-progress-csv" on:click=export>{move || ctx.t("导出进度 CSV", "Export progress CSV")}</button>
                })}
                <span class="field-error" role="alert">{move || export_error.get()}</span>
            </div>
            {move || paste_said.get().map(|(n, county, problems, notes)| view! {
                <div id="actuals-paste-result" role="status">
                    <p>{move || match (ctx.lang.get(), county) {
                        (Lang::Zh, false) => format!("已填入 {n} 家企业的累计实际。"),
                        (Lang::Zh, true) => format!("已填入全县和 {n} 家企业的累计实际。"),
                        (Lang::En, false) => format!("Actuals entered for {n} enterprises."),
                        (Lang::En, true) => format!("Actuals entered for the county and {n} enterprises."),
                    }}</p>
                    {(!notes.is_empty()).then(|| view! {
                        <ul class="problems" id="actuals-paste-notes">
                            {notes.iter().map(|p| { let p = p.clone(); view! { <li class="problem">{move || p.get(ctx.lang.get()).to_string()}</li> } }).collect_view()}
                        </ul>
                    })}
                    {(!problems.is_empty()).then(|| view! {
                        <ul class="problems" id="actuals-paste-problems">
                            {problems.iter().map(|p| { let p = p.clone(); view! { <li class="problem error">{move || p.get(ctx.lang.get()).to_string()}</li> } }).collect_view()}
                        </ul>
                    })}
                </div>
            })}
            {move || has_actuals().then(|| view! {
                <div class="actions">
                    <label for="progress-sort">{move || ctx.t("排序", "Order")}</label>
                    <select id="progress-sort" on:change=move |ev| {
                        let key = event_target_value(&ev);
                        if let Some(o) = Order::ALL.into_iter().find(|o| o.key() == key) { order.set(o); }
                    }>
                        {Order::ALL.into_iter().map(|o| view! {
                            <option value=o.key() selected=move || order.get() == o>{move || { let (zh, en) = o.words(); ctx.t(zh, en) }}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            {move || {
                let (rows, total) = listed.get();
                (!rows.is_empty()).then(|| view! {
                    <p class="hint updating" aria-live="polite">{move || updating.get().then(|| ctx.t("正在按最新数字更新…", "Updating to the latest figures…"))}</p>
                    <div class="table-wrap" aria-busy=move || updating.get().to_string()>
                        <table class="grid" id="progress-table">
                            <thead><tr>
                                <th scope="col">{move || { let (zh, en) = order.get().words(); ctx.with_unit(ctx.t("企业", "Enterprise"), ctx.t(zh, en)) }}</th>
                                {ENTERPRISE_PARTS.map(|part| view! { <th scope="col">{move || {
                                    let name = part.name().get(ctx.lang.get()).to_string();
                                    match part {
                                        Part::Actual | Part::PlanToDate | Part::QuarterRest => ctx.with_unit(&name, unit()),
                                        Part::QuarterRestDaily | Part::YearRestDaily => ctx.with_unit(&name, ctx.t("万元", "10k CNY")),
                                        _ => name,
                                    }
                                }}</th> }).into_iter().collect_view()}
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(i, id, name, behind, texts)| {
                                    let k = ctx.indicator.get_untracked();
                                    view! {
                                        <tr class:behind=behind data-node=id.to_string()>
                                            <td class="user-text">{name}</td>
                                            {ENTERPRISE_PARTS.iter().zip(texts).map(|(&part, text)| view! {
                                                <td class="figure">{text.map(|t| view! { <Num figure=Figure::Progress(Some(i), k, part) text=t /> })}</td>
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(total > LISTED).then(|| view! { <p class="hint">{move || match ctx.lang.get() {
                        Lang::Zh => format!("共 {total} 家，列出排在前面的 {LISTED} 家；全部在导出的进度 CSV 里。"),
                        Lang::En => format!("{total} enterprises; the first {LISTED} are listed, all are in the progress CSV."),
                    }}</p> })}
                })
            }}
        </details>
    }
}

/// One row of the months table: a node, its name, and each month's amount and daily quota
/// as shown.
type MonthRow = (usize, u64, String, [String; 3], [String; 3]);

/// The months of an industry and its enterprises (the first [`LISTED`]; the rest in the
/// export): worked out while the card is open, once edits pause.
#[component]
fn NodeMonthsTable(
    #[prop(into)] quarter: Signal<usize>,
    #[prop(into)] visible: Signal<bool>,
    /// The plan as of the last pause in editing.
    plan: RwSignal<Option<super::Shared<super::Computed>>>,
    updating: Memo<bool>,
) -> impl IntoView {
    use crate::engine::explain::node_month_shown;
    use crate::engine::explain::vocabulary::shown_bare as bare;
    let ctx = use_ctx();
    let industry = RwSignal::new(0usize);
    let industries = Memo::new(move |_| {
        ctx.scenario.with(|s| {
            s.tree
                .industries
                .iter()
                .map(|i| i.node.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| -> (Vec<MonthRow>, usize) {
        if !visible.get() {
            return (Vec::new(), 0);
        }
        let (k, q, which) = (ctx.indicator.get(), quarter.get(), industry.get());
        plan.with(|c| {
            let Some(c) = c.as_ref() else {
                return (Vec::new(), 0);
            };
            let (s, p) = (&c.0.scenario, &c.0.plan);
            let Some(node) = p
                .nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| n.level == crate::engine::plan::Level::Industry)
                .nth(which)
                .map(|(i, _)| i)
            else {
                return (Vec::new(), 0);
            };
            let Some(own) = node_months(p, node, k, q) else {
                return (Vec::new(), 0);
            };
            let children = children_months(p, k, &own);
            let total = children.len();
            let row = |nm: &crate::engine::progress::NodeMonths| -> Option<MonthRow> {
                let shown: Vec<_> = (0..3)
                    .map(|i| node_month_shown(p, nm, i))
                    .collect::<Option<_>>()?;
                Some((
                    nm.node,
                    p.nodes[nm.node].id,
                    crate::engine::explain::node_name(s, p, nm.node),
                    std::array::from_fn(|i| bare(shown[i].0)),
                    std::array::from_fn(|i| bare(shown[i].1)),
                ))
            };
            let rows = std::iter::once(&own)
                .chain(children.iter().take(LISTED))
                .filter_map(row)
                .collect();
            (rows, total)
        })
    });
    let export_error = RwSignal::new(None::<String>);
    let export = move |_| {
        let (lang, k, q) = (
            ctx.lang.get_untracked(),
            ctx.indicator.get_untracked(),
            quarter.get_untracked(),
        );
        export_error.set(export_csv(ctx, ctx.t("-分月", "-months"), |s, p| {
            crate::storage::csv::months(s, p, k, q, lang)
        }));
    };
    let unit = move || {
        let (zh, en) = ctx.scenario.with(|s| s.tree_unit.names());
        ctx.t(zh, en)
    };
    view! {
        <h3>{move || ctx.t("各行业、各企业分月任务（企业各月合计等于其季度任务，同月各企业合计等于行业）", "Each industry's and enterprise's months (an enterprise's months add up to its quarter, the enterprises' month to the industry's)")}</h3>
        <div class="actions">
            <label for="months-industry">{move || ctx.t("行业", "Industry")}</label>
            <select id="months-industry" on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() { industry.set(i); }
            }>
                {move || industries.get().into_iter().enumerate().map(|(i, name)| view! {
                    <option class="user-text" value=i.to_string() selected=move || industry.get() == i>{name}</option>
                }).collect_view()}
            </select>
            <button type="button" id="export-months-csv" on:click=export>{move || ctx.t("导出全部分月 CSV", "Export all months (CSV)")}</button>
            <span class="field-error" role="alert">{move || export_error.get()}</span>
        </div>
        {move || {
            let (rows, total) = rows.get();
            let k = ctx.indicator.get_untracked();
            let first = quarter.get_untracked() as u8 * 3 + 1;
            (!rows.is_empty()).then(|| view! {
                <p class="hint updating" aria-live="polite">{move || updating.get().then(|| ctx.t("正在按最新数字更新…", "Updating to the latest figures…"))}</p>
                <div class="table-wrap" aria-busy=move || updating.get().to_string()>
                    <table class="grid" id="node-months">
                        <thead><tr>
                            <th scope="col">{move || ctx.t("名称", "Name")}</th>
                            {(first..first + 3).map(|m| view! { <th scope="col">{move || ctx.with_unit(Period::Month(m).name().get(ctx.lang.get()), unit())}</th> }).collect_view()}
                            {(first..first + 3).map(|m| view! { <th scope="col">{move || ctx.with_unit(&format!("{} {}", Period::Month(m).name().get(ctx.lang.get()), ctx.t("日均", "daily")), ctx.t("万元", "10k CNY"))}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(node, id, name, amounts, dailies)| view! {
                                <tr data-node=id.to_string()>
                                    <td class="user-text">{name}</td>
                                    {amounts.into_iter().enumerate().map(|(i, t)| view! {
                                        <td class="figure"><Num figure=Figure::NodeMonth(node, k, first + i as u8) text=t /></td>
                                    }).collect_view()}
                                    {dailies.into_iter().enumerate().map(|(i, t)| view! {
                                        <td class="figure"><Num figure=Figure::NodeMonthDaily(node, k, first + i as u8) text=t /></td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(total > LISTED).then(|| view! { <p class="hint">{move || match ctx.lang.get() {
                    Lang::Zh => format!("共 {total} 家企业，列出前 {LISTED} 家；全部在导出的 CSV 里。"),
                    Lang::En => format!("{total} enterprises; the first {LISTED} are listed, all are in the exported CSV."),
                }}</p> })}
            })
        }}
    }
}

/// The GDP card's targets are growth at comparable prices: with both price indexes, the
/// share of industry in GDP at current prices beside the comparable one.
#[component]
fn GdpPrices() -> impl IntoView {
    use crate::engine::field::GdpField;
    let ctx = use_ctx();
    let has_gdp = Memo::new(move |_| ctx.scenario.with(|s| s.gdp.is_some()));
    let text = move |f: Figure| {
        Signal::derive(move || {
            ctx.computed.with(|c| {
                c.as_ref()
                    .and_then(|c| shown_text(&c.0.plan, f, ctx.lang.get()))
            })
        })
    };
    let index = move |get: fn(&crate::engine::scenario::GdpInput) -> Option<Dec>| {
        Signal::derive(move || ctx.scenario.with(|s| s.gdp.as_ref().and_then(get)))
    };
    view! {
        <Show when=move || has_gdp.get()>
            <div class="editor-grid" id="gdp-prices">
                <NumberField id="gdp-price-index"
                    label=Signal::derive(move || ctx.t("GDP 价格指数（上年 = 1）", "GDP price index (last year = 1)").to_string())
                    value=index(|g| g.gdp_price_index)
                    unit=FieldUnit::Times
                    field=Field::Gdp(GdpField::GdpPriceIndex)
                    empty_ok=true
                    on_commit={move |v: Option<Dec>| ctx.edit(|s| { if let Some(g) = s.gdp.as_mut() { g.gdp_price_index = v; } })} />
                <NumberField id="va-price-index"
                    label=Signal::derive(move || ctx.t("全部工业增加值价格指数", "Industry value added price index").to_string())
                    value=index(|g| g.va_price_index)
                    unit=FieldUnit::Times
                    field=Field::Gdp(GdpField::VaPriceIndex)
                    empty_ok=true
                    on_commit={move |v: Option<Dec>| ctx.edit(|s| { if let Some(g) = s.gdp.as_mut() { g.va_price_index = v; } })} />
            </div>
            <p>
                {move || ctx.t("工业占 GDP 比重：按可比价 ", "Industry's share of GDP: at comparable prices ")}
                <LiveNum figure=Figure::GdpShare id="gdp-share-comparable" text=text(Figure::GdpShare) />
                {move || ctx.t("；按现价 ", "; at current prices ")}
                <LiveNum figure=Figure::GdpShareCurrent id="gdp-share-current" text=text(Figure::GdpShareCurrent) />
                {move || ctx.computed.with(|c| c.as_ref().is_some_and(|c| c.0.plan.gdp.as_ref().is_some_and(|g| g.share_current().is_none())))
                    .then(|| ctx.t("（两个价格指数都填后算出）", "(once both price indexes are entered)"))}
            </p>
        </Show>
    }
}
