//! The decomposition (层层分解): industry → enterprise → project, each row with its quota,
//! share, required growth, Q1 amount and daily quota; a node editor for names, people,
//! bases, commitments, holds and the split method.

use std::collections::HashSet;
use std::sync::Arc;

use leptos::prelude::*;

use super::explain::Num;
use super::fields::{FieldUnit, NumberField, TextField};
use super::quarters::IndicatorPicker;
use super::{use_ctx, Computed, Shared};
use crate::engine::coverage::{add_others, can_scale, scale_bases};
use crate::engine::edit;
use crate::engine::explain::{node_name, shown_bare, Figure};
use crate::engine::field::NodeField;
use crate::engine::format::fixed_units;
use crate::engine::hard_cases::{needing_more_than, order, SortKey};
use crate::engine::plan::{Level, NodeInfo};
use crate::engine::stage::Spot;
use crate::engine::{AmountUnit, Dec, Field, Indicator, Lang, SplitMethod};

/// The table's columns, in order: one list drives the heading, the row's text, the figure
/// it explains and the cell rewritten in place.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Column {
    Name,
    Responsible,
    Basis,
    Quota,
    Share,
    Growth,
    Q1,
    Daily,
    Gap,
}

impl Column {
    const ALL: [Column; 9] = [
        Column::Name,
        Column::Responsible,
        Column::Basis,
        Column::Quota,
        Column::Share,
        Column::Growth,
        Column::Q1,
        Column::Daily,
        Column::Gap,
    ];
    const COUNT: usize = Column::ALL.len();

    fn index(self) -> usize {
        self as usize
    }

    /// The figure a cell explains (`None`: plain text).
    fn figure(self, node: usize, k: Indicator) -> Option<Figure> {
        Some(match self {
            Column::Name | Column::Responsible | Column::Basis => return None,
            Column::Quota => Figure::NodeQuota(node, k),
            Column::Share => Figure::NodeShare(node, k),
            Column::Growth => Figure::NodeGrowth(node, k),
            Column::Q1 => Figure::NodeQ1(node, k),
            Column::Daily => Figure::NodeDaily(node, k),
            Column::Gap => Figure::NodeGap(node, k),
        })
    }

    /// The page id of a figure's button, where tests and links reach it.
    fn dom_id(self, id: u64) -> Option<String> {
        match self {
            Column::Quota => Some(format!("quota-{id}")),
            Column::Growth => Some(format!("growth-node-{id}")),
            Column::Q1 => Some(format!("q1-node-{id}")),
            Column::Daily => Some(format!("daily-node-{id}")),
            _ => None,
        }
    }

    /// The `<col>` class sizing it (figures in their own `ch`).
    fn width_class(self) -> &'static str {
        match self {
            Column::Name => "",
            Column::Responsible => "c-person",
            Column::Basis | Column::Quota | Column::Q1 | Column::Gap => "c-amount",
            Column::Share => "c-share",
            Column::Growth => "c-growth",
            Column::Daily => "c-daily",
        }
    }

    /// The heading, with the table's unit where it has one.
    fn heading(self, ctx: super::Ctx, unit: &str) -> String {
        match self {
            Column::Name => ctx.t("名称", "Name").into(),
            Column::Responsible => ctx.t("责任人", "In charge").into(),
            Column::Basis => ctx.with_unit(ctx.t("上年基数", "Base"), unit),
            Column::Quota => ctx.with_unit(ctx.t("全年任务", "Annual quota"), unit),
            Column::Share => ctx.t("占上级", "Share").into(),
            Column::Growth => ctx.t("需增长", "Growth needed").into(),
            Column::Q1 => ctx.with_unit(ctx.t("一季度", "Q1"), unit),
            Column::Daily => ctx.t("一季度日均（万元）", "Q1 daily (10k CNY)").into(),
            Column::Gap => ctx.with_unit(ctx.t("缺口", "Gap"), unit),
        }
    }
}

#[derive(Clone, PartialEq)]
struct Row {
    index: usize,
    indicator: Indicator,
    id: u64,
    level: Level,
    has_children: bool,
    collapsed: bool,
    held: bool,
    /// Each column's text, in the order of [`Column::ALL`] (`None`: the cell is empty).
    texts: [Option<String>; Column::COUNT],
}

impl Row {
    /// The texts, borrowed (what the row's effect compares on every edit).
    fn text_refs(&self) -> [Option<&str>; Column::COUNT] {
        std::array::from_fn(|c| self.texts[c].as_deref())
    }
}

/// What decides which rows exist, without a name filter: the plan's node list (compared by
/// identity: the same list means the same nodes in the same places), the indicators it
/// splits, and the county's name (the top row's).
#[derive(Clone)]
struct TreeShape(Arc<Vec<NodeInfo>>, Vec<Indicator>, String);

impl PartialEq for TreeShape {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) && self.1 == other.1 && self.2 == other.2
    }
}

