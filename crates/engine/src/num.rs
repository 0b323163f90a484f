//! Exact decimal numbers: amounts in 亿元, shares and rates as fractions (docs/DOMAIN.md,
//! "Numbers and rounding").
//!
//! A [`Dec`] is an integer count of 10⁻²⁰: a decimal with twenty places, in an `i128`. What a
//! planner types has at most [`AMOUNT_PLACES`] places (amounts, one yuan) or [`RATE_PLACES`]
//! (rates and shares, 0.0001%), so every product the county figures need is exact: a target
//! from a growth rate has at most 8 + 6 places, a quarter of it 8 + 6 + 6 = 20. A quotient
//! that does not end (a daily quota, a proportional part) is carried as its floor, which is
//! enough to round it exactly: the boundaries rounding compares with (whole display units and
//! their halves) lie on the 10⁻²⁰ grid, and for a grid point `h`, `floor(x) ≥ h ⇔ x ≥ h`.
//! Values that went through more than one truncating step are [`Carried`] with a bound of
//! their error, and the rounding that would depend on it is redone exactly (`BigRational`).

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Decimal places carried.
pub const PLACES: u32 = 20;
/// 10²⁰: the raw value of one.
pub const ONE_RAW: i128 = 100_000_000_000_000_000_000;
/// Places an amount may have in 亿元: eight, one yuan (四位小数的万元).
pub const AMOUNT_PLACES: u32 = 8;
/// Places a rate or share may have as a fraction: six, 0.0001%.
pub const RATE_PLACES: u32 = 6;

/// 10ⁿ for n ≤ 38.
pub const fn pow10(n: u32) -> i128 {
    let mut p = 1i128;
    let mut i = 0;
    while i < n {
        p *= 10;
        i += 1;
    }
    p
}

/// An exact decimal with twenty places.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(i128);

impl Dec {
    pub const ZERO: Dec = Dec(0);
    pub const ONE: Dec = Dec(ONE_RAW);
    /// One percent, 0.01.
    pub const PERCENT: Dec = Dec(ONE_RAW / 100);

    /// From the raw count of 10⁻²⁰.
    pub const fn from_raw(raw: i128) -> Dec {
        Dec(raw)
    }

    /// The raw count of 10⁻²⁰.
    pub const fn raw(self) -> i128 {
        self.0
    }

    /// A whole number.
    pub const fn int(n: i64) -> Dec {
        Dec(n as i128 * ONE_RAW)
    }

    /// `mantissa × 10^-places`; `None` beyond twenty places or out of range.
    pub fn new(mantissa: i128, places: u32) -> Option<Dec> {
        if places > PLACES {
            return None;
        }
        mantissa.checked_mul(pow10(PLACES - places)).map(Dec)
    }

