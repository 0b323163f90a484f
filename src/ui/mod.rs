//! Leptos components: render the engine's plan and send edits. No arithmetic here: every
//! number shown comes from the plan (or the engine's formatting of it).

mod charts;
mod compare;
mod county;
mod explain;
mod fields;
mod files;
mod goal;
pub mod library;
mod overview;
mod panic;
mod paste;
mod progress;
mod quarters;
mod scenarios;
mod settings;
mod stage;
mod targets;
mod teaching;
mod tree;
mod update;

use std::sync::Arc;

use leptos::prelude::*;

use crate::engine::explain::Figure;
use crate::engine::{plan_after, Field, Indicator, Lang, Plan, Scenario, ScenarioError};
use crate::storage;
use library::{with_store, Library, SaveState};

/// A shared value compared by identity, so memos of large values stay cheap.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A plan, or why there is none.
type Outcome = Result<Shared<Computed>, Shared<Vec<ScenarioError>>>;

/// A plan together with the scenario it was computed from (names, paths).
#[derive(Debug)]
pub struct Computed {
    /// The library id of the scenario (a plan is never shown for another one).
    pub id: String,
    pub scenario: Scenario,
    pub plan: Plan,
    pub source: Source,
}

/// What the plan on screen was computed from, when the open scenario itself does not plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// The scenario as it is (or was, before its last error).
    Itself,
    /// The open scenario with the values of these fields set aside (`engine::salvage`): it
    /// was opened with an error and no valid version of it is known.
    SetAside(Vec<Field>),
}

/// The plan to show for a scenario just opened with an error: its last valid version kept
/// beside it in storage, else the scenario with its faulty values set aside.
fn fallback(id: &str, s: &Scenario) -> Option<Shared<Computed>> {
    let computed = |scenario, plan, source| {
        Some(Shared(Arc::new(Computed {
            id: id.to_string(),
            scenario,
            plan,
            source,
        })))
    };
    if let Some(last) = with_store(|st| storage::library::load_last_valid(st, id)) {
        if let Ok(plan) = crate::engine::plan(&last) {
            return computed(last, plan, Source::Itself);
        }
    }
    let (scenario, fields) = crate::engine::salvage::salvage(s)?;
    let plan = crate::engine::plan(&scenario).ok()?;
    computed(scenario, plan, Source::SetAside(fields))
}

/// Whether a key was pressed in an element of one of these tags (a field types the key, a
/// button presses on it): such keys are not the page's shortcuts.
pub fn key_target_is(ev: &web_sys::KeyboardEvent, tags: &[&str]) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| tags.contains(&e.tag_name().as_str()))
}

/// Everything the components share.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The scenario being edited, to read; change it with [`Ctx::edit`].
    pub scenario: RwSignal<Scenario>,
    /// Problems of the current scenario (errors and warnings).
    pub problems: ReadSignal<Shared<Vec<ScenarioError>>>,
    /// The last scenario that planned without error, with its plan: what is shown.
    pub computed: Memo<Option<Shared<Computed>>>,
    pub lang: RwSignal<Lang>,
    /// The figure whose explanation is open.
    pub explain: RwSignal<Option<Figure>>,
    /// The page is being printed (or about to be): lists draw every row, not a window.
    pub printing: RwSignal<bool>,
    /// The indicator the decomposition shows.
    pub indicator: RwSignal<Indicator>,
    /// The named scenarios, autosave and storage faults.
    pub library: Library,
    /// The trainer's stage: the walk, what it marks and what an exercise hides.
    pub stage: stage::StageState,
}

impl Ctx {
    /// Text in the current language.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A column heading with its unit: 上年基数（万元） / Base (10k CNY).
    pub fn with_unit(&self, label: &str, unit: &str) -> String {
        match self.lang.get() {
            Lang::Zh => format!("{label}（{unit}）"),
            Lang::En => format!("{label} ({unit})"),
        }
    }

    /// The first problem at exactly this field.
    pub fn problem_at(&self, field: Field) -> Option<ScenarioError> {
        self.problems
            .with(|p| p.0.iter().find(|e| e.field == field).cloned())
    }

    /// Edit the scenario: the one entry point (recorded for undo, saved after a pause).
    pub fn edit(&self, f: impl FnOnce(&mut Scenario)) {
        self.library.edit(f);
    }
}

