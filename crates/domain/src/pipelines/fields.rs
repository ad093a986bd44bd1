//! The card fields a guard may name. The engine never reads their values: the caller says which
//! are filled ([`CardState::filled`](super::CardState::filled)).

use serde::Serialize;

use super::definition::PipelineKind;

/// What a field holds (a `DaysBeforeField` due date needs a `Date` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Bool,
    Date,
    Money,
    Number,
    Reference,
}

/// A field of a lead or deal card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CardField {
    pub code: &'static str,
    pub kind: FieldKind,
    pub name_ru: &'static str,
    pub name_en: &'static str,
}

const fn f(
    code: &'static str,
    kind: FieldKind,
    name_ru: &'static str,
    name_en: &'static str,
) -> CardField {
    CardField {
        code,
        kind,
        name_ru,
        name_en,
    }
}

use FieldKind::*;

#[rustfmt::skip]
const LEAD_FIELDS: &[CardField] = &[
    f("responsible",             Reference, "Ответственный",                        "Responsible"),
    f("client",                  Reference, "Клиент",                               "Client"),
    f("contact",                 Text,      "Телефон или e-mail",                   "Phone or e-mail"),
    f("company_name",            Text,      "Компания",                             "Company"),
    f("price_range",             Text,      "Вилка цен",                            "Price range"),
    f("offer_details",           Text,      "Сведения для КП",                      "Details for the offer"),
    f("agreed_individual_offer", Bool,      "Клиент согласен на индивидуальное КП", "Client agreed to an individual offer"),
    f("agreed_design",           Bool,      "Клиент согласен на дизайн-макет",      "Client agreed to a design mock-up"),
    f("expected_revenue",        Money,     "Ожидаемая выручка",                    "Expected revenue"),
];

#[rustfmt::skip]
const DEAL_FIELDS: &[CardField] = &[
    f("responsible",           Reference, "Ответственный",         "Responsible"),
    f("client",                Reference, "Клиент",                "Client"),
    f("counterparty",          Reference, "Контрагент",            "Counterparty"),
    f("expected_revenue",      Money,     "Ожидаемая выручка",     "Expected revenue"),
    f("delivery_address",      Text,      "Адрес доставки",        "Delivery address"),
    f("offer_details",         Text,      "Сведения для КП",       "Details for the offer"),
    f("promised_payment_date", Date,      "Обещанная дата оплаты", "Promised payment date"),
    f("review_score",          Number,    "Оценка работы",         "Review score"),
];

/// Every field a card of this kind has, in form order.
pub fn fields_for(kind: PipelineKind) -> &'static [CardField] {
    match kind {
        PipelineKind::Lead => LEAD_FIELDS,
        PipelineKind::Deal => DEAL_FIELDS,
    }
}

/// The field with this code on a card of this kind.
pub fn field(kind: PipelineKind, code: &str) -> Option<&'static CardField> {
    fields_for(kind).iter().find(|f| f.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn field_codes_are_unique_per_kind() {
        for kind in [PipelineKind::Lead, PipelineKind::Deal] {
            let codes: BTreeSet<&str> = fields_for(kind).iter().map(|f| f.code).collect();
            assert_eq!(codes.len(), fields_for(kind).len(), "{kind:?}");
        }
    }

    #[test]
    fn field_looks_up_by_code_within_the_kind() {
        assert_eq!(
            field(PipelineKind::Lead, "price_range").map(|f| f.name_ru),
            Some("Вилка цен")
        );
        assert_eq!(field(PipelineKind::Deal, "price_range"), None);
        assert_eq!(
            field(PipelineKind::Deal, "promised_payment_date").map(|f| f.kind),
            Some(FieldKind::Date)
        );
        assert_eq!(field(PipelineKind::Lead, "counterparty"), None);
    }

    #[test]
    fn both_kinds_have_a_responsible_and_a_client() {
        for kind in [PipelineKind::Lead, PipelineKind::Deal] {
            assert!(field(kind, "responsible").is_some_and(|f| f.kind == FieldKind::Reference));
            assert!(field(kind, "client").is_some_and(|f| f.kind == FieldKind::Reference));
        }
    }
}
