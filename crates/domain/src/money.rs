//! Money: an exact amount in roubles and kopecks. Stored as integer kopecks ("minor units"),
//! shown and exchanged as a decimal string such as `"125000.50"`.

use rust_decimal::Decimal;

use crate::error::FieldError;

/// A non-negative amount with at most two decimal places (kopecks), below 10 trillion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    /// Whole roubles at most (plus kopecks): enough for any deal, far inside `i64` kopecks.
    pub const MAX_ROUBLES: i64 = 9_999_999_999_999;

    /// Checks an amount a person or an integrator entered.
    pub fn parse(amount: Decimal) -> Result<Money, FieldError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(FieldError::new("out_of_range", "Сумма не может быть отрицательной"));
        }
        if amount.normalize().scale() > 2 {
            return Err(FieldError::new("invalid_format", "Не более двух знаков после запятой (копейки)"));
        }
        if amount >= Decimal::from(Self::MAX_ROUBLES + 1) {
            return Err(FieldError::new("out_of_range", "Слишком большая сумма"));
        }
        Ok(Money(amount.round_dp(2)))
    }

    /// An amount as people type it: `125000.50`, `125 000,50`, `12,5` (spaces of any kind between
    /// digit groups, a comma or a point before kopecks).
    pub fn parse_text(input: &str) -> Result<Money, FieldError> {
        let cleaned: String = input.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').map(|c| if c == ',' { '.' } else { c }).collect();
        let valid = !cleaned.is_empty() && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') && cleaned.matches('.').count() <= 1;
        let amount = valid.then(|| cleaned.parse::<Decimal>().ok()).flatten();
        amount.map_or_else(|| Err(FieldError::new("invalid_format", "Введите сумму цифрами, например 125000,50")), Money::parse)
    }

    /// An amount read back from storage.
    pub fn from_minor(kopecks: i64) -> Money {
        Money(Decimal::new(kopecks, 2))
    }

    /// Whole kopecks, as stored.
    pub fn minor(&self) -> i64 {
        // Exact: at most two decimal places and below MAX_ROUBLES, checked in `parse`.
        let scaled = self.0 * Decimal::ONE_HUNDRED;
        i64::try_from(scaled.trunc()).unwrap_or(i64::MAX)
    }

    /// The amount, always with two decimal places.
    pub fn amount(&self) -> Decimal {
        let mut d = self.0;
        d.rescale(2);
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal literal")
    }

    #[test]
    fn kopecks_round_trip_exactly() {
        for s in ["0", "0.01", "1.10", "125000.50", "9999999999999.99"] {
            let m = Money::parse(dec(s)).expect(s);
            assert_eq!(Money::from_minor(m.minor()), m, "{s}");
        }
        assert_eq!(Money::parse(dec("125000.5")).map(|m| m.minor()), Ok(12_500_050));
    }

    #[test]
    fn amount_always_shows_two_decimal_places() {
        assert_eq!(Money::from_minor(12_500_050).amount().to_string(), "125000.50");
        assert_eq!(Money::parse(dec("7")).map(|m| m.amount().to_string()), Ok("7.00".to_owned()));
    }

    #[test]
    fn fractions_of_a_kopeck_are_refused_not_rounded() {
        assert_eq!(Money::parse(dec("10.005")).map_err(|e| e.code), Err("invalid_format"));
        assert!(Money::parse(dec("10.500")).is_ok(), "trailing zeros are not fractions of a kopeck");
    }

    #[test]
    fn typed_amounts_accept_a_comma_and_digit_group_spaces() {
        for (typed, kopecks) in [("125000.50", 12_500_050), ("125 000,50", 12_500_050), ("12,5", 1_250), ("1\u{a0}000", 100_000), (" 7 ", 700)] {
            assert_eq!(Money::parse_text(typed).map(|m| m.minor()), Ok(kopecks), "{typed:?}");
        }
    }

    #[test]
    fn typed_text_that_is_not_an_amount_is_refused() {
        for typed in ["", "abc", "12.5.1", "1e5", "12,345,6"] {
            assert_eq!(Money::parse_text(typed).map_err(|e| e.code), Err("invalid_format"), "{typed:?}");
        }
        assert_eq!(Money::parse_text("-5").map_err(|e| e.code), Err("out_of_range"));
    }

    #[test]
    fn negative_and_huge_amounts_are_refused() {
        assert_eq!(Money::parse(dec("-0.01")).map_err(|e| e.code), Err("out_of_range"));
        assert_eq!(Money::parse(dec("10000000000000")).map_err(|e| e.code), Err("out_of_range"));
    }
}