/// A value computed from others that tells its readers only when it changes.
///
/// A memo compares too, but every edit still wakes everything downstream of it to ask;
/// with dozens of fields and figures downstream of the scenario, the asking cost more than
/// the answers (docs/PERFORMANCE.md). Here one effect recomputes, and readers are woken
/// only by a different value.
pub fn settled<T>(compute: impl Fn() -> T + 'static) -> ReadSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    settled_by(compute, |a, b| a == b)
}

/// [`settled`] with its own test of sameness.
pub fn settled_by<T>(compute: impl Fn() -> T + 'static, same: fn(&T, &T) -> bool) -> ReadSignal<T>
where
    T: Send + Sync + 'static,
{
    let value = RwSignal::new(untrack(&compute));
    Effect::new(move |_| {
        let now = compute();
        if !value.with_untracked(|v| same(v, &now)) {
            value.set(now);
        }
    });
    value.read_only()
}

/// Texts drawn once and then rewritten in place: one effect shows `visit` the current texts
/// (`visit` calls its argument with them, borrowed), compares them with what is drawn and
/// rewrites the nodes (`node(n)` for the n-th text) whose text changed. For lists whose every
/// item would otherwise hold a reactive text per piece (the tree's rows, the overview's
/// lines): one wake-up per item per edit instead of one per piece.
pub fn rewrite_changed_texts<V>(
    drawn: Vec<Option<String>>,
    visit: V,
    node: impl Fn(usize) -> Option<web_sys::Node> + 'static,
) where
    V: Fn(&mut dyn FnMut(&[Option<&str>])) + 'static,
{
    Effect::new(move |before: Option<Vec<Option<String>>>| {
        let mut drawn = before.unwrap_or_else(|| drawn.clone());
        visit(&mut |now| {
            if now.len() != drawn.len() {
                return;
            }
            for (n, (was, is)) in drawn.iter_mut().zip(now).enumerate() {
                if was.as_deref() != *is {
                    if let Some(node) = node(n) {
                        set_text(&node, is.unwrap_or_default());
                    }
                    *was = is.map(str::to_owned);
                }
            }
        });
        drawn
    });
}

/// Set an element's text: the data of its one text node where it has one (what typing into
/// the page would change), else a new text node. Replacing the node instead would make the
/// browser restyle and rebuild its layout object on every edit.
fn set_text(element: &web_sys::Node, text: &str) {
    match element.first_child() {
        Some(child)
            if child.node_type() == web_sys::Node::TEXT_NODE && child.next_sibling().is_none() =>
        {
            child.set_node_value(Some(text));
        }
        _ => element.set_text_content(Some(text)),
    }
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// Mount the app on the page's body.
pub fn start() {
    panic::install();
    leptos::mount::mount_to_body(App);
    // For the browser test of the error banner only: `?qp-test-panic` fails on purpose.
    if window()
        .location()
        .search()
        .is_ok_and(|q| q == "?qp-test-panic")
    {
        set_timeout(
            || panic!("a failure requested by the address (?qp-test-panic)"),
            std::time::Duration::from_millis(50),
        );
    }
}

#[component]
fn App() -> impl IntoView {
    let opening = library::open();
    let lang = RwSignal::new(with_store(storage::load_lang).unwrap_or_default());
    let scenario = RwSignal::new(opening.scenario.clone());
    let current_id = RwSignal::new(opening.current_id.clone());
    let outcome = Memo::new(move |before: Option<&Outcome>| {
        // The last plan lends what the edit did not change (see `plan_after`).
        let before = before
            .and_then(|b| b.as_ref().ok())
            .map(|c| (&c.0.scenario, &c.0.plan));
        let id = current_id.get();
        scenario.with(
            |s| match library::measured("qp-plan", || plan_after(before, s)) {
                Ok(p) => Ok(Shared(Arc::new(Computed {
                    id,
                    scenario: s.clone(),
                    plan: p,
                    source: Source::Itself,
                }))),
                Err(errors) => Err(Shared(Arc::new(errors))),
            },
        )
    });
    // Compared by content: most edits leave the messages as they were, and every field that
    // shows one would otherwise look again.
    let problems = settled_by(
        move || match outcome.get() {
            Ok(c) => Shared(Arc::new(c.0.plan.warnings.clone())),
            Err(e) => e,
        },
        |before, now| *before.0 == *now.0,
    );
    // The last good plan of this scenario stays on screen while it has errors; a scenario
    // opened with an error shows its last valid version, or what can be planned of it.
    let computed = Memo::new(
        move |prev: Option<&Option<Shared<Computed>>>| match outcome.get() {
            Ok(c) => Some(c),
            Err(_) => {
                let id = current_id.get();
                match prev.cloned().flatten() {
                    Some(p) if p.0.id == id => Some(p),
                    _ => scenario.with_untracked(|s| fallback(&id, s)),
                }
            }
        },
    );
    let plans = Memo::new(move |_| outcome.with(Result::is_ok));
    let library = Library::new(&opening, current_id, scenario, computed, plans.into());
    // Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y outside text fields (in one, the browser's own undo
    // edits the text).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        if key_target_is(&ev, &["INPUT", "TEXTAREA", "SELECT"]) {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "z" if ev.shift_key() => library.redo(),
            "z" => library.undo(),
            "y" => library.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
    let indicator = RwSignal::new(Indicator::Output);
    let ctx = Ctx {
        scenario,
        problems,
        computed,
        lang,
        explain: RwSignal::new(None),
        printing: RwSignal::new(false),
        indicator,
        library,
        stage: stage::StageState::new(computed, indicator),
    };
    provide_context(ctx);

    // The browser says when it prints (its menu, Ctrl+P); the brief's button says so itself
    // first, because a print started from a handler is laid out before the page can react.
    let printing = ctx.printing;
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("beforeprint"),
        move |_| printing.set(true),
    );
    let _ = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("afterprint"),
        move |_| printing.set(false),
    );
    let print_brief = move |_| {
        printing.set(true);
        // After the page has drawn every row.
        set_timeout(
            || {
                let _ = window().print();
            },
            std::time::Duration::ZERO,
        );
    };

    Effect::new(move |_| {
        let lang = lang.get();
        with_store(|st| storage::save_lang(st, lang));
    });
    Effect::new(move |_| {
        let code = match lang.get() {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });

    view! {
        <header class="masthead no-print-controls">
            <div class="titles">
                <h1>{move || ctx.t("目标分解沙盘", "Quota Planner")}</h1>
                <p class="subtitle">
                    {move || ctx.t(
                        "从全县全年目标到每个季度、每家企业、每一天",
                        "From a county's annual target to every quarter, enterprise and day",
                    )}
                </p>
            </div>
            <div class="masthead-tools">
                <span class="county user-text">{move || scenario.with(|s| s.county.clone())}</span>
                <span class="scenario-name user-text" id="scenario-name">{move || scenario.with(|s| s.name.clone())}</span>
                <SaveStatus />
                <button id="undo" title=move || ctx.t("撤销（Ctrl+Z）", "Undo (Ctrl+Z)")
                    disabled=move || !library.can_undo() on:click=move |_| library.undo()>
                    {move || ctx.t("撤销", "Undo")}
                </button>
                <button id="redo" title=move || ctx.t("重做（Ctrl+Shift+Z 或 Ctrl+Y）", "Redo (Ctrl+Shift+Z or Ctrl+Y)")
                    disabled=move || !library.can_redo() on:click=move |_| library.redo()>
                    {move || ctx.t("重做", "Redo")}
                </button>
                <button id="lang-toggle" class="lang-toggle" on:click=move |_| {
                    lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh })
                }>
                    <span lang=move || if lang.get() == Lang::Zh { "en" } else { "zh-CN" }>
                        {move || ctx.t("English", "中文")}
                    </span>
                </button>
                <button id="print" on:click=print_brief>
                    {move || ctx.t("打印简报", "Print brief")}
                </button>
            </div>
        </header>
        <update::UpdatePrompt />
        <scenarios::Notices />
        <ProblemSummary />
        // Explaining: on a narrow screen the page leaves room at its end for the sheet.
        <main class="layout" class:explaining=move || ctx.explain.with(Option::is_some)
            class:walking=move || ctx.stage.walk.with(Option::is_some)>
            <div class="column-main">
                <scenarios::Scenarios />
                <BriefHead />
                <overview::Overview />
                <county::ScenarioSettings />
                <targets::Targets />
                <quarters::Quarters />
                <settings::Settings />
                <tree::Decomposition />
                <progress::Progress />
                <stage::StageCard />
                <teaching::Teaching />
                <charts::Charts />
                <compare::Compare />
            </div>
            <explain::ExplainPanel />
        </main>
        <stage::StageWalk />
    }
}

