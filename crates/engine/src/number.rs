//! Forgiving number input: what planners type, turned into a number or a clear message.
//!
//! Accepts full-width digits (１２３), thousand separators in groups of three (`1,234`
//! `1，234` `1 234`), a decimal point in either width, a leading sign, and a trailing unit:
//! 亿 / 亿元, 万 / 万元, `%` / `％`. The unit is reported, not applied: the caller knows which
//! unit its field is in and converts with [`ParsedNumber::in_yi`] or
//! [`ParsedNumber::as_fraction`]. Values are exact decimals: what is typed is what is kept.

use super::i18n::Bilingual;
use super::num::{Dec, DecError, AMOUNT_PLACES, RATE_PLACES};

/// A unit the user may write after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedUnit {
    /// 亿元 (10⁸ yuan)
    Yi,
    /// 万元 (10⁴ yuan)
    Wan,
    /// %
    Percent,
}

impl From<super::scenario::AmountUnit> for TypedUnit {
    fn from(unit: super::scenario::AmountUnit) -> Self {
        match unit {
            super::scenario::AmountUnit::Yi => TypedUnit::Yi,
            super::scenario::AmountUnit::Wan => TypedUnit::Wan,
        }
    }
}

/// A number as typed, with the unit the user wrote after it (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedNumber {
    pub value: Dec,
    pub unit: Option<TypedUnit>,
}

impl ParsedNumber {
    /// The amount in 亿元, for a field whose own unit is 亿元 (a bare number is 亿元).
    pub fn in_yi(self) -> Result<Dec, Bilingual> {
        self.amount_in(TypedUnit::Yi)
    }

    /// The amount in 亿元, for a field shown in `field_unit` (亿元 or 万元): a bare number is
    /// in the field's unit, a typed 亿 or 万 wins.
    pub fn amount_in(self, field_unit: TypedUnit) -> Result<Dec, Bilingual> {
        let yi = match self.unit.unwrap_or(field_unit) {
            TypedUnit::Yi => self.value,
            TypedUnit::Wan => self.value.mul_ratio(1, 10_000).unwrap_or(Dec::ZERO),
            TypedUnit::Percent => {
                return Err(Bilingual::new(
                    "这里要填金额，不是百分比",
                    "an amount is expected here, not a percentage",
                ))
            }
        };
        if !yi.fits(AMOUNT_PLACES) {
            return Err(Bilingual::new(
                "金额最多精确到元（亿元小数点后 8 位，万元小数点后 4 位）",
                "amounts are kept to the yuan (8 decimals of 100M CNY, 4 of 10k CNY)",
            ));
        }
        Ok(yi)
    }

    /// A multiple (是…的X倍, 增长X倍): a bare number, to six places.
    pub fn as_multiple(self) -> Result<Dec, Bilingual> {
        match self.unit {
            None if self.value.fits(RATE_PLACES) => Ok(self.value),
            None => Err(Bilingual::new(
                "倍数最多保留 6 位小数",
                "a multiple is kept to 6 decimals",
            )),
            Some(_) => Err(Bilingual::new(
                "这里填倍数（如 2 或 2.5）",
                "a multiple is expected here (like 2 or 2.5)",
            )),
        }
    }

    /// A share as a fraction, for a field whose own unit is % (a bare number is a percentage).
    pub fn as_fraction(self) -> Result<Dec, Bilingual> {
        match self.unit {
            None | Some(TypedUnit::Percent) => {
                let fraction = self.value.mul_ratio(1, 100).unwrap_or(Dec::ZERO);
                if fraction.fits(RATE_PLACES) {
                    Ok(fraction)
                } else {
                    Err(Bilingual::new(
                        "百分比最多保留 4 位小数",
                        "percentages are kept to 4 decimals",
                    ))
                }
            }
            Some(_) => Err(Bilingual::new(
                "这里要填百分比，不是金额",
                "a percentage is expected here, not an amount",
            )),
        }
    }
}

