//! Days, quarters and time progress (时间进度).

use super::num::Dec;

/// Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_year(year: i32) -> u32 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

/// Calendar days of each quarter: Q1 has 90 days, 91 in a leap year.
pub fn quarter_days(year: i32) -> [u32; 4] {
    [if is_leap(year) { 91 } else { 90 }, 91, 92, 92]
}

/// Day of the week of 1 January (0 = Monday … 6 = Sunday), Gregorian.
fn new_year_weekday(year: i32) -> u32 {
    // Days from 1 January 2001 (a Monday) to 1 January of `year`, in whole 400-year cycles
    // of 146,097 days so that any year in range counts the same way.
    let y = i64::from(year) - 1;
    let days = y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400);
    // 1 January of year 1 (proleptic Gregorian) was a Monday: day 0.
    days.rem_euclid(7) as u32
}

/// Monday-to-Friday days of each quarter, holidays not taken off: a starting point for
/// counting daily quotas over working days (the office then takes off its own holidays).
pub fn weekdays(year: i32) -> [u32; 4] {
    let mut weekday = new_year_weekday(year);
    quarter_days(year).map(|days| {
        let mut count = 0;
        for _ in 0..days {
            if weekday < 5 {
                count += 1;
            }
            weekday = (weekday + 1) % 7;
        }
        count
    })
}

/// Days elapsed at the end of each quarter.
pub fn days_elapsed(year: i32) -> [u32; 4] {
    let days = quarter_days(year);
    let mut elapsed = 0;
    days.map(|d| {
        elapsed += d;
        elapsed
    })
}

/// Time progress at the end of each quarter: days elapsed / days in the year, floored to
/// twenty places (a single division, so it rounds exactly).
pub fn time_progress(year: i32) -> [Dec; 4] {
    let total = i128::from(days_in_year(year));
    days_elapsed(year).map(|e| Dec::ratio(i128::from(e), total).unwrap_or(Dec::ZERO))
}

/// 一季度 … 四季度
pub fn quarter_zh(quarter: usize) -> &'static str {
    ["一季度", "二季度", "三季度", "四季度"][quarter.min(3)]
}

/// Q1 … Q4
pub fn quarter_en(quarter: usize) -> &'static str {
    ["Q1", "Q2", "Q3", "Q4"][quarter.min(3)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap(2024));
        assert!(!is_leap(2022));
        assert!(!is_leap(2100));
        assert!(is_leap(2000));
    }

    #[test]
    fn quarters_add_up_to_the_year() {
        for year in [2022, 2024, 2100] {
            let days: u32 = quarter_days(year).iter().sum();
            assert_eq!(days, days_in_year(year), "{year}");
        }
        assert_eq!(quarter_days(2022)[0], 90);
        assert_eq!(quarter_days(2024)[0], 91);
    }

    #[test]
    fn time_progress_of_the_worked_example() {
        use crate::num::Step;
        let p = time_progress(2022);
        assert_eq!(p[0], Dec::ratio(90, 365).unwrap());
        assert_eq!(p[0].units(Step::PERCENT_2), 2466);
        assert_eq!(p[3], Dec::ONE);
        let leap = time_progress(2024);
        assert_eq!(leap[0], Dec::ratio(91, 366).unwrap());
        assert_eq!(leap[1], Dec::ratio(182, 366).unwrap());
        assert_eq!(days_elapsed(2024), [91, 182, 274, 366]);
    }

    #[test]
    fn weekdays_of_known_years() {
        // 1 January: 2000 a Saturday, 2001 and 2024 a Monday, 2022 a Saturday.
        assert_eq!(new_year_weekday(2000), 5);
        assert_eq!(new_year_weekday(2001), 0);
        assert_eq!(new_year_weekday(2022), 5);
        assert_eq!(new_year_weekday(2024), 0);
        // January 2022 21 + February 20 + March 23; 2024: 23 + 21 + 21.
        assert_eq!(weekdays(2022)[0], 64);
        assert_eq!(weekdays(2024)[0], 65);
        assert_eq!(weekdays(2022).iter().sum::<u32>(), 260);
        assert_eq!(weekdays(2024).iter().sum::<u32>(), 262);
        for year in 2000..=2100 {
            let (w, d) = (weekdays(year), quarter_days(year));
            assert!(
                (0..4).all(|q| w[q] <= d[q] && w[q] * 7 >= d[q] * 5 - 10),
                "{year}"
            );
        }
    }
}
