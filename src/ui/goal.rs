//! Goal seek beside an explanation: "what would it take?" — type the wanted value, choose the
//! input to move, see the input solved and what else in the plan moves with it, then keep it
//! (one undo step) or discard it. The solving is the engine's (`engine::goal`).

use leptos::prelude::*;

use super::use_ctx;
use crate::engine::compare::compare;
use crate::engine::explain::vocabulary::shown_text;
use crate::engine::explain::{shown, Figure};
use crate::engine::goal::{self, lever_name, levers, seek, Lever, Sought};
use crate::engine::{Bilingual, Lang};

/// How many changed figures the result lists (the compare card has them all).
const CHANGES_SHOWN: usize = 12;

#[component]
pub fn GoalSeek(figure: Figure) -> impl IntoView {
    let ctx = use_ctx();
    let options = Memo::new(move |_| {
        ctx.computed.with(|c| {
            c.as_ref()
                .map(|c| levers(&c.0.scenario, &c.0.plan, figure))
                .unwrap_or_default()
        })
    });
    let want = RwSignal::new(String::new());
    let lever = RwSignal::new(None::<Lever>);
    let input_error = RwSignal::new(None::<Bilingual>);
    let outcome = RwSignal::new(None::<Result<Sought, Bilingual>>);
    let chosen = move || {
        let all = options.get();
        lever
            .get()
            .filter(|l| all.contains(l))
            .or(all.first().copied())
    };
    let solve = move || {
        outcome.set(None);
        let Some(l) = chosen() else {
            return;
        };
        let text = want.get_untracked();
        let result = ctx.computed.with_untracked(|c| {
            let c = c.as_ref()?;
            let (s, p) = (&c.0.scenario, &c.0.plan);
            let now = shown(p, figure)?;
            Some(goal::wanted(now, &text).map(|w| seek(s, p, figure, &w, l)))
        });
        match result {
            Some(Ok(r)) => {
                input_error.set(None);
                outcome.set(Some(r));
            }
            Some(Err(e)) => input_error.set(Some(e)),
            None => {}
        }
    };
    let keep = move |_| {
        let Some(Some(Ok(sought))) = outcome.try_get_untracked() else {
            return;
        };
        ctx.library.close_step();
        ctx.edit(|s| goal::write(s, sought.lever, sought.after));
        ctx.library.close_step();
        outcome.set(None);
        want.set(String::new());
    };
    let lever_label = move |l: Lever| {
        let lang = ctx.lang.get();
        ctx.computed.with(|c| {
            c.as_ref()
                .map(|c| {
                    lever_name(&c.0.scenario, &c.0.plan, l)
                        .get(lang)
                        .to_string()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || options.with(|o| !o.is_empty())>
            <section class="goal-seek" id="goal">
                <h3>{move || ctx.t("倒推：要让这个数等于……需要怎样改？", "What would it take for this figure to be …?")}</h3>
                <div class="goal-row">
                    <label for="goal-want">{move || ctx.t("想要的值", "Wanted value")}</label>
                    <input id="goal-want" type="text" inputmode="decimal" autocomplete="off" size="12"
                        prop:value=move || want.get()
                        aria-describedby="goal-want-error"
                        on:input=move |ev| { want.set(event_target_value(&ev)); input_error.set(None); }
                        on:keydown=move |ev| if ev.key() == "Enter" { solve() } />
                    <label for="goal-lever">{move || ctx.t("改动", "by moving")}</label>
                    <select id="goal-lever" on:change=move |ev| {
                        let i = event_target_value(&ev).parse::<usize>().ok();
                        lever.set(i.and_then(|i| options.get_untracked().get(i).copied()));
                        outcome.set(None);
                    }>
                        {move || options.get().into_iter().enumerate().map(|(i, l)| view! {
                            <option value=i.to_string() selected=move || chosen() == Some(l)>{move || lever_label(l)}</option>
                        }).collect_view()}
                    </select>
                    <button type="button" id="goal-solve" on:click=move |_| solve()>{move || ctx.t("求解", "Solve")}</button>
                </div>
                <p class="field-error" id="goal-want-error" role="alert">{move || input_error.get().map(|e| e.get(ctx.lang.get()).to_string())}</p>
                {move || outcome.get().map(|o| {
                    let lang = ctx.lang.get();
                    match o {
                        Err(why) => view! {
                            <p class="goal-result goal-impossible" id="goal-result" role="status">{why.get(lang).to_string()}</p>
                        }.into_any(),
                        Ok(sought) => {
                            let (line, changes) = ctx.computed.with_untracked(|c| {
                                let Some(c) = c.as_ref() else { return (String::new(), Vec::new()) };
                                let (s, p) = (&c.0.scenario, &c.0.plan);
                                let name = lever_name(s, p, sought.lever).get(lang).to_string();
                                let before = sought.unit.text(sought.before, lang);
                                let after = sought.unit.text(sought.after, lang);
                                let reached = shown_text(sought.reached, lang);
                                let how = if sought.linear {
                                    ctx.t("按线性关系精确求解", "solved exactly from the linear relation")
                                } else {
                                    ctx.t("按输入的最小单位逐次二分求得", "found by bisecting the input's smallest steps")
                                };
                                let line = match lang {
                                    Lang::Zh => format!("把{name}从 {before} 改为 {after}，这个数即为 {reached}（{how}）。"),
                                    Lang::En => format!("Set {name} from {before} to {after}, and this figure is {reached} ({how})."),
                                };
                                let rows = compare((s, p), (&sought.scenario, &sought.plan)).rows;
                                let changes: Vec<(String, String, String)> = rows
                                    .into_iter()
                                    .filter(|r| r.differs())
                                    .map(|r| {
                                        let text = |v: Option<i64>| v.map(|u| shown_text(r.unit.shown(u), lang)).unwrap_or_else(|| "—".into());
                                        (r.label.get(lang).to_string(), text(r.a), text(r.b))
                                    })
                                    .collect();
                                (line, changes)
                            });
                            let more = changes.len().saturating_sub(CHANGES_SHOWN);
                            view! {
                                <div class="goal-result" id="goal-result" role="status">
                                    <p id="goal-line">{line}</p>
                                    <table class="grid goal-changes" id="goal-changes">
                                        <thead><tr>
                                            <th>{move || ctx.t("随之变化", "What moves with it")}</th>
                                            <th>{move || ctx.t("现在", "Now")}</th>
                                            <th>{move || ctx.t("改后", "Then")}</th>
                                        </tr></thead>
                                        <tbody>
                                            {changes.into_iter().take(CHANGES_SHOWN).map(|(label, a, b)| view! {
                                                <tr><td class="user-text">{label}</td><td class="num">{a}</td><td class="num">{b}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    {(more > 0).then(|| view! { <p class="hint">{match lang {
                                        Lang::Zh => format!("另有 {more} 项变化，保留后可在“方案对比”中查看。"),
                                        Lang::En => format!("{more} more changes; keep it and see them all under “Compare scenarios”."),
                                    }}</p> })}
                                    <button type="button" id="goal-keep" on:click=keep>{move || ctx.t("保留这个改动", "Keep it")}</button>
                                    <button type="button" id="goal-discard" on:click=move |_| outcome.set(None)>{move || ctx.t("放弃", "Discard")}</button>
                                </div>
                            }.into_any()
                        }
                    }
                })}
            </section>
        </Show>
    }
}
