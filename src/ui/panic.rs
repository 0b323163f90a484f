//! When the program fails (a panic), the page says so and offers the last saved copy of the
//! scenario, instead of going dead. Release builds abort on panic, so the banner is plain DOM
//! built inside the hook: nothing in it needs the program to keep running.

use wasm_bindgen::JsCast;

/// Install the hook (once, before mounting).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner(&info.to_string());
    }));
}

fn show_banner(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("panic-banner").is_some() {
        return;
    }
    let zh = document
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_none_or(|l| l.starts_with("zh"));
    let t = |a: &'static str, b: &'static str| if zh { a } else { b };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_id("panic-banner");
    let _ = banner.set_attribute("role", "alert");
    let add = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        banner.append_child(&el).ok()?;
        Some(el)
    };
    add(
        "strong",
        t(
            "程序出错，已停止运行。",
            "The program hit an error and has stopped.",
        ),
    );
    add(
        "p",
        t(
            "本机已保存的方案不受影响（最近几秒内的修改可能未保存）。请下载最近保存的方案，然后重新载入页面。",
            "The scenarios saved in this browser are not affected (changes of the last seconds may not be saved). Download the last saved copy, then reload the page.",
        ),
    );
    if let Some(json) = super::library::saved_copy() {
        if let Some(a) = add("a", t("下载最近保存的方案", "Download the last saved copy"))
        {
            let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&json));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("application/json");
            if let Ok(url) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
                .and_then(|b| web_sys::Url::create_object_url_with_blob(&b))
            {
                let a: web_sys::HtmlAnchorElement = a.unchecked_into();
                a.set_href(&url);
                a.set_download("scenario-recovered.json");
                a.set_id("panic-download");
            }
        }
    }
    if let Some(a) = add("a", t("重新载入页面", "Reload the page")) {
        let _ = a.set_attribute("href", "");
        a.set_id("panic-reload");
    }
    add("pre", detail);
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}