    /// `numerator / denominator` as a fraction of whole numbers, floored (exact when it ends
    /// within twenty places); `None` for a zero denominator.
    pub fn ratio(numerator: i128, denominator: i128) -> Option<Dec> {
        if denominator == 0 {
            return None;
        }
        Some(Dec(mul_div_floor(numerator, ONE_RAW, denominator)?.0))
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn abs(self) -> Dec {
        Dec(self.0.abs())
    }

    pub fn min(self, other: Dec) -> Dec {
        Dec(self.0.min(other.0))
    }

    pub fn max(self, other: Dec) -> Dec {
        Dec(self.0.max(other.0))
    }

    /// The number of decimal places it needs (0 for a whole number).
    pub fn places(self) -> u32 {
        if self.0 == 0 {
            return 0;
        }
        let mut raw = self.0;
        let mut places = PLACES;
        while places > 0 && raw % 10 == 0 {
            raw /= 10;
            places -= 1;
        }
        places
    }

    /// The fewest of 0, 2, 4, 8 or 20 places that hold it: a cheap bound of [`Dec::places`]
    /// (four divisions at most) for scaling a group of values to small whole numbers.
    pub fn coarse_places(self) -> u32 {
        for places in [0, 2, 4, 8] {
            if self.0 % pow10(PLACES - places) == 0 {
                return places;
            }
        }
        PLACES
    }

    pub fn checked_add(self, other: Dec) -> Option<Dec> {
        self.0.checked_add(other.0).map(Dec)
    }

    pub fn checked_sub(self, other: Dec) -> Option<Dec> {
        self.0.checked_sub(other.0).map(Dec)
    }

    /// `self × other`, floored to twenty places (exact when their places add up to twenty or
    /// fewer); `None` out of range.
    pub fn mul_floor(self, other: Dec) -> Option<Dec> {
        mul_div_floor(self.0, other.0, ONE_RAW).map(|(q, _)| Dec(q))
    }

    /// `self × other` when it is exact in twenty places.
    pub fn mul_exact(self, other: Dec) -> Option<Dec> {
        match mul_div_floor(self.0, other.0, ONE_RAW)? {
            (q, true) => Some(Dec(q)),
            _ => None,
        }
    }

    /// `self / other`, floored to twenty places; `None` for zero or out of range.
    pub fn div_floor(self, other: Dec) -> Option<Dec> {
        if other.0 == 0 {
            return None;
        }
        mul_div_floor(self.0, ONE_RAW, other.0).map(|(q, _)| Dec(q))
    }

    /// `self × n / d` for whole numbers, floored; `None` for `d = 0` or out of range.
    pub fn mul_ratio(self, n: i128, d: i128) -> Option<Dec> {
        if d == 0 {
            return None;
        }
        let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
        mul_div_floor(self.0, n, d).map(|(q, _)| Dec(q))
    }

    /// Whether it is a whole multiple of 10^-places.
    pub fn fits(self, places: u32) -> bool {
        places >= PLACES || self.0 % pow10(PLACES - places) == 0
    }

    /// Rounded half away from zero to `places` decimals (2.675 → 2.68, −2.675 → −2.68).
    pub fn round(self, places: u32) -> Dec {
        if places >= PLACES {
            return self;
        }
        let step = pow10(PLACES - places);
        Dec(half_away(self.0, step) * step)
    }

    /// As a count of `step` (a display unit), rounded half away from zero.
    pub fn units(self, step: Step) -> i64 {
        half_away(self.0, step.0) as i64
    }

    /// The floor in `step`s and what is left (`0 ≤ left < step`).
    pub fn floor_units(self, step: Step) -> (i64, i128) {
        let q = self.0.div_euclid(step.0);
        (q as i64, self.0 - q * step.0)
    }

    /// The exact value as a rational.
    pub fn to_rational(self) -> BigRational {
        BigRational::new(BigInt::from(self.0), BigInt::from(ONE_RAW))
    }

    /// The floor of a rational to twenty places; `None` out of range.
    pub fn floor_of(r: &BigRational) -> Option<Dec> {
        let scaled = (r * BigInt::from(ONE_RAW)).floor().to_integer();
        scaled.to_i128().map(Dec)
    }

    /// A whole-number part, for counts (floor).
    pub fn floor_int(self) -> i128 {
        self.0.div_euclid(ONE_RAW)
    }

    /// The smallest whole number at or above it.
    pub fn ceil_int(self) -> i128 {
        -(-self.0).div_euclid(ONE_RAW)
    }

    /// Raw count of 10^-places, when it has no more places (for whole-number weights).
    pub fn scaled(self, places: u32) -> Option<i128> {
        self.fits(places)
            .then(|| self.0 / pow10(PLACES.saturating_sub(places)))
    }
}

/// `x / step` rounded half away from zero.
fn half_away(x: i128, step: i128) -> i128 {
    let q = x.div_euclid(step);
    let r = x - q * step;
    // r ≥ step − r: the half or more above the floor; a negative exact half goes down
    // (away from zero) since its floor is already the lower one.
    match (2 * r).cmp(&step) {
        Ordering::Greater => q + 1,
        Ordering::Less => q,
        Ordering::Equal => {
            if x >= 0 {
                q + 1
            } else {
                q
            }
        }
    }
}

/// `floor(a × b / c)` for `c > 0`, and whether it is exact; `None` out of range. The
/// product is taken in 256 bits when it does not fit in 128.
pub fn mul_div_floor(a: i128, b: i128, c: i128) -> Option<(i128, bool)> {
    debug_assert!(c > 0);
    match a.checked_mul(b) {
        Some(p) => {
            // One 128-bit division, not two (a division is a library call on 128 bits).
            let q = p.div_euclid(c);
            Some((q, p - q * c == 0))
        }
        None => {
            use ethnum::U256;
            let negative = (a < 0) != (b < 0);
            let p = U256::from(a.unsigned_abs()) * U256::from(b.unsigned_abs());
            let c = U256::from(c.unsigned_abs());
            let (q, r) = (p / c, p % c);
            let exact = r == U256::ZERO;
            // The floor of a negative quotient is one below its truncation unless exact.
            let q = i128::try_from(q).ok()?;
            Some(if negative {
                (if exact { -q } else { -q - 1 }, exact)
            } else {
                (q, exact)
            })
        }
    }
}

/// `floor(n / d)` and what it leaves (`0 ≤ rest < d`), for 256-bit numbers and a positive
/// denominator; `None` when the quotient is beyond 64 bits. Native 128-bit division when both
/// fit (most counties): 256-bit division costs several times more.
pub fn wide_floor(n: ethnum::I256, d: ethnum::I256) -> Option<(i64, ethnum::U256)> {
    if d <= ethnum::I256::ZERO {
        return None;
    }
    if let (Ok(n), Ok(d)) = (i128::try_from(n), i128::try_from(d)) {
        let q = n.div_euclid(d);
        let rest = n - q * d;
        return Some((
            i64::try_from(q).ok()?,
            ethnum::U256::from(rest.unsigned_abs()),
        ));
    }
    let q = n.div_euclid(d);
    let r = n.rem_euclid(d);
    Some((i64::try_from(q).ok()?, r.as_u256()))
}

/// `floor(n × m / d)` and what it leaves, natively when everything fits in 128 bits.
pub fn wide_mul_floor(
    n: ethnum::I256,
    m: ethnum::I256,
    d: ethnum::I256,
) -> Option<(i64, ethnum::U256)> {
    if let (Ok(n), Ok(m), Ok(d)) = (i128::try_from(n), i128::try_from(m), i128::try_from(d)) {
        if d <= 0 {
            return None;
        }
        if let Some(p) = n.checked_mul(m) {
            // One division: the rest from the quotient.
            let q = p.div_euclid(d);
            let r = p - q * d;
            return Some((i64::try_from(q).ok()?, ethnum::U256::from(r.unsigned_abs())));
        }
    }
    wide_floor(n.checked_mul(m)?, d)
}

impl Add for Dec {
    type Output = Dec;
    fn add(self, other: Dec) -> Dec {
        Dec(self.0 + other.0)
    }
}

impl Sub for Dec {
    type Output = Dec;
    fn sub(self, other: Dec) -> Dec {
        Dec(self.0 - other.0)
    }
}

impl AddAssign for Dec {
    fn add_assign(&mut self, other: Dec) {
        self.0 += other.0;
    }
}

impl SubAssign for Dec {
    fn sub_assign(&mut self, other: Dec) {
        self.0 -= other.0;
    }
}

impl Neg for Dec {
    type Output = Dec;
    fn neg(self) -> Dec {
        Dec(-self.0)
    }
}

impl std::iter::Sum for Dec {
    fn sum<I: Iterator<Item = Dec>>(iter: I) -> Dec {
        iter.fold(Dec::ZERO, |a, b| a + b)
    }
}

impl<'a> std::iter::Sum<&'a Dec> for Dec {
    fn sum<I: Iterator<Item = &'a Dec>>(iter: I) -> Dec {
        iter.fold(Dec::ZERO, |a, b| a + *b)
    }
}

