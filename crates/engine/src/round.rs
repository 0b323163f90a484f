//! Rounding that never breaks a sum: largest remainder (最大余额法), on exact remainders.
//!
//! Children are shown as whole display units that add up to their parent's shown units. Each
//! child gets the floor of its exact value; the units still missing go one each to the
//! children with the largest remainders. The rules, as the user guide states them:
//! - a child whose remainder is exactly zero never gets a unit (so a child of zero shows zero);
//! - held children get a unit only after every other child with a remainder has one
//!   (their amounts are kept as typed);
//! - equal remainders: the child listed first gets the unit first.
//!
//! No child is then one display unit or more from its exact value. Values carried with an
//! error bound ([`Carried`]) are rounded here only when no value within the bound could
//! round differently; otherwise [`Ambiguous`] asks the caller for the exact values, which
//! [`largest_remainder_exact`] rounds.

use std::cmp::Ordering;

use ethnum::U256;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::num::{rational_floor_units, Carried, Dec, Step};

/// Display precision of an amount family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Precision {
    /// 0.01亿元
    Yi2,
    /// 0.01万元
    Wan2,
}

impl Precision {
    /// The value of one display unit.
    pub fn step(self) -> Step {
        match self {
            Precision::Yi2 => Step::YI_2,
            Precision::Wan2 => Step::WAN_2,
        }
    }

    /// An amount in 亿元 rounded on its own (half away from zero) to display units.
    pub fn units(self, amount: Dec) -> i64 {
        amount.units(self.step())
    }
}

/// The carried values were too close to a rounding decision: round the exact values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ambiguous;

/// What is left of a child's value above its floor in display units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remainder {
    /// Exactly `numerator / D`, with `D` shared by every candidate of one call.
    Exact(U256),
    /// Carried: somewhere in `[lo, lo + err)` units of 10⁻²⁰ (`err` 0: exactly `lo`), with
    /// `0 ≤ lo < step`.
    Carried { lo: i128, err: u32 },
}

/// A child to round: its floor in display units and what is left, whether it is held, and a
/// key such that children with equal keys have equal exact values (the same formula with the
/// same operands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub floor: i64,
    pub rest: Remainder,
    pub pinned: bool,
    pub key: (i128, i128),
}

impl Candidate {
    /// A value known exactly on the twenty-place grid (its rest over the step).
    pub fn exact(value: Dec, step: Step, pinned: bool, key: (i128, i128)) -> Candidate {
        let (floor, rest) = value.floor_units(step);
        Candidate {
            floor,
            rest: Remainder::Exact(U256::from(rest.unsigned_abs())),
            pinned,
            key,
        }
    }

    /// A carried value; [`Ambiguous`] when its error could reach the next unit.
    pub fn carried(
        value: Carried,
        step: Step,
        pinned: bool,
        key: (i128, i128),
    ) -> Result<Candidate, Ambiguous> {
        let (floor, rest) = value.lo.floor_units(step);
        if value.err > 0 && rest + i128::from(value.err) > step.raw() {
            return Err(Ambiguous);
        }
        Ok(Candidate {
            floor,
            rest: Remainder::Carried {
                lo: rest,
                err: value.err,
            },
            pinned,
            key,
        })
    }

    /// Whether it may have a remainder at all.
    fn may_have_remainder(&self) -> bool {
        match self.rest {
            Remainder::Exact(n) => n > U256::ZERO,
            Remainder::Carried { lo, err } => lo > 0 || err > 0,
        }
    }
}

/// Largest-remainder working space, kept between calls: the tree rounds four families for
/// every parent, and allocating for each would cost more than the rounding.
#[derive(Default)]
pub struct Rounder {
    order: Vec<usize>,
    keys: Vec<(u128, u32)>,
}

