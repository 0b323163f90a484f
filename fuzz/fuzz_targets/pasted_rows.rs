//! Rows pasted from a spreadsheet, previewed and applied to the example.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quota_planner::engine::example::example;
use quota_planner::engine::{paste, plan};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut s = example();
    if let Ok(preview) = paste::preview(&s, &text) {
        assert_eq!(paste::apply(&mut s, &preview), preview.applicable());
        if let Ok(p) = plan(&s) {
            assert!(p.all_finite());
        }
    }
});
