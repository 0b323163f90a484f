//! What a planner types into a number field.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quota_planner::engine::number::parse_number;

fuzz_target!(|data: &[u8]| {
    if let Ok(n) = parse_number(&String::from_utf8_lossy(data)) {
        assert!(n.value.is_finite());
    }
});
