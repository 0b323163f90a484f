//! The enterprise list in: rows pasted from Excel or WPS, or a workbook or CSV file opened.
//! Both become a table (engine::import); the preview shows how each column is read (mappable
//! by hand) and what each row will do, and applying is one undo step.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::use_ctx;
use crate::engine::format::fixed_units;
use crate::engine::import::{self, Column, ImportedRow, Mapping, Preview, RowAction, Table};
use crate::engine::import_settings;
use crate::engine::num::Step;
use crate::engine::{AmountUnit, Bilingual, Lang};
use crate::storage::store::js_error_text;
use crate::storage::workbook::{self, Sheet};

/// The preview follows the box once typing pauses: re-reading 20,000 pasted lines and redrawing
/// the preview on every key took a quarter of a second per keystroke (tests/e2e/input.test.mjs).
const PREVIEW_DELAY_MS: u64 = 300;
/// Rows drawn in the preview (all are applied).
const PREVIEW_ROWS: usize = 500;
/// The largest file opened (bytes): a workbook of 20,000 enterprises is a few megabytes.
const MAX_FILE_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

/// Where the rows come from.
#[derive(Clone, PartialEq)]
enum Source {
    Pasted(Table),
    File {
        name: String,
        sheets: Vec<Sheet>,
        sheet: usize,
    },
}

