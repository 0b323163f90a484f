//! Leptos components: render the engine's results and send edits. No arithmetic here.

use leptos::prelude::*;

use crate::engine::number::parse_number;
use crate::engine::quarters::quarter_amount;
use crate::engine::{format, Bilingual, Lang};
use crate::storage::{self, ShellInputs};

/// Mount the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let saved = storage::load_shell().unwrap_or_default();
    let defaults = ShellInputs::default();
    let (annual_text, set_annual_text) = signal(saved.annual_target);
    let (share_text, set_share_text) = signal(saved.q1_share);
    let (save_error, set_save_error) = signal(None::<String>);

    let annual_parsed = Memo::new(move |_| {
        parse_number(&annual_text.get())
            .and_then(|p| p.in_yi())
            .and_then(non_negative)
    });
    let share_parsed = Memo::new(move |_| {
        parse_number(&share_text.get())
            .and_then(|p| p.as_fraction())
            .and_then(non_negative)
    });
    // The plan keeps the last good value while a field holds something that does not parse.
    let default_annual = parse_number(&defaults.annual_target).and_then(|p| p.in_yi());
    let default_share = parse_number(&defaults.q1_share).and_then(|p| p.as_fraction());
    let annual = Memo::new(move |prev: Option<&f64>| match annual_parsed.get() {
        Ok(v) => v,
        Err(_) => prev.copied().or(default_annual.clone().ok()).unwrap_or(0.0),
    });
    let share = Memo::new(move |prev: Option<&f64>| match share_parsed.get() {
        Ok(v) => v,
        Err(_) => prev.copied().or(default_share.clone().ok()).unwrap_or(0.0),
    });
    let q1 = Memo::new(move |_| quarter_amount(annual.get(), share.get(), 1));

    Effect::new(move |_| {
        let inputs = ShellInputs {
            annual_target: annual_text.get(),
            q1_share: share_text.get(),
        };
        set_save_error.set(storage::save_shell(&inputs).err());
    });

    let lang = Lang::Zh;
    view! {
        <header class="masthead">
            <h1>"目标分解沙盘"</h1>
            <p class="subtitle" lang="en">"Quota Planner — from a county's annual target to every quarter, enterprise and day"</p>
        </header>
        <main>
            <section class="card" aria-labelledby="shell-title">
                <h2 id="shell-title">"一季度目标 · First-quarter target"</h2>
                <div class="field">
                    <label for="annual-target">"全年目标（亿元） · Annual target (100M CNY)"</label>
                    <input id="annual-target" inputmode="decimal" autocomplete="off"
                        prop:value=annual_text
                        on:input=move |ev| set_annual_text.set(event_target_value(&ev)) />
                    <FieldError error=Signal::derive(move || annual_parsed.get().err()) />
                </div>
                <div class="field">
                    <label for="q1-share">"一季度占比（%） · Q1 share (%)"</label>
                    <input id="q1-share" inputmode="decimal" autocomplete="off"
                        prop:value=share_text
                        on:input=move |ev| set_share_text.set(event_target_value(&ev)) />
                    <FieldError error=Signal::derive(move || share_parsed.get().err()) />
                </div>
                <p class="derived">
                    <span class="label">"一季度产值 · Q1 output: "</span>
                    <output id="q1-amount" for="annual-target q1-share">
                        {move || format::yi(q1.get().value, lang)}
                    </output>
                </p>
                <p id="q1-amount-why" class="why">{move || q1.get().why.zh}</p>
                <p id="q1-amount-why-en" class="why" lang="en">{move || q1.get().why.en}</p>
                <Show when=move || save_error.get().is_some()>
                    <p class="save-error" role="alert">
                        "未能保存 · Not saved: " {move || save_error.get().unwrap_or_default()}
                    </p>
                </Show>
            </section>
        </main>
    }
}

/// A message next to a field whose text does not parse (both languages).
#[component]
fn FieldError(error: Signal<Option<Bilingual>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="field-error" role="alert">
                    {e.zh} " · " <span lang="en">{e.en}</span>
                </p>
            }
        })
    }
}

fn non_negative(x: f64) -> Result<f64, Bilingual> {
    if x < 0.0 {
        Err(Bilingual::new("不能为负数", "must not be negative"))
    } else {
        Ok(x)
    }
}
