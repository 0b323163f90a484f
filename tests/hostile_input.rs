//! Fuzzing of every parser that reads untrusted text (proptest generators; libFuzzer is not
//! used: cargo-fuzz needs a sanitizer-enabled nightly toolchain this project does not install).
//!
//! Inputs are random text, random bytes, and mutations of valid inputs (truncations, flipped
//! bytes, inserted and deleted spans), which reach deep into the parsers. Each property checks
//! that nothing panics and that a refusal says why. The number of cases per target comes from
//! `QP_FUZZ_CASES` (default 1,000: the bounded run of `make test`); `make fuzz` runs 100,000.

use proptest::prelude::*;
use proptest::test_runner::Config;
use quota_planner::engine::example::example;
use quota_planner::engine::number::{parse_growth, parse_number};
use quota_planner::engine::{import, paste, plan, Lang};
use quota_planner::storage::library::{self, INDEX_KEY, LEGACY_KEY};
use quota_planner::storage::{export_json, import_json, link, workbook, MemoryStore, Store};

fn cases() -> u32 {
    std::env::var("QP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    }
}

/// One edit of a valid input.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, String),
    Delete(usize, usize),
}

/// A byte of a file overwritten (position, new byte) or the file cut there.
fn byte_mutation() -> impl Strategy<Value = (usize, u8, bool)> {
    (any::<usize>(), any::<u8>(), prop::bool::weighted(0.1))
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), any::<String>()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), 0usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

