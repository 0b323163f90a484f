//! A scenario file: anything accepted must plan without a panic (or be refused by validation).
#![no_main]
use libfuzzer_sys::fuzz_target;
use quota_planner::engine::plan;
use quota_planner::storage::import_json;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match import_json(&text) {
        Ok(s) => {
            if let Ok(p) = plan(&s) {
                assert!(p.all_finite());
            }
        }
        Err(why) => assert!(!why.en.is_empty()),
    }
});
