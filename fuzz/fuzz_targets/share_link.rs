//! A share link's fragment: bad base64, bad deflate, huge expansion, not JSON.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quota_planner::engine::plan;
use quota_planner::storage::link;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for fragment in [format!("#s1={text}"), text.into_owned()] {
        match link::decode(&fragment) {
            Ok(s) => {
                let _ = plan(&s);
            }
            Err(why) => assert!(!why.en.is_empty()),
        }
    }
});