impl Rounder {
    /// Round `children` to units adding up to `total` into `units`; [`Ambiguous`] when a
    /// carried error could change the outcome.
    pub fn round(
        &mut self,
        total: i64,
        children: &[Candidate],
        units: &mut Vec<i64>,
    ) -> Result<(), Ambiguous> {
        units.clear();
        units.extend(children.iter().map(|c| c.floor));
        let missing = total - units.iter().sum::<i64>();
        if missing == 0 {
            return Ok(());
        }
        // Only a child that may have a remainder can take a unit.
        let order = &mut self.order;
        order.clear();
        order.extend((0..children.len()).filter(|&j| children[j].may_have_remainder()));
        if missing < 0 || missing as usize > order.len() {
            return Err(Ambiguous);
        }
        // Exact remainders first by value, carried ones by their low end; ties to the first.
        let rank = |&a: &usize, &b: &usize| -> Ordering {
            let (ca, cb) = (&children[a], &children[b]);
            ca.pinned
                .cmp(&cb.pinned)
                .then_with(|| match (ca.rest, cb.rest) {
                    (Remainder::Exact(x), Remainder::Exact(y)) => y.cmp(&x),
                    (Remainder::Carried { lo: x, .. }, Remainder::Carried { lo: y, .. }) => {
                        y.cmp(&x)
                    }
                    // Never mixed in one call; an order all the same.
                    (Remainder::Exact(_), _) => Ordering::Less,
                    (_, Remainder::Exact(_)) => Ordering::Greater,
                })
                .then(a.cmp(&b))
        };
        let m = missing as usize;
        let all_exact = children
            .iter()
            .all(|c| matches!(c.rest, Remainder::Exact(_)));
        if m < order.len() {
            // Exact remainders that fit in 128 bits (nearly always) are ranked by one integer
            // key each: choosing among a thousand siblings with the general comparison
            // cost a sixth of planning a county.
            let narrow = all_exact
                && children.iter().all(
                    |c| matches!(c.rest, Remainder::Exact(x) if x <= U256::from(u128::MAX >> 1)),
                );
            if narrow {
                let keys = &mut self.keys;
                keys.clear();
                keys.extend(order.iter().map(|&j| {
                    let Remainder::Exact(x) = children[j].rest else {
                        unreachable!("all exact")
                    };
                    // Held ones last, larger remainders first, then the earlier child.
                    let rest = (u128::MAX >> 1) - x.as_u128();
                    ((u128::from(children[j].pinned) << 127) | rest, j as u32)
                }));
                keys.select_nth_unstable(m);
                order.clear();
                order.extend(keys.iter().map(|&(_, j)| j as usize));
            } else {
                order.select_nth_unstable_by(m, rank);
            }
            // The order among the chosen matters only to check carried errors.
            if !all_exact {
                order[..m].sort_unstable_by(rank);
            }
        }
        let (chosen, rest) = order.split_at(m);
        // Sure when every chosen child ranks above every other, whatever the errors.
        let surely_before = |s: usize, u: usize| -> bool {
            let (cs, cu) = (&children[s], &children[u]);
            if cs.pinned != cu.pinned {
                return !cs.pinned;
            }
            if cs.key == cu.key {
                return s < u;
            }
            match (cs.rest, cu.rest) {
                (Remainder::Exact(x), Remainder::Exact(y)) => x > y || (x == y && s < u),
                (Remainder::Carried { lo: rs, .. }, Remainder::Carried { lo: ru, err }) => {
                    if err > 0 {
                        rs >= ru + i128::from(err)
                    } else {
                        rs > ru || (rs == ru && s < u)
                    }
                }
                _ => false,
            }
        };
        if !chosen.is_empty() && !all_exact {
            for &u in rest {
                for &s in chosen.iter().rev() {
                    if !surely_before(s, u) {
                        return Err(Ambiguous);
                    }
                    // Stronger chosen ones beat u too once one beats it by its reach.
                    if let (Remainder::Carried { lo: rs, .. }, Remainder::Carried { lo: ru, err }) =
                        (children[s].rest, children[u].rest)
                    {
                        if rs > ru + i128::from(err) && children[s].pinned == children[u].pinned {
                            break;
                        }
                    }
                }
            }
        }
        for &j in chosen {
            units[j] += 1;
        }
        Ok(())
    }
}

