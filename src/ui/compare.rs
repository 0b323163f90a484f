//! Two scenarios side by side, differences highlighted, with a chart of both.

use leptos::prelude::*;

use super::charts::compare_chart;
use std::sync::Arc;

use super::library::Library;
use super::{use_ctx, Computed, Shared};
use crate::engine::compare::{compare, CompareUnit, Comparison};
use crate::engine::explain::vocabulary::shown_bare;
use crate::engine::format::fixed_units;
use crate::engine::round::Precision;
use crate::engine::{plan, Indicator, Lang};

/// Enterprise rows drawn at most (the others are counted).
const MAX_ENTERPRISE_ROWS: usize = 300;

/// A compared value as the page writes the same figure.
fn shown(units: Option<i64>, unit: CompareUnit) -> String {
    units.map_or_else(|| "—".into(), |u| shown_bare(unit.shown(u)))
}

fn delta(d: Option<i64>, unit: CompareUnit, lang: Lang) -> String {
    match d {
        None => String::new(),
        Some(0) => "0".into(),
        Some(d) => {
            let sign = if d > 0 { "+" } else { "" };
            match (unit, lang) {
                (CompareUnit::Percent, Lang::Zh) => format!("{sign}{}个百分点", fixed_units(d, 2)),
                (CompareUnit::Percent, Lang::En) => format!("{sign}{} points", fixed_units(d, 2)),
                _ => format!("{sign}{}", fixed_units(d, 2)),
            }
        }
    }
}

/// The unit a row's amounts are in, after its label.
fn unit_suffix(unit: CompareUnit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (CompareUnit::Percent, _) => "",
        (CompareUnit::Yi | CompareUnit::Tree(Precision::Yi2), Lang::Zh) => "（亿元）",
        (CompareUnit::Yi | CompareUnit::Tree(Precision::Yi2), Lang::En) => " (100M CNY)",
        (CompareUnit::Tree(Precision::Wan2), Lang::Zh) => "（万元）",
        (CompareUnit::Tree(Precision::Wan2), Lang::En) => " (10k CNY)",
    }
}

fn listed(lib: Library) -> Vec<(String, String)> {
    lib.index
        .with(|i| i.listed().map(|e| (e.id.clone(), e.name.clone())).collect())
}

/// A: the chosen scenario, or the open one.
fn choose_a(a: RwSignal<String>, lib: Library) -> String {
    let chosen = a.get();
    if listed(lib).iter().any(|(id, _)| *id == chosen) {
        chosen
    } else {
        lib.current_id.get()
    }
}

/// B: the chosen scenario, or the first other than A.
fn choose_b(a: RwSignal<String>, b: RwSignal<String>, lib: Library) -> String {
    let chosen = b.get();
    let list = listed(lib);
    if list.iter().any(|(id, _)| *id == chosen) {
        return chosen;
    }
    let a = choose_a(a, lib);
    list.into_iter()
        .map(|(id, _)| id)
        .find(|id| *id != a)
        .unwrap_or(a)
}

