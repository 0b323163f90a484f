//! Quarterly decomposition (季度分解).

use super::format::{percent, yi};
use super::i18n::{Bilingual, Lang};

/// A derived figure with the explanation of how it was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub value: f64,
    pub why: Bilingual,
}

/// The amount of one quarter: `Qi = T × si` (一季度产值 = 全年目标 × 一季度占比).
pub fn quarter_amount(annual_target: f64, quarter_share: f64, quarter: u8) -> Explained {
    let value = annual_target * quarter_share;
    let (zh_q, en_q) = quarter_names(quarter);
    Explained {
        value,
        why: Bilingual::new(
            format!(
                "{zh_q}产值 = 全年目标 {} × {zh_q}占比 {} = {}",
                yi(annual_target, Lang::Zh),
                percent(quarter_share),
                yi(value, Lang::Zh)
            ),
            format!(
                "{en_q} output = annual target {} × {en_q} share {} = {}",
                yi(annual_target, Lang::En),
                percent(quarter_share),
                yi(value, Lang::En)
            ),
        ),
    }
}

fn quarter_names(quarter: u8) -> (&'static str, &'static str) {
    match quarter {
        1 => ("一季度", "Q1"),
        2 => ("二季度", "Q2"),
        3 => ("三季度", "Q3"),
        _ => ("四季度", "Q4"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_q1() {
        let q1 = quarter_amount(330.0, 0.22, 1);
        assert!((q1.value - 72.6).abs() < 1e-9);
        assert_eq!(
            q1.why.zh,
            "一季度产值 = 全年目标 330.00亿元 × 一季度占比 22% = 72.60亿元"
        );
        assert_eq!(
            q1.why.en,
            "Q1 output = annual target 330.00 (100M CNY) × Q1 share 22% = 72.60 (100M CNY)"
        );
    }
}
