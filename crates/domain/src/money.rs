//! Money: an exact amount in a currency. Stored as integer kopecks ("minor units") beside its
//! currency, shown and exchanged as a decimal string such as `"125000.50"`.

use rust_decimal::Decimal;

use crate::error::FieldError;

/// The currency of an amount: roubles by default; supplier prices may be in euros or dollars.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
    strum::EnumString, strum::IntoStaticStr,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
#[strum(serialize_all = "UPPERCASE")]
pub enum Currency {
    #[default]
    Rub,
    Eur,
    Usd,
}

impl Currency {
    pub const ALL: &'static [Currency] = &[Currency::Rub, Currency::Eur, Currency::Usd];

    /// The ISO code: `RUB`, `EUR`, `USD`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(code: &str) -> Option<Currency> {
        code.parse().ok()
    }
}

impl crate::Named for Currency {
    fn as_str(self) -> &'static str {
        Currency::as_str(self)
    }
    fn parse(name: &str) -> Option<Self> {
        Currency::parse(name)
    }
    fn all() -> &'static [Self] {
        Currency::ALL
    }
}

/// A non-negative amount in a currency, with at most two decimal places (kopecks, cents), below
/// 10 trillion. The business has no negative amounts yet: `parse` and `from_minor` refuse them (a
/// refund, when finance comes, is its own type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Whole units at most (plus hundredths): enough for any deal, far inside `i64` minor units.
    pub const MAX_UNITS: i64 = 9_999_999_999_999;

    /// Checks an amount a person or an integrator entered.
    pub fn parse(amount: Decimal, currency: Currency) -> Result<Money, FieldError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(FieldError::new("out_of_range", "Сумма не может быть отрицательной"));
        }
        if amount.normalize().scale() > 2 {
            return Err(FieldError::new("invalid_format", "Не более двух знаков после запятой (копейки)"));
        }
        if amount >= Decimal::from(Self::MAX_UNITS + 1) {
            return Err(FieldError::new("out_of_range", "Слишком большая сумма"));
        }
        let mut amount = amount.round_dp(2);
        amount.rescale(2);
        Ok(Money { amount, currency })
    }

    /// An amount as people type it: `125000.50`, `125 000,50`, `12,5` (spaces of any kind between
    /// digit groups, a comma or a point before kopecks).
    pub fn parse_text(input: &str, currency: Currency) -> Result<Money, FieldError> {
        let cleaned: String = input.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').map(|c| if c == ',' { '.' } else { c }).collect();
        let valid = !cleaned.is_empty() && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') && cleaned.matches('.').count() <= 1;
        let amount = valid.then(|| cleaned.parse::<Decimal>().ok()).flatten();
        amount.map_or_else(|| Err(FieldError::new("invalid_format", "Введите сумму цифрами, например 125000,50")), |a| Money::parse(a, currency))
    }

    /// Roubles and kopecks as stored (minor units); a negative or oversized value is refused.
    pub fn from_minor(minor: i64, currency: Currency) -> Result<Money, FieldError> {
        Money::parse(Decimal::new(minor, 2), currency)
    }

    /// Nothing, in a currency.
    pub fn zero(currency: Currency) -> Money {
        Money { amount: Decimal::new(0, 2), currency }
    }

    /// Whole minor units (kopecks), as stored.
    pub fn minor(&self) -> i64 {
        // Exact: at most two decimal places and below MAX_UNITS, checked in `parse`.
        i64::try_from(self.amount.mantissa()).unwrap_or(i64::MAX)
    }

    /// The amount, always with two decimal places.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
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
            let m = Money::parse(dec(s), Currency::Rub).expect(s);
            assert_eq!(Money::from_minor(m.minor(), Currency::Rub).expect("stored"), m, "{s}");
        }
        assert_eq!(Money::parse(dec("125000.5"), Currency::Rub).map(|m| m.minor()), Ok(12_500_050));
    }

    #[test]
    fn amount_always_shows_two_decimal_places() {
        assert_eq!(Money::from_minor(12_500_050, Currency::Rub).expect("stored").amount().to_string(), "125000.50");
        assert_eq!(Money::parse(dec("7"), Currency::Rub).map(|m| m.amount().to_string()), Ok("7.00".to_owned()));
    }

    #[test]
    fn fractions_of_a_kopeck_are_refused_not_rounded() {
        assert_eq!(Money::parse(dec("10.005"), Currency::Rub).map_err(|e| e.code), Err("invalid_format"));
        assert!(Money::parse(dec("10.500"), Currency::Rub).is_ok(), "trailing zeros are not fractions of a kopeck");
    }

    #[test]
    fn typed_amounts_accept_a_comma_and_digit_group_spaces() {
        for (typed, kopecks) in [("125000.50", 12_500_050), ("125 000,50", 12_500_050), ("12,5", 1_250), ("1\u{a0}000", 100_000), (" 7 ", 700)] {
            assert_eq!(Money::parse_text(typed, Currency::Rub).map(|m| m.minor()), Ok(kopecks), "{typed:?}");
        }
    }

    #[test]
    fn typed_text_that_is_not_an_amount_is_refused() {
        for typed in ["", "abc", "12.5.1", "1e5", "12,345,6"] {
            assert_eq!(Money::parse_text(typed, Currency::Rub).map_err(|e| e.code), Err("invalid_format"), "{typed:?}");
        }
        assert_eq!(Money::parse_text("-5", Currency::Rub).map_err(|e| e.code), Err("out_of_range"));
    }

    #[test]
    fn negative_and_huge_amounts_are_refused() {
        assert_eq!(Money::parse(dec("-0.01"), Currency::Rub).map_err(|e| e.code), Err("out_of_range"));
        assert_eq!(Money::parse(dec("10000000000000"), Currency::Rub).map_err(|e| e.code), Err("out_of_range"));
    }

    #[test]
    fn stored_amounts_come_back_with_their_currency_and_never_negative() {
        let m = Money::from_minor(1_050, Currency::Eur).expect("stored");
        assert_eq!((m.amount().to_string(), m.currency()), ("10.50".to_owned(), Currency::Eur));
        assert_eq!(Money::from_minor(-1, Currency::Rub).map_err(|e| e.code), Err("out_of_range"));
        assert_eq!(Money::zero(Currency::Rub).minor(), 0);
    }

    #[test]
    fn currencies_are_named_by_their_iso_codes() {
        assert_eq!(Currency::Rub.as_str(), "RUB");
        assert_eq!(Currency::parse("USD"), Some(Currency::Usd));
        assert_eq!(serde_json::to_value(Currency::Eur).ok(), Some(serde_json::json!("EUR")));
    }
}
