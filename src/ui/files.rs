//! Files and links: JSON export and import (as a new scenario), CSV of the decomposition and
//! of the quarter table, and a share link. An import that fails says what is wrong and
//! changes nothing.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{use_ctx, Ctx};
use crate::engine::Bilingual;
use crate::storage::store::js_error_text;
use crate::storage::{csv, export_json, import_json, link, workbook};

/// Offer `text` to the user as a download named `file_name`.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| js_error_text(&e))?;
    offer(file_name, &blob)
}

/// Offer bytes (a workbook) as a download named `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| js_error_text(&e))?;
    offer(file_name, &blob)
}

fn offer(file_name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| js_error_text(&e))?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|e| js_error_text(&e))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The file chosen in a file input's change event; the input is cleared, so that choosing the
/// same file again is a change too.
pub fn picked_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

/// A file name from the scenario's name: characters a file system refuses are replaced.
pub(super) fn file_name(name: &str, suffix: &str, ext: &str) -> String {
    let clean: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let base = if clean.is_empty() {
        "scenario".to_string()
    } else {
        clean
    };
    format!("{base}{suffix}.{ext}")
}

/// Download the open scenario as JSON (also offered whenever it is not saved).
pub fn export_current(ctx: Ctx) {
    let (name, json) = ctx.scenario.with(|s| (s.name.clone(), export_json(s)));
    if let Err(why) = download(&file_name(&name, "", "json"), &json, "application/json") {
        ctx.library.message.set(Some(Bilingual::new(
            format!("导出失败：{why}"),
            format!("Export failed: {why}"),
        )));
    }
}