/// Apply mutations to bytes; the result may be invalid UTF-8 (read lossily, like a bad file).
fn mutate(valid: &str, ms: &[Mutation]) -> String {
    let mut b = valid.as_bytes().to_vec();
    for m in ms {
        let n = b.len().max(1);
        match m {
            Mutation::Truncate(i) => b.truncate(i % n),
            Mutation::Flip(i, x) => {
                if !b.is_empty() {
                    let i = i % b.len();
                    b[i] ^= x | 1;
                }
            }
            Mutation::Insert(i, s) => {
                let i = i % (b.len() + 1);
                b.splice(i..i, s.bytes());
            }
            Mutation::Delete(i, k) => {
                let i = i % n;
                let end = (i + k).min(b.len());
                if i < end {
                    b.drain(i..end);
                }
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// Whatever an import accepts must plan (or be refused by validation) without a panic, and a
/// plan it gives adds up.
fn plan_is_safe(s: &quota_planner::engine::Scenario) -> Result<(), TestCaseError> {
    match plan(s) {
        Ok(p) => {
            for ip in &p.indicators {
                let quarters: i64 = ip.quarters.iter().map(|q| q.amount_units).sum();
                prop_assert_eq!(quarters, ip.target_units);
            }
        }
        Err(errors) => prop_assert!(!errors.is_empty()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn json_import_of_any_text_never_panics(text in any::<String>()) {
        if let Err(why) = import_json(&text) {
            prop_assert!(!why.zh.is_empty() && !why.en.is_empty());
        }
    }

    #[test]
    fn json_import_of_a_damaged_export_never_panics(ms in prop::collection::vec(mutation(), 1..4)) {
        thread_local!(static VALID: String = export_json(&example()));
        let text = VALID.with(|v| mutate(v, &ms));
        match import_json(&text) {
            Ok(s) => plan_is_safe(&s)?,
            Err(why) => prop_assert!(!why.en.is_empty()),
        }
    }

    #[test]
    fn share_link_of_any_text_never_panics(text in any::<String>(), prefixed in any::<bool>()) {
        let fragment = if prefixed { format!("#s1={text}") } else { text };
        if let Err(why) = link::decode(&fragment) {
            prop_assert!(!why.en.is_empty());
        }
    }

    #[test]
    fn share_link_damaged_never_panics(ms in prop::collection::vec(mutation(), 1..4)) {
        thread_local!(static VALID: String = link::encode(&example()));
        let fragment = VALID.with(|v| mutate(v, &ms));
        match link::decode(&fragment) {
            Ok(s) => plan_is_safe(&s)?,
            Err(why) => prop_assert!(!why.en.is_empty()),
        }
    }

    #[test]
    fn pasted_rows_of_any_text_never_panic_and_apply_safely(
        cells in prop::collection::vec(
            prop_oneof![any::<String>(), Just("\t".to_string()), Just("\n".to_string()), Just("\"".to_string()), "[0-9０-９,.，亿万%-]{0,12}"],
            0..60,
        ),
    ) {
        let text: String = cells.concat();
        let mut s = example();
        if let Ok(preview) = paste::preview(&s, &text) {
            let applied = paste::apply(&mut s, &preview);
            prop_assert_eq!(applied, preview.applicable());
            plan_is_safe(&s)?;
        }
    }

    #[test]
    fn a_damaged_workbook_never_panics_and_what_reads_imports_safely(
        ms in prop::collection::vec(byte_mutation(), 1..6),
    ) {
        thread_local!(static VALID: Vec<u8> = {
            let s = example();
            workbook::write(&s, &plan(&s).unwrap(), Lang::Zh).unwrap()
        });
        let mut bytes = VALID.with(|v| v.clone());
        for (at, byte, cut) in ms {
            if bytes.is_empty() {
                break;
            }
            let i = at % bytes.len();
            if cut {
                bytes.truncate(i);
            } else {
                bytes[i] = byte;
            }
        }
        match workbook::read(&bytes) {
            Ok(sheets) => {
                let mut s = example();
                let sheet = &sheets[workbook::list_sheet(&sheets)];
                if let Ok(preview) = import::preview(&s, &sheet.table, None) {
                    prop_assert_eq!(import::apply(&mut s, &preview), preview.applicable());
                    plan_is_safe(&s)?;
                }
            }
            Err(why) => prop_assert!(!why.en.is_empty()),
        }
    }

    #[test]
    fn the_number_parser_never_panics_and_reads_exactly(text in prop_oneof![any::<String>(), "[0-9０-９,，.．+\\-%％亿万元 e]{0,20}"]) {
        if let Ok(n) = parse_number(&text) {
            // The exact value written plainly reads back as itself.
            prop_assert_eq!(parse_number(&n.value.to_string()).map(|m| m.value), Ok(n.value));
        }
    }

    #[test]
    fn the_growth_parser_never_panics(text in prop_oneof![any::<String>(), "(是|增长|下降)?[的上年基期]{0,3}[0-9０-９,.+\\-%％亿万 ]{0,24}倍?"]) {
        if let Ok(g) = parse_growth(&text) {
            // A growth read from words is said back; a bare percentage reads as itself.
            prop_assert!(g.understood.is_some() || parse_number(&text).is_ok());
        }
    }

    #[test]
    fn opening_a_store_of_garbage_never_panics_and_keeps_what_it_cannot_read(
        index in prop_oneof![any::<String>(), Just(r#"{"layout":2,"current":"a","scenarios":[{"id":"a","name":"x","updated_ms":1}]}"#.to_string())],
        scenario in any::<String>(),
        legacy in any::<String>(),
    ) {
        let store = MemoryStore::new();
        store.set(INDEX_KEY, &index).unwrap();
        store.set(&library::scenario_key("a"), &scenario).unwrap();
        store.set(LEGACY_KEY, &legacy).unwrap();
        let opened = library::open(&store, 1.0);
        // Every text stored before is still somewhere in the store (in place or in a backup).
        let after: Vec<String> = store.snapshot().into_values().collect();
        for before in [&scenario, &legacy] {
            prop_assert!(opened.read_only || after.iter().any(|v| v == before || v.contains(before.as_str())), "lost {:?}", before);
        }
    }
}

#[test]
fn oversized_inputs_are_refused_with_a_reason() {
    let mut s = example();
    s.tree.industry_mut(0).enterprises[0].node.name = "名".repeat(1_000_000);
    let why = import_json(&export_json(&s)).unwrap_err();
    assert!(why.en.contains("longer than 200"), "{}", why.en);
    // The field it is about: the first enterprise's name.
    let id = s.tree.industries[0].enterprises[0].node.id;
    assert!(why.en.contains(&format!("node.{id}.name")), "{}", why.en);

    let big = quota_planner::engine::example::generated(20_001, 0);
    let why = import_json(&export_json(&big)).unwrap_err();
    assert!(why.en.contains("too many enterprises"), "{}", why.en);
    assert!(plan(&big).unwrap_err()[0]
        .message
        .en
        .contains("too many enterprises"));
}
