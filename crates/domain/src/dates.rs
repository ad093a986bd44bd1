//! The dates the business deals in: from 2000 to 2099. A date a person or an integrator types
//! outside that window (`0001-01-01`, `9999-12-31`, a payment of 1900) is a typo, not a record,
//! and no database has to store it.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::FieldError;

/// The first day the business deals in.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The last day the business deals in.
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

fn out_of_window() -> FieldError {
    FieldError::new("out_of_range", "Дата — с 01.01.2000 по 31.12.2099")
}

/// A date inside the window.
pub fn date(d: NaiveDate) -> Result<NaiveDate, FieldError> {
    if (EARLIEST..=LATEST).contains(&d) { Ok(d) } else { Err(out_of_window()) }
}

/// An instant whose (UTC) day is inside the window.
pub fn instant(t: DateTime<Utc>) -> Result<DateTime<Utc>, FieldError> {
    date(t.date_naive()).map(|_| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn dates_from_2000_to_2099_are_taken() {
        for ok in [d(2000, 1, 1), d(2026, 11, 29), d(2099, 12, 31)] {
            assert_eq!(date(ok), Ok(ok));
        }
    }

    #[test]
    fn absurd_dates_are_refused_not_stored() {
        for bad in [d(1, 1, 1), d(1900, 5, 1), d(1999, 12, 31), d(2100, 1, 1), d(9999, 12, 31), NaiveDate::MIN] {
            assert_eq!(date(bad).map_err(|e| e.code), Err("out_of_range"), "{bad}");
        }
        let far = DateTime::<Utc>::MAX_UTC;
        assert_eq!(instant(far).map_err(|e| e.code), Err("out_of_range"));
    }
}
