//! VAT (НДС) on offers, invoices and contracts.
//!
//! The standard rate is 20 % for a document dated up to 31.12.2025 and 22 % for one dated
//! 01.01.2026 or later (Federal Law 425-FZ of 28.11.2025). The rate of a line follows the date of
//! its document, not the day it is printed: a 2025 invoice keeps its 20 % forever.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::FieldError;

/// The first day of the 22 % standard rate.
pub const VAT22_SINCE: NaiveDate = match NaiveDate::from_ymd_opt(2026, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

crate::named_enum! {
    /// The VAT rate of a document line. Ordered from the highest rate to «без НДС» (the order of
    /// the per-rate breakdown on a printed invoice).
    pub enum VatRate {
        /// 22 %: the standard rate since 01.01.2026.
        Vat22,
        /// 20 %: the standard rate up to 31.12.2025.
        Vat20,
        /// 10 %: the reduced rate.
        Vat10,
        /// 0 %: export and the like; printed as «0 %», unlike «Без НДС».
        Vat0,
        /// Not subject to VAT (exempt, or a seller on the simplified system): «Без НДС».
        None,
    }
}

impl VatRate {
    /// The rate in percent; `None` for «без НДС».
    pub fn percent(self) -> Option<Decimal> {
        match self {
            VatRate::Vat22 => Some(Decimal::from(22)),
            VatRate::Vat20 => Some(Decimal::from(20)),
            VatRate::Vat10 => Some(Decimal::from(10)),
            VatRate::Vat0 => Some(Decimal::ZERO),
            VatRate::None => Option::None,
        }
    }

    /// As printed in the VAT column: «22 %», «0 %», «Без НДС».
    pub fn label_ru(self) -> &'static str {
        match self {
            VatRate::Vat22 => "22 %",
            VatRate::Vat20 => "20 %",
            VatRate::Vat10 => "10 %",
            VatRate::Vat0 => "0 %",
            VatRate::None => "Без НДС",
        }
    }

    /// The standard rate in force on `date`: 20 % before 2026, 22 % since 01.01.2026.
    pub fn standard_on(date: NaiveDate) -> VatRate {
        if date < VAT22_SINCE {
            VatRate::Vat20
        } else {
            VatRate::Vat22
        }
    }

    /// A rate code a person or an integrator sent for a document dated `date`.
    ///
    /// An unknown code is `invalid_value` listing the allowed codes. A standard rate that is not
    /// in force on `date` is `invalid_value` too: 22 % before 2026, 20 % from 2026 on (the
    /// message names the date and the rate in force then).
    pub fn parse_for(date: NaiveDate, code: &str) -> Result<VatRate, FieldError> {
        let code = code.trim();
        let Some(rate) = VatRate::parse(code) else {
            return Err(FieldError::new(
                "invalid_value",
                format!(
                    "Неизвестная ставка НДС «{code}». {}",
                    <VatRate as crate::Named>::allowed_ru()
                ),
            ));
        };
        let standard = VatRate::standard_on(date);
        if matches!(rate, VatRate::Vat22 | VatRate::Vat20) && rate != standard {
            return Err(FieldError::new(
                "invalid_value",
                format!(
                    "Ставка НДС {} не действует на {}: в это время действует ставка {}",
                    rate.label_ru(),
                    date.format("%d.%m.%Y"),
                    standard.label_ru()
                ),
            ));
        }
        Ok(rate)
    }
}

crate::named_enum! {
    /// How a catalogue item is taxed; the rate of a line follows from it and the document date.
    pub enum VatKind {
        /// The standard rate: 20 % before 2026, 22 % since 01.01.2026.
        Standard,
        /// The reduced rate, 10 %.
        Reduced,
        /// The zero rate, 0 %.
        Zero,
        /// Not subject to VAT: «Без НДС».
        Exempt,
    }
}

impl VatKind {
    /// The rate of this kind for a document dated `date`.
    pub fn rate_on(self, date: NaiveDate) -> VatRate {
        match self {
            VatKind::Standard => VatRate::standard_on(date),
            VatKind::Reduced => VatRate::Vat10,
            VatKind::Zero => VatRate::Vat0,
            VatKind::Exempt => VatRate::None,
        }
    }

