//! Facts: what happened outside the board and was recorded on a card (a payment, a completed
//! request or task). A row of the transition table may move a card by itself on one.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{RequestKind, is_code};
use crate::error::FieldError;


const PAYMENT_RECEIVED: &str = "payment_received";
const REQUEST_COMPLETED: &str = "request_completed:";
const TASK_COMPLETED: &str = "task_completed:";
const DOCUMENTS: &str = "documents:";
const FINANCE: &str = "finance:";
const PRODUCTION: &str = "production:";

crate::named_enum! {
    /// What a deal's documents came to (issue 10): the offer was e-mailed; the contract and the
    /// invoice are both made (or only the invoice, when the client has a signed contract in force);
    /// both were e-mailed; the contract is signed.
    pub enum DocumentFact {
        OfferSent,
        Prepared,
        Sent,
        Signed,
    }
}

impl DocumentFact {
    /// As a Russian clause: «КП отправлено клиенту».
    pub fn happened_ru(self) -> &'static str {
        match self {
            DocumentFact::OfferSent => "КП отправлено клиенту",
            DocumentFact::Prepared => "договор и счёт подготовлены",
            DocumentFact::Sent => "договор и счёт отправлены клиенту",
            DocumentFact::Signed => "договор подписан",
        }
    }

    /// What has to happen, to follow «после»: «отправки КП клиенту по почте».
    pub fn awaited_ru(self) -> &'static str {
        match self {
            DocumentFact::OfferSent => "отправки КП клиенту из вкладки «Документы»",
            DocumentFact::Prepared => "подготовки договора и счёта во вкладке «Документы»",
            DocumentFact::Sent => "отправки договора и счёта клиенту из вкладки «Документы»",
            DocumentFact::Signed => "подписания договора (скан приложен, договор подписан)",
        }
    }
}

crate::named_enum! {
    /// What a deal's invoices, payments and shipments came to (issue 11; seed 001 §5.2): every
    /// invoice shipped but not all paid (deferred payment), or every invoice shipped and paid.
    pub enum FinanceFact {
        ShippedUnpaid,
        Settled,
    }
}

impl FinanceFact {
    /// As a Russian clause.
    pub fn happened_ru(self) -> &'static str {
        match self {
            FinanceFact::ShippedUnpaid => "заказ отгружен, но оплачен не полностью",
            FinanceFact::Settled => "все счета отгружены и оплачены",
        }
    }

    /// What has to happen, to follow «после».
    pub fn awaited_ru(self) -> &'static str {
        match self {
            FinanceFact::ShippedUnpaid => "отгрузки по всем счетам сделки (оплата — позже, по отсрочке)",
            FinanceFact::Settled => "отгрузки и полной оплаты всех счетов сделки",
        }
    }
}

crate::named_enum! {
    /// What a deal's production orders came to (issue 12; seed 000 «Передано в отдел логистики»,
    /// «Заказ в работе»): an order was given to a production, a production accepted one.
    pub enum ProductionFact {
        OrderAssigned,
        OrderAccepted,
    }
}

impl ProductionFact {
    /// As a Russian clause.
    pub fn happened_ru(self) -> &'static str {
        match self {
            ProductionFact::OrderAssigned => "заказ распределён на производство",
            ProductionFact::OrderAccepted => "производство приняло заказ",
        }
    }

    /// What has to happen, to follow «после».
    pub fn awaited_ru(self) -> &'static str {
        match self {
            ProductionFact::OrderAssigned => "распределения заказа на производство (вкладка «Производство»)",
            ProductionFact::OrderAccepted => "принятия заказа производством",
        }
    }
}

/// Something that happened outside the board and was recorded on the card: a payment,
/// a completed request or task. Serialises as a plain string (`"payment_received"`,
/// `"request_completed:design"`, `"task_completed:first_call"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fact(String);

/// What a [`Fact`] says, for matching on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind<'a> {
    PaymentReceived,
    RequestCompleted(RequestKind),
    TaskCompleted(&'a str),
    Documents(DocumentFact),
    Finance(FinanceFact),
    Production(ProductionFact),
}

impl Fact {
    /// The accountant registered the client's payment.
    pub fn payment_received() -> Fact {
        Fact(PAYMENT_RECEIVED.to_owned())
    }

    /// The card's latest request of this kind was completed.
    pub fn request_completed(kind: RequestKind) -> Fact {
        Fact(format!("{REQUEST_COMPLETED}{}", kind.as_str()))
    }

    /// The task with this code (from a `CreateTask` effect of the pipeline) was completed.
    pub fn task_completed(code: &str) -> Fact {
        Fact(format!("{TASK_COMPLETED}{code}"))
    }

    /// The deal's documents came to this point.
    pub fn documents(f: DocumentFact) -> Fact {
        Fact(format!("{DOCUMENTS}{}", f.as_str()))
    }

    /// The deal's invoices came to this point.
    pub fn finance(f: FinanceFact) -> Fact {
        Fact(format!("{FINANCE}{}", f.as_str()))
    }

    /// The deal's production orders came to this point.
    pub fn production(f: ProductionFact) -> Fact {
        Fact(format!("{PRODUCTION}{}", f.as_str()))
    }