/// Largest remainder on exact values (same rules), for when carried values could not decide.
/// Never fails: a total that the values cannot reach (never, for a consistent parent) is
/// still met, by whole rounds first, then from the largest (or smallest) remainders.
pub fn largest_remainder_exact(
    total: i64,
    values: &[BigRational],
    pinned: &[bool],
    step: Step,
) -> Vec<i64> {
    let n = values.len();
    let mut units = Vec::with_capacity(n);
    let mut remainders = Vec::with_capacity(n);
    for v in values {
        let (floor, rem) = rational_floor_units(v, step);
        units.push(floor);
        remainders.push(rem);
    }
    if n == 0 {
        return units;
    }
    let mut missing = total - units.iter().sum::<i64>();
    let rounds = missing.div_euclid(n as i64);
    if rounds != 0 {
        units.iter_mut().for_each(|u| *u += rounds);
        missing -= rounds * n as i64;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let zero_a = remainders[a].is_zero();
        let zero_b = remainders[b].is_zero();
        zero_a
            .cmp(&zero_b)
            .then(pinned[a].cmp(&pinned[b]))
            .then(remainders[b].cmp(&remainders[a]))
            .then(a.cmp(&b))
    });
    for &j in order.iter().take(missing as usize) {
        units[j] += 1;
    }
    debug_assert!(remainders.iter().all(|r| !r.is_negative()));
    units
}

/// A table rounded both ways: rows (siblings) by three columns (the months of a quarter),
/// each row adding up to its shown total (a child's quarter) and each column to its shown
/// total (the parent's month). Each cell starts from its floor; the units still missing go
/// to cells whose row and column both lack one, the rows lacking most first, then the
/// largest exact remainder, then the row listed first (Ryser's order, which finds a
/// placement whenever one exists among the cells with a remainder). A cell whose exact
/// value is a whole number of units, zero among them, never gets one. Where no placement
/// with one unit a cell exists, a cell with a positive value may take a second: the only
/// case in which a shown cell is a unit or more from its exact value. Row totals that the
/// columns cannot meet (never, for a consistent parent) are met row by row.
pub fn round_table(
    rows: &[[BigRational; 3]],
    row_units: &[i64],
    col_units: &[i64; 3],
    step: Step,
) -> Vec<[i64; 3]> {
    let n = rows.len();
    let mut units = vec![[0i64; 3]; n];
    let mut remainders: Vec<[BigRational; 3]> = Vec::with_capacity(n);
    for (i, row) in rows.iter().enumerate() {
        let mut rem: [BigRational; 3] = Default::default();
        for j in 0..3 {
            let (floor, r) = rational_floor_units(&row[j], step);
            units[i][j] = floor;
            rem[j] = r;
        }
        remainders.push(rem);
    }
    let mut row_need: Vec<i64> = (0..n)
        .map(|i| row_units[i] - units[i].iter().sum::<i64>())
        .collect();
    let mut col_need: [i64; 3] =
        std::array::from_fn(|j| col_units[j] - units.iter().map(|u| u[j]).sum::<i64>());
    let consistent = row_need.iter().all(|&r| (0..=3).contains(&r))
        && col_need.iter().all(|&c| c >= 0)
        && row_need.iter().sum::<i64>() == col_need.iter().sum::<i64>();
    if !consistent {
        return each_row_alone(rows, row_units, step);
    }
    let mut added = vec![[0i64; 3]; n];
    let mut cols = [0usize, 1, 2];
    cols.sort_by_key(|&j| std::cmp::Reverse(col_need[j]));
    for j in cols {
        let mut candidates: Vec<usize> = (0..n)
            .filter(|&i| row_need[i] > 0 && !remainders[i][j].is_zero())
            .collect();
        candidates.sort_by(|&a, &b| {
            row_need[b]
                .cmp(&row_need[a])
                .then_with(|| remainders[b][j].cmp(&remainders[a][j]))
                .then(a.cmp(&b))
        });
        for &i in candidates.iter().take(col_need[j].max(0) as usize) {
            added[i][j] += 1;
            row_need[i] -= 1;
            col_need[j] -= 1;
        }
    }
    // What the greedy order left: augmenting paths (a column lacking a unit takes it from a
    // row that gives up one of its own elsewhere, until a row lacking one is reached).
    for second_unit in [false, true] {
        let cap = |i: usize, j: usize| -> i64 {
            if rows[i][j].is_zero() || (!second_unit && remainders[i][j].is_zero()) {
                0
            } else if second_unit {
                2
            } else {
                1
            }
        };
        while let Some(start) = (0..3).find(|&j| col_need[j] > 0) {
            let Some(path) = augmenting_path(start, n, &added, &row_need, &cap) else {
                break;
            };
            // Each step: a row, the column it gains a unit in, the one it gives one up in.
            for &(i, gain, give) in &path {
                added[i][gain] += 1;
                if let Some(g) = give {
                    added[i][g] -= 1;
                }
            }
            // The row the path ends at (its first step) lacked the unit.
            row_need[path[0].0] -= 1;
            col_need[start] -= 1;
        }
    }
    if col_need.iter().any(|&c| c != 0) {
        return each_row_alone(rows, row_units, step);
    }
    for (u, a) in units.iter_mut().zip(&added) {
        for j in 0..3 {
            u[j] += a[j];
        }
    }
    units
}

