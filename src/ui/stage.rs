//! The trainer's stage (讲解台): the decomposition walked top-down with the keyboard, each
//! step's formula with its operands marked where they live on the page; a presentation mode
//! for a projector; figures hidden for an exercise and revealed with their formula. The steps
//! and the keys are the engine's (`engine::stage`); this lays them out.

use std::collections::HashSet;

use leptos::prelude::*;

use super::fields::{FieldUnit, NumberField};
use super::{use_ctx, Computed, Shared};
use crate::engine::edit;
use crate::engine::explain::{node_name, Figure};
use crate::engine::field::{IndicatorField, NodeField};
use crate::engine::goal::{self, Lever};
use crate::engine::stage::{self, cannot_walk, settle, spot_name, Key, Route, Spot, Step, Walk};
use crate::engine::{Dec, Field, Indicator, Lang, TargetSpec};

/// The stage's state, shared with the page: what is marked and what is hidden.
#[derive(Clone, Copy)]
pub struct StageState {
    /// The walk on screen, if any.
    pub walk: RwSignal<Option<Walk>>,
    /// Whom the walk follows (`None`: the largest industry and enterprise).
    pub route: RwSignal<Option<Route>>,
    /// The walk fills the screen in large type (a projector).
    pub presenting: RwSignal<bool>,
    /// Figures hidden for an exercise, on the tree they were hidden on (figures name nodes by
    /// position: a change of the tree's shape ends the exercise rather than hide others).
    hidden: RwSignal<(usize, HashSet<Figure>)>,
    /// The tree's shape (the identity of the plan's node list, kept while the shape is).
    shape: Memo<usize>,
    /// The stage's card is open: until then (and without a walk) nothing of the stage is
    /// worked out on an edit.
    pub card_open: RwSignal<bool>,
    /// Whom the walk follows, valid for the plan on screen.
    pub route_now: Memo<Option<Route>>,
    /// The walk's steps, for the plan on screen.
    pub steps: Memo<Vec<Step>>,
    /// Where the current step's operands live (nothing when no walk is on).
    pub marks: Memo<Vec<Spot>>,
}

impl StageState {
    pub fn new(computed: Memo<Option<Shared<Computed>>>, indicator: RwSignal<Indicator>) -> Self {
        let walk = RwSignal::new(None::<Walk>);
        let route = RwSignal::new(None::<Route>);
        let card_open = RwSignal::new(false);
        let shape = Memo::new(move |_| {
            computed.with(|c| {
                c.as_ref()
                    .map_or(0, |c| std::sync::Arc::as_ptr(&c.0.plan.nodes) as usize)
            })
        });
        // Whom the walk follows, made valid for the plan on screen: worked out only while the
        // card is open or a walk is on (every edit would otherwise, docs/PERFORMANCE.md).
        let route_now = Memo::new(move |_| {
            if walk.with(Option::is_none) && !card_open.get() {
                return None;
            }
            let k = indicator.get();
            computed.with(|c| {
                let p = &c.as_ref()?.0.plan;
                let chosen = route
                    .get()
                    .filter(|r| r.indicator == k)
                    .unwrap_or_else(|| stage::default_route(p, k));
                Some(settle(p, chosen))
            })
        });
        let steps = Memo::new(move |_| {
            let Some(r) = route_now.get() else {
                return Vec::new();
            };
            computed.with(|c| {
                c.as_ref()
                    .map(|c| stage::steps(&c.0.scenario, &c.0.plan, r))
                    .unwrap_or_default()
            })
        });
        let marks = Memo::new(move |_| {
            let Some(w) = walk.get() else {
                return Vec::new();
            };
            steps.with(|st| {
                st.get(w.step(st.len()))
                    .map(|s| s.spots.clone())
                    .unwrap_or_default()
            })
        });
        StageState {
            walk,
            route,
            presenting: RwSignal::new(false),
            hidden: RwSignal::new((0, HashSet::new())),
            shape,
            card_open,
            route_now,
            steps,
            marks,
        }
    }

    /// The figures hidden now (none once the tree changed shape).
    pub fn hidden_now(&self) -> HashSet<Figure> {
        let shape = self.shape.get();
        self.hidden.with(|(on, h)| {
            if *on == shape {
                h.clone()
            } else {
                HashSet::new()
            }
        })
    }

    pub fn is_hidden(&self, figure: Figure) -> bool {
        let shape = self.shape.get();
        self.hidden
            .with(|(on, h)| *on == shape && h.contains(&figure))
    }

