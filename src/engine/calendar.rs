//! Days, quarters and time progress (时间进度).

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

/// Time progress at the end of each quarter: days elapsed / days in the year.
pub fn time_progress(year: i32) -> [f64; 4] {
    let days = quarter_days(year);
    let total = f64::from(days_in_year(year));
    let mut elapsed = 0;
    let mut out = [0.0; 4];
    for (q, d) in days.iter().enumerate() {
        elapsed += d;
        out[q] = f64::from(elapsed) / total;
    }
    out
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
        let p = time_progress(2022);
        assert!((p[0] - 90.0 / 365.0).abs() < 1e-15);
        assert!((p[0] - 0.24657).abs() < 1e-5);
        assert_eq!(p[3], 1.0);
        let leap = time_progress(2024);
        assert!((leap[0] - 91.0 / 366.0).abs() < 1e-15);
        assert!((leap[1] - 182.0 / 366.0).abs() < 1e-15);
    }
}
