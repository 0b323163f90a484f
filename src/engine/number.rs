//! Forgiving number input: what planners type, turned into a number or a clear message.
//!
//! Accepts full-width digits (１２３), thousand separators (`1,234` `1，234` `1 234`),
//! a decimal point in either width, a leading sign, and a trailing unit: 亿 / 亿元,
//! 万 / 万元, `%` / `％`. The unit is reported, not applied: the caller knows which unit
//! its field is in and converts with [`ParsedNumber::in_yi`] or [`ParsedNumber::as_fraction`].

use super::i18n::Bilingual;

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

/// A number as typed, with the unit the user wrote after it (if any).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParsedNumber {
    pub value: f64,
    pub unit: Option<TypedUnit>,
}

impl ParsedNumber {
    /// The amount in 亿元, for a field whose own unit is 亿元 (a bare number is 亿元).
    pub fn in_yi(self) -> Result<f64, Bilingual> {
        match self.unit {
            None | Some(TypedUnit::Yi) => Ok(self.value),
            Some(TypedUnit::Wan) => Ok(self.value / 10_000.0),
            Some(TypedUnit::Percent) => Err(Bilingual::new(
                "这里要填金额，不是百分比",
                "an amount is expected here, not a percentage",
            )),
        }
    }

    /// A share as a fraction, for a field whose own unit is % (a bare number is a percentage).
    pub fn as_fraction(self) -> Result<f64, Bilingual> {
        match self.unit {
            None | Some(TypedUnit::Percent) => Ok(self.value / 100.0),
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
    let mut seen_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => {
                seen_digit = true;
                cleaned.push(c);
            }
            '.' if !seen_point => {
                seen_point = true;
                cleaned.push('.');
            }
            '.' => {
                return Err(Bilingual::new(
                    "小数点只能有一个",
                    "only one decimal point is allowed",
                ))
            }
            // Thousand separators are only allowed in the integer part.
            ',' | ' ' | '\u{a0}' | '_' if !seen_point && seen_digit => {}
            _ => {
                return Err(Bilingual::new(
                    format!("无法识别的字符“{c}”"),
                    format!("unexpected character “{c}”"),
                ))
            }
        }
    }
    if !seen_digit {
        return Err(Bilingual::new("请输入数字", "please enter a number"));
    }
    let magnitude: f64 = cleaned
        .parse()
        .map_err(|_| Bilingual::new("数字格式不正确", "not a valid number"))?;
    if !magnitude.is_finite() {
        return Err(Bilingual::new("数字太大", "the number is too large"));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> f64 {
        parse_number(s).unwrap().value
    }

    #[test]
    fn plain_and_full_width_digits() {
        assert_eq!(value("330"), 330.0);
        assert_eq!(value("３３０．５"), 330.5);
        assert_eq!(value("  -12.25 "), -12.25);
    }

    #[test]
    fn thousand_separators_in_either_width() {
        assert_eq!(value("1,234,567.5"), 1_234_567.5);
        assert_eq!(value("1，234"), 1234.0);
        assert_eq!(value("1 234"), 1234.0);
    }

    #[test]
    fn units_are_reported_and_converted() {
        let p = parse_number("8066.67万").unwrap();
        assert_eq!(p.unit, Some(TypedUnit::Wan));
        assert!((p.in_yi().unwrap() - 0.806667).abs() < 1e-12);
        assert_eq!(parse_number("330亿元").unwrap().in_yi().unwrap(), 330.0);
        assert_eq!(parse_number("22％").unwrap().as_fraction().unwrap(), 0.22);
        assert_eq!(parse_number("22").unwrap().as_fraction().unwrap(), 0.22);
        assert!(parse_number("22%").unwrap().in_yi().is_err());
        assert!(parse_number("3亿").unwrap().as_fraction().is_err());
    }

    #[test]
    fn garbage_is_a_message_not_a_panic() {
        for bad in [
            "", "  ", "abc", "1.2.3", ",5", "1e400", "--1", "亿", "%", "1x",
        ] {
            let err = parse_number(bad).unwrap_err();
            assert!(!err.zh.is_empty() && !err.en.is_empty(), "{bad:?}");
        }
    }
}
