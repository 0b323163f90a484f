//! The crate compiled to WebAssembly and run in headless Chromium (wasm-bindgen-test).
//! Natively this file is empty; `make test-wasm` runs it.
#![cfg(target_arch = "wasm32")]

use quota_planner::engine::example::example;
use quota_planner::engine::explain::{explain, Figure};
use quota_planner::engine::{plan, Indicator};
use quota_planner::storage::{library, BrowserStore, WriteError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn the_example_plans_to_the_same_figures_in_wasm() {
    let s = example();
    let p = plan(&s).unwrap();
    let o = p.indicator(Indicator::Output).unwrap();
    assert_eq!(o.target_units, 33_000);
    assert_eq!(o.quarters[0].amount_units, 7_260);
    assert_eq!(o.quarters[0].daily_units, 806_667);
    let why = explain(&s, &p, Figure::QuarterAmount(Indicator::Output, 0)).unwrap();
    assert_eq!(
        why.text(quota_planner::engine::Lang::Zh),
        "一季度规上产值 = 全年目标 330.00亿元 × 一季度占比 22% = 72.60亿元"
    );
}

fn clear(storage: &web_sys::Storage) {
    let keys: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with("quota-planner/"))
        .collect();
    for k in keys {
        storage.remove_item(&k).unwrap();
    }
}

#[wasm_bindgen_test]
fn scenarios_round_trip_through_local_storage_and_reopen_where_left() {
    let storage = local_storage();
    clear(&storage);
    let store = BrowserStore::open().unwrap();
    let opened = library::open(&store, 1.0);
    assert!(opened.current.is_none());

    let mut s = example();
    s.name = "增长12%，一季度25%".into();
    s.tree.industry_mut(0).enterprises[0].node.name = "<img src=x onerror=alert(1)>".into();
    let index = library::save(&store, &opened.index, "a", &example(), None, 2.0).unwrap();
    library::save(&store, &index, "b", &s, None, 3.0).unwrap();
    let reopened = library::open(&store, 4.0);
    assert_eq!(reopened.current, Some(("b".to_string(), s)));
    assert_eq!(reopened.index.scenarios.len(), 2);
    clear(&storage);
}

#[wasm_bindgen_test]
fn the_first_release_layout_is_migrated_and_a_corrupt_or_newer_entry_is_never_lost() {
    let storage = local_storage();
    clear(&storage);
    let store = BrowserStore::open().unwrap();
    storage
        .set_item(
            library::LEGACY_KEY,
            &serde_json::to_string(&example()).unwrap(),
        )
        .unwrap();
    let opened = library::open(&store, 1.0);
    assert_eq!(opened.current.map(|(_, s)| s), Some(example()));
    assert_eq!(storage.get_item(library::LEGACY_KEY).unwrap(), None);

    let id = opened.index.scenarios[0].id.clone();
    storage
        .set_item(&library::scenario_key(&id), "{not json")
        .unwrap();
    let opened = library::open(&store, 2.0);
    let backup = opened.notes[0].backup_key.clone().unwrap();
    assert_eq!(
        storage.get_item(&backup).unwrap().as_deref(),
        Some("{not json")
    );

    clear(&storage);
    storage
        .set_item(library::INDEX_KEY, r#"{"layout": 7, "from": "the future"}"#)
        .unwrap();
    assert!(library::open(&store, 3.0).read_only);
    assert!(storage
        .get_item(library::INDEX_KEY)
        .unwrap()
        .unwrap()
        .contains("the future"));
    clear(&storage);
}

#[wasm_bindgen_test]
fn a_full_local_storage_fails_the_save_visibly_and_keeps_what_was_saved() {
    let storage = local_storage();
    clear(&storage);
    let store = BrowserStore::open().unwrap();
    let index = library::save(
        &store,
        &library::Index::default(),
        "a",
        &example(),
        None,
        1.0,
    )
    .unwrap();
    // Fill the quota with one large entry.
    let mut filler = "x".repeat(1 << 20);
    let mut n = 0;
    while storage
        .set_item(&format!("quota-planner/filler/{n}"), &filler)
        .is_ok()
    {
        n += 1;
    }
    filler.truncate(1 << 10);
    while storage
        .set_item(&format!("quota-planner/filler/small{n}"), &filler)
        .is_ok()
    {
        n += 1;
    }
    let mut big = example();
    big.name = "y".repeat(200_000);
    assert_eq!(
        library::save(&store, &index, "b", &big, None, 2.0),
        Err(WriteError::Full)
    );
    clear(&storage);
}
