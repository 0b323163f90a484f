//! Ask any number why: each derived number is a button; the panel shows its formula with
//! operands, and every figure above it up to the county target.

use leptos::prelude::*;

use super::use_ctx;
use crate::engine::explain::{chain, Figure};
use crate::engine::stage::Spot;

/// A derived number that explains itself when clicked (or focused and Enter pressed).
#[component]
pub fn Num(
    figure: Figure,
    #[prop(into)] text: Signal<String>,
    #[prop(optional, into)] id: Option<String>,
    /// A "why" link beside an input rather than a number (not printed).
    #[prop(optional)]
    why: bool,
    /// For a caller that rewrites the text itself (the decomposition's rows).
    #[prop(optional)]
    node_ref: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let ctx = use_ctx();
    let selected = move || ctx.explain.get() == Some(figure);
    let st = ctx.stage;
    view! {
        <button
            node_ref=node_ref
            type="button"
            class="num"
            class:why-link=why
            class:selected=selected
            class:marked=move || st.is_marked(Spot::Figure(figure))
            class:marked-result=move || st.is_result(figure)
            class:hidden-figure=move || !why && st.is_hidden(figure)
            id=id
            title=move || ctx.t("点击查看计算过程", "Click to see how it is computed")
            on:click=move |_| ctx.explain.set(Some(figure))
        >
            // A "why" link shows no value, so it has nothing to hide.
            {move || if !why && st.is_hidden(figure) { super::stage::HIDDEN.to_string() } else { text.get() }}
        </button>
    }
}

/// A derived number that stays on the page while it exists: when the plan changes only its
/// text is rewritten (no element is rebuilt).
#[component]
pub fn LiveNum(
    figure: Figure,
    #[prop(into)] text: Signal<Option<String>>,
    #[prop(optional, into)] id: Option<String>,
    #[prop(optional)] why: bool,
) -> impl IntoView {
    let text = super::settled(move || text.get());
    let shown = Signal::derive(move || text.get().unwrap_or_default());
    view! {
        <Show when=move || text.with(Option::is_some)>
            {match id.clone() {
                Some(id) => view! { <Num figure=figure text=shown id=id why=why /> }.into_any(),
                None => view! { <Num figure=figure text=shown why=why /> }.into_any(),
            }}
        </Show>
    }
}

#[component]
pub fn ExplainPanel() -> impl IntoView {
    let ctx = use_ctx();
    let steps = move || {
        let figure = ctx.explain.get()?;
        let computed = ctx.computed.get()?;
        let c = &computed.0;
        Some(chain(&c.scenario, &c.plan, figure))
    };
    // Escape closes the explanation: on a narrow screen it is a sheet over the page
    // (public/style.css), which its close button closes too.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && ctx.explain.with_untracked(Option::is_some) {
            ctx.explain.set(None);
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <aside class="explain" id="explain-panel" aria-live="polite"
            class:open=move || ctx.explain.with(Option::is_some)>
            <h2>{move || ctx.t("计算过程", "How it is computed")}</h2>
            {move || {
                let lang = ctx.lang.get();
                match steps() {
                    None => view! {
                        <p class="hint">
                            {ctx.t(
                                "点击任意数字，查看它的公式和数据来源，并逐级追溯到全县目标。",
                                "Click any number to see its formula and operands, traced step by step up to the county target.",
                            )}
                        </p>
                    }.into_any(),
                    Some(_) if ctx.explain.get().is_some_and(|f| ctx.stage.is_hidden(f)) => view! {
                        <p class="hint" id="explain-hidden">{ctx.t("这个数字已隐藏（练习）：先让学员自己算。", "This figure is hidden for an exercise: let the trainees compute it first.")}</p>
                        <button type="button" id="explain-reveal" on:click=move |_| {
                            if let Some(f) = ctx.explain.get_untracked() {
                                ctx.stage.hide(f, false);
                            }
                        }>{ctx.t("揭晓", "Reveal")}</button>
                    }.into_any(),
                    Some(steps) => view! {
                        <ol class="chain">
                            {steps.into_iter().enumerate().map(|(i, step)| {
                                let up = step.figure;
                                view! {
                                    <li class:first=i == 0>
                                        <button type="button" class="step-label" on:click=move |_| ctx.explain.set(Some(up))>
                                            {step.label_text(lang)}
                                        </button>
                                        // A hidden figure up the chain shows as ？, in its own line and as an operand.
                                        <p class="formula">{if ctx.stage.is_hidden(up) { super::stage::HIDDEN.to_string() } else { ctx.stage.masked(step.text(lang), lang) }}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        {ctx.explain.get().map(|f| view! { <super::goal::GoalSeek figure=f /> })}
                        <button type="button" class="close" on:click=move |_| ctx.explain.set(None)>
                            {ctx.t("关闭", "Close")}
                        </button>
                    }.into_any(),
                }
            }}
        </aside>
    }
}