    /// Accepts exactly `payment_received`, `request_completed:<request kind>` and
    /// `task_completed:<code>` (code as for stage codes).
    pub fn parse(input: &str) -> Result<Fact, FieldError> {
        let ok = input == PAYMENT_RECEIVED
            || input
                .strip_prefix(REQUEST_COMPLETED)
                .is_some_and(|k| RequestKind::parse(k).is_some())
            || input.strip_prefix(TASK_COMPLETED).is_some_and(is_code)
            || input.strip_prefix(DOCUMENTS).is_some_and(|d| DocumentFact::parse(d).is_some())
            || input.strip_prefix(FINANCE).is_some_and(|f| FinanceFact::parse(f).is_some())
            || input.strip_prefix(PRODUCTION).is_some_and(|f| ProductionFact::parse(f).is_some());
        if ok {
            Ok(Fact(input.to_owned()))
        } else {
            Err(FieldError::new(
                "invalid_value",
                "Событие: payment_received, request_completed:delivery_cost, request_completed:design, documents:offer_sent, documents:prepared, documents:sent, documents:signed, finance:shipped_unpaid, finance:settled, production:order_assigned, production:order_accepted или task_completed:<код задачи>",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> FactKind<'_> {
        if self.0 == PAYMENT_RECEIVED {
            return FactKind::PaymentReceived;
        }
        if let Some(k) = self
            .0
            .strip_prefix(REQUEST_COMPLETED)
            .and_then(RequestKind::parse)
        {
            return FactKind::RequestCompleted(k);
        }
        if let Some(d) = self.0.strip_prefix(DOCUMENTS).and_then(DocumentFact::parse) {
            return FactKind::Documents(d);
        }
        if let Some(f) = self.0.strip_prefix(FINANCE).and_then(FinanceFact::parse) {
            return FactKind::Finance(f);
        }
        if let Some(f) = self.0.strip_prefix(PRODUCTION).and_then(ProductionFact::parse) {
            return FactKind::Production(f);
        }
        FactKind::TaskCompleted(self.0.strip_prefix(TASK_COMPLETED).unwrap_or(&self.0))
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Fact {
    type Err = FieldError;
    fn from_str(s: &str) -> Result<Self, FieldError> {
        Self::parse(s)
    }
}

impl Serialize for Fact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Fact::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Fact {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(
                "^(payment_received|request_completed:(delivery_cost|design)|documents:(offer_sent|prepared|sent|signed)|finance:(shipped_unpaid|settled)|production:(order_assigned|order_accepted)|task_completed:[a-z][a-z0-9_]{0,39})$",
            ))
            .examples(["payment_received", "request_completed:design", "task_completed:first_call"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Fact {}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_parse_exactly_the_four_shapes() {
        let cases = [
            ("payment_received", Some(FactKind::PaymentReceived)),
            (
                "request_completed:delivery_cost",
                Some(FactKind::RequestCompleted(RequestKind::DeliveryCost)),
            ),
            (
                "request_completed:design",
                Some(FactKind::RequestCompleted(RequestKind::Design)),
            ),
            (
                "task_completed:first_call",
                Some(FactKind::TaskCompleted("first_call")),
            ),
            ("task_completed:a", Some(FactKind::TaskCompleted("a"))),
            ("documents:offer_sent", Some(FactKind::Documents(DocumentFact::OfferSent))),
            ("documents:signed", Some(FactKind::Documents(DocumentFact::Signed))),
            ("documents:", None),
            ("documents:invoice", None),
            ("finance:settled", Some(FactKind::Finance(FinanceFact::Settled))),
            ("finance:shipped_unpaid", Some(FactKind::Finance(FinanceFact::ShippedUnpaid))),
            ("production:order_assigned", Some(FactKind::Production(ProductionFact::OrderAssigned))),
            ("production:order_accepted", Some(FactKind::Production(ProductionFact::OrderAccepted))),
            ("production:shipped", None),
            ("finance:paid", None),
            ("payment_received ", None),
            ("Payment_received", None),
            ("request_completed:", None),
            ("request_completed:invoice", None),
            ("task_completed:", None),
            ("task_completed:First", None),
            ("task_completed:1call", None),
            ("task_completed:a-b", None),
            ("", None),
        ];
        for (input, kind) in cases {
            let parsed = Fact::parse(input);
            assert_eq!(parsed.as_ref().ok().map(Fact::kind), kind, "{input:?}");
            if let Ok(fact) = parsed {
                assert_eq!(fact.as_str(), input);
            }
        }
        assert_eq!(Fact::payment_received().as_str(), "payment_received");
        assert_eq!(
            Fact::request_completed(RequestKind::DeliveryCost).as_str(),
            "request_completed:delivery_cost"
        );
        assert_eq!(
            Fact::request_completed(RequestKind::Design).as_str(),
            "request_completed:design"
        );
        assert_eq!(
            Fact::task_completed("first_call").as_str(),
            "task_completed:first_call"
        );
        assert_eq!(
            serde_json::to_value(Fact::payment_received()).ok(),
            Some(serde_json::json!("payment_received"))
        );
    }

}
