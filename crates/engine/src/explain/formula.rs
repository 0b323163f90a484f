//! A formula as data: operands with their exact values and how they are shown, the
//! operations between them, the result, and notes. Rendered per language by `vocabulary`;
//! evaluated exactly by [`Expr::eval`], so a test can check that the operands give the result.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::vocabulary::Term;
use crate::num::{rational_units, Dec, Step};
use crate::round::Precision;

/// How a value is shown: whole display units of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// An amount in units of 0.01亿元 or 0.01万元.
    Amount(i64, Precision),
    /// A percentage in hundredths, with two decimals: `24.66%`.
    Percent(i64),
    /// A percentage in hundredths, trailing zeros dropped: `22%`.
    PercentTrimmed(i64),
    /// A rate as typed, in millionths of one (0.0001%): `10.1234%`.
    Rate(i64),
    /// Percentage points in hundredths: `2.66 个百分点`.
    Points(i64),
    /// A multiple in ten-thousandths, trailing zeros dropped: `2倍`, `1.9487倍`.
    Times(i64),
    Days(u32),
    /// A count of enterprises or projects.
    Count(i64),
    Year(i32),
}

impl Shown {
    /// An amount rounded half away from zero on its own.
    pub fn amount(value: Dec, precision: Precision) -> Shown {
        Shown::Amount(precision.units(value), precision)
    }

    /// The hundredths of a percent of a fraction.
    pub fn percent(value: Dec) -> Shown {
        Shown::Percent(value.units(Step::PERCENT_2))
    }

    pub fn percent_trimmed(value: Dec) -> Shown {
        Shown::PercentTrimmed(value.units(Step::PERCENT_2))
    }

    pub fn rate(value: Dec) -> Shown {
        Shown::Rate(value.units(Step::RATE))
    }

    pub fn times(value: Dec) -> Shown {
        Shown::Times(value.units(Step::PERCENT_2))
    }

    /// The exact value this shows (for checks): units times their step.
    pub fn value(self) -> BigRational {
        let units = |u: i64, step: Step| {
            BigRational::new(
                BigInt::from(u) * BigInt::from(step.raw()),
                BigInt::from(crate::num::ONE_RAW),
            )
        };
        match self {
            Shown::Amount(u, p) => units(u, p.step()),
            Shown::Percent(u) | Shown::PercentTrimmed(u) => units(u, Step::PERCENT_2),
            Shown::Rate(u) => units(u, Step::RATE),
            Shown::Points(u) => units(u, Step::PERCENT_2),
            Shown::Times(u) => units(u, Step::PERCENT_2),
            Shown::Days(d) => BigRational::from_integer(BigInt::from(d)),
            Shown::Count(c) => BigRational::from_integer(BigInt::from(c)),
            Shown::Year(y) => BigRational::from_integer(BigInt::from(y)),
        }
    }

    /// The same kind of display of another exact value (half away from zero).
    pub fn like(self, exact: &BigRational) -> Shown {
        match self {
            Shown::Amount(_, p) => Shown::Amount(rational_units(exact, p.step()), p),
            Shown::Percent(_) => Shown::Percent(rational_units(exact, Step::PERCENT_2)),
            Shown::PercentTrimmed(_) => {
                Shown::PercentTrimmed(rational_units(exact, Step::PERCENT_2))
            }
            Shown::Rate(_) => Shown::Rate(rational_units(exact, Step::RATE)),
            Shown::Points(_) => Shown::Points(rational_units(exact, Step::PERCENT_2)),
            Shown::Times(_) => Shown::Times(rational_units(exact, Step::PERCENT_2)),
            Shown::Days(_) => Shown::Days(rational_units(exact, Step::WHOLE) as u32),
            Shown::Count(_) => Shown::Count(rational_units(exact, Step::WHOLE)),
            Shown::Year(_) => Shown::Year(rational_units(exact, Step::WHOLE) as i32),
        }
    }