/// What the printed brief is: county, scenario, plan year, the day it was printed and the
/// assumptions everything rests on. On paper only (the masthead says it on screen).
#[component]
fn BriefHead() -> impl IntoView {
    let ctx = use_ctx();
    let text = move || {
        // Drawn when printing starts: the date is the day of printing.
        ctx.printing.get();
        let lang = ctx.lang.get();
        let date = js_sys::Date::new_0();
        let printed = format!(
            "{}-{:02}-{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        );
        ctx.computed.with(|c| {
            let c = c.as_ref()?;
            let (s, p) = (&c.0.scenario, &c.0.plan);
            let output = Indicator::Output;
            let growth = crate::engine::explain::shown_text(p, Figure::Growth(output), lang);
            let q1 = p
                .indicator(output)
                .map(|ip| crate::engine::format::rate_text(ip.shares[0]));
            let gdp = p
                .gdp
                .as_ref()
                .and_then(|g| g.gdp_growth)
                .map(crate::engine::format::rate_text);
            let title = match lang {
                Lang::Zh => format!(
                    "{} · {} · {} 年计划 · 打印于 {printed}",
                    s.county, s.name, p.plan_year
                ),
                Lang::En => format!(
                    "{} · {} · plan for {} · printed {printed}",
                    s.county, s.name, p.plan_year
                ),
            };
            let mut assumptions = Vec::new();
            if let Some(g) = growth {
                assumptions.push(match lang {
                    Lang::Zh => format!("规上产值增长 {g}"),
                    Lang::En => format!("gross output growth {g}"),
                });
            }
            if let Some(q) = q1 {
                assumptions.push(match lang {
                    Lang::Zh => format!("一季度占全年 {q}%"),
                    Lang::En => format!("Q1 share {q}%"),
                });
            }
            if let Some(g) = gdp {
                assumptions.push(match lang {
                    Lang::Zh => format!("GDP 增长 {g}%"),
                    Lang::En => format!("GDP growth {g}%"),
                });
            }
            let assumptions = match lang {
                Lang::Zh => format!("主要假设：{}", assumptions.join("；")),
                Lang::En => format!("Assumptions: {}", assumptions.join("; ")),
            };
            Some((title, assumptions))
        })
    };
    view! {
        <div class="brief-head print-only" id="brief-head">
            {move || text().map(|(title, assumptions)| view! {
                <p class="brief-title user-text">{title}</p>
                <p class="brief-assumptions">{assumptions}</p>
            })}
        </div>
    }
}

/// Saved / saving / not saved (and why), with an export offer whenever the work is only in memory.
#[component]
fn SaveStatus() -> impl IntoView {
    let ctx = use_ctx();
    let saved = ctx.library.saved;
    let at_risk = move || {
        matches!(
            saved.get(),
            SaveState::NotSaved(_) | SaveState::InMemory | SaveState::ReadOnly
        )
    };
    view! {
        <span id="save-state" class="save-state" role="status"
            class:not-saved=move || !matches!(saved.get(), SaveState::Saved | SaveState::Saving)>
            {move || match saved.get() {
                SaveState::Saved => ctx.t("已保存到本机", "Saved in this browser").to_string(),
                SaveState::Saving => ctx.t("正在保存…", "Saving…").to_string(),
                SaveState::InMemory => ctx.t("未保存：本浏览器不允许本地存储，方案只在本页中", "Not saved: this browser allows no local storage; the scenario lives only in this page").to_string(),
                SaveState::ReadOnly => ctx.t("未保存（本机方案来自更新版本，不覆盖）", "Not saved (a newer version's scenarios are kept)").to_string(),
                SaveState::Conflict => ctx.t("暂停保存：另一标签页修改了此方案", "Saving paused: another tab changed this scenario").to_string(),
                SaveState::NotSaved(why) => match ctx.lang.get() {
                    Lang::Zh => format!("未保存：{}。方案仍在本页中，请导出", why.zh),
                    Lang::En => format!("Not saved: {}. The scenario is still in this page; export it", why.en),
                },
            }}
        </span>
        <Show when=at_risk>
            <button type="button" id="save-export" class="warning-button" on:click=move |_| files::export_current(ctx)>
                {move || ctx.t("导出保存", "Export to keep it")}
            </button>
        </Show>
    }
}

/// Errors that block the plan, listed at the top (each is also shown next to its field), with
/// what the figures below are and a way back to values that plan.
#[component]
fn ProblemSummary() -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let lang = ctx.lang.get();
        let problems = ctx.problems.get();
        let errors: Vec<ScenarioError> = problems
            .0
            .iter()
            .filter(|e| e.is_error())
            .cloned()
            .collect();
        let warnings: Vec<ScenarioError> = problems
            .0
            .iter()
            .filter(|e| !e.is_error())
            .cloned()
            .collect();
        // What is on screen while the scenario has errors: its last valid version, or the
        // scenario with its faulty values set aside; either can be taken back in one step.
        let shown = (!errors.is_empty())
            .then(|| ctx.computed.get())
            .flatten()
            .map(|c| c.0.source.clone());
        (!errors.is_empty() || !warnings.is_empty()).then(|| {
            let title = match &shown {
                Some(Source::SetAside(_)) => ctx.t(
                    "方案有错误，下列数字是把出错的数值放在一边后算出的（出错的目标按上年持平计，基数出错的指标不计算，出错的锁定放开，季度占比有误时按各季 25% 计）：",
                    "The scenario has errors; the figures below are computed with the faulty values set aside (a faulty target is held at last year's level, an indicator with a faulty base is not planned, a faulty hold is released, faulty quarterly shares count 25% each):",
                ),
                Some(Source::Itself) => ctx.t(
                    "方案有错误，下列数字仍为上一次有效的计算结果：",
                    "The scenario has errors; the figures below are from the last valid plan:",
                ),
                None => ctx.t(
                    "方案有错误，暂无可显示的计算结果：",
                    "The scenario has errors; there is no plan to show yet:",
                ),
            };
            let restore_label = match &shown {
                Some(Source::SetAside(_)) => Some(ctx.t("采用这些数值", "Use these values")),
                Some(Source::Itself) => Some(ctx.t("恢复上次有效的数值", "Go back to the last valid values")),
                None => None,
            };
            let restore = move |_| {
                if let Some(c) = ctx.computed.get_untracked() {
                    ctx.edit(|s| *s = c.0.scenario.clone());
                    ctx.library.close_step();
                }
            };
            view! {
                <section class="problems" aria-live="polite">
                    {(!errors.is_empty()).then(|| view! {
                        <p class="problems-title">{title}</p>
                    })}
                    <ul>
                        {errors.into_iter().chain(warnings).map(|e| {
                            let class = if e.is_error() { "problem error" } else { "problem warning" };
                            // Away from its field, a message says which field it is about.
                            let text = match e.field.subject() {
                                Some(subject) => match lang {
                                    Lang::Zh => format!("{}：{}", subject.zh, e.message.zh),
                                    Lang::En => format!("{}: {}", subject.en, e.message.en),
                                },
                                None => e.message.get(lang).to_string(),
                            };
                            view! { <li class=class data-field=e.field.key()>{text}</li> }
                        }).collect_view()}
                    </ul>
                    {restore_label.map(|label| view! {
                        <button type="button" id="restore-valid" class="no-print" on:click=restore>{label}</button>
                    })}
                </section>
            }
        })
    }
}

/// The plan as it stood when edits last paused for `delay`: for what costs too much to
/// follow every keystroke (a chart's SVG; the progress card's enterprise tables, whose exact
/// standings take tens of milliseconds at 10,000 enterprises: docs/PERFORMANCE.md).
pub fn after_pause(ctx: Ctx, delay: std::time::Duration) -> RwSignal<Option<Shared<Computed>>> {
    let settled = RwSignal::new(ctx.computed.get_untracked());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        let c = ctx.computed.get();
        if first.is_none() {
            return;
        }
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(move || settled.set(c), delay);
        timer.set_value(handle.ok());
    });
    settled
}