impl Source {
    fn table(&self) -> &Table {
        match self {
            Source::Pasted(t) => t,
            Source::File { sheets, sheet, .. } => &sheets[*sheet].table,
        }
    }
}

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
    // …and what the preview has read: the pasted text, or an opened file.
    let source = RwSignal::new(None::<Result<Source, Bilingual>>);
    // Columns mapped by hand; `None`: as the headers say.
    let mapping = RwSignal::new(None::<Mapping>);
    let reading = RwSignal::new(false);
    // Whether an opened workbook's settings sheet is applied with its list.
    let with_settings = RwSignal::new(true);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let pasted_now = move |t: String| {
        if let Some(h) = timer.get_value() {
            h.clear();
            timer.set_value(None);
        }
        let next =
            (!t.trim().is_empty()).then(|| crate::engine::paste::read(&t).map(Source::Pasted));
        if source.with_untracked(|s| *s != next) {
            mapping.set(None);
            source.set(next);
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let t = event_target_value(&ev);
        applied.set(None);
        text.update_untracked(|v| *v = t.clone());
        if t.trim().is_empty() {
            // Emptied: the preview goes at once.
            pasted_now(t);
            return;
        }
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || pasted_now(t),
            std::time::Duration::from_millis(PREVIEW_DELAY_MS),
        );
        timer.set_value(handle.ok());
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = super::files::picked_file(&ev) else {
            return;
        };
        applied.set(None);
        text.set(String::new());
        mapping.set(None);
        let name = file.name();
        if file.size() > MAX_FILE_BYTES {
            source.set(Some(Err(Bilingual::new(
                format!(
                    "文件太大（{:.0} MB，上限 32 MB），未读取",
                    file.size() / 1048576.0
                ),
                format!(
                    "the file is too large ({:.0} MB, at most 32 MB); nothing was read",
                    file.size() / 1048576.0
                ),
            ))));
            return;
        }
        reading.set(true);
        leptos::task::spawn_local(async move {
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(e) => {
                    reading.set(false);
                    source.set(Some(Err(Bilingual::new(
                        format!("无法读取文件：{}", js_error_text(&e)),
                        format!("the file cannot be read: {}", js_error_text(&e)),
                    ))));
                    return;
                }
            };
            // Let the page paint "reading…" before the work.
            next_macrotask().await;
            let read = workbook::read(&bytes).map(|sheets| {
                let sheet = workbook::list_sheet(&sheets);
                Source::File {
                    name,
                    sheets,
                    sheet,
                }
            });
            reading.set(false);
            source.set(Some(read));
        });
    };
    // How the columns are read, and how many there are: from the source and the hand
    // mapping only, so that an edit of the scenario never redraws the selects (one of them
    // may be in the user's hand).
    let read_mapping = Memo::new(move |_| {
        source.with(|src| {
            let table = src.as_ref()?.as_ref().ok()?.table();
            let m = mapping.get().unwrap_or_else(|| Mapping::detect(table));
            let width = table
                .rows
                .iter()
                .map(|(_, r)| r.len())
                .max()
                .unwrap_or(0)
                .max(m.columns.len());
            Some((m, width))
        })
    });
    let result = Memo::new(move |_| {
        let src = source.get()?;
        Some(src.and_then(|src| {
            let m = read_mapping.get().map(|(m, _)| m);
            ctx.scenario.with(|s| import::preview(s, src.table(), m))
        }))
    });
    // An exported workbook's settings sheet (设置), read back: what it would change.
    let settings = Memo::new(move |_| {
        let Some(Ok(Source::File { sheets, .. })) = source.get() else {
            return None;
        };
        let sheet = sheets
            .iter()
            .find(|s| import_settings::is_settings(&s.table))?;
        ctx.computed.with(|c| {
            let c = c.as_ref()?;
            Some(import_settings::preview(
                &c.0.scenario,
                &c.0.plan,
                &sheet.table,
            ))
        })
    });
    let apply_rows = move |_| {
        // What is applied is what the box holds, even within the pause.
        if !text.with_untracked(String::is_empty) {
            pasted_now(text.get_untracked());
        }
        let Some(Ok(p)) = result.get_untracked() else {
            return;
        };
        let mut n = 0;
        let settings = settings
            .get_untracked()
            .filter(|_| with_settings.get_untracked())
            .map(|p| p.changes);
        ctx.edit(|s| {
            n = import::apply(s, &p);
            if let Some(changes) = &settings {
                import_settings::apply(s, changes);
            }
        });
        ctx.library.close_step();
        applied.set(Some((n, ctx.library.history_version())));
        text.set(String::new());
        mapping.set(None);
        source.set(None);
    };
    let action_text = move |a: &RowAction| -> String {
        let lang = ctx.lang.get();
        let b = match a {
            RowAction::Add {
                new_industry: false,
            } => Bilingual::new("新增", "add"),
            RowAction::Add { new_industry: true } => {
                Bilingual::new("新增（含新行业）", "add, with a new industry")
            }
            RowAction::Update { moves: false, .. } => {
                Bilingual::new("更新同名", "update the one of this name")
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
    // The cell of a row under a column, as read.
    let cell = move |row: &ImportedRow, column: Column, lang: Lang| -> String {
        match column {
            Column::Level => match row.level() {
                import::RowLevel::Industry => Bilingual::new("行业", "industry"),
                import::RowLevel::Enterprise => Bilingual::new("企业", "enterprise"),
                import::RowLevel::Project => Bilingual::new("项目", "project"),
            }
            .get(lang)
            .to_string(),
            Column::Industry => row.industry.clone(),
            Column::Enterprise => row.enterprise.clone(),
            Column::Project => row.project.clone(),
            Column::Responsible => row.responsible.clone().unwrap_or_default(),
            Column::Unit => row.unit.clone().unwrap_or_default(),
            // In the table's unit, which the column's heading names.
            Column::Value(kind, k) => row
                .value(kind, k)
                .map(|v| match ctx.scenario.with_untracked(|s| s.tree_unit) {
                    AmountUnit::Wan => fixed_units(v.units(Step::WAN_2), 2),
                    AmountUnit::Yi => fixed_units(v.units(Step::YI_2), 2),
                })
                .unwrap_or_default(),
        }
    };
    // One select per column of the table: what it holds, as read or set by hand.
    let mapping_row = move |m: Mapping, width: usize| {
        (0..width)
            .map(|i| {
                let m = m.clone();
                let current = m.columns.get(i).copied().flatten();
                let title = m.title(i);
                let on_change = move |ev: leptos::ev::Event| {
                    let key = event_target_value(&ev);
                    let mut next = m.clone();
                    next.set(i, Column::from_key(&key));
                    mapping.set(Some(next));
                };
                view! {
                    <label class="map-column">
                        <span class="user-text">{title}</span>
                        <select id=format!("import-map-{i}") on:change=on_change>
                            <option value="" selected=current.is_none()>{move || ctx.t("（不导入）", "(not imported)")}</option>
                            {Column::all().map(|c| view! {
                                <option value=c.key() selected=current == Some(c)>{move || c.name().get(ctx.lang.get()).to_string()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                }
            })
            .collect_view()
    };
    let table = move |p: Preview| {
        let (added, updated, skipped) = p.counts();
        let count = p.applicable();
        let total = p.rows.len();
        let header = p.mapping.header;
        let columns: Vec<Column> = p.mapping.columns.iter().flatten().copied().collect();
        let head = columns.clone();
        let rows = p.rows.clone();
        view! {
            <p class="hint" id="paste-summary">{move || match ctx.lang.get() {
                Lang::Zh => format!("共 {total} 行：新增 {added}，更新 {updated}，不导入 {skipped}{}", if header { "（第一行为表头）" } else { "" }),
                Lang::En => format!("{total} rows: {added} to add, {updated} to update, {skipped} skipped{}", if header { " (the first row is a header)" } else { "" }),
            }}</p>
            <div class="table-wrap paste-preview">
                <table id="paste-preview">
                    <thead><tr>
                        <th>{move || ctx.t("行", "Row")}</th>
                        {head.into_iter().map(|c| view! { <th>{move || {
                            let lang = ctx.lang.get();
                            let name = c.name().get(lang).to_string();
                            match c {
                                Column::Value(..) => {
                                    let (zh, en) = ctx.scenario.with_untracked(|s| s.tree_unit).names();
                                    match lang {
                                        Lang::Zh => format!("{name}（{zh}）"),
                                        Lang::En => format!("{name} ({en})"),
                                    }
                                }
                                _ => name,
                            }
                        }}</th> }).collect_view()}
                        <th>{move || ctx.t("处理", "Action")}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().take(PREVIEW_ROWS).map(|r| {
                            let rejected = matches!(r.action, RowAction::Reject(_));
                            let action = r.action.clone();
                            let row = r.row.clone();
                            let columns = columns.clone();
                            view! {
                                <tr class:rejected=rejected>
                                    <td class="num">{r.row.line}</td>
                                    {columns.into_iter().map(|c| {
                                        let row = row.clone();
                                        let numeric = matches!(c, Column::Value(..));
                                        view! { <td class:num=numeric class:user-text=!numeric>{move || cell(&row, c, ctx.lang.get())}</td> }
                                    }).collect_view()}
                                    <td>{move || action_text(&action)}{
                                        let rounded = r.row.rounded.join("、");
                                        (!rounded.is_empty() && !rejected).then(|| view! {
                                            <span class="hint rounded">{move || match ctx.lang.get() {
                                                Lang::Zh => format!("（{rounded} 已按元取整）"),
                                                Lang::En => format!(" ({rounded} rounded to the yuan)"),
                                            }}</span>
                                        })
                                    }</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(total > PREVIEW_ROWS).then(|| view! {
                <p class="hint">{move || match ctx.lang.get() {
                    Lang::Zh => format!("预览只列出前 {PREVIEW_ROWS} 行；应用时全部 {total} 行都按上表规则处理。"),
                    Lang::En => format!("The preview lists the first {PREVIEW_ROWS} rows; applying handles all {total} the same way."),
                }}</p>
            })}
            <button type="button" id="paste-apply" disabled=count == 0 on:click=apply_rows>
                {move || match ctx.lang.get() {
                    Lang::Zh => format!("应用 {count} 行（可撤销）"),
                    Lang::En => format!("Apply {count} rows (undoable)"),
                }}
            </button>
        }
    };
    let sheet_picker = move || {
        let Some(Ok(Source::File {
            name,
            sheets,
            sheet,
        })) = source.get()
        else {
            return None;
        };
        let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
        Some(view! {
            <p class="hint" id="import-file">
                <span class="user-text">{name}</span>
                {(names.len() > 1).then(|| view! {
                    " · "
                    <label for="import-sheet">{move || ctx.t("工作表：", "Sheet: ")}</label>
                    <select id="import-sheet" on:change=move |ev| {
                        let Ok(i) = event_target_value(&ev).parse::<usize>() else { return };
                        mapping.set(None);
                        source.update(|s| if let Some(Ok(Source::File { sheet, .. })) = s { *sheet = i });
                    }>
                        {names.into_iter().enumerate().map(|(i, n)| view! {
                            <option value=i.to_string() selected=i == sheet>{n}</option>
                        }).collect_view()}
                    </select>
                })}
                " "
                <button type="button" id="import-cancel" on:click=move |_| { source.set(None); mapping.set(None); }>
                    {move || ctx.t("取消", "Cancel")}
                </button>
            </p>
        })
    };
    view! {
        <details class="paste" prop:open=move || open.get() on:toggle=move |ev| {
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary id="paste-open">{move || ctx.t("导入企业名单（粘贴或打开 Excel/WPS/CSV 文件）…", "Import enterprises (paste, or open an Excel/WPS/CSV file)…")}</summary>
            <p class="hint">{move || ctx.t(
                "打开 .xlsx/.xls/.ods/.csv 文件，或在 Excel、WPS 中复制若干行粘贴到下框。各列按表头识别（顺序不限）：层级、所属行业、企业名称、重点项目、责任人、包抓单位，以及各指标的上年基数、自报目标、锁定；表头写明单位（元、千元、万元、百万元、千万元、亿元）的按其单位，否则按分解表单位。没有表头时依次为：企业名称、所属行业、上年产值、责任人、包抓单位。同名的行业、企业、项目会被更新，空单元格不改动原值。本应用导出的工作簿可修改后再导入。",
                "Open an .xlsx/.xls/.ods/.csv file, or copy rows in Excel or WPS and paste them below. Columns are recognised by their headers, in any order: level, industry, enterprise, project, responsible person, unit, and each indicator's base, commitment and held amount; a header that states a unit (yuan, thousands, 10k, millions, 10 millions or 100M CNY) sets it, otherwise the decomposition's unit applies. Without a header the columns are: enterprise, industry, base output, responsible person, unit. An industry, enterprise or project of the same name is updated; an empty cell leaves its value as it is. A workbook exported here can be edited and imported again.",
            )}</p>
            <input type="file" id="import-list-file" class="visually-hidden"
                accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv"
                on:change=on_file />
            <label class="file-button" for="import-list-file">{move || ctx.t("打开文件…", "Open a file…")}</label>
            {move || reading.get().then(|| view! { <span class="hint" id="import-reading" role="status">{move || ctx.t("正在读取…", "Reading…")}</span> })}
            <textarea id="paste-text" rows="6" prop:value=move || text.get()
                aria-label=move || ctx.t("粘贴的行", "Pasted rows")
                on:input=on_input></textarea>
            {sheet_picker}
            {move || settings.get().filter(|p| !p.changes.is_empty() || !p.problems.is_empty()).map(|p| { let count = p.changes.len(); view! {
                <div class="import-settings" id="import-settings">
                    <label>
                        <input type="checkbox" id="import-settings-apply" prop:checked=move || with_settings.get()
                            on:change=move |ev| with_settings.set(event_target_checked(&ev)) />
                        {move || match ctx.lang.get() {
                            Lang::Zh => format!("同时按“设置”表更新 {count} 项方案设置："),
                            Lang::En => format!("Also apply {count} settings from the Settings sheet:"),
                        }}
                    </label>
                    <ul>
                        {p.changes.iter().map(|(_, said)| {
                            let said = said.clone();
                            view! { <li class="user-text">{move || said.get(ctx.lang.get()).to_string()}</li> }
                        }).collect_view()}
                        {p.problems.iter().map(|why| {
                            let why = why.clone();
                            view! { <li class="field-error">{move || match ctx.lang.get() {
                                Lang::Zh => format!("不导入：{}", why.zh),
                                Lang::En => format!("skipped: {}", why.en),
                            }}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }})}
            {move || read_mapping.get().map(|(m, width)| view! {
                <div class="import-mapping" id="import-mapping">
                    <span class="hint">
                        {move || ctx.t("各列读作：", "Columns read as:")}
                        " "
                        <label>
                            <input type="checkbox" id="import-header" prop:checked=m.header
                                on:change={
                                    let m = m.clone();
                                    move |ev| {
                                        let mut next = m.clone();
                                        next.header = event_target_checked(&ev);
                                        mapping.set(Some(next));
                                    }
                                } />
                            {move || ctx.t("第一行是表头", "The first row is a header")}
                        </label>
                    </span>
                    {mapping_row(m, width)}
                </div>
            })}
            {move || match result.get() {
                None => applied
                    .get()
                    .filter(|(_, version)| *version == ctx.library.history_version())
                    .map(|(n, _)| view! {
                    <p class="hint" id="paste-applied" role="status">{move || match ctx.lang.get() {
                        Lang::Zh => format!("已应用 {n} 行。"),
                        Lang::En => format!("Applied {n} rows."),
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

/// A macrotask's pause, so that the page paints before a long piece of work.
async fn next_macrotask() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
