//! Paste enterprise rows copied from Excel or WPS: a preview row by row, then apply.

use leptos::prelude::*;

use super::use_ctx;
use crate::engine::format::wan;
use crate::engine::paste::{apply, preview, Preview, RowAction};
use crate::engine::Bilingual;

/// The preview follows the box once typing pauses: re-reading 20,000 pasted lines and redrawing
/// the preview on every key took a quarter of a second per keystroke (tests/e2e/input.test.mjs).
const PREVIEW_DELAY_MS: u64 = 300;

#[component]
pub fn PasteRows() -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    // Rows applied, and the history's version right after: undone (or followed by any other
    // change), the message no longer describes the page and goes.
    let applied = RwSignal::new(None::<(usize, u64)>);
    // What the box holds (set without notifying while typing: the box already shows it, and
    // writing 20,000 lines back into it on every key would cost as much again)…
    let text = RwSignal::new(String::new());
    // …and what the preview has read.
    let previewed = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let preview_now = move |t: String| {
        if let Some(h) = timer.get_value() {
            h.clear();
            timer.set_value(None);
        }
        if previewed.with_untracked(|p| *p != t) {
            previewed.set(t);
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let t = event_target_value(&ev);
        applied.set(None);
        text.update_untracked(|v| *v = t.clone());
        if t.trim().is_empty() {
            // Emptied: the preview goes at once.
            preview_now(t);
            return;
        }
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || preview_now(t),
            std::time::Duration::from_millis(PREVIEW_DELAY_MS),
        );
        timer.set_value(handle.ok());
    };
    let result = Memo::new(move |_| {
        let t = previewed.get();
        if t.trim().is_empty() {
            return None;
        }
        Some(ctx.scenario.with(|s| preview(s, &t)))
    });
    let apply_rows = move |_| {
        // What is applied is what the box holds, even within the pause.
        preview_now(text.get_untracked());
        let Some(Ok(p)) = result.get_untracked() else {
            return;
        };
        let mut n = 0;
        ctx.edit(|s| n = apply(s, &p));
        ctx.library.close_step();
        applied.set(Some((n, ctx.library.history_version())));
        text.set(String::new());
        preview_now(String::new());
    };
    let action_text = move |a: &RowAction| -> String {
        let lang = ctx.lang.get();
        let b = match a {
            RowAction::Add {
                new_industry: false,
            } => Bilingual::new("新增企业", "add"),
            RowAction::Add { new_industry: true } => {
                Bilingual::new("新增企业和行业", "add, with a new industry")
            }
            RowAction::Update { moves: false, .. } => {
                Bilingual::new("更新同名企业", "update the enterprise of this name")
            }
            RowAction::Update { moves: true, .. } => {
                Bilingual::new("更新并移到该行业", "update and move to this industry")
            }
            RowAction::Reject(why) => Bilingual::new(
                format!("不导入：{}", why.zh),
                format!("skipped: {}", why.en),
            ),
        };
        b.get(lang).to_string()
    };
    let table = move |p: Preview| {
        let rows = p.rows.clone();
        let count = p.applicable();
        view! {
            <p class="hint" id="paste-summary">{move || match ctx.lang.get() {
                crate::engine::Lang::Zh => format!("共 {} 行，可应用 {count} 行{}", p.rows.len(), if p.header { "（第一行为表头）" } else { "" }),
                crate::engine::Lang::En => format!("{} rows, {count} can be applied{}", p.rows.len(), if p.header { " (the first line is a header)" } else { "" }),
            }}</p>
            <div class="table-wrap paste-preview">
                <table id="paste-preview">
                    <thead><tr>
                        <th>{move || ctx.t("行", "Line")}</th>
                        <th>{move || ctx.t("企业", "Enterprise")}</th>
                        <th>{move || ctx.t("行业", "Industry")}</th>
                        <th>{move || ctx.t("上年产值", "Base output")}</th>
                        <th>{move || ctx.t("责任人", "Responsible")}</th>
                        <th>{move || ctx.t("处理", "Action")}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().take(500).map(|r| {
                            let rejected = matches!(r.action, RowAction::Reject(_));
                            let action = r.action.clone();
                            view! {
                                <tr class:rejected=rejected>
                                    <td class="num">{r.row.line}</td>
                                    <td class="user-text">{r.row.name.clone()}</td>
                                    <td class="user-text">{r.row.industry.clone()}</td>
                                    <td class="num">{move || r.row.base.map(|b| wan(b, ctx.lang.get())).unwrap_or_default()}</td>
                                    <td class="user-text">{r.row.responsible.clone().unwrap_or_default()}</td>
                                    <td>{move || action_text(&action)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <button type="button" id="paste-apply" disabled=count == 0 on:click=apply_rows>
                {move || match ctx.lang.get() {
                    crate::engine::Lang::Zh => format!("应用 {count} 行（可撤销）"),
                    crate::engine::Lang::En => format!("Apply {count} rows (undoable)"),
                }}
            </button>
        }
    };
    view! {
        <details class="paste" prop:open=move || open.get() on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary id="paste-open">{move || ctx.t("从表格粘贴企业名单…", "Paste enterprises from a spreadsheet…")}</summary>
            <p class="hint">{move || ctx.t(
                "在 Excel 或 WPS 中选中若干行复制后粘贴到这里：企业名称、所属行业、上年产值（按分解表单位，可写“亿”“万”）、责任人、包抓单位；第一行可以是表头。同名企业会被更新。",
                "Copy rows in Excel or WPS and paste them here: enterprise name, industry, base output (in the decomposition's unit), responsible person, unit; the first line may be a header. An enterprise of the same name is updated.",
            )}</p>
            <textarea id="paste-text" rows="6" prop:value=move || text.get()
                on:input=on_input></textarea>
            {move || match result.get() {
                None => applied
                    .get()
                    .filter(|(_, version)| *version == ctx.library.history_version())
                    .map(|(n, _)| view! {
                    <p class="hint" id="paste-applied" role="status">{move || match ctx.lang.get() {
                        crate::engine::Lang::Zh => format!("已应用 {n} 行。"),
                        crate::engine::Lang::En => format!("Applied {n} rows."),
                    }}</p>
                }.into_any()),
                Some(Ok(p)) => Some(table(p).into_any()),
                Some(Err(why)) => Some(view! {
                    <p class="field-error" id="paste-error" role="alert">{move || why.get(ctx.lang.get()).to_string()}</p>
                }.into_any()),
            }}
        </details>
    }
}
