//! Whatever is under the storage keys: opening never panics and keeps what it cannot read.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quota_planner::storage::library::{self, INDEX_KEY, LEGACY_KEY};
use quota_planner::storage::{MemoryStore, Store};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Split the input into the three entries.
    let mut parts = text.splitn(3, '\u{1}');
    let (index, scenario, legacy) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let store = MemoryStore::new();
    store.set(INDEX_KEY, index).unwrap();
    store.set(&library::scenario_key("a"), scenario).unwrap();
    store.set(LEGACY_KEY, legacy).unwrap();
    let opened = library::open(&store, 1.0);
    if !opened.read_only {
        let after: Vec<String> = store.snapshot().into_values().collect();
        assert!(after.iter().any(|v| v.contains(scenario)));
    }
});
