//! "新版本可用，刷新": a new deployment of the app is installed beside the running one (by the
//! service worker, `public/sw-register.js`) and waits. The page offers to switch and never
//! switches by itself, so an edit in progress is never interrupted; the click saves, then the
//! new worker takes over and the page reloads (the scenarios in local storage are the same).

use leptos::prelude::*;

use super::library::SaveState;
use super::use_ctx;

/// Set on `<html>` by sw-register.js when a new version waits (it may be found before the
/// app starts), and announced by an event when found later.
const WAITING_ATTRIBUTE: &str = "data-qp-update";
const AVAILABLE_EVENT: &str = "qp-update-available";
/// Asks sw-register.js to let the waiting worker take over (it then reloads the page).
const APPLY_EVENT: &str = "qp-update-apply";

fn waiting_now() -> bool {
    document()
        .document_element()
        .is_some_and(|root| root.has_attribute(WAITING_ATTRIBUTE))
}

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ctx = use_ctx();
    let available = RwSignal::new(waiting_now());
    let listener = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new(AVAILABLE_EVENT),
        move |_| available.set(true),
    );
    on_cleanup(move || listener.remove());
    // Work that is not in storage (refused, in memory, a newer version's, a conflict) would be
    // lost by the reload: the prompt says so and the button asks again.
    let at_risk = move || {
        matches!(
            ctx.library.saved.get(),
            SaveState::NotSaved(_)
                | SaveState::InMemory
                | SaveState::ReadOnly
                | SaveState::Conflict
        )
    };
    let apply = move |_| {
        ctx.library.save_now();
        if let Ok(event) = web_sys::Event::new(APPLY_EVENT) {
            let _ = window().dispatch_event(&event);
        }
    };
    view! {
        <Show when=move || available.get()>
            <div class="update-prompt no-print" id="update-prompt" role="status">
                <span>{move || ctx.t("新版本可用", "A new version is available")}</span>
                <Show when=at_risk>
                    <span class="update-risk" id="update-risk">
                        {move || ctx.t(
                            "本页的修改未保存到浏览器，刷新会丢失：请先导出方案",
                            "this page's changes are not saved in the browser and a reload loses them: export the scenario first",
                        )}
                    </span>
                </Show>
                <button type="button" id="update-apply" on:click=apply>
                    {move || if at_risk() { ctx.t("仍然刷新", "Reload anyway") } else { ctx.t("刷新", "Reload") }}
                </button>
                <button type="button" class="link-button" id="update-later" on:click=move |_| available.set(false)>
                    {move || ctx.t("稍后", "Later")}
                </button>
            </div>
        </Show>
    }
}
