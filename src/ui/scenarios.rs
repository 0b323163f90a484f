//! The scenario list (方案) and the notices about storage: backups, another tab's change,
//! a shared link, an undoable delete.

use leptos::prelude::*;

use super::files::{download, Files};
use super::library::{input_value, Conflict, Library};
use super::paste::PasteRows;
use super::use_ctx;
use crate::engine::example::{blank, example};
use crate::engine::format::{percent, yi};
use crate::engine::{Bilingual, Lang, Scenario};
use crate::storage::library::Entry;
use crate::storage::link;

/// " (copy)" in the user's language.
fn copy_suffix(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（副本）",
        Lang::En => " (copy)",
    }
}

/// A time from the browser's clock, in the user's language and time zone.
fn when(ms: f64, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let locale = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-GB",
    };
    date.to_locale_string(locale, &wasm_bindgen::JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

/// Notices above the page: storage notes, conflicts, shared links, undo of a delete.
#[component]
pub fn Notices() -> impl IntoView {
    let ctx = use_ctx();
    let lib: Library = ctx.library;
    // A link opened with a scenario in its fragment: offered as a new scenario, never applied silently.
    let incoming = RwSignal::new(None::<Result<Scenario, Bilingual>>);
    let fragment = window().location().hash().unwrap_or_default();
    if link::is_share_fragment(&fragment) {
        incoming.set(Some(link::decode(&fragment)));
    }
    let clear_fragment = move || {
        if let Ok(history) = window().history() {
            let location = window().location();
            let url = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        incoming.set(None);
    };
    let t = move |b: &Bilingual| b.get(ctx.lang.get()).to_string();
    view! {
        <div class="notices" aria-live="polite">
            <For each=move || lib.notes.get().into_iter().enumerate() key=|(i, n)| (*i, n.message.zh.clone()) let:item>
                {
                    let (_, note) = item;
                    let message = note.message.clone();
                    let backup = note.backup_key.clone();
                    view! {
                        <p class="storage-note" role="status">
                            {move || t(&message)}
                            {backup.map(|key| {
                                let file = format!("{}.txt", key.replace('/', "_"));
                                view! {
                                    " "
                                    <button type="button" class="download-backup" on:click=move |_| {
                                        if let Some(text) = Library::backup_text(&key) {
                                            let _ = download(&file, &text, "text/plain");
                                        }
                                    }>{move || ctx.t("下载备份", "Download the backup")}</button>
                                }
                            })}
                        </p>
                    }
                }
            </For>
            {move || lib.conflict.get().map(|c| view! {
                <div class="conflict" id="conflict" role="alert">
                    <p>{move || match (c, ctx.lang.get()) {
                        (Conflict::Changed, Lang::Zh) => "另一个标签页刚保存了此方案的新版本。本页暂停保存，以免覆盖它：",
                        (Conflict::Changed, Lang::En) => "Another tab has just saved a newer version of this scenario. This page stopped saving so as not to overwrite it:",
                        (Conflict::Deleted, Lang::Zh) => "另一个标签页删除了此方案。本页暂停保存：",
                        (Conflict::Deleted, Lang::En) => "Another tab deleted this scenario. This page stopped saving:",
                    }}</p>
                    {(c == Conflict::Changed).then(|| view! {
                        <button type="button" id="conflict-reload" on:click=move |_| lib.take_theirs()>
                            {move || ctx.t("载入另一标签页的版本", "Load the other tab's version")}
                        </button>
                    })}
                    <button type="button" id="conflict-keep" on:click=move |_| lib.keep_mine_as_copy(copy_suffix(ctx.lang.get_untracked()))>
                        {move || ctx.t("把本页的版本另存为新方案", "Keep this page's version as a new scenario")}
                    </button>
                </div>
            })}
            {move || incoming.get().map(|found| match found {
                Ok(s) => {
                    let name = s.name.clone();
                    let s = StoredValue::new(s);
                    view! {
                        <div class="share-offer" id="share-offer" role="alert">
                            <p>{move || match ctx.lang.get() {
                                Lang::Zh => format!("此链接带有方案“{name}”。导入后作为新方案打开，现有方案不受影响。"),
                                Lang::En => format!("This link carries the scenario “{name}”. Importing opens it as a new scenario; the existing ones are not touched."),
                            }}</p>
                            <button type="button" id="share-import" on:click=move |_| {
                                if let Err(e) = lib.create(s.get_value()) {
                                    lib.message.set(Some(e.message()));
                                }
                                clear_fragment();
                            }>{move || ctx.t("导入为新方案", "Import as a new scenario")}</button>
                            <button type="button" id="share-dismiss" on:click=move |_| clear_fragment()>
                                {move || ctx.t("忽略", "Ignore")}
                            </button>
                        </div>
                    }.into_any()
                }
                Err(why) => view! {
                    <div class="share-offer error" id="share-offer" role="alert">
                        <p id="share-error">{move || match ctx.lang.get() {
                            Lang::Zh => format!("此链接中的方案无法读取：{}。现有方案未改动。", why.zh),
                            Lang::En => format!("The scenario in this link cannot be read: {}. Nothing was changed.", why.en),
                        }}</p>
                        <button type="button" id="share-dismiss" on:click=move |_| clear_fragment()>
                            {move || ctx.t("知道了", "OK")}
                        </button>
                    </div>
                }.into_any(),
            })}
            {move || lib.deleted.get().map(|(_, name)| view! {
                <p class="undo-delete" id="undo-delete" role="status">
                    {move || match ctx.lang.get() {
                        Lang::Zh => format!("已删除“{name}”。"),
                        Lang::En => format!("Deleted “{name}”."),
                    }}
                    " "
                    <button type="button" id="undo-delete-button" on:click=move |_| lib.undo_delete()>{move || ctx.t("撤销删除", "Undo")}</button>
                    <button type="button" class="link-button" on:click=move |_| lib.deleted.set(None)>{move || ctx.t("关闭", "Dismiss")}</button>
                </p>
            })}
            {move || lib.message.get().map(|m| view! {
                <p class="storage-note" id="library-message" role="status">{move || t(&m)}</p>
            })}
        </div>
    }
}

/// The scenario list with its actions, files and paste.
#[component]
pub fn Scenarios() -> impl IntoView {
    let ctx = use_ctx();
    let lib = ctx.library;
    let renaming = RwSignal::new(None::<String>);
    let report = move |r: Result<(), crate::storage::WriteError>| {
        if let Err(e) = r {
            lib.message.set(Some(e.message()));
        }
    };
    let row = move |e: Entry| {
        let id = e.id.clone();
        let is_current = {
            let id = id.clone();
            move || lib.current_id.get() == id
        };
        let lang = ctx.lang.get();
        let (id_open, id_dup, id_ren, id_ren2, id_del) =
            (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
        let editing = {
            let id = id.clone();
            move || renaming.get().as_deref() == Some(id.as_str())
        };
        let h = e.headline;
        view! {
            <tr class:current=is_current.clone() data-id=id.clone()>
                <td class="user-text scenario-cell">
                    <Show when=editing.clone() fallback={
                        let name = e.name.clone();
                        let is_current = is_current.clone();
                        move || view! {
                            <button type="button" class="scenario-open" on:click={
                                let id = id_open.clone();
                                move |_| lib.switch(&id)
                            }>{name.clone()}</button>
                            {is_current().then(|| view! { <span class="badge">{ctx.t("当前", "open")}</span> })}
                        }
                    }>
                        {
                            let id = id_ren2.clone();
                            let name = e.name.clone();
                            view! {
                                <input class="rename-input" maxlength="200" prop:value=name
                                    aria-label=move || ctx.t("新名称", "New name")
                                    on:change=move |ev| {
                                        let name = input_value(&ev).trim().to_string();
                                        if !name.is_empty() {
                                            report(lib.rename(&id, name));
                                        }
                                        renaming.set(None);
                                    } />
                            }
                        }
                    </Show>
                </td>
                <td>{when(e.updated_ms, lang)}</td>
                <td class="num">{h.map(|h| yi(h.target, lang)).unwrap_or_default()}</td>
                <td class="num">{h.and_then(|h| h.growth).map(percent).unwrap_or_default()}</td>
                <td class="num">{h.map(|h| yi(h.q1, lang)).unwrap_or_default()}</td>
                <td class="num">{h.map(|h| h.enterprises.to_string()).unwrap_or_default()}</td>
                <td class="actions">
                    <button type="button" class="scenario-duplicate" on:click=move |_| report(lib.duplicate(&id_dup, copy_suffix(ctx.lang.get_untracked())))>{ctx.t("复制", "Duplicate")}</button>
                    <button type="button" class="scenario-rename" on:click=move |_| renaming.set(Some(id_ren.clone()))>{ctx.t("重命名", "Rename")}</button>
                    <button type="button" class="scenario-delete danger" on:click=move |_| report(lib.delete(&id_del))>{ctx.t("删除", "Delete")}</button>
                </td>
            </tr>
        }
    };
    view! {
        <section class="card scenarios no-print" id="scenarios" aria-labelledby="scenarios-title">
            <h2 id="scenarios-title">{move || ctx.t("方案", "Scenarios")}</h2>
            <div class="toolbar">
                <button type="button" id="new-example" on:click=move |_| report(lib.create(example()))>{move || ctx.t("新建：示例", "New: example")}</button>
                <button type="button" id="new-blank" on:click=move |_| report(lib.create(blank()))>{move || ctx.t("新建：空白", "New: blank")}</button>
                <Files />
            </div>
            <div class="table-wrap">
                <table id="scenario-list">
                    <thead><tr>
                        <th>{move || ctx.t("名称", "Name")}</th>
                        <th>{move || ctx.t("最近修改", "Last change")}</th>
                        <th>{move || ctx.t("规上产值目标", "Gross output target")}</th>
                        <th>{move || ctx.t("增速", "Growth")}</th>
                        <th>{move || ctx.t("一季度", "Q1")}</th>
                        <th>{move || ctx.t("企业数", "Enterprises")}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>
                        {move || lib.index.with(|i| i.listed().cloned().collect::<Vec<_>>()).into_iter().map(row).collect_view()}
                    </tbody>
                </table>
            </div>
            <PasteRows />
        </section>
    }
}
