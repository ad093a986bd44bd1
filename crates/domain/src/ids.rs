//! Newtype ids: one type per entity, so a `ClientId` can never be passed where a `DealId` goes.
//! They travel as plain UUIDs (JSON strings); the API's schemas keep `format: uuid`.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! ids {
    ($($(#[$meta:meta])* $name:ident),* $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

ids! {
    /// The head company or a franchise production.
    OrganizationId,
    UserId,
    ApiKeyId,
    ClientId,
    CounterpartyId,
    ContactId,
    BankAccountId,
    PipelineId,
    LeadId,
    DealId,
    /// A request to another department.
    RequestId,
    TaskId,
    FileId,
    /// An offer, contract, invoice, work order or delivery notice.
    DocumentId,
    /// Money in or out: a bank payment order or a cash order.
    PaymentId,
    /// What was shipped against an invoice (реализация / УПД).
    ShipmentId,
    /// One imported bank statement file.
    StatementId,
    /// A deal's tiles (or part of them) given to one franchise production to make and ship.
    ProductionOrderId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_travel_as_plain_uuids() {
        let raw = Uuid::from_u128(42);
        let id = DealId::from(raw);
        assert_eq!(serde_json::to_value(id).ok(), Some(serde_json::json!(raw.to_string())));
        assert_eq!(serde_json::from_value::<DealId>(serde_json::json!(raw.to_string())).ok(), Some(id));
        assert_eq!(Uuid::from(id), raw);
        assert_eq!(id.to_string(), raw.to_string());
    }
}