/// The plain decimal text, without trailing zeros: `330`, `0.22`, `-1.5`.
impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let int = abs / ONE_RAW as u128;
        let frac = abs % ONE_RAW as u128;
        if negative {
            f.write_str("-")?;
        }
        write!(f, "{int}")?;
        if frac != 0 {
            let digits = format!("{frac:020}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why a plain decimal text is not a [`Dec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecError {
    /// Not `[-]digits[.digits]`.
    Syntax,
    /// More than twenty places.
    TooPrecise,
    /// Beyond the range of the type.
    TooLarge,
}

impl std::str::FromStr for Dec {
    type Err = DecError;

    /// `[-|+]digits[.digits]`, exactly (no exponent, no separators).
    fn from_str(s: &str) -> Result<Dec, DecError> {
        let (negative, body) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
            return Err(DecError::Syntax);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > PLACES as usize {
            return Err(DecError::TooPrecise);
        }
        let int = int.trim_start_matches('0');
        // 10³⁸ > i128::MAX / 10²⁰ ≈ 1.7 × 10¹⁸: at most 18 digits before the point.
        if int.len() > 18 {
            return Err(DecError::TooLarge);
        }
        let int: i128 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| DecError::Syntax)?
        };
        let frac_raw: i128 = if frac.is_empty() {
            0
        } else {
            frac.parse::<i128>().map_err(|_| DecError::Syntax)? * pow10(PLACES - frac.len() as u32)
        };
        let raw = int * ONE_RAW + frac_raw;
        Ok(Dec(if negative { -raw } else { raw }))
    }
}