    /// The step of one shown unit, as a rational (zero for whole things).
    pub fn step(self) -> BigRational {
        let r = |step: Step| {
            BigRational::new(BigInt::from(step.raw()), BigInt::from(crate::num::ONE_RAW))
        };
        match self {
            Shown::Amount(_, p) => r(p.step()),
            Shown::Percent(_) | Shown::PercentTrimmed(_) | Shown::Points(_) | Shown::Times(_) => {
                r(Step::PERCENT_2)
            }
            Shown::Rate(_) => r(Step::RATE),
            _ => BigRational::one(),
        }
    }
}

/// A value in a formula: what it is, its exact value, and how it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Operand {
    pub term: Term,
    pub exact: BigRational,
    pub shown: Shown,
}

impl Operand {
    pub fn new(term: Term, exact: BigRational, shown: Shown) -> Operand {
        Operand { term, exact, shown }
    }

    /// An exact decimal shown as `shown`.
    pub fn dec(term: Term, value: Dec, shown: Shown) -> Operand {
        Operand::new(term, value.to_rational(), shown)
    }

    /// A whole number (days, counts).
    pub fn whole(term: Term, value: i64, shown: Shown) -> Operand {
        Operand::new(term, BigRational::from_integer(BigInt::from(value)), shown)
    }
}

/// An operation between two parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// The right-hand side of a formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Operand(Operand),
    /// A bare whole number (the 1 of `1 + g`).
    Number(i64),
    Op(Box<Expr>, Op, Box<Expr>),
    /// In parentheses.
    Group(Box<Expr>),
    /// `⌈x⌉`
    Ceil(Box<Expr>),
    /// `x^(num/den)`
    Pow(Box<Expr>, u32, u32),
    /// `a + b + …`
    Sum(Vec<Expr>),
}

impl Expr {
    pub fn of(o: Operand) -> Expr {
        Expr::Operand(o)
    }

    pub fn op(a: Expr, op: Op, b: Expr) -> Expr {
        Expr::Op(Box::new(a), op, Box::new(b))
    }

    pub fn group(e: Expr) -> Expr {
        Expr::Group(Box::new(e))
    }

    /// The exact value (a root to thirty places, floored).
    pub fn eval(&self) -> Option<BigRational> {
        Some(match self {
            Expr::Operand(o) => o.exact.clone(),
            Expr::Number(n) => BigRational::from_integer(BigInt::from(*n)),
            Expr::Op(a, op, b) => {
                let (a, b) = (a.eval()?, b.eval()?);
                match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => {
                        if b.is_zero() {
                            return None;
                        }
                        a / b
                    }
                }
            }
            Expr::Group(e) => e.eval()?,
            Expr::Ceil(e) => e.eval()?.ceil(),
            Expr::Pow(e, num, den) => {
                let x = e.eval()?;
                if *den == 1 {
                    return Some(x.pow(*num as i32));
                }
                if x.is_negative() || *den == 0 {
                    return None;
                }
                // x^(num/den) = (x^num)^(1/den), to 30 places.
                let powered = x.pow(*num as i32);
                let scale = BigInt::from(10u32).pow(30);
                let scaled = (powered * BigRational::from_integer(scale.pow(*den))).floor();
                let root = scaled.to_integer().nth_root(*den);
                BigRational::new(root, scale)
            }
            Expr::Sum(parts) => {
                let mut total = BigRational::zero();
                for p in parts {
                    total += p.eval()?;
                }
                total
            }
        })
    }

    /// Every operand, left to right.
    pub fn operands(&self) -> Vec<&Operand> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a Operand>) {
        match self {
            Expr::Operand(o) => out.push(o),
            Expr::Number(_) => {}
            Expr::Op(a, _, b) => {
                a.collect(out);
                b.collect(out);
            }
            Expr::Group(e) | Expr::Ceil(e) | Expr::Pow(e, _, _) => e.collect(out),
            Expr::Sum(parts) => parts.iter().for_each(|p| p.collect(out)),
        }
    }
}