/// Parse what a planner typed. Never panics; every failure says what is wrong in both languages.
pub fn parse_number(input: &str) -> Result<ParsedNumber, Bilingual> {
    let normalized: String = input.chars().map(half_width).collect();
    let mut text = normalized.trim();
    if text.is_empty() {
        return Err(Bilingual::new("请输入数字", "please enter a number"));
    }

    let mut unit = None;
    for (suffix, u) in [
        ("亿元", TypedUnit::Yi),
        ("亿", TypedUnit::Yi),
        ("万元", TypedUnit::Wan),
        ("万", TypedUnit::Wan),
        ("%", TypedUnit::Percent),
    ] {
        if let Some(rest) = text.strip_suffix(suffix) {
            unit = Some(u);
            text = rest.trim_end();
            break;
        }
    }

    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = digits.trim_start();

    let mut cleaned = String::with_capacity(digits.len());
    let mut seen_point = false;
    // Digits since the last separator, and whether a separator was seen: separators must
    // split the whole part into groups of three ("1,234,567"), never "1,5" or "1,2,3".
    let mut group = 0usize;
    let mut grouped = false;
    let misgrouped = || {
        Bilingual::new(
            "千分位应每三位一组（如 1,234,567）",
            "thousands separators must group three digits (like 1,234,567)",
        )
    };
    for c in digits.chars() {
        match c {
            '0'..='9' => {
                cleaned.push(c);
                if !seen_point {
                    group += 1;
                }
            }
            '.' if !seen_point => {
                if grouped && group != 3 {
                    return Err(misgrouped());
                }
                seen_point = true;
                cleaned.push('.');
            }
            '.' => {
                return Err(Bilingual::new(
                    "小数点只能有一个",
                    "only one decimal point is allowed",
                ))
            }
            // Thousand separators are only allowed in the whole part, after a digit.
            ',' | ' ' | '\u{a0}' | '_' if !seen_point && group > 0 => {
                if (grouped && group != 3) || (!grouped && group > 3) {
                    return Err(misgrouped());
                }
                grouped = true;
                group = 0;
            }
            _ => {
                return Err(Bilingual::new(
                    format!("无法识别的字符“{c}”"),
                    format!("unexpected character “{c}”"),
                ))
            }
        }
    }
    if grouped && !seen_point && group != 3 {
        return Err(misgrouped());
    }
    if !cleaned.bytes().any(|b| b.is_ascii_digit()) {
        return Err(Bilingual::new("请输入数字", "please enter a number"));
    }
    let magnitude: Dec = cleaned.parse().map_err(|e| match e {
        DecError::TooLarge => Bilingual::new("数字太大", "the number is too large"),
        DecError::TooPrecise => Bilingual::new("小数位太多", "too many decimals"),
        DecError::Syntax => Bilingual::new("数字格式不正确", "not a valid number"),
    })?;
    let value = if negative { -magnitude } else { magnitude };
    Ok(ParsedNumber { value, unit })
}

/// Full-width forms (U+FF01..U+FF5E, so also ，．％) to ASCII, the ideographic space and
/// full stop (an IME's decimal point) to ASCII ones.
fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '。' => '.',
        _ => c,
    }
}

/// A growth as typed in the speech's words, with what it was understood as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedGrowth {
    /// The growth as a fraction (+150% is 1.5).
    pub growth: Dec,
    /// What was understood, said back (增长 150%，即是上年的 2.5 倍), when the text was more
    /// than a bare percentage.
    pub understood: Option<Bilingual>,
}

/// Parse a growth rate: `15` or `15%`, `增长15%`, `下降5%` (−5%), `1.5倍` or `增长1.5倍`
/// (+150%: 增长X倍 is the growth itself), `是上年的2.5倍` or `是…的2.5倍` (a multiple: +150%).
pub fn parse_growth(input: &str) -> Result<TypedGrowth, Bilingual> {
    let normalized: String = input.chars().map(half_width).collect();
    let text = normalized.trim();
    let times = |s: &str| parse_number(s)?.as_multiple();
    let too_large = || Bilingual::new("数字太大", "the number is too large");
    let said = |growth: Dec| {
        let multiple = super::format::plain(growth.checked_add(Dec::ONE)?);
        Some(if growth.is_negative() {
            let percent = super::format::rate_text(Dec::ZERO.checked_sub(growth)?);
            Bilingual::new(
                format!("即下降 {percent}%，是上年的 {multiple} 倍"),
                format!("read as a decline of {percent}%, {multiple} times last year"),
            )
        } else {
            let percent = super::format::rate_text(growth);
            Bilingual::new(
                format!("即增长 {percent}%，是上年的 {multiple} 倍"),
                format!("read as growth of {percent}%, {multiple} times last year"),
            )
        })
    };
    // 是…的X倍: a multiple of the base.
    if let Some(rest) = text.strip_prefix('是') {
        let Some(number) = rest.strip_suffix('倍') else {
            return Err(Bilingual::new(
                "“是…的X倍”应以“倍”结尾",
                "“是…的X倍” (X times) should end in 倍",
            ));
        };
        let number = number.rsplit('的').next().unwrap_or(number);
        let m = times(number)?;
        let growth = m.checked_sub(Dec::ONE).ok_or_else(too_large)?;
        return Ok(TypedGrowth {
            growth,
            understood: said(growth),
        });
    }
    let (sign, rest, worded) = if let Some(r) = text.strip_prefix("增长") {
        (1, r.trim_start(), true)
    } else if let Some(r) = text.strip_prefix("下降") {
        (-1, r.trim_start(), true)
    } else {
        (1, text, false)
    };
    if let Some(number) = rest.strip_suffix('倍') {
        if sign < 0 {
            return Err(Bilingual::new(
                "下降不能以“倍”计，请填百分比（如 下降5%）",
                "a decline is not counted in times: give a percentage (like 下降5%)",
            ));
        }
        let growth = times(number)?;
        return Ok(TypedGrowth {
            growth,
            understood: said(growth),
        });
    }
    let fraction = parse_number(rest)?.as_fraction()?;
    if worded && fraction.is_negative() {
        return Err(Bilingual::new(
            "“增长”“下降”后面填正数",
            "give a positive number after 增长 or 下降",
        ));
    }
    let growth = if sign < 0 {
        Dec::ZERO.checked_sub(fraction).ok_or_else(too_large)?
    } else {
        fraction
    };
    Ok(TypedGrowth {
        growth,
        understood: worded.then(|| said(growth)).flatten(),
    })
}

