//! Clients: who buys (a company or a person), their counterparties (the legal parties documents
//! are made out to, with requisites), contact persons and bank accounts.

pub mod commands;
mod counterparty;
pub mod requisites;

pub use counterparty::{CounterpartyDraft, Requisites};
pub use requisites::{AccountNumber, Bik, Email, Inn, Kpp, Ogrn, Okpo, Phone, normalize_company_name, text};

crate::named_enum! {
    /// `legal` (company) or `person`.
    pub enum PersonKind {
        Legal,
        Person,
    }
}

crate::named_enum! {
    /// The relationship with the client.
    pub enum Relationship {
        Prospect,
        Client,
        Partner,
    }
}

crate::named_enum! {
    /// Legal form of a counterparty.
    pub enum CounterpartyKind {
        LegalEntity,
        SoleTrader,
        Person,
    }
}

crate::named_enum! {
    /// What a history entry records.
    pub enum AuditAction {
        Create,
        Update,
        Delete,
        Approve,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::assert_names_agree;

    #[test]
    fn client_value_sets_have_their_documented_names() {
        assert_names_agree::<PersonKind>();
        assert_names_agree::<Relationship>();
        assert_names_agree::<CounterpartyKind>();
        assert_names_agree::<AuditAction>();
        assert_eq!(CounterpartyKind::SoleTrader.as_str(), "sole_trader");
    }
}