/// Each row rounded to its own total, the columns left as they fall.
fn each_row_alone(rows: &[[BigRational; 3]], row_units: &[i64], step: Step) -> Vec<[i64; 3]> {
    rows.iter()
        .zip(row_units)
        .map(|(row, &total)| {
            let u = largest_remainder_exact(total, row, &[false; 3], step);
            [u[0], u[1], u[2]]
        })
        .collect()
}

/// A breadth-first path from a column lacking a unit to a row lacking one: each step a row
/// that can take a unit in the column reached, then (if the row lacks none) a column where
/// that row gives one up. Returns each row with the column it gains in and the one it
/// gives up.
fn augmenting_path(
    start: usize,
    n: usize,
    added: &[[i64; 3]],
    row_need: &[i64],
    cap: &dyn Fn(usize, usize) -> i64,
) -> Option<Vec<(usize, usize, Option<usize>)>> {
    let mut row_from: Vec<Option<usize>> = vec![None; n];
    let mut col_from: [Option<usize>; 3] = [None; 3];
    let mut col_seen = [false; 3];
    col_seen[start] = true;
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(j) = queue.pop_front() {
        for i in 0..n {
            if row_from[i].is_some() || added[i][j] >= cap(i, j) {
                continue;
            }
            row_from[i] = Some(j);
            if row_need[i] > 0 {
                // Walk back: row i gains in j; the row that reached j gave j up and gained
                // in the column it was reached from; and so on back to `start`.
                let mut path = vec![(i, j, None)];
                let mut column = j;
                while let Some(prev) = col_from[column] {
                    let gain = row_from[prev]?;
                    path.push((prev, gain, Some(column)));
                    column = gain;
                }
                return Some(path);
            }
            for g in 0..3 {
                if !col_seen[g] && added[i][g] > 0 {
                    col_seen[g] = true;
                    col_from[g] = Some(i);
                    queue.push_back(g);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::{rational, Dec};

    fn exact(values: &[&str]) -> Vec<Candidate> {
        values
            .iter()
            .enumerate()
            .map(|(j, v)| Candidate::exact(v.parse().unwrap(), Step::YI_2, false, (j as i128, 0)))
            .collect()
    }

    fn round(total: i64, c: &[Candidate]) -> Result<Vec<i64>, Ambiguous> {
        let mut units = Vec::new();
        Rounder::default()
            .round(total, c, &mut units)
            .map(|_| units)
    }

    fn carried(lo: &str, err: u32, key: i128) -> Candidate {
        Candidate::carried(
            Carried {
                lo: lo.parse().unwrap(),
                err,
            },
            Step::YI_2,
            false,
            (key, 0),
        )
        .unwrap()
    }

    #[test]
    fn thirds_add_up_and_the_first_takes_the_tie() {
        // 100.00 split in three: 33.34 + 33.33 + 33.33 (the user guide's example).
        let third = Carried {
            lo: Dec::ratio(100, 3).unwrap(),
            err: 1,
        };
        let c: Vec<Candidate> = (0..3)
            .map(|_| Candidate::carried(third, Step::YI_2, false, (1, 1)).unwrap())
            .collect();
        assert_eq!(round(10_000, &c), Ok(vec![3334, 3333, 3333]));
        let thirds = vec![rational(100, 3); 3];
        assert_eq!(
            largest_remainder_exact(10_000, &thirds, &[false; 3], Step::YI_2),
            vec![3334, 3333, 3333]
        );
    }

    #[test]
    fn rounding_each_alone_would_break_the_sum() {
        // 0.004 + 0.004 + 0.002 = 0.01: alone each rounds to 0.00.
        let c = exact(&["0.004", "0.004", "0.002"]);
        assert_eq!(round(1, &c), Ok(vec![1, 0, 0]));
    }

    #[test]
    fn a_child_of_exactly_zero_never_takes_a_unit_and_held_ones_come_last() {
        let mut c = exact(&["0.006", "0", "0.004"]);
        c[0].pinned = true;
        // Missing one unit: the free child with a remainder, not the held one.
        assert_eq!(round(1, &c), Ok(vec![0, 0, 1]));
        // More missing than children with a remainder: inconsistent, never guessed.
        assert_eq!(round(3, &c), Err(Ambiguous));
    }

    #[test]
    fn errors_that_could_reorder_remainders_are_ambiguous() {
        // Remainders 0.5 (exact) and just below 0.5 with an error that may reach it.
        let c = vec![
            carried("0.005", 0, 0),
            carried("0.00499999999999999999", 2, 1),
        ];
        assert_eq!(round(1, &c), Err(Ambiguous));
        // Far apart, the same errors are harmless.
        let far = vec![carried("0.005", 0, 0), carried("0.002", 2, 1)];
        assert_eq!(round(1, &far), Ok(vec![1, 0]));
        // A value that may sit just on a unit: its floor is unsure.
        let edge = Candidate::carried(
            Carried {
                lo: "0.00999999999999999999".parse().unwrap(),
                err: 2,
            },
            Step::YI_2,
            false,
            (0, 0),
        );
        assert_eq!(edge, Err(Ambiguous));
    }

    #[test]
    fn exact_remainders_decide_what_a_grid_cannot() {
        // Two exact remainders over a shared denominator: the larger takes the unit; equal
        // ones go to the first.
        let c = |n: u8, key| Candidate {
            floor: 33,
            rest: Remainder::Exact(U256::from(n)),
            pinned: false,
            key: (0, key),
        };
        assert_eq!(round(67, &[c(1, 1), c(2, 2)]), Ok(vec![33, 34]));
        assert_eq!(round(67, &[c(1, 1), c(1, 2)]), Ok(vec![34, 33]));
    }

    #[test]
    fn exact_rounding_meets_any_total_without_panicking() {
        let v = vec![rational(1, 1), rational(2, 1)];
        let units = largest_remainder_exact(i64::MAX / 2, &v, &[false; 2], Step::YI_2);
        assert_eq!(units.iter().sum::<i64>(), i64::MAX / 2);
        let units = largest_remainder_exact(-7, &v, &[false; 2], Step::YI_2);
        assert_eq!(units.iter().sum::<i64>(), -7);
    }

    /// A rank-one table as node months are: each row's quarter × each month's weight.
    fn months_table(
        quarters: &[i64],
        weights: [i64; 3],
    ) -> (Vec<[BigRational; 3]>, Vec<i64>, [i64; 3]) {
        let step = Step::YI_2;
        let total_w: i64 = weights.iter().sum();
        // Quarters in thousandths of a unit: most cells fall between units.
        let exact_q: Vec<BigRational> = quarters
            .iter()
            .map(|&q| step.value(1).to_rational() * rational(i128::from(q), 1000))
            .collect();
        let rows: Vec<[BigRational; 3]> = exact_q
            .iter()
            .map(|q| weights.map(|w| q * rational(i128::from(w), i128::from(total_w))))
            .collect();
        let parent: BigRational = exact_q.iter().sum();
        let parent_units = super::super::num::rational_units(&parent, step);
        let row_units =
            largest_remainder_exact(parent_units, &exact_q, &vec![false; quarters.len()], step);
        let col_exact: Vec<BigRational> = weights
            .iter()
            .map(|&w| &parent * rational(i128::from(w), i128::from(total_w)))
            .collect();
        let cols = largest_remainder_exact(parent_units, &col_exact, &[false; 3], step);
        (rows, row_units, [cols[0], cols[1], cols[2]])
    }

    fn check_table(
        rows: &[[BigRational; 3]],
        row_units: &[i64],
        cols: &[i64; 3],
        got: &[[i64; 3]],
    ) -> usize {
        let step = Step::YI_2.value(1).to_rational();
        let mut far = 0;
        for (i, row) in got.iter().enumerate() {
            assert_eq!(row.iter().sum::<i64>(), row_units[i], "row {i} adds up");
            for j in 0..3 {
                assert!(row[j] >= 0);
                if rows[i][j].is_zero() {
                    assert_eq!(row[j], 0, "zero stays zero");
                }
                let shown = step.clone() * rational(i128::from(row[j]), 1);
                let off = (&shown - &rows[i][j]).abs();
                assert!(off < &step * rational(2, 1), "within two units");
                if off >= step {
                    far += 1;
                }
            }
        }
        for j in 0..3 {
            assert_eq!(
                got.iter().map(|r| r[j]).sum::<i64>(),
                cols[j],
                "column {j} adds up"
            );
        }
        far
    }

    #[test]
    fn a_table_adds_up_both_ways_with_each_cell_on_its_floor_or_ceiling() {
        // Three children of 0.01亿元 × 1.5, 1.5 and 0.9 over months weighing 31, 28, 31 (Q1
        // 2022 by days): hand-checked: rows 2, 1, 1 (0.039 rounds to 0.04 in total); the
        // months 0.02, 0.01, 0.01 (1.34, 1.21, 1.34 units: the first tie takes it).
        let (rows, row_units, cols) = months_table(&[1500, 1500, 900], [31, 28, 31]);
        assert_eq!(row_units, vec![2, 1, 1]);
        assert_eq!(cols, [2, 1, 1]);
        let got = round_table(&rows, &row_units, &cols, Step::YI_2);
        assert_eq!(check_table(&rows, &row_units, &cols, &got), 0);
        // Rounding each cell alone would give 1 + 0 + 1 for the first child's three months
        // (0.52, 0.47, 0.52 units): the table keeps the rows' totals too.
        assert_eq!(got[0].iter().sum::<i64>(), 2);
    }

    #[test]
    fn a_zero_child_and_a_zero_month_stay_zero() {
        let (rows, row_units, cols) = months_table(&[0, 2500, 1250, 3333], [10, 0, 7]);
        let got = round_table(&rows, &row_units, &cols, Step::YI_2);
        check_table(&rows, &row_units, &cols, &got);
        assert_eq!(got[0], [0, 0, 0]);
        assert!(got.iter().all(|r| r[1] == 0));
    }

    #[test]
    fn the_greedy_order_needs_a_path_where_remainders_alone_would_strand_a_row() {
        // Row 0 lacks two units but has a remainder only in columns 0 and 1; row 1 lacks one
        // and could take any. Column 0 and 1 each lack one, column 2 one: giving column 0's
        // unit to row 1 (larger remainder) would leave row 0 short. Found either way.
        let r = |n: i128| rational(n, 10) * Step::YI_2.value(1).to_rational();
        let rows = vec![[r(5), r(5), r(0)], [r(9), r(3), r(8)]];
        let got = round_table(&rows, &[1, 2], &[1, 1, 1], Step::YI_2);
        assert_eq!(got, vec![[0, 1, 0], [1, 0, 1]]);
        let got = round_table(&rows, &[2, 1], &[1, 1, 1], Step::YI_2);
        // Row 0 can take units only in columns 0 and 1; row 1 takes column 2.
        assert_eq!(got, vec![[1, 1, 0], [0, 0, 1]]);
    }

    proptest::proptest! {
        /// Node months: every row adds up to the child's quarter and every column to the
        /// parent's month, zero stays zero, no cell is two units off, and one unit off is rare.
        #[test]
        fn months_of_siblings_add_up_both_ways(
            quarters in proptest::collection::vec(0i64..2_000_000, 1..40),
            weights in proptest::array::uniform3(0i64..40),
        ) {
            proptest::prop_assume!(weights.iter().sum::<i64>() > 0);
            let (rows, row_units, cols) = months_table(&quarters, weights);
            let got = round_table(&rows, &row_units, &cols, Step::YI_2);
            let far = check_table(&rows, &row_units, &cols, &got);
            proptest::prop_assert!(far == 0, "{} cells a unit or more off", far);
        }
    }
}
