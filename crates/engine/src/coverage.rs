//! Whether the enterprises listed cover the county: per indicator, the enterprises' bases
//! against the county's last-year actual, and the enterprises without a base. An incomplete list is said, never hidden: a unit
//! without a base gets a zero share of a proportional split.

use super::i18n::Bilingual;
use super::indicator::Indicator;
use super::num::Dec;
use super::scenario::{NodeData, Scenario};

/// 其他企业: the name of the enterprise that stands for the ones not listed.
pub const OTHERS: &str = "其他企业";

/// One indicator's coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub indicator: Indicator,
    /// The county's last-year actual (亿元).
    pub county: Dec,
    /// The bases of the listed units, added up (亿元).
    pub listed: Dec,
    /// Enterprises without a base for the indicator.
    pub without_base: usize,
    /// Enterprises whose base is a loss (profit below zero): a list with losses is not scaled.
    pub losses: usize,
    pub units: usize,
}

impl Coverage {
    /// What the list lacks of the county (negative: it lists more than the county had).
    pub fn remainder(&self) -> Dec {
        self.county - self.listed
    }

    /// Nothing to say: the list adds up to the county and every unit has a base.
    pub fn whole(&self) -> bool {
        self.remainder().is_zero() && self.without_base == 0
    }

    /// The finding in words, amounts in 亿元.
    pub fn words(&self) -> Bilingual {
        let (zh, en) = (self.indicator.zh(), self.indicator.en());
        let amount = |d: Dec| super::format::plain(d.round(2));
        let remainder = self.remainder();
        let mut out = if remainder.is_positive() {
            Bilingual::new(
                format!(
                    "{zh}：所列企业上年基数合计 {} 亿元，比全县上年实际 {} 亿元少 {} 亿元",
                    amount(self.listed),
                    amount(self.county),
                    amount(remainder)
                ),
                format!(
                    "{en}: the listed bases add up to {} (100M CNY), {} short of the county's {}",
                    amount(self.listed),
                    amount(remainder),
                    amount(self.county)
                ),
            )
        } else if remainder.is_negative() {
            Bilingual::new(
                format!(
                    "{zh}：所列企业上年基数合计 {} 亿元，比全县上年实际 {} 亿元多 {} 亿元",
                    amount(self.listed),
                    amount(self.county),
                    amount(self.listed - self.county)
                ),
                format!(
                    "{en}: the listed bases add up to {} (100M CNY), {} more than the county's {}",
                    amount(self.listed),
                    amount(self.listed - self.county),
                    amount(self.county)
                ),
            )
        } else {
            Bilingual::new(format!("{zh}："), format!("{en}: "))
        };
        if self.without_base > 0 {
            let sep = !remainder.is_zero();
            out.zh.push_str(&format!(
                "{}{} 家企业没有上年基数，按比例分解时任务为零",
                if sep { "；" } else { "" },
                self.without_base
            ));
            out.en.push_str(&format!(
                "{}{} enterprises without a base get no quota in a proportional split",
                if sep { "; " } else { "" },
                self.without_base
            ));
        }
        out
    }
}

/// The enterprises of the tree.
fn units(s: &Scenario) -> impl Iterator<Item = &NodeData> {
    s.tree
        .industries
        .iter()
        .flat_map(|i| &i.enterprises)
        .map(|e| &e.node)
}

/// Every planned indicator's coverage, in the scenario's order. Investment is left out: a
/// project's base is its planned investment this year, not last year's actual, so its sum
/// is not comparable with the county's last year.
pub fn coverage(s: &Scenario) -> Vec<Coverage> {
    s.indicators
        .iter()
        .filter(|input| !input.indicator.reaches_projects())
        .map(|input| {
            let k = input.indicator;
            let (mut listed, mut without_base, mut losses, mut count) = (Dec::ZERO, 0, 0, 0);
            for node in units(s) {
                count += 1;
                match node.base.get(k) {
                    Some(b) => {
                        losses += usize::from(b.is_negative());
                        listed = listed.checked_add(b).unwrap_or(listed)
                    }
                    None => without_base += 1,
                }
            }
            Coverage {
                indicator: k,
                county: input.base_actual,
                listed,
                without_base,
                losses,
                units: count,
            }
        })
        .collect()
}