impl serde::Serialize for Dec {
    /// As a string, so that every digit survives JSON readers that parse numbers as doubles.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Dec {
    /// A decimal string, or a JSON number as earlier versions wrote them (doubles written in
    /// their shortest form, read back as the decimal that form spells).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Dec, E> {
                v.parse()
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Dec, E> {
                Dec::new(i128::from(v), 0).ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Dec, E> {
                Dec::new(i128::from(v), 0).ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Dec, E> {
                from_legacy_double(v).ok_or_else(|| E::custom("number out of range"))
            }
        }
        d.deserialize_any(V)
    }
}

/// A double as the shortest decimal that reads back as it (what `{}` prints), rounded to
/// twenty places: how numbers stored by the versions that kept doubles are read.
pub fn from_legacy_double(v: f64) -> Option<Dec> {
    if !v.is_finite() {
        return None;
    }
    // `{:e}` is the shortest round-trip form with an exponent: "1.5e-7", "3.3e2".
    let text = format!("{v:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let negative = mantissa.starts_with('-');
    let mantissa = mantissa.trim_start_matches('-');
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = format!("{int}{frac}");
    let digits: i128 = digits.parse().ok()?;
    // value = digits × 10^(exponent − frac.len())
    let shift = exponent - frac.len() as i32 + PLACES as i32;
    let raw = if shift >= 0 {
        if shift > 38 {
            return None;
        }
        digits.checked_mul(pow10(shift as u32))?
    } else {
        let down = u32::try_from(-shift).ok()?;
        if down > 38 {
            0
        } else {
            half_away(digits, pow10(down))
        }
    };
    Some(Dec(if negative { -raw } else { raw }))
}

/// A display step: what one shown unit is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Step(i128);

impl Step {
    /// 0.01亿元
    pub const YI_2: Step = Step(pow10(18));
    /// 0.01万元 = 10⁻⁶亿元
    pub const WAN_2: Step = Step(pow10(14));
    /// 0.01% of a fraction = 10⁻⁴
    pub const PERCENT_2: Step = Step(pow10(16));
    /// 0.0001% = 10⁻⁶ (what a rate may hold)
    pub const RATE: Step = Step(pow10(14));
    /// One whole unit.
    pub const WHOLE: Step = Step(ONE_RAW);

    pub const fn raw(self) -> i128 {
        self.0
    }

    /// `units × step` as a value.
    pub fn value(self, units: i64) -> Dec {
        Dec(i128::from(units) * self.0)
    }
}

/// Rounded half away from zero to `step`s, exactly.
pub fn rational_units(r: &BigRational, step: Step) -> i64 {
    let scaled = r * BigRational::from_integer(BigInt::from(ONE_RAW))
        / BigRational::from_integer(BigInt::from(step.0));
    let half = BigRational::new(BigInt::one(), BigInt::from(2));
    let rounded = if scaled.is_negative() {
        -((-scaled) + half).floor()
    } else {
        (scaled + half).floor()
    };
    rounded.to_integer().to_i64().unwrap_or(0)
}

/// A value the tree computed through more than one rounding-down step: its exact value lies
/// in `[lo, lo + err × 10⁻²⁰)`, or is `lo` exactly when `err` is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Carried {
    pub lo: Dec,
    pub err: u32,
}

impl Carried {
    pub const fn exact(value: Dec) -> Carried {
        Carried { lo: value, err: 0 }
    }

    pub fn is_exact(self) -> bool {
        self.err == 0
    }

    /// Rounded half away from zero to `step`s, when the error cannot change it.
    pub fn units(self, step: Step) -> Option<i64> {
        let lo = self.lo.units(step);
        if self.err == 0 {
            return Some(lo);
        }
        // The largest value it may be is just below lo + err.
        let hi = Dec(self.lo.0 + i128::from(self.err) - 1).units(step);
        // A value in (lo + err − 1, lo + err) rounds like lo + err − 1 unless lo + err is a
        // rounding boundary itself; boundaries lie on the grid, so checking lo + err − 1
        // and lo covers every value between.
        (lo == hi).then_some(lo)
    }
}

impl fmt::Display for Carried {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.err == 0 {
            write!(f, "{}", self.lo)
        } else {
            write!(f, "{}(+<{}e-20)", self.lo, self.err)
        }
    }
}

/// Exact rational helpers.
pub fn rational(n: i128, d: i128) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(d))
}

/// The rational zero.
pub fn rational_zero() -> BigRational {
    BigRational::zero()
}

/// Whether a rational is positive.
pub fn rational_positive(r: &BigRational) -> bool {
    r.is_positive()
}

