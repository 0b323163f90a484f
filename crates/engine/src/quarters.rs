//! Quarterly shares (季度分解): their sum, auto-balance, last year's seasonal pattern.
//! Quarter amounts, progress and daily quotas are computed by `plan`.

use super::num::{Dec, Step};
use super::round::largest_remainder_exact;

/// Σ s of the quarterly shares (shown beside them, red when not 100%).
pub fn share_sum(shares: &[Dec; 4]) -> Dec {
    shares.iter().sum()
}

/// Whether shares add up to exactly 100%.
pub fn shares_balanced(shares: &[Dec; 4]) -> bool {
    share_sum(shares) == Dec::ONE
}

/// Auto-balance: the last quarter not locked takes what the others leave of 100%.
/// `None` when every quarter is locked or the others already exceed 100%.
pub fn auto_balance(shares: &[Dec; 4], locked: &[bool; 4]) -> Option<[Dec; 4]> {
    let last = (0..4).rev().find(|&q| !locked[q])?;
    let others: Dec = (0..4).filter(|&q| q != last).map(|q| shares[q]).sum();
    let rest = Dec::ONE - others;
    if rest.is_negative() {
        return None;
    }
    let mut out = *shares;
    out[last] = rest;
    Some(out)
}

/// The cells of a text pasted into one field, when it holds more than one (a row or a column
/// copied from a spreadsheet: tab- or line-separated); `None` for a single value.
pub fn pasted_cells(text: &str) -> Option<Vec<String>> {
    let cells: Vec<String> = text
        .split(['\t', '\n', '\r'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    (cells.len() > 1).then_some(cells)
}

/// Last year's quarterly actuals with pasted cells written from quarter `from` on (in 亿元 when
/// bare; 万 or 亿 typed win). More cells than quarters left, or a cell that is not an amount,
/// is refused as a whole, naming the quarter.
pub fn paste_base_quarters(
    existing: Option<[Dec; 4]>,
    from: usize,
    cells: &[String],
) -> Result<[Dec; 4], super::i18n::Bilingual> {
    use super::calendar::{quarter_en, quarter_zh};
    use super::i18n::Bilingual;
    if from + cells.len() > 4 {
        return Err(Bilingual::new(
            format!(
                "粘贴了 {} 个数，从{}起只有 {} 个季度",
                cells.len(),
                quarter_zh(from),
                4 - from
            ),
            format!(
                "{} values pasted, but only {} quarters from {}",
                cells.len(),
                4 - from,
                quarter_en(from)
            ),
        ));
    }
    let mut out = existing.unwrap_or([Dec::ZERO; 4]);
    for (i, cell) in cells.iter().enumerate() {
        let q = from + i;
        let v = super::number::parse_number(cell)
            .and_then(|n| n.in_yi())
            .and_then(|v| {
                if v.is_negative() {
                    Err(Bilingual::new("不能为负数", "must not be negative"))
                } else {
                    Ok(v)
                }
            })
            .map_err(|why| {
                Bilingual::new(
                    format!("{}：“{cell}”{}", quarter_zh(q), why.zh),
                    format!("{}: “{cell}” {}", quarter_en(q), why.en),
                )
            })?;
        out[q] = v;
    }
    Ok(out)
}

/// Last year's seasonal pattern: each quarter's share of the base year, `Bi / Σ B`, to the
/// places a share keeps (0.0001%), rounded by largest remainder so that the four add up to
/// exactly 100%.
pub fn seasonal_pattern(base_quarters: &[Dec; 4]) -> Option<[Dec; 4]> {
    let total: Dec = base_quarters.iter().sum();
    if base_quarters.iter().any(|b| b.is_negative()) || !total.is_positive() {
        return None;
    }
    let exact: Vec<_> = base_quarters
        .iter()
        .map(|b| b.to_rational() / total.to_rational())
        .collect();
    let units = largest_remainder_exact(1_000_000, &exact, &[false; 4], Step::RATE);
    Some(std::array::from_fn(|q| Step::RATE.value(units[q])))
}

#[cfg(test)]
mod tests {

    #[test]
    fn four_quarters_pasted_into_one_field_fill_them_and_a_bad_cell_says_which() {
        let d = |s: &str| -> Dec { s.parse().unwrap() };
        assert_eq!(pasted_cells("63"), None);
        let row = pasted_cells("63\t72\t78\t87\r\n").unwrap();
        assert_eq!(
            paste_base_quarters(None, 0, &row).unwrap(),
            [d("63"), d("72"), d("78"), d("87")]
        );
        let column = pasted_cells("7200万\n7800万").unwrap();
        assert_eq!(
            paste_base_quarters(Some([d("1"); 4]), 1, &column).unwrap(),
            [d("1"), d("0.72"), d("0.78"), d("1")]
        );
        let e = paste_base_quarters(None, 2, &row).unwrap_err();
        assert!(e.zh.contains("只有 2 个季度"), "{}", e.zh);
        let e = paste_base_quarters(None, 0, &pasted_cells("1\tabc").unwrap()).unwrap_err();
        assert!(e.zh.starts_with("二季度：“abc”"), "{}", e.zh);
    }

    use super::*;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn auto_balance_fills_the_last_unlocked_quarter() {
        let shares = [d("0.22"), d("0.25"), d("0.26"), d("0.20")];
        let out = auto_balance(&shares, &[false; 4]).unwrap();
        assert_eq!(out[3], d("0.27"));
        let out = auto_balance(&shares, &[false, false, false, true]).unwrap();
        assert_eq!(out[2], d("0.33"));
        assert_eq!(auto_balance(&shares, &[true; 4]), None);
        let over = [d("0.6"), d("0.6"), d("0.1"), d("0.1")];
        assert_eq!(auto_balance(&over, &[false; 4]), None);
    }

    #[test]
    fn seasonal_pattern_of_last_year() {
        // 63 + 72 + 78 + 87 = 300: 21%, 24%, 26%, 29%.
        let p = seasonal_pattern(&[d("63"), d("72"), d("78"), d("87")]).unwrap();
        assert_eq!(p, [d("0.21"), d("0.24"), d("0.26"), d("0.29")]);
        assert!(shares_balanced(&p));
        // Thirds: to 0.0001%, the last takes the rest.
        let p = seasonal_pattern(&[d("1"), d("1"), d("1"), d("0")]).unwrap();
        assert_eq!(p, [d("0.333334"), d("0.333333"), d("0.333333"), d("0")]);
        assert_eq!(seasonal_pattern(&[d("0"); 4]), None);
    }
}