#[component]
pub fn Compare() -> impl IntoView {
    let ctx = use_ctx();
    let lib = ctx.library;
    let a = RwSignal::new(String::new());
    let b = RwSignal::new(String::new());
    let only_differences = RwSignal::new(true);
    let listed = move || listed(lib);
    let pick_a = move || choose_a(a, lib);
    let pick_b = move || choose_b(a, b, lib);
    let open = RwSignal::new(false);
    // A stored scenario is read and planned once per choice; the open one comes from the
    // page's own plan, so the comparison follows edits without planning twice.
    let stored =
        move |pick: fn(RwSignal<String>, RwSignal<String>, super::library::Library) -> String,
              x: RwSignal<String>,
              y: RwSignal<String>| {
            Memo::new(move |_| {
                if !open.get() {
                    return None;
                }
                let id = pick(x, y, lib);
                if id == lib.current_id.get() {
                    return None;
                }
                let s = lib.scenario_of(&id)?;
                let p = plan(&s).ok()?;
                Some(Shared(Arc::new(Computed {
                    id,
                    scenario: s,
                    plan: p,
                    source: super::Source::Itself,
                })))
            })
        };
    let stored_a = stored(|a, _, lib| choose_a(a, lib), a, b);
    let stored_b = stored(choose_b, a, b);
    let comparison = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let current = ctx.computed.get();
        let side = |id: String, stored: Option<Shared<Computed>>| -> Option<Shared<Computed>> {
            if id == lib.current_id.get() {
                current.clone()
            } else {
                stored
            }
        };
        let ca = side(choose_a(a, lib), stored_a.get())?;
        let cb = side(choose_b(a, b, lib), stored_b.get())?;
        let (ca, cb) = (&ca.0, &cb.0);
        Some((
            (ca.scenario.name.clone(), cb.scenario.name.clone()),
            compare((&ca.scenario, &ca.plan), (&cb.scenario, &cb.plan)),
        ))
    });
    let options = move |selected: String| {
        listed()
            .into_iter()
            .map(|(id, name)| {
                let is = id == selected;
                view! { <option class="user-text" value=id selected=is>{name}</option> }
            })
            .collect_view()
    };
    let table = move |names: (String, String), c: Comparison| {
        let lang = ctx.lang.get();
        let only = only_differences.get();
        let enterprises_differing = c
            .rows
            .iter()
            .filter(|r| r.group == "enterprise" && r.differs())
            .count();
        let mut enterprise_rows = 0usize;
        let rows = c
            .rows
            .iter()
            .filter(|r| {
                if r.group != "enterprise" {
                    return true;
                }
                if only && !r.differs() {
                    return false;
                }
                enterprise_rows += 1;
                enterprise_rows <= MAX_ENTERPRISE_ROWS
            })
            .map(|r| {
                let label = format!("{}{}", r.label.get(lang), unit_suffix(r.unit, lang));
                let is_enterprise = r.group == "enterprise";
                view! {
                    <tr class:differs=r.differs() class:enterprise=is_enterprise>
                        <td class:user-text=is_enterprise>{label}</td>
                        <td class="num">{shown(r.a, r.unit)}</td>
                        <td class="num">{shown(r.b, r.unit)}</td>
                        <td class="num delta">{delta(r.delta(), r.unit, lang)}</td>
                    </tr>
                }
            })
            .collect_view();
        let hidden = enterprise_rows.saturating_sub(MAX_ENTERPRISE_ROWS);
        let chart = c
            .quarters
            .iter()
            .find(|(k, _, _)| *k == Indicator::Output)
            .map(|(k, qa, qb)| compare_chart(*k, (&names.0, *qa), (&names.1, *qb), lang))
            .unwrap_or_default();
        view! {
            <p class="hint" id="compare-summary">{match lang {
                Lang::Zh => format!("有 {enterprises_differing} 家企业的规上产值任务不同。"),
                Lang::En => format!("{enterprises_differing} enterprises have a different gross-output quota."),
            }}</p>
            <div class="table-wrap">
                <table id="compare-table">
                    <thead><tr>
                        <th>{ctx.t("项目", "Figure")}</th>
                        <th class="user-text">{names.0.clone()}</th>
                        <th class="user-text">{names.1.clone()}</th>
                        <th>{ctx.t("差额（后者 − 前者）", "Difference (B − A)")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(hidden > 0).then(|| view! { <p class="hint">{match lang {
                Lang::Zh => format!("另有 {hidden} 家企业未列出。"),
                Lang::En => format!("{hidden} more enterprises are not listed."),
            }}</p> })}
            <figure class="chart" id="chart-compare" inner_html=chart></figure>
        }
    };
    view! {
        <details class="card compare no-print" id="compare" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary id="compare-open"><h2 id="compare-title">{move || ctx.t("方案对比", "Compare scenarios")}</h2></summary>
            <div class="toolbar">
                <label>{move || ctx.t("方案甲", "A")} " "
                    <select id="compare-a" on:change=move |ev| a.set(event_target_value(&ev))>{move || options(pick_a())}</select>
                </label>
                <label>{move || ctx.t("方案乙", "B")} " "
                    <select id="compare-b" on:change=move |ev| b.set(event_target_value(&ev))>{move || options(pick_b())}</select>
                </label>
                <label>
                    <input type="checkbox" id="compare-only-differences" prop:checked=move || only_differences.get()
                        on:change=move |ev| only_differences.set(event_target_checked(&ev)) />
                    {move || ctx.t("企业只列出不同的", "List only enterprises that differ")}
                </label>
            </div>
            {move || match comparison.get() {
                Some((names, c)) => table(names, c).into_any(),
                None => view! { <p class="hint">{ctx.t("选择两个可以计算的方案。", "Choose two scenarios that plan without errors.")}</p> }.into_any(),
            }}
        </details>
    }
}
