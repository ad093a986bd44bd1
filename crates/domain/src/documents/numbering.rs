//! Document kinds and how their numbers are shown.
//!
//! Numbers run per organization, per kind and per calendar year of the document date: the
//! counter lives in persistence, here only the year a document counts in and how its number is
//! printed.

use chrono::{Datelike, NaiveDate};

crate::named_enum! {
    /// A document the system prints and sends.
    pub enum DocumentKind {
        Offer,
        Contract,
        Invoice,
        WorkOrder,
        DeliveryNotice,
    }
}

impl DocumentKind {
    /// The document's title as printed.
    pub fn name_ru(self) -> &'static str {
        match self {
            DocumentKind::Offer => "Коммерческое предложение",
            DocumentKind::Contract => "Договор",
            DocumentKind::Invoice => "Счёт на оплату",
            DocumentKind::WorkOrder => "Заказ-наряд",
            DocumentKind::DeliveryNotice => "Уведомление",
        }
    }

    /// The number as printed: offer «КП-17», contract «17/26» (sequence / two-digit year),
    /// invoice «17», work order «ЗН-17», delivery notice «УВ-17».
    pub fn display_number(self, year: i32, seq: i64) -> String {
        match self {
            DocumentKind::Offer => format!("КП-{seq}"),
            DocumentKind::Contract => format!("{seq}/{:02}", year.rem_euclid(100)),
            DocumentKind::Invoice => seq.to_string(),
            DocumentKind::WorkOrder => format!("ЗН-{seq}"),
            DocumentKind::DeliveryNotice => format!("УВ-{seq}"),
        }
    }
}

/// The numbering year of a document dated `date`.
pub fn year_of(date: NaiveDate) -> i32 {
    date.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_kind_names_agree_between_serde_and_strum() {
        crate::names::assert_names_agree::<DocumentKind>();
    }

    #[test]
    fn documents_have_their_printed_titles() {
        let titles: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.name_ru()).collect();
        assert_eq!(
            titles,
            [
                "Коммерческое предложение",
                "Договор",
                "Счёт на оплату",
                "Заказ-наряд",
                "Уведомление"
            ]
        );
    }

    #[test]
    fn numbers_are_printed_with_the_kind_prefix() {
        assert_eq!(DocumentKind::Offer.display_number(2026, 17), "КП-17");
        assert_eq!(DocumentKind::Invoice.display_number(2026, 17), "17");
        assert_eq!(DocumentKind::WorkOrder.display_number(2026, 17), "ЗН-17");
        assert_eq!(
            DocumentKind::DeliveryNotice.display_number(2026, 17),
            "УВ-17"
        );
    }

    #[test]
    fn a_contract_number_carries_the_two_digit_year() {
        assert_eq!(DocumentKind::Contract.display_number(2026, 17), "17/26");
        assert_eq!(DocumentKind::Contract.display_number(2007, 3), "3/07");
        assert_eq!(DocumentKind::Contract.display_number(2100, 1), "1/00");
    }

    #[test]
    fn numbering_year_is_the_calendar_year_of_the_document_date() {
        assert_eq!(
            year_of(NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")),
            2026
        );
        assert_eq!(
            year_of(NaiveDate::from_ymd_opt(2027, 1, 1).expect("date")),
            2027
        );
    }
}
