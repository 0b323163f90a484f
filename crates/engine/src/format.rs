//! Display: 亿元 and 万元 with two decimals, percentages with two. Rounding is half away from
//! zero on the exact value (2.675 → 2.68), with no tolerance: values are exact decimals.

use super::i18n::Lang;
use super::num::{Dec, Step};

/// Format integer display units: `fixed_units(726000, 2) == "7,260.00"`.
pub fn fixed_units(units: i64, decimals: usize) -> String {
    let negative = units < 0;
    let digits = units.unsigned_abs().to_string();
    let digits = if digits.len() <= decimals {
        format!("{}{}", "0".repeat(decimals + 1 - digits.len()), digits)
    } else {
        digits
    };
    let (int_part, frac_part) = digits.split_at(digits.len() - decimals);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if negative {
        out.push('-');
    }
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if decimals > 0 {
        out.push('.');
        out.push_str(frac_part);
    }
    out
}

/// `1234.5` → `"1,234.50"` (fixed decimals, thousands separated), rounded half away from zero.
pub fn fixed(x: Dec, decimals: u32) -> String {
    fixed_units(x.units(step(decimals)), decimals as usize)
}

fn step(decimals: u32) -> Step {
    match decimals {
        0 => Step::WHOLE,
        2 => Step::YI_2,
        4 => Step::PERCENT_2,
        6 => Step::RATE,
        _ => Step::YI_2,
    }
}

/// An amount in 亿元: `"72.60亿元"`; in English `"72.60 (100M CNY)"`, so that both
/// languages show the same digits on the projector.
pub fn yi(x: Dec, lang: Lang) -> String {
    yi_units(x.units(Step::YI_2), lang)
}

/// Display units of 0.01亿元 with their unit.
pub fn yi_units(units: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}亿元", fixed_units(units, 2)),
        Lang::En => format!("{} (100M CNY)", fixed_units(units, 2)),
    }
}

/// An amount given in 亿元, shown in 万元: `"8,066.67万元"` / `"8,066.67 (10k CNY)"`.
pub fn wan(x_yi: Dec, lang: Lang) -> String {
    wan_units(x_yi.units(Step::WAN_2), lang)
}

/// Display units of 0.01万元 with their unit.
pub fn wan_units(units: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}万元", fixed_units(units, 2)),
        Lang::En => format!("{} (10k CNY)", fixed_units(units, 2)),
    }
}

/// A fraction as a percentage with up to two decimals, trailing zeros dropped: `0.22` → `"22%"`.
pub fn percent(fraction: Dec) -> String {
    format!("{}%", trim(fixed_units(fraction.units(Step::PERCENT_2), 2)))
}

/// A fraction as a percentage with exactly two decimals: `"24.66%"`.
pub fn percent2(fraction: Dec) -> String {
    percent2_units(fraction.units(Step::PERCENT_2))
}

/// Hundredths of a percent as a percentage: `2466` → `"24.66%"`.
pub fn percent2_units(units: i64) -> String {
    format!("{}%", fixed_units(units, 2))
}

/// A rate as typed back into its field: the percentage with every place it has (up to four),
/// no separators: `0.101234` → `"10.1234"`.
pub fn rate_text(fraction: Dec) -> String {
    plain(fraction.mul_floor(Dec::int(100)).unwrap_or(Dec::ZERO))
}

/// An amount as typed back into its field: every place it has, no separators.
pub fn plain(x: Dec) -> String {
    x.to_string()
}

/// Up to `decimals` places, trailing zeros (and a trailing point) dropped: `2.50` → `"2.5"`.
pub fn trimmed(x: Dec, decimals: u32) -> String {
    trim(fixed(x, decimals))
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn halves_round_away_from_zero_exactly() {
        assert_eq!(fixed(d("2.675"), 2), "2.68");
        assert_eq!(fixed(d("-2.675"), 2), "-2.68");
        assert_eq!(fixed(d("1.005"), 2), "1.01");
        assert_eq!(fixed(d("0.004999"), 2), "0.00");
        assert_eq!(fixed(d("2.67499999999999999999"), 2), "2.67");
    }

    #[test]
    fn thousands_and_units() {
        assert_eq!(fixed(d("1234567.891"), 2), "1,234,567.89");
        assert_eq!(fixed(d("0.5"), 0), "1");
        assert_eq!(fixed(d("0.07"), 2), "0.07");
        assert_eq!(yi(d("72.6"), Lang::Zh), "72.60亿元");
        assert_eq!(yi(d("72.6"), Lang::En), "72.60 (100M CNY)");
        assert_eq!(
            wan(d("72.6").div_floor(Dec::int(90)).unwrap(), Lang::Zh),
            "8,066.67万元"
        );
        assert_eq!(wan(d("1000"), Lang::Zh), "10,000,000.00万元");
        assert_eq!(percent(d("0.22")), "22%");
        assert_eq!(percent(d("0.2466")), "24.66%");
        assert_eq!(percent2(Dec::ratio(90, 365).unwrap()), "24.66%");
        assert_eq!(rate_text(d("0.101234")), "10.1234");
        assert_eq!(trimmed(d("2.5"), 2), "2.5");
    }
}
