//! Display precision: 亿元 with two decimals, 万元 with two decimals for small figures,
//! percentages with up to two decimals. Rounding is half away from zero on the decimal
//! value the planner would write down, so 2.675 shows as 2.68 although the binary
//! double is a hair below it.

use super::i18n::Lang;

/// Round `x` to `decimals` places, treating values within floating-point noise of a
/// half as exactly a half.
pub fn round_to(x: f64, decimals: i32) -> f64 {
    if !x.is_finite() {
        return 0.0;
    }
    let scale = 10f64.powi(decimals);
    round_scaled(x * scale) / scale
}

/// Round a value already expressed in display units (e.g. hundredths of 亿元) to an integer.
pub fn round_scaled(y: f64) -> f64 {
    if !y.is_finite() {
        return 0.0;
    }
    let floor = y.floor();
    let frac = y - floor;
    // Relative tolerance: a double carries ~16 significant digits.
    let tolerance = 1e-9 * y.abs().max(1.0);
    if (frac - 0.5).abs() <= tolerance {
        if y >= 0.0 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        y.round()
    }
}

/// Integer display units for an amount: `units(72.6, 2) == 7260`.
pub fn to_units(x: f64, decimals: i32) -> i64 {
    round_scaled(x * 10f64.powi(decimals)) as i64
}

/// `1234.5` → `"1,234.50"` (fixed decimals, thousands separated).
pub fn fixed(x: f64, decimals: usize) -> String {
    let units = to_units(x, decimals as i32);
    fixed_units(units, decimals)
}

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

/// An amount in 亿元: `"72.60亿元"`; in English `"72.60 (100M CNY)"`, so that both
/// languages show the same digits on the projector.
pub fn yi(x: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}亿元", fixed(x, 2)),
        Lang::En => format!("{} (100M CNY)", fixed(x, 2)),
    }
}

/// An amount given in 亿元, shown in 万元: `"8,066.67万元"` / `"8,066.67 (10k CNY)"`.
pub fn wan(x_yi: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}万元", fixed(x_yi * 10_000.0, 2)),
        Lang::En => format!("{} (10k CNY)", fixed(x_yi * 10_000.0, 2)),
    }
}

/// A fraction as a percentage with up to two decimals, trailing zeros dropped: `0.22` → `"22%"`.
pub fn percent(fraction: f64) -> String {
    format!("{}%", trimmed(fraction * 100.0, 2))
}

/// A fraction as a percentage with exactly two decimals: `"24.66%"`.
pub fn percent2(fraction: f64) -> String {
    format!("{}%", fixed(fraction * 100.0, 2))
}

/// Up to `decimals` places, trailing zeros (and a trailing point) dropped.
pub fn trimmed(x: f64, decimals: usize) -> String {
    let s = fixed(x, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_round_away_from_zero_despite_binary_noise() {
        // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
        assert_eq!(fixed(2.675, 2), "2.68");
        assert_eq!(fixed(-2.675, 2), "-2.68");
        assert_eq!(fixed(1.005, 2), "1.01");
        assert_eq!(fixed(0.004999, 2), "0.00");
    }

    #[test]
    fn thousands_and_units() {
        assert_eq!(fixed(1234567.891, 2), "1,234,567.89");
        assert_eq!(fixed(0.5, 0), "1");
        assert_eq!(fixed(0.07, 2), "0.07");
        assert_eq!(yi(72.6, Lang::Zh), "72.60亿元");
        assert_eq!(yi(72.6, Lang::En), "72.60 (100M CNY)");
        assert_eq!(wan(72.6 / 90.0, Lang::Zh), "8,066.67万元");
        assert_eq!(percent(0.22), "22%");
        assert_eq!(percent(0.2466), "24.66%");
        assert_eq!(percent2(90.0 / 365.0), "24.66%");
    }
}