#[component]
pub fn Files() -> impl IntoView {
    let ctx = use_ctx();
    let message = RwSignal::new(None::<(bool, Bilingual)>);
    let share = RwSignal::new(None::<String>);
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = picked_file(&ev) else {
            return;
        };
        if file.size() > crate::storage::MAX_IMPORT_BYTES as f64 {
            message.set(Some((
                false,
                Bilingual::new(
                    format!(
                        "未导入：文件太大（{} 字节，上限 {} 字节）",
                        file.size(),
                        crate::storage::MAX_IMPORT_BYTES
                    ),
                    format!(
                        "Not imported: the file is too large ({} bytes, at most {})",
                        file.size(),
                        crate::storage::MAX_IMPORT_BYTES
                    ),
                ),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => t.as_string().unwrap_or_default(),
                Err(e) => {
                    message.set(Some((
                        false,
                        Bilingual::new(
                            format!("无法读取文件：{}", js_error_text(&e)),
                            format!("Cannot read the file: {}", js_error_text(&e)),
                        ),
                    )));
                    return;
                }
            };
            match import_json(&text) {
                Ok(s) => {
                    let name = s.name.clone();
                    let outcome = ctx.library.create(s);
                    message.set(Some(match outcome {
                        Ok(()) => (
                            true,
                            Bilingual::new(
                                format!("已导入“{name}”，作为新方案打开"),
                                format!("Imported “{name}” as a new scenario"),
                            ),
                        ),
                        Err(e) => (
                            false,
                            Bilingual::new(
                                format!("未导入：{}", e.message().zh),
                                format!("Not imported: {}", e.message().en),
                            ),
                        ),
                    }));
                }
                Err(why) => message.set(Some((
                    false,
                    Bilingual::new(
                        format!("未导入，当前方案未改动：{}", why.zh),
                        format!(
                            "Not imported, the current scenario is unchanged: {}",
                            why.en
                        ),
                    ),
                ))),
            }
        });
    };
    let export_csv = move |which: &'static str| {
        let lang = ctx.lang.get_untracked();
        let indicator = ctx.indicator.get_untracked();
        let Some((name, text)) = ctx.computed.with_untracked(|c| {
            c.as_ref().map(|c| {
                let s = &c.0.scenario;
                let text = match which {
                    "tree" => csv::decomposition(s, &c.0.plan, indicator, lang),
                    _ => csv::quarters(&c.0.plan, lang),
                };
                (s.name.clone(), text)
            })
        }) else {
            return;
        };
        let suffix = match (which, lang) {
            ("tree", crate::engine::Lang::Zh) => "-分解表",
            ("tree", crate::engine::Lang::En) => "-decomposition",
            (_, crate::engine::Lang::Zh) => "-季度表",
            (_, crate::engine::Lang::En) => "-quarters",
        };
        if let Err(why) = download(
            &file_name(&name, suffix, "csv"),
            &text,
            "text/csv;charset=utf-8",
        ) {
            message.set(Some((
                false,
                Bilingual::new(format!("导出失败：{why}"), format!("Export failed: {why}")),
            )));
        }
    };
    let export_xlsx = move |_| {
        let lang = ctx.lang.get_untracked();
        let Some((name, bytes)) = ctx.computed.with_untracked(|c| {
            c.as_ref().map(|c| {
                let s = &c.0.scenario;
                (s.name.clone(), workbook::write(s, &c.0.plan, lang))
            })
        }) else {
            return;
        };
        let suffix = match lang {
            crate::engine::Lang::Zh => "-目标分解",
            crate::engine::Lang::En => "-decomposition",
        };
        let outcome = bytes
            .map_err(|why| why.get(lang).to_string())
            .and_then(|bytes| {
                download_bytes(
                    &file_name(&name, suffix, "xlsx"),
                    &bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            });
        if let Err(why) = outcome {
            message.set(Some((
                false,
                Bilingual::new(format!("导出失败：{why}"), format!("Export failed: {why}")),
            )));
        }
    };
    let make_link = move |_| {
        let fragment = ctx.scenario.with_untracked(link::encode);
        let location = window().location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        share.set(Some(format!("{base}#{fragment}")));
    };
    let copy_link = move |_| {
        if let Some(el) = document()
            .get_element_by_id("share-link")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            el.select();
        }
        if let Some(text) = share.get_untracked() {
            let _ = window().navigator().clipboard().write_text(&text);
            message.set(Some((true, Bilingual::new("链接已复制", "Link copied"))));
        }
    };
    view! {
        <div class="files">
            <button type="button" id="export-json" on:click=move |_| export_current(ctx)>{move || ctx.t("导出方案（JSON）", "Export (JSON)")}</button>
            <input type="file" id="import-json" accept=".json,application/json" class="visually-hidden" on:change=import />
            <label class="file-button" for="import-json">{move || ctx.t("导入方案", "Import")}</label>
            <button type="button" id="export-xlsx" on:click=export_xlsx>{move || ctx.t("导出工作簿（Excel）", "Workbook (Excel)")}</button>
            <button type="button" id="export-tree-csv" on:click=move |_| export_csv("tree")>{move || ctx.t("分解表 CSV", "Decomposition CSV")}</button>
            <button type="button" id="export-quarters-csv" on:click=move |_| export_csv("quarters")>{move || ctx.t("季度表 CSV", "Quarters CSV")}</button>
            <button type="button" id="share-make" on:click=make_link>{move || ctx.t("分享链接", "Share link")}</button>
            {move || message.get().map(|(ok, m)| view! {
                <span id="file-message" class="file-message" class:error=!ok role="status">{m.get(ctx.lang.get()).to_string()}</span>
            })}
        </div>
        {move || share.get().map(|url| {
            let long = url.len() > link::LONG_LINK_CHARS;
            let chars = url.len();
            view! {
                <div class="share">
                    <label for="share-link">{move || ctx.t("分享链接（方案全部在链接里，不经过任何服务器）：", "Share link (the whole scenario is in the link; no server involved):")}</label>
                    <input id="share-link" readonly prop:value=url.clone() />
                    <button type="button" id="share-copy" on:click=copy_link>{move || ctx.t("复制", "Copy")}</button>
                    {long.then(|| view! {
                        <p class="field-error" id="share-long">{move || match ctx.lang.get() {
                            crate::engine::Lang::Zh => format!("链接有 {chars} 个字符，聊天软件可能截断；大方案请用“导出方案”发送文件。"),
                            crate::engine::Lang::En => format!("The link has {chars} characters; chat apps may cut it. Send a large scenario as an exported file."),
                        }}</p>
                    })}
                </div>
            }
        })}
    }
}