/// A remark after the result.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// The shown result is its rounding by largest remainder, not alone.
    LargestRemainder,
    /// Shares rounded so that siblings add up to 100%.
    SharesLargestRemainder,
    /// A leap year.
    LeapYear,
    /// A growth in the speech's words (增长X% / 增长X倍 / 下降X%), in hundredths of a percent;
    /// `with_multiple` spells the multiple out from 100% on.
    Growth { units: i64, with_multiple: bool },
    /// 是上年的X倍，即…: a multiple (in ten-thousandths) of what it is of.
    MultipleOf { of: Term, units: i64 },
    /// Completion of a plan (its plan operand), with 超额完成 above 100%.
    Completion { plan: Box<Operand>, units: i64 },
    /// Held amounts taken out first: parent − held = free.
    HeldFirst(Box<[Operand; 3]>),
    /// A proportional or manual split with nothing to weigh was split equally.
    FellBack,
    /// A loss-making unit's profit (its base, below zero) weighs nothing in a proportional
    /// split: its quota is to break even (扭亏), the rest goes to the profitable.
    LossMaking(Box<Operand>),
    /// Time progress, and being ahead of or behind it by this many hundredths of a point.
    AgainstTime { time: Box<Operand>, units: i64 },
    /// The share change, signed, in hundredths of a point.
    PointsChange { units: i64 },
    /// Needed beyond the plan (positive) or already exceeded (negative).
    Beyond { amount: Box<Operand> },
    /// Commitments exceed the quota (a negative gap).
    CommitmentsExceed,
    /// The held remainder goes to the others.
    SiblingsShareTheRest,
    /// How many of the whole set this is (last year's count).
    LastYearCount(u32),
    /// The parent's quota is zero, so every share is zero.
    ParentIsZero,
}

/// A formula: `result = expr` with notes.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// What the result is, and its value as shown on the page.
    pub result: Operand,
    pub expr: Expr,
    pub notes: Vec<Note>,
}

impl Formula {
    pub fn new(result: Operand, expr: Expr) -> Formula {
        Formula {
            result,
            expr,
            notes: Vec::new(),
        }
    }

    pub fn note(mut self, note: Note) -> Formula {
        self.notes.push(note);
        self
    }

    /// Whether the operands give the result: the exact value of the expression equals the
    /// result's exact value, and the result as shown is within one shown unit of it (its
    /// own rounding, or largest remainder's floor or ceiling).
    pub fn reproduces(&self) -> Result<(), String> {
        let value = self.expr.eval().ok_or("the expression has no value")?;
        if value != self.result.exact {
            // Roots are evaluated to thirty places: close enough is equal there.
            let diff = (&value - &self.result.exact).abs();
            let tiny = BigRational::new(BigInt::one(), BigInt::from(10u32).pow(19));
            if diff > tiny {
                return Err(format!(
                    "the operands give {:.6} but the result is {:.6}",
                    value.to_f64().unwrap_or(f64::NAN),
                    self.result.exact.to_f64().unwrap_or(f64::NAN)
                ));
            }
        }
        let shown = self.result.shown.value();
        let off = (&shown - &self.result.exact).abs();
        if off >= self.result.shown.step() && !self.result.shown.step().is_zero() {
            return Err(format!(
                "shown {:.6} is a unit or more from the exact {:.6}",
                shown.to_f64().unwrap_or(f64::NAN),
                self.result.exact.to_f64().unwrap_or(f64::NAN)
            ));
        }
        let alone = self.result.shown.like(&self.result.exact);
        if alone != self.result.shown
            && !self
                .notes
                .iter()
                .any(|n| matches!(n, Note::LargestRemainder | Note::SharesLargestRemainder))
        {
            return Err("the result is not its own rounding and says nothing of why".into());
        }
        Ok(())
    }
}