/// How the rows are chosen and ordered besides names: siblings by a figure, and only the
/// enterprises that need more than a growth (in hundredths of a percent).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Selection {
    sort: SortKey,
    growth_over: Option<i64>,
}

/// The nodes shown, in order: those matching the filter (and the selection) and their
/// ancestors, minus the children of collapsed nodes and the rows an indicator does not reach;
/// siblings in the selection's order.
fn visible(
    c: &Computed,
    k: Indicator,
    collapsed: &HashSet<u64>,
    filter: &str,
    selection: Selection,
) -> Vec<usize> {
    let p = &c.plan;
    let s = &c.scenario;
    let n = p.nodes.len();
    let hard: Option<HashSet<usize>> = selection
        .growth_over
        .map(|x| needing_more_than(p, k, x).nodes.into_iter().collect());
    let filtering = !filter.is_empty() || hard.is_some();
    let mut keep: Vec<bool> = (0..n)
        .map(|i| {
            (filter.is_empty() || node_name(s, p, i).contains(filter))
                && hard.as_ref().is_none_or(|h| h.contains(&i))
        })
        .collect();
    // A node is shown when it matches or a descendant does (so the path to a match shows).
    for i in (1..n).rev() {
        if keep[i] {
            if let Some(parent) = p.nodes[i].parent {
                keep[parent as usize] = true;
            }
        }
    }
    let mut hidden_under = vec![false; n];
    let mut out = Vec::new();
    // Parents come before their children in either order.
    for i in order(s, p, k, selection.sort) {
        let info = p.nodes[i];
        hidden_under[i] = info.parent.is_some_and(|q| {
            let q = q as usize;
            hidden_under[q] || (collapsed.contains(&p.nodes[q].id) && !filtering)
        });
        // Enterprise indicators stop above projects: their rows would be empty.
        if hidden_under[i] || !keep[i] || p.figures(i, k).is_none() {
            continue;
        }
        out.push(i);
    }
    out
}

fn row(
    c: &Computed,
    k: Indicator,
    i: usize,
    collapsed: &HashSet<u64>,
    hidden: &HashSet<Figure>,
) -> Row {
    let p = &c.plan;
    let info = p.nodes[i];
    let node = c.scenario.node_at(&info.path);
    let f = p.figures(i, k);
    let prec = p.tree_precision;
    let texts = Column::ALL.map(|column| match column {
        Column::Name => Some(node_name(&c.scenario, p, i)),
        Column::Responsible => Some(node.map(|n| n.responsible.clone()).unwrap_or_default()),
        Column::Basis => f.map(|f| fixed_units(prec.units(f.basis), 2)),
        // The county has no parent to be a share of.
        Column::Share if info.parent.is_none() => None,
        // A figure's text is what explains it shows as its result (hidden for an exercise).
        _ => column.figure(i, k).and_then(|figure| {
            let text = shown_bare(p, figure)?;
            Some(if hidden.contains(&figure) {
                super::stage::HIDDEN.to_string()
            } else {
                text
            })
        }),
    });
    Row {
        index: i,
        indicator: k,
        id: info.id,
        level: info.level,
        has_children: p.children(i).any(|ch| p.figures(ch, k).is_some()),
        collapsed: collapsed.contains(&info.id),
        held: f.is_some_and(|f| f.is_held()),
        texts,
    }
}

fn method_from(value: &str) -> SplitMethod {
    SplitMethod::from_key(value).unwrap_or_default()
}

fn method_options(current: SplitMethod) -> impl IntoView {
    let ctx = use_ctx();
    SplitMethod::ALL
        .into_iter()
        .map(|m| {
            let (zh, en) = m.names();
            view! { <option value=m.key() selected=current == m>{ctx.t(zh, en)}</option> }
        })
        .collect_view()
}

/// Row height in pixels (fixed in the stylesheet), for the windowed list.
const ROW_PX: f64 = 31.0;
/// Up to this many rows the table is drawn whole in the page's flow; above, it scrolls in a
/// box of its own and only the rows in view are drawn (every drawn row is updated on every
/// edit: a county of 100 enterprises took 17 ms per edit drawn whole, docs/PERFORMANCE.md).
const WINDOW_FROM: usize = 60;
/// Printing draws the rows shown, up to this many (about 60 pages); the rest is in the CSV.
const PRINT_ROWS: usize = 2_000;
/// Rows drawn above and below those in view, so that scrolling shows drawn rows at once.
const WINDOW_MARGIN: usize = 8;

/// How many rows the windowed table draws: those that fit its scroller (75% of the window's
/// height, as the stylesheet sets) and a margin above and below. Every drawn row is updated
/// and laid out on every edit, so drawing only these keeps an edit within a frame.
fn window_rows() -> usize {
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(1080.0);
    (height * 0.75 / ROW_PX).ceil() as usize + 2 * WINDOW_MARGIN
}