    /// Name shown to users.
    pub fn name_ru(self) -> &'static str {
        match self {
            VatKind::Standard => "Основная ставка",
            VatKind::Reduced => "Льготная ставка 10 %",
            VatKind::Zero => "Ставка 0 %",
            VatKind::Exempt => "Без НДС",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn rate_and_kind_names_agree_between_serde_and_strum() {
        crate::names::assert_names_agree::<VatRate>();
        crate::names::assert_names_agree::<VatKind>();
        let names: Vec<&str> = VatRate::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names, ["vat22", "vat20", "vat10", "vat0", "none"]);
    }

    #[test]
    fn percent_is_none_only_for_no_vat() {
        assert_eq!(VatRate::Vat22.percent(), Some(Decimal::from(22)));
        assert_eq!(VatRate::Vat20.percent(), Some(Decimal::from(20)));
        assert_eq!(VatRate::Vat10.percent(), Some(Decimal::from(10)));
        assert_eq!(VatRate::Vat0.percent(), Some(Decimal::ZERO));
        assert_eq!(VatRate::None.percent(), Option::None);
    }

    #[test]
    fn labels_are_printed_with_a_percent_sign_or_without_vat() {
        assert_eq!(VatRate::Vat22.label_ru(), "22 %");
        assert_eq!(VatRate::Vat0.label_ru(), "0 %");
        assert_eq!(VatRate::None.label_ru(), "Без НДС");
    }

    #[test]
    fn standard_rate_is_20_in_2025_and_22_since_1_january_2026() {
        assert_eq!(VatKind::Standard.rate_on(d(2025, 12, 31)), VatRate::Vat20);
        assert_eq!(VatKind::Standard.rate_on(d(2026, 1, 1)), VatRate::Vat22);
        assert_eq!(VatKind::Standard.rate_on(d(2026, 11, 30)), VatRate::Vat22);
    }

    #[test]
    fn reduced_zero_and_exempt_kinds_do_not_depend_on_the_date() {
        for date in [d(2025, 6, 1), d(2026, 6, 1)] {
            assert_eq!(VatKind::Reduced.rate_on(date), VatRate::Vat10);
            assert_eq!(VatKind::Zero.rate_on(date), VatRate::Vat0);
            assert_eq!(VatKind::Exempt.rate_on(date), VatRate::None);
        }
    }

    #[test]
    fn vat_22_is_refused_for_a_2025_document() {
        let e = VatRate::parse_for(d(2025, 12, 31), "vat22").expect_err("22 % in 2025");
        assert_eq!(e.code, "invalid_value");
        assert_eq!(
            e.message,
            "Ставка НДС 22 % не действует на 31.12.2025: в это время действует ставка 20 %"
        );
    }

    #[test]
    fn vat_20_is_refused_for_a_2026_document() {
        let e = VatRate::parse_for(d(2026, 1, 1), "vat20").expect_err("20 % in 2026");
        assert_eq!(e.code, "invalid_value");
        assert_eq!(
            e.message,
            "Ставка НДС 20 % не действует на 01.01.2026: в это время действует ставка 22 %"
        );
    }

    #[test]
    fn the_rate_in_force_and_the_other_rates_are_accepted_on_any_date() {
        assert_eq!(
            VatRate::parse_for(d(2025, 3, 1), "vat20"),
            Ok(VatRate::Vat20)
        );
        assert_eq!(
            VatRate::parse_for(d(2026, 3, 1), " vat22 "),
            Ok(VatRate::Vat22)
        );
        for date in [d(2025, 3, 1), d(2026, 3, 1)] {
            assert_eq!(VatRate::parse_for(date, "vat10"), Ok(VatRate::Vat10));
            assert_eq!(VatRate::parse_for(date, "vat0"), Ok(VatRate::Vat0));
            assert_eq!(VatRate::parse_for(date, "none"), Ok(VatRate::None));
        }
    }

    #[test]
    fn an_unknown_vat_code_is_refused_listing_the_allowed_ones() {
        let e = VatRate::parse_for(d(2026, 3, 1), "18").expect_err("18 %");
        assert_eq!(e.code, "invalid_value");
        assert_eq!(
            e.message,
            "Неизвестная ставка НДС «18». Допустимые значения: vat22, vat20, vat10, vat0, none"
        );
    }
}
