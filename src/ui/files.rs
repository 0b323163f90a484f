//! Export the scenario as a JSON file and import one back. An import that fails says what
//! is wrong and changes nothing.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::use_ctx;
use crate::engine::Bilingual;
use crate::storage::{export_json, import_json};

/// Offer `text` to the user as a download named `file_name`.
fn download(file_name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

#[component]
pub fn Files() -> impl IntoView {
    let ctx = use_ctx();
    let message = RwSignal::new(None::<(bool, Bilingual)>);
    let export = move |_| {
        let (name, json) = ctx.scenario.with(|s| (s.name.clone(), export_json(s)));
        let file = format!(
            "{}.json",
            if name.trim().is_empty() {
                "scenario"
            } else {
                name.trim()
            }
        );
        if let Err(why) = download(&file, &json, "application/json") {
            message.set(Some((
                false,
                Bilingual::new(format!("导出失败：{why}"), format!("Export failed: {why}")),
            )));
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => t.as_string().unwrap_or_default(),
                Err(e) => {
                    message.set(Some((
                        false,
                        Bilingual::new(
                            format!("无法读取文件：{e:?}"),
                            format!("Cannot read the file: {e:?}"),
                        ),
                    )));
                    return;
                }
            };
            match import_json(&text) {
                Ok(s) => {
                    let name = s.name.clone();
                    ctx.scenario.set(s);
                    message.set(Some((
                        true,
                        Bilingual::new(
                            format!("已导入“{name}”（可撤销）"),
                            format!("Imported “{name}” (undo brings the previous one back)"),
                        ),
                    )));
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
    view! {
        <button type="button" id="export-json" on:click=export>{move || ctx.t("导出方案", "Export")}</button>
        <input type="file" id="import-json" accept=".json,application/json" class="visually-hidden" on:change=import />
        <label class="file-button" for="import-json">{move || ctx.t("导入方案", "Import")}</label>
        {move || message.get().map(|(ok, m)| view! {
            <span id="file-message" class="file-message" class:error=!ok role="status">{m.get(ctx.lang.get()).to_string()}</span>
        })}
    }
}
