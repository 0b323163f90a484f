//! Round trips of the storage formats over random scenarios (proptest): the JSON export file,
//! the share link, and the stored library.

use proptest::prelude::*;
use quota_planner::engine::example::example;
use quota_planner::engine::{Dec, Indicator, Scenario, TargetSpec};
use quota_planner::storage::library::{self, Index};
use quota_planner::storage::{export_json, import_json, link, Loaded, MemoryStore};

/// The example with random names (any Unicode, markup and control characters included),
/// numbers and shapes.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        any::<String>(),
        prop::collection::vec(any::<String>(), 1..6),
        // Amounts to the yuan, rates to 0.0001%: every decimal a planner can type.
        prop::collection::vec(
            (0i128..100_000_000_000_000).prop_map(|m| Dec::new(m, 8).unwrap()),
            1..40,
        ),
        prop_oneof![
            (0i128..100_000_000_000_000).prop_map(|m| TargetSpec::Amount(Dec::new(m, 8).unwrap())),
            (-990_000i128..10_000_000).prop_map(|m| TargetSpec::Growth(Dec::new(m, 6).unwrap())),
            (0i128..100_000_000).prop_map(|m| TargetSpec::Multiple(Dec::new(m, 6).unwrap())),
        ],
        any::<bool>(),
    )
        .prop_map(|(name, names, bases, target, held)| {
            let mut s = example();
            s.name = name;
            s.indicators[0].target = target;
            for (i, n) in names.into_iter().enumerate() {
                if let Some(ind) = s.tree.industries.get_mut(i).map(std::sync::Arc::make_mut) {
                    ind.node.name = n.clone();
                    ind.node.responsible = n;
                }
            }
            let mut k = 0;
            for ind in s.tree.industries_mut() {
                for e in &mut ind.enterprises {
                    e.node
                        .base
                        .set(Indicator::Output, Some(bases[k % bases.len()]));
                    if held && k == 0 {
                        e.node.held.set(
                            Indicator::Output,
                            Some(bases[0].mul_ratio(1, 2).unwrap().round(8)),
                        );
                    }
                    k += 1;
                }
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn import_of_export_is_the_same_scenario(s in scenario()) {
        prop_assert_eq!(import_json(&export_json(&s)), Ok(s));
    }

    #[test]
    fn a_share_link_decodes_to_the_same_scenario(s in scenario()) {
        let fragment = link::encode(&s);
        prop_assert!(fragment.chars().all(|c| c.is_ascii_alphanumeric() || "-_=".contains(c)));
        prop_assert_eq!(link::decode(&fragment), Ok(s));
    }

    #[test]
    fn the_library_stores_and_reopens_the_same_scenarios(list in prop::collection::vec(scenario(), 1..4)) {
        let store = MemoryStore::new();
        let mut index = Index::default();
        for (i, s) in list.iter().enumerate() {
            index = library::save(&store, &index, &format!("id{i}"), s, None, i as f64).unwrap();
        }
        let opened = library::open(&store, 99.0);
        prop_assert_eq!(opened.index.scenarios.len(), list.len());
        for (i, s) in list.iter().enumerate() {
            prop_assert_eq!(library::load(&store, &format!("id{i}")), Loaded::Scenario(Box::new(s.clone())));
        }
        let last = list.len() - 1;
        prop_assert_eq!(opened.current, Some((format!("id{last}"), list[last].clone())));
    }
}