/// Add what the list lacks of the county as an enterprise 其他企业 (in an industry 其他, made
/// if there is none), or add it to the one already there. Returns whether anything changed:
/// nothing for a list that does not fall short, or for investment (carried by projects).
pub fn add_others(s: &mut Scenario, k: Indicator) -> bool {
    if k.reaches_projects() {
        return false;
    }
    let Some(gap) = coverage(s).into_iter().find(|c| c.indicator == k) else {
        return false;
    };
    let remainder = gap.remainder();
    if !remainder.is_positive() {
        return false;
    }
    let existing = s
        .tree
        .industries
        .iter()
        .flat_map(|i| &i.enterprises)
        .find(|e| e.node.name == OTHERS)
        .map(|e| e.node.id);
    let id = match existing {
        Some(id) => id,
        None => {
            let industry = s
                .tree
                .industries
                .iter()
                .find(|i| i.node.name == "其他")
                .map(|i| i.node.id)
                .unwrap_or_else(|| super::edit::add_industry(s, "其他".into()));
            match super::edit::add_child(s, industry, OTHERS.into()) {
                Some(id) => id,
                None => return false,
            }
        }
    };
    let Some(node) = s.node_mut(id) else {
        return false;
    };
    let before = node.base.get(k).unwrap_or(Dec::ZERO);
    node.base.set(k, Some(before + remainder));
    true
}

/// Whether the enterprises' bases of an indicator can be scaled to the county: the list
/// differs from the county, its total is positive and no base is a loss (a loss scaled up
/// would grow the loss).
pub fn can_scale(c: &Coverage) -> bool {
    !c.indicator.reaches_projects()
        && !c.remainder().is_zero()
        && c.listed.is_positive()
        && c.losses == 0
}