/// `floor(r / step)` and `r − floor × step`, exactly.
pub fn rational_floor_units(r: &BigRational, step: Step) -> (i64, BigRational) {
    let step_r = rational(step.0, ONE_RAW);
    let q = (r / &step_r).floor();
    let rem = r - &q * &step_r;
    (q.to_integer().to_i64().unwrap_or(0), rem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        s.parse().unwrap()
    }

    #[test]
    fn text_round_trips_exactly() {
        for s in [
            "0",
            "330",
            "0.22",
            "-1.5",
            "0.00000000000000000001",
            "999999999.12345678",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("007.500").to_string(), "7.5");
        assert_eq!(d(".5").to_string(), "0.5");
        assert_eq!("1e3".parse::<Dec>(), Err(DecError::Syntax));
        assert_eq!("".parse::<Dec>(), Err(DecError::Syntax));
        assert_eq!(".".parse::<Dec>(), Err(DecError::Syntax));
        assert_eq!(
            "0.000000000000000000001".parse::<Dec>(),
            Err(DecError::TooPrecise)
        );
        assert_eq!(
            "1234567890123456789".parse::<Dec>(),
            Err(DecError::TooLarge)
        );
    }

    #[test]
    fn halves_round_away_from_zero_with_no_tolerance() {
        assert_eq!(d("2.675").round(2), d("2.68"));
        assert_eq!(d("-2.675").round(2), d("-2.68"));
        assert_eq!(d("2.67499999999999999999").round(2), d("2.67"));
        assert_eq!(d("1.005").units(Step::YI_2), 101);
        // 1,000亿元 in 万元: 10,000,000.00 exactly, never .01 (the f64 engine's defect).
        assert_eq!(d("1000").units(Step::WAN_2), 1_000_000_000);
        assert_eq!(d("1000.00000049999999").units(Step::WAN_2), 1_000_000_000);
        assert_eq!(d("1000.0000005").units(Step::WAN_2), 1_000_000_001);
    }

    #[test]
    fn products_of_inputs_are_exact_and_quotients_floor() {
        // 300 × 1.1 × 0.22 = 72.6 exactly.
        let t = d("300").mul_exact(d("1.1")).unwrap();
        assert_eq!(t, d("330"));
        assert_eq!(t.mul_exact(d("0.22")), Some(d("72.6")));
        // 72.6 / 90 = 0.80666…: floored, and exactly rounded to 8,066.67万元.
        let daily = d("72.6").div_floor(Dec::int(90)).unwrap();
        assert_eq!(daily.to_string(), "0.80666666666666666666");
        assert_eq!(daily.units(Step::WAN_2), 806_667);
        assert_eq!(
            Dec::ratio(1, 3).unwrap().to_string(),
            "0.33333333333333333333"
        );
        assert_eq!(
            Dec::ratio(-1, 3).unwrap().to_string(),
            "-0.33333333333333333334"
        );
        assert_eq!(d("0.3").mul_exact(Dec::ratio(1, 3).unwrap()), None);
    }

    #[test]
    fn wide_products_are_exact_too() {
        let big = d("999999999.99999999");
        let p = big.mul_floor(d("1000.123456")).unwrap();
        let want = big.to_rational() * d("1000.123456").to_rational();
        assert_eq!(Dec::floor_of(&want), Some(p));
    }

    #[test]
    fn doubles_of_earlier_versions_read_as_the_decimal_they_print() {
        assert_eq!(from_legacy_double(0.22), Some(d("0.22")));
        assert_eq!(from_legacy_double(330.0), Some(d("330")));
        assert_eq!(from_legacy_double(1.5e-7), Some(d("0.00000015")));
        assert_eq!(from_legacy_double(-72.6), Some(d("-72.6")));
        assert_eq!(
            from_legacy_double(0.1 + 0.2),
            Some(d("0.30000000000000004"))
        );
        let json: Dec = serde_json::from_str("0.22").unwrap();
        assert_eq!(json, d("0.22"));
        let json: Dec = serde_json::from_str("\"0.22\"").unwrap();
        assert_eq!(json, d("0.22"));
        assert_eq!(serde_json::to_string(&d("72.60")).unwrap(), "\"72.6\"");
    }

    #[test]
    fn a_carried_value_rounds_only_when_its_error_cannot_matter() {
        let c = Carried {
            lo: d("0.00499999999999999999"),
            err: 2,
        };
        // It may be 0.005 exactly or above: 0.00 or 0.01.
        assert_eq!(c.units(Step::YI_2), None);
        let c = Carried {
            lo: d("0.004"),
            err: 2,
        };
        assert_eq!(c.units(Step::YI_2), Some(0));
        assert_eq!(Carried::exact(d("0.005")).units(Step::YI_2), Some(1));
    }
}