#[component]
pub fn Decomposition() -> impl IntoView {
    let ctx = use_ctx();
    let collapsed = RwSignal::new(HashSet::<u64>::new());
    let filter = RwSignal::new(String::new());
    let selection = RwSignal::new(Selection::default());
    let growth_over_error = RwSignal::new(None::<crate::engine::Bilingual>);
    let selected = RwSignal::new(None::<u64>);
    // Which rows exist depends on the tree's shape, names and planned indicators, not on
    // the figures: an edit that keeps the tree keeps the plan's node list (the same `Arc`),
    // and the rows shown are not searched again.
    let shape = Memo::new(move |_| {
        ctx.computed.with(|c| {
            c.as_ref().map(|c| {
                let p = &c.0.plan;
                let planned = p.splits.iter().map(|s| s.indicator).collect();
                TreeShape(Arc::clone(&p.nodes), planned, c.0.scenario.county.clone())
            })
        })
    });
    let shown = Memo::new(move |_| {
        let k = ctx.indicator.get();
        let f = filter.get();
        let f = f.trim();
        let sel = selection.get();
        // Read, not only tracked: a memo computes (and follows its own sources) when read.
        shape.with(|_| ());
        let rows = |c: &Option<Shared<Computed>>| {
            collapsed.with(|col| {
                c.as_ref()
                    .map(|c| visible(&c.0, k, col, f, sel))
                    .unwrap_or_default()
            })
        };
        // A filter matches names, and a selection figures, which an edit can change without
        // changing the shape.
        if f.is_empty() && sel == Selection::default() {
            ctx.computed.with_untracked(rows)
        } else {
            ctx.computed.with(rows)
        }
    });
    // "需增长 > X%": how many enterprises, and what they carry.
    let hard_cases = Memo::new(move |_| {
        let over = selection.get().growth_over?;
        let k = ctx.indicator.get();
        ctx.computed.with(|c| {
            let c = c.as_ref()?;
            Some((over, needing_more_than(&c.0.plan, k, over)))
        })
    });
    // Settings of the whole tree, as memos: they change rarely, the scenario on every edit.
    let county_method = Memo::new(move |_| ctx.scenario.with(|s| s.tree.rule.method));
    let tree_unit = Memo::new(move |_| ctx.scenario.with(|s| s.tree_unit));
    let scroll_top = RwSignal::new(0.0f64);
    let drawn_rows = RwSignal::new(window_rows());
    let on_resize =
        window_event_listener(leptos::ev::resize, move |_| drawn_rows.set(window_rows()));
    on_cleanup(move || on_resize.remove());
    // Printing draws every row shown, not the window.
    let printing = ctx.printing;
    // The rows drawn: all of a small tree; of a large one, those in view plus a margin,
    // with spacers above and below keeping the scroll height right.
    let window = Memo::new(move |_| {
        let total = shown.with(Vec::len);
        if printing.get() {
            return (0, total.min(PRINT_ROWS));
        }
        if total <= WINDOW_FROM {
            return (0, total);
        }
        let rows = drawn_rows.get();
        let first = ((scroll_top.get() / ROW_PX) as usize).saturating_sub(WINDOW_MARGIN);
        let first = first.min(total.saturating_sub(rows));
        (first, (first + rows).min(total))
    });
    let windowed = move || shown.with(Vec::len) > WINDOW_FROM && !printing.get();
    // The rows drawn, with their figures as text.
    let rows = Memo::new(move |_| {
        let k = ctx.indicator.get();
        let (first, last) = window.get();
        let hidden = ctx.stage.hidden_now();
        collapsed
            .with(|col| {
                ctx.computed.with(|c| {
                    c.as_ref().map(|c| {
                        shown.with(|v| {
                            v[first.min(v.len())..last.min(v.len())]
                                .iter()
                                .map(|&i| row(&c.0, k, i, col, &hidden))
                                .collect::<Vec<_>>()
                        })
                    })
                })
            })
            .unwrap_or_default()
    });
    // What shapes the drawn rows, as a memo: most edits change figures only, and then the
    // list is not diffed again.
    let row_keys =
        Memo::new(move |_| rows.with(|rs| rs.iter().map(RowKey::of).collect::<Vec<_>>()));
    let on_scroll = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            scroll_top.set(f64::from(el.scroll_top()));
        }
    };
    // A walk on the trainer's stage marks a row: its industry is opened, and a windowed
    // table scrolls its box to it (drawn before the page scrolls the row into view).
    let wrap = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(id) = ctx.stage.marks.with(|m| {
            m.iter().rev().find_map(|s| match *s {
                Spot::Row(id) => Some(id),
                _ => None,
            })
        }) else {
            return;
        };
        // The page under a presentation stays as it was.
        if ctx.stage.presenting.get_untracked() {
            return;
        }
        let above = ctx.computed.with_untracked(|c| {
            let Some(c) = c.as_ref() else {
                return Vec::new();
            };
            let p = &c.0.plan;
            let mut above = Vec::new();
            let mut at = p.node_index(id).and_then(|i| p.nodes[i].parent);
            while let Some(i) = at {
                above.push(p.nodes[i as usize].id);
                at = p.nodes[i as usize].parent;
            }
            above
        });
        if collapsed.with_untracked(|c| above.iter().any(|a| c.contains(a))) {
            collapsed.update(|c| {
                above.iter().for_each(|a| {
                    c.remove(a);
                })
            });
        }
        // Found once its industry is open.
        let position = ctx.computed.with_untracked(|c| {
            let p = &c.as_ref()?.0.plan;
            shown.with_untracked(|v| v.iter().position(|&i| p.nodes[i].id == id))
        });
        if let (Some(pos), Some(el)) = (position, wrap.get_untracked()) {
            if shown.with_untracked(Vec::len) > WINDOW_FROM {
                let top = (pos as f64 * ROW_PX - f64::from(el.client_height()) / 3.0).max(0.0);
                el.set_scroll_top(top as i32);
                scroll_top.set(top);
            }
        }
    });
    let unit = move || {
        let (zh, en) = ctx.scenario.with(|s| s.tree_unit.names());
        ctx.t(zh, en)
    };
    // Whether the enterprises listed add up to the county (an incomplete list is said, with
    // a way to fill it), for the indicator shown.
    let coverage = Memo::new(move |_| {
        let k = ctx.indicator.get();
        ctx.scenario.with(|s| {
            crate::engine::coverage::coverage(s)
                .into_iter()
                .find(|c| c.indicator == k && !c.whole())
        })
    });
    view! {
        <section class="card" id="decomposition" aria-labelledby="tree-title">
            <h2 id="tree-title">
                {move || ctx.t("层层分解：行业 → 企业 → 项目", "Decomposition: industry → enterprise → project")}
                " · " <IndicatorPicker id="tree-indicator" />
            </h2>
            {move || coverage.get().map(|c| {
                let lang = ctx.lang.get();
                let short = c.remainder().is_positive();
                let k = c.indicator;
                view! {
                    <p class="coverage-note" id="coverage-note" role="status">
                        {c.words().get(lang).to_string()}
                        {short.then(|| view! {
                            " "
                            <button type="button" id="add-others" on:click=move |_| {
                                // A step of its own: typing just before is not undone with it.
                                ctx.library.close_step();
                                ctx.edit(|s| { add_others(s, k); });
                                ctx.library.close_step();
                            }>{ctx.t("把差额添为“其他企业”", "Add the difference as “其他企业” (others)")}</button>
                        })}
                        {can_scale(&c).then(|| view! {
                            " "
                            <button type="button" id="scale-bases" on:click=move |_| {
                                ctx.library.close_step();
                                ctx.edit(|s| { scale_bases(s, k); });
                                ctx.library.close_step();
                            }>{ctx.t("按比例调整所列企业的基数，使合计等于全县", "Scale the listed bases to add up to the county")}</button>
                        })}
                    </p>
                }
            })}
            <div class="actions">
                <label for="tree-filter">{move || ctx.t("按名称筛选", "Filter by name")}</label>
                <input id="tree-filter" type="search" prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev)) />
                <label for="tree-sort">{move || ctx.t("排序", "Order")}</label>
                <select id="tree-sort" on:change=move |ev| {
                    let key = SortKey::from_key(&event_target_value(&ev)).unwrap_or_default();
                    selection.update(|s| s.sort = key);
                }>
                    {SortKey::ALL.into_iter().map(|key| view! {
                        <option value=key.key() selected=move || selection.get().sort == key>
                            {move || key.name().get(ctx.lang.get()).to_string()}
                        </option>
                    }).collect_view()}
                </select>
                <label for="growth-over">{move || ctx.t("只看需增长超过（%）", "Only those needing growth above (%)")}</label>
                <input id="growth-over" type="text" inputmode="decimal" size="5" autocomplete="off"
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        if text.trim().is_empty() {
                            growth_over_error.set(None);
                            selection.update(|s| s.growth_over = None);
                            return;
                        }
                        match crate::engine::number::parse_number(&text).and_then(|n| n.as_fraction()) {
                            Ok(x) => {
                                growth_over_error.set(None);
                                let units = x.units(crate::engine::num::Step::PERCENT_2);
                                selection.update(|s| s.growth_over = Some(units));
                            }
                            Err(why) => growth_over_error.set(Some(why)),
                        }
                    } />
                <span class="field-error" id="growth-over-error" role="alert">{move || growth_over_error.get().map(|e| e.get(ctx.lang.get()).to_string())}</span>
                {move || hard_cases.get().map(|(over, h)| {
                    let unit = tree_unit.get().names();
                    let (count, quota, basis) = (h.nodes.len(), fixed_units(h.quota_units, 2), fixed_units(h.basis_units, 2));
                    let over = fixed_units(over, 2);
                    let over = over.trim_end_matches('0').trim_end_matches('.').to_string();
                    view! {
                        <span class="hard-cases" id="hard-cases" role="status">{move || match ctx.lang.get() {
                            Lang::Zh => format!("{count} 家企业需增长超过 {over}%，全年任务合计 {quota}{}（上年基数 {basis}{}）", unit.0, unit.0),
                            Lang::En => format!("{count} enterprises need growth above {over}%: quotas {quota}, bases {basis} ({})", unit.1),
                        }}</span>
                    }
                })}
                <button type="button" id="expand-all" on:click=move |_| collapsed.set(HashSet::new())>
                    {move || ctx.t("全部展开", "Expand all")}
                </button>
                <button type="button" id="collapse-all" on:click=move |_| {
                    let ids = ctx.scenario.with(|s| s.tree.industries.iter().map(|i| i.node.id).collect());
                    collapsed.set(ids)
                }>{move || ctx.t("折叠到行业", "Collapse to industries")}</button>
                <button type="button" id="add-industry" on:click=move |_| {
                    let name = ctx.t("新行业", "New industry").to_string();
                    let mut id = 0;
                    ctx.edit(|s| id = edit::add_industry(s, name));
                    selected.set(Some(id));
                }>{move || ctx.t("添加行业", "Add industry")}</button>
                <label class="unit-choice" for="county-method">{move || ctx.t("全县分到行业", "County to industries")}</label>
                <select id="county-method" on:change=move |ev| {
                    let m = method_from(&event_target_value(&ev));
                    ctx.edit(|s| s.tree.rule.method = m);
                }>
                    {move || method_options(county_method.get())}
                </select>
                <label class="unit-choice">
                    <input type="checkbox" id="county-spread-gap"
                        prop:checked=move || ctx.scenario.with(|s| s.tree.rule.spread_gap)
                        on:change=move |ev| { let on = event_target_checked(&ev); ctx.edit(|s| s.tree.rule.spread_gap = on) } />
                    {move || ctx.t("分摊缺口", "spread the gap")}
                </label>
                <label class="unit-choice">
                    {move || ctx.t("单位", "Unit")}
                    <select id="tree-unit" on:change=move |ev| {
                        if let Some(unit) = AmountUnit::from_key(&event_target_value(&ev)) {
                            ctx.edit(|s| s.tree_unit = unit);
                        }
                    }>
                        {AmountUnit::ALL.into_iter().map(|u| {
                            let (zh, en) = u.names();
                            view! { <option value=u.key() selected=move || tree_unit.get() == u>{move || ctx.t(zh, en)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <NodeEditor selected=selected />
            <div class="table-wrap tree-wrap" class:windowed=windowed on:scroll=on_scroll node_ref=wrap>
            <table class="grid tree" id="tree-table">
                // Column widths for the windowed (fixed) layout, in the figures' own `ch`.
                <colgroup>
                    {Column::ALL.map(|c| match c.width_class() {
                        "" => view! { <col /> }.into_any(),
                        class => view! { <col class=class /> }.into_any(),
                    }).into_iter().collect_view()}
                </colgroup>
                <thead><tr>
                    {Column::ALL.map(|c| view! { <th scope="col">{move || c.heading(ctx, unit())}</th> }).into_iter().collect_view()}
                </tr></thead>
                <tbody>
                    {move || {
                        let above = (window.get().0 as f64 * ROW_PX) as i64;
                        (above > 0).then(|| view! { <tr class="spacer" aria-hidden="true"><td colspan=Column::COUNT.to_string() style:height=format!("{above}px")></td></tr> })
                    }}
                    // Rows are keyed by what shapes them; their figures update in place, so an
                    // edit that changes every quota rewrites text, not the table.
                    <For each=move || row_keys.get() key=|k| k.clone() let:key>
                        {tree_row(key, rows, collapsed, selected)}
                    </For>
                    {move || {
                        let (_, last) = window.get();
                        let below = (shown.with(Vec::len).saturating_sub(last) as f64 * ROW_PX) as i64;
                        (below > 0).then(|| view! { <tr class="spacer" aria-hidden="true"><td colspan=Column::COUNT.to_string() style:height=format!("{below}px")></td></tr> })
                    }}
                </tbody>
            </table>
            </div>
            <p class="hint row-count">{move || {
                let n = shown.with(Vec::len);
                let cut = printing.get() && n > PRINT_ROWS;
                match (ctx.lang.get(), cut) {
                    (Lang::Zh, false) => format!("共 {n} 行"),
                    (Lang::En, false) => format!("{n} rows"),
                    (Lang::Zh, true) => format!("共 {n} 行，打印前 {PRINT_ROWS} 行；完整分解请导出 CSV"),
                    (Lang::En, true) => format!("{n} rows; the first {PRINT_ROWS} are printed, export the CSV for all"),
                }
            }}</p>
        </section>
    }
}

/// What gives a row its shape; the rest of it (names, figures) updates in place.
#[derive(Clone, PartialEq, Eq, Hash)]
struct RowKey {
    id: u64,
    index: usize,
    level: Level,
    indicator: Indicator,
    has_children: bool,
    collapsed: bool,
    held: bool,
    /// Which cells have a text.
    cells: [bool; Column::COUNT],
}

impl RowKey {
    fn of(r: &Row) -> Self {
        RowKey {
            id: r.id,
            index: r.index,
            level: r.level,
            indicator: r.indicator,
            has_children: r.has_children,
            collapsed: r.collapsed,
            held: r.held,
            cells: std::array::from_fn(|c| r.texts[c].is_some()),
        }
    }
}

fn tree_row(
    key: RowKey,
    rows: Memo<Vec<Row>>,
    collapsed: RwSignal<HashSet<u64>>,
    selected: RwSignal<Option<u64>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let level_class = match key.level {
        Level::County => "lvl-0",
        Level::Industry => "lvl-1",
        Level::Enterprise => "lvl-2",
        Level::Project => "lvl-3",
    };
    let RowKey {
        id,
        index: i,
        indicator: k,
        ..
    } = key;
    // The row's texts are rewritten in place by one effect, as a hand-written page would: a
    // reactive text per cell made every edit wake ten effects per row (docs/PERFORMANCE.md).
    let initial = rows
        .with_untracked(|rs| rs.iter().find(|r| r.id == id).map(|r| r.texts.clone()))
        .unwrap_or_default();
    // One element per column whose text is rewritten: a figure's button, or the cell.
    let buttons: [NodeRef<leptos::html::Button>; Column::COUNT] =
        std::array::from_fn(|_| NodeRef::new());
    let cells: [NodeRef<leptos::html::Td>; Column::COUNT] = std::array::from_fn(|_| NodeRef::new());
    let name_span = NodeRef::<leptos::html::Span>::new();
    let element = move |n: usize| -> Option<web_sys::Node> {
        match Column::ALL[n] {
            Column::Name => buttons[n]
                .get_untracked()
                .map(Into::into)
                .or_else(|| name_span.get_untracked().map(Into::into)),
            Column::Responsible | Column::Basis => cells[n].get_untracked().map(Into::into),
            _ => buttons[n].get_untracked().map(Into::into),
        }
    };
    super::rewrite_changed_texts(
        initial.to_vec(),
        move |visit| {
            rows.with(|rs| {
                if let Some(r) = rs.iter().find(|r| r.id == id) {
                    visit(&r.text_refs());
                }
            })
        },
        element,
    );
    let text = move |c: Column| initial[c.index()].clone().unwrap_or_default();
    let toggle = key.has_children.then(|| {
        let open = !key.collapsed;
        view! {
            <button type="button" class="toggle" aria-expanded=if open { "true" } else { "false" }
                aria-label=move || ctx.t("展开/折叠", "expand/collapse")
                on:click=move |_| collapsed.update(|c| { if !c.remove(&id) { c.insert(id); } })>
                {if open { "▾" } else { "▸" }}
            </button>
        }
    });
    let name_cell = {
        let name = text(Column::Name);
        let button = buttons[Column::Name.index()];
        view! {
            <td class="name">
                {toggle}
                {if key.level == Level::County {
                    view! { <span class="user-text county-name" node_ref=name_span>{name}</span> }.into_any()
                } else {
                    view! {
                        <button type="button" class="node-name user-text" node_ref=button on:click=move |_| selected.set(Some(id))>{name}</button>
                    }.into_any()
                }}
                {key.held.then(|| view! { <span class="badge">{move || ctx.t("锁定", "held")}</span> })}
            </td>
        }
    };
    let other_cells = Column::ALL[1..]
        .iter()
        .map(|&column| {
            let n = column.index();
            let content = column.figure(i, k).filter(|_| key.cells[n]).map(|figure| {
                let label = Signal::stored(text(column));
                let node_ref = buttons[n];
                match column.dom_id(id) {
                    Some(d) => {
                        view! { <Num figure=figure text=label id=d node_ref=node_ref /> }.into_any()
                    }
                    None => view! { <Num figure=figure text=label node_ref=node_ref /> }.into_any(),
                }
            });
            match column {
                Column::Responsible => {
                    view! { <td class="user-text person" node_ref=cells[n]>{text(column)}</td> }
                        .into_any()
                }
                Column::Basis => {
                    view! { <td class="figure" node_ref=cells[n]>{text(column)}</td> }.into_any()
                }
                _ => view! { <td class="figure">{content}</td> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <tr class=level_class class:held=key.held class:selected=move || selected.get() == Some(id)
            class:marked=move || ctx.stage.is_marked(Spot::Row(id)) data-node=id>
            {name_cell}
            {other_cells}
        </tr>
    }
}

/// Edit the selected node: its texts, base, commitment, hold, manual share, the split of its
/// children; add a child, move, remove.
#[component]
fn NodeEditor(selected: RwSignal<Option<u64>>) -> impl IntoView {
    let ctx = use_ctx();
    // Memos: the editor's parts are rebuilt when the selected node changes, not on every edit.
    let node_memo = Memo::new(move |_| {
        let id = selected.get()?;
        ctx.scenario.with(|s| s.node(id).cloned())
    });
    let node = move || node_memo.get();
    let level_memo = Memo::new(move |_| {
        let id = selected.get()?;
        ctx.computed.with(|c| {
            let c = c.as_ref()?;
            let i = c.0.plan.node_index(id)?;
            Some(c.0.plan.nodes[i].level)
        })
    });
    let level = move || level_memo.get();
    let tree_unit = Memo::new(move |_| ctx.scenario.with(|s| s.tree_unit));
    // The base the plan counted for the node in the shown indicator (its own, or its
    // children's sum), read when a growth is typed.
    let node_base = move || {
        let id = selected.get_untracked()?;
        let k = ctx.indicator.get_untracked();
        ctx.computed.with_untracked(|c| {
            let plan = &c.as_ref()?.0.plan;
            plan.figures(plan.node_index(id)?, k).map(|f| f.basis)
        })
    };
    // Amounts are typed in the table's unit, and the label says which.
    let amount_unit = move || {
        let (zh, en) = tree_unit.get().names();
        ctx.t(zh, en)
    };
    let field = move |f: fn(Indicator) -> NodeField| {
        selected
            .get()
            .map(|id| Field::Node(id, f(ctx.indicator.get())))
    };
    let update = move |f: Box<dyn Fn(&mut crate::engine::NodeData)>| {
        if let Some(id) = selected.get_untracked() {
            ctx.edit(|s| {
                if let Some(n) = s.node_mut(id) {
                    f(n)
                }
            });
        }
    };
    let rule_memo = Memo::new(move |_| {
        let id = selected.get()?;
        ctx.scenario.with(|s| edit::rule_of(s, Some(id)))
    });
    let rule = move || rule_memo.get();
    // An enterprise's industry picker: (id, name) of every industry and the current one. A
    // memo, so that the picker is rebuilt when these change, not on every edit.
    let industry_choice = Memo::new(move |_| {
        level().filter(|l| *l == Level::Enterprise)?;
        let id = selected.get()?;
        ctx.scenario.with(|s| {
            let industries: Vec<(u64, String)> = s
                .tree
                .industries
                .iter()
                .map(|i| (i.node.id, i.node.name.clone()))
                .collect();
            let current = s
                .tree
                .industries
                .iter()
                .find(|i| i.enterprises.iter().any(|e| e.node.id == id))
                .map(|i| i.node.id);
            Some((industries, current))
        })
    });
    view! {
        <Show when=move || node().is_some()>
            <div class="node-editor" id="node-editor">
                <h3>{move || ctx.t("编辑：", "Edit: ")}<span class="user-text">{move || node().map(|n| n.name)}</span></h3>
                <div class="editor-grid">
                    <TextField id="node-name" label=Signal::derive(move || ctx.t("名称", "Name").to_string())
                        value=Signal::derive(move || node().map(|n| n.name).unwrap_or_default())
                        on_commit={move |v: String| update(Box::new(move |n| n.name = v.clone()))} />
                    <TextField id="node-responsible" label=Signal::derive(move || ctx.t("责任人", "Responsible person").to_string())
                        value=Signal::derive(move || node().map(|n| n.responsible).unwrap_or_default())
                        on_commit={move |v: String| update(Box::new(move |n| n.responsible = v.clone()))} />
                    <TextField id="node-unit" label=Signal::derive(move || ctx.t("包抓单位", "Responsible unit").to_string())
                        value=Signal::derive(move || node().map(|n| n.unit).unwrap_or_default())
                        on_commit={move |v: String| update(Box::new(move |n| n.unit = v.clone()))} />
                    {move || {
                        let unit = FieldUnit::Amount(tree_unit.get());
                        // The node's base, for a commitment or hold typed as a growth: its
                        // own, or its children's sum as the plan counted it.
                        let base_now = Signal::derive(node_base);
                        view! {
                            // A profit base may be a loss (below zero); the engine refuses a negative
                            // base of any other indicator beside this field.
                            <NumberField id="node-base" unit=unit empty_ok=true
                                label=Signal::derive(move || ctx.with_unit(ctx.t("上年基数", "Base"), amount_unit()))
                                value=Signal::derive(move || node().and_then(|n| n.base.get(ctx.indicator.get())))
                                field=Signal::derive(move || field(NodeField::Base))
                                on_commit={move |v: Option<Dec>| { let k = ctx.indicator.get_untracked(); update(Box::new(move |n| n.base.set(k, v))) }} />
                            <NumberField id="node-commitment" unit=unit empty_ok=true non_negative=true
                                growth_base=base_now
                                label=Signal::derive(move || ctx.with_unit(ctx.t("自报目标（可填增长率，如 12%）", "Own commitment (or a growth, like 12%)"), amount_unit()))
                                value=Signal::derive(move || node().and_then(|n| n.commitment.get(ctx.indicator.get())))
                                field=Signal::derive(move || field(NodeField::Commitment))
                                on_commit={move |v: Option<Dec>| { let k = ctx.indicator.get_untracked(); update(Box::new(move |n| n.commitment.set(k, v))) }} />
                            <NumberField id="node-held" unit=unit empty_ok=true non_negative=true
                                growth_base=base_now
                                label=Signal::derive(move || match ctx.lang.get() {
                                    Lang::Zh => format!("锁定金额（{}，或增长率如 12%；空 = 不锁定）", amount_unit()),
                                    Lang::En => format!("Hold at ({}, or a growth like 12%; empty: not held)", amount_unit()),
                                })
                                value=Signal::derive(move || node().and_then(|n| n.held.get(ctx.indicator.get())))
                                field=Signal::derive(move || field(NodeField::Held))
                                on_commit={move |v: Option<Dec>| { let k = ctx.indicator.get_untracked(); if let Some(id) = selected.get_untracked() { ctx.edit(|s| { edit::hold_node(s, id, k, v); }) } }} />
                        }
                    }}
                    <NumberField id="node-manual-share" unit=FieldUnit::Percent empty_ok=true non_negative=true
                        label=Signal::derive(move || ctx.with_unit(ctx.t("手动占比", "Manual share"), "%"))
                        value=Signal::derive(move || node().and_then(|n| n.manual_share))
                        field=Signal::derive(move || selected.get().map(|id| Field::Node(id, NodeField::ManualShare)))
                        on_commit={move |v: Option<Dec>| update(Box::new(move |n| n.manual_share = v))} />
                    {move || rule().map(|r| view! {
                        <span class="field">
                            <label for="node-method">{ctx.t("下级分解方法", "How its children are split")}</label>
                            <select id="node-method" on:change=move |ev| {
                                let m = method_from(&event_target_value(&ev));
                                if let Some(id) = selected.get_untracked() { ctx.edit(|s| if let Some(r) = edit::rule_mut(s, Some(id)) { r.method = m }) }
                            }>
                                {method_options(r.method)}
                            </select>
                        </span>
                        <label class="field checkbox">
                            <input type="checkbox" id="node-spread-gap" prop:checked=r.spread_gap on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                if let Some(id) = selected.get_untracked() { ctx.edit(|s| if let Some(r) = edit::rule_mut(s, Some(id)) { r.spread_gap = on }) }
                            } />
                            {ctx.t("按自报目标分摊缺口", "Spread the gap over commitments")}
                        </label>
                    })}
                </div>
                <div class="actions">
                    {move || level().filter(|l| *l != Level::Project).map(|level| view! {
                        <button type="button" id="node-add-child" on:click=move |_| {
                            let name = if level == Level::Industry { ctx.t("新企业", "New enterprise") } else { ctx.t("新项目", "New project") }.to_string();
                            if let Some(id) = selected.get_untracked() {
                                let mut new_id = None;
                                ctx.edit(|s| new_id = edit::add_child(s, id, name));
                                if new_id.is_some() { selected.set(new_id) }
                            }
                        }>{if level == Level::Industry { ctx.t("添加企业", "Add enterprise") } else { ctx.t("添加项目", "Add project") }}</button>
                    })}
                    {move || industry_choice.get().map(|(industries, current)| {
                        view! {
                            <label for="node-industry">{ctx.t("所属行业", "Industry")}</label>
                            <select id="node-industry" on:change=move |ev| {
                                let Ok(to) = event_target_value(&ev).parse::<u64>() else { return };
                                if let Some(id) = selected.get_untracked() { ctx.edit(|s| { edit::move_enterprise(s, id, to); }) }
                            }>
                                {industries.into_iter().map(|(id, name)| view! {
                                    <option value=id.to_string() selected=current == Some(id) class="user-text">{name}</option>
                                }).collect_view()}
                            </select>
                        }
                    })}
                    <button type="button" id="node-up" on:click=move |_| if let Some(id) = selected.get_untracked() { ctx.edit(|s| { edit::move_among_siblings(s, id, true); }) }>{move || ctx.t("上移", "Move up")}</button>
                    <button type="button" id="node-down" on:click=move |_| if let Some(id) = selected.get_untracked() { ctx.edit(|s| { edit::move_among_siblings(s, id, false); }) }>{move || ctx.t("下移", "Move down")}</button>
                    <button type="button" id="node-remove" class="danger" on:click=move |_| if let Some(id) = selected.get_untracked() {
                        ctx.library.close_step();
                        ctx.edit(|s| { edit::remove(s, id); });
                        ctx.library.close_step();
                        selected.set(None);
                    }>{move || ctx.t("删除", "Remove")}</button>
                    <button type="button" id="node-close" on:click=move |_| selected.set(None)>{move || ctx.t("完成", "Done")}</button>
                </div>
            </div>
        </Show>
    }
}