/// Whether a text states a growth rather than an amount: a percentage, 倍, 增长/下降, 是…的.
pub fn states_growth(input: &str) -> bool {
    let normalized: String = input.chars().map(half_width).collect();
    let text = normalized.trim();
    text.contains('%')
        || text.contains('倍')
        || text.starts_with("增长")
        || text.starts_with("下降")
        || text.starts_with('是')
}

/// An amount typed as itself (in `field_unit`, a typed 亿 or 万 winning) or as a growth over
/// `base` (自报目标 "12%", "增长1.5倍", "下降5%"): `base × (1 + g)`, rounded to the yuan half
/// away from zero, and said back with its operands. Amounts are in 亿元.
pub fn parse_amount_or_growth(
    input: &str,
    field_unit: TypedUnit,
    base: Option<Dec>,
) -> Result<(Dec, Option<Bilingual>), Bilingual> {
    if !states_growth(input) {
        return parse_number(input)?
            .amount_in(field_unit)
            .map(|v| (v, None));
    }
    let growth = parse_growth(input)?.growth;
    let Some(base) = base.filter(|b| b.is_positive()) else {
        return Err(if base.is_some_and(|b| b.is_negative()) {
            Bilingual::new(
                "上年是亏损，不能按增长率填，请填金额",
                "last year was a loss, which cannot grow by a rate: give an amount",
            )
        } else {
            Bilingual::new(
                "没有上年基数，不能按增长率填，请填金额",
                "there is no base to grow from: give an amount",
            )
        });
    };
    let amount = super::target::target_from_growth(base, growth)
        .map(|a| a.round(AMOUNT_PLACES))
        .ok_or_else(|| Bilingual::new("数字太大", "the number is too large"))?;
    if amount.is_negative() {
        return Err(Bilingual::new("不能为负数", "must not be negative"));
    }
    let shown = |x: Dec, lang| match field_unit {
        TypedUnit::Wan => super::format::wan(x, lang),
        _ => super::format::yi(x, lang),
    };
    let rate = super::format::rate_text(growth.abs());
    let said = Bilingual::new(
        format!(
            "即{} {rate}%：{} × {} = {}",
            if growth.is_negative() {
                "下降"
            } else {
                "增长"
            },
            shown(base, super::i18n::Lang::Zh),
            super::format::plain(Dec::ONE + growth),
            shown(amount, super::i18n::Lang::Zh),
        ),
        format!(
            "read as {} of {rate}%: {} × {} = {}",
            if growth.is_negative() {
                "a decline"
            } else {
                "growth"
            },
            shown(base, super::i18n::Lang::En),
            super::format::plain(Dec::ONE + growth),
            shown(amount, super::i18n::Lang::En),
        ),
    );
    Ok((amount, Some(said)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_may_be_typed_as_a_growth_over_its_base() {
        let base: Dec = "30".parse().unwrap(); // 30亿 = 300,000万元
        let read = |s: &str| parse_amount_or_growth(s, TypedUnit::Wan, Some(base));
        // An amount is an amount, in the field's unit.
        assert_eq!(read("336000").unwrap(), ("33.6".parse().unwrap(), None));
        // 12%: 30 × 1.12 = 33.6亿, said with its operands.
        let (v, said) = read("12%").unwrap();
        assert_eq!(v, "33.6".parse().unwrap());
        assert_eq!(
            said.unwrap().zh,
            "即增长 12%：300,000.00万元 × 1.12 = 336,000.00万元"
        );
        assert_eq!(read("增长1.5倍").unwrap().0, "75".parse().unwrap());
        assert_eq!(read("是上年的2倍").unwrap().0, "60".parse().unwrap());
        assert_eq!(read("下降5%").unwrap().0, "28.5".parse().unwrap());
        // To the yuan: 1/3% of 30亿 is 10,000,000.00 yuan × … rounded half away from zero.
        let (v, _) = read("0.3333%").unwrap();
        assert!(v.fits(AMOUNT_PLACES));
        // Without a base there is nothing to grow from; a decline past 100% is refused.
        assert!(parse_amount_or_growth("12%", TypedUnit::Wan, None)
            .unwrap_err()
            .zh
            .contains("没有上年基数"));
        assert!(read("下降150%").unwrap_err().zh.contains("负"));
        assert!(states_growth("１２％") && !states_growth("1.2亿"));
    }

    #[test]
    fn growth_in_the_speechs_words() {
        let g = |s: &str| parse_growth(s).map(|t| t.growth.to_string());
        assert_eq!(g("15").unwrap(), "0.15");
        assert_eq!(g("15%").unwrap(), "0.15");
        assert_eq!(g("增长15%").unwrap(), "0.15");
        assert_eq!(g("下降5%").unwrap(), "-0.05");
        assert_eq!(g("-5").unwrap(), "-0.05");
        assert_eq!(g("1.5倍").unwrap(), "1.5");
        assert_eq!(g("增长1.5倍").unwrap(), "1.5");
        assert_eq!(g("是上年的2.5倍").unwrap(), "1.5");
        assert_eq!(g("是2.5倍").unwrap(), "1.5");
        assert_eq!(g("是基期的１倍").unwrap(), "0");
        let said = parse_growth("1.5倍").unwrap().understood.unwrap();
        assert_eq!(said.zh, "即增长 150%，是上年的 2.5 倍");
        assert_eq!(parse_growth("15%").unwrap().understood, None);
        assert_eq!(
            parse_growth("下降5%").unwrap().understood.unwrap().zh,
            "即下降 5%，是上年的 0.95 倍"
        );
        assert!(parse_growth("下降2倍").is_err());
        assert!(parse_growth("是上年的").is_err());
        assert!(parse_growth("1.5亿倍").is_err());
        assert!(parse_growth("增长-5%").is_err());
    }

    fn value(s: &str) -> String {
        parse_number(s).unwrap().value.to_string()
    }

    #[test]
    fn plain_and_full_width_digits() {
        assert_eq!(value("330"), "330");
        assert_eq!(value("３３０．５"), "330.5");
        assert_eq!(value("  -12.25 "), "-12.25");
        assert_eq!(value("0.1"), "0.1");
    }

    #[test]
    fn thousand_separators_in_groups_of_three() {
        assert_eq!(value("1,234,567.5"), "1234567.5");
        assert_eq!(value("1，234"), "1234");
        assert_eq!(value("1 234"), "1234");
        assert_eq!(value("12,345"), "12345");
        for bad in [
            "1,5", "1,2,3", "1,23", "1234,567", "1,2345", "12,34.5", "1,234,56",
        ] {
            let err = parse_number(bad).unwrap_err();
            assert!(err.zh.contains("千分位"), "{bad}: {}", err.zh);
        }
    }

    #[test]
    fn units_are_reported_and_converted_exactly() {
        let p = parse_number("8066.67万").unwrap();
        assert_eq!(p.unit, Some(TypedUnit::Wan));
        assert_eq!(p.in_yi().unwrap().to_string(), "0.806667");
        assert_eq!(
            parse_number("330亿元").unwrap().in_yi().unwrap(),
            Dec::int(330)
        );
        assert_eq!(
            parse_number("22％")
                .unwrap()
                .as_fraction()
                .unwrap()
                .to_string(),
            "0.22"
        );
        assert_eq!(
            parse_number("22")
                .unwrap()
                .as_fraction()
                .unwrap()
                .to_string(),
            "0.22"
        );
        assert!(parse_number("22%").unwrap().in_yi().is_err());
        assert!(parse_number("3亿").unwrap().as_fraction().is_err());
        // A bare number in a field shown in 万元 is 万元.
        let p = parse_number("300000").unwrap();
        assert_eq!(p.amount_in(TypedUnit::Wan).unwrap(), Dec::int(30));
    }

    #[test]
    fn more_places_than_are_kept_is_a_message_not_a_silent_rounding() {
        assert!(parse_number("1.123456789").unwrap().in_yi().is_err());
        assert!(parse_number("1.12345678").unwrap().in_yi().is_ok());
        assert!(parse_number("1.23456万").unwrap().in_yi().is_err());
        assert!(parse_number("10.12345%").unwrap().as_fraction().is_err());
        assert!(parse_number("10.1234%").unwrap().as_fraction().is_ok());
    }

    #[test]
    fn garbage_is_a_message_not_a_panic() {
        for bad in [
            "",
            "  ",
            "abc",
            "1.2.3",
            ",5",
            "1e400",
            "--1",
            "亿",
            "%",
            "1x",
            "1e5",
            "99999999999999999999",
        ] {
            let err = parse_number(bad).unwrap_err();
            assert!(!err.zh.is_empty() && !err.en.is_empty(), "{bad:?}");
        }
    }
}
