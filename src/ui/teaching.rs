//! Teaching cards: the two traps of the domain, on the scenario's own numbers (the engine's
//! `teaching` module computes them; this only lays them out).

use leptos::prelude::*;

use super::use_ctx;
use crate::engine::explain::node_name;
use crate::engine::format::{fixed_units, plain, yi};
use crate::engine::teaching::{teaching_rounding, times_card};
use crate::engine::Lang;

#[component]
pub fn Teaching() -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    let times = Memo::new(move |_| {
        open.get().then_some(())?;
        let k = ctx.indicator.get();
        ctx.computed
            .with(|c| c.as_ref().and_then(|c| times_card(&c.0.plan, k)))
    });
    // The county's children (industries), with names, as text rows.
    let rounding = Memo::new(move |_| {
        open.get().then_some(())?;
        let k = ctx.indicator.get();
        ctx.computed.with(|c| {
            let c = c.as_ref()?;
            let card = teaching_rounding(&c.0.plan, k)?;
            let names: Vec<String> = card
                .rows
                .iter()
                .map(|r| node_name(&c.0.scenario, &c.0.plan, r.node))
                .collect();
            let unit = c.0.scenario.tree_unit.names();
            let parent = node_name(&c.0.scenario, &c.0.plan, card.parent);
            let parent_id = c.0.plan.nodes[card.parent].id;
            Some((card, names, unit, parent, parent_id))
        })
    });
    view! {
        <details class="card teaching no-print" id="teaching" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary><h2>{move || ctx.t("教学卡片：两个常见误区", "Teaching cards: the two traps")}</h2></summary>
            {move || times.get().map(|c| {
                let lang = ctx.lang.get();
                let (name, x) = match lang {
                    Lang::Zh => (c.indicator.zh(), plain(c.x)),
                    Lang::En => (c.indicator.en(), plain(c.x)),
                };
                let base = yi(c.base, lang);
                view! {
                    <section class="teaching-card" id="teaching-times">
                        <h3>{move || ctx.t("“增长X倍”不是“是…的X倍”", "“增长X倍” (grow by X times) is not “是…的X倍” (X times)")}</h3>
                        <p>{match lang {
                            Lang::Zh => format!("{name}上年 {base}，同一个 X = {x}："),
                            Lang::En => format!("{name}, last year {base}, the same X = {x}:"),
                        }}</p>
                        <div class="side-by-side">
                            <p id="teaching-grown-by"><strong>{format!("增长{x}倍")}</strong><br/>
                                {format!("{base} × (1 + {x}) = {}", yi(c.grown_by, lang))}</p>
                            <p id="teaching-times-of"><strong>{format!("是上年的{x}倍")}</strong><br/>
                                {format!("{base} × {x} = {}", yi(c.times, lang))}</p>
                        </div>
                        <p class="hint">{match lang {
                            Lang::Zh => format!("两者相差一个基数（{base}）：增长{x}倍，就是上年的 {} 倍。", plain(c.x + crate::engine::Dec::ONE)),
                            Lang::En => format!("They differ by one base ({base}): growing by {x} times is {} times last year.", plain(c.x + crate::engine::Dec::ONE)),
                        }}</p>
                    </section>
                }
            })}
            {move || rounding.get().map(|(card, names, unit, parent, parent_id)| {
                let lang = ctx.lang.get();
                let unit = if lang == Lang::Zh { unit.0 } else { unit.1 };
                let left = card.parent_units - card.floors;
                view! {
                    <section class="teaching-card" id="teaching-rounding" data-parent=parent_id.to_string()>
                        <h3>{move || ctx.t("为什么各部分取整后仍等于总数", "Why the rounded parts still add up")}</h3>
                        <p class="user-text">{match lang {
                            Lang::Zh => format!("{parent}的任务分到下级："),
                            Lang::En => format!("{parent}'s quota split among its units:"),
                        }}</p>
                        <table class="grid">
                            <thead><tr>
                                <th>{move || ctx.t("下级", "Unit")}</th>
                                <th>{match lang { Lang::Zh => format!("精确任务（{unit}）"), Lang::En => format!("Exact quota ({unit})") }}</th>
                                <th>{move || ctx.t("向下取整", "Rounded down")}</th>
                                <th>{move || ctx.t("余数", "Remainder")}</th>
                                <th>{move || ctx.t("显示", "Shown")}</th>
                            </tr></thead>
                            <tbody>
                                {card.rows.iter().zip(names).map(|(r, name)| view! {
                                    <tr class:got-one=r.got_one()>
                                        <td class="user-text">{name}</td>
                                        <td class="num">{format!("{}{:04}…", fixed_units(r.floor_units, 2), r.remainder)}</td>
                                        <td class="num">{fixed_units(r.floor_units, 2)}</td>
                                        <td class="num">{format!("0.{:04}", r.remainder)}</td>
                                        <td class="num">{fixed_units(r.shown_units, 2)}{r.got_one().then_some(" (+0.01)")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(left == 0).then(|| view! {
                            <p class="hint" id="teaching-rounding-exact">{move || ctx.t(
                                "本方案的各项任务恰好都是整分，取整没有起作用。把分解表单位改为亿元，或把目标改成一个不整齐的数（例如 333.33333333），再看这张卡片。",
                                "Every quota of this scenario comes out in whole hundredths, so the rounding does nothing here. Show the table in 100M CNY, or set a target like 333.33333333, and look again.",
                            )}</p>
                        })}
                        <p class="hint" id="teaching-rounding-sum">{match lang {
                            Lang::Zh => format!(
                                "向下取整后合计 {}，比{parent}的 {} 少 {left} 个 0.01；按余数从大到小，前 {left} 个各补 0.01（最大余额法），合计正好等于{parent}。",
                                fixed_units(card.floors, 2), fixed_units(card.parent_units, 2)),
                            Lang::En => format!(
                                "Rounded down they add up to {}, {left} hundredths short of {parent}'s {}; the {left} largest remainders get one hundredth each (largest remainder), and the parts add up to it exactly.",
                                fixed_units(card.floors, 2), fixed_units(card.parent_units, 2)),
                        }}</p>
                    </section>
                }
            })}
        </details>
    }
}
