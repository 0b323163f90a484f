//! The crate compiled to WebAssembly and run in headless Chromium (wasm-bindgen-test).
//! Natively this file is empty; `make test-wasm` runs it.
#![cfg(target_arch = "wasm32")]

use quota_planner::engine::example::example;
use quota_planner::engine::explain::{explain, Figure};
use quota_planner::engine::{plan, Indicator};
use quota_planner::storage::{load_scenario, save_scenario, Loaded, BACKUP_KEY, SCENARIO_KEY};
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
        why.formula.zh,
        "一季度规上产值 = 全年目标 330.00亿元 × 一季度占比 22% = 72.60亿元"
    );
}

#[wasm_bindgen_test]
fn a_scenario_round_trips_through_local_storage() {
    let storage = local_storage();
    storage.remove_item(SCENARIO_KEY).unwrap();
    assert_eq!(load_scenario(), Loaded::Nothing);

    let mut s = example();
    s.name = "增长12%，一季度25%".into();
    s.tree.industries[0].enterprises[0].node.name = "<img src=x onerror=alert(1)>".into();
    save_scenario(&s).unwrap();
    assert_eq!(load_scenario(), Loaded::Scenario(Box::new(s)));
    storage.remove_item(SCENARIO_KEY).unwrap();
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_moved_aside_and_a_newer_one_left_alone() {
    let storage = local_storage();
    storage.set_item(SCENARIO_KEY, "{not json").unwrap();
    assert!(matches!(load_scenario(), Loaded::Unreadable(_)));
    assert_eq!(
        storage.get_item(BACKUP_KEY).unwrap().as_deref(),
        Some("{not json")
    );

    storage
        .set_item(
            SCENARIO_KEY,
            r#"{"schema_version": 7, "from": "the future"}"#,
        )
        .unwrap();
    assert_eq!(load_scenario(), Loaded::NewerVersion(7));
    assert!(storage
        .get_item(SCENARIO_KEY)
        .unwrap()
        .unwrap()
        .contains("the future"));
    storage.remove_item(SCENARIO_KEY).unwrap();
    storage.remove_item(BACKUP_KEY).unwrap();
}