/// Scale every listed enterprise's base of an indicator by `county / listed`, so that they
/// add up to the county's last-year actual to the yuan: each is floored to the yuan and the
/// yuan left over go to the largest remainders (ties to the earlier enterprise). Enterprises
/// without a base keep none. Returns whether anything changed.
pub fn scale_bases(s: &mut Scenario, k: Indicator) -> bool {
    let Some(c) = coverage(s).into_iter().find(|c| c.indicator == k) else {
        return false;
    };
    if !can_scale(&c) {
        return false;
    }
    let places = super::num::AMOUNT_PLACES;
    let yuan = |d: Dec| d.scaled(places);
    let bases: Vec<(u64, i128)> = units(s)
        .filter_map(|n| Some((n.id, yuan(n.base.get(k)?)?)))
        .collect();
    if bases.iter().any(|(_, b)| *b < 0) {
        return false;
    }
    let (Some(county), Some(listed)) = (yuan(c.county), yuan(c.listed)) else {
        return false;
    };
    // b × county fits in 128 bits: both are at most 10^17 yuan.
    let mut parts: Vec<(usize, i128, i128)> = bases
        .iter()
        .enumerate()
        .map(|(i, (_, b))| {
            let product = b * county;
            (i, product.div_euclid(listed), product.rem_euclid(listed))
        })
        .collect();
    let short = county - parts.iter().map(|p| p.1).sum::<i128>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| parts[b].2.cmp(&parts[a].2).then(a.cmp(&b)));
    for &i in order.iter().take(short.max(0) as usize) {
        parts[i].1 += 1;
    }
    // One walk over the tree (finding each node by id would take time in the square).
    let scaled: std::collections::HashMap<u64, Option<Dec>> = parts
        .into_iter()
        .map(|(i, v, _)| (bases[i].0, Dec::new(v, places)))
        .collect();
    s.tree.for_each_node_mut(|n| {
        if let Some(v) = scaled.get(&n.id) {
            n.base.set(k, *v);
        }
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example;

    fn d(x: &str) -> Dec {
        x.parse().unwrap()
    }

    #[test]
    fn the_example_lists_its_whole_county_and_investment_is_not_compared() {
        let c = coverage(&example());
        assert!(c.iter().all(Coverage::whole), "{c:?}");
        assert_eq!(c.len(), example().indicators.len() - 1);
        assert!(c.iter().all(|c| c.indicator != Indicator::Investment));
    }

    #[test]
    fn an_incomplete_list_says_by_how_much_and_others_fill_it() {
        let mut s = example();
        // Drop the first enterprise: the list falls short by its base.
        let dropped = s.tree.industry_mut(0).enterprises.remove(0);
        let base = dropped.node.base.get(Indicator::Output).unwrap();
        let gap = |s: &Scenario| {
            coverage(s)
                .into_iter()
                .find(|c| c.indicator == Indicator::Output)
                .unwrap()
        };
        assert_eq!(gap(&s).remainder(), base);
        assert!(
            gap(&s).words().zh.contains("少 38.6 亿元"),
            "{}",
            gap(&s).words().zh
        );
        assert!(add_others(&mut s, Indicator::Output));
        assert!(gap(&s).whole());
        let others = s.tree.industries.last().unwrap();
        assert_eq!(others.node.name, "其他");
        assert_eq!(others.enterprises[0].node.name, OTHERS);
        // Nothing left to add; the plan still adds up to the county's target.
        assert!(!add_others(&mut s, Indicator::Output));
        assert!(crate::plan(&s).is_ok());
    }

    #[test]
    fn scaled_bases_add_up_to_the_county_to_the_yuan_and_keep_their_proportions() {
        let mut s = example();
        let k = Indicator::Output;
        // Drop the first enterprise: the others (261.4亿 of 300) are scaled up to 300.
        s.tree.industry_mut(0).enterprises.remove(0);
        s.indicator_mut(k).unwrap().base_actual = d("300.00000001");
        let before: Vec<Dec> = units(&s).filter_map(|n| n.base.get(k)).collect();
        assert!(scale_bases(&mut s, k));
        let after: Vec<Dec> = units(&s).filter_map(|n| n.base.get(k)).collect();
        let c = coverage(&s).into_iter().find(|c| c.indicator == k).unwrap();
        assert!(c.whole(), "{c:?}");
        assert_eq!(after.iter().copied().sum::<Dec>(), d("300.00000001"));
        // Each within a yuan of its exact share: b × 300.00000001 / 261.4.
        let listed: Dec = before.iter().copied().sum();
        for (b, a) in before.iter().zip(&after) {
            let exact = b.to_rational() * d("300.00000001").to_rational() / listed.to_rational();
            let diff = a.to_rational() - exact;
            let yuan = d("0.00000001").to_rational();
            assert!(diff < yuan && -diff < yuan, "{b} → {a}");
        }
        // Scaled once, there is nothing left to scale; a list over the county scales down.
        assert!(!scale_bases(&mut s, k));
        s.indicator_mut(k).unwrap().base_actual = d("250");
        assert!(scale_bases(&mut s, k));
        assert!(coverage(&s)
            .into_iter()
            .find(|c| c.indicator == k)
            .unwrap()
            .whole());
        assert!(crate::plan(&s).is_ok());
        // A list with a loss is not scaled (a loss scaled up would grow).
        let mut s = example();
        let k = Indicator::Profit;
        let id = s.tree.industries[0].enterprises[0].node.id;
        s.node_mut(id).unwrap().base.set(k, Some(d("-0.1")));
        let c = coverage(&s).into_iter().find(|c| c.indicator == k).unwrap();
        assert_eq!(c.losses, 1);
        assert!(!can_scale(&c) && !scale_bases(&mut s, k));
    }

    #[test]
    fn units_without_a_base_and_a_list_over_the_county_are_named() {
        let mut s = example();
        let id = s.tree.industries[0].enterprises[1].node.id;
        s.node_mut(id).unwrap().base.set(Indicator::Output, None);
        s.node_mut(s.tree.industries[0].enterprises[0].node.id)
            .unwrap()
            .base
            .set(Indicator::Output, Some(d("1000")));
        let c = coverage(&s)
            .into_iter()
            .find(|c| c.indicator == Indicator::Output)
            .unwrap();
        assert_eq!(c.without_base, 1);
        assert!(c.remainder().is_negative());
        let words = c.words().zh;
        assert!(
            words.contains("多") && words.contains("1 家企业没有上年基数"),
            "{words}"
        );
        // A list over the county is not filled up.
        assert!(!add_others(&mut s, Indicator::Output));
    }
}