    /// Hide a figure, or reveal it.
    pub fn hide(&self, figure: Figure, hide: bool) {
        let shape = self.shape.get_untracked();
        self.hidden.update(|(on, h)| {
            if *on != shape {
                *on = shape;
                h.clear();
            }
            if hide {
                h.insert(figure);
            } else {
                h.remove(&figure);
            }
        });
    }

    pub fn reveal_all(&self) {
        self.hidden.update(|(_, h)| h.clear());
    }

    /// A formula's text with the values of hidden figures in it as "？" (an operand must
    /// not give away a hidden answer).
    pub fn masked(&self, text: String, lang: Lang) -> String {
        let hidden = self.hidden_now();
        if hidden.is_empty() {
            return text;
        }
        let ctx = use_ctx();
        ctx.computed.with_untracked(|c| {
            let Some(c) = c.as_ref() else {
                return text.clone();
            };
            hidden.iter().fold(
                text.clone(),
                |t, &f| match crate::engine::explain::shown_text(&c.0.plan, f, lang) {
                    Some(v) if !v.is_empty() => t.replace(&v, HIDDEN),
                    _ => t,
                },
            )
        })
    }

    pub fn is_marked(&self, spot: Spot) -> bool {
        self.marks.with(|m| m.contains(&spot))
    }

    /// The step's own figure (its result), marked apart from its operands.
    pub fn is_result(&self, figure: Figure) -> bool {
        self.marks.with(|m| m.last() == Some(&Spot::Figure(figure)))
    }
}

/// The text shown for a hidden figure.
pub const HIDDEN: &str = "？";

