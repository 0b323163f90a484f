//! The crate compiled to WebAssembly and run in headless Chromium (wasm-bindgen-test).
//! Natively this file is empty; `make test-wasm` runs it.
#![cfg(target_arch = "wasm32")]

use quota_planner::engine::quarters::quarter_amount;
use quota_planner::storage::{load_shell, save_shell, ShellInputs, SHELL_KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn quarter_amount_and_its_explanation_are_the_same_in_wasm() {
    let q1 = quarter_amount(330.0, 0.22, 1);
    assert!((q1.value - 72.6).abs() < 1e-9, "{}", q1.value);
    assert_eq!(
        q1.why.zh,
        "一季度产值 = 全年目标 330.00亿元 × 一季度占比 22% = 72.60亿元"
    );
}

#[wasm_bindgen_test]
fn shell_inputs_round_trip_through_local_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(SHELL_KEY).unwrap();
    assert_eq!(load_shell(), None);

    // Text that does not parse is kept verbatim: nothing the user typed is lost.
    let typed = ShellInputs {
        annual_target: "３３０亿".into(),
        q1_share: "22.5 oops".into(),
    };
    save_shell(&typed).unwrap();
    assert_eq!(load_shell(), Some(typed));

    storage.set_item(SHELL_KEY, "{not json").unwrap();
    assert_eq!(
        load_shell(),
        None,
        "a corrupt entry reads as nothing, not a panic"
    );
    storage.remove_item(SHELL_KEY).unwrap();
}