/// The stage's card: whom to follow, start, present, and the exercise.
#[component]
pub fn StageCard() -> impl IntoView {
    let ctx = use_ctx();
    let st = ctx.stage;
    // The route in effect, for the pickers.
    let open = st.card_open;
    let route = st.route_now;
    let names = move |ids: Vec<(usize, u64)>| {
        ctx.computed.with(|c| {
            c.as_ref()
                .map(|c| {
                    ids.into_iter()
                        .map(|(i, id)| (id, node_name(&c.0.scenario, &c.0.plan, i)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let industries = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let k = ctx.indicator.get();
        let ids = ctx.computed.with(|c| {
            c.as_ref()
                .map(|c| stage::industries(&c.0.plan, k))
                .unwrap_or_default()
        });
        names(ids)
    });
    let enterprises = Memo::new(move |_| {
        let k = ctx.indicator.get();
        let Some(ind) = route.get().and_then(|r| r.industry) else {
            return Vec::new();
        };
        let ids = ctx.computed.with(|c| {
            c.as_ref()
                .map(|c| stage::enterprises(&c.0.plan, ind, k))
                .unwrap_or_default()
        });
        names(ids)
    });
    let why_not = Memo::new(move |_| {
        open.get().then_some(())?;
        let k = ctx.indicator.get();
        ctx.computed
            .with(|c| c.as_ref().and_then(|c| cannot_walk(&c.0.plan, k)))
    });
    // The figures an exercise can hide, with their names: these change with the route and the
    // names, not with every edit's figures.
    let exercise = Memo::new(move |_| {
        let lang = ctx.lang.get();
        st.steps.with(|steps| {
            steps
                .iter()
                .map(|s| (s.figure(), s.explanation.label_text(lang)))
                .collect::<Vec<_>>()
        })
    });
    let start = move |present: bool| {
        if why_not.with(Option::is_some) {
            return;
        }
        let r = route.get_untracked();
        st.route.set(r);
        if let Some(r) = r {
            st.walk.set(Some(Walk::new(r)));
            st.presenting.set(present);
        }
    };
    let pick = move |industry: Option<u64>, enterprise: Option<u64>| {
        let k = ctx.indicator.get_untracked();
        st.route.set(Some(Route {
            indicator: k,
            industry,
            enterprise,
        }));
    };
    view! {
        <details class="card no-print" id="stage-card" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary><h2 id="stage-title">{move || ctx.t("讲解台：从全县目标讲到一家企业的一天", "Trainer's stage: from the county target to one factory's day")}</h2></summary>
            <p class="hint">{move || ctx.t(
                "逐步讲解分解过程：→ 或空格下一步，← 上一步，Esc 退出。每一步的公式用的是本方案的数，数据所在的输入框和行会在页面上标出；讲解中可以随时改输入，当前这一步立即更新。",
                "Walk through the decomposition: → or Space for the next step, ← for the one before, Esc to leave. Each step's formula uses this scenario's numbers, and the fields and rows they come from are marked on the page; change an input during the walk and the step follows at once.",
            )}</p>
            <div class="actions">
                <crate::ui::quarters::IndicatorPicker id="stage-indicator" />
                <label for="stage-industry">{move || ctx.t("行业", "Industry")}</label>
                <select id="stage-industry" class="user-text" on:change=move |ev| {
                    let id = event_target_value(&ev).parse::<u64>().ok();
                    pick(id, None);
                }>
                    {move || industries.get().into_iter().map(|(id, name)| view! {
                        <option class="user-text" value=id.to_string() selected=move || route.get().and_then(|r| r.industry) == Some(id)>{name}</option>
                    }).collect_view()}
                </select>
                <label for="stage-enterprise">{move || ctx.t("企业", "Enterprise")}</label>
                <select id="stage-enterprise" class="user-text" on:change=move |ev| {
                    let id = event_target_value(&ev).parse::<u64>().ok();
                    pick(route.get_untracked().and_then(|r| r.industry), id);
                }>
                    {move || enterprises.get().into_iter().map(|(id, name)| view! {
                        <option class="user-text" value=id.to_string() selected=move || route.get().and_then(|r| r.enterprise) == Some(id)>{name}</option>
                    }).collect_view()}
                </select>
                <button type="button" id="stage-start" disabled=move || why_not.with(Option::is_some)
                    on:click=move |_| start(false)>{move || ctx.t("开始讲解", "Start the walk")}</button>
                <button type="button" id="stage-present" disabled=move || why_not.with(Option::is_some)
                    on:click=move |_| start(true)>{move || ctx.t("演示模式（投影）", "Present (projector)")}</button>
            </div>
            {move || why_not.get().map(|w| view! { <p class="field-error" id="stage-why-not" role="alert">{w.get(ctx.lang.get()).to_string()}</p> })}
            <fieldset class="exercise" id="exercise">
                <legend>{move || ctx.t("练习：先隐藏，让学员自己算，再揭晓", "Exercise: hide figures, let trainees compute them, then reveal")}</legend>
                {move || {
                    exercise.get().into_iter().enumerate().map(|(i, (figure, label))| {
                        view! {
                            <label class="exercise-item">
                                <input type="checkbox" id=format!("exercise-hide-{i}")
                                    prop:checked=move || st.is_hidden(figure)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        st.hide(figure, on);
                                    } />
                                <span class="user-text">{label}</span>
                            </label>
                        }
                    }).collect_view()
                }}
                <button type="button" id="exercise-reveal-all" disabled=move || st.hidden_now().is_empty()
                    on:click=move |_| st.reveal_all()>{move || ctx.t("全部揭晓", "Reveal all")}</button>
            </fieldset>
        </details>
    }
}

/// The walk on screen: a bar at the foot of the page, or the whole screen when presenting.
#[component]
pub fn StageWalk() -> impl IntoView {
    let ctx = use_ctx();
    let st = ctx.stage;
    let panel = NodeRef::<leptos::html::Section>::new();
    let current = Memo::new(move |_| {
        let w = st.walk.get()?;
        st.steps.with(|steps| {
            Some((
                w.step(steps.len()),
                steps.len(),
                steps.get(w.step(steps.len()))?.clone(),
            ))
        })
    });
    let press = move |key: Key| {
        let n = st.steps.with_untracked(Vec::len);
        let next = st.walk.get_untracked().and_then(|w| w.press(key, n));
        st.walk.set(next);
        if next.is_none() {
            st.presenting.set(false);
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if st.walk.with_untracked(Option::is_none) || ev.ctrl_key() || ev.meta_key() || ev.alt_key()
        {
            return;
        }
        // Typing a what-if value is typing, not walking.
        if super::key_target_is(&ev, &["INPUT", "TEXTAREA", "SELECT"]) {
            return;
        }
        // Space on a focused button presses it (Reveal, Keep …), as everywhere.
        if ev.key() == " " && super::key_target_is(&ev, &["BUTTON", "A", "SUMMARY"]) {
            return;
        }
        if let Some(key) = Key::of(&ev.key()) {
            ev.prevent_default();
            press(key);
        }
    });
    on_cleanup(move || keys.remove());
    // The page shows where the step's operands live: the step's result is scrolled into view
    // (not while presenting: the page under the stage stays as it was).
    Effect::new(move |_| {
        let marks = st.marks.get();
        if marks.is_empty() || st.presenting.get() {
            return;
        }
        request_animation_frame(|| {
            let doc = document();
            let el = doc
                .query_selector(".marked-result")
                .ok()
                .flatten()
                .or_else(|| doc.query_selector(".marked").ok().flatten());
            if let Some(el) = el {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    });
    // Presenting: the stage takes the keyboard; leaving gives it back where it was.
    Effect::new(move |was: Option<Option<web_sys::HtmlElement>>| {
        use wasm_bindgen::JsCast;
        let presenting = st.presenting.get();
        let before = was.flatten();
        if presenting {
            let active = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(p) = panel.get() {
                let _ = p.focus();
            }
            before.or(active)
        } else {
            if let Some(el) = before {
                let _ = el.focus();
            }
            None
        }
    });
    let tree_note = Memo::new(move |_| {
        let r = st.route_now.get()?;
        ctx.computed
            .with(|c| stage::tree_note(&c.as_ref()?.0.plan, r))
    });
    let route_text = move || {
        let lang = ctx.lang.get();
        let r = st.route_now.get()?;
        ctx.computed.with(|c| {
            let c = c.as_ref()?;
            let (s, p) = (&c.0.scenario, &c.0.plan);
            let name = |id: Option<u64>| {
                id.and_then(|id| p.node_index(id))
                    .map(|i| node_name(s, p, i))
            };
            let k = r.indicator;
            let mut parts = vec![if lang == Lang::Zh {
                k.zh().to_string()
            } else {
                k.en().to_string()
            }];
            parts.extend(name(r.industry));
            parts.extend(name(r.enterprise));
            Some(parts.join(" → "))
        })
    };
    let problem = move || {
        let lang = ctx.lang.get();
        ctx.problems.with(|p| {
            p.0.iter()
                .find(|e| e.severity == crate::engine::Severity::Error)
                .map(|e| e.message.get(lang).to_string())
        })
    };
    view! {
        <Show when=move || current.with(Option::is_some)>
            <section id="stage" class="stage" class:presenting=move || st.presenting.get()
                node_ref=panel tabindex="-1" role="region"
                aria-label=move || ctx.t("讲解", "Walk-through") aria-live="polite">
                <div class="stage-top">
                    <span id="stage-count">{move || current.get().map(|(at, n, _)| match ctx.lang.get() {
                        Lang::Zh => format!("第 {} 步，共 {n} 步", at + 1),
                        Lang::En => format!("Step {} of {n}", at + 1),
                    })}</span>
                    <span class="stage-route user-text" id="stage-route">{route_text}</span>
                    <span class="stage-buttons">
                        <button type="button" id="stage-prev" on:click=move |_| press(Key::Back)
                            disabled=move || current.get().is_some_and(|(at, _, _)| at == 0)>{move || ctx.t("← 上一步", "← Back")}</button>
                        <button type="button" id="stage-next" on:click=move |_| press(Key::Forward)
                            disabled=move || current.get().is_some_and(|(at, n, _)| at + 1 >= n)>{move || ctx.t("下一步 →", "Next →")}</button>
                        <button type="button" id="stage-present-toggle" on:click=move |_| st.presenting.update(|p| *p = !*p)>
                            {move || if st.presenting.get() { ctx.t("退出演示", "Leave presentation") } else { ctx.t("演示模式", "Present") }}
                        </button>
                        <button type="button" id="stage-exit" on:click=move |_| press(Key::Leave)>{move || ctx.t("结束讲解（Esc）", "End (Esc)")}</button>
                    </span>
                </div>
                // Drawn again in the other language when it is switched mid-walk.
                {move || { ctx.lang.track(); current.get().map(|(_, _, step)| view! { <StepView step=step /> }) }}
                {move || problem().map(|m| view! {
                    <p class="field-error stage-problem" id="stage-problem" role="alert">{match ctx.lang.get() {
                        Lang::Zh => format!("输入有误：{m}。这里显示的是上一次有效的结果，改正后立即更新。"),
                        Lang::En => format!("An input is wrong: {m}. The last valid result is shown; it updates once corrected."),
                    }}</p>
                })}
                {move || tree_note.get().map(|n| view! { <p class="hint" id="stage-note">{n.get(ctx.lang.get()).to_string()}</p> })}
            </section>
        </Show>
    }
}

/// One step: what it is, its formula on lines of their own, where its operands are, and the
/// input to try another value of.
#[component]
fn StepView(step: Step) -> impl IntoView {
    let ctx = use_ctx();
    let st = ctx.stage;
    let figure = step.figure();
    let hidden = move || st.is_hidden(figure);
    let lang = ctx.lang.get_untracked();
    let parts = step.explanation.parts(lang);
    let where_text = ctx.computed.with_untracked(|c| {
        c.as_ref().map(|c| {
            step.spots
                .iter()
                .filter(|s| **s != Spot::Figure(figure))
                .map(|&s| spot_name(&c.0.scenario, &c.0.plan, s, lang))
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { "、" } else { "; " })
        })
    });
    let value = parts.value.clone();
    let notes = parts.notes.clone();
    let growth_field = Field::Indicator(ctx.indicator.get_untracked(), IndicatorField::Target);
    view! {
        <h2 id="stage-label" class="user-text">{step.explanation.label_text(lang)}</h2>
        <div class="stage-formula" id="stage-formula">
            <p class="lhs">{parts.lhs}</p>
            {parts.rhs.map(|r| view! { <p class="rhs">"= " {move || st.masked(r.clone(), lang)}</p> })}
            <p class="value" id="stage-value">"= " {move || if hidden() { HIDDEN.to_string() } else { value.clone() }}</p>
            <p class="notes">{move || if hidden() { String::new() } else { notes.clone() }}</p>
        </div>
        {move || hidden().then(|| view! {
            <button type="button" id="stage-reveal" on:click=move |_| st.hide(figure, false)>
                {move || ctx.t("揭晓", "Reveal")}
            </button>
        })}
        {where_text.filter(|w| !w.is_empty()).map(|w| view! {
            <p class="stage-where" id="stage-where">{move || ctx.t("数据在页面上：", "On the page: ")}<span class="user-text">{w.clone()}</span></p>
        })}
        // Growth can be tried at every step ("what if growth were 8%?"), and the step's own
        // input beside it.
        {(step.what_if != Some(growth_field)).then(|| what_if(growth_field, "stage-growth"))}
        {step.what_if.and_then(|f| what_if(f, "stage-what-if"))}
    }
}

/// A field to try another value of the step's input ("what if growth were 8%?").
fn what_if(field: Field, dom_id: &'static str) -> Option<AnyView> {
    let ctx = use_ctx();
    let planned = move |k: Indicator| {
        ctx.computed
            .with(|c| c.as_ref().and_then(|c| c.0.plan.indicator(k).cloned()))
    };
    Some(match field {
        Field::Indicator(k, IndicatorField::Target) => view! {
            <div class="stage-what-if">
                <NumberField id=dom_id
                    label=Signal::derive(move || ctx.t("试一试：增长率（%）", "What if growth were (%)").to_string())
                    value=Signal::derive(move || planned(k).and_then(|p| p.growth))
                    unit=FieldUnit::Growth
                    on_commit={move |v: Option<Dec>| { if let Some(v) = v { ctx.edit(|s| { edit::set_target(s, k, TargetSpec::Growth(v)); }) } }} />
            </div>
        }
        .into_any(),
        Field::QuarterShare(0) | Field::Indicator(_, IndicatorField::QuarterShare(0)) => {
            let k = ctx.indicator.get_untracked();
            view! {
                <div class="stage-what-if">
                    <NumberField id=dom_id
                        label=Signal::derive(move || ctx.t("试一试：一季度占比（差额计入四季度）", "What if the Q1 share were (Q4 takes the difference)").to_string())
                        value=Signal::derive(move || planned(k).map(|p| p.shares[0]))
                        unit=FieldUnit::Percent
                        field=field
                        non_negative=true
                        on_commit={move |v: Option<Dec>| { if let Some(v) = v { ctx.edit(|s| goal::write(s, Lever::QuarterShare(k, 0), v)) } }} />
                </div>
            }
            .into_any()
        }
        Field::Node(id, NodeField::Held(k)) => {
            let unit = ctx.scenario.with_untracked(|s| s.tree_unit);
            view! {
                <div class="stage-what-if">
                    <NumberField id=dom_id
                        label=Signal::derive(move || ctx.t("试一试：锁定这家企业的任务（清空即取消锁定）", "What if this enterprise were held at (empty: not held)").to_string())
                        value=Signal::derive(move || ctx.scenario.with(|s| s.node(id).and_then(|n| n.held.get(k))))
                        unit=FieldUnit::Amount(unit)
                        field=field
                        empty_ok=true
                        non_negative=true
                        on_commit={move |v: Option<Dec>| ctx.edit(|s| { edit::hold_node(s, id, k, v); })} />
                </div>
            }
            .into_any()
        }
        _ => return None,
    })
}
